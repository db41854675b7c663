import pl from 'nodejs-polars';
import type { Queryable } from '../warehouse/types.js';
import { compileKpis, type KpiRequest, type ResultColumn } from './compile.js';
import type { SemanticModel } from './model.js';

/** A KPI result: the typed frame, and the one SQL query (with its parameters) that made it. */
export interface KpiResult {
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
        : pl.Series(col.name, values.map((v) => (v === null || v === undefined ? null : String(v))), pl.Utf8);
    }),
  );
}

/**
 * Computes KPIs where the data lives: compiles `request` on `model` to one parameterised
 * SQL query (see compileKpis), runs it on the warehouse and returns a nodejs-polars frame.
 * Missing-data rule: a period (or group) with no rows at all gives no row, not a row of
 * zeros; a ratio whose denominator is 0 or missing is null (never Infinity or NaN).
 * Cost: one query; the work is a scan of the facts in the date range, done by the database.
 *
 * @example
 * const { frame } = await kpis(warehouse, retail, { metrics: ['revenue', 'orders'], grain: 'month', by: ['region'] });
 * frame.columns; // => ['period', 'region', 'revenue', 'orders']
 */
export async function kpis(warehouse: Queryable, model: SemanticModel, request: KpiRequest): Promise<KpiResult> {
  const { sql, params, columns } = compileKpis(model, request);
  const { rows } = await warehouse.query(sql, params);
  return { frame: toFrame(rows, columns), sql, params };
}
