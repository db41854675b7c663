import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { detectDelimiter, InputError, loadFile, OptionError, readCsv, type LoadReport, type Warehouse } from '../../src/index.js';
import { backends, testWarehouse } from '../helpers/backends.js';

const counts = (r: LoadReport) => ({ rowsRead: r.rowsRead, loaded: r.loaded, updated: r.updated, duplicates: r.duplicates, quarantined: r.quarantined });

let dir: string;
/** Writes `text` to a fresh file of the temp dir and returns its path. */
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpicast-csv-edge-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 5,000 rows of integers, then a decimal comma on row 5,001. */
const lateDecimalComma = () => {
  let text = 'a;b\n';
  for (let i = 1; i <= 5000; i++) text += `${i};${i}\n`;
  return text + '5001;12,5\n';
};

describe('reading CSV edge cases (no database)', () => {
  it('readCsv: a stray quote does not merge rows; its line is kept with a problem naming where the unexpected text is', () => {
    const source = readCsv('id,name\n1,"abc\n2,x\n3,"y"\n4,z\n', 's.csv');
    expect(source.rows.map((r) => [r.line, r.raw, r.problem])).toEqual([
      [2, '1,"abc', expect.stringMatching(/^unexpected "y" after a closing quote at line 4, column 4/)],
      [3, '2,x', undefined],
      [4, '3,"y"', undefined],
      [5, '4,z', undefined],
    ]);
    expect(source.rows.slice(1).map((r) => r.values)).toEqual([['2', 'x'], ['3', 'y'], ['4', 'z']]);
  });

  it('readCsv: text right after a closing quote on one line makes that row malformed, the others are read as before', () => {
    const source = readCsv('id,name\r\n1,"a"b\r\n2,"c, d"\r\n3,"e ""f"""\r\n', 's.csv');
    expect(source.rows.map((r) => [r.line, r.raw, r.problem ?? r.values])).toEqual([
      [2, '1,"a"b', 'unexpected "b" after a closing quote at line 2, column 6'],
      [3, '2,"c, d"', ['2', 'c, d']],
      [4, '3,"e ""f"""', ['3', 'e "f"']],
    ]);
  });

  it('readCsv: a malformed field after a good multi-line field quarantines that whole record, the next line is read on its own', () => {
    const source = readCsv('id,a,b\n1,"multi\nline","x"y\n2,p,q\n', 's.csv');
    expect(source.rows.map((r) => [r.line, r.raw, r.problem ?? r.values])).toEqual([
      [2, '1,"multi\nline","x"y', 'unexpected "y" after a closing quote at line 3, column 10'],
      [4, '2,p,q', ['2', 'p', 'q']],
    ]);
  });

  it('readCsv: a malformed header fails with one InputError naming file, line and column', () => {
    const error = (() => {
      try {
        readCsv('"id"x,name\n1,a\n', 'h.csv');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe('h.csv, line 1, column 5: unexpected "x" after a closing quote');
  });

  it('readCsv: a decimal comma after row 5,000 is detected', () => {
    expect(readCsv(lateDecimalComma(), 'd.csv').decimal).toBe(',');
    expect(readCsv('a;b\n1;2.5\n2;x,y\n', 'd.csv').decimal).toBe('.');
  });

  it('detectDelimiter: | is a candidate; a single-column header yields to a delimiter every data line holds', () => {
    expect(detectDelimiter('id|name|amount\n1|a|2.5\n')).toBe('|');
    expect(detectDelimiter('id,name|x\n')).toBe(',');
    expect(detectDelimiter('Ventes\n1;a;2\n2;b;3\n')).toBe(';');
    expect(detectDelimiter('Ventes\r\n1|a\r\n\r\n2|b\r\n')).toBe('|');
    expect(detectDelimiter('name\nParis\nLille\n')).toBe(',');
    expect(detectDelimiter('amount\n1;5\n3\n')).toBe(',');
  });

  it('readCsv: an explicit delimiter must be one character', () => {
    for (const bad of [';;', '', '"', '\n']) {
      expect(() => readCsv('a;b\n1;2\n', 'o.csv', { delimiter: bad })).toThrow(OptionError);
    }
    expect(() => readCsv('a;b\n1;2\n', 'o.csv', { delimiter: ';;' })).toThrow(/^delimiter: got ";;", allowed: one character/);
    expect(readCsv('a|b\n1|2\n', 'o.csv', { delimiter: '|' }).columns).toEqual(['a', 'b']);
  });
});

describe.each(backends)('loading CSV edge cases on %s', (backend) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  const rows = async (sql: string) => (await warehouse.query(sql)).rows;
  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse(backend));
  });
  afterAll(() => cleanup());

  it('loadFile: a stray quote quarantines its line (read 4 = loaded 3 + quarantined 1), nothing is merged into another row', async () => {
    const report = await loadFile(warehouse, file('stray.csv', 'id,name\n1,"abc\n2,x\n3,"y"\n4,z\n'), { table: 'stray', key: ['id'], quiet: true });
    expect(counts(report)).toEqual({ rowsRead: 4, loaded: 3, updated: 0, duplicates: 0, quarantined: 1 });
    expect(await rows('select id, name from raw.stray order by id')).toEqual([{ id: 2, name: 'x' }, { id: 3, name: 'y' }, { id: 4, name: 'z' }]);
    const q = await rows(`select line_number, raw_text, reason from quarantine where run_id = ${report.runId}`);
    expect(q.map((r) => [r.line_number, r.raw_text])).toEqual([[2, '1,"abc']]);
    expect(String(q[0].reason)).toMatch(/^unexpected "y" after a closing quote at line 4, column 4/);
  });

  it('loadFile: a decimal comma on row 5,001 makes a new column numeric, and loads into an existing numeric column', async () => {
    const path = file('late-comma.csv', lateDecimalComma());
    const report = await loadFile(warehouse, path, { table: 'late_comma', key: ['a'], quiet: true });
    expect(counts(report)).toEqual({ rowsRead: 5001, loaded: 5001, updated: 0, duplicates: 0, quarantined: 0 });
    expect(await rows("select data_type from information_schema.columns where table_schema = 'raw' and table_name = 'late_comma' and column_name = 'b'")).toEqual([{ data_type: 'numeric' }]);
    expect(await rows('select b from raw.late_comma where a = 5001')).toEqual([{ b: 12.5 }]);
    await warehouse.exec('create table raw.late_comma_num (a integer primary key, b numeric)');
    const existing = await loadFile(warehouse, path, { table: 'late_comma_num', quiet: true });
    expect(counts(existing)).toEqual({ rowsRead: 5001, loaded: 5001, updated: 0, duplicates: 0, quarantined: 0 });
    expect(await rows('select b from raw.late_comma_num where a = 5001')).toEqual([{ b: 12.5 }]);
  });

  it('loadFile: a |-separated file is read as its columns, not one text column', async () => {
    const report = await loadFile(warehouse, file('pipes.csv', 'id|name|amount\n1|a|2.5\n2|b|3\n'), { table: 'pipes', key: ['id'], quiet: true });
    expect(counts(report)).toEqual({ rowsRead: 2, loaded: 2, updated: 0, duplicates: 0, quarantined: 0 });
    expect(await rows("select column_name, data_type from information_schema.columns where table_schema = 'raw' and table_name = 'pipes' order by ordinal_position")).toEqual([
      { column_name: 'id', data_type: 'integer' },
      { column_name: 'name', data_type: 'text' },
      { column_name: 'amount', data_type: 'numeric' },
    ]);
  });

  it('loadFile: a single-column header over ;-separated lines quarantines the lines (wrong field count) instead of loading them as text', async () => {
    const report = await loadFile(warehouse, file('title.csv', 'Ventes\n1;a;2\n2;b;3\n'), { table: 'title_line', quiet: true }).catch((e: unknown) => e);
    // No usable row to infer a new table from: one line naming the file, nothing written.
    expect(report).toBeInstanceOf(InputError);
    expect(await rows("select to_regclass('raw.title_line') is null as none")).toEqual([{ none: true }]);
    await warehouse.exec('create table raw.title_line2 (ventes text)');
    const into = await loadFile(warehouse, file('title2.csv', 'Ventes\n1;a;2\n2;b;3\n'), { table: 'title_line2', quiet: true });
    expect(counts(into)).toEqual({ rowsRead: 2, loaded: 0, updated: 0, duplicates: 0, quarantined: 2 });
    expect(await rows(`select distinct reason from quarantine where run_id = ${into.runId}`)).toEqual([{ reason: 'wrong field count: got 3, expected 1' }]);
  });
});

