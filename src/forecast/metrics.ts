/**
 * Forecast accuracy metrics, standalone functions over actuals and forecasts
 * of the same length. Pairs where either side is not finite are skipped (the
 * series missing-data rule); with nothing left the metric is `undefined`.
 * No metric ever divides by zero: where its denominator is zero it returns
 * `undefined` (its zero rule, stated on each), never Infinity. A result that
 * would overflow (a denominator so close to zero that the ratio exceeds the
 * largest double) is `undefined` too.
 */

/** `value` when finite, otherwise undefined: the one overflow rule of every metric. */
function finite(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/** Metric names accepted by backtests and selection. */
export type MetricName = 'mape' | 'smape' | 'mase' | 'rmse' | 'wape' | 'bias';

/** All metric names, in leaderboard order. */
export const metricNames: readonly MetricName[] = ['mape', 'smape', 'mase', 'rmse', 'wape', 'bias'];

/**
 * Mean absolute percentage error, in %: mean of 100·|a − f|/|a|.
 * Zero rule: undefined when any finite actual is 0 (the percentage has no meaning there).
 *
 * @example
 * mape(Float64Array.of(100, 200), Float64Array.of(110, 180)); // => 10
 */
export function mape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number | undefined {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const f = forecast[i];
    if (!Number.isFinite(a) || !Number.isFinite(f)) continue;
    if (a === 0) return undefined;
    sum += Math.abs((a - f) / a);
    n++;
  }
  return n > 0 ? finite((100 * sum) / n) : undefined;
}

/**
 * Symmetric MAPE as in the M4 competition, in %: mean of 200·|a − f|/(|a| + |f|).
 * Zero rule: a pair with a = f = 0 is a perfect forecast and counts 0.
 *
 * @example
 * smape(Float64Array.of(100), Float64Array.of(50)); // => 66.66666666666667
 */
export function smape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number | undefined {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const f = forecast[i];
    if (!Number.isFinite(a) || !Number.isFinite(f)) continue;
    const denominator = Math.abs(a) + Math.abs(f);
    if (denominator > 0) sum += (2 * Math.abs(a - f)) / denominator;
    n++;
  }
  return n > 0 ? finite((100 * sum) / n) : undefined;
}

/**
 * Mean absolute error of the in-sample seasonal naive method with season `season`:
 * mean of |y[t] − y[t − season]|. The scale of MASE and MSIS. Undefined with fewer than season + 1 points.
 *
 * @example
 * seasonalNaiveScale(Float64Array.of(1, 3, 2), 1); // => 1.5
 */
export function seasonalNaiveScale(insample: ArrayLike<number>, season = 1): number | undefined {
  let sum = 0;
  let n = 0;
  for (let t = season; t < insample.length; t++) {
    const d = insample[t] - insample[t - season];
    if (!Number.isFinite(d)) continue;
    sum += Math.abs(d);
    n++;
  }
  return n > 0 ? sum / n : undefined;
}

/**
 * Mean absolute scaled error: MAE of the forecast over the in-sample seasonal naive MAE
 * (M4: season 1 for weekly data). Below 1 beats the in-sample naive method.
 * Zero rule: undefined when the in-sample scale is 0 (a constant history), undefined, or so small the ratio overflows.
 *
 * @example
 * mase(Float64Array.of(4, 5), Float64Array.of(3, 3), Float64Array.of(1, 2, 3), 1); // => 1.5
 */
export function mase(actual: ArrayLike<number>, forecast: ArrayLike<number>, insample: ArrayLike<number>, season = 1): number | undefined {
  return maseOnScale(actual, forecast, seasonalNaiveScale(insample, season));
}

/**
 * {@link mase} given its in-sample scale (`seasonalNaiveScale` of the history), for a caller that
 * scores many forecasts of the same history: the same value as `mase` on that history.
 *
 * @example
 * maseOnScale(Float64Array.of(4, 5), Float64Array.of(3, 3), 1); // => 1.5
 */
export function maseOnScale(actual: ArrayLike<number>, forecast: ArrayLike<number>, scale: number | undefined): number | undefined {
  if (scale === undefined || scale === 0) return undefined;
  const error = mae(actual, forecast);
  return error === undefined ? undefined : finite(error / scale);
}

/**
 * Mean absolute error. Zero rule: none needed (no division but by the count).
 *
 * @example
 * mae(Float64Array.of(1, 2), Float64Array.of(2, 4)); // => 1.5
 */
export function mae(actual: ArrayLike<number>, forecast: ArrayLike<number>): number | undefined {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = actual[i] - forecast[i];
    if (!Number.isFinite(e)) continue;
    sum += Math.abs(e);
    n++;
  }
  return n > 0 ? sum / n : undefined;
}

/**
 * Root mean squared error, in the series' unit. Zero rule: none needed.
 *
 * @example
 * rmse(Float64Array.of(0, 0), Float64Array.of(3, 4)); // => 3.5355339059327378
 */
