/**
 * ARIMA(p,d,q)(P,D,Q)[m] fit as stats::arima does inside forecast's `myarima`, with a constant (the mean
 * when d + D = 0, the drift when d + D = 1, a regressor 1..n as in R). Method "CSS": conditional sum of
 * squares; "CSS-ML": CSS for the start, then the exact likelihood (kernels/arima-likelihood.ts) by BFGS
 * on R's transformed parameters. The same steps as R (start values, parameter scales, BFGS, MA
 * inversion, the refusals of `myarima`: roots within 1.01 of the unit circle, a Hessian whose inverse
 * has a negative diagonal) so that the same local optimum, and the same order, is found.
 */
import { bfgs, optimHessian } from '../bfgs.js';
import { difference } from './unit-root.js';
import { arimaLike, invPartrans, maInvert, partrans } from './arima-likelihood.js';

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
  /** Differenced series and its residuals (NaN before the conditioning start; standardized innovations of the Kalman filter for CSS-ML). */
  w: Float64Array;
  residuals: Float64Array;
  /** Filtered state of the ARMA on w − c after the last point (R's state-space form), for the forecasts. */
  state?: Float64Array;
  /** Coefficients in R's order: ar, ma, sar, sma, then the constant (intercept or drift on the scale of y). */
  coef: Float64Array;
  loglik: number;
  method: ArimaMethod;
}

/**
 * A cap on the likelihood evaluations of the ML stage (R has none) and the count spent, which also
 * counts the 4k² of the Hessian; `stateSize` is what one evaluation costs: the Kalman filter is
 * O(n · r²) for a state of r = max(p + P·m, q + Q·m + 1).
 */
export interface ArimaEffort {
  maxEvaluations?: number;
  evaluations: number;
}

/** State size r of R's state-space form of `order`. */
export function stateSize(order: ArimaOrder): number {
  return Math.max(order.p + order.P * order.m, order.q + order.Q * order.m + 1);
}

/** R arima's `method`: "CSS" during an approximate search, "CSS-ML" otherwise. */
export type ArimaMethod = 'CSS' | 'CSS-ML';

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

/** Lags (1-based positions) of the non-zero coefficients: a seasonal polynomial expanded to lag 110 has at most 17. */
function nonZero(c: Float64Array): { lag: Int32Array; value: Float64Array } {
  const lags: number[] = [];
  for (let i = 0; i < c.length; i++) if (c[i] !== 0) lags.push(i);
  return { lag: Int32Array.from(lags, (i) => i + 1), value: Float64Array.from(lags, (i) => c[i]) };
}

/**
 * R's `ARIMA_CSS` on the differenced series: residuals from `start` on (MA terms only from there), returns
 * ssq / n. Only the non-zero coefficients are visited (same sums: the skipped terms are exact zeros).
 */
function css(w: Float64Array, ar: Float64Array, ma: Float64Array, c: number, start: number, residuals?: Float64Array): number {
  const n = w.length;
  const e = residuals ?? new Float64Array(n);
  const a = nonZero(ar);
  const b = nonZero(ma);
  let sse = 0;
  let nu = 0;
  for (let t = 0; t < n; t++) {
    if (t < start) {
      e[t] = residuals ? NaN : 0;
      continue;
    }
    let err = w[t] - c;
    for (let i = 0; i < a.lag.length; i++) err -= a.value[i] * (w[t - a.lag[i]] - c);
    for (let j = 0; j < b.lag.length && t - b.lag[j] >= start; j++) err -= b.value[j] * e[t - b.lag[j]];
    e[t] = err;
    if (!Number.isNaN(err)) {
      sse += err * err;
      nu++;
    }
  }
  return sse / nu;
}

