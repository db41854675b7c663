import { describe, expect, it } from 'vitest';
import { addedModels, defaultModels, forecast, yearlyDays, type Series } from '../../src/index.js';

/** A daily series of `days` days from Monday 2022-01-03 with a weekly and a yearly cycle. */
function daily(id: string, days: number): Series {
  const start = Date.UTC(2022, 0, 3);
  const timestamps: string[] = [];
  const values = new Float64Array(days);
  for (let t = 0; t < days; t++) {
    timestamps.push(new Date(start + t * 86_400_000).toISOString().slice(0, 10));
    values[t] = 100 + 30 * Math.sin((2 * Math.PI * t) / 365) + (t % 7 >= 5 ? 25 : 0) + ((t * 37) % 11) - 5;
  }
  return { id, period: 'day', timestamps, values };
}

const modelsOf = (result: Awaited<ReturnType<typeof forecast>>, id: string) =>
  (result.leaderboard.toRecords() as Array<{ unique_id: string; model: string }>).filter((r) => r.unique_id === id).map((r) => r.model);

describe('long daily series: the defaults add mstl (the week and the year)', () => {
  it('addedModels: mstl for a daily series of more than two years at the default season length, nothing otherwise', () => {
    expect(yearlyDays).toBe(730);
    expect(addedModels({ period: 'day', values: new Float64Array(731) }, 0)).toEqual(['mstl']);
    expect(addedModels({ period: 'day', values: new Float64Array(730) }, 0)).toEqual([]);
    expect(addedModels({ period: 'week', values: new Float64Array(800) }, 0)).toEqual([]);
    expect(addedModels({ period: 'day', values: new Float64Array(800) }, 7)).toEqual([]); // a season length given
  });

  it('forecast with no models backtests mstl beside the defaults on the long daily series only; named models are kept as named', async () => {
    const series = [daily('long', 800), daily('short', 400)];
    const result = await forecast(series, { h: 14, parallel: false });
    expect(modelsOf(result, 'long').sort()).toEqual([...defaultModels, 'mstl', 'ensemble'].sort());
    expect(modelsOf(result, 'short').sort()).toEqual([...defaultModels, 'ensemble'].sort());
    const aliasOf = (id: string, model: string) => (result.leaderboard.toRecords() as Array<{ unique_id: string; model: string; alias: string }>).find((r) => r.unique_id === id && r.model === model)?.alias;
    expect(aliasOf('long', 'mstl')).toMatch(/^MSTL\(7, 365\) \+ ETS/);
    const named = await forecast(series, { h: 14, models: ['naive', 'snaive'], parallel: false });
    expect(modelsOf(named, 'long').sort()).toEqual(['ensemble', 'naive', 'snaive']);
    const candidates = await forecast(series, { h: 14, candidates: ['naive', 'theta'], parallel: false });
    expect(modelsOf(candidates, 'long')).not.toContain('mstl');
  });

  it('on a series with a yearly cycle the week alone cannot see, mstl beats the defaults\' backtest error', async () => {
    const result = await forecast([daily('long', 1100)], { h: 28, parallel: false });
    const board = result.leaderboard.toRecords() as Array<{ model: string; mase: number }>;
    const best = Math.min(...board.filter((r) => defaultModels.includes(r.model)).map((r) => r.mase));
    expect(board.find((r) => r.model === 'mstl')!.mase).toBeLessThan(best);
  });
});
