/**
 * Drift (random walk with drift): the line from the first to the last
 * observation, extended. Intervals in closed form: σ̂·√(h(1+h/(T−1)))
 * (fpp3, table 5.2). Falls back to naive below two points.
 */
import type { ForecastModel } from '../types.js';
import { fittedModel, inSampleFit, refitOnUpdate } from './shared.js';
import { normalBands } from '../kernels/intervals.js';
import { checkRequest } from '../kernels/model-support.js';
import { naive } from './naive.js';

/**
 * Fits the drift method.
 *
 * @example
 * drift.fit(Float64Array.of(1, 2, 3)).forecast(2).mean; // => Float64Array [4, 5]
 */
export const drift: ForecastModel = refitOnUpdate({
  name: 'drift',
  fit(y, options) {
    const n = y.length;
    if (n < 2) {
      const inner = naive.fit(y);
      return { ...inner, fallback: `drift: ${n} point(s) < 2, used naive`, forecast: inner.forecast };
    }
    const slope = (y[n - 1] - y[0]) / (n - 1);
    const { fitted, sigma } = inSampleFit(y, options, (values) => {
      for (let t = 1; t < n; t++) values[t] = y[t - 1] + slope;
    }, 1);
    return fittedModel('Drift', y, fitted, (h, levels) => {
      checkRequest(h, levels);
      const mean = new Float64Array(h);
      for (let i = 0; i < h; i++) mean[i] = y[n - 1] + slope * (i + 1);
      if (levels.length === 0) return { mean, intervals: [] };
      const sd = new Float64Array(h);
      for (let i = 0; i < h; i++) {
        const k = i + 1;
        sd[i] = sigma() * Math.sqrt(k * (1 + k / (n - 1)));
      }
      return { mean, intervals: normalBands(mean, sd, levels) };
    });
  },
});
