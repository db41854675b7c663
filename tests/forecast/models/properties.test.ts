/**
 * Property: for any series (random lengths 0–60, values mixing NaN, ±Infinity,
 * zeros, negatives and magnitudes up to 1e300), every model of the
 * exponential-smoothing family and Theta forecasts finite means and ordered,
 * finite bounds, with fitted and residuals as long as the series.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dampedHolt, ets, holt, holtWinters, holtWintersMultiplicative, ses, theta } from '../../../src/index.js';
import type { ForecastModel } from '../../../src/index.js';

const value = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 0, 1e300, -1e300, 1.7e308) },
);
const series = fc.array(value, { minLength: 0, maxLength: 60 }).map((values) => Float64Array.from(values));

const family: [string, ForecastModel][] = [
  ['ses', ses], ['holt', holt], ['damped', dampedHolt], ['holt_winters', holtWinters],
  ['holt_winters_multiplicative', holtWintersMultiplicative], ['ets', ets], ['theta', theta],
];

describe('smoothing family properties', () => {
  it.each(family)('%s.fit(any series, { seasonLength: 4 }).forecast(5, [80, 95]) is finite and ordered', (_name, model) => {
    fc.assert(
      fc.property(series, (y) => {
        const fit = model.fit(y, { seasonLength: 4 });
        expect(fit.fitted.length).toBe(y.length);
        expect(fit.residuals.length).toBe(y.length);
        const forecast = fit.forecast(5, [80, 95]);
        for (let i = 0; i < 5; i++) {
          expect(Number.isFinite(forecast.mean[i])).toBe(true);
          const [i80, i95] = forecast.intervals;
          expect(Number.isFinite(i95.lo[i]) && Number.isFinite(i95.hi[i])).toBe(true);
          expect(i95.lo[i]).toBeLessThanOrEqual(i80.lo[i] + Math.abs(i80.lo[i]) * 1e-12);
          expect(i80.lo[i]).toBeLessThanOrEqual(i80.hi[i]);
          expect(i80.hi[i]).toBeLessThanOrEqual(i95.hi[i] + Math.abs(i95.hi[i]) * 1e-12);
        }
      }),
      { numRuns: 60, seed: 20261121 },
    );
  });
});
