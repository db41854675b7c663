import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWarehouse } from '../../src/index.js';

// The CLI runs from dist/ (`npm test` builds first), as users run it.
const dir = mkdtempSync(join(tmpdir(), 'kpicast-events-table-'));
const db = join(dir, 'db');
const input = join(dir, 'daily.csv');
// a store closed (30 % of its sales) on the first of each month, 2024-01-01 to 2025-04-30
const rows = ['unique_id,ds,y'];
const closures: string[] = [];
for (let i = 0; i < 366 + 120; i++) {
  const ds = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  const base = 100 + 30 * ((i % 7) === 5 ? 1 : 0);
  if (ds.endsWith('-01')) closures.push(ds);
  rows.push(`store,${ds},${ds.endsWith('-01') ? base * 0.3 : base}`);
}
closures.push('2025-05-01');
writeFileSync(input, rows.join('\n') + '\n');

beforeAll(async () => {
  const warehouse = await openWarehouse(db);
  try {
    await warehouse.exec(`CREATE SCHEMA IF NOT EXISTS raw; CREATE TABLE raw.closures (date date, name text, kind text);
      CREATE TABLE raw.bad (date text, name text); INSERT INTO raw.bad VALUES ('2025-02-01', 'ok'), ('2025-02-30', 'no such day');`);
    await warehouse.query(`INSERT INTO raw.closures SELECT d::date, 'Closed ' || d, 'closure' FROM unnest($1::text[]) AS d`, [closures]);
  } finally {
    await warehouse.close();
  }
}, 60_000);

function kpicast(...args: string[]) {
  return spawnSync(process.execPath, ['bin/kpicast.js', '--db', db, ...args], { encoding: 'utf8' });
}

describe('kpicast forecast --events-table', () => {
  it('reads the events from the --db warehouse and lowers the forecast on a future closure', () => {
    const out = join(dir, 'forecasts.csv');
    const run = kpicast('forecast', '--input', input, '--h', '7', '--models', 'snaive,snaive_hol', '--events-table', 'closures', '--all', '--out', out);
    expect(run.status, run.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    const may1 = (model: string) => Number(lines.find((l) => l.startsWith(`store,2025-05-01,${model},`))!.split(',')[3]);
    expect(may1('snaive')).toBeGreaterThan(90);
    expect(may1('snaive_hol')).toBeLessThan(50);
  });
  it('names the table, row and column of a bad row, and --events-table on a bad name', () => {
    const bad = kpicast('forecast', '--input', input, '--events-table', 'bad');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('raw.bad row 2, column date: date got "2025-02-30", expected a calendar date YYYY-MM-DD');
    const name = kpicast('forecast', '--input', input, '--events-table', 'a.b.c');
    expect(name.status).not.toBe(0);
    expect(name.stderr).toMatch(/--events-table: got "a\.b\.c", allowed: a name like orders or schema\.table/);
  });
});
