/**
 * The state of a dashboard page, read from its URL (so a view can be bookmarked and shared), and
 * the library calls the pages make, through the context's cache with the same keys as the API.
 */
import { OptionError } from '../../errors.js';
import type { Compare, FilterValue, Grain, KpiRequest } from '../../analysis/compile.js';
import { kpis } from '../../analysis/kpis.js';
import type { SemanticModel } from '../../analysis/model.js';
import { PERIOD_PRESETS, periodRange, type PeriodPreset } from '../../analysis/periods.js';
import type { ServeContext } from '../context.js';
import { requestKey } from '../request.js';
import { scalarText } from '../../util/text.js';
import type { SelectField } from './html.js';

/** The URL query of a page: one value per parameter (a repeated parameter is refused). */
export type PageQuery = Record<string, string>;

/** The query of a request as single strings; a parameter given twice, or too long, is refused naming it. */
export function pageQuery(raw: unknown): PageQuery {
  const out: PageQuery = {};
  for (const [key, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    // the access token of a first visit is the authentication's business, never carried into links
    if (key === 'token') continue;
    if (Array.isArray(value)) throw new OptionError(key, value.join(','), 'one value');
    const text = value === null || value === undefined ? '' : scalarText(value);
    if (text.length > 500) throw new OptionError(key, `${text.slice(0, 40)}…`, 'at most 500 characters');
    out[key] = text;
  }
  return out;
}

/** A parameter among allowed values, or its default when absent or empty. */
export function choice<T extends string>(query: PageQuery, name: string, allowed: readonly T[], fallback: T): T {
  const value = query[name];
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new OptionError(name, value, allowed.join(', '));
  return value as T;
}

/** A parameter that must be one of the values the warehouse holds (a store, a hotel): refused otherwise. */
export function member(query: PageQuery, name: string, values: readonly string[]): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (!values.includes(value)) {
    const shown = values.slice(0, 10).join(', ') + (values.length > 10 ? `, ... (${values.length} in all)` : '');
    throw new OptionError(name, value, values.length ? shown : 'none: no data yet');
  }
  return value;
}

export type PeriodChoice = PeriodPreset | 'custom';
export const PERIOD_CHOICES: readonly PeriodChoice[] = [...PERIOD_PRESETS, 'custom'];
export const PERIOD_LABELS: Record<PeriodChoice, string> = {
  last_4_weeks: 'Last 4 weeks',
  last_13_weeks: 'Last 13 weeks',
  month_to_date: 'Month to date',
  quarter_to_date: 'Quarter to date',
  year_to_date: 'Year to date',
  last_year: 'Last year',
  custom: 'Custom range',
};
export const PAGE_GRAINS = ['day', 'week', 'month', 'quarter'] as const satisfies readonly Grain[];
export type PageGrain = (typeof PAGE_GRAINS)[number];
export const GRAIN_LABELS: Record<PageGrain, string> = { day: 'Day', week: 'Week', month: 'Month', quarter: 'Quarter' };
export const COMPARE_CHOICES = ['previous_period', 'previous_year', 'none'] as const;
export type CompareChoice = (typeof COMPARE_CHOICES)[number];
export const COMPARE_LABELS: Record<CompareChoice, string> = { previous_period: 'Previous period', previous_year: 'Previous year', none: 'No comparison' };

