/**
 * The one support module of every model: the missing-data rule, the option and request checks,
 * a last-resort flat model, and the guard that keeps NaN and Infinity out of every forecast —
 * the same guard whether a model builds its fitted model with {@link assemble} (the
 * exponential-smoothing family) or is wrapped by {@link guarded} (every model of the registry).
 *
 * Missing-value rule: NaN and ±Infinity count as missing; interior gaps are filled by linear
 * interpolation, leading ones by the first valid value and trailing ones by the last (forecasts
 * still start after the last position of y); a series with nothing finite is all zeros. Values
 * beyond ±1e100 are scaled down before fitting and back after. Fitted values are NaN and
 * residuals NaN where y was missing. A fit keeps its own copy of the series, so the caller may
 * reuse its array; with `inPlace` (ModelOptions.inPlace: the engine's evaluation, whose series
 * stay as they are) a finite series is read in place.
 *
 * The guard, on every forecast: the request checked ({@link checkRequest}); a forecast that
 * throws or whose mean is not finite replaced by the flat model (naive: the last value, σ·√h) and
 * the reason kept in `fallback`; a finite mean with a bound that is not given naive's width
 * around it (so the mean never depends on whether intervals were asked for); an interval of zero
 * width on a non-constant series given the flat model's width around the model's forecast (kernels/interval-width.ts: the data of a non-constant series
 * never justify an exact forecast); bounds ordered so that lo ≤ mean ≤ hi; and on a series that
 * has never been negative, no negative mean and no negative bound: the negative mean floored at
 * 0, the bounds of an interval reaching below zero those of the normal truncated at zero
 * (kernels/intervals.ts).
 */
import { OptionError } from '../../errors.js';
import type { FittedModel, Forecast, ForecastModel, ModelOptions } from '../types.js';
import { neverNegative, nonNegativeForecast, normalBands } from './intervals.js';
import { fillMissing } from './fill-missing.js';
import { seriesRange, withSpreadOf, zeroWidth } from './interval-width.js';
import type { SeriesFacts } from './series-facts.js';

const HUGE = 1e100;

/**
 * The series made finite (rule above), how many values were missing, and the scale it was divided
 * by (1 unless huge; `fixedScale` imposes one, as when a fit is extended to new observations).
 * A new array, except with `inPlace` (ModelOptions.inPlace: the caller keeps y as it is while the
 * fit is in use) for a series with nothing missing at scale 1, returned as it is: every fit and
 * backtest window of every model passes through here, twice for the smoothing models, and models
 * read their input and never write it (the contract test checks every model). `facts`
 * (ModelOptions.facts) answer for y without a scan when it is their series or a prefix of it.
 */
export function finiteSeries(y: Float64Array, fixedScale?: number, inPlace = false, facts?: SeriesFacts): { values: Float64Array; missing: number; scale: number } {
  if (inPlace && facts && (fixedScale === undefined || fixedScale === 1) && facts.covers(y) && facts.finiteUnscaled(y.length)) return { values: y, missing: 0, scale: 1 };
  const n = y.length;
  const filled = fillMissing(y, inPlace);
  let largest = 0;
  for (let t = 0; t < n; t++) largest = Math.max(largest, Math.abs(filled.values[t]));
  const scale = fixedScale ?? (largest > HUGE ? largest : 1);
  if (scale === 1) return { ...filled, scale };
  // divided in a copy of its own: never in the caller's array
  const values = filled.values === y ? y.slice() : filled.values;
  for (let t = 0; t < n; t++) values[t] /= scale;
  return { values, missing: filled.missing, scale };
}

/**
 * ModelOptions.facts where they may be read: with `inPlace` only, the promise that the series
 * they describe stays as it is (finiteSeries, the guard, the smoothing models and theta read
 * them through here).
 */
export function factsOf(options: Pick<ModelOptions, 'inPlace' | 'facts'> | undefined): SeriesFacts | undefined {
  return options?.inPlace === true ? options.facts : undefined;
}

/**
 * The season length when none is given, for every model: 1, non-seasonal (as statsforecast's
 * `season_length`). The engine always gives one, by the series' period (calendar.ts: 52 weekly).
 */
