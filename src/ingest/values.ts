import type { ColumnType } from './types.js';

/** A column type with the limits Postgres will enforce (numeric precision/scale, varchar length). */
export interface TypeSpec {
  type: ColumnType;
  precision?: number;
  scale?: number;
  maxLength?: number;
}

/** Thrown by {@link convertValue} with the reason a value does not fit its column type. */
export class ValueError extends Error {}

const INT4_MAX = 2147483647;
const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', 'oui', 'o', 'vrai', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', 'non', 'faux', '0']);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FR_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_TS = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const FR_TS = /^(\d{1,2}\/\d{1,2}\/\d{4}) (\d{2}:\d{2}(?::\d{2})?)$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

function calendarDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A date text as `YYYY-MM-DD`, from ISO `YYYY-MM-DD` or French `DD/MM/YYYY`; null when it is neither
 * or not a real calendar day.
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

function parseTimestampText(text: string): string | null {
  let m = ISO_TS.exec(text);
  if (m) {
    const day = parseDateText(m[1]);
    return day ? `${day} ${m[2]}${m[3] ?? ''}` : null;
  }
  m = FR_TS.exec(text);
  if (m) {
    const day = parseDateText(m[1]);
    return day ? `${day} ${m[2]}` : null;
  }
  const day = parseDateText(text);
  return day ? `${day} 00:00:00` : null;
}

/**
 * A number text in canonical form (`1234.5`), honouring the decimal separator: with `,`
 * the text may use spaces or dots between thousands (`1 234,5`, `1.234,5`). Null if not a number.
 *
 * @example
 * normaliseNumber('1 234,50', ','); // => '1234.50'
 */
export function normaliseNumber(text: string, decimal: '.' | ','): string | null {
  let t = text;
  if (decimal === ',') {
    t = t.replace(/[\s\u00a0\u202f]/g, '');
    if (t.includes(',')) t = t.replace(/\./g, '').replace(',', '.');
  }
  return NUMBER.test(t) ? t : null;
}

/**
 * Converts one field text to the canonical text Postgres accepts for `spec`, or throws a
 * {@link ValueError} saying why it cannot. Cost: one or two regular expressions.
 *
 * @example
 * convertValue('12,5', { type: 'numeric' }, ','); // => '12.5'
 * convertValue('oui', { type: 'boolean' }, '.'); // => 't'
 */
export function convertValue(text: string, spec: TypeSpec, decimal: '.' | ','): string {
  switch (spec.type) {
    case 'integer':
    case 'bigint': {
      const t = decimal === ',' ? text.replace(/[\s\u00a0\u202f]/g, '') : text;
      if (!INTEGER.test(t)) throw new ValueError(`unparsable integer ${JSON.stringify(text)}`);
      const n = Number(t);
      const max = spec.type === 'integer' ? INT4_MAX : Number.MAX_SAFE_INTEGER;
      if (Math.abs(n) > max) throw new ValueError(`integer ${JSON.stringify(text)} out of range for ${spec.type}`);
      return t;
    }
    case 'numeric': {
      const t = normaliseNumber(text, decimal);
      if (t === null) throw new ValueError(`unparsable number ${JSON.stringify(text)}`);
      if (spec.precision !== undefined) {
        const intDigits = Math.abs(Number(t)) < 1 ? 0 : Math.floor(Math.log10(Math.abs(Number(t)))) + 1;
        if (intDigits > spec.precision - (spec.scale ?? 0)) {
          throw new ValueError(`number ${JSON.stringify(text)} too large for numeric(${spec.precision},${spec.scale ?? 0})`);
        }
      }
      return t;
    }
    case 'boolean': {
      const t = text.toLowerCase();
      if (TRUE_WORDS.has(t)) return 't';
      if (FALSE_WORDS.has(t)) return 'f';
      throw new ValueError(`unparsable boolean ${JSON.stringify(text)}`);
    }
    case 'date': {
      const d = parseDateText(text) ?? (ISO_TS.test(text) && /T00:00(:00(\.0+)?)?(Z)?$/.test(text) ? parseDateText(text.slice(0, 10)) : null);
      if (d === null) throw new ValueError(`unparsable date ${JSON.stringify(text)} (expected YYYY-MM-DD or DD/MM/YYYY)`);
      return d;
    }
    case 'timestamptz':
    case 'timestamp': {
      const ts = parseTimestampText(text);
      if (ts === null) throw new ValueError(`unparsable timestamp ${JSON.stringify(text)}`);
      return ts;
    }
    default:
      if (spec.maxLength !== undefined && text.length > spec.maxLength) {
        throw new ValueError(`text longer than ${spec.maxLength} characters`);
      }
      return text;
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
      else if (Math.abs(Number(v)) > INT4_MAX) big = true;
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
