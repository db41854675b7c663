import { describe, expect, it } from 'vitest';
import { kpiChart, notebookHtml, show } from '../../src/index.js';

const figure = kpiChart([{ ds: '2024-01-01', value: 1 }, { ds: '2024-01-08', value: 2 }], { kpi: 'Orders' });

describe('show(figure, { display })', () => {
  it('inlines plotly.js in the first output of the session only', () => {
    const outputs: string[] = [];
    const display = { html: (text: string) => outputs.push(text) };
    show(figure, { display });
    show(figure, { display });
    expect(outputs).toHaveLength(2);
    expect(outputs[0]).toContain('window.Plotly = Plotly');
    expect(outputs[1]).not.toContain('window.Plotly = Plotly');
    expect(outputs[1]).toContain('newPlot');
    expect(outputs[1].length).toBeLessThan(10_000); // the figure only, not the 10 MB library
  });

  it('show(figure) outside a notebook (tslab installed, no kernel) says so in one line, pointing to exportFigure', () => {
    expect(() => show(figure)).toThrow(/^show: no notebook to draw in \(this is a script\); run it in Jupyter with the tslab kernel, or write the chart with exportFigure$/);
  });

  it('gives each output its own div id', () => {
    const ids = [notebookHtml(figure), notebookHtml(figure)].map((html) => /id="([^"]+)"/.exec(html)?.[1]);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('escapes the figure JSON so a title cannot close the script', () => {
    const html = notebookHtml(kpiChart([], { title: '</script><b>x</b>' }));
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });
});
