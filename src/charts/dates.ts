import { OptionError } from '../errors.js';

/**
 * A day as `YYYY-MM-DD`: strings are kept (after checking their shape), Dates
 * give their UTC day. Charts put these on date axes.
 *
 * @example
 * isoDay(new Date(Date.UTC(2024, 0, 8))); // => '2024-01-08'
 */
export function isoDay(value: string | Date, option = 'ds'): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new OptionError(option, 'Invalid Date', 'a valid date');
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  throw new OptionError(option, value, 'a Date or a YYYY-MM-DD string');
}

/** A finite number, or null for anything missing (null, undefined, NaN, ±Infinity): Plotly leaves a gap there. */
export function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
