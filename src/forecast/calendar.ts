/**
 * Calendar arithmetic on ISO dates `YYYY-MM-DD` in UTC: period starts (weeks
 * start on Monday, ISO 8601), adding periods, inferring a period from dates (each series' own).
 */
import { InputError, OptionError } from '../errors.js';
import { civilFromDays, daysFromCivil, daysInMonth } from '../util/dates.js';
import { quoted } from '../util/clip.js';
import type { Period } from './types.js';

/** Allowed periods. */
export const periods: readonly Period[] = ['day', 'week', 'month', 'quarter', 'year'];

const DAY = 86_400_000;

/** Milliseconds since the epoch of `YYYY-MM-DD` (or a Date) at UTC midnight; InputError on anything else. */
export function toUtcMs(value: string | Date): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new InputError('ds: invalid date');
    return Math.floor(ms / DAY) * DAY;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) throw new InputError(`ds: got ${JSON.stringify(value)}, expected a date YYYY-MM-DD`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  // arithmetic, not a Date per value: a long table has hundreds of thousands of dates
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new InputError(`ds: got ${JSON.stringify(value)}, not a calendar date`);
  return daysFromCivil(year, month, day) * DAY;
}

/**
 * {@link toUtcMs} of ISO date strings, each distinct one parsed once: a long table repeats its
 * dates across its series. One reader per table (its memory is the table's distinct dates).
 *
 * @example
 * const ms = dayReader(); ms('2024-01-01') === ms('2024-01-01'); // => true, parsed once
 */
export function dayReader(): (day: string) => number {
  const parsed = new Map<string, number>();
  return (day) => {
    let ms = parsed.get(day);
    if (ms === undefined) parsed.set(day, (ms = toUtcMs(day)));
    return ms;
  };
}

/** `YYYY-MM-DD` of a UTC millisecond time (H. Hinnant's civil_from_days; a Date outside years 0–9999). */
export function formatDay(ms: number): string {
  const [year, month, day] = civilFromDays(Math.floor(ms / DAY));
  if (!(year >= 0 && year <= 9999)) return new Date(ms).toISOString().slice(0, 10);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/**
 * Start of the period containing `ms` (UTC ms): the day; the ISO week's Monday; the month's,
 * quarter's or year's first day.
 *
 * @example
 * formatDay(periodStart(toUtcMs('2024-01-07'), 'week')); // => '2024-01-01' (a Monday)
 */
export function periodStart(ms: number, period: Period): number {
  // days and weeks by arithmetic (1970-01-01 was a Thursday, 3 days after a Monday): called once per row
  if (period === 'day') return ms;
  if (period === 'week') return ms - ((((Math.floor(ms / DAY) + 3) % 7) + 7) % 7) * DAY;
  const date = new Date(ms);
  switch (period) {
    case 'month':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    case 'quarter':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - (date.getUTCMonth() % 3), 1);
    case 'year':
      return Date.UTC(date.getUTCFullYear(), 0, 1);
  }
}

/**
 * `ms` moved by `k` periods (k may be negative).
 *
 * @example
 * formatDay(addPeriods(toUtcMs('2024-01-31'), 'month', 1)); // => '2024-02-29'
 */
export function addPeriods(ms: number, period: Period, k: number): number {
  if (period === 'day') return ms + k * DAY;
  if (period === 'week') return ms + 7 * k * DAY;
  const date = new Date(ms);
  const months = period === 'month' ? k : period === 'quarter' ? 3 * k : 12 * k;
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay));
}

/** The smallest positive gap in days between `dates` (Infinity for fewer than two distinct dates) and the period it says, if any. */
function gapPeriod(dates: Iterable<number | string | Date>): { gap: number; period?: Period } {
  const days = [...new Set([...dates].map((d) => (typeof d === 'number' ? d : toUtcMs(d))))].sort((a, b) => a - b);
  let gap = Infinity;
  for (let i = 1; i < days.length; i++) gap = Math.min(gap, (days[i] - days[i - 1]) / DAY);
  if (gap === 1) return { gap, period: 'day' };
  if (gap === 7) return { gap, period: 'week' };
  if (gap >= 28 && gap <= 31) return { gap, period: 'month' };
  if (gap >= 89 && gap <= 92) return { gap, period: 'quarter' };
  if (gap >= 365 && gap <= 366) return { gap, period: 'year' };
  return { gap };
}

/** A period as an adjective, for messages ("for daily series"). */
export const periodWords: Record<Period, string> = { day: 'daily', week: 'weekly', month: 'monthly', quarter: 'quarterly', year: 'yearly' };

/** inferPeriod's words for a gap that says no period; `of` names whose dates (a series), `others` the other series' periods. */
function gapMessage(gap: number, of?: string, others: readonly Period[] = []): string {
  const disagree = others.length > 0 ? ` and the other series are ${others.map((p) => periodWords[p]).join(' and ')}` : '';
  return `inferPeriod: smallest gap between dates${of ? ` of ${of}` : ''} is ${gap === Infinity ? 'undefined (one date)' : `${gap} days`}${disagree}, give period: ${periods.join(', ')}`;
}

/**
 * The period of dates from their smallest positive gap in days: 1 day, 7 week, 28–31 month, 89–92 quarter,
 * 365–366 year. With one date or an unusual gap, throws InputError asking for the period.
 *
 * @example
 * inferPeriod(['2024-01-01', '2024-01-08', '2024-01-22']); // => 'week'
 */
export function inferPeriod(dates: Iterable<number | string | Date>): Period {
  const { gap, period } = gapPeriod(dates);
  if (period) return period;
  throw new InputError(gapMessage(gap));
}

