import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, compileKpis, kpis, retail, validateModel, type KpiRequest, type SemanticModel, type Warehouse } from '../../src/index.js';
import { chooseRollup } from '../../src/analysis/compile.js';
import { factOnly } from '../helpers/models.js';
import { backends, testWarehouse } from '../helpers/backends.js';
import { generateBusinessRows, insertBusinessRows } from '../fixtures/analysis/business-rows.js';

/*
 * The retail model reads sales from its rollups (marts.agg_sales_region_daily, summed per day,
 * region and category; marts.agg_sales_daily, per day, store and category) when that gives the same numbers: every request below is answered with and
 * without the rollup, on both backends, and the rows must be equal.
 */

const withoutRollups = factOnly(retail);

const reads = (model: SemanticModel, request: KpiRequest): string[] =>
  ['marts.agg_sales_region_daily', 'marts.agg_sales_daily', 'marts.fct_sales'].filter((table) => compileKpis(model, request).sql.includes(`"${table.replace('.', '"."')}"`));

/** Requests the rollups answer: the dashboard's periods, grains, regions, categories, compares and shares (the region rollup). */
const fromRegionRollup: KpiRequest[] = [
  { metrics: ['revenue', 'orders', 'units', 'average_basket'], grain: 'month' },
  { metrics: ['revenue', 'margin_rate', 'gross_margin', 'cost'], grain: 'week', by: ['region'] },
  { metrics: ['orders', 'revenue'], grain: 'month', by: ['category'] },
  { metrics: ['orders', 'average_basket'], by: ['region'], filters: { category: 'food' } },
  { metrics: ['revenue'], grain: 'month', by: ['region', 'category'], share: true, compare: 'previous_year' },
  { metrics: ['revenue', 'orders'], from: '2024-03-01', to: '2024-05-31', compare: 'previous_period', filters: { region: ['Nord', 'Sud'] } },
];

/** Requests by store or city: the store rollup. */
const fromStoreRollup: KpiRequest[] = [
  { metrics: ['orders', 'order_lines', 'discount', 'discount_rate', 'tax_collected', 'gross_sales'], grain: 'day', by: ['store_name'], from: '2024-02-01', to: '2024-02-29' },
  { metrics: ['revenue', 'orders'], grain: 'quarter', by: ['region', 'store_name'], compare: 'previous_period' },
  { metrics: ['conversion_rate', 'revenue_per_visitor'], grain: 'month', by: ['store'] },
  { metrics: ['revenue', 'units'], grain: 'year', by: ['city'] },
];
const fromRollup = [...fromRegionRollup, ...fromStoreRollup];

/** Requests it cannot answer exactly: product grain, customers, orders across categories by several categories, `last`, filters. */
const fromFact: KpiRequest[] = [
  { metrics: ['revenue'], grain: 'month', by: ['product_name'] },
  { metrics: ['orders'], grain: 'month', by: ['customer_region'] },
  { metrics: ['orders'], grain: 'month', filters: { category: ['food', 'home'] } },
  { metrics: ['revenue'], by: ['region'], filters: { perishable: 'true' } },
];

describe('rollups', () => {
  it('the retail model with its rollup is valid, and a rollup naming an unknown dimension is refused', () => {
    expect(validateModel(retail)).toBe(retail);
    const sales = retail.facts.sales;
    const bad = { ...retail, facts: { ...retail.facts, sales: { ...sales, rollups: [{ ...sales.rollups![0], dimensions: { colour: 'colour' } }] } } };
    expect(() => validateModel(bad)).toThrow(/fact sales rollup 1: dimension "colour" is not one of the fact's/);
    const noSums = { ...retail, facts: { ...retail.facts, sales: { ...sales, rollups: [{ ...sales.rollups![0], sums: {} }] } } };
    expect(() => validateModel(noSums)).toThrow(/rollup 1 needs sums/);
  });

  it.each(fromRegionRollup.map((r) => [JSON.stringify(r), r] as const))('reads %s from the region rollup', (_, request) => {
    expect(reads(retail, request)).toEqual(['marts.agg_sales_region_daily']);
    expect(reads(withoutRollups, request)).toEqual(['marts.fct_sales']);
  });

  it.each(fromStoreRollup.map((r) => [JSON.stringify(r), r] as const))('reads %s from the store rollup', (_, request) => {
    expect(reads(retail, request)).toEqual(['marts.agg_sales_daily']);
    expect(reads(withoutRollups, request)).toEqual(['marts.fct_sales']);
  });

  it('counts orders from the rollup as the sum of its first-line columns, per category where the request fixes one', () => {
    expect(compileKpis(retail, { metrics: ['orders'], grain: 'month', by: ['region'] }).sql).toContain('sum(t."first_lines")');
    expect(compileKpis(retail, { metrics: ['orders'], grain: 'month', by: ['store'] }).sql).toContain('sum(t."first_lines")');
    expect(compileKpis(retail, { metrics: ['orders'], grain: 'month', by: ['category'] }).sql).toContain('sum(t."first_in_category_lines")');
    expect(compileKpis(retail, { metrics: ['orders'], filters: { category: 'food' } }).sql).toContain('sum(t."first_in_category_lines")');
  });

  it.each(fromFact.map((r) => [JSON.stringify(r), r] as const))('reads %s from the fact', (_, request) => {
    expect(chooseRollup(retail, retail.facts.sales, request.metrics, request)).toBeUndefined();
    expect(reads(retail, request)).toEqual(['marts.fct_sales']);
  });
});

describe.each(backends)('rollup answers equal the fact on %s', (backend) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse(backend));
    await insertBusinessRows(warehouse, generateBusinessRows());
    await build(warehouse);
  });
  afterAll(async () => cleanup?.());

  it.each([...fromRollup, ...fromFact].map((r) => [JSON.stringify(r), r] as const))('%s', async (_, request) => {
    const [got, want] = [await kpis(warehouse, retail, request), await kpis(warehouse, withoutRollups, request)];
    const rows = got.frame.toRecords();
    const expected = want.frame.toRecords();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBe(expected.length);
    rows.forEach((row, k) => {
      for (const [column, value] of Object.entries(expected[k])) {
        if (typeof value === 'number') expect(row[column] as number, `${column} row ${k}`).toBeCloseTo(value, 9);
        else expect(row[column], `${column} row ${k}`).toEqual(value);
      }
    });
  });
});
