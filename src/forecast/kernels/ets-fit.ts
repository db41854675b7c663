/**
 * Fitting one ETS form by maximum likelihood (or one-step MSE) the way
 * forecast::etsmodel does — same starting values, same bounds, same
 * Nelder–Mead — and its forecasts with the closed-form variances of Hyndman
 * et al. (2008), classes 1–3 (forecast's `class1`, `class2`, `class3`).
 */
import { nelderMead, nelderMeadSteps, type NelderMeadResult } from '../optim.js';
import { classicalSeasonal, leastSquares, lineFit } from './decompose.js';
import { additiveCriterionPair, admissible, etsFormName, etsPointForecast, etsRecursion, etsWorkspace } from './ets-core.js';
import type { EtsForm, EtsWorkspace } from './ets-core.js';
import { normalBands } from './intervals.js';

/** What the optimiser minimises: R's `opt.crit` "lik" (ets) or "mse" (ses, holt, hw). */
export type EtsCriterion = 'lik' | 'mse';

/** A fitted ETS form with R's information criteria. */
export interface EtsFit {
  form: EtsForm;
  alias: string;
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  /** Initial state [level, trend?, s_0 … s_{m-1}] as R's `initstate`. */
  initialState: Float64Array;
  /** Final state [level, trend (0 if none), s_0 … s_{m-1}]. */
  lastState: Float64Array;
  /** R's `loglik` (−0.5 × its likelihood criterion). */
  loglik: number;
  aic: number;
  aicc: number;
  bic: number;
  /** Σe²/(n − number of estimated parameters): variance of the innovations. */
  sigma2: number;
  mse: number;
  fitted: Float64Array;
  residuals: Float64Array;
  /** Objective evaluations the optimiser used. */
  evaluations: number;
}

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

/** Number of parameters R estimates for a form: smoothing weights plus free initial states. */
export function etsParameterCount(form: EtsForm): number {
  const seasonal = form.season !== 'N';
  return 1 + (form.trend !== 'N' ? 2 : 0) + (seasonal ? 1 + form.m - 1 : 0) + (form.damped ? 1 : 0) + 1;
}

/**
 * Fits one ETS form to y (finite values) as forecast::etsmodel: starting values
 * from `initparam`/`initstate`, Nelder–Mead over smoothing parameters and
 * initial states (maxit 2000), parameters outside R's "both" bounds rejected.
 * Returns undefined when the form has as many parameters as the series has
 * points less one (R's rule) or cannot be started.
 * Cost: O(evaluations · n · m).
 *
 * @example
 * fitEtsForm(y, { error: 'A', trend: 'N', season: 'N', damped: false, m: 1 }, 'mse')?.alpha; // => the SES alpha R's ses() finds
 */
export function fitEtsForm(y: Float64Array, form: EtsForm, criterion: EtsCriterion = 'lik', maxit = 2000): EtsFit | undefined {
  const key = `${etsFormName(form)}/${form.m}/${criterion}/${maxit}`;
  const remembered = recallFit(key, y);
  if (remembered) return remembered.fit;
  const fit = fitEtsFormOnce(y, form, criterion, maxit);
  rememberFit(key, y, fit);
  return fit;
}

/**
 * Whether R's ets() would fit `form` by its small-sample route: the series has at most the
 * form's parameter count + 4 points (2 for alpha and the level, 2 more with a trend, 1 for the
 * damping): 6 points for SES, 8 for Holt, 9 for damped Holt. Non-seasonal forms only.
 *
 * @example
 * isSmallSample(8, { error: 'A', trend: 'A', season: 'N', damped: false, m: 1 }); // => true
 */
export function isSmallSample(n: number, form: EtsForm): boolean {
  if (form.season !== 'N') return false;
  const npars = 2 + (form.trend !== 'N' ? 2 : 0) + (form.damped ? 1 : 0);
  return n <= npars + 4;
}

/**
 * The small-sample fit R's ets() falls back to (forecast's HoltWintersZZ): the level starts at
 * y[0] and the trend at y[1] − y[0]; alpha (and Holt's beta) in [0, 1] minimise the one-step sum
 * of squares from a start of 0.2 (and 0.1·alpha); no damping. Returned as an ETS(A,N,N) or
 * ETS(A,A,N) fit, whose beta is alpha × Holt's beta (the same recursion); σ² is the mean squared
 * one-step error, as R's. Needs n ≥ 2 with a trend, n ≥ 1 without.
 * Business meaning: a new store or hotel with a few weeks of history still gets a smoothed level
 * and trend, not an over-fitted likelihood.
 *
 * @example
 * fitSmallSample(Float64Array.of(23, 19, 27, 25, 30, 26, 33, 31), true).lastState[0]; // => R's holt() final level
 */
