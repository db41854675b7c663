/**
 * Period inference per series (calendar.ts periodsById / inferPeriods): each series from its own dates,
 * a series whose dates cannot tell taking the others' one period, and inferPeriod's message otherwise.
 */
import { describe, expect, it } from 'vitest';
import { defaultSeasonLength, inferPeriod, inferPeriods, InputError } from '../../src/index.js';

/** `n` consecutive days from 2024-01-01, as ISO dates. */
function days(n: number): string[] {
  return Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10));
}
/** `n` month starts from 2022-01-01. */
function months(n: number): string[] {
  return Array.from({ length: n }, (_, i) => new Date(Date.UTC(2022, i, 1)).toISOString().slice(0, 10));
}

describe('inferPeriods', () => {
  it('gives a daily and a monthly series in one table each its own period and season length', () => {
    const d = days(40);
    const m = months(24);
    const periods = inferPeriods([...d.map(() => 'daily'), ...m.map(() => 'monthly')], [...d, ...m]);
    expect([...periods]).toEqual([['daily', 'day'], ['monthly', 'month']]);
    expect(defaultSeasonLength(periods.get('daily')!)).toBe(7);
    expect(defaultSeasonLength(periods.get('monthly')!)).toBe(12);
    // the table's dates together say 'day' for everything: the rule this replaces
    expect(inferPeriod([...d, ...m])).toBe('day');
  });

  it('gives a series of one date the period of the others when they agree, and of the whole table when none can tell', () => {
    const m = months(12);
    expect(inferPeriods([...m.map(() => 'a'), 'new'], [...m, '2023-06-01']).get('new')).toBe('month');
    // two one-date series a week apart: the table's dates decide, as they did for the whole table
    expect([...inferPeriods(['a', 'b'], ['2024-01-01', '2024-01-08']).values()]).toEqual(['week', 'week']);
  });

  it('keeps a weekly count sold every fourth week weekly: 28 days apart, but two of its dates in one month', () => {
    const weeks = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
    const sparse = [weeks[0], weeks[4], weeks[8]];
    expect(inferPeriod(sparse)).toBe('month');
    expect(inferPeriods([...weeks.map(() => 'a'), ...sparse.map(() => 'sparse')], [...weeks, ...sparse]).get('sparse')).toBe('week');
    // months on the 1st never share a month: monthly stays monthly beside a weekly series
    expect(inferPeriods([...weeks.map(() => 'a'), 'm', 'm', 'm'], [...weeks, '2024-01-01', '2024-02-01', '2024-03-01']).get('m')).toBe('month');
  });

  it('names a series that cannot tell its period while the others disagree, in the words of inferPeriod', () => {
    const d = days(10);
    const m = months(6);
    const ids = [...d.map(() => 'daily'), ...m.map(() => 'monthly'), 'odd', 'odd'];
    const dates = [...d, ...m, '2024-03-01', '2024-03-04'];
    expect(() => inferPeriods(ids, dates)).toThrow(InputError);
    expect(() => inferPeriods(ids, dates)).toThrow(
      'inferPeriod: smallest gap between dates of series "odd" is 3 days and the other series are daily and monthly, give period: day, week, month, quarter, year',
    );
    // no series can tell and neither can the table: inferPeriod's own message
    expect(() => inferPeriods(['a'], ['2024-01-01'])).toThrow('inferPeriod: smallest gap between dates is undefined (one date), give period: day, week, month, quarter, year');
  });
});
