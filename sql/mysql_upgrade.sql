-- mysql suite: extension versions.  1.0 -> 1.1 -> 1.2 -> 1.3 with ALTER
-- EXTENSION UPDATE gives exactly the objects of a fresh install of the
-- default version (its own full script, mysql_fdw--1.3.sql); so does an
-- update from EDB mysql_fdw's extension 1.0, 1.1 or 1.2, whose objects of the
-- same version numbers differ from ours, after our package replaced EDB's.
-- In a database of its own, so that it leaves the suite's objects alone.
\set regress_db :DBNAME
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_mysql_upgrade;
RESET client_min_messages;
CREATE DATABASE regress_mysql_upgrade;
\c regress_mysql_upgrade

SELECT name, version, installed FROM pg_available_extension_versions
  WHERE name = 'mysql_fdw' ORDER BY version;
SELECT * FROM pg_extension_update_paths('mysql_fdw') ORDER BY source, target;

CREATE EXTENSION mysql_fdw VERSION '1.0';
SELECT extversion FROM pg_extension WHERE extname = 'mysql_fdw';
\dx+ mysql_fdw
-- not there before 1.1 (terse: PostgreSQL 19 words the hint differently)
\set VERBOSITY terse
SELECT * FROM mysql_fdw_get_connections();
\set VERBOSITY default
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- a server defined under 1.0 survives the update
CREATE SERVER upgrade_svr FOREIGN DATA WRAPPER mysql_fdw OPTIONS (host '127.0.0.1');

ALTER EXTENSION mysql_fdw UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'mysql_fdw';
\dx+ mysql_fdw
SELECT * FROM mysql_fdw_get_connections();
SELECT mysql_fdw_disconnect_all();
SELECT srvname, srvoptions FROM pg_foreign_server WHERE srvname = 'upgrade_svr';
-- updating again is a no-op
ALTER EXTENSION mysql_fdw UPDATE;

-- the library is the one of the newest version
SELECT mysql_fdw_version();

-- the upgraded extension has the same members, with the same definitions,
-- as a fresh install of the default version (which today runs the same
-- scripts: this catches a full install script, mysql_fdw--1.x.sql, that
-- drifts from the chain of update scripts)
CREATE TEMP TABLE upgraded AS
  SELECT pg_describe_object(classid, objid, 0) AS member,
         CASE WHEN classid = 'pg_proc'::regclass
              THEN pg_get_functiondef(objid) END AS def
  FROM pg_depend
  WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
    AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'mysql_fdw');
DROP SERVER upgrade_svr;
DROP EXTENSION mysql_fdw;
CREATE EXTENSION mysql_fdw;
SELECT extversion FROM pg_extension WHERE extname = 'mysql_fdw';
-- (a table, not a temporary one: the dump test below reconnects)
CREATE TABLE fresh AS
  SELECT pg_describe_object(classid, objid, 0) AS member,
         CASE WHEN classid = 'pg_proc'::regclass
              THEN pg_get_functiondef(objid) END AS def
  FROM pg_depend
  WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
    AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'mysql_fdw');
SELECT count(*) AS members FROM fresh;
(SELECT 'only upgraded' AS side, * FROM upgraded EXCEPT SELECT 'only upgraded', * FROM fresh)
UNION ALL
(SELECT 'only fresh', * FROM fresh EXCEPT SELECT 'only fresh', * FROM upgraded);

-- no downgrade path
ALTER EXTENSION mysql_fdw UPDATE TO '1.0';
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- EDB's extension, as its scripts define it, then updated to ours.  Its
-- state is made from ours of the same version: EDB 1.0 lacks
-- mysql_fdw_version(), 1.1 (which adds it) lacks our connection functions,
-- 1.2 our in-doubt functions and has mysql_fdw_display_pushdown_list().
CREATE FUNCTION members_differ() RETURNS SETOF text LANGUAGE sql AS $$
  WITH now AS (
    SELECT pg_describe_object(classid, objid, 0) AS member,
           CASE WHEN classid = 'pg_proc'::regclass
                THEN pg_get_functiondef(objid) END AS def
    FROM pg_depend
    WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
      AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'mysql_fdw'))
  (SELECT 'only updated: ' || member FROM (SELECT * FROM now EXCEPT SELECT * FROM fresh) d)
  UNION ALL
  (SELECT 'only fresh: ' || member FROM (SELECT * FROM fresh EXCEPT SELECT * FROM now) d)
