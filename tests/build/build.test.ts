import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loadDataTests, loadSqlModels, type Warehouse } from '../../src/index.js';
import { backends, testWarehouse } from '../helpers/backends.js';
import { generateBusinessRows, insertBusinessRows } from '../fixtures/analysis/business-rows.js';

function sqlDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kpicast-sql-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('loadSqlModels(dir)', () => {
  it('orders the shipped models so each comes after the models it reads', () => {
    const models = loadSqlModels();
    const position = new Map(models.map((m, i) => [m.name, i]));
    for (const model of models) for (const dep of model.depends) expect(position.get(dep)!, `${model.name} after ${dep}`).toBeLessThan(position.get(model.name)!);
    expect(models.find((m) => m.name === 'marts.fct_sales')!.depends.sort()).toEqual(['staging.stg_order_lines', 'staging.stg_products', 'staging.stg_stores']);
    expect(models.filter((m) => m.layer === 'marts').every((m) => m.materialized === 'table')).toBe(true);
  });

  it('detects a dependency cycle and names it', () => {
    const dir = sqlDir({ 'marts/a.sql': 'SELECT * FROM marts.b', 'marts/b.sql': 'SELECT * FROM marts.a' });
    expect(() => loadSqlModels(dir)).toThrow('build: dependency cycle marts.a -> marts.b -> marts.a');
  });

  it('rejects a reference to an unknown model, naming the file', () => {
    const dir = sqlDir({ 'staging/s.sql': '-- depends: staging.ghost\nSELECT 1 AS x' });
    expect(() => loadSqlModels(dir)).toThrow(/model staging\.s \(staging\/s\.sql\) depends on unknown model staging\.ghost/);
  });
});

describe('loadDataTests(file)', () => {
  it('reads the shipped tests: every kind is used', () => {
    const kinds = new Set(loadDataTests().map((t) => t.kind));
    expect([...kinds].sort()).toEqual(['accepted_values', 'not_null', 'relationships', 'unique']);
  });
  it('reports a malformed tests file with file, line and column', () => {
    const dir = sqlDir({ 'tests.yml': 'marts.x:\n  id: [unique\n  other: [not_null]\n' });
    expect(() => loadDataTests(join(dir, 'tests.yml'))).toThrow(/tests\.yml, line \d+, column \d+: /);
  });
  it('rejects an unknown test kind, naming the allowed ones', () => {
    const dir = sqlDir({ 'tests.yml': 'marts.x:\n  id: [uniq]\n' });
    expect(() => loadDataTests(join(dir, 'tests.yml'))).toThrow(/test "uniq" on marts\.x\.id is not one of unique, not_null, relationships, accepted_values/);
  });
});

describe.each(backends)('build(warehouse) on %s', (backend) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  const data = generateBusinessRows(3, 30);
  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse(backend));
    await insertBusinessRows(warehouse, data);
  });
  afterAll(() => cleanup());

  it('builds every model and passes every data test on clean rows', async () => {
    const report = await build(warehouse);
    expect(report.ok).toBe(true);
    expect(report.models.map((m) => m.name)).toContain('marts.fct_sales');
    expect(report.tests.length).toBe(loadDataTests().length);
    const { rows } = await warehouse.query<{ n: number }>('SELECT count(*) AS n FROM marts.fct_sales');
    expect(rows[0].n).toBe(data.order_lines.length);
  });

  it('is idempotent: a second build gives the same marts', async () => {
    const before = (await warehouse.query<{ n: number; r: number }>('SELECT count(*) AS n, sum(revenue) AS r FROM marts.fct_sales')).rows[0];
    const report = await build(warehouse);
    expect(report.ok).toBe(true);
    const after = (await warehouse.query<{ n: number; r: number }>('SELECT count(*) AS n, sum(revenue) AS r FROM marts.fct_sales')).rows[0];
    expect(after).toEqual(before);
  });

  it('a planted bad row makes the relationships test fail, naming model, test and failing rows', async () => {
    await warehouse.exec('ALTER TABLE raw.order_lines DROP CONSTRAINT order_lines_product_id_fkey');
    await warehouse.query(
      `INSERT INTO raw.order_lines (order_id, line_no, order_date, store_id, product_id, customer_id, quantity, unit_price, discount)
       VALUES ('BAD-1', 1, '2024-01-02', 'S1', 'P-GHOST', NULL, 1, 10, 0)`,
    );
    const report = await build(warehouse);
    expect(report.ok).toBe(false);
    const failed = report.tests.filter((t) => !t.ok);
    // The unknown product has no unit cost either, so the line's cost is null too.
    expect(failed.map((t) => [t.test.model, t.label, t.failing])).toEqual([
      ['marts.fct_sales', 'relationships(product_id -> marts.dim_product.product_id)', 1],
      ['marts.fct_sales', 'not_null(cost)', 1],
    ]);
  });

  it('a model whose SQL fails rolls the whole build back and names the model and file', async () => {
    const dir = sqlDir({ 'staging/ok.sql': 'SELECT 1 AS x', 'marts/broken.sql': 'SELECT no_such_column FROM staging.ok' });
    await expect(build(warehouse, { dir })).rejects.toThrow(/build: model marts\.broken \(marts\/broken\.sql\) failed: column "no_such_column" does not exist/);
    const { rows } = await warehouse.query(`SELECT 1 FROM pg_views WHERE schemaname = 'staging' AND viewname = 'ok'`);
    expect(rows).toEqual([]);
  });
});
