/**
 * Sources at the edges: Parquet decimals and 64-bit integers, records without fields, header
 * names longer than PostgreSQL's 63 characters, a key upserted into a table that holds it twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pl from 'nodejs-polars';
import { loadFile, type LoadReport, type Warehouse } from '../../src/index.js';
import { backends, testWarehouse } from '../helpers/backends.js';

const dir = mkdtempSync(join(tmpdir(), 'kpicast-source-edge-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const counts = (r: LoadReport) => ({ rowsRead: r.rowsRead, loaded: r.loaded, updated: r.updated, duplicates: r.duplicates, quarantined: r.quarantined });

describe.each(backends)('sources at the edges on %s', (backend) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse(backend));
  });
  afterAll(() => cleanup());
  const load = (path: string, table: string, key?: string[]) => loadFile(warehouse, path, { table, quiet: true, ...(key ? { key } : {}) });

  it('a Parquet file with a Decimal(10,2) and a UInt64 column loads, every digit kept', async () => {
    const path = join(dir, 'decimal.parquet');
    pl.DataFrame({ id: ['a', 'b'], big: ['9007199254740993', '12345678901234567890'], amount: ['1.50', '2.25'] })
      .withColumns(pl.col('big').cast(pl.UInt64), pl.col('amount').cast(pl.Decimal(10, 2)))
      .writeParquet(path);
    const report = await load(path, 'pq_decimal');
    expect(counts(report)).toEqual({ rowsRead: 2, loaded: 2, updated: 0, duplicates: 0, quarantined: 0 });
    const { rows } = await warehouse.query('select id, big::text as big, amount::text as amount from raw.pq_decimal order by id');
    expect(rows).toEqual([
      { id: 'a', big: '9007199254740993', amount: '1.50' },
      { id: 'b', big: '12345678901234567890', amount: '2.25' },
    ]);
  });

  it('a UTF-8 file with one Latin-1 byte pasted in is refused, naming both places; a plain Latin-1 file still loads', async () => {
    const mixed = join(dir, 'mixed.csv');
    writeFileSync(mixed, Buffer.concat([Buffer.from('id,name\n1,caf\u00e9\n', 'utf8'), Buffer.from([0x32, 0x2c, 0x6e, 0x61, 0xef, 0x76, 0x65, 0x0a])]));
    await expect(load(mixed, 'mixed_text')).rejects.toThrow(
      /mixed\.csv: undecodable bytes: mixed encodings: a UTF-8 character at line 2, column 6, and byte 0xEF invalid in UTF-8 at line 3, column 5; re-export/,
    );
    const latin = join(dir, 'latin.csv');
    writeFileSync(latin, Buffer.from([...Buffer.from('id,name\n1,caf'), 0xe9, 0x0a]));
    expect(counts(await load(latin, 'latin_text'))).toEqual({ rowsRead: 1, loaded: 1, updated: 0, duplicates: 0, quarantined: 0 });
    expect((await warehouse.query('select name from raw.latin_text')).rows).toEqual([{ name: 'café' }]);
  });

  it('JSON and NDJSON integers beyond 2^53 and decimals keep every digit as written', async () => {
    const json = file('big.json', '[{"id":9007199254740993,"amount":1.50},{"id":12345678901234567890,"amount":2}]');
    expect(counts(await load(json, 'big_json'))).toEqual({ rowsRead: 2, loaded: 2, updated: 0, duplicates: 0, quarantined: 0 });
    expect((await warehouse.query('select id::text as id, amount::text as amount from raw.big_json order by id')).rows).toEqual([
      { id: '12345678901234567890', amount: '2' },
      { id: '9007199254740993', amount: '1.50' },
    ]);
    const ndjson = file('big.ndjson', '{"id":9007199254740993}\n{"id":9007199254740995}\n');
    expect(counts(await load(ndjson, 'big_ndjson', ['id']))).toEqual({ rowsRead: 2, loaded: 2, updated: 0, duplicates: 0, quarantined: 0 });
    expect((await warehouse.query('select id::text as id from raw.big_ndjson order by id')).rows).toEqual([{ id: '9007199254740993' }, { id: '9007199254740995' }]);
  });

  it('a SQLite table with an integer beyond 2^53 keeps every digit, reals and texts as they are', async () => {
    const { default: initSqlJs } = await import('sql.js');
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run("CREATE TABLE t (id INTEGER, v REAL, s TEXT); INSERT INTO t VALUES (9007199254740993, 1.5, 'a'), (2, 2.25, 'b')");
    const path = join(dir, 'big.sqlite');
    writeFileSync(path, Buffer.from(db.export()));
    db.close();
    expect(counts(await loadFile(warehouse, path, { table: 'big_sqlite', sqliteTable: 't', quiet: true }))).toEqual({ rowsRead: 2, loaded: 2, updated: 0, duplicates: 0, quarantined: 0 });
    expect((await warehouse.query('select id::text as id, v::text as v, s from raw.big_sqlite order by s')).rows).toEqual([
      { id: '9007199254740993', v: '1.5', s: 'a' },
      { id: '2', v: '2.25', s: 'b' },
    ]);
  });

  it('JSON records without any field are refused in one line naming the file', async () => {
    await expect(load(file('empty-records.json', '[{}]'), 'no_fields')).rejects.toThrow(/empty-records\.json: no columns: the records have no fields/);
  });

  it('a header longer than 63 characters loads twice: the second load finds the same column and counts duplicates', async () => {
    const long = 'a_very_long_column_name_exported_by_an_erp_that_never_heard_of_limits_at_all';
    const path = file('long.csv', `id,${long}\n1,x\n2,y\n`);
    expect(counts(await load(path, 'long_header', ['id']))).toEqual({ rowsRead: 2, loaded: 2, updated: 0, duplicates: 0, quarantined: 0 });
    expect(counts(await load(path, 'long_header', ['id']))).toEqual({ rowsRead: 2, loaded: 0, updated: 0, duplicates: 2, quarantined: 0 });
  });

  it('a file without the serial primary key of its existing table loads, and loads again as duplicates', async () => {
    await warehouse.exec('CREATE TABLE raw.with_serial (id serial PRIMARY KEY, name text, at date)');
    const path = file('no-id.csv', 'name,at\nx,2024-01-05\ny,2024-01-06\n');
    expect(counts(await load(path, 'with_serial'))).toEqual({ rowsRead: 2, loaded: 2, updated: 0, duplicates: 0, quarantined: 0 });
    expect(counts(await load(path, 'with_serial'))).toEqual({ rowsRead: 2, loaded: 0, updated: 0, duplicates: 2, quarantined: 0 });
    expect((await warehouse.query('select id, name from raw.with_serial order by id')).rows).toEqual([
      { id: 1, name: 'x' },
      { id: 2, name: 'y' },
    ]);
  });

  it('an upsert by key into a table that holds the key twice counts one update per row read, never a negative duplicate count', async () => {
    await load(file('twice.csv', 'id,v\n1,a\n1,b\n2,c\n'), 'twice');
    const report = await load(file('twice-next.csv', 'id,v\n1,z\n3,d\n'), 'twice', ['id']);
    expect(counts(report)).toEqual({ rowsRead: 2, loaded: 1, updated: 1, duplicates: 0, quarantined: 0 });
    const { rows } = await warehouse.query('select id, v from raw.twice order by id, v');
    expect(rows).toEqual([
      { id: 1, v: 'z' },
      { id: 1, v: 'z' },
      { id: 2, v: 'c' },
      { id: 3, v: 'd' },
    ]);
  });
});
