/**
 * A model file's SQL can read, never write (issue 13, "SQL: one statement, read-only"): each kind
 * of snippet (a measure's `sql`, a measure's `filter`, a fact's `sql`, a fact's `settled`) holding
 * `; DROP TABLE raw.victim` crafted to be valid SQL — which the simple protocol ran on the server —
 * or a call of a function that deletes, on both backends. The table survives with its rows, and
 * the error is one line naming the model file and the metric.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { build, kpis, loadModelFile, migrate, openWarehouse, series, type Warehouse } from '../../src/index.js';
import { runCli } from '../../src/cli/main.js';
import { backends, freshServerDatabase, type Backend } from '../helpers/backends.js';

const DROP = 'SELECT 1; DROP TABLE raw.victim; ';
const dir = mkdtempSync(join(tmpdir(), 'kpicast-read-only-'));

/** Writes a one-fact model file over raw.facts with `measure` as metric x (and `fact` keys), returns its path. */
function modelFile(name: string, measure: Record<string, unknown>, fact: Record<string, unknown> = { table: 'raw.facts' }): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ name, ...fact, time: 'day', dimensions: ['region'], measures: { x: measure } }, null, 2));
  return file;
}

// Each closes the compiled statement early, drops the table, and opens a statement that absorbs
// the rest of the compiled query, so the whole text is valid SQL of three statements.
const injections = {
  'measure sql': modelFile('inject_sql', { sql: `1) AS m FROM raw.facts) ${DROP}WITH f0 AS (SELECT 0 AS period, (1` }),
  'measure filter': modelFile('inject_filter', { count: '*', filter: `true)) AS m FROM raw.facts) ${DROP}WITH f0 AS (SELECT 0 AS period, count(*) FILTER (WHERE (true` }),
  'fact sql': modelFile('inject_fact', { count: '*' }, { sql: `SELECT * FROM raw.facts) AS t) ${DROP}WITH f0 AS (SELECT 0 AS period, count(*) AS "m_x" FROM (SELECT 1` }),
};
const settledInjection = modelFile('inject_settled', { count: '*' }, { table: 'raw.facts', settled: 'true; DROP TABLE raw.victim' });

// raw.wipe_victim() deletes every row of raw.victim: a function a model's SQL may call.
const writes = {
  'measure sql': modelFile('write_sql', { sql: 'sum(raw.wipe_victim())' }),
  'measure filter': modelFile('write_filter', { count: '*', filter: 'raw.wipe_victim() = 1' }),
  'fact sql': modelFile('write_fact', { count: '*' }, { sql: 'SELECT f.*, raw.wipe_victim() AS w FROM raw.facts f' }),
  'fact sql with a writing CTE': modelFile('write_cte', { count: '*' }, { sql: 'WITH d AS (DELETE FROM raw.victim RETURNING 1) SELECT * FROM raw.facts' }),
};
const settledWrite = modelFile('write_settled', { count: '*' }, { table: 'raw.facts', settled: 'raw.wipe_victim() = 1' });

async function open(backend: Backend): Promise<{ db: string; drop: () => Promise<void> }> {
  if (backend === 'pglite') return { db: mkdtempSync(join(tmpdir(), 'kpicast-read-only-db-')), drop: async () => {} };
  const fresh = await freshServerDatabase();
  return { db: fresh.url, drop: fresh.drop };
}

