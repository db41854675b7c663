import { vehicles } from '../../analysis/models/vehicles.js';
import { kpiChart } from '../../charts/kpiChart.js';
import { rankingChart } from '../../charts/rankingChart.js';
import { metricCards, type CardSpec } from './cards.js';
import { breadcrumb, cardsHtml, escapeHtml, chartPanel, controlsForm, formatDay, queryString, type PageColumn, type PageTable } from './html.js';
import type { Page } from './page.js';
import {
  COMPARE_LABELS, cachedKpis, compareOf, dimensionValues, filtersOf, member, pageRange, periodFields, periodParams, periodState,
} from './state.js';

const cards: CardSpec[] = [
  { metric: 'units_sold', label: 'Units sold', format: 'number' },
  { metric: 'revenue', label: 'Revenue', format: 'currency' },
  { metric: 'average_price', label: 'Average price', format: 'currency' },
];

/**
 * Vehicles: units sold, average price and market share by model, region and dealer, with the
 * period controls of the retail page; a region or a dealer clicked becomes the filter.
 */
export const vehiclesPage: Page = async ({ ctx, query, path, locale }) => {
  const state = periodState(query);
  const dealers = await dimensionValues(ctx, vehicles, 'units_sold', ['region', 'dealer_name']);
  const models = (await dimensionValues(ctx, vehicles, 'units_sold', ['model'])).map((r) => r.model);
  const regions = [...new Set(dealers.map((d) => d.region))].sort();
  const region = member(query, 'region', regions);
  const dealer = member(query, 'dealer', dealers.filter((d) => !region || d.region === region).map((d) => d.dealer_name));
  const model = member(query, 'model', models);
  const range = await pageRange(ctx, vehicles, ['units_sold'], state);
  const filterParams = { region, dealer, model };
  const here = (over: Record<string, string | undefined>) => `${path}${queryString({ ...periodParams(state), ...filterParams, ...over })}`;

  const form = controlsForm(
    path,
    [
      ...periodFields(state),
      { name: 'region', label: 'Region', value: region ?? '', options: [{ value: '', label: 'All regions' }, ...regions.map((r) => ({ value: r, label: r }))], clears: ['dealer'] },
      {
        name: 'dealer',
        label: 'Dealer',
        value: dealer ?? '',
        options: [{ value: '', label: 'All dealers' }, ...dealers.filter((d) => !region || d.region === region).map((d) => ({ value: d.dealer_name, label: d.dealer_name }))],
      },
      { name: 'model', label: 'Model', value: model ?? '', options: [{ value: '', label: 'All models' }, ...models.map((m) => ({ value: m, label: m }))] },
    ],
    { from: state.from ?? range?.from, to: state.to ?? range?.to },
  );
  if (!range) return { title: 'Vehicles', lead: 'No vehicle sales in the warehouse yet: load and build first (npm start).', blocks: [form] };

  const crumbs = [{ label: 'All regions', href: here({ region: undefined, dealer: undefined }) }];
  if (region) crumbs.push({ label: region, href: here({ dealer: undefined }) });
  if (dealer) crumbs.push({ label: dealer, href: here({}) });
  const compare = compareOf(state);
  const compareLabel = compare ? COMPARE_LABELS[state.compare] : '';
  const filters = filtersOf({ region, dealer_name: dealer, model });
  const said = `${formatDay(range.from, locale)} – ${formatDay(range.to, locale)}${compare ? `, against the ${compareLabel.toLowerCase()}` : ''}`;
  const shown = await metricCards(ctx, vehicles, cards, range, state, filters);
  const trend = await cachedKpis(ctx, vehicles, { metrics: ['units_sold'], grain: state.grain, filters, from: range.from, to: range.to, compare });
  const trendFigure = kpiChart(
    trend.map((r) => ({ ds: String(r.period), value: r.units_sold as number | null, previous: compare ? (r.units_sold_previous as number | null) : undefined })),
    { kpi: 'Units sold', locale, title: `Units sold by ${state.grain}`, comparisonLabel: compareLabel || undefined },
  );

  const by = async (dim: string) =>
    cachedKpis(ctx, vehicles, { metrics: ['units_sold', 'average_price', 'revenue', 'market_share'], grain: 'none', by: [dim], filters, from: range.from, to: range.to, compare });
  const [byModel, byRegion, byDealer] = await Promise.all([by('model'), by('region'), by('dealer_name')]);
  const columns = (dim: string, label: string, href?: PageColumn['href']): PageColumn[] => [
    { name: dim, label, href },
    { name: 'units_sold', label: 'Units sold', format: 'integer' },
    ...(compare ? [{ name: 'units_sold_previous', label: 'Previous', format: 'integer' as const }, { name: 'units_sold_delta_pct', label: 'Change', format: 'signed_percent' as const }] : []),
    { name: 'market_share', label: 'Market share', format: 'percent' },
    { name: 'average_price', label: 'Average price', format: 'currency' },
    { name: 'revenue', label: 'Revenue', format: 'currency' },
  ];
  const modelTable: PageTable = {
    id: 'by-model',
    title: 'By model',
    note: 'Market share: units of the model over units of the selection.',
    columns: columns('model', 'Model', (row) => here({ model: String(row.model) })),
    rows: byModel,
  };
  const regionTable: PageTable = {
    id: 'by-region',
    title: 'By region',
    columns: columns('region', 'Region', (row) => here({ region: String(row.region), dealer: undefined })),
    rows: byRegion,
  };
  const dealerTable: PageTable = {
    id: 'by-dealer',
    title: 'By dealer',
    columns: columns('dealer_name', 'Dealer', (row) => here({ dealer: String(row.dealer_name), region: region ?? dealers.find((d) => d.dealer_name === row.dealer_name)?.region })),
    rows: byDealer,
  };
  const share = rankingChart(
    byModel.map((r) => ({ label: String(r.model), value: typeof r.market_share === 'number' ? r.market_share * 100 : null })),
    { measure: 'Market share', unit: '%', locale, top: 15, title: 'Market share by model' },
  );
  return {
    title: 'Vehicles',
    lead: `Units sold, average price and market share of the dealers. ${said}.`,
    blocks: [
      form,
      breadcrumb(crumbs),
      `<p class="period-said" data-from="${range.from}" data-to="${range.to}">Period: ${escapeHtml(said)}${model ? `; model ${escapeHtml(model)}` : ''}</p>`,
      cardsHtml(shown, locale, compareLabel),
      { pair: [chartPanel('vehicles-trend', trendFigure), chartPanel('vehicles-share', share)] },
      modelTable,
      { pair: [regionTable, dealerTable] },
    ],
  };
};
