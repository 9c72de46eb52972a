-- The teradata-migration lab's queries in Teradata SQL, on the TPC-H tables of database tpch.
-- Each statement is named by a "-- name:" comment. row_counts is the verification query: the source VM
-- runs it on Teradata and reports the counts, `labs run teradata-migration` runs its translation on
-- BigQuery and compares. The others are TPC-H queries written with Teradata idioms to translate.
DATABASE tpch;

-- name: row_counts
SELECT 'region' AS table_name, CAST(COUNT(*) AS BIGINT) AS row_count FROM region
UNION ALL SELECT 'nation', CAST(COUNT(*) AS BIGINT) FROM nation
UNION ALL SELECT 'part', CAST(COUNT(*) AS BIGINT) FROM part
UNION ALL SELECT 'supplier', CAST(COUNT(*) AS BIGINT) FROM supplier
UNION ALL SELECT 'partsupp', CAST(COUNT(*) AS BIGINT) FROM partsupp
UNION ALL SELECT 'customer', CAST(COUNT(*) AS BIGINT) FROM customer
UNION ALL SELECT 'orders', CAST(COUNT(*) AS BIGINT) FROM orders
UNION ALL SELECT 'lineitem', CAST(COUNT(*) AS BIGINT) FROM lineitem;

-- name: q1_pricing_summary
SEL l_returnflag, l_linestatus,
  SUM(l_quantity) AS sum_qty,
  SUM(l_extendedprice) AS sum_base_price,
  SUM(l_extendedprice * (1 - l_discount)) AS sum_disc_price,
  SUM(l_extendedprice * (1 - l_discount) * (1 + l_tax)) AS sum_charge,
  AVG(l_quantity) AS avg_qty,
  AVG(l_discount) AS avg_disc,
  COUNT(*) AS count_order
FROM lineitem
WHERE l_shipdate <= DATE '1998-12-01' - 90
GROUP BY l_returnflag, l_linestatus
ORDER BY l_returnflag, l_linestatus;

-- name: q3_shipping_priority
SELECT TOP 10 l_orderkey,
  SUM(l_extendedprice * (1 - l_discount)) AS revenue,
  o_orderdate, o_shippriority
FROM customer, orders, lineitem
WHERE c_mktsegment = 'BUILDING'
  AND c_custkey = o_custkey
  AND l_orderkey = o_orderkey
  AND o_orderdate < DATE '1995-03-15'
  AND l_shipdate > DATE '1995-03-15'
GROUP BY l_orderkey, o_orderdate, o_shippriority
ORDER BY revenue DESC, o_orderdate;

-- name: q5_local_supplier_volume
SEL n_name, SUM(l_extendedprice * (1 - l_discount)) AS revenue
FROM customer, orders, lineitem, supplier, nation, region
WHERE c_custkey = o_custkey
  AND l_orderkey = o_orderkey
  AND l_suppkey = s_suppkey
  AND c_nationkey = s_nationkey
  AND s_nationkey = n_nationkey
  AND n_regionkey = r_regionkey
  AND r_name = 'ASIA'
  AND o_orderdate >= DATE '1994-01-01'
  AND o_orderdate < ADD_MONTHS(DATE '1994-01-01', 12)
GROUP BY n_name
ORDER BY revenue DESC;

-- name: q6_forecast_revenue_change
SELECT SUM(l_extendedprice * l_discount) AS revenue
FROM lineitem
WHERE l_shipdate >= DATE '1994-01-01'
  AND l_shipdate < ADD_MONTHS(DATE '1994-01-01', 12)
  AND l_discount BETWEEN 0.05 AND 0.07
  AND l_quantity < 24;

-- name: q10_returned_items
SELECT TOP 20 c_custkey, c_name,
  SUM(l_extendedprice * (1 - l_discount)) AS revenue,
  c_acctbal, n_name, c_address, c_phone, c_comment
FROM customer, orders, lineitem, nation
WHERE c_custkey = o_custkey
  AND l_orderkey = o_orderkey
  AND o_orderdate >= DATE '1993-10-01'
  AND o_orderdate < ADD_MONTHS(DATE '1993-10-01', 3)
  AND l_returnflag = 'R'
  AND c_nationkey = n_nationkey
GROUP BY c_custkey, c_name, c_acctbal, c_phone, n_name, c_address, c_comment
ORDER BY revenue DESC;

-- name: q12_shipping_modes
SEL l_shipmode,
  SUM(CASE WHEN o_orderpriority = '1-URGENT' OR o_orderpriority = '2-HIGH' THEN 1 ELSE 0 END) AS high_line_count,
  SUM(CASE WHEN o_orderpriority <> '1-URGENT' AND o_orderpriority <> '2-HIGH' THEN 1 ELSE 0 END) AS low_line_count
FROM orders, lineitem
WHERE o_orderkey = l_orderkey
  AND l_shipmode IN ('MAIL', 'SHIP')
  AND l_commitdate < l_receiptdate
  AND l_shipdate < l_commitdate
  AND l_receiptdate >= DATE '1994-01-01'
  AND l_receiptdate < ADD_MONTHS(DATE '1994-01-01', 12)
GROUP BY l_shipmode
ORDER BY l_shipmode;

-- name: supplier_orders_by_year
SELECT s.s_name, EXTRACT(YEAR FROM o.o_orderdate) AS order_year, COUNT(*) AS line_count
FROM supplier s
INNER JOIN lineitem l ON l.l_suppkey = s.s_suppkey
INNER JOIN orders o ON o.o_orderkey = l.l_orderkey
INNER JOIN part p ON p.p_partkey = l.l_partkey
WHERE p.p_size MOD 10 = 0
GROUP BY 1, 2
QUALIFY ROW_NUMBER() OVER (PARTITION BY order_year ORDER BY line_count DESC) <= 3
ORDER BY order_year, line_count DESC;