export function rmse(actual: ArrayLike<number>, forecast: ArrayLike<number>): number | undefined {
  // scaled by the largest error first, so squares of huge values cannot overflow to Infinity
  let scale = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = Math.abs(actual[i] - forecast[i]);
    if (!Number.isFinite(e)) continue;
    if (e > scale) scale = e;
    n++;
  }
  if (n === 0) return undefined;
  if (scale === 0) return 0;
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = (actual[i] - forecast[i]) / scale;
    if (Number.isFinite(e)) sum += e * e;
  }
  return scale * Math.sqrt(sum / n);
}

/**
 * Weighted absolute percentage error, in %: 100·Σ|a − f| / Σ|a|. Where MAPE is undefined
 * because of zeros, WAPE still says how far off the volume is.
 * Zero rule: undefined when every actual is 0.
 *
 * @example
 * wape(Float64Array.of(0, 100), Float64Array.of(10, 90)); // => 20
 */
export function wape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number | undefined {
  let errors = 0;
  let volume = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const f = forecast[i];
    if (!Number.isFinite(a) || !Number.isFinite(f)) continue;
    errors += Math.abs(a - f);
    volume += Math.abs(a);
    n++;
  }
  return n > 0 && volume > 0 ? finite((100 * errors) / volume) : undefined;
}

/**
 * Bias: mean of forecast − actual (positive = over-forecasting), in the series' unit. Zero rule: none needed.
 *
 * @example
 * bias(Float64Array.of(10, 10), Float64Array.of(12, 11)); // => 1.5
 */
export function bias(actual: ArrayLike<number>, forecast: ArrayLike<number>): number | undefined {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = forecast[i] - actual[i];
    if (!Number.isFinite(e)) continue;
    sum += e;
    n++;
  }
  return n > 0 ? finite(sum / n) : undefined;
}

/**
 * Interval coverage, in %: share of actuals inside [lo, hi]. An 80 % interval should cover about 80.
 * Zero rule: none needed.
 *
 * @example
 * coverage(Float64Array.of(1, 5), Float64Array.of(0, 0), Float64Array.of(2, 2)); // => 50
 */
export function coverage(actual: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>): number | undefined {
  let inside = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    if (!Number.isFinite(a) || !Number.isFinite(lo[i]) || !Number.isFinite(hi[i])) continue;
    if (a >= lo[i] && a <= hi[i]) inside++;
    n++;
  }
  return n > 0 ? (100 * inside) / n : undefined;
}

/**
 * Mean scaled interval score (M4): mean of (hi − lo) + (2/α)(lo − a)·[a < lo] + (2/α)(a − hi)·[a > hi],
 * α = 1 − level/100, divided by the in-sample seasonal naive MAE. Lower is better.
 * Zero rule: undefined when the in-sample scale is 0 or undefined.
 *
 * @example
 * msis(Float64Array.of(5), Float64Array.of(4), Float64Array.of(6), Float64Array.of(0, 1), 1, 95); // => 2
 */
export function msis(
  actual: ArrayLike<number>,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  insample: ArrayLike<number>,
  season = 1,
  level = 95,
): number | undefined {
  return msisOnScale(actual, lo, hi, seasonalNaiveScale(insample, season), level);
}

/**
 * {@link msis} given its in-sample scale (`seasonalNaiveScale` of the history): the same value as
 * `msis` on that history, for a caller that scores many intervals of the same history.
 *
 * @example
 * msisOnScale(Float64Array.of(5), Float64Array.of(4), Float64Array.of(6), 1, 95); // => 2
 */
export function msisOnScale(actual: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>, scale: number | undefined, level = 95): number | undefined {
  if (scale === undefined || scale === 0) return undefined;
  const alpha = 1 - level / 100;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    if (!Number.isFinite(a) || !Number.isFinite(lo[i]) || !Number.isFinite(hi[i])) continue;
    let score = hi[i] - lo[i];
    if (a < lo[i]) score += (2 / alpha) * (lo[i] - a);
    if (a > hi[i]) score += (2 / alpha) * (a - hi[i]);
    sum += score;
    n++;
  }
  return n > 0 ? finite(sum / n / scale) : undefined;
}

/**
 * The metric `name` on one forecast window; `insample` and `season` serve MASE.
 *
 * @example
 * metric('wape', Float64Array.of(100), Float64Array.of(90), Float64Array.of()); // => 10
 */
export function metric(name: MetricName, actual: ArrayLike<number>, forecast: ArrayLike<number>, insample: ArrayLike<number>, season = 1): number | undefined {
  switch (name) {
    case 'mape':
      return mape(actual, forecast);
    case 'smape':
      return smape(actual, forecast);
    case 'mase':
      return mase(actual, forecast, insample, season);
    case 'rmse':
      return rmse(actual, forecast);
    case 'wape':
      return wape(actual, forecast);
    case 'bias':
      return bias(actual, forecast);
  }
}
