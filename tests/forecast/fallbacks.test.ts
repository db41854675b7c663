import { describe, expect, it } from 'vitest';
import { fallbackLines, groupFallbacks } from '../../src/index.js';

const hw = "holt_winters: season length 52 above 24 (as R's ets), used Holt";

describe('fallbackLines(fallbacks)', () => {
  it('groupFallbacks(fallbacks) counts each part of a compound reason (a; b) under its own reason, each series once', () => {
    const groups = groupFallbacks([
      { unique_id: 'a', model: 'holt_winters', reason: `${hw}; holt_winters: 5 points, too few` },
      { unique_id: 'b', model: 'holt_winters', reason: hw },
      { unique_id: 'b', model: 'holt_winters', reason: hw },
    ]);
    expect(groups).toEqual([
      { reason: hw, series: ['a', 'b'] },
      { reason: 'holt_winters: 5 points, too few', series: ['a'] },
    ]);
  });

  it('fallbackLines(45 series with one reason) is one line with the count and the first 3 ids', () => {
    const fallbacks = Array.from({ length: 45 }, (_, i) => ({ unique_id: `store-${i + 1}`, model: 'holt_winters', reason: hw }));
    expect(fallbackLines(fallbacks)).toEqual([`${hw} (45 series: store-1, store-2, store-3, …)`]);
  });

  it('fallbackLines clips a 10 MB id to 40 characters and says how long it was', () => {
    const [line] = fallbackLines([{ unique_id: 'x'.repeat(10_000_000), model: 'snaive', reason: 'snaive: 5 points < one season of 52, used naive' }]);
    expect(line).toBe(`${'x'.repeat(40)}… (10000000 characters): snaive: 5 points < one season of 52, used naive`);
  });
});
