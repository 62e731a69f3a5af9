-- tds suite: errors.  Connection failures, bad credentials and remote
-- errors come back with SQL Server's message number, severity and text and a
-- fitting SQLSTATE; query cancel and statement_timeout stop the remote batch;
-- informational messages become NOTICEs with msg_handler 'notice'.
\getenv tds_host TDS_HOST
\getenv tds_port TDS_PORT
\getenv tds_user TDS_USER
\getenv tds_password TDS_PASSWORD
\getenv tds_database TDS_DATABASE
\set SHOW_CONTEXT never

-- nothing listens on port 1
CREATE SERVER refused FOREIGN DATA WRAPPER tds_fdw
  OPTIONS (servername '127.0.0.1', port '1', login_timeout '3');
CREATE USER MAPPING FOR CURRENT_USER SERVER refused OPTIONS (username 'x', password 'secret_pw');
CREATE FOREIGN TABLE refused_t (id int) SERVER refused OPTIONS (table_name 't1');
SELECT * FROM refused_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- an unknown host
CREATE SERVER nohost FOREIGN DATA WRAPPER tds_fdw
  OPTIONS (servername 'no-such-host.invalid', login_timeout '3');
CREATE USER MAPPING FOR CURRENT_USER SERVER nohost OPTIONS (username 'x', password 'secret_pw');
CREATE FOREIGN TABLE nohost_t (id int) SERVER nohost OPTIONS (table_name 't1');
SELECT * FROM nohost_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- a server that accepts the connection but never answers: the login gives
-- up after login_timeout
\set silent_port `python3 "$FDW_REPO/test/lib/silent_listener.py"`
CREATE SERVER silent FOREIGN DATA WRAPPER tds_fdw
  OPTIONS (servername '127.0.0.1', port :'silent_port', login_timeout '2');
CREATE USER MAPPING FOR CURRENT_USER SERVER silent OPTIONS (username 'x', password 'y');
CREATE FOREIGN TABLE silent_t (id int) SERVER silent OPTIONS (table_name 't1');
SELECT clock_timestamp() AS t0 \gset
SELECT * FROM silent_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT clock_timestamp() - :'t0'::timestamptz BETWEEN interval '1.5 seconds' AND interval '6 seconds'
  AS gave_up_after_login_timeout;

-- wrong password: SQL Server's login error 18456; the password is not shown
CREATE SERVER badpw FOREIGN DATA WRAPPER tds_fdw
  OPTIONS (servername :'tds_host', port :'tds_port', database :'tds_database');
CREATE USER MAPPING FOR CURRENT_USER SERVER badpw
  OPTIONS (username :'tds_user', password 'wrong_secret_pw');
CREATE FOREIGN TABLE badpw_t (id int) SERVER badpw OPTIONS (table_name 't1');
SELECT * FROM tds_error('SELECT * FROM badpw_t');
SELECT position('wrong_secret_pw' in (tds_error('SELECT * FROM badpw_t')).detail) AS password_shown;
-- fixing the user mapping is picked up by the next connection
ALTER USER MAPPING FOR CURRENT_USER SERVER badpw OPTIONS (SET password :'tds_password');
SELECT count(*) FROM badpw_t;

-- missing remote table and column
CREATE FOREIGN TABLE notab (id int) SERVER tds_svr OPTIONS (table_name 'no_such_table');
SELECT * FROM notab;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE FOREIGN TABLE nocol (id int, nosuch text) SERVER tds_svr OPTIONS (table_name 't1');
SELECT * FROM nocol;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a query that does not need the missing column works
SELECT id FROM nocol ORDER BY id;

-- errors raised by the remote query: division by zero, a syntax error
CREATE FOREIGN TABLE divzero (id int, q int) SERVER tds_svr
  OPTIONS (query 'SELECT id, 100 / (id - 2) AS q FROM t1');
SELECT * FROM divzero;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM divzero WHERE id = 1;
CREATE FOREIGN TABLE badsql (id int) SERVER tds_svr
  OPTIONS (query 'SELEC id FROM t1');
SELECT * FROM badsql;
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- after all these errors the connection still serves queries
SELECT * FROM tds_tab ORDER BY id;

