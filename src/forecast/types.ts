/**
 * The shapes every forecasting model shares (after statsforecast): a model is
 * fitted to one series and forecasts `h` steps with prediction intervals.
 */

import type { SeriesFacts } from './kernels/series-facts.js';

/** Calendar period of a series. Weekly means ISO weeks (Monday start). */
export type Period = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** One series: values in time order at a regular period. Missing values are NaN. */
export interface Series {
  id: string;
  period: Period;
  /** Period starts as ISO dates `YYYY-MM-DD` (for weeks: the Monday). Same length as `values`. */
  timestamps: string[];
  values: Float64Array;
}

/** Prediction interval bounds for one level (80 → the 10 % and 90 % quantiles). */
export interface Interval {
  level: number;
  lo: Float64Array;
  hi: Float64Array;
}

/** A forecast `h` steps ahead: mean and one interval per requested level. */
export interface Forecast {
  mean: Float64Array;
  intervals: Interval[];
}

/**
 * What a fitted model knows after `fit`. Its functions are closures over the fit, never reading
 * `this`: they may be passed on alone (`forecast: inner.forecast`).
 */
export interface FittedModel {
  /** The model's alias as fitted, e.g. `ETS(A,Ad,N)` or `SES`. */
  readonly alias: string;
  /** One-step-ahead in-sample fitted values (NaN where not defined, e.g. the first point of naive). */
  readonly fitted: Float64Array;
  /** y − fitted (NaN where fitted is NaN). */
  readonly residuals: Float64Array;
  /** Set when the requested model could not be fitted and a simpler one was used: says which and why. */
  readonly fallback?: string;
  /** Forecast `h` steps; `levels` in (0, 100), default none. Never NaN or Infinity. */
  forecast: (h: number, levels?: readonly number[]) => Forecast;
  /**
   * Optional: the same model extended to a longer series `y` (this fit's series followed by new
   * observations) with the same parameters — only the filter or state update runs again, nothing
   * is re-estimated, so the parameters never see the new observations. Backtests with
   * `refit: false` or `refit: k` use it between refits; a model without it is refitted.
   */
  update?: (y: Float64Array) => FittedModel;
}

/** Options common to every model. */
export interface ModelOptions {
  /** Season length in periods (52 for weekly with yearly season, 7 for daily with weekly). Default 1, for every model; the engine passes the period's (calendar.ts). */
  seasonLength?: number;
  /**
   * Calendar regressors (holiday and event weights, calendar.ts `eventWeights`): one row per event kind,
   * then one per event column of the input (event-columns.ts, e.g. a promotion share), each over the series' periods followed by the horizon's, so index i is the series' i-th period
   * whatever the training window: a model fitted on y reads rows [0, y.length) as the past and
   * [y.length, y.length + h) as the future. The `_hol` models and `arima` (a regression with ARIMA errors) use them.
   */
  regressors?: readonly Float64Array[];
  /**
   * Fits already made on this series, to look up rather than search again (evaluate's FitCache, one
   * per series): several models fit the same kernel to the same values — Holt–Winters with a season
   * over 24 falls back to Holt's ETS(A,A,N), Theta on a non-seasonal series fits `ses`'s SES — and a
   * fit is a pure function of its inputs, so the second is the first. Never changes a forecast;
   * absent, every fit is made afresh. Not a model option: no model lists it in `accepts`.
   */
  cache?: FitMemo;
  /**
   * The caller keeps the series as it is while the fit and its updates are in use (the engine's
   * evaluation, whose series are its own): a finite series is then read in place instead of
   * copied. Default false: a fit keeps its own copy, so the caller may reuse its array. Never
   * changes a forecast; not a model option: no model lists it in `accepts`.
   */
  inPlace?: boolean;
  /**
   * What the guard reads of the caller's series at every fit — finite or not, to be scaled or not,
   * ever negative, its range — for the series and each prefix of it (a backtest's training
   * windows), from one pass (kernels/series-facts.ts; the engine's evaluation makes them beside
   * `inPlace`, and like it they hold while the series stays as it is: read only with `inPlace`):
   * the guard reads them instead of scanning every window of every model. A series they do not
   * cover (another array, a filled or scaled copy) is scanned as before. Never changes a forecast;
   * not a model option.
   */
  facts?: SeriesFacts;
}

/**
 * Fits kept by kernel key and the exact values they were made on (ModelOptions.cache). A key names
 * the kernel and every setting the fit depends on besides the values (`ets/ETS(A,A,N)/1/mse/2000`);
 * values are compared element by element, so a fit is only ever returned for the same input. Fits
 * are shared: callers treat them as read-only.
 */
export interface FitMemo {
  /** The fit remembered under `key` for exactly these values (possibly undefined: no fit), or undefined when there is none. */
  recall(key: string, y: Float64Array): { fit: unknown } | undefined;
  /** Keeps `fit` (undefined included: the form could not be fitted) for `key` and a copy of `y`. */
  remember(key: string, y: Float64Array, fit: unknown): void;
}

/**
 * A model family: a name and a `fit` on one series' values (in time order; NaN = missing).
 * `fit` never throws for data reasons: too short or degenerate series fall back to a
 * simpler model and say so in `fallback`. Bad options throw `OptionError`.
 */
export interface ForecastModel {
  /** Stable name used in leaderboards and on the CLI (`naive`, `ses`, `ets`, `theta`, ...). */
  readonly name: string;
  /**
   * True when the model has no closed-form prediction intervals: the engine then
   * replaces its intervals with empirical ones from backtest errors. Default false.
   */
  readonly empiricalIntervals?: boolean;
  /**
   * The options of {@link ModelOptions} the model uses (`['seasonLength']` for the seasonal ones);
   * default none: the model fits the same whatever they are (bad values are still refused). The
   * contract test checks that each option a model lists here changes its forecasts.
   */
  readonly accepts?: readonly (keyof ModelOptions)[];
  fit(y: Float64Array, options?: ModelOptions): FittedModel;
  /**
   * Optional: fits several series at once — the training windows of a backtest — with the same
   * results as `fit` on each, only faster (the smoothing models run their searches side by side).
   */
  fitWindows?(ys: readonly Float64Array[], options?: ModelOptions): FittedModel[];
}
