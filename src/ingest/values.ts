import type { ColumnType } from './types.js';

/**
 * The value types ingest checks: the {@link ColumnType}s it infers, plus the column types of
 * existing tables whose PostgreSQL input rules differ from those (smallint, real, double
 * precision, uuid).
 */
export type ValueType = ColumnType | 'smallint' | 'real' | 'double' | 'uuid';

/** A column type with the limits Postgres will enforce (numeric precision/scale, varchar length). */
export interface TypeSpec {
  type: ValueType;
  /** numeric(p, s): p, the total digits; timestamp(p): p, the fractional-second digits kept. */
  precision?: number;
  /** numeric(p, s): s, the digits kept after the point (negative: rounded to tens, hundreds...). */
  scale?: number;
  maxLength?: number;
  /** timestamptz: the session TimeZone that reads a text without an offset; default UTC. */
  timeZone?: string;
}

/** Thrown by {@link convertValue} with the reason a value does not fit its column type. */
export class ValueError extends Error {}

const INT4_MAX = 2147483647;
const INT4_MIN = -2147483648;
/** Largest magnitude of each integer type, positive then negative, as digit strings (compared as text). */
const INTEGER_LIMITS: Record<'smallint' | 'integer' | 'bigint', [string, string]> = {
  smallint: ['32767', '32768'],
  integer: ['2147483647', '2147483648'],
  bigint: ['9223372036854775807', '9223372036854775808'],
};
const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', 'oui', 'o', 'vrai', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', 'non', 'faux', '0']);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FR_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
// date, time (hour, minute, second, fraction), offset (sign, hours, minutes)
const ISO_TS = /^(\d{4}-\d{2}-\d{2})[T ]((\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)(Z|([+-])(\d{2})(?::?(\d{2}))?)?$/;
const FR_TS = /^(\d{1,2}\/\d{1,2}\/\d{4}) ((\d{2}):(\d{2})(?::(\d{2}))?)$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NUMBER_PARTS = /^([+-]?)(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?$/;
const INTEGER = /^[+-]?\d+$/;
/** With a decimal comma, the only place a dot may be: between groups of three digits. */
const DOT_THOUSANDS = /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/;
const FLOAT_INFINITY = /^([+-]?)(inf|infinity)$/i;
const FLOAT_NAN = /^[+-]?nan$/i;
const UUID = /^[0-9a-f]{4}(?:-?[0-9a-f]{4}){7}$/i;
/** Limits of an unconstrained numeric: digits before the point, digits after it (PostgreSQL's NUMERIC_WEIGHT_MAX, NUMERIC_DSCALE_MAX). */
const NUMERIC_INT_DIGITS_MAX = 131072;
const NUMERIC_SCALE_MAX = 16383;
const DAY_US = 86_400_000_000;
/** 2000-01-01 in days since 1970-01-01: PostgreSQL's timestamp epoch, around which it rounds timestamp(p). */
const PG_EPOCH_DAYS = 10957;

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DD`, or null when it is not a day PostgreSQL accepts (no year 0, real calendar day). */
function calendarDate(y: number, m: number, d: number): string | null {
  if (y < 1 || m < 1 || m > 12 || d < 1) return null;
  if (d > (m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m - 1])) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A date text as `YYYY-MM-DD`, from ISO `YYYY-MM-DD` or French `DD/MM/YYYY`; null when it is neither
 * or not a real calendar day (year 0 included: PostgreSQL has none).
 *
 * @example
 * parseDateText('31/01/2024'); // => '2024-01-31'
 * parseDateText('2023-02-30'); // => null
 */
export function parseDateText(text: string): string | null {
  let m = ISO_DATE.exec(text);
  if (m) return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = FR_DATE.exec(text);
  if (m) return calendarDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

/** Days since 1970-01-01 of a proleptic Gregorian day (H. Hinnant's algorithm, exact for any year). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

function civilFromDays(days: number): [number, number, number] {
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

/** A timestamp text read the way PostgreSQL reads it. */
interface TimestampFields {
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
 * Reads a timestamp text (ISO with `T` or space, optional seconds, fraction and offset; French
 * `DD/MM/YYYY hh:mm[:ss]`; a bare date) with PostgreSQL's field ranges: hour 0-24 (24 only as
 * 24:00:00), minute 0-59, second 0-60, offset up to ±15:59, no year 0. Null when it has none of
 * these shapes, a reason when a field is out of range.
 */
function timestampFields(text: string): TimestampFields | string | null {
  let date: string, time: string, h: string, mi: string, s: string | undefined, frac: string | undefined;
  let offsetText = '', sign: string | undefined, oh: string | undefined, om: string | undefined;
  let m = ISO_TS.exec(text);
  if (m) {
    [, date, time, h, mi, s, frac, , sign, oh, om] = m;
    offsetText = m[7] ?? '';
  } else if ((m = FR_TS.exec(text))) {
    [, date, time, h, mi, s] = m;
  } else if (ISO_DATE.test(text) || FR_DATE.test(text)) {
    date = text;
    time = '00:00:00';
    h = mi = s = '00';
  } else {
    return null;
  }
  const day = parseDateText(date);
  if (day === null) {
    return /^0000-|\/0000$/.test(date) ? `timestamp ${JSON.stringify(text)} out of range: there is no year 0` : null;
  }
  const hour = Number(h), minute = Number(mi), second = s === undefined ? 0 : Number(s);
  const fsec = frac === undefined ? 0 : rint(Number('0' + frac) * 1e6);
  if (hour > 24 || minute > 59 || second > 60 || (hour === 24 && (minute > 0 || second > 0 || fsec > 0))) {
    return `timestamp ${JSON.stringify(text)} out of range: time of day ${time} is not between 00:00 and 24:00`;
  }
  let offset: number | null = null;
  if (offsetText === 'Z') offset = 0;
  else if (sign !== undefined) {
    const ohn = Number(oh), omn = om === undefined ? 0 : Number(om);
    if (ohn > 15 || omn > 59) return `timestamp ${JSON.stringify(text)} out of range: time zone offset ${offsetText} is beyond ±15:59`;
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

function parseTimestampText(text: string): string | null {
  const ts = timestampFields(text);
  return ts === null || typeof ts === 'string' ? null : ts.text;
}

/** Zones in which a wall time is UTC: no Intl lookup needed. */
const UTC_ZONES = new Set(['utc', 'etc/utc', 'uct', 'etc/uct', 'gmt', 'etc/gmt', 'gmt0', 'etc/gmt0', 'gmt+0', 'gmt-0', 'etc/gmt+0', 'etc/gmt-0', 'greenwich', 'etc/greenwich', 'universal', 'etc/universal', 'zulu', 'etc/zulu', 'z']);
const zoneFormats = new Map<string, Intl.DateTimeFormat | null>();
/** Resolved offsets, by zone and local minute (ms); cleared when it grows large. */
const zoneOffsets = new Map<string, number>();

function zoneFormat(zone: string): Intl.DateTimeFormat | null {
  let format = zoneFormats.get(zone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', era: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      format = null; // a POSIX-style zone Intl does not know
    }
    zoneFormats.set(zone, format);
  }
  return format;
}

/** Offset east of UTC, in ms, of `zone` at instant `ms`. */
function offsetAt(format: Intl.DateTimeFormat, ms: number): number {
  const at = Math.floor(ms / 1000) * 1000;
  const part: Record<string, string> = {};
  for (const p of format.formatToParts(new Date(at))) part[p.type] = p.value;
  const year = part.era === 'BC' || part.era === 'B' ? 1 - Number(part.year) : Number(part.year);
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(part.month) - 1, Number(part.day));
  wall.setUTCHours(Number(part.hour), Number(part.minute), Number(part.second), 0);
  return wall.getTime() - at;
}

/**
 * The offset PostgreSQL gives a local wall time of `zone` (`wall`: that time as if it were UTC, ms):
 * in a spring-forward gap the offset before the change, in a fall-back overlap the one after
 * (DetermineTimeZoneOffset). Null when Intl does not know the zone.
 */
function localOffset(zone: string, wall: number): number | null {
  const format = zoneFormat(zone);
  if (format === null) return null;
  const minute = Math.floor(wall / 60_000);
  const cacheKey = `${zone}|${minute}`;
  const cached = zoneOffsets.get(cacheKey);
  if (cached !== undefined) return cached;
  const dayMs = 86_400_000;
  const before = offsetAt(format, wall - dayMs);
  const after = offsetAt(format, wall + dayMs);
  let offset = before;
  if (before !== after) {
    // Find the change between wall - 1 day and wall + 1 day (instants), to the second.
    let lo = Math.floor((wall - dayMs) / 1000) * 1000, hi = Math.ceil((wall + dayMs) / 1000) * 1000;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offsetAt(format, mid) === before) lo = mid;
      else hi = mid;
    }
    const boundary = hi;
    const beforeTime = wall - before, afterTime = wall - after;
    if (beforeTime < boundary && afterTime < boundary) offset = before;
    else if (beforeTime >= boundary && afterTime >= boundary) offset = after;
    else offset = beforeTime > afterTime ? before : after;
  }
  if (zoneOffsets.size > 100_000) zoneOffsets.clear();
  zoneOffsets.set(cacheKey, offset);
  return offset;
}

/**
 * The canonical form of a timestamp, equal for two texts exactly when PostgreSQL stores equal
 * values: ISO `YYYY-MM-DDThh:mm:ss[.ffffff]`, in UTC with a `Z` for timestamptz (a text without an
 * offset read in `spec.timeZone`), rounded to `timestamp(p)`. The offset of a plain timestamp
 * text is ignored, as PostgreSQL ignores it.
 */
function canonicalTimestamp(ts: TimestampFields, spec: TypeSpec): string {
  let { days, micros } = ts;
  let suffix = '';
  if (spec.type === 'timestamptz') {
    suffix = 'Z';
    let offsetUs = ts.offset === null ? 0 : ts.offset * 1e6;
    const zone = spec.timeZone;
    if (ts.offset === null && zone !== undefined && !UTC_ZONES.has(zone.toLowerCase())) {
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

/**
 * A number text in canonical form (`1234.5`), honouring the decimal separator: with `,`
 * the text may use spaces between thousands (`1 234,5`), and dots only in a valid grouping
 * (`1.234,5`, `1.234` = 1234); any other dot makes it no number. Null if not a number.
 *
 * @example
 * normaliseNumber('1 234,50', ','); // => '1234.50'
 * normaliseNumber('1.234', ','); // => '1234'
 * normaliseNumber('12.5', ','); // => null
 */
export function normaliseNumber(text: string, decimal: '.' | ','): string | null {
  let t = text;
  if (decimal === ',') {
    t = t.replace(/[\s\u00a0\u202f]/g, '');
    if (t.includes('.')) {
      if (!DOT_THOUSANDS.test(t)) return null;
      t = t.replace(/\./g, '');
    }
    t = t.replace(',', '.');
  }
  return NUMBER.test(t) ? t : null;
}

/** A decimal number as sign, significant digits (no leading or trailing zero) and their scale: value = ±digits × 10^-scale. */
interface Decimal {
  negative: boolean;
  /** '' for zero. */
  digits: string;
  scale: number;
  /** Digits after the point as written (PostgreSQL's display scale): fraction length - exponent, at least 0. */
  writtenScale: number;
}

/** Reads a text matching NUMBER. The exponent may be huge: nothing is expanded. */
function readDecimal(t: string): Decimal {
  const [, sign, int, frac, exp] = NUMBER_PARTS.exec(t)!;
  const exponent = exp === undefined ? 0 : Number(exp);
  let digits = (int + frac).replace(/^0+/, '');
  let scale = frac.length - exponent;
  const writtenScale = Math.max(0, scale);
  const trimmed = digits.replace(/0+$/, '');
  scale -= digits.length - trimmed.length;
  digits = trimmed;
  return { negative: sign === '-' && digits !== '', digits, scale: digits === '' ? 0 : scale, writtenScale };
}

/** `d` rounded half away from zero to `scale` digits after the point (negative: to tens, hundreds...), trailing zeros dropped. */
function roundDecimal(d: Decimal, scale: number): Decimal {
  if (d.scale <= scale) return d;
  const keep = d.digits.length - (d.scale - scale);
  if (keep < 0) return { ...d, negative: false, digits: '', scale: 0 };
  let kept = d.digits.slice(0, keep);
  if (d.digits.charCodeAt(keep) >= 53 /* '5' */) {
    // add one unit in the last kept place
    let i = kept.length - 1;
    while (i >= 0 && kept[i] === '9') i--;
    kept = (i < 0 ? '1' : kept.slice(0, i) + String(Number(kept[i]) + 1)) + '0'.repeat(kept.length - 1 - i);
  }
  const trimmed = kept.replace(/0+$/, '');
  if (trimmed === '') return { ...d, negative: false, digits: '', scale: 0 };
  return { ...d, digits: trimmed, scale: scale - (kept.length - trimmed.length) };
}

/** Digits before the point of a non-zero decimal (0 or less when it is below 1). */
const integerDigits = (d: Decimal) => d.digits.length - d.scale;

/** `±digits e -scale`: one text per numeric value, whatever its writing (1.0, 1.00, 1e0 → `1e0`). */
const decimalKey = (d: Decimal) => (d.digits === '' ? '0' : `${d.negative ? '-' : ''}${d.digits}e${-d.scale}`);

/** A (rounded, small) decimal as plain text with `scale` digits after the point, for messages: `10000000000.00`. */
function decimalText(d: Decimal, scale: number): string {
  const places = Math.max(0, scale);
  const units = d.digits + '0'.repeat(places - d.scale); // the value in units of 10^-places; d.scale <= places
  const padded = units.padStart(places + 1, '0');
  const int = padded.slice(0, padded.length - places);
  return `${d.negative ? '-' : ''}${int}${places ? '.' + padded.slice(int.length) : ''}`;
}

function integerValue(text: string, type: 'smallint' | 'integer' | 'bigint', decimal: '.' | ','): string {
  let t = text;
  if (decimal === ',') {
    t = t.replace(/[\s\u00a0\u202f]/g, '');
    if (t.includes('.') && /^[+-]?\d{1,3}(\.\d{3})+$/.test(t)) t = t.replace(/\./g, '');
  }
  if (!INTEGER.test(t)) throw new ValueError(`unparsable integer ${JSON.stringify(text)}`);
  const negative = t[0] === '-';
  let i = t[0] === '-' || t[0] === '+' ? 1 : 0;
  while (i < t.length - 1 && t.charCodeAt(i) === 48) i++;
  const digits = t.slice(i);
  if (digits === '0') return '0';
  const limit = INTEGER_LIMITS[type][negative ? 1 : 0];
  if (digits.length > limit.length || (digits.length === limit.length && digits > limit)) {
    throw new ValueError(`integer ${JSON.stringify(text)} out of range for ${type}`);
  }
  return negative ? '-' + digits : digits;
}

function numericValue(text: string, spec: TypeSpec, decimal: '.' | ','): string {
  const t = normaliseNumber(text, decimal);
  if (t === null) throw new ValueError(`unparsable number ${JSON.stringify(text)}`);
  const exponent = /[eE]([+-]?\d+)$/.exec(t);
  if (exponent && Math.abs(Number(exponent[1])) >= 1073741823) throw new ValueError(`number ${JSON.stringify(text)} out of range for numeric`);
  const d = readDecimal(t);
  if (spec.precision !== undefined) {
    const p = spec.precision, s = spec.scale ?? 0;
    const r = roundDecimal(d, s);
    // PostgreSQL: after rounding to s digits, |value| < 10^(p - s).
    if (r.digits !== '' && integerDigits(r) > p - s) {
      const shown = d.digits !== '' && integerDigits(d) <= p - s ? ` (it rounds to ${decimalText(r, s)})` : '';
      throw new ValueError(`number ${JSON.stringify(text)} too large for numeric(${p},${s})${shown}`);
    }
  } else if ((d.digits !== '' && integerDigits(d) > NUMERIC_INT_DIGITS_MAX) || d.writtenScale > NUMERIC_SCALE_MAX) {
    throw new ValueError(`number ${JSON.stringify(text)} out of range for numeric (at most ${NUMERIC_INT_DIGITS_MAX} digits before the point and ${NUMERIC_SCALE_MAX} after)`);
  }
  return t;
}

function floatValue(text: string, type: 'real' | 'double', decimal: '.' | ','): string {
  const inf = FLOAT_INFINITY.exec(text);
  if (inf) return inf[1] === '-' ? '-Infinity' : 'Infinity';
  if (FLOAT_NAN.test(text)) return 'NaN';
  const t = normaliseNumber(text, decimal);
  if (t === null) throw new ValueError(`unparsable number ${JSON.stringify(text)}`);
  const n = type === 'real' ? Math.fround(Number(t)) : Number(t);
  // PostgreSQL refuses what overflows to infinity or underflows to zero.
  if (!Number.isFinite(n) || (n === 0 && /[1-9]/.test(t.split(/[eE]/)[0]))) {
    throw new ValueError(`number ${JSON.stringify(text)} out of range for ${type === 'real' ? 'real' : 'double precision'}`);
  }
  return t;
}

/** Length in characters (code points), as PostgreSQL counts it. */
function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Converts one field text to the canonical text Postgres accepts for `spec`, or throws a
 * {@link ValueError} saying why it cannot, under PostgreSQL's own input rules: integer ranges
 * of smallint/integer/bigint, numeric(p,s) overflow after rounding, float overflow and underflow
 * (`Infinity` and `NaN` only when written), uuid syntax, no year 0 and time fields in range,
 * no NUL character in text. Cost: one or two regular expressions.
 *
 * @example
 * convertValue('12,5', { type: 'numeric' }, ','); // => '12.5'
 * convertValue('oui', { type: 'boolean' }, '.'); // => 't'
 * convertValue('+007', { type: 'integer' }, '.'); // => '7'
 */
export function convertValue(text: string, spec: TypeSpec, decimal: '.' | ','): string {
  switch (spec.type) {
    case 'smallint':
    case 'integer':
    case 'bigint':
      return integerValue(text, spec.type, decimal);
    case 'numeric':
      return numericValue(text, spec, decimal);
    case 'real':
    case 'double':
      return floatValue(text, spec.type, decimal);
    case 'boolean': {
      const t = text.toLowerCase();
      if (TRUE_WORDS.has(t)) return 't';
      if (FALSE_WORDS.has(t)) return 'f';
      throw new ValueError(`unparsable boolean ${JSON.stringify(text)}`);
    }
    case 'date': {
      const d = parseDateText(text) ?? (ISO_TS.test(text) && /T00:00(:00(\.0+)?)?(Z)?$/.test(text) ? parseDateText(text.slice(0, 10)) : null);
      if (d === null) {
        if (/^0000-\d\d-\d\d|^\d{1,2}\/\d{1,2}\/0000$/.test(text)) throw new ValueError(`date ${JSON.stringify(text)} out of range: there is no year 0`);
        throw new ValueError(`unparsable date ${JSON.stringify(text)} (expected YYYY-MM-DD or DD/MM/YYYY)`);
      }
      return d;
    }
    case 'timestamptz':
    case 'timestamp': {
      const ts = timestampFields(text);
      if (ts === null) throw new ValueError(`unparsable timestamp ${JSON.stringify(text)}`);
      if (typeof ts === 'string') throw new ValueError(ts);
      return ts.text;
    }
    case 'uuid': {
      const t = text[0] === '{' && text[text.length - 1] === '}' ? text.slice(1, -1) : text;
      if (!UUID.test(t)) throw new ValueError(`unparsable uuid ${JSON.stringify(text)}`);
      const hex = t.replace(/-/g, '').toLowerCase();
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }
    default:
      if (text.includes('\u0000')) {
        throw new ValueError(`text ${JSON.stringify(text)} contains a NUL character (\\u0000), which PostgreSQL cannot store`);
      }
      if (spec.maxLength !== undefined && text.length > spec.maxLength && charLength(text) > spec.maxLength) {
        throw new ValueError(`text longer than ${spec.maxLength} characters`);
      }
      return text;
  }
}

/** Whether {@link canonicalValue} can differ from the converted text for this type. */
export function hasCanonicalForm(spec: TypeSpec): boolean {
  return spec.type === 'numeric' || spec.type === 'real' || spec.type === 'double' || spec.type === 'timestamp' || spec.type === 'timestamptz';
}

/**
 * The canonical form of a value `convertValue` returned: two values have the same canonical
 * form exactly when PostgreSQL stores equal values in a column of type `spec`, so keys and rows
 * can be compared in JS as the unique index and `IS DISTINCT FROM` compare them. Integers,
 * booleans, dates, uuids and texts are canonical already; numerics are normalised (`1.0`,
 * `1.00`, `+1` → one form; rounded to numeric(p,s)); floats as JS prints their double (or
 * float4) value; timestamps as ISO (UTC for timestamptz), rounded to timestamp(p).
 *
 * @example
 * canonicalValue('3.50', { type: 'numeric' }) === canonicalValue('3.5', { type: 'numeric' }); // => true
 * canonicalValue('2024-01-05 10:00', { type: 'timestamp' }); // => '2024-01-05T10:00:00'
 */
export function canonicalValue(value: string, spec: TypeSpec): string {
  switch (spec.type) {
    case 'numeric': {
      const d = readDecimal(value);
      return decimalKey(spec.precision !== undefined ? roundDecimal(d, spec.scale ?? 0) : d);
    }
    case 'real':
    case 'double': {
      const n = spec.type === 'real' ? Math.fround(Number(value)) : Number(value);
      return String(n);
    }
    case 'timestamp':
    case 'timestamptz': {
      const ts = timestampFields(value);
      return ts === null || typeof ts === 'string' ? value : canonicalTimestamp(ts, spec);
    }
    default:
      return value;
  }
}

/**
 * The narrowest type that fits every non-empty value: boolean, integer (bigint beyond
 * 32 bits), numeric, date, timestamptz, else text. Codes with leading zeros stay text.
 *
 * @example
 * inferType(['1', '2', '30'], '.'); // => 'integer'
 * inferType(['01/02/2024', '2024-02-03'], '.'); // => 'date'
 */
export function inferType(values: Iterable<string>, decimal: '.' | ','): ColumnType {
  let bool = true, int = true, num = true, date = true, ts = true, big = false, any = false;
  for (const v of values) {
    any = true;
    const lower = v.toLowerCase();
    if (bool && !(TRUE_WORDS.has(lower) || FALSE_WORDS.has(lower)) || lower === '1' || lower === '0') bool = false;
    if (int) {
      if (!INTEGER.test(v) || /^[+-]?0\d/.test(v) || v.length > 15) int = false;
      else if (Number(v) > INT4_MAX || Number(v) < INT4_MIN) big = true;
    }
    if (num && (normaliseNumber(v, decimal) === null || /^[+-]?0\d/.test(v))) num = false;
    if (date && parseDateText(v) === null) date = false;
    if (ts && !date && parseTimestampText(v) === null) ts = false;
    if (!bool && !int && !num && !date && !ts) return 'text';
  }
  if (!any) return 'text';
  if (bool) return 'boolean';
  if (int) return big ? 'bigint' : 'integer';
  if (num) return 'numeric';
  if (date) return 'date';
  if (ts) return 'timestamptz';
  return 'text';
}
