import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { KpicastError } from '../errors.js';
import { plotDiv } from './html.js';
import { plotlySource } from './plotlySource.js';
import type { Figure } from './types.js';

/** Where `show` sends HTML: tslab's `display`, or anything with an `html(text)` method. */
export interface HtmlDisplay {
  html(text: string): void;
}

let libraryShown = false;

/**
 * The HTML `show` displays for `figure`: the chart's div and script, preceded by
 * plotly.js inlined when `includeLibrary`. A fresh random div id each call, so
 * two outputs never collide on a page.
 */
export function notebookHtml(figure: Figure, options: { includeLibrary?: boolean } = {}): string {
  const div = plotDiv(figure, `kpicast-${randomUUID()}`);
  if (!options.includeLibrary) return div;
  return `<script>${plotlySource()}</script>\n${div}`;
}

function tslabDisplay(): HtmlDisplay {
  try {
    const tslab = createRequire(import.meta.url)('tslab') as { display: HtmlDisplay };
    return tslab.display;
  } catch {
    throw new KpicastError('show: tslab not found; run it in a Jupyter notebook with the tslab kernel (`npx tslab install --python=/usr/bin/python3`)');
  }
}

/**
 * Draws `figure` interactively in a Jupyter notebook (tslab kernel). plotly.js
 * comes from the plotly.js-dist package, inlined in the first chart's output of
 * the session (about 10 MB, once), so the notebook works offline; later charts
 * reuse it. Pass `{ display }` to send the HTML elsewhere, `{ includeLibrary: true }`
 * to inline the library again (e.g. after clearing outputs).
 *
 * @example
 * show(kpiChart(points)); // an interactive chart under the cell
 */
export function show(figure: Figure, options: { display?: HtmlDisplay; includeLibrary?: boolean } = {}): void {
  const display = options.display ?? tslabDisplay();
  const includeLibrary = options.includeLibrary ?? !libraryShown;
  try {
    display.html(notebookHtml(figure, { includeLibrary }));
  } catch (error) {
    // tslab is installed but this is no notebook (a script): its display throws "Not ready"
    if (options.display || !/not ready/i.test((error as Error).message)) throw error;
    throw new KpicastError('show: no notebook to draw in (this is a script); run it in Jupyter with the tslab kernel, or write the chart with exportFigure');
  }
  if (includeLibrary) libraryShown = true;
}
