import { retail } from '../../analysis/models/retail.js';
import { series } from '../../analysis/series.js';
import { fanChart, type FanChartInput } from '../../charts/fanChart.js';
import { fanChartInput } from '../../charts/fromForecast.js';
import { leaderboardChart } from '../../charts/leaderboardChart.js';
import { forecast } from '../../forecast/engine.js';
import { missionsForecast, type ForecastRun } from '../../report/reportData.js';
import { storedForecasts } from '../reads.js';
import { chartPanel, controlsForm, escapeHtml, formatCell, formatTimestamp, type PageTable } from './html.js';
import type { Block, Page } from './page.js';
import { member } from './state.js';
import { scalarText } from '../../util/text.js';

/** What the forecasts page shows of a series' run, as plain values (cached). */
interface SeriesDetail {
  fan: FanChartInput;
  leaderboard: Record<string, unknown>[];
  selected: { model: string; metric: string; error: number | null; note: string | null } | null;
}

/**
 * The run behind a stored series, made again the way the main job made it: `missions` (weekly
 * missions up to the last settled day) or `revenue/<store>/<category>` (weekly revenue of one
 * store and category). Other ids (a pipeline's own series) have no detail.
 */
async function runOf(warehouse: Parameters<typeof missionsForecast>[0], id: string): Promise<{ run: ForecastRun; inner: string } | undefined> {
  if (id === 'missions') return { run: await missionsForecast(warehouse), inner: 'missions' };
  const parts = id.split('/');
  if (parts.length === 3 && parts[0] === 'revenue') {
    const history = await series(warehouse, retail, 'revenue', { grain: 'week', by: ['store', 'category'], filters: { store: parts[1], category: parts[2] } });
    if (history.height === 0) return undefined;
    return { run: { history, result: await forecast(history, { h: 4, parallel: false }) }, inner: `${parts[1]}/${parts[2]}` };
  }
  return undefined;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Forecasts: pick a stored series; its fan chart (history, the chosen model's backtest
 * forecasts, the next 4 weeks with 80 % and 95 % intervals), the leaderboard of models by
 * backtest error, and the chosen model with its error (WAPE where MAPE is undefined, and said so).
 */
export const forecastsPage: Page = async ({ ctx, query, path, locale }) => {
  const all = await ctx.cached(JSON.stringify(['forecasts', []]), () => storedForecasts(ctx.warehouse, {}));
  const ids = [...new Set(all.map((r) => String(r.unique_id)))];
  if (ids.length === 0) {
    return { title: 'Forecasts', lead: 'No forecast stored yet: npm start (kpicast run) backtests and stores them.', blocks: [] };
  }
  const id = member(query, 'series', ids) ?? (ids.includes('missions') ? 'missions' : ids[0]);
  const stored = all.filter((r) => r.unique_id === id);
  const form = controlsForm(path, [{ name: 'series', label: 'Series', value: id, options: ids.map((s) => ({ value: s, label: s })) }]);
  const first = stored[0];
  const mape = num(first.backtest_mape);
  const metric = scalarText(first.backtest_metric ?? 'mape');
  const error = num(first.backtest_error);
  const errorText =
    mape !== null
      ? `backtest MAPE ${formatCell(mape, 'decimal', locale)} %`
      : error !== null
        ? `backtest ${metric.toUpperCase()} ${formatCell(error, 'decimal', locale)}${metric === 'wape' ? ' %' : ''}: MAPE is undefined for this series (it has weeks at zero), so the model was chosen by ${metric.toUpperCase()}`
        : 'no backtest error (too short a history)';

  const detail = await ctx.cached(JSON.stringify(['forecast-detail', id]), async (): Promise<SeriesDetail | null> => {
    const made = await runOf(ctx.warehouse, id);
    if (!made) return null;
    const { run, inner } = made;
    const fan = fanChartInput(run.history, run.result, inner);
    const leaderboard = (run.result.leaderboard.toRecords() as Record<string, unknown>[])
      .filter((r) => r.unique_id === inner)
      .map((r) => ({ model: r.model, rank: r.rank, mape: num(r.mape), wape: num(r.wape), smape: num(r.smape), mase: num(r.mase), rmse: num(r.rmse), 'coverage-80': num(r['coverage-80']), 'coverage-95': num(r['coverage-95']) }))
      .sort((a, b) => Number(a.rank ?? 1e9) - Number(b.rank ?? 1e9));
    const sel = (run.result.selected.toRecords() as Record<string, unknown>[]).find((r) => r.unique_id === inner);
    return {
      fan,
      leaderboard,
      selected: sel ? { model: String(sel.model), metric: String(sel.metric), error: num(sel.error), note: sel.note === null || sel.note === undefined ? null : scalarText(sel.note) } : null,
    };
  });

  const blocks: Block[] = [form];
  blocks.push(
    `<section class="panel" aria-labelledby="h-chosen"><h2 id="h-chosen">Chosen model: <span data-model="${escapeHtml(String(first.model))}">${escapeHtml(String(first.model))}</span></h2>` +
      `<p data-metric="${escapeHtml(metric)}">${escapeHtml(errorText)}.</p>` +
      `<p class="note">Stored by the run of ${escapeHtml(formatTimestamp(first.run_at, locale))}; the backtest is rolling-origin (3 windows of 4 weeks), each model scored on weeks it had not seen.</p></section>`,
  );
  const forecastPoints = stored.map((r) => ({ ds: String(r.ds), mean: Number(r.mean), lo80: num(r.lo_80), hi80: num(r.hi_80), lo95: num(r.lo_95), hi95: num(r.hi_95) }));
  const fan = fanChart(
    { history: (detail?.fan.history ?? []).slice(-52), fitted: detail?.fan.fitted, forecast: forecastPoints },
    { series: id, model: String(first.model), locale, unit: id.startsWith('revenue/') ? '€' : undefined, title: `${id}: history, backtest and the next ${stored.length} weeks` },
  );
  const table: PageTable = {
    id: 'forecast',
    title: 'Forecast',
    note: 'As stored in the warehouse table forecasts (what /api/forecasts returns).',
    columns: [
      { name: 'ds', label: 'Week of', format: 'day' },
      { name: 'mean', label: 'Forecast', format: 'decimal' },
      { name: 'lo_80', label: '80 % low', format: 'decimal' },
      { name: 'hi_80', label: '80 % high', format: 'decimal' },
      { name: 'lo_95', label: '95 % low', format: 'decimal' },
      { name: 'hi_95', label: '95 % high', format: 'decimal' },
    ],
    rows: stored,
  };
  blocks.push({ pair: [chartPanel('forecast-fan', fan), table] });
  if (detail) {
    const useWape = detail.leaderboard.every((r) => r.mape === null);
    const board = leaderboardChart(
      detail.leaderboard.map((r) => ({ model: String(r.model), error: (useWape ? r.wape : r.mape) as number | null })),
      { metric: useWape ? 'WAPE' : 'MAPE', unit: '%', locale, title: `Models by backtest ${useWape ? 'WAPE (MAPE undefined: zeros)' : 'MAPE'}` },
    );
    blocks.push({
      pair: [
        chartPanel('forecast-leaderboard', board),
        {
          id: 'leaderboard',
          title: 'Leaderboard',
          note: 'Backtest errors of every model on this series, best first; MAPE is blank where the series has zeros (WAPE then ranks).',
          columns: [
            { name: 'model', label: 'Model' },
            { name: 'rank', label: 'Rank', format: 'integer' },
            { name: 'mape', label: 'MAPE %', format: 'decimal' },
            { name: 'wape', label: 'WAPE %', format: 'decimal' },
            { name: 'smape', label: 'sMAPE %', format: 'decimal' },
            { name: 'mase', label: 'MASE', format: 'decimal' },
            { name: 'rmse', label: 'RMSE', format: 'decimal' },
            { name: 'coverage-80', label: '80 % coverage', format: 'decimal' },
            { name: 'coverage-95', label: '95 % coverage', format: 'decimal' },
          ],
          rows: detail.leaderboard,
        },
      ],
    });
  } else {
    blocks.push('<p class="empty">This series was not made by the main job: no backtest detail to show.</p>');
  }
  return {
    title: 'Forecasts',
    lead: `${ids.length} series forecast 4 weeks ahead, each with the model its backtest chose.`,
    blocks,
  };
};
