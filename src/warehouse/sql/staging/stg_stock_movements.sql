-- Stock movements, signed: receipts +, shipments -, adjustments either way.
-- materialized: view
SELECT movement_id, moved_on, product_id, store_id, kind, quantity::numeric AS quantity
FROM raw.stock_movements
