/**
 * The shapes of kpicast's charts: plain Plotly figures (`data` + `layout`), as
 * plotly.js takes them, so a figure can be drawn in a notebook, written to HTML
 * or exported to PNG/SVG without conversion.
 */

/** Number format of a chart: French (`1 234,5`) or English (`1,234.5`). */
export type Locale = 'fr' | 'en';

/** One Plotly trace. Only the fields kpicast sets are typed; plotly.js accepts the rest as is. */
export interface Trace {
  type: 'scatter' | 'bar' | 'heatmap';
  name?: string;
  x?: Array<string | number | null>;
  y?: Array<string | number | null>;
  z?: Array<Array<number | null>>;
  mode?: 'lines' | 'markers' | 'lines+markers' | 'none';
  [key: string]: unknown;
}

/** A Plotly axis: title and number format. */
export interface Axis {
  title?: { text: string };
  tickformat?: string;
  type?: 'date' | 'linear' | 'category';
  [key: string]: unknown;
}

/** A Plotly layout: always a title and the locale's number separators. */
export interface Layout {
  title: { text: string; [key: string]: unknown };
  /** Decimal then thousands separator: `'.,'` in English, `', '` in French. */
  separators: string;
  xaxis?: Axis;
  yaxis?: Axis;
  width?: number;
  height?: number;
  [key: string]: unknown;
}

/** A chart: what `Plotly.newPlot(div, data, layout)` draws. */
export interface Figure {
  data: Trace[];
  layout: Layout;
}

/** Options every chart builder takes. */
export interface ChartOptions {
  /** Chart title; each builder has a default. */
  title?: string;
  /** Number format; default `'en'`. */
  locale?: Locale;
  /** Unit of the values, shown in the axis label and hover (`€`, `%`, `missions`). */
  unit?: string;
  /** Size in pixels when drawn; default: the container's width, 450 high. */
  width?: number;
  height?: number;
}
