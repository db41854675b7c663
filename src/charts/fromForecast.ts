import type pl from 'nodejs-polars';
import { OptionError } from '../errors.js';
import type { ForecastResult } from '../forecast/engine.js';
import type { FanChartInput, ForecastPoint, SeriesPoint } from './fanChart.js';
import type { LeaderboardEntry } from './leaderboardChart.js';

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * What a fan chart of one series needs, from the long history frame
 * (`unique_id`, `ds`, `y`) the forecast was made on and the forecast result:
 * the history, the selected model's backtest forecasts (window after window, on
 * the dates they predicted) and its forecast with the 80 % and 95 % bounds.
 *
 * @example
 * fanChart(fanChartInput(history, result, 'missions'), { model: 'ETS' });
 */
export function fanChartInput(history: pl.DataFrame, result: ForecastResult, id: string): FanChartInput {
  const historyRows = (history.toRecords() as Row[]).filter((r) => r.unique_id === id);
  if (historyRows.length === 0) throw new OptionError('fanChartInput id', id, 'a unique_id of the history frame');
  const points: SeriesPoint[] = historyRows.map((r) => ({ ds: String(r.ds), y: num(r.y) }));
  const forecast: ForecastPoint[] = (result.best.toRecords() as Row[])
    .filter((r) => r.unique_id === id)
    .map((r) => ({ ds: String(r.ds), mean: Number(r.mean), lo80: num(r['lo-80']), hi80: num(r['hi-80']), lo95: num(r['lo-95']), hi95: num(r['hi-95']) }));
  const fitted: SeriesPoint[] = [];
  const outcome = result.outcomes.find((o) => o.id === id);
  const chosen = outcome?.outcomes.find((m) => m.model === outcome.selected);
  if (outcome && chosen && outcome.cutoffs.length > 0) {
    const h = chosen.backtest.length / outcome.cutoffs.length;
    outcome.cutoffs.forEach((cutoff, w) => {
      for (let i = 0; i < h; i++) {
        const at = historyRows[cutoff + i];
        if (at) fitted.push({ ds: String(at.ds), y: num(chosen.backtest[w * h + i]) });
      }
    });
  }
  return { history: points, fitted, forecast };
}

/**
 * The models' backtest errors for a leaderboard chart: of one series (`id`), or
 * averaged over all series (the `overall` table) when `id` is omitted. `metric`
 * defaults to `mape` (in percent).
 *
 * @example
 * leaderboardChart(leaderboardEntries(result, 'missions'));
 */
export function leaderboardEntries(result: ForecastResult, id?: string, metric = 'mape'): LeaderboardEntry[] {
  const rows = id === undefined ? (result.overall.toRecords() as Row[]) : (result.leaderboard.toRecords() as Row[]).filter((r) => r.unique_id === id);
  return rows.map((r) => ({ model: String(r.model), error: num(r[metric]) }));
}
