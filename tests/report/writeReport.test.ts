import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumArgs, fanChart, findChromium, kpiChart, leaderboardChart, writeReport, type ReportData } from '../../src/index.js';
import { distinctColours, pngSignature, pngSize } from '../charts/pngPixels.js';

const weeks = (n: number, from = 0) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * (i + from))).toISOString().slice(0, 10));

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
  forecasts: weeks(4, 20).map((ds, i) => ({ series: 'missions', ds, mean: 205 + i, lo80: 190, hi80: 220, lo95: 180, hi95: 230, model: 'ETS', mape: 7.9 })),
};

describe('writeReport(dir, data)', () => {
  it('writes index.html that renders in Chromium with every chart drawn and no console error, plus one real PNG per chart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpicast-report-'));
    const written = await writeReport(dir, data, { width: 800, height: 400, scale: 1 });
    expect(written.index).toBe(join(dir, 'index.html'));
    expect(written.pngs).toEqual(['revenue', 'missions-forecast', 'leaderboard'].map((n) => join(dir, 'charts', `${n}.png`)));
    for (const file of written.pngs) {
      const png = readFileSync(file);
      expect(png.subarray(0, 8).equals(pngSignature)).toBe(true);
      expect(pngSize(png)).toEqual({ width: 800, height: 400 });
    }
    expect(await distinctColours(readFileSync(written.pngs[1]))).toBeGreaterThan(50);
    expect(existsSync(join(dir, 'assets', 'plotly.js'))).toBe(true);

    const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(pathToFileURL(written.index).href);
      await page.waitForFunction('document.querySelectorAll(".js-plotly-plot .main-svg").length >= 3', undefined, { timeout: 20_000 });
      const screenshot = await page.screenshot({ fullPage: true });
      expect(screenshot.subarray(0, 8).equals(pngSignature)).toBe(true);
      expect(pngSize(screenshot).height).toBeGreaterThan(900); // cards + 3 charts + table: longer than one screen
      expect(errors).toEqual([]);
      // each chart drew its traces: the fan chart has 4 (two bands, history, mean)
      expect(await page.locator('.js-plotly-plot').count()).toBe(3);
      expect(await page.locator('section[data-name="missions-forecast"] .scatterlayer .trace').count()).toBe(4);
      // revenue up: good (green); cancellation rate up: bad (red), colour inverted
      expect(await page.locator('.card').nth(0).locator('.delta').getAttribute('class')).toBe('delta good');
      expect(await page.locator('.card').nth(1).locator('.delta').getAttribute('class')).toBe('delta bad');
      expect(await page.locator('.card .sparkline polyline').count()).toBe(2);
      expect(await page.locator('table.forecasts tbody tr').count()).toBe(4);
      expect(await page.locator('table.forecasts tbody tr').first().innerText()).toContain('7.9 %');
    } finally {
      await browser.close();
    }
  });

  it('rejects a chart name that is not a file name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpicast-report-'));
    await expect(writeReport(dir, { ...data, charts: [{ name: '../x', figure: data.charts[0].figure }] }, { png: false })).rejects.toThrow(
      /writeReport chart name: got "..\/x"/,
    );
  });
});
