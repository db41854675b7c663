import { axisLabel, baseLayout, palette, valueFormat } from './theme.js';
import { finiteOrNull, isoDay } from './dates.js';
import type { ChartOptions, Figure } from './types.js';

/** One period of a KPI: its start, its value, and the value of the comparison period (a year or a period before). */
export interface KpiPoint {
  ds: string | Date;
  value: number | null;
  previous?: number | null;
}

/** Options of {@link kpiChart}. */
export interface KpiChartOptions extends ChartOptions {
  /** Name of the KPI, for the y axis and the legend; default `'Value'`. */
  kpi?: string;
  /** Legend of the comparison line; default `'Previous period'`. */
  comparisonLabel?: string;
}

/**
 * A KPI over time with its comparison period: the current values as a solid
 * line, the comparison period (same x, previous values) dashed grey. The
 * comparison trace is left out when no point has a `previous`. Missing values
 * (null, NaN) leave gaps. Points are drawn in date order.
 *
 * Business meaning: "is revenue above last year's for the same weeks?"
 *
 * @example
 * kpiChart([{ ds: '2024-01-01', value: 1200, previous: 1000 }], { kpi: 'Revenue', unit: '€' }).data.length; // => 2
 */
export function kpiChart(points: readonly KpiPoint[], options: KpiChartOptions = {}): Figure {
  const kpi = options.kpi ?? 'Value';
  const rows = points
    .map((p) => ({ ds: isoDay(p.ds), value: finiteOrNull(p.value), previous: finiteOrNull(p.previous) }))
    .sort((a, b) => (a.ds < b.ds ? -1 : a.ds > b.ds ? 1 : 0));
  const x = rows.map((r) => r.ds);
  const format = valueFormat(options.unit);
  const suffix = options.unit ? ` ${options.unit}` : '';
  const data: Figure['data'] = [
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: kpi,
      x,
      y: rows.map((r) => r.value),
      line: { color: palette.primary, width: 2.5 },
      marker: { size: 5 },
      hovertemplate: `%{y:${format}}${suffix}<extra>${kpi}</extra>`,
    },
  ];
  if (rows.some((r) => r.previous !== null)) {
    const label = options.comparisonLabel ?? 'Previous period';
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: label,
      x,
      y: rows.map((r) => r.previous),
      line: { color: palette.comparison, width: 2, dash: 'dash' },
      hovertemplate: `%{y:${format}}${suffix}<extra>${label}</extra>`,
    });
  }
  const layout = baseLayout(options.title ?? kpi, options, {
    x: { type: 'date', title: { text: 'Period' } },
    y: { title: { text: axisLabel(kpi, options.unit) }, tickformat: format, rangemode: 'tozero' },
  });
  return { data, layout };
}
