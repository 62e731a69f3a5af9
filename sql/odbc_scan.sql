-- odbc suites: scans.  Streaming in batches, transactions and savepoints
-- around scans, awkward identifiers and string literals.  (Scans sharing one
-- connection, rescans, cursors: core_behaviour.sql.)

CREATE FOREIGN TABLE big (id int, v text, grp int) SERVER odbc_svr;
CREATE TABLE big_local AS SELECT g AS id, 'row-' || g AS v, g % 10 AS grp
  FROM generate_series(1, 200000) g;

-- the whole table streams through batches: same rows as local
SELECT count(*), sum(id), count(DISTINCT grp) FROM big;
SELECT count(*) FROM (SELECT * FROM big EXCEPT SELECT * FROM big_local) d;
SELECT count(*) FROM (SELECT * FROM big_local EXCEPT SELECT * FROM big) d;
-- a fetch_size of 1 and a huge one give the same rows
ALTER FOREIGN TABLE big OPTIONS (ADD fetch_size '1');
SELECT sum(id), max(v) FROM big WHERE id <= 1000;
ALTER FOREIGN TABLE big OPTIONS (SET fetch_size '100000');
SELECT sum(id), max(v) FROM big WHERE id <= 1000;
ALTER FOREIGN TABLE big OPTIONS (DROP fetch_size);

-- remote transactions follow local ones; an error aborts both
BEGIN;
SELECT count(*) FROM big WHERE id <= 5;
SELECT count(*) FROM nosuchtable_local;
ROLLBACK;
SELECT count(*) FROM big WHERE id <= 5;
-- subtransactions map to remote savepoints
BEGIN;
SELECT count(*) FROM t1;
SAVEPOINT a;
SELECT count(*) FROM big WHERE id <= 7;
SAVEPOINT b;
SELECT count(*) FROM t1 WHERE id = 2;
SELECT 1 / 0;
ROLLBACK TO SAVEPOINT b;
SELECT count(*) FROM t1 WHERE id = 3;
RELEASE SAVEPOINT a;
SELECT count(*) FROM big WHERE id <= 9;
COMMIT;
-- an exception block is a subtransaction too
DO $$
DECLARE n int;
BEGIN
  BEGIN
    SELECT count(*) INTO n FROM big WHERE id <= 11;
    RAISE EXCEPTION 'undo';
  EXCEPTION WHEN raise_exception THEN
    SELECT count(*) INTO n FROM t1;
    RAISE NOTICE 'rows after the rollback to savepoint: %', n;
  END;
END $$;

-- ANALYZE samples the remote table
ANALYZE big;
SELECT reltuples FROM pg_class WHERE relname = 'big';

-- identifiers with quotes, spaces and non-ASCII letters
CREATE FOREIGN TABLE weird (id int, "ünï" int, "col ""x" text)
  SERVER odbc_svr OPTIONS (table 'we ird"tab');
SELECT * FROM weird ORDER BY id;
SELECT id FROM weird WHERE "ünï" > 10;
-- string constants with quotes and backslashes are sent intact
CREATE FOREIGN TABLE strs (id int, c text) SERVER odbc_svr;
SELECT id FROM strs WHERE c = E'q''"\\';
SELECT id FROM strs WHERE c = E'back\\slash';
SELECT id FROM strs WHERE c = 'plain';

-- ALTER SERVER: the cached connection is replaced at the next use
SELECT server_name, valid FROM odbc_fdw_get_connections();
ALTER SERVER odbc_svr OPTIONS (ADD connect_timeout '5');
SELECT server_name, valid FROM odbc_fdw_get_connections();
SELECT count(*) FROM t1;
SELECT server_name, valid FROM odbc_fdw_get_connections();
SELECT odbc_fdw_disconnect('odbc_svr');
SELECT count(*) FROM odbc_fdw_get_connections();
SELECT count(*) FROM t1;