-- statement_timeout interrupts a slow remote query (a cross join of 10^12
-- rows); the connection stays usable
CREATE FOREIGN TABLE slow (n bigint) SERVER tds_svr
  OPTIONS (query 'SELECT COUNT_BIG(*) AS n FROM digits a, digits b, digits c, digits d,
                  digits e, digits f, digits g, digits h, digits i, digits j, digits k, digits l');
SET statement_timeout = '500ms';
SELECT * FROM slow;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET statement_timeout;
SELECT count(*) FROM tds_tab;
-- the same while rows are streaming: the first rows arrive at once, the last
-- one only after the slow count
CREATE FOREIGN TABLE slow_tail (n bigint) SERVER tds_svr
  OPTIONS (query 'SELECT id AS n FROM big UNION ALL SELECT COUNT_BIG(*) FROM digits a, digits b,
                  digits c, digits d, digits e, digits f, digits g, digits h, digits i, digits j, digits k');
SET statement_timeout = '1s';
SELECT count(*) FROM slow_tail;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET statement_timeout;
SELECT count(*) FROM tds_tab;
-- and inside a transaction, which the cancel aborts
BEGIN;
SELECT count(*) FROM tds_tab;
SET LOCAL statement_timeout = '500ms';
SELECT * FROM slow;
ROLLBACK;
SELECT count(*) FROM tds_tab;

-- query_timeout bounds every remote statement of a server
CREATE SERVER tds_timeout FOREIGN DATA WRAPPER tds_fdw
  OPTIONS (servername :'tds_host', port :'tds_port', database :'tds_database', query_timeout '1');
CREATE USER MAPPING FOR CURRENT_USER SERVER tds_timeout
  OPTIONS (username :'tds_user', password :'tds_password');
CREATE FOREIGN TABLE slow_timeout (n bigint) SERVER tds_timeout
  OPTIONS (query 'SELECT COUNT_BIG(*) AS n FROM digits a, digits b, digits c, digits d,
                  digits e, digits f, digits g, digits h, digits i, digits j, digits k, digits l');
CREATE FOREIGN TABLE t1_timeout (id int) SERVER tds_timeout OPTIONS (table_name 't1');
SELECT * FROM slow_timeout;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) FROM t1_timeout;

-- msg_handler 'notice': the server's informational messages are NOTICEs
-- (here those of the login); 'blackhole', the default, drops them
CREATE SERVER tds_notice FOREIGN DATA WRAPPER tds_fdw
  OPTIONS (servername :'tds_host', port :'tds_port', database :'tds_database',
           msg_handler 'notice');
CREATE USER MAPPING FOR CURRENT_USER SERVER tds_notice
  OPTIONS (username :'tds_user', password :'tds_password');
CREATE FOREIGN TABLE notice_t1 (id int) SERVER tds_notice OPTIONS (table_name 't1');
SELECT count(*) FROM notice_t1;
ALTER SERVER tds_notice OPTIONS (SET msg_handler 'blackhole');
SELECT count(*) FROM notice_t1;

-- sqlserver_ansi_mode sends the ANSI session settings
CREATE SERVER tds_ansi FOREIGN DATA WRAPPER tds_fdw
  OPTIONS (servername :'tds_host', port :'tds_port', database :'tds_database',
           sqlserver_ansi_mode 'true');
CREATE USER MAPPING FOR CURRENT_USER SERVER tds_ansi
  OPTIONS (username :'tds_user', password :'tds_password');
CREATE FOREIGN TABLE ansi_t1 (id int) SERVER tds_ansi OPTIONS (table_name 't1');
SELECT max(n) AS log_mark FROM tds_log() \gset
SELECT count(*) FROM ansi_t1;
SELECT line FROM tds_log() WHERE n > :log_mark AND line LIKE 'SET %';

-- a connection the server closed while idle (KILL from another session, as
-- a restart would) is replaced at the start of the next transaction:
-- is_alive polls the idle socket (no round trip) and finds it closed, so
-- the transaction's first query already runs on a new session.  tsql kills
-- it from outside.
\set kill_cmd 'printf "KILL %s\\ngo\\n" "$REMOTE_SPID" | tsql -H "$TDS_HOST" -p "$TDS_PORT" -U "$TDS_USER" -P "$TDS_PASSWORD" 2>&1 | grep -o "Msg [0-9]*" || true'
CREATE FOREIGN TABLE session_spid (spid int) SERVER tds_svr
  OPTIONS (query 'SELECT @@SPID AS spid');
CREATE FOREIGN TABLE live_t1 (id int, name text) SERVER tds_svr
  OPTIONS (table_name 't1');
SELECT spid AS remote_spid FROM session_spid \gset
SELECT spid = :remote_spid AS same_session FROM session_spid;
\setenv REMOTE_SPID :remote_spid
\set killed `:kill_cmd`
\echo killed :killed
SELECT pg_sleep(0.5);
SELECT * FROM live_t1 ORDER BY id;
SELECT spid <> :remote_spid AS new_session FROM session_spid;
-- the same for a use outside any remote transaction: IMPORT FOREIGN SCHEMA
-- on a connection killed while idle runs on a new one (before the check,
-- only a BEGIN that failed made the core reconnect, and IMPORT sends none)
SELECT spid AS remote_spid FROM session_spid \gset
\setenv REMOTE_SPID :remote_spid
\set killed `:kill_cmd`
\echo killed :killed
SELECT pg_sleep(0.5);
CREATE SCHEMA live_imp;
IMPORT FOREIGN SCHEMA dbo LIMIT TO (t1) FROM SERVER tds_svr INTO live_imp;
SELECT * FROM live_imp.t1 ORDER BY id;
