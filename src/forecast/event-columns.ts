/**
 * Event columns: per-series regressors read from numeric columns of the input itself (the share
 * of a week under promotion, a store's open days), beside the calendar's event weights. They
 * reach the models that take regressors (ModelOptions.regressors: the `_hol` models) as one row
 * each, over the series' periods and the h forecast periods after them.
 *
 * The future values come with the data: rows after a series' last observed y (y empty) carry the
 * columns for the forecast periods. Those rows are not history: each series ends at its last
 * period with a y (then `asOf`, as without event columns). A history period with no value for a
 * column is 0 (no event); a forecast period with none is an InputError naming the column, the
 * series and the first date missing, since the forecast would silently assume no event there.
 */
import type pl from 'nodejs-polars';
import { InputError, OptionError } from '../errors.js';
import { quoted } from '../util/clip.js';
import { inferPeriod, periodStart, toUtcMs } from './calendar.js';
import { futureDates, toSeries, type ToSeriesOptions } from './series.js';
import type { Series } from './types.js';

/** The columns no event column may be: the long format's own. */
const RESERVED = ['unique_id', 'ds', 'y'];

/** Checks the `eventColumns` option: a list of distinct column names, none of unique_id, ds, y. OptionError otherwise. */
export function checkEventColumns(value: unknown): readonly string[] {
  const allowed = 'a list of numeric column names of the input, other than unique_id, ds, y';
  if (!Array.isArray(value)) throw new OptionError('eventColumns', value, allowed);
  for (const [i, name] of value.entries()) {
    if (typeof name !== 'string' || name.trim() === '' || RESERVED.includes(name)) throw new OptionError('eventColumns', name, allowed);
    if (value.indexOf(name) !== i) throw new OptionError('eventColumns', name, 'each column once');
  }
  return value as string[];
}

/** Series and, per series, its event-column rows (timestamps then h future periods), in `columns` order. */
export interface SeriesWithColumns {
  series: Series[];
  regressors: Float64Array[][];
}

/**
 * The series of `df` and their event-column regressors (see the module doc). `h` is the horizon:
 * every column needs a value in each of the h periods after each series' history.
 * Cost O(rows log rows), as toSeries.
 *
 * @example
 * // weekly rows a: 2024-01-01 y=10 promo=0, 2024-01-08 y=15 promo=0.5, 2024-01-15 y empty promo=1
 * seriesWithColumns(df, ['promo'], 1, {}).regressors[0][0]; // => Float64Array [0, 0.5, 1]
 */
export function seriesWithColumns(df: pl.DataFrame, columns: readonly string[], h: number, options: ToSeriesOptions): SeriesWithColumns {
  for (const name of columns) {
    if (!df.columns.includes(name)) throw new OptionError('eventColumns', name, `columns of the input: ${df.columns.filter((c) => !RESERVED.includes(c)).join(', ') || 'none but unique_id, ds, y'}`, 'no such column');
  }
  for (const name of ['unique_id', 'ds', 'y']) {
    if (!df.columns.includes(name)) throw new InputError(`toSeries: column ${name} missing, got columns ${df.columns.join(', ')}; expected unique_id, ds, y`);
  }
  const ids = (df.getColumn('unique_id').toArray() as unknown[]).map(String);
  const ds = df.getColumn('ds').toArray() as unknown[];
  const y = df.getColumn('y').toArray() as unknown[];
  const times = ds.map((d, i) => {
    if (typeof d !== 'string' && !(d instanceof Date)) throw new InputError(`toSeries: ds on row ${i + 1} is ${quoted(d)}, expected YYYY-MM-DD or a Date`);
    return toUtcMs(d);
  });
  const period = options.period ?? (times.length > 0 ? inferPeriod(times) : 'week');
  const starts = times.map((t) => periodStart(t, period));
  const observed = (i: number) => y[i] !== null && y[i] !== undefined && y[i] !== '' && Number.isFinite(Number(y[i]));
  // each series' history ends at its last period with a y; the rows after it hold the future
  const lastObserved = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) if (observed(i)) lastObserved.set(ids[i], Math.max(lastObserved.get(ids[i]) ?? -Infinity, starts[i]));
  const keep = ids.map((id, i) => starts[i] <= (lastObserved.get(id) ?? -Infinity));
  const pick = <T>(values: readonly T[]) => values.filter((_, i) => keep[i]);
  const series = toSeries({ unique_id: pick(ids), ds: pick(ds), y: pick(y) }, { ...options, period });
  // per column and series: period start → mean of the column's values in the period
  const values = columns.map((name) => {
    const raw = df.getColumn(name).toArray() as unknown[];
    const bySeries = new Map<string, Map<number, { sum: number; n: number }>>();
    raw.forEach((value, i) => {
      if (value === null || value === undefined || value === '') return;
      const v = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
      if (!Number.isFinite(v)) throw new InputError(`${name} on row ${i + 1} is ${quoted(value)}, expected a number (the column's value for the period, 0 without the event)`);
      let group = bySeries.get(ids[i]);
      if (!group) bySeries.set(ids[i], (group = new Map<number, { sum: number; n: number }>()));
      const cell = group.get(starts[i]) ?? { sum: 0, n: 0 };
      cell.sum += v;
      cell.n++;
      group.set(starts[i], cell);
    });
    return bySeries;
  });
  const regressors = series.map((s) => {
    if (s.timestamps.length === 0) return [];
    const future = futureDates(s, h);
    return columns.map((name, c) => {
      const group = values[c].get(s.id);
      const at = (day: string) => {
        const cell = group?.get(toUtcMs(day));
        return cell ? cell.sum / cell.n : undefined;
      };
      const row = new Float64Array(s.timestamps.length + h);
      s.timestamps.forEach((day, t) => {
        row[t] = at(day) ?? 0;
      });
      future.forEach((day, j) => {
        const v = at(day);
        if (v === undefined) {
          throw new InputError(
            `${name}: no value for series ${quoted(s.id)} on ${day}, the first of the ${h} forecast periods without one; give each forecast period a row with an empty y and its ${name}`,
          );
        }
        row[s.timestamps.length + j] = v;
      });
      return row;
    });
  });
  return { series, regressors };
}
