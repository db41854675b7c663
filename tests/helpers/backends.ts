/**
 * The two warehouse backends every warehouse/ingest/analysis suite runs against:
 * embedded PGlite (in memory) and a real PostgreSQL server.
 *
 * The server is, in order: `$DATABASE_URL`; a server on 127.0.0.1:5432 (user postgres,
 * trust auth); a throwaway cluster started with the installed Postgres binaries. When
 * none can be had the suite FAILS with the apt command to run: it never skips silently.
 * Each call of `serverWarehouse()` gets a fresh database of its own, dropped on cleanup,
 * so test files can run in parallel.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openWarehouse, migrate, type Warehouse } from '../../src/index.js';

export type Backend = 'pglite' | 'postgres';
export const backends: Backend[] = ['pglite', 'postgres'];

let serverUrl: Promise<string> | undefined;

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function findPgBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
  return undefined;
}

function throwawayCluster(): string {
  const bin = findPgBin();
  if (!bin) {
    throw new Error(
      'no PostgreSQL server for the server-backend tests: set DATABASE_URL, start one on 127.0.0.1:5432, ' +
        'or install one with `sudo apt-get install -y postgresql`',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'kpicast-pg-'));
  const port = 55432 + Math.floor(Math.random() * 1000);
  const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  if (asUser.length) execFileSync('chown', ['postgres', dir]);
  const run = (cmd: string, args: string[]) =>
    execFileSync(asUser[0] ?? cmd, asUser.length ? [...asUser.slice(1), cmd, ...args] : args, { stdio: 'ignore' });
  run(join(bin, 'initdb'), ['-D', dir, '-A', 'trust', '-U', 'postgres']);
  run(join(bin, 'pg_ctl'), ['-D', dir, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, '-w', 'start']);
  process.on('exit', () => {
    spawn(asUser[0] ?? join(bin, 'pg_ctl'), [...asUser.slice(1), ...(asUser.length ? [join(bin, 'pg_ctl')] : []), '-D', dir, '-m', 'immediate', 'stop'], {
      stdio: 'ignore',
      detached: true,
    }).unref();
  });
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

/** The admin URL of the test server (found or started once per process). */
export function serverAdminUrl(): Promise<string> {
  serverUrl ??= (async () => {
    const fromEnv = process.env.DATABASE_URL;
    if (fromEnv) {
      if (await answers(fromEnv)) return fromEnv;
      throw new Error(`DATABASE_URL is set but the server does not answer`);
    }
    const local = 'postgres://postgres@127.0.0.1:5432/postgres';
    if (await answers(local)) return local;
    return throwawayCluster();
  })();
  return serverUrl;
}

/** A fresh, empty database on the test server; `drop()` removes it. */
export async function freshServerDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = await serverAdminUrl();
  const name = `kpicast_test_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** An open, migrated warehouse on `backend`; call `cleanup()` in afterAll/afterEach. */
export async function testWarehouse(backend: Backend, options: { migrate?: boolean } = {}): Promise<{ warehouse: Warehouse; cleanup: () => Promise<void> }> {
  if (backend === 'pglite') {
    const warehouse = await openWarehouse('memory');
    if (options.migrate !== false) await migrate(warehouse);
    return { warehouse, cleanup: () => warehouse.close() };
  }
  const db = await freshServerDatabase();
  const warehouse = await openWarehouse(db.url);
  if (options.migrate !== false) await migrate(warehouse);
  return {
    warehouse,
    async cleanup() {
      await warehouse.close();
      await db.drop();
    },
  };
}
