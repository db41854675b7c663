/**
 * The series missing-data and bad-input rule, applied once around every model
 * of the registry: NaN and ±Infinity are missing; interior gaps are filled by
 * linear interpolation, leading and trailing ones by the nearest value; a
 * series with nothing finite is all zeros. Values beyond ±1e100 are scaled
 * down before fitting and back after. A model that throws, or forecasts a
 * non-finite value, is replaced by naive and the reason kept in `fallback`.
 * An interval of zero width on a non-constant series takes naive's width around the model's
 * forecast, the reason kept in `fallback` (kernels/interval-width.ts: the data of a non-constant
 * series never justify an exact forecast). Bounds are ordered so that lo ≤ mean ≤ hi. A fit extended to new observations (`update`, where
 * the model has it) goes through the same rule with the fit's own scale.
 */
import type { FittedModel, Forecast, ForecastModel, ModelOptions } from '../types.js';
import { naive } from './naive.js';
import { checkHorizon } from './shared.js';
import { fillMissing } from '../kernels/fill-missing.js';
import { finiteForecast } from '../kernels/model-support.js';
import { isConstantSeries, seriesRange, withSpreadOf, zeroWidth } from '../kernels/interval-width.js';

export { fillMissing };

function scaled(forecast: Forecast, scale: number): Forecast {
  const mean = new Float64Array(forecast.mean.length);
  for (let i = 0; i < mean.length; i++) mean[i] = forecast.mean[i] * scale;
  const intervals = forecast.intervals.map((interval) => {
    const lo = new Float64Array(mean.length);
    const hi = new Float64Array(mean.length);
    for (let i = 0; i < mean.length; i++) {
      const a = interval.lo[i] * scale;
      const b = interval.hi[i] * scale;
      lo[i] = Math.min(a, b, mean[i]);
      hi[i] = Math.max(a, b, mean[i]);
    }
    return { level: interval.level, lo, hi };
  });
  return { mean, intervals };
}

const HUGE = 1e100;

/**
 * Wraps `model` with the bad-input rule above. Option errors still throw; data never does.
 *
 * @example
 * guarded(naive).fit(Float64Array.of(1, NaN, Infinity)).forecast(1).mean; // => Float64Array [1]
 */
export function guarded(model: ForecastModel): ForecastModel {
  const fit = (y: Float64Array, options?: ModelOptions): FittedModel => {
    const input = prepare(model, y);
    let inner: FittedModel;
    let used = model;
    try {
      inner = input.empty ? naive.fit(input.values) : model.fit(input.values, options);
    } catch (error) {
      if ((error as Error).name === 'OptionError') throw error;
      input.reasons.push(`${model.name}: ${(error as Error).message.split('\n')[0]}, used naive`);
      used = naive;
      inner = naive.fit(input.values);
    }
    return wrap(y, input, inner, used);
  };
  const fitWindows = (ys: readonly Float64Array[], options?: ModelOptions): FittedModel[] => {
    const inputs = ys.map((y) => prepare(model, y));
    const usable = inputs.filter((input) => !input.empty);
    let inner: FittedModel[] | undefined;
    try {
      inner = model.fitWindows!(usable.map((input) => input.values), options);
    } catch (error) {
      if ((error as Error).name === 'OptionError') throw error;
      inner = undefined; // each window on its own, where the failing one falls back to naive
    }
    const innerOf = new Map(usable.map((input, k) => [input, inner?.[k]]));
    return ys.map((y, i) => {
      const fitted = innerOf.get(inputs[i]);
      return fitted ? wrap(y, inputs[i], fitted, model) : fit(y, options);
    });
  };
  return {
    name: model.name,
    ...(isEmpiricalOnly(model) ? { empiricalIntervals: true } : {}),
    fit,
    ...(model.fitWindows ? { fitWindows } : {}),
  };
}

/** A series made ready for a model: missing values filled, huge values scaled, input reasons. */
interface Prepared {
  values: Float64Array;
  scale: number;
  reasons: string[];
  /** Empty or nothing finite: fitted by naive on zeros. */
  empty: boolean;
}

/** `fixedScale`: the scale of an earlier fit being extended to new observations. */
function prepare(model: ForecastModel, y: Float64Array, fixedScale?: number): Prepared {
  const { values, missing } = fillMissing(y);
  let maxAbs = 0;
  for (let i = 0; i < values.length; i++) maxAbs = Math.max(maxAbs, Math.abs(values[i]));
  const scale = fixedScale ?? (maxAbs > HUGE ? maxAbs : 1);
  if (scale !== 1) for (let i = 0; i < values.length; i++) values[i] /= scale;
  const reasons: string[] = [];
  if (y.length === 0) reasons.push(`${model.name}: empty series, forecast 0`);
  else if (missing === y.length) reasons.push(`${model.name}: no finite value, forecast 0`);
  return { values, scale, reasons, empty: y.length === 0 || missing === y.length };
}

/** The guarded fitted model around `inner` (fitted by `used`): fitted values rescaled, forecasts checked. */
function wrap(y: Float64Array, input: Prepared, inner: FittedModel, used: ForecastModel): FittedModel {
  const { values, scale, reasons } = input;
  if (inner.fallback) reasons.push(inner.fallback);
  const fitted = new Float64Array(y.length);
  const residuals = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    fitted[i] = inner.fitted[i] * scale;
    residuals[i] = y[i] - fitted[i];
  }
  const result: { alias: string; fitted: Float64Array; residuals: Float64Array; fallback?: string; forecast(h: number, levels?: readonly number[]): Forecast; update?(y: Float64Array): FittedModel } = {
    alias: inner.alias,
    fitted,
    residuals,
    forecast(h: number, levels: readonly number[] = []): Forecast {
      checkHorizon(h, levels);
      const notes: string[] = [];
      let forecast: Forecast | undefined;
      try {
        forecast = inner.forecast(h, levels);
      } catch (error) {
        notes.push(`${used.name}: forecast failed (${(error as Error).message.split('\n')[0]}), used naive`);
      }
      if (!forecast || !finiteForecast(forecast, h)) {
        if (forecast) notes.push(`${used.name}: non-finite forecast, used naive`);
        forecast = naive.fit(values).forecast(h, levels);
      }
      const range = seriesRange(values);
      const flat = levels.length > 0 && !isConstantSeries(values) ? zeroWidth(forecast.intervals, range) : undefined;
      if (flat) {
        notes.push(`${used.name}: ${flat.level} % interval of zero width at step ${flat.step} on a non-constant series, naive's width around its forecast`);
        forecast = withSpreadOf(forecast, naive.fit(values).forecast(h, levels), range);
      }
      if (notes.length > 0) result.fallback = [...reasons, ...notes].join('; ');
      return scaled(forecast, scale);
    },
  };
  if (reasons.length > 0) result.fallback = reasons.join('; ');
  const extend = inner.update;
  if (extend) {
    // the same scale as this fit, so the inner model's states stay in its units
    result.update = (longer: Float64Array) => {
      const next = prepare(used, longer, scale);
      if (next.empty) return wrap(longer, next, naive.fit(next.values), naive);
      try {
        return wrap(longer, next, extend.call(inner, next.values), used);
      } catch (error) {
        next.reasons.push(`${used.name}: update failed (${(error as Error).message.split('\n')[0]}), used naive`);
        return wrap(longer, next, naive.fit(next.values), naive);
      }
    };
  }
  return result;
}

/** True when the model declares it has no closed-form intervals. */
export function isEmpiricalOnly(model: ForecastModel): boolean {
  return model.empiricalIntervals === true;
}
