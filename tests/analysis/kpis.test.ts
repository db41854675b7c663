import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, kpis, retail, staffing, vehicles, type Warehouse } from '../../src/index.js';
import { backends, testWarehouse } from '../helpers/backends.js';
import { generateBusinessRows, insertBusinessRows, type BusinessRows } from '../fixtures/analysis/business-rows.js';

/*
 * Every built-in KPI against an independent computation in TypeScript over the same
 * generated rows (tests/fixtures/analysis/business-rows.ts), on both backends.
 */

type Row = Record<string, unknown>;
const month = (day: string): string => `${day.slice(0, 7)}-01`;
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

function groupBy<T>(items: T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

/** Asserts `rows` (from kpis) hold exactly the keys of `expected`, each metric within 1e-9 relative. */
function expectMatches(rows: Row[], keyOf: (r: Row) => string, expected: Map<string, Record<string, number | null>>): void {
  expect(rows.map(keyOf).sort()).toEqual([...expected.keys()].sort());
  for (const row of rows) {
    const want = expected.get(keyOf(row))!;
    for (const [metric, value] of Object.entries(want)) {
      const got = row[metric] as number | null;
      if (value === null) expect(got, `${keyOf(row)} ${metric}`).toBeNull();
      else expect(Math.abs((got as number) - value), `${keyOf(row)} ${metric}: got ${got}, want ${value}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(value)));
    }
  }
}

function retailSalesExpected(data: BusinessRows): Map<string, Record<string, number | null>> {
  const store = new Map(data.stores.map((s) => [s.store_id, s]));
  const product = new Map(data.products.map((p) => [p.product_id, p]));
  const lines = groupBy(data.order_lines, (l) => `${month(l.order_date)}|${store.get(l.store_id)!.region}`);
  const traffic = groupBy(data.store_traffic, (t) => `${month(t.day)}|${store.get(t.store_id)!.region}`);
  const out = new Map<string, Record<string, number | null>>();
  for (const key of new Set([...lines.keys(), ...traffic.keys()])) {
    const ls = lines.get(key) ?? [];
    const revenue = sum(ls.map((l) => l.quantity * l.unit_price - l.discount));
    const cost = sum(ls.map((l) => l.quantity * product.get(l.product_id)!.unit_cost));
    const gross = sum(ls.map((l) => l.quantity * l.unit_price));
    const discount = sum(ls.map((l) => l.discount));
    const orders = new Set(ls.map((l) => l.order_id)).size;
    const visitors = sum((traffic.get(key) ?? []).map((t) => t.visitors));
    out.set(key, {
      revenue, units: sum(ls.map((l) => l.quantity)), orders, order_lines: ls.length,
      average_basket: ratio(revenue, orders), cost, gross_margin: revenue - cost, margin_rate: ratio(revenue - cost, revenue),
      gross_sales: gross, discount, discount_rate: ratio(discount, gross),
      tax_collected: sum(ls.map((l) => (l.quantity * l.unit_price - l.discount) * store.get(l.store_id)!.tax_rate)),
      visitors, conversion_rate: ratio(orders, visitors), revenue_per_visitor: ratio(revenue, visitors),
    });
  }
  return out;
}

function stockExpected(data: BusinessRows): Map<string, Record<string, number | null>> {
  const lastDay = [...data.stock_movements.map((m) => m.moved_on), ...data.order_lines.map((l) => l.order_date)].sort().at(-1)!;
  const firstDay = data.stock_movements.map((m) => m.moved_on).sort()[0];
  const days: string[] = [];
  for (let d = new Date(`${firstDay}T00:00:00Z`); d.toISOString().slice(0, 10) <= lastDay; d.setUTCDate(d.getUTCDate() + 1)) days.push(d.toISOString().slice(0, 10));
  // on hand of each product at the end of each day (all products start on the first day here)
  const onHand = new Map<string, number>();
  for (const p of data.products) {
    let running = 0;
    for (const day of days) {
      running += sum(data.stock_movements.filter((m) => m.product_id === p.product_id && m.moved_on === day).map((m) => m.quantity));
      onHand.set(`${p.product_id}|${day}`, running);
    }
  }
  const out = new Map<string, Record<string, number | null>>();
  for (const [m, monthDays] of groupBy(days, month)) {
    const last = monthDays.at(-1)!;
    const stock = sum(data.products.map((p) => onHand.get(`${p.product_id}|${last}`)!));
    const shipped = -sum(data.stock_movements.filter((x) => x.kind === 'shipment' && month(x.moved_on) === m).map((x) => x.quantity));
    const received = sum(data.stock_movements.filter((x) => x.kind === 'receipt' && month(x.moved_on) === m).map((x) => x.quantity));
    const stockouts = data.products.flatMap((p) => monthDays.filter((d) => onHand.get(`${p.product_id}|${d}`)! <= 0)).length;
    const daily = shipped / monthDays.length;
    out.set(m, { stock_on_hand: stock, units_shipped: shipped, units_received: received, stockout_days: stockouts, daily_units_shipped: daily, days_of_cover: ratio(stock, daily) });
  }
  return out;
}

describe.each(backends)('built-in KPIs on %s', (backend) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  const data = generateBusinessRows(7, 70);
  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse(backend));
    await insertBusinessRows(warehouse, data);
    const report = await build(warehouse);
    expect(report.ok).toBe(true);
  });
  afterAll(() => cleanup());

  it('kpis(retail) sales and traffic KPIs by month and region equal a TypeScript computation over the same rows', async () => {
    const metrics = ['revenue', 'units', 'orders', 'order_lines', 'average_basket', 'cost', 'gross_margin', 'margin_rate', 'gross_sales', 'discount', 'discount_rate', 'tax_collected', 'visitors', 'conversion_rate', 'revenue_per_visitor'];
    const { frame } = await kpis(warehouse, retail, { metrics, grain: 'month', by: ['region'] });
    expect(frame.columns).toEqual(['period', 'region', ...metrics]);
    expect(frame.dtypes.map(String)).toEqual(['DataType(String)', 'DataType(String)', ...metrics.map(() => 'DataType(Float64)')]);
    expectMatches(frame.toRecords(), (r) => `${String(r.period)}|${String(r.region)}`, retailSalesExpected(data));
  });

  it('kpis(retail) conversion_rate is null for a store with no visitors, never Infinity', async () => {
    const { frame } = await kpis(warehouse, retail, { metrics: ['orders', 'visitors', 'conversion_rate'], by: ['store'] });
    const rows = frame.toRecords() as Row[];
    const s4 = rows.find((r) => r.store === 'S4')!;
    expect(s4.orders as number).toBeGreaterThan(0); // S4 sells (fixture) but has no traffic rows
    expect(s4.visitors).toBe(0);
    expect(s4.conversion_rate).toBeNull();
    const s1 = rows.find((r) => r.store === 'S1')!;
    const s1Orders = new Set(data.order_lines.filter((l) => l.store_id === 'S1').map((l) => l.order_id)).size;
    expect(s1.conversion_rate).toBeCloseTo(s1Orders / sum(data.store_traffic.filter((t) => t.store_id === 'S1').map((t) => t.visitors)), 12);
  });

  it('kpis(retail) stock KPIs by month equal the running sum of movements computed in TypeScript', async () => {
    const metrics = ['stock_on_hand', 'units_shipped', 'units_received', 'stockout_days', 'daily_units_shipped', 'days_of_cover'];
    const { frame } = await kpis(warehouse, retail, { metrics, grain: 'month' });
    expectMatches(frame.toRecords(), (r) => String(r.period), stockExpected(data));
  });

  it('kpis(retail) supply cost splits into perishable and not, and the parts add up', async () => {
    const { frame } = await kpis(warehouse, retail, { metrics: ['supply_cost', 'supply_cost_perishable', 'supply_cost_non_perishable', 'supply_units'] });
    const perishable = new Set(data.products.filter((p) => p.perishable).map((p) => p.product_id));
    const cost = (f: (id: string) => boolean) => sum(data.supplies.filter((s) => f(s.product_id)).map((s) => s.quantity * s.unit_cost));
    const expected = new Map([['all', { supply_cost: cost(() => true), supply_cost_perishable: cost((id) => perishable.has(id)), supply_cost_non_perishable: cost((id) => !perishable.has(id)), supply_units: sum(data.supplies.map((s) => s.quantity)) }]]);
    expectMatches(frame.toRecords(), () => 'all', expected);
  });

  it('kpis(vehicles) units, revenue, average price and market share by region and model equal a TypeScript computation', async () => {
    const { frame } = await kpis(warehouse, vehicles, { metrics: ['units_sold', 'sales', 'revenue', 'average_price', 'market_share'], by: ['region', 'model'] });
    const dealer = new Map(data.dealers.map((d) => [d.dealer_id, d.region]));
    const model = new Map(data.vehicle_models.map((m) => [m.model_id, m.model]));
    const regionUnits = groupBy(data.vehicle_sales, (s) => dealer.get(s.dealer_id)!);
    const expected = new Map<string, Record<string, number | null>>();
    for (const [key, sales] of groupBy(data.vehicle_sales, (s) => `${dealer.get(s.dealer_id)}|${model.get(s.model_id)}`)) {
      const units = sum(sales.map((s) => s.units));
      const revenue = sum(sales.map((s) => s.units * s.price));
      const inRegion = sum(regionUnits.get(key.split('|')[0])!.map((s) => s.units));
      expected.set(key, { units_sold: units, sales: sales.length, revenue, average_price: revenue / units, market_share: units / inRegion });
    }
    expectMatches(frame.toRecords(), (r) => `${String(r.region)}|${String(r.model)}`, expected);
  });

  it('kpis(staffing) every KPI by month and region equals a TypeScript computation', async () => {
    const metrics = ['missions', 'all_missions', 'assigned_missions', 'cancelled_missions', 'hours', 'fill_rate', 'cancellation_rate', 'active_extras', 'hotels', 'missions_per_hotel', 'revenue'];
    const { frame } = await kpis(warehouse, staffing, { metrics, grain: 'month', by: ['region'] });
    const hotel = new Map(data.hotels.map((h) => [h.hotel_id, h.region]));
    const expected = new Map<string, Record<string, number | null>>();
    for (const [key, ms] of groupBy(data.missions, (m) => `${month(m.mission_date)}|${hotel.get(m.hotel_id)}`)) {
      const live = ms.filter((m) => m.status !== 'cancelled');
      const assigned = ms.filter((m) => m.extra_id !== null).length;
      const cancelled = ms.length - live.length;
      const hotels = new Set(live.map((m) => m.hotel_id)).size;
      expected.set(key, {
        missions: live.length, all_missions: ms.length, assigned_missions: assigned, cancelled_missions: cancelled,
        hours: sum(live.map((m) => m.hours)), fill_rate: ratio(assigned, ms.length), cancellation_rate: ratio(cancelled, ms.length),
        active_extras: new Set(live.filter((m) => m.extra_id !== null).map((m) => m.extra_id)).size, hotels,
        missions_per_hotel: ratio(live.length, hotels), revenue: sum(ms.filter((m) => m.status === 'done').map((m) => m.hours * m.hourly_rate)),
      });
    }
    expectMatches(frame.toRecords(), (r) => `${String(r.period)}|${String(r.region)}`, expected);
  });

  it('kpis(retail, { grain: week }) starts ISO weeks on Monday', async () => {
    const { frame } = await kpis(warehouse, retail, { metrics: ['revenue'], grain: 'week', to: '2024-01-31' });
    const periods = frame.getColumn('period').toArray() as string[];
    expect(periods).toEqual(['2024-01-01', '2024-01-08', '2024-01-15', '2024-01-22', '2024-01-29']); // Mondays of January 2024
    const firstWeek = sum(data.order_lines.filter((l) => l.order_date <= '2024-01-07').map((l) => l.quantity * l.unit_price - l.discount));
    expect(frame.getColumn('revenue').toArray()[0]).toBeCloseTo(firstWeek, 9);
  });

  it('kpis(compare: previous_period) gives value, previous, delta and delta_pct per month', async () => {
    const { frame } = await kpis(warehouse, retail, { metrics: ['revenue'], grain: 'month', from: '2024-02-01', compare: 'previous_period' });
    const rows = frame.toRecords() as Row[];
    const byMonth = retailSalesExpected(data);
    const monthRevenue = (m: string) => sum(['Nord', 'Sud'].map((r) => (byMonth.get(`${m}|${r}`)?.revenue as number) ?? 0));
    expect(rows.map((r) => r.period)).toEqual(['2024-02-01', '2024-03-01']);
    expect(rows[0].revenue_previous).toBeCloseTo(monthRevenue('2024-01-01'), 9);
    expect(rows[1].revenue_delta).toBeCloseTo(monthRevenue('2024-03-01') - monthRevenue('2024-02-01'), 9);
    expect(rows[1].revenue_delta_pct).toBeCloseTo((monthRevenue('2024-03-01') - monthRevenue('2024-02-01')) / monthRevenue('2024-02-01'), 12);
  });

  it('kpis(grain none, compare: previous_period) compares a range with the same number of days just before', async () => {
    const { frame } = await kpis(warehouse, staffing, { metrics: ['missions'], from: '2024-02-01', to: '2024-02-14', compare: 'previous_period' });
    const live = data.missions.filter((m) => m.status !== 'cancelled');
    const count = (a: string, b: string) => live.filter((m) => m.mission_date >= a && m.mission_date <= b).length;
    expect(frame.toRecords()).toEqual([{
      missions: count('2024-02-01', '2024-02-14'), missions_previous: count('2024-01-18', '2024-01-31'),
      missions_delta: count('2024-02-01', '2024-02-14') - count('2024-01-18', '2024-01-31'),
      missions_delta_pct: (count('2024-02-01', '2024-02-14') - count('2024-01-18', '2024-01-31')) / count('2024-01-18', '2024-01-31'),
    }]);
  });

  it('kpis(share: true) gives each model its share of units within its region', async () => {
    const { frame } = await kpis(warehouse, vehicles, { metrics: ['units_sold'], by: ['region', 'model'], share: true });
    const rows = frame.toRecords() as Row[];
    for (const region of ['Nord', 'Sud']) expect(sum(rows.filter((r) => r.region === region).map((r) => r.units_sold_share as number))).toBeCloseTo(1, 12);
  });

  it('kpis(filters) keeps matching rows, and a value carrying SQL is only a value that matches nothing', async () => {
    const nord = await kpis(warehouse, retail, { metrics: ['revenue'], filters: { region: 'Nord' } });
    const want = sum(data.order_lines.filter((l) => ['S1', 'S2'].includes(l.store_id)).map((l) => l.quantity * l.unit_price - l.discount));
    expect(nord.frame.getColumn('revenue').toArray()[0]).toBeCloseTo(want, 9);
    expect(nord.params).toContain('Nord');
    const sneaky = await kpis(warehouse, retail, { metrics: ['revenue'], filters: { region: "Nord' OR '1'='1" } });
    expect(sneaky.frame.height).toBe(0);
    expect(sneaky.sql).not.toContain("'1'='1");
  });

  it('kpis over a period without data returns zero rows, not an error', async () => {
    const { frame } = await kpis(warehouse, retail, { metrics: ['revenue', 'conversion_rate'], grain: 'month', by: ['region'], from: '2030-01-01', to: '2030-12-31' });
    expect(frame.height).toBe(0);
    expect(frame.columns).toEqual(['period', 'region', 'revenue', 'conversion_rate']);
    const totals = await kpis(warehouse, retail, { metrics: ['revenue'], from: '2030-01-01', to: '2030-12-31' });
    expect(totals.frame.height).toBe(0);
  });
});
