/**
 * Seasonal naive forecast: each future value equals the value one season
 * earlier. Intervals in closed form: σ̂·√(⌊(h−1)/m⌋+1) (fpp3, table 5.2).
 * Falls back to naive when the series is shorter than one season.
 */
import type { ForecastModel } from '../types.js';
import { fittedModel, inSampleFit, refitOnUpdate } from './shared.js';
import { normalBands } from '../kernels/intervals.js';
import { checkRequest, seasonLengthOf } from '../kernels/model-support.js';
import { naive } from './naive.js';

/**
 * Fits the seasonal naive method with season `seasonLength` (default 1, the one default of kernels/model-support.ts: pass 52 for weekly data).
 *
 * @example
 * seasonalNaive.fit(Float64Array.of(1, 2, 3, 4), { seasonLength: 2 }).forecast(3).mean; // => Float64Array [3, 4, 3]
 */
export const seasonalNaive: ForecastModel = refitOnUpdate({
  name: 'snaive',
  accepts: ['seasonLength'],
  fit(y, options = {}) {
    const m = seasonLengthOf(options);
    const n = y.length;
    if (n < m || m === 1) {
      const inner = naive.fit(y);
      return m === 1 ? inner : { ...inner, fallback: `snaive: ${n} points < one season of ${m}, used naive`, forecast: inner.forecast };
    }
    const { fitted, sigma } = inSampleFit(y, options, (values) => {
      for (let t = m; t < n; t++) values[t] = y[t - m];
    });
    return fittedModel(`SNaive(${m})`, y, fitted, (h, levels) => {
      checkRequest(h, levels);
      const mean = new Float64Array(h);
      for (let i = 0; i < h; i++) mean[i] = y[n - m + (i % m)];
      if (levels.length === 0) return { mean, intervals: [] };
      const sd = new Float64Array(h);
      for (let i = 0; i < h; i++) sd[i] = sigma() * Math.sqrt(Math.floor(i / m) + 1);
      return { mean, intervals: normalBands(mean, sd, levels) };
    });
  },
});
