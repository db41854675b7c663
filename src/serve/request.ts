import type { FastifyError } from 'fastify';
import { KpicastError, OptionError } from '../errors.js';
import { dimensionNames, type SemanticModel } from '../analysis/model.js';
import type { FilterValue } from '../analysis/compile.js';
import { parseFilters } from '../analysis/filters.js';
import { PERIOD_PRESETS, periodRange, type PeriodPreset } from '../analysis/periods.js';
import type { ServeContext } from './context.js';
import { scalarText } from '../util/text.js';

/** A list parameter: `a,b` or repeated `x=a&x=b` (coerced to an array by the schema). */
export const listParam = (description: string) => ({ type: 'array', items: { type: 'string', maxLength: 2000 }, maxItems: 50, description }) as const;
/** A date parameter, `YYYY-MM-DD` (checked again, as a real day, by the library). */
export const dateParam = (description: string) => ({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description }) as const;
/** The download format of a table route. */
export const formatParam = { type: 'string', enum: ['json', 'csv', 'xlsx'], default: 'json', description: 'json ({"rows": [...]}), csv or xlsx' } as const;

/** The error body of every 4xx/5xx: one line. */
export const errorSchema = { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] } as const;

/** A table response: `{"rows": [...]}`, one object per row, the columns as the library names them. */
export const rowsSchema = {
  type: 'object',
  properties: { rows: { type: 'array', items: { type: 'object', additionalProperties: true } } },
  required: ['rows'],
} as const;

/** The items of a list parameter, each split on commas, trimmed, empties dropped. */
export function listOf(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.flatMap((v) => String(v).split(',')).map((s) => s.trim()).filter(Boolean);
}

/** How a list parameter was sent, for an error message: the items joined with commas. */
function sent(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** The metric names of `metrics` (a list parameter), each checked against the model. */
export function metricsParam(model: SemanticModel, value: unknown, parameter = 'metrics'): string[] {
  const names = listOf(value);
  const valid = Object.keys(model.measures);
  if (names.length === 0) throw new OptionError(parameter, sent(value ?? ''), `one or more metrics of model ${model.name}: ${valid.join(', ')}`);
  for (const name of names) if (!Object.hasOwn(model.measures, name)) throw new OptionError(parameter, sent(value), `metrics of model ${model.name}: ${valid.join(', ')}`);
  return names;
}

/** The dimension names of `by`, each checked against the model. */
export function dimensionsParam(model: SemanticModel, value: unknown, parameter = 'by'): string[] {
  const names = listOf(value);
  const valid = dimensionNames(model);
  for (const name of names) if (!valid.includes(name)) throw new OptionError(parameter, sent(value), `dimensions of model ${model.name}: ${valid.join(', ')}`);
  return names;
}

/**
 * The filters of `filter=dim=value` (repeatable; `dim=a|b` keeps rows matching either), the
 * dimensions checked against the model. Values are bound parameters, never SQL.
 */
export function filtersParam(model: SemanticModel, value: unknown, parameter = 'filter'): Record<string, FilterValue[]> {
  const items = Array.isArray(value) ? value.map(String) : value === undefined ? [] : [scalarText(value)];
  const valid = dimensionNames(model);
  const allowed = `dimension=value (a|b for several) with a dimension of model ${model.name}: ${valid.join(', ')}`;
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0 || !valid.includes(item.slice(0, eq).trim())) throw new OptionError(parameter, item, allowed);
  }
  return parseFilters(items, parameter);
}

/**
 * A schema validation error as one line naming the URL parameter, the value as sent and what is
 * allowed: `grain: got "fortnight", allowed: day, week, month, quarter, year, none`.
 */
