-- Calendar: one row per day between the first and the last date of any business fact.
-- Weeks are ISO weeks (Monday first).
-- materialized: table
WITH days AS (
  SELECT order_date AS d FROM staging.stg_order_lines
  UNION ALL SELECT day FROM staging.stg_store_traffic
  UNION ALL SELECT moved_on FROM staging.stg_stock_movements
  UNION ALL SELECT received_on FROM staging.stg_supplies
  UNION ALL SELECT sale_date FROM staging.stg_vehicle_sales
  UNION ALL SELECT mission_date FROM staging.stg_missions
),
bounds AS (SELECT min(d) AS first_day, max(d) AS last_day FROM days)
SELECT g::date AS date_day,
       date_trunc('week', g)::date AS week_start,
       date_trunc('month', g)::date AS month_start,
       date_trunc('quarter', g)::date AS quarter_start,
       date_trunc('year', g)::date AS year_start,
       extract(isoyear FROM g)::int AS iso_year,
       extract(week FROM g)::int AS iso_week,
       extract(isodow FROM g)::int AS iso_day_of_week
FROM bounds b
CROSS JOIN LATERAL generate_series(b.first_day::timestamp, b.last_day::timestamp, interval '1 day') g
WHERE b.first_day IS NOT NULL
