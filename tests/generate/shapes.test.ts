/**
 * The business shapes of the committed sample (data/sample, seed 42, scale 0.4): what
 * notebooks and forecasts rely on. Each expectation cites the factor in src/generate that
 * produces it; the thresholds leave room for the noise.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import pl from 'nodejs-polars';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { dayNumber, holidaysBetween, weekday } from '../../src/index.js';

const dir = resolve('data', 'sample');
const csv = (file: string): string[][] => readFileSync(join(dir, file), 'utf8').trimEnd().split('\n').slice(1).map((line) => line.split(','));
const first = dayNumber('2023-01-02');
const last = dayNumber('2025-12-28');
const holidays = holidaysBetween(first, dayNumber('2026-02-28'));
const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text);

// Order lines without the three deliberately bad ones.
const orderLines = (pl.readParquet(join(dir, 'order_lines.parquet')).rows() as Array<Array<string | null>>)
  .map((row) => row.map((v) => v ?? ''))
  .filter((f) => isDate(f[2]) && Number(f[6]) >= 0 && f[4] !== 'P9999');
const missions = csv('missions.csv');

/** Mean of `value` per day over the days of [first, last] that `keep` accepts. */
function meanPerDay(values: Map<number, number>, keep: (day: number) => boolean): number {
  let total = 0;
  let days = 0;
  for (let day = first; day <= last; day += 1) {
    if (!keep(day)) continue;
    total += values.get(day) ?? 0;
    days += 1;
  }
  return total / days;
}

const countBy = <T>(rows: T[], key: (row: T) => number, weight: (row: T) => number = () => 1): Map<number, number> => {
  const counts = new Map<number, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + weight(row));
  return counts;
};

