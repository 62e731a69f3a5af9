-- tds suite: option validation.  Every option of tds_fdw 2.0 is accepted
-- where tds_fdw 2.0 accepted it; bad names, levels and values are refused at
-- CREATE/ALTER time with the option named.
\set VERBOSITY default
\set SHOW_CONTEXT never

-- unknown options list the valid ones; misplaced ones say where they belong
CREATE SERVER o1 FOREIGN DATA WRAPPER tds_fdw OPTIONS (hostname 'x');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE SERVER o1 FOREIGN DATA WRAPPER tds_fdw OPTIONS (query 'SELECT 1');
CREATE SERVER o1 FOREIGN DATA WRAPPER tds_fdw OPTIONS (username 'x');
ALTER USER MAPPING FOR CURRENT_USER SERVER tds_svr OPTIONS (ADD port '1');

-- values are checked by kind and range
CREATE SERVER o1 FOREIGN DATA WRAPPER tds_fdw OPTIONS (port 'abc');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE SERVER o1 FOREIGN DATA WRAPPER tds_fdw OPTIONS (port '70000');
CREATE SERVER o1 FOREIGN DATA WRAPPER tds_fdw OPTIONS (tds_version '8.0');
CREATE SERVER o1 FOREIGN DATA WRAPPER tds_fdw OPTIONS (msg_handler 'print');
CREATE SERVER o1 FOREIGN DATA WRAPPER tds_fdw OPTIONS (row_estimate_method 'guess');
CREATE SERVER o1 FOREIGN DATA WRAPPER tds_fdw OPTIONS (dbuse 'maybe');
CREATE SERVER o1 FOREIGN DATA WRAPPER tds_fdw OPTIONS (login_timeout '-1');
-- (the core's options, fetch_size and batch_size: core_behaviour.sql)

-- every server option of tds_fdw 2.0, plus ours
CREATE SERVER o1 FOREIGN DATA WRAPPER tds_fdw OPTIONS (
  servername 'a.example, b.example', port '1433', database 'db', dbuse '0',
  language 'us_english', character_set 'UTF-8', tds_version '7.4',
  msg_handler 'notice', fdw_startup_cost '50', fdw_tuple_cost '0.5',
  sqlserver_ansi_mode 'true', use_remote_estimate 'false',
  row_estimate_method 'showplan_all', login_timeout '5', query_timeout '60',
  fetch_size '500', batch_size '100');
ALTER SERVER o1 OPTIONS (SET tds_version 'auto', SET msg_handler 'blackhole');
CREATE USER MAPPING FOR CURRENT_USER SERVER o1 OPTIONS (username 'u', password 'p');
-- a misspelt option is named, the values given with it are not
ALTER USER MAPPING FOR CURRENT_USER SERVER o1 OPTIONS (SET password 'p2', ADD passwd 'x');

-- table options
CREATE FOREIGN TABLE o_t1 (id int) SERVER o1 OPTIONS (
  table_name 'orders', schema_name 'sales', match_column_names 'true',
  use_remote_estimate 'true', local_tuple_estimate '12345', fetch_size '10');
CREATE FOREIGN TABLE o_t2 (id int) SERVER o1 OPTIONS (query 'SELECT 1 AS id');
-- a table is a remote table or a remote query, not both
CREATE FOREIGN TABLE o_t3 (id int) SERVER o1 OPTIONS (query 'SELECT 1 AS id', table_name 'x');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER FOREIGN TABLE o_t2 OPTIONS (ADD "table" 'x');
CREATE FOREIGN TABLE o_t3 (id int) SERVER o1 OPTIONS (local_tuple_estimate '0');
CREATE FOREIGN TABLE o_t3 (id int) SERVER o1 OPTIONS (servername 'x');
CREATE FOREIGN TABLE o_t3 (id int OPTIONS (colname 'x')) SERVER o1;

-- a qualified table_name must be well formed
CREATE FOREIGN TABLE o_t3 (id int) SERVER o1 OPTIONS (table_name '[dbo.orders');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE FOREIGN TABLE o_t3 (id int) SERVER o1 OPTIONS (table_name 'db.dbo.orders');
CREATE FOREIGN TABLE o_t3 (id int) SERVER o1 OPTIONS (table_name 'dbo..orders');
CREATE FOREIGN TABLE o_t3 (id int) SERVER o1 OPTIONS (table_name '[dbo]x');
CREATE FOREIGN TABLE o_t3 (id int) SERVER o1 OPTIONS (table_name 'dbo.orders', schema_name 'sales');
ALTER FOREIGN TABLE o_t1 OPTIONS (SET table_name 'dbo.orders');
-- brackets quote dots and doubled brackets
CREATE FOREIGN TABLE o_t3 (id int) SERVER o1 OPTIONS (table_name '[my.schema].[odd]]name]');

-- what a table's options resolve to, shown without connecting
SELECT c.relname, ft.ftoptions
  FROM pg_foreign_table ft JOIN pg_class c ON c.oid = ft.ftrelid
 WHERE c.relname LIKE 'o\_t%' ORDER BY 1;

-- local_tuple_estimate is the row count of a table without statistics
CREATE FUNCTION plan_rows(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE j json;
BEGIN
  EXECUTE 'EXPLAIN (FORMAT JSON) ' || q INTO j;
  RETURN (j -> 0 -> 'Plan' ->> 'Plan Rows')::float8;
END $$;
CREATE FOREIGN TABLE est_t1 (id int, name text) SERVER tds_svr
  OPTIONS (table_name 't1', local_tuple_estimate '12345');
SELECT plan_rows('SELECT * FROM est_t1');
SELECT plan_rows('SELECT * FROM tds_tab');

-- use_remote_estimate: 'execute' (the default) runs the remote query once
-- when planning and counts its rows
ALTER FOREIGN TABLE est_t1 OPTIONS (ADD use_remote_estimate 'true');
SELECT max(n) AS log_mark FROM tds_log() \gset
SELECT plan_rows('SELECT * FROM est_t1 WHERE id >= 2');
SELECT line FROM tds_log() WHERE n > :log_mark;
-- without use_remote_estimate nothing is sent when planning
SELECT max(n) AS log_mark FROM tds_log() \gset
SELECT plan_rows('SELECT * FROM tds_tab WHERE id >= 2');
SELECT count(*) AS sent FROM tds_log() WHERE n > :log_mark;

-- row_estimate_method 'showplan_all' asks the optimizer (SET SHOWPLAN_ALL);
-- the test server has no plans to show, so the default of 1000 rows applies
CREATE SERVER tds_showplan FOREIGN DATA WRAPPER tds_fdw
  OPTIONS (row_estimate_method 'showplan_all', use_remote_estimate 'true');
\getenv tds_host TDS_HOST
\getenv tds_port TDS_PORT
\getenv tds_user TDS_USER
\getenv tds_password TDS_PASSWORD
\getenv tds_database TDS_DATABASE
ALTER SERVER tds_showplan OPTIONS (ADD servername :'tds_host', ADD port :'tds_port',
                                   ADD database :'tds_database');
CREATE USER MAPPING FOR CURRENT_USER SERVER tds_showplan
  OPTIONS (username :'tds_user', password :'tds_password');
CREATE FOREIGN TABLE showplan_t1 (id int) SERVER tds_showplan OPTIONS (table_name 't1');
SELECT max(n) AS log_mark FROM tds_log() \gset
SELECT plan_rows('SELECT * FROM showplan_t1');
SELECT line FROM tds_log() WHERE n > :log_mark AND line NOT LIKE 'SET TEXTSIZE%';
SELECT count(*) FROM showplan_t1;

DROP SERVER o1 CASCADE;
