-- Sales summed per day, store and product category: the rollup the retail model reads for the
-- requests it answers exactly (by period, store, region, city, category; sums, line counts and
-- orders as sums of the first-line flags). One row per (order_date, store_id, category), written
-- in date order so that a date range reads neighbouring pages.
-- materialized: table
-- indexes: order_date
SELECT f.order_date, f.store_id, p.category,
       count(*) AS order_lines,
       sum(f.quantity) AS quantity,
       sum(f.revenue) AS revenue,
       sum(f.cost) AS cost,
       sum(f.margin) AS margin,
       sum(f.gross_amount) AS gross_amount,
       sum(f.discount) AS discount,
       sum(f.tax) AS tax,
       sum(f.is_first_line) AS first_lines,
       sum(f.is_first_in_category) AS first_in_category_lines
FROM marts.fct_sales f
LEFT JOIN marts.dim_product p ON p.product_id = f.product_id
GROUP BY f.order_date, f.store_id, p.category
ORDER BY f.order_date, f.store_id, p.category
