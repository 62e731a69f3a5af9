-- tds suite: what is pushed down to SQL Server, shown with EXPLAIN (VERBOSE,
-- COSTS OFF) next to the result, which is compared with the same query on a
-- local copy.  What T-SQL would compute differently stays local, and is
-- shown too.

CREATE FOREIGN TABLE nums (
  id int NOT NULL, i int, bi bigint, si smallint, f float8, r real,
  d numeric(10,2), dt date, ts timestamp, flag boolean, txt text
) SERVER tds_svr;
CREATE TABLE l_nums AS SELECT * FROM nums;
SET datestyle = ISO;
CREATE FOREIGN TABLE strs (id int, s text) SERVER tds_svr;

-- checks a WHERE clause against the local copy
CREATE FUNCTION same_where(cond text) RETURNS boolean LANGUAGE sql AS $$
  SELECT same_rows('SELECT * FROM nums WHERE ' || cond, 'SELECT * FROM l_nums WHERE ' || cond)
$$;

-- comparisons and arithmetic of integers, floats and numerics
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM nums WHERE i > 10 AND bi <> 7 AND si <= 3 AND f < 2.0 AND d >= -3.5;
SELECT id FROM nums WHERE i > 10 AND bi <> 7 AND si <= 3 AND f < 2.0 AND d >= -3.5;
SELECT same_where('i > 10 AND bi <> 7 AND si <= 3 AND f < 2.0 AND d >= -3.5');
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM nums WHERE i + 5 = 25 OR i * 2 = -14 OR i - bi = 25 OR -i = -30;
SELECT same_where('i + 5 = 25 OR i * 2 = -14 OR i - bi = 25 OR -i = -30');
-- integer division truncates and % takes the dividend's sign in both
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM nums WHERE i / 4 = -1 OR i % 4 = -3;
SELECT id FROM nums WHERE i / 4 = -1 OR i % 4 = -3;
SELECT same_where('i / 4 = -1 OR i % 4 = -3');
-- a column as divisor stays local: SQL Server's x/0 depends on session settings
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM nums WHERE 100 / i > 5;
-- int4 widened for int8 arithmetic: the cast is spelled out
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM nums WHERE i::bigint * 1000000000 > 15000000000;
SELECT same_where('i::bigint * 1000000000 > 15000000000');
-- smallint arithmetic overflows in PostgreSQL but not in SQL Server: local
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM nums WHERE si + si > 4;
-- numeric arithmetic: SQL Server caps precision by cutting the scale: local
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM nums WHERE d * 2 > 10;
-- float arithmetic, abs(), IN lists, IS NULL, NOT, OR
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM nums WHERE abs(f - 1.0) < 1 OR id IN (4, 5) OR (d IS NULL AND NOT id <> 4);
SELECT same_where('abs(f - 1.0) < 1 OR id IN (4, 5) OR (d IS NULL AND NOT id <> 4)');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM nums WHERE i NOT IN (10, 20) AND r = 1.5;
SELECT same_where('i NOT IN (10, 20) AND r = 1.5');

-- booleans are bit columns compared with 1
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM nums WHERE flag;
SELECT id FROM nums WHERE flag ORDER BY id;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM nums WHERE NOT flag;
SELECT same_where('NOT flag');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM nums WHERE flag IS NOT TRUE;
SELECT same_where('flag IS NOT TRUE');
-- a boolean-valued expression is not a T-SQL value: COALESCE of a bit column
-- is compared with 1, COALESCE of a comparison stays local
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM nums WHERE COALESCE(flag, false);
SELECT same_where('COALESCE(flag, false)');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM nums WHERE COALESCE(i > 10, false);
SELECT same_where('COALESCE(i > 10, false)');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM nums WHERE (i > 10) IS NULL;
SELECT same_where('(i > 10) IS NULL');

