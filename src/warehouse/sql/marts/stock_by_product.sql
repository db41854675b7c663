-- Current stock per product (the logistics report): on hand from all movements, total
-- received and shipped, last movement, and days of cover = on hand / average units shipped
-- per day over the last 28 days of data (null when nothing was shipped).
-- materialized: table
WITH last_day AS (SELECT max(day) AS d FROM marts.fct_stock_daily),
moves AS (
  SELECT product_id,
         sum(quantity) AS on_hand,
         coalesce(sum(quantity) FILTER (WHERE kind = 'receipt'), 0) AS received,
         coalesce(-sum(quantity) FILTER (WHERE kind = 'shipment'), 0) AS shipped,
         max(moved_on) AS last_movement
  FROM staging.stg_stock_movements
  GROUP BY product_id
),
recent AS (
  SELECT s.product_id, sum(s.shipped) AS shipped_28d
  FROM marts.fct_stock_daily s, last_day l
  WHERE s.day > l.d - 28
  GROUP BY s.product_id
)
SELECT p.product_id, p.product_name, p.category, p.perishable,
       coalesce(m.on_hand, 0) AS on_hand,
       coalesce(m.received, 0) AS received,
       coalesce(m.shipped, 0) AS shipped,
       m.last_movement,
       round(coalesce(m.on_hand, 0) / NULLIF(r.shipped_28d / 28.0, 0), 1) AS days_of_cover
FROM staging.stg_products p
LEFT JOIN moves m ON m.product_id = p.product_id
LEFT JOIN recent r ON r.product_id = p.product_id
