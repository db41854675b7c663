import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forecast, InputError, readLongCsv, readLongRows, toSeries } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kpicast-long-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const thrown = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
};

describe('readLongCsv(file) reads numbers and dates as load does', () => {
  it('readLongCsv of a ;-separated file with decimal commas reads 100,5 as 100.5, not as missing', () => {
    const df = readLongCsv(file('fr.csv', 'unique_id;ds;y\nA;2024-01-01;100,5\nA;2024-01-08;1.234,5\nA;2024-01-15;\n'));
    expect(df.getColumn('y').toArray()).toEqual([100.5, 1234.5, null]);
    const [series] = toSeries(df);
    expect(Array.from(series.values)).toEqual([100.5, 1234.5, NaN]);
  });

  it('readLongCsv reads thousands grouped by commas in a quoted field, NA as missing, and a time after ds', () => {
    const df = readLongCsv(file('us.csv', 'unique_id,ds,y\nA,2024-01-01 00:00:00,"1,234.5"\nA,2024-01-08 00:00:00,NA\n'));
    expect(df.getColumn('y').toArray()).toEqual([1234.5, null]);
    expect(df.getColumn('ds').toArray()).toEqual(['2024-01-01', '2024-01-08']);
  });

  it('readLongCsv refuses a y it cannot read in one line with file, line and column', () => {
    const path = file('abc.csv', 'unique_id,ds,y\nA,2024-01-01,1\nA,2024-01-08,abc\n');
    const error = thrown(() => readLongCsv(path));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(`${path}, line 3, column y: got "abc", not a number: expected a number such as 1234.5 or 1,234.5, or empty for a missing value`);
  });

  it('readLongCsv refuses a ds that is no calendar day naming file, line and column', () => {
    const path = file('ds.csv', 'unique_id,ds,y\nA,2024-01-01,1\nA,2024-13-45,2\n');
    expect(() => readLongCsv(path)).toThrow(`${path}, line 3, column ds: got "2024-13-45", not a date: there is no month 13`);
    const leap = file('leap.csv', 'unique_id,ds,y\nA,2023-02-29,1\n');
    expect(() => readLongCsv(leap)).toThrow(`${leap}, line 2, column ds: got "2023-02-29", not a date: 2023-02 has 28 days`);
  });

  it('readLongCsv of a directory is one line naming the path', () => {
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    expect(() => readLongCsv(folder)).toThrow(`${folder}: is a directory, expected a CSV file (unique_id, ds, y)`);
  });

  it('readLongCsv(file, { period: "infer" }) names the file and the lines when the period cannot be inferred', () => {
    const one = file('one.csv', 'unique_id,ds,y\nA,2024-01-01,1\n');
    expect(() => readLongCsv(one, { period: 'infer' })).toThrow(`${one}: cannot infer the period from one date (2024-01-01, line 2); give the period (--period day, week, month, quarter, year)`);
    const odd = file('odd.csv', 'unique_id,ds,y\nA,2024-01-01,1\nA,2024-01-04,2\nA,2024-01-10,3\n');
    expect(() => readLongCsv(odd, { period: 'infer' })).toThrow(
      `${odd}: cannot infer the period: the closest dates are 3 days apart (2024-01-01 at line 2, 2024-01-04 at line 3), not 1, 7, 28-31, 89-92 or 365-366; give the period (--period day, week, month, quarter, year)`,
    );
    expect(readLongCsv(odd, { period: 'week' }).height).toBe(3);
    expect(readLongCsv(file('weeks.csv', 'unique_id,ds,y\nA,2024-01-01,1\nA,2024-01-08,2\n'), { period: 'infer' }).height).toBe(2);
  });

  it('readLongCsv(file, { period: "infer" }) infers each series on its own, naming the one that cannot tell while the others disagree', () => {
    // weekly on Mondays and monthly on the 1st: together their closest dates are 1 day apart, yet each series is regular
    const mixed = file('mixed.csv', 'unique_id,ds,y\nW,2024-01-01,1\nW,2024-01-08,2\nW,2024-01-15,3\nM,2024-01-02,1\nM,2024-02-02,2\n');
    const read = readLongCsv(mixed, { period: 'infer' });
    expect(toSeries(read).map((s) => s.period)).toEqual(['week', 'month']);
    const odd = file('odd-series.csv', 'unique_id,ds,y\nW,2024-01-01,1\nW,2024-01-08,2\nM,2024-01-01,1\nM,2024-02-01,2\nX,2024-01-01,1\nX,2024-01-04,2\n');
    expect(() => readLongCsv(odd, { period: 'infer' })).toThrow(
      `${odd}: cannot infer the period of series "X": the closest dates are 3 days apart (2024-01-01 at line 6, 2024-01-04 at line 7), not 1, 7, 28-31, 89-92 or 365-366; the other series are weekly and monthly; give the period (--period day, week, month, quarter, year)`,
    );
    const lone = file('lone.csv', 'unique_id,ds,y\nW,2024-01-01,1\nW,2024-01-08,2\nM,2024-01-01,1\nM,2024-02-01,2\nX,2024-03-05,1\n');
    expect(() => readLongCsv(lone, { period: 'infer' })).toThrow(
      `${lone}: cannot infer the period of series "X" from one date (2024-03-05, line 6); the other series are weekly and monthly; give the period (--period day, week, month, quarter, year)`,
    );
  });

  it('readLongCsv refuses a row with a wrong field count and an empty unique_id with their lines', () => {
    const short = file('short.csv', 'unique_id,ds,y\nA,2024-01-01,1\nA,2024-01-08\n');
    expect(() => readLongCsv(short)).toThrow(`${short}, line 3: wrong field count: got 2, expected 3`);
    const noId = file('noid.csv', 'unique_id,ds,y\n,2024-01-01,1\n');
    expect(() => readLongCsv(noId)).toThrow(`${noId}, line 2, column unique_id: unique_id is empty`);
  });
});

