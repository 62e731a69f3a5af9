-- mysql suite: partition-wise aggregation and joins over foreign partitions
-- of one server.  Each partition's aggregate (full, or the partial states
-- that PostgreSQL combines where the aggregate allows it) and each join of
-- matching partitions is computed remotely.  Every query is run on the
-- foreign tables (schema pw_f) and on identical local tables (schema pw_l)
-- and must return the same rows.

-- sales and items are partitioned by region alike; sales region 3 is an
-- empty remote table, items region 3 is a local table
CREATE SCHEMA pw_f;
CREATE TABLE pw_f.sales (region int, id int, grp int, amt int, f float8, name text)
  PARTITION BY LIST (region);
CREATE FOREIGN TABLE pw_f.sales_1 PARTITION OF pw_f.sales FOR VALUES IN (1)
  SERVER mysql_svr OPTIONS (dbname 'fdw_pwise', table_name 'sales_1');
CREATE FOREIGN TABLE pw_f.sales_2 PARTITION OF pw_f.sales FOR VALUES IN (2)
  SERVER mysql_svr OPTIONS (dbname 'fdw_pwise', table_name 'sales_2');
CREATE FOREIGN TABLE pw_f.sales_3 PARTITION OF pw_f.sales FOR VALUES IN (3)
  SERVER mysql_svr OPTIONS (dbname 'fdw_pwise', table_name 'sales_3');
CREATE TABLE pw_f.items (region int, id int, qty int, tag text)
  PARTITION BY LIST (region);
CREATE FOREIGN TABLE pw_f.items_1 PARTITION OF pw_f.items FOR VALUES IN (1)
  SERVER mysql_svr OPTIONS (dbname 'fdw_pwise', table_name 'items_1');
CREATE FOREIGN TABLE pw_f.items_2 PARTITION OF pw_f.items FOR VALUES IN (2)
  SERVER mysql_svr OPTIONS (dbname 'fdw_pwise', table_name 'items_2');
CREATE TABLE pw_f.items_3 PARTITION OF pw_f.items FOR VALUES IN (3);
INSERT INTO pw_f.items VALUES (3, 5001, 1, 'v0'), (3, 5002, 2, 'v1');

CREATE SCHEMA pw_l;
CREATE TABLE pw_l.sales (LIKE pw_f.sales) PARTITION BY LIST (region);
CREATE TABLE pw_l.sales_1 PARTITION OF pw_l.sales FOR VALUES IN (1);
CREATE TABLE pw_l.sales_2 PARTITION OF pw_l.sales FOR VALUES IN (2);
CREATE TABLE pw_l.sales_3 PARTITION OF pw_l.sales FOR VALUES IN (3);
CREATE TABLE pw_l.items (LIKE pw_f.items) PARTITION BY LIST (region);
CREATE TABLE pw_l.items_1 PARTITION OF pw_l.items FOR VALUES IN (1);
CREATE TABLE pw_l.items_2 PARTITION OF pw_l.items FOR VALUES IN (2);
CREATE TABLE pw_l.items_3 PARTITION OF pw_l.items FOR VALUES IN (3);
INSERT INTO pw_l.sales SELECT * FROM pw_f.sales;
INSERT INTO pw_l.items SELECT * FROM pw_f.items;
SELECT (SELECT count(*) FROM pw_l.sales) AS sales, (SELECT count(*) FROM pw_l.items) AS items;
ANALYZE pw_f.sales, pw_f.items, pw_l.sales, pw_l.items;

