import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { formatDuration, silentLogger, type Logger } from '../util/log.js';
import { withBadOrderLines, type BadRow } from './bad-rows.js';
import { isoDate } from './calendar.js';
import { csvText, ndjsonText, type Cell } from './csv.js';
import { dealerColumns, generateDealers, vehicleModelColumns, vehicleSaleColumns } from './dealers.js';
import { DEFAULT_SEED, planGeneration } from './plan.js';
import { createRandom } from './random.js';
import { customerColumns, customerRows, makeCustomers, makeProducts, makeStores, productColumns, productRows, storeColumns, storeRows } from './retail-entities.js';
import { generateSales, orderLineColumns, storeTrafficColumns } from './retail-sales.js';
import { generateStock, stockMovementColumns, supplyColumns } from './retail-stock.js';
import { sampleFiles, type SampleFile } from './sample-files.js';
import { parquetFile } from './parquet-file.js';
import { sqliteFile } from './sqlite-file.js';
import { extraColumns, generateStaffing, hotelColumns, missionColumns } from './staffing.js';

/** Options of {@link generate}. */
export interface GenerateOptions {
  /** Directory to write into (created if missing; files of the same names are replaced). */
  out: string;
  /** Seed of the random generator (default 42): same seed and scale, byte-identical files. */
  seed?: number;
  /** Size multiplier (default 1: about 20 stores, 200 products, 30 hotels, 150 extras). */
  scale?: number;
  /** Size multiplier of the staffing agency alone (hotels, extras, missions); default `scale`. */
  staffingScale?: number;
  /** Add the three documented bad order lines (default true). */
  badRows?: boolean;
  /** Progress lines on stderr; silent by default. */
  log?: Logger;
}

/** One written file. */
export interface GeneratedFile extends SampleFile {
  /** Absolute path. */
  path: string;
  /** Data rows (header excluded), bad rows included. */
  rows: number;
  bytes: number;
  durationMs: number;
}

/** What {@link generate} wrote. */
export interface GenerateReport {
  out: string;
  seed: number;
  scale: number;
  staffingScale: number;
  /** First and last day of history (ISO dates); staffing also has missions booked up to `bookedUntil`. */
  firstDay: string;
  lastDay: string;
  bookedUntil: string;
  /** In foreign-key order, as {@link sampleFiles}. */
  files: GeneratedFile[];
  badRows: BadRow[];
  durationMs: number;
}

/** The name of the manifest `generate` writes beside the data: seed, scale, files, row counts, bad rows. */
export const MANIFEST_FILE = 'manifest.json';

/**
 * Writes a synthetic but business-shaped data set into `out`, one file per raw table of
 * migration 002 (see {@link sampleFiles} for names and formats) plus `manifest.json`:
 * - retail: a gourmet food hall chain: stores (two VAT rates), products (wine, spirits, cheese,
 *   deli, pantry; cost, price, perishables, a few intermittent sellers), loyalty customers, daily
 *   order lines (a Parquet file, text columns) over 2023-01-02..2025-12-28 with
 *   weekly and yearly seasonality, French public holidays, growth, promotions and noise;
 *   daily visitors (orders never exceed them); stock movements (SQLite) and supplies
 *   (a French Windows-1252 `;` CSV) consistent with the sales;
 * - car dealers: dealers, models and about three years of sales;
 * - staffing: hotels, extras and missions with a weekend and summer peak, 8 % cancellations,
 *   done/cancelled up to 2025-12-28, planned/assigned for the six weeks after; extras work
 *   mostly at the hotels of their city and drop missions at rates of their own.
 * Deterministic: nothing depends on the clock; same seed and scale give byte-identical files.
 * Three order lines are bad on purpose (see {@link withBadOrderLines}) unless `badRows: false`.
 * Cost at scale 1: about 900,000 order lines, 10 to 30 s on a 2-core machine; the committed
 * sample (scale 0.4: 8 stores, 360,000 order lines, 8 MB) takes about 5 s.
 *
 * @example
 * const report = await generate({ out: 'data/sample', seed: 42, scale: 0.4, staffingScale: 1 });
 * report.files.length; // => 13
 * report.badRows.length; // => 3
 */
