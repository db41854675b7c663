-- Daily visitors counted at each store door.
-- materialized: view
SELECT store_id, day, visitors
FROM raw.store_traffic
