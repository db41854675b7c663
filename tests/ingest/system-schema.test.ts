/**
 * `load --table` into a system or temporary schema (issue 13): `pg_temp.lost` printed "loaded 1"
 * and recorded a succeeded run for a table gone at the end of the session; `pg_catalog.x` and
 * `information_schema.x` were accepted on PGlite. Refused in one line, by the library and the CLI,
 * before anything is recorded, on both backends.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSystemSchema, loadFile, migrate, openWarehouse, OptionError, parseTableName, type Warehouse } from '../../src/index.js';
import { runCli } from '../../src/cli/main.js';
import { backends, freshServerDatabase, type Backend } from '../helpers/backends.js';

const ALLOWED = 'a schema of your own (raw by default, or any schema.table), not pg_catalog, information_schema, pg_temp, pg_toast or another pg_* schema';
const TABLES = ['pg_temp.lost', 'PG_TEMP.lost', 'pg_temp_3.lost', 'pg_catalog.x', 'information_schema.x', 'pg_toast.x', 'pg_anything.x'];

const dir = mkdtempSync(join(tmpdir(), 'kpicast-system-schema-'));
const file = join(dir, 'lost.csv');
writeFileSync(file, 'id,label\n1,a\n');

async function target(backend: Backend): Promise<{ db: string; drop: () => Promise<void> }> {
  if (backend === 'pglite') return { db: mkdtempSync(join(tmpdir(), 'kpicast-system-schema-db-')), drop: async () => {} };
  const fresh = await freshServerDatabase();
  return { db: fresh.url, drop: fresh.drop };
}

/** The CLI in this process: exit code, stdout and stderr. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  process.stderr.write = ((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  process.exitCode = undefined;
  try {
    return { code: await runCli(['node', 'kpicast', ...args]), out, err };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    process.exitCode = undefined;
  }
}

describe('parseTableName(table) and isSystemSchema(schema)', () => {
  it.each(TABLES)('parseTableName(%j) throws an OptionError naming table and what is allowed', (table) => {
    expect(() => parseTableName(table)).toThrow(new OptionError('table', table, ALLOWED));
  });

  it('a schema of your own, and a table whose name (not schema) starts with pg_, are fine', () => {
    expect(parseTableName('marts_local.orders').schema).toBe('marts_local');
    expect(parseTableName('pg_orders')).toEqual({ schema: 'raw', name: 'pg_orders', qualified: '"raw"."pg_orders"' });
    expect([isSystemSchema('pg_temp'), isSystemSchema('information_schema'), isSystemSchema('raw'), isSystemSchema('public')]).toEqual([true, true, false, false]);
  });
});

describe.each(backends)('load into a system or temporary schema on %s', (backend) => {
  let db: string;
  let drop: () => Promise<void>;
  let warehouse: Warehouse;
  beforeAll(async () => {
    ({ db, drop } = await target(backend));
    warehouse = await openWarehouse(db);
    await migrate(warehouse);
  });
  afterAll(async () => {
    await warehouse.close();
    await drop();
  });

  it.each(TABLES)('loadFile(..., { table: %j }) is refused and records no run', async (table) => {
    await expect(loadFile(warehouse, file, { table, quiet: true })).rejects.toThrow(`table: got ${JSON.stringify(table)}, allowed: ${ALLOWED}`);
    const { rows } = await warehouse.query<{ n: number }>('SELECT count(*)::int AS n FROM load_runs');
    expect(rows[0].n).toBe(0);
  });

  it('kpicast load --table pg_temp.lost and pg_catalog.x exit 1 with one line naming --table; nothing recorded', async () => {
    await warehouse.close(); // PGlite: one process at a time per directory
    try {
      for (const table of ['pg_temp.lost', 'pg_catalog.x', 'information_schema.x']) {
        const { code, out, err } = await cli('--db', db, '--quiet', 'load', file, '--table', table);
        expect([code, out, err]).toEqual([1, '', `kpicast: --table: got ${JSON.stringify(table)}, allowed: ${ALLOWED}\n`]);
      }
    } finally {
      warehouse = await openWarehouse(db);
    }
    const { rows } = await warehouse.query<{ n: number }>('SELECT count(*)::int AS n FROM load_runs');
    expect(rows[0].n).toBe(0);
    const { rows: found } = await warehouse.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_class WHERE relname IN ('lost', 'x')`);
    expect(found[0].n).toBe(0);
  });
});
