import { createRequire } from 'node:module';
import { KpicastError } from '../errors.js';
import { escapeHtml } from './html.js';
import type { HtmlDisplay } from './show.js';
import type { Locale } from './types.js';
import { scalarText } from '../util/text.js';

/** Rows to show as a table: an array of records, or anything with `toRecords()` (a nodejs-polars DataFrame). */
export type TableInput = ReadonlyArray<Record<string, unknown>> | { toRecords(): Array<Record<string, unknown>> };

/** Options of {@link tableHtml} and {@link showTable}. */
export interface TableOptions {
  locale?: Locale;
  /** Fraction digits of non-integer numbers; default 2. */
  digits?: number;
  /** Show at most this many rows (the count of the rest is said below); default 50. */
  limit?: number;
  /** A caption above the table. */
  caption?: string;
}

/**
 * An HTML table of `rows` for a notebook: numbers right-aligned with the
 * locale's separators (integers without decimals), null as an empty cell,
 * Dates as ISO days, at most `limit` rows.
 *
 * @example
 * tableHtml([{ store: 'Lyon', revenue: 1234.5 }], { locale: 'fr' }); // => '<table ...>...<td ...>1 234,50</td>...'
 */
export function tableHtml(rows: TableInput, options: TableOptions = {}): string {
  // a nodejs-polars DataFrame is a Proxy on which `in` does not see methods: test the method itself
  const frame = rows as { toRecords?: unknown };
  const records = typeof frame.toRecords === 'function' ? (rows as { toRecords(): Array<Record<string, unknown>> }).toRecords() : [...(rows as ReadonlyArray<Record<string, unknown>>)];
  const limit = options.limit ?? 50;
  const shown = records.slice(0, limit);
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const digits = options.digits ?? 2;
  const intl = options.locale === 'fr' ? 'fr-FR' : 'en-GB';
  const integer = new Intl.NumberFormat(intl, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(intl, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const cell = (value: unknown): string => {
    if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return '<td></td>';
    if (typeof value === 'number' || typeof value === 'bigint') {
      const text = typeof value === 'bigint' || Number.isInteger(value) ? integer.format(value) : decimal.format(value);
      return `<td style="text-align:right">${escapeHtml(text)}</td>`;
    }
    if (value instanceof Date) return `<td>${escapeHtml(value.toISOString().slice(0, 10))}</td>`;
    return `<td>${escapeHtml(scalarText(value))}</td>`;
  };
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = shown.map((r) => `<tr>${columns.map((c) => cell(r[c])).join('')}</tr>`).join('\n');
  const more = records.length > shown.length ? `<p><i>${records.length - shown.length} more rows not shown</i></p>` : '';
  const caption = options.caption ? `<caption style="text-align:left;font-weight:bold">${escapeHtml(options.caption)}</caption>` : '';
  return `<table class="kpicast-table">${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${more}`;
}

/**
 * Shows `rows` as an HTML table under a notebook cell (tslab kernel), formatted
 * as {@link tableHtml}. Pass `{ display }` to send it elsewhere.
 *
 * @example
 * showTable((await kpis(warehouse, retail, { metrics: ['revenue'], grain: 'month' })).frame, { locale: 'fr' });
 */
export function showTable(rows: TableInput, options: TableOptions & { display?: HtmlDisplay } = {}): void {
  let display = options.display;
  if (!display) {
    try {
      display = (createRequire(import.meta.url)('tslab') as { display: HtmlDisplay }).display;
    } catch {
      throw new KpicastError('showTable: tslab not found; run it in a Jupyter notebook with the tslab kernel');
    }
  }
  display.html(tableHtml(rows, options));
}
