import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, migrate } from '../../src/index.js';
import { runCli } from '../../src/cli/main.js';
import { backends, freshServerDatabase, type Backend } from '../helpers/backends.js';
import { generateBusinessRows, insertBusinessRows } from '../fixtures/analysis/business-rows.js';

/** Runs the CLI in this process, capturing stdout, stderr and the exit code. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  process.stderr.write = ((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  process.exitCode = undefined;
  try {
    const code = await runCli(['node', 'kpicast', ...args]);
    return { code, out, err };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    process.exitCode = undefined;
  }
}

// The committed example: data/examples/sales.csv declared by data/examples/sales-model.yml.
const csvRows = readFileSync('data/examples/sales.csv', 'utf8').trim().split('\n').slice(1).map((line) => {
  const [order_id, order_date, region, category, customer, sales, profit, quantity] = line.split(',');
  return { order_id, order_date, region, category, customer, sales: Number(sales), profit: Number(profit), quantity: Number(quantity) };
});

async function target(backend: Backend): Promise<{ db: string; drop: () => Promise<void> }> {
  if (backend === 'pglite') return { db: mkdtempSync(join(tmpdir(), 'kpicast-cli-')), drop: async () => {} };
  const fresh = await freshServerDatabase();
  return { db: fresh.url, drop: fresh.drop };
}

describe.each(backends)('kpicast kpi / build / export on %s', (backend) => {
  let db: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await target(backend));
    const warehouse = await openWarehouse(db);
    await migrate(warehouse);
    await warehouse.exec(`CREATE TABLE raw.sales (order_id text, order_date date, region text, category text, customer text, sales numeric, profit numeric, quantity integer)`);
    await warehouse.copyFrom('COPY raw.sales FROM STDIN WITH (FORMAT csv, HEADER true)', readFileSync('data/examples/sales.csv', 'utf8'));
    await insertBusinessRows(warehouse, generateBusinessRows(5, 21));
    await warehouse.close();
  });
  afterAll(() => drop());

  it('kpi --model-file sales-model.yml revenue orders --format json gives the totals of the CSV', async () => {
    const { code, out } = await cli('--db', db, '--quiet', 'kpi', '--model-file', 'data/examples/sales-model.yml', 'revenue', 'orders', 'margin_rate', '--format', 'json');
    expect(code).toBe(0);
    const [row] = JSON.parse(out) as Array<{ revenue: number; orders: number; margin_rate: number }>;
    const revenue = csvRows.reduce((a, r) => a + r.sales, 0);
    expect(row.revenue).toBeCloseTo(revenue, 6);
    expect(row.orders).toBe(new Set(csvRows.map((r) => r.order_id)).size);
    expect(row.margin_rate).toBeCloseTo(csvRows.reduce((a, r) => a + r.profit, 0) / revenue, 12);
  });

  it('kpi --grain month --by region --format csv gives one line per month and region, as the CSV sums', async () => {
    const { code, out } = await cli('--db', db, '--quiet', 'kpi', '--model-file', 'data/examples/sales-model.yml', 'revenue', 'quantity', '--grain', 'month', '--by', 'region', '--format', 'csv');
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('period,region,revenue,quantity');
    const keys = new Set(csvRows.map((r) => `${r.order_date.slice(0, 7)}-01,${r.region}`));
    expect(lines.length - 1).toBe(keys.size);
    const [period, region, revenue] = lines[1].split(',');
    const want = csvRows.filter((r) => `${r.order_date.slice(0, 7)}-01` === period && r.region === region).reduce((a, r) => a + r.sales, 0);
    expect(Number(revenue)).toBeCloseTo(want, 6);
  });

  it('kpi --format table prints aligned columns and --filter keeps one region', async () => {
    const { code, out } = await cli('--db', db, '--quiet', 'kpi', '--model-file', 'data/examples/sales-model.yml', 'orders', '--by', 'region', '--filter', 'region=Nord');
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^region\s+orders$/);
    expect(lines.slice(2)).toEqual([`Nord    ${String(new Set(csvRows.filter((r) => r.region === 'Nord').map((r) => r.order_id)).size).padStart(6)}`]);
  });

  it('kpi --sql prints the one query and its bound parameters on stderr, results still on stdout', async () => {
    const { code, out, err } = await cli('--db', db, '--quiet', 'kpi', '--model-file', 'data/examples/sales-model.yml', 'revenue', '--from', '2024-02-01', '--sql', '--format', 'csv');
    expect(code).toBe(0);
    expect(err).toMatch(/^WITH f0 AS \(/);
    expect(err).toContain('-- params: ["2024-02-01"]');
    expect(out.split('\n')[0]).toBe('revenue');
  });

  it('kpi with an unknown metric exits 1 with one line listing the valid ones', async () => {
    const { code, err } = await cli('--db', db, '--quiet', 'kpi', '--model-file', 'data/examples/sales-model.yml', 'turnover');
    expect(code).toBe(1);
    expect(err).toBe('kpicast: unknown metric "turnover" for model sales, valid: revenue, profit, quantity, orders, lines, customers, average_basket, margin_rate, average_price, largest_line\n');
  });

  it('kpi with from after to exits 1 naming both dates', async () => {
    const { code, err } = await cli('--db', db, 'kpi', '--model-file', 'data/examples/sales-model.yml', 'revenue', '--from', '2024-05-01', '--to', '2024-04-01');
    expect(code).toBe(1);
    expect(err).toBe('kpicast: from 2024-05-01 is after to 2024-04-01\n');
  });

  it('build prints a line per model and per test, then kpi --model retail and export stock read the marts', async () => {
    const built = await cli('--db', db, '--quiet', 'build');
    expect(built.code).toBe(0);
    expect(built.out).toMatch(/^model {2}marts\.fct_sales\s+table/m);
    expect(built.out).toMatch(/^pass {3}marts\.fct_sales relationships\(store_id -> marts\.dim_store\.store_id\)$/m);
    const weekly = await cli('--db', db, '--quiet', 'kpi', '--model', 'retail', 'revenue', '--grain', 'week', '--format', 'json');
    expect(weekly.code).toBe(0);
    expect((JSON.parse(weekly.out) as Array<{ period: string }>).map((r) => r.period)).toEqual(['2024-01-01', '2024-01-08', '2024-01-15']); // 21 days from Monday 2024-01-01
    const out = join(mkdtempSync(join(tmpdir(), 'kpicast-export-')), 'etat_stock_par_produit.csv');
    const exported = await cli('--db', db, '--quiet', 'export', 'stock', '--out', out);
    expect(exported.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('product_id,product_name,category,on_hand,received,shipped,last_movement,days_of_cover');
    expect(lines.length).toBe(1 + 5); // five products in the fixture
  });

  it('build exits 1 and names the failing test when a bad row is planted', async () => {
    const warehouse = await openWarehouse(db);
    await warehouse.exec('ALTER TABLE raw.missions DROP CONSTRAINT missions_status_check');
    await warehouse.exec(`INSERT INTO raw.missions VALUES ('BAD', 'H1', NULL, '2024-01-03', 'lost', 4, 15)`);
    await warehouse.close();
    const { code, out, err } = await cli('--db', db, '--quiet', 'build');
    expect(code).toBe(1);
    expect(out).toMatch(/^FAIL {3}marts\.fct_missions accepted_values\(status in planned\|assigned\|done\|cancelled\): 1 failing row$/m);
    expect(err).toContain('kpicast: build: 1 data test(s) failed: marts.fct_missions accepted_values(status in planned|assigned|done|cancelled) (1 rows)');
  });
});
