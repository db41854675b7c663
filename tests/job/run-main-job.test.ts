import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatJobSummary, InputError, MANIFEST_FILE, runMainJob, type JobSummary, type Warehouse } from '../../src/index.js';
import { testWarehouse } from '../helpers/backends.js';

const sample = resolve('data', 'sample');
const manifest = JSON.parse(readFileSync(join(sample, MANIFEST_FILE), 'utf8')) as { files: Array<{ file: string; table: string; rows: number }>; badRows: unknown[] };

describe('runMainJob(warehouse, { loadOnly: true }) on embedded PGlite: steps 1-4, the loads', () => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  let firstRun: JobSummary;
  let secondRun: JobSummary;

  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse('pglite'));
    firstRun = await runMainJob(warehouse, { loadOnly: true });
    secondRun = await runMainJob(warehouse, { loadOnly: true });
  }, 900_000); // loads the whole sample (361,000 order lines), on a 2-core machine shared with other work
  afterAll(() => cleanup());

  it('runMainJob(empty warehouse) loads the committed data/sample: every raw table filled, bad rows quarantined', () => {
    expect(firstRun.source).toBe(sample);
    expect(firstRun.generated).toBe(false);
    expect(firstRun.skipped).toBeUndefined();
    for (const { table, rows } of manifest.files) {
      const bad = table === 'order_lines' ? manifest.badRows.length : 0;
      expect(firstRun.tables.find((t) => t.table === `raw.${table}`)?.rows, table).toBe(rows - bad);
    }
    expect(firstRun.loads.reduce((sum, l) => sum + l.quarantined, 0)).toBe(3);
    expect(firstRun.nothingNew).toBe(false);
  });

  it('runMainJob(same warehouse) again loads nothing new: every good row is a duplicate, and the summary says so', () => {
    expect(secondRun.nothingNew).toBe(true);
    for (const load of secondRun.loads) {
      expect(load.loaded + load.updated, load.file).toBe(0);
      expect(load.duplicates + load.quarantined, load.file).toBe(load.rowsRead);
    }
    expect(secondRun.tables).toEqual(firstRun.tables);
    const text = formatJobSummary(secondRun);
    expect(text).toMatch(/nothing new: all [\d,]+ good rows were already in the warehouse; 3 bad rows quarantined again/);
    expect(text).toMatch(/raw\.order_lines\s+[\d,]+/);
  });

  it('formatJobSummary(first run) prints per-file read/loaded/duplicates/quarantined and a total line', () => {
    const text = formatJobSummary(firstRun);
    expect(text.split('\n')[0]).toBe(`warehouse: ${warehouse.target}`);
    expect(text).toMatch(/^file\s+table\s+read\s+loaded\s+updated\s+duplicates\s+quarantined$/m);
    const total = manifest.files.reduce((sum, f) => sum + f.rows, 0);
    expect(text).toContain(`total`);
    expect(text).toContain(total.toLocaleString('en-US'));
    expect(text).toMatch(/^order_lines\.parquet\s+raw\.order_lines\s+[\d,]+\s+[\d,]+\s+0\s+0\s+3$/m);
  });
});

describe('runMainJob(warehouse) refusals', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'kpicast-job-'));
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse('pglite'));
    await warehouse.query("INSERT INTO raw.stores (store_id, name, region, tax_rate) VALUES ('MINE', 'Our shop', 'Bretagne', 0.2)");
  }, 120_000);
  afterAll(async () => {
    await cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('runMainJob(warehouse with data of its own) leaves it alone and says why', async () => {
    const summary = await runMainJob(warehouse, { loadOnly: true });
    expect(summary.loads).toEqual([]);
    expect(summary.skipped).toMatch(/did not come from the sample/);
    expect(summary.tables.find((t) => t.table === 'raw.stores')?.rows).toBe(1);
    expect(formatJobSummary(summary)).toMatch(/nothing loaded: the warehouse holds data that did not come from the sample/);
  });

  it('runMainJob(warehouse, { sampleDir: an empty directory }) throws an InputError naming the missing files', async () => {
    await expect(runMainJob(warehouse, { sampleDir: scratch, loadOnly: true })).rejects.toThrow(InputError);
    await expect(runMainJob(warehouse, { sampleDir: scratch, loadOnly: true })).rejects.toThrow(/runMainJob: sampleDir lacks stores\.csv, products\.csv/);
  });
});
