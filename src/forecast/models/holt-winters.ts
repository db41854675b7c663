/**
 * Holt–Winters seasonal methods as state-space models, fitted as R's
 * `forecast::hw`: additive ETS(A,A,A) and multiplicative ETS(M,A,M), smoothing
 * weights and initial states (level, slope, m−1 seasonal indices) optimised
 * by one-step MSE within R's bounds. Intervals in closed form (class 1 for
 * additive, class 3 for multiplicative).
 *
 * Needs a season length 2 ≤ m ≤ 24 (R's ets refuses longer seasons), at least
 * two full seasons, and for the multiplicative form strictly positive data;
 * otherwise it falls back (multiplicative → additive → Holt → SES) and says why.
 */
import type { ModelOptions } from '../types.js';
import { fitSmoothing } from '../kernels/ets-model.js';
import type { EtsFittedModel, EtsForecastModel } from '../kernels/ets-model.js';
import { finiteSeries, seasonLengthOf } from '../kernels/model-support.js';
import type { EtsForm } from '../kernels/ets-core.js';

const AAN: EtsForm = { error: 'A', trend: 'A', season: 'N', damped: false, m: 1 };
const ANN: EtsForm = { error: 'A', trend: 'N', season: 'N', damped: false, m: 1 };

/** Why a seasonal form cannot be used for this series and season length, or undefined when it can. */
export function seasonalObstacle(values: Float64Array, m: number): string | undefined {
  if (m < 2) return 'no season length (seasonLength < 2)';
  if (m > 24) return `season length ${m} above 24 (as R's ets)`;
  if (values.length < 2 * m) return `${values.length} points, fewer than two seasons of ${m}`;
  return undefined;
}

function fitHoltWinters(name: string, y: Float64Array, options: ModelOptions | undefined, multiplicative: boolean): EtsFittedModel {
  const m = seasonLengthOf(options);
  const { values } = finiteSeries(y, undefined, options?.inPlace === true);
  const reasons: string[] = [];
  const forms: EtsForm[] = [];
  const obstacle = seasonalObstacle(values, m);
  if (obstacle) {
    reasons.push(`${name}: ${obstacle}, used Holt`);
  } else {
    let positive = true;
    for (let i = 0; i < values.length; i++) if (!(values[i] > 0)) positive = false;
    if (multiplicative && !positive) reasons.push(`${name}: values not all positive, used the additive form`);
    if (multiplicative && positive) forms.push({ error: 'M', trend: 'A', season: 'M', damped: false, m });
    forms.push({ error: 'A', trend: 'A', season: 'A', damped: false, m });
  }
  forms.push(AAN, ANN);
  const alias = obstacle ? undefined : multiplicative && forms[0].season === 'M' ? 'HoltWintersMultiplicative' : 'HoltWinters';
  return fitSmoothing(name, alias, y, forms, 'mse', reasons, options);
}

/**
 * Additive Holt–Winters, ETS(A,A,A): level, slope and a seasonal pattern of
 * constant amplitude. `seasonLength` is required (e.g. 12 for monthly data).
 *
 * @example
 * holtWinters.fit(monthly, { seasonLength: 12 }).forecast(24).mean; // => two seasons ahead
 */
export const holtWinters: EtsForecastModel = {
  name: 'holt_winters',
  accepts: ['seasonLength'],
  fit(y, options) {
    return fitHoltWinters('holt_winters', y, options, false);
  },
};

/**
 * Multiplicative Holt–Winters, ETS(M,A,M): the seasonal swing grows with the level.
 *
 * @example
 * holtWintersMultiplicative.fit(airPassengers, { seasonLength: 12 }).alias; // => 'HoltWintersMultiplicative'
 */
export const holtWintersMultiplicative: EtsForecastModel = {
  name: 'holt_winters_multiplicative',
  accepts: ['seasonLength'],
  fit(y, options) {
    return fitHoltWinters('holt_winters_multiplicative', y, options, true);
  },
};
