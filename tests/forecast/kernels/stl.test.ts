/**
 * STL against R 4.2.2's `stl(y, s.window = 11)` and forecast 8.20's seasonal strength
 * (`forecast:::seas.heuristic`), on fixture series of tests/fixtures/r/arima/reference.json.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stl } from '../../../src/forecast/kernels/stl.js';
import { nsdiffs } from '../../../src/forecast/kernels/unit-root.js';

interface Reference { name: string; values: number[]; seasonLength: number }
const references = JSON.parse(readFileSync(new URL('../../fixtures/r/arima/reference.json', import.meta.url), 'utf8')) as Reference[];
const find = (name: string): Reference => {
  const r = references.find((x) => x.name === name);
  if (!r) throw new Error(`no fixture ${name}`);
  return r;
};

describe('stl as R', () => {
  // R: round(stl(y, s.window = 11)$time.series[1:3, ], 5); seas.heuristic(y)
  const cases: [string, number[], number[], number, number][] = [
    ['woolyrnq', [-87.27118, 94.37812, -2.95258], [6363.17827, 6486.15844, 6606.44544], 0.8228194, 1],
    ['USAccDeaths', [-860.4495, -1572.22366, -757.59074], [9988.94901, 9920.4817, 9852.01439], 0.9447945, 1],
    ['W1', [179.47843, -74.34227, -127.51686], [26323.41488, 26326.32073, 26329.22658], 0.2514237, 0],
  ];
  for (const [name, seasonal, trend, strength, D] of cases) {
    it(`${name}: R's first seasonal and trend values, strength ${strength}, D = ${D}`, () => {
      const ref = find(name);
      const y = Float64Array.from(ref.values);
      const fit = stl(y, ref.seasonLength, 11);
      seasonal.forEach((v, i) => expect(Math.abs(fit.seasonal[i] - v)).toBeLessThanOrEqual(1e-4));
      trend.forEach((v, i) => expect(Math.abs(fit.trend[i] - v)).toBeLessThanOrEqual(1e-4));
      const variance = (a: number[]): number => {
        const mu = a.reduce((p, c) => p + c, 0) / a.length;
        return a.reduce((p, c) => p + (c - mu) ** 2, 0) / (a.length - 1);
      };
      const r = Array.from(fit.remainder);
      expect(1 - variance(r) / variance(r.map((v, i) => v + fit.seasonal[i]))).toBeCloseTo(strength, 6);
      expect(nsdiffs(y, ref.seasonLength)).toBe(D);
      expect(fit.remainder[5]).toBeCloseTo(y[5] - fit.seasonal[5] - fit.trend[5], 9);
    });
  }
});
