-- mysql suite: what is pushed down, shown with EXPLAIN (VERBOSE, COSTS OFF)
-- next to the result, and compared with the same query on local copies.
-- Cases that must NOT be pushed are shown too.
\getenv mysql_host MYSQL_HOST
\getenv mysql_port MYSQL_PORT
\getenv mysql_user MYSQL_USER
\getenv mysql_password MYSQL_PASSWORD

CREATE FOREIGN TABLE p_big (id int NOT NULL, v text, grp int)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'big');
CREATE FOREIGN TABLE p_t1 (id int, name text)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 't1m');
CREATE FOREIGN TABLE p_strs (id int, c text, vc text)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'strs');
CREATE TABLE l_big AS SELECT * FROM p_big;
CREATE TABLE l_t1 AS SELECT * FROM p_t1;
CREATE TABLE l_strs AS SELECT * FROM p_strs;
ANALYZE p_big;
ANALYZE l_big;

-- a helper: does the foreign query return exactly the local query's rows?
CREATE FUNCTION same_rows(q_foreign text, q_local text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
  EXECUTE format('SELECT count(*) FROM ((%s EXCEPT ALL %s) UNION ALL (%s EXCEPT ALL %s)) d',
                 q_foreign, q_local, q_local, q_foreign) INTO n;
  RETURN n = 0;
END $$;

-- aggregates: count(*) is one remote COUNT(*)
EXPLAIN (VERBOSE, COSTS OFF) SELECT count(*) FROM p_big;
SELECT count(*) FROM p_big;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT grp, count(*), sum(id), min(id), max(id), count(DISTINCT id % 7)
  FROM p_big GROUP BY grp HAVING sum(id) > 1999950000;
SELECT same_rows(
  'SELECT grp, count(*), sum(id), min(id), max(id), count(DISTINCT id % 7) FROM p_big GROUP BY grp HAVING sum(id) > 1999950000',
  'SELECT grp, count(*), sum(id), min(id), max(id), count(DISTINCT id % 7) FROM l_big GROUP BY grp HAVING sum(id) > 1999950000');
-- grouping by an expression (never by position)
EXPLAIN (VERBOSE, COSTS OFF) SELECT id % 3, count(*) FROM p_big WHERE id < 100 GROUP BY id % 3;
SELECT id % 3 AS m, count(*) FROM p_big WHERE id < 100 GROUP BY id % 3 ORDER BY m;
-- avg of integers is numeric in PostgreSQL, rounded by MySQL: sent as SUM and
-- COUNT, divided here (more in mysql_pushdown_exprs)
EXPLAIN (VERBOSE, COSTS OFF) SELECT avg(id) FROM p_big;
SELECT avg(id) FROM p_big;
-- grouping by text: by the bytes of the strings, not MySQL's collation
EXPLAIN (VERBOSE, COSTS OFF) SELECT c, count(*) FROM p_strs GROUP BY c;
-- an aggregate that cannot be pushed keeps the whole aggregation local
EXPLAIN (VERBOSE, COSTS OFF) SELECT grp, string_agg(v, ',') FROM p_big WHERE id < 3 GROUP BY grp;

-- ORDER BY and LIMIT; NULLS LAST emulated unless the column is NOT NULL
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, v FROM p_big ORDER BY id DESC LIMIT 3;
SELECT id, v FROM p_big ORDER BY id DESC LIMIT 3;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_big ORDER BY grp DESC, id LIMIT 2 OFFSET 5;
SELECT id FROM p_big ORDER BY grp DESC, id LIMIT 2 OFFSET 5;
-- OFFSET without LIMIT
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_big WHERE id <= 20000 ORDER BY id OFFSET 19998;
SELECT id FROM p_big WHERE id <= 20000 ORDER BY id OFFSET 19998;
-- NULLs sort as PostgreSQL sorts them
CREATE FOREIGN TABLE p_ints (id int, ti int, i int, bi bigint)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'ints');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, ti FROM p_ints ORDER BY ti;
SELECT id, ti FROM p_ints ORDER BY ti;
SELECT id, ti FROM p_ints ORDER BY ti DESC;
SELECT id, ti FROM p_ints ORDER BY ti NULLS FIRST;
SELECT id, ti FROM p_ints ORDER BY ti DESC NULLS LAST;
-- ORDER BY text: by the strings' bytes, which is C.UTF-8's order
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_strs ORDER BY vc LIMIT 2;
-- aggregate, then order and limit, all remote
EXPLAIN (VERBOSE, COSTS OFF)
SELECT grp, count(*) FROM p_big GROUP BY grp ORDER BY grp DESC LIMIT 3;
SELECT grp, count(*) FROM p_big GROUP BY grp ORDER BY grp DESC LIMIT 3;
-- a LIMIT or OFFSET known only at execution (a parameter of a generic plan,
-- an initplan) is sent too, with PostgreSQL's checks: NULL is no limit, a
-- negative value the same error
SET plan_cache_mode = force_generic_plan;
PREPARE lim(bigint, bigint) AS SELECT id FROM p_big ORDER BY id LIMIT $1 OFFSET $2;
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE lim(3, 2);
EXECUTE lim(3, 2);
EXECUTE lim(NULL, 199997);
EXECUTE lim(2, NULL);
EXECUTE lim(-1, 0);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
EXECUTE lim(1, -1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DEALLOCATE lim;
PREPARE lim_int(int) AS SELECT grp, count(*) FROM p_big GROUP BY grp ORDER BY grp LIMIT $1 + 1;
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE lim_int(1);
EXECUTE lim_int(1);
DEALLOCATE lim_int;
-- a parameter value the remote cannot represent (NaN, infinity, a BC or
-- infinite date) is refused when sent, as constants are when planning
PREPARE p_nan(float8) AS SELECT count(*) FROM p_big WHERE id < $1;
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE p_nan(1);
EXECUTE p_nan(10.5);
EXECUTE p_nan('NaN');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
EXECUTE p_nan('-Infinity');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DEALLOCATE p_nan;
RESET plan_cache_mode;
-- (the plan's top node and remote SQL only: majors spell initplans differently)
CREATE FUNCTION plan_top(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE l text; n int := 0;
BEGIN
  FOR l IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || q LOOP
    n := n + 1;
    IF n = 1 OR l ~ 'Remote SQL' THEN RETURN NEXT l; END IF;
  END LOOP;
END $$;
SELECT plan_top('SELECT id FROM p_big ORDER BY id DESC LIMIT (SELECT count(*) FROM p_t1)');
SELECT id FROM p_big ORDER BY id DESC LIMIT (SELECT count(*) FROM p_t1);
DROP FUNCTION plan_top(text);
-- a volatile one is not
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_big LIMIT (random() * 0)::int;

-- joins of foreign tables on one server run remotely
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t.id, t.name, b.v FROM p_t1 t JOIN p_big b ON b.id = t.id;
SELECT t.id, t.name, b.v FROM p_t1 t JOIN p_big b ON b.id = t.id ORDER BY t.id;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t.id, b.v FROM p_t1 t LEFT JOIN p_big b ON b.id = t.id * 100000 AND b.grp = 0 WHERE t.id < 3;
SELECT t.id, b.v FROM p_t1 t LEFT JOIN p_big b ON b.id = t.id * 100000 AND b.grp = 0 WHERE t.id < 3 ORDER BY t.id;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t.id, b.id FROM p_big b RIGHT JOIN p_t1 t ON b.id = t.id + 199997;
SELECT t.id, b.id FROM p_big b RIGHT JOIN p_t1 t ON b.id = t.id + 199997 ORDER BY t.id;
-- MySQL has no FULL JOIN: computed locally
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t.id, s.id FROM p_t1 t FULL JOIN p_strs s ON s.id = t.id;
SELECT t.id, s.id FROM p_t1 t FULL JOIN p_strs s ON s.id = t.id ORDER BY 1, 2;
-- three tables, and an aggregate over the join
EXPLAIN (VERBOSE, COSTS OFF)
SELECT count(*), sum(b.id) FROM p_t1 t JOIN p_big b ON b.id = t.id JOIN p_strs s ON s.id = b.id;
SELECT count(*), sum(b.id) FROM p_t1 t JOIN p_big b ON b.id = t.id JOIN p_strs s ON s.id = b.id;
-- a condition on no column (pseudoconstant) is checked once, locally, and
-- never dropped: over a join, an aggregate of a join or of one table, an
-- outer join's ON, and a parameter of a generic plan (PostgreSQL 17 checks
-- it above a pushed join, 15 and 16 keep such a join local: the plans
-- differ, the rows may not)
SELECT count(*) FROM p_t1 t JOIN p_big b ON b.id = t.id WHERE current_date < DATE '2000-01-01';
SELECT t.id, b.v FROM p_t1 t JOIN p_big b ON b.id = t.id WHERE current_date < DATE '2000-01-01';
SELECT count(*), sum(id) FROM p_big WHERE current_date < DATE '2000-01-01';
SELECT grp, count(*) FROM p_big WHERE current_date < DATE '2000-01-01' GROUP BY grp;
SELECT same_rows(
  'SELECT t.id, b.v FROM p_t1 t LEFT JOIN p_big b ON b.id = t.id AND current_date < DATE ''2000-01-01''',
  'SELECT t.id, b.v FROM l_t1 t LEFT JOIN l_big b ON b.id = t.id AND current_date < DATE ''2000-01-01''');
SELECT same_rows(
  'SELECT t.id, b.v FROM p_t1 t JOIN p_big b ON b.id = t.id WHERE current_date > DATE ''2000-01-01''',
  'SELECT t.id, b.v FROM l_t1 t JOIN l_big b ON b.id = t.id WHERE current_date > DATE ''2000-01-01''');
SET plan_cache_mode = force_generic_plan;
PREPARE pseudo(int) AS
  SELECT count(*) FROM p_t1 t JOIN p_big b ON b.id = t.id WHERE $1 > 0;
EXECUTE pseudo(0);
EXECUTE pseudo(1);
DEALLOCATE pseudo;
RESET plan_cache_mode;
-- a join condition that cannot be shipped stays local, the join too for outer joins
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t.id FROM p_t1 t LEFT JOIN p_big b ON b.id = t.id AND random() > 2;
-- a grouping key on no column is left out of the remote GROUP BY (MySQL
-- would read GROUP BY 9 as a select-list position); with only such keys the
-- grouping stays local (no input rows: no group, where a remote aggregate
-- without GROUP BY returns one row)
EXPLAIN (VERBOSE, COSTS OFF) SELECT grp, count(*), 9 AS k FROM p_big GROUP BY grp, k;
SELECT same_rows('SELECT grp, count(*), 9 AS k FROM p_big GROUP BY grp, k',
                 'SELECT grp, count(*), 9 AS k FROM l_big GROUP BY grp, k');
SELECT count(*), 9 AS k FROM p_big GROUP BY k;
SELECT count(*), 'x' || 'y' AS k FROM p_big WHERE id < 0 GROUP BY k;
-- a select list applying a local-only function to grouping keys and
-- aggregates: the grouping is remote, initcap() runs over its rows
EXPLAIN (VERBOSE, COSTS OFF)
SELECT initcap(v), count(*) FROM p_big WHERE id < 50 GROUP BY v;
SELECT same_rows('SELECT initcap(v), count(*) FROM p_big WHERE id < 50 GROUP BY v',
                 'SELECT initcap(v), count(*) FROM l_big WHERE id < 50 GROUP BY v');
EXPLAIN (VERBOSE, COSTS OFF)
SELECT initcap(v || 'x') || sum(id), grp FROM p_big WHERE id < 50 GROUP BY v || 'x', grp;
SELECT same_rows('SELECT initcap(v || ''x'') || sum(id), grp FROM p_big WHERE id < 50 GROUP BY v || ''x'', grp',
                 'SELECT initcap(v || ''x'') || sum(id), grp FROM l_big WHERE id < 50 GROUP BY v || ''x'', grp');

-- parameterized scans: a nested loop sends each outer key to MySQL
CREATE TEMP TABLE keys AS SELECT g * 7 AS k FROM generate_series(1, 20) g;
ANALYZE keys;
SET enable_hashjoin = off;
SET enable_mergejoin = off;
EXPLAIN (VERBOSE, COSTS OFF) SELECT k, v FROM keys JOIN p_big ON p_big.id = keys.k;
SELECT same_rows('SELECT k, v FROM keys JOIN p_big ON p_big.id = keys.k',
                 'SELECT k, v FROM keys JOIN l_big ON l_big.id = keys.k');
RESET enable_hashjoin;
RESET enable_mergejoin;

-- strings are compared as bytes, as PostgreSQL does (MySQL alone would
-- ignore case and trailing spaces)
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_strs WHERE vc = 'Ünïcödé 😀';
SELECT id FROM p_strs WHERE vc = 'Ünïcödé 😀';
SELECT id FROM p_strs WHERE vc = 'ünïcödé 😀';
SELECT id FROM p_big WHERE v = 'ROW-7';
SELECT id FROM p_big WHERE v IN ('row-7', 'ROW-8') ORDER BY id;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_big WHERE v LIKE 'row-1_';
SELECT id FROM p_big WHERE v LIKE 'row-1_' ORDER BY id;
SELECT id FROM p_big WHERE v LIKE 'ROW-1_' ORDER BY id;
SELECT id FROM p_strs WHERE vc LIKE '_nïcödé _';
SELECT id FROM p_strs WHERE vc NOT LIKE '%o%' ORDER BY id;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_strs WHERE c || 'x' = 'abx' AND length(vc) > 3;
SELECT id FROM p_strs WHERE c || 'x' = 'abx' AND length(vc) > 3;
-- lower() follows different case tables: local
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_strs WHERE lower(vc) = 'x';
SELECT same_rows('SELECT id FROM p_strs WHERE c = ''ab'' OR vc = '''' OR vc LIKE ''%x''',
                 'SELECT id FROM l_strs WHERE c = ''ab'' OR vc = '''' OR vc LIKE ''%x''');

-- CASE, COALESCE, NULLIF
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM p_ints WHERE COALESCE(ti, 0) + CASE WHEN id > 1 THEN 1 ELSE 0 END = 128 OR NULLIF(id, 3) IS NULL;
SELECT id FROM p_ints WHERE COALESCE(ti, 0) + CASE WHEN id > 1 THEN 1 ELSE 0 END = 128 OR NULLIF(id, 3) IS NULL ORDER BY id;

-- use_remote_estimate asks MySQL for joins and aggregates too
ALTER SERVER mysql_svr OPTIONS (ADD use_remote_estimate 'true');
EXPLAIN (VERBOSE, COSTS OFF)
SELECT b.grp, count(*) FROM p_big c JOIN p_big b ON b.id = c.id GROUP BY b.grp;
SELECT b.grp, count(*) FROM p_big c JOIN p_big b ON b.id = c.id GROUP BY b.grp ORDER BY 1;
ALTER SERVER mysql_svr OPTIONS (DROP use_remote_estimate);

-- semi and anti joins become [NOT] EXISTS subqueries
EXPLAIN (VERBOSE, COSTS OFF) SELECT t.id FROM p_t1 t WHERE EXISTS (SELECT 1 FROM p_big b WHERE b.id = t.id * 2 AND b.grp = 4);
SELECT t.id FROM p_t1 t WHERE EXISTS (SELECT 1 FROM p_big b WHERE b.id = t.id * 2 AND b.grp = 4);
EXPLAIN (VERBOSE, COSTS OFF) SELECT t.id FROM p_t1 t WHERE NOT EXISTS (SELECT 1 FROM p_big b WHERE b.id = t.id * 2 AND b.grp = 4) AND t.id > 0;
SELECT t.id FROM p_t1 t WHERE NOT EXISTS (SELECT 1 FROM p_big b WHERE b.id = t.id * 2 AND b.grp = 4) AND t.id > 0;
EXPLAIN (VERBOSE, COSTS OFF) SELECT t.id, s.vc FROM p_t1 t JOIN p_strs s ON s.id = t.id WHERE t.id IN (SELECT id FROM p_big WHERE grp = 2) ;
SELECT t.id, s.vc FROM p_t1 t JOIN p_strs s ON s.id = t.id WHERE t.id IN (SELECT id FROM p_big WHERE grp = 2) ;
EXPLAIN (VERBOSE, COSTS OFF) SELECT count(*) FROM p_strs s WHERE NOT EXISTS (SELECT 1 FROM p_t1 t WHERE t.id = s.id);
SELECT count(*) FROM p_strs s WHERE NOT EXISTS (SELECT 1 FROM p_t1 t WHERE t.id = s.id);

-- row locks are taken remotely too
BEGIN;
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM p_t1 WHERE id = 1 FOR UPDATE;
SELECT * FROM p_t1 WHERE id = 1 FOR UPDATE;
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM p_t1 WHERE id = 1 FOR SHARE;
COMMIT;
-- a locking join runs remotely too, with a local join plan to recheck rows
-- (EvalPlanQual) built from the relations' whole rows, which MySQL sends
-- as their columns
BEGIN;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t.id, b.v FROM p_t1 t JOIN p_big b ON b.id = t.id WHERE t.id < 3 FOR UPDATE OF t;
SELECT t.id, b.v FROM p_t1 t JOIN p_big b ON b.id = t.id WHERE t.id < 3 FOR UPDATE OF t;
COMMIT;
-- whole rows in a join's output
EXPLAIN (VERBOSE, COSTS OFF) SELECT t, b.v FROM p_t1 t JOIN p_big b ON b.id = t.id;
SELECT t, b.v FROM p_t1 t JOIN p_big b ON b.id = t.id ORDER BY t.id;
-- ... but not of a relation an outer join may null-extend: a NULL row and a
-- row of NULLs would look the same
EXPLAIN (VERBOSE, COSTS OFF) SELECT t.id, b FROM p_t1 t LEFT JOIN p_big b ON b.id = t.id * 100000;
SELECT t.id, b FROM p_t1 t LEFT JOIN p_big b ON b.id = t.id * 100000 ORDER BY t.id;

-- integer arithmetic is guarded: MySQL computes int/smallint in BIGINT, so an
-- out-of-range result is turned into a remote error, as PostgreSQL raises one
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_ints WHERE ti + 1 > 0;
SELECT id FROM p_ints WHERE i + 1 > 0;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_ints WHERE CASE WHEN id > 1 THEN bi ELSE 0 END > 5;
SELECT id FROM p_ints WHERE CASE WHEN id > 1 THEN bi ELSE 0 END > 5;

-- grouping by a boolean: MySQL booleans are integers, so the key is (b <> 0)
CREATE FOREIGN TABLE p_nums (id int, bo boolean)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'nums');
EXPLAIN (VERBOSE, COSTS OFF) SELECT bo, count(*) FROM p_nums GROUP BY bo;
SELECT bo, count(*) FROM p_nums GROUP BY bo ORDER BY bo;

-- EDB mysql_fdw's switches turn one kind of pushdown off, on the server or
-- a table (a join is pushed only when both its tables allow it)
ALTER SERVER mysql_svr OPTIONS (ADD enable_join_pushdown 'false');
EXPLAIN (VERBOSE, COSTS OFF) SELECT t.id, b.v FROM p_t1 t JOIN p_big b ON b.id = t.id;
ALTER SERVER mysql_svr OPTIONS (DROP enable_join_pushdown);
ALTER FOREIGN TABLE p_big OPTIONS (ADD enable_join_pushdown 'false');
EXPLAIN (VERBOSE, COSTS OFF) SELECT t.id, b.v FROM p_t1 t JOIN p_big b ON b.id = t.id;
ALTER FOREIGN TABLE p_big OPTIONS (DROP enable_join_pushdown);
ALTER FOREIGN TABLE p_big OPTIONS (ADD enable_aggregate_pushdown 'false', ADD enable_order_by_pushdown 'false');
EXPLAIN (VERBOSE, COSTS OFF) SELECT grp, count(*) FROM p_big GROUP BY grp;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_big ORDER BY id LIMIT 2;
ALTER FOREIGN TABLE p_big OPTIONS (DROP enable_aggregate_pushdown, DROP enable_order_by_pushdown);
ALTER SERVER mysql_svr OPTIONS (ADD enable_limit_pushdown 'off');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_big ORDER BY id LIMIT 2;
ALTER SERVER mysql_svr OPTIONS (DROP enable_limit_pushdown);
ALTER SERVER mysql_svr OPTIONS (ADD enable_join_pushdown 'maybe');

-- remote sorts where the plan can use them, as postgres_fdw: each foreign
-- partition sorts for a Merge Append, a table sorts by its merge-join key
-- for a Merge Join, and a shippable prefix of ORDER BY feeds an
-- Incremental Sort
CREATE TABLE p_parts (id int, v text) PARTITION BY RANGE (id);
CREATE FOREIGN TABLE p_parts_lo PARTITION OF p_parts FOR VALUES FROM (1) TO (1001)
  SERVER mysql_svr OPTIONS (dbname 'fdw_parts', table_name 'part_lo');
CREATE FOREIGN TABLE p_parts_hi PARTITION OF p_parts FOR VALUES FROM (1001) TO (2001)
  SERVER mysql_svr OPTIONS (dbname 'fdw_parts', table_name 'part_hi');
CREATE TABLE l_parts AS SELECT * FROM p_parts;
ANALYZE p_parts_lo;
ANALYZE p_parts_hi;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, v FROM p_parts ORDER BY id DESC LIMIT 3;
SELECT id, v FROM p_parts ORDER BY id DESC LIMIT 3;
SELECT same_rows('SELECT id, v FROM p_parts WHERE id % 97 = 0',
                 'SELECT id, v FROM l_parts WHERE id % 97 = 0');
-- a second server: the join cannot be remote, its inputs are sorted there
CREATE SERVER mysql_svr_b FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host :'mysql_host', port :'mysql_port');
CREATE USER MAPPING FOR CURRENT_USER SERVER mysql_svr_b
  OPTIONS (username :'mysql_user', password :'mysql_password');
