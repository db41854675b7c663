import pl from 'nodejs-polars';
import { describe, expect, it } from 'vitest';
import { fanChart, fanChartInput, forecast, leaderboardEntries } from '../../src/index.js';

// 30 Mondays from 2024-01-01, a gentle trend
const ds = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
const history = pl.DataFrame({ unique_id: ds.map(() => 'a'), ds, y: ds.map((_, i) => 100 + 2 * i + (i % 3)) });

describe('fanChartInput(history, result, id) and leaderboardEntries(result, id)', () => {
  it('gives the history, the chosen model backtest on the dates it predicted, and the 4-week forecast', async () => {
    const result = await forecast(history, { h: 4, models: ['naive', 'drift'], windows: 2, ensemble: false, parallel: false });
    const input = fanChartInput(history, result, 'a');
    expect(input.history).toHaveLength(30);
    // 2 windows × h 4, step h: the last 8 weeks of the history
    expect(input.fitted?.map((p) => p.ds)).toEqual(ds.slice(22));
    expect(input.forecast.map((p) => p.ds)).toEqual(['2024-07-29', '2024-08-05', '2024-08-12', '2024-08-19']);
    for (const p of input.forecast) expect(p.lo95! <= p.lo80! && p.lo80! <= p.mean && p.mean <= p.hi80! && p.hi80! <= p.hi95!).toBe(true);
    expect(fanChart(input).data.map((t) => t.name)).toEqual(['95 % interval', '80 % interval', 'History', 'Backtest fit', 'Forecast']);
    const board = leaderboardEntries(result, 'a');
    expect(board.map((e) => e.model).sort()).toEqual(['drift', 'naive']);
    // a steady trend: drift follows it, naive lags behind
    const error = Object.fromEntries(board.map((e) => [e.model, e.error!]));
    expect(error.drift).toBeLessThan(error.naive);
  });

  it('rejects an id that is not in the history', async () => {
    const result = await forecast(history, { h: 4, models: ['naive'], ensemble: false, parallel: false });
    expect(() => fanChartInput(history, result, 'b')).toThrow(/fanChartInput id: got "b"/);
  });
});
