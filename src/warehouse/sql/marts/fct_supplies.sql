-- Supplies received, with their cost (quantity * unit cost) and the product's perishable flag.
-- materialized: table
-- indexes: received_on
SELECT s.supply_id, s.received_on, s.product_id, s.supplier, s.quantity, s.unit_cost,
       s.quantity * s.unit_cost AS supply_cost, p.perishable
FROM staging.stg_supplies s
LEFT JOIN staging.stg_products p ON p.product_id = s.product_id
