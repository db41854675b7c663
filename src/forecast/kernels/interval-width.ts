/**
 * The rule that keeps prediction intervals honest: an interval of zero width says the future is
 * known exactly, which the data of a non-constant series never justify.
 *
 * - An interval read from a sample (NPTS's draws from past values, the engine's empirical
 *   intervals from backtest errors) is built from at least {@link minIntervalSamples} values:
 *   from one value it has zero width; from two, every level gives the same two bounds (the 80 %
 *   and the 95 % interval of seasonal NPTS with two past years are both "last year to the year
 *   before"). With fewer, the model falls back and its fallback reason says so.
 * - Whatever the model, a zero-width interval on a non-constant series (an exact fit of a few
 *   points, draws that all landed on the same value) is replaced by naive's interval (σ̂·√h,
 *   σ̂ the RMS of the first differences, positive on any non-constant series) around the
 *   model's own forecast, and the fallback reason says so (guarded.ts applies it to every model).
 */
import type { Forecast, Interval } from '../types.js';

/**
 * The fewest values an interval read from a sample is built from: 3 past values to draw from
 * (NPTS: 3 seasons for the seasonal variant), 3 backtest windows for empirical intervals.
 */
export const minIntervalSamples = 3;

/**
 * True when every finite value of `values` is the same (or there is none): the one case where a
 * zero-width interval is what the data say.
 *
 * @example
 * isConstantSeries(Float64Array.of(5, NaN, 5)); // => true
 * isConstantSeries(Float64Array.of(5, 6)); // => false
 */
export function isConstantSeries(values: Float64Array): boolean {
  let first = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (Number.isNaN(first)) first = v;
    else if (v !== first) return false;
  }
  return true;
}

/** The range (largest − smallest) of the finite values of `values`; 0 when there are none. */
export function seriesRange(values: Float64Array): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi >= lo ? hi - lo : 0;
}

/** Intervals narrower than this fraction of the series' range count as zero width (rounding left over from an exact fit). */
export const zeroWidthTolerance = 1e-9;

/**
 * The first interval of zero width (none at all, or less than {@link zeroWidthTolerance} × `range`,
 * the range of the series), as level and 1-based step, or undefined when every interval has some width.
 *
 * @example
 * zeroWidth([{ level: 80, lo: Float64Array.of(1, 2), hi: Float64Array.of(3, 2) }], 10); // => { level: 80, step: 2 }
 */
export function zeroWidth(intervals: readonly Interval[], range: number): { level: number; step: number } | undefined {
  const least = zeroWidthTolerance * range;
  for (const interval of intervals) {
    for (let i = 0; i < interval.lo.length; i++) {
      const width = interval.hi[i] - interval.lo[i];
      if (!(width > 0 && width >= least)) return { level: interval.level, step: i + 1 };
    }
  }
  return undefined;
}

/**
 * `spread`'s half-widths (its hi − mean and mean − lo, step by step) around `forecast`'s mean: the
 * forecast keeps its mean and takes the width of another model's interval. A half-width that
 * would vanish (in rounding next to a large mean, or because the squares of values near 1e-160
 * underflow) is kept at a few units in the last place and at least {@link zeroWidthTolerance} ×
 * `range`, so the bounds stay distinct. Cost O(h · levels).
 *
 * @example
 * withSpreadOf({ mean: Float64Array.of(10), intervals: [] },
 *   { mean: Float64Array.of(4), intervals: [{ level: 80, lo: Float64Array.of(3), hi: Float64Array.of(5) }] }).intervals[0];
 * // => { level: 80, lo: [9], hi: [11] }
 */
export function withSpreadOf(forecast: Forecast, spread: Forecast, range = 0): Forecast {
  const { mean } = forecast;
  const intervals = spread.intervals.map((interval) => {
    const lo = new Float64Array(mean.length);
    const hi = new Float64Array(mean.length);
    for (let i = 0; i < mean.length; i++) {
      const tiny = Math.max(4 * Number.EPSILON * Math.abs(mean[i]), zeroWidthTolerance * range) + Number.MIN_VALUE;
      const below = Math.max(spread.mean[i] - interval.lo[i], tiny);
      const above = Math.max(interval.hi[i] - spread.mean[i], tiny);
      lo[i] = mean[i] - below;
      hi[i] = mean[i] + above;
    }
    return { level: interval.level, lo, hi };
  });
  return { mean, intervals };
}
