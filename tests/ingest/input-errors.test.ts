import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { convertValue, InputError, keyColumns, loadFile, OptionError, readCsv, ValueError, type LoadReport, type Warehouse } from '../../src/index.js';
import { backends, testWarehouse } from '../helpers/backends.js';

const counts = (r: LoadReport) => ({ rowsRead: r.rowsRead, loaded: r.loaded, updated: r.updated, duplicates: r.duplicates, quarantined: r.quarantined });
const dir = mkdtempSync(join(tmpdir(), 'kpicast-input-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('keyColumns(key, headers, names)', () => {
  it('maps a key written as the header spells it to its column name', () => {
    expect(keyColumns(['Row ID'], ['Row ID', 'Order Date'], ['row_id', 'order_date'])).toEqual(['row_id']);
    expect(keyColumns(['row id', 'order_date'], ['Row ID', 'Order Date'], ['row_id', 'order_date'])).toEqual(['row_id', 'order_date']);
  });

  it('refuses a column given twice in one line naming key and the column', () => {
    expect(() => keyColumns(['id', 'id'], ['id', 'x'], ['id', 'x'])).toThrow('key: got "id,id" (column "id" given twice), allowed: distinct columns of the file');
    expect(() => keyColumns(['Row ID', 'row_id'], ['Row ID'], ['row_id'])).toThrow(/column "row_id" given twice \("Row ID" and "row_id" are both column row_id\)/);
    expect(() => keyColumns(['id', 'id'], ['id'], ['id'])).toThrow(OptionError);
  });
});

describe('readCsv and values: messages that say what is wrong', () => {
  it('readCsv of a header "a," above rows "1,2" names the unnamed column holding data, not "no rows"', () => {
    expect(() => readCsv('a,\n1,2\n3,4\n', 'h.csv')).toThrow('h.csv, line 1: header: column 2 has no name (the first line ends with ","), yet every row has a value there (line 2: "2"); name the column');
  });

  it('ValueError is a kind of InputError with code E_VALUE', () => {
    let error: unknown;
    try {
      convertValue('abc', { type: 'integer' }, '.');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValueError);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('E_VALUE');
  });

  it('a 10 MB value quoted in a reason is clipped', () => {
    const big = 'z'.repeat(10_000_000);
    expect(() => convertValue(big, { type: 'integer' }, '.')).toThrow(/^unparsable integer "z{80}… \(10000000 characters\)"$/);
  });
});

