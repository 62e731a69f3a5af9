-- odbc_pg suite: PostgreSQL through psqlODBC.  Types without an ODBC
-- counterpart, unbounded strings (psqlODBC reports varchar as 255
-- characters), time zones, credentials and standard_conforming_strings.
\set SHOW_CONTEXT errors
\getenv odbc_dsn ODBC_DSN

CREATE FOREIGN TABLE pgtypes (id int, u uuid, iv interval, tz timestamptz,
  tm time, bigdec numeric, vu varchar, bo boolean, arr int[], js jsonb)
  SERVER odbc_svr;
SET TimeZone = 'America/New_York';
SELECT id, u, iv, tz, tm, bigdec, length(vu), bo, arr, js FROM pgtypes ORDER BY id;
RESET TimeZone;
SELECT id FROM pgtypes WHERE vu = repeat('v', 300);
-- the same columns as text
CREATE FOREIGN TABLE pgtypes_text (id int, u text, iv text, tz text, bo text,
  arr text) SERVER odbc_svr OPTIONS (table 'pgtypes');
SELECT * FROM pgtypes_text ORDER BY id;
-- timestamptz comparisons are sent in UTC, the remote session's zone
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM pgtypes WHERE tz > '2024-06-01 10:00:00.654320+00';
SELECT id FROM pgtypes WHERE tz > '2024-06-01 10:00:00.654320+00';
SELECT id FROM pgtypes WHERE tz > '2024-06-01 10:00:00.654321+00';

\set SHOW_CONTEXT never
-- a role that does not exist
CREATE SERVER badrole FOREIGN DATA WRAPPER odbc_fdw OPTIONS (dsn :'odbc_dsn');
CREATE USER MAPPING FOR CURRENT_USER SERVER badrole
  OPTIONS (username 'no_such_role', password 'secret_pw');
CREATE FOREIGN TABLE badrole_t (id int) SERVER badrole OPTIONS (table 't1');
-- (terse: psqlODBC's detail names the server's port)
\set VERBOSITY terse
SELECT * FROM badrole_t;
\set VERBOSITY default
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT position('secret_pw' in :'LAST_ERROR_MESSAGE') AS password_in_message;
-- a database that does not exist
CREATE SERVER nodb FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (dsn :'odbc_dsn', odbc_Database 'no_such_db');
CREATE USER MAPPING FOR CURRENT_USER SERVER nodb OPTIONS (username 'postgres');
CREATE FOREIGN TABLE nodb_t (id int) SERVER nodb OPTIONS (table 't1');
\set VERBOSITY terse
SELECT * FROM nodb_t;
\set VERBOSITY default
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set SHOW_CONTEXT errors

-- psqlODBC reads through a server-side cursor (UseDeclareFetch), so memory
-- stays bounded: another session sees this one declare a cursor and fetch
-- from it.  (psqlODBC reads a table's column catalog at the first scan of
-- its columns: that scan goes first.)
SELECT id, v FROM big WHERE id < 3 ORDER BY id;
CREATE SERVER watcher FOREIGN DATA WRAPPER odbc_fdw OPTIONS (dsn :'odbc_dsn');
CREATE USER MAPPING FOR CURRENT_USER SERVER watcher OPTIONS (username 'postgres');
CREATE FOREIGN TABLE remote_fetching (n bigint) SERVER watcher
  OPTIONS (sql_query 'SELECT count(*) AS n FROM pg_stat_activity WHERE query ILIKE ''%declare % cursor %fetch 1000 in %'' AND pid <> pg_backend_pid()');
BEGIN;
DECLARE c CURSOR FOR SELECT id, v FROM big;
FETCH 1 FROM c;
SELECT n AS sessions_fetching FROM remote_fetching;
COMMIT;

-- IMPORT FOREIGN SCHEMA: psqlODBC reports unbounded varchar as 255 characters
-- and an unconstrained numeric as numeric(28,6), so strings import as text
-- and decimals as numeric; timestamptz, uuid, interval, jsonb keep their kind
CREATE SCHEMA imp;
IMPORT FOREIGN SCHEMA public LIMIT TO (types, pgtypes) FROM SERVER odbc_svr INTO imp;
SELECT attrelid::regclass, attname, format_type(atttypid, atttypmod), attnotnull
  FROM pg_attribute WHERE attrelid IN ('imp.types'::regclass, 'imp.pgtypes'::regclass)
  AND attnum > 0 ORDER BY attrelid::regclass::text, attnum;
SELECT id, i8, txt, dt, ts FROM imp.types ORDER BY id;
SELECT id, u, iv, bigdec, length(vu), bo, js FROM imp.pgtypes ORDER BY id;

-- a remote session that dies is a lost connection (08006), replaced by a new
-- one at the next statement
\set SHOW_CONTEXT never
SELECT count(*) FROM t1;
SELECT bool_and(pg_terminate_backend(pid, 10000)) AS terminated
  FROM pg_stat_activity WHERE datname = 'odbc_regress';
SELECT count(*) FROM t1;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) FROM t1;

-- TRUNCATE ... RESTART IDENTITY: PostgreSQL's own statement, which is
-- transactional there (not MySQL's rule of a TRUNCATE that commits)
CREATE FOREIGN TABLE counted (id int, v text) SERVER odbc_svr OPTIONS (table 'counted');
BEGIN;
TRUNCATE counted RESTART IDENTITY;
SELECT count(*) FROM counted;
ROLLBACK;
SELECT id, v FROM counted ORDER BY id;
-- (the identity's sequence, read through a remote query)
CREATE FOREIGN TABLE counted_seq (last_value bigint, is_called boolean) SERVER odbc_svr
  OPTIONS (sql_query 'SELECT last_value, is_called FROM counted_id_seq');
SELECT * FROM counted_seq;
TRUNCATE counted RESTART IDENTITY;
SELECT * FROM counted_seq;
SELECT count(*) FROM counted;
DROP FOREIGN TABLE counted, counted_seq;
