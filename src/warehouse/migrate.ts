import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Warehouse } from './types.js';

/** The folder holding `NNN_name.sql` migrations, found from the source or the built file. */
export function migrationsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // Built code lives in dist/src/warehouse; the SQL stays in src/warehouse/migrations.
  return here.includes(`${join('dist', 'src')}`)
    ? join(here, '..', '..', '..', 'src', 'warehouse', 'migrations')
    : join(here, 'migrations');
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations shipped with kpicast, in version order. */
export function listMigrations(dir = migrationsDir()): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d+_.+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, file.indexOf('_'))),
      name: file.replace(/^\d+_/, '').replace(/\.sql$/, ''),
      sql: readFileSync(join(dir, file), 'utf8'),
    }));
}

/**
 * Brings the warehouse schema up to date: runs, each in its own transaction,
 * the migrations not yet recorded in `schema_migrations`. Idempotent: a second
 * call applies nothing. Returns the versions applied now.
 *
 * @example
 * await migrate(await openWarehouse('memory')); // => [1, 2]
 */
export async function migrate(warehouse: Warehouse, migrations = listMigrations()): Promise<number[]> {
  // Several processes may open a new server warehouse at once (workers starting together): each
  // step holds an advisory lock, and a migration is applied only if still not recorded under it.
  const lock = 'SELECT pg_advisory_xact_lock(7413000001)';
  await warehouse.transaction(async (tx) => {
    await tx.query(lock);
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
  });
  const done = new Set(
    (await warehouse.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
  );
  const applied: number[] = [];
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    const ran = await warehouse.transaction(async (tx) => {
      await tx.query(lock);
      const already = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (already.rows.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}
