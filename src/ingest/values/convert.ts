/**
 * Conversion of one field text to what PostgreSQL accepts for its column, under PostgreSQL's own
 * input rules, and the canonical form two values share exactly when PostgreSQL stores them equal.
 */
import { quoted } from '../../util/clip.js';
import { expectedDates, readDay } from './date-column.js';
import { decimalKey, decimalText, integerDigits, readDecimal, roundDecimal } from './decimal.js';
import { INTEGER, normaliseNumber, ungroupInteger } from './number.js';
import { ValueError, type TypeSpec } from './spec.js';
import { ambiguousDate, canonicalTimestamp, expectedTimestamps, ISO_TS, timestampFields } from './timestamp.js';

/** Largest magnitude of each integer type, positive then negative, as digit strings (compared as text). */
const INTEGER_LIMITS: Record<'smallint' | 'integer' | 'bigint', [string, string]> = {
  smallint: ['32767', '32768'],
  integer: ['2147483647', '2147483648'],
  bigint: ['9223372036854775807', '9223372036854775808'],
};
/** The words a boolean column reads, in English and French. */
export const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', 'oui', 'o', 'vrai', '1']);
export const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', 'non', 'faux', '0']);
const FLOAT_INFINITY = /^([+-]?)(inf|infinity)$/i;
const FLOAT_NAN = /^[+-]?nan$/i;
const UUID = /^[0-9a-f]{4}(?:-?[0-9a-f]{4}){7}$/i;
/** Limits of an unconstrained numeric: digits before the point, digits after it (PostgreSQL's NUMERIC_WEIGHT_MAX, NUMERIC_DSCALE_MAX). */
const NUMERIC_INT_DIGITS_MAX = 131072;
const NUMERIC_SCALE_MAX = 16383;

function integerValue(text: string, type: 'smallint' | 'integer' | 'bigint', decimal: '.' | ','): string {
  const t = ungroupInteger(text, decimal);
  if (!INTEGER.test(t)) throw new ValueError(`unparsable integer ${quoted(text)}`);
  const negative = t[0] === '-';
  let i = t[0] === '-' || t[0] === '+' ? 1 : 0;
  while (i < t.length - 1 && t.charCodeAt(i) === 48) i++;
  const digits = t.slice(i);
  if (digits === '0') return '0';
  const limit = INTEGER_LIMITS[type][negative ? 1 : 0];
  if (digits.length > limit.length || (digits.length === limit.length && digits > limit)) {
    throw new ValueError(`integer ${quoted(text)} out of range for ${type}`);
  }
  return negative ? '-' + digits : digits;
}

function numericValue(text: string, spec: TypeSpec, decimal: '.' | ','): string {
  const t = normaliseNumber(text, decimal);
  if (t === null) throw new ValueError(`unparsable number ${quoted(text)}`);
  const exponent = /[eE]([+-]?\d+)$/.exec(t);
  if (exponent && Math.abs(Number(exponent[1])) >= 1073741823) throw new ValueError(`number ${quoted(text)} out of range for numeric`);
  const d = readDecimal(t);
  if (spec.precision !== undefined) {
    const p = spec.precision, s = spec.scale ?? 0;
    const r = roundDecimal(d, s);
    // PostgreSQL: after rounding to s digits, |value| < 10^(p - s).
    if (r.digits !== '' && integerDigits(r) > p - s) {
      const shown = d.digits !== '' && integerDigits(d) <= p - s ? ` (it rounds to ${decimalText(r, s)})` : '';
      throw new ValueError(`number ${quoted(text)} too large for numeric(${p},${s})${shown}`);
    }
  } else if ((d.digits !== '' && integerDigits(d) > NUMERIC_INT_DIGITS_MAX) || d.writtenScale > NUMERIC_SCALE_MAX) {
    throw new ValueError(`number ${quoted(text)} out of range for numeric (at most ${NUMERIC_INT_DIGITS_MAX} digits before the point and ${NUMERIC_SCALE_MAX} after)`);
  }
  return t;
}

function floatValue(text: string, type: 'real' | 'double', decimal: '.' | ','): string {
  const inf = FLOAT_INFINITY.exec(text);
  if (inf) return inf[1] === '-' ? '-Infinity' : 'Infinity';
  if (FLOAT_NAN.test(text)) return 'NaN';
  const t = normaliseNumber(text, decimal);
  if (t === null) throw new ValueError(`unparsable number ${quoted(text)}`);
  const n = type === 'real' ? Math.fround(Number(t)) : Number(t);
  // PostgreSQL refuses what overflows to infinity or underflows to zero.
  if (!Number.isFinite(n) || (n === 0 && /[1-9]/.test(t.split(/[eE]/)[0]))) {
    throw new ValueError(`number ${quoted(text)} out of range for ${type === 'real' ? 'real' : 'double precision'}`);
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
      throw new ValueError(`unparsable boolean ${quoted(text)}`);
    }
    case 'date': {
      // a timestamp at midnight is a day too (JSON and Parquet exports write dates so)
      const dayText = ISO_TS.test(text) && /T00:00(:00(\.0+)?)?(Z)?$/.test(text) ? text.slice(0, 10) : text;
      const r = readDay(dayText, spec.dateOrder);
      if ('day' in r) return r.day;
      if (r.ambiguous) throw new ValueError(ambiguousDate('date', text, r.ambiguous));
      if (r.problem.startsWith('there is no year 0')) throw new ValueError(`date ${quoted(text)} out of range: there is no year 0`);
      if (r.problem.startsWith('expected')) throw new ValueError(`unparsable date ${quoted(text)} (expected ${expectedDates(spec.dateOrder)})`);
      throw new ValueError(`unparsable date ${quoted(text)} (${r.problem})`);
    }
    case 'timestamptz':
    case 'timestamp': {
      const ts = timestampFields(text, spec.dateOrder);
      if (ts === null) throw new ValueError(`unparsable timestamp ${quoted(text)} (expected ${expectedTimestamps(spec.dateOrder)})`);
      if (typeof ts === 'string') throw new ValueError(ts);
      return ts.text;
    }
    case 'uuid': {
      const t = text[0] === '{' && text[text.length - 1] === '}' ? text.slice(1, -1) : text;
      if (!UUID.test(t)) throw new ValueError(`unparsable uuid ${quoted(text)}`);
      const hex = t.replace(/-/g, '').toLowerCase();
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }
    default:
      if (text.includes('\u0000')) {
        throw new ValueError(`text ${quoted(text)} contains a NUL character (\\u0000), which PostgreSQL cannot store`);
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

