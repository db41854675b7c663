/**
 * Decimal arithmetic on number texts, exact at any size: PostgreSQL's numeric rounding and
 * comparison without converting to a float (a 40-digit key stays itself).
 */
/** Splits a canonical number text (see normaliseNumber) into sign, integer digits, fraction digits and exponent. */
const NUMBER_PARTS = /^([+-]?)(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?$/;

/** A decimal number as sign, significant digits (no leading or trailing zero) and their scale: value = ±digits × 10^-scale. */
export interface Decimal {
  negative: boolean;
  /** '' for zero. */
  digits: string;
  scale: number;
  /** Digits after the point as written (PostgreSQL's display scale): fraction length - exponent, at least 0. */
  writtenScale: number;
}

/**
 * Reads a canonical number text (as normaliseNumber returns it). The exponent may be huge: nothing is expanded.
 *
 * @example
 * readDecimal('12.50'); // => { negative: false, digits: '125', scale: 1, writtenScale: 2 }
 */
export function readDecimal(t: string): Decimal {
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

/**
 * `d` rounded half away from zero to `scale` digits after the point (negative: to tens, hundreds...), trailing zeros dropped.
 *
 * @example
 * decimalKey(roundDecimal(readDecimal('2.345'), 2)); // => '235e-2'
 */
export function roundDecimal(d: Decimal, scale: number): Decimal {
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
export const integerDigits = (d: Decimal): number => d.digits.length - d.scale;

/** `±digits e -scale`: one text per numeric value, whatever its writing (1.0, 1.00, 1e0 → `1e0`). */
export const decimalKey = (d: Decimal): string => (d.digits === '' ? '0' : `${d.negative ? '-' : ''}${d.digits}e${-d.scale}`);

/** A (rounded, small) decimal as plain text with `scale` digits after the point, for messages: `10000000000.00`. */
export function decimalText(d: Decimal, scale: number): string {
  const places = Math.max(0, scale);
  const units = d.digits + '0'.repeat(places - d.scale); // the value in units of 10^-places; d.scale <= places
  const padded = units.padStart(places + 1, '0');
  const int = padded.slice(0, padded.length - places);
  return `${d.negative ? '-' : ''}${int}${places ? '.' + padded.slice(int.length) : ''}`;
}
