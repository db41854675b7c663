import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventWeights } from '../../src/forecast/calendar.js';
import { holidayCalendar, readEventsCsv } from '../../src/forecast/holidays.js';
import { holidayAdjusted } from '../../src/forecast/models/holiday-adjusted.js';
import { getModel } from '../../src/forecast/models/registry.js';
import { ets } from '../../src/forecast/models/ets.js';
import { forecast, holidayRegressors } from '../../src/forecast/engine.js';
import { addPeriods, formatDay, toUtcMs } from '../../src/forecast/calendar.js';
import type { Series } from '../../src/forecast/types.js';

describe('holidayCalendar', () => {
  it('lists the public holidays of France and of a region', () => {
    const fr = holidayCalendar('FR').between('2024-01-01', '2024-12-31');
    expect(fr.map((e) => e.start)).toContain('2024-05-01');
    expect(fr.map((e) => e.start)).toContain('2024-07-14');
    expect(fr).toHaveLength(11);
    const gp = holidayCalendar('FR-GP').between('2024-01-01', '2024-12-31');
    expect(gp.length).toBeGreaterThan(11);
  });
  it('refuses an unknown code naming holidays and the value', () => {
    expect(() => holidayCalendar('XX')).toThrow(/^holidays: got "XX".*allowed: a country code as FR/);
    expect(() => holidayCalendar('France')).toThrow(/^holidays: got "France"/);
    expect(() => holidayCalendar('FR-971')).toThrow(/^holidays: got "FR-971" \(unknown region\), allowed: FR or FR-57, .*FR-GP/);
  });
});

describe('eventWeights', () => {
  it('gives a one-day holiday 1/7 of its week and 1 on its day', () => {
    const weeks = eventWeights(['2024-04-29', '2024-05-06'], 'week', [{ start: '2024-05-01', end: '2024-05-01', name: 'May Day' }]);
    expect(weeks.kinds).toEqual(['May Day']);
    expect([...weeks.rows[0]]).toEqual([1 / 7, 0]);
    const days = eventWeights(['2024-04-30', '2024-05-01', '2024-05-02'], 'day', [{ start: '2024-05-01', end: '2024-05-01', name: 'May Day' }]);
    expect([...days.rows[0]]).toEqual([0, 1, 0]);
  });
  it('splits a multi-day event over its weeks by covered days', () => {
    const w = eventWeights(['2024-05-06', '2024-05-13'], 'week', [{ start: '2024-05-10', end: '2024-05-19', name: 'Fair', kind: 'fair' }]);
    expect(w.kinds).toEqual(['fair']);
    expect(w.rows[0][0]).toBeCloseTo(3 / 7, 12);
    expect(w.rows[0][1]).toBeCloseTo(1, 12);
  });
});

describe('readEventsCsv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'events-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  it('reads one-day and ranged events with kinds', () => {
    expect(readEventsCsv(file('a.csv', 'date,name\n2024-06-21,Sale\n'))).toEqual([{ start: '2024-06-21', end: '2024-06-21', name: 'Sale' }]);
    expect(readEventsCsv(file('b.csv', 'start,end,name,kind\n2024-06-21,2024-06-23,"Summer, sale",promo\n'))).toEqual([
      { start: '2024-06-21', end: '2024-06-23', name: 'Summer, sale', kind: 'promo' },
    ]);
  });
  it('names file, line and column of a bad date, a bad header, an empty name', () => {
    const bad = file('c.csv', 'name,date\nSale,2024-06-21\nSale,2024-02-30\n');
    expect(() => readEventsCsv(bad)).toThrow(`${bad}:3:2: date got "2024-02-30", expected a calendar date YYYY-MM-DD`);
    const header = file('d.csv', 'day,label\n');
    expect(() => readEventsCsv(header)).toThrow(`${header}:1:1: header`);
    const empty = file('e.csv', 'start,end,name\n2024-01-01,2024-01-02,\n');
    expect(() => readEventsCsv(empty)).toThrow(`${empty}:2:3: name is empty`);
    const reversed = file('f.csv', 'start,end,name\n2024-01-05,2024-01-02,x\n');
    expect(() => readEventsCsv(reversed)).toThrow(`${reversed}:2:2: end 2024-01-02 is before start 2024-01-05`);
  });
});

/** A daily series with weekly season and a -60 % effect on French public holidays. */
function synthetic(days: number, effect: number): Series {
  const start = toUtcMs('2021-01-04');
  const timestamps = Array.from({ length: days }, (_, i) => formatDay(addPeriods(start, 'day', i)));
  const holidays = new Set(holidayCalendar('FR').between(timestamps[0], timestamps[days - 1]).map((e) => e.start));
  const values = Float64Array.from(timestamps, (d, i) => (100 + 20 * Math.sin((2 * Math.PI * i) / 7)) * (holidays.has(d) ? 1 + effect : 1));
  return { id: 's', period: 'day', timestamps, values };
}

