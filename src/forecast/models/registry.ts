/**
 * Every model kpicast knows, by name, each wrapped with the bad-input rule of
 * `guarded` (so no model returns NaN or Infinity). Names are what leaderboards
 * and the CLI use; workers rebuild models from these names.
 */
import type { Forecast, ForecastModel, ModelOptions } from '../types.js';
import { OptionError } from '../../errors.js';
import { guarded } from '../kernels/model-support.js';
import { naive } from './naive.js';
import { seasonalNaive } from './seasonal-naive.js';
import { historicMean } from './historic-mean.js';
import { movingAverage } from './moving-average.js';
import { drift } from './drift.js';
import { croston, sba, tsb } from './croston.js';
import { nptsModel, seasonalNptsModel } from './npts.js';
import { ses } from './ses.js';
import { holt, dampedHolt } from './holt.js';
import { holtWinters, holtWintersMultiplicative } from './holt-winters.js';
import { ets } from './ets.js';
import { theta } from './theta.js';
import { arima } from './arima.js';
import { mstlModel } from './mstl.js';
import { holidayAdjusted } from './holiday-adjusted.js';

const raw: ForecastModel[] = [
  naive,
  seasonalNaive,
  ses,
  holt,
  dampedHolt,
  holtWinters,
  holtWintersMultiplicative,
  ets,
  theta,
  historicMean,
  movingAverage(4),
  drift,
  croston,
  sba,
  tsb,
  nptsModel,
  seasonalNptsModel,
  arima,
  mstlModel,
];

/** Every model as written, before the guard (the contract test runs over these and the guarded ones). */
export const rawModels: readonly ForecastModel[] = raw;

/**
 * The holiday-adjusted models (`ets_hol`, ...): the inner model on the series with its calendar
 * effects removed, put back on the forecast. Opt-in: not in {@link modelNames}, so not in the
 * default set; the engine adds them when given `holidays`, `events` or `eventColumns`.
 */
export const holidayModels: readonly ForecastModel[] = [ets, theta, seasonalNaive, holtWinters, ses].map(holidayAdjusted);

/** Names of the holiday-adjusted models. */
export const holidayModelNames: readonly string[] = holidayModels.map((model) => model.name);

/** The registry: model name → guarded model (the holiday-adjusted ones included). */
export const registry: ReadonlyMap<string, ForecastModel> = new Map([...raw, ...holidayModels].map((model) => [model.name, guarded(model)]));

/** Names of every registered model but the holiday-adjusted ones, in registry order. */
export const modelNames: readonly string[] = raw.map((model) => model.name);

/**
 * Models fitted only when named (`models: ['arima']`, `--models arima`): left out of the default
 * set because they are slow, so that forecasts without `models` stay what they were.
 */
export const optInModels: readonly string[] = ['arima'];

/** Every registered model but the opt-in ones: what `models` may name without `arima`. The models fitted when none are named are a subset, engine.ts `defaultModels`. */
export const defaultModelNames: readonly string[] = modelNames.filter((name) => !optInModels.includes(name));

/**
 * The registered model called `name`; throws OptionError listing the allowed names otherwise.
 *
 * @example
 * getModel('naive').name; // => 'naive'
 */
export function getModel(name: string): ForecastModel {
  const model = registry.get(name);
  if (!model) throw new OptionError('models', name, modelNames.join(', '));
  return model;
}

/**
 * One-shot forecast (statsforecast's `forecast(y, h, level)`): fits `model` (a registered name or a
 * ForecastModel) on `y` and forecasts `h` steps with `levels`. Equal to `fit` then `forecast`.
 *
 * @example
 * forecastOnce('naive', Float64Array.of(1, 2, 3), 2).mean; // => Float64Array [3, 3]
 */
export function forecastOnce(model: string | ForecastModel, y: Float64Array, h: number, levels: readonly number[] = [], options: ModelOptions = {}): Forecast {
  const resolved = typeof model === 'string' ? getModel(model) : model;
  return resolved.fit(y, options).forecast(h, levels);
}
