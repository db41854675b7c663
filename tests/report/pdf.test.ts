import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExporter, fanChart, formatValue, kpiChart, leaderboardChart, pdfPageCount, writeReport, type ReportData } from '../../src/index.js';
import { distinctColours, pngSignature } from '../charts/pngPixels.js';

const weeks = (n: number, from = 0) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * (i + from))).toISOString().slice(0, 10));
const series = Array.from({ length: 15 }, (_, s) => `store-${String(s).padStart(2, '0')}`);

const data: ReportData = {
  title: 'Weekly report',
  subtitle: 'sample data',
  generatedAt: new Date(Date.UTC(2024, 5, 3, 6, 0)),
  locale: 'en',
  cards: [
    { label: 'Revenue', value: 125000, previous: 120000, format: 'currency', history: [100, 110, 120, 125] },
    { label: 'Cancellation rate', value: 6.5, previous: 5, format: 'percent', lowerIsBetter: true, history: [5, 5.5, 5, 6.5] },
  ],
  charts: [
    { name: 'revenue', figure: kpiChart(weeks(10).map((ds, i) => ({ ds, value: 1000 + 50 * i, previous: 950 + 40 * i })), { kpi: 'Revenue', unit: '€' }) },
    {
      name: 'missions-forecast',
      figure: fanChart(
        {
          history: weeks(20).map((ds, i) => ({ ds, y: 200 + 20 * Math.sin(i / 2) })),
          forecast: weeks(4, 20).map((ds) => ({ ds, mean: 205, lo80: 190, hi80: 220, lo95: 180, hi95: 230 })),
        },
        { series: 'Missions', model: 'ETS' },
      ),
    },
    { name: 'leaderboard', figure: leaderboardChart([{ model: 'naive', error: 12 }, { model: 'ets', error: 8 }]) },
  ],
  // 15 series × 4 weeks; each series' means distinct (1000 × series + week) so a row can be found on its page
  forecasts: series.flatMap((id, s) =>
    weeks(4, 20).map((ds, i) => ({ series: id, ds, mean: 1000 * (s + 1) + i, lo80: 190, hi80: 220, lo95: 180, hi95: 230, model: 'ETS', mape: 7.9 })),
  ),
};

/** The text of each page of a PDF, by pdftotext. */
function pageTexts(pdf: string, pages: number): string[] {
  return Array.from({ length: pages }, (_, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }));
}

describe('writeReport(dir, data, { pdf: true })', () => {
  it('prints an A4 report.pdf beside index.html with the same browser as the PNGs: every page drawn, charts and series uncut, header repeated, footer numbered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpicast-pdf-'));
    // one browser for the PNGs and the PDF: the exporter given is used for both and left open
    const browser = await createExporter();
    const calls = { exportMany: 0, newPage: 0, close: 0 };
    const exporter = {
      render: (...args: Parameters<typeof browser.render>) => browser.render(...args),
      exportMany: (jobs: Parameters<typeof browser.exportMany>[0]) => (calls.exportMany++, browser.exportMany(jobs)),
      newPage: () => (calls.newPage++, browser.newPage()),
      close: () => { calls.close++; return Promise.resolve(); },
    };
    let written: Awaited<ReturnType<typeof writeReport>>;
    try {
      written = await writeReport(dir, data, { pdf: true, width: 600, height: 300, scale: 1, exporter });
    } finally {
      await browser.close();
    }
    expect(calls).toEqual({ exportMany: 3, newPage: 1, close: 0 });
    expect(written.pdf).toBe(join(dir, 'report.pdf'));
    expect(written.pngs).toHaveLength(3);
    const pdf = readFileSync(written.pdf!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // A4 prints 1016 px of height inside the margins (297 − 28 mm). Charts are 450 px high
    // (460 with their frame), the leaderboard of 2 models 310, a series' 4 forecast rows 92 px.
    // Page 1: header, cards and the revenue chart (the fan chart no longer fits);
    // page 2: fan chart, leaderboard, then the table's header and the first series (947 px);
    // page 3: the header again and 10 series (23 + 10 × 92 = 943 px); page 4: the last 4.
    const info = execFileSync('pdfinfo', [written.pdf!], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+4\n/);
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)/);
    expect(pdfPageCount(pdf)).toBe(4);
    expect(written.pdfPages).toBe(4);

    const texts = pageTexts(written.pdf!, 4);
    const seriesOn = texts.map((t) => series.filter((id) => t.includes(id)));
    expect(seriesOn).toEqual([[], ['store-00'], series.slice(1, 11), series.slice(11)]);
    texts.forEach((text, i) => {
      // footer: the report's generation date and the page number on every page
      expect(text).toContain('Weekly report · generated 2024-06-03 06:00 UTC');
      expect(text).toContain(`page ${i + 1} of 4`);
    });
    for (const [page, ids] of seriesOn.entries()) {
      if (ids.length === 0) continue;
      // the table header repeats on every page the table spans
      expect(texts[page]).toMatch(/Series\s+Model\s+Backtest MAPE\s+Week\s+Forecast/);
      // a series' rows are never cut from their series: its 4 means are on its page
      for (const id of ids) {
        const s = series.indexOf(id);
        for (let i = 0; i < 4; i++) expect(texts[page], `${id} week ${i}`).toContain(new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1 }).format(1000 * (s + 1) + i));
      }
    }
    // a chart is never cut: its title (top) and its legend or axis title (bottom) share a page
    const chartEnds: Array<[string, string]> = [
      ['Revenue (€)', 'Previous period'],
      ['Missions: forecast', 'Forecast (ETS)'],
      ['Model leaderboard (MAPE)', 'Backtest MAPE (%)'],
    ];
    const pageOf = (needle: string) => texts.findIndex((t) => t.includes(needle));
    expect(chartEnds.map(([top, bottom]) => [pageOf(top), pageOf(bottom)])).toEqual([
      [0, 0],
      [1, 1],
      [1, 1],
    ]);
    // the card values, formatted as the cards show them
    for (const card of data.cards) expect(texts[0]).toContain(formatValue(card, card.value, 'en'));

    // no page is blank: each rendered page has many colours (a blank page has one)
    const prefix = join(dir, 'page');
    execFileSync('pdftoppm', ['-r', '40', '-png', written.pdf!, prefix]);
    const images = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
    expect(images).toHaveLength(4);
    for (const image of images) {
      const png = readFileSync(join(dir, image));
      expect(png.subarray(0, 8).equals(pngSignature)).toBe(true);
      expect(await distinctColours(png), image).toBeGreaterThan(20);
    }
  }, 120_000);

  it('writes no PDF unless asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpicast-pdf-'));
    const written = await writeReport(dir, data, { png: false });
    expect(written.pdf).toBeUndefined();
    expect(existsSync(join(dir, 'report.pdf'))).toBe(false);
  });
});
