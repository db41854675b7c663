-- Visitors per store and day.
-- materialized: table
SELECT store_id, day, visitors
FROM staging.stg_store_traffic