export const seasonLengthWhenUnset = 1;

/** The season length option, checked: an integer ≥ 1, default {@link seasonLengthWhenUnset}; throws OptionError naming seasonLength otherwise. */
export function seasonLengthOf(options: ModelOptions | undefined): number {
  const value = options?.seasonLength;
  if (value === undefined) return seasonLengthWhenUnset;
  if (!Number.isInteger(value) || value < 1) throw new OptionError('seasonLength', value, 'an integer >= 1');
  return value;
}

/**
 * Checks a forecast request, for every model: h a positive integer, levels in (0, 100); throws
 * OptionError (`h: got 0, allowed: an integer >= 1`) otherwise.
 */
export function checkRequest(h: number, levels: readonly number[]): void {
  if (!Number.isInteger(h) || h < 1) throw new OptionError('h', h, 'an integer >= 1');
  for (const level of levels) {
    if (typeof level !== 'number' || !(level > 0 && level < 100)) throw new OptionError('levels', level, 'numbers in (0, 100)');
  }
}

/**
 * The last-resort model for series too short for any smoothing form: the last
 * value, with a random-walk spread σ·√h where σ is the RMS of the first
 * differences (0 with one point).
 *
 * @example
 * flatFit(Float64Array.of(3, 5)).predict(1, []).mean; // => [5]
 */
export function flatFit(values: Float64Array): { fitted: Float64Array; predict: (h: number, levels: readonly number[]) => Forecast } {
  const n = values.length;
  const fitted = new Float64Array(n).fill(NaN);
  let sum = 0;
  for (let t = 1; t < n; t++) {
    fitted[t] = values[t - 1];
    sum += (values[t] - values[t - 1]) ** 2;
  }
  const sigma = n > 1 ? Math.sqrt(sum / (n - 1)) : 0;
  const last = n > 0 ? values[n - 1] : 0;
  return {
    fitted,
    predict(h, levels) {
      const mean = new Float64Array(h).fill(last);
      const sd = new Float64Array(h);
      for (let i = 0; i < h; i++) sd[i] = sigma * Math.sqrt(i + 1);
      return { mean, intervals: normalBands(mean, sd, levels) };
    },
  };
}

/**
 * `forecast` times `scale`, bounds ordered around the mean (lo ≤ mean ≤ hi); overflowed values
 * pinned to ±Number.MAX_VALUE. In new arrays, or with `owned` (the guard made every array of
 * `forecast` itself, nonNegativeForecast's copies: no model or caller holds them) in its own.
 */
function scaledAndOrdered(forecast: Forecast, scale: number, owned: boolean): Forecast {
  const pin = (v: number) => (v === Infinity ? Number.MAX_VALUE : v === -Infinity ? -Number.MAX_VALUE : v);
  const mean = owned ? forecast.mean : new Float64Array(forecast.mean.length);
  for (let i = 0; i < mean.length; i++) mean[i] = pin(forecast.mean[i] * scale);
  const intervals = forecast.intervals.map((interval) => {
    const lo = owned ? interval.lo : new Float64Array(mean.length);
    const hi = owned ? interval.hi : new Float64Array(mean.length);
    for (let i = 0; i < mean.length; i++) {
      const a = pin(interval.lo[i] * scale);
      const b = pin(interval.hi[i] * scale);
      lo[i] = Math.min(a, b, mean[i]);
      hi[i] = Math.max(a, b, mean[i]);
    }
    return { level: interval.level, lo, hi };
  });
  return { mean, intervals };
}

/**
 * An interval of a never-negative series that reaches below zero shifted up to start at zero, its
 * width kept: only for the width the zero-width rule imposes (naive's, around the model's mean),
 * which a truncation could narrow below the least width the rule asks for.
 */
function raisedToZero(forecast: Forecast): Forecast {
  const intervals = forecast.intervals.map(({ level, lo, hi }) => {
    const up = lo.map((v) => (v < 0 ? -v : 0));
    return { level, lo: lo.map((v, i) => v + up[i]), hi: hi.map((v, i) => v + up[i]) };
  });
  return { mean: forecast.mean, intervals };
}

