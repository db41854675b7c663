import type pl from 'nodejs-polars';
import type { Locale } from '../charts/types.js';
import { formatNumber, formatValue } from '../report/format.js';
import type { MeasureFormat } from './model.js';
import { scalarText } from '../util/text.js';

export type OutputFormat = 'table' | 'csv' | 'json';

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = scalarText(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A number as a table shows it, as the report does (src/report/format.ts): `money` with 2
 * decimals, `percent` as `12.3 %` (the value is a rate, 0.123), `integer` rounded, `number`
 * with 2 decimals unless whole; thousands separators always; empty for null.
 *
 * @example
 * formatCell(501239.8908, 'money'); // => '501,239.89'
 * formatCell(0.1234, 'percent'); // => '12.3 %'
 */
export function formatCell(value: number | null | undefined, format: MeasureFormat = 'number', locale: Locale = 'en'): string {
  if (value === null || value === undefined) return '';
  if (!Number.isFinite(value)) return String(value);
  if (format === 'percent') return formatValue({ label: '', value, format: 'percent', digits: 1 }, value * 100, locale);
  if (format === 'money') return formatNumber(value, locale, 2);
  if (format === 'integer') return formatNumber(value, locale, 0);
  return formatNumber(value, locale, Number.isInteger(value) ? 0 : 2);
}

function tableCell(value: unknown, format: MeasureFormat | undefined, locale: Locale): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatCell(value, format, locale);
  return scalarText(value);
}

/** How formatFrame's `table` shows numbers: a format per column (kpis() gives them as `formats`), the locale. */
export interface FrameTableOptions {
  formats?: Record<string, MeasureFormat>;
  locale?: Locale;
}

/**
 * A frame as text: `table` for people (aligned columns, numbers right-aligned, with thousands
 * separators, each metric in its format: money 2 decimals, rates as percentages; see
 * formatCell), `csv` (RFC 4180, full precision, empty cell for null) or `json` (an array of
 * records, full precision).
 *
 * @example
 * formatFrame(pl.DataFrame({ region: ['Nord'], revenue: [12.5] }), 'csv'); // => 'region,revenue\nNord,12.5\n'
 * formatFrame(pl.DataFrame({ revenue: [501239.8908] }), 'table', { formats: { revenue: 'money' } }); // => 'revenue\n----------\n501,239.89\n'
 */
export function formatFrame(frame: pl.DataFrame, format: OutputFormat, options: FrameTableOptions = {}): string {
  const columns = frame.columns;
  const rows = frame.toRecords() as Array<Record<string, unknown>>;
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  if (format === 'csv') return [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';
  const formats = options.formats ?? {};
  const locale = options.locale ?? 'en';
  const cells = rows.map((r) => columns.map((c) => tableCell(r[c], Object.hasOwn(formats, c) ? formats[c] : undefined, locale)));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const numeric = columns.map((c) => rows.some((r) => typeof r[c] === 'number'));
  const line = (values: string[]) => values.map((v, i) => (numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n') + '\n' + (rows.length === 0 ? '(no rows)\n' : '');
}
