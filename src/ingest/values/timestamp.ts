/**
 * Timestamps read as PostgreSQL reads them, and their canonical form (what two texts must share
 * to be stored as equal values), rounded to timestamp(p) and, for timestamptz, moved to UTC.
 */
import { quoted } from '../../util/clip.js';
import { civilFromDays, daysFromCivil } from '../../util/dates.js';
import { expectedDates, readDay, type ColumnDateOrder } from './date-column.js';
import type { TypeSpec } from './spec.js';
import { isUtcZone, localOffset } from './time-zone.js';

// date, time (hour, minute, second, fraction), offset (sign, hours, minutes)
export const ISO_TS = /^(\d{4}-\d{2}-\d{2})[T ]((\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)(Z|([+-])(\d{2})(?::?(\d{2}))?)?$/;
/** A slash date (either order, two- or four-digit year) and a time: `15/09/2019 08:30`, `11/8/2017 14:05:00`. */
const SLASH_TS = /^(\d{1,2}\/\d{1,2}\/(?:\d{4}|\d{2})) ((\d{2}):(\d{2})(?::(\d{2}))?)$/;
const BARE_DATE = /^(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/(?:\d{4}|\d{2}))$/;
const DAY_US = 86_400_000_000;
/** 2000-01-01 in days since 1970-01-01: PostgreSQL's timestamp epoch, around which it rounds timestamp(p). */
const PG_EPOCH_DAYS = 10957;

/** A timestamp text read the way PostgreSQL reads it. */
export interface TimestampFields {
  /** What COPY is given: `YYYY-MM-DD hh:mm[:ss[.f]][offset]`. */
  text: string;
  /** Days since 1970-01-01 of the date as written. */
  days: number;
  /** Microseconds since that midnight; up to one day (24:00, a 60th second). */
  micros: number;
  /** Offset east of UTC in seconds, null when the text has none. */
  offset: number | null;
}

/** C's rint(): to the nearest integer, ties to even, as PostgreSQL rounds fractional seconds. */
function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Reads a timestamp text (ISO with `T` or space, optional seconds, fraction and offset; a slash
 * date in `order` and `hh:mm[:ss]`; a bare date) with PostgreSQL's field ranges: hour 0-24 (24
 * only as 24:00:00), minute 0-59, second 0-60, offset up to ±15:59, no year 0. Null when it has
 * none of these shapes, a reason when a field is out of range or its day/month order is ambiguous.
 *
 * @example
 * timestampFields('2024-01-05 10:00').text; // => '2024-01-05 10:00'
 * timestampFields('11/28/2017 08:30').text; // => '2017-11-28 08:30'
 */
export function timestampFields(text: string, order?: ColumnDateOrder): TimestampFields | string | null {
  let date: string, time: string, h: string, mi: string, s: string | undefined, frac: string | undefined;
  let offsetText = '', sign: string | undefined, oh: string | undefined, om: string | undefined;
  let m = ISO_TS.exec(text);
  if (m) {
    [, date, time, h, mi, s, frac, , sign, oh, om] = m;
    offsetText = m[7] ?? '';
  } else if ((m = SLASH_TS.exec(text))) {
    [, date, time, h, mi, s] = m;
  } else if (BARE_DATE.test(text)) {
    date = text;
    time = '00:00:00';
    h = mi = s = '00';
  } else {
    return null;
  }
  const reading = readDay(date, order);
  if (!('day' in reading)) {
    if (reading.ambiguous) return ambiguousDate('timestamp', text, reading.ambiguous);
    if (reading.problem.startsWith('there is no year 0')) return `timestamp ${quoted(text)} out of range: there is no year 0`;
    return null;
  }
  const day = reading.day;
  const hour = Number(h), minute = Number(mi), second = s === undefined ? 0 : Number(s);
  const fsec = frac === undefined ? 0 : rint(Number('0' + frac) * 1e6);
  if (hour > 24 || minute > 59 || second > 60 || (hour === 24 && (minute > 0 || second > 0 || fsec > 0))) {
    return `timestamp ${quoted(text)} out of range: time of day ${time} is not between 00:00 and 24:00`;
  }
  let offset: number | null = null;
  if (offsetText === 'Z') offset = 0;
  else if (sign !== undefined) {
    const ohn = Number(oh), omn = om === undefined ? 0 : Number(om);
    if (ohn > 15 || omn > 59) return `timestamp ${quoted(text)} out of range: time zone offset ${offsetText} is beyond ±15:59`;
    offset = (sign === '-' ? -1 : 1) * (ohn * 3600 + omn * 60);
  }
  const [y, mo, d] = day.split('-').map(Number);
  return {
    text: `${day} ${time}${offsetText}`,
    days: daysFromCivil(y, mo, d),
    micros: ((hour * 60 + minute) * 60 + second) * 1e6 + fsec,
    offset,
  };
}

/** The reason an ambiguous slash date is refused: both readings, and how to settle it. */
export function ambiguousDate(kind: 'date' | 'timestamp', text: string, readings: { dayFirst: string; monthFirst: string }): string {
  return `ambiguous ${kind} ${quoted(text)}: ${readings.dayFirst} day first or ${readings.monthFirst} month first, and no other value of the column settles it; give --date-format DD/MM/YYYY or MM/DD/YYYY`;
}

/** What an unreadable timestamp is expected to look like, for messages. */
export const expectedTimestamps = (order: ColumnDateOrder | undefined): string => `${expectedDates(order)}, with an optional time hh:mm[:ss]`;

/**
 * The canonical form of a timestamp, equal for two texts exactly when PostgreSQL stores equal
 * values: ISO `YYYY-MM-DDThh:mm:ss[.ffffff]`, in UTC with a `Z` for timestamptz (a text without an
 * offset read in `spec.timeZone`), rounded to `timestamp(p)`. The offset of a plain timestamp
 * text is ignored, as PostgreSQL ignores it.
 */
export function canonicalTimestamp(ts: TimestampFields, spec: TypeSpec): string {
  let { days, micros } = ts;
  let suffix = '';
  if (spec.type === 'timestamptz') {
    suffix = 'Z';
    let offsetUs = ts.offset === null ? 0 : ts.offset * 1e6;
    const zone = spec.timeZone;
    if (ts.offset === null && zone !== undefined && !isUtcZone(zone)) {
      const offsetMs = localOffset(zone, days * 86_400_000 + Math.floor(micros / 1000));
      if (offsetMs === null) suffix = ` ${zone}`; // a zone Intl does not know: compare wall times in it
      else offsetUs = offsetMs * 1000;
    }
    micros -= offsetUs;
  }
  days += Math.floor(micros / DAY_US);
  micros -= Math.floor(micros / DAY_US) * DAY_US;
  const p = spec.precision;
  if (p !== undefined && p < 6) {
    // AdjustTimestampForTypmod: half away from zero, around 2000-01-01.
    const unit = 10 ** (6 - p);
    const rest = micros % unit;
    if (rest !== 0) {
      const up = days >= PG_EPOCH_DAYS ? rest * 2 >= unit : rest * 2 > unit;
      micros += up ? unit - rest : -rest;
      if (micros >= DAY_US) {
        days += 1;
        micros -= DAY_US;
      }
    }
  }
  const [y, mo, d] = civilFromDays(days);
  const seconds = Math.floor(micros / 1e6);
  const fraction = micros - seconds * 1e6;
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
  const frac = fraction === 0 ? '' : '.' + String(fraction).padStart(6, '0').replace(/0+$/, '');
  return `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${clock}${frac}${suffix}`;
}
