-- mysql suite: extension versions.  1.0 -> 1.1 -> 1.2 with ALTER EXTENSION UPDATE
-- gives exactly the objects of a fresh install of the default version.
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
CREATE TEMP TABLE fresh AS
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

\c :regress_db
DROP DATABASE regress_mysql_upgrade;
