/**
 * The dashboard in a real browser (the system Chromium through playwright-core) against the real
 * server (`startServer`, as `kpicast serve` runs it) on port 0 over an embedded warehouse holding
 * the committed sample (loaded, built and forecast by runMainJob, as `npm start` does).
 * Screenshots of every page are kept under .kpicast/artifacts/ (gitignored).
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, chromiumArgs, findChromium, formatValue, migrate, openWarehouse, runMainJob, startServer, type RunningServer } from '../../src/index.js';

const artifacts = join(process.cwd(), '.kpicast', 'artifacts');
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('the dashboard in Chromium over the sample (kpicast serve)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  const api = async (path: string): Promise<Record<string, unknown>[]> => {
    const response = await fetch(new URL(path, server.url));
    expect(response.status).toBe(200);
    return ((await response.json()) as { rows: Record<string, unknown>[] }).rows;
  };
  /** Waits until the client script ran and every chart of the page is drawn. */
  const ready = async (): Promise<void> => {
    await page.waitForFunction(
      "document.documentElement.dataset.ready === 'true' && [...document.querySelectorAll('[data-figure]')].every((d) => d.getAttribute('data-drawn') === 'true')",
      undefined,
      { timeout: 120_000 },
    );
  };
  const open = async (path: string): Promise<void> => {
    const response = await page.goto(new URL(path, server.url).href, { waitUntil: 'load', timeout: 120_000 });
    expect(response?.status()).toBe(200);
    await ready();
  };
  /** Runs `action` (a change or a click that navigates) and waits for the next page to be ready. */
  const navigating = async (action: () => Promise<unknown>): Promise<void> => {
    await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: 120_000 }), action()]);
    await ready();
  };
  const shoot = async (name: string): Promise<void> => {
    await page.screenshot({ path: join(artifacts, `dashboard-${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    const dir = join(mkdtempSync(join(tmpdir(), 'kpicast-dashboard-')), 'db');
    const warehouse = await openWarehouse(dir);
    try {
      await migrate(warehouse);
      await runMainJob(warehouse, { report: false, png: false, quiet: true });
    } finally {
      await warehouse.close();
    }
    server = await startServer({ target: dir, port: 0, logLevel: 'silent' });
    browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows every page with its charts drawn, under the content security policy, with no console error', async () => {
    for (const [path, name] of [['/', 'overview'], ['/retail', 'retail'], ['/vehicles', 'vehicles'], ['/staffing', 'staffing'], ['/forecasts', 'forecasts'], ['/warehouse', 'warehouse']]) {
      await open(path);
      expect(await page.locator('h1').textContent()).toBe(name[0].toUpperCase() + name.slice(1));
      expect(await page.locator('nav[aria-label="Pages"] a[aria-current="page"]').textContent()).toBe(name[0].toUpperCase() + name.slice(1));
      // no inline script: every script either has a src or holds JSON data
      const inline = await page.locator('script:not([src]):not([type="application/json"])').count();
      expect(inline).toBe(0);
      if (name !== 'warehouse') expect(await page.locator('.js-plotly-plot').count()).toBeGreaterThan(0);
      await shoot(name);
    }
    // the overview has the report's cards, the lower-is-better one coloured by its own rule
    await open('/');
    expect(await page.locator('.card').count()).toBe(8);
    expect(await page.locator('.card.lower-is-better .label').textContent()).toBe('Cancellation rate');
    await page.setViewportSize({ width: 390, height: 844 });
    await open('/retail');
    await shoot('retail-narrow');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(errors).toEqual([]);
  }, 240_000);

  it('a period preset and a store chosen in the form give the KPI cards the values /api/kpis returns for the same request', async () => {
    await open('/retail');
    await navigating(() => page.selectOption('#f-period', 'last_4_weeks'));
    expect(new URL(page.url()).searchParams.get('period')).toBe('last_4_weeks');
    const stores = (await page.locator('#f-store option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value))).filter(Boolean);
    expect(stores.length).toBeGreaterThan(1);
    const store = stores[1];
    await navigating(() => page.selectOption('#f-store', store));
    const url = new URL(page.url());
    expect(url.searchParams.get('store')).toBe(store);
    expect(url.searchParams.get('period')).toBe('last_4_weeks');

    const [row] = await api(`/api/kpis?model=retail&metrics=revenue,margin_rate,orders&period=last_4_weeks&compare=previous_period&filter=${encodeURIComponent(`store_name=${store}`)}`);
    expect(row.revenue).toBeGreaterThan(0);
    const card = page.locator('.card[data-metric="revenue"]');
    expect(Number(await card.getAttribute('data-value'))).toBe(row.revenue);
    expect(await card.locator('.value').textContent()).toBe(formatValue({ label: 'Revenue', value: null, format: 'currency' }, row.revenue as number, 'en'));
    expect(await card.locator('.vs').textContent()).toContain(formatValue({ label: 'Revenue', value: null, format: 'currency' }, row.revenue_previous as number, 'en'));
    const orders = page.locator('.card[data-metric="orders"]');
    expect(Number(await orders.getAttribute('data-value'))).toBe(row.orders);
    const rate = page.locator('.card[data-metric="margin_rate"]');
    expect(Number(await rate.getAttribute('data-value'))).toBe(row.margin_rate);
    expect(await rate.locator('.value').textContent()).toBe(formatValue({ label: 'Margin rate', value: null, format: 'percent' }, (row.margin_rate as number) * 100, 'en'));
    // the store filter changed the number: the whole chain sells more than one of its stores
    const [chain] = await api('/api/kpis?model=retail&metrics=revenue&period=last_4_weeks');
    expect(chain.revenue as number).toBeGreaterThan(row.revenue as number);

    // a custom range: chosen, its days typed, applied
    await page.selectOption('#f-period', 'custom');
    expect(await page.locator('.custom-range').isVisible()).toBe(true);
    await page.fill('#f-from', '2025-06-01');
    await page.fill('#f-to', '2025-06-30');
    await navigating(() => page.locator('form.controls button[type="submit"]').click());
    const custom = new URL(page.url()).searchParams;
    expect([custom.get('period'), custom.get('from'), custom.get('to'), custom.get('store')]).toEqual(['custom', '2025-06-01', '2025-06-30', store]);
    const [june] = await api(`/api/kpis?model=retail&metrics=revenue&from=2025-06-01&to=2025-06-30&compare=previous_period&filter=${encodeURIComponent(`store_name=${store}`)}`);
    expect(Number(await card.getAttribute('data-value'))).toBe(june.revenue);
    expect(june.revenue).not.toBe(row.revenue);
    // back to a preset: the custom days are hidden and not sent
    await navigating(() => page.selectOption('#f-period', 'last_13_weeks'));
    expect(new URL(page.url()).searchParams.get('from')).toBeNull();
    expect(await page.locator('.custom-range').isVisible()).toBe(false);
    expect(errors).toEqual([]);
  }, 180_000);

  it('drills down region → store → category → products and comes back through the breadcrumb', async () => {
    await open('/retail?period=last_13_weeks');
    const firstCell = (column: string) => page.locator(`table[data-table="breakdown"] tbody tr th[data-column="${column}"] a`).first();
    const region = (await firstCell('region').textContent())!;
    await navigating(() => firstCell('region').click());
    expect(new URL(page.url()).searchParams.get('region')).toBe(region);
    expect(await page.locator('.breadcrumb [aria-current="page"]').textContent()).toBe(region);

    const store = (await firstCell('store_name').textContent())!;
    await navigating(() => firstCell('store_name').click());
    expect(new URL(page.url()).searchParams.get('store')).toBe(store);
    expect(await page.locator('.breadcrumb li').allTextContents()).toEqual(['All regions', region, store]);
    // the stores listed were the region's: the API agrees
    const regionStores = await api(`/api/kpis?model=retail&metrics=revenue&by=store_name&period=last_13_weeks&filter=${encodeURIComponent(`region=${region}`)}`);
    expect(regionStores.map((r) => r.store_name)).toContain(store);

    const category = (await firstCell('category').textContent())!;
    await navigating(() => firstCell('category').click());
    expect(new URL(page.url()).searchParams.get('category')).toBe(category);
    expect(await page.locator('table[data-table="breakdown"] thead th').first().textContent()).toBe('Product');
    const products = await api(
      `/api/kpis?model=retail&metrics=revenue&by=product_name&period=last_13_weeks&filter=${encodeURIComponent(`store_name=${store}`)}&filter=${encodeURIComponent(`category=${category}`)}`,
    );
    expect(await page.locator('table[data-table="breakdown"] tbody tr').count()).toBe(products.length);
    await shoot('retail-products');

    await navigating(() => page.locator('.breadcrumb a', { hasText: store }).click());
    expect(new URL(page.url()).searchParams.get('category')).toBeNull();
    expect(await page.locator('table[data-table="breakdown"] thead th').first().textContent()).toBe('Category');
    await navigating(() => page.locator('.breadcrumb a', { hasText: 'All regions' }).click());
    const back = new URL(page.url()).searchParams;
    expect([back.get('region'), back.get('store'), back.get('category')]).toEqual([null, null, null]);
    expect(back.get('period')).toBe('last_13_weeks');
    expect(await page.locator('table[data-table="breakdown"] thead th').first().textContent()).toBe('Region');
    expect(errors).toEqual([]);
  }, 180_000);

  it('downloads a table as CSV and as XLSX with the rows and numbers /api/kpis returns, and a chart as PNG', async () => {
    await open('/retail?period=last_4_weeks');
    const csvDownload = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.locator('table[data-table="breakdown"]').locator('xpath=ancestor::section').locator('a[data-download="csv"]').click()]).then(([d]) => d);
    expect(csvDownload.suggestedFilename()).toBe('retail-breakdown.csv');
    const csv = parse<Record<string, string>>(readFileSync(await csvDownload.path(), 'utf8'), { columns: true });
    const metrics = 'revenue,gross_margin,margin_rate,orders,average_basket,discount_rate,tax_collected,visitors,conversion_rate';
    const expected = await api(`/api/kpis?model=retail&metrics=${metrics}&by=region&period=last_4_weeks&compare=previous_period`);
    expect(csv.map((r) => r.region)).toEqual(expected.map((r) => r.region));
    const columns = Object.keys(csv[0]);
    expect(columns).toEqual(expect.arrayContaining(['region', 'revenue', 'revenue_previous', 'margin_rate', 'conversion_rate']));
    csv.forEach((row, i) => {
      for (const column of columns.filter((c) => c !== 'region')) expect(row[column] === '' ? null : Number(row[column])).toBe(expected[i][column]);
    });
    // the page shows the same rows
    expect(await page.locator('table[data-table="breakdown"] tbody tr').count()).toBe(expected.length);

    const xlsxDownload = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.locator('table[data-table="breakdown"]').locator('xpath=ancestor::section').locator('a[data-download="xlsx"]').click()]).then(([d]) => d);
    expect(xlsxDownload.suggestedFilename()).toBe('retail-breakdown.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsxDownload.path());
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toEqual(columns);
    expected.forEach((apiRow, i) => {
      const cells = (sheet.getRow(i + 2).values as unknown[]).slice(1);
      header.forEach((column, j) => expect(cells[j] ?? null).toBe(apiRow[column]));
    });
    expect(sheet.rowCount).toBe(expected.length + 1);

    const pngDownload = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.locator('button[data-png="chart-retail-trend"]').click()]).then(([d]) => d);
    expect(pngDownload.suggestedFilename()).toBe('retail-trend.png');
    expect(readFileSync(await pngDownload.path()).subarray(0, 8).equals(pngSignature)).toBe(true);

    // a click on a header sorts the rows shown by that column, a second click reverses them
    const revenueHeader = page.locator('table[data-table="breakdown"] thead th', { hasText: /^Revenue$/ });
    const revenues = () => page.locator('table[data-table="breakdown"] tbody td[data-column="revenue"]').evaluateAll((cells: Array<{ getAttribute(name: string): string | null }>) => cells.map((c) => Number(c.getAttribute('data-value'))));
    await revenueHeader.locator('button').click();
    expect(await revenueHeader.getAttribute('aria-sort')).toBe('descending');
    const sorted = expected.map((r) => r.revenue as number).sort((a, b) => b - a);
    expect(await revenues()).toEqual(sorted);
    await revenueHeader.locator('button').click();
    expect(await revenues()).toEqual([...sorted].reverse());
    expect(errors).toEqual([]);
  }, 180_000);

  it('on Staffing, a mission to assign chosen gives suggested extras who are free that day in the warehouse', async () => {
    await open('/staffing');
    const link = page.locator('table[data-table="to-assign"] tbody tr th[data-column="mission_id"] a').first();
    const missionId = (await link.textContent())!;
    await navigating(() => link.click());
    expect(new URL(page.url()).searchParams.get('mission')).toBe(missionId);
    expect(await page.locator('table[data-table="to-assign"] tr.selected th').textContent()).toBe(missionId);
    const day = (await page.locator('#suggestions [data-mission]').getAttribute('data-day'))!;
    const extras = await page.locator('table[data-table="suggestions"] tbody td[data-column="extra_id"]').allTextContents();
    expect(extras.length).toBeGreaterThan(0);
    const reason = await page.locator('table[data-table="suggestions"] tbody td[data-column="reason"]').first().textContent();
    expect(reason).toContain(`free on ${day}`);
    await shoot('staffing-suggestions');

    const { rows: mission } = await server.ctx.warehouse.query<{ status: string; extra_id: string | null; day: string }>(
      'SELECT status, extra_id, mission_date::text AS day FROM marts.fct_missions WHERE mission_id = $1',
      [missionId],
    );
    expect(mission).toEqual([{ status: 'planned', extra_id: null, day }]);
    const { rows: busy } = await server.ctx.warehouse.query<{ extra_id: string }>(
      "SELECT DISTINCT extra_id FROM marts.fct_missions WHERE extra_id = ANY($1::text[]) AND mission_date = $2::date AND status <> 'cancelled'",
      [extras, day],
    );
    expect(busy).toEqual([]);
    // the ranks are the score's order
    const scores = (await page.locator('table[data-table="suggestions"] tbody td[data-column="score"]').evaluateAll((cells: Array<{ getAttribute(name: string): string | null }>) => cells.map((c) => Number(c.getAttribute('data-value')))));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(errors).toEqual([]);
  }, 180_000);

  it('shows French number and date formats when served with locale fr, the same numbers as the API', async () => {
    const app = await buildApp({ ...server.ctx, locale: 'fr' });
    try {
      const response = await app.inject('/retail?period=last_4_weeks');
      expect(response.statusCode).toBe(200);
      const html = response.body;
      expect(html).toContain('<html lang="fr">');
      const [row] = await api('/api/kpis?model=retail&metrics=revenue,margin_rate&period=last_4_weeks');
      const card = html.slice(html.indexOf('data-metric="revenue"'));
      expect(card).toContain(`data-value="${String(row.revenue)}"`);
      const shown = formatValue({ label: 'Revenue', value: null, format: 'currency' }, row.revenue as number, 'fr');
      expect(shown).toMatch(/^\d{1,3}(\u202f\d{3})+\u00a0€$/); // 1 234 567 €: narrow no-break spaces, then a no-break space
      expect(card.slice(0, 400)).toContain(`<div class="value">${shown}</div>`);
      const rate = html.slice(html.indexOf('data-metric="margin_rate"'));
      expect(rate.slice(0, 400)).toContain(`<div class="value">${formatValue({ label: 'Margin rate', value: null, format: 'percent' }, (row.margin_rate as number) * 100, 'fr')}</div>`);
      expect(html).toMatch(/Period: \d{1,2} [a-zéû]+\.? \d{4} – \d{1,2} [a-zéû]+\.? \d{4}/);
      // the charts' number format: decimal comma, thin-space thousands
      expect(html).toContain('"separators":", "');
    } finally {
      await app.close();
    }
  }, 60_000);

  it('answers a bad page parameter with HTTP 400 and one line naming it', async () => {
    const response = await fetch(new URL('/retail?period=fortnight', server.url));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('period: got &quot;fortnight&quot;, allowed: last_4_weeks, last_13_weeks, month_to_date, quarter_to_date, year_to_date, last_year, custom');
    const store = await fetch(new URL(`/retail?store=${encodeURIComponent('Nowhere"--')}`, server.url));
    expect(store.status).toBe(400);
    expect(await store.text()).toContain('store: got &quot;Nowhere\\&quot;--&quot;');
    const table = await fetch(new URL('/retail?download=nothing&format=csv', server.url));
    expect(table.status).toBe(400);
    expect(await table.text()).toContain('download: got &quot;nothing&quot;, allowed: a table of this page: breakdown, stock, over-time');
  }, 60_000);
});
