/**
 * AutoARIMA (R forecast's `auto.arima`): differencing by KPSS and seasonal strength, stepwise search over
 * ARIMA(p,d,q)(P,D,Q)[m] by AICc, normal intervals from the psi weights. Opt-in (registry.ts): not in the
 * default model set. Falls back to the last value on series too short or constant to fit.
 * No `update`: the parameters are estimated, so backtests refit it. The fit is R's CSS-ML (kernels/arima-fit.ts, the exact likelihood in kernels/arima-likelihood.ts).
 */
import type { ForecastModel } from '../types.js';
import { normalBands } from '../kernels/intervals.js';
import { assemble, checkRequest, finiteSeries, flatFitted, inputReasons, seasonLengthOf } from '../kernels/model-support.js';
import { autoArima } from '../kernels/arima-search.js';
import { arimaForecast } from '../kernels/arima-forecast.js';

function aliasOf(o: { p: number; d: number; q: number; P: number; D: number; Q: number; m: number; constant: boolean }): string {
  const seasonal = o.m > 1 && o.P + o.D + o.Q > 0 ? `(${o.P},${o.D},${o.Q})[${o.m}]` : '';
  const extra = o.constant ? (o.d + o.D === 1 ? ' with drift' : ' with mean') : '';
  return `ARIMA(${o.p},${o.d},${o.q})${seasonal}${extra}`;
}

/**
 * Fits AutoARIMA.
 *
 * @example
 * arima.fit(Float64Array.from({ length: 40 }, (_, t) => t + Math.sin(t))).alias; // => e.g. 'ARIMA(1,1,0) with drift'
 */
export const arima: ForecastModel = {
  name: 'arima',
  accepts: ['seasonLength'],
  fit(y, options) {
    const m = seasonLengthOf(options);
    const { values, missing, scale } = finiteSeries(y);
    const reasons = inputReasons('arima', y, missing);
    const n = y.length;
    if (n === 0 || missing === n) return flatFitted('arima', 'Naive', y, []);
    if (n < 10) return flatFitted('arima', 'Naive', y, [`arima: ${n} points are too few (needs 10), used the last value`], scale);
    if (values.every((v) => v === values[0])) return flatFitted('arima', 'Naive', y, ['arima: constant series, used the last value'], scale);
    const fit = autoArima(values, m);
    if (!fit) return flatFitted('arima', 'Naive', y, ['arima: no ARIMA order could be fitted, used the last value'], scale);
    const offset = n - fit.w.length;
    const fitted = new Float64Array(n).fill(NaN);
    // one-step fitted values of y: y_t − e_t (the residual of the differenced series is the one-step error of y)
    for (let t = 0; t < fit.w.length; t++) if (!Number.isNaN(fit.residuals[t])) fitted[t + offset] = values[t + offset] - fit.residuals[t];
    return assemble(aliasOf(fit.order), y, values, fitted, (h, levels) => {
      checkRequest(h, levels);
      const { mean, sd } = arimaForecast(fit, values, h);
      return { mean, intervals: normalBands(mean, sd, levels) };
    }, reasons, scale, 'arima');
  },
};
