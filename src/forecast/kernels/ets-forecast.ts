/**
 * Forecasts of a fitted ETS form: means and normal intervals from the closed-form variances of
 * Hyndman et al. (2008), classes 1–3 (forecast's `class1`, `class2`, `class3`). Reads a fit only;
 * no search, no pass over the series.
 */
import { etsPointForecast } from './ets-core.js';
import type { EtsFit } from './ets-criterion.js';
import { normalBands } from './intervals.js';

/** The state vector as R's class1 sees it: [l, b?, s_1 … s_m]. */
function rState(fit: EtsFit): Float64Array {
  const hasTrend = fit.form.trend !== 'N';
  const m = fit.form.season === 'N' ? 0 : fit.form.m;
  const p = 1 + (hasTrend ? 1 : 0) + m;
  const x = new Float64Array(p);
  x[0] = fit.lastState[0];
  if (hasTrend) x[1] = fit.lastState[1];
  for (let j = 0; j < m; j++) x[(hasTrend ? 2 : 1) + j] = fit.lastState[2 + j];
  return x;
}

/** forecast's class1 (additive errors): means, variances and the c_j weights. */
function class1(fit: EtsFit, h: number): { mu: Float64Array; variance: Float64Array; c: Float64Array } {
  const { form } = fit;
  const state = rState(fit);
  const p = state.length;
  const m = form.m;
  const phi = form.damped ? fit.phi : 1;
  const w = new Float64Array(p);
  w[0] = 1;
  if (form.season === 'A') w[p - 1] = 1;
  if (form.trend === 'A') w[1] = phi;
  const F = new Float64Array(p * p);
  F[0] = 1;
  if (form.trend === 'A') {
    F[1] = phi;
    F[p + 1] = phi;
  }
  if (form.season === 'A') {
    F[(p - m) * p + (p - 1)] = 1;
    for (let i = 0; i < m - 1; i++) F[(p - m + 1 + i) * p + (p - m + i)] = 1;
  }
  const g = new Float64Array(p);
  g[0] = fit.alpha;
  if (form.trend === 'A') g[1] = fit.beta;
  // R's class1 puts gamma at the third state whatever the trend (G[3, 1]); kept so intervals match forecast 8.20.
  if (form.season === 'A' && p > 2) g[2] = fit.gamma;
  const mu = new Float64Array(h);
  const c = new Float64Array(Math.max(h - 1, 0));
  // rows: w·F^j, updated by a vector–matrix product each step
  let row = Float64Array.from(w);
  let next = new Float64Array(p);
  for (let i = 0; i < h; i++) {
    let a = 0;
    let b = 0;
    for (let k = 0; k < p; k++) {
      a += row[k] * state[k];
      b += row[k] * g[k];
    }
    mu[i] = a;
    if (i < h - 1) c[i] = b;
    next.fill(0);
    for (let k = 0; k < p; k++) {
      const rk = row[k];
      if (rk === 0) continue;
      for (let j = 0; j < p; j++) next[j] += rk * F[k * p + j];
    }
    const tmp = row;
    row = next;
    next = tmp;
  }
  const variance = new Float64Array(h);
  let cumulative = 0;
  for (let i = 0; i < h; i++) {
    variance[i] = fit.sigma2 * (1 + cumulative);
    if (i < h - 1) cumulative += c[i] * c[i];
  }
  return { mu, variance, c };
}

/** forecast's class2 (multiplicative errors, no multiplicative season). */
function class2(fit: EtsFit, h: number): { mu: Float64Array; variance: Float64Array } {
  const { mu, c } = class1(fit, h);
  const theta = new Float64Array(h);
  const s2 = fit.sigma2;
  theta[0] = mu[0] * mu[0];
  for (let j = 1; j < h; j++) {
    let sum = 0;
    for (let k = 0; k < j; k++) sum += c[k] * c[k] * theta[j - 1 - k];
    theta[j] = mu[j] * mu[j] + s2 * sum;
  }
  const variance = new Float64Array(h);
  for (let j = 0; j < h; j++) variance[j] = (1 + s2) * theta[j] - mu[j] * mu[j];
  return { mu, variance };
}

/** Dense helpers for class3 (row-major square or rectangular matrices). */
function kron(a: Float64Array, ar: number, ac: number, b: Float64Array, br: number, bc: number): Float64Array {
  const rows = ar * br;
  const cols = ac * bc;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < ar; i++) for (let j = 0; j < ac; j++) {
    const v = a[i * ac + j];
    if (v === 0) continue;
    for (let k = 0; k < br; k++) for (let l = 0; l < bc; l++) out[(i * br + k) * cols + j * bc + l] = v * b[k * bc + l];
  }
  return out;
}

function matmul(a: Float64Array, b: Float64Array, r: number, k: number, c: number, transposeB = false): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let q = 0; q < k; q++) {
    const v = a[i * k + q];
    if (v === 0) continue;
    for (let j = 0; j < c; j++) out[i * c + j] += v * (transposeB ? b[j * k + q] : b[q * c + j]);
  }
  return out;
}

function transpose(a: Float64Array, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j];
  return out;
}

