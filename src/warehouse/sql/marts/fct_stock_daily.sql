-- Stock per product and day: received, shipped, adjusted, on hand at the end of the day,
-- and whether the product was out of stock (on hand <= 0).
-- materialized: table
-- indexes: day
SELECT product_id, day, received, shipped, adjusted, on_hand, (on_hand <= 0) AS stockout
FROM intermediate.int_stock_daily