const run = promisify(execFile);
const cli = async (args: string[]) => {
  try {
    const { stdout, stderr } = await run('node', ['bin/kpicast.js', '-q', ...args], { env: { ...process.env, KPICAST_DB: 'memory' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

describe('kpicast load option errors (the built CLI)', () => {
  beforeAll(() => {
    if (!existsSync('dist/src/cli/main.js')) throw new Error('run `npm run build` first: the CLI tests run dist/');
  });
  const stores = join('tests/fixtures/ingest', 'stores.csv');

  it.each([
    [['--key', 'shop'], 'kpicast: --key: got "shop", allowed: columns of the file: store_id, name, city, region, tax_rate, opened_on (or their headers as written)\n'],
    [['--table', 'bad-name'], 'kpicast: --table: got "bad-name", allowed: a name like orders or schema.table (letters, digits, _)\n'],
    [['--encoding', 'klingon'], 'kpicast: --encoding: got "klingon", allowed: utf-8, windows-1252, latin1 or any iconv-lite encoding\n'],
    [['--delimiter', ';;'], 'kpicast: --delimiter: got ";;", allowed: one character other than a quote or a line break, or tab (also written \\t)\n'],
    [['--delimiter', ''], 'kpicast: --delimiter: got "", allowed: one character other than a quote or a line break, or tab (also written \\t)\n'],
  ])('kpicast load stores.csv %j exits 1 with one line naming the option as typed', async (extra, expected) => {
    const args = ['load', stores, '--table', 'stores', ...extra];
    const { code, stdout, stderr } = await cli(args);
    expect(stderr).toBe(expected);
    expect(stdout).toBe('');
    expect(code).toBe(1);
  });

  it('kpicast load --delimiter tab and "|" are accepted', async () => {
    const pipes = file('cli-pipes.csv', 'id|name\n1|a\n');
    const { code, stdout } = await cli(['load', pipes, '--table', 'cli_pipes', '--delimiter', '|']);
    expect(stdout).toMatch(/read 1, loaded 1 /);
    expect(code).toBe(0);
    const tabs = file('cli-tabs.csv', 'id\tname\n1\ta\n');
    expect((await cli(['load', tabs, '--table', 'cli_tabs', '--delimiter', 'tab'])).stdout).toMatch(/read 1, loaded 1 /);
  });
});
