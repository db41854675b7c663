/**
 * Very short series: R's ets() (behind ses, holt, thetaf and ets) fits them by least squares from
 * the first values when there are at most parameters + 4 points (forecast's HoltWintersZZ).
 * Reference values printed by R 4 / forecast 8.20:
 *   C <- c(23,19,27,25,30,26,33,31,36,34)
 *   holt(ts(C[1:8]), h = 8); holt(ts(C[1:8]), h = 8, damped = TRUE); holt(ts(C[1:9]), h = 4, damped = TRUE)
 *   holt(ts(C[1:7]), h = 4); ses(ts(C[1:6]), h = 3); thetaf(ts(C[1:6]), h = 3); thetaf(ts(C[1:5]), h = 3)
 *   forecast(ets(ts(C[1:5])), h = 4); forecast(ets(ts(C[1:6])), h = 4); ses(ts(C[1:7]), h = 3)
 */
import { describe, expect, it } from 'vitest';
import { getModel } from '../../../src/index.js';
import { fitSmallSample } from '../../../src/forecast/kernels/ets-small-sample.js';
import { truncatedQuantile } from '../../../src/forecast/kernels/intervals.js';

const C = [23, 19, 27, 25, 30, 26, 33, 31, 36, 34];

const cases: Array<[string, number, number[], [number, number] | undefined]> = [
  // model, points, R's mean, R's 95 % interval at the last step (undefined: compared below, see the trend case)
  ['holt', 8, [32.988, 33.739, 34.491, 35.242, 35.993, 36.745, 37.496, 38.247], undefined],
  ['damped', 8, [32.988, 33.739, 34.491, 35.242, 35.993, 36.745, 37.496, 38.247], undefined],
  ['damped', 9, [36.676, 38.854, 41.032, 43.211], undefined],
  ['holt', 7, [33.581, 35.587, 37.592, 39.597], undefined],
  ['ses', 6, [26.162, 26.162, 26.162], [17.93, 34.39]],
  ['theta', 6, [27.835, 28.492, 29.149], [20.92, 37.38]],
  ['theta', 5, [28.915, 29.915, 30.915], [21.59, 40.24]],
  ['ets', 5, [26.718, 26.718, 26.718, 26.718], [16.79, 36.65]],
  ['ets', 6, [26.162, 26.162, 26.162, 26.162], [17.51, 34.82]],
  ['ses', 7, [29.891, 29.891, 29.891], [17.78, 42.0]],
];

describe('models on very short series, as R fits them', () => {
  it.each(cases)('%s on %i points gives R\'s point forecasts (and 95 %% interval) to 0.01', (name, n, mean, interval) => {
    const h = mean.length;
    const f = getModel(name).fit(Float64Array.from(C.slice(0, n)), { seasonLength: 1 }).forecast(h, [95]);
    Array.from(f.mean).forEach((v, i) => expect(Math.abs(v - mean[i]), `h=${i + 1}`).toBeLessThan(0.01));
    if (interval) {
      expect(Math.abs(f.intervals[0].lo[h - 1] - interval[0])).toBeLessThan(0.01);
      expect(Math.abs(f.intervals[0].hi[h - 1] - interval[1])).toBeLessThan(0.01);
    }
  });

  it('holt on 8 points records why: too few for the likelihood, least squares, as R', () => {
    const fitted = getModel('damped').fit(Float64Array.from(C.slice(0, 8)), { seasonLength: 1 });
    expect(fitted.fallback).toMatch(/damped: 8 points, too few to fit ETS\(A,Ad,N\) by likelihood; level and trend by least squares from the first values, as R's ets does \(without damping\)/);
  });

  it('fitSmallSample(C[1:8], trend) equals R: alpha 0.5024, Holt beta 1, σ² 23.0303; intervals from the ETS beta alpha × beta', () => {
    const fit = fitSmallSample(Float64Array.from(C.slice(0, 8)), true);
    expect(fit.alpha).toBeCloseTo(0.5024434, 5);
    expect(fit.beta / fit.alpha).toBeCloseTo(1, 9);
    expect(fit.sigma2).toBeCloseTo(23.030335, 5);
    // R's forecast() of that fit reads Holt's beta as the ETS beta (95 % at h = 8: -84.72 to 161.21);
    // with the ETS beta alpha × beta, as the recursion is, R gives -29.740 to 106.235: the normal
    // N(38.2475, (68.2475 / 1.96)²). C has never been negative, so the bounds are that normal's
    // truncated at zero (kernels/intervals.ts).
    const f = getModel('holt').fit(Float64Array.from(C.slice(0, 8)), { seasonLength: 1 }).forecast(8, [95]);
    const mu = (-29.74 + 106.235) / 2;
    const sd = (106.235 + 29.74) / 2 / 1.959964;
    expect(f.intervals[0].lo[7]).toBeGreaterThanOrEqual(0);
    expect(f.intervals[0].lo[7]).toBeCloseTo(truncatedQuantile(mu, sd, 0.025), 1);
    expect(f.intervals[0].hi[7]).toBeCloseTo(truncatedQuantile(mu, sd, 0.975), 1);
  });

  it.each(['ses', 'holt', 'damped', 'theta'])('%s.fitWindows gives a short window the same fit as %s.fit', (name) => {
    const model = getModel(name);
    const windows = [Float64Array.from(C.slice(0, 6)), Float64Array.from(C.slice(0, 8)), Float64Array.from(C)];
    const together = model.fitWindows!(windows, { seasonLength: 1 });
    windows.forEach((w, i) => {
      expect(Array.from(together[i].forecast(3).mean)).toEqual(Array.from(model.fit(w, { seasonLength: 1 }).forecast(3).mean));
    });
  });
});
