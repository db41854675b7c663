/**
 * Distributed forecasts carry event columns: the coordinator reads each series' column rows (its
 * periods and the h forecast periods after them) from the frame, each batch carries its series'
 * rows, and the workers' frames are those of a local forecast, number for number.
 */
import { describe, expect, it } from 'vitest';
import pl from 'nodejs-polars';
import { forecast, forecastDistributed } from '../../src/index.js';
import type { Series } from '../../src/forecast/types.js';
import { serverWithWorker } from '../helpers/worker.js';

const WEEKS = 120;
const H = 4;
const day = (t: number) => new Date(Date.UTC(2022, 0, 3) + t * 7 * 86_400_000).toISOString().slice(0, 10);

/** Weekly sales of three shops, +80 % on the share of a week under promotion; H future rows with the share and no y. */
function shops(): pl.DataFrame {
  const rows = { unique_id: [] as string[], ds: [] as string[], y: [] as (number | null)[], promo_share: [] as number[] };
  for (const [k, shop] of ['A', 'B', 'C'].entries()) {
    for (let t = 0; t < WEEKS + H; t++) {
      const share = t < WEEKS ? ((t + k) % 3 === 0 ? 0.5 : 0) : [0.5, 0, 1, 0][t - WEEKS];
      const base = 200 + 30 * k + 20 * Math.sin((2 * Math.PI * t) / 52) + ((t * 37) % 11);
      rows.unique_id.push(shop);
      rows.ds.push(day(t));
      rows.y.push(t < WEEKS ? base * (1 + 0.8 * share) : null);
      rows.promo_share.push(share);
    }
  }
  return pl.DataFrame({ ...rows, y: pl.Series('y', rows.y, pl.Float64) });
}

describe('forecastDistributed with event columns', () => {
  const server = serverWithWorker();
  const options = { h: H, models: ['ses', 'ses_hol', 'ets_hol'], windows: 2, parallel: false, eventColumns: ['promo_share'] } as const;

  it('gives the local frames, number for number, the promoted weeks lifted by the column', async () => {
    const frame = shops();
    const local = await forecast(frame, options);
    const remote = await forecastDistributed(server.url(), frame, options, { batchSize: 2 });
    expect(remote.batches).toBe(2);
    expect(remote.forecasts.toRecords()).toEqual(local.forecasts.toRecords());
    expect(remote.leaderboard.toRecords()).toEqual(local.leaderboard.toRecords());
    // the columns reached the workers: the week fully under promotion is forecast well above the plain model's
    const mean = (model: string) => remote.forecasts.toRecords().find((r) => r.unique_id === 'A' && r.ds === day(WEEKS + 2) && r.model === model)!.mean as number;
    expect(mean('ses_hol') / mean('ses')).toBeGreaterThan(1.4);
  }, 300_000);

  it('refuses Series[] with event columns in one line before any connection: the columns are read from a frame', async () => {
    const series: Series[] = [{ id: 's', period: 'week', timestamps: ['2025-01-06', '2025-01-13', '2025-01-20'], values: Float64Array.of(1, 2, 3) }];
    await expect(forecastDistributed('postgres://postgres@127.0.0.1:1/none', series, { h: 4, eventColumns: ['promo_share'] })).rejects.toThrow(
      'eventColumns: got ["promo_share"], allowed: columns of a long DataFrame input (unique_id, ds, y and the columns), not Series[], plain rows nor a hierarchy',
    );
  });
});
