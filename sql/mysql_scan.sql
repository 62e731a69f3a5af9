-- mysql suite: scans.  Column projection and WHERE pushdown (shown with
-- EXPLAIN VERBOSE), streaming in batches, the remote SQL of a rescan with
-- parameters, ANALYZE, awkward identifiers.  (Scans sharing one connection,
-- rescans, cursors: core_behaviour.sql.)

CREATE FOREIGN TABLE big (id int, v text, grp int)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', fetch_size '1000');
CREATE TABLE big_local AS SELECT g AS id, 'row-' || g AS v, g % 10 AS grp
  FROM generate_series(1, 200000) g;

-- only the needed columns are fetched; shippable quals go remote
EXPLAIN (VERBOSE, COSTS OFF) SELECT v FROM big WHERE id < 5;
SELECT v FROM big WHERE id < 5 ORDER BY id;
EXPLAIN (VERBOSE, COSTS OFF) SELECT count(*) FROM big;
SELECT count(*), sum(id), count(DISTINCT grp) FROM big;
-- the whole table streams through batches: same result as local
SELECT count(*) FROM (SELECT * FROM big EXCEPT SELECT * FROM big_local) d;
SELECT count(*) FROM (SELECT * FROM big_local EXCEPT SELECT * FROM big) d;
-- a fetch_size of 1 and a huge one give the same rows
ALTER FOREIGN TABLE big OPTIONS (SET fetch_size '1');
SELECT sum(id), max(v) FROM big WHERE id <= 1000;
ALTER FOREIGN TABLE big OPTIONS (SET fetch_size '100000');
SELECT sum(id), max(v) FROM big WHERE id <= 1000;
ALTER FOREIGN TABLE big OPTIONS (SET fetch_size '1000');

-- expressions: pushed when MySQL computes the same, local otherwise
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM big WHERE id % 1000 = 0 AND id / 2 > 50000 AND -id > -150000;
SELECT id FROM big WHERE id % 1000 = 0 AND id / 2 > 50000 AND -id > -150000 ORDER BY id;
-- division by a column could be x/0, which MySQL answers with NULL: local
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM big WHERE 100 / grp = 50;
SELECT count(*) FROM big WHERE grp <> 0 AND 100 / grp = 50;
-- string comparisons are sent as byte comparisons (MySQL's collation would
-- ignore case): the results are PostgreSQL's
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM big WHERE v = 'row-7';
SELECT id FROM big WHERE v = 'ROW-7';
SELECT id FROM big WHERE v = 'row-7';
-- mutable functions stay local
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM big WHERE id > random() * 0 + 199998;
-- IN lists, IS NULL, boolean logic
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM big WHERE id IN (1, 5, 7) OR (id > 199998 AND v IS NOT NULL) OR id IS NULL;
SELECT id FROM big WHERE id IN (1, 5, 7) OR (id > 199998 AND v IS NOT NULL) OR id IS NULL ORDER BY id;
SELECT id FROM big WHERE id <> ALL ('{1,2,3}') AND id < 6 ORDER BY id;
SELECT id FROM big WHERE NOT (id > 3) ORDER BY id;

-- rescans: parameters from the outer side are sent with each execution
EXPLAIN (VERBOSE, COSTS OFF)
SELECT g, x.v FROM generate_series(1, 5) g, LATERAL (SELECT v FROM big WHERE id = g * 1000 LIMIT 1) x;
SELECT g, x.v FROM generate_series(1, 5) g, LATERAL (SELECT v FROM big WHERE id = g * 1000 LIMIT 1) x;

-- ANALYZE samples the remote table
ANALYZE big;
SELECT reltuples FROM pg_class WHERE relname = 'big';
SELECT attname, n_distinct FROM pg_stats WHERE tablename = 'big' AND attname = 'grp';
-- the estimate comes from the sample: about 20000 of 200000 rows
CREATE FUNCTION explain_rows(q text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  EXECUTE 'EXPLAIN ' || q INTO r;
  RETURN (regexp_match(r, 'rows=(\d+)'))[1]::int;
END $$;
SELECT explain_rows('SELECT * FROM big WHERE grp = 3') BETWEEN 15000 AND 25000 AS estimate_ok;

-- use_remote_estimate asks MySQL's optimizer
ALTER FOREIGN TABLE big OPTIONS (ADD use_remote_estimate 'true');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM big WHERE id < 100;
SELECT count(*) FROM big WHERE id < 100;
ALTER FOREIGN TABLE big OPTIONS (DROP use_remote_estimate);

-- identifiers with backticks, quotes, spaces and non-ASCII letters
CREATE FOREIGN TABLE weird (id int, "col `x""" text, "ünï" int)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'we`ird "tab" ñame');
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM weird WHERE "ünï" > 10;
SELECT * FROM weird ORDER BY id;
SELECT * FROM weird WHERE "ünï" > 10;

-- string constants with quotes and backslashes are sent intact
CREATE FOREIGN TABLE strs_eq (id int, c text)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'strs');
SELECT id FROM strs_eq WHERE c = E'q''"\\';

-- the remote transaction follows the local one; an error aborts both
BEGIN;
SELECT count(*) FROM big WHERE id <= 5;
SELECT count(*) FROM nosuchtable_local;
ROLLBACK;
SELECT count(*) FROM big WHERE id <= 5;

-- statement_timeout interrupts a slow remote query (KILL QUERY), quickly,
-- and the connection serves the next query
CREATE FOREIGN TABLE slow (s int) SERVER mysql_svr OPTIONS (dbname 'fdw_regress');
SET statement_timeout = '500ms';
SELECT clock_timestamp() AS t0 \gset
SELECT * FROM slow;
RESET statement_timeout;
SELECT clock_timestamp() - :'t0'::timestamptz < interval '4 seconds' AS interrupted_quickly;
SELECT count(*) FROM big WHERE id <= 5;
