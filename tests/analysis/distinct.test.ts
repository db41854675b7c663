import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, compileKpis, kpis, modelFromObject, retail, validateModel, type AggregateMeasure, type KpiRequest, type SemanticModel, type Warehouse } from '../../src/index.js';
import { factOnly } from '../helpers/models.js';
import { backends, testWarehouse } from '../helpers/backends.js';
import { generateBusinessRows, insertBusinessRows } from '../fixtures/analysis/business-rows.js';

/*
 * count_distinct with a declared first row: `orders` of the retail model is counted as
 * sum(is_first_line) when every dimension of the request is constant within an order, and as
 * the exact count of distinct orders otherwise. Both must give the same numbers.
 */

const FIRST = 'sum(t."is_first_line")';

/** The retail model with `orders` declared without its first row: always `count(DISTINCT order_key)`. */
const exactRetail: SemanticModel = {
  ...retail,
  measures: { ...retail.measures, orders: { fact: 'sales', agg: 'count_distinct', column: 'order_key', description: 'distinct orders' } },
};

describe('compileKpis(model, request) with a count_distinct declaring firstRow and constantWithin', () => {
  it('counts orders as sum(is_first_line) by month and region, by store and customer, in totals and under a store filter', () => {
    const allowed: KpiRequest[] = [
      { metrics: ['orders'], grain: 'month', by: ['region'] },
      { metrics: ['average_basket'], grain: 'day', by: ['store', 'customer_region'], from: '2024-01-01', to: '2024-03-31' },
      { metrics: ['conversion_rate'], grain: 'week', by: ['store'], compare: 'previous_year' },
      { metrics: ['revenue', 'orders'], filters: { region: 'Nord', city: ['Lille', 'Lens'] } },
      { metrics: ['orders'], by: ['customer'] },
    ];
    for (const request of allowed) {
      const { sql } = compileKpis(factOnly(retail), request);
      expect(sql, JSON.stringify(request)).toContain(FIRST);
      expect(sql, JSON.stringify(request)).not.toContain('count(DISTINCT');
    }
  });

  it('counts orders by category as sum(is_first_in_category): grouped by category, or category filtered to one value', () => {
    const perCategory: KpiRequest[] = [
      { metrics: ['orders'], grain: 'month', by: ['category'] },
      { metrics: ['units', 'average_basket'], grain: 'quarter', by: ['category'] },
      { metrics: ['orders'], grain: 'week', by: ['region', 'category'], filters: { city: 'Lille' } },
      { metrics: ['orders'], grain: 'month', by: ['region'], filters: { category: 'food' } },
      { metrics: ['orders'], by: ['store'], filters: { category: ['food'] } },
    ];
    for (const request of perCategory) {
      const { sql } = compileKpis(factOnly(retail), request);
      expect(sql, JSON.stringify(request)).toContain('sum(t."is_first_in_category")');
      expect(sql, JSON.stringify(request)).not.toContain('count(DISTINCT');
    }
  });

  it('keeps the exact distinct count when a dimension varies within an order and its category (product, perishable), or two categories are summed together', () => {
    const exact: KpiRequest[] = [
      { metrics: ['orders'], by: ['region', 'product'] },
      { metrics: ['orders'], grain: 'month', by: ['category', 'product'] },
      { metrics: ['orders'], grain: 'month', by: ['region'], filters: { perishable: true } },
      { metrics: ['orders'], grain: 'month', by: ['category'], filters: { perishable: true } },
      { metrics: ['orders'], grain: 'month', by: ['region'], filters: { category: ['food', 'home'] } },
    ];
    for (const request of exact) {
      const { sql } = compileKpis(retail, request);
      expect(sql, JSON.stringify(request)).not.toContain('is_first_');
      expect(sql, JSON.stringify(request)).toContain('count(DISTINCT t."order_key")');
    }
  });

  it('uses the first row with a grain or a range only when the time column is declared constant within the key', () => {
    const orders = retail.measures.orders as AggregateMeasure;
    const noTime = validateModel({
      ...factOnly(retail),
      measures: { ...retail.measures, orders: { ...orders, constantWithin: orders.constantWithin!.filter((d) => d !== 'order_date') } },
    });
    expect(compileKpis(noTime, { metrics: ['orders'], by: ['region'] }).sql).toContain(FIRST);
    expect(compileKpis(noTime, { metrics: ['orders'], grain: 'month', by: ['region'] }).sql).not.toContain(FIRST);
    expect(compileKpis(noTime, { metrics: ['orders'], from: '2024-01-01' }).sql).not.toContain(FIRST);
    expect(compileKpis(factOnly(retail), { metrics: ['orders'], from: '2024-01-01' }).sql).toContain(FIRST);
  });

  it('keeps the exact distinct count for a measure with a filter, and for a model declaring no first row', () => {
    const orders = retail.measures.orders as AggregateMeasure;
    const filtered = validateModel({ ...retail, measures: { ...retail.measures, orders: { ...orders, filter: 't.discount > 0' } } });
    expect(compileKpis(filtered, { metrics: ['orders'], grain: 'month' }).sql).not.toContain(FIRST);
    expect(compileKpis(exactRetail, { metrics: ['orders'], grain: 'month' }).sql).not.toContain(FIRST);
  });

  it('validateModel rejects firstRow on another aggregation, a missing firstRow and an unknown constantWithin dimension', () => {
    const orders = retail.measures.orders as AggregateMeasure;
    const withOrders = (m: AggregateMeasure): SemanticModel => ({ ...retail, measures: { ...retail.measures, orders: m } });
    expect(() => validateModel(withOrders({ ...orders, agg: 'sum' }))).toThrow(/measure orders \(sum\) declares firstRow or constantWithin, allowed only on count_distinct/);
    expect(() => validateModel(withOrders({ ...orders, firstRow: undefined }))).toThrow(/measure orders firstRow undefined must be a column name/);
    expect(() => validateModel(withOrders({ ...orders, constantWithin: ['region', 'category2'] }))).toThrow(
      /measure orders constantWithin "category2" unknown, allowed: the time column order_date or a dimension category, city, /,
    );
    expect(() => validateModel(withOrders({ ...orders, firstRowPer: [{ column: 'is_first_in_category', per: ['kind'] }] }))).toThrow(
      /measure orders firstRowPer is_first_in_category: per "kind" unknown, allowed: a dimension category, city, /,
    );
    expect(() => validateModel(withOrders({ ...orders, firstRowPer: [{ column: 'first line', per: ['category'] }] }))).toThrow(/measure orders firstRowPer column "first line" must be a column name/);
    expect(() => validateModel(withOrders({ ...orders, firstRowPer: [{ column: 'is_first_in_category', per: [] }] }))).toThrow(/per must be a non-empty list of dimensions/);
  });

  it('modelFromObject reads first_row and constant_within of a model file', () => {
    const model = validateModel(
      modelFromObject({
        name: 'sales',
        table: 'raw.sales',
        time: 'order_date',
        dimensions: ['region', 'category', 'product'],
        measures: {
          orders: {
            count_distinct: 'order_id',
            first_row: 'is_first_line',
            constant_within: ['order_date', 'region'],
            first_row_per: [{ column: 'first_of_category', per: ['category'] }],
          },
        },
      }),
    );
    expect(model.measures.orders).toMatchObject({
      agg: 'count_distinct',
      column: 'order_id',
      firstRow: 'is_first_line',
      constantWithin: ['order_date', 'region'],
      firstRowPer: [{ column: 'first_of_category', per: ['category'] }],
    });
    expect(compileKpis(model, { metrics: ['orders'], grain: 'month', by: ['region'] }).sql).toContain(FIRST);
    expect(compileKpis(model, { metrics: ['orders'], grain: 'month', by: ['category'] }).sql).toContain('sum(t."first_of_category")');
    expect(compileKpis(model, { metrics: ['orders'], grain: 'month', by: ['category', 'product'] }).sql).toContain('count(DISTINCT t."order_id")');
  });
});

