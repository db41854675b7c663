/**
 * Differencing orders for ARIMA (after R forecast's `ndiffs` and `nsdiffs`): the KPSS level-stationarity
 * test at alpha 0.05 for d, the seasonal-strength measure for D.
 */
import { stl } from './stl.js';

/** KPSS level statistic with the lag truncation trunc(3 √n / 13) that forecast 8.20's `ndiffs` passes to urca's `ur.kpss(type = "mu")`. */
export function kpssStatistic(x: Float64Array): number {
  const n = x.length;
  let mean = 0;
  for (const v of x) mean += v;
  mean /= n;
  const e = x.map((v) => v - mean);
  let s = 0;
  let eta = 0;
  for (const v of e) {
    s += v;
    eta += s * s;
  }
  eta /= n * n;
  const lags = Math.trunc((3 * Math.sqrt(n)) / 13);
  let lrv = 0;
  for (const v of e) lrv += v * v;
  for (let l = 1; l <= lags; l++) {
    let acc = 0;
    for (let t = l; t < n; t++) acc += e[t] * e[t - l];
    lrv += 2 * (1 - l / (lags + 1)) * acc;
  }
  lrv /= n;
  return lrv > 0 ? eta / lrv : 0;
}

/** One difference at `lag`. */
export function difference(x: Float64Array, lag: number): Float64Array {
  const out = new Float64Array(Math.max(0, x.length - lag));
  for (let t = lag; t < x.length; t++) out[t - lag] = x[t] - x[t - lag];
  return out;
}

function isConstant(x: Float64Array): boolean {
  return x.every((v) => v === x[0]);
}

/** Regular differences needed (0, 1 or 2): difference while KPSS rejects stationarity at 5 % (critical value 0.463). */
export function ndiffs(x: Float64Array, maxD = 2): number {
  let d = 0;
  let current = x;
  while (d < maxD && current.length > 2 && !isConstant(current) && kpssStatistic(current) > 0.463) {
    current = difference(current, 1);
    d++;
  }
  return d;
}

/**
 * Seasonal differences needed (0 or 1): 1 when the seasonal strength max(0, 1 − var(R)/var(S + R)) exceeds
 * 0.64 (R's `seasonal.test = "seas"`), S and R from STL with s.window = 11 as forecast's `mstl` runs it.
 */
export function nsdiffs(x: Float64Array, m: number): number {
  const n = x.length;
  if (m <= 1 || n < 2 * m + 1 || isConstant(x)) return 0;
  const { seasonal, remainder } = stl(x, m, 11);
  const variance = (a: ArrayLike<number>): number => {
    let mu = 0;
    for (let i = 0; i < a.length; i++) mu += a[i];
    mu /= a.length;
    let acc = 0;
    for (let i = 0; i < a.length; i++) acc += (a[i] - mu) ** 2;
    return acc / (a.length - 1);
  };
  const vsr = variance(remainder.map((r, i) => r + seasonal[i]));
  const strength = vsr > 0 ? Math.max(0, Math.min(1, 1 - variance(remainder) / vsr)) : 0;
  return strength > 0.64 ? 1 : 0;
}
