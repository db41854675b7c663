/**
 * The one date reader of kpicast: load's date values, the forecast reader's `ds`, and every
 * date option (`--as-of`, `--from`, `--to`). Strict: a day that is not in the proleptic
 * Gregorian calendar (`2024-99-99`, `2024-13-45`, `2023-02-29`, year 0) is refused with the
 * reason, never moved to a neighbouring day.
 *
 * Formats: ISO `YYYY-MM-DD`, and day/month orders written with slashes, `DD/MM/YYYY` and
 * `MM/DD/YYYY`, with one- or two-digit day and month (`11/8/2017`) and a four- or two-digit
 * year. Two-digit years follow POSIX strptime's `%y`: 00–68 are 2000–2068, 69–99 are 1969–1999
 * ({@link TWO_DIGIT_YEAR_PIVOT}).
 */
import { InputError, OptionError } from '../errors.js';
import { quoted } from './clip.js';

/** The date formats a user can name (load's `--date-format`). YY and YYYY differ only in the help: either width of year is read. */
export const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD/MM/YY', 'MM/DD/YY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** The order of day and month in a slash date: day first (`DD/MM`) or month first (`MM/DD`). */
export type SlashOrder = 'DMY' | 'MDY';

/** Two-digit years below this are 20xx, the others 19xx (POSIX strptime `%y`: 00–68 → 2000–2068, 69–99 → 1969–1999). */
export const TWO_DIGIT_YEAR_PIVOT = 69;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const SLASH = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/;
/** A time of day after a date, as ISO or export tools write it: `T` or space, `hh:mm[:ss[.f]]`, optional `Z` or offset. */
const TIME_SUFFIX = /^[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days of month `m` (1–12) in year `y` of the proleptic Gregorian calendar. */
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m - 1];
}

/** Days since 1970-01-01 of a proleptic Gregorian day (H. Hinnant's days_from_civil, exact for any year). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** [year, month, day] of a count of days since 1970-01-01 (H. Hinnant's civil_from_days), the inverse of {@link daysFromCivil}. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** The slash order of a format; null for ISO. */
export function slashOrderOf(format: DateFormat): SlashOrder | null {
  return format === 'YYYY-MM-DD' ? null : format.startsWith('DD') ? 'DMY' : 'MDY';
}

/**
 * A two-digit year as a full year, with the POSIX pivot; a four-digit year as written.
 *
 * @example
 * fullYear('10'); // => 2010
 * fullYear('69'); // => 1969
 * fullYear('2017'); // => 2017
 */
export function fullYear(text: string): number {
  const y = Number(text);
  if (text.length !== 2) return y;
  return y < TWO_DIGIT_YEAR_PIVOT ? 2000 + y : 1900 + y;
}

/** Why (y, m, d) is not a calendar day, or null when it is one. */
function dayProblem(y: number, m: number, d: number): string | null {
  if (y < 1) return 'there is no year 0';
  if (m < 1 || m > 12) return `there is no month ${m}`;
  const days = daysInMonth(y, m);
  if (d < 1 || d > days) return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')} has ${days} days`;
  return null;
}

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The two leading numbers and the (full) year of a slash date, or null when `text` is not `n/n/yy` or `n/n/yyyy`. */
export function slashFields(text: string): { first: number; second: number; year: number } | null {
  const m = SLASH.exec(text);
  return m ? { first: Number(m[1]), second: Number(m[2]), year: fullYear(m[3]) } : null;
}

/** A date text read in `format` (or, for slash dates, `order`): the day as `YYYY-MM-DD`, or why not. */
function read(text: string, order: SlashOrder | null, time: boolean): { day: string } | { problem: string } {
  let t = text;
  if (time && t.length > 10 && TIME_SUFFIX.test(t.slice(10))) t = t.slice(0, 10);
  let m = ISO.exec(t);
  if (m) {
    const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
    const problem = dayProblem(y, mo, d);
    return problem ? { problem } : { day: iso(y, mo, d) };
  }
  if (order !== null && (m = SLASH.exec(text))) {
    const a = Number(m[1]), b = Number(m[2]), y = fullYear(m[3]);
    const [d, mo] = order === 'DMY' ? [a, b] : [b, a];
    const problem = dayProblem(y, mo, d);
    return problem ? { problem: `${problem} (read as ${order === 'DMY' ? 'DD/MM' : 'MM/DD'})` } : { day: iso(y, mo, d) };
  }
  return { problem: `expected ${order === null ? 'YYYY-MM-DD' : order === 'DMY' ? 'YYYY-MM-DD or DD/MM/YYYY' : 'YYYY-MM-DD or MM/DD/YYYY'}` };
}

