import { PassThrough, Readable } from 'node:stream';
import type { CellValue } from 'exceljs';
import type { FastifyReply } from 'fastify';
import type pl from 'nodejs-polars';
import { scalarText } from '../util/text.js';

/** What a column of a downloaded table holds: text, a number, a day (`YYYY-MM-DD`) or a timestamp. */
export type ColumnType = 'string' | 'number' | 'date' | 'timestamp';

/** A column of a table the server sends: its name as the library gives it, and its type. */
export interface TableColumn {
  name: string;
  type: ColumnType;
}

/**
 * The JSON body of a rows array, made once per array: a cached result is the same array on every
 * hit, so a hit costs no serialisation. Weak: the body goes when the cache lets the rows go.
 */
const jsonBodies = new WeakMap<readonly Record<string, unknown>[], string>();

/** A download format of the table routes. */
export type TableFormat = 'json' | 'csv' | 'xlsx';

/**
 * The columns of a library frame: Float64 and integer columns are numbers, `period` and `ds`
 * (Utf8 `YYYY-MM-DD`) days, any other column text.
 */
export function frameColumns(frame: pl.DataFrame): TableColumn[] {
  return frame.columns.map((name, i) => {
    const dtype = String(frame.dtypes[i]);
    if (/Float|Int|UInt/i.test(dtype)) return { name, type: 'number' };
    if (name === 'period' || name === 'ds') return { name, type: 'date' };
    return { name, type: 'string' };
  });
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : scalarText(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV lines (RFC 4180, full precision, empty for null), produced as the response is read. */
function* csvLines(rows: readonly Record<string, unknown>[], columns: readonly TableColumn[]): Generator<string> {
  yield `${columns.map((c) => csvCell(c.name)).join(',')}\r\n`;
  let chunk = '';
  for (const row of rows) {
    chunk += `${columns.map((c) => csvCell(row[c.name])).join(',')}\r\n`;
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

function xlsxValue(value: unknown, type: ColumnType): CellValue {
  if (value === null || value === undefined) return null;
  if (type === 'number') return typeof value === 'number' ? value : Number(value);
  if (type === 'date') return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : scalarText(value);
  if (type === 'timestamp') return value instanceof Date ? value : new Date(scalarText(value));
  return scalarText(value);
}

/** The table as an XLSX workbook (one sheet), streamed: numbers as numbers, days and timestamps as dates. */
function xlsxStream(rows: readonly Record<string, unknown>[], columns: readonly TableColumn[], sheet: string): Readable {
  const out = new PassThrough();
  (async () => {
    // loaded on the first workbook: exceljs takes half a second to import, which every command paid
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const worksheet = workbook.addWorksheet(sheet.slice(0, 31) || 'data');
    worksheet.columns = columns.map((c) => ({
      header: c.name,
      key: c.name,
      width: Math.max(10, Math.min(40, c.name.length + 2)),
      style: c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.type === 'timestamp' ? { numFmt: 'yyyy-mm-dd hh:mm:ss' } : {},
    }));
    for (const row of rows) worksheet.addRow(columns.map((c) => xlsxValue(row[c.name], c.type))).commit();
    worksheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

/**
 * Sends a table in the format asked: `json` as `{"rows": [...]}` (the objects as given, serialised once
 * per rows array), `csv`
 * (UTF-8, RFC 4180, a header line, full precision, empty cells for null) or `xlsx` (a real Excel
 * workbook, numbers as numbers, `date` columns as dates). CSV and XLSX are streamed from `rows` as
 * the client reads, with `Content-Disposition: attachment; filename=<filename>.<format>`, so no second
 * copy of the table is built in memory.
 *
 * @example
 * return sendTable(reply, [{ region: 'Nord', revenue: 12.5 }], [{ name: 'region', type: 'string' }, { name: 'revenue', type: 'number' }], 'csv', 'kpis');
 * // body: 'region,revenue\r\nNord,12.5\r\n'
 */
export function sendTable(
  reply: FastifyReply,
  rows: readonly Record<string, unknown>[],
  columns: readonly TableColumn[],
  format: TableFormat,
  filename: string,
): FastifyReply {
  const safe = filename.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 80) || 'table';
  if (format === 'json') {
    let body = jsonBodies.get(rows);
    if (body === undefined) {
      body = JSON.stringify({ rows });
      jsonBodies.set(rows, body);
    }
    return reply.type('application/json; charset=utf-8').send(body);
  }
  reply.header('Content-Disposition', `attachment; filename="${safe}.${format}"`);
  if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(Readable.from(csvLines(rows, columns)));
  return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(xlsxStream(rows, columns, safe));
}
