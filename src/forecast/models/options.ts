/** Validation of the options models share. */
import { OptionError } from '../../errors.js';

/** The season length, checked: an integer ≥ 1 (default `fallback`); throws OptionError otherwise. */
export function checkSeasonLength(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new OptionError('seasonLength', value, 'an integer >= 1');
  return value;
}

/** A positive integer option, checked. */
export function checkPositiveInteger(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new OptionError(option, value, 'an integer >= 1');
  return value;
}
