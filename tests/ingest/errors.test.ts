import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadFile, InputError, type Warehouse } from '../../src/index.js';
import { backends, testWarehouse, freshServerDatabase } from '../helpers/backends.js';

const fixture = (name: string) => join('tests/fixtures/ingest', name);

describe.each(backends)('loadFile errors on %s', (backend) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  const load = (name: string, table: string, extra: Record<string, unknown> = {}) => loadFile(warehouse, fixture(name), { table, quiet: true, ...extra });
  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse(backend));
  });
  afterAll(() => cleanup());

  // Each error: one line, naming the file, and what is wrong.
  it.each([
    ['missing.csv', 'stores', {}, /^tests\/fixtures\/ingest\/missing\.csv: file not found$/],
    ['empty.csv', 'stores', {}, /empty\.csv: empty file: 0 bytes$/],
    ['blank-lines.csv', 'stores', {}, /blank-lines\.csv: empty file: no header and no rows$/],
    ['no-header.csv', 'stores', {}, /no-header\.csv, line 1: no header: the first line must name the columns/],
    ['missing-columns.csv', 'stores', {}, /missing-columns\.csv, line 1: required columns missing from the header: name, region \(table raw\.stores\)$/],
    ['binary.csv', 'stores', {}, /binary\.csv: undecodable bytes: NUL byte at offset 4/],
    ['bad-utf8.csv', 'stores', { encoding: 'utf-8' }, /bad-utf8\.csv: undecodable bytes: invalid UTF-8 at line 2, column 8 \(byte offset 37\)$/],
    ['undecodable.csv', 'stores', {}, /undecodable\.csv: undecodable bytes: character 37 is not valid UTF-8 nor Windows-1252$/],
    ['header-only.csv', 'inventory', {}, /header-only\.csv: table raw\.inventory does not exist and the file has no rows to infer its column types from/],
    ['stock.sqlite', 'shelves', {}, /stock\.sqlite: no table "shelves" in the SQLite file; tables: products, stock$/],
    ['stores.csv', 'stores', { key: ['shop'] }, /^key: got "shop", allowed: columns of the file: store_id, name/],
  ] as const)('loadFile(%s → %s) fails with one line', async (name, table, extra, message) => {
    const error = await load(name, table, extra).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('loadFile(bytes not valid UTF-8, no encoding given) reads them as Windows-1252 rather than failing', async () => {
    const report = await load('bad-utf8.csv', 'stores');
    expect(report.loaded).toBe(1);
    expect((await warehouse.query("select name from raw.stores where store_id = 'S01'")).rows).toEqual([{ name: 'CafÃ(' }]);
  });

  it('loadFile errors before the transaction leave no load_runs row; the errors are InputErrors', async () => {
    const error = await load('empty.csv', 'stores').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((await warehouse.query("select count(*) as n from load_runs where source_file like '%empty.csv'")).rows).toEqual([{ n: 0 }]);
  });
});

const run = promisify(execFile);
const cli = async (args: string[]) => {
  try {
    const { stdout, stderr } = await run('node', ['bin/kpicast.js', ...args], { env: { ...process.env, KPICAST_DB: 'memory' } });
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

  it('kpicast load <file> --table prints read, loaded (+updated), duplicates, quarantined on stdout', async () => {
    const { code, stdout, stderr } = await cli(['load', fixture('stores.csv'), '--table', 'stores']);
    expect(code).toBe(0);
    expect(stdout).toBe('tests/fixtures/ingest/stores.csv → raw.stores: read 3, loaded 3 (+0 updated), duplicates 0, quarantined 0  (run 1)\n');
    expect(stderr).toMatch(/✓ read stores\.csv .*\n✓ validate 3 rows and copy the good ones to staging .*\n✓ check foreign keys and constraints .*\n✓ quarantine 0 rows .*\n✓ merge into raw\.stores /);
  });

  it('kpicast load --quiet prints nothing on stderr', async () => {
    const { code, stderr } = await cli(['--quiet', 'load', fixture('stores.csv'), '--table', 'stores']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });

  it.each([
    [['load', fixture('missing.csv'), '--table', 'stores'], 'kpicast: tests/fixtures/ingest/missing.csv: file not found\n'],
    [['load', fixture('stores.csv'), '--table', 'stores', '--format', 'xls'], 'kpicast: --format: got "xls", allowed: csv, json, ndjson, parquet, sqlite\n'],
  ])('kpicast %j exits 1 with one line on stderr', async (args, expected) => {
    const { code, stdout, stderr } = await cli(args);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n').filter((l) => l.startsWith('kpicast:')).join('\n') + '\n').toBe(expected);
  });

  it('kpicast load against a refused server names the host and never shows the password', async () => {
    const { code, stderr } = await cli(['--db', 'postgres://loader:s3cr3t-pw@127.0.0.1:1/warehouse', 'load', fixture('stores.csv'), '--table', 'stores']);
    expect(code).toBe(1);
    expect(stderr).toBe('kpicast: cannot connect to PostgreSQL at 127.0.0.1:1/warehouse: connection refused\n');
    expect(stderr).not.toContain('s3cr3t');
  });

  it('kpicast load against a real server loads, and a second run counts duplicates only', async () => {
    const db = await freshServerDatabase();
    try {
      const first = await cli(['--db', db.url, '-q', 'load', fixture('stores.csv'), '--table', 'stores']);
      expect(first.stdout).toMatch(/read 3, loaded 3 \(\+0 updated\), duplicates 0, quarantined 0/);
      const second = await cli(['--db', db.url, '-q', 'load', fixture('stores.csv'), '--table', 'stores']);
      expect(second.stdout).toMatch(/read 3, loaded 0 \(\+0 updated\), duplicates 3, quarantined 0 {2}\(run 2\)/);
    } finally {
      await db.drop();
    }
  });
});