-- the plan's nodes and what each scan sends (the Output lines differ
-- between majors and say nothing about what is pushed).  A remote join's
-- aliases rN number the range table entries, which with GROUP BY count one
-- more from PostgreSQL 18 on (the grouping's): shown as ra, rb, ... in the
-- order of the FROM clause.
CREATE FUNCTION pw_plan(q text) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE line text; a text; i int;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || q LOOP
    IF line !~ '^\s+[A-Z][A-Za-z ]*:' OR line ~ '^\s+(Relations|Remote SQL):' THEN
      i := 0;
      FOR a IN SELECT t.m[1] FROM regexp_matches(line, '` (r[0-9]+)\M', 'g')
                 WITH ORDINALITY AS t(m, n) ORDER BY t.n LOOP
        line := regexp_replace(line, '\m' || a || '\M', 'r' || chr(97 + i), 'g');
        i := i + 1;
      END LOOP;
      RETURN NEXT line;
    END IF;
  END LOOP;
END $$;

-- q on the foreign tables and on the local ones: how many rows, and how
-- many differ (rows of one result missing from the other, counted with
-- their duplicates; rows compared as their text)
CREATE FUNCTION pw_same(q text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE n bigint; d bigint;
BEGIN
  PERFORM set_config('search_path', 'pw_f', true);
  EXECUTE 'CREATE TEMP TABLE pw_rf AS SELECT q::text AS r FROM (' || q || ') q';
  PERFORM set_config('search_path', 'pw_l', true);
  EXECUTE 'CREATE TEMP TABLE pw_rl AS SELECT q::text AS r FROM (' || q || ') q';
  PERFORM set_config('search_path', 'public', true);
  SELECT count(*) INTO n FROM pw_rf;
  SELECT count(*) INTO d FROM ((TABLE pw_rf EXCEPT ALL TABLE pw_rl)
                               UNION ALL (TABLE pw_rl EXCEPT ALL TABLE pw_rf)) x;
  DROP TABLE pw_rf, pw_rl;
  RETURN format('%s rows, %s differ', n, d);
END $$;

SET enable_partitionwise_aggregate = on;
SET enable_partitionwise_join = on;
SET search_path = pw_f, public;

-- full partition-wise aggregation (GROUP BY holds the partition key): each
-- partition's groups are computed remotely, HAVING too
SELECT pw_plan('SELECT region, count(*), sum(amt), min(amt), max(amt) FROM sales GROUP BY region');
SELECT region, count(*), sum(amt), min(amt), max(amt) FROM sales GROUP BY region ORDER BY region;
SELECT pw_same('SELECT region, count(*), sum(amt), min(amt), max(amt) FROM sales GROUP BY region');
SELECT pw_plan('SELECT region, grp, count(*), sum(f) FROM sales GROUP BY region, grp HAVING sum(amt) > 20000');
SELECT pw_same('SELECT region, grp, count(*), sum(f) FROM sales GROUP BY region, grp HAVING sum(amt) > 20000');
-- avg is split into its remote sum and count, as without partitions
SELECT pw_plan('SELECT region, avg(amt), count(id) FROM sales GROUP BY region');
SELECT pw_same('SELECT region, avg(amt), count(id) FROM sales GROUP BY region');
-- an aggregate that cannot be pushed: each partition is aggregated here
SELECT pw_plan('SELECT region, string_agg(name, '','' ORDER BY id), count(*) FROM sales GROUP BY region');
SELECT pw_same('SELECT region, string_agg(name, '','' ORDER BY id), count(*) FROM sales GROUP BY region');

-- partial partition-wise aggregation (GROUP BY without the partition key):
-- each partition returns its partial states, PostgreSQL combines them in
-- the Finalize Aggregate; groups and NULL groups span both regions
SELECT pw_plan('SELECT grp, count(*), count(name), sum(amt), min(amt), max(amt), sum(f), max(f) FROM sales GROUP BY grp');
SELECT grp, count(*), count(name), sum(amt), min(amt), max(amt), sum(f), max(f)
  FROM sales GROUP BY grp ORDER BY grp;
SELECT pw_same('SELECT grp, count(*), count(name), sum(amt), min(amt), max(amt), sum(f), max(f) FROM sales GROUP BY grp');
-- HAVING is checked on the combined groups, never on a partition's
SELECT pw_plan('SELECT grp, sum(amt) FROM sales GROUP BY grp HAVING sum(amt) > 30000 AND count(*) > 50');
SELECT grp, sum(amt) FROM sales GROUP BY grp HAVING sum(amt) > 30000 AND count(*) > 50 ORDER BY grp;
SELECT pw_same('SELECT grp, sum(amt) FROM sales GROUP BY grp HAVING sum(amt) > 30000 AND count(*) > 50');
-- without GROUP BY: one partial row per partition, the empty one's too
SELECT pw_plan('SELECT count(*), count(grp), sum(amt), min(f), max(id) FROM sales');
SELECT count(*), count(grp), sum(amt), min(f), max(id) FROM sales;
SELECT pw_same('SELECT count(*), count(grp), sum(amt), min(f), max(id) FROM sales');
SELECT pw_same('SELECT count(*), sum(amt), max(id) FROM sales WHERE region = 3 OR id < 0');
-- grouped by an expression, and output computed over the groups
SELECT pw_plan('SELECT amt % 7, count(*), max(amt) - min(amt) FROM sales GROUP BY amt % 7');
SELECT pw_same('SELECT amt % 7, count(*), max(amt) - min(amt) FROM sales GROUP BY amt % 7');
-- a key that is redundant (equal to a constant) is still a remote key
SELECT pw_plan('SELECT amt % 3, grp, count(*) FROM sales WHERE grp = 1 GROUP BY amt % 3, grp');
SELECT pw_same('SELECT amt % 3, grp, count(*) FROM sales WHERE grp = 1 GROUP BY amt % 3, grp');
SELECT pw_same('SELECT grp, count(*), sum(amt) FROM sales WHERE grp = 1 GROUP BY grp');
-- no group at all: no row (not one row of a count of 0)
SELECT pw_same('SELECT count(*), sum(amt) FROM sales WHERE grp = 99 GROUP BY grp');
-- the least and greatest string (by its bytes), and the boolean aggregates
SELECT pw_same('SELECT min(name), max(name), count(*) FROM sales GROUP BY grp');
SELECT pw_same('SELECT grp, bool_and(amt > 0), bool_or(amt > 700), every(id > 3) FROM sales GROUP BY grp');
-- states that only PostgreSQL can combine: avg's (a sum and a count in an
-- internal state), sum of bigint; string_agg's; count(DISTINCT) can't be
-- split.  The partial stage stays local over each partition's scan.
SELECT pw_plan('SELECT grp, avg(amt), count(*) FROM sales GROUP BY grp');
SELECT pw_same('SELECT grp, avg(amt), count(*) FROM sales GROUP BY grp');
SELECT pw_plan('SELECT grp, sum(id::bigint), max(amt) FROM sales GROUP BY grp');
SELECT pw_same('SELECT grp, sum(id::bigint), max(amt) FROM sales GROUP BY grp');
SELECT pw_plan('SELECT grp, string_agg(name, '','' ORDER BY name, id), count(*) FROM sales GROUP BY grp');
SELECT pw_same('SELECT grp, string_agg(name, '','' ORDER BY name, id), count(*) FROM sales GROUP BY grp');
SELECT pw_same('SELECT grp, count(DISTINCT amt % 10) FROM sales GROUP BY grp');

-- partition-wise joins: each pair of foreign partitions is one remote
-- join; region 3 pairs a foreign with a local partition and is joined here
SELECT pw_plan('SELECT s.id, s.amt, i.qty FROM sales s JOIN items i ON s.region = i.region AND s.id = i.id WHERE s.amt > 0');
SELECT pw_same('SELECT s.id, s.amt, i.qty FROM sales s JOIN items i ON s.region = i.region AND s.id = i.id WHERE s.amt > 0');
SELECT pw_plan('SELECT s.id, i.tag FROM sales s LEFT JOIN items i ON s.region = i.region AND s.id = i.id WHERE s.id % 50 = 0');
SELECT s.id, i.tag FROM sales s LEFT JOIN items i ON s.region = i.region AND s.id = i.id
  WHERE s.id % 50 = 0 ORDER BY s.id LIMIT 8;
SELECT pw_same('SELECT s.id, i.tag FROM sales s LEFT JOIN items i ON s.region = i.region AND s.id = i.id');
-- a join condition that cannot be sent (initcap): joined here, partition
-- by partition, over the remote scans
SELECT pw_plan('SELECT s.id, i.tag FROM sales s LEFT JOIN items i ON s.region = i.region AND s.id = i.id AND initcap(i.tag) <> ''T1''');
SELECT pw_same('SELECT s.id, i.tag FROM sales s LEFT JOIN items i ON s.region = i.region AND s.id = i.id AND initcap(i.tag) <> ''T1''');
-- aggregation over the partition-wise join, full and partial
SELECT pw_plan('SELECT s.region, count(*), sum(i.qty) FROM sales s JOIN items i ON s.region = i.region AND s.id = i.id GROUP BY s.region');
SELECT pw_same('SELECT s.region, count(*), sum(i.qty) FROM sales s JOIN items i ON s.region = i.region AND s.id = i.id GROUP BY s.region');
SELECT pw_plan('SELECT i.qty, count(*), max(s.amt) FROM sales s JOIN items i ON s.region = i.region AND s.id = i.id GROUP BY i.qty');
SELECT pw_same('SELECT i.qty, count(*), max(s.amt) FROM sales s JOIN items i ON s.region = i.region AND s.id = i.id GROUP BY i.qty');

-- without partition-wise aggregation the partitions are scanned and
-- aggregated here, as before
SET enable_partitionwise_aggregate = off;
SELECT pw_plan('SELECT grp, count(*) FROM sales GROUP BY grp');
RESET enable_partitionwise_aggregate;
RESET enable_partitionwise_join;
RESET search_path;
DROP FUNCTION pw_plan(text);
DROP FUNCTION pw_same(text);
DROP SCHEMA pw_f, pw_l CASCADE;
