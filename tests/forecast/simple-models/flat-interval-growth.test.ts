/**
 * The flat-forecast models (Croston, SBA, TSB, NPTS) read their intervals from in-sample errors.
 * A flat forecast's error accumulates on a series whose level wanders, so their bands widen with
 * the step as the series says (kernels/intervals.ts flatErrorGrowth); on intermittent demand whose
 * level holds they keep one width. Measured on seeded random walks: the share of the 13 future
 * values inside the 80 % and 95 % bands.
 */
import { describe, expect, it } from 'vitest';
import { croston, nptsModel, seededRandom, tsb, type ForecastModel } from '../../../src/index.js';
import { errorGrowthSums, flatErrorGrowth, growthFromSums } from '../../../src/forecast/kernels/intervals.js';
import { mergeSorted } from '../../../src/forecast/models/shared.js';

/** A positive random walk with Gaussian steps (Box–Muller on a seeded generator). */
function randomWalk(seed: number, n: number): Float64Array {
  const u = seededRandom(seed);
  const y = new Float64Array(n);
  let level = 1000;
  for (let t = 0; t < n; t++) {
    const z = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
    level += 10 * z;
    y[t] = level;
  }
  return y;
}

describe('flatErrorGrowth(y, fitted, h)', () => {
  it('continued from the sums of a prefix (errorGrowthSums(y, fitted, h, from)) is the same to the last bit as computed from the start', () => {
    const u = seededRandom(3);
    for (let trial = 0; trial < 200; trial++) {
      const n = 2 + Math.floor(u() * 300);
      const y = Float64Array.from({ length: n }, () => (u() < 0.05 ? NaN : 100 * u()));
      const fitted = Float64Array.from({ length: n }, (_, t) => (t === 0 || u() < 0.05 ? NaN : 100 * u()));
      const h = 1 + Math.floor(u() * 20);
      const cut = Math.floor(u() * n);
      const from = errorGrowthSums(y.subarray(0, cut), fitted.subarray(0, cut), h + Math.floor(u() * 3));
      expect(growthFromSums(errorGrowthSums(y, fitted, h, from), h)).toEqual(flatErrorGrowth(y, fitted, h));
    }
  });

  it('mergeSorted(a, b) is the typed-array sort of the union, −0 before +0', () => {
    const u = seededRandom(4);
    for (let trial = 0; trial < 200; trial++) {
      const draw = () => Float64Array.from({ length: Math.floor(u() * 40) }, () => [0, -0, 1, -1, u() - 0.5][Math.floor(u() * 5)]).sort();
      const a = draw();
      const b = draw();
      const merged = mergeSorted(a, b);
      const sorted = Float64Array.from([...a, ...b]).sort();
      expect([...merged].map((v) => Object.is(v, -0))).toEqual([...sorted].map((v) => Object.is(v, -0)));
      expect(merged).toEqual(sorted);
    }
  });

  it('is 1, 2, 3 for a line followed one step behind, never below 1, and 1 where the flat forecast made earlier is the same', () => {
    expect([...flatErrorGrowth(Float64Array.of(1, 2, 3, 4, 5, 6), Float64Array.of(NaN, 1, 2, 3, 4, 5), 3)]).toEqual([1, 2, 3]);
    const spikes = Float64Array.from({ length: 96 }, (_, t) => (t % 12 === 11 ? 1000 : 0));
    expect([...flatErrorGrowth(spikes, new Float64Array(96).fill(1000 / 12), 13)]).toEqual(new Array(13).fill(1));
    // a random walk forecast by its last value: the k-step error is a sum of k steps, √k times as wide
    const walk = randomWalk(1, 2000);
    const growth = flatErrorGrowth(walk, Float64Array.from(walk, (_, t) => (t > 0 ? walk[t - 1] : NaN)), 13);
    for (let k = 1; k < 13; k++) expect(growth[k]).toBeGreaterThanOrEqual(growth[k - 1]);
    expect(growth[8]).toBeGreaterThan(2.7);
    expect(growth[8]).toBeLessThan(3.3);
  });
});

// not SBA: its deliberate downward correction (1 − α/2) makes its errors on a series without zeros a bias, not a spread
describe.each([['croston', croston], ['tsb', tsb], ['npts', nptsModel]] as Array<[string, ForecastModel]>)('%s on random walks', (name, model) => {
  it(`${name}: the 80 % and 95 % bands 13 steps ahead hold about 80 % and 95 % of the future values, wider at step 13 than at step 1`, () => {
    const inside = [0, 0];
    let count = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const y = randomWalk(seed, 213);
      const history = y.subarray(0, 200);
      const f = model.fit(history).forecast(13, [80, 95]);
      expect(f.intervals[0].hi[12] - f.intervals[0].lo[12]).toBeGreaterThan(f.intervals[0].hi[0] - f.intervals[0].lo[0]);
      for (let j = 0; j < 13; j++) {
        const actual = y[200 + j];
        f.intervals.forEach((interval, l) => {
          if (actual >= interval.lo[j] && actual <= interval.hi[j]) inside[l]++;
        });
        count++;
      }
    }
    // one-step widths held flat covered about half of these values at 80 %
    expect(inside[0] / count).toBeGreaterThan(0.7);
    expect(inside[1] / count).toBeGreaterThan(0.88);
  });
});
