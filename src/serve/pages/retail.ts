import { retail } from '../../analysis/models/retail.js';
import { kpiChart } from '../../charts/kpiChart.js';
import { rankingChart } from '../../charts/rankingChart.js';
import { metricCards, type CardSpec } from './cards.js';
import { breadcrumb, cardsHtml, escapeHtml, chartPanel, controlsForm, formatDay, queryString, type PageColumn, type PageTable } from './html.js';
import type { Page } from './page.js';
import {
  COMPARE_LABELS, GRAIN_LABELS, cachedKpis, compareOf, dimensionValues, filtersOf, member, pageRange, periodFields, periodParams, periodState,
} from './state.js';

const salesCards: CardSpec[] = [
  { metric: 'revenue', label: 'Revenue', format: 'currency' },
  { metric: 'gross_margin', label: 'Gross margin', format: 'currency' },
  { metric: 'margin_rate', label: 'Margin rate', format: 'percent' },
  { metric: 'orders', label: 'Orders', format: 'number' },
  { metric: 'average_basket', label: 'Average basket', format: 'currency', digits: 2 },
  { metric: 'discount', label: 'Discounts', format: 'currency', lowerIsBetter: true },
  { metric: 'discount_rate', label: 'Discount rate', format: 'percent', lowerIsBetter: true },
  { metric: 'tax_collected', label: 'Tax collected', format: 'currency' },
];
const trafficCards: CardSpec[] = [
  { metric: 'visitors', label: 'Visitors', format: 'number' },
  { metric: 'conversion_rate', label: 'Conversion rate', format: 'percent' },
];
const stockCards: CardSpec[] = [
  { metric: 'stock_on_hand', label: 'Stock on hand (units)', format: 'number' },
  { metric: 'days_of_cover', label: 'Days of cover', format: 'number', digits: 1 },
  { metric: 'stockout_days', label: 'Stock-out product-days', format: 'number', lowerIsBetter: true },
  { metric: 'supply_cost_perishable', label: 'Supply cost, perishable', format: 'currency', lowerIsBetter: true },
  { metric: 'supply_cost_non_perishable', label: 'Supply cost, not perishable', format: 'currency', lowerIsBetter: true },
];

/** The drill-down levels: what the rows of the breakdown are, given the filters chosen. */
const LEVELS = [
  { dim: 'region', label: 'Region', plural: 'regions' },
  { dim: 'store_name', label: 'Store', plural: 'stores' },
  { dim: 'category', label: 'Category', plural: 'categories' },
  { dim: 'product_name', label: 'Product', plural: 'products' },
] as const;

/**
 * Retail: period presets, grain, comparison; filters by region, store and category, which are
 * also the drill path (a region's stores, a store's categories, a category's products) with a
 * breadcrumb back. Cards, trend, breakdown, stock and supplies.
 */
