/**
 * sampleQuantiles (selection) against sortedQuantile over the sorted sample, the reading it
 * replaces where a fit's one forecast with intervals reads its errors' and draws' quantiles
 * (NPTS, Croston, SBA, TSB): the same values on samples with ties, zeros and one to 2,000 values.
 */
import { describe, expect, it } from 'vitest';
import { sampleQuantiles, sortedQuantile } from '../../src/forecast/kernels/intervals.js';
import { seededRandom } from '../../src/forecast/models/npts.js';
import { getModel } from '../../src/index.js';

describe('sampleQuantiles(sample, ps)', () => {
  it('gives sortedQuantile of the sorted sample at every p, and leaves the sample as it was', () => {
    const random = seededRandom(3);
    const ps = [0.025, 0.1, 0.5, 0.9, 0.975, 0, 1, 0.2, 0.8];
    for (let trial = 0; trial < 600; trial++) {
      const n = 1 + Math.floor(random() ** 2 * 2000);
      const ties = trial % 3 === 0;
      const sample = Float64Array.from({ length: n }, () => (ties ? Math.floor(random() * 5) - 2 : (random() - 0.3) * 1000));
      const before = sample.slice();
      const sorted = sample.slice().sort();
      const got = sampleQuantiles(sample, ps);
      ps.forEach((p, i) => expect(got[i]).toBe(sortedQuantile(sorted, p) + 0)); // toBe(x + 0): +0 and −0 alike
      expect([...sample]).toEqual([...before]);
    }
  });

  it('NPTS, Croston and TSB bound an intermittent series as they did from sorted samples (the values they gave then)', () => {
    const y = Float64Array.of(0, 3, 0, 0, 5, 0, 2, 0, 0, 4, 0, 1, 0, 0, 6, 0, 3, 0);
    const before: Record<string, number[][][]> = {"npts": [[[0, 0, 0], [4.816981243649197, 5.116981243649197, 5.146981243649197]], [[0, 0, 0], [6.075378637673336, 6.375378637673336, 6.405378637673336]]], "croston": [[[0, 0, 0], [4.429661082145282, 4.43706860533778, 4.448706244092525]], [[0, 0, 0], [5.637590805530175, 5.647947880383347, 5.664219431962033]]], "tsb": [[[0, 0, 0], [4.521453153347977, 4.521453153347977, 4.521453153347977]], [[0, 0, 0], [5.689015092479, 5.689015092479, 5.689015092479]]]};
    for (const [name, bounds] of Object.entries(before)) {
      const forecast = getModel(name).fit(y).forecast(3, [80, 95]);
      expect(forecast.intervals.map((interval) => [[...interval.lo], [...interval.hi]]), name).toEqual(bounds);
    }
  });
});
