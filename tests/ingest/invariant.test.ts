import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFile, type Warehouse } from '../../src/index.js';
import { testWarehouse } from '../helpers/backends.js';

// One order line, field by field, each drawn from good and bad texts: the load must account for every row.
const field = {
  order: fc.constantFrom('O1', 'O2', 'O3', 'O4', 'O5'),
  line: fc.constantFrom('1', '2', '3', 'x'),
  date: fc.constantFrom('2024-01-02', '13/01/2024', '2024-02-30', 'tomorrow', ''),
  store: fc.constantFrom('S01', 'S02', 'S99', ''),
  product: fc.constantFrom('P1', 'P2', 'P9'),
  customer: fc.constantFrom('C1', '', 'C9'),
  quantity: fc.constantFrom('1', '2.5', '-1', 'many', '', '"1,5"', '1e3', '99999999999'),
  price: fc.constantFrom('1.15', '0', 'abc'),
  discount: fc.constantFrom('', '0', '0.1', '-2'),
};
const HEADER = ['order_id', 'line_no', 'order_date', 'store_id', 'product_id', 'customer_id', 'quantity', 'unit_price', 'discount'];
type Cells = string[];
const line = fc.record(field).chain((r) =>
  fc.tuple(fc.constantFrom('ok', 'ok', 'short', 'long'), fc.boolean()).map(([shape, quoted]): Cells => {
    const cells: Cells = [r.order, r.line, r.date, r.store, r.product, r.customer, r.quantity, r.price, r.discount];
    if (quoted) cells[0] = `"${cells[0]}"`;
    if (shape === 'short') cells.pop();
    if (shape === 'long') cells.push('extra');
    return cells;
  }),
);
/** A file in the US style (`,`, decimal point) or the French one (`;`, decimal comma). */
const csvFile = fc.tuple(fc.array(line, { minLength: 1, maxLength: 40 }), fc.constantFrom(',', ';')).map(([rows, delimiter]) => {
  const french = (c: string) => (delimiter === ';' ? c.replace(/^(-?\d+)\.(\d+)$/, '$1,$2').replace(/^"(\d+),(\d+)"$/, '$1,$2') : c);
  const body = rows.map((cells) => cells.map(french).join(delimiter));
  return { rows: rows.length, text: [HEADER.join(delimiter), ...body].join('\n') + '\n' };
});

describe('loadFile invariant (property, PGlite)', () => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), 'kpicast-prop-'));
  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse('pglite'));
    await warehouse.exec(`
      insert into raw.stores (store_id, name, region, tax_rate) values ('S01', 'a', 'r', 0.2), ('S02', 'b', 'r', 0.2);
      insert into raw.products (product_id, name, category, unit_cost, price) values ('P1', 'a', 'c', 1, 2), ('P2', 'b', 'c', 1, 2);
      insert into raw.customers (customer_id) values ('C1');`);
  });
  afterAll(async () => {
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rowsRead = loaded + updated + duplicates + quarantined for random CSVs with random bad rows, and the table and quarantine agree', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(csvFile, async ({ rows, text }) => {
        const file = join(dir, `lines-${++n}.csv`);
        writeFileSync(file, text);
        const before = Number((await warehouse.query<{ n: number }>('select count(*) as n from raw.order_lines')).rows[0].n);
        const report = await loadFile(warehouse, file, { table: 'order_lines', quiet: true });
        expect(report.rowsRead).toBe(rows);
        expect(report.loaded + report.updated + report.duplicates + report.quarantined).toBe(report.rowsRead);
        const after = Number((await warehouse.query<{ n: number }>('select count(*) as n from raw.order_lines')).rows[0].n);
        expect(after - before).toBe(report.loaded);
        const q = await warehouse.query<{ n: number }>('select count(distinct line_number) as n from quarantine where run_id = $1', [report.runId]);
        expect(Number(q.rows[0].n)).toBe(report.quarantined);
        // a second load of the same file changes nothing
        const again = await loadFile(warehouse, file, { table: 'order_lines', quiet: true });
        expect(again.loaded + again.updated).toBe(0);
        expect(again.quarantined).toBe(report.quarantined);
      }),
      { numRuns: 40, seed: 20240101 },
    );
  });
});