describe.each(backends)('loadFile keys and inputs on %s', (backend) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  const rows = async (sql: string) => (await warehouse.query(sql)).rows;
  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse(backend));
  });
  afterAll(() => cleanup());

  it('loadFile(..., { key: ["Row ID"] }) takes the header as written and makes row_id the primary key', async () => {
    const path = file(`rowid-${backend}.csv`, 'Row ID,Sales\n1,2.5\n2,3\n');
    const report = await loadFile(warehouse, path, { table: 'rowid', key: ['Row ID'], quiet: true });
    expect(report.loaded).toBe(2);
    expect(await rows("select a.attname::text as name from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey) where i.indrelid = 'raw.rowid'::regclass and i.indisprimary")).toEqual([{ name: 'row_id' }]);
  });

  it('loadFile(..., { key: ["id", "id"] }) is one OptionError naming key and the column, before anything is created', async () => {
    const path = file(`twice-${backend}.csv`, 'id,x\n1,2\n');
    await expect(loadFile(warehouse, path, { table: 'twice', key: ['id', 'id'], quiet: true })).rejects.toThrow('key: got "id,id" (column "id" given twice), allowed: distinct columns of the file');
    expect(await rows("select count(*)::int as n from information_schema.tables where table_name = 'twice'")).toEqual([{ n: 0 }]);
  });

  it('loadFile of a 10 MB key value quarantines that row with its reason, clipped, and loads the rest', async () => {
    const big = 'k'.repeat(10_000_000);
    const path = file(`bigkey-${backend}.csv`, `id,v\na,1\n${big},2\nb,3\n`);
    const report = await loadFile(warehouse, path, { table: 'bigkey', key: ['id'], quiet: true });
    expect(counts(report)).toEqual({ rowsRead: 3, loaded: 2, updated: 0, duplicates: 0, quarantined: 1 });
    const q = await rows(`select line_number, column_name, reason, length(raw_text) as raw from quarantine where run_id = ${report.runId}`);
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ line_number: 3, column_name: 'id', raw: 10_000_002 });
    expect(q[0].reason).toMatch(/^value of id too long for its index: 10000000 bytes, at most 2600 \(PostgreSQL refuses btree entries above about 2704 bytes\): "k{80}… \(10000000 characters\)"$/);
    expect(await rows('select id from raw.bigkey order by id')).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('loadFile into an existing table with a unique index quarantines a value too long for it', async () => {
    await warehouse.exec('create table raw.codes (code text primary key, label text)');
    const path = file(`codes-${backend}.csv`, `code,label\n${'c'.repeat(3000)},long\nshort,ok\n`);
    const report = await loadFile(warehouse, path, { table: 'codes', quiet: true });
    expect(counts(report)).toEqual({ rowsRead: 2, loaded: 1, updated: 0, duplicates: 0, quarantined: 1 });
  });

  it('loadFile of a directory is one InputError naming the path', async () => {
    const folder = join(dir, `folder-${backend}.csv`);
    mkdirSync(folder, { recursive: true });
    await expect(loadFile(warehouse, folder, { table: 'folder', quiet: true })).rejects.toThrow(`${folder}: is a directory, expected a file to load (give one file inside it)`);
  });

  it('loadFile of a header "a," above rows "1,2" says the header lacks a name, not that the file has no rows', async () => {
    const path = file(`unnamed-${backend}.csv`, 'a,\n1,2\n');
    await expect(loadFile(warehouse, path, { table: 'unnamed', quiet: true })).rejects.toThrow(/line 1: header: column 2 has no name .*yet every row has a value there \(line 2: "2"\)/);
  });

  it('loadFile of a 10 MB header name makes a short error', async () => {
    const path = file(`bighead-${backend}.csv`, `id,${'h'.repeat(10_000_000)}\n1,2\n`);
    await warehouse.exec('create table raw.bighead (id int)');
    const error = await loadFile(warehouse, path, { table: 'bighead', quiet: true }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message.length).toBeLessThan(600);
    expect((error as Error).message).toMatch(/columns not in table raw\.bighead: h{80}… \(10000000 characters\)/);
  });
});

const run = promisify(execFile);
const cli = async (args: string[]) => {
  try {
    const { stdout, stderr } = await run('node', ['bin/kpicast.js', '-q', ...args], { env: { ...process.env, KPICAST_DB: 'memory' }, maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

describe('kpicast load (the built CLI)', () => {
  beforeAll(() => {
    if (!existsSync('dist/src/cli/main.js')) throw new Error('run `npm run build` first: the CLI tests run dist/');
  });

  it('kpicast load --key id,id exits 1 with one line naming --key and the repeated column', async () => {
    const path = file('cli-twice.csv', 'id,x\n1,2\n');
    const { code, stderr } = await cli(['load', path, '--table', 'cli_twice', '--key', 'id,id']);
    expect(stderr).toBe('kpicast: --key: got "id,id" (column "id" given twice), allowed: distinct columns of the file\n');
    expect(code).toBe(1);
  });

  it('kpicast load --key "Row ID" loads, and --date-format settles an ambiguous column', async () => {
    const path = file('cli-rowid.csv', 'Row ID,Order Date\n1,11/8/2017\n2,10/9/2017\n');
    const refused = await cli(['load', path, '--table', 'cli_rowid', '--key', 'Row ID']);
    expect(refused.stderr).toMatch(/^kpicast: .*cli-rowid\.csv, column Order Date: ambiguous dates: .*give --date-format DD\/MM\/YYYY, MM\/DD\/YYYY, DD\/MM\/YY or MM\/DD\/YY\n$/);
    expect(refused.code).toBe(1);
    const { code, stdout } = await cli(['load', path, '--table', 'cli_rowid', '--key', 'Row ID', '--date-format', 'MM/DD/YYYY']);
    expect(stdout).toMatch(/read 2, loaded 2 /);
    expect(code).toBe(0);
  });

  it('kpicast load --date-format with an unknown format exits 1 naming the formats', async () => {
    const path = file('cli-fmt.csv', 'id\n1\n');
    const { code, stderr } = await cli(['load', path, '--table', 'cli_fmt', '--date-format', 'D.M.Y']);
    expect(stderr).toBe('kpicast: --date-format: got "D.M.Y", allowed: YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY, DD/MM/YY, MM/DD/YY\n');
    expect(code).toBe(1);
  });
});
