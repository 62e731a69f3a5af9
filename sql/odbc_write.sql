-- odbc suites: writes and IMPORT FOREIGN SCHEMA through ODBC.  The core
-- plans them; the driver runs the statements in remote transactions that
-- follow the local ones, and reports the remote table's key
-- (describe_table, from SQLPrimaryKeys) and its tables (list_tables).
\getenv odbc_schema ODBC_SCHEMA

CREATE FOREIGN TABLE wr (id int, v text, n int) SERVER odbc_svr;
INSERT INTO wr VALUES (1, 'one', 10), (2, 'two', 20), (3, 'thrée 😀', 30);
SELECT * FROM wr ORDER BY id;
-- by key (found in the remote catalog) where the remote cannot compute it
UPDATE wr SET n = n + 1 WHERE id = 2 RETURNING *;
WITH u AS (UPDATE wr SET v = upper(v) WHERE v LIKE 't%' RETURNING id, v)
  SELECT * FROM u ORDER BY id;
DELETE FROM wr WHERE id = 1 RETURNING *;
SELECT * FROM wr ORDER BY id;

-- a rollback undoes remote writes, a rollback to a savepoint some of them
BEGIN;
INSERT INTO wr VALUES (4, 'four', 40);
SAVEPOINT s1;
UPDATE wr SET n = 0;
ROLLBACK TO SAVEPOINT s1;
INSERT INTO wr VALUES (5, 'five', 50);
COMMIT;
BEGIN;
DELETE FROM wr;
ROLLBACK;
SELECT * FROM wr ORDER BY id;

-- a remote unique violation is PostgreSQL's, and an exception block undoes
-- only its own writes
\set VERBOSITY terse
INSERT INTO wr VALUES (2, 'dup', 0);
\set VERBOSITY default
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DO $$
BEGIN
  BEGIN
    INSERT INTO wr VALUES (6, 'six', 60);
    INSERT INTO wr VALUES (2, 'dup', 0);
  EXCEPTION WHEN unique_violation THEN
    RAISE NOTICE 'unique violation caught';
  END;
  INSERT INTO wr VALUES (7, 'seven', 70);
END $$;
SELECT * FROM wr ORDER BY id;

-- a value the remote cannot hold is refused before it is sent, by the
-- checks constants and parameters of queries get: a year after 9999, which
-- writes used to send (all three sources stored it in the text column)
CREATE FOREIGN TABLE wr_date (id int, v date, n int) SERVER odbc_svr OPTIONS (table 'wr');
SET datestyle = ISO;
INSERT INTO wr_date VALUES (8, '10000-01-01', 80);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET datestyle;
SELECT count(*) FROM wr WHERE id = 8;
DROP FOREIGN TABLE wr_date;

-- many rows in batches, then gone again
INSERT INTO wr SELECT g, 'b' || g, g FROM generate_series(100, 2099) g;
SELECT count(*), sum(n), min(v), max(v) FROM wr WHERE id >= 100;
DELETE FROM wr WHERE id >= 100;
SELECT count(*) FROM wr;

-- local row triggers: what a BEFORE UPDATE trigger changes reaches the
-- remote, the key too (the row is still found by its old key), RETURNING
-- and AFTER triggers see the row the remote stored, and a BEFORE INSERT
-- trigger's values are the ones inserted
CREATE FUNCTION wr_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.id := NEW.id + 100;
  NEW.v := NEW.v || ' (checked)';
  RETURN NEW;
END $$;
CREATE FUNCTION wr_show() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE '% %: OLD %, NEW %', TG_WHEN, TG_OP, OLD, NEW;
  RETURN NULL;
END $$;
CREATE FUNCTION wr_default() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.n := coalesce(NEW.n, -1);
  RETURN NEW;
END $$;
CREATE TRIGGER wr_touch BEFORE UPDATE ON wr
  FOR EACH ROW EXECUTE FUNCTION wr_touch();
UPDATE wr SET n = 0 WHERE id = 2 RETURNING *;
SELECT * FROM wr ORDER BY id;
CREATE TRIGGER wr_show AFTER UPDATE ON wr
  FOR EACH ROW EXECUTE FUNCTION wr_show();
UPDATE wr SET n = 1 WHERE id = 3;
SELECT * FROM wr ORDER BY id;
DROP TRIGGER wr_touch ON wr;
DROP TRIGGER wr_show ON wr;
CREATE TRIGGER wr_default BEFORE INSERT ON wr
  FOR EACH ROW EXECUTE FUNCTION wr_default();
INSERT INTO wr (id, v) VALUES (8, 'eight'), (9, 'nine');
SELECT * FROM wr ORDER BY id;
DROP TRIGGER wr_default ON wr;
DROP FUNCTION wr_touch(), wr_show(), wr_default();

-- IMPORT FOREIGN SCHEMA: the tables of the remote schema as foreign tables
CREATE SCHEMA imported;
IMPORT FOREIGN SCHEMA :"odbc_schema" LIMIT TO (t1, "we ird""tab", no_such_table)
  FROM SERVER odbc_svr INTO imported;
SELECT relname FROM pg_class JOIN pg_namespace n ON n.oid = relnamespace
  WHERE nspname = 'imported' ORDER BY 1;
SELECT * FROM imported.t1 ORDER BY id;
SELECT * FROM imported."we ird""tab" ORDER BY id;
\set VERBOSITY terse
IMPORT FOREIGN SCHEMA no_such_schema FROM SERVER odbc_svr INTO imported;
\set VERBOSITY default
\echo SQLSTATE :LAST_ERROR_SQLSTATE
