-- Order lines as sold: one row per (order_id, line_no).
-- materialized: view
SELECT order_id, line_no, order_date, store_id, product_id, customer_id,
       quantity::numeric AS quantity, unit_price::numeric AS unit_price, discount::numeric AS discount
FROM raw.order_lines