export async function generate(options: GenerateOptions): Promise<GenerateReport> {
  const started = performance.now();
  const log = options.log ?? silentLogger;
  const plan = planGeneration(options.seed ?? DEFAULT_SEED, options.scale ?? 1, options.staffingScale ?? options.scale ?? 1);
  const out = resolve(options.out);
  await mkdir(out, { recursive: true });
  const root = createRandom(plan.seed);
  // One independent stream per part, so changing one part never shifts another's data.
  const streams = { entities: root.fork(), sales: root.fork(), stock: root.fork(), dealers: root.fork(), staffing: root.fork() };

  const files: GeneratedFile[] = [];
  let badRows: BadRow[] = [];
  const spec = (file: string): SampleFile => {
    const found = sampleFiles.find((f) => f.file === file);
    if (!found) throw new Error(`generate: no sample file ${file}`);
    return found;
  };
  const write = async (file: string, rows: number, content: () => Promise<string | Uint8Array> | string | Uint8Array, fileStarted: number): Promise<void> => {
    const data = await content();
    const path = join(out, file);
    await writeFile(path, data);
    const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    const durationMs = performance.now() - fileStarted;
    files.push({ ...spec(file), path, rows, bytes, durationMs });
    log.info(`✓ generate ${file}  ${rows.toLocaleString('en-US')} rows, ${formatBytes(bytes)}  ${formatDuration(durationMs)}`);
  };
  const csv = (header: readonly string[], rows: Cell[][]) => csvText(header, rows);

  let t = performance.now();
  const stores = makeStores(plan, streams.entities);
  await write('stores.csv', stores.length, () => csv(storeColumns, storeRows(stores)), t);
  t = performance.now();
  const products = makeProducts(plan, streams.entities);
  await write('products.csv', products.length, () => csv(productColumns, productRows(products)), t);
  t = performance.now();
  const customers = makeCustomers(plan, stores, streams.entities);
  await write('customers.csv', customers.length, () => csv(customerColumns, customerRows(customers)), t);

  t = performance.now();
  const sales = generateSales(plan, stores, products, customers, streams.sales);
  const withBad = options.badRows === false ? { lines: sales.lines, badRows: [] } : withBadOrderLines(sales.lines, 'order_lines.parquet', false);
  badRows = withBad.badRows;
  await write('order_lines.parquet', withBad.lines.length, () => parquetFile(orderLineColumns, withBad.lines), t);
  t = performance.now();
  await write('store_traffic.csv', sales.traffic.length, () => [storeTrafficColumns.join(','), ...sales.traffic].join('\n') + '\n', t);

  t = performance.now();
  const stock = generateStock(plan, stores, products, sales, streams.stock);
  const movementRows: Cell[][] = stock.movements.map((m) => [m.movementId, m.movedOn, m.productId, m.storeId, m.kind, m.quantity]);
  await write('stock.sqlite', movementRows.length, () => sqliteFile('stock_movements', stockMovementColumns, movementRows, ['quantity']), t);
  t = performance.now();
  await write('supplies.csv', stock.supplies.length, () => iconv.encode([supplyColumns.join(';'), ...stock.supplies].join('\r\n') + '\r\n', 'win1252'), t);

  t = performance.now();
  const dealers = generateDealers(plan, streams.dealers);
  await write('dealers.csv', dealers.dealers.length, () => csv(dealerColumns, dealers.dealers), t);
  t = performance.now();
  await write('vehicle_models.csv', dealers.models.length, () => csv(vehicleModelColumns, dealers.models), t);
  t = performance.now();
  await write('vehicle_sales.csv', dealers.sales.length, () => csv(vehicleSaleColumns, dealers.sales), t);

  t = performance.now();
  const staffing = generateStaffing(plan, streams.staffing);
  await write('hotels.ndjson', staffing.hotels.length, () => ndjsonText(hotelColumns, staffing.hotels), t);
  t = performance.now();
  await write('extras.csv', staffing.extras.length, () => csv(extraColumns, staffing.extras), t);
  t = performance.now();
  await write('missions.csv', staffing.missions.length, () => csv(missionColumns, staffing.missions), t);

  const report: GenerateReport = {
    out,
    seed: plan.seed,
    scale: plan.scale,
    staffingScale: plan.staffingScale,
    firstDay: isoDate(plan.firstDay),
    lastDay: isoDate(plan.lastDay),
    bookedUntil: isoDate(plan.bookedUntil),
    files,
    badRows,
    durationMs: 0,
  };
  const manifest = {
    generator: 'kpicast generate',
    seed: report.seed,
    scale: report.scale,
    staffingScale: report.staffingScale,
    firstDay: report.firstDay,
    lastDay: report.lastDay,
    bookedUntil: report.bookedUntil,
    files: files.map(({ file, table, format, sqliteTable, note, rows, bytes }) => ({ file, table, format, ...(sqliteTable ? { sqliteTable } : {}), rows, bytes, note })),
    badRows,
  };
  await writeFile(join(out, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  report.durationMs = performance.now() - started;
  return report;
}

/**
 * Bytes for humans, in decimal units.
 *
 * @example
 * formatBytes(812); // => '812 B'
 * formatBytes(3_293_393); // => '3.3 MB'
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
