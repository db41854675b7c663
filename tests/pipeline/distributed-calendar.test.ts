/**
 * Distributed forecasts carry the calendar: the workers forecast with the holidays and events of
 * the run (a country code rebuilt by each worker, a calendar object sent as its events), and the
 * frames are those of a local forecast, number for number.
 */
import { describe, expect, it } from 'vitest';
import { forecast, forecastDistributed, holidayCalendar } from '../../src/index.js';
import { addPeriods, formatDay, toUtcMs } from '../../src/forecast/calendar.js';
import type { Series } from '../../src/forecast/types.js';
import { serverWithWorker } from '../helpers/worker.js';

/** Daily sales of three stores with a weekly season, -60 % on French public holidays and -80 % on a store's own closing days. */
function stores(): Series[] {
  const start = toUtcMs('2023-01-02');
  const timestamps = Array.from({ length: 500 }, (_, i) => formatDay(addPeriods(start, 'day', i)));
  const holidays = new Set(holidayCalendar('FR').between(timestamps[0], timestamps.at(-1)!).map((e) => e.start));
  return [0, 1, 2].map((k) => ({
    id: `S${k}`,
    period: 'day',
    timestamps,
    values: Float64Array.from(timestamps, (d, i) => (100 + 10 * k + 20 * Math.sin((2 * Math.PI * i) / 7)) * (holidays.has(d) ? 0.4 : d.endsWith('-15') ? 0.2 : 1)),
  }));
}

const closures = Array.from({ length: 20 }, (_, m) => {
  const day = formatDay(addPeriods(toUtcMs('2023-01-15'), 'month', m));
  return { start: day, end: day, name: `closed ${day}`, kind: 'closure' };
});

describe('forecastDistributed with a calendar', () => {
  const server = serverWithWorker();
  const series = stores();
  const options = { h: 30, models: ['snaive', 'snaive_hol', 'ses_hol'], windows: 2, parallel: false } as const;

  it('gives the local frames with a country code and events, number for number', async () => {
    const local = await forecast(series, { ...options, holidays: 'FR', events: closures });
    const remote = await forecastDistributed(server.url(), series, { ...options, holidays: 'FR', events: closures }, { batchSize: 2 });
    expect(remote.batches).toBe(2);
    expect(remote.forecasts.toRecords()).toEqual(local.forecasts.toRecords());
    expect(remote.leaderboard.toRecords()).toEqual(local.leaderboard.toRecords());
    // the calendar mattered: the holiday-adjusted model differs from the plain one on Whit Monday, 20 May 2024
    const whitMonday = (model: string) => remote.forecasts.toRecords().find((r) => r.unique_id === 'S0' && r.ds === '2024-05-20' && r.model === model)!.mean as number;
    expect(whitMonday('snaive_hol')).toBeLessThan(0.6 * whitMonday('snaive'));
  }, 300_000);

  it('gives the local frames with a calendar object, sent to the workers as its events', async () => {
    const calendar = holidayCalendar('FR');
    const local = await forecast(series, { ...options, holidays: calendar });
    const remote = await forecastDistributed(server.url(), series, { ...options, holidays: calendar }, { batchSize: 3 });
    expect(remote.forecasts.toRecords()).toEqual(local.forecasts.toRecords());
    expect(remote.selected.toRecords()).toEqual(local.selected.toRecords());
  }, 300_000);
});