export function fitSmallSample(y: Float64Array, trend: boolean): EtsFit {
  const n = y.length;
  const l0 = y[0];
  const b0 = trend && n > 1 ? y[1] - y[0] : 0;
  const form: EtsForm = { error: 'A', trend: trend ? 'A' : 'N', season: 'N', damped: false, m: 1 };
  const state = trend ? Float64Array.of(l0, b0) : Float64Array.of(l0);
  const ws = etsWorkspace(n, 1);
  // The one-step sum of squares of Holt's recursion with weights (alpha, beta) is that of the
  // ETS(A,A,N) recursion with (alpha, alpha·beta): the optimiser's fast pass gives it as mse·n.
  const objective = (x: Float64Array): number => {
    ws.keepErrors = false;
    etsRecursion(y, state, form, x[0], trend ? x[0] * x[1] : 0, 0, 1, ws);
    return ws.mse * n;
  };
  const start = trend ? Float64Array.of(0.2, 0.02) : Float64Array.of(0.2);
  const lower = new Float64Array(start.length);
  const upper = new Float64Array(start.length).fill(1);
  const result = nelderMead(objective, start, { lower, upper, reltol: 1e-12 });
  // Nelder–Mead nears a bound without reaching it: take the bound when it is no worse, as a
  // bounded quasi-Newton search (R's L-BFGS-B) lands on it.
  const x = Float64Array.from(result.x);
  let best = objective(x);
  for (let k = 0; k < x.length; k++) {
    for (const bound of [0, 1]) {
      if (Math.abs(x[k] - bound) > 0.01) continue;
      const kept = x[k];
      x[k] = bound;
      const value = objective(x);
      if (value <= best) best = value;
      else x[k] = kept;
    }
  }
  const alpha = Math.max(x[0], 1e-10);
  const beta = trend ? alpha * x[1] : 0;
  const fit = filteredFit(y, form, etsFormName(form), alpha, beta, 0, 1, state, etsParameterCount(form), ws, result.evaluations);
  fit.sigma2 = fit.mse; // R's mean squared residual, not Σe²/(n − parameters)
  return fit;
}

/**
 * {@link fitEtsForm} on several series at once — the training windows of a backtest — with the
 * same results, fit for fit: the Nelder–Mead searches advance side by side, and for the
 * additive non-seasonal forms (SES, Holt, damped Holt) two searches' passes over their series
 * run in one loop (`additiveCriterionPair`), which the processor overlaps. Fits already made on
 * the same values are looked up (see `remembered`).
 * Cost: that of the separate fits, about halved for those forms.
 *
 * @example
 * fitEtsForms([y.subarray(0, 100), y], { error: 'A', trend: 'N', season: 'N', damped: false, m: 1 }, 'mse')[1]?.alpha; // => fitEtsForm(y, …, 'mse')?.alpha
 */
export function fitEtsForms(ys: readonly Float64Array[], form: EtsForm, criterion: EtsCriterion = 'lik', maxit = 2000): Array<EtsFit | undefined> {
  return fitEtsTogether(ys.map((y) => ({ y, form })), criterion, maxit);
}

/**
 * {@link fitEtsForm} on several (series, form) pairs at once — the training windows of a
 * backtest, or the candidate forms of automatic ETS — with the same results, fit for fit: the
 * Nelder–Mead searches advance side by side, and two additive non-seasonal searches of the
 * same trend type (ETS(A,A,N) beside ETS(A,Ad,N), or two windows of one form) have their passes
 * run in one loop (`additiveCriterionPair`), which the processor overlaps. Fits already made on the same values are looked up (see `remembered`).
 * Cost: that of the separate fits, much less for the paired ones.
 *
 * @example
 * fitEtsTogether([{ y, form: AAN }, { y, form: AAdN }], 'lik')[1]?.phi; // => fitEtsForm(y, AAdN, 'lik')?.phi
 */
