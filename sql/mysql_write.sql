-- mysql suite: INSERT, UPDATE and DELETE through foreign tables: values of
-- every type sent without loss, row identity by the remote key (primary,
-- composite, unique, declared), RETURNING, remote errors, batches of
-- multi-row INSERTs, COPY FROM, foreign partitions, and TRUNCATE.
\set SHOW_CONTEXT never
SET datestyle = ISO;
SET timezone = 'UTC';

-- ---------------------------------------------------------------- values
CREATE FOREIGN TABLE typed (
  id int, i8 bigint, n numeric(30,10), f4 real, f8 double precision,
  bo boolean, d date, ts timestamp, tz timestamptz, t time, vc varchar(10),
  b bytea, j jsonb, e text, u uuid, bits bit(5))
  SERVER mysql_svr OPTIONS (dbname 'fdw_write', table_name 'typed');
-- what the remote stored, in its own spelling
CREATE FOREIGN TABLE typed_text (
  id int, i8 text, n text, f4 text, f8 text, bo text, d text, ts text,
  tz text, t text, vc text, j text, e text, u text, bits int)
  SERVER mysql_svr OPTIONS (dbname 'fdw_write', table_name 'typed');

INSERT INTO typed VALUES
  (1, -9223372036854775808, 12345678901234567890.0123456789, 0.1, 0.1, true,
   '2024-02-29', '1999-12-31 23:59:59.999999', '2024-06-01 12:00:00.654321+05:30',
   '23:59:59.000001', 'it''s \ ok', '\x00ff0a27', '{"k": [1, "two"]}', 'b',
   'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', B'10110'),
  (2, 9223372036854775807, -0.0000000001, 3.4028235e38, 1.7976931348623157e308,
   false, '1000-01-01', '9999-12-31 23:59:59', '1970-01-01 00:00:01+00',
   '00:00:00', 'Ünïcödé😀', '\x', '[]', 'a', NULL, B'00000'),
  (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   NULL, NULL, NULL);
SELECT * FROM typed ORDER BY id;
SELECT * FROM typed_text ORDER BY id;
-- the stored values equal the values sent
SELECT t.id, t.f8 = 0.1::float8 AS f8_same,
       t.n = 12345678901234567890.0123456789 AS n_same,
       t.tz = '2024-06-01 12:00:00.654321+05:30' AS tz_same
  FROM typed t WHERE id = 1;
-- MySQL prints FLOAT with six digits; widened to double it shows what it
-- stored: exactly the float4 sent, up to the largest one
CREATE FOREIGN TABLE typed_f4 (id int, f4 float8)
  SERVER mysql_svr OPTIONS (dbname 'fdw_write');
SELECT id, f4 = ANY (ARRAY[0.1::real, 3.4028235e38::real]::float8[]) AS f4_same
  FROM typed_f4 WHERE id < 3 ORDER BY id;

-- values the remote cannot hold are refused before anything is sent
INSERT INTO typed (id, f8) VALUES (10, 'NaN');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE FOREIGN TABLE typed_wide (id int, i8 numeric, vc text, bits int)
  SERVER mysql_svr OPTIONS (dbname 'fdw_write', table_name 'typed');
INSERT INTO typed_wide (id, i8) VALUES (10, 'Infinity');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO typed (id, d) VALUES (10, 'infinity');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO typed (id, ts) VALUES (10, '0044-03-15 12:00 BC');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a year after 9999 too, as for constants and parameters of queries (writes
-- used to send it, and MySQL refused it with its own error, 22007)
INSERT INTO typed (id, d) VALUES (10, '10000-01-01');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- constants and parameters of queries are spelled and checked as written
-- values are (literal.c): the row written above is found by its own values,
-- floats in their shortest exact spelling with an exponent, negative
-- numbers in parentheses, dates and times typed
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM typed WHERE f8 = 0.1 AND f4 = 0.1::real AND i8 = -9223372036854775808
  AND d = '2024-02-29' AND ts = '1999-12-31 23:59:59.999999' AND t = '23:59:59.000001';
SELECT id FROM typed WHERE f8 = 0.1 AND f4 = 0.1::real AND i8 = -9223372036854775808
  AND d = '2024-02-29' AND ts = '1999-12-31 23:59:59.999999' AND t = '23:59:59.000001';
SET plan_cache_mode = force_generic_plan;
PREPARE by_values(float8, real, bigint, date, timestamp, time) AS
  SELECT id FROM typed
  WHERE f8 = $1 AND f4 = $2 AND i8 = $3 AND d = $4 AND ts = $5 AND t = $6;
