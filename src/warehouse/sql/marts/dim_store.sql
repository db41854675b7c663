-- Store dimension.
-- materialized: table
SELECT store_id, store_name, city, region, tax_rate, opened_on
FROM staging.stg_stores
