import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadFile, type LoadReport, type Warehouse } from '../../src/index.js';
import { backends, testWarehouse } from '../helpers/backends.js';

const fixture = (name: string) => join('tests/fixtures/ingest', name);
const counts = (r: LoadReport) => ({ rowsRead: r.rowsRead, loaded: r.loaded, updated: r.updated, duplicates: r.duplicates, quarantined: r.quarantined });
const invariant = (r: LoadReport) => r.loaded + r.updated + r.duplicates + r.quarantined === r.rowsRead;

describe.each(backends)('loadFile on %s', (backend) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  const load = (name: string, table: string, extra: Record<string, unknown> = {}) => loadFile(warehouse, fixture(name), { table, quiet: true, ...extra });
  const rows = async (sql: string) => (await warehouse.query(sql)).rows;

  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse(backend));
  });
  afterAll(() => cleanup());

  it('loadFile(csv with , delimiter) loads every row of stores.csv, a quoted comma kept, an empty date null', async () => {
    const report = await load('stores.csv', 'stores');
    expect(counts(report)).toEqual({ rowsRead: 3, loaded: 3, updated: 0, duplicates: 0, quarantined: 0 });
    expect(report.table).toBe('raw.stores');
    expect(report.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(await rows("select store_id, name, tax_rate, opened_on from raw.stores where store_id in ('S01', 'S03') order by store_id")).toEqual([
      { store_id: 'S01', name: 'Paris Nord', tax_rate: 0.2, opened_on: '2020-02-01' },
      { store_id: 'S03', name: 'Lille, Centre', tax_rate: 0.2, opened_on: null },
    ]);
  });

  it('loadFile(French CSV) reads Windows-1252 bytes, ; delimiter, decimal comma and DD/MM/YYYY dates', async () => {
    const report = await load('stores-fr.csv', 'stores');
    expect(counts(report)).toEqual({ rowsRead: 2, loaded: 2, updated: 0, duplicates: 0, quarantined: 0 });
    expect(await rows("select store_id, name, city, tax_rate, opened_on from raw.stores where store_id = 'S10'")).toEqual([
      { store_id: 'S10', name: 'Épinal Gare', city: 'Épinal', tax_rate: 0.055, opened_on: '2020-02-01' },
    ]);
  });

  it('loadFile(CSV with a UTF-8 BOM) finds the first column name; the rows match stores.csv, so they are duplicates', async () => {
    const report = await load('stores-bom.csv', 'stores');
    expect(counts(report)).toEqual({ rowsRead: 2, loaded: 0, updated: 0, duplicates: 2, quarantined: 0 });
  });

  it('loadFile(tab-separated) loads products, booleans written true/false/oui', async () => {
    const report = await load('products.tsv', 'products');
    expect(counts(report)).toEqual({ rowsRead: 3, loaded: 3, updated: 0, duplicates: 0, quarantined: 0 });
    expect(await rows('select product_id, perishable, price from raw.products order by product_id')).toEqual([
      { product_id: 'P1', perishable: true, price: 1.15 },
      { product_id: 'P2', perishable: false, price: 2.35 },
      { product_id: 'P3', perishable: true, price: 2.9 },
    ]);
  });

  it('loadFile(JSON array) loads objects and quarantines a bad date and a non-object element', async () => {
    const report = await load('customers.json', 'customers');
    expect(counts(report)).toEqual({ rowsRead: 4, loaded: 2, updated: 0, duplicates: 0, quarantined: 2 });
    expect(await rows(`select line_number, column_name, reason from quarantine where run_id = ${report.runId} order by line_number`)).toEqual([
      { line_number: 3, column_name: 'signup_date', reason: 'unparsable date "soon" (expected YYYY-MM-DD or DD/MM/YYYY) for signup_date' },
      { line_number: 4, column_name: null, reason: 'not a JSON object' },
    ]);
    expect(await rows("select signup_date from raw.customers where customer_id = 'C2'")).toEqual([{ signup_date: '2021-06-14' }]);
  });

  it('loadFile(NDJSON) compares only the columns the file has: C1 is a duplicate, C4 new, an invalid line quarantined', async () => {
    const report = await load('customers.ndjson', 'customers');
    expect(counts(report)).toEqual({ rowsRead: 3, loaded: 1, updated: 0, duplicates: 1, quarantined: 1 });
    expect(await rows(`select line_number, reason from quarantine where run_id = ${report.runId}`)).toEqual([{ line_number: 4, reason: 'invalid JSON' }]);
  });

  it('loadFile(order_lines.csv) puts each bad row in quarantine with its reason and column', async () => {
    const report = await load('order_lines.csv', 'order_lines');
    // lines 2-4 good; 11 repeats line 2; 5-10, 12, 13 bad (see the reasons below)
    expect(counts(report)).toEqual({ rowsRead: 12, loaded: 3, updated: 0, duplicates: 1, quarantined: 8 });
    expect(invariant(report)).toBe(true);
    const q = await rows(`select line_number, column_name, reason, raw_text from quarantine where run_id = ${report.runId} order by line_number`);
    expect(q.map((r) => [r.line_number, r.column_name])).toEqual([
      [5, null], [6, 'quantity'], [7, 'order_date'], [8, 'store_id'], [9, 'quantity'], [10, 'store_id'], [12, 'order_id, line_no'], [13, 'customer_id'],
    ]);
    const reasons = q.map((r) => String(r.reason));
    expect(reasons[0]).toBe('wrong field count: got 6, expected 9');
    expect(reasons[1]).toBe('unparsable number "two" for quantity');
    expect(reasons[2]).toMatch(/^unparsable date "2024-13-03"/);
    expect(reasons[3]).toBe('missing required value for store_id');
    expect(reasons[4]).toMatch(/^violates CHECK .*quantity >= /);
    expect(reasons[5]).toMatch(/^unknown foreign key store_id = "S99": not in raw\.stores/);
    expect(reasons[6]).toMatch(/repeated in the file with different content; line 3 is kept$/);
    expect(reasons[7]).toMatch(/^unknown foreign key customer_id = "C9"/);
    expect(q[5].raw_text).toBe('O3,5,2024-01-03,S99,P1,C1,1,1.15,0');
    expect(await rows("select order_id, line_no, order_date, quantity, discount from raw.order_lines order by order_id, line_no")).toEqual([
      { order_id: 'O1', line_no: 1, order_date: '2024-01-02', quantity: 2, discount: 0 },
      { order_id: 'O1', line_no: 2, order_date: '2024-01-02', quantity: 1, discount: 0 },
      { order_id: 'O2', line_no: 1, order_date: '2024-01-13', quantity: 1.5, discount: 0.1 },
    ]);
  });

  it('loadFile: a row repeated in the file shares the fate of its first copy, quarantined with its own raw text', async () => {
    const report = await load('order_lines-copies.csv', 'order_lines');
    expect(counts(report)).toEqual({ rowsRead: 2, loaded: 0, updated: 0, duplicates: 0, quarantined: 2 });
    const q = await rows(`select line_number, raw_text, reason from quarantine where run_id = ${report.runId} order by line_number`);
    expect(q.map((r) => [r.line_number, r.raw_text])).toEqual([[2, 'O7,1,2024-01-17,S77,P1,,1,1.15,0'], [3, 'O7,1,17/01/2024,S77,P1,,1,1.15,0']]);
    expect(String(q[1].reason)).toMatch(/^unknown foreign key store_id = "S77".*\(same row as line 2\)$/);
  });

  it('loadFile twice changes nothing: the second report counts the good rows as duplicates, the quarantine is not written again', async () => {
    const before = await rows('select (select count(*) from raw.order_lines) as lines, (select count(*) from quarantine) as q');
    const report = await load('order_lines.csv', 'order_lines');
    expect(counts(report)).toEqual({ rowsRead: 12, loaded: 0, updated: 0, duplicates: 4, quarantined: 8 });
    expect(await rows('select (select count(*) from raw.order_lines) as lines, (select count(*) from quarantine) as q')).toEqual(before);
  });

  it('loadFile(changed file) upserts: a key with new content is updated, a new key inserted, an identical row a duplicate', async () => {
    const report = await load('order_lines-v2.csv', 'order_lines');
    expect(counts(report)).toEqual({ rowsRead: 3, loaded: 1, updated: 1, duplicates: 1, quarantined: 0 });
    expect(await rows("select quantity from raw.order_lines where order_id = 'O1' and line_no = 2")).toEqual([{ quantity: 4 }]);
  });

  it('loadFile records each load in load_runs with its checksum, counts and status', async () => {
    const runs = await rows("select target_table, rows_read, rows_loaded, rows_updated, rows_duplicate, rows_quarantined, status, finished_at is not null as finished from load_runs where source_file like '%order_lines-v2.csv'");
    expect(runs).toEqual([{ target_table: 'raw.order_lines', rows_read: 3, rows_loaded: 1, rows_updated: 1, rows_duplicate: 1, rows_quarantined: 0, status: 'succeeded', finished: true }]);
  });

  it('loadFile(Parquet) loads a table written by polars', async () => {
    const report = await load('stores.parquet', 'stores');
    expect(counts(report)).toEqual({ rowsRead: 2, loaded: 2, updated: 0, duplicates: 0, quarantined: 0 });
    expect(await rows("select name, region, tax_rate, opened_on from raw.stores where store_id = 'S21'")).toEqual([{ name: 'Rennes', region: 'BRE', tax_rate: 0.2, opened_on: '2021-11-30' }]);
    const again = await load('stores.parquet', 'stores_pq', { key: ['store_id'] });
    expect(again.loaded).toBe(2);
    expect(await rows("select data_type from information_schema.columns where table_name = 'stores_pq' and column_name = 'opened_on'")).toEqual([{ data_type: 'date' }]);
  });

  it('loadFile(SQLite) reads the table named like the target, or sqliteTable, into a new table with inferred types', async () => {
    const products = await load('stock.sqlite', 'products');
    expect(counts(products)).toEqual({ rowsRead: 2, loaded: 2, updated: 0, duplicates: 0, quarantined: 0 });
    expect(await rows("select perishable from raw.products where product_id in ('P7', 'P8') order by product_id")).toEqual([{ perishable: false }, { perishable: true }]);
    const stock = await load('stock.sqlite', 'stock_counts', { sqliteTable: 'stock', key: ['product_id'] });
    expect(counts(stock)).toEqual({ rowsRead: 3, loaded: 3, updated: 0, duplicates: 0, quarantined: 0 });
    expect(await rows("select column_name, data_type from information_schema.columns where table_schema = 'raw' and table_name = 'stock_counts' order by ordinal_position")).toEqual([
      { column_name: 'product_id', data_type: 'text' },
      { column_name: 'store', data_type: 'text' },
      { column_name: 'qty', data_type: 'numeric' },
      { column_name: 'counted_on', data_type: 'date' },
    ]);
  });

  it('loadFile(into a new table) infers integer, numeric, boolean, date and text, and makes the key its primary key', async () => {
    const report = await load('visits-new.csv', 'visits', { key: ['store_id', 'day'] });
    expect(counts(report)).toEqual({ rowsRead: 3, loaded: 3, updated: 0, duplicates: 0, quarantined: 0 });
    expect(await rows("select column_name, data_type from information_schema.columns where table_schema = 'raw' and table_name = 'visits' order by ordinal_position")).toEqual([
      { column_name: 'store_id', data_type: 'text' },
      { column_name: 'day', data_type: 'date' },
      { column_name: 'visitors', data_type: 'integer' },
      { column_name: 'rate', data_type: 'numeric' },
      { column_name: 'open', data_type: 'boolean' },
      { column_name: 'note', data_type: 'text' },
    ]);
    expect(await rows("select rate, open from raw.visits where day = '2024-01-02' and store_id = 'S02'")).toEqual([{ rate: 0.75, open: true }]);
    expect(counts(await load('visits-new.csv', 'visits'))).toEqual({ rowsRead: 3, loaded: 0, updated: 0, duplicates: 3, quarantined: 0 });
  });

  it('loadFile failing midway leaves the warehouse exactly as before and records a failed run', async () => {
    // An error injected at the very end of the load (when its load_runs row is closed), after the new
    // table, the staging, the quarantine rows and the merge: the whole transaction must roll back.
    await warehouse.exec(`
      create function fail_probe() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$;
      create trigger fail_probe before update on load_runs for each row
        when (new.status = 'succeeded' and new.target_table = 'raw.lines_probe') execute function fail_probe();`);
    const snapshot = () => rows(`select (select count(*) from quarantine) as q, (select count(*) from load_runs where status <> 'failed') as runs,
      to_regclass('raw.lines_probe') is null as no_table`);
    const before = await snapshot();
    await expect(load('order_lines.csv', 'lines_probe', { key: ['order_id', 'line_no'] })).rejects.toThrow('injected failure');
    expect(await snapshot()).toEqual(before);
    expect(before[0].no_table).toBe(true);
    expect(await rows("select status, message from load_runs where target_table = 'raw.lines_probe'")).toEqual([{ status: 'failed', message: 'injected failure' }]);
    await warehouse.exec('drop trigger fail_probe on load_runs');
    const report = await load('order_lines.csv', 'lines_probe', { key: ['order_id', 'line_no'] });
    // with no foreign keys on the new table: line 5 (field count) and 12 (key conflict) quarantined;
    // line 6 makes quantity text, line 7 makes order_date text, 8 has no store_id but store_id is not required
    expect(counts(report)).toEqual({ rowsRead: 12, loaded: 9, updated: 0, duplicates: 1, quarantined: 2 });
  });
});
