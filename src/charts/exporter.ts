import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { KpicastError, OptionError } from '../errors.js';
import { figureHtml } from './html.js';
import { plotlyPath } from './plotlySource.js';
import type { Figure } from './types.js';

/** File formats a figure exports to. */
export type ExportFormat = 'png' | 'svg' | 'html';

/** Size of an exported image: CSS pixels, and `scale` for the pixel density (2 = retina). */
export interface ImageSize {
  /** Default: the figure's layout width, else 900. */
  width?: number;
  /** Default: the figure's layout height, else 450. */
  height?: number;
  /** Default 1; a PNG is `width × scale` pixels wide. */
  scale?: number;
}

/** One export of a batch: which figure, to which file (format from the extension unless given). */
export interface ExportJob extends ImageSize {
  figure: Figure;
  file: string;
  format?: ExportFormat;
}

/** A browser kept open to export many figures; `close()` it when done. */
export interface Exporter {
  /** The figure as PNG bytes, SVG text or standalone HTML text. */
  render(figure: Figure, format: ExportFormat, size?: ImageSize): Promise<Buffer | string>;
  /** Writes each job's file (creating folders) and returns the paths, in job order. */
  exportMany(jobs: readonly ExportJob[]): Promise<string[]>;
  /** A fresh page of the same browser (started on first use), for printing a report to PDF; close it after use. */
  newPage(): Promise<import('playwright-core').Page>;
  close(): Promise<void>;
}

/** Launch arguments for Chromium in a container or CI (no sandbox, no GPU, no background traffic). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Where kpicast looks for a browser, in order: `$KPICAST_CHROMIUM`, then Debian's and other usual paths. */
export function chromiumCandidates(): string[] {
  return [
    process.env.KPICAST_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ].filter((p): p is string => Boolean(p));
}

/**
 * The Chromium executable to drive: `executablePath` if given, else the first
 * of {@link chromiumCandidates} that exists. Throws one clear error naming the
 * Debian package when there is none.
 */
export function findChromium(executablePath?: string): string {
  if (executablePath) {
    if (!existsSync(executablePath)) throw new KpicastError(`findChromium: no browser at ${executablePath}; install one with \`apt-get install chromium\``);
    return executablePath;
  }
  const found = chromiumCandidates().find((p) => existsSync(p));
  if (!found) {
    throw new KpicastError(
      `findChromium: no Chromium found (looked at ${chromiumCandidates().join(', ')}); install it with \`apt-get install chromium\` or set KPICAST_CHROMIUM`,
    );
  }
  return found;
}

/** The export format of a file name from its extension: `.png`, `.svg` or `.html`. */
export function formatOf(file: string): ExportFormat {
  const ext = extname(file).slice(1).toLowerCase();
  if (ext === 'png' || ext === 'svg' || ext === 'html') return ext;
  if (ext === 'htm') return 'html';
  throw new OptionError('out', file, 'a file ending in .png, .svg or .html');
}

function checkSize(size: ImageSize): void {
  for (const key of ['width', 'height'] as const) {
    const v = size[key];
    if (v !== undefined && !(Number.isInteger(v) && v > 0 && v <= 10_000)) throw new OptionError(key, v, 'an integer from 1 to 10000 pixels');
  }
  if (size.scale !== undefined && !(size.scale > 0 && size.scale <= 8)) throw new OptionError('scale', size.scale, 'a number in (0, 8]');
}

/**
 * Opens one headless Chromium (through playwright-core; never downloads one)
 * with plotly.js loaded once, to export a batch of figures. Starting the
 * browser costs about 1-3 s; each image after that about 0.1-0.5 s.
 * HTML exports need no browser: the browser starts on the first image.
 *
 * @example
 * const exporter = await createExporter();
 * await exporter.exportMany([{ figure, file: 'out/revenue.png', width: 900, height: 450, scale: 2 }]);
 * await exporter.close();
 */
// eslint-disable-next-line @typescript-eslint/require-await -- async by contract: the browser starts on first use, and a missing Chromium must reject, not throw synchronously
export async function createExporter(options: { executablePath?: string } = {}): Promise<Exporter> {
  const executablePath = findChromium(options.executablePath);
  type Page = import('playwright-core').Page;
  type Browser = import('playwright-core').Browser;
  let browser: Browser | undefined;
  let page: Promise<Page> | undefined;

  const openPage = (): Promise<Page> => {
    page ??= (async () => {
      const { chromium } = await import('playwright-core');
      try {
        browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
      } catch (error) {
        const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
        throw new KpicastError(`createExporter: could not start ${executablePath}: ${first}; reinstall it with \`apt-get install chromium\``);
      }
      const p = await browser.newPage();
      await p.setContent('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body></body></html>');
      await p.addScriptTag({ path: plotlyPath() });
      return p;
    })();
    return page;
  };

  async function render(figure: Figure, format: ExportFormat, size: ImageSize = {}): Promise<Buffer | string> {
    checkSize(size);
    if (format === 'html') return figureHtml(figure);
    if (format !== 'png' && format !== 'svg') throw new OptionError('format', format, "'png', 'svg', 'html'");
    const p = await openPage();
    const width = size.width ?? figure.layout.width ?? 900;
    const height = size.height ?? figure.layout.height ?? 450;
    const scale = size.scale ?? 1;
    const url = await p.evaluate(
      async ({ fig, opts }) => {
        const plotly = (globalThis as unknown as { Plotly: { toImage(f: unknown, o: unknown): Promise<string> } }).Plotly;
        return plotly.toImage(fig, opts);
      },
      { fig: { data: figure.data, layout: { ...figure.layout, width, height } }, opts: { format, width, height, scale } },
    );
    const comma = url.indexOf(',');
    const header = url.slice(0, comma);
    const body = url.slice(comma + 1);
    if (format === 'png') return Buffer.from(body, 'base64');
    return header.endsWith(';base64') ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
  }

  return {
    render,
    async exportMany(jobs) {
      const written: string[] = [];
      for (const job of jobs) {
        const format = job.format ?? formatOf(job.file);
        const content = await render(job.figure, format, job);
        await mkdir(dirname(job.file), { recursive: true });
        await writeFile(job.file, content);
        written.push(job.file);
      }
      return written;
    },
    async newPage() {
      await openPage();
      return browser!.newPage();
    },
    async close() {
      const b = browser;
      browser = undefined;
      page = undefined;
      if (b) await b.close();
    },
  };
}

/**
 * Exports one figure to `file` (`.png`, `.svg` or `.html`), starting and closing
 * a browser for it. For several figures, use {@link createExporter} once.
 *
 * @example
 * await exportFigure(fanChart(input), 'missions.png', { width: 1000, height: 500, scale: 2 }); // => 'missions.png'
 */
export async function exportFigure(figure: Figure, file: string, size: ImageSize & { format?: ExportFormat } = {}): Promise<string> {
  const format = size.format ?? formatOf(file);
  if (format === 'html') {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, figureHtml(figure));
    return file;
  }
  const exporter = await createExporter();
  try {
    const [written] = await exporter.exportMany([{ ...size, figure, file, format }]);
    return written;
  } finally {
    await exporter.close();
  }
}