EXPLAIN (VERBOSE, COSTS OFF)
EXECUTE by_values(0.1, 0.1, -9223372036854775808, '2024-02-29', '1999-12-31 23:59:59.999999', '23:59:59.000001');
EXECUTE by_values(0.1, 0.1, -9223372036854775808, '2024-02-29', '1999-12-31 23:59:59.999999', '23:59:59.000001');
-- a parameter value the remote cannot hold: the error a write gets
EXECUTE by_values(0.1, 0.1, 0, '10000-01-01', '1999-12-31', '00:00');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
EXECUTE by_values('NaN', 0.1, 0, '2024-02-29', '1999-12-31', '00:00');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DEALLOCATE by_values;
RESET plan_cache_mode;
-- an array constant with such a value is compared locally (its elements
-- used to be sent unchecked: NaN, which MySQL reads as a column name, and
-- the infinite date as DATE '36070-01-11')
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM typed WHERE f8 = ANY (ARRAY[0.1, 'NaN']::float8[]);
SELECT id FROM typed WHERE f8 = ANY (ARRAY[0.1, 'NaN']::float8[]);
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM typed WHERE d IN ('2024-02-29', 'infinity');
SELECT id FROM typed WHERE d IN ('2024-02-29', 'infinity');
-- a local type without a remote spelling is refused when planned
CREATE FOREIGN TABLE typed_interval (id int, vc interval)
  SERVER mysql_svr OPTIONS (dbname 'fdw_write', table_name 'typed');
EXPLAIN (COSTS OFF) INSERT INTO typed_interval VALUES (10, '1 day');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- strict sql_mode: the remote never truncates or clamps, it raises 22xxx
INSERT INTO typed_wide (id, vc) VALUES (10, 'eleven char');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO typed_wide (id, i8) VALUES (10, 9223372036854775808);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO typed_wide (id, bits) VALUES (10, 32);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) FROM typed WHERE id = 10;

-- ---------------------------------------------------------------- keys
CREATE FOREIGN TABLE items (id int, name varchar(10), qty int)
  SERVER mysql_svr OPTIONS (dbname 'fdw_write');
EXPLAIN (VERBOSE, COSTS OFF) INSERT INTO items VALUES (4, 'kiwi', 40);
EXPLAIN (VERBOSE, COSTS OFF) UPDATE items SET qty = qty + 1 WHERE name = 'pear';
EXPLAIN (VERBOSE, COSTS OFF) DELETE FROM items WHERE qty > 25;
-- a condition evaluated locally: rows are read, then written back by key
EXPLAIN (VERBOSE, COSTS OFF) UPDATE items SET qty = qty + 1 WHERE name = 'pear' AND random() >= 0;
-- MySQL's SET sees values assigned before it in the same statement
-- (PostgreSQL's does not): such an UPDATE is done row by row
EXPLAIN (VERBOSE, COSTS OFF) UPDATE items SET qty = id, id = qty WHERE id = 1;
-- a new value that needs a local length check (varchar(n)): row by row
EXPLAIN (VERBOSE, COSTS OFF) UPDATE items SET name = name || '!' WHERE id = 1;
INSERT INTO items VALUES (4, 'kiwi', 40);
UPDATE items SET qty = qty + 1 WHERE name = 'pear';
-- setting a column to its own value still finds exactly one row
UPDATE items SET qty = qty WHERE id = 1;
-- the key itself may change
UPDATE items SET id = 40 WHERE id = 4;
DELETE FROM items WHERE qty > 25;
SELECT * FROM items ORDER BY id;

-- a composite key
CREATE FOREIGN TABLE pairs (a int, b varchar(5), v int)
  SERVER mysql_svr OPTIONS (dbname 'fdw_write');
EXPLAIN (VERBOSE, COSTS OFF) UPDATE pairs SET v = v * 10 WHERE b = 'x';
UPDATE pairs SET v = v * 10 WHERE b = 'x';
DELETE FROM pairs WHERE a = 1 AND v > 5;
SELECT * FROM pairs ORDER BY a, b;

-- no primary key: the unique key over NOT NULL columns, not the nullable one
CREATE FOREIGN TABLE coded (code text, alt int, v int)
  SERVER mysql_svr OPTIONS (dbname 'fdw_write');
EXPLAIN (VERBOSE, COSTS OFF) UPDATE coded SET v = 0;
UPDATE coded SET v = v + 100;
SELECT * FROM coded ORDER BY code;

-- no key at all: refused, with the way out
CREATE FOREIGN TABLE nokey (a int, b int)
  SERVER mysql_svr OPTIONS (dbname 'fdw_write');
INSERT INTO nokey VALUES (3, 30);
UPDATE nokey SET b = 0;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DELETE FROM nokey;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- RETURNING needs a key to find the inserted row again
INSERT INTO nokey VALUES (9, 9) RETURNING *;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a declared key that is not unique on the remote: caught, not applied twice
ALTER FOREIGN TABLE nokey ALTER COLUMN a OPTIONS (ADD key 'true');
-- (a condition evaluated locally forces the row-by-row path)
UPDATE nokey SET b = b + 1 WHERE b = 20 AND random() >= 0;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE nokey SET b = b + 1 WHERE a = 1;
SELECT * FROM nokey ORDER BY a, b;
-- a real key compares equal remotely: it is sent as the exact double it is
CREATE FOREIGN TABLE floaty (f real OPTIONS (key 'true'), v int)
  SERVER mysql_svr OPTIONS (dbname 'fdw_write');
UPDATE floaty SET v = 2 RETURNING *;
-- a row that is gone when its turn comes (here: deleted by the same
-- statement, through a join that finds it twice) fails the statement
DELETE FROM items USING (VALUES (1), (1)) AS v(x) WHERE id = x;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) FROM items WHERE id = 1;
-- UPDATE ... FROM and DELETE ... USING a foreign table of the same server:
-- the join runs remotely (rows locked there), each row is written by its key
SELECT * FROM items ORDER BY id;
SELECT * FROM pairs ORDER BY a, b;
EXPLAIN (VERBOSE, COSTS OFF)
UPDATE items i SET qty = i.qty + p.v FROM pairs p WHERE p.a = i.id AND p.b = 'x';
UPDATE items i SET qty = i.qty + p.v FROM pairs p WHERE p.a = i.id AND p.b = 'x'
  RETURNING i.id, i.qty, p.v;
