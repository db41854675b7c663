/**
 * Where a search for one ETS form starts and what it may visit, as forecast::etsmodel: R's
 * default bounds on the smoothing weights, the starting weights (`initparam`) and initial states
 * (`initstate`, from a decomposition and a line fit), and the admissibility test that turns a
 * point outside the bounds or outside the stable region into Infinity. A problem is a pure
 * description of the search; the optimiser (ets-optimise.ts) drives it.
 */
import { classicalSeasonal, leastSquares, lineFit } from './decompose.js';
import { admissible, etsRecursion, etsWorkspace } from './ets-core.js';
import type { EtsForm, EtsWorkspace } from './ets-core.js';
import { criterionValue, type EtsCriterion } from './ets-criterion.js';

/** R's default bounds for alpha, beta, gamma and phi. */
const LOWER = [1e-4, 1e-4, 1e-4, 0.8];
const UPPER = [0.9999, 0.9999, 0.9999, 0.98];

/** forecast's `initstate`: starting level, trend and seasonal indices from a decomposition and a line fit. */
export function initialState(y: Float64Array, form: EtsForm): Float64Array | undefined {
  const n = y.length;
  let seasonal: Float64Array | undefined;
  let adjusted = y;
  let init: number[] = [];
  const m = form.season === 'N' ? 1 : form.m;
  if (form.season !== 'N') {
    if (n < 4) return undefined;
    if (n < 3 * m) {
      // A line plus one Fourier pair, as R's fourier(y, 1) + tslm
      const ones = new Float64Array(n).fill(1);
      const t = new Float64Array(n);
      const sin = new Float64Array(n);
      const cos = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        t[i] = i + 1;
        sin[i] = Math.sin((2 * Math.PI * (i + 1)) / m);
        cos[i] = Math.cos((2 * Math.PI * (i + 1)) / m);
      }
      const columns = m === 2 ? [ones, t, cos] : [ones, t, sin, cos];
      const coef = leastSquares(columns, y);
      if (!Number.isFinite(coef[0]) || !Number.isFinite(coef[1])) return undefined;
      seasonal = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const line = coef[0] + coef[1] * (i + 1);
        seasonal[i] = form.season === 'A' ? y[i] - line : y[i] / line;
      }
    } else {
      seasonal = classicalSeasonal(y, m, form.season === 'A' ? 'additive' : 'multiplicative');
    }
    const seas: number[] = [];
    for (let k = m - 1; k >= 1; k--) seas.push(seasonal[k]); // rev(seasonal[2:m])
    adjusted = new Float64Array(n);
    if (form.season === 'A') {
      for (let i = 0; i < n; i++) adjusted[i] = y[i] - seasonal[i];
    } else {
      for (let k = 0; k < seas.length; k++) seas[k] = Math.max(seas[k], 0.01);
      let sum = 0;
      for (const v of seas) sum += v;
      if (sum > m) {
        let denominator = 0;
        for (const v of seas) denominator += v + 0.01;
        for (let k = 0; k < seas.length; k++) seas[k] /= denominator;
      }
      for (let i = 0; i < n; i++) adjusted[i] = y[i] / Math.max(seasonal[i], 0.01);
    }
    init = seas;
  }
  const maxn = Math.min(Math.max(10, 2 * m), n);
  let l0: number;
  const out: number[] = [];
  if (form.trend === 'N') {
    l0 = 0;
    for (let i = 0; i < maxn; i++) l0 += adjusted[i] / maxn;
    out.push(l0);
  } else {
    let [a, b] = lineFit(adjusted, 0, maxn, 1);
    if (Math.abs(a + b) < 1e-8) {
      a *= 1 + 1e-3;
      b *= 1 - 1e-3;
    }
    out.push(a, b);
  }
  for (const v of init) out.push(v);
  const state = Float64Array.from(out);
  for (let i = 0; i < state.length; i++) if (!Number.isFinite(state[i])) return undefined;
  return state;
}

