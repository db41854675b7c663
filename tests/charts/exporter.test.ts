import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExporter, fanChart, figureHtml, findChromium, formatOf, kpiChart, type Exporter } from '../../src/index.js';
import { distinctColours, pngSignature, pngSize } from './pngPixels.js';

const figure = fanChart(
  {
    history: Array.from({ length: 20 }, (_, i) => ({ ds: new Date(Date.UTC(2024, 0, 1 + 7 * i)), y: 100 + 10 * Math.sin(i) })),
    forecast: Array.from({ length: 4 }, (_, i) => ({ ds: new Date(Date.UTC(2024, 0, 141 + 7 * i)), mean: 100, lo80: 90, hi80: 110, lo95: 85, hi95: 115 })),
  },
  { series: 'Missions', unit: 'missions', locale: 'fr' },
);

describe('createExporter()', () => {
  let exporter: Exporter;
  const dir = mkdtempSync(join(tmpdir(), 'kpicast-export-'));
  beforeAll(async () => {
    exporter = await createExporter();
  });
  afterAll(async () => {
    await exporter.close();
  });

  it('exportMany writes a real PNG of the chart at width × scale pixels, and an SVG, with one browser', async () => {
    const [png, svg] = await exporter.exportMany([
      { figure, file: join(dir, 'fan.png'), width: 640, height: 320, scale: 2 },
      { figure: kpiChart([{ ds: '2024-01-01', value: 1234567 }, { ds: '2024-01-08', value: 1500000 }], { kpi: 'Revenue', unit: '€', locale: 'fr' }), file: join(dir, 'kpi.svg') },
    ]);
    const bytes = readFileSync(png);
    expect(bytes.subarray(0, 8).equals(pngSignature)).toBe(true);
    expect(pngSize(bytes)).toEqual({ width: 1280, height: 640 });
    // a chart has axes, text, lines and bands: far more than a handful of colours
    expect(await distinctColours(bytes)).toBeGreaterThan(50);
    const text = readFileSync(svg, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('Revenue (€)');
    expect(text).toContain('>1 000 000<'); // a y tick with the French thousands separator (layout.separators = ', ')
  });

  it('render gives standalone HTML with plotly.js inlined', async () => {
    const html = (await exporter.render(figure, 'html')) as string;
    expect(html).toContain('window.Plotly = Plotly');
    expect(html).toContain('"Missions (missions)"');
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it('rejects a bad size naming the option', async () => {
    await expect(exporter.render(figure, 'png', { width: -5 })).rejects.toThrow(/width: got -5/);
  });
});

describe('findChromium(path) and formatOf(file)', () => {
  it('names the Debian package when no browser is there', () => {
    expect(() => findChromium('/nonexistent/chromium')).toThrow(/apt-get install chromium/);
  });
  it('takes the format from the extension', () => {
    expect(formatOf('a/b.PNG')).toBe('png');
    expect(() => formatOf('chart.pdf')).toThrow(/out: got "chart.pdf", allowed: a file ending in .png, .svg or .html/);
  });
  it('figureHtml draws several figures on one page', () => {
    const html = figureHtml([figure, figure], { title: 'Two' });
    expect(html.match(/class="kpicast-chart"/g)).toHaveLength(2);
    expect(html).toContain('<title>Two</title>');
  });
});