BEGIN;
DELETE FROM items i USING pairs p WHERE p.a = i.id AND p.b = 'x' RETURNING i.id;
ROLLBACK;
-- key is a boolean option
ALTER FOREIGN TABLE floaty ALTER COLUMN v OPTIONS (ADD key 'maybe');

-- ---------------------------------------------------------------- RETURNING
-- after INSERT and UPDATE the row is read back by its key, so remote
-- defaults, triggers and generated columns show; DELETE returns the old row
CREATE FOREIGN TABLE auto (id int, v text, doubled int, stamp text)
  SERVER mysql_svr OPTIONS (dbname 'fdw_write');
EXPLAIN (VERBOSE, COSTS OFF) INSERT INTO auto (v) VALUES ('x') RETURNING *;
INSERT INTO auto (v) VALUES ('one') RETURNING *;
INSERT INTO auto (v) VALUES ('two'), ('three') RETURNING id, doubled, stamp;
INSERT INTO auto (id, v) VALUES (10, 'ten') RETURNING *;
UPDATE auto SET id = id + 100 WHERE v = 'two' RETURNING id, doubled;
DELETE FROM auto WHERE id = 1 RETURNING *;
WITH moved AS (DELETE FROM auto WHERE id > 100 RETURNING v)
  INSERT INTO items SELECT 50, v, 0 FROM moved RETURNING *;
SELECT * FROM auto ORDER BY id;
-- the remote computes doubled: a value for it is refused
INSERT INTO auto (v, doubled) VALUES ('bad', 5);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE auto SET doubled = 0;
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- ---------------------------------------------------------------- errors
-- a duplicate key is 23505 with the remote message
\set VERBOSITY default
INSERT INTO items VALUES (1, 'dup', 0);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- NOT NULL on the remote
INSERT INTO items (id) VALUES (99);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- ON CONFLICT has no exact remote equivalent
INSERT INTO items VALUES (1, 'dup', 0) ON CONFLICT DO NOTHING;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a remote table that does not exist
CREATE FOREIGN TABLE no_such (id int)
  SERVER mysql_svr OPTIONS (dbname 'fdw_write', table_name 'no_such');
