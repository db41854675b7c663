import type pl from 'nodejs-polars';
import { kpis } from '../analysis/kpis.js';
import { retail } from '../analysis/models/retail.js';
import { staffing } from '../analysis/models/staffing.js';
import { series } from '../analysis/series.js';
import type { SemanticModel } from '../analysis/model.js';
import { fanChart, type FanChartInput } from '../charts/fanChart.js';
import { fanChartInput, leaderboardEntries } from '../charts/fromForecast.js';
import { heatmapChart } from '../charts/heatmapChart.js';
import { kpiChart } from '../charts/kpiChart.js';
import { leaderboardChart } from '../charts/leaderboardChart.js';
import { rankingChart } from '../charts/rankingChart.js';
import type { Locale } from '../charts/types.js';
import { forecast, type ForecastResult } from '../forecast/engine.js';
import type { Queryable } from '../warehouse/types.js';
import type { ForecastRow, KpiCard, ReportChart, ReportData, ValueFormat } from './types.js';

/** A forecast made on a long history frame (`unique_id`, `ds`, `y`). */
export interface ForecastRun {
  history: pl.DataFrame;
  result: ForecastResult;
}

/** Options of {@link reportData}. */
export interface ReportDataOptions {
  locale?: Locale;
  title?: string;
  generatedAt?: Date;
  /** Weekly missions forecast; default: made here (4 weeks, default models). */
  missions?: ForecastRun;
  /** Weekly revenue forecasts (e.g. by store and category); shown when given. */
  sales?: ForecastRun;
  /** Weeks of history in the KPI charts and sparklines; default 26. */
  weeks?: number;
}

interface CardSpec {
  model: SemanticModel;
  metric: string;
  label: string;
  format: ValueFormat;
  /** Ratios are fractions in the warehouse: × 100 for percentages. */
  factor?: number;
  unit?: string;
  digits?: number;
  lowerIsBetter?: boolean;
}

const cardSpecs: CardSpec[] = [
  { model: retail, metric: 'revenue', label: 'Revenue (week)', format: 'currency' },
  { model: retail, metric: 'orders', label: 'Orders (week)', format: 'number' },
  { model: retail, metric: 'average_basket', label: 'Average basket', format: 'currency', digits: 2 },
  { model: retail, metric: 'margin_rate', label: 'Margin rate', format: 'percent', factor: 100 },
  { model: retail, metric: 'conversion_rate', label: 'Conversion rate', format: 'percent', factor: 100 },
  { model: staffing, metric: 'missions', label: 'Missions (week)', format: 'number', unit: 'missions' },
  { model: staffing, metric: 'fill_rate', label: 'Fill rate', format: 'percent', factor: 100 },
  { model: staffing, metric: 'cancellation_rate', label: 'Cancellation rate', format: 'percent', factor: 100, lowerIsBetter: true },
];

/** The last finished weeks of one metric (ISO weeks; see `series`). */
async function weekly(warehouse: Queryable, model: SemanticModel, metric: string, asOf?: string): Promise<Array<{ ds: string; y: number | null }>> {
  const frame = await series(warehouse, model, metric, { grain: 'week', fill: 'missing', asOf });
  return (frame.toRecords() as Array<{ ds: string; y: number | null }>).map((r) => ({ ds: String(r.ds), y: r.y === null ? null : Number(r.y) }));
}

/**
 * The first day whose missions are not settled yet: the day after the last mission done or
 * cancelled. Missions are booked weeks ahead, so later weeks are only partly known.
 */
export async function settledUntil(warehouse: Queryable): Promise<string | undefined> {
  const { rows } = await warehouse.query<{ d: string | null }>(
    "SELECT (max(mission_date) + 1)::date::text AS d FROM marts.fct_missions WHERE status IN ('done', 'cancelled')",
  );
  return rows[0]?.d ?? undefined;
}

/** A fan chart input cut to its last 52 weeks of history, so the forecast is readable. */
function lastYear(input: FanChartInput): FanChartInput {
  return { ...input, history: input.history.slice(-52) };
}

