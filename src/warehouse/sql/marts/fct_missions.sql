-- Missions, one row each: status, hours, and revenue billed = hours * hourly rate for done missions.
-- materialized: table
-- indexes: mission_date
SELECT mission_id, hotel_id, extra_id, mission_date, status, hours, hourly_rate,
       CASE WHEN status = 'done' THEN hours * hourly_rate ELSE 0 END AS revenue
FROM staging.stg_missions
