/**
 * The one quantile and interval kernel (kernels/intervals.ts): the normal quantile every bound
 * uses, and the truncated normal that keeps a never-negative series' bounds at or above zero with
 * the coverage they claim.
 */
import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../../src/index.js';
import { nonNegativeForecast, normalBands, pnorm, qnorm, truncatedQuantile } from '../../../src/forecast/kernels/intervals.js';

/** P(lo ≤ Y ≤ hi | Y ≥ 0) for Y ~ N(mu, sd²). */
function truncatedMass(mu: number, sd: number, lo: number, hi: number): number {
  return (pnorm((hi - mu) / sd) - pnorm((lo - mu) / sd)) / pnorm(mu / sd);
}

describe('kernels/intervals.ts', () => {
  it('normalQuantile, the exported name, is qnorm: normalQuantile(0.975) is the value its example shows (R: 1.959963984540054)', () => {
    expect(normalQuantile).toBe(qnorm);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.9)).toBeCloseTo(1.281551565544601, 14);
  });

  it('pnorm inverts qnorm to 1e-7, in the tails too', () => {
    for (const p of [1e-12, 1e-6, 0.025, 0.1, 0.5, 0.9, 0.975]) expect(Math.abs(pnorm(qnorm(p)) - p) / p).toBeLessThan(2e-7);
  });

  it('truncatedQuantile(mu, sd, p) is the p quantile of N(mu, sd²) given Y ≥ 0: a half-normal at mu = 0', () => {
    expect(truncatedQuantile(0, 1, 0.5)).toBeCloseTo(qnorm(0.75), 6);
    expect(truncatedQuantile(0, 2, 0.95)).toBeCloseTo(2 * qnorm(0.975), 6);
  });

  it.each([[5, 10], [0, 3], [-4, 2], [-60, 1], [1e-200, 1e-199]])('normalBands(N(%d, %d²), [80, 95], nonNegative) are ≥ 0 and hold 80 % and 95 % of the truncated distribution', (mu, sd) => {
    const [i80, i95] = normalBands(Float64Array.of(mu), Float64Array.of(sd), [80, 95], true);
    for (const [interval, level] of [[i80, 0.8], [i95, 0.95]] as const) {
      expect(interval.lo[0]).toBeGreaterThanOrEqual(0);
      expect(interval.hi[0]).toBeGreaterThan(interval.lo[0]);
      if (mu > -30) expect(truncatedMass(mu, sd, interval.lo[0], interval.hi[0])).toBeCloseTo(level, 5);
    }
    expect(i95.lo[0]).toBeLessThanOrEqual(i80.lo[0]);
    expect(i95.hi[0]).toBeGreaterThanOrEqual(i80.hi[0]);
  });

  it('N(0, 1) given Y ≥ 0 has the 80 % interval [Φ⁻¹(0.55), Φ⁻¹(0.95)], not the clamp [0, Φ⁻¹(0.9)] of the normal\'s', () => {
    const [interval] = normalBands(Float64Array.of(0), Float64Array.of(1), [80], true);
    expect(interval.lo[0]).toBeCloseTo(qnorm(0.55), 6);
    expect(interval.hi[0]).toBeCloseTo(qnorm(0.95), 6);
  });

  it('a clamp leaves the coverage wrong: N(−1, 2²) clamped at 0 holds 68 % of the truncated distribution for 80 %, the truncated bounds 80 %', () => {
    const clamp = { lo: 0, hi: -1 + 2 * qnorm(0.9) };
    expect(truncatedMass(-1, 2, clamp.lo, clamp.hi)).toBeLessThan(0.7);
    const [interval] = normalBands(Float64Array.of(-1), Float64Array.of(2), [80], true);
    expect(truncatedMass(-1, 2, interval.lo[0], interval.hi[0])).toBeCloseTo(0.8, 6);
  });

  it('far from zero the truncation changes nothing: normalBands(N(100, 1)) with and without nonNegative are equal', () => {
    const plain = normalBands(Float64Array.of(100), Float64Array.of(1), [80, 95]);
    const kept = normalBands(Float64Array.of(100), Float64Array.of(1), [80, 95], true);
    expect(kept).toEqual(plain);
  });

  it('nonNegativeForecast floors a negative mean at 0 and truncates every level of a step where one reaches below zero', () => {
    const forecast = nonNegativeForecast({
      mean: Float64Array.of(-1, 50),
      intervals: normalBands(Float64Array.of(-1, 50), Float64Array.of(2, 2), [80, 95]),
    });
    expect([...forecast.mean]).toEqual([0, 50]);
    const [i80, i95] = forecast.intervals;
    // the truncated lower bound (0.18) lies above the floored mean 0: bounds stay ordered around the mean
    expect(truncatedQuantile(-1, 2, 0.1)).toBeGreaterThan(0);
    expect(i80.lo[0]).toBe(0);
    expect(i80.hi[0]).toBeCloseTo(truncatedQuantile(-1, 2, 0.9), 9);
    expect(i95.hi[0]).toBeCloseTo(truncatedQuantile(-1, 2, 0.975), 9);
    expect(i80.lo[1]).toBeCloseTo(50 - 2 * qnorm(0.9), 9);
  });
});