describe('sample data: retail', () => {
  const linesPerDay = countBy(orderLines, (f) => dayNumber(f[2]));
  const ordinary = (day: number) => !holidays.has(day);

  it('order lines have a weekly shape: Saturday above midweek, Sunday (mornings only) below', () => {
    // retailWeekday: Saturday 1.45, Tuesday-Thursday 0.9-1.0, Sunday 0.55.
    const midweek = meanPerDay(linesPerDay, (d) => ordinary(d) && [2, 3, 4].includes(weekday(d)));
    const saturday = meanPerDay(linesPerDay, (d) => ordinary(d) && weekday(d) === 6);
    const sunday = meanPerDay(linesPerDay, (d) => ordinary(d) && weekday(d) === 7);
    expect(saturday / midweek).toBeGreaterThan(1.3);
    expect(sunday / midweek).toBeLessThan(0.7);
  });

  it('public holidays sell less than the same weekdays otherwise, and stores close on 1 January, 1 May and 25 December', () => {
    // holidayFactor 0.45 on open holidays; closed ones have no order line at all.
    const closed = ['2023-05-01', '2023-12-25', '2024-01-01', '2024-05-01', '2024-12-25', '2025-01-01', '2025-05-01', '2025-12-25'].map(dayNumber);
    for (const day of closed) expect(linesPerDay.get(day) ?? 0).toBe(0);
    const open = [...holidays].filter((d) => d <= last && !closed.includes(d) && weekday(d) <= 5);
    expect(open.length).toBeGreaterThan(15);
    const onHolidays = open.reduce((sum, d) => sum + (linesPerDay.get(d) ?? 0), 0) / open.length;
    const sameWeekdays = open.reduce((sum, d) => sum + meanPerDay(linesPerDay, (x) => ordinary(x) && weekday(x) === weekday(d)), 0) / open.length;
    expect(onHolidays / sameWeekdays).toBeLessThan(0.65);
  });

  it('sales grow from 2023 to 2025 and peak in December', () => {
    const year = (y: number) => meanPerDay(linesPerDay, (d) => new Date(d * 86_400_000).getUTCFullYear() === y);
    expect(year(2025)).toBeGreaterThan(year(2023) * 1.03);
    const month = (m: number) => meanPerDay(linesPerDay, (d) => new Date(d * 86_400_000).getUTCMonth() === m);
    expect(month(11)).toBeGreaterThan(month(7) * 1.25); // December against August (retailMonth 1.12 vs 0.86, plus the run-up)
  });

  it('some lines carry a promotion discount, and a few products sell intermittently', () => {
    const discounted = orderLines.filter((f) => Number(f[8]) > 0).length / orderLines.length;
    expect(discounted).toBeGreaterThan(0.03);
    expect(discounted).toBeLessThan(0.25);
    // Weekly chain-wide units per product: an intermittent product has many zero weeks.
    const weeks = (last - first + 1) / 7;
    const weeksSold = new Map<string, Set<number>>();
    for (const f of orderLines) {
      const set = weeksSold.get(f[4]) ?? new Set<number>();
      set.add(Math.floor((dayNumber(f[2]) - first) / 7));
      weeksSold.set(f[4], set);
    }
    const intermittent = [...weeksSold.values()].filter((set) => set.size < weeks * 0.7).length;
    expect(intermittent).toBeGreaterThanOrEqual(2);
  });

  it('a store never has more orders than visitors on a day', () => {
    const orders = new Map<string, Set<string>>();
    for (const f of orderLines) {
      const key = `${f[3]} ${f[2]}`;
      const set = orders.get(key) ?? new Set<string>();
      set.add(f[0]);
      orders.set(key, set);
    }
    const traffic = csv('store_traffic.csv');
    expect(traffic.length).toBeGreaterThan(0);
    const visitors = new Map(traffic.map((f) => [`${f[0]} ${f[1]}`, Number(f[2])]));
    for (const [key, set] of orders) expect(set.size, key).toBeLessThanOrEqual(visitors.get(key) ?? -1);
  });

  it('stock movements agree with the sales: stock never negative in a store or centrally, supplies are the central receipts', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database(readFileSync(join(dir, 'stock.sqlite')));
    const [result] = db.exec('SELECT moved_on, product_id, store_id, kind, quantity FROM stock_movements ORDER BY moved_on, movement_id');
    db.close();
    // Per week (Monday), movements first, then that week's sales: the end-of-week stock is what the store holds.
    const stock = new Map<string, number>();
    const events: Array<[number, number, string, number]> = []; // [day, order, key, delta]
    for (const [movedOn, product, store, , quantity] of result.values as [string, string, string | null, string, number][]) {
      events.push([dayNumber(movedOn), 0, `${store ?? 'central'} ${product}`, quantity]);
    }
    for (const f of orderLines) {
      const day = dayNumber(f[2]);
      events.push([first + Math.floor((day - first) / 7) * 7 + 6, -1, `${f[3]} ${f[4]}`, -Number(f[6])]);
    }
    events.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    let minimum = Infinity;
    for (const [, , key, delta] of events) {
      const level = (stock.get(key) ?? 0) + delta;
      stock.set(key, level);
      minimum = Math.min(minimum, level);
    }
    expect(minimum).toBeGreaterThanOrEqual(0);

    const centralReceipts = (result.values as [string, string, string | null, string, number][])
      .filter(([, , store, kind]) => store === null && kind === 'receipt')
      .reduce((sum, row) => sum + row[4], 0);
    const supplies = iconv.decode(readFileSync(join(dir, 'supplies.csv')), 'win1252').trimEnd().split('\r\n').slice(1);
    expect(supplies.reduce((sum, line) => sum + Number(line.split(';')[4]), 0)).toBe(centralReceipts);
  });
});

