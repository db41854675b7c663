/**
 * The one place that backtests, scores and selects, for one series: rolling
 * origin backtests of every model, metrics per model, an ensemble of the best
 * k, the selection of the lowest error, and the final forecasts with their
 * intervals (closed form where the model has one, otherwise empirical from the
 * backtest errors). Plain data in and out, so workers can run it.
 *
 * Empirical intervals need at least `minIntervalSamples` (3) backtest windows, and a width on a
 * non-constant series (kernels/interval-width.ts); otherwise a model keeps its own interval and
 * the ensemble the mean of its members' bounds, and the fallback reason says which and why.
 */
import { SeriesFacts } from './kernels/series-facts.js';
import type { FittedModel, ForecastModel, ModelOptions } from './types.js';
import type { FitCache } from './fit-cache.js';
import { coverage, maseOnScale, metric, metricNames, msisOnScale, seasonalNaiveScale, type MetricName } from './metrics.js';
import { normalBands, pinned } from './kernels/intervals.js';
import { isConstantSeries, minIntervalSamples, zeroWidth } from './kernels/interval-width.js';

/** How to combine the ensemble members' forecasts. */
export type Combine = 'median' | 'mean';

/** Everything `evaluateSeries` needs; all validated by the orchestrator before any fitting. */
export interface EvaluateConfig {
  h: number;
  /** Registered model names. */
  models: readonly string[];
  levels: readonly number[];
  /** Selection metric; where undefined for a series, WAPE then RMSE take over. */
  metric: MetricName;
  windows: number;
  step: number;
  seasonLength: number;
  /** Calendar regressors of the series, passed to every fit (ModelOptions.regressors). */
  regressors?: readonly Float64Array[];
  /** Season of the MASE scale (M4: 1 for weekly). */
  maseSeason: number;
  /** Ensemble of the best k models by backtest, or null for none. */
  ensemble: { k: number; combine: Combine } | null;
  /** Smallest training length a backtest window may have. Default 3. */
  minTrain?: number;
  /** Models eligible for selection and the ensemble (default: all of `models`); the others are fitted once, not backtested. */
  candidates?: readonly string[];
  /**
   * When backtest windows refit their models (statsforecast's `refit`): true, every window (default);
   * false, only the first (earliest) window — each later window extends that fit to its longer
   * training data with the same parameters (`FittedModel.update`), so no parameter sees data past the
   * first cutoff; k, every k-th window (the first, the (k+1)-th, ...), the windows between extend the
   * last refit. Models whose fits have no `update` refit every window. The forecast on the full
   * history is always a fit.
   */
  refit?: boolean | number;
  /**
   * Whether each model's backtest windows forecast their intervals too, for the interval scores
   * (`ModelOutcome.intervalScores`). Default true; false skips them (empty scores), the same
   * forecasts and selection for less work: what a caller that shows no backtest coverage wants.
   */
  intervalScores?: boolean;
}

/** Windows between refits for a `refit` option: 1 (true), Infinity (false) or k. */
function refitEvery(refit: boolean | number | undefined): number {
  return refit === undefined || refit === true ? 1 : refit === false ? Infinity : refit;
}

/** One model's outcome on one series. */
export interface ModelOutcome {
  model: string;
  alias: string;
  mean: Float64Array;
  /** lo[i], hi[i] for levels[i]. */
  lo: Float64Array[];
  hi: Float64Array[];
  /**
   * Where the intervals come from: the model's own (closed-form; for NPTS, Croston, SBA and TSB the
   * quantiles of their samples); empirical, from the backtest errors;
   * or 'model', the model's own rough interval (σ̂·√h of the one-step residuals; for the ensemble,
   * the mean of its members' bounds) where empirical ones could not be built.
   */
  intervals: 'closed-form' | 'empirical' | 'model';
  /** Backtest metrics, mean over windows; undefined where a metric is undefined (see metrics.ts) or no window fitted. */
  scores: Partial<Record<MetricName, number>>;
  /** Backtest forecasts, window after window (windows × h). */
  backtest: Float64Array;
  /**
   * Backtest interval scores per level, from the model's own intervals in each window:
   * `coverage-80` (% of actuals inside, pooled over windows) and `msis-80` (mean over windows). Undefined where not defined.
   */
  intervalScores: Record<string, number>;
  fallback?: string;
  /** Milliseconds spent fitting and forecasting this model on this series (backtest included). */
  ms: number;
  /** Members of the ensemble. */
  members?: string[];
}

