-- tds suite: extension, server, user mapping and helpers used by the other
-- files.  The harness exports TDS_HOST/PORT/USER/PASSWORD/DATABASE (the
-- project's TDS test server, or a real SQL Server) and TDS_SQL_LOG, where the
-- test server logs every batch it receives.
\getenv tds_host TDS_HOST
\getenv tds_port TDS_PORT
\getenv tds_user TDS_USER
\getenv tds_password TDS_PASSWORD
\getenv tds_database TDS_DATABASE
\getenv tds_sql_log TDS_SQL_LOG

CREATE EXTENSION tds_fdw;
SELECT tds_fdw_version() >= 10000 AS version_ok;
SELECT fdwname, fdwhandler::regproc, fdwvalidator::regproc
  FROM pg_foreign_data_wrapper WHERE fdwname = 'tds_fdw';

CREATE SERVER tds_svr FOREIGN DATA WRAPPER tds_fdw
  OPTIONS (servername :'tds_host', port :'tds_port', database :'tds_database');
CREATE USER MAPPING FOR CURRENT_USER SERVER tds_svr
  OPTIONS (username :'tds_user', password :'tds_password');

-- what the tests need to know of their environment
CREATE TABLE tds_env AS
  SELECT :'tds_host'::text AS host, :'tds_port'::text AS port,
         :'tds_user'::text AS user_name, :'tds_sql_log'::text AS sql_log;

-- the lines of the test server's SQL log, numbered (one per batch received)
CREATE FUNCTION tds_log() RETURNS TABLE (n bigint, line text)
LANGUAGE sql AS $$
  SELECT l.n, l.line
    FROM tds_env,
         unnest(string_to_array(rtrim(pg_read_file(sql_log), E'\n'), E'\n'))
           WITH ORDINALITY AS l(line, n)
$$;

-- run a statement, return its error (user name masked) instead of raising it
CREATE FUNCTION tds_error(stmt text, OUT state text, OUT message text, OUT detail text)
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE stmt;
  state := '00000';
  message := 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                          detail = PG_EXCEPTION_DETAIL;
  detail := replace(detail, (SELECT user_name FROM tds_env), '<user>');
  message := replace(message, (SELECT user_name FROM tds_env), '<user>');
END $$;

-- the first session's table, read end to end
CREATE FOREIGN TABLE tds_tab (id int, name varchar(30))
  SERVER tds_svr OPTIONS (table_name 't1');
SELECT * FROM tds_tab ORDER BY id;
EXPLAIN (VERBOSE, COSTS OFF) SELECT name FROM tds_tab WHERE id > 1;
SELECT name FROM tds_tab WHERE id > 1 ORDER BY name;

-- the session settings our SQL relies on, sent once per connection
SELECT line FROM tds_log() WHERE line LIKE 'SET TEXTSIZE%' LIMIT 1;

-- the schema, as schema_name or inside table_name (as tds_fdw 2.0 allowed)
CREATE FOREIGN TABLE t1_schema (id int, name text)
  SERVER tds_svr OPTIONS (schema_name 'dbo', table_name 't1');
CREATE FOREIGN TABLE t1_dotted (id int, name text)
  SERVER tds_svr OPTIONS (table_name 'dbo.t1');
CREATE FOREIGN TABLE t1_bracketed (id int, name text)
  SERVER tds_svr OPTIONS ("table" '[dbo].[t1]');
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM t1_schema;
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM t1_dotted;
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM t1_bracketed;
SELECT count(*) FROM t1_schema JOIN t1_dotted USING (id) JOIN t1_bracketed USING (id);

-- column_name maps a local column to a differently named remote one
CREATE FOREIGN TABLE renamed (key int OPTIONS (column_name 'id'),
                              label text OPTIONS (column_name 'name'))
  SERVER tds_svr OPTIONS (table_name 't1');
SELECT label FROM renamed WHERE key = 2;

-- a remote view reads like a table
CREATE FOREIGN TABLE v_t1 (id int, name text) SERVER tds_svr;
SELECT * FROM v_t1 ORDER BY id;

-- servername may name a freetds.conf entry (the harness's FREETDSCONF)
CREATE SERVER tds_conf FOREIGN DATA WRAPPER tds_fdw
  OPTIONS (servername 'tds_regress', database :'tds_database');
CREATE USER MAPPING FOR CURRENT_USER SERVER tds_conf
  OPTIONS (username :'tds_user', password :'tds_password');
CREATE FOREIGN TABLE conf_t1 (id int) SERVER tds_conf OPTIONS (table_name 't1');
SELECT count(*) FROM conf_t1;

-- servername is a list tried in turn: the first is refused
CREATE SERVER tds_list FOREIGN DATA WRAPPER tds_fdw
  OPTIONS (servername :'tds_host', database :'tds_database');
ALTER SERVER tds_list
  OPTIONS (SET servername '127.0.0.1:1, tds_regress');
CREATE USER MAPPING FOR CURRENT_USER SERVER tds_list
  OPTIONS (username :'tds_user', password :'tds_password');
CREATE FOREIGN TABLE list_t1 (id int) SERVER tds_list OPTIONS (table_name 't1');
SELECT count(*) FROM list_t1;

-- the other connection options of tds_fdw 2.0: dbuse selects the database
-- with USE after the login instead of naming it in the login
CREATE SERVER tds_use FOREIGN DATA WRAPPER tds_fdw
  OPTIONS (servername :'tds_host', port :'tds_port', database :'tds_database',
           dbuse 'true', tds_version '7.4', language 'us_english',
           character_set 'UTF-8', login_timeout '5');
CREATE USER MAPPING FOR CURRENT_USER SERVER tds_use
  OPTIONS (username :'tds_user', password :'tds_password');
CREATE FOREIGN TABLE use_t1 (id int) SERVER tds_use OPTIONS (table_name 't1');
SELECT max(n) AS log_mark FROM tds_log() \gset
SELECT count(*) FROM use_t1;
SELECT line FROM tds_log() WHERE n > :log_mark AND line ILIKE 'use %';
-- a name that would end dbuse's brackets is refused before anything is sent
-- ('tr' is true for PostgreSQL's Boolean rule, in the validator and the
-- driver alike)
CREATE SERVER tds_use_bad FOREIGN DATA WRAPPER tds_fdw
  OPTIONS (servername :'tds_host', port :'tds_port', dbuse 'tr',
           database 'x]; DELETE FROM t1; --');
CREATE USER MAPPING FOR CURRENT_USER SERVER tds_use_bad
  OPTIONS (username :'tds_user', password :'tds_password');
CREATE FOREIGN TABLE use_bad_t1 (id int) SERVER tds_use_bad OPTIONS (table_name 't1');
SELECT max(n) AS log_mark FROM tds_log() \gset
SELECT count(*) FROM use_bad_t1;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) AS batches_sent FROM tds_log() WHERE n > :log_mark;
SELECT count(*) FROM use_t1;
DROP SERVER tds_use_bad CASCADE;

-- the table core_behaviour.sql (shared by every suite) runs on
CREATE FOREIGN TABLE core_big (id int, grp int) SERVER tds_svr OPTIONS (table_name 'big');

-- the connections this backend holds
SELECT server_name, valid FROM tds_fdw_get_connections() ORDER BY 1;
SELECT tds_fdw_disconnect('tds_list');
SELECT server_name FROM tds_fdw_get_connections() ORDER BY 1;
