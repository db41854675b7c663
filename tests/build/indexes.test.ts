import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, loadSqlModels, type Warehouse } from '../../src/index.js';
import { testWarehouse } from '../helpers/backends.js';

describe('SQL models: -- indexes:', () => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse('pglite'));
  });
  afterAll(() => cleanup());

  it('loadSqlModels() reads the indexes of a model header, and build() makes them on the table', async () => {
    const sales = loadSqlModels().find((m) => m.name === 'marts.fct_sales')!;
    expect(sales.indexes).toEqual([['order_date']]);
    await build(warehouse);
    const { rows } = await warehouse.query<{ tablename: string; indexdef: string }>(
      "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'marts' ORDER BY tablename");
    const byTable = Object.fromEntries(rows.map((r) => [r.tablename, r.indexdef.replace(/^.*USING btree /, '')]));
    expect(byTable).toMatchObject({ fct_sales: '(order_date)', fct_missions: '(mission_date)', fct_vehicle_sales: '(sale_date)', fct_store_traffic: '(day)' });
  });

  it('a column list that is not one is refused naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpicast-models-'));
    mkdirSync(join(dir, 'marts'));
    writeFileSync(join(dir, 'marts', 'x.sql'), '-- indexes: order date\nSELECT 1 AS a\n');
    expect(() => loadSqlModels(dir)).toThrow('marts/x.sql: -- indexes: got "order date", allowed: column names (letters, digits, _), comma-separated, ; between indexes');
  });
});
