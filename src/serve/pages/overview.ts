import { retail } from '../../analysis/models/retail.js';
import { vehicles } from '../../analysis/models/vehicles.js';
import { latestDate } from '../../analysis/series.js';
import { missionsForecast, reportData, settledUntil } from '../../report/reportData.js';
import type { ReportData } from '../../report/types.js';
import { storedForecasts } from '../reads.js';
import { openAlerts } from '../../deliver/alert-store.js';
import { cardsHtml, chartPanel, formatDay, formatTimestamp, type PageCard, type PageTable } from './html.js';
import type { Block, Page } from './page.js';

/** The day before an ISO day (settledUntil gives the first day not settled). */
const dayBefore = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

const slug = (label: string) => label.toLowerCase().replace(/\([^)]*\)/g, '').trim().replace(/[^a-z0-9]+/g, '_');

/**
 * Overview: the report's KPI cards (the last finished week against the week before), its main
 * charts, and when the data was loaded, how far it goes, and when forecasts were last made.
 */
export const overviewPage: Page = async ({ ctx, locale }) => {
  const built = await ctx.cached(JSON.stringify(['marts-built']), async () => {
    const { rows } = await ctx.warehouse.query<{ ok: boolean }>(
      "SELECT (to_regclass('marts.fct_sales') IS NOT NULL AND to_regclass('marts.fct_vehicle_sales') IS NOT NULL AND to_regclass('marts.fct_missions') IS NOT NULL) AS ok",
    );
    return rows[0]?.ok === true;
  });
  const data = await ctx.cached(JSON.stringify(['report-data', locale]), async (): Promise<ReportData | null> => {
    if (!built || (await latestDate(ctx.warehouse, retail, 'revenue')) === null) return null;
    return reportData(ctx.warehouse, { locale, missions: await missionsForecast(ctx.warehouse) });
  });
  const freshness = await ctx.cached(JSON.stringify(['freshness']), async () => (!built ? { sales: null, vehicles: null, settled: undefined } : {
    sales: await latestDate(ctx.warehouse, retail, 'revenue'),
    vehicles: await latestDate(ctx.warehouse, vehicles, 'units_sold'),
    settled: await settledUntil(ctx.warehouse),
  }));
  const last = await ctx.lastLoad();
  const open = await ctx.cached(JSON.stringify(['open-alerts']), () => openAlerts(ctx.warehouse));
  const alerts: PageTable = {
    id: 'alerts',
    title: `Open alerts (${open.length})`,
    note: open.length ? 'Fired by the alert rules of the pipelines (kpicast run --pipeline), not cleared yet.' : 'None open: the alert rules of the pipelines (kpicast run --pipeline) find nothing to report.',
    columns: [
      { name: 'rule', label: 'Rule' },
      { name: 'series', label: 'Series' },
      { name: 'period', label: 'Period', format: 'day' },
      { name: 'value', label: 'Value', format: 'decimal' },
      { name: 'threshold', label: 'Threshold', format: 'decimal' },
      { name: 'comparison', label: 'Why', wrap: true },
      { name: 'fired_at', label: 'Fired', format: 'timestamp' },
    ],
    rows: open.map((a) => ({ rule: a.rule, series: a.series || 'total', period: a.period, value: a.value, threshold: a.threshold, comparison: a.comparison, fired_at: a.firedAt })),
  };
  const stored = await ctx.cached(JSON.stringify(['forecasts', []]), () => storedForecasts(ctx.warehouse, {}));
  const runAt = stored[0]?.run_at;
  const facts: PageTable = {
    id: 'freshness',
    title: 'Last run and data freshness',
    columns: [
      { name: 'what', label: 'What' },
      { name: 'when', label: 'When', wrap: true },
    ],
    rows: [
      { what: 'Last load', when: last ? `${formatTimestamp(last.finished_at, locale)}: ${last.file} into ${last.table} (${last.status})` : 'nothing loaded yet' },
      { what: 'Last forecast run', when: runAt ? `${formatTimestamp(runAt, locale)}: ${new Set(stored.map((r) => r.unique_id)).size} series` : 'none stored yet' },
      { what: 'Sales up to', when: freshness.sales ? formatDay(freshness.sales, locale) : '–' },
      { what: 'Vehicle sales up to', when: freshness.vehicles ? formatDay(freshness.vehicles, locale) : '–' },
      { what: 'Missions settled (done or cancelled) up to', when: freshness.settled ? formatDay(dayBefore(freshness.settled), locale) : '–' },
      { what: 'Warehouse', when: `${ctx.backend === 'postgres' ? 'PostgreSQL server' : 'embedded PGlite'} ${ctx.target}` },
    ],
  };
  if (!data) {
    const why = built ? 'The warehouse has no sales yet' : 'The marts are not built yet';
    return { title: 'Overview', lead: `${why}: npm start (kpicast run) loads the sample, builds the marts (kpicast build) and forecasts.`, blocks: [alerts, facts] };
  }
  const cards: PageCard[] = data.cards.map((card) => ({ ...card, metric: slug(card.label), raw: card.value }));
  const charts = data.charts.map((chart) => chartPanel(`overview-${chart.name}`, chart.figure));
  const blocks: Block[] = ['<h2>Key figures, last finished week</h2>', cardsHtml(cards, locale, 'previous week'), alerts];
  for (let i = 0; i < charts.length; i += 2) blocks.push(i + 1 < charts.length ? { pair: [charts[i], charts[i + 1]] } : charts[i]);
  blocks.push(
    {
      id: 'missions-forecast',
      title: 'Missions, next 4 weeks',
      note: 'The model chosen by backtest and its MAPE, as in the weekly report.',
      columns: [
        { name: 'ds', label: 'Week of', format: 'day' },
        { name: 'mean', label: 'Forecast', format: 'integer' },
        { name: 'lo80', label: '80 % low', format: 'integer' },
        { name: 'hi80', label: '80 % high', format: 'integer' },
        { name: 'model', label: 'Model' },
        { name: 'mape', label: 'Backtest MAPE %', format: 'decimal' },
      ],
      rows: data.forecasts.filter((f) => f.series === 'missions') as unknown as Record<string, unknown>[],
    },
    facts,
  );
  return { title: 'Overview', lead: `The weekly report, live: ${data.subtitle ?? ''}.`, blocks };
};
