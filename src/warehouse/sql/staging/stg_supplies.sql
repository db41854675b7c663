-- Supplies received from suppliers, with their cost.
-- materialized: view
SELECT supply_id, received_on, product_id, supplier, quantity::numeric AS quantity, unit_cost::numeric AS unit_cost
FROM raw.supplies
