-- mysql suite: connection and remote-object errors.  Each is a clear ERROR
-- with an 08 (connection) or 42 (missing object) SQLSTATE that names what is
-- wrong; the password never appears.
\getenv mysql_host MYSQL_HOST
\getenv mysql_port MYSQL_PORT
\getenv mysql_user MYSQL_USER
\getenv mysql_password MYSQL_PASSWORD
\set SHOW_CONTEXT never

-- unknown host
CREATE SERVER nohost FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host 'no-such-host.invalid', connect_timeout '3');
CREATE USER MAPPING FOR CURRENT_USER SERVER nohost OPTIONS (username 'x', password 'secret_pw');
CREATE FOREIGN TABLE nohost_t (id int) SERVER nohost OPTIONS (dbname 'd', table_name 't');
SELECT * FROM nohost_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- nothing listens on port 1
CREATE SERVER refused FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host '127.0.0.1', port '1', connect_timeout '3');
CREATE USER MAPPING FOR CURRENT_USER SERVER refused OPTIONS (username 'x', password 'secret_pw');
CREATE FOREIGN TABLE refused_t (id int) SERVER refused OPTIONS (dbname 'd', table_name 't');
SELECT * FROM refused_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- wrong password: the message must not contain it
CREATE SERVER badpw FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host :'mysql_host', port :'mysql_port');
CREATE USER MAPPING FOR CURRENT_USER SERVER badpw
  OPTIONS (username :'mysql_user', password 'wrong_secret_pw');
CREATE FOREIGN TABLE badpw_t (id int) SERVER badpw OPTIONS (dbname 'fdw_regress', table_name 't1m');
\set VERBOSITY terse
SELECT * FROM badpw_t;
\set VERBOSITY default
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT position('wrong_secret_pw' in :'LAST_ERROR_MESSAGE') AS password_in_message;
-- fixing the user mapping is picked up by the cached connection
ALTER USER MAPPING FOR CURRENT_USER SERVER badpw OPTIONS (SET password :'mysql_password');
SELECT count(*) FROM badpw_t;

-- missing remote database, table and column
CREATE FOREIGN TABLE nodb (id int) SERVER mysql_svr OPTIONS (dbname 'no_such_db', table_name 't1m');
SELECT * FROM nodb;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE FOREIGN TABLE notab (id int) SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'no_such_table');
SELECT * FROM notab;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE FOREIGN TABLE nocol (id int, nosuch text) SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 't1m');
SELECT * FROM nocol;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a query that does not need the missing column still works
SELECT id FROM nocol ORDER BY id;

-- after all these errors the connection still serves queries
SELECT * FROM mysql_tab ORDER BY id;

-- a server that accepts the connection but never answers: the error comes
-- after connect_timeout, and statement_timeout interrupts a longer wait
\set silent_port `python3 "$FDW_REPO/test/lib/silent_listener.py"`
CREATE SERVER silent FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host '127.0.0.1', port :'silent_port', connect_timeout '2');
CREATE USER MAPPING FOR CURRENT_USER SERVER silent OPTIONS (username 'x', password 'y');
CREATE FOREIGN TABLE silent_t (id int) SERVER silent OPTIONS (dbname 'd', table_name 't');
SELECT clock_timestamp() AS t0 \gset
\set VERBOSITY terse
SELECT * FROM silent_t;
\set VERBOSITY default
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT clock_timestamp() - :'t0'::timestamptz BETWEEN interval '1.5 seconds' AND interval '6 seconds' AS gave_up_after_connect_timeout;
ALTER SERVER silent OPTIONS (SET connect_timeout '60');
SET statement_timeout = '1s';
SELECT clock_timestamp() AS t0 \gset
SELECT * FROM silent_t;
RESET statement_timeout;
SELECT clock_timestamp() - :'t0'::timestamptz < interval '5 seconds' AS interrupted_quickly;