/**
 * The outcome of {@link periodsById}: every series' period, or the first series (in order of first
 * appearance) whose period cannot be told, with its smallest gap in days and the periods of the others.
 */
export type PeriodsById =
  | { ok: true; periods: Map<string, Period> }
  | { ok: false; id: string; gap: number; others: Period[] };

/**
 * The period of each series from its own dates (rows `ids[i]`, `dates[i]`), so a table holding a daily and a
 * monthly series shapes each at its own period and season. A series whose own dates cannot tell (one date,
 * a smallest gap that is no period, or two dates in one period of the gap's: 28 days apart within a month)
 * takes the period of the others when they all have one and agree: a new product with one sale in a weekly
 * table is weekly, and so is a count sold every fourth week. When no series can tell on its own, the table's
 * dates together decide, as for a single series. Otherwise the first such series is returned, not thrown,
 * for the caller to word (toSeries through {@link inferPeriods}, readLongCsv with file and lines).
 * Cost O(rows log rows).
 */
export function periodsById(ids: ArrayLike<unknown>, dates: readonly (number | string | Date)[]): PeriodsById {
  const byId = new Map<string, number[]>();
  const day = dayReader();
  for (let i = 0; i < ids.length; i++) {
    const id = String(ids[i]);
    let list = byId.get(id);
    if (!list) byId.set(id, (list = []));
    const d = dates[i];
    list.push(typeof d === 'number' ? d : typeof d === 'string' ? day(d) : toUtcMs(d));
  }
  const own = new Map<string, { gap: number; period?: Period }>();
  for (const [id, list] of byId) {
    const said = gapPeriod(list);
    const period = said.period;
    // dates 28 days apart read as months, yet two of them can fall in one month (every fourth week of a
    // sparse weekly count): a period holding two of a series' dates is coarser than its data, so it cannot tell
    const shared = period !== undefined && new Set(list.map((ms) => periodStart(ms, period))).size < new Set(list).size;
    own.set(id, shared ? { gap: said.gap } : said);
  }
  const told = new Set<Period>();
  for (const { period } of own.values()) if (period) told.add(period);
  const periodsOf = new Map<string, Period>();
  const table = told.size === 0 ? gapPeriod(dates) : undefined;
  for (const [id, { gap, period }] of own) {
    const chosen = period ?? (told.size === 1 ? [...told][0] : table?.period);
    if (!chosen) return { ok: false, id, gap: table ? table.gap : gap, others: [...told] };
    periodsOf.set(id, chosen);
  }
  return { ok: true, periods: periodsOf };
}

/**
 * {@link periodsById}, throwing inferPeriod's InputError for a series whose period cannot be told:
 * naming the series when the other series have periods of their own that disagree.
 *
 * @example
 * inferPeriods(['d', 'd', 'm', 'm'], ['2024-01-01', '2024-01-02', '2024-01-01', '2024-02-01']); // => Map { 'd' => 'day', 'm' => 'month' }
 */
export function inferPeriods(ids: ArrayLike<unknown>, dates: readonly (number | string | Date)[]): Map<string, Period> {
  const result = periodsById(ids, dates);
  if (result.ok) return result.periods;
  if (result.others.length === 0) throw new InputError(gapMessage(result.gap));
  throw new InputError(gapMessage(result.gap, `series ${quoted(result.id)}`, result.others));
}

/** Checks a period option; OptionError otherwise. */
export function checkPeriod(value: unknown): Period {
  if (!periods.includes(value as Period)) throw new OptionError('period', value, periods.join(', '));
  return value as Period;
}

/** The default season length of a period: 7 for day, 52 for week, 12 for month, 4 for quarter, 1 for year. */
export function defaultSeasonLength(period: Period): number {
  return { day: 7, week: 52, month: 12, quarter: 4, year: 1 }[period];
}

/** A dated event: its first and last day (ISO dates, both included), its name and optional effect kind. */
export interface CalendarEvent {
  start: string;
  end: string;
  name: string;
  /** Events of one kind share one estimated effect; default: the name. */
  kind?: string;
}

/**
 * Weight of each event kind in each period starting at `starts` (ISO dates of a `period` series):
 * the share of the period's days that the event covers — (days of the event inside the period) /
 * (days of the period), summed over the events of a kind. A one-day holiday gives 1 to its day in
 * a daily series and 1/7 to its ISO week (Monday start) in a weekly one; a 10-day event from a
 * Friday covers 3 days of its first week (3/7) and 7 of the next (1). Months use their own length.
 * Returns one row per kind (sorted by kind), aligned with `starts`.
 *
 * @example
 * eventWeights(['2024-04-29', '2024-05-06'], 'week', [{ start: '2024-05-01', end: '2024-05-01', name: 'May Day' }]).rows[0];
 * // => Float64Array [0.142857..., 0]
 */
export function eventWeights(starts: readonly string[], period: Period, events: readonly CalendarEvent[]): { kinds: string[]; rows: Float64Array[] } {
  const first = new Map<number, number>();
  starts.forEach((s, i) => first.set(periodStart(toUtcMs(s), period), i));
  const kinds = [...new Set(events.map((e) => e.kind ?? e.name))].sort();
  const rows = kinds.map(() => new Float64Array(starts.length));
  for (const event of events) {
    const row = rows[kinds.indexOf(event.kind ?? event.name)];
    for (let d = toUtcMs(event.start); d <= toUtcMs(event.end); d += DAY) {
      const start = periodStart(d, period);
      const i = first.get(start);
      if (i !== undefined) row[i] += DAY / (addPeriods(start, period, 1) - start);
    }
  }
  return { kinds, rows };
}
