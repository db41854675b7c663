import { describe, expect, it } from 'vitest';
import pl from 'nodejs-polars';
import { crossValidation, defaultModels, defaultSelection, forecast, OptionError, resolveOptions } from '../../src/index.js';

function weeklyFrame(): pl.DataFrame {
  const ids: string[] = [];
  const ds: string[] = [];
  const y: number[] = [];
  const start = Date.UTC(2023, 0, 2); // a Monday
  for (let i = 0; i < 60; i++) {
    const day = new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10);
    ids.push('trend', 'zeros', 'short');
    ds.push(day, day, day);
    y.push(100 + 2 * i, i % 4 === 0 ? 0 : 8, 5);
  }
  // 'short' keeps only its last 2 weeks
  const keep = ids.map((id, i) => id !== 'short' || i >= ids.length - 6);
  return pl.DataFrame({ unique_id: ids.filter((_, i) => keep[i]), ds: ds.filter((_, i) => keep[i]), y: y.filter((_, i) => keep[i]) });
}

describe('forecast(df, options)', () => {
  it('defaults to the models and selection chosen on M4 validation windows (bench/m4-validate.ts): 9 models, MASE, 4 windows, no refits', () => {
    const resolved = resolveOptions({});
    expect([...resolved.models].sort()).toEqual(['croston', 'damped', 'drift', 'naive', 'npts', 'ses', 'snaive', 'theta', 'tsb']);
    expect(resolved.models).toEqual(defaultModels);
    expect([resolved.metric, resolved.windows, resolved.refit]).toEqual(['mase', 4, false]);
    expect(defaultSelection).toEqual({ metric: 'mase', windows: 4, refit: false });
    expect(resolved.candidates).toBeUndefined(); // every fitted model is a candidate
    // a calendar adds the holiday-adjusted models to them
    expect(resolveOptions({ holidays: 'FR' }).models).toEqual([...defaultModels, 'ets_hol', 'theta_hol', 'snaive_hol', 'holt_winters_hol', 'ses_hol']);
  });

  it('resolveOptions(options) validates every option before any fitting, naming the option and the allowed values', () => {
    expect(() => resolveOptions({ h: 0 })).toThrow(/^h: got 0, allowed: an integer from 1 to 731$/);
    expect(() => resolveOptions({ metric: 'mae' as never })).toThrow(/metric: got "mae", allowed: mape, smape, mase, rmse, wape, bias/);
    expect(() => resolveOptions({ models: ['naive', 'prophet'] })).toThrow(/models: got "prophet", allowed: naive, snaive/);
    expect(() => resolveOptions({ models: ['naive', 'naive'] })).toThrow(/models: got "naive", allowed: each model once/);
    expect(() => resolveOptions({ candidates: ['ets'], models: ['naive', 'drift'] })).toThrow(/candidates: got "ets", allowed: naive, drift/);
    expect(() => resolveOptions({ levels: [80, 100] })).toThrow(OptionError);
    expect(() => resolveOptions({ select: 'worst' as never })).toThrow(/select: got "worst", allowed: best, single, ensemble/);
    expect(() => resolveOptions({ ensemble: { combine: 'mode' as never } })).toThrow(/ensemble.combine/);
    expect(() => resolveOptions({ parallel: -1 })).toThrow(/parallel/);
    expect(() => resolveOptions({ levels: [80, 95, 80] })).toThrow(/^levels: got 80, allowed: each level once$/);
    expect(() => resolveOptions({ asOf: 'notadate' })).toThrow(/^asOf: got "notadate", allowed: a calendar date YYYY-MM-DD$/);
    expect(() => resolveOptions({ asOf: '2024-99-99' })).toThrow(/^asOf: got "2024-99-99" \(there is no month 99\), allowed: a calendar date YYYY-MM-DD$/);
  });

  it('resolveOptions({ levels: [0.8, 0.95] }) reads fractions as percentages, as R does; a mix of both is taken as written', () => {
    expect(resolveOptions({ levels: [0.8, 0.95] }).levels).toEqual([80, 95]);
    expect(resolveOptions({ levels: [0.3] }).levels).toEqual([30]);
    expect(resolveOptions({ levels: [0.5, 90] }).levels).toEqual([0.5, 90]);
  });

  it('forecast(df) rejects a bad option before reading the data', async () => {
    await expect(forecast(pl.DataFrame({ nothing: [1] }), { windows: 0 })).rejects.toThrow(/windows: got 0/);
  });

  it('forecast(df, { h: 4 }) gives one long DataFrame per model with mean and 80/95 bounds, and the selected rows in best', async () => {
    const result = await forecast(weeklyFrame(), { h: 4, models: ['naive', 'drift', 'mean', 'croston'], parallel: false });
    expect(result.best.columns).toEqual(['unique_id', 'ds', 'model', 'mean', 'lo-80', 'hi-80', 'lo-95', 'hi-95']);
    expect(result.best.height).toBe(3 * 4);
    // 4 models + the ensemble on 2 series, 4 models on 'short' (no backtest, no ensemble), 4 steps
    expect(result.forecasts.height).toBe((5 + 5 + 4) * 4);
    const trend = result.best.filter(pl.col('unique_id').eq(pl.lit('trend')));
    expect(trend.getColumn('model').toArray()[0]).toBe('drift');
    // the linear trend 100 + 2i continues: week 60 → 220 (hand computation)
    expect(trend.getColumn('mean').toArray()[0]).toBeCloseTo(220, 9);
    expect(trend.getColumn('ds').toArray()).toEqual(['2024-02-26', '2024-03-04', '2024-03-11', '2024-03-18']);
  });

  it('forecast(df) of a table with a daily and a monthly series forecasts each at its own period and season length', async () => {
    const ids: string[] = [];
    const ds: string[] = [];
    const y: number[] = [];
    for (let i = 0; i < 56; i++) {
      ids.push('daily');
      ds.push(new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10));
      y.push(10 + (i % 7));
    }
    for (let i = 0; i < 36; i++) {
      ids.push('monthly');
      ds.push(new Date(Date.UTC(2021, i, 1)).toISOString().slice(0, 10));
      y.push(100 + (i % 12));
    }
    const { leaderboard, best } = await forecast(pl.DataFrame({ unique_id: ids, ds, y }), { h: 2, models: ['snaive'], windows: 1, parallel: false });
    const aliasOf = (id: string) => leaderboard.filter(pl.col('unique_id').eq(pl.lit(id))).getColumn('alias').toArray()[0];
    expect(aliasOf('daily')).toBe('SNaive(7)');
    expect(aliasOf('monthly')).toBe('SNaive(12)');
    const datesOf = (id: string) => best.filter(pl.col('unique_id').eq(pl.lit(id))).getColumn('ds').toArray();
    expect(datesOf('daily')).toEqual(['2024-02-26', '2024-02-27']);
    expect(datesOf('monthly')).toEqual(['2024-01-01', '2024-02-01']);
    // one season back: day 56 is a Monday like day 49 (value 10), January like the last January (100)
    expect(best.filter(pl.col('unique_id').eq(pl.lit('monthly'))).getColumn('mean').toArray()).toEqual([100, 101]);
    expect(best.filter(pl.col('unique_id').eq(pl.lit('daily'))).getColumn('mean').toArray()).toEqual([10, 11]);
  });

  it('forecast(df) says per series where MAPE is undefined (zero actuals) and selects by WAPE there', async () => {
    const { selected, leaderboard } = await forecast(weeklyFrame(), { h: 4, models: ['naive', 'croston', 'tsb'], metric: 'mape', parallel: false });
    const zeros = selected.filter(pl.col('unique_id').eq(pl.lit('zeros'))).toRecords()[0];
    expect(zeros.metric).toBe('wape');
    expect(String(zeros.note)).toMatch(/mape undefined on this series \(zero actuals\), selected by wape/);
    const mapes = leaderboard.filter(pl.col('unique_id').eq(pl.lit('zeros'))).getColumn('mape').toArray();
    expect(mapes.every((v) => v === null)).toBe(true);
  });

  it('forecast(df) on a 2-point series still forecasts, without backtest, and says so', async () => {
    const { selected, best } = await forecast(weeklyFrame(), { h: 4, models: ['naive', 'drift'], parallel: false });
    const short = selected.filter(pl.col('unique_id').eq(pl.lit('short'))).toRecords()[0];
    expect(String(short.note)).toMatch(/too short for a backtest/);
    const means = best.filter(pl.col('unique_id').eq(pl.lit('short'))).getColumn('mean').toArray();
    expect(means).toEqual([5, 5, 5, 5]);
  });

  it('forecast(series, { select: "ensemble" }) returns the mean of the best 2 by backtest', async () => {
    const { best, outcomes } = await forecast(weeklyFrame(), { h: 4, models: ['naive', 'drift', 'mean'], select: 'ensemble', parallel: false });
    const trend = outcomes.find((o) => o.id === 'trend')!;
    const ensemble = trend.outcomes.find((o) => o.model === 'ensemble')!;
    expect(ensemble.members).toEqual(['drift', 'naive']);
    const naive = trend.outcomes.find((o) => o.model === 'naive')!;
    const drift = trend.outcomes.find((o) => o.model === 'drift')!;
    expect(ensemble.mean[0]).toBeCloseTo((naive.mean[0] + drift.mean[0]) / 2, 9);
    expect(best.filter(pl.col('unique_id').eq(pl.lit('trend'))).getColumn('model').toArray()[0]).toBe('ensemble');
  });

  it('forecast(df) gives empirical intervals from backtest errors to models without a closed form', async () => {
    const { outcomes } = await forecast(weeklyFrame(), { h: 4, models: ['naive', 'ma'], parallel: false });
    const trend = outcomes.find((o) => o.id === 'trend')!;
    expect(trend.outcomes.find((o) => o.model === 'naive')!.intervals).toBe('closed-form');
    const ma = trend.outcomes.find((o) => o.model === 'ma')!;
    expect(ma.intervals).toBe('empirical');
    // widths grow with the step: later backtest errors of a lagging average are larger
    expect(ma.hi[0][3] - ma.lo[0][3]).toBeGreaterThan(ma.hi[0][0] - ma.lo[0][0]);
  });

  it('forecast(df) records fallbacks: an all-missing series gets naive and the reason', async () => {
    const df = pl.DataFrame({ unique_id: ['x', 'x', 'x'], ds: ['2024-01-01', '2024-01-08', '2024-01-15'], y: pl.Series('y', [null, null, null], pl.Float64) });
    const { fallbacks, best } = await forecast(df, { h: 2, models: ['drift'], parallel: false });
    expect(fallbacks[0]).toMatchObject({ unique_id: 'x', model: 'drift' });
    expect(fallbacks[0].reason).toMatch(/no finite value/);
    expect(best.getColumn('mean').toArray()).toEqual([0, 0]);
  });

  it('forecast(df) scores backtest intervals: coverage-80/95 in % and msis per level in the leaderboard', async () => {
    const { leaderboard } = await forecast(weeklyFrame(), { h: 4, models: ['naive', 'drift'], parallel: false });
    expect(leaderboard.columns).toEqual(expect.arrayContaining(['coverage-80', 'msis-80', 'coverage-95', 'msis-95', 'intervals']));
    const trend = leaderboard.filter(pl.col('unique_id').eq(pl.lit('trend'))).toRecords();
    const drift = trend.find((r) => r.model === 'drift')!;
    // drift continues the exact line 100 + 2i, so every backtest actual lies inside its intervals
    expect(drift['coverage-95']).toBe(100);
    // naive lags a rising line: the actuals climb above its flat forecast, which costs MSIS
    const naive = trend.find((r) => r.model === 'naive')!;
    expect(Number(naive['msis-95'])).toBeGreaterThan(Number(drift['msis-95']));
  });

  it('forecast(df, { intervalScores: false }) gives the same forecasts, intervals and selection with the interval scores left null', async () => {
    const options = { h: 4, models: ['naive', 'drift', 'npts', 'croston', 'ses'], parallel: false } as const;
    const scored = await forecast(weeklyFrame(), options);
    const skipped = await forecast(weeklyFrame(), { ...options, intervalScores: false });
    expect(skipped.forecasts.toRecords()).toEqual(scored.forecasts.toRecords());
    expect(skipped.selected.toRecords()).toEqual(scored.selected.toRecords());
    const columns = ['coverage-80', 'msis-80', 'coverage-95', 'msis-95'];
    expect(scored.leaderboard.select(...columns).toRecords().some((r) => Object.values(r).some((v) => v !== null))).toBe(true);
    expect(skipped.leaderboard.select(...columns).toRecords().every((r) => Object.values(r).every((v) => v === null))).toBe(true);
    expect(skipped.leaderboard.drop(columns).toRecords()).toEqual(scored.leaderboard.drop(columns).toRecords());
    expect(() => resolveOptions({ intervalScores: 'no' as never })).toThrow('intervalScores: got "no", allowed: true or false');
  });

  it('crossValidation(df, { h: 2, windows: 2 }) lists every window forecast beside the actuals', async () => {
    const cv = await crossValidation(weeklyFrame(), { h: 2, windows: 2, models: ['naive'], parallel: false });
    expect(cv.columns).toEqual(['unique_id', 'ds', 'cutoff', 'model', 'y', 'mean']);
    const trend = cv.filter(pl.col('unique_id').eq(pl.lit('trend'))).toRecords();
    expect(trend).toHaveLength(4);
    // window 1 trains on weeks 0..55 (last value 210) and forecasts weeks 56, 57 (actuals 212, 214)
    expect(trend[0]).toMatchObject({ cutoff: '2024-01-22', ds: '2024-01-29', y: 212, mean: 210 });
  });
});
