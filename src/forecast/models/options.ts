/** Validation of the options models share. */
import { OptionError } from '../../errors.js';

/** A positive integer option, checked. */
export function checkPositiveInteger(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new OptionError(option, value, 'an integer >= 1');
  return value;
}