describe('sample data: staffing', () => {
  const past = missions.filter((f) => dayNumber(f[3]) <= last);
  const perDay = countBy(past, (f) => dayNumber(f[3]));

  it('missions cover at least 104 full ISO weeks before the last day', () => {
    const days = new Set(past.map((f) => dayNumber(f[3])));
    let fullWeeks = 0;
    for (let monday = first; monday + 6 <= last; monday += 7) {
      if (Array.from({ length: 7 }, (_, i) => monday + i).every((d) => days.has(d))) fullWeeks += 1;
    }
    expect(fullWeeks).toBeGreaterThanOrEqual(104);
  });

  it('missions peak on Friday-Saturday and in summer', () => {
    // staffingWeekday: Friday 1.25, Saturday 1.45 against Monday-Thursday 0.8-0.95; staffingSeason peaks late July.
    const weekend = meanPerDay(perDay, (d) => [5, 6].includes(weekday(d)));
    const weekdays = meanPerDay(perDay, (d) => weekday(d) <= 4);
    expect(weekend / weekdays).toBeGreaterThan(1.3);
    const month = (d: number) => new Date(d * 86_400_000).getUTCMonth();
    const summer = meanPerDay(perDay, (d) => [6, 7].includes(month(d)));
    const spring = meanPerDay(perDay, (d) => [2, 3, 4].includes(month(d)));
    expect(summer / spring).toBeGreaterThan(1.2);
  });

  it('past missions are done or cancelled (about 8 %), future ones planned or assigned', () => {
    const future = missions.filter((f) => dayNumber(f[3]) > last);
    expect(new Set(past.map((f) => f[4]))).toEqual(new Set(['done', 'cancelled']));
    expect(new Set(future.map((f) => f[4]))).toEqual(new Set(['planned', 'assigned']));
    const cancelled = past.filter((f) => f[4] === 'cancelled').length / past.length;
    expect(cancelled).toBeGreaterThan(0.05);
    expect(cancelled).toBeLessThan(0.12);
    for (const f of missions) {
      if (f[4] === 'done' || f[4] === 'assigned') expect(f[2]).toMatch(/^X\d{4}$/);
      if (f[4] === 'planned') expect(f[2]).toBe('');
    }
  });

  it('the booked weeks hold missions still without an extra, and extras have done and cancelled missions at several hotels', () => {
    // generateStaffing: future missions are assigned with probability exp(-days ahead / 6), else planned with no extra;
    // extras work mostly for the hotels of their city and drop missions at rates of their own.
    const future = missions.filter((f) => dayNumber(f[3]) > last);
    for (let week = 0; week < 4; week += 1) {
      const inWeek = future.filter((f) => Math.floor((dayNumber(f[3]) - last - 1) / 7) === week);
      expect(inWeek.filter((f) => f[4] === 'planned' && f[2] === '').length, `week ${week + 1}`).toBeGreaterThan(0);
    }
    const byExtra = new Map<string, { hotels: Set<string>; done: number; cancelled: number }>();
    for (const f of past) {
      if (f[2] === '') continue;
      const entry = byExtra.get(f[2]) ?? { hotels: new Set<string>(), done: 0, cancelled: 0 };
      if (f[4] === 'done') entry.hotels.add(f[1]);
      if (f[4] === 'done') entry.done += 1;
      else entry.cancelled += 1;
      byExtra.set(f[2], entry);
    }
    const seasoned = [...byExtra.values()].filter((e) => e.hotels.size >= 3 && e.done > 0 && e.cancelled > 0);
    expect(seasoned.length).toBeGreaterThan(100);
    // reliabilities differ from one extra to another: the least reliable below 90 %, the most above 98 %
    const reliability = [...byExtra.values()].filter((e) => e.done + e.cancelled >= 50).map((e) => e.done / (e.done + e.cancelled));
    expect(Math.min(...reliability)).toBeLessThan(0.9);
    expect(Math.max(...reliability)).toBeGreaterThan(0.98);
  });

  it('an extra works at most one mission a day', () => {
    const seen = new Set<string>();
    for (const f of missions) {
      if (f[2] === '') continue;
      const key = `${f[2]} ${f[3]}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });
});

describe('sample data: car dealers', () => {
  it('vehicle sales happen Monday to Saturday, never on a public holiday, and peak in March against August', () => {
    const sales = csv('vehicle_sales.csv');
    const perDay = countBy(sales, (f) => dayNumber(f[1]), (f) => Number(f[4]));
    for (const day of perDay.keys()) {
      expect(weekday(day)).not.toBe(7);
      expect(holidays.has(day)).toBe(false);
    }
    const month = (d: number) => new Date(d * 86_400_000).getUTCMonth();
    // dealerMonth: March 1.25, August 0.55.
    expect(meanPerDay(perDay, (d) => month(d) === 2)).toBeGreaterThan(1.6 * meanPerDay(perDay, (d) => month(d) === 7));
  });
});
