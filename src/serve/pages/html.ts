/**
 * The dashboard's HTML building blocks: the page shell, KPI cards, chart panels (figure data as
 * JSON in a non-executable script element, drawn by /assets/dashboard.js), tables with their
 * download links, the filter form and the breadcrumb. Pure functions of what the library
 * returned: nothing here computes a number, it only formats one.
 */
import { escapeHtml, scriptJson } from '../../charts/html.js';
import type { Figure, Locale } from '../../charts/types.js';
import { cardDelta, formatNumber, formatValue } from '../../report/format.js';
import { sparkline } from '../../report/sparkline.js';
import type { KpiCard } from '../../report/types.js';
import type { ColumnType, TableColumn } from '../download.js';
import { scalarText } from '../../util/text.js';

export { escapeHtml };

/** The pages, in the navigation's order. */
export const PAGES = [
  { path: '/', id: 'overview', label: 'Overview' },
  { path: '/retail', id: 'retail', label: 'Retail' },
  { path: '/vehicles', id: 'vehicles', label: 'Vehicles' },
  { path: '/staffing', id: 'staffing', label: 'Staffing' },
  { path: '/forecasts', id: 'forecasts', label: 'Forecasts' },
  { path: '/warehouse', id: 'warehouse', label: 'Warehouse' },
] as const;
export type PageId = (typeof PAGES)[number]['id'];

const intl = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

