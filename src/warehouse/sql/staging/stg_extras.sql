-- Extras (temporary receptionists) of the staffing agency.
-- materialized: view
SELECT extra_id, name AS extra_name, city, hired_on
FROM raw.extras
