/**
 * Series shaping: from long format (`unique_id`, `ds`, `y`) to Series[] and back.
 * The series missing-data rule: a period with no row, a null y or a non-finite y is
 * missing; `fill` says whether missing periods become 0 (counts such as orders, where
 * no row means nothing happened) or NaN (measurements, left to the models' rule).
 * Several rows in one period are summed (daily rows aggregate to their ISO week).
 */
import { readFileSync, statSync } from 'node:fs';
import pl from 'nodejs-polars';
import { InputError, OptionError } from '../errors.js';
import { decodeText } from '../ingest/decode.js';
import { csvCell, detectDelimiter, readCsv } from '../ingest/read-csv.js';
import type { Source } from '../ingest/types.js';
import { readNumber } from '../ingest/values/number.js';
import { clip, quoted } from '../util/clip.js';
import { parseDate } from '../util/dates.js';
import type { Period, Series } from './types.js';
import { addPeriods, checkPeriod, dayReader, formatDay, inferPeriod, inferPeriods, periodsById, periodStart, periods, periodWords, toUtcMs } from './calendar.js';

/** Fill policy for missing periods. */
export type FillPolicy = 'zero' | 'missing';

/** Options of `toSeries`. */
export interface ToSeriesOptions {
  /** Period of every series; when absent, inferred from each series' own dates (calendar.ts periodsById). */
  period?: Period;
  /**
   * Without `period`: true infers one period from all the rows' dates together, for series that are
   * summed period by period (the bottom series of a hierarchy) and so must share it. Default false:
   * each series its own.
   */
  samePeriod?: boolean;
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
  /**
   * Each series' period, when it was already inferred from these same rows (readLongRows with
   * `period: 'infer'`): toSeries then does not infer it a second time. Ignored when toSeries is
   * given a `period` or `samePeriod`.
   */
  periods?: ReadonlyMap<string, Period>;
}

function column(df: pl.DataFrame, name: string): unknown[] {
  if (!df.columns.includes(name)) throw new InputError(`toSeries: column ${name} missing, got columns ${df.columns.join(', ')}; expected unique_id, ds, y`);
  return df.getColumn(name).toArray();
}

/**
 * Long-format rows to one Series per `unique_id` (ids in order of first appearance), each regular
 * from its first to its last period. Without `period`, each series gets the period of its own dates,
 * so one table can hold daily and monthly series, each forecast at its own season length.
 * Cost O(rows log rows).
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
    return Array.isArray(values) ? (values as unknown[]) : Array.from(values);
  };
  const ids = read('unique_id');
  const dsRaw = read('ds');
  const yRaw = read('y');
  const day = dayReader();
  const times = dsRaw.map((d, i) => {
    if (typeof d === 'string') return day(d);
    if (!(d instanceof Date)) throw new InputError(`toSeries: ds on row ${i + 1} is ${quoted(d)}, expected YYYY-MM-DD or a Date`);
    return toUtcMs(d);
  });
  const shared = options.period ?? (options.samePeriod && times.length > 0 ? inferPeriod(times) : undefined);
  const known = isFrame ? undefined : (data as LongRows).periods;
  const inferred = shared === undefined && times.length > 0 ? known ?? inferPeriods(ids, times) : undefined;
  const periodOf = (id: string): Period => shared ?? inferred?.get(id) ?? 'week';
  const asOf = options.asOf !== undefined ? toUtcMs(options.asOf) : undefined;
  const groups = new Map<string, Map<number, number>>();
  for (let i = 0; i < ids.length; i++) {
    const id = String(ids[i]);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = new Map<number, number>()));
    const start = periodStart(times[i], periodOf(id));
    const raw = yRaw[i];
    const y = raw === null || raw === undefined || raw === '' ? NaN : Number(raw);
    const previous = group.get(start);
    if (previous === undefined || Number.isNaN(previous)) group.set(start, y);
    else if (!Number.isNaN(y)) group.set(start, previous + y);
  }
  const result: Series[] = [];
  for (const [id, group] of groups) {
    const period = periodOf(id);
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

/** Options of {@link readLongCsv}. */
export interface ReadLongCsvOptions {
  /**
   * `'infer'`: infer the period here, from each series' dates as toSeries does, and when one cannot be
   * inferred (one date, an unusual gap) say so naming the file, the series and the lines of the two closest dates; a period: the
   * caller's, nothing to check. Absent: no check (toSeries infers it later).
   */
  period?: Period | 'infer';
  /**
   * Extra numeric columns to keep beside y (the event columns of `forecast`'s `eventColumns`), read
   * with y's number reader; an empty cell is null. A missing column or a cell that is no number is
   * an InputError naming the file (and line and column).
   */
  columns?: readonly string[];
}

