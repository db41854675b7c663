import { OptionError } from '../errors.js';
import type { Axis, ChartOptions, Layout, Locale } from './types.js';

/** kpicast's palette: the series colour first, then the comparison and band colours. */
export const palette = {
  primary: '#1f5fa8',
  secondary: '#e07b1f',
  comparison: '#8c8c8c',
  fit: '#2ca02c',
  band80: 'rgba(31, 95, 168, 0.30)',
  band95: 'rgba(31, 95, 168, 0.15)',
  good: '#1a7f37',
  bad: '#c62828',
  text: '#222222',
  grid: '#e5e5e5',
} as const;

/**
 * Plotly's `separators` for a locale: decimal mark then thousands mark.
 *
 * @example
 * separatorsFor('fr'); // => ', '  (1 234,5)
 * separatorsFor('en'); // => '.,'  (1,234.5)
 */
export function separatorsFor(locale: Locale): string {
  if (locale === 'fr') return ', ';
  if (locale === 'en') return '.,';
  throw new OptionError('locale', locale, "'fr', 'en'");
}

/**
 * An axis label with its unit in brackets, or alone when there is no unit.
 *
 * @example
 * axisLabel('Revenue', '€'); // => 'Revenue (€)'
 */
export function axisLabel(label: string, unit?: string): string {
  return unit ? `${label} (${unit})` : label;
}

/** The d3 number format of values in a given unit: a percentage keeps one decimal, the rest use thousands separators. */
export function valueFormat(unit?: string): string {
  return unit === '%' ? ',.1f' : ',.0f';
}

/** Checks a size option: a positive integer or absent. */
export function checkSize(option: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
    throw new OptionError(option, value, 'a positive integer of pixels');
  }
}

/**
 * The layout every kpicast chart starts from: title, font, white background,
 * the locale's separators, a light grid, the legend below the plot.
 */
export function baseLayout(title: string, options: ChartOptions, axes: { x?: Axis; y?: Axis } = {}): Layout {
  checkSize('width', options.width);
  checkSize('height', options.height);
  const layout: Layout = {
    title: { text: title, x: 0.02, xanchor: 'left', font: { size: 18 } },
    separators: separatorsFor(options.locale ?? 'en'),
    font: { family: 'Helvetica, Arial, sans-serif', size: 13, color: palette.text },
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    margin: { l: 70, r: 30, t: 60, b: 60 },
    legend: { orientation: 'h', x: 0, y: -0.18 },
    hovermode: 'x unified',
    xaxis: { gridcolor: palette.grid, zeroline: false, automargin: true, ...axes.x },
    yaxis: { gridcolor: palette.grid, zeroline: false, automargin: true, ...axes.y },
    height: options.height ?? 450,
  };
  if (options.width !== undefined) layout.width = options.width;
  return layout;
}
