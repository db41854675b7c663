import { describe, expect, it } from 'vitest';
import { croston, movingAverage, npts, sba, tsb } from '../../../src/index.js';

describe('moving average, intermittent demand and NPTS', () => {
  it('movingAverage(2).fit(y).forecast(1) averages the last 2 values', () => {
    expect([...movingAverage(2).fit(Float64Array.of(1, 2, 3)).forecast(1).mean]).toEqual([2.5]);
  });

  it('croston.fit(y) forecasts size/interval: regular demand of 2 every other period gives 1 per period', () => {
    expect(croston.fit(Float64Array.of(0, 2, 0, 2, 0, 2, 0, 2)).forecast(2).mean[0]).toBeCloseTo(1, 9);
  });

  it('sba.fit(y) is below croston by the factor 1 − α/2 (Syntetos–Boylan)', () => {
    const y = Float64Array.of(0, 3, 0, 0, 5, 0, 2, 0, 0, 4, 0, 1);
    const c = croston.fit(y).forecast(1).mean[0];
    const s = sba.fit(y).forecast(1).mean[0];
    expect(s).toBeLessThan(c);
    expect(s / c).toBeGreaterThanOrEqual(0.85);
  });

  it('tsb.fit(y) decays towards zero after demand stops (obsolescence)', () => {
    const active = tsb.fit(Float64Array.of(4, 4, 4, 4, 4, 4, 4, 4)).forecast(1).mean[0];
    const stopped = tsb.fit(Float64Array.of(4, 4, 4, 4, 4, 4, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0)).forecast(1).mean[0];
    expect(active).toBeCloseTo(4, 9);
    expect(stopped).toBeLessThan(2);
  });

  it('croston.fit(zeros) forecasts 0', () => {
    expect([...croston.fit(new Float64Array(6)).forecast(2).mean]).toEqual([0, 0]);
  });

  it('npts().fit(y).forecast(h, levels) is reproducible with a seed and draws only past values', () => {
    const y = Float64Array.of(1, 5, 2, 8, 3, 9, 4);
    const a = npts({ seed: 7 }).fit(y).forecast(4, [80]);
    const b = npts({ seed: 7 }).fit(y).forecast(4, [80]);
    expect([...a.mean]).toEqual([...b.mean]);
    expect(a.mean.every((v) => v >= 1 && v <= 9)).toBe(true);
  });

  it('npts({ seasonal: true }).fit(y, { seasonLength: 2 }) draws only from the same season', () => {
    const y = Float64Array.of(1, 100, 1, 100, 1, 100);
    const f = npts({ seasonal: true }).fit(y, { seasonLength: 2 }).forecast(4, [95]);
    expect([...f.mean]).toEqual([1, 100, 1, 100]);
  });

  it('npts({ lambda: 0 }) samples uniformly: its mean approaches the historic mean', () => {
    const y = Float64Array.of(0, 10, 0, 10, 0, 10, 0, 10);
    expect(npts({ lambda: 0, paths: 4000 }).fit(y).forecast(1).mean[0]).toBeCloseTo(5, 0);
  });
});
