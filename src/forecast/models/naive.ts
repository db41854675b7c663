/**
 * Naive (random walk) forecast: every future value equals the last observation.
 * The benchmark every other model must beat; Naive2 of the M4 competition on
 * non-seasonal data. Intervals in closed form: σ̂·√h (fpp3, table 5.2),
 * σ̂ the root mean square of the one-step residuals.
 */
import type { ForecastModel } from '../types.js';
import { constant, fittedModel, inSampleFit, refitOnUpdate } from './shared.js';
import { normalBands } from '../kernels/intervals.js';
import { checkRequest } from '../kernels/model-support.js';

/**
 * Fits the naive method on finite values `y`.
 *
 * @example
 * naive.fit(Float64Array.of(1, 2, 3)).forecast(2).mean; // => Float64Array [3, 3]
 */
export const naive: ForecastModel = refitOnUpdate({
  name: 'naive',
  fit(y, options) {
    const n = y.length;
    const { fitted, sigma } = inSampleFit(y, options, (values) => {
      for (let t = 1; t < n; t++) values[t] = y[t - 1];
    });
    const last = n > 0 ? y[n - 1] : 0;
    return fittedModel('Naive', y, fitted, (h, levels) => {
      checkRequest(h, levels);
      const mean = constant(h, last);
      if (levels.length === 0) return { mean, intervals: [] };
      const sd = new Float64Array(h);
      for (let i = 0; i < h; i++) sd[i] = sigma() * Math.sqrt(i + 1);
      return { mean, intervals: normalBands(mean, sd, levels) };
    });
  },
});