/** One ETS form to fit to one series: the start of the search and the objective's pieces. */
export interface EtsProblem {
  y: Float64Array;
  form: EtsForm;
  /** The form as passed (for the alias). */
  given: EtsForm;
  criterion: EtsCriterion;
  start: Float64Array;
  /** Estimated parameters: smoothing weights and free initial states. */
  np: number;
  ws: EtsWorkspace;
  fullState: Float64Array;
  /** Smoothing weights of the point last admitted. */
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  /** Whether x lies within R's bounds and is admissible; sets the weights and the initial state (`check` false: sets them unchecked). */
  admit(x: Float64Array, check?: boolean): boolean;
}

/** The objective at x: the criterion of one pass, Infinity outside the bounds (forecast's etsmodel). */
export function problemValue(problem: EtsProblem, x: Float64Array): number {
  if (!problem.admit(x)) return Infinity;
  return criterionValue(problem, etsRecursion(problem.y, problem.fullState, problem.form, problem.alpha, problem.beta, problem.gamma, problem.phi, problem.ws));
}

/** Starting values (initparam, initstate) and the objective's pieces; undefined where R would not fit the form. */
export function etsProblem(y: Float64Array, form: EtsForm, criterion: EtsCriterion): EtsProblem | undefined {
  const n = y.length;
  const seasonal = form.season !== 'N';
  const hasTrend = form.trend !== 'N';
  const m = seasonal ? form.m : 1;
  const effective: EtsForm = { ...form, m };
  // initparam
  const alpha0 = LOWER[0] + (0.2 * (UPPER[0] - LOWER[0])) / m;
  const start: number[] = [alpha0];
  if (hasTrend) start.push(LOWER[1] + 0.1 * (Math.min(UPPER[1], alpha0) - LOWER[1]));
  if (seasonal) start.push(LOWER[2] + 0.05 * (Math.min(UPPER[2], 1 - alpha0) - LOWER[2]));
  if (form.damped) start.push(LOWER[3] + 0.99 * (UPPER[3] - LOWER[3]));
  const nParams = start.length;
  const state0 = initialState(y, effective);
  if (!state0) return undefined;
  const nState = state0.length;
  for (let i = 0; i < nState; i++) start.push(state0[i]);
  const np = start.length;
  if (np >= n - 1) return undefined;

  const ws = etsWorkspace(n, m);
  const fullState = new Float64Array(nState + (seasonal ? 1 : 0));
  const seasonStart = hasTrend ? 2 : 1;
  const betaIndex = hasTrend ? 1 : -1;
  const gammaIndex = seasonal ? (hasTrend ? 2 : 1) : -1;
  const phiIndex = form.damped ? nParams - 1 : -1;

  const unpack = (x: Float64Array): boolean => {
    for (let i = 0; i < nState; i++) fullState[i] = x[nParams + i];
    if (seasonal) {
      let sum = 0;
      for (let i = seasonStart; i < nState; i++) sum += fullState[i];
      fullState[nState] = (form.season === 'M' ? m : 0) - sum;
      if (form.season === 'M') {
        for (let i = seasonStart; i <= nState; i++) if (fullState[i] < 0) return false;
      }
    }
    return true;
  };

  const problem: EtsProblem = {
    y,
    form: effective,
    given: form,
    criterion,
    start: Float64Array.from(start),
    np,
    ws,
    fullState,
    alpha: 0,
    beta: 0,
    gamma: 0,
    phi: 1,
    admit(x, check = true) {
      const alpha = x[0];
      const beta = betaIndex >= 0 ? x[betaIndex] : 0;
      const gamma = gammaIndex >= 0 ? x[gammaIndex] : 0;
      const phi = phiIndex >= 0 ? x[phiIndex] : 1;
      problem.alpha = alpha;
      problem.beta = beta;
      problem.gamma = gamma;
      problem.phi = phi;
      if (!check) return unpack(x);
      if (alpha < LOWER[0] || alpha > UPPER[0]) return false;
      if (hasTrend && (beta < LOWER[1] || beta > alpha || beta > UPPER[1])) return false;
      if (form.damped && (phi < LOWER[3] || phi > UPPER[3])) return false;
      if (seasonal && (gamma < LOWER[2] || gamma > 1 - alpha || gamma > UPPER[2])) return false;
      if (!admissible(alpha, hasTrend ? beta : undefined, seasonal ? gamma : undefined, phi, m)) return false;
      return unpack(x);
    },
  };
  return problem;
}
