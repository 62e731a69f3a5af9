-- odbc_sqlite suite: the safety model (DESIGN.md).  A role with USAGE on
-- the wrapper may name a DSN and the connection attributes on the
-- allow-list (README.md), but not a driver library by path, any other
-- odbc_<ATTR> pass-through attribute (LoadExt, DumpFile, Database, which
-- SQLite creates, ...) or a remote query, which SQLite would run inside the
-- backend (42501, naming the option); nobody may put a password in a server.
\getenv odbc_dsn ODBC_DSN
\set VERBOSITY default
\set SHOW_CONTEXT never

CREATE ROLE regress_fdw_user LOGIN;
GRANT USAGE ON FOREIGN DATA WRAPPER odbc_fdw TO regress_fdw_user;
GRANT CREATE ON SCHEMA public TO regress_fdw_user;

SET ROLE regress_fdw_user;
-- superuser-only options on CREATE SERVER
CREATE SERVER sec_bad FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (driver '/usr/lib/x86_64-linux-gnu/odbc/libsqlite3odbc.so');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE SERVER sec_bad FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (dsn :'odbc_dsn', "odbc_LoadExt" '/tmp/evil.so');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE SERVER sec_bad FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (dsn :'odbc_dsn', "odbc_DumpFile" '/tmp/dump.log');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE SERVER sec_bad FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (dsn :'odbc_dsn', odbc_Database '/tmp/new.db');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE SERVER sec_bad FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (dsn :'odbc_dsn', "odbc_TraceFile" '/tmp/trace.log');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE SERVER sec_bad FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (dsn :'odbc_dsn', "odbc_FILEDSN" '/tmp/x.dsn');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- a DSN, a driver by name and the allow-listed attributes are the user's
CREATE SERVER sec_own FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (dsn :'odbc_dsn', "odbc_Server" 'h', "odbc_Port" '1', odbc_charset 'UTF8');
CREATE SERVER sec_drv FOREIGN DATA WRAPPER odbc_fdw OPTIONS (driver 'SQLite3');
-- the same attributes on ALTER SERVER
ALTER SERVER sec_own OPTIONS (ADD "odbc_LoadExt" '/tmp/evil.so');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER SERVER sec_own OPTIONS (ADD "odbc_Database" '/tmp/new.db');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER SERVER sec_drv OPTIONS (SET driver '/tmp/libevil.so');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- and on CREATE USER MAPPING, where pass-through attributes are valid too
CREATE USER MAPPING FOR CURRENT_USER SERVER sec_own
  OPTIONS ("odbc_DumpFile" '/tmp/dump.log');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE USER MAPPING FOR CURRENT_USER SERVER sec_own
  OPTIONS ("odbc_LoadExt" '/tmp/evil.so');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- a password in a server could be read by every role, in any spelling
CREATE SERVER sec_bad FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (dsn :'odbc_dsn', "odbc_PWD" 'hunter2');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER SERVER sec_own OPTIONS (ADD odbc_pwd 'hunter2');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER SERVER sec_own OPTIONS (ADD "odbc_Password" 'hunter2');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER SERVER sec_own OPTIONS (ADD password 'hunter2');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the user mapping is its place
CREATE USER MAPPING FOR CURRENT_USER SERVER sec_own
  OPTIONS (username 'u', "odbc_PWD" 'hunter2', "odbc_UID" 'u');

-- a remote query: SQLite runs it in the backend (ATTACH DATABASE ...)
CREATE FOREIGN TABLE sec_q (x int) SERVER sec_own
  OPTIONS (sql_query 'ATTACH DATABASE ''/tmp/x.db'' AS x');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a table is fine
CREATE FOREIGN TABLE sec_t (id int, name text) SERVER sec_own OPTIONS (table 't1');
SELECT count(*) > 0 AS reads FROM sec_t;

RESET ROLE;
-- a superuser may set each of them, also on a server another role owns
ALTER SERVER sec_own OPTIONS (ADD "odbc_LoadExt" '/tmp/x.so',
  ADD "odbc_DumpFile" '/tmp/d.log', ADD "odbc_Database" '/tmp/x.db');
