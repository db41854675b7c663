import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFile, MANIFEST_FILE, sampleFiles, type BadRow, type LoadReport, type Warehouse } from '../../src/index.js';
import { backends, testWarehouse } from '../helpers/backends.js';

const dir = resolve('data', 'sample');
const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as { files: Array<{ file: string; rows: number }>; badRows: BadRow[] };

describe.each(backends)('the committed sample loads into the raw tables (%s)', (backend) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  const reports = new Map<string, LoadReport>();

  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse(backend));
    for (const spec of sampleFiles) {
      reports.set(spec.file, await loadFile(warehouse, join(dir, spec.file), { table: spec.table, format: spec.format, sqliteTable: spec.sqliteTable, quiet: true }));
    }
  }, 900_000); // loads the whole sample (361,000 order lines), on a 2-core machine shared with other work
  afterAll(() => cleanup());

  it('loadFile(each sample file) reads every row of the manifest and loads all but the documented bad rows', () => {
    for (const { file, rows } of manifest.files) {
      const report = reports.get(file)!;
      const bad = manifest.badRows.filter((b) => b.file === file).length;
      expect({ file, read: report.rowsRead, loaded: report.loaded, quarantined: report.quarantined, duplicates: report.duplicates, updated: report.updated })
        .toEqual({ file, read: rows, loaded: rows - bad, quarantined: bad, duplicates: 0, updated: 0 });
    }
  });

  it('the quarantine holds exactly the three bad order lines, at the manifest line numbers', async () => {
    const result = await warehouse.query<{ line_number: number; reason: string }>('SELECT line_number, reason FROM quarantine ORDER BY line_number');
    expect(result.rows.map((r) => r.line_number)).toEqual(manifest.badRows.map((b) => b.line));
    const [negative, unknown, malformed] = result.rows.map((r) => r.reason);
    expect(negative).toMatch(/quantity/);
    expect(unknown).toMatch(/P9999/);
    expect(malformed).toMatch(/date/);
  });

  it('French supplies keep their accents and decimal-comma costs; SQLite movements keep null stores and signed quantities', async () => {
    const supplier = await warehouse.query<{ n: number }>("SELECT count(*)::int AS n FROM raw.supplies WHERE supplier LIKE 'Maraîchers%' OR supplier LIKE 'Épicerie%'");
    expect(supplier.rows[0].n).toBeGreaterThan(0);
    const cost = await warehouse.query<{ min: number; max: number }>('SELECT min(unit_cost)::float8 AS min, max(unit_cost)::float8 AS max FROM raw.supplies');
    expect(cost.rows[0].min).toBeGreaterThan(0.1); // a comma read as a thousands separator would give costs in the thousands
    expect(cost.rows[0].max).toBeLessThan(100);
    const central = await warehouse.query<{ kind: string; sign: number }>(
      'SELECT kind, sign(sum(quantity))::int AS sign FROM raw.stock_movements WHERE store_id IS NULL GROUP BY kind ORDER BY kind',
    );
    expect(central.rows).toEqual([{ kind: 'receipt', sign: 1 }, { kind: 'shipment', sign: -1 }]);
  });
});
