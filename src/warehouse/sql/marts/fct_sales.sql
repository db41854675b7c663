-- Sales at order-line grain. revenue = quantity * unit_price - discount (tax excluded),
-- cost = quantity * the product's unit cost, margin = revenue - cost,
-- tax = revenue * the store's tax rate. order_key numbers the orders 1..n (same order, same
-- key): counting distinct integers is several times faster than counting distinct texts.
-- is_first_line is 1 on the order's first line (lowest line_no), 0 on the others: summing it
-- counts orders, exactly, over any group in which every order's lines all fall (by date,
-- store, customer; not by product), without a distinct count. is_first_in_category is 1 on the
-- order's first line in each product category: summing it counts orders by category.
-- materialized: table
-- indexes: order_date
SELECT l.order_id, dense_rank() OVER (ORDER BY l.order_id)::int AS order_key,
       (row_number() OVER (PARTITION BY l.order_id ORDER BY l.line_no) = 1)::int AS is_first_line,
       (row_number() OVER (PARTITION BY l.order_id, p.category ORDER BY l.line_no) = 1)::int AS is_first_in_category,
       l.line_no, l.order_date, l.store_id, l.product_id, l.customer_id,
       l.quantity, l.unit_price, l.discount,
       l.quantity * l.unit_price AS gross_amount,
       l.quantity * l.unit_price - l.discount AS revenue,
       l.quantity * p.unit_cost AS cost,
       l.quantity * l.unit_price - l.discount - l.quantity * p.unit_cost AS margin,
       (l.quantity * l.unit_price - l.discount) * s.tax_rate AS tax
FROM staging.stg_order_lines l
LEFT JOIN staging.stg_products p ON p.product_id = l.product_id
LEFT JOIN staging.stg_stores s ON s.store_id = l.store_id
ORDER BY l.order_date, l.store_id