$$;
-- ours without the functions EDB's version lacks
CREATE FUNCTION edb_state(version text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE f text;
BEGIN
  EXECUTE format('CREATE EXTENSION mysql_fdw VERSION %L', version);
  FOREACH f IN ARRAY CASE version
      WHEN '1.0' THEN ARRAY['mysql_fdw_version()']
      ELSE ARRAY['mysql_fdw_get_connections()', 'mysql_fdw_disconnect(text)',
                 'mysql_fdw_disconnect_all()'] END ||
    CASE WHEN version = '1.2'
      THEN ARRAY['mysql_fdw_in_doubt_transactions(text)',
                 'mysql_fdw_resolve_in_doubt(text)'] ELSE '{}' END
  LOOP
    EXECUTE format('ALTER EXTENSION mysql_fdw DROP FUNCTION %s', f);
    EXECUTE format('DROP FUNCTION %s', f);
  END LOOP;
  IF version = '1.2' THEN
    -- exactly as EDB's mysql_fdw--1.1--1.2.sql defines it
    CREATE OR REPLACE FUNCTION mysql_fdw_display_pushdown_list(IN reload boolean DEFAULT false,
      OUT object_type text, OUT object_name text)
    RETURNS SETOF record
      AS '$libdir/mysql_fdw', 'mysql_display_pushdown_list'
    LANGUAGE C PARALLEL SAFE;
    ALTER EXTENSION mysql_fdw ADD FUNCTION mysql_fdw_display_pushdown_list(boolean);
  END IF;
END $$;
DROP EXTENSION mysql_fdw;
SELECT edb_state('1.0');
SELECT p.proname FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid
  WHERE d.refclassid = 'pg_extension'::regclass AND d.classid = 'pg_proc'::regclass
    AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'mysql_fdw') ORDER BY 1;
CREATE SERVER edb_svr FOREIGN DATA WRAPPER mysql_fdw OPTIONS (host '127.0.0.1', port '3306');
ALTER EXTENSION mysql_fdw UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'mysql_fdw';
SELECT * FROM members_differ();
SELECT srvname, srvoptions FROM pg_foreign_server WHERE srvname = 'edb_svr';
DROP EXTENSION mysql_fdw CASCADE;
SELECT edb_state('1.1');
ALTER EXTENSION mysql_fdw UPDATE;
SELECT * FROM members_differ();
DROP EXTENSION mysql_fdw;
SELECT edb_state('1.2');
-- EDB's pushdown list works before the update too: the library has its symbol
SELECT object_type, count(*) > 10 AS many
  FROM mysql_fdw_display_pushdown_list() GROUP BY 1 ORDER BY 1;
-- a database of EDB's era, dumped with pg_dump and restored into a fresh
-- one: the dump says CREATE EXTENSION without a version, so the restore
-- gets 1.3, and the server, user mapping and table work there unchanged
\getenv mysql_host MYSQL_HOST
\getenv mysql_port MYSQL_PORT
\getenv mysql_user MYSQL_USER
\getenv mysql_password MYSQL_PASSWORD
CREATE SERVER edb_dump_svr FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host :'mysql_host', port :'mysql_port', character_set 'PGDatabaseEncoding', fetch_size '5000000');
CREATE USER MAPPING FOR CURRENT_USER SERVER edb_dump_svr
  OPTIONS (username :'mysql_user', password :'mysql_password');
CREATE FOREIGN TABLE edb_t1m (id int, name text)
  SERVER edb_dump_svr OPTIONS (dbname 'fdw_regress', table_name 't1m');
\set dumpfile '/tmp/regress_mysql_upgrade.' :PORT '.sql'
\setenv DUMPFILE :dumpfile
\set dumped `"$PG_BINDIR/pg_dump" -d regress_mysql_upgrade -f "$DUMPFILE" && grep -c 'CREATE EXTENSION IF NOT EXISTS mysql_fdw WITH SCHEMA public;' "$DUMPFILE"`
\echo extension statements in the dump: :dumped
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_mysql_restore;
RESET client_min_messages;
CREATE DATABASE regress_mysql_restore;
\set restored `"$PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -d regress_mysql_restore -f "$DUMPFILE" >/dev/null 2>&1 && echo ok; rm -f "$DUMPFILE"`
\echo restore: :restored
\c regress_mysql_restore
SELECT extversion FROM pg_extension WHERE extname = 'mysql_fdw';
SELECT * FROM edb_t1m ORDER BY id;
\c regress_mysql_upgrade
DROP DATABASE regress_mysql_restore;
DROP SERVER edb_dump_svr CASCADE;
ALTER EXTENSION mysql_fdw UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'mysql_fdw';
SELECT * FROM members_differ();
-- what the MySQL dialect evaluates remotely, a sample
SELECT * FROM mysql_fdw_display_pushdown_list(true)
  WHERE object_name IN ('pg_catalog.=(integer,integer)', 'pg_catalog.upper(text)',
                        'pg_catalog.abs(integer)', 'pg_catalog.random()')
  ORDER BY 2;
-- scripts written for EDB that test its version see one above all of EDB's
SELECT mysql_fdw_version() >= 20900 AS newer_than_edb_2_9;

\c :regress_db
DROP DATABASE regress_mysql_upgrade;
