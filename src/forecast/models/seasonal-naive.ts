/**
 * Seasonal naive forecast: each future value equals the value one season
 * earlier. Intervals in closed form: σ̂·√(⌊(h−1)/m⌋+1) (fpp3, table 5.2).
 * Falls back to naive when the series is shorter than one season.
 */
import type { ForecastModel } from '../types.js';
import { checkHorizon, fittedModel, normalIntervals, residualsOf, rms, refitOnUpdate } from './shared.js';
import { naive } from './naive.js';
import { checkSeasonLength } from './options.js';

/**
 * Fits the seasonal naive method with season `seasonLength` (default 52).
 *
 * @example
 * seasonalNaive.fit(Float64Array.of(1, 2, 3, 4), { seasonLength: 2 }).forecast(3).mean; // => Float64Array [3, 4, 3]
 */
export const seasonalNaive: ForecastModel = refitOnUpdate({
  name: 'snaive',
  fit(y, options = {}) {
    const m = checkSeasonLength(options.seasonLength, 52);
    const n = y.length;
    if (n < m || m === 1) {
      const inner = naive.fit(y);
      return m === 1 ? inner : { ...inner, fallback: `snaive: ${n} points < one season of ${m}, used naive`, forecast: inner.forecast };
    }
    const fitted = new Float64Array(n).fill(NaN);
    for (let t = m; t < n; t++) fitted[t] = y[t - m];
    const sigma = rms(residualsOf(y, fitted));
    return fittedModel(`SNaive(${m})`, y, fitted, (h, levels) => {
      checkHorizon(h, levels);
      const mean = new Float64Array(h);
      const sd = new Float64Array(h);
      for (let i = 0; i < h; i++) {
        mean[i] = y[n - m + (i % m)];
        sd[i] = sigma * Math.sqrt(Math.floor(i / m) + 1);
      }
      return { mean, intervals: normalIntervals(mean, sd, levels) };
    });
  },
});
