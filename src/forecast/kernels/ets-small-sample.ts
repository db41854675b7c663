/**
 * R's small-sample route for ETS (forecast's HoltWintersZZ, taken by ets() on very short
 * series): which series take it, and its least-squares fit of a level and a trend from the first
 * values. Its own small bounded search, apart from the likelihood searches of ets-optimise.ts.
 */
import { nelderMead } from '../optim.js';
import { etsFormName, etsRecursion, etsWorkspace } from './ets-core.js';
import type { EtsForm } from './ets-core.js';
import { etsParameterCount, filteredFit, type EtsFit } from './ets-criterion.js';

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
