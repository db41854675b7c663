-- Hotels the staffing agency serves.
-- materialized: view
SELECT hotel_id, name AS hotel_name, city, region
FROM raw.hotels
