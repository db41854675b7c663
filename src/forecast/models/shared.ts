/**
 * Numeric helpers every simple model shares: residuals, the residual standard error, and the
 * result object. Quantiles and interval bounds are kernels/intervals.ts's; request and option
 * checks kernels/model-support.ts's.
 */
import type { FittedModel, Forecast, ForecastModel, ModelOptions } from '../types.js';

/** y − fitted, NaN where fitted is NaN. */
export function residualsOf(y: Float64Array, fitted: Float64Array): Float64Array {
  const r = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) r[i] = y[i] - fitted[i];
  return r;
}

/**
 * The finite entries of y − fitted sorted ascending (the in-sample errors an interval is read from),
 * as a typed array: its `sort()` is numeric, with no comparator and no copy into an array.
 *
 * @example
 * sortedFiniteErrors(Float64Array.of(3, 1, 5), Float64Array.of(NaN, 2, 1)); // => Float64Array [-1, 4]
 */
export function sortedFiniteErrors(y: Float64Array, fitted: Float64Array): Float64Array {
  return finiteErrors(y, fitted).sort();
}

/**
 * The finite entries of y − fitted in time order (for {@link sampleQuantiles}, which needs no sorted copy).
 *
 * @example
 * finiteErrors(Float64Array.of(3, 1, 5), Float64Array.of(NaN, 2, 1)); // => Float64Array [-1, 4]
 */
export function finiteErrors(y: Float64Array, fitted: Float64Array): Float64Array {
  const errors = new Float64Array(y.length);
  let count = 0;
  for (let i = 0; i < y.length; i++) {
    const e = y[i] - fitted[i];
    if (Number.isFinite(e)) errors[count++] = e;
  }
  return errors.subarray(0, count);
}

/**
 * Two ascending samples merged into one, in the order typed-array `sort()` gives their union
 * (−0 before +0): what sorting the union again would give, in O(a + b).
 *
 * @example
 * mergeSorted(Float64Array.of(1, 3), Float64Array.of(2)); // => Float64Array [1, 2, 3]
 */
export function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  const merged = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const v = b[j];
    if (x < v || (x === v && !(Object.is(v, -0) && !Object.is(x, -0)))) {
      merged[k++] = x;
      i++;
    } else {
      merged[k++] = v;
      j++;
    }
  }
  while (i < a.length) merged[k++] = a[i++];
  while (j < b.length) merged[k++] = b[j++];
  return merged;
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

/** `make`, called the first time the result is asked for and remembered. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/**
 * The in-sample one-step fits of the benchmark methods (naive, seasonal naive, drift): the fitted
 * values `fill` writes into an array of NaN, and σ̂, the root mean square of y − fitted with `dof`
 * ({@link rms}). Made when first read where the caller keeps y as it is (`inPlace`: the guard's
 * series; a backtest window asks for a mean only), else at once, from y as it is now.
 *
 * @example
 * inSampleFit(Float64Array.of(1, 2, 4), undefined, (f) => { f[1] = 1; f[2] = 2; }).sigma(); // => √2.5
 */
export function inSampleFit(y: Float64Array, options: ModelOptions | undefined, fill: (fitted: Float64Array) => void, dof = 0): { fitted: () => Float64Array; sigma: () => number } {
  const fitted = once(() => {
    const values = new Float64Array(y.length).fill(NaN);
    fill(values);
    return values;
  });
  const sigma = once(() => rms(residualsOf(y, fitted()), dof));
  if (options?.inPlace !== true) sigma();
  return { fitted, sigma };
}

/** A constant `value` repeated `h` times. */
export function constant(h: number, value: number): Float64Array {
  return new Float64Array(h).fill(value);
}

/**
 * Builds a FittedModel from its parts; `predict(h, levels)` does the forecasting. `fitted` may be
 * given as a function that makes them, called once when they are first read; the residuals are
 * computed when first read (a backtest window only forecasts).
 */
export function fittedModel(
  alias: string,
  y: Float64Array,
  fitted: Float64Array | (() => Float64Array),
  predict: (h: number, levels: readonly number[]) => Forecast,
  fallback?: string,
): FittedModel {
  let residuals: Float64Array | undefined;
  const inSample = typeof fitted === 'function' ? once(fitted) : () => fitted;
  return {
    alias,
    get fitted(): Float64Array {
      return inSample();
    },
    get residuals(): Float64Array {
      return (residuals ??= residualsOf(y, inSample()));
    },
    ...(fallback ? { fallback } : {}),
    forecast(h: number, levels: readonly number[] = []) {
      return predict(h, levels);
    },
  };
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
