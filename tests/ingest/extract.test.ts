/**
 * extract() against the machine's real MariaDB (127.0.0.1:3306) and PostgreSQL server, into
 * both warehouse backends: incremental past a cursor, lossless (read = loaded + updated +
 * duplicates + quarantined), transactional (the cursor moves only when the load commits), and
 * no source password anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { extract, sourceLabel, type ExtractReport, type Warehouse } from '../../src/index.js';
import { backends, serverAdminUrl, testWarehouse } from '../helpers/backends.js';

const MARIADB_ADMIN = 'mysql://root@127.0.0.1:3306/test';
const counts = (r: ExtractReport) => ({ rowsRead: r.rowsRead, loaded: r.loaded, updated: r.updated, duplicates: r.duplicates, quarantined: r.quarantined });
const unique = () => `${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;

/** A source database of one kind with an `orders` table, and a way to run SQL on it. */
interface SourceDb {
  kind: 'mariadb' | 'postgres';
  url: string;
  run: (sql: string) => Promise<void>;
  drop: () => Promise<void>;
}

async function mariadbSource(): Promise<SourceDb> {
  const name = `kpicast_x_${unique()}`;
  const admin = await mysql.createConnection({ uri: MARIADB_ADMIN, multipleStatements: true });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.query(`CREATE TABLE ${name}.orders (order_id int PRIMARY KEY, customer varchar(40) NOT NULL, amount decimal(12,2), ordered_on date, updated_at datetime NOT NULL)`);
  return {
    kind: 'mariadb',
    url: `mysql://root@127.0.0.1:3306/${name}`,
    run: async (sql) => void (await admin.query(`USE ${name}; ${sql}`)),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    },
  };
}

