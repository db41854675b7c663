/**
 * A pipeline with a database source (the machine's MariaDB) and a pipeline-wide pseudonymise
 * list: each run brings only the rows past the cursor, and no clear personal value is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { normalisePipeline, pseudonym, runPipeline, type Warehouse } from '../../src/index.js';
import { testWarehouse } from '../helpers/backends.js';

const KEY = 'a company secret of some length';
const dbName = `kpicast_pl_${process.pid}_${Math.floor(Math.random() * 1e6)}`;

describe('runPipeline(database source, pseudonymise)', () => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  let admin: mysql.Connection;
  const previous = process.env.KPICAST_PSEUDONYM_KEY;
  const dir = mkdtempSync(join(tmpdir(), 'kpicast-pl-db-'));
  const config = () => normalisePipeline({
    name: 'hotels',
    build: false,
    pseudonymise: ['extra_name', 'email'],
    sources: [{ database: `mysql://root@127.0.0.1:3306/${dbName}`, table: 'missions', into: 'src_missions', cursor: 'updated_at', key: 'mission_id' }],
  }, { baseDir: dir });

  beforeAll(async () => {
    process.env.KPICAST_PSEUDONYM_KEY = KEY;
    ({ warehouse, cleanup } = await testWarehouse('pglite'));
    admin = await mysql.createConnection({ uri: 'mysql://root@127.0.0.1:3306/test', multipleStatements: true });
    await admin.query(`CREATE DATABASE ${dbName}; USE ${dbName};
      CREATE TABLE missions (mission_id int PRIMARY KEY, hotel varchar(40), extra_name varchar(40), email varchar(60), updated_at datetime NOT NULL);
      INSERT INTO missions VALUES (1, 'H01', 'Amélie Durand', 'amelie@example.fr', '2026-11-02 08:00:00'), (2, 'H02', 'Jean Martin', 'jean@example.fr', '2026-11-02 09:00:00');`);
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env.KPICAST_PSEUDONYM_KEY;
    else process.env.KPICAST_PSEUDONYM_KEY = previous;
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
    await admin.end();
    await cleanup();
  });

  it('loads the rows past the cursor at each run, pseudonymised, and the second run brings only the change', async () => {
    const first = await runPipeline(warehouse, config());
    expect(first.loads.map((l) => [l.status, l.report?.rowsRead, l.report?.loaded])).toEqual([['loaded', 2, 2]]);
    await admin.query(`INSERT INTO ${dbName}.missions VALUES (3, 'H01', 'Amélie Durand', 'amelie@example.fr', '2026-11-03 08:00:00')`);
    const second = await runPipeline(warehouse, config());
    expect(second.loads.map((l) => [l.status, l.report?.loaded, l.report?.updated])).toEqual([['loaded', 1, 0]]);
    const rows = await warehouse.query<{ mission_id: number; hotel: string; extra_name: string }>('SELECT mission_id, hotel, extra_name FROM raw.src_missions ORDER BY mission_id');
    expect(rows.rows).toEqual([
      { mission_id: 1, hotel: 'H01', extra_name: pseudonym('Amélie Durand', KEY) },
      { mission_id: 2, hotel: 'H02', extra_name: pseudonym('Jean Martin', KEY) },
      { mission_id: 3, hotel: 'H01', extra_name: pseudonym('Amélie Durand', KEY) },
    ]);
    const dump = await warehouse.query<{ t: string }>(`SELECT string_agg(x, ' ') AS t FROM (
      SELECT row_to_json(m)::text AS x FROM raw.src_missions m UNION ALL SELECT row_to_json(r)::text FROM run_steps r UNION ALL SELECT row_to_json(l)::text FROM load_runs l) d`);
    for (const clear of ['Amélie', 'amelie@example.fr', 'Jean Martin']) expect(dump.rows[0].t).not.toContain(clear);
  });

  it('normalisePipeline refuses a database URL with a password in it, naming password_env', () => {
    expect(() => normalisePipeline({ sources: [{ database: 'mysql://app:S3cret@db/erp', table: 'o', into: 'o' }] }, { baseDir: dir }))
      .toThrow(/^sources\[0\]\.database: the URL holds a password; write it without and name the environment variable that holds it in password_env:$/);
  });
});
