-- mysql suite: the connection functions of extension version 1.1,
-- mysql_fdw_get_connections(), mysql_fdw_disconnect(text) and
-- mysql_fdw_disconnect_all(), like postgres_fdw's.  Each psql session is a new
-- backend, so the connection cache starts empty here.
\getenv mysql_host MYSQL_HOST
\getenv mysql_port MYSQL_PORT
\getenv mysql_user MYSQL_USER
\getenv mysql_password MYSQL_PASSWORD
\set SHOW_CONTEXT never

-- A second server whose remote session can be recognised from outside: its
-- default database is fdw_regress (our queries qualify every table, and no
-- other session of the suite has a default database).
CREATE SERVER mysql_svr2 FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host :'mysql_host', port :'mysql_port', init_command 'USE fdw_regress');
CREATE USER MAPPING FOR CURRENT_USER SERVER mysql_svr2
  OPTIONS (username :'mysql_user', password :'mysql_password');
CREATE FOREIGN TABLE t1m_2 (id int, name text)
  SERVER mysql_svr2 OPTIONS (dbname 'fdw_regress', table_name 't1m');
-- the remote sessions, read through mysql_svr
CREATE FOREIGN TABLE remote_sessions (db text)
  SERVER mysql_svr OPTIONS (dbname 'information_schema', table_name 'PROCESSLIST');
-- the number of remote sessions of mysql_svr2, once it equals want (MariaDB
-- ends a session's thread shortly after the client closed it)
CREATE FUNCTION svr2_sessions(want int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE n int;
BEGIN
  FOR i IN 1..100 LOOP
    SELECT count(*) INTO n FROM remote_sessions WHERE db = 'fdw_regress';
    EXIT WHEN n = want;
    PERFORM pg_sleep(0.1);
  END LOOP;
  RETURN n;
END $$;

-- nothing cached yet
SELECT * FROM mysql_fdw_get_connections();
SELECT mysql_fdw_disconnect_all();

-- one connection per server used, kept after the statement
SELECT count(*) FROM mysql_tab;
SELECT count(*) FROM t1m_2;
SELECT * FROM mysql_fdw_get_connections() ORDER BY server_name;
SELECT svr2_sessions(1);

-- closing one server's connection really ends the remote session
SELECT mysql_fdw_disconnect('mysql_svr2');
SELECT * FROM mysql_fdw_get_connections() ORDER BY server_name;
SELECT svr2_sessions(0);
-- nothing left to close for that server; the next use reconnects
SELECT mysql_fdw_disconnect('mysql_svr2');
SELECT name FROM t1m_2 WHERE id = 1;
SELECT * FROM mysql_fdw_get_connections() ORDER BY server_name;
SELECT svr2_sessions(1);

-- a connection used by the current transaction stays open
BEGIN;
SELECT count(*) FROM t1m_2;
SELECT mysql_fdw_disconnect('mysql_svr2');
SELECT mysql_fdw_disconnect_all();
SELECT * FROM mysql_fdw_get_connections() ORDER BY server_name;
COMMIT;
-- ... including one a running scan of the same query is reading from
SELECT id, mysql_fdw_disconnect('mysql_svr2') FROM t1m_2 ORDER BY id LIMIT 1;
SELECT * FROM mysql_fdw_get_connections() ORDER BY server_name;

-- after ALTER SERVER the connection is invalid until its next use
ALTER SERVER mysql_svr2 OPTIONS (ADD fetch_size '2');
SELECT * FROM mysql_fdw_get_connections() ORDER BY server_name;
SELECT count(*) FROM t1m_2;
SELECT * FROM mysql_fdw_get_connections() ORDER BY server_name;

-- a renamed server is listed under its new name
ALTER SERVER mysql_svr2 RENAME TO mysql_svr_renamed;
SELECT * FROM mysql_fdw_get_connections() ORDER BY server_name;
ALTER SERVER mysql_svr_renamed RENAME TO mysql_svr2;

-- a server dropped in the open transaction: no name, not valid
BEGIN;
SELECT count(*) FROM t1m_2;
SET LOCAL client_min_messages = warning;
DROP SERVER mysql_svr2 CASCADE;
SELECT * FROM mysql_fdw_get_connections() ORDER BY server_name;
ROLLBACK;

-- closing all of them
SELECT mysql_fdw_disconnect_all();
SELECT svr2_sessions(0);
-- (looking at the remote sessions opened mysql_svr's connection again)
SELECT * FROM mysql_fdw_get_connections() ORDER BY server_name;
SELECT mysql_fdw_disconnect_all();
SELECT * FROM mysql_fdw_get_connections();
SELECT mysql_fdw_disconnect_all();

-- bad input
SELECT mysql_fdw_disconnect('no_such_server');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT mysql_fdw_disconnect(NULL);

-- As EDB mysql_fdw, the connection's default database is the one of the
-- table whose use opened it, so an init_command written for EDB with
-- unqualified names works (before: "No database selected" on every query)
CREATE SERVER mysql_svr3 FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host :'mysql_host', port :'mysql_port',
           init_command 'SET @fdw_rows = (SELECT count(*) FROM t1m)');
CREATE USER MAPPING FOR CURRENT_USER SERVER mysql_svr3
  OPTIONS (username :'mysql_user', password :'mysql_password');
CREATE FOREIGN TABLE t1m_3 (id int, name text)
  SERVER mysql_svr3 OPTIONS (dbname 'fdw_regress', table_name 't1m');
CREATE FOREIGN TABLE sessions_3 (variable_name text, variable_value text)
  SERVER mysql_svr3 OPTIONS (dbname 'information_schema', table_name 'SESSION_VARIABLES');
SELECT * FROM t1m_3 ORDER BY id;
SELECT db FROM remote_sessions WHERE db = 'fdw_regress';
SELECT mysql_fdw_disconnect('mysql_svr3');
-- the database stays with the user mapping's connection, also when it is
-- opened again for a table of another database (the init_command still works)
SELECT variable_value FROM sessions_3 WHERE variable_name = 'SQL_MODE' AND variable_value <> '';
SELECT db FROM remote_sessions WHERE db = 'fdw_regress';
DROP SERVER mysql_svr3 CASCADE;

DROP FUNCTION svr2_sessions(int);
DROP FOREIGN TABLE remote_sessions;
SET client_min_messages = warning;
DROP SERVER mysql_svr2 CASCADE;
RESET client_min_messages;
