/**
 * What an ETS fit is and the one pass that makes it: the fit record (weights, states, R's
 * information criteria), the criterion the optimiser minimises from a pass (forecast's
 * `opt.crit`), and the filtering pass at given weights that turns weights and an initial state
 * into a fit — used once at the end of every search and again to extend a fit to a longer series.
 * Kept apart from the search (ets-optimise.ts) so extending a fit needs no optimiser.
 */
import { etsRecursion, etsWorkspace } from './ets-core.js';
import type { EtsForm, EtsWorkspace } from './ets-core.js';

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

/**
 * R's opt.crit from one pass: the one-step MSE, or the likelihood criterion floored at −1e10;
 * NaN counts as Infinity, so the search steps away from it.
 */
export function criterionValue(problem: { criterion: EtsCriterion; ws: EtsWorkspace }, lik: number): number {
  if (problem.criterion === 'mse') return Number.isNaN(problem.ws.mse) ? Infinity : problem.ws.mse;
  if (lik < -1e10) lik = -1e10;
  if (Number.isNaN(lik)) return Infinity;
  return lik;
}

/** Number of parameters R estimates for a form: smoothing weights plus free initial states. */
export function etsParameterCount(form: EtsForm): number {
  const seasonal = form.season !== 'N';
  return 1 + (form.trend !== 'N' ? 2 : 0) + (seasonal ? 1 + form.m - 1 : 0) + (form.damped ? 1 : 0) + 1;
}

/** The fit of `form` to y at given weights and initial state: one pass keeping the innovations, and R's information criteria (np estimated parameters). */
export function filteredFit(
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
  // the innovations are the residuals: the workspace's buffer is this fit's from here on (the
  // workspace of a search or a refilter serves no other pass); fitted values made when first read
  const residuals = ws.e;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const e = residuals[i];
    sse += e * e;
  }
  let fitted: Float64Array | undefined;
  const fittedValues = (): Float64Array => {
    if (fitted) return fitted;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const e = residuals[i];
      values[i] = form.error === 'A' ? y[i] - e : y[i] / (1 + e);
    }
    return (fitted = values);
  };
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
    get fitted(): Float64Array {
      return fittedValues();
    },
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
