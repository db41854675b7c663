import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatValue, openSampleWarehouse, reportData, type KpiCard } from '../../src/index.js';
import { runCli } from '../../src/cli/main.js';
import { distinctColours } from '../charts/pngPixels.js';

describe('kpicast report --out <dir> --pdf', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'kpicast-pdf-db-')), 'db');
  let cards: readonly KpiCard[] = [];
  beforeAll(async () => {
    const warehouse = await openSampleWarehouse(db);
    try {
      cards = (await reportData(warehouse)).cards;
    } finally {
      await warehouse.close();
    }
  }, 300_000);

  it('writes report.pdf beside index.html: 4 A4 pages, none blank, every chart whole, the card values the library computes', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kpicast-pdf-out-')), 'report');
    const printed: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (printed.push(String(chunk)), true));
    let code: number;
    try {
      code = await runCli(['node', 'kpicast', '--quiet', '--db', db, 'report', '--out', out, '--pdf']);
    } finally {
      process.stdout.write = write;
    }
    expect(code).toBe(0);
    const pdf = join(out, 'report.pdf');
    expect(printed.join('')).toBe(`${join(out, 'index.html')}\n${pdf}\n`);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The sample's report: 8 cards in two rows of 4, 5 charts, the missions forecast (4 rows).
    // A4 prints 1016 px of height inside the margins; header 72 px, cards 236, a section title 42,
    // charts 460 px high in their frame, the stores ranking 310, the missions leaderboard of the
    // default models and the ensemble (10 bars), the table 115. Page 1: header, cards, weekly
    // revenue (852 px; the ranking would make 1172); page 2: stores and missions forecast (790);
    // page 3: the leaderboard and the weekday heatmap; page 4: the forecast table (its section title
    // "Forecasts").
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Pages:\s+4\n/);
    const titles = ['Weekly revenue against', 'Stores by revenue', 'Missions per week: history', 'Missions: models', 'Missions by weekday', 'Forecasts'];
    const pages = [1, 2, 3, 4].map((p) => execFileSync('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-'], { encoding: 'utf8' }));
    expect(pages.map((text) => titles.filter((t) => text.includes(t)))).toEqual([
      ['Weekly revenue against'],
      ['Stores by revenue', 'Missions per week: history'],
      ['Missions: models', 'Missions by weekday'],
      ['Forecasts'],
    ]);
    expect(cards).toHaveLength(8);
    for (const card of cards) expect(pages[0], card.label).toContain(formatValue(card, card.value, 'en'));

    execFileSync('pdftoppm', ['-r', '30', '-png', pdf, join(out, 'page')]);
    const images = readdirSync(out).filter((f) => /^page-\d+\.png$/.test(f));
    expect(images).toHaveLength(4);
    for (const image of images) expect(await distinctColours(readFileSync(join(out, image))), image).toBeGreaterThan(20);
  }, 240_000);

  it('refuses --email before any work when KPICAST_SMTP_URL is not set, naming the variable', async () => {
    const saved = process.env.KPICAST_SMTP_URL;
    delete process.env.KPICAST_SMTP_URL;
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (errors.push(String(chunk)), true));
    try {
      const code = await runCli(['node', 'kpicast', '--quiet', '--db', join(tmpdir(), 'kpicast-never-opened'), 'report', '--out', join(tmpdir(), 'never'), '--email', 'boss@example.com']);
      expect(code).toBe(1);
    } finally {
      process.stderr.write = write;
      if (saved !== undefined) process.env.KPICAST_SMTP_URL = saved;
    }
    expect(errors.join('')).toMatch(/^kpicast: KPICAST_SMTP_URL: got "", allowed: smtp:\/\/user@host:port/);
  });
});