export function validationMessage(error: FastifyError, query: Record<string, unknown> | undefined, allowed: string[] = []): string {
  const first = error.validation?.[0] as { instancePath?: string; keyword?: string; params?: Record<string, unknown>; message?: string } | undefined;
  if (!first) return error.message;
  const params = first.params ?? {};
  if (first.keyword === 'additionalProperties') {
    const name = String(params.additionalProperty);
    return `${name}: unknown parameter (got ${JSON.stringify(sent(query?.[name]))}), allowed: ${allowed.length ? allowed.join(', ') : 'none'}`;
  }
  if (first.keyword === 'required') return `${String(params.missingProperty)}: missing, required`;
  const name = (first.instancePath ?? '').replace(/^\//, '').split('/')[0] || 'request';
  const got = query?.[name];
  const shown = JSON.stringify(got === undefined ? null : sent(got));
  if (first.keyword === 'enum') return `${name}: got ${shown}, allowed: ${(params.allowedValues as unknown[]).join(', ')}`;
  if (first.keyword === 'pattern' && String(params.pattern).includes('\\d{4}')) return `${name}: got ${shown}, allowed: a date YYYY-MM-DD`;
  return `${name}: got ${shown}, allowed: ${first.message ?? 'see /api/openapi.json'}`;
}

/** The query parameters that cut a model's data, shared by /api/kpis and /api/series. */
export const cutProperties = {
  model: { type: 'string', maxLength: 200, description: 'a model of /api/models' },
  by: listParam('dimensions to group by (comma-separated or repeated)'),
  filter: { type: 'array', items: { type: 'string', maxLength: 2000 }, maxItems: 50, description: 'dimension=value (a|b for several), repeatable' },
  from: dateParam('first day, YYYY-MM-DD'),
  to: dateParam('last day, YYYY-MM-DD'),
  period: { type: 'string', enum: [...PERIOD_PRESETS], description: 'a date preset relative to the last date with data (instead of from/to): see resolvePeriod' },
  format: formatParam,
} as const;

/** The parsed cut: model, by, filters, and the date range (from/to, or the period preset resolved). */
export interface Cut {
  model: SemanticModel;
  by: string[];
  filters: Record<string, FilterValue[]>;
  from?: string;
  to?: string;
}

/**
 * Reads the cut parameters of a request: the model, `by`, `filter`, and `from`/`to` or `period`
 * (resolved by periodRange relative to the last date of `metrics`' facts, cached per version).
 */
export async function readCut(ctx: ServeContext, query: Record<string, unknown>, metrics: (model: SemanticModel) => string[]): Promise<Cut & { metrics: string[] }> {
  const model = ctx.model(query.model);
  const names = metrics(model);
  const by = dimensionsParam(model, query.by);
  const filters = filtersParam(model, query.filter);
  let from = query.from as string | undefined;
  let to = query.to as string | undefined;
  if (query.period !== undefined) {
    if (from !== undefined || to !== undefined) throw new OptionError('period', query.period, 'either period or from/to, not both');
    const preset = query.period as PeriodPreset;
    const range = await ctx.cached(JSON.stringify(['period', model.name, names, preset]), () => periodRange(ctx.warehouse, model, names, preset));
    if (range) ({ from, to } = range);
  }
  return { model, metrics: names, by, filters, from, to };
}

/** A cache key for a request: its route and its parsed values in a fixed order (filters sorted). */
export function requestKey(route: string, values: Record<string, unknown>): string {
  const normal = Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, k === 'filters' && v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v]),
  );
  return JSON.stringify([route, normal]);
}

/**
 * A library refusal of a request (KpicastError E_OPTION that is not already an OptionError) as one
 * line that starts with the URL parameter it is about: a dimension not available for a metric's
 * fact is `by` or `filter`, a range the wrong way round is `from`. Other errors pass unchanged.
 */
export function withParameter(error: unknown, cut: { by: string[]; from?: string; to?: string }): unknown {
  if (!(error instanceof KpicastError) || error.code !== 'E_OPTION' || error instanceof OptionError) return error;
  const dim = /^dimension "([^"]+)" is not available/.exec(error.message)?.[1];
  if (dim !== undefined) return new KpicastError(`${cut.by.includes(dim) ? 'by' : 'filter'}: ${error.message}`, 'E_OPTION');
  if (/^from \S+ is after to/.test(error.message)) return new OptionError('from', cut.from, `a day on or before to (${cut.to})`);
  return error;
}
