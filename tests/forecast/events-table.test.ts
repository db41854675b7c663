import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWarehouse, type Warehouse } from '../../src/index.js';
import { readEventsCsv, readEventsTable } from '../../src/forecast/holidays.js';

let db: Warehouse;
beforeAll(async () => {
  db = await openWarehouse('memory');
  await db.exec(`CREATE SCHEMA IF NOT EXISTS raw;
    CREATE TABLE raw.promotions ("start" date, "end" date, name text, kind text);
    INSERT INTO raw.promotions VALUES ('2024-06-21', '2024-06-23', 'Summer, sale', 'promo'), ('2024-03-01', '2024-03-01', 'Opening', NULL);
    CREATE SCHEMA mart;
    CREATE TABLE mart.closures ("Date" text, name text);
    INSERT INTO mart.closures VALUES ('2024-05-01', 'Closed'), ('2024-13-01', 'Inventory'), ('2024-02-01', 'Works');
    CREATE TABLE raw.unnamed (date date, name text);
    INSERT INTO raw.unnamed VALUES ('2024-01-02', ''), ('2024-01-01', 'New year');
    CREATE TABLE raw.reversed (start text, "end" text, name text);
    INSERT INTO raw.reversed VALUES ('2024-01-05', '2024-01-02', 'x');
    CREATE TABLE raw.labels (day date, label text);`);
});
afterAll(async () => {
  await db.close();
});

describe('readEventsTable', () => {
  it('reads ranged events with kinds, as the CSV reader reads the same rows, ordered by start', async () => {
    const events = await readEventsTable(db, 'promotions');
    expect(events).toEqual([
      { start: '2024-03-01', end: '2024-03-01', name: 'Opening' },
      { start: '2024-06-21', end: '2024-06-23', name: 'Summer, sale', kind: 'promo' },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'events-table-'));
    const csv = join(dir, 'promotions.csv');
    writeFileSync(csv, 'start,end,name,kind\n2024-03-01,2024-03-01,Opening,\n2024-06-21,2024-06-23,"Summer, sale",promo\n');
    expect(readEventsCsv(csv)).toEqual(events);
  });
  it('names the table, the row and the column of a bad date, an empty name, an end before its start', async () => {
    // rows by date: 2024-02-01, 2024-05-01, 2024-13-01 (text order): the bad one is row 3
    await expect(readEventsTable(db, 'mart.closures')).rejects.toThrow('mart.closures row 3, column Date: date got "2024-13-01", expected a calendar date YYYY-MM-DD');
    await expect(readEventsTable(db, 'unnamed')).rejects.toThrow("raw.unnamed row 2, column name: name is empty, expected the event's name");
    await expect(readEventsTable(db, 'raw.reversed')).rejects.toThrow('raw.reversed row 1, column end: end 2024-01-02 is before start 2024-01-05');
  });
  it('names the table when it is missing or lacks the columns, and refuses a name that is no identifier', async () => {
    await expect(readEventsTable(db, 'nothing')).rejects.toThrow(/^raw\.nothing: no such table, expected a table of events/);
    await expect(readEventsTable(db, 'labels')).rejects.toThrow('raw.labels: columns day, label, expected columns date (or start and end), name and optional kind');
    await expect(readEventsTable(db, 'x; DROP TABLE raw.promotions')).rejects.toThrow(/^table: got "x; DROP TABLE raw.promotions"/);
    expect(await readEventsTable(db, 'promotions')).toHaveLength(2);
  });
});
