import { KpicastError } from '../errors.js';
import pl from 'nodejs-polars';
import type { Queryable } from '../warehouse/types.js';
import { compileKpis, type KpiRequest, type ResultColumn } from './compile.js';
import type { MeasureFormat, SemanticModel } from './model.js';
import { scalarText } from '../util/text.js';

/** A KPI result: the typed frame, how its metric columns read, and the one SQL query (with its parameters) that made it. */
export interface KpiResult {
  /** Metric column → its format for tables (formatFrame): the measure's, `percent` for shares and `_delta_pct`. */
  formats: Record<string, MeasureFormat>;
  /** `period` (Utf8 `YYYY-MM-DD`, start of the period; absent for grain none), one Utf8 column per `by` dimension, one Float64 column per metric (and its share/compare columns). */
  frame: pl.DataFrame;
  sql: string;
  params: unknown[];
}

/** Rows of a query as a DataFrame with declared types: periods and dimensions Utf8, metrics Float64. */
export function toFrame(rows: Record<string, unknown>[], columns: ResultColumn[]): pl.DataFrame {
  return pl.DataFrame(
    columns.map((col) => {
      const values = rows.map((r) => r[col.name]);
      return col.kind === 'metric'
        ? pl.Series(col.name, values.map((v) => (v === null || v === undefined ? null : Number(v))), pl.Float64)
        : pl.Series(col.name, values.map((v) => (v === null || v === undefined ? null : scalarText(v))), pl.Utf8);
    }),
  );
}

/**
 * Computes KPIs where the data lives: compiles `request` on `model` to one parameterised
 * SQL query (see compileKpis), runs it on the warehouse and returns a nodejs-polars frame.
 * Missing-data rule: a period (or group) with no rows at all gives no row, not a row of
 * zeros; a ratio whose denominator is 0 or missing is null (never Infinity or NaN).
 * The query runs through the extended protocol in a read-only transaction: the model's SQL
 * snippets (a fact's `sql`, a measure's `sql` or `filter`) can read, never write, and never
 * add a second statement; a refused query is one line naming the model (and its file) and metrics.
 * Cost: one query; the work is a scan of the facts in the date range, done by the database.
 *
 * @example
 * const { frame } = await kpis(warehouse, retail, { metrics: ['revenue', 'orders'], grain: 'month', by: ['region'] });
 * frame.columns; // => ['period', 'region', 'revenue', 'orders']
 */
export async function kpis(warehouse: Queryable, model: SemanticModel, request: KpiRequest): Promise<KpiResult> {
  const { sql, params, columns } = compileKpis(model, request);
  let rows: Record<string, unknown>[];
  try {
    ({ rows } = await warehouse.readOnly((tx) => tx.query(sql, params)));
  } catch (error) {
    throw new KpicastError(kpiQueryProblem(model, request, error as Error & { code?: string }), 'E_KPI');
  }
  const formats = Object.fromEntries(columns.flatMap((c) => (c.format ? [[c.name, c.format]] : []))) as Record<string, MeasureFormat>;
  return { frame: toFrame(rows, columns), formats, sql, params };
}

/**
 * How errors name a model: with the file it was read from, when it was.
 *
 * @example
 * modelLabel(loadModelFile('models/sales.yml')); // => 'model sales (models/sales.yml)'
 * modelLabel(retail); // => 'model retail'
 */
export function modelLabel(model: SemanticModel): string {
  return model.file ? `model ${model.name} (${model.file})` : `model ${model.name}`;
}

/**
 * What to tell a model author whose SQL the database refused for what it tried rather than what
 * it read: a second statement (42601 "cannot insert multiple commands") or a write in the
 * read-only transaction (25006). Undefined for any other error.
 *
 * @example
 * snippetHint({ code: '25006', message: 'cannot execute DELETE in a read-only transaction' });
 * // => "a model's SQL (sql, filter, settled) may read the warehouse, never write to it"
 */
export function snippetHint(error: { code?: string; message?: string }): string | undefined {
  if (/cannot insert multiple commands/i.test(error.message ?? '')) return "a model's SQL (sql, filter, settled) is one expression, with no ; and no second statement";
  if (error.code === '25006') return "a model's SQL (sql, filter, settled) may read the warehouse, never write to it";
  return undefined;
}

/**
 * The one line for a KPI query the database refused: which model and metrics, what the database
 * said, and the likely fix — the marts not built yet (undefined table in `marts`), or a column the
 * model names that its table lacks (undefined column).
 */
function kpiQueryProblem(model: SemanticModel, request: KpiRequest, error: Error & { code?: string }): string {
  const said = error.message.split('\n')[0];
  const where = `${modelLabel(model)}, metrics ${request.metrics.join(', ')}`;
  const hint = snippetHint(error);
  if (hint) return `${where}: ${said}; ${hint}`;
  if (error.code === '42P01') {
    const marts = /"marts\./.test(said) || /relation "marts\./.test(said);
    return `${where}: ${said}${marts ? '; build the marts first: kpicast build' : '; load or create that table first'}`;
  }
  if (error.code === '42703') return `${where}: ${said}; check the columns the model names against its tables`;
  return `${where}: ${said}`;
}