describe('kpicast forecast --input (the built CLI) reads through readLongCsv', () => {
  const cli = async (args: string[]) => {
    const { execFile } = await import('node:child_process');
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile('node', ['bin/kpicast.js', '-q', ...args], (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
    });
  };

  it('kpicast forecast --input of a file holding abc exits 1 with one line naming file, line and column', async () => {
    const path = file('cli-abc.csv', 'unique_id;ds;y\nA;2024-01-01;100,5\nA;2024-01-08;abc\n');
    const { code, stdout, stderr } = await cli(['forecast', '--input', path]);
    expect(stderr).toBe(`kpicast: ${path}, line 3, column y: got "abc", not a number: expected a number such as 1234,5 or 1.234,5 (decimal comma), or empty for a missing value\n`);
    expect(stdout).toBe('');
    expect(code).toBe(1);
  });

  it('kpicast backtest --input of a directory exits 1 with one line naming it', async () => {
    const folder = join(dir, 'cli-folder');
    mkdirSync(folder, { recursive: true });
    const { code, stderr } = await cli(['backtest', '--input', folder]);
    expect(stderr).toBe(`kpicast: ${folder}: is a directory, expected a CSV file (unique_id, ds, y)\n`);
    expect(code).toBe(1);
  });
});

describe('readLongRows(file): the same rows as plain arrays, the period inferred once', () => {
  const text = 'unique_id,ds,y\nd,2024-01-01,1\nd,2024-01-02,2\nd,2024-01-03,\nd,2024-01-05,4\nd,2024-01-06,5\nd,2024-01-07,6\nw,2024-01-01,10\nw,2024-01-08,12\nw,2024-01-15,11\nw,2024-01-29,13\nw,2024-02-05,12\nw,2024-02-12,14\n';

  it('gives the rows readLongCsv gives, and with period infer each series\' period', () => {
    const path = file('rows.csv', text);
    const rows = readLongRows(path, { period: 'infer' });
    const df = readLongCsv(path);
    expect(rows.unique_id).toEqual(df.getColumn('unique_id').toArray());
    expect(rows.ds).toEqual(df.getColumn('ds').toArray());
    expect(rows.y).toEqual(df.getColumn('y').toArray());
    expect(rows.periods).toEqual(new Map([['d', 'day'], ['w', 'week']]));
    expect(readLongRows(path).periods).toBeUndefined();
  });

  it('toSeries and forecast of the rows equal those of the DataFrame (gaps filled, each series at its own period)', async () => {
    const path = file('rows-forecast.csv', text);
    const rows = readLongRows(path, { period: 'infer' });
    const df = readLongCsv(path);
    const fromRows = toSeries(rows);
    expect(fromRows).toEqual(toSeries(df));
    expect(fromRows.map((s) => [s.period, s.values.length])).toEqual([['day', 7], ['week', 7]]);
    const options = { h: 2, models: ['naive', 'drift'], windows: 2, parallel: false } as const;
    const [a, b] = await Promise.all([forecast(rows, options), forecast(df, options)]);
    expect(a.forecasts.toRecords()).toEqual(b.forecasts.toRecords());
  });

  it('toSeries uses the periods the rows carry instead of inferring them again', () => {
    // the reader's periods are what toSeries would infer; given others, toSeries follows them
    const path = file('rows-periods.csv', text);
    const rows = readLongRows(path, { period: 'infer' });
    const weekly = toSeries({ ...rows, periods: new Map([['d', 'week'], ['w', 'week']]) });
    expect(weekly.map((s) => s.period)).toEqual(['week', 'week']);
  });
});

