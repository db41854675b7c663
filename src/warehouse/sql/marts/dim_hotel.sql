-- Hotel dimension.
-- materialized: table
SELECT hotel_id, hotel_name, city, region FROM staging.stg_hotels
