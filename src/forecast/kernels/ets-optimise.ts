/**
 * The searches that fit ETS forms, as forecast::etsmodel: Nelder–Mead (maxit 2000) over the
 * smoothing weights and initial states of an {@link EtsProblem}, one form at a time or many side
 * by side — the windows of a backtest, the candidate forms of automatic ETS — with lockstep
 * searches (`NelderMeadSearch`) whose additive non-seasonal passes run two to a loop
 * (`additiveCriterionPair`). A fit is a pure function of its values, form, criterion and maxit,
 * so a fit already made on the same values is taken from the caller's cache (`FitMemo`, one per
 * series in an evaluation) instead of searched again; without a cache every fit is searched.
 */
import type { FitMemo } from '../types.js';
import { nelderMead, NelderMeadSearch, type NelderMeadResult } from '../optim.js';
import { additiveCriterionPair, etsFormName, etsRecursion } from './ets-core.js';
import type { EtsForm } from './ets-core.js';
import { criterionValue, filteredFit, type EtsCriterion, type EtsFit } from './ets-criterion.js';
import { etsProblem, problemValue, type EtsProblem } from './ets-params.js';

/** How a search runs: its iteration cap (R's maxit, default 2000) and where fits already made are looked up and kept. */
export interface EtsSearchOptions {
  maxit?: number;
  /** Fits already made, by form, criterion, maxit and values (evaluate's FitCache); absent: every fit searched afresh. */
  cache?: FitMemo;
}

/** The cache key of a search: everything a fit depends on besides the values (compared by the cache). */
function searchKey(form: EtsForm, criterion: EtsCriterion, maxit: number): string {
  return `ets/${etsFormName(form)}/${form.m}/${criterion}/${maxit}`;
}

/** The cached fit for this key and values; only this module writes keys under `ets/`, always an EtsFit or undefined. */
function recallFit(cache: FitMemo | undefined, key: string, y: Float64Array): { fit: EtsFit | undefined } | undefined {
  return cache?.recall(key, y) as { fit: EtsFit | undefined } | undefined;
}

/**
 * Fits one ETS form to y (finite values) as forecast::etsmodel: starting values
 * from `initparam`/`initstate`, Nelder–Mead over smoothing parameters and
 * initial states (maxit 2000), parameters outside R's "both" bounds rejected.
 * Returns undefined when the form has as many parameters as the series has
 * points less one (R's rule) or cannot be started. A fit of the same form on the
 * same values in `options.cache` is returned instead of searched again.
 * Cost: O(evaluations · n · m).
 *
 * @example
 * fitEtsForm(y, { error: 'A', trend: 'N', season: 'N', damped: false, m: 1 }, 'mse')?.alpha; // => the SES alpha R's ses() finds
 */
export function fitEtsForm(y: Float64Array, form: EtsForm, criterion: EtsCriterion = 'lik', options: EtsSearchOptions = {}): EtsFit | undefined {
  const maxit = options.maxit ?? 2000;
  const key = searchKey(form, criterion, maxit);
  const known = recallFit(options.cache, key, y);
  if (known) return known.fit;
  const fit = fitEtsFormOnce(y, form, criterion, maxit);
  options.cache?.remember(key, y, fit);
  return fit;
}

/**
 * {@link fitEtsForm} on several series at once — the training windows of a backtest — with the
 * same results, fit for fit: the Nelder–Mead searches advance side by side, and for the
 * additive non-seasonal forms (SES, Holt, damped Holt) two searches' passes over their series
 * run in one loop (`additiveCriterionPair`), which the processor overlaps. Fits already made on
 * the same values are taken from `options.cache`.
 * Cost: that of the separate fits, about halved for those forms.
 *
 * @example
 * fitEtsForms([y.subarray(0, 100), y], { error: 'A', trend: 'N', season: 'N', damped: false, m: 1 }, 'mse')[1]?.alpha; // => fitEtsForm(y, …, 'mse')?.alpha
 */
export function fitEtsForms(ys: readonly Float64Array[], form: EtsForm, criterion: EtsCriterion = 'lik', options: EtsSearchOptions = {}): Array<EtsFit | undefined> {
  return fitEtsTogether(ys.map((y) => ({ y, form })), criterion, options);
}

