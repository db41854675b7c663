import { axisLabel, baseLayout, palette, valueFormat } from './theme.js';
import { finiteOrNull, isoDay } from './dates.js';
import type { ChartOptions, Figure, Trace } from './types.js';

/** One observed (or fitted) value of a series. */
export interface SeriesPoint {
  ds: string | Date;
  y: number | null;
}

/** One forecast step: the mean and, when known, the 80 % and 95 % interval bounds. */
export interface ForecastPoint {
  ds: string | Date;
  mean: number;
  lo80?: number | null;
  hi80?: number | null;
  lo95?: number | null;
  hi95?: number | null;
}

/** What a fan chart shows: the history, optionally the backtest fit, and the forecast. */
export interface FanChartInput {
  history: readonly SeriesPoint[];
  /** Values the chosen model predicted on the backtest windows (or in-sample), drawn over the history. */
  fitted?: readonly SeriesPoint[];
  forecast: readonly ForecastPoint[];
}

/** Options of {@link fanChart}. */
export interface FanChartOptions extends ChartOptions {
  /** Name of the series, for the y axis; default `'Value'`. */
  series?: string;
  /** The model that made the forecast, shown in the legend (`'ETS'`). */
  model?: string;
}

const byDay = (a: { ds: string }, b: { ds: string }) => (a.ds < b.ds ? -1 : a.ds > b.ds ? 1 : 0);

function band(name: string, color: string, rows: Array<{ ds: string; lo: number | null; hi: number | null }>): Trace | undefined {
  const kept = rows.filter((r) => r.lo !== null && r.hi !== null);
  if (kept.length === 0) return undefined;
  return {
    type: 'scatter',
    mode: 'lines',
    name,
    // a closed polygon: upper bound left to right, lower bound back
    x: [...kept.map((r) => r.ds), ...kept.map((r) => r.ds).reverse()],
    y: [...kept.map((r) => r.hi), ...kept.map((r) => r.lo).reverse()],
    fill: 'toself',
    fillcolor: color,
    line: { width: 0, color },
    hoverinfo: 'skip',
  };
}

/**
 * A forecast fan chart: the history as a line, the backtest fit dashed, the
 * forecast mean, and the 80 % and 95 % prediction intervals as shaded bands
 * (darker = 80 %). Traces, back to front: 95 % band, 80 % band, history, fit
 * (when given), forecast mean; a band is left out when no step has its bounds.
 *
 * Business meaning: "how many missions next 4 weeks, and how sure are we?"
 *
 * @example
 * fanChart({ history: [{ ds: '2024-01-01', y: 10 }],
 *            forecast: [{ ds: '2024-01-08', mean: 11, lo80: 9, hi80: 13, lo95: 8, hi95: 14 }] }).data.length; // => 4
 */
export function fanChart(input: FanChartInput, options: FanChartOptions = {}): Figure {
  const history = input.history.map((p) => ({ ds: isoDay(p.ds), y: finiteOrNull(p.y) })).sort(byDay);
  const fitted = (input.fitted ?? []).map((p) => ({ ds: isoDay(p.ds), y: finiteOrNull(p.y) })).sort(byDay);
  const forecast = input.forecast
    .map((p) => ({
      ds: isoDay(p.ds),
      mean: finiteOrNull(p.mean),
      lo80: finiteOrNull(p.lo80),
      hi80: finiteOrNull(p.hi80),
      lo95: finiteOrNull(p.lo95),
      hi95: finiteOrNull(p.hi95),
    }))
    .sort(byDay);
  const series = options.series ?? 'Value';
  const format = valueFormat(options.unit);
  const suffix = options.unit ? ` ${options.unit}` : '';
  const data: Trace[] = [];
  const b95 = band('95 % interval', palette.band95, forecast.map((r) => ({ ds: r.ds, lo: r.lo95, hi: r.hi95 })));
  const b80 = band('80 % interval', palette.band80, forecast.map((r) => ({ ds: r.ds, lo: r.lo80, hi: r.hi80 })));
  if (b95) data.push(b95);
  if (b80) data.push(b80);
  data.push({
    type: 'scatter',
    mode: 'lines',
    name: 'History',
    x: history.map((r) => r.ds),
    y: history.map((r) => r.y),
    line: { color: palette.text, width: 2 },
    hovertemplate: `%{y:${format}}${suffix}<extra>History</extra>`,
  });
  if (fitted.length > 0) {
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: 'Backtest fit',
      x: fitted.map((r) => r.ds),
      y: fitted.map((r) => r.y),
      line: { color: palette.fit, width: 1.5, dash: 'dot' },
      hovertemplate: `%{y:${format}}${suffix}<extra>Backtest fit</extra>`,
    });
  }
  const meanName = options.model ? `Forecast (${options.model})` : 'Forecast';
  data.push({
    type: 'scatter',
    mode: 'lines+markers',
    name: meanName,
    x: forecast.map((r) => r.ds),
    y: forecast.map((r) => r.mean),
    line: { color: palette.primary, width: 2.5 },
    marker: { size: 6 },
    hovertemplate: `%{y:${format}}${suffix}<extra>${meanName}</extra>`,
  });
  const layout = baseLayout(options.title ?? `${series}: forecast`, options, {
    x: { type: 'date', title: { text: 'Period' } },
    y: { title: { text: axisLabel(series, options.unit) }, tickformat: format },
  });
  return { data, layout };
}
