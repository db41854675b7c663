-- Receptionist missions, whatever their status.
-- materialized: view
SELECT mission_id, hotel_id, extra_id, mission_date, status, hours::numeric AS hours, hourly_rate::numeric AS hourly_rate
FROM raw.missions
