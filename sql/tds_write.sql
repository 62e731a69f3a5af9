-- tds suite: INSERT, UPDATE and DELETE through the shared write path, with
-- SQL Server's constraint errors, and remote transactions that follow the
-- local ones (SAVE TRANSACTION / ROLLBACK TRANSACTION for savepoints).
SET datestyle = ISO;
\set SHOW_CONTEXT never

CREATE FOREIGN TABLE w_plain (id int, v text, n numeric(10,2), d date, ts timestamp, flag boolean)
  SERVER tds_svr;
CREATE FOREIGN TABLE w_keys (a int, b text, v int) SERVER tds_svr;
CREATE FOREIGN TABLE w_child (id int, parent int, qty int, code text) SERVER tds_svr;

-- INSERT with RETURNING (the row is read back by its key)
INSERT INTO w_plain VALUES (2, 'second', 2.25, '2024-02-02', '2024-02-02 10:11:12.345678', false)
  RETURNING *;
-- several rows in one statement; non-ASCII text travels as N'' literals
SELECT max(n) AS log_mark FROM tds_log() \gset
INSERT INTO w_plain (id, v) VALUES (3, 'drei ä'), (4, 'vier 😀'), (5, NULL);
SELECT line FROM tds_log() WHERE n > :log_mark AND line ~ '^(SET [^;]*; BEGIN TRANSACTION; )?INSERT';
SELECT * FROM w_plain ORDER BY id;
-- an empty string stays empty, NULL stays NULL
INSERT INTO w_plain (id, v) VALUES (6, '');
SELECT id, v IS NULL AS is_null, v = '' AS is_empty FROM w_plain WHERE id IN (5, 6) ORDER BY id;

-- UPDATE and DELETE: pushed down whole when every condition is shippable
EXPLAIN (VERBOSE, COSTS OFF) UPDATE w_plain SET n = n + 1 WHERE id >= 5;
UPDATE w_plain SET n = 1 WHERE id >= 5;
EXPLAIN (VERBOSE, COSTS OFF) DELETE FROM w_plain WHERE id = 6;
DELETE FROM w_plain WHERE id = 6;
-- otherwise row by row, by the remote primary key
EXPLAIN (VERBOSE, COSTS OFF) UPDATE w_plain SET v = v || '!' WHERE v LIKE 'drei%';
UPDATE w_plain SET v = v || '!' WHERE v LIKE 'drei%' RETURNING id, v;
DELETE FROM w_plain WHERE v LIKE 'vier%' RETURNING id, v;
SELECT id, v, n FROM w_plain ORDER BY id;

-- a composite primary key
UPDATE w_keys SET v = v + 1 WHERE b = 'x' RETURNING *;
DELETE FROM w_keys WHERE a = 1 AND b = 'y';
SELECT * FROM w_keys ORDER BY a, b;

-- SQL Server's constraint errors keep their number and text
INSERT INTO w_child VALUES (1, 1, 5, 'b');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO w_child VALUES (2, 1, 5, 'a');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO w_child VALUES (2, 1, NULL, 'b');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO w_child VALUES (2, 99, 5, 'b');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO w_child VALUES (2, 1, 0, 'b');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM w_child ORDER BY id;

-- a remote transaction follows the local one
BEGIN;
INSERT INTO w_plain (id, v) VALUES (10, 'rolled back');
SELECT count(*) FROM w_plain WHERE id = 10;
ROLLBACK;
SELECT count(*) FROM w_plain WHERE id = 10;
-- savepoints: T-SQL has SAVE TRANSACTION and ROLLBACK TRANSACTION name, no RELEASE
SELECT max(n) AS log_mark FROM tds_log() \gset
BEGIN;
INSERT INTO w_plain (id, v) VALUES (11, 'kept');
SAVEPOINT a;
INSERT INTO w_plain (id, v) VALUES (12, 'undone');
ROLLBACK TO SAVEPOINT a;
SAVEPOINT b;
INSERT INTO w_plain (id, v) VALUES (13, 'released');
RELEASE SAVEPOINT b;
COMMIT;
SELECT id, v FROM w_plain WHERE id > 10 ORDER BY id;
SELECT line FROM tds_log() WHERE n > :log_mark AND line NOT LIKE 'SELECT%';
-- an error inside a savepoint rolls back only that savepoint
BEGIN;
INSERT INTO w_plain (id, v) VALUES (14, 'before');
SAVEPOINT c;
INSERT INTO w_plain (id, v) VALUES (14, 'duplicate');
ROLLBACK TO SAVEPOINT c;
INSERT INTO w_plain (id, v) VALUES (15, 'after');
COMMIT;
SELECT id, v FROM w_plain WHERE id >= 14 ORDER BY id;

-- a batch of many rows (T-SQL takes at most 1000 rows per VALUES)
INSERT INTO w_plain (id, v) SELECT g, 'batch ' || g FROM generate_series(100, 2599) g;
SELECT count(*), min(id), max(id) FROM w_plain WHERE id >= 100;
DELETE FROM w_plain WHERE id >= 100;

-- local row triggers: a BEFORE UPDATE trigger's changes are sent (every
-- column, row by row instead of one pushed-down UPDATE), the row found by
-- its old key even when the trigger changes the key; RETURNING reads back
-- the stored row; a BEFORE INSERT trigger's values are the ones inserted.
-- A key the row keeps is left out of SET (SQL Server refuses assignments
-- to IDENTITY columns)
CREATE FUNCTION w_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.n >= 7 THEN
    NEW.id := NEW.id + 20;
  END IF;
  NEW.v := NEW.v || ' (checked)';
  RETURN NEW;
END $$;
CREATE FUNCTION w_default() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.v := coalesce(NEW.v, 'by trigger');
  RETURN NEW;
END $$;
CREATE TRIGGER w_touch BEFORE UPDATE ON w_plain
  FOR EACH ROW EXECUTE FUNCTION w_touch();
EXPLAIN (VERBOSE, COSTS OFF) UPDATE w_plain SET n = 7 WHERE id = 2;
SELECT max(n) AS log_mark FROM tds_log() \gset
UPDATE w_plain SET n = 7 WHERE id = 2 RETURNING id, v, n;
UPDATE w_plain SET n = 1 WHERE id = 1 RETURNING id, v, n;
SELECT line FROM tds_log() WHERE n > :log_mark AND line ~ '^(SET [^;]*; BEGIN TRANSACTION; )?UPDATE';
SELECT id, v, n FROM w_plain WHERE id < 100 ORDER BY id;
DROP TRIGGER w_touch ON w_plain;
CREATE TRIGGER w_default BEFORE INSERT ON w_plain
  FOR EACH ROW EXECUTE FUNCTION w_default();
INSERT INTO w_plain (id, n) VALUES (30, 3), (31, 4);
SELECT id, v, n FROM w_plain WHERE id < 100 ORDER BY id;
DROP TRIGGER w_default ON w_plain;
DROP FUNCTION w_touch(), w_default();

-- TRUNCATE is a transactional DELETE
CREATE FOREIGN TABLE w_trunc (a int, b text, v int) SERVER tds_svr OPTIONS (table_name 'w_keys');
BEGIN;
TRUNCATE w_trunc;
SELECT count(*) FROM w_trunc;
ROLLBACK;
SELECT count(*) FROM w_trunc;