INSERT INTO no_such VALUES (1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- ---------------------------------------------------------------- batches
-- 100,000 rows: multi-row INSERTs of batch_size rows in one remote transaction
CREATE FOREIGN TABLE bulk (id int, v text, n int)
  SERVER mysql_svr OPTIONS (dbname 'fdw_write', batch_size '5000');
EXPLAIN (VERBOSE, COSTS OFF) INSERT INTO bulk SELECT 1, 'x', 1;
INSERT INTO bulk SELECT g, 'row ' || g, g % 1000 FROM generate_series(1, 100000) g;
SELECT count(*), sum(id), sum(n), sum(length(v)),
       md5(string_agg(v, ',' ORDER BY id)) = md5(string_agg('row ' || g, ',' ORDER BY g))
  FROM bulk, generate_series(1, 100000) g WHERE g = id;
-- RETURNING turns batching off; the answer is the same
ALTER FOREIGN TABLE bulk OPTIONS (SET batch_size '3');
INSERT INTO bulk SELECT g, 'r' || g, 0 FROM generate_series(100001, 100005) g RETURNING id, v;
-- a failing row fails its whole batch, and the statement
INSERT INTO bulk SELECT g, 'again', 0 FROM generate_series(99999, 100002) g;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) FROM bulk WHERE v = 'again';

-- COPY FROM goes through the same INSERT path
CREATE FOREIGN TABLE copied (id int, v text, d date)
  SERVER mysql_svr OPTIONS (dbname 'fdw_write');
COPY copied FROM STDIN;
1	first	2024-01-01
2	tab\there	\N
3	quote ' and backslash \\	1999-12-31
\.
SELECT * FROM copied ORDER BY id;
COPY copied FROM STDIN (FORMAT csv);
1,duplicate,2024-01-01
\.
SELECT count(*) FROM copied;

-- a partitioned table whose partitions live in two MariaDB databases
CREATE TABLE measure (region text, id int, v int) PARTITION BY LIST (region);
CREATE FOREIGN TABLE measure_eu PARTITION OF measure FOR VALUES IN ('eu')
  SERVER mysql_svr OPTIONS (dbname 'fdw_write', table_name 'measure');
CREATE FOREIGN TABLE measure_us PARTITION OF measure FOR VALUES IN ('us')
  SERVER mysql_svr OPTIONS (dbname 'fdw_write2', table_name 'measure');
INSERT INTO measure SELECT CASE WHEN g % 3 = 0 THEN 'us' ELSE 'eu' END, g, g * 10
  FROM generate_series(1, 9) g;
INSERT INTO measure VALUES ('us', 100, 1) RETURNING *;
SELECT tableoid::regclass, * FROM measure ORDER BY region, id;
CREATE FOREIGN TABLE measure_us_direct (region text, id int, v int)
  SERVER mysql_svr OPTIONS (dbname 'fdw_write2', table_name 'measure');
SELECT count(*) FROM measure_us_direct;
-- UPDATE and DELETE through the parent reach each partition's rows by key
UPDATE measure SET v = -v WHERE id % 2 = 0;
DELETE FROM measure WHERE id IN (1, 3, 100) RETURNING region, id;
SELECT * FROM measure ORDER BY region, id;
COPY measure FROM STDIN (FORMAT csv);
eu,20,200
us,21,210
\.
SELECT * FROM measure WHERE id > 10 ORDER BY id;

-- ---------------------------------------------------------------- TRUNCATE
CREATE FOREIGN TABLE counter (id int, v int)
  SERVER mysql_svr OPTIONS (dbname 'fdw_write');
-- plain TRUNCATE is transactional (a DELETE remotely) and continues the
-- auto-increment counter
BEGIN;
TRUNCATE counter;
SELECT count(*) FROM counter;
ROLLBACK;
SELECT count(*) FROM counter;
TRUNCATE counter;
INSERT INTO counter (v) VALUES (4) RETURNING id;
-- RESTART IDENTITY resets it, but only as a statement of its own: the
-- remote TRUNCATE TABLE commits by itself
BEGIN;
TRUNCATE counter RESTART IDENTITY;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
TRUNCATE counter RESTART IDENTITY;
INSERT INTO counter (v) VALUES (5) RETURNING id;
-- CASCADE would need the referencing remote tables
CREATE FOREIGN TABLE parent (id int) SERVER mysql_svr OPTIONS (dbname 'fdw_write');
TRUNCATE parent CASCADE;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the remote foreign key still protects the referenced rows
TRUNCATE parent;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- (truncatable 'false' refuses: core_behaviour.sql)
SELECT count(*) FROM counter;