-- dates: converted to date on both sides, so the literal's reading does not
-- depend on SET LANGUAGE/DATEFORMAT
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM nums WHERE dt >= '2024-01-15' AND dt < '2024-02-01';
SELECT id FROM nums WHERE dt >= '2024-01-15' AND dt < '2024-02-01' ORDER BY id;
SELECT same_where('dt >= ''2024-01-15'' AND dt < ''2024-02-01''');
-- timestamps compare locally (datetime's 1/300 s, old conversion rules)
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM nums WHERE ts > '2024-01-15 00:00:00';
SELECT same_where('ts > ''2024-01-15 00:00:00''');

-- strings: SQL Server compares under a collation (usually case-insensitive)
-- and ignores trailing spaces; every comparison of text stays local
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM strs WHERE s = 'abc';
SELECT id FROM strs WHERE s = 'abc';
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM strs WHERE s LIKE 'a%';
SELECT id FROM strs WHERE s LIKE 'a%' ORDER BY id;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM strs WHERE s < 'b';
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM strs WHERE s || 'x' IS NOT NULL;
-- but IS NULL is the same everywhere
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM strs WHERE s IS NULL;
SELECT id FROM strs WHERE s IS NULL;
-- a non-ASCII string constant is an N'' literal
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM nums WHERE CASE WHEN txt IS NULL THEN 'größer' END IS NULL;

-- CASE, COALESCE, NULLIF
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM nums WHERE COALESCE(i, 0) + NULLIF(si, 2) > 5 AND CASE WHEN bi > 0 THEN 1 ELSE 0 END = 1;
SELECT same_where('COALESCE(i, 0) + NULLIF(si, 2) > 5 AND CASE WHEN bi > 0 THEN 1 ELSE 0 END = 1');

-- volatile and unknown functions stay local
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM nums WHERE i > random() * 0;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM nums WHERE sqrt(f) > 1;

-- ORDER BY: NULLs sort first in SQL Server, so NULLS LAST is spelled with a CASE
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, i FROM nums ORDER BY i;
SELECT id, i FROM nums ORDER BY i;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, i FROM nums ORDER BY i DESC;
SELECT id, i FROM nums ORDER BY i DESC;
-- LIMIT is TOP, OFFSET is OFFSET .. FETCH
CREATE FOREIGN TABLE big2 (id int NOT NULL, grp int NOT NULL, v text)
  SERVER tds_svr OPTIONS (table_name 'big');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, v FROM big2 ORDER BY id DESC LIMIT 3;
SELECT id, v FROM big2 ORDER BY id DESC LIMIT 3;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM big2 ORDER BY grp DESC, id LIMIT 2 OFFSET 5;
SELECT id FROM big2 ORDER BY grp DESC, id LIMIT 2 OFFSET 5;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM big2 WHERE id > 990 ORDER BY id OFFSET 7;
SELECT id FROM big2 WHERE id > 990 ORDER BY id OFFSET 7;

-- aggregates: COUNT and SUM of int are widened to PostgreSQL's result types
EXPLAIN (VERBOSE, COSTS OFF)
SELECT grp, count(*), count(v), sum(id), min(id), max(id) FROM big2 GROUP BY grp HAVING sum(id) > 50000;
SELECT grp, count(*), count(v), sum(id), min(id), max(id) FROM big2 GROUP BY grp HAVING sum(id) > 50000 ORDER BY grp;
-- a grouping key on no column: SQL Server refuses a constant in GROUP BY
SELECT grp, count(*), 9 AS k FROM big2 GROUP BY grp, k ORDER BY grp;
SELECT count(*), 9 AS k FROM big2 GROUP BY k;
EXPLAIN (VERBOSE, COSTS OFF) SELECT sum(bi), sum(d), min(dt), max(ts), sum(f) FROM nums;
SELECT sum(bi), sum(d), min(dt), max(ts), sum(f) FROM nums;
SELECT sum(bi), sum(d), min(dt), max(ts), sum(f) FROM l_nums;
-- avg of integers and numerics are rounded differently by SQL Server, and
-- avg(float8) raises in PostgreSQL when its sum of squared deviations
-- overflows: local
EXPLAIN (VERBOSE, COSTS OFF) SELECT avg(i), avg(d), avg(f) FROM nums;
SELECT avg(i), avg(d), avg(f) FROM nums;
-- grouping by text depends on the collation: local aggregation
EXPLAIN (VERBOSE, COSTS OFF) SELECT txt, count(*) FROM nums GROUP BY txt;

-- joins of tables of the same server run remotely
CREATE FOREIGN TABLE t1 (id int, name text) SERVER tds_svr;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT n.id, t.name FROM nums n JOIN t1 t ON t.id = n.id WHERE n.i > 5;
SELECT n.id, t.name FROM nums n JOIN t1 t ON t.id = n.id WHERE n.i > 5 ORDER BY n.id;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT n.id, t.name FROM nums n LEFT JOIN t1 t ON t.id = n.id;
SELECT n.id, t.name FROM nums n LEFT JOIN t1 t ON t.id = n.id ORDER BY n.id;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT n.id, t.id FROM nums n FULL JOIN t1 t ON t.id = n.id - 3;
SELECT n.id, t.id FROM nums n FULL JOIN t1 t ON t.id = n.id - 3 ORDER BY 1, 2;
-- a join condition on text stays local
EXPLAIN (VERBOSE, COSTS OFF)
SELECT n.id FROM nums n JOIN t1 t ON t.name = n.txt;

-- partition-wise aggregation over two partitions of big (query tables by
-- grp): each partition's counts, sums, least and greatest are computed by
-- SQL Server and combined here; avg stays a local partial aggregate
CREATE TABLE pbig (id int, grp int, v text) PARTITION BY LIST (grp);
CREATE FOREIGN TABLE pbig_lo PARTITION OF pbig FOR VALUES IN (0, 1, 2, 3, 4)
  SERVER tds_svr OPTIONS (query 'SELECT id, grp, v FROM big WHERE grp < 5');
CREATE FOREIGN TABLE pbig_hi PARTITION OF pbig FOR VALUES IN (5, 6, 7, 8, 9)
  SERVER tds_svr OPTIONS (query 'SELECT id, grp, v FROM big WHERE grp >= 5');
SET enable_partitionwise_aggregate = on;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id % 3 AS m, count(*), count(v), sum(id), min(id), max(id) FROM pbig GROUP BY id % 3;
SELECT id % 3 AS m, count(*), count(v), sum(id), min(id), max(id) FROM pbig GROUP BY id % 3 ORDER BY m;
EXPLAIN (VERBOSE, COSTS OFF) SELECT count(*), avg(id) FROM pbig;
SELECT count(*), avg(id) FROM pbig;
RESET enable_partitionwise_aggregate;
DROP TABLE pbig;
