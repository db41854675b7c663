/**
 * Intervals of zero width where the data do not justify them: each case gave lo = hi before.
 */
import { describe, expect, it } from 'vitest';
import pl from 'nodejs-polars';
import { evaluateSeries, FitCache, forecast, getModel } from '../../src/index.js';

/** 80 weeks of store sales with a yearly pattern and noise: one past value per week of the year for the last 28 weeks. */
const sales = Float64Array.from({ length: 80 }, (_, t) => Math.round(1000 + 200 * Math.sin((2 * Math.PI * t) / 52) + ((t * 7919) % 97)));

describe('intervals built from enough samples', () => {
  it('snpts with one past value per week of the year falls back to npts, saying so, and its 80 % interval has width', () => {
    const fitted = getModel('snpts').fit(sales, { seasonLength: 52 });
    expect(fitted.fallback).toBe('snpts: 80 points, 1 season of 52: fewer than the 3 past values per season an interval is drawn from, used npts');
    const [i80] = fitted.forecast(4, [80]).intervals;
    for (let j = 0; j < 4; j++) expect(i80.hi[j] - i80.lo[j]).toBeGreaterThan(10);
  });

  it('snpts with 3 seasons of history stays seasonal', () => {
    const long = Float64Array.from({ length: 160 }, (_, t) => 1000 + 200 * Math.sin((2 * Math.PI * t) / 52) + ((t * 7919) % 97));
    const fitted = getModel('snpts').fit(long, { seasonLength: 52 });
    expect(fitted.alias).toBe('SeasonalNPTS(52)');
    expect(fitted.fallback).toBeUndefined();
  });

  it('npts on 2 points falls back to naive, whose interval has width', () => {
    const fitted = getModel('npts').fit(Float64Array.of(3, 7));
    expect(fitted.fallback).toBe('npts: 2 points, fewer than the 3 past values an interval is drawn from, used naive');
    const [i80] = fitted.forecast(1, [80]).intervals;
    expect(i80.hi[0] - i80.lo[0]).toBeGreaterThan(0);
  });

  it('forecast() reports the snpts fallback of each weekly series in fallbacks, and no bound of best equals its mean', async () => {
    const ds = Array.from({ length: 80 }, (_, t) => new Date(Date.UTC(2023, 0, 2) + t * 7 * 86_400_000).toISOString().slice(0, 10));
    const df = pl.DataFrame({ unique_id: Array<string>(80).fill('store-1'), ds, y: Array.from(sales) });
    const result = await forecast(df, { h: 4, models: ['snpts'], select: 'single' });
    expect(result.fallbacks).toEqual([{ unique_id: 'store-1', model: 'snpts', reason: expect.stringMatching(/^snpts: 80 points, 1 season of 52: fewer than the 3/) as unknown }]);
    const lo = result.best.getColumn('lo-80').toArray() as number[];
    const hi = result.best.getColumn('hi-80').toArray() as number[];
    lo.forEach((l, j) => expect(hi[j]).toBeGreaterThan(l));
  });

  it('drift on an exact line keeps its forecast and takes naive\'s width, saying why', () => {
    const line = Float64Array.from({ length: 40 }, (_, t) => 100 + t);
    const fitted = getModel('drift').fit(line);
    const f = fitted.forecast(2, [80]);
    expect(Array.from(f.mean)).toEqual([140, 141]); // the line continued, by hand
    // naive's σ̂ is the RMS of the first differences, all 1: 140 ± z80·1, 141 ± z80·√2 (z80 = 1.2816)
    expect(f.intervals[0].hi[0] - 140).toBeCloseTo(1.2816, 3);
    expect(f.intervals[0].hi[1] - 141).toBeCloseTo(1.2816 * Math.SQRT2, 3);
    expect(fitted.fallback).toBe("drift: 80 % interval of zero width at step 1 on a non-constant series, naive's width around its forecast");
  });

  it('a constant series keeps its zero-width interval: there the data say so', () => {
    const f = getModel('naive').fit(Float64Array.of(5, 5, 5, 5)).forecast(2, [80]);
    expect(Array.from(f.intervals[0].lo)).toEqual([5, 5]);
    expect(Array.from(f.intervals[0].hi)).toEqual([5, 5]);
  });

  it('empirical intervals from fewer than 3 backtest windows give way to the model\'s own, and the fallback says why', () => {
    const y = Float64Array.from({ length: 30 }, (_, t) => (t % 3 === 0 ? 0 : 4 + (t % 5)));
    // ma has no closed-form interval (croston, sba and tsb read theirs from their errors: intermittent.test.ts)
    const config = { h: 2, models: ['ma', 'naive'], levels: [80], metric: 'wape' as const, windows: 2, step: 2, seasonLength: 1, maseSeason: 1, ensemble: { k: 2, combine: 'mean' as const } };
    const outcome = evaluateSeries('s', y, config, getModel, new FitCache());
    const ma = outcome.outcomes.find((o) => o.model === 'ma')!;
    expect(ma.intervals).toBe('model');
    expect(ma.fallback).toBe("ma: 2 backtest windows, fewer than the 3 an empirical interval needs, the model's own interval");
    const ensemble = outcome.outcomes.find((o) => o.model === 'ensemble')!;
    expect(ensemble.intervals).toBe('model');
    expect(ensemble.fallback).toBe("ensemble: 2 backtest windows, fewer than the 3 an empirical interval needs, the mean of its members' bounds");
    expect(evaluateSeries('s', y, { ...config, windows: 3 }, getModel, new FitCache()).outcomes.find((o) => o.model === 'ma')!.intervals).toBe('empirical');
  });
});
