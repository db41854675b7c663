-- Stores of the retail chain, one row per store.
-- materialized: view
SELECT store_id, name AS store_name, city, region, tax_rate::numeric AS tax_rate, opened_on
FROM raw.stores
