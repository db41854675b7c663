/**
 * Pseudonymisation at load: personal values replaced by keyed HMAC-SHA-256 pseudonyms before
 * anything is written. The proof is a search of a full dump of the warehouse (every table of
 * every schema, every column, as text) and of every line the CLI printed, for the clear values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFile, openWarehouse, pseudonym, pseudonymKey, type Warehouse } from '../../src/index.js';
import { backends, testWarehouse } from '../helpers/backends.js';

const KEY = 'a company secret of some length';
const dir = mkdtempSync(join(tmpdir(), 'kpicast-pseudo-'));
const extras = join(dir, 'extras.csv');
const missions = join(dir, 'missions.csv');
/** The clear values that must be found nowhere after the loads. */
const CLEAR = ['Amélie Durand', 'amelie.durand@example.fr', '12 rue des Lilas', 'Jean-Luc Martin', 'jl.martin@example.fr', '3 avenue Foch', 'Hôtel du Parc', 'Grand Hôtel Lumière'];

writeFileSync(extras, [
  'extra_id,extra_name,email,address,rating',
  'E1,Amélie Durand,amelie.durand@example.fr,12 rue des Lilas,4.5',
  'E2,Jean-Luc Martin,jl.martin@example.fr,"3 avenue Foch",not-a-number', // quarantined: rating
  'E3,Amélie Durand,amelie.durand@example.fr', // quarantined: wrong field count
  '',
].join('\n'));
writeFileSync(missions, [
  'mission_id,hotel_name,extra_name,day',
  'M1,Hôtel du Parc,Amélie Durand,2026-11-02',
  'M2,Grand Hôtel Lumière,Amélie Durand,2026-11-03',
  'M3,Hôtel du Parc,Jean-Luc Martin,2026-11-03',
  '',
].join('\n'));

/** Every row of every table (system schemas aside) as text. */
async function dump(warehouse: Warehouse): Promise<string> {
  const tables = await warehouse.query<{ s: string; t: string }>(
    `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
     WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'`);
  const parts: string[] = [];
  for (const { s, t } of tables.rows) {
    const rows = await warehouse.query<{ x: string }>(`SELECT x::text AS x FROM "${s}"."${t}" x`);
    parts.push(...rows.rows.map((r) => r.x));
  }
  return parts.join('\n');
}

describe('pseudonym(value, key)', () => {
  it('is the same for the same value and key, differs across keys and values, and shows nothing of the value', () => {
    expect(pseudonym('Hôtel du Parc', KEY)).toBe(pseudonym('Hôtel du Parc', KEY));
    expect(pseudonym('Hôtel du Parc', KEY)).toMatch(/^p_[0-9a-f]{24}$/);
    expect(pseudonym('Hôtel du Parc', KEY)).not.toBe(pseudonym('Hôtel du Parc', `${KEY}!`));
    expect(pseudonym('Hôtel du Parc', KEY)).not.toBe(pseudonym('Hôtel du Parc ', KEY.slice(1)));
  });

  it('pseudonymKey() refuses a missing or short key in one line without printing it', () => {
    expect(() => pseudonymKey({})).toThrow(/^pseudonymise: KPICAST_PSEUDONYM_KEY is not set: /);
    expect(() => pseudonymKey({ KPICAST_PSEUDONYM_KEY: 'short-secret' })).toThrow(/^pseudonymise: KPICAST_PSEUDONYM_KEY is 12 characters long, at least 16 are needed$/);
  });
});

describe.each(backends)('loadFile(..., { pseudonymise }) on %s', (backend) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  const previous = process.env.KPICAST_PSEUDONYM_KEY;

  beforeAll(async () => {
    process.env.KPICAST_PSEUDONYM_KEY = KEY;
    ({ warehouse, cleanup } = await testWarehouse(backend));
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env.KPICAST_PSEUDONYM_KEY;
    else process.env.KPICAST_PSEUDONYM_KEY = previous;
    await cleanup();
  });

  it('leaves no clear value in any table, quarantine included, and joins and distinct counts still work', async () => {
    await warehouse.exec('CREATE TABLE raw.extras_p (extra_id text PRIMARY KEY, extra_name text, email text, address text, rating numeric)');
    const a = await loadFile(warehouse, extras, { table: 'extras_p', key: ['extra_id'], pseudonymise: ['extra_name', 'email', 'address'], quiet: true });
    expect([a.rowsRead, a.loaded, a.quarantined]).toEqual([3, 1, 2]);
    const b = await loadFile(warehouse, missions, { table: 'missions_p', key: ['mission_id'], pseudonymise: ['hotel_name', 'extra_name'], quiet: true });
    expect([b.rowsRead, b.loaded]).toEqual([3, 3]);

    const text = await dump(warehouse);
    for (const value of CLEAR) expect(text, value).not.toContain(value);
    expect(text).toContain('not-a-number'); // what is not personal stays, so the row can be fixed

    const joined = await warehouse.query<{ n: number; hotels: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT m.hotel_name)::int AS hotels FROM raw.missions_p m JOIN raw.extras_p e ON e.extra_name = m.extra_name');
    expect(joined.rows[0]).toEqual({ n: 2, hotels: 2 }); // Amélie's two missions, at two hotels
    const stored = await warehouse.query<{ extra_name: string }>("SELECT extra_name FROM raw.extras_p WHERE extra_id = 'E1'");
    expect(stored.rows[0].extra_name).toBe(pseudonym('Amélie Durand', KEY));
  });

  it('refuses an unknown column to pseudonymise before writing anything', async () => {
    await expect(loadFile(warehouse, extras, { table: 'extras_q', pseudonymise: ['phone'], quiet: true }))
      .rejects.toThrow(/^pseudonymise: got "phone", allowed: columns of the source: extra_id, extra_name, email, address, rating$/);
    const exists = await warehouse.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'extras_q'");
    expect(exists.rows).toHaveLength(0);
  });
});

describe('kpicast load --pseudonymise', () => {
  const cli = (args: string[], env: Record<string, string | undefined>) =>
    spawnSync(process.execPath, ['bin/kpicast.js', ...args], { encoding: 'utf8', env: { ...process.env, KPICAST_PSEUDONYM_KEY: undefined, ...env } });

  it('without KPICAST_PSEUDONYM_KEY: one line, exit 1, nothing loaded', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'kpicast-pseudo-db-')), 'db');
    const result = cli(['--db', db, 'load', extras, '--table', 'extras_personal', '--pseudonymise', 'extra_name'], {});
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual(['kpicast: pseudonymise: KPICAST_PSEUDONYM_KEY is not set: set it to a secret of at least 16 characters, kept apart from the warehouse']);
    const warehouse = await openWarehouse(db);
    const tables = await warehouse.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'extras_personal'");
    await warehouse.close();
    expect(tables.rows).toHaveLength(0);
  });

  it('prints no clear value and no key on stdout or stderr', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'kpicast-pseudo-db-')), 'db');
    const result = cli(['--db', db, 'load', extras, '--table', 'extras_personal', '--key', 'extra_id', '--pseudonymise', 'extra_name,email,address'], { KPICAST_PSEUDONYM_KEY: KEY });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/read 3, loaded 2 \(\+0 updated\), duplicates 0, quarantined 1/); // a new table: rating read as text
    for (const value of [...CLEAR, KEY]) expect(result.stdout + result.stderr).not.toContain(value);
  });
});
