/**
 * Numeric helpers every simple model shares: the normal quantile, interval
 * bounds from a standard deviation per step, residuals, and the result object.
 */
import { OptionError } from '../../errors.js';
import type { FittedModel, Forecast, ForecastModel, Interval, ModelOptions } from '../types.js';

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation,
 * relative error below 1.2e-9).
 *
 * @example
 * normalQuantile(0.975); // => 1.959963984540054 (about)
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p <= 0 ? -Infinity : Infinity;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** z for a two-sided `level` % interval: `zFor(95)` ≈ 1.96. */
export function zFor(level: number): number {
  return normalQuantile(0.5 + level / 200);
}

/**
 * Normal intervals `mean ± z·sigma[i]` for each level.
 *
 * @example
 * normalIntervals(Float64Array.of(10), Float64Array.of(1), [95])[0].hi[0]; // => 11.96 (about)
 */
export function normalIntervals(mean: Float64Array, sigma: Float64Array, levels: readonly number[]): Interval[] {
  return levels.map((level) => {
    const z = zFor(level);
    const lo = new Float64Array(mean.length);
    const hi = new Float64Array(mean.length);
    for (let i = 0; i < mean.length; i++) {
      lo[i] = mean[i] - z * sigma[i];
      hi[i] = mean[i] + z * sigma[i];
    }
    return { level, lo, hi };
  });
}

/** y − fitted, NaN where fitted is NaN. */
export function residualsOf(y: Float64Array, fitted: Float64Array): Float64Array {
  const r = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) r[i] = y[i] - fitted[i];
  return r;
}

/** Root mean square of the finite entries (0 when none): the residual standard error of fpp3's benchmark methods. */
export function rms(values: Float64Array, dof = 0): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      sum += v * v;
      n++;
    }
  }
  return n - dof > 0 ? Math.sqrt(sum / (n - dof)) : 0;
}

/** A constant `value` repeated `h` times. */
export function constant(h: number, value: number): Float64Array {
  return new Float64Array(h).fill(value);
}

/** Builds a FittedModel from its parts; `predict(h, levels)` does the forecasting. */
export function fittedModel(
  alias: string,
  y: Float64Array,
  fitted: Float64Array,
  predict: (h: number, levels: readonly number[]) => Forecast,
  fallback?: string,
): FittedModel {
  const residuals = residualsOf(y, fitted);
  return {
    alias,
    fitted,
    residuals,
    ...(fallback ? { fallback } : {}),
    forecast(h: number, levels: readonly number[] = []) {
      return predict(h, levels);
    },
  };
}

/** Checks `h` is a positive integer and `levels` lie in (0, 100); throws RangeError otherwise. */
export function checkHorizon(h: number, levels: readonly number[]): void {
  if (!Number.isInteger(h) || h < 1) throw new OptionError('h', h, 'an integer >= 1');
  for (const level of levels) {
    if (typeof level !== 'number' || !(level > 0 && level < 100)) throw new OptionError('levels', level, 'numbers in (0, 100)');
  }
}

/**
 * `model` whose fits extend to new observations by fitting again (`update(longer)` = `fit(longer)`
 * with the same options): for the cheap models that estimate nothing a backtest could leak into —
 * naive, seasonal naive, mean, drift, moving average — where the "state" is the data itself.
 *
 * @example
 * refitOnUpdate(naive).fit(Float64Array.of(1, 2)).update!(Float64Array.of(1, 2, 5)).forecast(1).mean; // => Float64Array [5]
 */
export function refitOnUpdate<M extends ForecastModel>(model: M): M {
  const extended: M = {
    ...model,
    fit(y: Float64Array, options?: ModelOptions): FittedModel {
      return Object.assign(model.fit(y, options), { update: (longer: Float64Array) => extended.fit(longer, options) });
    },
  };
  return extended;
}
