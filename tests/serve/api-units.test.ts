import { describe, expect, it } from 'vitest';
import { parseFilters, PERIOD_PRESETS, resolvePeriod, ResultCache } from '../../src/index.js';

describe('resolvePeriod(preset, lastDate)', () => {
  // expected ranges counted by hand on a calendar
  it.each([
    ['last_4_weeks', '2025-12-31', '2025-12-04', '2025-12-31'],
    ['last_13_weeks', '2025-12-31', '2025-10-02', '2025-12-31'],
    ['month_to_date', '2025-12-31', '2025-12-01', '2025-12-31'],
    ['quarter_to_date', '2025-11-15', '2025-10-01', '2025-11-15'],
    ['quarter_to_date', '2025-03-31', '2025-01-01', '2025-03-31'],
    ['year_to_date', '2025-06-30', '2025-01-01', '2025-06-30'],
    ['last_year', '2025-11-15', '2024-01-01', '2024-12-31'],
    ['last_4_weeks', '2024-03-01', '2024-02-03', '2024-03-01'], // across a leap February
  ] as const)('%s ending %s is %s to %s', (preset, last, from, to) => {
    expect(resolvePeriod(preset, last)).toEqual({ from, to });
  });

  it('gives 28 and 91 days for the week presets, and refuses an unknown preset or a bad date in one line', () => {
    const days = (r: { from: string; to: string }) => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 + 1;
    expect(days(resolvePeriod('last_4_weeks', '2025-07-15'))).toBe(28);
    expect(days(resolvePeriod('last_13_weeks', '2025-07-15'))).toBe(91);
    expect(PERIOD_PRESETS).toHaveLength(6);
    expect(() => resolvePeriod('last_week' as never, '2025-07-15')).toThrow('period: got "last_week", allowed: last_4_weeks, last_13_weeks, month_to_date, quarter_to_date, year_to_date, last_year');
    expect(() => resolvePeriod('last_year', '2025-7-15')).toThrow('lastDate: got "2025-7-15", allowed: a date YYYY-MM-DD');
  });
});

describe('parseFilters(items, option)', () => {
  it('reads dimension=value, a|b for several values, and keeps both values of a dimension given twice', () => {
    expect(parseFilters(['region=Nord|Sud', 'category=Bakery', 'region=Est'])).toEqual({ region: ['Nord', 'Sud', 'Est'], category: ['Bakery'] });
    expect(parseFilters(['note=a=b'])).toEqual({ note: ['a=b'] });
    expect(() => parseFilters(['region'], 'filter')).toThrow('filter: got "region", allowed: dimension=value (a|b for several values)');
    expect(() => parseFilters(['=Nord'])).toThrow('--filter: got "=Nord"');
  });
});

describe('ResultCache', () => {
  it('computes once, then serves from memory, counting hits and misses', async () => {
    const cache = new ResultCache();
    let runs = 0;
    const fn = () => Promise.resolve(++runs);
    expect(await cache.get('a', fn)).toBe(1);
    expect(await cache.get('a', fn)).toBe(1);
    expect(runs).toBe(1);
    expect(cache.stats).toMatchObject({ hits: 1, misses: 1 });
  });

  it('shares one computation between concurrent callers of a key', async () => {
    const cache = new ResultCache();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fn = async () => {
      runs++;
      await gate;
      return 'v';
    };
    const waiting = [cache.get('k', fn), cache.get('k', fn), cache.get('k', fn)];
    release();
    expect(await Promise.all(waiting)).toEqual(['v', 'v', 'v']);
    expect(runs).toBe(1);
    expect(cache.stats).toMatchObject({ misses: 1, shared: 2 });
  });

  it('keeps no failed computation', async () => {
    const cache = new ResultCache();
    await expect(cache.get('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('k', () => Promise.resolve(2))).toBe(2);
    expect(cache.size.entries).toBe(1);
  });

  it('is bounded by entries and by bytes, dropping the least recently used first', async () => {
    const byEntries = new ResultCache({ maxEntries: 2 });
    await byEntries.get('a', () => Promise.resolve(1));
    await byEntries.get('b', () => Promise.resolve(2));
    await byEntries.get('a', () => Promise.resolve(0)); // a is now the most recently used
    await byEntries.get('c', () => Promise.resolve(3)); // b goes
    expect(byEntries.size.entries).toBe(2);
    expect(await byEntries.get('a', () => Promise.resolve(-1))).toBe(1);
    expect(await byEntries.get('b', () => Promise.resolve(-2))).toBe(-2); // recomputed
    expect(byEntries.stats.evictions).toBe(2);

    const byBytes = new ResultCache({ maxBytes: 1000 });
    const big = 'x'.repeat(300); // 300 characters: about 604 bytes as JSON in UTF-16
    await byBytes.get('a', () => Promise.resolve(big));
    await byBytes.get('b', () => Promise.resolve(big));
    expect(byBytes.size.entries).toBe(1);
    expect(byBytes.size.bytes).toBeLessThanOrEqual(1000);
    await byBytes.get('huge', () => Promise.resolve('y'.repeat(2000))); // larger than the cache: served, not kept
    expect(byBytes.size.bytes).toBeLessThanOrEqual(1000);
    expect(await byBytes.get('huge', () => Promise.resolve('again'))).toBe('again');
  });
});
