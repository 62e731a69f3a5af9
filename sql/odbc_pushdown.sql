-- odbc suites: what runs remotely, per dialect.  The remote SQL differs by
-- DBMS (one expected output per suite, expected/odbc_pushdown.<suite>.out,
-- and only that one is accepted: test/run.sh), the results never do.

-- only the needed columns are fetched; shippable quals go remote
EXPLAIN (VERBOSE, COSTS OFF) SELECT v FROM big WHERE id < 5;
SELECT v FROM big WHERE id < 5 ORDER BY id;
EXPLAIN (VERBOSE, COSTS OFF) SELECT count(*) FROM big;
SELECT count(*) FROM big;
-- IN lists, IS NULL, boolean logic
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM big WHERE id IN (1, 5, 7) OR (id > 199998 AND v IS NOT NULL) OR id IS NULL;
SELECT id FROM big WHERE id IN (1, 5, 7) OR (id > 199998 AND v IS NOT NULL) OR id IS NULL ORDER BY id;
SELECT id FROM big WHERE id <> ALL ('{1,2,3}') AND id < 6 ORDER BY id;
-- string equality is case-sensitive, as in PostgreSQL
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM strs WHERE c = 'plain';
SELECT id FROM strs WHERE c = 'plain';
SELECT id FROM strs WHERE c = 'PLAIN';
-- LIKE and string order under the database's collation
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM strs WHERE c LIKE 'pl%';
SELECT id FROM strs WHERE c LIKE 'pl%' ORDER BY id;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM strs WHERE c < 'p' COLLATE "C";
SELECT id FROM strs WHERE c < 'p' COLLATE "C" ORDER BY id;
-- arithmetic, floats, numerics, dates and timestamps
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM types WHERE i2 + 1 < 0 AND f8 > 1 AND num > 0 AND dt > '2000-01-01' AND ts < '2030-01-01';
SELECT id FROM types WHERE i2 + 1 < 0 AND f8 > 1 AND num > 0 AND dt > '2000-01-01' AND ts < '2030-01-01';
-- division by a column could be x/0: local unless the remote raises the same
-- error (PostgreSQL)
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM big WHERE 100 / grp = 50;
SELECT count(*) FROM big WHERE grp <> 0 AND 100 / grp = 50;
-- mutable functions stay local
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM big WHERE id > random() * 0 + 199998;

-- a sql_query table takes the WHERE clause around the query
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM q1 WHERE id = 3;
SELECT * FROM q1 WHERE id = 3;

-- parameters of a nested loop are sent as literals of each outer value
EXPLAIN (VERBOSE, COSTS OFF)
SELECT g, x.v FROM generate_series(1, 3) g, LATERAL (SELECT v FROM big WHERE id = g) x;
SELECT g, x.v FROM generate_series(1, 3) g, LATERAL (SELECT v FROM big WHERE id = g) x;

-- joins between tables of the same server
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t.name, b.v FROM t1 t JOIN big b ON b.id = t.id WHERE t.id < 3;
SELECT t.name, b.v FROM t1 t JOIN big b ON b.id = t.id WHERE t.id < 3 ORDER BY 1;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t.name, b.v FROM t1 t LEFT JOIN big b ON b.id = t.id * 100000 ORDER BY 1;
SELECT t.name, b.v FROM t1 t LEFT JOIN big b ON b.id = t.id * 100000 ORDER BY 1;

-- aggregates, ORDER BY and LIMIT
EXPLAIN (VERBOSE, COSTS OFF) SELECT grp, count(*) FROM big GROUP BY grp ORDER BY grp;
-- a grouping key on no column: never sent as a position, never a constant key
SELECT grp, count(*), 9 AS k FROM big GROUP BY grp, k ORDER BY grp;
SELECT count(*), 9 AS k FROM big GROUP BY k;
SELECT count(*), 9 AS k FROM big WHERE id < 0 GROUP BY k;
SELECT grp, count(*) FROM big GROUP BY grp ORDER BY grp;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, v FROM big ORDER BY id DESC LIMIT 3;
SELECT id, v FROM big ORDER BY id DESC LIMIT 3;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM big ORDER BY id LIMIT 2 OFFSET 5;
SELECT id FROM big ORDER BY id LIMIT 2 OFFSET 5;
-- OFFSET alone: LIMIT the largest bigint, which every LIMIT dialect accepts
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM big ORDER BY id OFFSET 199998;
SELECT id FROM big ORDER BY id OFFSET 199998;
