-- odbc_sqlite suite: SQLite's dynamic typing and its collations.  Any
-- value may sit in any column, so values are read as text and converted by
-- PostgreSQL's rules, and what is sent to SQLite is spelled so that SQLite
-- compares what PostgreSQL would.
\set SHOW_CONTEXT errors

-- table loose: n INTEGER (row 4 holds 'abc'), t TEXT holding numbers,
-- nc TEXT COLLATE NOCASE, r REAL
CREATE FOREIGN TABLE loose_text (id int, n text, t text, nc text, r text)
  SERVER odbc_svr OPTIONS (table 'loose');
SELECT * FROM loose_text ORDER BY id;

-- a value that is not an integer is an error naming the column and value
CREATE FOREIGN TABLE loose (id int, n int, t int, nc text, r float8)
  SERVER odbc_svr;
SELECT id, n FROM loose ORDER BY id;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT id, n FROM loose WHERE id < 4 ORDER BY id;

-- numbers stored as text compare as numbers: '10' > 9 although '10' < '9'
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, t FROM loose WHERE t > 9;
SELECT id, t FROM loose WHERE t > 9 ORDER BY id;
SELECT id, t FROM loose WHERE t = 42;
SELECT id, t FROM loose WHERE t IN (9, 100) ORDER BY id;
-- integer arithmetic goes out as a guarded filter: SQLite's answer counts
-- where every integer read or computed is one of its PostgreSQL type, other
-- rows come back and PostgreSQL checks the condition itself (Filter)
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM big WHERE id % 50000 = 7;
SELECT id FROM big WHERE id % 50000 = 7 ORDER BY id;
-- numbers stored as text ('10', ' 42') are checked here, as PostgreSQL reads them
SELECT id, t FROM loose WHERE t % 2 = 0 ORDER BY id;
SELECT id, t FROM loose WHERE -t + 1 < -40 ORDER BY id;
-- a text in an integer column is still PostgreSQL's error, as without the filter
-- (SQLite takes 'abc' for 0, where the condition is false)
SELECT id FROM loose WHERE n % 2 = 1;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- an overflow is PostgreSQL's error, not SQLite's REAL (positive, so false)
SELECT id FROM loose WHERE id < 4 AND id * 2147483647 < 0;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- division by zero is never sent (SQLite would answer NULL)
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM loose WHERE id / 0 > 1;
-- writes through a guarded filter: rows are changed one by one, each
-- checked here (never a remote UPDATE/DELETE with the filter alone)
CREATE FOREIGN TABLE gw (id int, n int) SERVER odbc_svr;
EXPLAIN (VERBOSE, COSTS OFF) DELETE FROM gw WHERE n % 3 = 0;
DELETE FROM gw WHERE n % 3 = 0 RETURNING id, n;
UPDATE gw SET n = n + 100 WHERE n % 2 = 1 RETURNING id, n;
SELECT * FROM gw ORDER BY id;
-- a pushed inner join carries the guarded filter too (once, however many
-- joins are stacked); the condition is checked here after the join
EXPLAIN (VERBOSE, COSTS OFF)
SELECT g.id, b.v FROM gw g JOIN big b ON b.id = g.id WHERE g.n % 2 = 0;
SELECT g.id, b.v FROM gw g JOIN big b ON b.id = g.id WHERE g.n % 2 = 0 ORDER BY 1;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT g.id, b.v, t.name FROM gw g JOIN big b ON b.id = g.id JOIN t1 t ON t.id = g.id
  WHERE g.n % 2 = 0;
SELECT g.id, b.v, t.name FROM gw g JOIN big b ON b.id = g.id JOIN t1 t ON t.id = g.id
  WHERE g.n % 2 = 0 ORDER BY 1;
-- one half of the comparison leaves the column bare for SQLite's index
EXPLAIN (VERBOSE, COSTS OFF) SELECT v FROM big WHERE id = 77777;
SELECT v FROM big WHERE id = 77777;

-- = is byte equality even on a column declared COLLATE NOCASE
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM loose WHERE nc = 'abc';
SELECT id FROM loose WHERE nc = 'abc';
SELECT id FROM loose WHERE nc <> 'abc' ORDER BY id;
-- LIKE is case-insensitive in SQLite: evaluated locally
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM loose WHERE nc LIKE 'a%';
SELECT id FROM loose WHERE nc LIKE 'a%';

-- REAL values: SQLite's ODBC driver passes them as text with 15 significant
-- digits, so they are selected with printf('%!.17g') and 0.1 + 0.2 arrives
-- exactly; float comparisons stay local (a REAL column may hold text)
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM loose WHERE r > 1;
SELECT id, r FROM loose WHERE r > 1 ORDER BY id;
SELECT id, r FROM loose WHERE id = 1;

