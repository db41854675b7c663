-- Dealer dimension.
-- materialized: table
SELECT dealer_id, dealer_name, region FROM staging.stg_dealers
