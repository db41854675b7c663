-- Customers, one row per customer.
-- materialized: view
SELECT customer_id, name AS customer_name, city, region, signup_date
FROM raw.customers