/** forecast's class3 (multiplicative errors and multiplicative season). */
function class3(fit: EtsFit, h: number): { mu: Float64Array; variance: Float64Array } {
  const { form } = fit;
  const m = form.m;
  const hasTrend = form.trend !== 'N';
  const r1 = hasTrend ? 2 : 1;
  const state = rState(fit);
  const s2 = fit.sigma2;
  const F1 = hasTrend ? Float64Array.of(1, 1, 0, form.damped ? fit.phi : 1) : Float64Array.of(1);
  const G1 = hasTrend ? Float64Array.of(fit.alpha, fit.alpha, fit.beta, fit.beta) : Float64Array.of(fit.alpha);
  const F2 = new Float64Array(m * m);
  F2[m - 1] = 1;
  for (let i = 1; i < m; i++) F2[i * m + (i - 1)] = 1;
  const G2 = new Float64Array(m * m);
  G2[m - 1] = fit.gamma;
  // Mh = level/trend column × seasonal row (r1 × m)
  let Mh = new Float64Array(r1 * m);
  for (let i = 0; i < r1; i++) for (let j = 0; j < m; j++) Mh[i * m + j] = state[i] * state[r1 + j];
  const k = r1 * m;
  let Vh = new Float64Array(k * k);
  // vec() is column-major: index = col·r1 + row, matching H2 ⊗ H1.
  const F21 = kron(F2, m, m, F1, r1, r1);
  const G21 = kron(G2, m, m, G1, r1, r1);
  const K1 = kron(G2, m, m, F1, r1, r1);
  const K2 = kron(F2, m, m, G1, r1, r1);
  const K = new Float64Array(k * k);
  for (let i = 0; i < k * k; i++) K[i] = K1[i] + K2[i];
  const H21 = new Float64Array(k);
  for (let i = 0; i < r1; i++) H21[(m - 1) * r1 + i] = 1;
  const mu = new Float64Array(h);
  const variance = new Float64Array(h);
  const F2t = transpose(F2, m, m);
  const G2t = transpose(G2, m, m);
  for (let step = 0; step < h; step++) {
    let muI = 0;
    for (let i = 0; i < r1; i++) muI += Mh[i * m + (m - 1)];
    mu[step] = muI;
    let hv = 0;
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) hv += H21[a] * Vh[a * k + b] * H21[b];
    variance[step] = (1 + s2) * hv + s2 * muI * muI;
    const vec = new Float64Array(k);
    for (let j = 0; j < m; j++) for (let i = 0; i < r1; i++) vec[j * r1 + i] = Mh[i * m + j];
    const outer = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) outer[a * k + b] = vec[a] * vec[b];
    const FVF = matmul(matmul(F21, Vh, k, k, k), F21, k, k, k, true);
    const FVG = matmul(matmul(F21, Vh, k, k, k), G21, k, k, k, true);
    const GVF = matmul(matmul(G21, Vh, k, k, k), F21, k, k, k, true);
    const VplusO = new Float64Array(k * k);
    const V3O2 = new Float64Array(k * k);
    for (let i = 0; i < k * k; i++) {
      VplusO[i] = Vh[i] + outer[i];
      V3O2[i] = 3 * Vh[i] + 2 * outer[i];
    }
    const KVK = matmul(matmul(K, VplusO, k, k, k), K, k, k, k, true);
    const GVG = matmul(matmul(G21, V3O2, k, k, k), G21, k, k, k, true);
    const nextV = new Float64Array(k * k);
    for (let i = 0; i < k * k; i++) nextV[i] = FVF[i] + s2 * (FVG[i] + GVF[i] + KVK[i] + s2 * GVG[i]);
    Vh = nextV;
    const a1 = matmul(matmul(F1, Mh, r1, r1, m), F2t, r1, m, m);
    const a2 = matmul(matmul(G1, Mh, r1, r1, m), G2t, r1, m, m);
    const nextM = new Float64Array(r1 * m);
    for (let i = 0; i < r1 * m; i++) nextM[i] = a1[i] + a2[i] * s2;
    Mh = nextM;
  }
  return { mu, variance };
}

/**
 * Forecasts h steps from a fitted form: means and normal intervals from the
 * closed-form variances (class 1 for additive errors, class 2 for
 * multiplicative errors without multiplicative season, class 3 with it).
 * Non-finite or negative variances count as zero.
 *
 * @example
 * etsForecast(fit, 4, [80, 95]).intervals[1].hi; // => upper 95 % bounds
 */
export function etsForecast(fit: EtsFit, h: number, levels: readonly number[]): { mean: Float64Array; intervals: { level: number; lo: Float64Array; hi: Float64Array }[] } {
  const { form } = fit;
  let mu: Float64Array;
  let variance: Float64Array;
  if (form.error === 'A') ({ mu, variance } = class1(fit, h));
  else if (form.season !== 'M') ({ mu, variance } = class2(fit, h));
  else ({ mu, variance } = class3(fit, h));
  if (form.season === 'M' && !mu.every(Number.isFinite)) mu = etsPointForecast(fit.lastState, form, form.damped ? fit.phi : 1, h);
  // (a forecast without intervals, a backtest window's, reads no standard deviation)
  return { mean: mu, intervals: levels.length > 0 ? normalBands(mu, variance.map(Math.sqrt), levels) : [] };
}
