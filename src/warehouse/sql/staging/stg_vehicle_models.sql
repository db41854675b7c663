-- Vehicle models sold by the dealers.
-- materialized: view
SELECT model_id, brand, model, segment, list_price::numeric AS list_price
FROM raw.vehicle_models