CREATE FOREIGN TABLE p_lo_b (id int, v text)
  SERVER mysql_svr_b OPTIONS (dbname 'fdw_parts', table_name 'part_lo');
ANALYZE p_lo_b;
SET enable_hashjoin = off;
SET enable_nestloop = off;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT a.id, b.v FROM p_parts_lo a JOIN p_lo_b b ON a.id = b.id WHERE a.id % 100 = 0;
SELECT same_rows('SELECT a.id, b.v FROM p_parts_lo a JOIN p_lo_b b ON a.id = b.id',
                 'SELECT a.id, b.v FROM l_parts a JOIN l_parts b ON a.id = b.id WHERE a.id <= 1000');
RESET enable_hashjoin;
RESET enable_nestloop;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id, v FROM p_parts_lo ORDER BY id, initcap(v) LIMIT 3;
SELECT id, v FROM p_parts_lo ORDER BY id, initcap(v) LIMIT 3;
DROP SERVER mysql_svr_b CASCADE;
DROP TABLE p_parts, l_parts;

-- LIKE on character(n): PostgreSQL matches the value blank-padded to n,
-- MySQL's CHAR comes back without trailing blanks; sent padded back (RPAD)
CREATE FOREIGN TABLE p_chars (id int, c char(5), vc varchar(10))
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'strs');
CREATE TABLE l_chars AS SELECT * FROM p_chars;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_chars WHERE c LIKE 'ab%';
SELECT id, c || '|' AS c FROM p_chars WHERE c LIKE 'a%' ORDER BY id;
SELECT same_rows('SELECT id FROM p_chars WHERE c LIKE ''ab''', 'SELECT id FROM l_chars WHERE c LIKE ''ab''');
SELECT same_rows('SELECT id FROM p_chars WHERE c LIKE ''%  ''', 'SELECT id FROM l_chars WHERE c LIKE ''%  ''');
SELECT same_rows('SELECT id FROM p_chars WHERE c NOT LIKE ''_____''', 'SELECT id FROM l_chars WHERE c NOT LIKE ''_____''');
SELECT same_rows('SELECT id FROM p_chars WHERE c LIKE ''%b%''', 'SELECT id FROM l_chars WHERE c LIKE ''%b%''');
-- the blank-padded semantics in one row: 'ab' LIKE 'ab' is false in char(5)
SELECT count(*) FROM l_chars WHERE c LIKE 'ab' AND c = 'ab';
-- bpchar without a length is not padded: not sent
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_chars WHERE c::bpchar LIKE 'ab%';
DROP TABLE l_chars;
