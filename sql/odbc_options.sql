-- odbc suites: option validation.  Every error is raised when the object is
-- created, before any connection, with a 42 SQLSTATE (HV fdw class).
\set SHOW_CONTEXT never

-- unknown options and options at the wrong level
CREATE SERVER bad1 FOREIGN DATA WRAPPER odbc_fdw OPTIONS (nosuch 'x');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE SERVER bad2 FOREIGN DATA WRAPPER odbc_fdw OPTIONS (username 'x');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE FOREIGN TABLE bad3 (id int) SERVER odbc_svr OPTIONS (odbc_DATABASE 'x');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE FOREIGN TABLE bad4 (id int) SERVER odbc_svr OPTIONS (column_name 'x');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE FOREIGN TABLE bad5 (id int OPTIONS (table 'x')) SERVER odbc_svr;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- "odbc_" alone names no attribute
CREATE SERVER bad6 FOREIGN DATA WRAPPER odbc_fdw OPTIONS (dsn 'x', odbc_ 'x');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- an attribute name must be one a connection string can carry
CREATE SERVER bad7 FOREIGN DATA WRAPPER odbc_fdw OPTIONS (dsn 'x', "odbc_A;B" 'x');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE SERVER bad8 FOREIGN DATA WRAPPER odbc_fdw OPTIONS (dsn 'x', "odbc_PORT " '1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- a server names its data source one way
CREATE SERVER bad9 FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (dsn 'x', driver '/usr/lib/libx.so');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE SERVER ok1 FOREIGN DATA WRAPPER odbc_fdw OPTIONS (dsn 'x');
ALTER SERVER ok1 OPTIONS (ADD driver '/usr/lib/libx.so');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- values of the wrong kind or out of range (the core's options, fetch_size
-- and batch_size: core_behaviour.sql)
ALTER SERVER ok1 OPTIONS (ADD connect_timeout '-1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- a remote table or a remote query, not both
CREATE FOREIGN TABLE bad13 (id int) SERVER odbc_svr
  OPTIONS (table 't1', sql_query 'SELECT id FROM t1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- everything valid, at each level where it is valid
ALTER SERVER ok1 OPTIONS (ADD encoding 'UTF-8', ADD connect_timeout '5',
  ADD fetch_size '500', ADD use_remote_estimate 'false',
  ADD fdw_startup_cost '50', ADD fdw_tuple_cost '0.5', ADD odbc_Port '3306');
CREATE USER MAPPING FOR CURRENT_USER SERVER ok1
  OPTIONS (username 'u', password 'p', odbc_UID 'u2', odbc_PWD 'secret',
           odbc_Option '3');
CREATE FOREIGN TABLE ok_t (id int OPTIONS (column_name 'ID')) SERVER ok1
  OPTIONS (schema 's', table 't', fetch_size '10', use_remote_estimate 'true',
           fdw_startup_cost '1', fdw_tuple_cost '1');
CREATE FOREIGN TABLE ok_q (id int) SERVER ok1
  OPTIONS (sql_query 'SELECT 1 AS id', sql_count 'SELECT 1');
SELECT srvname, srvoptions FROM pg_foreign_server WHERE srvname = 'ok1';
SELECT relname, ftoptions FROM pg_foreign_table JOIN pg_class ON oid = ftrelid
  WHERE relname LIKE 'ok\_%' ORDER BY relname;
DROP SERVER ok1 CASCADE;
