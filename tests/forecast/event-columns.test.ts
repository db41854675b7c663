import { describe, expect, it } from 'vitest';
import pl from 'nodejs-polars';
import { forecast } from '../../src/forecast/engine.js';
import { seriesWithColumns } from '../../src/forecast/event-columns.js';
import { holidayEffects } from '../../src/forecast/models/holiday-adjusted.js';
import { addPeriods, formatDay, toUtcMs } from '../../src/forecast/calendar.js';

const LIFT = 0.6; // a week fully under promotion sells 60 % more
const WEEKS = 208;
const H = 8;

/** A deterministic generator (mulberry32), so the series is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Four years of weekly sales of two stores with a yearly season and noise, lifted by
 * 1 + LIFT × promo_share in promoted weeks (a third of them, 2 to 7 days of promotion), followed
 * by H rows with an empty y and the planned promo_share of the forecast weeks.
 */
function salesFrame(): pl.DataFrame {
  const next = random(7);
  const rows = { unique_id: [] as string[], ds: [] as string[], y: [] as (number | null)[], promo_share: [] as number[] };
  for (const store of ['S1', 'S2']) {
    for (let t = 0; t < WEEKS + H; t++) {
      const share = next() < 0.35 ? Math.round(2 + next() * 5) / 7 : 0;
      const base = (store === 'S1' ? 1000 : 400) * (1 + 0.25 * Math.sin((2 * Math.PI * t) / 52)) * (1 + 0.03 * (next() - 0.5));
      rows.unique_id.push(store);
      rows.ds.push(formatDay(addPeriods(toUtcMs('2021-01-04'), 'week', t)));
      rows.y.push(t < WEEKS ? base * (1 + LIFT * share) : null);
      rows.promo_share.push(share);
    }
  }
  return pl.DataFrame({ ...rows, y: pl.Series('y', rows.y, pl.Float64) });
}

describe('event columns', () => {
  const df = salesFrame();
  it('splits history from the future rows and estimates the promotion lift near the true one', () => {
    const { series, regressors } = seriesWithColumns(df, ['promo_share'], H, {});
    expect(series.map((s) => s.values.length)).toEqual([WEEKS, WEEKS]);
    expect(regressors[0][0]).toHaveLength(WEEKS + H);
    expect(regressors[0][0].subarray(WEEKS).some((v) => v > 0)).toBe(true);
    for (const [i, s] of series.entries()) {
      const { effects } = holidayEffects(s.values, regressors[i], 52);
      expect(Math.abs(effects[0] - LIFT)).toBeLessThan(0.06);
    }
  });
  it('lowers the backtest error of the holiday-adjusted model and lifts the forecast of promoted weeks', async () => {
    const common = { h: H, models: ['ets', 'ets_hol'], windows: 3, ensemble: false as const, parallel: false };
    const history = df.filter(pl.col('y').isNotNull());
    const without = await forecast(history, common);
    const withColumn = await forecast(df, { ...common, eventColumns: ['promo_share'] });
    const wape = (result: typeof without, model: string) => {
      const board = result.leaderboard.filter(pl.col('model').eq(pl.lit(model)));
      const values = board.getColumn('wape').toArray() as number[];
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    // without the column ets_hol is ets exactly; with it, the promotions are no longer noise
    expect(wape(without, 'ets_hol')).toBeCloseTo(wape(without, 'ets'), 12);
    expect(wape(withColumn, 'ets_hol')).toBeLessThan(0.6 * wape(without, 'ets_hol'));
    const planned = df.filter(pl.col('y').isNull().and(pl.col('unique_id').eq(pl.lit('S1'))));
    const shares = planned.getColumn('promo_share').toArray() as number[];
    const means = withColumn.forecasts.filter(pl.col('unique_id').eq(pl.lit('S1')).and(pl.col('model').eq(pl.lit('ets_hol')))).getColumn('mean').toArray() as number[];
    const plain = withColumn.forecasts.filter(pl.col('unique_id').eq(pl.lit('S1')).and(pl.col('model').eq(pl.lit('ets')))).getColumn('mean').toArray() as number[];
    expect(shares.some((v) => v > 0) && shares.some((v) => v === 0)).toBe(true);
    shares.forEach((share, j) => {
      if (share > 0) expect(means[j] / plain[j]).toBeGreaterThan(1 + 0.5 * LIFT * share);
    });
  });
  it('names the column and the first forecast date without a value, and a column the input lacks', async () => {
    const short = df.filter(pl.col('ds').lt(pl.lit(formatDay(addPeriods(toUtcMs('2021-01-04'), 'week', WEEKS + 3)))));
    await expect(forecast(short, { h: H, models: ['ets_hol'], eventColumns: ['promo_share'] })).rejects.toThrow(
      `promo_share: no value for series "S1" on ${formatDay(addPeriods(toUtcMs('2021-01-04'), 'week', WEEKS + 3))}, the first of the 8 forecast periods without one`,
    );
    await expect(forecast(df, { h: H, eventColumns: ['promo'] })).rejects.toThrow(/^eventColumns: got "promo" \(no such column\), allowed: columns of the input: promo_share/);
    await expect(forecast(df, { h: H, eventColumns: ['y'] })).rejects.toThrow(/^eventColumns: got "y", allowed: a list of numeric column names/);
  });
});
