/**
 * ARIMA(p,d,q)(P,D,Q)[m] fit by conditional sum of squares (R `arima(method = "CSS")`) on the differenced
 * series, with a constant (the mean when d + D = 0, the drift when d + D = 1). Not yet the exact
 * Kalman-filter likelihood R's default CSS-ML adds on top: coefficients are close to R's, not equal.
 */
import { nelderMead } from '../optim.js';
import { difference } from './unit-root.js';

export interface ArimaOrder {
  p: number;
  d: number;
  q: number;
  P: number;
  D: number;
  Q: number;
  m: number;
  constant: boolean;
}

export interface ArimaFit {
  order: ArimaOrder;
  /** Expanded AR and MA polynomials of the differenced series: w_t − c = Σ ar_i (w_{t−i} − c) + e_t + Σ ma_j e_{t−j}. */
  ar: Float64Array;
  ma: Float64Array;
  /** Mean of the differenced series (0 without constant). */
  c: number;
  sigma2: number;
  aicc: number;
  /** Differenced series and its residuals (NaN before the conditioning start). */
  w: Float64Array;
  residuals: Float64Array;
}

/** (1 − Σ a_i B^i)(1 − Σ s_j B^{jm}) as coefficients of the subtracted form (lag 1..). */
export function expand(nonSeasonal: ArrayLike<number>, seasonal: ArrayLike<number>, m: number, sign: 1 | -1): Float64Array {
  const len = nonSeasonal.length + seasonal.length * m;
  // polynomial 1 + sign*Σ... ; return coefficient c_k with poly = 1 + sign*Σ c_k B^k
  const a = new Float64Array(len + 1);
  const b = new Float64Array(len + 1);
  a[0] = 1;
  for (let i = 0; i < nonSeasonal.length; i++) a[i + 1] = sign * nonSeasonal[i];
  b[0] = 1;
  for (let j = 0; j < seasonal.length; j++) b[(j + 1) * m] = sign * seasonal[j];
  const out = new Float64Array(len + 1);
  for (let i = 0; i <= len; i++) if (a[i] !== 0) for (let j = 0; i + j <= len; j++) out[i + j] += a[i] * b[j];
  return out.subarray(1).map((v) => sign * v);
}

/** True when 1 − Σ c_i z^i has every root outside the unit circle (step-down recursion on reflection coefficients). */
export function isStationary(c: ArrayLike<number>): boolean {
  let a = Array.from(c);
  while (a.length > 0) {
    const k = a[a.length - 1];
    if (!(Math.abs(k) < 1)) return false;
    const p = a.length;
    const next: number[] = [];
    for (let i = 0; i < p - 1; i++) next.push((a[i] + k * a[p - 2 - i]) / (1 - k * k));
    a = next;
  }
  return true;
}

/** The series after d regular and D seasonal differences. */
export function differenced(y: Float64Array, d: number, D: number, m: number): Float64Array {
  let w = y;
  for (let i = 0; i < D; i++) w = difference(w, m);
  for (let i = 0; i < d; i++) w = difference(w, 1);
  return w;
}

function css(w: Float64Array, ar: Float64Array, ma: Float64Array, c: number, start: number, residuals?: Float64Array): number {
  const n = w.length;
  const e = residuals ?? new Float64Array(n);
  let sse = 0;
  for (let t = 0; t < n; t++) {
    if (t < start) {
      e[t] = residuals ? NaN : 0;
      continue;
    }
    let pred = c;
    for (let i = 0; i < ar.length; i++) pred += ar[i] * (w[t - i - 1] - c);
    for (let j = 0; j < ma.length && t - j - 1 >= start; j++) pred += ma[j] * e[t - j - 1];
    const err = w[t] - pred;
    e[t] = err;
    sse += err * err;
  }
  return sse;
}

/** Fits `order` on y by CSS, scored (σ², AICc) from the differenced point `scoreFrom` on; undefined when there are too few points after differencing and conditioning. */
export function fitArima(y: Float64Array, order: ArimaOrder, scoreFrom = 0): ArimaFit | undefined {
  const { p, q, P, Q, m, d, D, constant } = order;
  const w = differenced(y, d, D, m);
  const start = p + P * m;
  const k = p + q + P + Q + (constant ? 1 : 0);
  const used = w.length - start;
  if (used < k + 3) return undefined;
  let mean = 0;
  for (const v of w) mean += v;
  mean /= w.length;
  let scale = 0;
  for (const v of w) scale += (v - mean) ** 2;
  scale = Math.sqrt(scale / w.length) || 1;
  const unpack = (x: Float64Array): { ar: Float64Array; ma: Float64Array; c: number; arOk: boolean; maOk: boolean } => {
    const phi = x.subarray(0, p);
    const theta = x.subarray(p, p + q);
    const sphi = x.subarray(p + q, p + q + P);
    const stheta = x.subarray(p + q + P, p + q + P + Q);
    const c = constant ? mean + x[k - 1] * scale : 0;
    return {
      ar: expand(phi, sphi, m, -1),
      ma: expand(theta, stheta, m, 1),
      c,
      arOk: isStationary(phi) && isStationary(sphi),
      maOk: isStationary(Array.from(theta, (v) => -v)) && isStationary(Array.from(stheta, (v) => -v)),
    };
  };
  const objective = (x: Float64Array): number => {
    const u = unpack(x);
    if (!u.arOk || !u.maOk) return 1e30;
    return css(w, u.ar, u.ma, u.c, start) / (scale * scale);
  };
  const x0 = new Float64Array(k);
  let best: Float64Array = x0;
  if (k > 0) best = nelderMead(objective, x0, { maxit: 200 * k + 200 }).x;
  const u = unpack(best);
  if (!u.arOk || !u.maOk) return undefined;
  const residuals = new Float64Array(w.length);
  css(w, u.ar, u.ma, u.c, start, residuals);
  // AICc over the points from `scoreFrom` on (the same for every order of a search, so AICc compare)
  const from = w.length - scoreFrom >= k + 3 ? Math.max(start, scoreFrom) : start;
  let sse = 0;
  for (let t = from; t < w.length; t++) sse += residuals[t] * residuals[t];
  const scored = w.length - from;
  const sigma2 = sse / scored;
  if (!(sigma2 > 0) || !Number.isFinite(sigma2)) return undefined;
  const loglik = -0.5 * scored * (Math.log(2 * Math.PI * sigma2) + 1);
  const npar = k + 1;
  const aic = -2 * loglik + 2 * npar;
  const aicc = aic + (2 * npar * (npar + 1)) / Math.max(1, scored - npar - 1);
  return { order, ar: u.ar, ma: u.ma, c: u.c, sigma2, aicc, w, residuals };
}
