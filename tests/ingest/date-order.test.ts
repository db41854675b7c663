import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decideDateOrder, inferType, loadFile, InputError, type LoadReport, type Warehouse } from '../../src/index.js';
import { backends, testWarehouse } from '../helpers/backends.js';

const counts = (r: LoadReport) => ({ rowsRead: r.rowsRead, loaded: r.loaded, updated: r.updated, duplicates: r.duplicates, quarantined: r.quarantined });
const lined = (...texts: string[]) => texts.map((text, i) => ({ text, line: i + 2 }));

describe('decideDateOrder(values, column, file, decimal)', () => {
  it('says month first from a second field above 12 and day first from a first field above 12, whatever the line', () => {
    expect(decideDateOrder(lined('11/8/2017', '11/28/2017'), 'Order Date', 'f.csv', '.')).toBe('MDY');
    expect(decideDateOrder(lined('05/02/10', '12/02/10', '19/02/10'), 'Date', 'f.csv', '.')).toBe('DMY');
    expect(decideDateOrder(lined('2024-01-05', '2024-01-12'), 'day', 'f.csv', '.')).toBeUndefined();
    expect(decideDateOrder(lined('05/05/2024'), 'day', 'f.csv', '.')).toBeUndefined(); // the same day both ways
  });

  it('refuses a column ambiguous throughout in one line naming the column and --date-format', () => {
    expect(() => decideDateOrder(lined('05/02/10', '12/02/10'), 'Date', 'walmart.csv', '.')).toThrow(
      'walmart.csv, column Date: ambiguous dates: every value reads as day first or month first (line 2: "05/02/10"); give --date-format DD/MM/YYYY, MM/DD/YYYY, DD/MM/YY or MM/DD/YY',
    );
  });

  it('refuses a column with dates in both orders naming a line of each', () => {
    let error: unknown;
    try {
      decideDateOrder(lined('13/01/2024', '2024-01-05', '01/13/2024'), 'day', 'mixed.csv', '.');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      'mixed.csv, column day: dates in both orders: line 2 "13/01/2024" is day first, line 4 "01/13/2024" is month first; fix the file or give --date-format DD/MM/YYYY or MM/DD/YYYY',
    );
  });

  it('reads ambiguous dates day first in a file whose numbers use a decimal comma', () => {
    expect(decideDateOrder(lined('02/01/2024'), 'Jour', 'fr.csv', ',')).toBe('DMY');
  });

  it('inferType counts slash dates in either order, with two-digit years, as dates', () => {
    expect(inferType(['11/28/2017', '11/8/2017'], '.')).toBe('date');
    expect(inferType(['05/02/10', '19/02/10'], '.')).toBe('date');
    expect(inferType(['11/28/2017 14:05', '11/8/2017 09:00'], '.')).toBe('timestamptz');
  });
});

