-- Stock of each product (all locations together) on every day from its first movement
-- to the last day seen anywhere in the retail data: movements of the day, and on hand
-- at the end of the day (running sum of the signed movements).
-- materialized: view
WITH bounds AS (
  SELECT max(d) AS last_day FROM (
    SELECT max(moved_on) AS d FROM staging.stg_stock_movements
    UNION ALL SELECT max(order_date) FROM staging.stg_order_lines
  ) s
),
daily AS (
  SELECT product_id, moved_on AS day,
         sum(quantity) FILTER (WHERE kind = 'receipt') AS received,
         -sum(quantity) FILTER (WHERE kind = 'shipment') AS shipped,
         sum(quantity) FILTER (WHERE kind = 'adjustment') AS adjusted,
         sum(quantity) AS net
  FROM staging.stg_stock_movements
  GROUP BY product_id, moved_on
),
spans AS (
  SELECT product_id, min(day) AS first_day FROM daily GROUP BY product_id
),
grid AS (
  SELECT s.product_id, g::date AS day
  FROM spans s CROSS JOIN bounds b
  CROSS JOIN LATERAL generate_series(s.first_day::timestamp, b.last_day::timestamp, interval '1 day') g
)
SELECT g.product_id, g.day,
       coalesce(d.received, 0) AS received,
       coalesce(d.shipped, 0) AS shipped,
       coalesce(d.adjusted, 0) AS adjusted,
       sum(coalesce(d.net, 0)) OVER (PARTITION BY g.product_id ORDER BY g.day) AS on_hand
FROM grid g
LEFT JOIN daily d ON d.product_id = g.product_id AND d.day = g.day
