-- Vehicle sales: units at a unit price, tax excluded.
-- materialized: view
SELECT sale_id, sale_date, dealer_id, model_id, units, price::numeric AS price
FROM raw.vehicle_sales
