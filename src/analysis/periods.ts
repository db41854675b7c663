import { OptionError } from '../errors.js';
import type { Queryable } from '../warehouse/types.js';
import type { SemanticModel } from './model.js';
import { latestDate } from './series.js';

/** The date presets of the dashboards and the API's `period=`. */
export type PeriodPreset = 'last_4_weeks' | 'last_13_weeks' | 'month_to_date' | 'quarter_to_date' | 'year_to_date' | 'last_year';
export const PERIOD_PRESETS: readonly PeriodPreset[] = ['last_4_weeks', 'last_13_weeks', 'month_to_date', 'quarter_to_date', 'year_to_date', 'last_year'];

/** An inclusive date range, `YYYY-MM-DD`. */
export interface DateRange {
  from: string;
  to: string;
}

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date): string => d.toISOString().slice(0, 10);
const addDays = (date: string, n: number): string => {
  const d = day(date);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
};

/**
 * The date range of a preset, relative to `lastDate` (the last day with data, not today: a
 * warehouse loaded last week shows its last 4 weeks, not 4 weeks with a hole at the end):
 * - `last_4_weeks`: the 28 days ending on `lastDate`; `last_13_weeks`: the 91 days ending on it
 *   (with grain week, the weeks they touch);
 * - `month_to_date`, `quarter_to_date`, `year_to_date`: from the first day of `lastDate`'s
 *   month, quarter or year to `lastDate`;
 * - `last_year`: the calendar year before `lastDate`'s (1 January to 31 December).
 * Compared with `previous_period`, a range is set against the as many days just before it.
 *
 * @example
 * resolvePeriod('last_4_weeks', '2025-12-31'); // => { from: '2025-12-04', to: '2025-12-31' }
 * resolvePeriod('quarter_to_date', '2025-11-15'); // => { from: '2025-10-01', to: '2025-11-15' }
 * resolvePeriod('last_year', '2025-11-15'); // => { from: '2024-01-01', to: '2024-12-31' }
 */
export function resolvePeriod(preset: PeriodPreset, lastDate: string): DateRange {
  if (!PERIOD_PRESETS.includes(preset)) throw new OptionError('period', preset, PERIOD_PRESETS.join(', '));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(lastDate) || Number.isNaN(day(lastDate).getTime())) throw new OptionError('lastDate', lastDate, 'a date YYYY-MM-DD');
  const d = day(lastDate);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  switch (preset) {
    case 'last_4_weeks':
      return { from: addDays(lastDate, -27), to: lastDate };
    case 'last_13_weeks':
      return { from: addDays(lastDate, -90), to: lastDate };
    case 'month_to_date':
      return { from: iso(new Date(Date.UTC(year, month, 1))), to: lastDate };
    case 'quarter_to_date':
      return { from: iso(new Date(Date.UTC(year, month - (month % 3), 1))), to: lastDate };
    case 'year_to_date':
      return { from: `${year}-01-01`, to: lastDate };
    case 'last_year':
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  }
}

/**
 * The date range of a preset for `metrics` of `model`: {@link resolvePeriod} relative to the
 * latest date in the facts those metrics read (their settled rows, where a fact declares them),
 * with that date as `lastDate`. Null when the facts hold no rows. Cost: one `max(date)` per fact.
 *
 * @example
 * await periodRange(warehouse, retail, ['revenue'], 'month_to_date'); // => { from: '2025-12-01', to: '2025-12-31', lastDate: '2025-12-31' }
 */
export async function periodRange(warehouse: Queryable, model: SemanticModel, metrics: string[], preset: PeriodPreset): Promise<(DateRange & { lastDate: string }) | null> {
  let last: string | null = null;
  for (const metric of metrics) {
    const d = await latestDate(warehouse, model, metric);
    if (d && (!last || d > last)) last = d;
  }
  return last ? { ...resolvePeriod(preset, last), lastDate: last } : null;
}
