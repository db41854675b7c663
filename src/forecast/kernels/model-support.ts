/**
 * Plumbing the exponential-smoothing family shares: the missing-value rule,
 * option checks, a last-resort flat model, and a guard that keeps NaN and
 * Infinity out of every forecast.
 *
 * Missing-value rule of these models: NaN and ±Infinity count as missing;
 * interior gaps are filled by linear interpolation, leading ones by the first
 * valid value and trailing ones by the last (forecasts still start after the
 * last position of y). Fitted values are NaN and residuals NaN where y was missing.
 */
import { OptionError } from '../../errors.js';
import type { FittedModel, Forecast, Interval, ModelOptions } from '../types.js';
import { zForLevel } from './normal.js';
import { fillMissing } from './fill-missing.js';

const HUGE = 1e100;

/**
 * The series made finite (rule above), how many values were missing, and the scale it was divided
 * by (1 unless huge; `fixedScale` imposes one, as when a fit is extended to new observations).
 */
export function finiteSeries(y: Float64Array, fixedScale?: number): { values: Float64Array; missing: number; scale: number } {
  const n = y.length;
  const { values, missing } = fillMissing(y);
  let largest = 0;
  for (let t = 0; t < n; t++) largest = Math.max(largest, Math.abs(values[t]));
  const scale = fixedScale ?? (largest > HUGE ? largest : 1);
  if (scale !== 1) for (let t = 0; t < n; t++) values[t] /= scale;
  return { values, missing, scale };
}

/** The season length option: an integer ≥ 1, default 1 (non-seasonal). */
export function seasonLengthOf(options: ModelOptions | undefined, caller: string): number {
  const value = options?.seasonLength;
  if (value === undefined) return 1;
  if (!Number.isInteger(value) || value < 1) throw new OptionError(`${caller}: seasonLength`, value, 'an integer >= 1');
  return value;
}

/** Checks a forecast request: h a positive integer, levels in (0, 100). */
export function checkRequest(h: number, levels: readonly number[]): void {
  if (!Number.isInteger(h) || h < 1) throw new OptionError('forecast: h', h, 'a positive integer');
  for (const level of levels) {
    if (!(level > 0 && level < 100)) throw new OptionError('forecast: levels', level, 'numbers in (0, 100)');
  }
}

/** Normal intervals mean ± z·sd per level. */
export function normalBands(mean: Float64Array, sd: Float64Array, levels: readonly number[]): Interval[] {
  return levels.map((level) => {
    const z = zForLevel(level);
    const lo = new Float64Array(mean.length);
    const hi = new Float64Array(mean.length);
    for (let i = 0; i < mean.length; i++) {
      const s = Number.isFinite(sd[i]) && sd[i] > 0 ? sd[i] : 0;
      lo[i] = mean[i] - z * s;
      hi[i] = mean[i] + z * s;
    }
    return { level, lo, hi };
  });
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

function rescaled(forecast: Forecast, scale: number): Forecast {
  const times = (a: Float64Array) => Float64Array.from(a, (v) => v * scale);
  return {
    mean: times(forecast.mean),
    intervals: forecast.intervals.map((interval) => ({ level: interval.level, lo: times(interval.lo), hi: times(interval.hi) })),
  };
}

/** Overflowed bounds (beyond ±1.8e308 after rescaling) pinned to the largest double. */
function clamped(forecast: Forecast): Forecast {
  const pin = (a: Float64Array) => a.map((v) => (v === Infinity ? Number.MAX_VALUE : v === -Infinity ? -Number.MAX_VALUE : Number.isNaN(v) ? 0 : v));
  return {
    mean: pin(forecast.mean),
    intervals: forecast.intervals.map((interval) => ({ level: interval.level, lo: pin(interval.lo), hi: pin(interval.hi) })),
  };
}

/** Whether a forecast has h means and every bound, all finite. */
export function finiteForecast(forecast: Forecast, h: number): boolean {
  if (forecast.mean.length !== h) return false;
  for (let i = 0; i < h; i++) if (!Number.isFinite(forecast.mean[i])) return false;
  for (const interval of forecast.intervals) {
    for (let i = 0; i < h; i++) if (!Number.isFinite(interval.lo[i]) || !Number.isFinite(interval.hi[i])) return false;
  }
  return true;
}

/**
 * Assembles a FittedModel: fitted/residuals aligned with the original y (NaN
 * where y was missing), forecasts checked, and any non-finite forecast
 * replaced by the flat model with the reason appended to `fallback`.
 */
export function assemble(
  alias: string,
  y: Float64Array,
  values: Float64Array,
  fitted: Float64Array,
  predict: (h: number, levels: readonly number[]) => Forecast,
  reasons: string[],
  scale = 1,
): FittedModel {
  const n = y.length;
  const outFitted = new Float64Array(n);
  const residuals = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const f = Number.isFinite(y[t]) && Number.isFinite(fitted[t]) ? fitted[t] * scale : NaN;
    outFitted[t] = f;
    residuals[t] = y[t] - f;
  }
  const model: { alias: string; fitted: Float64Array; residuals: Float64Array; fallback?: string; forecast(h: number, levels?: readonly number[]): Forecast } = {
    alias,
    fitted: outFitted,
    residuals,
    forecast(h: number, levels: readonly number[] = []): Forecast {
      checkRequest(h, levels);
      let forecast: Forecast | undefined;
      try {
        forecast = predict(h, levels);
        if (scale !== 1) forecast = rescaled(forecast, scale);
      } catch {
        forecast = undefined;
      }
      if (!forecast || !finiteForecast(forecast, h)) {
        model.fallback = [...reasons, `${alias}: non-finite forecast, used the last value`].join('; ');
        forecast = flatFit(values).predict(h, levels);
        if (scale !== 1) forecast = clamped(rescaled(forecast, scale));
      }
      return forecast;
    },
  };
  if (reasons.length > 0) model.fallback = reasons.join('; ');
  return model;
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
