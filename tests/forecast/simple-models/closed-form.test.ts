import { describe, expect, it } from 'vitest';
import { drift, historicMean, naive, seasonalNaive } from '../../../src/index.js';

// Reference values from R 4.2 forecast 8.20 on y = c(12, 15, 14, 18, 21, 19, 24, 26, 23, 29):
// naive(y, h=3), rwf(y, h=3, drift=TRUE), snaive(ts(y, frequency=4), h=5), level=c(80,95).
const y = Float64Array.of(12, 15, 14, 18, 21, 19, 24, 26, 23, 29);

function check(actual: Float64Array, expected: number[]) {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => expect(actual[i]).toBeCloseTo(value, 5));
}

describe('closed-form models against R forecast', () => {
  it('naive.fit(y).forecast(3, [80, 95]) equals R naive()', () => {
    const f = naive.fit(y).forecast(3, [80, 95]);
    check(f.mean, [29, 29, 29]);
    check(f.intervals[0].lo, [24.458973, 22.578018, 21.134711]);
    check(f.intervals[1].hi, [35.944901, 38.821573, 41.028921]);
  });

  it('drift.fit(y).forecast(3, [80, 95]) equals R rwf(drift = TRUE)', () => {
    const f = drift.fit(y).forecast(3, [80, 95]);
    check(f.mean, [30.888889, 32.777778, 34.666667]);
    check(f.intervals[0].lo, [26.593383, 26.406514, 26.516518]);
    check(f.intervals[1].hi, [37.458298, 42.521785, 47.131243]);
  });

  it('seasonalNaive.fit(y, { seasonLength: 4 }).forecast(5, [80, 95]) equals R snaive()', () => {
    const f = seasonalNaive.fit(y, { seasonLength: 4 }).forecast(5, [80, 95]);
    check(f.mean, [24, 26, 23, 29, 24]);
    check(f.intervals[0].lo, [14.004445, 16.004445, 13.004445, 19.004445, 9.864151]);
    check(f.intervals[1].hi, [39.286881, 41.286881, 38.286881, 44.286881, 45.618915]);
  });

  it('historicMean.fit(y).forecast(1, [80]) is mean ± t(9)·s·√(1 + 1/T), as R meanf (Student t with T − 1 degrees of freedom)', () => {
    const f = historicMean.fit(y).forecast(1, [80]);
    expect(f.mean[0]).toBeCloseTo(20.1, 12);
    const s = Math.sqrt(y.reduce((sum, v) => sum + (v - 20.1) ** 2, 0) / 9);
    // R: qt(0.9, 9) = 1.383028738396632
    expect(f.intervals[0].lo[0]).toBeCloseTo(20.1 - 1.383028738396632 * s * Math.sqrt(1.1), 6);
  });

  it('seasonalNaive.fit(y) on fewer points than a season falls back to naive and says so', () => {
    const fitted = seasonalNaive.fit(Float64Array.of(1, 2, 3), { seasonLength: 52 });
    expect(fitted.fallback).toMatch(/snaive: 3 points < one season of 52, used naive/);
    expect([...fitted.forecast(2).mean]).toEqual([3, 3]);
  });
});
