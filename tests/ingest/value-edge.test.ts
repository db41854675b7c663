import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import pg from 'pg';
import { loadFile, migrate, openWarehouse, type LoadReport, type Warehouse } from '../../src/index.js';
import { backends, freshServerDatabase, testWarehouse, type Backend } from '../helpers/backends.js';

// Values at the edges of PostgreSQL's input rules: each row ends loaded, duplicate or quarantined
// with its reason, and no value fails the whole load.

const counts = (r: LoadReport) => ({ rowsRead: r.rowsRead, loaded: r.loaded, updated: r.updated, duplicates: r.duplicates, quarantined: r.quarantined });

const EDGE_TABLE = `create table raw.edge_values (
  id integer primary key, small smallint, big bigint, u uuid, d double precision, r real,
  amount numeric(12,2), at timestamp, day date, note text)`;

describe.each(backends)('loading edge values on %s', (backend) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), `kpicast-edge-${backend}-`));
  let n = 0;
  /** Writes `content` to a new file with extension `ext` and loads it. */
  const load = (content: string | Buffer, ext: string, table: string, extra: Record<string, unknown> = {}) => {
    const file = join(dir, `f${++n}.${ext}`);
    writeFileSync(file, content);
    return loadFile(warehouse, file, { table, quiet: true, ...extra });
  };
  const rows = async (sql: string) => (await warehouse.query(sql)).rows;
  const quarantine = (report: LoadReport) =>
    rows(`select line_number, column_name, reason, raw_text from quarantine where run_id = ${report.runId} order by line_number`);

  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse(backend));
    await warehouse.exec(EDGE_TABLE);
  });
  afterAll(async () => {
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a value PostgreSQL rejects though it looks right quarantines its row, with the column and the value; the other rows load', async () => {
    const lines = [
      'id,small,big,u,d,r,amount,at,day,note',
      '1,-32768,9223372036854775807,{A0EEBC99-9C0B4EF8-BB6D6BB9-BD380A11},-Infinity,1e-40,9999999999.994,2024-01-05 24:00,0001-01-01,ok',
      '2,,,,,,,2024-01-05 25:61,,',
      '3,,,,,,,,0000-01-01,',
      '4,40000,,,,,,,,',
      '5,,,not-a-uuid,,,,,,',
      '6,,,,1e400,,,,,',
      '7,,,,,,9999999999.999,,,',
      '8,,,,,1e39,,,,',
      '9,,,,1e-400,,,,,',
      '10,,,,,,,2024-01-05 10:00:00+16,,',
      '11,,,,,,,0000-01-01 10:00,,',
    ];
    const report = await load(lines.join('\n') + '\n', 'csv', 'edge_values');
    expect(counts(report)).toEqual({ rowsRead: 11, loaded: 1, updated: 0, duplicates: 0, quarantined: 10 });
    const q = await quarantine(report);
    expect(q.map((r) => [r.line_number, r.column_name])).toEqual([
      [3, 'at'], [4, 'day'], [5, 'small'], [6, 'u'], [7, 'd'], [8, 'amount'], [9, 'r'], [10, 'd'], [11, 'at'], [12, 'at'],
    ]);
    const value = ['2024-01-05 25:61', '0000-01-01', '40000', 'not-a-uuid', '1e400', '9999999999.999', '1e39', '1e-400', '2024-01-05 10:00:00+16', '0000-01-01 10:00'];
    q.forEach((r, i) => {
      expect(String(r.reason)).toContain(JSON.stringify(value[i]));
      expect(String(r.reason)).toMatch(new RegExp(` for ${String(r.column_name)}$`));
      expect(r.raw_text).toBe(lines[i + 2]);
    });
    expect(q.map((r) => String(r.reason))).toEqual([
      'timestamp "2024-01-05 25:61" out of range: time of day 25:61 is not between 00:00 and 24:00 for at',
      'date "0000-01-01" out of range: there is no year 0 for day',
      'integer "40000" out of range for smallint for small',
      'unparsable uuid "not-a-uuid" for u',
      'number "1e400" out of range for double precision for d',
      'number "9999999999.999" too large for numeric(12,2) (it rounds to 10000000000.00) for amount',
      'number "1e39" out of range for real for r',
      'number "1e-400" out of range for double precision for d',
      'timestamp "2024-01-05 10:00:00+16" out of range: time zone offset +16 is beyond ±15:59 for at',
      'timestamp "0000-01-01 10:00" out of range: there is no year 0 for at',
    ]);
    expect(await rows("select small, big::text as big, u::text as u, d::text as d, amount::text as amount, at::text as at, day from raw.edge_values where id = 1")).toEqual([
      { small: -32768, big: '9223372036854775807', u: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', d: '-Infinity', amount: '9999999999.99', at: '2024-01-06 00:00:00', day: '0001-01-01' },
    ]);
  });

  it('a text with a NUL character (NDJSON \\u0000) is quarantined with its column and value, not a failed load', async () => {
    const report = await load('{"id":101,"note":"a\\u0000b"}\n{"id":102,"note":"fine"}\n', 'ndjson', 'edge_values');
    expect(counts(report)).toEqual({ rowsRead: 2, loaded: 1, updated: 0, duplicates: 0, quarantined: 1 });
    expect(await quarantine(report)).toEqual([
      {
        line_number: 1,
        column_name: 'note',
        reason: 'text "a\\u0000b" contains a NUL character (\\u0000), which PostgreSQL cannot store for note',
        raw_text: '{"id":101,"note":"a\\u0000b"}',
      },
    ]);
  });

  it('a CSV field holding a NUL character (a UTF-16 export) is quarantined; its raw text is kept with the NUL shown as ␀', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('id,note\n201,a\u0000b\n202,fine\n', 'utf-16le')]);
    const report = await load(bytes, 'csv', 'edge_values');
    expect(counts(report)).toEqual({ rowsRead: 2, loaded: 1, updated: 0, duplicates: 0, quarantined: 1 });
    const q = await quarantine(report);
    expect(q.map((r) => [r.line_number, r.column_name, r.raw_text])).toEqual([[2, 'note', '201,a\u2400b']]);
    expect(String(q[0].reason)).toMatch(/^text "a\\u0000b" contains a NUL character .* for note$/);
  });

  it('-2147483648 fits an integer column and 9007199254740993 a bigint column: loaded exactly, not quarantined', async () => {
    const report = await load('id,big\n-2147483648,9007199254740993\n2147483647,-9223372036854775808\n', 'csv', 'edge_values');
    expect(counts(report)).toEqual({ rowsRead: 2, loaded: 2, updated: 0, duplicates: 0, quarantined: 0 });
    expect(await rows('select id, big::text as big from raw.edge_values where id in (-2147483648, 2147483647) order by id')).toEqual([
      { id: -2147483648, big: '9007199254740993' },
      { id: 2147483647, big: '-9223372036854775808' },
    ]);
  });

  it('integer keys +1 and 1 are one key: the second row is an in-file repeat (different content: quarantined), not a crash', async () => {
    const report = await load('id,v\n+1,a\n1,b\n', 'csv', 'edge_int_keys', { key: ['id'] });
    expect(counts(report)).toEqual({ rowsRead: 2, loaded: 1, updated: 0, duplicates: 0, quarantined: 1 });
    expect((await quarantine(report)).map((r) => [r.line_number, r.reason])).toEqual([
      [3, 'key (id) = (1) repeated in the file with different content; line 2 is kept'],
    ]);
    expect(await rows('select id, v from raw.edge_int_keys')).toEqual([{ id: 1, v: 'a' }]);
  });

  it('numeric keys 1.0 and 1.00, timestamp keys 2024-01-05 10:00 and 2024-01-05T10:00:00 are one key each: duplicates', async () => {
    const numeric = await load('k,v\n1.0,a\n1.00,a\n2,b\n', 'csv', 'edge_num_keys', { key: ['k'] });
    expect(counts(numeric)).toEqual({ rowsRead: 3, loaded: 2, updated: 0, duplicates: 1, quarantined: 0 });
    const stamps = await load('at,v\n2024-01-05 10:00,a\n2024-01-05T10:00:00,a\n2024-01-05 11:00:00+01,a\n', 'csv', 'edge_ts_keys', { key: ['at'] });
    expect(counts(stamps)).toEqual({ rowsRead: 3, loaded: 1, updated: 0, duplicates: 2, quarantined: 0 });
    // composite keys too, into an existing table
    await warehouse.exec('create table raw.edge_pairs (k numeric(12,2), at timestamp, v text, primary key (k, at))');
    const pairs = await load('k,at,v\n1.5,2024-01-05 10:00,a\n1.50,2024-01-05T10:00:00.000,a\n1.504,2024-01-05 10:00:00,b\n', 'csv', 'edge_pairs');
    expect(counts(pairs)).toEqual({ rowsRead: 3, loaded: 1, updated: 0, duplicates: 1, quarantined: 1 });
  });

  it('3.50 after 3.5 under the same key is the same content: a duplicate, not quarantined as different', async () => {
    const report = await load('id,amount,at\n301,3.5,2024-01-05 10:00\n301,3.50,2024-01-05T10:00:00\n', 'csv', 'edge_values');
    expect(counts(report)).toEqual({ rowsRead: 2, loaded: 1, updated: 0, duplicates: 1, quarantined: 0 });
    // no key at all: whole rows compared the same way
    const whole = await load('x,y\n3.5,2024-01-05 10:00\n3.50,2024-01-05T10:00\n', 'csv', 'edge_whole_rows');
    expect(counts(whole)).toEqual({ rowsRead: 2, loaded: 1, updated: 0, duplicates: 1, quarantined: 0 });
  });

  it('with a decimal comma, a dot is a thousands separator only between groups of three digits: 1.234 is 1234, 1.23 unparsable', async () => {
    const report = await load('id;amount\n401;1.234\n402;1.234,56\n403;12,5\n404;1.23\n405;12.5\n406;1.2345,6\n407;-1.234.567,8\n', 'csv', 'edge_values');
    expect(counts(report)).toEqual({ rowsRead: 7, loaded: 4, updated: 0, duplicates: 0, quarantined: 3 });
    expect(await rows('select id, amount::text as amount from raw.edge_values where id between 401 and 407 order by id')).toEqual([
      { id: 401, amount: '1234.00' },
      { id: 402, amount: '1234.56' },
      { id: 403, amount: '12.50' },
      { id: 407, amount: '-1234567.80' },
    ]);
    expect((await quarantine(report)).map((r) => [r.line_number, r.reason])).toEqual([
      [5, 'unparsable number "1.23" for amount'],
      [6, 'unparsable number "12.5" for amount'],
      [7, 'unparsable number "1.2345,6" for amount'],
    ]);
  });
});

