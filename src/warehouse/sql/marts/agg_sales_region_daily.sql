-- Sales summed per day, region and product category, from agg_sales_daily: the retail model's
-- smaller rollup, for the requests that cut by region and category only (the dashboard's
-- chain-wide and regional views), a store count times smaller than agg_sales_daily.
-- materialized: table
-- indexes: order_date
SELECT a.order_date, s.region, a.category,
       sum(a.order_lines) AS order_lines,
       sum(a.quantity) AS quantity,
       sum(a.revenue) AS revenue,
       sum(a.cost) AS cost,
       sum(a.margin) AS margin,
       sum(a.gross_amount) AS gross_amount,
       sum(a.discount) AS discount,
       sum(a.tax) AS tax,
       sum(a.first_lines) AS first_lines,
       sum(a.first_in_category_lines) AS first_in_category_lines
FROM marts.agg_sales_daily a
LEFT JOIN marts.dim_store s ON s.store_id = a.store_id
GROUP BY a.order_date, s.region, a.category
ORDER BY a.order_date, s.region, a.category