export function fitEtsTogether(items: ReadonlyArray<{ y: Float64Array; form: EtsForm }>, criterion: EtsCriterion = 'lik', maxit = 2000): Array<EtsFit | undefined> {
  const fits = new Array<EtsFit | undefined>(items.length);
  type Run = { index: number; key: string; kind: string; problem: EtsProblem; steps: Generator<Float64Array, NelderMeadResult, number>; point: Float64Array; value: number };
  const runs: Run[] = [];
  const done = (index: number, key: string, problem: EtsProblem | undefined, result: NelderMeadResult | undefined) => {
    fits[index] = problem && result ? finishFit(problem, result) : undefined;
    rememberFit(key, items[index].y, fits[index]);
  };
  items.forEach(({ y, form }, index) => {
    const key = `${etsFormName(form)}/${form.m}/${criterion}/${maxit}`;
    const known = recallFit(key, y);
    if (known) {
      fits[index] = known.fit;
      return;
    }
    const problem = etsProblem(y, form, criterion);
    if (!problem) return done(index, key, undefined, undefined);
    problem.ws.keepErrors = false;
    const steps = nelderMeadSteps(problem.start, { maxit });
    const step = steps.next();
    if (step.done) return done(index, key, problem, step.value);
    // Passes that can share a loop: additive errors, non-seasonal, both with or both without trend.
    // (Multiplicative ones gain nothing from it: their divisions, not their chains, bound them.)
    const kind = form.error === 'A' && form.season === 'N' ? (form.trend === 'N' ? 'N' : 'T') : '';
    runs.push({ index, key, kind, problem, steps, point: step.value, value: NaN });
  });
  const out = new Float64Array(2);
  const single = (run: Run) => {
    const p = run.problem;
    run.value = criterionValue(p, etsRecursion(p.y, p.fullState, p.form, p.alpha, p.beta, p.gamma, p.phi, p.ws));
  };
  while (runs.length > 0) {
    // runs waiting for a partner of their kind: without trend, with trend
    let waitingN: Run | undefined;
    let waitingT: Run | undefined;
    for (const run of runs) {
      const p = run.problem;
      if (!p.admit(run.point)) {
        run.value = Infinity;
        continue;
      }
      if (run.kind === '') {
        single(run);
        continue;
      }
      const hasTrend = run.kind === 'T';
      const partner = hasTrend ? waitingT : waitingN;
      if (!partner) {
        if (hasTrend) waitingT = run;
        else waitingN = run;
        continue;
      }
      if (hasTrend) waitingT = undefined;
      else waitingN = undefined;
      const a = partner.problem;
      additiveCriterionPair(
        hasTrend,
        a.y, a.fullState[0], hasTrend ? a.fullState[1] : 0, a.alpha, a.beta, a.phi, a.ws,
        p.y, p.fullState[0], hasTrend ? p.fullState[1] : 0, p.alpha, p.beta, p.phi, p.ws,
        out,
      );
      partner.value = criterionValue(a, out[0]);
      run.value = criterionValue(p, out[1]);
    }
    if (waitingN) single(waitingN);
    if (waitingT) single(waitingT);
    let kept = 0;
    for (const run of runs) {
      const step = run.steps.next(run.value);
      if (step.done) done(run.index, run.key, run.problem, step.value);
      else {
        run.point = step.value;
        runs[kept++] = run;
      }
    }
    runs.length = kept;
  }
  return fits;
}

/**
 * The last fits of each (form, criterion, maxit), with a copy of the values they were fitted on.
 * Several models fit the same form to the same values — Holt–Winters falls back to Holt's
 * ETS(A,A,N) when the season is longer than 24, Theta's SES is `ses` itself when the series is
 * not seasonal — and the fit is a pure function of its inputs, so the second one is looked up
 * instead of optimised again: same result, one Nelder–Mead run instead of several.
 * Fits are shared: callers treat them as read-only. Memory: REMEMBERED fits per form and criterion.
 */
const remembered = new Map<string, Array<{ y: Float64Array; fit: EtsFit | undefined }>>();
const REMEMBERED = 8;

