/**
 * Series shaping: from long format (`unique_id`, `ds`, `y`) to Series[] and back.
 * The series missing-data rule: a period with no row, a null y or a non-finite y is
 * missing; `fill` says whether missing periods become 0 (counts such as orders, where
 * no row means nothing happened) or NaN (measurements, left to the models' rule).
 * Several rows in one period are summed (daily rows aggregate to their ISO week).
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import pl from 'nodejs-polars';
import { InputError, OptionError } from '../errors.js';
import type { Period, Series } from './types.js';
import { addPeriods, checkPeriod, formatDay, inferPeriod, periodStart, toUtcMs } from './calendar.js';

/** Fill policy for missing periods. */
export type FillPolicy = 'zero' | 'missing';

/** Options of `toSeries`. */
export interface ToSeriesOptions {
  /** Period of the series; inferred from the dates when absent. */
  period?: Period;
  /** Missing periods: 'zero' or 'missing' (NaN). Default 'missing'. */
  fill?: FillPolicy;
  /** Last day with complete data (`YYYY-MM-DD` or Date): a last period ending after it is unfinished and left out. */
  asOf?: string | Date;
}

/** Long-format rows, as plain arrays. */
export interface LongRows {
  unique_id: ArrayLike<unknown>;
  ds: ArrayLike<unknown>;
  y: ArrayLike<unknown>;
}

function column(df: pl.DataFrame, name: string): unknown[] {
  if (!df.columns.includes(name)) throw new InputError(`toSeries: column ${name} missing, got columns ${df.columns.join(', ')}; expected unique_id, ds, y`);
  return df.getColumn(name).toArray();
}

/**
 * Long-format rows to one Series per `unique_id` (ids in order of first appearance), each regular
 * from its first to its last period. Cost O(rows log rows).
 *
 * @example
 * toSeries(pl.DataFrame({ unique_id: ['a', 'a'], ds: ['2024-01-01', '2024-01-15'], y: [1, 3] }), { fill: 'zero' })[0].values;
 * // => Float64Array [1, 0, 3] (weekly; the week of 2024-01-08 filled with 0)
 */
export function toSeries(data: pl.DataFrame | LongRows, options: ToSeriesOptions = {}): Series[] {
  const fill = options.fill ?? 'missing';
  if (fill !== 'zero' && fill !== 'missing') throw new OptionError('fill', fill, 'zero, missing');
  if (options.period !== undefined) checkPeriod(options.period);
  const isFrame = typeof (data as pl.DataFrame).getColumn === 'function';
  const read = (name: keyof LongRows) => {
    if (isFrame) return column(data as pl.DataFrame, name);
    const values = (data as LongRows)[name];
    if (values === undefined) throw new InputError(`toSeries: column ${name} missing; expected unique_id, ds, y`);
    return Array.from(values);
  };
  const ids = read('unique_id');
  const dsRaw = read('ds');
  const yRaw = read('y');
  const times = dsRaw.map((d, i) => {
    if (typeof d !== 'string' && !(d instanceof Date)) throw new InputError(`toSeries: ds on row ${i + 1} is ${JSON.stringify(d)}, expected YYYY-MM-DD or a Date`);
    return toUtcMs(d);
  });
  const period = options.period ?? (times.length > 0 ? inferPeriod(times) : 'week');
  const asOf = options.asOf !== undefined ? toUtcMs(options.asOf) : undefined;
  const groups = new Map<string, Map<number, number>>();
  for (let i = 0; i < ids.length; i++) {
    const id = String(ids[i]);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = new Map<number, number>()));
    const start = periodStart(times[i], period);
    const raw = yRaw[i];
    const y = raw === null || raw === undefined || raw === '' ? NaN : Number(raw);
    const previous = group.get(start);
    if (previous === undefined || Number.isNaN(previous)) group.set(start, y);
    else if (!Number.isNaN(y)) group.set(start, previous + y);
  }
  const result: Series[] = [];
  for (const [id, group] of groups) {
    const starts = [...group.keys()].sort((a, b) => a - b);
    let last = starts[starts.length - 1];
    if (asOf !== undefined) {
      while (starts.length > 0 && addPeriods(starts[starts.length - 1], period, 1) > asOf + 86_400_000) starts.pop();
      last = starts[starts.length - 1];
    }
    const timestamps: string[] = [];
    const values: number[] = [];
    if (starts.length > 0) {
      for (let t = starts[0]; t <= last; t = addPeriods(t, period, 1)) {
        timestamps.push(formatDay(t));
        const v = group.get(t);
        values.push(v === undefined || !Number.isFinite(v) ? (v === undefined && fill === 'zero' ? 0 : NaN) : v);
      }
    }
    result.push({ id, period, timestamps, values: Float64Array.from(values) });
  }
  return result;
}

