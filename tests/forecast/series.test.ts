import { describe, expect, it } from 'vitest';
import pl from 'nodejs-polars';
import { addPeriods, formatDay, fromSeries, inferPeriod, InputError, OptionError, toSeries, toUtcMs } from '../../src/index.js';
import { periodStart } from '../../src/forecast/calendar.js';

describe('series shaping', () => {
  it('toSeries(df, { fill: "zero" }) fills a missing ISO week with 0 and starts weeks on Monday', () => {
    const df = pl.DataFrame({ unique_id: ['a', 'a', 'a'], ds: ['2024-01-03', '2024-01-17', '2024-01-18'], y: [1, 3, 4] });
    const [s] = toSeries(df, { fill: 'zero', period: 'week' });
    expect(s.period).toBe('week');
    expect(s.timestamps).toEqual(['2024-01-01', '2024-01-08', '2024-01-15']);
    expect([...s.values]).toEqual([1, 0, 7]);
  });

  it('toSeries(df, { fill: "missing" }) leaves a missing period as NaN', () => {
    const df = pl.DataFrame({ unique_id: ['a', 'a'], ds: ['2024-01-01', '2024-01-15'], y: [1, 3] });
    expect([...toSeries(df, { fill: 'missing', period: 'week' })[0].values]).toEqual([1, NaN, 3]);
  });

  it('toSeries(df, { asOf }) leaves out an unfinished last week', () => {
    const df = pl.DataFrame({ unique_id: ['a', 'a', 'a'], ds: ['2024-01-01', '2024-01-08', '2024-01-15'], y: [1, 2, 3] });
    // 2024-01-17 is a Wednesday: the week of 2024-01-15 is not over
    expect(toSeries(df, { asOf: '2024-01-17', period: 'week' })[0].timestamps).toEqual(['2024-01-01', '2024-01-08']);
    // 2024-01-21 is that week's Sunday: it is complete
    expect(toSeries(df, { asOf: '2024-01-21', period: 'week' })[0].timestamps).toHaveLength(3);
  });

  it('toSeries(df) accepts Date columns and keeps ids in order of appearance', () => {
    const df = pl.DataFrame({ unique_id: ['b', 'a', 'b'], ds: [new Date('2024-01-01'), new Date('2024-02-01'), new Date('2024-02-01')], y: [1, 2, 3] });
    const series = toSeries(df);
    expect(series.map((s) => s.id)).toEqual(['b', 'a']);
    expect(series[0].period).toBe('month');
  });

  it('toSeries(df) infers the period of each series from its own dates: a daily and a monthly series in one table', () => {
    const ids: string[] = [];
    const ds: string[] = [];
    const y: number[] = [];
    for (let i = 0; i < 21; i++) {
      ids.push('visits');
      ds.push(formatDay(Date.UTC(2024, 0, 1 + i)));
      y.push(i);
    }
    for (let i = 0; i < 18; i++) {
      ids.push('revenue');
      ds.push(formatDay(Date.UTC(2023, i, 1)));
      y.push(100 + i);
    }
    const [visits, revenue] = toSeries(pl.DataFrame({ unique_id: ids, ds, y }));
    expect(visits.period).toBe('day');
    expect(visits.timestamps).toHaveLength(21);
    expect(revenue.period).toBe('month');
    expect(revenue.timestamps.slice(0, 2)).toEqual(['2023-01-01', '2023-02-01']);
    expect([...revenue.values]).toEqual(Array.from({ length: 18 }, (_, i) => 100 + i));
    // a period given is every series' period
    expect(toSeries(pl.DataFrame({ unique_id: ids, ds, y }), { period: 'month' }).map((s) => s.period)).toEqual(['month', 'month']);
  });

  it('toSeries(df) names the series whose period cannot be inferred while the others disagree', () => {
    const df = pl.DataFrame({
      unique_id: ['d', 'd', 'm', 'm', 'odd', 'odd'],
      ds: ['2024-01-01', '2024-01-02', '2024-01-01', '2024-02-01', '2024-01-01', '2024-01-04'],
      y: [1, 2, 3, 4, 5, 6],
    });
    expect(() => toSeries(df)).toThrow(/^inferPeriod: smallest gap between dates of series "odd" is 3 days and the other series are daily and monthly, give period/);
  });

  it('toSeries(df) names a missing column and a bad fill option', () => {
    expect(() => toSeries(pl.DataFrame({ unique_id: ['a'], y: [1] }))).toThrow(InputError);
    expect(() => toSeries(pl.DataFrame({ unique_id: ['a'], ds: ['2024-01-01'], y: [1] }), { fill: 'zeros' as never })).toThrow(OptionError);
  });

  it('fromSeries(series) round-trips toSeries with missing values as null', () => {
    const df = pl.DataFrame({ unique_id: ['a', 'a'], ds: ['2024-01-01', '2024-01-15'], y: [1, 3] });
    const back = fromSeries(toSeries(df, { period: 'week' }));
    expect(back.columns).toEqual(['unique_id', 'ds', 'y']);
    expect(back.getColumn('y').toArray()).toEqual([1, null, 3]);
  });

  it('inferPeriod(dates) and addPeriods(ms, period, k) handle weeks and month ends', () => {
    expect(inferPeriod(['2024-01-01', '2024-01-08', '2024-01-22'])).toBe('week');
    expect(inferPeriod(['2024-01-01', '2024-04-01'])).toBe('quarter');
    expect(formatDay(addPeriods(toUtcMs('2024-01-31'), 'month', 1))).toBe('2024-02-29');
    expect(() => inferPeriod(['2024-01-01'])).toThrow(InputError);
  });

  it('toUtcMs, formatDay and the week start agree with the calendar on years 0000 to 0099, which Date.UTC reads as 1900 to 1999', () => {
    expect(formatDay(toUtcMs('0099-05-01'))).toBe('0099-05-01');
    expect(toUtcMs('0099-05-01')).toBe(new Date('0099-05-01T00:00:00Z').getTime());
    expect(formatDay(toUtcMs('0000-02-29'))).toBe('0000-02-29'); // year 0 is a leap year (proleptic Gregorian)
    for (let day = -800_000; day < 3_000_000; day += 997) {
      const ms = day * 86_400_000;
      const iso = new Date(ms).toISOString().slice(0, 10);
      if (/^\d{4}-/.test(iso)) {
        expect(formatDay(ms)).toBe(iso);
        expect(toUtcMs(iso)).toBe(ms);
        expect(periodStart(ms, 'week')).toBe(ms - ((new Date(ms).getUTCDay() + 6) % 7) * 86_400_000); // the ISO week's Monday
      }
    }
  });

  it('toUtcMs refuses a month or day out of the calendar instead of rolling it into the next year or month', () => {
    expect(() => toUtcMs('2024-13-05')).toThrow(/not a calendar date/);
    expect(() => toUtcMs('2024-00-10')).toThrow(/not a calendar date/);
    expect(() => toUtcMs('2023-02-29')).toThrow(/not a calendar date/);
    expect(formatDay(toUtcMs('2024-02-29'))).toBe('2024-02-29');
  });
});