/** A day `YYYY-MM-DD` as people read it: `1 Dec 2025`, `1 déc. 2025`. */
export function formatDay(value: unknown, locale: Locale): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return value === null || value === undefined ? '' : scalarText(value);
  const d = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(intl(locale), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** A timestamp as people read it, in UTC: `1 Dec 2025, 22:37 UTC`. */
export function formatTimestamp(value: unknown, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '';
  const d = value instanceof Date ? value : new Date(scalarText(value));
  if (Number.isNaN(d.getTime())) return scalarText(value);
  return `${new Intl.DateTimeFormat(intl(locale), { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(d)} UTC`;
}

/** How a table cell shows its value. Fractions (`percent`, `signed_percent`) are shown × 100. */
export type CellFormat = 'text' | 'integer' | 'decimal' | 'score' | 'currency' | 'currency2' | 'percent' | 'signed_percent' | 'day' | 'timestamp';

/** A column of a page table: the name in the rows (and in the download), its label, how it shows. */
export interface PageColumn {
  name: string;
  label: string;
  format?: CellFormat;
  /** Long text that wraps (a reason, a message) instead of staying on one line. */
  wrap?: boolean;
  /** A link for the cell (drill-down), or undefined for plain text. */
  href?: (row: Record<string, unknown>) => string | undefined;
}

/** A table of a page: the rows as the library returned them, shown and downloaded alike. */
export interface PageTable {
  /** Its name in the `download=` parameter. */
  id: string;
  title: string;
  columns: PageColumn[];
  rows: Record<string, unknown>[];
  /** A note under the title (what the rows are, what does not apply). */
  note?: string;
  /** Rows shown on the page at most (the download has them all); default 200. */
  limit?: number;
  /** A row to highlight (the chosen mission). */
  selected?: (row: Record<string, unknown>) => boolean;
}

const downloadType = (format: CellFormat | undefined): ColumnType => {
  if (format === 'day') return 'date';
  if (format === 'timestamp') return 'timestamp';
  if (format === undefined || format === 'text') return 'string';
  return 'number';
};

/** The columns of a page table as sendTable takes them. */
export function downloadColumns(table: PageTable): TableColumn[] {
  return table.columns.map((c) => ({ name: c.name, type: downloadType(c.format) }));
}

/**
 * One cell's text in the page's locale; empty for null text, `–` for a missing number.
 *
 * @example
 * formatCell(0.3541, 'percent', 'fr'); // => '35,4 %'
 * formatCell(1234.5, 'currency', 'en'); // => '€1,235'
 */
export function formatCell(value: unknown, format: CellFormat | undefined, locale: Locale): string {
  if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return format === undefined || format === 'text' ? '' : '–';
  switch (format) {
    case 'integer':
      return formatNumber(Number(value), locale, 0);
    case 'decimal':
      return formatNumber(Number(value), locale, 2);
    case 'score':
      return formatNumber(Number(value), locale, 3);
    case 'currency':
      return formatValue({ label: '', value: null, format: 'currency' }, Number(value), locale);
    case 'currency2':
      return formatValue({ label: '', value: null, format: 'currency', digits: 2 }, Number(value), locale);
    case 'percent':
      return `${formatNumber(Number(value) * 100, locale, 1)} %`;
    case 'signed_percent': {
      const v = Number(value) * 100;
      return `${v > 0 ? '+' : v < 0 ? '−' : '±'}${formatNumber(Math.abs(v), locale, 1)} %`;
    }
    case 'day':
      return formatDay(value, locale);
    case 'timestamp':
      return formatTimestamp(value, locale);
    default:
      return scalarText(value);
  }
}

const numeric = (format: CellFormat | undefined) => format !== undefined && !['text', 'day', 'timestamp'].includes(format);

/** A query string from parameters, empty values left out: `?period=last_4_weeks&store=Lyon`. */
export function queryString(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.append(k, v);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * A table panel: title, note, the table (numbers right-aligned in the locale, drill links), and
 * its CSV and XLSX download links: the page's own URL with `download=<id>`, served by sendTable
 * with the same rows.
 */
export function tablePanel(table: PageTable, here: { path: string; query: Record<string, string> }, locale: Locale): string {
  const limit = table.limit ?? 200;
  const shown = table.rows.slice(0, limit);
  const link = (format: 'csv' | 'xlsx') => escapeHtml(`${here.path}${queryString({ ...here.query, download: table.id, format })}`);
  const head = table.columns.map((c) => `<th scope="col"${numeric(c.format) ? ' class="num"' : ''}>${escapeHtml(c.label)}</th>`).join('');
  const body = shown
    .map((row) => {
      const cells = table.columns.map((c, i) => {
        const text = escapeHtml(formatCell(row[c.name], c.format, locale));
        const href = c.href?.(row);
        const content = href ? `<a href="${escapeHtml(href)}">${text}</a>` : text;
        const raw = typeof row[c.name] === 'number' ? ` data-value="${String(row[c.name])}"` : '';
        const tone = c.format === 'signed_percent' && typeof row[c.name] === 'number' && row[c.name] !== 0 ? ((row[c.name] as number) > 0 ? ' good' : ' bad') : '';
        const cls = `${numeric(c.format) ? 'num' : ''}${c.wrap ? ' wrap' : ''}${tone}`.trim();
        const tag = i === 0 ? 'th scope="row"' : 'td';
        return `<${tag} data-column="${escapeHtml(c.name)}"${cls ? ` class="${cls}"` : ''}${raw}>${content}</${i === 0 ? 'th' : 'td'}>`;
      });
      return `<tr${table.selected?.(row) ? ' class="selected" aria-current="true"' : ''}>${cells.join('')}</tr>`;
    })
    .join('\n');
  const more = table.rows.length > shown.length ? `<p class="more">${formatNumber(table.rows.length - shown.length, locale)} more rows in the download</p>` : '';
  const content =
    table.rows.length === 0
      ? '<p class="empty">No rows for this selection.</p>'
      : `<div class="table-wrap"><table class="data" id="table-${escapeHtml(table.id)}" data-table="${escapeHtml(table.id)}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>${more}`;
  return (
    `<section class="panel" aria-labelledby="h-${escapeHtml(table.id)}"><h2 id="h-${escapeHtml(table.id)}">${escapeHtml(table.title)}</h2>` +
    (table.note ? `<p class="note">${escapeHtml(table.note)}</p>` : '') +
    content +
    `<div class="panel-tools">Download <a href="${link('csv')}" data-download="csv" download>CSV</a> <a href="${link('xlsx')}" data-download="xlsx" download>XLSX</a></div></section>`
  );
}

/**
 * A chart panel: a div the client script draws `figure` into with plotly.js, the figure as JSON
 * in a `<script type="application/json">` (data, never run), and a PNG button (plotly's own
 * image export, offline; the modebar has one too).
 */
export function chartPanel(id: string, figure: Figure, options: { wide?: boolean } = {}): string {
  const safe = id.replace(/[^a-z0-9_-]/gi, '-');
  const title = figure.layout.title?.text ?? id;
  return (
    `<section class="panel${options.wide ? ' wide' : ''}" aria-label="${escapeHtml(title)}">` +
    `<div class="chart" id="chart-${safe}" data-figure="figure-${safe}" data-name="${safe}"></div>` +
    `<script type="application/json" id="figure-${safe}">${scriptJson(figure)}</script>` +
    `<div class="panel-tools"><button type="button" data-png="chart-${safe}" data-filename="${safe}">Download PNG</button></div></section>`
  );
}

/** A KPI card of the page: the report's card (value, delta with inverted colours, sparkline) with its metric and raw value for scripts and tests. */
export interface PageCard extends KpiCard {
  /** The metric (`revenue`), as the API names it. */
  metric: string;
  /** The value as the library returned it (a fraction for rates), or null. */
  raw: number | null;
  /** A note under the value (`all stores`: a filter that does not apply). */
  scope?: string;
}

/** The cards as the report draws them: value, delta against the comparison period, sparkline. */
export function cardsHtml(cards: readonly PageCard[], locale: Locale, compareLabel: string): string {
  if (cards.length === 0) return '<p class="empty">No figures for this selection.</p>';
  const items = cards.map((card) => {
    const delta = cardDelta(card, locale);
    const deltaHtml =
      delta.direction === 'none'
        ? `<div class="delta neutral">${compareLabel ? 'no comparison value' : 'no comparison'}</div>`
        : `<div class="delta ${delta.tone}" data-direction="${delta.direction}"><span aria-hidden="true">${delta.arrow}</span> ${escapeHtml(delta.text)} ` +
          `<span class="vs">vs ${escapeHtml(formatValue(card, card.previous, locale))}${compareLabel ? ` (${escapeHtml(compareLabel)})` : ''}</span></div>`;
    return (
      `<article class="card${card.lowerIsBetter ? ' lower-is-better' : ''}" data-metric="${escapeHtml(card.metric)}"${card.raw === null ? '' : ` data-value="${String(card.raw)}"`}>` +
      `<h3 class="label">${escapeHtml(card.label)}</h3>` +
      `<div class="value">${escapeHtml(formatValue(card, card.value, locale))}</div>${deltaHtml}` +
      (card.history && card.history.length > 1 ? sparkline(card.history, { width: 160, height: 30 }) : '') +
      (card.scope ? `<div class="scope">${escapeHtml(card.scope)}</div>` : '') +
      '</article>'
    );
  });
  return `<div class="cards">${items.join('\n')}</div>`;
}

/** A select of the filter form. `clears` names the finer fields emptied when this one changes. */
export interface SelectField {
  name: string;
  label: string;
  value: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  clears?: string[];
}

/** The filter form (GET, so the state is the URL): selects, the custom range's dates, hidden fields. */
export function controlsForm(
  path: string,
  fields: readonly SelectField[],
  options: { from?: string; to?: string; hidden?: Record<string, string | undefined> } = {},
): string {
  const selects = fields.map((f) => {
    const id = `f-${f.name}`;
    const opts = f.options
      .map((o) => `<option value="${escapeHtml(o.value)}"${o.value === f.value ? ' selected' : ''}>${escapeHtml(o.label)}</option>`)
      .join('');
    return (
      `<div class="field"><label for="${id}">${escapeHtml(f.label)}</label>` +
      `<select id="${id}" name="${escapeHtml(f.name)}"${f.clears?.length ? ` data-clears="${escapeHtml(f.clears.join(' '))}"` : ''}>${opts}</select></div>`
    );
  });
  const hasPeriod = fields.some((f) => f.name === 'period');
  const custom = hasPeriod
    ? // shown without script (the server ignores the days unless the period is custom); the script hides them for a preset
      '<div class="custom-range">' +
      `<div class="field"><label for="f-from">From</label><input type="date" id="f-from" name="from" value="${escapeHtml(options.from ?? '')}"></div>` +
      `<div class="field"><label for="f-to">To</label><input type="date" id="f-to" name="to" value="${escapeHtml(options.to ?? '')}"></div></div>`
    : '';
  const hidden = Object.entries(options.hidden ?? {})
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v!)}">`)
    .join('');
  return `<form class="controls" method="get" action="${escapeHtml(path)}" data-autosubmit role="search" aria-label="Filters">${selects.join('')}${custom}${hidden}<button type="submit">Apply</button></form>`;
}