export const retailPage: Page = async ({ ctx, query, path, locale }) => {
  const state = periodState(query);
  const stores = await dimensionValues(ctx, retail, 'revenue', ['region', 'store_name']);
  const categories = (await dimensionValues(ctx, retail, 'revenue', ['category'])).map((r) => r.category);
  const regions = [...new Set(stores.map((s) => s.region))].sort();
  const region = member(query, 'region', regions);
  const store = member(query, 'store', stores.filter((s) => !region || s.region === region).map((s) => s.store_name));
  const category = member(query, 'category', categories);
  const level = category ? LEVELS[3] : store ? LEVELS[2] : region ? LEVELS[1] : LEVELS[0];

  const range = await pageRange(ctx, retail, ['revenue'], state);
  const filterParams = { region, store, category };
  const here = (over: Record<string, string | undefined>) => `${path}${queryString({ ...periodParams(state), ...filterParams, ...over })}`;

  const form = controlsForm(
    path,
    [
      ...periodFields(state),
      { name: 'region', label: 'Region', value: region ?? '', options: [{ value: '', label: 'All regions' }, ...regions.map((r) => ({ value: r, label: r }))], clears: ['store'] },
      {
        name: 'store',
        label: 'Store',
        value: store ?? '',
        options: [{ value: '', label: 'All stores' }, ...stores.filter((s) => !region || s.region === region).map((s) => ({ value: s.store_name, label: s.store_name }))],
      },
      { name: 'category', label: 'Category', value: category ?? '', options: [{ value: '', label: 'All categories' }, ...categories.map((c) => ({ value: c, label: c }))] },
    ],
    { from: state.from ?? range?.from, to: state.to ?? range?.to },
  );
  const crumbs = [{ label: 'All regions', href: here({ region: undefined, store: undefined, category: undefined }) }];
  if (region) crumbs.push({ label: region, href: here({ store: undefined, category: undefined }) });
  if (store) crumbs.push({ label: store, href: here({ category: undefined }) });
  if (category) crumbs.push({ label: category, href: here({}) });

  if (!range) return { title: 'Retail', lead: 'No sales in the warehouse yet: load and build first (npm start).', blocks: [form] };
  const compare = compareOf(state);
  const compareLabel = compare ? COMPARE_LABELS[state.compare] : '';
  const salesFilters = filtersOf({ region, store_name: store, category });
  const trafficFilters = filtersOf({ region, store_name: store });
  const productFilters = filtersOf({ category });
  const said = `${formatDay(range.from, locale)} – ${formatDay(range.to, locale)}${compare ? `, against the ${compareLabel.toLowerCase()}` : ''}`;

  const [sales, traffic, stock] = await Promise.all([
    metricCards(ctx, retail, salesCards, range, state, salesFilters),
    // visitors are counted per store, not per category: no traffic cards for a category
    category ? Promise.resolve([]) : metricCards(ctx, retail, trafficCards, range, state, trafficFilters),
    metricCards(ctx, retail, stockCards, range, state, productFilters, region || store ? 'all stores: stock and supplies are kept per product' : undefined),
  ]);

  const trend = await cachedKpis(ctx, retail, { metrics: ['revenue'], grain: state.grain, filters: salesFilters, from: range.from, to: range.to, compare });
  const trendFigure = kpiChart(
    trend.map((r) => ({ ds: String(r.period), value: r.revenue as number | null, previous: compare ? (r.revenue_previous as number | null) : undefined })),
    { kpi: 'Revenue', unit: '€', locale, title: `Revenue by ${state.grain}${compare ? `, against the ${compareLabel.toLowerCase()}` : ''}`, comparisonLabel: compareLabel || undefined },
  );

  const storeLevel = level.dim === 'region' || level.dim === 'store_name';
  const breakdownMetrics = ['revenue', 'gross_margin', 'margin_rate', 'orders', 'average_basket', 'discount_rate', 'tax_collected', ...(storeLevel && !category ? ['visitors', 'conversion_rate'] : [])];
  const breakdown = await cachedKpis(ctx, retail, { metrics: breakdownMetrics, grain: 'none', by: [level.dim], filters: salesFilters, from: range.from, to: range.to, compare });
  const next = (row: Record<string, unknown>): string | undefined => {
    const value = String(row[level.dim]);
    if (level.dim === 'region') return here({ region: value, store: undefined, category: undefined });
    if (level.dim === 'store_name') return here({ store: value, region: region ?? stores.find((s) => s.store_name === value)?.region, category: undefined });
    if (level.dim === 'category') return here({ category: value });
    return undefined;
  };
  const columns: PageColumn[] = [
    { name: level.dim, label: level.label, href: next },
    { name: 'revenue', label: 'Revenue', format: 'currency' },
    ...(compare ? [{ name: 'revenue_previous', label: 'Previous', format: 'currency' as const }, { name: 'revenue_delta_pct', label: 'Change', format: 'signed_percent' as const }] : []),
    { name: 'gross_margin', label: 'Gross margin', format: 'currency' },
    { name: 'margin_rate', label: 'Margin rate', format: 'percent' },
    { name: 'orders', label: 'Orders', format: 'integer' },
    { name: 'average_basket', label: 'Average basket', format: 'currency2' },
    { name: 'discount_rate', label: 'Discount rate', format: 'percent' },
    { name: 'tax_collected', label: 'Tax', format: 'currency' },
    ...(storeLevel && !category ? [{ name: 'visitors', label: 'Visitors', format: 'integer' as const }, { name: 'conversion_rate', label: 'Conversion', format: 'percent' as const }] : []),
  ];
  const breakdownTable: PageTable = {
    id: 'breakdown',
    title: `Revenue and margin by ${level.label.toLowerCase()}`,
    note: level.dim === 'product_name' ? undefined : `Click a ${level.label.toLowerCase()} to drill down.`,
    columns,
    rows: breakdown,
  };
  const ranking = rankingChart(
    breakdown.map((r) => ({ label: String(r[level.dim]), value: r.revenue as number | null })),
    { measure: 'Revenue', unit: '€', locale, top: 15, title: `${level.plural[0].toUpperCase()}${level.plural.slice(1)} by revenue` },
  );

  const overTime: PageTable = {
    id: 'over-time',
    title: `By ${state.grain}`,
    columns: [
      { name: 'period', label: `${GRAIN_LABELS[state.grain]} starting`, format: 'day' },
      { name: 'revenue', label: 'Revenue', format: 'currency' },
      { name: 'gross_margin', label: 'Gross margin', format: 'currency' },
      { name: 'margin_rate', label: 'Margin rate', format: 'percent' },
      { name: 'orders', label: 'Orders', format: 'integer' },
      { name: 'average_basket', label: 'Average basket', format: 'currency2' },
      ...(category ? [] : [{ name: 'visitors', label: 'Visitors', format: 'integer' as const }, { name: 'conversion_rate', label: 'Conversion', format: 'percent' as const }]),
    ],
    rows: await cachedKpis(ctx, retail, {
      metrics: ['revenue', 'gross_margin', 'margin_rate', 'orders', 'average_basket', ...(category ? [] : ['visitors', 'conversion_rate'])],
      grain: state.grain,
      filters: salesFilters,
      from: range.from,
      to: range.to,
    }),
  };

  const stockTable: PageTable = {
    id: 'stock',
    title: category ? `Stock and supplies of ${category}, by product` : 'Stock and supplies by category',
    note: 'Stock and supplies are kept per product for the whole chain: the region and store filters do not apply. Stock on hand is the last day of the period.',
    columns: [
      { name: category ? 'product_name' : 'category', label: category ? 'Product' : 'Category' },
      { name: 'stock_on_hand', label: 'Stock on hand', format: 'integer' },
      { name: 'days_of_cover', label: 'Days of cover', format: 'decimal' },
      { name: 'stockout_days', label: 'Stock-out days', format: 'integer' },
      { name: 'supply_cost_perishable', label: 'Supply cost, perishable', format: 'currency' },
      { name: 'supply_cost_non_perishable', label: 'Supply cost, not perishable', format: 'currency' },
    ],
    rows: await cachedKpis(ctx, retail, {
      metrics: ['stock_on_hand', 'days_of_cover', 'stockout_days', 'supply_cost_perishable', 'supply_cost_non_perishable'],
      grain: 'none',
      by: [category ? 'product_name' : 'category'],
      filters: productFilters,
      from: range.from,
      to: range.to,
    }),
  };

  return {
    title: 'Retail',
    lead: `Sales, margin, traffic and stock of the chain. ${said}.`,
    blocks: [
      form,
      breadcrumb(crumbs),
      `<p class="period-said" data-from="${range.from}" data-to="${range.to}">Period: ${escapeHtml(said)}</p>`,
      '<h2>Sales</h2>',
      cardsHtml([...sales, ...traffic], locale, compareLabel),
      { pair: [chartPanel('retail-trend', trendFigure), chartPanel('retail-ranking', ranking)] },
      breakdownTable,
      '<h2>Stock and supplies</h2>',
      cardsHtml(stock, locale, compareLabel),
      stockTable,
      overTime,
    ],
  };
};
