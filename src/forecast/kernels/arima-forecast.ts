/**
 * Forecasts of a fitted ARIMA: the ARMA recursion on the differenced series (future shocks 0; from the
 * Kalman filter's last state when the fit has one, as R's predict.Arima), integrated
 * back, and the h-step variance σ² Σ_{j<h} ψ_j² from the psi weights of the full model
 * ma(B) / (ar(B) (1 − B)^d (1 − B^m)^D).
 */
import type { ArimaFit } from './arima-fit.js';

/** First `h` psi weights (ψ_0 = 1) of ma(B)/phi(B), `phi` in subtracted form (phi(B) = 1 − Σ phi_i B^i). */
export function psiWeights(phi: ArrayLike<number>, ma: ArrayLike<number>, h: number): Float64Array {
  const psi = new Float64Array(h);
  for (let j = 0; j < h; j++) {
    let v = j === 0 ? 1 : j - 1 < ma.length ? ma[j - 1] : 0;
    for (let i = 0; i < phi.length && i < j; i++) v += phi[i] * psi[j - i - 1];
    psi[j] = v;
  }
  return psi;
}

/** ar(B)(1 − B)^d(1 − B^m)^D in subtracted form. */
export function fullAr(fit: ArimaFit): Float64Array {
  const { d, D, m } = fit.order;
  let poly = [1, ...Array.from(fit.ar, (v) => -v)];
  const times = (other: number[]): void => {
    const out = new Array<number>(poly.length + other.length - 1).fill(0);
    for (let i = 0; i < poly.length; i++) for (let j = 0; j < other.length; j++) out[i + j] += poly[i] * other[j];
    poly = out;
  };
  for (let i = 0; i < d; i++) times([1, -1]);
  for (let i = 0; i < D; i++) {
    const s = new Array<number>(m + 1).fill(0);
    s[0] = 1;
    s[m] = -1;
    times(s);
  }
  return Float64Array.from(poly.slice(1), (v) => -v);
}

/** Point forecasts and standard deviations h steps ahead of the series `y` the fit was made on. */
export function arimaForecast(fit: ArimaFit, y: Float64Array, h: number): { mean: Float64Array; sd: Float64Array } {
  const { d, D, m } = fit.order;
  const { w, ar, ma, c, residuals } = fit;
  const n = w.length;
  const wf = Float64Array.from([...w, ...new Float64Array(h)]);
  if (fit.state) {
    // R's KalmanForecast: the filtered state moved on by T, the first element plus the constant
    const a = Float64Array.from(fit.state);
    const r = a.length;
    for (let k = 0; k < h; k++) {
      const a0 = a[0];
      for (let i = 0; i < r; i++) a[i] = (i < r - 1 ? a[i + 1] : 0) + (i < ar.length ? ar[i] * a0 : 0);
      wf[n + k] = c + a[0];
    }
  } else for (let k = 0; k < h; k++) {
    const t = n + k;
    let pred = c;
    for (let i = 0; i < ar.length; i++) pred += ar[i] * (wf[t - i - 1] - c);
    for (let j = 0; j < ma.length; j++) {
      const s = t - j - 1;
      if (s < n && !Number.isNaN(residuals[s])) pred += ma[j] * residuals[s];
    }
    wf[t] = pred;
  }
  // integrate: levels of each differencing stage, outermost last
  const stages: Float64Array[] = [y];
  for (let i = 0; i < D; i++) stages.push(diff(stages[stages.length - 1], m));
  for (let i = 0; i < d; i++) stages.push(diff(stages[stages.length - 1], 1));
  let future = wf.subarray(n);
  const lags = [...new Array<number>(D).fill(m), ...new Array<number>(d).fill(1)];
  for (let s = lags.length - 1; s >= 0; s--) {
    const base = stages[s];
    const lag = lags[s];
    const ext = Float64Array.from([...base, ...new Float64Array(h)]);
    for (let k = 0; k < h; k++) ext[base.length + k] = future[k] + ext[base.length + k - lag];
    future = ext.subarray(base.length);
  }
  const psi = psiWeights(fullAr(fit), ma, h);
  const sd = new Float64Array(h);
  let acc = 0;
  for (let k = 0; k < h; k++) {
    acc += psi[k] * psi[k];
    sd[k] = Math.sqrt(fit.sigma2 * acc);
  }
  return { mean: Float64Array.from(future), sd };
}

function diff(x: Float64Array, lag: number): Float64Array {
  const out = new Float64Array(Math.max(0, x.length - lag));
  for (let t = lag; t < x.length; t++) out[t - lag] = x[t] - x[t - lag];
  return out;
}
