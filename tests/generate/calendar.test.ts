import { describe, expect, it } from 'vitest';
import { dayNumber, easterSunday, frenchDate, frenchHolidays, holidaysBetween, isoDate, weekday } from '../../src/index.js';

describe('calendar', () => {
  it('easterSunday(year) matches the published dates of Easter 2023-2026', () => {
    // Dates from the Gregorian Easter tables (e.g. the USNO "Date of Easter" page).
    expect(isoDate(easterSunday(2023))).toBe('2023-04-09');
    expect(isoDate(easterSunday(2024))).toBe('2024-03-31');
    expect(isoDate(easterSunday(2025))).toBe('2025-04-20');
    expect(isoDate(easterSunday(2026))).toBe('2026-04-05');
  });

  it('frenchHolidays(2025) lists the eleven public holidays of metropolitan France', () => {
    // The 2025 list published on service-public.fr ("Jours fériés 2025").
    const days = [...frenchHolidays(2025).keys()].map(isoDate).sort();
    expect(days).toEqual([
      '2025-01-01', '2025-04-21', '2025-05-01', '2025-05-08', '2025-05-29', '2025-06-09',
      '2025-07-14', '2025-08-15', '2025-11-01', '2025-11-11', '2025-12-25',
    ]);
  });

  it('holidaysBetween(first, last) keeps only the holidays in the range, both ends included', () => {
    const range = holidaysBetween(dayNumber('2024-05-01'), dayNumber('2024-05-20'));
    // 2024: 1 May, 8 May, Ascension 9 May, Whit Monday 20 May (Easter 31 March + 50).
    expect([...range].map(isoDate).sort()).toEqual(['2024-05-01', '2024-05-08', '2024-05-09', '2024-05-20']);
  });

  it('weekday(day) is ISO: 2025-12-28 is a Sunday (7), 2023-01-02 a Monday (1)', () => {
    expect(weekday(dayNumber('2025-12-28'))).toBe(7);
    expect(weekday(dayNumber('2023-01-02'))).toBe(1);
    expect(weekday(dayNumber('1970-01-01'))).toBe(4);
  });

  it('dayNumber(iso) and isoDate(day) are inverse; frenchDate writes DD/MM/YYYY', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(isoDate(dayNumber('2024-02-29'))).toBe('2024-02-29');
    expect(frenchDate(dayNumber('2025-07-14'))).toBe('14/07/2025');
    expect(() => dayNumber('14/07/2025')).toThrow(/dayNumber: got "14\/07\/2025", allowed: a date YYYY-MM-DD/);
  });
});