/** Inverse of a small symmetric matrix's diagonal check: false when singular or a diagonal of A' H⁻¹ A is negative (forecast's `checkarima`). */
function varianceOk(H: Float64Array[], A?: Float64Array[]): boolean {
  const n = H.length;
  const inv = Array.from({ length: n }, (_, i) => Float64Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  const a = H.map((row) => Float64Array.from(row));
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) piv = r;
    // R's solve() refuses a reciprocal condition number under ε; a zero pivot is the plain case of it
    if (!(Math.abs(a[piv][col]) > 1e-300)) return false;
    [a[col], a[piv]] = [a[piv], a[col]];
    [inv[col], inv[piv]] = [inv[piv], inv[col]];
    const d = a[col][col];
    for (let k = 0; k < n; k++) {
      a[col][k] /= d;
      inv[col][k] /= d;
    }
    for (let r = 0; r < n; r++) if (r !== col && a[r][col] !== 0) {
      const f = a[r][col];
      for (let k = 0; k < n; k++) {
        a[r][k] -= f * a[col][k];
        inv[r][k] -= f * inv[col][k];
      }
    }
  }
  for (let j = 0; j < n; j++) {
    let v = 0;
    if (A) for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) v += A[i][j] * inv[i][k] * A[k][j];
    else v = inv[j][j];
    if (Number.isNaN(v) || v < 0) return false;
  }
  return true;
}

/** Every root of 1 − Σ c_i z^i (sign −1 for an MA: 1 + Σ c_i z^i) of modulus ≥ `bound` (c_i bound^i must be a stationary AR). */
function rootsBeyond(c: ArrayLike<number>, sign: 1 | -1, bound: number): boolean {
  return isStationary(Array.from(c, (v, i) => sign * v * bound ** (i + 1)));
}

/**
 * Fits `order` on y as stats::arima(method) inside forecast's `myarima`; `aicc` is myarima's (CSS: from
 * log σ²_CSS without R's offset, which is the same for every order of a search). Undefined where R's
 * arima fails or myarima scores the fit Inf: too few points, a non-stationary CSS start, a singular or
 * indefinite Hessian, AR or MA roots within 1.01 of the unit circle.
 */