/** The outcome for one series. */
export interface SeriesOutcome {
  id: string;
  /** Training end index (exclusive) of each backtest window. */
  cutoffs: number[];
  /** Actual values of the backtest windows (windows × h). */
  actual: Float64Array;
  outcomes: ModelOutcome[];
  selected: string;
  /**
   * Every model (the ensemble included), best first: the one ranking of this series, by `selectedBy`
   * (|bias| for bias), ties in model order; the selection candidates come before the models that
   * were not backtested. `selected` is its first; the engine's `select: 'single'` and leaderboard
   * ranks read it, so nothing ranks twice.
   */
  ranking: string[];
  /** The metric selection used for this series (the requested one, or WAPE/RMSE where it is undefined). */
  selectedBy: MetricName;
  selectedScore?: number;
  notes: string[];
}

function combineInto(target: Float64Array, sources: Float64Array[], how: Combine, scratch: Float64Array): void {
  const k = sources.length;
  for (let i = 0; i < target.length; i++) {
    if (how === 'mean') {
      let sum = 0;
      for (let j = 0; j < k; j++) sum += sources[j][i] / k;
      target[i] = sum;
    } else {
      for (let j = 0; j < k; j++) scratch[j] = sources[j][i];
      const sorted = scratch.subarray(0, k).sort();
      target[i] = k % 2 === 1 ? sorted[(k - 1) / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
    }
  }
}

const noHistory = new Float64Array(0);

/**
 * Scores of backtest forecasts `predicted` against `actual`, metric by metric, mean over windows.
 * `scales[w]`: the MASE/MSIS scale of window w's training history (`seasonalNaiveScale`), the
 * same for every model, so taken once per series.
 */
function score(cutoffs: number[], h: number, actual: Float64Array, predicted: Float64Array, scales: readonly (number | undefined)[]): Partial<Record<MetricName, number>> {
  const scores: Partial<Record<MetricName, number>> = {};
  if (cutoffs.length === 0) return scores;
  const actuals = cutoffs.map((_, w) => actual.subarray(w * h, (w + 1) * h));
  const forecasts = cutoffs.map((_, w) => predicted.subarray(w * h, (w + 1) * h));
  for (const name of metricNames) {
    let sum = 0;
    let defined = true;
    for (let w = 0; w < cutoffs.length; w++) {
      const a = actuals[w];
      const f = forecasts[w];
      const value = name === 'mase' ? maseOnScale(a, f, scales[w]) : metric(name, a, f, noHistory);
      if (value === undefined) {
        defined = false;
        break;
      }
      sum += value;
    }
    if (defined) scores[name] = sum / cutoffs.length;
  }
  return scores;
}

/** Coverage (pooled) and MSIS (mean over windows) of backtest intervals, per level. */
function intervalScores(cutoffs: number[], h: number, actual: Float64Array, levels: readonly number[], lo: Float64Array[], hi: Float64Array[], scales: readonly (number | undefined)[]): Record<string, number> {
  const scores: Record<string, number> = {};
  if (cutoffs.length === 0) return scores;
  levels.forEach((level, l) => {
    const covered = coverage(actual, lo[l], hi[l]);
    if (covered !== undefined) scores[`coverage-${level}`] = covered;
    let sum = 0;
    let defined = true;
    for (let w = 0; w < cutoffs.length && defined; w++) {
      const window = (a: Float64Array) => a.subarray(w * h, (w + 1) * h);
      const value = msisOnScale(window(actual), window(lo[l]), window(hi[l]), scales[w], level);
      if (value === undefined) defined = false;
      else sum += value;
    }
    if (defined) scores[`msis-${level}`] = sum / cutoffs.length;
  });
  return scores;
}

/**
 * Empirical intervals: mean ± z·s_j, s_j the RMS backtest error at step j (non-decreasing in j);
 * on a never-negative series the quantiles of that normal truncated at zero (kernels/intervals.ts).
 * Overflowed bounds are pinned to ±Number.MAX_VALUE.
 */
function empiricalBounds(mean: Float64Array, actual: Float64Array, predicted: Float64Array, windows: number, levels: readonly number[], nonNegative: boolean): { lo: Float64Array[]; hi: Float64Array[] } {
  const h = mean.length;
  const sigma = new Float64Array(h);
  let running = 0;
  for (let j = 0; j < h; j++) {
    // RMS of the finite errors at step j, scaled by the largest so huge values cannot overflow
    let scale = 0;
    for (let w = 0; w < windows; w++) {
      const e = Math.abs(actual[w * h + j] - predicted[w * h + j]);
      if (Number.isFinite(e) && e > scale) scale = e;
    }
    let sum = 0;
    let count = 0;
    for (let w = 0; w < windows && scale > 0; w++) {
      const e = (actual[w * h + j] - predicted[w * h + j]) / scale;
      if (!Number.isFinite(e)) continue;
      sum += e * e;
      count++;
    }
    if (count > 0) running = Math.max(running, scale * Math.sqrt(sum / count));
    sigma[j] = running;
  }
  const bands = normalBands(mean, sigma, levels, nonNegative);
  return { lo: bands.map((band) => band.lo.map(pinned)), hi: bands.map((band) => band.hi.map(pinned)) };
}

/**
 * The empirical bounds of a forecast, or why they cannot be used: fewer than `minIntervalSamples`
 * backtest windows, or a zero width on a non-constant series (every backtest error 0).
 */
function empiricalProblem(
  windows: number, mean: Float64Array, actual: Float64Array, predicted: Float64Array, levels: readonly number[], constant: boolean, range: number, nonNegative: boolean,
): { bounds: { lo: Float64Array[]; hi: Float64Array[] }; reason?: undefined } | { bounds?: undefined; reason: string } {
  if (windows < minIntervalSamples) return { reason: `${windows} backtest window${windows === 1 ? '' : 's'}, fewer than the ${minIntervalSamples} an empirical interval needs` };
  const bounds = empiricalBounds(mean, actual, predicted, windows, levels, nonNegative);
  const flat = constant ? undefined : zeroWidth(levels.map((level, l) => ({ level, lo: bounds.lo[l], hi: bounds.hi[l] })), range);
  if (flat) return { reason: `empirical ${flat.level} % interval of zero width at step ${flat.step} (backtest errors all 0) on a non-constant series` };
  return { bounds };
}

/**
 * The ensemble's bounds from its members': their mean distance below and above their own means,
 * around the ensemble's mean (with `combine: 'mean'`, the mean of their lo and of their hi). On a
 * never-negative series the members' bounds are never below zero, nor is their mean; a median's
 * lower bound below zero is raised to it (`nonNegative`).
 */
function membersBounds(mean: Float64Array, members: readonly ModelOutcome[], levels: number, nonNegative: boolean): { lo: Float64Array[]; hi: Float64Array[] } {
  const lo: Float64Array[] = [];
  const hi: Float64Array[] = [];
  for (let l = 0; l < levels; l++) {
    const below = new Float64Array(mean.length);
    const above = new Float64Array(mean.length);
    for (let j = 0; j < mean.length; j++) {
      let down = 0;
      let up = 0;
      for (const m of members) {
        down += (m.mean[j] - m.lo[l][j]) / members.length;
        up += (m.hi[l][j] - m.mean[j]) / members.length;
      }
      below[j] = nonNegative ? Math.max(0, mean[j] - down) : mean[j] - down;
      above[j] = mean[j] + up;
    }
    lo.push(below);
    hi.push(above);
  }
  return { lo, hi };
}

/** Backtest windows for a series of `n` points: training ends, oldest first. */
export function cutoffsFor(n: number, h: number, windows: number, step: number, minTrain = 3): number[] {
  const cutoffs: number[] = [];
  // windows whose training would end before the start add nothing: start from the first that may fit
  for (let w = Math.min(windows, Math.floor(Math.max(0, n - h - minTrain) / step) + 1) - 1; w >= 0; w--) {
    const end = n - h - w * step;
    if (end >= minTrain) cutoffs.push(end);
  }
  return cutoffs;
}

function rank(outcomes: ModelOutcome[], by: MetricName): ModelOutcome[] {
  const value = (o: ModelOutcome) => {
    const v = o.scores[by];
    return v === undefined ? Infinity : by === 'bias' ? Math.abs(v) : v;
  };
  return outcomes
    .map((o, index) => ({ o, index, v: value(o) }))
    .sort((a, b) => a.v - b.v || a.index - b.index)
    .map((x) => x.o);
}

function fitKey(name: string, seasonLength: number, end: number): string {
  return `${name}/${seasonLength}/${end}`;
}

function fitOnce(cache: FitCache, name: string, model: ForecastModel, values: Float64Array, end: number, options: ModelOptions & { seasonLength: number }): FittedModel {
  const key = fitKey(name, options.seasonLength, end);
  const known = cache.get(key);
  if (known) return known;
  const fitted = model.fit(end === values.length ? values : values.subarray(0, end), options);
  cache.set(key, fitted);
  return fitted;
}

/**
 * Backtests, scores, combines and selects models for one series (`values` in time order, NaN = missing).
 * Cost: (windows + 1) fits per model with `refit: true`, 2 with `refit: false` (plus one pass of the
 * model's recursion per later window), less those already in `fits`: the series' one cache ({@link FitCache}), passed
 * by the caller (parallel.ts makes one per series and passes it to each configuration, so each
 * training window is fitted once) and passed on to every fit (`ModelOptions.cache`); `resolve` turns model names into models (`getModel`).
 *
 * @example
 * evaluateSeries('a', Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8), { h: 2, models: ['naive', 'drift'], levels: [80],
 *   metric: 'mape', windows: 2, step: 1, seasonLength: 1, maseSeason: 1, ensemble: null }, getModel, new FitCache()).selected; // => 'drift'
 */
export function evaluateSeries(id: string, values: Float64Array, config: EvaluateConfig, resolve: (name: string) => ForecastModel, fits: FitCache): SeriesOutcome {
  const { h, levels } = config;
  const scored = config.intervalScores !== false;
  const windowLevels = scored ? levels : [];
  const n = values.length;
  const notes: string[] = [];
  const cutoffs = cutoffsFor(n, h, config.windows, config.step, config.minTrain ?? 3);
  if (cutoffs.length < config.windows) notes.push(`${cutoffs.length} of ${config.windows} backtest windows fit in ${n} points`);
  const W = cutoffs.length;
  const actual = new Float64Array(W * h);
  for (let w = 0; w < W; w++) actual.set(values.subarray(cutoffs[w], cutoffs[w] + h), w * h);
  // the MASE/MSIS scale of each window's training history, shared by every model's scores
  const scales = cutoffs.map((end) => seasonalNaiveScale(values.subarray(0, end), config.maseSeason));
  const outcomes: ModelOutcome[] = [];
  const cache = fits;
  const flat = isConstantSeries(values);
  const facts = new SeriesFacts(values);
  const range = facts.range(n);
  const positive = facts.neverNegative(n);
  const every = refitEvery(config.refit);
  /** Index of the window whose fit window `w` extends (itself when it is refitted). */
  const originOf = (w: number) => w - (w % every);
  /**
   * What every fit of this series gets: its season length, its calendar regressors when given, the
   * series' cache, where models find the kernel fits other models made on the same values, and
   * `inPlace`: `values` is not changed while its fits are in use, so they read it (and its
   * windows) in place rather than each copying it, and its `facts`, which the guard of every fit
   * and window reads instead of scanning them.
   */
  const fitOptions = config.regressors
    ? { seasonLength: config.seasonLength, regressors: config.regressors, cache: fits, inPlace: true, facts }
    : { seasonLength: config.seasonLength, cache: fits, inPlace: true, facts };
  for (const name of config.models) {
    const model = resolve(name);
    const started = performance.now();
    const isCandidate = !config.candidates || config.candidates.includes(name);
    if (model.fitWindows) {
      // every window this model still needs, fitted side by side (same fits as one by one)
      const ends = [...(isCandidate ? cutoffs.filter((_, w) => originOf(w) === w) : []), n].filter((end) => !cache.has(fitKey(name, config.seasonLength, end)));
      if (ends.length > 1) {
        const fitted = model.fitWindows(ends.map((end) => (end === n ? values : values.subarray(0, end))), fitOptions);
        ends.forEach((end, i) => cache.set(fitKey(name, config.seasonLength, end), fitted[i]));
      }
    }
    const backtest = new Float64Array(isCandidate ? W * h : 0);
    const backtestLo = windowLevels.map(() => new Float64Array(backtest.length));
    const backtestHi = windowLevels.map(() => new Float64Array(backtest.length));
    let origin: FittedModel | undefined;
    for (let w = 0; isCandidate && w < W; w++) {
      const refitted = originOf(w) === w || !origin?.update;
      const windowModel = refitted ? fitOnce(cache, name, model, values, cutoffs[w], fitOptions) : origin!.update!(values.subarray(0, cutoffs[w]));
      if (originOf(w) === w) origin = windowModel;
      const windowForecast = windowModel.forecast(h, windowLevels);
      backtest.set(windowForecast.mean, w * h);
      windowForecast.intervals.forEach((interval, l) => {
        backtestLo[l].set(interval.lo, w * h);
        backtestHi[l].set(interval.hi, w * h);
      });
    }
    const fitted = fitOnce(cache, name, model, values, n, fitOptions);
    const forecast = fitted.forecast(h, levels);
    const own = { lo: forecast.intervals.map((i) => i.lo), hi: forecast.intervals.map((i) => i.hi) };
    const reasons = fitted.fallback ? [fitted.fallback] : [];
    let bounds = own;
    let empirical = false;
    if (model.empiricalIntervals === true && W > 0 && isCandidate && levels.length > 0) {
      const problem = empiricalProblem(W, forecast.mean, actual, backtest, levels, flat, range, positive);
      if (problem.bounds) {
        bounds = problem.bounds;
        empirical = true;
      } else reasons.push(`${name}: ${problem.reason}, the model's own interval`);
    }
    outcomes.push({
      model: name,
      alias: fitted.alias,
      mean: forecast.mean,
      lo: bounds.lo,
      hi: bounds.hi,
      intervals: empirical ? 'empirical' : model.empiricalIntervals ? 'model' : 'closed-form',
      scores: isCandidate ? score(cutoffs, h, actual, backtest, scales) : {},
      backtest,
      intervalScores: isCandidate && scored ? intervalScores(cutoffs, h, actual, levels, backtestLo, backtestHi, scales) : {},
      ...(reasons.length > 0 ? { fallback: reasons.join('; ') } : {}),
      ms: performance.now() - started,
    });
  }
  let by: MetricName = config.metric;
  const undefinedFor = (m: MetricName) => W > 0 && outcomes.some((o) => o.backtest.length > 0 && o.scores[m] === undefined);
  if (undefinedFor(by)) {
    const next: MetricName = undefinedFor('wape') ? 'rmse' : 'wape';
    const zeroActual = actual.some((a) => a === 0);
    const reason = by === 'mape' ? (zeroActual ? 'zero actuals' : 'values too large') : by === 'mase' ? 'zero scale or values too large' : 'values too large';
    notes.push(`${by} undefined on this series (${reason}), selected by ${next}`);
    by = next;
  }
  const eligible = outcomes.filter((o) => !config.candidates || config.candidates.includes(o.model));
  if (config.ensemble && W > 0 && eligible.length >= 2) {
    const started = performance.now();
    const members = rank(eligible, by).slice(0, Math.min(config.ensemble.k, eligible.length));
    const scratch = new Float64Array(members.length);
    const backtest = new Float64Array(W * h);
    combineInto(backtest, members.map((m) => m.backtest), config.ensemble.combine, scratch);
    const mean = new Float64Array(h);
    combineInto(mean, members.map((m) => m.mean), config.ensemble.combine, scratch);
    const problem = empiricalProblem(W, mean, actual, backtest, levels, flat, range, positive);
    const bounds = problem.bounds ?? membersBounds(mean, members, levels.length, positive);
    outcomes.push({
      model: 'ensemble',
      alias: `${config.ensemble.combine === 'median' ? 'Median' : 'Mean'}(${members.map((m) => m.model).join(', ')})`,
      mean,
      lo: bounds.lo,
      hi: bounds.hi,
      intervals: problem.bounds ? 'empirical' : 'model',
      ...(problem.bounds ? {} : { fallback: `ensemble: ${problem.reason}, the mean of its members' bounds` }),
      scores: score(cutoffs, h, actual, backtest, scales),
      backtest,
      intervalScores: {},
      ms: performance.now() - started,
      members: members.map((m) => m.model),
    });
    eligible.push(outcomes[outcomes.length - 1]);
  }
  const pool = eligible.length > 0 ? eligible : outcomes;
  const ranked = W > 0 ? rank(pool, by) : pool;
  const ranking = [...ranked, ...outcomes.filter((o) => !pool.includes(o))].map((o) => o.model);
  const best = ranked[0];
  if (W === 0) notes.push(`too short for a backtest, kept the first model ${best?.model}`);
  return {
    id,
    cutoffs,
    actual,
    outcomes,
    selected: best?.model ?? '',
    ranking,
    selectedBy: by,
    ...(best?.scores[by] !== undefined ? { selectedScore: best.scores[by] } : {}),
    notes,
  };
}