/** Whether a forecast has h means, all finite (its bounds aside). */
function finiteMean(forecast: Forecast, h: number): boolean {
  if (forecast.mean.length !== h) return false;
  for (let i = 0; i < h; i++) if (!Number.isFinite(forecast.mean[i])) return false;
  return true;
}

/** Whether every bound of a forecast has h values, all finite. */
function finiteBounds(forecast: Forecast, h: number): boolean {
  for (const interval of forecast.intervals) {
    if (interval.lo.length !== h || interval.hi.length !== h) return false;
    for (let i = 0; i < h; i++) if (!Number.isFinite(interval.lo[i]) || !Number.isFinite(interval.hi[i])) return false;
  }
  return true;
}

/** A series ready for a model under the rule above: finite values (scaled), scale, reasons about the input, and what the guard needs to know of it. */
export interface PreparedSeries {
  values: Float64Array;
  missing: number;
  scale: number;
  /** Fallback reasons about the input itself (empty or all-missing series). */
  reasons: string[];
  /** Empty or nothing finite. */
  empty: boolean;
}

/**
 * `y` prepared for the model `name` (rule above); `fixedScale`: the scale of an earlier fit being
 * extended to new observations; `inPlace`: y may be read in place (ModelOptions.inPlace); `facts`:
 * ModelOptions.facts.
 */
export function prepareSeries(name: string, y: Float64Array, fixedScale?: number, inPlace = false, facts?: SeriesFacts): PreparedSeries {
  const { values, missing, scale } = finiteSeries(y, fixedScale, inPlace, facts);
  return { values, missing, scale, reasons: inputReasons(name, y, missing), empty: y.length === 0 || missing === y.length };
}

/**
 * The guarded fitted model: fitted values in y's units (NaN where y was missing), residuals
 * y − fitted, and forecasts through the guard (module comment). `fitted` and `predict` are in the
 * units of `values` (y divided by `scale`); `fitted` may be given as a function returning them, read
 * when the fitted values or residuals are first asked for; `reasons` are the fallback notes so far; `name` names
 * the model in the notes the guard adds; `inner` is the model's own fitted model, whose fallback
 * (read at each forecast, as a model may set it then) joins the reasons.
 * The fitted values and residuals are computed on first access (a backtest reads only forecasts),
 * the series' range at the first forecast; `facts` (ModelOptions.facts) give the sign and range of
 * their series and its prefixes without a scan.
 */