async function postgresSource(): Promise<SourceDb> {
  const schema = `kpicast_x_${unique()}`;
  const url = new URL(await serverAdminUrl());
  url.pathname = '/test';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.query(`CREATE TABLE ${schema}.orders (order_id int PRIMARY KEY, customer text NOT NULL, amount numeric(12,2), ordered_on date, updated_at timestamptz NOT NULL)`);
  return {
    kind: 'postgres',
    url: `${url.toString()}?options=-c%20search_path%3D${schema}`,
    run: async (sql) => void (await admin.query(`SET search_path = ${schema}; ${sql}`)),
    drop: async () => {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

describe.each(backends)('extract into %s', (backend) => {
  describe.each(['mariadb', 'postgres'] as const)('from %s', (kind) => {
    let warehouse: Warehouse;
    let cleanup: () => Promise<void>;
    let source: SourceDb;
    const run = (extra: Record<string, unknown> = {}) =>
      extract(warehouse, { from: source.url, sourceTable: 'orders', table: 'src_orders', cursor: 'updated_at', key: ['order_id'], quiet: true, ...extra });
    const rows = async () =>
      (await warehouse.query<Record<string, unknown>>('SELECT order_id, customer, amount, ordered_on FROM raw.src_orders ORDER BY order_id')).rows;

    beforeAll(async () => {
      ({ warehouse, cleanup } = await testWarehouse(backend));
      source = kind === 'mariadb' ? await mariadbSource() : await postgresSource();
      await source.run(`INSERT INTO orders VALUES
        (1, 'Nord SARL', 120.50, '2026-11-02', '2026-11-02 09:00:00'),
        (2, 'Sud SA', 80.00, '2026-11-03', '2026-11-03 10:30:00'),
        (3, 'Est & Fils', 1234567.89, '2026-11-04', '2026-11-04 11:45:00')`);
    });
    afterAll(async () => {
      await source?.drop();
      await cleanup?.();
    });

    it('extract(table, cursor) reads every row the first time and records where it stopped', async () => {
      const report = await run();
      expect(counts(report)).toEqual({ rowsRead: 3, loaded: 3, updated: 0, duplicates: 0, quarantined: 0 });
      expect(report.cursorValue).toMatch(/^2026-11-04 11:45:00/);
      expect(await rows()).toEqual([
        { order_id: 1, customer: 'Nord SARL', amount: 120.5, ordered_on: '2026-11-02' },
        { order_id: 2, customer: 'Sud SA', amount: 80, ordered_on: '2026-11-03' },
        { order_id: 3, customer: 'Est & Fils', amount: 1234567.89, ordered_on: '2026-11-04' },
      ]);
    });

    it('extract() again with nothing new loads and updates nothing (the row at the cursor is read again as a duplicate)', async () => {
      const report = await run();
      expect(counts(report)).toEqual({ rowsRead: 1, loaded: 0, updated: 0, duplicates: 1, quarantined: 0 });
    });

    it('extract() after a change in the source brings only the change: one row updated, one new', async () => {
      await source.run(`UPDATE orders SET amount = 95.00, updated_at = '2026-11-05 08:00:00' WHERE order_id = 2;
        INSERT INTO orders VALUES (4, 'Ouest', 10.00, '2026-11-05', '2026-11-05 08:30:00')`);
      const report = await run();
      // rows 3 (at the old cursor), 2 (changed) and 4 (new)
      expect(counts(report)).toEqual({ rowsRead: 3, loaded: 1, updated: 1, duplicates: 1, quarantined: 0 });
      expect(report.rowsRead).toBe(report.loaded + report.updated + report.duplicates + report.quarantined);
      expect((await rows()).map((r) => [r.order_id, r.amount])).toEqual([[1, 120.5], [2, 95], [3, 1234567.89], [4, 10]]);
    });

    it('extract() whose load fails moves neither the table nor the cursor', async () => {
      await source.run(`INSERT INTO orders VALUES (5, 'Refused', 1.00, '2026-11-06', '2026-11-06 09:00:00')`);
      await warehouse.exec(`CREATE FUNCTION raw.refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
        CREATE TRIGGER refuse BEFORE INSERT ON raw.src_orders FOR EACH ROW EXECUTE FUNCTION raw.refuse();`);
      await expect(run()).rejects.toThrow(/refused by the test/);
      const cursor = await warehouse.query<{ cursor_value: string }>('SELECT cursor_value FROM extract_cursors');
      expect(cursor.rows[0].cursor_value).toMatch(/^2026-11-05 08:30:00/);
      expect(await rows()).toHaveLength(4);
      await warehouse.exec('DROP TRIGGER refuse ON raw.src_orders; DROP FUNCTION raw.refuse();');
      const retried = await run();
      expect(counts(retried)).toEqual({ rowsRead: 2, loaded: 1, updated: 0, duplicates: 1, quarantined: 0 });
    });

    it('extract(query) reads a SELECT instead of a table, and a cursor column it lacks is refused naming its columns', async () => {
      const report = await run({ sourceTable: undefined, query: 'SELECT order_id, customer FROM orders WHERE order_id <= 2', table: 'src_customers', cursor: 'order_id' });
      expect(counts(report)).toEqual({ rowsRead: 2, loaded: 2, updated: 0, duplicates: 0, quarantined: 0 });
      await expect(run({ cursor: 'changed_at', table: 'other' })).rejects.toThrow(/^cursor: got "changed_at", allowed: a column of .*orders: order_id, customer, amount, ordered_on, updated_at$/);
    });
  });
});

describe('extract: the source password', () => {
  const password = 'S3cret/Pw:x@y';
  const user = `kpx_${Math.floor(Math.random() * 1e9)}`;
  let admin: mysql.Connection;
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    admin = await mysql.createConnection({ uri: MARIADB_ADMIN });
    await admin.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
    await admin.query(`GRANT SELECT ON test.* TO '${user}'@'%'`);
    await admin.query('CREATE TABLE IF NOT EXISTS test.kpicast_pw_probe (id int PRIMARY KEY)');
    ({ warehouse, cleanup } = await testWarehouse('pglite'));
  });
  afterAll(async () => {
    await admin.query(`DROP USER IF EXISTS '${user}'@'%'`);
    await admin.end();
    await cleanup();
  });

  it('sourceLabel(url) keeps scheme, host, port and database only', () => {
    expect(sourceLabel(`mysql://${user}:${encodeURIComponent(password)}@127.0.0.1/test?ssl=1`)).toBe('mysql://127.0.0.1:3306/test');
  });

  it('extract() with a wrong password fails in one line without the password, the URL masked', async () => {
    const url = `mysql://${user}:${encodeURIComponent('Wrong-' + password)}@127.0.0.1:3306/test`;
    const error = await extract(warehouse, { from: url, sourceTable: 'kpicast_pw_probe', table: 'probe', quiet: true }).then(
      () => new Error('extract succeeded with a wrong password'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toMatch(/^extract from mysql:\/\/127\.0\.0\.1:3306\/test#kpicast_pw_probe: Access denied/);
    expect(error.message).not.toContain('Wrong-');
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('extract() with the password given apart records the source without it in every warehouse table', async () => {
    const report = await extract(warehouse, { from: `mysql://${user}@127.0.0.1:3306/test`, password, sourceTable: 'kpicast_pw_probe', table: 'probe', quiet: true });
    expect(report.source).toBe('mysql://127.0.0.1:3306/test#kpicast_pw_probe');
    const dump = await warehouse.query<{ t: string }>(
      `SELECT string_agg(x::text, ' ') AS t FROM (SELECT row_to_json(l)::text AS x FROM load_runs l UNION ALL SELECT row_to_json(c)::text FROM extract_cursors c) d`);
    expect(dump.rows[0].t ?? '').not.toContain('S3cret');
  });
});
