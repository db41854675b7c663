-- Vehicle model dimension.
-- materialized: table
SELECT model_id, brand, model, segment, list_price FROM staging.stg_vehicle_models
