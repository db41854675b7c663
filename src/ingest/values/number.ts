/**
 * The one number reader of kpicast, for load and for the forecast reader: a number text as
 * written in exports (decimal point or comma, thousands grouped by dots, commas or spaces) to
 * its canonical form.
 */

/** A canonical number: optional sign, digits with an optional point, optional exponent. */
export const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
export const INTEGER = /^[+-]?\d+$/;
/** With a decimal comma, the only place a dot may be: between groups of three digits. */
const DOT_THOUSANDS = /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/;
/** With a decimal point, a comma may only group thousands: `1,234,567.5`. */
const COMMA_THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
/** With a decimal point, spaces (plain, no-break, narrow no-break) may only group thousands: `1 234.5`. */
const SPACE_THOUSANDS = /^[+-]?\d{1,3}([\s\u00a0\u202f]\d{3})+(\.\d+)?$/;
const SPACES = /[\s\u00a0\u202f]/g;
const HAS_SPACE = /[\s\u00a0\u202f]/;

/**
 * A number text in canonical form (`1234.5`), honouring the decimal separator: with `,`
 * the text may use spaces between thousands (`1 234,5`), and dots only in a valid grouping
 * (`1.234,5`, `1.234` = 1234); with `.`, commas or spaces only in a valid grouping
 * (`1,234.5`, `1 234`); any other separator makes it no number. Null if not a number.
 * Cost: one or two regular expressions.
 *
 * @example
 * normaliseNumber('1 234,50', ','); // => '1234.50'
 * normaliseNumber('1.234', ','); // => '1234'
 * normaliseNumber('12.5', ','); // => null
 * normaliseNumber('1,234.5', '.'); // => '1234.5'
 * normaliseNumber('12,5', '.'); // => null
 */
export function normaliseNumber(text: string, decimal: '.' | ','): string | null {
  let t = text;
  if (decimal === ',') {
    t = t.replace(SPACES, '');
    if (t.includes('.')) {
      if (!DOT_THOUSANDS.test(t)) return null;
      t = t.replace(/\./g, '');
    }
    t = t.replace(',', '.');
  } else if (t.includes(',')) {
    if (!COMMA_THOUSANDS.test(t)) return null;
    t = t.replace(/,/g, '');
  } else if (HAS_SPACE.test(t)) {
    if (!SPACE_THOUSANDS.test(t)) return null;
    t = t.replace(SPACES, '');
  }
  return NUMBER.test(t) ? t : null;
}

/**
 * An integer text without its thousands grouping (`1.234` with a decimal comma, `1,234` or
 * `1 234` with a decimal point), else the text as it is: the caller checks it is an integer.
 *
 * @example
 * ungroupInteger('1.234.567', ','); // => '1234567'
 * ungroupInteger('1,234', '.'); // => '1234'
 */
export function ungroupInteger(text: string, decimal: '.' | ','): string {
  let t = text;
  if (decimal === ',') {
    t = t.replace(SPACES, '');
    if (t.includes('.') && /^[+-]?\d{1,3}(\.\d{3})+$/.test(t)) t = t.replace(/\./g, '');
  } else if (t.includes(',') ? /^[+-]?\d{1,3}(,\d{3})+$/.test(t) : HAS_SPACE.test(t) && /^[+-]?\d{1,3}([\s\u00a0\u202f]\d{3})+$/.test(t)) {
    t = t.replace(/[,\s\u00a0\u202f]/g, '');
  }
  return t;
}

/** Texts read as a missing number rather than refused: `NA` (R), `NaN`, `null`, `-`, any case. */
const MISSING = new Set(['na', 'nan', 'null', 'n/a', '-']);

/**
 * A number as a double, read as load reads it ({@link normaliseNumber}); `NaN` for a missing
 * value (an empty text, `NA`, `NaN`, `null`, `n/a`, `-`); null when the text is no number, so the caller can
 * say where. Used by the forecast reader for `y`.
 *
 * @example
 * readNumber('100,5', ','); // => 100.5
 * readNumber('NA', '.'); // => NaN
 * readNumber('abc', '.'); // => null
 */
export function readNumber(text: string | null, decimal: '.' | ','): number | null {
  if (text === null) return NaN;
  const t = text.trim();
  if (t === '' || MISSING.has(t.toLowerCase())) return NaN;
  const canonical = normaliseNumber(t, decimal);
  if (canonical === null) return null;
  const n = Number(canonical);
  return Number.isFinite(n) ? n : null;
}
