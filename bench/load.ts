/**
 * `npm run bench:load`: kpicast's loadFile against `psql \copy` on the same CSV of 1,000,000
 * order lines, in the same run, on the PostgreSQL server, in a database of its own (created and
 * dropped). Both load into an identical empty `order_lines` table (primary key, CHECKs and the
 * three foreign keys), with stores, products and customers pre-loaded.
 * Target: kpicast at least 0.5 × the rows/s of psql \copy — which only copies: kpicast also
 * decodes, validates, checks keys and constraints, quarantines and counts.
 *
 * Environment: KPICAST_BENCH_ROWS (default 1000000), DATABASE_URL (admin URL of the server,
 * default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadFile, migrate, openWarehouse, formatDuration, seededRandom } from '../src/index.js';

const ROWS = Number(process.env.KPICAST_BENCH_ROWS ?? 1_000_000);
const ADMIN = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const STORES = 20, PRODUCTS = 200, CUSTOMERS = 5000;

/** Writes `rows` order lines shaped like raw.order_lines: orders of 1-5 lines over 3 years. */
async function writeOrderLines(file: string, rows: number): Promise<void> {
  const rnd = seededRandom(42);
  const out = createWriteStream(file);
  out.write('order_id,line_no,order_date,store_id,product_id,customer_id,quantity,unit_price,discount\n');
  const start = Date.UTC(2022, 0, 1);
  let written = 0, order = 0;
  let chunk: string[] = [];
  while (written < rows) {
    order++;
    const lines = 1 + Math.floor(rnd() * 5);
    const day = new Date(start + Math.floor((order / (rows / 2.6)) * 1095) * 86_400_000).toISOString().slice(0, 10);
    const store = `S${String(1 + Math.floor(rnd() * STORES)).padStart(2, '0')}`;
    const customer = rnd() < 0.1 ? '' : `C${String(1 + Math.floor(rnd() * CUSTOMERS)).padStart(5, '0')}`;
    for (let l = 1; l <= lines && written < rows; l++, written++) {
      const product = `P${String(1 + Math.floor(rnd() * PRODUCTS)).padStart(4, '0')}`;
      const quantity = 1 + Math.floor(rnd() * 6);
      const price = (1 + rnd() * 40).toFixed(2);
      const discount = rnd() < 0.15 ? (rnd() * 2).toFixed(2) : '0';
      chunk.push(`O${String(order).padStart(8, '0')},${l},${day},${store},${product},${customer},${quantity},${price},${discount}`);
    }
    if (chunk.length >= 10_000) {
      if (!out.write(chunk.join('\n') + '\n')) await once(out, 'drain');
      chunk = [];
    }
  }
  out.write(chunk.length ? chunk.join('\n') + '\n' : '');
  out.end();
  await once(out, 'finish');
}

async function main(): Promise<void> {
  const name = `kpicast_bench_load_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'kpicast-bench-load-'));
  const file = join(dir, 'order_lines.csv');
  const warehouse = await openWarehouse(url.toString());
  try {
    await migrate(warehouse);
    await warehouse.exec(`
      INSERT INTO raw.stores (store_id, name, region, tax_rate) SELECT 'S' || lpad(i::text, 2, '0'), 'store ' || i, 'R' || (i % 5), 0.2 FROM generate_series(1, ${STORES}) i;
      INSERT INTO raw.products (product_id, name, category, unit_cost, price) SELECT 'P' || lpad(i::text, 4, '0'), 'product ' || i, 'cat' || (i % 12), 1, 2 FROM generate_series(1, ${PRODUCTS}) i;
      INSERT INTO raw.customers (customer_id) SELECT 'C' || lpad(i::text, 5, '0') FROM generate_series(1, ${CUSTOMERS}) i;
      CREATE TABLE raw.order_lines_psql (LIKE raw.order_lines INCLUDING ALL);
      ALTER TABLE raw.order_lines_psql ADD FOREIGN KEY (store_id) REFERENCES raw.stores (store_id),
        ADD FOREIGN KEY (product_id) REFERENCES raw.products (product_id),
        ADD FOREIGN KEY (customer_id) REFERENCES raw.customers (customer_id);`);
    let t = performance.now();
    await writeOrderLines(file, ROWS);
    process.stderr.write(`generated ${ROWS} order lines in ${formatDuration(performance.now() - t)}: ${file}\n`);

    t = performance.now();
    const report = await loadFile(warehouse, file, { table: 'order_lines' });
    const kpicastMs = performance.now() - t;
    if (report.loaded !== ROWS) throw new Error(`bench: kpicast loaded ${report.loaded} of ${ROWS} rows (quarantined ${report.quarantined})`);

    t = performance.now();
    execFileSync('psql', [url.toString(), '-v', 'ON_ERROR_STOP=1', '-q', '-c', `\\copy raw.order_lines_psql FROM '${file}' WITH (FORMAT csv, HEADER)`], { stdio: ['ignore', 'ignore', 'inherit'] });
    const psqlMs = performance.now() - t;
    const copied = Number((await warehouse.query<{ n: number }>('SELECT count(*) AS n FROM raw.order_lines_psql')).rows[0].n);
    if (copied !== ROWS) throw new Error(`bench: psql copied ${copied} of ${ROWS} rows`);

    const rate = (ms: number) => Math.round(ROWS / (ms / 1000));
    const ratio = rate(kpicastMs) / rate(psqlMs);
    process.stdout.write(
      `load ${ROWS} order lines into PostgreSQL (${warehouse.target.replace(/\/[^/]*$/, '')})\n` +
        `  kpicast loadFile  ${formatDuration(kpicastMs).padStart(9)}  ${rate(kpicastMs).toLocaleString('en-US').padStart(9)} rows/s\n` +
        `  psql \\copy        ${formatDuration(psqlMs).padStart(9)}  ${rate(psqlMs).toLocaleString('en-US').padStart(9)} rows/s\n` +
        `  ratio kpicast / psql = ${ratio.toFixed(2)}  (target >= 0.50: ${ratio >= 0.5 ? 'met' : 'NOT met'})\n`,
    );
  } finally {
    await warehouse.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:load: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
