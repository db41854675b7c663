/**
 * The guard hands out arrays of its own: a model that returns the same arrays at every forecast
 * (a memo) never sees them changed by the guard nor by a caller writing into a forecast, whether
 * the series has been negative or not (the never-negative path scales and orders the guard's own
 * copies in place, the other path copies).
 */
import { describe, expect, it } from 'vitest';
import { guarded } from '../../src/forecast/kernels/model-support.js';
import type { ForecastModel } from '../../src/index.js';

function memoModel(): { model: ForecastModel; memo: { mean: Float64Array; lo: Float64Array; hi: Float64Array } } {
  const memo = { mean: Float64Array.of(5, -1, 7), lo: Float64Array.of(6, -3, 1), hi: Float64Array.of(4, 2, 9) };
  const model: ForecastModel = {
    name: 'memo',
    fit(y) {
      return { alias: 'Memo', fitted: new Float64Array(y.length), residuals: new Float64Array(y.length), forecast: () => ({ mean: memo.mean, intervals: [{ level: 80, lo: memo.lo, hi: memo.hi }] }) };
    },
  };
  return { model, memo };
}

describe('the guard and the arrays of a forecast', () => {
  for (const [label, y] of [['never negative', Float64Array.of(1, 4, 2, 6, 3)], ['once negative', Float64Array.of(1, -4, 2, 6, 3)]] as const) {
    it(`${label}: the model's arrays stay as they were, and a caller's writes reach no later forecast`, () => {
      const { model, memo } = memoModel();
      const fitted = guarded(model).fit(y);
      const first = fitted.forecast(3, [80]);
      const kept = [...first.mean, ...first.intervals[0].lo, ...first.intervals[0].hi];
      expect([...memo.mean, ...memo.lo, ...memo.hi]).toEqual([5, -1, 7, 6, -3, 1, 4, 2, 9]);
      expect(first.mean).not.toBe(memo.mean);
      expect(first.intervals[0].lo).not.toBe(memo.lo);
      first.mean.fill(100);
      first.intervals[0].lo.fill(100);
      first.intervals[0].hi.fill(100);
      const second = fitted.forecast(3, [80]);
      expect([...second.mean, ...second.intervals[0].lo, ...second.intervals[0].hi]).toEqual(kept);
      for (let i = 0; i < 3; i++) expect(second.intervals[0].lo[i] <= second.mean[i] && second.mean[i] <= second.intervals[0].hi[i]).toBe(true);
      if (label === 'never negative') expect(Math.min(...second.mean, ...second.intervals[0].lo)).toBeGreaterThanOrEqual(0);
    });
  }

  it('the raw naive, seasonal naive and drift read their series at the fit unless told inPlace: a caller reusing its array changes no interval', async () => {
    const { naive, seasonalNaive, drift } = await import('../../src/index.js');
    for (const [model, options] of [[naive, {}], [seasonalNaive, { seasonLength: 4 }], [drift, {}]] as const) {
      const y = Float64Array.of(5, 6, 7, 6, 5, 6, 7, 8, 7, 6, 7, 8);
      const kept = model.fit(y.slice(), options).forecast(2, [80]).intervals[0];
      const width = [kept.hi[0] - kept.lo[0], kept.hi[1] - kept.lo[1]];
      const fit = model.fit(y, options);
      y.fill(0);
      y[3] = 100;
      const after = fit.forecast(2, [80]).intervals[0];
      // (seasonal naive and drift read their mean from the series at the forecast, as before: the width, σ̂'s, is what must hold)
      expect(after.hi[0] - after.lo[0], model.name).toBeCloseTo(width[0], 9);
      expect(after.hi[1] - after.lo[1], model.name).toBeCloseTo(width[1], 9);
    }
  });
});
