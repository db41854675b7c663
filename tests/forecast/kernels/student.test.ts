/**
 * Student's t quantile and the historic mean's intervals, against R.
 *   R: sprintf("%.15f", c(qt(0.975, 9), qt(0.9, 3), qt(0.995, 1), qt(0.6, 50), qt(0.975, 2), qt(0.05, 7)))
 *   R: meanf(c(23,19,27,25,30,26,33,31), h = 2, level = c(80, 95)): lower 19.90786 15.31540, upper 33.59214 38.18460
 */
import { describe, expect, it } from 'vitest';
import { pt, qt } from '../../../src/forecast/kernels/student.js';
import { getModel } from '../../../src/index.js';

describe("Student's t", () => {
  it.each([
    [0.975, 9, 2.262157162798205],
    [0.9, 3, 1.637744353696209],
    [0.995, 1, 63.656741162871526],
    [0.6, 50, 0.254699342988588],
    [0.975, 2, 4.302652729749462],
    [0.05, 7, -1.894578605090007],
  ])('qt(%f, %i) equals R to 1e-10 relative', (p, df, expected) => {
    expect(Math.abs(qt(p, df) - expected)).toBeLessThan(1e-10 * Math.abs(expected));
    expect(pt(qt(p, df), df)).toBeCloseTo(p, 12);
  });

  it('mean on 8 points gives R meanf intervals (t with 7 degrees of freedom), wider than the normal ones', () => {
    const f = getModel('mean').fit(Float64Array.of(23, 19, 27, 25, 30, 26, 33, 31)).forecast(2, [80, 95]);
    expect(f.intervals[0].lo[0]).toBeCloseTo(19.90786, 4);
    expect(f.intervals[0].hi[0]).toBeCloseTo(33.59214, 4);
    expect(f.intervals[1].lo[1]).toBeCloseTo(15.3154, 4);
    expect(f.intervals[1].hi[1]).toBeCloseTo(38.1846, 4);
  });
});
