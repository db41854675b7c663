import type { SemanticModel } from '../model.js';

const storeJoin = { table: 'marts.dim_store', on: { store_id: 'store_id' } };
const productJoin = { table: 'marts.dim_product', on: { product_id: 'product_id' } };
/** The sales columns both rollups sum (`*`: the lines they count). */
const salesSums = {
  '*': 'order_lines', quantity: 'quantity', revenue: 'revenue', cost: 'cost', margin: 'margin',
  gross_amount: 'gross_amount', discount: 'discount', tax: 'tax',
  is_first_line: 'first_lines', is_first_in_category: 'first_in_category_lines',
};

/**
 * The retail chain over the marts (run `build` first): sales at line grain, daily store
 * traffic, daily stock per product, supplies. Revenue, cost and margin are tax excluded.
 * Store dimensions (store, region, city) reach sales and traffic; product dimensions
 * (product, category, perishable) reach sales, stock and supplies.
 *
 * @example
 * (await kpis(warehouse, retail, { metrics: ['conversion_rate'], by: ['region'] })).frame.columns; // => ['region', 'conversion_rate']
 */
export const retail: SemanticModel = {
  name: 'retail',
  description: 'Retail chain: sales, store traffic, stock and supplies',
  facts: {
    sales: {
      table: 'marts.fct_sales',
      time: 'order_date',
      joins: { s: storeJoin, p: productJoin, c: { table: 'marts.dim_customer', on: { customer_id: 'customer_id' } } },
      dimensions: {
        store: 'store_id', store_name: 's.store_name', region: 's.region', city: 's.city',
        product: 'product_id', product_name: 'p.product_name', category: 'p.category', perishable: 'p.perishable',
        customer: 'customer_id', customer_region: 'c.region',
      },
      // Sales summed per day, region and category (marts.agg_sales_region_daily), then per day,
      // store and category (marts.agg_sales_daily): what the dashboard's period, region, store and
      // category views ask for, read from tables many times smaller than the lines, in date order.
      rollups: [
        {
          table: 'marts.agg_sales_region_daily',
          time: 'order_date',
          dimensions: { region: 'region', category: 'category' },
          sums: salesSums,
        },
        {
          table: 'marts.agg_sales_daily',
          time: 'order_date',
          joins: { s: storeJoin },
          dimensions: { store: 'store_id', store_name: 's.store_name', region: 's.region', city: 's.city', category: 'category' },
          sums: salesSums,
        },
      ],
    },
    traffic: {
      table: 'marts.fct_store_traffic',
      time: 'day',
      joins: { s: storeJoin },
      dimensions: { store: 'store_id', store_name: 's.store_name', region: 's.region', city: 's.city' },
    },
    stock: {
      table: 'marts.fct_stock_daily',
      time: 'day',
      joins: { p: productJoin },
      dimensions: { product: 'product_id', product_name: 'p.product_name', category: 'p.category', perishable: 'p.perishable' },
    },
    supplies: {
      table: 'marts.fct_supplies',
      time: 'received_on',
      joins: { p: productJoin },
      dimensions: { product: 'product_id', product_name: 'p.product_name', category: 'p.category', perishable: 'perishable', supplier: 'supplier' },
    },
  },
  measures: {
    revenue: { fact: 'sales', agg: 'sum', column: 'revenue', format: 'money', description: 'sum of quantity × unit price − discount, tax excluded' },
    units: { fact: 'sales', agg: 'sum', column: 'quantity', format: 'integer', description: 'units sold' },
    orders: {
      fact: 'sales',
      agg: 'count_distinct',
      column: 'order_key',
      // An order's lines share its date, store and customer (not its products): by those,
      // orders are counted as the sum of is_first_line; by category, as the sum of
      // is_first_in_category; by product, exactly distinct.
      firstRow: 'is_first_line',
      constantWithin: ['order_date', 'store', 'store_name', 'region', 'city', 'customer', 'customer_region'],
      firstRowPer: [{ column: 'is_first_in_category', per: ['category'] }],
      description: 'distinct orders',
    },
    order_lines: { fact: 'sales', agg: 'count', description: 'order lines' },
    average_basket: { ratio: ['revenue', 'orders'], format: 'money', description: 'revenue per order' },
    cost: { fact: 'sales', agg: 'sum', column: 'cost', format: 'money', description: 'quantity × product unit cost' },
    gross_margin: { fact: 'sales', agg: 'sum', column: 'margin', format: 'money', description: 'revenue − cost' },
    margin_rate: { ratio: ['gross_margin', 'revenue'], format: 'percent', description: 'gross margin / revenue' },
    gross_sales: { fact: 'sales', agg: 'sum', column: 'gross_amount', format: 'money', description: 'quantity × unit price, before discount' },
    discount: { fact: 'sales', agg: 'sum', column: 'discount', format: 'money', description: 'discounts granted' },
    discount_rate: { ratio: ['discount', 'gross_sales'], format: 'percent', description: 'discount / sales before discount' },
    tax_collected: { fact: 'sales', agg: 'sum', column: 'tax', format: 'money', description: 'revenue × store tax rate' },
    visitors: { fact: 'traffic', agg: 'sum', column: 'visitors', format: 'integer', description: 'store visitors' },
    conversion_rate: { ratio: ['orders', 'visitors'], format: 'percent', description: 'orders / visitors (null without visitors)' },
    revenue_per_visitor: { ratio: ['revenue', 'visitors'], format: 'money', description: 'revenue / visitors' },
    stock_on_hand: { fact: 'stock', agg: 'last', column: 'on_hand', format: 'integer', description: 'units on hand at the last day of the period' },
    units_received: { fact: 'stock', agg: 'sum', column: 'received', format: 'integer', description: 'units received (stock movements)' },
    units_shipped: { fact: 'stock', agg: 'sum', column: 'shipped', format: 'integer', description: 'units shipped (stock movements)' },
    daily_units_shipped: {
      fact: 'stock',
      sql: 'sum(t.shipped)::numeric / NULLIF(count(DISTINCT t.day), 0)',
      description: 'units shipped per day of the period',
    },
    days_of_cover: { ratio: ['stock_on_hand', 'daily_units_shipped'], description: 'stock on hand / units shipped per day' },
    stockout_days: { fact: 'stock', agg: 'count', filter: 't.on_hand <= 0', description: 'product-days with nothing on hand' },
    supply_cost: { fact: 'supplies', agg: 'sum', column: 'supply_cost', format: 'money', description: 'quantity × unit cost of supplies received' },
    supply_cost_perishable: { fact: 'supplies', agg: 'sum', column: 'supply_cost', filter: 't.perishable', format: 'money', description: 'supply cost of perishable products' },
    supply_cost_non_perishable: { fact: 'supplies', agg: 'sum', column: 'supply_cost', filter: 'NOT t.perishable', format: 'money', description: 'supply cost of other products' },
    supply_units: { fact: 'supplies', agg: 'sum', column: 'quantity', format: 'integer', description: 'units supplied' },
  },
};