export function fitArima(y: Float64Array, order: ArimaOrder, method: ArimaMethod = 'CSS-ML', effort?: ArimaEffort): ArimaFit | undefined {
  const { p, q, P, Q, m, d, D, constant } = order;
  const w = differenced(y, d, D, m);
  const N = w.length;
  const start = p + P * m;
  const narma = p + q + P + Q;
  const k = narma + (constant ? 1 : 0);
  if (N - start < k + 2 || N <= k) return undefined;
  // the constant's regressor after differencing: 1 for the mean and for drift after (1 − B), m after (1 − B^m)
  const u = d + D === 0 ? 1 : d === 1 ? 1 : m;
  const init0 = new Float64Array(k);
  const parscale = new Float64Array(k).fill(1);
  if (constant) {
    let mean = 0;
    for (const v of w) mean += v;
    mean /= N;
    let ss = 0;
    for (const v of w) ss += (v - mean) ** 2;
    const ses = Math.sqrt(ss / (N - 1)) / (u * Math.sqrt(N));
    init0[k - 1] = mean / u;
    parscale[k - 1] = ses > 0 ? 10 * ses : 1;
  }
  const blocks = (x: ArrayLike<number>, trans: boolean): { ar: Float64Array; ma: Float64Array; c: number; phi: Float64Array; sphi: Float64Array; theta: Float64Array; stheta: Float64Array } => {
    let phi: Float64Array = Float64Array.from({ length: p }, (_, i) => x[i]);
    const theta = Float64Array.from({ length: q }, (_, i) => x[p + i]);
    let sphi: Float64Array = Float64Array.from({ length: P }, (_, i) => x[p + q + i]);
    const stheta = Float64Array.from({ length: Q }, (_, i) => x[p + q + P + i]);
    if (trans) {
      phi = partrans(phi);
      sphi = partrans(sphi);
    }
    return { ar: expand(phi, sphi, m, -1), ma: expand(theta, stheta, m, 1), c: constant ? x[k - 1] * u : 0, phi, sphi, theta, stheta };
  };
  const cssObjective = (x: Float64Array): number => {
    const b = blocks(x, false);
    return 0.5 * Math.log(css(w, b.ar, b.ma, b.c, start));
  };
  const centred = new Float64Array(N);
  const armafn = (x: Float64Array): number => {
    const b = blocks(x, true);
    for (let t = 0; t < N; t++) centred[t] = w[t] - b.c;
    const like = arimaLike(centred, b.ar, b.ma);
    if (!like) return Number.MAX_VALUE;
    return 0.5 * (Math.log(like.ssq / like.nu) + like.sumlog / like.nu);
  };
  const cssFit = bfgs(cssObjective, init0, { parscale });
  if (cssFit.error) return undefined;
  let coef: Float64Array;
  let value: number;
  if (method === 'CSS') {
    coef = cssFit.x;
    value = cssFit.value;
    const H = optimHessian(cssObjective, coef, { parscale });
    if (!H || !varianceOk(H)) return undefined;
  } else {
    const init = cssFit.converged ? Float64Array.from(cssFit.x) : Float64Array.from(init0);
    const b0 = blocks(init, false);
    if (!isStationary(b0.phi) || !isStationary(b0.sphi)) return undefined;
    init.set(invPartrans(b0.phi), 0);
    init.set(maInvert(b0.theta), p);
    init.set(invPartrans(b0.sphi), p + q);
    init.set(maInvert(b0.stheta), p + q + P);
    if (!init.every(Number.isFinite)) return undefined;
    const ml = bfgs(armafn, init, { parscale, maxEvaluations: effort?.maxEvaluations });
    if (effort) effort.evaluations += ml.evaluations + 4 * k * k;
    if (ml.error) return undefined;
    coef = Float64Array.from(ml.x);
    value = ml.value;
    coef.set(maInvert(coef.subarray(p, p + q)), p);
    coef.set(maInvert(coef.subarray(p + q + P, p + q + P + Q)), p + q + P);
    if (coef.some((v, i) => v !== ml.x[i])) value = armafn(coef);
    const H = optimHessian(armafn, coef, { parscale });
    if (!H || !varianceOk(H, gradTrans(coef, p, q, P))) return undefined;
    const b = blocks(coef, true);
    coef.set(b.phi, 0);
    coef.set(b.sphi, p + q);
  }
  const b = blocks(coef, false);
  if (!rootsBeyond(b.phi, 1, 1.01) || !rootsBeyond(b.sphi, 1, 1.01 ** m)) return undefined;
  if (!rootsBeyond(b.theta, -1, 1.01) || !rootsBeyond(b.stheta, -1, 1.01 ** m)) return undefined;
  for (let t = 0; t < N; t++) centred[t] = w[t] - b.c;
  const like = arimaLike(centred, b.ar, b.ma, true);
  let residuals: Float64Array;
  let ssq: number;
  if (method === 'CSS') {
    residuals = new Float64Array(N);
    ssq = css(w, b.ar, b.ma, b.c, start, residuals);
    ssq *= N - start;
  } else {
    if (!like?.residuals) return undefined;
    residuals = like.residuals;
    ssq = like.ssq;
  }
  const npar = k + 1;
  const nstar = N;
  let aic: number;
  let loglik: number;
  if (method === 'CSS') {
    aic = nstar * Math.log(ssq / (N - start)) + 2 * npar;
    loglik = NaN;
  } else {
    loglik = -0.5 * (2 * N * value + N + N * Math.log(2 * Math.PI));
    aic = -2 * loglik + 2 * npar;
  }
  const aicc = aic + (2 * npar * (npar + 1)) / (nstar - npar - 1);
  const sigma2 = ssq / (nstar - npar + 1);
  if (!(sigma2 > 0) || !Number.isFinite(aicc)) return undefined;
  return { order, ar: b.ar, ma: b.ma, c: b.c, sigma2, aicc, w, residuals, ...(like?.state ? { state: like.state } : {}), coef, loglik, method };
}

/** R's `ARIMA_Gradtrans`: Jacobian (forward differences, 1e-3) of the AR transforms at the unconstrained x; identity elsewhere. */
function gradTrans(x: Float64Array, p: number, q: number, P: number): Float64Array[] {
  const n = x.length;
  const A = Array.from({ length: n }, (_, i) => Float64Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  const block = (from: number, len: number): void => {
    if (len === 0) return;
    const raw = x.slice(from, from + len);
    const base = partrans(raw);
    for (let i = 0; i < len; i++) {
      const moved = Float64Array.from(raw);
      moved[i] += 1e-3;
      const out = partrans(moved);
      for (let j = 0; j < len; j++) A[from + i][from + j] = (out[j] - base[j]) / 1e-3;
    }
  };
  block(0, p);
  block(p + q, P);
  return A;
}
