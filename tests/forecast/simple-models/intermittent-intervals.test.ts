/**
 * Croston, SBA and TSB read their intervals from their in-sample errors (censored at zero on a
 * never-negative series), not from a normal band: a demand of mostly zeros with rare spikes of
 * 1,000 forecast at ~84 gets [0, …] bounds that the data support, not 84 ± 1,000.
 */
import { describe, expect, it } from 'vitest';
import { croston, getModel, sba, tsb, type ForecastModel } from '../../../src/index.js';

// a spike of 1,000 every 12 weeks, nothing in between: Croston forecasts about 1000 / 12 ≈ 84
const spikes = Float64Array.from({ length: 96 }, (_, t) => (t % 12 === 11 ? 1000 : 0));

describe.each([['croston', croston], ['sba', sba], ['tsb', tsb]] as Array<[string, ForecastModel]>)('%s intervals from its errors', (name, model) => {
  it(`${name}.fit(spikes).forecast(4, [80, 95]): no bound below zero, the 95 % bound not above the forecast plus the largest error (at most the largest demand), the same at every step`, () => {
    const f = model.fit(spikes).forecast(4, [80, 95]);
    for (const interval of f.intervals) {
      for (let i = 0; i < 4; i++) {
        expect(interval.lo[i]).toBeGreaterThanOrEqual(0);
        expect(interval.lo[i]).toBeLessThanOrEqual(f.mean[i]);
        expect(interval.hi[i]).toBeGreaterThanOrEqual(f.mean[i]);
        expect(interval.hi[i]).toBeLessThanOrEqual(f.mean[i] + 1000);
        expect(interval.hi[i]).toBe(interval.hi[0]);
      }
    }
    if (name === 'tsb') return; // TSB's errors shrink between demands (its probability decays), so its lower bound need not reach 0
    // 11 weeks in 12 are zeros: the 80 % interval starts at 0 and holds them, not a band around the mean
    expect(f.intervals[0].lo[0]).toBe(0);
    const inside = [...spikes].filter((v) => v >= f.intervals[0].lo[0] && v <= f.intervals[0].hi[0]).length / spikes.length;
    expect(inside).toBeGreaterThanOrEqual(0.8);
  });

  it(`${name}.fit(y with fewer than 3 errors) keeps its mean, takes naive's width and says why`, () => {
    const fit = model.fit(Float64Array.of(0, 4, 0));
    const f = fit.forecast(2, [80]);
    expect(f.intervals[0].hi[0]).toBeGreaterThan(f.mean[0]);
    expect(fit.fallback).toMatch(new RegExp(`^${name}: [0-2] in-sample errors?, fewer than the 3 an interval is read from, naive's interval around the forecast$`));
  });

  it(`the guarded ${name} (the registry's) gives the same sample interval: the engine no longer replaces it by a normal band`, () => {
    const guarded = getModel(name);
    expect(guarded.empiricalIntervals).toBeUndefined();
    expect([...guarded.fit(spikes).forecast(4, [95]).intervals[0].hi]).toEqual([...model.fit(spikes).forecast(4, [95]).intervals[0].hi]);
  });
});
