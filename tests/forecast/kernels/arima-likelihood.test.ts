/**
 * The exact ARIMA likelihood and CSS-ML fit against R 4.2.2's stats::arima(method = "CSS-ML"): the
 * coefficients and log-likelihood R prints for three fixed orders (values below from
 * `arima(WWWusage, c(1,1,1))`, `arima(lynx, c(2,0,2))`, `arima(log(AirPassengers), c(0,1,1), list(order = c(0,1,1), period = 12))`),
 * and the state covariance and filter values of R's getQ0 and ARIMA_Like.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitArima, type ArimaOrder } from '../../../src/forecast/kernels/arima-fit.js';
import { arimaLike, invPartrans, maInvert, partrans, stationaryCovariance } from '../../../src/forecast/kernels/arima-likelihood.js';
import { autoArima } from '../../../src/forecast/kernels/arima-search.js';
import { arimaForecast } from '../../../src/forecast/kernels/arima-forecast.js';

interface Reference { name: string; values: number[]; lo80: number[]; hi80: number[]; lo95: number[]; hi95: number[]; mean: number[] }
const references = JSON.parse(readFileSync(new URL('../../fixtures/r/arima/reference.json', import.meta.url), 'utf8')) as Reference[];
const series = (name: string): Float64Array => Float64Array.from(references.find((r) => r.name === name)?.values ?? []);
const order = (p: number, d: number, q: number, seasonal: [number, number, number, number] = [0, 0, 0, 1], constant = false): ArimaOrder =>
  ({ p, d, q, P: seasonal[0], D: seasonal[1], Q: seasonal[2], m: seasonal[3], constant });

function near(actual: ArrayLike<number> | undefined, expected: number[], tolerance: number): void {
  expect(actual?.length).toBe(expected.length);
  expected.forEach((v, i) => expect(Math.abs((actual?.[i] ?? NaN) - v), `[${i}]`).toBeLessThanOrEqual(tolerance));
}

describe('exact ARIMA likelihood against R', () => {
  it("stationary state covariance equals R's getQ0", () => {
    // .Call(stats:::C_getQ0, c(0.5, -0.3), c(0.4, 0.2, 0.1)) and c(1.2, -0.5), 0.3
    const P = stationaryCovariance([0.5, -0.3], [0.4, 0.2, 0.1]);
    near(P, [1.9462302, 0.2485119, 0.29, 0.1, 0.2485119, 0.2111607, 0.07, 0.04, 0.29, 0.07, 0.05, 0.02, 0.1, 0.04, 0.02, 0.01], 1e-7);
    near(stationaryCovariance([1.2, -0.5], [0.3]), [5.814815, -2.125926, -2.125926, 1.543704], 1e-6);
    expect(stationaryCovariance([1], [])).toBeUndefined();
  });

  it("Kalman filter sums equal R's ARIMA_Like", () => {
    const w = [1, 0.5, -0.3, 0.8, 1.2, -0.4, 0.1, 0.6, -0.9, 0.3];
    const like = arimaLike(w, [0.5, -0.3], [0.4, 0.2, 0.1]);
    expect(like?.ssq).toBeCloseTo(7.8690413, 6);
    expect(like?.sumlog).toBeCloseTo(0.8409223, 6);
    expect(like?.nu).toBe(10);
  });

  it('transforms invert each other and maInvert flips roots inside the unit circle', () => {
    near(invPartrans(partrans([0.3, -1.2, 0.5])), [0.3, -1.2, 0.5], 1e-12);
    near(maInvert([2.5, 1]), [1, 0.25], 1e-12);
    near(maInvert([1.5]), [2 / 3], 1e-12);
    expect(Array.from(maInvert([0.4]))).toEqual([0.4]);
  });

  // log-likelihood tolerance: R's prior for the 13 differenced states of AirPassengersLog is κ = 1e6 times
  // σ², not exactly diffuse against levels near 5 with σ² = 0.0013; differencing first is the exact limit
  const cases: [string, ArimaOrder, number[], number, number][] = [
    ['WWWusage', order(1, 1, 1), [0.65037598, 0.52559589], -254.1497, 5e-4],
    ['lynx', order(2, 0, 2, undefined, true), [1.34207599, -0.67380843, -0.20274259, -0.25639676, 1544.40394641], -932.0837, 5e-4],
    ['AirPassengersLog', order(0, 1, 1, [0, 1, 1, 12]), [-0.40182802, -0.55694484], 244.6995, 5e-3],
  ];
  for (const [name, o, coef, loglik, tolerance] of cases) {
    it(`${name}: CSS-ML coefficients and log-likelihood as R's`, () => {
      const fit = fitArima(series(name), o, 'CSS-ML');
      expect(fit).toBeDefined();
      coef.forEach((v, i) => expect(Math.abs((fit?.coef[i] ?? NaN) - v), `coef[${i}]`).toBeLessThanOrEqual(Math.max(1e-4, Math.abs(v) * 1e-5)));
      expect(Math.abs((fit?.loglik ?? NaN) - loglik)).toBeLessThanOrEqual(tolerance);
    });
  }

  it("lynx: R's intervals before the non-negativity guard (R's lower bounds go below zero)", () => {
    const ref = references.find((r) => r.name === 'lynx');
    const y = series('lynx');
    const fit = autoArima(y, 1);
    expect(fit?.order).toMatchObject({ p: 2, d: 0, q: 2, constant: true });
    if (!fit || !ref) return;
    const { mean, sd } = arimaForecast(fit, y, ref.mean.length);
    ref.mean.forEach((v, i) => {
      expect(Math.abs(mean[i] - v) / Math.abs(v)).toBeLessThanOrEqual(0.02);
      expect(Math.abs(mean[i] - 1.959964 * sd[i] - ref.lo95[i]) / Math.abs(ref.lo95[i])).toBeLessThanOrEqual(0.05);
      expect(Math.abs(mean[i] + 1.281552 * sd[i] - ref.hi80[i]) / Math.abs(ref.hi80[i])).toBeLessThanOrEqual(0.05);
    });
  });
});
