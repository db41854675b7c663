/**
 * MSTL: a series with several seasonal cycles at once — a daily series' week and year — as R's
 * forecast 8.20 `mstl(msts(y, seasonal.periods))` followed by `forecast(fit, method = "ets")`
 * (the decomposition `stlf` forecasts from).
 *
 * Decomposition (R's `mstl`): the seasonal periods ascending, those of fewer than two full cycles
 * in the series (period ≥ n/2) dropped; each period's seasonal component by STL
 * (kernels/stl.ts, R's `stl` defaults) with s.window 11 for the shortest period, 15 for the next
 * (7 + 4·i), on the series less the other components, the round over all periods made twice
 * (once with a single period). The trend is the last STL's.
 *
 * Forecast (R's `forecast.stl`): automatic non-seasonal ETS (R's `ets(model = "ZZN")`, the forms
 * ANN, AAN, AAdN and, for positive data, MNN, MAN, MAdN; models/ets.ts) of the seasonally
 * adjusted series, plus each seasonal component's last cycle repeated; the ETS interval shifted
 * by the same amounts. Without any usable period it is that ETS of the series itself.
 *
 * Periods: `seasonLengths` when given; otherwise the model's season length, and when it is 7 (a
 * daily series) the 365-day year beside it, which the series uses once it holds more than two years
 * (730 days): the week and the year of daily sales.
 *
 * `update(longer)` decomposes the longer series again (the decomposition has no parameters) and
 * extends the ETS fit over its seasonally adjusted values, keeping its form and weights.
 */
import type { FittedModel, ForecastModel, ModelOptions } from '../types.js';
import { stl } from '../kernels/stl.js';
import { seasonLengthOf } from '../kernels/model-support.js';
import { OptionError } from '../../errors.js';
import { ets } from './ets.js';
import { fittedModel } from './shared.js';

/** Options of {@link mstl}: the seasonal periods (integers ≥ 2); default from the season length (module comment). */
export interface MstlOptions {
  seasonLengths?: readonly number[];
}

/** MSTL components of a series: trend, one seasonal per period (ascending), remainder. */
export interface MstlDecomposition {
  periods: number[];
  trend: Float64Array;
  seasonal: Float64Array[];
  remainder: Float64Array;
}

/** The year of a daily series, a second season beside its week. */
const DAYS_PER_YEAR = 365;

/**
 * R's `mstl(y)` with seasonal periods `periods` (those ≥ n/2 dropped, the rest ascending). Without
 * a usable period: no seasonal component and the series as its own trend (R smooths it with
 * supsmu there; the forecast below does not use that trend).
 *
 * @example
 * mstlDecompose(Float64Array.from({ length: 140 }, (_, t) => 10 + (t % 7 === 5 ? 4 : 0)), [7]).seasonal[0][5]; // => ≈ 3.4
 */
export function mstlDecompose(y: Float64Array, periods: readonly number[]): MstlDecomposition {
  const n = y.length;
  const usable = [...new Set(periods)].filter((p) => p >= 2 && p < n / 2).sort((a, b) => a - b);
  const seasonal: Float64Array[] = usable.map(() => new Float64Array(n));
  const deseasonalised = Float64Array.from(y);
  let trend: Float64Array = Float64Array.from(y);
  const rounds = usable.length > 1 ? 2 : 1;
  for (let round = 0; round < rounds; round++) {
    usable.forEach((period, i) => {
      for (let t = 0; t < n; t++) deseasonalised[t] += seasonal[i][t];
      const fit = stl(deseasonalised, period, 7 + 4 * (i + 1));
      seasonal[i] = fit.seasonal;
      trend = fit.trend;
      for (let t = 0; t < n; t++) deseasonalised[t] -= seasonal[i][t];
    });
  }
  const remainder = Float64Array.from(deseasonalised, (v, t) => (usable.length > 0 ? v - trend[t] : 0));
  return { periods: usable, trend, seasonal, remainder };
}

/** The seasonal periods of a fit: the option's, or the season length's with the year of a daily series. */
function periodsFor(options: MstlOptions, modelOptions?: ModelOptions): number[] {
  if (options.seasonLengths) return [...options.seasonLengths];
  const m = seasonLengthOf(modelOptions);
  return m === 7 ? [7, DAYS_PER_YEAR] : [m];
}

/** The sum of each seasonal component's last cycle repeated h steps ahead (R's `lastseas`). */
function lastCycles(parts: MstlDecomposition, h: number): Float64Array {
  const out = new Float64Array(h);
  const n = parts.trend.length;
  parts.periods.forEach((period, i) => {
    for (let k = 0; k < h; k++) out[k] += parts.seasonal[i][n - period + (k % period)];
  });
  return out;
}

/** The fit on `y` decomposed into `parts`, its seasonally adjusted values fitted by `inner`. */
function mstlFitted(y: Float64Array, parts: MstlDecomposition, inner: FittedModel): FittedModel {
  const n = y.length;
  const seasons = new Float64Array(n);
  for (const component of parts.seasonal) for (let t = 0; t < n; t++) seasons[t] += component[t];
  const fitted = Float64Array.from(inner.fitted, (f, t) => f + seasons[t]);
  const alias = parts.periods.length > 0 ? `MSTL(${parts.periods.join(', ')}) + ${inner.alias}` : inner.alias;
  const model = fittedModel(alias, y, fitted, (h, levels) => {
    const base = inner.forecast(h, levels);
    const shift = lastCycles(parts, h);
    const add = (values: Float64Array) => Float64Array.from(values, (v, k) => v + shift[k]);
    return { mean: add(base.mean), intervals: base.intervals.map((interval) => ({ level: interval.level, lo: add(interval.lo), hi: add(interval.hi) })) };
  }, inner.fallback && `mstl: ${inner.fallback}`);
  return Object.assign(model, {
    update(longer: Float64Array): FittedModel {
      const next = mstlDecompose(longer, parts.periods);
      const adjusted = seasonallyAdjusted(longer, next);
      return mstlFitted(longer, next, inner.update ? inner.update(adjusted) : ets.fit(adjusted, { seasonLength: 1 }));
    },
  });
}

/** y less every seasonal component (R's `seasadj`). */
function seasonallyAdjusted(y: Float64Array, parts: MstlDecomposition): Float64Array {
  const out = Float64Array.from(y);
  for (const component of parts.seasonal) for (let t = 0; t < out.length; t++) out[t] -= component[t];
  return out;
}

/**
 * An MSTL model (module comment). Cost: one STL per period and round, O(n·s.window) each, then
 * the six non-seasonal ETS fits.
 *
 * @example
 * mstl({ seasonLengths: [48, 336] }).fit(halfHourlyLoad).alias; // => e.g. 'MSTL(48, 336) + ETS(M,N,N)'
 */
export function mstl(options: MstlOptions = {}): ForecastModel {
  for (const p of options.seasonLengths ?? []) {
    if (!(Number.isInteger(p) && p >= 2)) throw new OptionError('seasonLengths', p, 'integers >= 2');
  }
  return {
    name: 'mstl',
    accepts: ['seasonLength'],
    fit(y, modelOptions) {
      const parts = mstlDecompose(y, periodsFor(options, modelOptions));
      return mstlFitted(y, parts, ets.fit(seasonallyAdjusted(y, parts), { seasonLength: 1, ...(modelOptions?.cache ? { cache: modelOptions.cache } : {}) }));
    },
  };
}

/** MSTL with the default periods: the season length, and the year beside the week of a daily series. */
export const mstlModel: ForecastModel = mstl();
