import { resolve } from 'node:path';
import type { Warehouse } from './types.js';
import { KpicastError } from '../errors.js';
import { looksLikeUrl, maskUrl, splitUrl } from '../util/secrets.js';

/** Where the warehouse is when nothing says otherwise: `$KPICAST_DB`, else `./.kpicast/db`. */
export function defaultTarget(env: NodeJS.ProcessEnv = process.env): string {
  return env.KPICAST_DB && env.KPICAST_DB.trim() !== '' ? env.KPICAST_DB : resolve('.kpicast', 'db');
}

const ALLOWED = 'postgres://user:password@host:port/database (password percent-encoded), a directory (written ./name when it holds : or @), or memory';

/**
 * What `target` names: a PostgreSQL server, the in-memory warehouse, or a PGlite directory.
 * Anything that looks like a URL but is not a valid `postgres://` or `postgresql://` one
 * (`postgres:/u:pw@host/db`, `postgress://...`, `mysql://...`, `user:pw@host/db`, a password
 * with an unencoded `/ ? # @`) is refused in one line that shows the target masked: it is
 * never taken for a directory, and its password is never echoed.
 *
 * @example
 * warehouseKind('postgres://u:pw@db.example.com/sales'); // => 'postgres'
 * warehouseKind('./.kpicast/db'); // => 'directory'
 * warehouseKind('postgres:/u:pw@host/db'); // throws: warehouse "postgres:/***@host/db" (--db or $KPICAST_DB) is not a valid URL: ...
 */
export function warehouseKind(target: string): 'postgres' | 'memory' | 'directory' {
  if (target === 'memory') return 'memory';
  if (!looksLikeUrl(target)) return 'directory';
  const parts = splitUrl(target);
  const scheme = (parts?.scheme || /^([A-Za-z][A-Za-z0-9+.-]+):/.exec(target)?.[1] || '').toLowerCase();
  let why: string;
  if (scheme === '') {
    why = 'no scheme (postgres://)';
  } else if (scheme !== 'postgres' && scheme !== 'postgresql') {
    why = scheme.startsWith('postgre') ? `unknown scheme ${scheme}: (postgres:// or postgresql://)` : `scheme ${scheme}: is not postgres:// or postgresql://`;
  } else if (!parts) {
    why = 'expected postgres://user:password@host:port/database';
  } else if (!parts.prefix.endsWith('://')) {
    why = `${parts.prefix} instead of ${scheme}://`;
  } else if (!parts.clean) {
    why = 'the user name or password holds an unencoded / ? # or @ (write %2F %3F %23 %40)';
  } else {
    return 'postgres';
  }
  throw new KpicastError(`warehouse ${JSON.stringify(maskUrl(target))} (--db or $KPICAST_DB) is not a valid URL: ${why}; allowed: ${ALLOWED}`, 'E_OPTION');
}

/**
 * Opens the warehouse at `target`:
 * - `postgres://...` or `postgresql://...`: a PostgreSQL server through `pg`;
 * - `memory`: an in-memory embedded PGlite database (gone on close);
 * - a directory holding an embedded PGlite database (created if missing).
 * A target that looks like a URL but is not a valid PostgreSQL one is refused (see
 * warehouseKind). The opened warehouse's `target` is safe to print: passwords and secret
 * parameters masked (see maskUrl). Without `target`: `$KPICAST_DB`, else `./.kpicast/db`.
 *
 * @example
 * const wh = await openWarehouse('memory');
 * (await wh.query('select 1 + 1 as two')).rows; // => [{ two: 2 }]
 * await wh.close();
 */
export async function openWarehouse(target?: string): Promise<Warehouse> {
  const where = target ?? defaultTarget();
  // each driver loaded when its kind is opened: a command that never opens a server does not load pg
  if (warehouseKind(where) === 'postgres') return (await import('./postgres.js')).openPostgres(where);
  return (await import('./pglite.js')).openPglite(where);
}
