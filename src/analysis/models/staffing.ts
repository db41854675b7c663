import type { SemanticModel } from '../model.js';

const live = "t.status <> 'cancelled'";

/**
 * The staffing agency over the marts: receptionist missions in hotels. `missions` counts
 * missions not cancelled (planned, assigned or done); fill rate = assigned (assigned or
 * done) / missions; cancellation rate = cancelled / all missions; revenue = hours × rate of
 * missions done.
 *
 * @example
 * (await kpis(warehouse, staffing, { metrics: ['missions'], grain: 'week' })).frame.columns; // => ['period', 'missions']
 */
export const staffing: SemanticModel = {
  name: 'staffing',
  description: 'Staffing agency: receptionist missions placed in hotels',
  facts: {
    missions: {
      table: 'marts.fct_missions',
      time: 'mission_date',
      // missions are booked weeks ahead: only done or cancelled ones are final
      settled: "t.status IN ('done', 'cancelled')",
      joins: { h: { table: 'marts.dim_hotel', on: { hotel_id: 'hotel_id' } } },
      dimensions: { hotel: 'hotel_id', hotel_name: 'h.hotel_name', region: 'h.region', city: 'h.city', status: 'status', extra: 'extra_id' },
    },
  },
  measures: {
    missions: { agg: 'count', filter: live, description: 'missions not cancelled' },
    all_missions: { agg: 'count', description: 'missions whatever their status' },
    assigned_missions: { agg: 'count', filter: 't.extra_id IS NOT NULL', description: 'missions an extra was assigned to, whatever happened after' },
    cancelled_missions: { agg: 'count', filter: "t.status = 'cancelled'", description: 'missions cancelled' },
    hours: { agg: 'sum', column: 'hours', filter: live, description: 'hours of missions not cancelled' },
    fill_rate: { ratio: ['assigned_missions', 'all_missions'], format: 'percent', description: 'missions staffed / missions requested (cancellations included)' },
    cancellation_rate: { ratio: ['cancelled_missions', 'all_missions'], format: 'percent', description: 'cancelled / all missions' },
    active_extras: { agg: 'count_distinct', column: 'extra_id', filter: live, description: 'distinct extras on missions not cancelled' },
    hotels: { agg: 'count_distinct', column: 'hotel_id', filter: live, description: 'distinct hotels with missions not cancelled' },
    missions_per_hotel: { ratio: ['missions', 'hotels'], description: 'missions / hotels with missions' },
    revenue: { agg: 'sum', column: 'revenue', format: 'money', description: 'hours × hourly rate of missions done' },
  },
};