describe('holiday-adjusted models', () => {
  it('recovers a known holiday effect and puts it back on future holidays', () => {
    const s = synthetic(3 * 365 - 10, -0.6);
    const h = 60; // the horizon after 2023-12-31 includes no holiday but 1 January
    const regressors = holidayRegressors(s, h, holidayCalendar('FR'));
    const fitted = getModel('snaive_hol').fit(s.values, { seasonLength: 7, regressors });
    const plain = getModel('snaive').fit(s.values, { seasonLength: 7 });
    const future = Array.from({ length: h }, (_, j) => formatDay(addPeriods(toUtcMs(s.timestamps.at(-1)!), 'day', j + 1)));
    const j = future.indexOf('2024-01-01');
    expect(j).toBeGreaterThanOrEqual(0);
    const f = fitted.forecast(h).mean;
    const normal = 100 + 20 * Math.sin((2 * Math.PI * (s.values.length + j)) / 7);
    expect(f[j] / normal).toBeCloseTo(0.4, 1);
    // a normal day after it is the plain season, where the unadjusted model copies last week
    expect(f[j + 7] / normal).toBeCloseTo(1, 1);
    expect(plain.forecast(h).mean[j] / normal).toBeCloseTo(1, 1);
  });
  it('is the inner model exactly without regressors', () => {
    const s = synthetic(200, -0.6);
    const a = holidayAdjusted(ets).fit(s.values, { seasonLength: 7 }).forecast(10, [80]);
    const b = ets.fit(s.values, { seasonLength: 7 }).forecast(10, [80]);
    expect([...a.mean]).toEqual([...b.mean]);
  });
});

describe('engine holidays option', () => {
  const s = synthetic(400, -0.6);
  it('without it, forecasts are as before; with it, the _hol models are backtested and selected', async () => {
    const models = ['snaive', 'ets'];
    const before = await forecast([s], { h: 14, models, parallel: false });
    const again = await forecast([s], { h: 14, models, parallel: false, events: [] });
    expect(again.best.getColumn('mean').toArray()).toEqual(before.best.getColumn('mean').toArray());
    const hol = await forecast([s], { h: 14, parallel: false, holidays: 'FR', models: ['snaive', 'snaive_hol'], ensemble: false, windows: 2, step: 30 });
    expect(hol.leaderboard.getColumn('model').toArray()).toEqual(['snaive', 'snaive_hol']);
  });
  it('refuses a bad code and adds the _hol models by default', async () => {
    await expect(forecast([s], { holidays: 'ZZ' })).rejects.toThrow(/^holidays: got "ZZ"/);
  });
});

describe('the holiday-adjusted models without refits', () => {
  // daily sales with a weekly pattern, French holidays at a third of a normal day
  const n = 240;
  const starts = Array.from({ length: n }, (_, t) => formatDay(toUtcMs('2023-01-02') + t * 86_400_000));
  const calendar = holidayCalendar('FR');
  const days = new Set(calendar.between(starts[0], starts[n - 1]).map((e) => e.start));
  const values = Float64Array.from(starts, (d, t) => (100 + 20 * ((t % 7) / 6)) * (days.has(d) ? 0.33 : 1));
  const s: Series = { id: 'a', period: 'day', timestamps: starts, values };
  const regressors = holidayRegressors(s, 14, calendar);

  it('extend a fit to a longer history with its effects and parameters (update), the same model when nothing is added', () => {
    const model = getModel('ses_hol');
    const first = model.fit(values.subarray(0, 200), { seasonLength: 7, regressors });
    expect(first.update).toBeTypeOf('function');
    const same = first.update!(values.subarray(0, 200)).forecast(7, [80]);
    const fit = first.forecast(7, [80]);
    expect([...same.mean]).toEqual([...fit.mean]);
    expect([...same.intervals[0].hi]).toEqual([...fit.intervals[0].hi]);
    // 40 more days: forecasts from the end of the longer history, the holidays' factors still applied
    const longer = first.update!(values.subarray(0, 240));
    expect(longer.fitted).toHaveLength(240);
    const refit = model.fit(values.subarray(0, 240), { seasonLength: 7, regressors }).forecast(7).mean;
    longer.forecast(7).mean.forEach((v, j) => expect(Math.abs(v - refit[j]) / refit[j]).toBeLessThan(0.1));
  });
});
