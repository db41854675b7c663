import { OptionError } from '../errors.js';
import { dayNumber } from './calendar.js';

/**
 * What one generation makes: the seed, the scale, the period and how many of each
 * entity. Derived from `(seed, scale)` only, never from today's date, so the
 * sample is the same on every machine and every day.
 */
export interface GenerationPlan {
  seed: number;
  scale: number;
  /** Size multiplier of the staffing agency (hotels, extras, missions); the others follow `scale`. */
  staffingScale: number;
  /** First day of history (a Monday): 2023-01-02. */
  firstDay: number;
  /** Last day of history (a Sunday): 2025-12-28. Also "today" for the staffing data. */
  lastDay: number;
  /** Last day of booked future missions (six weeks after `lastDay`). */
  bookedUntil: number;
  stores: number;
  products: number;
  intermittentProducts: number;
  customers: number;
  dealers: number;
  vehicleModels: number;
  hotels: number;
  extras: number;
  /** Mean order lines per store and ordinary day (before seasonality): the retail volume knob. */
  linesPerStoreDay: number;
}

/** The default seed of `kpicast generate` and of the committed sample. */
export const DEFAULT_SEED = 42;

/**
 * The scale of the committed sample in data/sample: 8 stores in 4 regions, 80 products in 5
 * categories, 5 dealers; small enough to commit (order lines as Parquet), big enough to drill into.
 */
export const SAMPLE_SCALE = 0.4;

/**
 * The staffing scale of the committed sample: a full-size agency (30 hotels, about 300 missions a
 * week), so its weekly missions are a series worth forecasting rather than Poisson noise around 30.
 */
export const SAMPLE_STAFFING_SCALE = 1;

/**
 * Sizes for `scale` (1 = about 20 stores, 200 products, 12 dealers, 30 hotels, 150 extras),
 * each with a floor so that a tiny scale still has every shape (two stores, two tax rates ...).
 *
 * @example
 * planGeneration(42, 1).stores; // => 20
 * planGeneration(42, 0.1).stores; // => 2
 * planGeneration(42, 0.4).stores; // => 8
 * planGeneration(42, 0.1, 1).hotels; // => 30
 */
export function planGeneration(seed: number, scale: number, staffingScale = scale): GenerationPlan {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new OptionError('generate: seed', seed, 'an integer from 0 to 4294967295');
  }
  if (!Number.isFinite(scale) || scale <= 0 || scale > 20) {
    throw new OptionError('generate: scale', scale, 'a number above 0 and at most 20');
  }
  if (!Number.isFinite(staffingScale) || staffingScale <= 0 || staffingScale > 20) {
    throw new OptionError('generate: staffingScale', staffingScale, 'a number above 0 and at most 20');
  }
  const lastDay = dayNumber('2025-12-28');
  const products = Math.max(24, Math.round(200 * scale));
  return {
    seed,
    scale,
    staffingScale,
    firstDay: dayNumber('2023-01-02'),
    lastDay,
    bookedUntil: lastDay + 42,
    stores: Math.max(2, Math.round(20 * scale)),
    products,
    intermittentProducts: Math.max(2, Math.round(products * 0.04)),
    customers: Math.max(200, Math.round(3000 * scale)),
    dealers: Math.max(3, Math.round(12 * scale)),
    vehicleModels: Math.max(8, Math.round(24 * scale)),
    hotels: Math.max(4, Math.round(30 * staffingScale)),
    extras: Math.max(20, Math.round(150 * staffingScale)),
    linesPerStoreDay: 40,
  };
}