function guardedFit(
  name: string,
  alias: string,
  y: Float64Array,
  values: Float64Array,
  fitted: Float64Array | (() => Float64Array),
  predict: (h: number, levels: readonly number[]) => Forecast,
  reasons: readonly string[],
  scale: number,
  inner?: FittedModel,
  facts?: SeriesFacts,
): FittedModel & { fallback?: string } {
  const n = y.length;
  const positive = facts?.covers(y) ? facts.neverNegative(y.length) : neverNegative(y);
  let inSample: { fitted: Float64Array; residuals: Float64Array } | undefined;
  const made = () => {
    if (inSample) return inSample;
    const inner = typeof fitted === 'function' ? fitted() : fitted;
    const f = new Float64Array(n);
    const r = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      const v = y[t];
      const ft = Number.isFinite(v) && Number.isFinite(inner[t]) ? inner[t] * scale : NaN;
      f[t] = ft;
      r[t] = v - ft;
    }
    return (inSample = { fitted: f, residuals: r });
  };
  // every finite value the same (isConstantSeries) is a range of zero: finite doubles that differ have a non-zero difference
  let range: number | undefined;
  const noted = (notes: readonly string[]) => [...reasons, ...(inner?.fallback ? [inner.fallback] : []), ...notes].join('; ');
  const model: FittedModel & { fallback?: string } = {
    alias,
    get fitted(): Float64Array {
      return made().fitted;
    },
    get residuals(): Float64Array {
      return made().residuals;
    },
    forecast(h: number, levels: readonly number[] = []): Forecast {
      checkRequest(h, levels);
      range ??= facts?.covers(values) ? facts.range(values.length) : seriesRange(values);
      const constant = range === 0;
      const notes: string[] = [];
      let forecast: Forecast | undefined;
      try {
        forecast = predict(h, levels);
      } catch (error) {
        notes.push(`${name}: forecast failed (${(error as Error).message.split('\n')[0]}), used naive`);
      }
      if (!forecast || !finiteMean(forecast, h)) {
        if (forecast) notes.push(`${name}: non-finite forecast, used naive`);
        forecast = flatFit(values).predict(h, levels);
      } else if (!finiteBounds(forecast, h)) {
        // the mean kept: a forecast asked with intervals and one without (a backtest window) agree
        notes.push(`${name}: non-finite interval bound, naive's width around its forecast`);
        forecast = withSpreadOf(forecast, flatFit(values).predict(h, levels), range);
      }
      if (positive) forecast = nonNegativeForecast(forecast);
      const flat = levels.length > 0 && !constant ? zeroWidth(forecast.intervals, range) : undefined;
      if (flat) {
        notes.push(`${name}: ${flat.level} % interval of zero width at step ${flat.step} on a non-constant series, naive's width around its forecast`);
        forecast = withSpreadOf(forecast, flatFit(values).predict(h, levels), range);
        if (positive) forecast = raisedToZero(forecast);
      }
      const fallback = noted(notes);
      if (fallback) model.fallback = fallback;
      else delete model.fallback;
      // a never-negative series' forecast is nonNegativeForecast's copy, made here: its arrays are the guard's own
      return scaledAndOrdered(forecast, scale, positive);
    },
  };
  const fallback = noted([]);
  if (fallback) model.fallback = fallback;
  return model;
}

/**
 * Assembles a FittedModel from a model's parts, through the guard (module comment): `values` are
 * y made finite and divided by `scale` ({@link finiteSeries}), `fitted` and `predict` in their
 * units (`fitted` may be a function giving them, called when the fitted values are first read);
 * `reasons` the fallback notes so far. `name` (default the alias) names the model in the
 * guard's notes; `facts`: ModelOptions.facts.
 */
export function assemble(
  alias: string,
  y: Float64Array,
  values: Float64Array,
  fitted: Float64Array | (() => Float64Array),
  predict: (h: number, levels: readonly number[]) => Forecast,
  reasons: string[],
  scale = 1,
  name = alias,
  facts?: SeriesFacts,
): FittedModel {
  return guardedFit(name, alias, y, values, fitted, predict, reasons, scale, undefined, facts);
}

/**
 * The last-resort flat model ({@link flatFit}) as a FittedModel that extends to new observations
 * (`update`: the last value and spread of the longer series; nothing is estimated). `reasons` are the
 * fallback notes other than those about the input, which are recomputed for each series.
 *
 * @example
 * flatFitted('ses', 'Naive', Float64Array.of(3, 5), []).update!(Float64Array.of(3, 5, 4)).forecast(1).mean; // => [4]
 */
export function flatFitted(name: string, alias: string, y: Float64Array, reasons: readonly string[], fixedScale?: number): FittedModel {
  const { values, missing, scale } = finiteSeries(y, fixedScale);
  const flat = flatFit(values);
  const model = assemble(alias, y, values, flat.fitted, flat.predict, [...inputReasons(name, y, missing), ...reasons], scale);
  return Object.assign(model, { update: (longer: Float64Array) => flatFitted(name, alias, longer, reasons, scale) });
}

/** Fallback reasons about the input itself (empty or all-missing series); interpolation alone is not a fallback. */
export function inputReasons(name: string, y: Float64Array, missing: number): string[] {
  if (y.length === 0) return [`${name}: empty series, forecast 0`];
  if (missing === y.length) return [`${name}: no finite value, forecast 0`];
  return [];
}

/**
 * `model` behind the guard and the missing-data rule above: every model of the registry is
 * wrapped once. The season length is checked for every model (a model that does not use it still
 * refuses a bad one); option errors throw, data never does: a model that throws on a series is
 * replaced by the flat model (naive) and the reason kept in `fallback`. A fit extended to new
 * observations (`update`, where the model has it) goes through the same rule with the fit's own scale.
 *
 * @example
 * guarded(naive).fit(Float64Array.of(1, NaN, Infinity)).forecast(1).mean; // => Float64Array [1]
 */
