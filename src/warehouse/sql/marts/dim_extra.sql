-- Extra dimension.
-- materialized: table
SELECT extra_id, extra_name, city, hired_on FROM staging.stg_extras