/** Period, grain and comparison of a page, as the URL says them (defaults: last 13 weeks, by week, against the previous period). */
export interface PeriodState {
  period: PeriodChoice;
  grain: PageGrain;
  compare: CompareChoice;
  /** The custom range's days, as typed (only with `period=custom`). */
  from?: string;
  to?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads `period`, `from`, `to` (only with `period=custom`), `grain`, `compare`; one line naming the parameter on a bad value.
 *
 * @example
 * periodState({ period: 'custom', from: '2025-06-01', to: '2025-06-30', grain: 'day' });
 * // => { period: 'custom', grain: 'day', compare: 'previous_period', from: '2025-06-01', to: '2025-06-30' }
 * periodState({ grain: 'fortnight' }); // throws OptionError: grain: got "fortnight", allowed: day, week, month, quarter
 */
export function periodState(query: PageQuery, defaults: { period?: PeriodChoice; grain?: PageGrain } = {}): PeriodState {
  const period = choice(query, 'period', PERIOD_CHOICES, defaults.period ?? 'last_13_weeks');
  const grain = choice(query, 'grain', PAGE_GRAINS, defaults.grain ?? 'week');
  const compare = choice(query, 'compare', COMPARE_CHOICES, 'previous_period');
  const state: PeriodState = { period, grain, compare };
  if (period === 'custom') {
    for (const name of ['from', 'to'] as const) {
      const value = query[name];
      if (!value) throw new OptionError(name, value ?? null, 'a date YYYY-MM-DD (period=custom needs from and to)');
      const d = new Date(`${value}T00:00:00Z`);
      if (!DATE.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) throw new OptionError(name, value, 'a date YYYY-MM-DD');
      state[name] = value;
    }
    if (state.from! > state.to!) throw new OptionError('from', state.from, `a day on or before to (${state.to})`);
  }
  // with a preset, from and to are left over from a custom range (a form without script sends them): the preset wins
  return state;
}

/** The parameters that carry a period state in a URL (defaults left out). */
export function periodParams(state: PeriodState): Record<string, string | undefined> {
  return {
    period: state.period,
    from: state.period === 'custom' ? state.from : undefined,
    to: state.period === 'custom' ? state.to : undefined,
    grain: state.grain,
    compare: state.compare === 'previous_period' ? undefined : state.compare,
  };
}

/**
 * The date range of a page's period: the custom days, or the preset resolved by periodRange
 * relative to the last date of `metrics`' facts (the key /api/kpis?period= uses, so both share
 * the cached range). Null when those facts hold no rows.
 */
export async function pageRange(ctx: ServeContext, model: SemanticModel, metrics: string[], state: PeriodState): Promise<{ from: string; to: string; lastDate?: string } | null> {
  if (state.period === 'custom') return { from: state.from!, to: state.to! };
  const preset = state.period;
  return ctx.cached(JSON.stringify(['period', model.name, metrics, preset]), () => periodRange(ctx.warehouse, model, metrics, preset));
}

/** The compare option of a KPI request for the page's choice. */
export const compareOf = (state: PeriodState): Compare | undefined => (state.compare === 'none' ? undefined : state.compare);

/**
 * `kpis()` through the context's cache, keyed as /api/kpis keys the same request, so a page and
 * the API share the result (and so the numbers).
 */
export async function cachedKpis(ctx: ServeContext, model: SemanticModel, request: KpiRequest): Promise<Record<string, unknown>[]> {
  const filters: Record<string, FilterValue[]> = {};
  for (const [k, v] of Object.entries(request.filters ?? {})) filters[k] = (Array.isArray(v) ? v : [v]).map(String);
  const normal = {
    metrics: request.metrics,
    grain: request.grain ?? 'none',
    by: request.by ?? [],
    filters,
    from: request.from,
    to: request.to,
    compare: request.compare,
    share: request.share === true ? true : undefined,
  };
  const result = await ctx.cached(requestKey('kpis', { model: model.name, ...normal }), async () => {
    const { frame } = await kpis(ctx.warehouse, model, normal);
    return { rows: frame.toRecords() };
  });
  return result.rows;
}

/** The distinct values of dimensions of a model (stores with their region, …), sorted: what a filter offers. */
export async function dimensionValues(ctx: ServeContext, model: SemanticModel, metric: string, by: string[]): Promise<Array<Record<string, string>>> {
  const rows = await cachedKpis(ctx, model, { metrics: [metric], grain: 'none', by });
  return rows.map((r) => Object.fromEntries(by.map((d) => [d, r[d] === null || r[d] === undefined ? '' : scalarText(r[d])]))).filter((r) => by.every((d) => r[d] !== ''));
}

/** Filters of a KPI request from the page's chosen values, undefined ones left out. */
export function filtersOf(values: Record<string, string | undefined>): Record<string, FilterValue[]> {
  const out: Record<string, FilterValue[]> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') out[k] = [v];
  return out;
}

/**
 * The period, grain and comparison selects every page with period controls opens its form with,
 * set to `state`.
 *
 * @example
 * periodFields({ period: 'last_4_weeks', grain: 'week', compare: 'none' }).map((f) => f.value); // => ['last_4_weeks', 'week', 'none']
 */
export function periodFields(state: Pick<PeriodState, 'period' | 'grain' | 'compare'>): SelectField[] {
  return [
    { name: 'period', label: 'Period', value: state.period, options: PERIOD_CHOICES.map((p) => ({ value: p, label: PERIOD_LABELS[p] })) },
    { name: 'grain', label: 'Grain', value: state.grain, options: PAGE_GRAINS.map((g) => ({ value: g, label: GRAIN_LABELS[g] })) },
    { name: 'compare', label: 'Compare with', value: state.compare, options: COMPARE_CHOICES.map((c) => ({ value: c, label: COMPARE_LABELS[c] })) },
  ];
}