-- a DSN-less server: driver and odbc_* options make the connection string
\getenv sqlite_driver ODBC_SQLITE_DRIVER
\getenv sqlite_db ODBC_SQLITE_DB
CREATE SERVER sqlite_direct FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (driver :'sqlite_driver', odbc_Database :'sqlite_db');
CREATE USER MAPPING FOR CURRENT_USER SERVER sqlite_direct;
CREATE FOREIGN TABLE sqlite_direct_t (id int, name text) SERVER sqlite_direct
  OPTIONS (table 't1');
SELECT * FROM sqlite_direct_t ORDER BY id;
-- a database file that cannot be opened
\set SHOW_CONTEXT never
ALTER SERVER sqlite_direct OPTIONS (SET odbc_Database '/nonexistent/dir/x.db');
SELECT * FROM sqlite_direct_t ORDER BY id;
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- IMPORT FOREIGN SCHEMA: integers are bigint (SQLite stores 64 bits in any
-- of them), declared string lengths are not kept (SQLite does not enforce
-- them), DECIMAL is what the driver reports: text
\set SHOW_CONTEXT errors
CREATE SCHEMA imp;
IMPORT FOREIGN SCHEMA main LIMIT TO (types, loose) FROM SERVER odbc_svr INTO imp;
SELECT attrelid::regclass, attname, format_type(atttypid, atttypmod), attnotnull
  FROM pg_attribute WHERE attrelid IN ('imp.types'::regclass, 'imp.loose'::regclass)
  AND attnum > 0 ORDER BY attrelid::regclass::text, attnum;
SELECT id, i8, txt, dt, ts FROM imp.types ORDER BY id;
-- only the main database can be listed
\set SHOW_CONTEXT never
IMPORT FOREIGN SCHEMA other FROM SERVER odbc_svr INTO imp;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set SHOW_CONTEXT errors

-- an INSERT leaves the key to SQLite's numbering and returns it
INSERT INTO wr (v, n) VALUES ('auto', 1) RETURNING id, v, n;
SELECT id, v FROM wr WHERE v = 'auto';

-- two-phase commit: SQLite has none, so the server commits in one phase; a
-- server that asks for it explicitly is refused at connect
\set SHOW_CONTEXT never
\getenv odbc_dsn ODBC_DSN
CREATE SERVER odbc_2pc FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (dsn :'odbc_dsn', two_phase_commit 'true');
CREATE USER MAPPING FOR CURRENT_USER SERVER odbc_2pc;
CREATE FOREIGN TABLE t1_2pc (id int, name text) SERVER odbc_2pc OPTIONS (table 't1');
SELECT count(*) FROM t1_2pc;
SELECT * FROM odbc_fdw_in_doubt_transactions('odbc_2pc');
ALTER SERVER odbc_2pc OPTIONS (SET two_phase_commit 'false');
SELECT count(*) FROM t1_2pc;
SELECT * FROM odbc_fdw_in_doubt_transactions('odbc_2pc');
SET client_min_messages = warning;
DROP SERVER odbc_2pc CASCADE;
RESET client_min_messages;
\set SHOW_CONTEXT errors

-- SQLite has no statement that resets an identity counter
CREATE FOREIGN TABLE gw_trunc (id int, n int) SERVER odbc_svr OPTIONS (table 'gw');
TRUNCATE gw_trunc RESTART IDENTITY;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DROP FOREIGN TABLE gw_trunc;

-- partition-wise aggregation over two partitions (views of big by grp):
-- count is the aggregate SQLite's dialect sends; each partition's partial
-- counts are combined here, and a partial sum stays local over the scan
CREATE TABLE pbig (id int, v text, grp int) PARTITION BY LIST (grp);
CREATE FOREIGN TABLE pbig_lo PARTITION OF pbig FOR VALUES IN (0, 1, 2, 3, 4)
  SERVER odbc_svr OPTIONS (table 'big_lo');
CREATE FOREIGN TABLE pbig_hi PARTITION OF pbig FOR VALUES IN (5, 6, 7, 8, 9)
  SERVER odbc_svr OPTIONS (table 'big_hi');
SET enable_partitionwise_aggregate = on;
EXPLAIN (VERBOSE, COSTS OFF) SELECT count(*), count(v) FROM pbig;
SELECT count(*), count(v) FROM pbig;
EXPLAIN (VERBOSE, COSTS OFF) SELECT grp, count(*) FROM pbig GROUP BY grp;
SELECT grp, count(*) FROM pbig GROUP BY grp ORDER BY grp;
EXPLAIN (VERBOSE, COSTS OFF) SELECT count(*), sum(id) FROM pbig;
SELECT count(*), sum(id) FROM pbig;
RESET enable_partitionwise_aggregate;
DROP TABLE pbig;