/** Options of {@link readDate} and {@link parseDate}. */
export interface DateReadOptions {
  /** How slash dates are read; default: ISO `YYYY-MM-DD` only. An ISO date is read in every format. */
  format?: DateFormat;
  /** Also read a date followed by a time of day (`2024-01-05 00:00:00`, `2024-01-05T10:00Z`), keeping the day. Default false. */
  time?: boolean;
}

const orderOf = (options: DateReadOptions) => (options.format === undefined ? null : slashOrderOf(options.format));

/**
 * A date text as `YYYY-MM-DD`, or null when it is not a calendar day in `options.format`.
 *
 * @example
 * readDate('2024-02-29'); // => '2024-02-29'
 * readDate('2023-02-29'); // => null
 * readDate('11/8/2017', { format: 'MM/DD/YYYY' }); // => '2017-11-08'
 * readDate('05/02/10', { format: 'DD/MM/YY' }); // => '2010-02-05'
 */
export function readDate(text: string, options: DateReadOptions = {}): string | null {
  const r = read(text, orderOf(options), options.time === true);
  return 'day' in r ? r.day : null;
}

/**
 * Why `text` is not a date in `options.format` (`there is no month 13`, `2023-02 has 28 days`,
 * `expected YYYY-MM-DD`), or null when it is one.
 *
 * @example
 * dateProblem('2024-13-45'); // => 'there is no month 13'
 * dateProblem('2024-01-05'); // => null
 */
export function dateProblem(text: string, options: DateReadOptions = {}): string | null {
  const r = read(text, orderOf(options), options.time === true);
  return 'day' in r ? null : r.problem;
}

/**
 * A date text as `YYYY-MM-DD`; otherwise throws an InputError (code `E_DATE`) quoting what was
 * given and why it is no day, at `where` (file, line, column) when given:
 * `data.csv, line 3, column ds: got "2024-13-45", not a date: there is no month 13`.
 *
 * @example
 * parseDate('2024-01-05'); // => '2024-01-05'
 * parseDate('2024-99-99'); // throws 'got "2024-99-99", not a date: there is no month 99'
 */
export function parseDate(text: string, options: DateReadOptions & { where?: { file?: string; line?: number; column?: number | string } } = {}): string {
  const r = read(text, orderOf(options), options.time === true);
  if ('day' in r) return r.day;
  throw new InputError(`got ${quoted(text)}, not a date: ${r.problem}`, options.where ?? {}, 'E_DATE');
}

/**
 * A date option (`--as-of`, `--from`, `--to`) as `YYYY-MM-DD`; otherwise an OptionError naming
 * the option, what was typed and why it is no day:
 * `--as-of: got "2024-99-99" (there is no month 99), allowed: a calendar date YYYY-MM-DD`.
 *
 * @example
 * parseDateOption('--as-of', '2024-03-31'); // => '2024-03-31'
 * parseDateOption('--as-of', '2023-02-29'); // throws '--as-of: got "2023-02-29" (2023-02 has 28 days), allowed: a calendar date YYYY-MM-DD'
 */
export function parseDateOption(option: string, text: unknown): string {
  if (typeof text !== 'string') throw new OptionError(option, text, 'a calendar date YYYY-MM-DD');
  const r = read(text, null, false);
  if ('day' in r) return r.day;
  throw new OptionError(option, text, 'a calendar date YYYY-MM-DD', r.problem.startsWith('expected') ? undefined : r.problem);
}

/**
 * The date format named by `--date-format` (case-insensitive), or an OptionError listing them.
 *
 * @example
 * parseDateFormat('mm/dd/yyyy'); // => 'MM/DD/YYYY'
 */
export function parseDateFormat(option: string, text: string): DateFormat {
  const found = DATE_FORMATS.find((f) => f === text.trim().toUpperCase());
  if (!found) throw new OptionError(option, text, DATE_FORMATS.join(', '));
  return found;
}