describe.each(backends)('orders counted by first row or exactly on %s', (backend) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  const data = generateBusinessRows(11, 60);
  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse(backend));
    await insertBusinessRows(warehouse, data);
    expect((await build(warehouse)).ok).toBe(true);
  });
  afterAll(() => cleanup());

  it('the fixture has orders whose lines fall in several categories (so by category is_first_line would be wrong)', () => {
    const product = new Map(data.products.map((p) => [p.product_id, p.category]));
    const categories = new Map<string, Set<string>>();
    for (const l of data.order_lines) categories.set(l.order_id, (categories.get(l.order_id) ?? new Set()).add(product.get(l.product_id)!));
    expect([...categories.values()].filter((c) => c.size > 1).length).toBeGreaterThan(10);
  });

  const requests: KpiRequest[] = [
    { metrics: ['orders', 'average_basket'], grain: 'month', by: ['region'] },
    { metrics: ['orders', 'conversion_rate', 'revenue_per_visitor'], grain: 'week', by: ['store'] },
    { metrics: ['orders'], grain: 'day', by: ['customer_region'], from: '2024-01-10', to: '2024-02-20' },
    { metrics: ['orders'], grain: 'month', by: ['store'], compare: 'previous_period' },
    { metrics: ['orders', 'revenue'], filters: { region: 'Nord' } },
    { metrics: ['orders'], by: ['customer'] },
    { metrics: ['units', 'orders', 'average_basket'], grain: 'quarter', by: ['category'] },
    { metrics: ['orders'], grain: 'month', by: ['region', 'product'] },
    { metrics: ['orders'], grain: 'month', filters: { perishable: true } },
    { metrics: ['orders'], grain: 'month', by: ['region', 'category'] },
    { metrics: ['orders', 'average_basket'], grain: 'week', by: ['store'], filters: { category: 'food' } },
    { metrics: ['orders'], grain: 'month', by: ['region'], filters: { category: ['food', 'home'] } },
  ];
  it.each(requests.map((r) => [JSON.stringify(r), r] as const))('kpis(retail, %s) equals the exact count(DISTINCT order_key)', async (_, request) => {
    const fast = (await kpis(warehouse, retail, request)).frame.toRecords();
    const exact = (await kpis(warehouse, exactRetail, request)).frame.toRecords();
    expect(fast.length).toBeGreaterThan(0);
    expect(fast).toEqual(exact);
  });

  it('kpis(retail) orders by month and category equal the distinct orders counted in TypeScript', async () => {
    const category = new Map(data.products.map((p) => [p.product_id, p.category]));
    const orders = new Map<string, Set<string>>();
    for (const l of data.order_lines) {
      const key = `${l.order_date.slice(0, 7)}-01|${category.get(l.product_id)}`;
      orders.set(key, (orders.get(key) ?? new Set()).add(l.order_id));
    }
    const rows = (await kpis(warehouse, retail, { metrics: ['orders'], grain: 'month', by: ['category'] })).frame.toRecords();
    expect(Object.fromEntries(rows.map((r) => [`${r.period}|${r.category}`, r.orders]))).toEqual(
      Object.fromEntries([...orders].map(([k, s]) => [k, s.size])),
    );
  });
});
