/**
 * AutoARIMA (R forecast's `auto.arima`): differencing by KPSS and seasonal strength, stepwise search over
 * ARIMA(p,d,q)(P,D,Q)[m] by AICc, normal intervals from the psi weights. Opt-in (registry.ts): not in the
 * default model set. Falls back to the last value on series too short or constant to fit.
 * No `update`: the parameters are estimated, so backtests refit it. The fit is R's CSS-ML (kernels/arima-fit.ts, the exact likelihood in kernels/arima-likelihood.ts).
 *
 * With calendar regressors (`regressors`: holiday and event weights, event columns) it is a
 * regression with ARIMA errors, y_t = Σ β_i·x_it + η_t with η_t the ARIMA the search chooses, as R's
 * `auto.arima(y, xreg = x)`. In two steps where R estimates β with the ARMA parameters by maximum
 * likelihood: β by least squares on the regressors that are non-zero somewhere in the history, beside
 * an intercept and a linear trend (so that neither the level nor a trend is read as an effect); then the
 * search on y − Σ β_i·x_i; the forecast is the ARIMA's plus the regressors' future values times β
 * (the intervals are the ARIMA's, β taken as known).
 */
import type { ForecastModel } from '../types.js';
import { normalBands } from '../kernels/intervals.js';
import { assemble, checkRequest, finiteSeries, flatFitted, inputReasons, seasonLengthOf } from '../kernels/model-support.js';
import { autoArima } from '../kernels/arima-search.js';
import { arimaForecast } from '../kernels/arima-forecast.js';
import { leastSquares } from '../kernels/decompose.js';

/**
 * β of the regressor rows active in `values`' history (non-zero somewhere in [0, n)), by least squares
 * beside an intercept and a linear trend; undefined when none is active or the design is singular.
 */
function regressorEffects(values: Float64Array, regressors: readonly Float64Array[]): { rows: Float64Array[]; beta: Float64Array } | undefined {
  const n = values.length;
  const rows = regressors.filter((row) => row.subarray(0, n).some((w) => w !== 0));
  if (rows.length === 0 || n < rows.length + 5) return undefined;
  const columns = [new Float64Array(n).fill(1), Float64Array.from({ length: n }, (_, t) => t / n), ...rows.map((row) => Float64Array.from(row.subarray(0, n)))];
  const coefficients = leastSquares(columns, values);
  const beta = coefficients.subarray(2);
  if (!beta.every(Number.isFinite)) return undefined;
  return { rows, beta: Float64Array.from(beta) };
}

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
  accepts: ['seasonLength', 'regressors'],
  fit(y, options) {
    const m = seasonLengthOf(options);
    const { values, missing, scale } = finiteSeries(y, undefined, options?.inPlace === true);
    const reasons = inputReasons('arima', y, missing);
    const n = y.length;
    if (n === 0 || missing === n) return flatFitted('arima', 'Naive', y, []);
    if (n < 10) return flatFitted('arima', 'Naive', y, [`arima: ${n} points are too few (needs 10), used the last value`], scale);
    if (values.every((v) => v === values[0])) return flatFitted('arima', 'Naive', y, ['arima: constant series, used the last value'], scale);
    const effects = options?.regressors ? regressorEffects(values, options.regressors) : undefined;
    // the regression's part of period t: Σ β_i·x_it (0 past the rows' end)
    const regression = (t: number) => (effects ? effects.rows.reduce((sum, row, i) => sum + effects.beta[i] * (row[t] ?? 0), 0) : 0);
    const errors = effects ? Float64Array.from(values, (v, t) => v - regression(t)) : values;
    const fit = autoArima(errors, m);
    if (!fit) return flatFitted('arima', 'Naive', y, ['arima: no ARIMA order could be fitted, used the last value'], scale);
    const offset = n - fit.w.length;
    const fitted = new Float64Array(n).fill(NaN);
    // one-step fitted values of y: y_t − e_t (the residual of the differenced series is the one-step error of y)
    for (let t = 0; t < fit.w.length; t++) if (!Number.isNaN(fit.residuals[t])) fitted[t + offset] = values[t + offset] - fit.residuals[t];
    const plain = aliasOf(fit.order);
    const orders = aliasOf({ ...fit.order, constant: false });
    const alias = effects ? `Regression with ${orders} errors${plain.slice(orders.length)}` : plain;
    return assemble(alias, y, values, fitted, (h, levels) => {
      checkRequest(h, levels);
      const { mean, sd } = arimaForecast(fit, errors, h);
      if (effects) for (let j = 0; j < h; j++) mean[j] += regression(n + j);
      return { mean, intervals: normalBands(mean, sd, levels) };
    }, reasons, scale, 'arima');
  },
};
