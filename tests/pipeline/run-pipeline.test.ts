import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRuns, normalisePipeline, runPipeline, type Warehouse } from '../../src/index.js';
import { testWarehouse } from '../helpers/backends.js';

describe('runPipeline(warehouse, config) before and around its steps', () => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), 'kpicast-run-'));
  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse('pglite'));
  }, 120_000);
  afterAll(() => cleanup());

  it('runPipeline(email delivery, no KPICAST_SMTP_URL) refuses in one line before any step, and records no run', async () => {
    const config = normalisePipeline({ sources: [], build: false, deliver: { email: { to: 'a@example.com' } } }, { baseDir: dir });
    await expect(runPipeline(warehouse, config, { env: {} })).rejects.toThrow(
      'KPICAST_SMTP_URL: got "", allowed: smtp://user@host:port or smtps://user@host:port (and the password in KPICAST_SMTP_PASSWORD)',
    );
    expect(await listRuns(warehouse)).toEqual([]);
  });

  it('runPipeline(a source that fails) records it, stops before the later steps, and ends failed with the error', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'store,day\nS01,2025-01-01\n');
    const config = normalisePipeline(
      { sources: [{ file: 'missing.csv', table: 'x_days' }, { inbox: 'nowhere/*.csv', table: 'y_days' }], build: true, forecast: [{ metric: 'missions', model: 'staffing' }] },
      { baseDir: dir, name: 'broken' },
    );
    const summary = await runPipeline(warehouse, config);
    expect(summary.status).toBe('failed');
    expect(summary.loads.map((l) => [l.source, l.status])).toEqual([['x_days', 'failed'], ['y_days', 'failed']]);
    expect(summary.error).toMatch(/^x_days: missing\.csv: ENOENT/);
    expect(summary.build).toBeUndefined();
    expect(summary.forecasts).toEqual([]);
    const [run] = await listRuns(warehouse, 1);
    expect(run).toMatchObject({ pipeline: 'broken', status: 'failed', trigger: 'manual' });
  });

  it('runPipeline(a forecast whose events: table is missing or has a bad row) fails that step naming the table, the row and the column', async () => {
    await warehouse.exec("CREATE SCHEMA IF NOT EXISTS raw; CREATE TABLE raw.bad_events (date text, name text); INSERT INTO raw.bad_events VALUES ('2025-01-01', '')");
    const run = (table: string) => runPipeline(warehouse, normalisePipeline({ sources: [], build: false, forecast: [{ metric: 'missions', model: 'staffing', events: { table } }] }, { baseDir: dir }));
    const missing = await run('no_events');
    expect(missing.status).toBe('failed');
    expect(missing.error).toMatch(/raw\.no_events: no such table/);
    const bad = await run('bad_events');
    expect(bad.status).toBe('failed');
    expect(bad.error).toContain("raw.bad_events row 1, column name: name is empty, expected the event's name");
  });
});