ALTER SERVER sec_drv OPTIONS (SET driver '/usr/lib/libsqlite3odbc.so');
ALTER FOREIGN TABLE sec_t OPTIONS (DROP table, ADD sql_query 'SELECT 1 AS id');
SELECT srvname, srvoptions FROM pg_foreign_server
  WHERE srvname IN ('sec_own', 'sec_drv') ORDER BY srvname;
-- but not a password in a server
ALTER SERVER sec_own OPTIONS (ADD "odbc_PWD" 'hunter2');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- the owner may still change other options of what the superuser set
SET ROLE regress_fdw_user;
ALTER SERVER sec_own OPTIONS (SET "odbc_Port" '2');
ALTER FOREIGN TABLE sec_t OPTIONS (ADD fetch_size '10');
-- but not those
ALTER SERVER sec_own OPTIONS (SET "odbc_LoadExt" '/tmp/y.so');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER FOREIGN TABLE sec_t OPTIONS (SET sql_query 'SELECT 2 AS id');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;

-- password_required (as postgres_fdw's): a role that is not a superuser
-- connects only with the password of its user mapping, and never through a
-- local socket, where the server may log in the backend's OS user (peer,
-- unix_socket): a host given as a directory or 'localhost', or a DSN-less
-- connection naming no host.  Refused before the driver is called.
CREATE SERVER sec_dsn FOREIGN DATA WRAPPER odbc_fdw OPTIONS (dsn :'odbc_dsn');
GRANT USAGE ON FOREIGN SERVER sec_dsn TO regress_fdw_user;
SET ROLE regress_fdw_user;
CREATE USER MAPPING FOR CURRENT_USER SERVER sec_dsn OPTIONS (username 'u');
CREATE FOREIGN TABLE sec_dsn_t (id int, name text) SERVER sec_dsn OPTIONS (table 't1');
SELECT count(*) FROM sec_dsn_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a password in any spelling of the attribute counts
ALTER USER MAPPING FOR CURRENT_USER SERVER sec_dsn OPTIONS (ADD "odbc_PWD" 'x');
SELECT count(*) > 0 AS reads FROM sec_dsn_t;
CREATE SERVER sec_sock FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (driver 'PostgreSQL Unicode', "odbc_Servername" '/var/run/postgresql');
CREATE SERVER sec_local FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (driver 'MariaDB Unicode', "odbc_Server" 'localhost');
CREATE SERVER sec_nohost FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (driver 'PostgreSQL Unicode');
CREATE USER MAPPING FOR CURRENT_USER SERVER sec_sock
  OPTIONS (username 'postgres', password 'x');
CREATE USER MAPPING FOR CURRENT_USER SERVER sec_local
  OPTIONS (username 'root', password 'x');
CREATE USER MAPPING FOR CURRENT_USER SERVER sec_nohost
  OPTIONS (username 'postgres', password 'x');
CREATE FOREIGN TABLE sec_sock_t (x int) SERVER sec_sock OPTIONS (table 'pg_authid');
CREATE FOREIGN TABLE sec_local_t (x int) SERVER sec_local OPTIONS (table 'mysql.user');
CREATE FOREIGN TABLE sec_nohost_t (x int) SERVER sec_nohost OPTIONS (table 'pg_authid');
SELECT count(*) FROM sec_sock_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) FROM sec_local_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) FROM sec_nohost_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;
-- a superuser may let one mapping connect without a password
ALTER USER MAPPING FOR regress_fdw_user SERVER sec_dsn
  OPTIONS (DROP "odbc_PWD", ADD password_required 'false');
SET ROLE regress_fdw_user;
SELECT count(*) > 0 AS reads FROM sec_dsn_t;
RESET ROLE;
DROP SERVER sec_dsn CASCADE;

DROP OWNED BY regress_fdw_user;
DROP ROLE regress_fdw_user;
