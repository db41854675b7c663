/**
 * `npm run bench:kpi`: kpicast's KPI queries against hand-written SQL giving the same result,
 * on 1,000,000 order lines, in the same run, on the PostgreSQL server (a database of its own,
 * created and dropped) and in an embedded PGlite warehouse. kpicast as a user gets it (the retail
 * model reads its rollups where they answer), and "facts only" (withoutRollups: the compiler's own
 * SQL over the same fact the hand-written query reads, the like-for-like comparison).
 * Targets: kpicast within 10 % of the hand-written SQL on the server; each query < 2 s on PGlite.
 *
 * Environment: KPICAST_BENCH_ROWS (default 1000000), KPICAST_BENCH_REPS (default 5),
 * DATABASE_URL (admin URL of the server, default postgres://postgres@127.0.0.1:5432/postgres),
 * KPICAST_BENCH_ONLY=pglite|postgres to run one backend.
 */
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { build, kpis, retail, openWarehouse, migrate, formatDuration, withoutRollups, type KpiRequest, type Warehouse } from '../src/index.js';
import { openPglite } from '../src/warehouse/pglite.js';

const ROWS = Number(process.env.KPICAST_BENCH_ROWS ?? 1_000_000);
const REPS = Number(process.env.KPICAST_BENCH_REPS ?? 5);
const factsOnly = withoutRollups(retail);

interface Case {
  name: string;
  request: KpiRequest;
  /** Hand-written SQL returning the same rows and columns, in the same order. */
  sql: string;
}

const cases: Case[] = [
  {
    name: 'revenue, orders by month',
    request: { metrics: ['revenue', 'orders'], grain: 'month' },
    sql: `SELECT date_trunc('month', order_date)::date::text AS period, sum(revenue)::float8 AS revenue, count(DISTINCT order_key)::float8 AS orders
          FROM marts.fct_sales GROUP BY 1 ORDER BY 1`,
  },
  {
    name: 'revenue, margin rate by week x region',
    request: { metrics: ['revenue', 'margin_rate'], grain: 'week', by: ['region'] },
    sql: `SELECT date_trunc('week', f.order_date)::date::text AS period, s.region, sum(f.revenue)::float8 AS revenue,
                 (sum(f.margin)::float8 / NULLIF(sum(f.revenue)::float8, 0)) AS margin_rate
          FROM marts.fct_sales f LEFT JOIN marts.dim_store s ON s.store_id = f.store_id GROUP BY 1, 2 ORDER BY 1, 2`,
  },
  {
    name: 'units, average basket by quarter x category',
    request: { metrics: ['units', 'average_basket'], grain: 'quarter', by: ['category'] },
    sql: `SELECT date_trunc('quarter', f.order_date)::date::text AS period, p.category, sum(f.quantity)::float8 AS units,
                 (sum(f.revenue)::float8 / NULLIF(count(DISTINCT f.order_key)::float8, 0)) AS average_basket
          FROM marts.fct_sales f LEFT JOIN marts.dim_product p ON p.product_id = f.product_id GROUP BY 1, 2 ORDER BY 1, 2`,
  },
  {
    name: 'conversion rate by month x store (2 facts)',
    request: { metrics: ['conversion_rate'], grain: 'month', by: ['store'] },
    sql: `WITH o AS (SELECT date_trunc('month', order_date)::date AS period, store_id, count(DISTINCT order_key) AS orders FROM marts.fct_sales GROUP BY 1, 2),
               v AS (SELECT date_trunc('month', day)::date AS period, store_id, sum(visitors) AS visitors FROM marts.fct_store_traffic GROUP BY 1, 2)
          SELECT period::text AS period, store_id AS store, coalesce(o.orders, 0)::float8 / NULLIF(coalesce(v.visitors, 0)::float8, 0) AS conversion_rate
          FROM o FULL JOIN v USING (period, store_id) ORDER BY period, store_id`,
  },
  {
    name: 'revenue by month x region vs previous year',
    request: { metrics: ['revenue'], grain: 'month', by: ['region'], from: '2025-01-01', compare: 'previous_year' },
    sql: `WITH m AS (SELECT date_trunc('month', f.order_date)::date AS period, s.region, sum(f.revenue)::float8 AS revenue
                     FROM marts.fct_sales f LEFT JOIN marts.dim_store s ON s.store_id = f.store_id
                     WHERE f.order_date >= '2024-01-01' GROUP BY 1, 2)
          SELECT c.period::text AS period, c.region, c.revenue, p.revenue AS revenue_previous, c.revenue - p.revenue AS revenue_delta,
                 (c.revenue - p.revenue) / NULLIF(abs(p.revenue), 0) AS revenue_delta_pct
          FROM m c LEFT JOIN m p ON p.period = (c.period - interval '1 year')::date AND p.region = c.region
          WHERE c.period >= '2025-01-01' ORDER BY 1, 2`,
  },
  {
    name: 'totals for one region (filter)',
    request: { metrics: ['revenue', 'gross_margin', 'orders'], filters: { region: 'Nord' } },
    sql: `SELECT sum(f.revenue)::float8 AS revenue, sum(f.margin)::float8 AS gross_margin, count(DISTINCT f.order_key)::float8 AS orders
          FROM marts.fct_sales f JOIN marts.dim_store s ON s.store_id = f.store_id WHERE s.region = 'Nord'`,
  },
];

