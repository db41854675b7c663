import { OptionError } from '../errors.js';
import { axisLabel, baseLayout, palette, valueFormat } from './theme.js';
import { finiteOrNull } from './dates.js';
import type { ChartOptions, Figure } from './types.js';

/** One bar of a ranking: who (a store, a product, a dealer) and how much. */
export interface RankingItem {
  label: string;
  value: number | null;
}

/** Options of {@link rankingChart}. */
export interface RankingChartOptions extends ChartOptions {
  /** Name of the measure, for the axis; default `'Value'`. */
  measure?: string;
  /** Keep the `top` largest; default all. */
  top?: number;
  /** `'desc'` (default) puts the largest first, `'asc'` the smallest. */
  order?: 'desc' | 'asc';
}

/**
 * A ranking as horizontal bars, the first-ranked at the top. Items with a
 * missing value are left out; ties keep their input order.
 *
 * Business meaning: "which stores sold most this month?"
 *
 * @example
 * rankingChart([{ label: 'Lyon', value: 5 }, { label: 'Paris', value: 9 }]).data[0].y; // => ['Lyon', 'Paris'] (Paris on top)
 */
export function rankingChart(items: readonly RankingItem[], options: RankingChartOptions = {}): Figure {
  if (options.top !== undefined && !(Number.isInteger(options.top) && options.top > 0)) {
    throw new OptionError('top', options.top, 'a positive integer');
  }
  const order = options.order ?? 'desc';
  if (order !== 'desc' && order !== 'asc') throw new OptionError('order', order, "'desc', 'asc'");
  const sign = order === 'desc' ? -1 : 1;
  const ranked = items
    .map((item, index) => ({ label: item.label, value: finiteOrNull(item.value), index }))
    .filter((item): item is { label: string; value: number; index: number } => item.value !== null)
    .sort((a, b) => sign * (a.value - b.value) || a.index - b.index)
    .slice(0, options.top ?? items.length);
  // Plotly draws the first category at the bottom: reverse so the first-ranked is on top.
  const shown = [...ranked].reverse();
  const measure = options.measure ?? 'Value';
  const format = valueFormat(options.unit);
  const suffix = options.unit ? ` ${options.unit}` : '';
  const layout = baseLayout(options.title ?? `${measure} ranking`, options, {
    x: { title: { text: axisLabel(measure, options.unit) }, tickformat: format },
    y: { type: 'category', automargin: true },
  });
  layout.hovermode = 'closest';
  layout.showlegend = false;
  layout.height = options.height ?? Math.max(300, 80 + 28 * shown.length);
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        name: measure,
        x: shown.map((r) => r.value),
        y: shown.map((r) => r.label),
        marker: { color: palette.primary },
        text: shown.map((r) => r.value),
        texttemplate: `%{x:${format}}`,
        textposition: 'auto',
        hovertemplate: `%{y}: %{x:${format}}${suffix}<extra></extra>`,
      },
    ],
    layout,
  };
}
