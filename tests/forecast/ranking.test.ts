/** Selection ranked once (evaluate.ts): the engine's select: 'single' and leaderboard ranks read the same ranking. */
import { describe, expect, it } from 'vitest';
import pl from 'nodejs-polars';
import { forecast } from '../../src/index.js';

function trendFrame(): pl.DataFrame {
  const start = Date.UTC(2023, 0, 2); // a Monday
  const ds = Array.from({ length: 40 }, (_, i) => new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10));
  return pl.DataFrame({ unique_id: ds.map(() => 'trend'), ds, y: ds.map((_, i) => 100 + 2 * i + (i % 3)) });
}

describe('forecast(df, { metric: bias }) ranks by |bias|, once', () => {
  it("select: 'single' picks the single model of smallest |bias|, not the most negative bias (mean under-forecasts a trend most)", async () => {
    const result = await forecast(trendFrame(), { h: 4, models: ['naive', 'drift', 'mean'], metric: 'bias', select: 'single', parallel: false });
    const board = result.leaderboard.toRecords() as Array<{ model: string; bias: number | null; rank: number }>;
    const singles = board.filter((row) => row.model !== 'ensemble');
    const smallest = [...singles].sort((a, b) => Math.abs(a.bias!) - Math.abs(b.bias!))[0];
    expect(board.find((row) => row.model === 'mean')!.bias!).toBeLessThan(smallest.bias! - 1);
    expect(result.selected.getColumn('model').toArray()).toEqual([smallest.model]);
    const byRank = [...board].sort((a, b) => a.rank - b.rank).map((row) => row.model);
    expect(byRank).toEqual(result.outcomes[0].ranking);
    expect(byRank[byRank.length - 1]).toBe('mean');
  });
});