/** The text of an input file, or one InputError naming it: missing, a directory, not readable. */
function readInputText(file: string): string {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw new InputError('file not found', { file });
  }
  if (stat.isDirectory()) throw new InputError('is a directory, expected a CSV file (unique_id, ds, y)', { file });
  if (!stat.isFile()) throw new InputError('not a regular file, expected a CSV file (unique_id, ds, y)', { file });
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new InputError(`cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { file });
  }
  return decodeText(bytes, file);
}

/**
 * Reads a long-format CSV (`unique_id,ds,y`, a header row) into a DataFrame with unique_id and ds
 * as strings (ds as `YYYY-MM-DD`) and y as Float64, reading the file as `kpicast load` does: the
 * same delimiter detection (`,` `;` tab `|`), encoding (UTF-8, else Windows-1252) and number
 * reader (a decimal comma detected, thousands grouped by dots, commas or spaces). A missing y
 * (empty, `NA`, `NaN`, `null`) is null. Everything else wrong is one InputError naming the file,
 * and line and column where there is one: missing file, a directory, a missing column, no rows,
 * a row with the wrong number of fields, an empty unique_id, a ds that is no calendar day
 * (`2024-13-45`; a time of day after it is allowed and dropped), a y that is no number (`abc`),
 * and, with `period: 'infer'`, dates whose period cannot be inferred.
 * Cost: linear in the file; each distinct ds is parsed once.
 *
 * @example
 * readLongCsv('data/sample/missions.csv').columns; // => ['unique_id', 'ds', 'y']
 */
export function readLongCsv(file: string, options: ReadLongCsvOptions = {}): pl.DataFrame {
  const rows = readLongRows(file, options);
  return pl.DataFrame({
    unique_id: pl.Series('unique_id', rows.unique_id, pl.Utf8), ds: pl.Series('ds', rows.ds, pl.Utf8), y: pl.Series('y', rows.y, pl.Float64),
    ...Object.fromEntries(Object.entries(rows.columns).map(([name, values]) => [name, pl.Series(name, values, pl.Float64)])),
  });
}

/** The rows of a long-format CSV as plain arrays ({@link readLongRows}). */
export interface LongCsvRows extends LongRows {
  unique_id: string[];
  /** `YYYY-MM-DD`. */
  ds: string[];
  /** null where missing. */
  y: (number | null)[];
  /** The extra columns asked for (`columns`), by name; null where empty. */
  columns: Record<string, (number | null)[]>;
  /** With `period: 'infer'`: each series' period, the one toSeries infers (so it is not inferred twice). */
  periods?: Map<string, Period>;
}

/**
 * {@link readLongCsv}'s reading and checks, the rows kept as plain arrays: what toSeries (and
 * `forecast`) take without the round trip through a DataFrame, which on a long file costs about
 * as much as reading it.
 *
 * @example
 * readLongRows('data/sample/missions.csv', { period: 'infer' }).periods?.size; // => the number of series
 */
export function readLongRows(file: string, options: ReadLongCsvOptions = {}): LongCsvRows {
  const text = readInputText(file);
  return plainLongRows(text, file, options) ?? sourceLongRows(readCsv(text, file), file, options);
}

/**
 * The rows of a long CSV as they are read, one at a time, with every check of {@link readLongRows}:
 * `add(values, line)` takes a row's cells (null where empty) and its line; `done()` returns the rows.
 */
function longRowsSink(columns: readonly string[], decimal: '.' | ',', file: string, options: ReadLongCsvOptions) {
  const index = (name: string, expected = 'unique_id, ds, y') => {
    const i = columns.indexOf(name);
    if (i < 0) throw new InputError(`column ${name} missing, got ${clip(columns.join(', '), 200)}; expected ${expected}`, { file });
    return i;
  };
  const [iId, iDs, iY] = [index('unique_id'), index('ds'), index('y')];
  const extra = (options.columns ?? []).map((name) => ({ name, at: index(name, `unique_id, ds, y and the event columns ${options.columns!.join(', ')}`), values: [] as Array<number | null> }));
  const ids: string[] = [];
  const ds: string[] = [];
  const y: Array<number | null> = [];
  const lines: number[] = [];
  const days = new Map<string, string>();
  // one string per series kept, not one per row (the rest die young, which costs the collector little)
  const names = new Map<string, string>();
  return {
    add(values: readonly (string | null)[], line: number): void {
      const cell = values[iId];
      if (cell === null || cell === undefined) throw new InputError('unique_id is empty', { file, line, column: 'unique_id' });
      let id = names.get(cell);
      if (id === undefined) names.set(cell, (id = cell));
      const dsText = values[iDs];
      if (dsText === null || dsText === undefined) throw new InputError('ds is empty: every row needs its date', { file, line, column: 'ds' });
      let day = days.get(dsText);
      if (day === undefined) {
        day = parseDate(dsText, { time: true, where: { file, line, column: 'ds' } });
        days.set(dsText, day);
      }
      const value = readNumber(values[iY] ?? null, decimal);
      if (value === null) {
        const hint = decimal === ',' ? 'a number such as 1234,5 or 1.234,5 (decimal comma)' : 'a number such as 1234.5 or 1,234.5';
        throw new InputError(`got ${quoted(values[iY])}, not a number: expected ${hint}, or empty for a missing value`, { file, line, column: 'y' });
      }
      for (const column of extra) {
        const cell = readNumber(values[column.at] ?? null, decimal);
        if (cell === null) throw new InputError(`got ${quoted(values[column.at])}, not a number: expected a number, or empty`, { file, line, column: column.name });
        column.values.push(Number.isNaN(cell) ? null : cell);
      }
      ids.push(id);
      ds.push(day);
      y.push(Number.isNaN(value) ? null : value);
      lines.push(line);
    },
    done(): LongCsvRows {
      if (ids.length === 0) throw new InputError('no rows after the header: nothing to forecast', { file });
      const periods = options.period === 'infer' ? checkPeriodInferable(ids, ds, lines, file) : undefined;
      return { unique_id: ids, ds, y, columns: Object.fromEntries(extra.map((column) => [column.name, column.values])), ...(periods ? { periods } : {}) };
    },
  };
}

/** The rows of a CSV read by readCsv (any delimiter, quotes, decimal comma), checked row by row. */
function sourceLongRows(source: Source, file: string, options: ReadLongCsvOptions): LongCsvRows {
  const sink = longRowsSink(source.columns, source.decimal, file, options);
  for (const row of source.rows) {
    if (row.problem) throw new InputError(row.problem, { file, line: row.line });
    sink.add(row.values, row.line);
  }
  return sink.done();
}

/**
 * The rows of a plain comma-separated text — no quote anywhere, every line the header's number of
 * fields — split line by line straight into the columns, without the row objects readCsv keeps for
 * a load's quarantine (on the 367,000 lines of M4 weekly, 0.3 s instead of 0.5 s). Undefined when the
 * text is anything else (quotes, another delimiter, a line of another width, no data line): then
 * readCsv reads it, with the same result and the same errors.
 */
function plainLongRows(text: string, file: string, options: ReadLongCsvOptions): LongCsvRows | undefined {
  if (text.includes('"') || detectDelimiter(text) !== ',') return undefined;
  const headerEnd = text.indexOf('\n');
  if (headerEnd < 0 || headerEnd === text.length - 1) return undefined;
  // a blank first line: readCsv skips it and takes the next as the header
  if (text.slice(0, headerEnd).replace(/^\ufeff/, '').trim() === '') return undefined;
  // the header line as readCsv reads it (its checks and errors; unnamed last columns dropped, so a
  // row that fills them has another width than the names and goes to readCsv)
  const columns = readCsv(text.slice(0, headerEnd + 1), file).columns;
  const width = columns.length;
  const sink = longRowsSink(columns, '.', file, options);
  const n = text.length;
  let pos = headerEnd + 1;
  let line = 2;
  let rows = 0;
  while (pos < n) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    const stop = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (stop > pos) {
      const values: Array<string | null> = text.slice(pos, stop).split(',');
      if (values.length !== width) return undefined;
      for (let k = 0; k < width; k++) values[k] = csvCell(values[k]!);
      sink.add(values, line);
      rows++;
    }
    pos = end + 1;
    line++;
  }
  return rows > 0 ? sink.done() : undefined;
}

/**
 * Throws an InputError naming the file and the two closest dates' lines when the period cannot be
 * inferred: of the whole table, or of the series that cannot tell its own while the others disagree
 * (calendar.ts periodsById, the rule toSeries follows).
 */
function checkPeriodInferable(ids: string[], ds: string[], lines: readonly number[], file: string): Map<string, Period> {
  const result = periodsById(ids, ds);
  if (result.ok) return result.periods;
  const series = result.others.length > 0 ? result.id : undefined;
  const firstLine = new Map<string, number>();
  ds.forEach((d, i) => {
    if ((series === undefined || ids[i] === series) && !firstLine.has(d)) firstLine.set(d, lines[i]);
  });
  const sorted = [...firstLine.keys()].sort();
  const of = series === undefined ? '' : ` of series ${quoted(series)}`;
  const others = series === undefined ? '' : `; the other series are ${result.others.map((p) => periodWords[p]).join(' and ')}`;
  const give = `give the period (--period ${periods.join(', ')})`;
  if (sorted.length === 1) throw new InputError(`cannot infer the period${of} from one date (${sorted[0]}, line ${firstLine.get(sorted[0])})${others}; ${give}`, { file });
  let best = 1;
  for (let i = 2; i < sorted.length; i++) if (toUtcMs(sorted[i]) - toUtcMs(sorted[i - 1]) < toUtcMs(sorted[best]) - toUtcMs(sorted[best - 1])) best = i;
  const gap = (toUtcMs(sorted[best]) - toUtcMs(sorted[best - 1])) / 86_400_000;
  throw new InputError(
    `cannot infer the period${of}: the closest dates are ${gap} days apart (${sorted[best - 1]} at line ${firstLine.get(sorted[best - 1])}, ${sorted[best]} at line ${firstLine.get(sorted[best])}), ` +
      `not 1, 7, 28-31, 89-92 or 365-366${others}; ${give}`,
    { file },
  );
}
