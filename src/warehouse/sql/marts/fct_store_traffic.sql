-- Visitors per store and day.
-- materialized: table
-- indexes: day
SELECT store_id, day, visitors
FROM staging.stg_store_traffic