describe.each(backends)('loadFile of US and two-digit-year dates on %s', (backend) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), 'kpicast-dates-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const rows = async (sql: string) => (await warehouse.query(sql)).rows;
  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse(backend));
  });
  afterAll(async () => {
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loadFile(Superstore-like M/D/YYYY) reads 11/8/2017 as 8 November, decided by 11/28/2017 further down', async () => {
    const path = file('superstore.csv', 'Row ID,Order Date,Sales\n1,11/8/2017,261.96\n2,11/8/2017,731.94\n3,6/12/2017,14.62\n4,11/28/2017,957.5775\n');
    const report = await loadFile(warehouse, path, { table: 'superstore', key: ['Row ID'], quiet: true });
    expect(counts(report)).toEqual({ rowsRead: 4, loaded: 4, updated: 0, duplicates: 0, quarantined: 0 });
    expect(await rows('select row_id, order_date from raw.superstore order by row_id')).toEqual([
      { row_id: 1, order_date: '2017-11-08' }, { row_id: 2, order_date: '2017-11-08' }, { row_id: 3, order_date: '2017-06-12' }, { row_id: 4, order_date: '2017-11-28' },
    ]);
  });

  it('loadFile(Walmart-like DD/MM/YY) reads 05/02/10 as 5 February 2010, decided by 19/02/10', async () => {
    const path = file('walmart.csv', 'Store,Date,Weekly_Sales\n1,05/02/10,1643690.9\n1,12/02/10,1641957.44\n1,19/02/10,1611968.17\n');
    const report = await loadFile(warehouse, path, { table: 'walmart', quiet: true });
    expect(report.loaded).toBe(3);
    expect(await rows('select date from raw.walmart order by date')).toEqual([{ date: '2010-02-05' }, { date: '2010-02-12' }, { date: '2010-02-19' }]);
  });

  it('loadFile of a column ambiguous throughout is refused in one line naming the column and --date-format; nothing is written', async () => {
    const path = file('ambiguous.csv', 'Store,Date,Weekly_Sales\n1,05/02/10,1643690.9\n1,12/02/10,1641957.44\n');
    await expect(loadFile(warehouse, path, { table: 'ambiguous', quiet: true })).rejects.toThrow(
      `${path}, column Date: ambiguous dates: every value reads as day first or month first (line 2: "05/02/10"); give --date-format DD/MM/YYYY, MM/DD/YYYY, DD/MM/YY or MM/DD/YY`,
    );
    expect(await rows("select count(*)::int as n from information_schema.tables where table_name = 'ambiguous'")).toEqual([{ n: 0 }]);
  });

  it('loadFile(..., { dateFormat }) settles an ambiguous column either way', async () => {
    const path = file('settled.csv', 'Store,Date,Weekly_Sales\n1,05/02/10,1643690.9\n1,12/02/10,1641957.44\n');
    await loadFile(warehouse, path, { table: 'settled_dmy', dateFormat: 'DD/MM/YY', quiet: true });
    expect(await rows('select date from raw.settled_dmy order by date')).toEqual([{ date: '2010-02-05' }, { date: '2010-02-12' }]);
    await loadFile(warehouse, path, { table: 'settled_mdy', dateFormat: 'MM/DD/YY', quiet: true });
    expect(await rows('select date from raw.settled_mdy order by date')).toEqual([{ date: '2010-05-02' }, { date: '2010-12-02' }]);
  });

  it('loadFile of a column with dates in both orders is refused naming both lines', async () => {
    const path = file('both.csv', 'id,day\n1,13/01/2024\n2,2024-01-05\n3,01/13/2024\n');
    await expect(loadFile(warehouse, path, { table: 'both_orders', quiet: true })).rejects.toThrow(/column day: dates in both orders: line 2 "13\/01\/2024" is day first, line 4 "01\/13\/2024" is month first/);
  });

  it('loadFile into an existing date column quarantines an ambiguous date beside ISO ones, naming --date-format, and loads the rest', async () => {
    await warehouse.exec('create table raw.visits_us (id int primary key, day date)');
    const path = file('visits-us.csv', 'id,day\n1,2024-01-05\n2,03/04/2024\n');
    const report = await loadFile(warehouse, path, { table: 'visits_us', quiet: true });
    expect(counts(report)).toEqual({ rowsRead: 2, loaded: 1, updated: 0, duplicates: 0, quarantined: 1 });
    expect(await rows(`select line_number, reason from quarantine where run_id = ${report.runId}`)).toEqual([{
      line_number: 3,
      reason: 'ambiguous date "03/04/2024": 2024-04-03 day first or 2024-03-04 month first, and no other value of the column settles it; give --date-format DD/MM/YYYY or MM/DD/YYYY for day',
    }]);
    const again = await loadFile(warehouse, path, { table: 'visits_us', dateFormat: 'MM/DD/YYYY', quiet: true });
    expect(again.loaded).toBe(1);
    expect(await rows('select day from raw.visits_us where id = 2')).toEqual([{ day: '2024-03-04' }]);
  });
});
