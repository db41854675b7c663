-- Vehicle sales: units and revenue = units * unit price (tax excluded).
-- materialized: table
-- indexes: sale_date
SELECT sale_id, sale_date, dealer_id, model_id, units, price, units * price AS revenue
FROM staging.stg_vehicle_sales