/**
 * {@link fitEtsForm} on several (series, form) pairs at once — the training windows of a
 * backtest, or the candidate forms of automatic ETS — with the same results, fit for fit: the
 * Nelder–Mead searches advance side by side, and two additive non-seasonal searches of the
 * same trend type (ETS(A,A,N) beside ETS(A,Ad,N), or two windows of one form) have their passes
 * run in one loop (`additiveCriterionPair`), which the processor overlaps. Fits already made on
 * the same values are taken from `options.cache`.
 * Cost: that of the separate fits, much less for the paired ones.
 *
 * @example
 * fitEtsTogether([{ y, form: AAN }, { y, form: AAdN }], 'lik')[1]?.phi; // => fitEtsForm(y, AAdN, 'lik')?.phi
 */
export function fitEtsTogether(items: ReadonlyArray<{ y: Float64Array; form: EtsForm }>, criterion: EtsCriterion = 'lik', options: EtsSearchOptions = {}): Array<EtsFit | undefined> {
  const maxit = options.maxit ?? 2000;
  const cache = options.cache;
  const fits = new Array<EtsFit | undefined>(items.length);
  type Run = { index: number; key: string; kind: string; problem: EtsProblem; search: NelderMeadSearch; value: number };
  const runs: Run[] = [];
  const done = (index: number, key: string, problem: EtsProblem | undefined, result: NelderMeadResult | undefined) => {
    fits[index] = problem && result ? finishFit(problem, result) : undefined;
    cache?.remember(key, items[index].y, fits[index]);
  };
  items.forEach(({ y, form }, index) => {
    const key = searchKey(form, criterion, maxit);
    const known = recallFit(cache, key, y);
    if (known) {
      fits[index] = known.fit;
      return;
    }
    const problem = etsProblem(y, form, criterion);
    if (!problem) return done(index, key, undefined, undefined);
    problem.ws.keepErrors = false;
    const search = new NelderMeadSearch(problem.start, { maxit });
    if (search.result) return done(index, key, problem, search.result);
    // Passes that can share a loop: additive errors, non-seasonal, both with or both without trend.
    // (Multiplicative ones gain nothing from it: their divisions, not their chains, bound them.)
    const kind = form.error === 'A' && form.season === 'N' ? (form.trend === 'N' ? 'N' : 'T') : '';
    runs.push({ index, key, kind, problem, search, value: NaN });
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
      const search = run.search;
      // a point outside the admissible region is worth Infinity: told on the spot, so that each
      // run has a point to value in every round and a partner less often waits alone
      while (search.result === undefined && !p.admit(search.point)) search.tell(Infinity);
      if (search.result !== undefined) continue;
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
      const search = run.search;
      if (search.result === undefined) search.tell(run.value); // (a run that stopped on rejected points was not valued)
      if (search.result !== undefined) done(run.index, run.key, run.problem, search.result);
      else runs[kept++] = run;
    }
    runs.length = kept;
  }
  return fits;
}

/** One search for one form, its objective called point by point (the path of a single fit). */
function fitEtsFormOnce(y: Float64Array, form: EtsForm, criterion: EtsCriterion, maxit: number): EtsFit | undefined {
  const problem = etsProblem(y, form, criterion);
  if (!problem) return undefined;
  problem.ws.keepErrors = false;
  const result = nelderMead((x) => problemValue(problem, x), problem.start, { maxit });
  return finishFit(problem, result);
}

/** The fit at the optimiser's result: one more pass keeping the innovations, and R's information criteria. */
function finishFit(problem: EtsProblem, result: NelderMeadResult): EtsFit | undefined {
  const { y, form: effective, given: form, ws, fullState, np } = problem;
  if (!Number.isFinite(result.value)) return undefined;
  problem.admit(result.x, false);
  const { alpha, beta, gamma, phi } = problem;
  return filteredFit(y, effective, etsFormName(form), alpha, beta, gamma, phi, fullState, np, ws, result.evaluations);
}
