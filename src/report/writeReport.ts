import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OptionError } from '../errors.js';
import { createExporter, type Exporter } from '../charts/exporter.js';
import { escapeHtml, plotDiv } from '../charts/html.js';
import { plotlyPath } from '../charts/plotlySource.js';
import { palette } from '../charts/theme.js';
import type { Locale } from '../charts/types.js';
import { cardDelta, formatNumber, formatValue } from './format.js';
import { printReportPdf } from './pdf.js';
import { sparkline } from './sparkline.js';
import type { ForecastRow, KpiCard, ReportData } from './types.js';

/** Options of {@link writeReport}. */
export interface WriteReportOptions {
  /** Export every chart as PNG into `<dir>/charts/` (default true; needs Chromium). */
  png?: boolean;
  /** An open exporter to reuse (it is not closed); default: one started and closed here. */
  exporter?: Exporter;
  /** PNG size: default 1000 × 500 at scale 2. */
  width?: number;
  height?: number;
  scale?: number;
  /** Also print the report to `<dir>/report.pdf` (A4) with the same browser (default false; needs Chromium). */
  pdf?: boolean;
  /** Called after each PNG with the count done and the total (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
}

/** What {@link writeReport} wrote. */
export interface WrittenReport {
  /** Path of the report page. */
  index: string;
  /** Paths of the PNGs, in chart order. */
  pngs: string[];
  /** Path of the PDF, when `pdf: true`. */
  pdf?: string;
  /** Its number of pages, when `pdf: true`. */
  pdfPages?: number;
}

const toneColor = { good: palette.good, bad: palette.bad, neutral: '#666666' } as const;

function cardHtml(card: KpiCard, locale: Locale): string {
  const delta = cardDelta(card, locale);
  const spark = card.history ? sparkline(card.history) : '';
  const deltaHtml =
    delta.direction === 'none'
      ? '<div class="delta neutral">no comparison</div>'
      : `<div class="delta ${delta.tone}" style="color:${toneColor[delta.tone]}" data-direction="${delta.direction}">` +
        `${delta.arrow} ${escapeHtml(delta.text)} <span class="vs">vs ${escapeHtml(formatValue(card, card.previous, locale))}</span></div>`;
  return (
    `<div class="card${card.lowerIsBetter ? ' lower-is-better' : ''}">` +
    `<div class="label">${escapeHtml(card.label)}</div>` +
    `<div class="value">${escapeHtml(formatValue(card, card.value, locale))}</div>` +
    `${deltaHtml}${spark}</div>`
  );
}

function forecastTableHtml(rows: readonly ForecastRow[], locale: Locale): string {
  if (rows.length === 0) return '<p class="empty">No forecast in this report.</p>';
  const bySeries = new Map<string, ForecastRow[]>();
  for (const row of rows) {
    const list = bySeries.get(row.series) ?? [];
    list.push(row);
    bySeries.set(row.series, list);
  }
  const interval = (lo?: number | null, hi?: number | null) =>
    lo === null || lo === undefined || hi === null || hi === undefined ? '–' : `${formatNumber(lo, locale, 1)} – ${formatNumber(hi, locale, 1)}`;
  const groups: string[] = [];
  for (const [series, list] of [...bySeries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const sorted = [...list].sort((a, b) => (a.ds < b.ds ? -1 : 1));
    const body: string[] = [];
    sorted.forEach((row, i) => {
      const head =
        i === 0
          ? `<th rowspan="${sorted.length}" scope="rowgroup">${escapeHtml(series)}</th>` +
            `<td rowspan="${sorted.length}">${escapeHtml(row.model)}</td>` +
            `<td rowspan="${sorted.length}" class="num">${row.mape === null || row.mape === undefined ? '–' : `${formatNumber(row.mape, locale, 1)} %`}</td>`
          : '';
      body.push(
        `<tr>${head}<td>${escapeHtml(row.ds)}</td><td class="num">${formatNumber(row.mean, locale, 1)}</td>` +
          `<td class="num">${interval(row.lo80, row.hi80)}</td><td class="num">${interval(row.lo95, row.hi95)}</td></tr>`,
      );
    });
    groups.push(`<tbody>${body.join('\n')}</tbody>`);
  }
  return (
    '<table class="forecasts"><thead><tr><th>Series</th><th>Model</th><th>Backtest MAPE</th><th>Week</th>' +
    '<th>Forecast</th><th>80 % interval</th><th>95 % interval</th></tr></thead>' +
    `${groups.join('\n')}</table>`
  );
}

const css = `
body{font-family:Helvetica,Arial,sans-serif;color:#222;margin:0;background:#f6f7f9}
header{background:#1f5fa8;color:#fff;padding:20px 32px}header h1{margin:0 0 4px;font-size:26px}header p{margin:0;opacity:.85}
main{padding:24px 32px;max-width:1200px}
h2{font-size:20px;margin:28px 0 12px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:14px}
.card{background:#fff;border-radius:8px;padding:14px 16px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.card .label{font-size:13px;color:#555;text-transform:uppercase;letter-spacing:.03em}
.card .value{font-size:28px;font-weight:bold;margin:6px 0}
.card .delta{font-size:14px;margin-bottom:6px}.card .vs{color:#777}
.chart{background:#fff;border-radius:8px;padding:8px;margin-bottom:18px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.chart .png{font-size:12px;margin:4px 8px}
table.forecasts{border-collapse:collapse;background:#fff;width:100%;font-size:14px}
table.forecasts th,table.forecasts td{border:1px solid #ddd;padding:5px 8px;text-align:left}
table.forecasts td.num{text-align:right;font-variant-numeric:tabular-nums}
table.forecasts thead th{background:#eef2f7}
footer{padding:16px 32px;color:#777;font-size:12px}
@page{size:A4}
@media print{
body{background:#fff;-webkit-print-color-adjust:exact;print-color-adjust:exact}
header{padding:12px 16px}header h1{font-size:22px}
main{padding:0;max-width:none}
h2{font-size:17px;margin:14px 0 8px;break-after:avoid;page-break-after:avoid}
.cards{grid-template-columns:repeat(4,1fr);gap:8px}
.card{box-shadow:none;border:1px solid #ddd;padding:8px 10px;break-inside:avoid;page-break-inside:avoid}
.card .label{font-size:10px}.card .value{font-size:20px;margin:4px 0}.card .delta{font-size:11px}
.chart{box-shadow:none;border:1px solid #ddd;padding:4px;margin-bottom:10px;break-inside:avoid;page-break-inside:avoid}
.chart .png{display:none}
table.forecasts{font-size:11px}
table.forecasts thead{display:table-header-group}
table.forecasts tbody,table.forecasts tr{break-inside:avoid;page-break-inside:avoid}
footer{display:none}
}`;

const slug = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * Writes an HTML report into `dir`: `index.html` with the KPI cards (value,
 * delta against the previous period with arrow and colour, sparkline), every
 * chart drawn interactively, and the forecast table (next weeks per series with
 * the chosen model and its backtest MAPE); `assets/plotly.js` so it opens
 * offline; unless `png: false`, each chart as `charts/<name>.png`; and with
 * `pdf: true`, `report.pdf` (A4, see {@link printReportPdf}) printed by the same browser.
 * Cost: about 1-3 s to start the browser, then well under a second per PNG and a
 * second or two for the PDF.
 *
 * @example
 * await writeReport('out/report', { title: 'Weekly report', cards, charts, forecasts });
 * // => { index: 'out/report/index.html', pngs: ['out/report/charts/revenue.png', ...] }
 */
export async function writeReport(dir: string, data: ReportData, options: WriteReportOptions = {}): Promise<WrittenReport> {
  const locale = data.locale ?? 'en';
  const names = new Set<string>();
  for (const chart of data.charts) {
    if (!slug.test(chart.name)) throw new OptionError('writeReport chart name', chart.name, 'lower-case letters, digits, - and _');
    if (names.has(chart.name)) throw new OptionError('writeReport chart name', chart.name, 'names unique within the report');
    names.add(chart.name);
  }
  await mkdir(join(dir, 'assets'), { recursive: true });
  await copyFile(plotlyPath(), join(dir, 'assets', 'plotly.js'));
  const png = options.png ?? true;
  const generatedDate = data.generatedAt ?? new Date();
  const generatedAt = generatedDate.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const charts = data.charts
    .map(
      (chart) =>
        `<section class="chart" data-name="${escapeHtml(chart.name)}">${plotDiv(chart.figure, `chart-${chart.name}`)}` +
        (png ? `<div class="png"><a href="charts/${escapeHtml(chart.name)}.png">PNG</a></div>` : '') +
        '</section>',
    )
    .join('\n');
  const html = `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.title)}</title>
<style>${css}</style>
<script src="assets/plotly.js"></script>
</head>
<body>
<header><h1>${escapeHtml(data.title)}</h1><p>${data.subtitle ? `${escapeHtml(data.subtitle)} · ` : ''}generated ${generatedAt}</p></header>
<main>
<h2>Key figures</h2>
<div class="cards">
${data.cards.map((card) => cardHtml(card, locale)).join('\n')}
</div>
<h2>Charts</h2>
${charts || '<p class="empty">No chart in this report.</p>'}
<h2>Forecasts</h2>
${forecastTableHtml(data.forecasts, locale)}
</main>
<footer>kpicast report · charts drawn with plotly.js, offline</footer>
</body>
</html>
`;
  const index = join(dir, 'index.html');
  await writeFile(index, html);
  const pngs: string[] = [];
  const needsBrowser = (png && data.charts.length > 0) || options.pdf === true;
  if (!needsBrowser) return { index, pngs };
  const exporter = options.exporter ?? (await createExporter());
  try {
    if (png) {
      for (const chart of data.charts) {
        const [file] = await exporter.exportMany([
          {
            figure: chart.figure,
            file: join(dir, 'charts', `${chart.name}.png`),
            width: options.width ?? 1000,
            height: options.height ?? 500,
            scale: options.scale ?? 2,
          },
        ]);
        pngs.push(file);
        options.onProgress?.(pngs.length, data.charts.length);
      }
    }
    if (options.pdf) {
      const printed = await printReportPdf(index, join(dir, 'report.pdf'), { exporter, generatedAt: generatedDate, title: data.title });
      return { index, pngs, pdf: printed.file, pdfPages: printed.pages };
    }
    return { index, pngs };
  } finally {
    if (!options.exporter) await exporter.close();
  }
}
