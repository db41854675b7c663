import { describe, expect, it } from 'vitest';
import { clip, DATE_FORMATS, dateProblem, fullYear, InputError, OptionError, parseDate, parseDateFormat, parseDateOption, quoted, readDate } from '../../src/index.js';

describe('the one date parser', () => {
  it('readDate(text) reads ISO calendar days and refuses 2024-99-99, 2024-13-45, 2023-02-29 and year 0', () => {
    expect(readDate('2024-02-29')).toBe('2024-02-29');
    expect(readDate('2024-99-99')).toBeNull();
    expect(readDate('2024-13-45')).toBeNull();
    expect(readDate('2023-02-29')).toBeNull();
    expect(readDate('0000-01-01')).toBeNull();
    expect(readDate('2024-1-5')).toBeNull();
    expect(readDate('2024-01-05 00:00:00')).toBeNull();
    expect(readDate('2024-01-05 00:00:00', { time: true })).toBe('2024-01-05');
    expect(readDate('2024-01-05Tgarbage', { time: true })).toBeNull();
  });

  it('readDate(text, { format }) reads slash dates in the order given, with two-digit years pivoting at 69 (POSIX %y)', () => {
    expect(readDate('11/8/2017', { format: 'MM/DD/YYYY' })).toBe('2017-11-08');
    expect(readDate('11/8/2017', { format: 'DD/MM/YYYY' })).toBe('2017-08-11');
    expect(readDate('05/02/10', { format: 'DD/MM/YY' })).toBe('2010-02-05');
    expect(readDate('05/02/10', { format: 'MM/DD/YY' })).toBe('2010-05-02');
    expect(readDate('1/1/68', { format: 'DD/MM/YY' })).toBe('2068-01-01');
    expect(readDate('1/1/69', { format: 'DD/MM/YY' })).toBe('1969-01-01');
    expect(readDate('11/28/2017', { format: 'DD/MM/YYYY' })).toBeNull();
    expect(readDate('11/8/2017')).toBeNull(); // ISO only without a format
    expect(readDate('2024-03-01', { format: 'MM/DD/YY' })).toBe('2024-03-01');
    expect(fullYear('00')).toBe(2000);
    expect(fullYear('99')).toBe(1999);
  });

  it('dateProblem(text) says why a text is no day', () => {
    expect(dateProblem('2024-13-45')).toBe('there is no month 13');
    expect(dateProblem('2023-02-29')).toBe('2023-02 has 28 days');
    expect(dateProblem('0000-03-01')).toBe('there is no year 0');
    expect(dateProblem('31/04/2024', { format: 'DD/MM/YYYY' })).toBe('2024-04 has 30 days (read as DD/MM)');
    expect(dateProblem('tomorrow')).toBe('expected YYYY-MM-DD');
    expect(dateProblem('2024-01-31')).toBeNull();
  });

  it('parseDate(text, { where }) throws one InputError with code E_DATE naming the place and what was given', () => {
    expect(parseDate('2024-01-31')).toBe('2024-01-31');
    let error: unknown;
    try {
      parseDate('2024-13-45', { where: { file: 'w.csv', line: 3, column: 'ds' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('E_DATE');
    expect((error as Error).message).toBe('w.csv, line 3, column ds: got "2024-13-45", not a date: there is no month 13');
  });

  it('parseDateOption(option, text) refuses 2024-99-99 as an OptionError naming the option and the text', () => {
    expect(parseDateOption('--as-of', '2024-03-31')).toBe('2024-03-31');
    expect(() => parseDateOption('--as-of', '2024-99-99')).toThrow('--as-of: got "2024-99-99" (there is no month 99), allowed: a calendar date YYYY-MM-DD');
    expect(() => parseDateOption('--to', 'soon')).toThrow('--to: got "soon", allowed: a calendar date YYYY-MM-DD');
    try {
      parseDateOption('--from', '2023-02-29');
    } catch (e) {
      expect(e).toBeInstanceOf(OptionError);
      expect((e as OptionError).got).toBe('2023-02-29');
      expect((e as OptionError).allowed).toBe('a calendar date YYYY-MM-DD');
    }
  });

  it('parseDateFormat(option, text) names the formats it knows', () => {
    expect(parseDateFormat('--date-format', 'mm/dd/yy')).toBe('MM/DD/YY');
    expect(() => parseDateFormat('--date-format', 'D.M.Y')).toThrow(`--date-format: got "D.M.Y", allowed: ${DATE_FORMATS.join(', ')}`);
  });
});

describe('clip', () => {
  it('clip(text) cuts a long text and says its length; quoted(value) clips before quoting', () => {
    expect(clip('short')).toBe('short');
    const big = 'k'.repeat(10_000_000);
    expect(clip(big).length).toBeLessThan(120);
    expect(clip(big, 4)).toBe('kkkk… (10000000 characters)');
    expect(quoted(big, 2)).toBe('"kk… (10000000 characters)"');
    expect(clip('ab😀cd', 3)).toBe('ab… (6 characters)');
  });

  it('OptionError quotes a 10 MB value clipped', () => {
    const error = new OptionError('--key', 'x'.repeat(10_000_000), 'columns of the file: id');
    expect(error.message.length).toBeLessThan(200);
    expect(error.got).toHaveLength(10_000_000);
  });
});
