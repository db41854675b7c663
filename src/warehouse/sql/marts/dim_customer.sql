-- Customer dimension.
-- materialized: table
SELECT customer_id, customer_name, city, region, signup_date
FROM staging.stg_customers
