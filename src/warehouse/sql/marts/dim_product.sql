-- Product dimension.
-- materialized: table
SELECT product_id, product_name, category, unit_cost, list_price, perishable
FROM staging.stg_products
