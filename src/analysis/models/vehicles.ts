import type { SemanticModel } from '../model.js';

/**
 * Car dealers over the marts: units sold, revenue, average price and market share
 * (share of units within the period and the `by` dimensions but the last: by region and
 * model, the share of each model in its region).
 *
 * @example
 * (await kpis(warehouse, vehicles, { metrics: ['market_share'], by: ['region', 'model'] })).frame.columns; // => ['region', 'model', 'market_share']
 */
export const vehicles: SemanticModel = {
  name: 'vehicles',
  description: 'Car dealers: vehicle sales by model, dealer and region',
  facts: {
    sales: {
      table: 'marts.fct_vehicle_sales',
      time: 'sale_date',
      joins: {
        d: { table: 'marts.dim_dealer', on: { dealer_id: 'dealer_id' } },
        m: { table: 'marts.dim_vehicle_model', on: { model_id: 'model_id' } },
      },
      dimensions: {
        dealer: 'dealer_id', dealer_name: 'd.dealer_name', region: 'd.region',
        model_id: 'model_id', model: 'm.model', brand: 'm.brand', segment: 'm.segment',
      },
    },
  },
  measures: {
    units_sold: { agg: 'sum', column: 'units', format: 'integer', description: 'vehicles sold' },
    sales: { agg: 'count', description: 'sale records' },
    revenue: { agg: 'sum', column: 'revenue', format: 'money', description: 'units × price, tax excluded' },
    average_price: { ratio: ['revenue', 'units_sold'], format: 'money', description: 'revenue / units sold' },
    market_share: { shareOf: 'units_sold', format: 'percent', description: 'units sold / units sold of the group (period and by dimensions but the last)' },
  },
};
