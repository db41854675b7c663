import { OptionError } from '../errors.js';
import type { Queryable } from '../warehouse/types.js';
import type { TableColumn } from './download.js';

const basename = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** Columns of {@link loadRuns}' rows. */
export const LOAD_RUN_COLUMNS: TableColumn[] = [
  { name: 'run_id', type: 'number' },
  { name: 'file', type: 'string' },
  { name: 'table', type: 'string' },
  { name: 'status', type: 'string' },
  { name: 'rows_read', type: 'number' },
  { name: 'rows_loaded', type: 'number' },
  { name: 'rows_updated', type: 'number' },
  { name: 'rows_duplicate', type: 'number' },
  { name: 'rows_quarantined', type: 'number' },
  { name: 'started_at', type: 'timestamp' },
  { name: 'finished_at', type: 'timestamp' },
  { name: 'message', type: 'string' },
];

/**
 * The most recent load runs (`load_runs`), newest first: the file loaded (its name, not the
 * directory it was in), the raw table, what happened to its rows, when, and the failure message.
 *
 * @example
 * (await loadRuns(warehouse, { limit: 1 }))[0].status; // => 'succeeded'
 */
export async function loadRuns(warehouse: Queryable, options: { limit?: number } = {}): Promise<Record<string, unknown>[]> {
  const { rows } = await warehouse.query<Record<string, unknown>>(
    `SELECT run_id, source_file, target_table, status, rows_read, rows_loaded, rows_updated, rows_duplicate, rows_quarantined,
            started_at, finished_at, message
     FROM load_runs ORDER BY run_id DESC LIMIT $1`,
    [options.limit ?? 100],
  );
  return rows.map((r) => ({
    run_id: Number(r.run_id),
    file: basename(String(r.source_file)),
    table: r.target_table,
    status: r.status,
    rows_read: Number(r.rows_read),
    rows_loaded: Number(r.rows_loaded),
    rows_updated: Number(r.rows_updated),
    rows_duplicate: Number(r.rows_duplicate),
    rows_quarantined: Number(r.rows_quarantined),
    started_at: (r.started_at as Date | null)?.toISOString() ?? null,
    finished_at: (r.finished_at as Date | null)?.toISOString() ?? null,
    message: r.message ?? null,
  }));
}

/** Columns of {@link quarantinedRows}' rows. */
export const QUARANTINE_COLUMNS: TableColumn[] = [
  { name: 'quarantine_id', type: 'number' },
  { name: 'run_id', type: 'number' },
  { name: 'file', type: 'string' },
  { name: 'table', type: 'string' },
  { name: 'line', type: 'number' },
  { name: 'column', type: 'string' },
  { name: 'reason', type: 'string' },
  { name: 'quarantined_at', type: 'timestamp' },
];

/**
 * Rows the loads set aside (`quarantine`), oldest first: file (name), table, line, column and the
 * reason. `file` keeps those of one file (its name or its full path). The raw text of the row is
 * not returned: it may hold personal values the load would have pseudonymised.
 *
 * @example
 * (await quarantinedRows(warehouse, { file: 'order_lines.csv' }))[0].reason; // => 'missing required value for quantity'
 */
export async function quarantinedRows(warehouse: Queryable, options: { file?: string; runId?: number; limit?: number } = {}): Promise<Record<string, unknown>[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (options.file) {
    params.push(options.file);
    where.push(`(source_file = $${params.length} OR regexp_replace(source_file, '^.*[\\\\/]', '') = $${params.length})`);
  }
  if (options.runId !== undefined) {
    params.push(options.runId);
    where.push(`run_id = $${params.length}`);
  }
  params.push(options.limit ?? 1000);
  const { rows } = await warehouse.query<Record<string, unknown>>(
    `SELECT quarantine_id, run_id, source_file, target_table, line_number, column_name, reason, quarantined_at
     FROM quarantine${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY quarantine_id LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => ({
    quarantine_id: Number(r.quarantine_id),
    run_id: r.run_id === null ? null : Number(r.run_id),
    file: basename(String(r.source_file)),
    table: r.target_table,
    line: r.line_number === null ? null : Number(r.line_number),
    column: r.column_name ?? null,
    reason: r.reason,
    quarantined_at: (r.quarantined_at as Date | null)?.toISOString() ?? null,
  }));
}

/** Columns of {@link storedForecasts}' rows. */
export const FORECAST_COLUMNS: TableColumn[] = [
  { name: 'unique_id', type: 'string' },
  { name: 'ds', type: 'date' },
  { name: 'model', type: 'string' },
  { name: 'mean', type: 'number' },
  { name: 'lo_80', type: 'number' },
  { name: 'hi_80', type: 'number' },
  { name: 'lo_95', type: 'number' },
  { name: 'hi_95', type: 'number' },
  { name: 'backtest_mape', type: 'number' },
  { name: 'backtest_metric', type: 'string' },
  { name: 'backtest_error', type: 'number' },
  { name: 'run_at', type: 'timestamp' },
];

/**
 * The forecasts of the last forecast run stored in the `forecasts` table (see storeForecasts),
 * by series then week; `series` keeps those unique_ids (an id not in that run is refused, naming
 * some that are). No run stored yet: no rows.
 *
 * @example
 * (await storedForecasts(warehouse, { series: ['missions'] })).map((r) => r.ds); // => ['2025-12-29', '2026-01-05', '2026-01-12', '2026-01-19']
 */
export async function storedForecasts(warehouse: Queryable, options: { series?: string[] } = {}): Promise<Record<string, unknown>[]> {
  const latest = `(SELECT max(run_at) FROM forecasts)`;
  const ids = options.series ?? [];
  if (ids.length) {
    const known = await warehouse.query<{ unique_id: string }>(`SELECT DISTINCT unique_id FROM forecasts WHERE run_at = ${latest} ORDER BY unique_id`);
    const names = known.rows.map((r) => r.unique_id);
    const unknown = ids.find((id) => !names.includes(id));
    if (unknown !== undefined) {
      const shown = names.slice(0, 12).join(', ') + (names.length > 12 ? `, ... (${names.length} in all)` : '');
      throw new OptionError('series', unknown, names.length ? `series of the last forecast run: ${shown}` : 'none: no forecast stored yet (kpicast run stores them)');
    }
  }
  const { rows } = await warehouse.query<Record<string, unknown>>(
    `SELECT unique_id, ds::text AS ds, model, mean, lo_80, hi_80, lo_95, hi_95, backtest_mape, backtest_metric, backtest_error, run_at
     FROM forecasts WHERE run_at = ${latest}${ids.length ? ' AND unique_id = ANY($1::text[])' : ''} ORDER BY unique_id, ds`,
    ids.length ? [ids] : [],
  );
  return rows.map((r) => ({ ...r, run_at: (r.run_at as Date).toISOString() }));
}
