/**
 * Moving average of the last k values (statsforecast's WindowAverage): every
 * future value equals that average. No closed-form intervals: the model gives
 * σ̂·√h from its one-step residuals, and the engine replaces them with
 * empirical intervals from backtest errors.
 */
import type { ForecastModel, ModelOptions } from '../types.js';
import { constant, fittedModel, refitOnUpdate, residualsOf, rms } from './shared.js';
import { normalBands } from '../kernels/intervals.js';
import { checkRequest } from '../kernels/model-support.js';
import { checkPositiveInteger } from './options.js';

/** Options of the moving average: `window` k (default 4). */
export interface MovingAverageOptions extends ModelOptions {
  window?: number;
}

/**
 * A moving-average model over `window` periods (default 4); with fewer points it averages what there is.
 * Cost O(n).
 *
 * @example
 * movingAverage(2).fit(Float64Array.of(1, 2, 3)).forecast(1).mean; // => Float64Array [2.5]
 */
export function movingAverage(window = 4): ForecastModel {
  const k = checkPositiveInteger('window', window, 4);
  return refitOnUpdate({
    name: k === 4 ? 'ma' : `ma${k}`,
    empiricalIntervals: true,
    fit(y) {
      const n = y.length;
      const fitted = new Float64Array(n).fill(NaN);
      let sum = 0;
      for (let t = 0; t < n; t++) {
        if (t > 0) fitted[t] = sum / Math.min(t, k);
        sum += y[t];
        if (t >= k) sum -= y[t - k];
      }
      const w = Math.min(k, n);
      const level = w > 0 ? sum / w : 0;
      const sigma = rms(residualsOf(y, fitted));
      return fittedModel(`MA(${k})`, y, fitted, (h, levels) => {
        checkRequest(h, levels);
        const mean = constant(h, level);
        const sd = new Float64Array(h);
        for (let i = 0; i < h; i++) sd[i] = sigma * Math.sqrt(i + 1);
        return { mean, intervals: normalBands(mean, sd, levels) };
      });
    },
  });
}
