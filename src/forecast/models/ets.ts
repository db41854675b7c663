/**
 * Automatic exponential smoothing (Hyndman's `forecast::ets` with model "ZZZ"):
 * every admissible ETS(error, trend, season) form is fitted by maximum
 * likelihood and the one with the lowest AICc kept.
 *
 * Candidate forms, as R's defaults (restrict = TRUE, no multiplicative trend):
 * error A or M (M only for strictly positive data), trend N, A or Ad, season
 * N, A or M (A error never with M season). Seasonal forms only when
 * 2 ≤ seasonLength ≤ 24 and the series holds at least two full seasons —
 * so weekly data with seasonLength 52 get the non-seasonal forms only, as in R.
 * A form with as many parameters as points less one is skipped (R's rule);
 * where R switches to HoltWinters for very short series, this falls back to the
 * forms that fit, then to the last value. A constant series gives a flat
 * forecast with zero-width intervals (R's ses(alpha = 0.99999) there).
 *
 * `update(longer)` on a fit keeps the form chosen, its weights and initial state and runs the
 * recursion over the longer series (no new selection, no new search).
 */
import { etsFormName } from '../kernels/ets-core.js';
import type { EtsForm, SeasonType, TrendType, ErrorType } from '../kernels/ets-core.js';
import type { FitMemo } from '../types.js';
import type { EtsFit } from '../kernels/ets-criterion.js';
import { fitEtsTogether } from '../kernels/ets-optimise.js';
import { fitSmallSample } from '../kernels/ets-small-sample.js';
import { etsFitted, type EtsForecastModel } from '../kernels/ets-model.js';
import { assemble, finiteSeries, flatFitted, inputReasons, seasonLengthOf } from '../kernels/model-support.js';
import { seasonalObstacle } from './holt-winters.js';

/** The candidate forms R's ets would try for these values and season length. */
export function etsCandidates(values: Float64Array, seasonLength: number): EtsForm[] {
  let positive = values.length > 0;
  for (let i = 0; i < values.length; i++) if (!(values[i] > 0)) positive = false;
  const seasonal = seasonalObstacle(values, seasonLength) === undefined;
  const errors: ErrorType[] = positive ? ['A', 'M'] : ['A'];
  const trends: TrendType[] = ['N', 'A'];
  const seasons: SeasonType[] = seasonal ? ['N', 'A', 'M'] : ['N'];
  const forms: EtsForm[] = [];
  for (const error of errors) {
    for (const trend of trends) {
      for (const season of seasons) {
        for (const damped of [true, false]) {
          if (trend === 'N' && damped) continue;
          if (error === 'A' && season === 'M') continue;
          forms.push({ error, trend, season, damped, m: season === 'N' ? 1 : seasonLength });
        }
      }
    }
  }
  return forms;
}

/**
 * Fits every candidate form and returns them with their AICc, best first; fits of the same form
 * on the same values in `cache` (ModelOptions.cache) are looked up, not searched again.
 * Cost: one likelihood optimisation per form (6 non-seasonal, up to 15 seasonal).
 *
 * @example
 * etsSelect(values, 12)[0].alias; // => e.g. 'ETS(M,A,M)'
 */
export function etsSelect(values: Float64Array, seasonLength: number, cache?: FitMemo): EtsFit[] {
  const fits: EtsFit[] = [];
  // side by side, with the same results as one by one (fitEtsTogether)
  for (const fit of fitEtsTogether(etsCandidates(values, seasonLength).map((form) => ({ y: values, form })), 'lik', { cache })) {
    if (fit && Number.isFinite(fit.aicc)) fits.push(fit);
  }
  // Stable sort keeps R's candidate order on ties (R keeps the first strictly better).
  return fits.sort((a, b) => a.aicc - b.aicc);
}

function isConstant(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}

/**
 * Automatic ETS: the AICc-best exponential-smoothing form for the series.
 * Business meaning: lets the data say whether there is a trend, whether it
 * should fade, and whether the season adds or multiplies.
 *
 * @example
 * ets.fit(values, { seasonLength: 12 }).alias; // => e.g. 'ETS(M,Ad,M)'
 */
export const ets: EtsForecastModel = {
  name: 'ets',
  accepts: ['seasonLength'],
  fit(y, options) {
    const m = seasonLengthOf(options);
    const inPlace = options?.inPlace === true;
    const { values, missing, scale } = finiteSeries(y, undefined, inPlace);
    const reasons = inputReasons('ets', y, missing);
    const n = values.length;
    if (n > 0 && missing < n && isConstant(values)) {
      const mean = values[n - 1];
      const fitted = new Float64Array(n).fill(mean);
      const model = assemble('ETS(A,N,N)', y, values, fitted, (h, levels) => ({
        mean: new Float64Array(h).fill(mean),
        intervals: levels.map((level) => ({ level, lo: new Float64Array(h).fill(mean), hi: new Float64Array(h).fill(mean) })),
      }), reasons, scale);
      // R's ses(alpha = 0.99999): extended to new points, the last value with a random-walk spread
      return Object.assign(model, { update: (longer: Float64Array) => flatFitted('ets', 'ETS(A,N,N)', longer, [], scale) });
    }
    const tooFew: string[] = [];
    if (n >= 3 && n <= 6 && missing < n) {
      // R's ets() on 6 points or fewer: Holt's and SES's small-sample fits, the one with the smaller σ²
      const withTrend = fitSmallSample(values, true);
      const level = fitSmallSample(values, false);
      const best = withTrend.sigma2 < level.sigma2 ? withTrend : level;
      const note = `ets: ${n} points, too few for the likelihood; level${best === withTrend ? ' and trend' : ''} by least squares from the first values, as R's ets does`;
      return etsFitted('ets', best.alias, y, values, missing, best, [note], scale, inPlace);
    }
    if (n > 0 && missing < n) {
      const best = etsSelect(values, m, options?.cache)[0];
      if (best) return etsFitted('ets', etsFormName(best.form), y, values, missing, best, [], scale, inPlace);
      tooFew.push(`ets: ${n} points are too few for any ETS form, used the last value`);
    }
    return flatFitted('ets', 'Naive', y, tooFew, scale);
  },
};