/**
 * Series[] back to a long DataFrame (`unique_id`, `ds` as YYYY-MM-DD, `y`; missing values as null).
 *
 * @example
 * fromSeries([{ id: 'a', period: 'week', timestamps: ['2024-01-01'], values: Float64Array.of(1) }]).height; // => 1
 */
export function fromSeries(series: readonly Series[]): pl.DataFrame {
  const ids: string[] = [];
  const ds: string[] = [];
  const y: (number | null)[] = [];
  for (const s of series) {
    for (let i = 0; i < s.values.length; i++) {
      ids.push(s.id);
      ds.push(s.timestamps[i]);
      y.push(Number.isFinite(s.values[i]) ? s.values[i] : null);
    }
  }
  return pl.DataFrame({ unique_id: ids, ds, y: pl.Series('y', y, pl.Float64) });
}

/** The `k` period starts after the last timestamp of `series` (k = 1..h), as YYYY-MM-DD. */
export function futureDates(series: Series, h: number): string[] {
  const dates: string[] = [];
  const last = series.timestamps.length > 0 ? toUtcMs(series.timestamps[series.timestamps.length - 1]) : undefined;
  for (let k = 1; k <= h; k++) dates.push(last === undefined ? `+${k}` : formatDay(addPeriods(last, series.period, k)));
  return dates;
}

/**
 * Reads a long-format CSV (`unique_id,ds,y`, a header row) into a DataFrame with unique_id and ds as
 * strings and y as Float64 (empty cells null). Throws InputError naming the file when it is missing or
 * lacks a column.
 *
 * @example
 * readLongCsv('data/sample/missions.csv').columns; // => ['unique_id', 'ds', 'y']
 */
export function readLongCsv(file: string): pl.DataFrame {
  if (!existsSync(file)) throw new InputError('file not found', { file });
  // the delimiter of the header line: `,` unless it has none and a `;` or a tab (French exports)
  const head = Buffer.alloc(65536);
  const fd = openSync(file, 'r');
  const got = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const header = head.subarray(0, got).toString('utf8').split('\n', 1)[0].replace(/^\uFEFF/, '');
  const sep = header.includes(',') ? ',' : header.includes(';') ? ';' : header.includes('\t') ? '\t' : ',';
  let df: pl.DataFrame;
  try {
    df = pl.readCSV(file, { sep, dtypes: { unique_id: pl.Utf8, ds: pl.Utf8, y: pl.Float64 } });
  } catch (error) {
    throw new InputError(`cannot read as CSV: ${(error as Error).message.split('\n')[0]}`, { file });
  }
  for (const name of ['unique_id', 'ds', 'y']) {
    if (!df.columns.includes(name)) throw new InputError(`column ${name} missing, got ${df.columns.join(', ')}; expected unique_id, ds, y`, { file });
  }
  if (df.height === 0) throw new InputError('no rows after the header: nothing to forecast', { file });
  return df.select('unique_id', 'ds', 'y');
}
