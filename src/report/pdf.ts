import { readFile, rename, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { KpicastError } from '../errors.js';
import { createExporter, type Exporter } from '../charts/exporter.js';
import { escapeHtml } from '../charts/html.js';

/** Options of {@link printReportPdf}. */
export interface PrintReportPdfOptions {
  /** An open exporter whose browser prints the page (it is not closed); default: one started and closed here. */
  exporter?: Exporter;
  /** The date printed in every page's footer; default: now. */
  generatedAt?: Date;
  /** Text on the left of the footer; default `kpicast report`. */
  title?: string;
  /** How long to wait for the charts to be drawn, in milliseconds; default 60,000. */
  timeoutMs?: number;
}

/** What {@link printReportPdf} wrote. */
export interface PrintedPdf {
  file: string;
  /** Number of A4 pages. */
  pages: number;
}

/** Page margins of the PDF; the footer sits in the bottom one. */
export const pdfMargins = { top: '12mm', right: '12mm', bottom: '16mm', left: '12mm' } as const;

/** The printable width of an A4 page inside {@link pdfMargins}, in CSS pixels (210 mm − 24 mm at 96 px per inch). */
export const a4PrintableWidthPx = Math.floor(((210 - 24) / 25.4) * 96);

/** The footer of every page: title and generation date on the left, `page N of M` on the right. */
function footerTemplate(title: string, generatedAt: Date): string {
  const date = generatedAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  return (
    '<div style="font-family:Helvetica,Arial,sans-serif;font-size:8px;color:#666;width:100%;margin:0 12mm;display:flex;justify-content:space-between">' +
    `<span>${escapeHtml(title)} · generated ${escapeHtml(date)}</span>` +
    '<span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
  );
}

/**
 * The number of pages of a PDF, counted from its page objects (`/Type /Page`).
 * Works on the PDFs Chromium writes (no compressed object streams).
 *
 * @example
 * pdfPageCount(readFileSync('out/report/report.pdf')); // => 3
 */
export function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

/**
 * Prints a written report (`index.html`, as {@link writeReport} writes it) to an A4
 * PDF with the system Chromium: the KPI cards, every chart as the browser draws it
 * (plotly's SVG, so lines and text stay vector; heatmaps are images), the forecast
 * table with its header repeated on each page; the report's print stylesheet keeps
 * a chart, a card and a series' forecast rows on one page. Every page's footer says
 * the generation date and `page N of M`. The file is written whole or not at all
 * (a temporary file renamed). Cost: a second or two on an open browser.
 *
 * @example
 * await printReportPdf('out/report/index.html', 'out/report/report.pdf', { exporter });
 * // => { file: 'out/report/report.pdf', pages: 3 }
 */
export async function printReportPdf(indexHtml: string, pdfFile: string, options: PrintReportPdfOptions = {}): Promise<PrintedPdf> {
  const exporter = options.exporter ?? (await createExporter());
  try {
    const page = await exporter.newPage();
    try {
      // Lay the page out at the printed width, so responsive charts are drawn at the size they print at.
      await page.setViewportSize({ width: a4PrintableWidthPx, height: 1000 });
      await page.emulateMedia({ media: 'print' });
      await page.goto(pathToFileURL(indexHtml).href);
      const timeout = options.timeoutMs ?? 60_000;
      try {
        await page.waitForFunction(
          `(() => { const c = document.querySelectorAll('.kpicast-chart'); return [...c].every((d) => d.querySelector('.main-svg')); })()`,
          undefined,
          { timeout },
        );
      } catch {
        throw new KpicastError(`printReportPdf: the charts of ${indexHtml} were not drawn within ${timeout} ms`);
      }
      // two frames: plotly finishes its drawing after the SVG appears
      await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<div></div>',
        footerTemplate: footerTemplate(options.title ?? 'kpicast report', options.generatedAt ?? new Date()),
        margin: pdfMargins,
      });
      const temporary = `${pdfFile}.${process.pid}.tmp`;
      await writeFile(temporary, pdf);
      await rename(temporary, pdfFile);
      return { file: pdfFile, pages: pdfPageCount(await readFile(pdfFile)) };
    } finally {
      await page.close();
    }
  } finally {
    if (!options.exporter) await exporter.close();
  }
}