/** A migrated warehouse whose sessions read timestamps in Europe/Paris. */
async function parisWarehouse(backend: Backend): Promise<{ warehouse: Warehouse; cleanup: () => Promise<void> }> {
  if (backend === 'pglite') {
    const warehouse = await openWarehouse('memory');
    await migrate(warehouse);
    await warehouse.exec("set timezone = 'Europe/Paris'");
    return { warehouse, cleanup: () => warehouse.close() };
  }
  const db = await freshServerDatabase();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(`alter database ${new URL(db.url).pathname.slice(1)} set timezone = 'Europe/Paris'`);
  await client.end();
  const warehouse = await openWarehouse(db.url);
  await migrate(warehouse);
  return { warehouse, cleanup: async () => { await warehouse.close(); await db.drop(); } };
}

describe.each(backends)('timestamptz keys in a Europe/Paris session on %s', (backend) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), `kpicast-edge-tz-${backend}-`));
  beforeAll(async () => {
    ({ warehouse, cleanup } = await parisWarehouse(backend));
  });
  afterAll(async () => {
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a local time and the same instant with an offset are one key, in winter, in the spring gap and in the autumn overlap', async () => {
    expect((await warehouse.query("select current_setting('TimeZone') as tz")).rows).toEqual([{ tz: 'Europe/Paris' }]);
    await warehouse.exec('create table raw.readings (at timestamptz primary key, v integer)');
    const file = join(dir, 'readings.csv');
    writeFileSync(file, 'at,v\n2024-01-05 10:00,1\n2024-01-05 09:00Z,1\n2024-03-31 02:30,2\n2024-03-31T01:30:00Z,2\n2024-10-27 02:30,3\n2024-10-27 01:30+00,3\n');
    const report = await loadFile(warehouse, file, { table: 'readings', quiet: true });
    expect(counts(report)).toEqual({ rowsRead: 6, loaded: 3, updated: 0, duplicates: 3, quarantined: 0 });
    const stored = (await warehouse.query<{ at: Date }>('select at from raw.readings order by at')).rows.map((r) => r.at.toISOString());
    expect(stored).toEqual(['2024-01-05T09:00:00.000Z', '2024-03-31T01:30:00.000Z', '2024-10-27T01:30:00.000Z']);
  });
});
