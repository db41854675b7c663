import type pl from 'nodejs-polars';

export type OutputFormat = 'table' | 'csv' | 'json';

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function tableCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
  return String(value);
}

/**
 * A frame as text: `table` (aligned columns, numbers right-aligned, at most 4 decimals),
 * `csv` (RFC 4180, full precision, empty cell for null) or `json` (an array of records).
 *
 * @example
 * formatFrame(pl.DataFrame({ region: ['Nord'], revenue: [12.5] }), 'csv'); // => 'region,revenue\nNord,12.5\n'
 */
export function formatFrame(frame: pl.DataFrame, format: OutputFormat): string {
  const columns = frame.columns;
  const rows = frame.toRecords() as Array<Record<string, unknown>>;
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  if (format === 'csv') return [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';
  const cells = rows.map((r) => columns.map((c) => tableCell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const numeric = columns.map((c) => rows.some((r) => typeof r[c] === 'number'));
  const line = (values: string[]) => values.map((v, i) => (numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n') + '\n' + (rows.length === 0 ? '(no rows)\n' : '');
}