/** A breadcrumb of links, the last item the current level. */
export function breadcrumb(items: ReadonlyArray<{ label: string; href: string }>): string {
  const li = items.map((item, i) =>
    i === items.length - 1 ? `<li><span aria-current="page">${escapeHtml(item.label)}</span></li>` : `<li><a href="${escapeHtml(item.href)}">${escapeHtml(item.label)}</a></li>`,
  );
  return `<nav class="breadcrumb" aria-label="Drill-down"><ol>${li.join('')}</ol></nav>`;
}

/** The whole page: navigation, the freshness line, the content, the scripts (served, never inline). */
export function pageShell(options: { active: PageId | 'error'; title: string; lead?: string; body: string; locale: Locale; freshness?: string }): string {
  const nav = PAGES.map(
    (p) => `<li><a href="${p.path}"${p.id === options.active ? ' aria-current="page"' : ''}>${p.label}</a></li>`,
  ).join('');
  return `<!DOCTYPE html>
<html lang="${options.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · kpicast</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/dashboard.css">
<script src="/assets/plotly.min.js" defer></script>
<script src="/assets/dashboard.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="topbar"><a class="brand" href="/">kpicast</a><nav aria-label="Pages"><ul>${nav}</ul></nav>${options.freshness ? `<span class="freshness">${escapeHtml(options.freshness)}</span>` : ''}</header>
<main id="main">
<h1>${escapeHtml(options.title)}</h1>
${options.lead ? `<p class="lead">${escapeHtml(options.lead)}</p>` : ''}
${options.body}
</main>
<footer>kpicast dashboard · every number from the kpicast library, the same as <a href="/api/openapi.json">the data API</a> · charts drawn with plotly.js, offline</footer>
</body>
</html>
`;
}
