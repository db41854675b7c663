/**
 * What a user sees when a KPI query cannot run, and the first load into a fresh warehouse.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kpis, loadFile, modelFromObject, retail, validateModel, type Warehouse } from '../../src/index.js';
import { backends, testWarehouse } from '../helpers/backends.js';

describe.each(backends)('KPI errors and a first load on %s', (backend) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse(backend, { migrate: false }));
  });
  afterAll(() => cleanup());

  it('loadFile into a warehouse never initialised creates its bookkeeping tables first and loads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpicast-first-load-'));
    const file = join(dir, 'sales.csv');
    writeFileSync(file, 'order_id,order_date,region,sales\nO1,2024-01-05,Nord,10.5\nO2,2024-01-06,Sud,4\n');
    const report = await loadFile(warehouse, file, { table: 'sales', key: ['order_id'], quiet: true });
    expect([report.rowsRead, report.loaded]).toEqual([2, 2]);
    expect((await warehouse.query('select count(*)::int as n from load_runs')).rows).toEqual([{ n: 1 }]);
  });

  it('kpis(retail) before the marts are built says which model and to run kpicast build', async () => {
    await expect(kpis(warehouse, retail, { metrics: ['revenue'] })).rejects.toThrow(
      /^model retail, metrics revenue: relation "marts\.agg_sales_region_daily" does not exist; build the marts first: kpicast build$/,
    );
  });

  it('a model naming a column its table lacks gets the model, the metric and what to check', async () => {
    const model = validateModel(modelFromObject({ name: 'sales', table: 'raw.sales', time: 'order_date', dimensions: ['region'], measures: { revenue: { sum: 'sale' } } }));
    await expect(kpis(warehouse, model, { metrics: ['revenue'] })).rejects.toThrow(
      /^model sales, metrics revenue: column t\.sale does not exist; check the columns the model names against its tables$/,
    );
  });
});