/** Forecast rows of a run for the report table: the selected model per series and its backtest MAPE. */
export function forecastRows(run: ForecastRun): ForecastRow[] {
  const selected = new Map<string, { model: string; metric: string; error: number | null }>();
  for (const r of run.result.selected.toRecords() as Array<Record<string, unknown>>) {
    selected.set(String(r.unique_id), { model: String(r.model), metric: String(r.metric), error: typeof r.error === 'number' ? r.error : null });
  }
  const mapes = new Map<string, number | null>();
  for (const r of run.result.leaderboard.toRecords() as Array<Record<string, unknown>>) {
    if (selected.get(String(r.unique_id))?.model === r.model) mapes.set(String(r.unique_id), typeof r.mape === 'number' ? r.mape : null);
  }
  return (run.result.best.toRecords() as Array<Record<string, unknown>>).map((r) => {
    const id = String(r.unique_id);
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    return {
      series: id,
      ds: String(r.ds),
      mean: Number(r.mean),
      lo80: num(r['lo-80']),
      hi80: num(r['hi-80']),
      lo95: num(r['lo-95']),
      hi95: num(r['hi-95']),
      model: String(r.model),
      mape: mapes.get(id) ?? null,
    };
  });
}

/**
 * Everything the report shows, computed from a warehouse with its marts built:
 * KPI cards for the last finished week against the week before (retail and
 * staffing), weekly revenue against the previous year, stores ranked by revenue
 * over the last 4 weeks, missions by weekday and week, the missions forecast
 * fan chart and model leaderboard, and the forecast table (missions, plus
 * `sales` when given). Cost: about 15 KPI queries plus the missions forecast
 * when not given (a second or two).
 *
 * @example
 * await writeReport('out/report', await reportData(warehouse, { locale: 'fr' }));
 */