describe('readLongRows: a plain comma-separated file (no quote) is split line by line, with the same result as the general reader', () => {
  // the same table twice: plain, and with one quoted field, which sends it through readCsv
  const body = ['\ufeffunique_id,ds,y,promo', 'A,2024-01-01,1,0', ' A ,2024-01-08 00:00:00, 2.5 ,', '', 'B,2024-01-01,NA,1\r', 'B,2024-01-08,,0', 'B,2024-01-15,3,0.5'];
  const plain = file('plain.csv', `${body.join('\n')}\n`);
  const quoted = file('quoted.csv', `${body.join('\n').replace('B,2024-01-15,3,0.5', 'B,2024-01-15,"3",0.5')}\n`);

  it('reads the same ids, days, values, event columns and periods either way', () => {
    const a = readLongRows(plain, { period: 'infer', columns: ['promo'] });
    const b = readLongRows(quoted, { period: 'infer', columns: ['promo'] });
    expect(a.unique_id).toEqual(['A', 'A', 'B', 'B', 'B']);
    expect(a.ds).toEqual(['2024-01-01', '2024-01-08', '2024-01-01', '2024-01-08', '2024-01-15']);
    expect(a.y).toEqual([1, 2.5, null, null, 3]);
    expect(a.columns).toEqual({ promo: [0, null, 1, 0, 0.5] });
    expect([...a.periods!]).toEqual([['A', 'week'], ['B', 'week']]);
    expect(a).toEqual(b);
  });

  it('takes the first non-blank line as the header, as the general reader does (a blank or BOM-only first line)', () => {
    for (const first of ['', '\ufeff', '\r']) {
      const rows = readLongRows(file('blank.csv', `${first}\nunique_id,ds,y\nA,2024-01-01,1\nA,2024-01-08,2\n`));
      expect(rows.unique_id).toEqual(['A', 'A']);
      expect(rows.y).toEqual([1, 2]);
    }
    // a first line of spaces is a header without names, to both
    expect(thrown(() => readLongRows(file('spaces.csv', ' \nunique_id,ds,y\nA,2024-01-01,1\n'))).message).toMatch(/spaces\.csv, line 1: no header: column 1 of the first line has no name/);
  });

  it('names the same line and column for a bad value, and the same line for a row of another width, either way', () => {
    const bad = ['unique_id,ds,y', 'A,2024-01-01,1', '', 'A,2024-01-08,abc'];
    for (const text of [bad.join('\n'), bad.join('\n').replace('A,2024-01-01,1', '"A",2024-01-01,1')]) {
      const error = thrown(() => readLongRows(file('bad.csv', `${text}\n`)));
      expect(error.message).toMatch(/bad\.csv, line 4, column y: got "abc", not a number/);
    }
    const wide = ['unique_id,ds,y', 'A,2024-01-01,1', 'A,2024-01-08,2,9'];
    for (const text of [wide.join('\n'), wide.join('\n').replace('A,2024-01-01,1', '"A",2024-01-01,1')]) {
      const error = thrown(() => readLongRows(file('wide.csv', `${text}\n`)));
      expect(error.message).toMatch(/wide\.csv, line 3: wrong field count: got 4, expected 3/);
    }
  });
});