/** The CLI in this process: exit code and stderr. */
async function cli(...args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = (() => true);
  process.stderr.write = ((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  process.exitCode = undefined;
  try {
    return { code: await runCli(['node', 'kpicast', ...args]), err };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    process.exitCode = undefined;
  }
}

describe.each(backends)('model SQL is read-only on %s', (backend) => {
  let db: string;
  let drop: () => Promise<void>;
  let warehouse: Warehouse;
  beforeAll(async () => {
    ({ db, drop } = await open(backend));
    warehouse = await openWarehouse(db);
    await migrate(warehouse);
    await warehouse.exec(`
      CREATE TABLE raw.facts (day date, region text, amount numeric);
      INSERT INTO raw.facts VALUES ('2024-01-01', 'Nord', 10), ('2024-01-08', 'Sud', 5);
      CREATE TABLE raw.victim (id int);
      CREATE FUNCTION raw.wipe_victim() RETURNS int LANGUAGE sql AS 'DELETE FROM raw.victim; SELECT 1';`);
  });
  beforeEach(async () => {
    await warehouse.exec('CREATE TABLE IF NOT EXISTS raw.victim (id int); TRUNCATE raw.victim; INSERT INTO raw.victim VALUES (1), (2), (3)');
  });
  afterAll(async () => {
    await warehouse.close();
    await drop();
  });

  const victimRows = async (): Promise<number | null> => {
    const { rows } = await warehouse.query<{ t: string | null }>(`SELECT to_regclass('raw.victim')::text AS t`);
    if (rows[0].t === null) return null;
    return (await warehouse.query<{ n: number }>('SELECT count(*)::int AS n FROM raw.victim')).rows[0].n;
  };

  it.each(Object.entries(injections))('kpis with "; DROP TABLE" in a %s is refused in one line naming the file and metric; the table survives', async (_kind, file) => {
    const model = loadModelFile(file);
    const error = await kpis(warehouse, model, { metrics: ['x'] }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(new RegExp(`^model ${model.name} \\(${file.replace(/[.\\/]/g, '\\$&')}\\), metrics x: `));
    expect(message).toContain('cannot insert multiple commands into a prepared statement');
    expect(message.split('\n')).toHaveLength(1);
    expect(await victimRows()).toBe(3);
  });

  it('series with "; DROP TABLE" in a fact\'s settled is refused in one line naming the file and metric; the table survives', async () => {
    const model = loadModelFile(settledInjection);
    const error = await series(warehouse, model, 'x', { grain: 'week' }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^model inject_settled \(.*inject_settled\.json\), metric x: latest date of fact main \(its sql or settled\): cannot insert multiple commands/);
    expect(await victimRows()).toBe(3);
  });

  it.each(Object.entries(writes))('kpis whose %s writes is refused by the read-only transaction; every row survives', async (_kind, file) => {
    const model = loadModelFile(file);
    const error = await kpis(warehouse, model, { metrics: ['x'] }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(new RegExp(`^model ${model.name} \\(.*${model.name}\\.json\\), metrics x: `));
    expect(message).toMatch(/cannot execute DELETE in a read-only transaction|data-modifying statement must be at the top level/);
    expect(message.split('\n')).toHaveLength(1);
    expect(await victimRows()).toBe(3);
  });

  it('series whose settled condition writes is refused; every row survives', async () => {
    const error = await series(warehouse, loadModelFile(settledWrite), 'x', { grain: 'week' }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^model write_settled \(.*\), metric x: latest date of fact main \(its sql or settled\): cannot execute DELETE in a read-only transaction; a model's SQL .* never write/);
    expect(await victimRows()).toBe(3);
  });

  it('kpicast kpi and series print the refusal as one line and exit 1', async () => {
    await warehouse.close(); // PGlite: one process at a time per directory
    try {
      const kpi = await cli('--db', db, '--quiet', 'kpi', '--model-file', injections['measure sql'], 'x');
      expect(kpi.code).toBe(1);
      expect(kpi.err).toMatch(/^kpicast: model inject_sql \(.*inject_sql\.json\), metrics x: cannot insert multiple commands into a prepared statement; a model's SQL \(sql, filter, settled\) is one expression[^\n]*\n$/);
      const s = await cli('--db', db, '--quiet', 'series', '--model-file', settledWrite, 'x');
      expect(s.code).toBe(1);
      expect(s.err).toMatch(/^kpicast: model write_settled \(.*\), metric x: [^\n]*read-only transaction[^\n]*\n$/);
    } finally {
      warehouse = await openWarehouse(db);
    }
    expect(await victimRows()).toBe(3);
  });

  it('readOnly inside a transaction refuses writes, then the transaction writes again', async () => {
    await warehouse.transaction(async (tx) => {
      await tx.query('INSERT INTO raw.victim VALUES (4)');
      await expect(tx.readOnly((ro) => ro.query('DELETE FROM raw.victim'))).rejects.toThrow(/read-only transaction/);
      expect((await tx.readOnly((ro) => ro.query<{ n: number }>('SELECT count(*)::int AS n FROM raw.victim'))).rows[0].n).toBe(4);
      await tx.query('INSERT INTO raw.victim VALUES (5)');
    });
    expect(await victimRows()).toBe(5);
  });

  it('query(sql) with two statements and no parameters runs neither', async () => {
    await expect(warehouse.query('SELECT 1; DROP TABLE raw.victim')).rejects.toThrow(/cannot insert multiple commands/);
    expect(await victimRows()).toBe(3);
  });

  it('build runs its data tests read-only, one statement each: a build still passes', async () => {
    const report = await build(warehouse);
    expect(report.ok).toBe(true);
    expect(report.tests.length).toBeGreaterThan(0);
  });
});