export function guarded(model: ForecastModel): ForecastModel {
  // the model is handed the guard's series (its own copy, or the caller's kept as it is: inPlace),
  // which it may read in place in turn
  const innerOptions = (options?: ModelOptions): ModelOptions => ({ ...options, inPlace: true });
  const fitOne = (y: Float64Array, input: PreparedSeries, options: ModelOptions | undefined, inPlace: boolean): FittedModel => {
    const facts = factsOf(options);
    if (input.empty) return wrap(y, input, flatFitted(model.name, 'Naive', input.values, []), model.name, inPlace, facts);
    try {
      return wrap(y, input, model.fit(input.values, innerOptions(options)), model.name, inPlace, facts);
    } catch (error) {
      if ((error as Error).name === 'OptionError') throw error;
      input.reasons.push(`${model.name}: ${(error as Error).message.split('\n')[0]}, used naive`);
      return wrap(y, input, flatFitted(model.name, 'Naive', input.values, []), model.name, inPlace, facts);
    }
  };
  const fit = (y: Float64Array, options?: ModelOptions): FittedModel => {
    seasonLengthOf(options);
    const inPlace = options?.inPlace === true;
    return fitOne(y, prepareSeries(model.name, y, undefined, inPlace, factsOf(options)), options, inPlace);
  };
  const fitWindows = (ys: readonly Float64Array[], options?: ModelOptions): FittedModel[] => {
    seasonLengthOf(options);
    const inPlace = options?.inPlace === true;
    const inputs = ys.map((y) => prepareSeries(model.name, y, undefined, inPlace, factsOf(options)));
    const usable = inputs.filter((input) => !input.empty);
    let inner: FittedModel[] | undefined;
    try {
      inner = model.fitWindows!(usable.map((input) => input.values), innerOptions(options));
    } catch (error) {
      if ((error as Error).name === 'OptionError') throw error;
      inner = undefined; // each window on its own, where the failing one falls back to naive
    }
    const innerOf = new Map(usable.map((input, k) => [input, inner?.[k]]));
    return ys.map((y, i) => {
      const fitted = innerOf.get(inputs[i]);
      return fitted ? wrap(y, inputs[i], fitted, model.name, inPlace, factsOf(options)) : fitOne(y, inputs[i], options, inPlace);
    });
  };
  return {
    name: model.name,
    ...(model.empiricalIntervals === true ? { empiricalIntervals: true } : {}),
    ...(model.accepts ? { accepts: model.accepts } : {}),
    fit,
    ...(model.fitWindows ? { fitWindows } : {}),
  };
}

/** The guarded fitted model around `inner` (fitted by the model `name` on `input.values`); its updates read their series in place as the fit did (`inPlace`), with the same `facts`. */
function wrap(y: Float64Array, input: PreparedSeries, inner: FittedModel, name: string, inPlace: boolean, facts: SeriesFacts | undefined): FittedModel {
  const { values, scale, reasons } = input;
  const result: FittedModel = guardedFit(name, inner.alias, y, values, () => inner.fitted, (h, levels) => inner.forecast(h, levels), reasons, scale, inner, facts);
  const extend = inner.update;
  if (!extend) return result;
  // the same scale as this fit, so the inner model's states stay in its units
  return Object.assign(result, {
    update: (longer: Float64Array): FittedModel => {
      const next = prepareSeries(name, longer, scale, inPlace, facts);
      if (next.empty) return wrap(longer, next, flatFitted(name, 'Naive', next.values, []), name, inPlace, facts);
      try {
        return wrap(longer, next, extend.call(inner, next.values), name, inPlace, facts);
      } catch (error) {
        next.reasons.push(`${name}: update failed (${(error as Error).message.split('\n')[0]}), used naive`);
        return wrap(longer, next, flatFitted(name, 'Naive', next.values, []), name, inPlace, facts);
      }
    },
  });
}
