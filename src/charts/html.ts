import { plotlySource } from './plotlySource.js';
import type { Figure } from './types.js';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON safe to put inside a `<script>` element (no `</script>` or `<!--` can close it). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Plotly's config for kpicast charts: responsive, no logo, no link to the cloud. */
export const plotConfig = { responsive: true, displaylogo: false, showLink: false } as const;

/**
 * A `<div>` and the `<script>` that draws `figure` into it with plotly.js, which
 * must be loaded on the page before the script runs (or arrive later: the
 * script waits for `window.Plotly`).
 */
export function plotDiv(figure: Figure, id: string): string {
  return (
    `<div id="${escapeHtml(id)}" class="kpicast-chart"></div>\n` +
    `<script>(function(){var f=${scriptJson(figure)};var c=${scriptJson(plotConfig)};` +
    `function draw(){window.Plotly.newPlot(${scriptJson(id)},f.data,f.layout,c);}` +
    `if(window.Plotly){draw();}else{var n=0,t=setInterval(function(){if(window.Plotly||++n>200){clearInterval(t);if(window.Plotly)draw();}},50);}})();</script>`
  );
}

/**
 * A standalone HTML page drawing one or several figures, with plotly.js inlined
 * (about 10 MB): it opens offline, from a file, with no server.
 *
 * @example
 * figureHtml(kpiChart(points)).startsWith('<!DOCTYPE html>'); // => true
 */
export function figureHtml(figures: Figure | readonly Figure[], options: { title?: string } = {}): string {
  const list = Array.isArray(figures) ? (figures as readonly Figure[]) : [figures as Figure];
  const title = options.title ?? list[0]?.layout.title.text ?? 'kpicast chart';
  const divs = list.map((figure, i) => plotDiv(figure, `kpicast-chart-${i + 1}`)).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>body{font-family:Helvetica,Arial,sans-serif;margin:16px;background:#fff}.kpicast-chart{margin-bottom:24px}</style>
<script>${plotlySource()}</script>
</head>
<body>
${divs}
</body>
</html>
`;
}