/** Forgets every remembered fit (for timings and tests that must fit afresh). */
export function forgetEtsFits(): void {
  remembered.clear();
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function recallFit(key: string, y: Float64Array): { fit: EtsFit | undefined } | undefined {
  const entries = remembered.get(key);
  if (!entries) return undefined;
  for (const entry of entries) if (sameValues(entry.y, y)) return entry;
  return undefined;
}

function rememberFit(key: string, y: Float64Array, fit: EtsFit | undefined): void {
  let entries = remembered.get(key);
  if (!entries) remembered.set(key, (entries = []));
  if (entries.length === REMEMBERED) entries.shift();
  entries.push({ y: Float64Array.from(y), fit });
}

function fitEtsFormOnce(y: Float64Array, form: EtsForm, criterion: EtsCriterion, maxit: number): EtsFit | undefined {
  const problem = etsProblem(y, form, criterion);
  if (!problem) return undefined;
  problem.ws.keepErrors = false;
  const result = nelderMead((x) => problemValue(problem, x), problem.start, { maxit });
  return finishFit(problem, result);
}

/** One ETS form to fit to one series: the start of the search and the objective's pieces. */
interface EtsProblem {
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
function problemValue(problem: EtsProblem, x: Float64Array): number {
  if (!problem.admit(x)) return Infinity;
  return criterionValue(problem, etsRecursion(problem.y, problem.fullState, problem.form, problem.alpha, problem.beta, problem.gamma, problem.phi, problem.ws));
}

/** R's opt.crit from one pass: the one-step MSE, or the likelihood criterion floored at −1e10. */
function criterionValue(problem: EtsProblem, lik: number): number {
  if (problem.criterion === 'mse') return Number.isNaN(problem.ws.mse) ? Infinity : problem.ws.mse;
  if (lik < -1e10) lik = -1e10;
  if (Number.isNaN(lik)) return Infinity;
  return lik;
}

/** Starting values (initparam, initstate) and the objective's pieces; undefined where R would not fit the form. */
function etsProblem(y: Float64Array, form: EtsForm, criterion: EtsCriterion): EtsProblem | undefined {
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

/** The fit at the optimiser's result: one more pass keeping the innovations, and R's information criteria. */
function finishFit(problem: EtsProblem, result: NelderMeadResult): EtsFit | undefined {
  const { y, form: effective, given: form, ws, fullState, np } = problem;
  if (!Number.isFinite(result.value)) return undefined;
  problem.admit(result.x, false);
  const { alpha, beta, gamma, phi } = problem;
  return filteredFit(y, effective, etsFormName(form), alpha, beta, gamma, phi, fullState, np, ws, result.evaluations);
}

/** The fit of `form` to y at given weights and initial state: one pass keeping the innovations, and R's information criteria (np estimated parameters). */
function filteredFit(
  y: Float64Array,
  form: EtsForm,
  alias: string,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  fullState: Float64Array,
  np: number,
  ws: EtsWorkspace,
  evaluations: number,
): EtsFit {
  const n = y.length;
  const seasonal = form.season !== 'N';
  const m = form.m;
  ws.keepErrors = true;
  const lik = etsRecursion(y, fullState, form, alpha, beta, gamma, phi, ws);
  const k = np + 1;
  const aic = lik + 2 * k;
  const fitted = new Float64Array(n);
  const residuals = new Float64Array(n);
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const e = ws.e[i];
    residuals[i] = e;
    fitted[i] = form.error === 'A' ? y[i] - e : y[i] / (1 + e);
    sse += e * e;
  }
  return {
    form,
    alias,
    alpha,
    beta,
    gamma,
    phi,
    initialState: Float64Array.from(fullState),
    lastState: Float64Array.from(ws.last.subarray(0, 2 + (seasonal ? m : 0))),
    loglik: -0.5 * lik,
    aic,
    aicc: aic + (2 * k * (k + 1)) / (n - k - 1),
    bic: lik + Math.log(n) * k,
    sigma2: sse / (n - np),
    mse: ws.mse,
    fitted,
    residuals,
    evaluations,
  };
}

/**
 * The fit extended to `y` — its series followed by new observations — with the same smoothing
 * weights and initial state: the recursion runs again over all of `y`, nothing is re-estimated
 * (no optimiser call), so the weights never see the new points. Final state, fitted values,
 * σ² and the information criteria are those of the longer series. `refilterEts(fit, y)` on the
 * fit's own series gives the fit back. Cost O(n·m), one pass.
 *
 * @example
 * refilterEts(fitEtsForm(y.subarray(0, 90), ANN, 'mse')!, y).alpha; // => the alpha fitted on the first 90 points
 */
export function refilterEts(fit: EtsFit, y: Float64Array): EtsFit {
  const ws = etsWorkspace(y.length, fit.form.m);
  return filteredFit(y, fit.form, fit.alias, fit.alpha, fit.beta, fit.gamma, fit.phi, fit.initialState, etsParameterCount(fit.form), ws, 0);
}

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
  return { mean: mu, intervals: normalBands(mu, variance.map(Math.sqrt), levels) };
}
