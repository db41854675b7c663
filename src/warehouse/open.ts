import { resolve } from 'node:path';
import type { Warehouse } from './types.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

/** Where the warehouse is when nothing says otherwise: `$KPICAST_DB`, else `./.kpicast/db`. */
export function defaultTarget(env: NodeJS.ProcessEnv = process.env): string {
  return env.KPICAST_DB && env.KPICAST_DB.trim() !== '' ? env.KPICAST_DB : resolve('.kpicast', 'db');
}

/**
 * Opens the warehouse at `target`:
 * - `postgres://...` or `postgresql://...`: a PostgreSQL server through `pg`;
 * - `memory`: an in-memory embedded PGlite database (gone on close);
 * - any other string: a directory holding an embedded PGlite database (created if missing).
 * Without `target`: `$KPICAST_DB`, else `./.kpicast/db`.
 *
 * @example
 * const wh = await openWarehouse('memory');
 * (await wh.query('select 1 + 1 as two')).rows; // => [{ two: 2 }]
 * await wh.close();
 */
export async function openWarehouse(target?: string): Promise<Warehouse> {
  const where = target ?? defaultTarget();
  if (/^postgres(ql)?:\/\//i.test(where)) return openPostgres(where);
  return openPglite(where);
}
