-- Products, one row per product; price and unit cost tax excluded.
-- materialized: view
SELECT product_id, name AS product_name, category, unit_cost::numeric AS unit_cost, price::numeric AS list_price, perishable
FROM raw.products
