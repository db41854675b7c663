import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import pl from 'nodejs-polars';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, MANIFEST_FILE, planGeneration, SAMPLE_SCALE, SAMPLE_STAFFING_SCALE, sampleFiles, type GenerateReport } from '../../src/index.js';

const committed = resolve('data', 'sample');
const scratch = mkdtempSync(join(tmpdir(), 'kpicast-generate-'));
let first: GenerateReport;

beforeAll(async () => {
  first = await generate({ out: join(scratch, 'a'), seed: 42, scale: SAMPLE_SCALE, staffingScale: SAMPLE_STAFFING_SCALE });
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const bytesOf = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f))]));

describe('generate', () => {
  it('generate({ seed, scale }) twice writes byte-identical files', async () => {
    await generate({ out: join(scratch, 'b'), seed: 42, scale: SAMPLE_SCALE, staffingScale: SAMPLE_STAFFING_SCALE });
    const a = bytesOf(join(scratch, 'a'));
    const b = bytesOf(join(scratch, 'b'));
    expect(Object.keys(a)).toEqual([...sampleFiles.map((f) => f.file), MANIFEST_FILE].sort());
    for (const file of Object.keys(a)) expect(a[file].equals(b[file]), file).toBe(true);
  });

  it('generate({ seed: 42, scale: 0.4, staffingScale: 1 }) writes exactly the committed data/sample (as data/README.md says)', () => {
    const made = bytesOf(join(scratch, 'a'));
    const sample = bytesOf(committed);
    for (const file of Object.keys(made)) expect(made[file].equals(sample[file]), `data/sample/${file} differs: regenerate it`).toBe(true);
  });

  it('generate({ staffingScale }) changes the staffing files only: retail and dealers stay byte-identical', async () => {
    await generate({ out: join(scratch, 'small-staffing'), seed: 42, scale: SAMPLE_SCALE });
    const a = bytesOf(join(scratch, 'a'));
    const d = bytesOf(join(scratch, 'small-staffing'));
    for (const file of ['stores.csv', 'products.csv', 'order_lines.parquet', 'stock.sqlite', 'supplies.csv', 'vehicle_sales.csv']) expect(a[file].equals(d[file]), file).toBe(true);
    for (const file of ['hotels.ndjson', 'extras.csv', 'missions.csv']) expect(a[file].equals(d[file]), file).toBe(false);
    expect(planGeneration(42, 0.1, 1)).toMatchObject({ stores: 2, hotels: 30, extras: 150 });
    expect(() => planGeneration(42, 0.1, 0)).toThrow('generate: staffingScale: got 0, allowed: a number above 0 and at most 20');
  });

  it('generate({ seed: 43 }) writes different data', async () => {
    await generate({ out: join(scratch, 'c'), seed: 43, scale: SAMPLE_SCALE, staffingScale: SAMPLE_STAFFING_SCALE });
    const a = bytesOf(join(scratch, 'a'));
    const c = bytesOf(join(scratch, 'c'));
    for (const file of ['order_lines.parquet', 'missions.csv', 'vehicle_sales.csv', 'stock.sqlite']) expect(a[file].equals(c[file]), file).toBe(false);
  });

  it('generate() reports one file per raw table in foreign-key order, with its rows and bytes', () => {
    expect(first.files.map((f) => f.table)).toEqual(sampleFiles.map((f) => f.table));
    expect(first.firstDay).toBe('2023-01-02');
    expect(first.lastDay).toBe('2025-12-28');
    for (const file of first.files) {
      expect(file.bytes).toBe(readFileSync(file.path).byteLength);
      expect(file.rows).toBeGreaterThan(0);
    }
    const csvRows = (name: string) => readFileSync(join(scratch, 'a', name), 'utf8').trimEnd().split('\n').length - 1;
    expect(first.files.find((f) => f.file === 'order_lines.parquet')?.rows).toBe(pl.readParquet(join(scratch, 'a', 'order_lines.parquet')).height);
    expect(first.files.find((f) => f.file === 'missions.csv')?.rows).toBe(csvRows('missions.csv'));
  });

  it('planGeneration(seed, 1) sizes 20 stores, 200 products, 30 hotels, 150 extras and rejects bad options', () => {
    const plan = planGeneration(42, 1);
    expect([plan.stores, plan.products, plan.hotels, plan.extras]).toEqual([20, 200, 30, 150]);
    expect(() => planGeneration(42, 0)).toThrow('generate: scale: got 0, allowed: a number above 0 and at most 20');
    expect(() => planGeneration(-1, 1)).toThrow(/generate: seed: got -1/);
  });

  it('supplies.csv is a French export: Windows-1252 bytes, `;`, DD/MM/YYYY dates, decimal comma, an accented supplier', () => {
    const bytes = readFileSync(join(scratch, 'a', 'supplies.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // not UTF-8
    const text = iconv.decode(bytes, 'win1252');
    const [header, row] = text.split('\r\n');
    expect(header).toBe('supply_id;received_on;product_id;supplier;quantity;unit_cost');
    expect(row).toMatch(/^SUP\d{6};\d{2}\/\d{2}\/\d{4};P\d{4};[^;]+;\d+;\d+,\d{4}$/);
    expect(text).toMatch(/Maraîchers|Épicerie|Fromagerie Lefèvre/);
  });

  it('stock.sqlite holds table stock_movements with the columns of raw.stock_movements', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database(readFileSync(join(scratch, 'a', 'stock.sqlite')));
    const [result] = db.exec('SELECT * FROM stock_movements LIMIT 1');
    expect(result.columns).toEqual(['movement_id', 'moved_on', 'product_id', 'store_id', 'kind', 'quantity']);
    const [count] = db.exec('SELECT count(*) FROM stock_movements');
    expect(count.values[0][0]).toBe(first.files.find((f) => f.file === 'stock.sqlite')?.rows);
    db.close();
  });

  it('hotels.ndjson has one JSON object per line with the columns of raw.hotels', () => {
    const lines = readFileSync(join(scratch, 'a', 'hotels.ndjson'), 'utf8').trimEnd().split('\n');
    for (const line of lines) expect(Object.keys(JSON.parse(line) as Record<string, unknown>)).toEqual(['hotel_id', 'name', 'city', 'region']);
  });

  it('generate() puts exactly the three documented bad order lines where the manifest says', () => {
    // order_lines.parquet has no header line: a bad row's `line` is its 1-based row
    const rows = pl.readParquet(join(scratch, 'a', 'order_lines.parquet')).rows() as Array<Array<string | null>>;
    expect(first.badRows.map((b) => b.problem)).toEqual(['negative quantity', 'unknown product_id P9999', 'malformed order_date']);
    const [negative, unknown, malformed] = first.badRows.map((b) => rows[b.line - 1]);
    expect(negative[6]).toBe('-2');
    expect(unknown[4]).toBe('P9999');
    expect(malformed[2]).toMatch(/^2O2\d-\d\d-\d\d$/);
    const manifest = JSON.parse(readFileSync(join(scratch, 'a', MANIFEST_FILE), 'utf8')) as { badRows: unknown[] };
    expect(manifest.badRows).toEqual(first.badRows);
  });

  it('generate({ badRows: false }) writes no bad order line', async () => {
    const report = await generate({ out: join(scratch, 'd'), seed: 42, scale: SAMPLE_SCALE, badRows: false });
    expect(report.badRows).toEqual([]);
    const text = (pl.readParquet(join(scratch, 'd', 'order_lines.parquet')).rows() as unknown[][]).map((row) => row.join(',')).join('\n');
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/P9999|,-2,|,2O2/);
  });
});