/** Fills the raw tables with `rows` order lines and matching stores, products, traffic, stock and supplies, all in SQL (bench:serve reuses it). */
export async function fill(warehouse: Warehouse, rows: number): Promise<void> {
  await warehouse.exec(`
    INSERT INTO raw.stores SELECT 'S' || g, 'Store ' || g, 'City ' || (g % 20), (ARRAY['Nord','Sud','Est','Ouest','Centre'])[1 + g % 5], 0.2, DATE '2020-01-01'
      FROM generate_series(1, 50) g;
    INSERT INTO raw.products SELECT 'P' || g, 'Product ' || g, (ARRAY['food','drinks','home','garden','toys','books','tech','beauty'])[1 + g % 8],
      1 + g % 50, (1 + g % 50) * 1.6, g % 3 = 0 FROM generate_series(1, 500) g;
    INSERT INTO raw.customers SELECT 'C' || g, 'Customer ' || g, 'City ' || (g % 20), (ARRAY['Nord','Sud','Est','Ouest','Centre'])[1 + g % 5], DATE '2022-01-01'
      FROM generate_series(1, 20000) g;`);
  await warehouse.query(`
    INSERT INTO raw.order_lines (order_id, line_no, order_date, store_id, product_id, customer_id, quantity, unit_price, discount)
    SELECT 'O' || (g / 3), g % 3, DATE '2024-01-01' + ((g / 3) * 7919 % 730)::int, 'S' || (1 + (g / 3) % 50), 'P' || (1 + (g * 31) % 500),
           CASE WHEN (g / 3) % 11 = 0 THEN NULL ELSE 'C' || (1 + ((g / 3) * 13) % 20000) END,
           1 + g % 5, (1 + ((g * 31) % 500) % 50) * 1.6, CASE WHEN g % 10 = 0 THEN 1 ELSE 0 END
    FROM generate_series(0::bigint, $1::bigint - 1) g`, [rows]);
  await warehouse.exec(`
    INSERT INTO raw.store_traffic SELECT 'S' || s, DATE '2024-01-01' + d, 200 + (s * 37 + d * 11) % 300
      FROM generate_series(1, 50) s, generate_series(0, 729) d;
    INSERT INTO raw.stock_movements SELECT 'R' || p || '-' || w, DATE '2024-01-01' + w * 7, 'P' || p, NULL, 'receipt', 40 + (p * w) % 30
      FROM generate_series(1, 500) p, generate_series(0, 104) w;
    INSERT INTO raw.stock_movements SELECT 'X' || p || '-' || d, DATE '2024-01-01' + d, 'P' || p, 'S' || (1 + (p + d) % 50), 'shipment', -(1 + (p * d) % 9)
      FROM generate_series(1, 500) p, generate_series(0, 729) d;
    INSERT INTO raw.supplies SELECT 'SU' || g, DATE '2024-01-01' + g % 730, 'P' || (1 + g % 500), 'Supplier ' || (g % 7), 10 + g % 90, 1 + g % 50
      FROM generate_series(1, 10000) g;
    ANALYZE;`);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function sameRows(a: Array<Record<string, unknown>>, b: Array<Record<string, unknown>>): boolean {
  if (a.length !== b.length) return false;
  return a.every((row, i) =>
    Object.keys(row).every((k) => {
      const x = row[k];
      const y = b[i][k];
      if (typeof x === 'number' && typeof y === 'number') return Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(x));
      return x === y || (x == null && y == null);
    }),
  );
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function run(label: string, warehouse: Warehouse, limitMs?: number): Promise<boolean> {
  let started = performance.now();
  await migrate(warehouse);
  await fill(warehouse, ROWS);
  process.stderr.write(`${label}: filled ${ROWS.toLocaleString('en')} order lines in ${formatDuration(performance.now() - started)}\n`);
  started = performance.now();
  const report = await build(warehouse);
  process.stderr.write(`${label}: built ${report.models.length} models in ${formatDuration(performance.now() - started)} (tests ${report.ok ? 'pass' : 'FAIL'})\n`);
  process.stdout.write(`\n${label}: ${ROWS.toLocaleString('en')} order lines, median of ${REPS} runs\n`);
  process.stdout.write(`${'query'.padEnd(46)} ${'kpicast'.padStart(9)} ${'facts only'.padStart(11)} ${'hand SQL'.padStart(9)} ${'ratio'.padStart(6)} ${'facts only ratio'.padStart(17)}\n`);
  let ok = true;
  for (const c of cases) {
    const mine = await kpis(warehouse, retail, c.request);
    const facts = await kpis(warehouse, factsOnly, c.request);
    const hand = await warehouse.query(c.sql);
    if (!sameRows(mine.frame.toRecords(), hand.rows) || !sameRows(facts.frame.toRecords(), hand.rows)) {
      process.stdout.write(`${c.name}: kpicast and hand-written SQL DIFFER (${mine.frame.height} vs ${hand.rows.length} rows)\n`);
      ok = false;
      continue;
    }
    const tk: number[] = [];
    const tf: number[] = [];
    const th: number[] = [];
    for (let i = 0; i < REPS; i++) {
      // alternate which goes first so caches favour none
      const steps = [
        async () => tk.push(await time(() => kpis(warehouse, retail, c.request))),
        async () => tf.push(await time(() => kpis(warehouse, factsOnly, c.request))),
        async () => th.push(await time(() => warehouse.query(c.sql))),
      ];
      for (let j = 0; j < steps.length; j++) await steps[(i + j) % steps.length]();
    }
    const k = median(tk);
    const f = median(tf);
    const h = median(th);
    const slow = limitMs !== undefined && k > limitMs;
    if (slow) ok = false;
    process.stdout.write(
      `${c.name.padEnd(46)} ${formatDuration(k).padStart(9)} ${formatDuration(f).padStart(11)} ${formatDuration(h).padStart(9)} ${(k / h).toFixed(2).padStart(6)} ${(f / h).toFixed(2).padStart(17)}${slow ? `  over ${formatDuration(limitMs)}` : ''}\n`,
    );
  }
  return ok;
}

async function main(): Promise<void> {
  const only = process.env.KPICAST_BENCH_ONLY;
  let ok = true;
  if (only !== 'pglite') {
    const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `kpicast_bench_kpi_${process.pid}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name}`);
    await client.query(`CREATE DATABASE ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const warehouse = await openWarehouse(url.toString());
    try {
      ok = (await run('PostgreSQL server', warehouse)) && ok;
    } finally {
      await warehouse.close();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    }
  }
  if (only !== 'postgres') {
    const warehouse = await openPglite('memory', { initialMemory: 2 * 1024 * 1024 * 1024 });
    try {
      ok = (await run('PGlite (embedded)', warehouse, 2000)) && ok;
    } finally {
      await warehouse.close();
    }
  }
  if (!ok) process.exitCode = 1;
}

// Run only as the bench itself, not when bench:serve imports fill().
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
