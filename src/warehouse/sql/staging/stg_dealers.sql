-- Car dealers.
-- materialized: view
SELECT dealer_id, name AS dealer_name, region
FROM raw.dealers