export async function reportData(warehouse: Queryable, options: ReportDataOptions = {}): Promise<ReportData> {
  const locale = options.locale ?? 'en';
  const weeks = options.weeks ?? 26;
  const cards: KpiCard[] = [];
  let lastWeek: string | undefined;
  const settled = await settledUntil(warehouse);
  for (const spec of cardSpecs) {
    const points = await weekly(warehouse, spec.model, spec.metric, spec.model === staffing ? settled : undefined);
    const factor = spec.factor ?? 1;
    const values = points.map((p) => (p.y === null ? null : p.y * factor));
    if (spec.model === retail && spec.metric === 'revenue') lastWeek = points.at(-1)?.ds;
    cards.push({
      label: spec.label,
      value: values.at(-1) ?? null,
      previous: values.length > 1 ? values.at(-2) : null,
      format: spec.format,
      unit: spec.unit,
      digits: spec.digits,
      lowerIsBetter: spec.lowerIsBetter,
      history: values.slice(-weeks),
    });
  }

  const charts: ReportChart[] = [];
  if (lastWeek) {
    const from = new Date(`${lastWeek}T00:00:00Z`);
    from.setUTCDate(from.getUTCDate() - 7 * (weeks - 1));
    const fromDay = from.toISOString().slice(0, 10);
    const end = new Date(`${lastWeek}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 6);
    const toDay = end.toISOString().slice(0, 10);
    const { frame } = await kpis(warehouse, retail, { metrics: ['revenue'], grain: 'week', compare: 'previous_year', from: fromDay, to: toDay });
    const rows = frame.toRecords() as Array<Record<string, unknown>>;
    charts.push({
      name: 'revenue',
      figure: kpiChart(
        rows.map((r) => ({ ds: String(r.period), value: r.revenue as number | null, previous: r.revenue_previous as number | null })),
        { kpi: 'Revenue', unit: '€', locale, title: 'Weekly revenue against the same weeks a year before', comparisonLabel: 'Previous year' },
      ),
    });
    const fourWeeks = new Date(`${lastWeek}T00:00:00Z`);
    fourWeeks.setUTCDate(fourWeeks.getUTCDate() - 21);
    const ranking = await kpis(warehouse, retail, { metrics: ['revenue'], grain: 'none', by: ['store_name'], from: fourWeeks.toISOString().slice(0, 10), to: toDay });
    charts.push({
      name: 'stores',
      figure: rankingChart(
        (ranking.frame.toRecords() as Array<Record<string, unknown>>).map((r) => ({ label: String(r.store_name), value: r.revenue as number | null })),
        { measure: 'Revenue', unit: '€', locale, title: 'Stores by revenue, last 4 weeks' },
      ),
    });
  }

  const missions = options.missions ?? (await missionsForecast(warehouse));
  const missionIds = (missions.history.getColumn('unique_id').toArray() as string[]).filter((v, i, a) => a.indexOf(v) === i);
  if (missionIds.length > 0) {
    const id = missionIds[0];
    const chosen = (missions.result.selected.toRecords() as Array<Record<string, unknown>>).find((r) => r.unique_id === id);
    charts.push({
      name: 'missions-forecast',
      figure: fanChart(lastYear(fanChartInput(missions.history, missions.result, id)), {
        series: 'Missions per week',
        model: chosen ? String(chosen.model) : undefined,
        locale,
        title: 'Missions per week: history, backtest and the next 4 weeks',
      }),
    });
    charts.push({ name: 'missions-models', figure: leaderboardChart(leaderboardEntries(missions.result, id), { locale, title: 'Missions: models by backtest MAPE' }) });
  }
  const history = missions.history.toRecords() as Array<{ ds: string }>;
  if (history.length > 0) {
    const from = new Date(`${history.at(-1)!.ds}T00:00:00Z`);
    from.setUTCDate(from.getUTCDate() - 7 * 15);
    const daily = await kpis(warehouse, staffing, { metrics: ['missions'], grain: 'day', from: from.toISOString().slice(0, 10), to: history.at(-1)!.ds.slice(0, 10) });
    const lastDay = new Date(`${history.at(-1)!.ds}T00:00:00Z`);
    lastDay.setUTCDate(lastDay.getUTCDate() + 6);
    const until = lastDay.toISOString().slice(0, 10);
    charts.push({
      name: 'missions-weekdays',
      figure: heatmapChart(
        (daily.frame.toRecords() as Array<Record<string, unknown>>).filter((r) => String(r.period) <= until).map((r) => ({ ds: String(r.period), value: r.missions as number | null })),
        { measure: 'Missions', locale, title: 'Missions by weekday, last 16 weeks' },
      ),
    });
  }
  if (options.sales) {
    charts.push({ name: 'sales-models', figure: leaderboardChart(leaderboardEntries(options.sales.result), { locale, title: 'Sales series: models by mean backtest MAPE' }) });
  }

  return {
    title: options.title ?? 'kpicast weekly report',
    subtitle: lastWeek ? `last finished week starting ${lastWeek}` : 'no data yet',
    period: lastWeek,
    generatedAt: options.generatedAt,
    locale,
    cards,
    charts,
    forecasts: [...forecastRows(missions), ...(options.sales ? forecastRows(options.sales) : [])],
  };
}

/**
 * Weekly missions (not cancelled) of the staffing agency, forecast 4 weeks ahead
 * with the default models, selected by backtest MAPE. The history stops at the
 * last settled day (missions done or cancelled): later weeks are only partly booked.
 *
 * @example
 * const { history, result } = await missionsForecast(warehouse);
 */
export async function missionsForecast(warehouse: Queryable, options: { models?: readonly string[]; onProgress?: (done: number, total: number) => void } = {}): Promise<ForecastRun> {
  const history = await series(warehouse, staffing, 'missions', { grain: 'week', asOf: await settledUntil(warehouse) });
  const result = await forecast(history, { h: 4, models: options.models, parallel: false, onProgress: options.onProgress });
  return { history, result };
}

/**
 * Weekly revenue by store and category (`unique_id` = `store/category`), forecast 4
 * weeks ahead with the default models, each series selected by its backtest MAPE.
 *
 * @example
 * const { result } = await salesForecast(warehouse);
 * result.best.columns; // => ['unique_id', 'ds', 'model', 'mean', 'lo-80', 'hi-80', 'lo-95', 'hi-95']
 */
export async function salesForecast(warehouse: Queryable, options: { models?: readonly string[]; by?: string[]; onProgress?: (done: number, total: number) => void } = {}): Promise<ForecastRun> {
  const history = await series(warehouse, retail, 'revenue', { grain: 'week', by: options.by ?? ['store', 'category'] });
  const result = await forecast(history, { h: 4, models: options.models, onProgress: options.onProgress });
  return { history, result };
}
