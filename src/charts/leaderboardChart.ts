import { axisLabel, baseLayout, palette } from './theme.js';
import { finiteOrNull } from './dates.js';
import type { ChartOptions, Figure } from './types.js';

/** One model's backtest error. */
export interface LeaderboardEntry {
  model: string;
  error: number | null;
}

/** Options of {@link leaderboardChart}. */
export interface LeaderboardChartOptions extends ChartOptions {
  /** Name of the error metric; default `'MAPE'` (unit `%` by default too). */
  metric?: string;
}

/**
 * A model leaderboard: one bar per model, lowest error (the best) on top and
 * coloured green, the others blue. Models whose error is missing (the model
 * failed on every window) are listed last with no bar.
 *
 * Business meaning: "which forecasting method was most accurate on the past weeks?"
 *
 * @example
 * leaderboardChart([{ model: 'naive', error: 12 }, { model: 'ets', error: 8 }]).data[0].y; // => ['naive', 'ets'] (ets on top)
 */
export function leaderboardChart(entries: readonly LeaderboardEntry[], options: LeaderboardChartOptions = {}): Figure {
  const metric = options.metric ?? 'MAPE';
  const unit = options.unit ?? (metric === 'MAPE' ? '%' : undefined);
  const ranked = entries
    .map((e, index) => ({ model: e.model, error: finiteOrNull(e.error), index }))
    .sort((a, b) => {
      if (a.error === null || b.error === null) return (a.error === null ? 1 : 0) - (b.error === null ? 1 : 0) || a.index - b.index;
      return a.error - b.error || a.index - b.index;
    });
  const bestIndex = ranked.length > 0 && ranked[0].error !== null ? 0 : -1;
  const shown = [...ranked].reverse();
  const colors = shown.map((_, i) => (shown.length - 1 - i === bestIndex ? palette.good : palette.primary));
  const suffix = unit ? ` ${unit}` : '';
  const layout = baseLayout(options.title ?? `Model leaderboard (${metric})`, options, {
    x: { title: { text: axisLabel(`Backtest ${metric}`, unit) }, tickformat: ',.1f', rangemode: 'tozero' },
    y: { type: 'category' },
  });
  layout.hovermode = 'closest';
  layout.showlegend = false;
  layout.height = options.height ?? Math.max(300, 80 + 32 * shown.length);
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        name: metric,
        x: shown.map((r) => r.error),
        y: shown.map((r) => r.model),
        marker: { color: colors },
        texttemplate: '%{x:,.1f}',
        textposition: 'auto',
        hovertemplate: `%{y}: %{x:,.2f}${suffix}<extra></extra>`,
      },
    ],
    layout,
  };
}
