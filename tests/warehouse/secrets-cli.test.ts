/**
 * No password in any output nor anywhere in the warehouse (issue 13, "Secrets"): the real CLI
 * (bin/kpicast.js, built) run with each kind of --db target the issue found leaking, then
 * stdout, stderr and a text dump of every warehouse table grepped for the password.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freshServerDatabase } from '../helpers/backends.js';

const SECRET = 'S3cretPW';
const BIN = resolve('bin/kpicast.js');
const SAMPLE = resolve('data/sample');

/** Runs the built CLI in `cwd` with `env` added; stdout, stderr and the exit code. */
function kpicast(cwd: string, args: string[], env: Record<string, string> = {}): { code: number; out: string; err: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { code: result.status ?? -1, out: result.stdout, err: result.stderr };
}

/** Every row of every table of the database (but the system catalogs), as text. */
async function dumpDatabase(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
       WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const parts: string[] = [];
    for (const { name } of tables) {
      const { rows } = await client.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
      parts.push(`${name}\n${rows.map((r) => r.row).join('\n')}`);
    }
    return parts.join('\n');
  } finally {
    await client.end();
  }
}

/** The URL of `database` on the test server, written `variant` (the password put in one way or another). */
function withSecret(plain: string, variant: 'query' | 'colon' | 'params'): string {
  const url = new URL(plain);
  const base = `${url.protocol}//${decodeURIComponent(url.username) || 'postgres'}`;
  const where = `${url.host}${url.pathname}`;
  if (variant === 'query') return `${base}@${where}?password=${SECRET}`;
  if (variant === 'colon') return `${base}:S3c:${SECRET}@${where}`; // an unencoded `:` in the password
  return `${base}:${SECRET}@${where}?sslmode=disable&sslpassword=${SECRET}&PGPASSWORD=${SECRET}`;
}

describe('kpicast with a password in --db (PostgreSQL server)', () => {
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  it.each(['query', 'colon', 'params'] as const)(
    'init, load, build, run and kpi with the password as %s never print it, and no table holds it',
    async (variant) => {
      const db = await freshServerDatabase();
      drops.push(db.drop);
      const target = withSecret(db.url, variant);
      const cwd = mkdtempSync(join(tmpdir(), 'kpicast-secret-'));
      writeFileSync(join(cwd, 'stores.csv'), 'store_id,name,city,region,tax_rate,opened_on\nS9,Test store,Lyon,Rhône,0.2000,2020-01-01\n');
      const runs = [
        kpicast(cwd, ['--db', target, 'init']),
        kpicast(cwd, ['--db', target, 'load', 'stores.csv', '--table', 'stores']),
        kpicast(cwd, ['--db', target, 'build']),
        // the warehouse holds data not from the sample: run skips the load and names the warehouse
        kpicast(cwd, ['--db', target, 'run', '--load-only', '--sample', SAMPLE]),
        kpicast(cwd, ['kpi', '--model', 'retail', 'revenue'], { KPICAST_DB: target }),
      ];
      expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0, 0]);
      expect(runs[0].err).toMatch(/✓ migrate postgres:\/\/postgres(:\*\*\*)?@/);
      expect(runs[2].err).toMatch(/✓ build postgres:\/\/postgres(:\*\*\*)?@/);
      expect(runs[3].out).toMatch(/^warehouse: postgres:\/\/postgres(:\*\*\*)?@/);
      for (const run of runs) {
        expect(run.out).not.toContain('S3c');
        expect(run.err).not.toContain('S3c');
      }
      const dump = await dumpDatabase(db.url);
      expect(dump).toContain('Test store'); // the dump does hold the data
      expect(dump).not.toContain('S3c');
    },
  );

  it('an unreachable server is named by host, port and database only', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kpicast-secret-'));
    const { code, out, err } = kpicast(cwd, ['--db', `postgres://alice:${SECRET}@127.0.0.1:1/sales?sslpassword=${SECRET}`, 'init']);
    expect([code, out, err]).toEqual([1, '', 'kpicast: cannot connect to PostgreSQL at 127.0.0.1:1/sales: connection refused\n']);
  });
});

describe('kpicast with a --db that looks like a URL but is not a valid one', () => {
  it.each([
    [`postgres://u:S3cret/PW@127.0.0.1:5432/db`, 'the user name or password holds an unencoded / ? # or @'],
    [`postgres://u:ab@${SECRET}@127.0.0.1:5432/db`, 'the user name or password holds an unencoded / ? # or @'],
    [`postgres:/u:${SECRET}@127.0.0.1/db`, 'postgres:/ instead of postgres://'],
    [`postgresql:/u:${SECRET}@127.0.0.1/db`, 'postgresql:/ instead of postgresql://'],
    [`postgress://u:${SECRET}@127.0.0.1/db`, 'unknown scheme postgress:'],
    [`mysql:/root:${SECRET}@127.0.0.1/db`, 'scheme mysql: is not postgres:// or postgresql://'],
    [`u:${SECRET}@127.0.0.1/db`, 'no scheme'],
  ])('%s is refused in one line, never becomes a folder, never echoes the password', (target, why) => {
    const cwd = mkdtempSync(join(tmpdir(), 'kpicast-secret-'));
    const runs = [
      kpicast(cwd, ['--db', target, 'init']),
      kpicast(cwd, ['--db', target, 'build']),
      kpicast(cwd, ['run', '--load-only', '--sample', SAMPLE], { KPICAST_DB: target }),
    ];
    for (const { code, out, err } of runs) {
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err).toMatch(new RegExp(`^kpicast: warehouse "[^"]*" \\(--db or \\$KPICAST_DB\\) is not a valid URL: ${why.replace(/[?*$/.()]/g, '\\$&')}[^\\n]*; allowed: [^\\n]*\\n$`));
      expect(err).not.toContain('S3cret');
    }
    expect(readdirSync(cwd)).toEqual([]); // no embedded warehouse created in a folder named after the URL
  });
});
