-- odbc suites: extension, server and user mapping used by the other files.
-- The harness exports ODBC_DSN (a data source in its odbc.ini: a SQLite
-- file, MariaDB or PostgreSQL), ODBC_UID/ODBC_PWD and ODBC_SCHEMA, the
-- remote schema (database for MariaDB) that holds the fixture tables.
\getenv odbc_dsn ODBC_DSN
\getenv odbc_uid ODBC_UID
\getenv odbc_pwd ODBC_PWD
\getenv odbc_schema ODBC_SCHEMA

CREATE EXTENSION odbc_fdw;
SELECT odbc_fdw_version() >= 10000 AS version_ok;
SELECT fdwname, fdwhandler::regproc, fdwvalidator::regproc
  FROM pg_foreign_data_wrapper WHERE fdwname = 'odbc_fdw';

CREATE SERVER odbc_svr FOREIGN DATA WRAPPER odbc_fdw OPTIONS (dsn :'odbc_dsn');
CREATE USER MAPPING FOR CURRENT_USER SERVER odbc_svr
  OPTIONS (username :'odbc_uid', password :'odbc_pwd');

-- a remote table read end to end; table defaults to the local name
CREATE FOREIGN TABLE t1 (id int, name varchar(30)) SERVER odbc_svr;
SELECT * FROM t1 ORDER BY id;

-- table and schema name the remote table
CREATE FOREIGN TABLE odbc_tab (id int, name text)
  SERVER odbc_svr OPTIONS (schema :'odbc_schema', table 't1');
SELECT * FROM odbc_tab ORDER BY id;

-- column_name maps a local column to a differently named remote one
CREATE FOREIGN TABLE renamed (key int OPTIONS (column_name 'id'),
                              label text OPTIONS (column_name 'name'))
  SERVER odbc_svr OPTIONS (table 't1');
SELECT label FROM renamed WHERE key = 2;

-- sql_query: a remote query used as the table
CREATE FOREIGN TABLE q1 (id int, upper_name text)
  SERVER odbc_svr OPTIONS (sql_query 'SELECT id, UPPER(name) AS upper_name FROM t1 WHERE id >= 2',
                           sql_count 'SELECT count(*) FROM t1 WHERE id >= 2');
SELECT * FROM q1 ORDER BY id;

-- the table core_behaviour.sql (shared by every suite) runs on
CREATE FOREIGN TABLE core_big (id int, grp int) SERVER odbc_svr OPTIONS (table 'big');

-- one cached connection serves all of these
SELECT server_name, valid FROM odbc_fdw_get_connections();
