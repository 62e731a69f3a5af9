-- faults suite, tds_fdw on the project's TDS test server: the server fails
-- under the FDW, as in faults_mysql.  Each case shows the SQLSTATE, that the
-- backend and the cluster stay up (a later query works) and the rows on both
-- sides afterwards (the remote's read from the test server's SQLite file).
-- test/lib/fault.sh stops (and always resumes), kills and restarts the
-- server (its listener and session processes), and cancels or terminates
-- backends.  The test server has no lock manager of its own (SQLite file
-- locks), so deadlocks and lock wait timeouts are not shown here.
\set SHOW_CONTEXT never
\set fault '"$FDW_REPO/test/lib/fault.sh"'
\getenv tds_host TDS_HOST
\getenv tds_port TDS_PORT
\getenv tds_user TDS_USER
\getenv tds_password TDS_PASSWORD
\getenv tds_database TDS_DATABASE
\set kill_cmd 'printf "KILL %s\\ngo\\n" "$REMOTE_SPID" | tsql -H "$TDS_HOST" -p "$TDS_PORT" -U "$TDS_USER" -P "$TDS_PASSWORD" 2>&1 | grep -o "Msg [0-9]*" || echo ok'

-- waits (at most 10 s) until session app runs a statement matching pattern
CREATE OR REPLACE FUNCTION wait_for_session(app text, pattern text) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1..100 LOOP
    PERFORM pg_stat_clear_snapshot();	-- else the transaction sees one view
    PERFORM 1 FROM pg_stat_activity
      WHERE application_name = app AND state = 'active' AND query LIKE pattern;
    IF FOUND THEN
      RETURN true;
    END IF;
    PERFORM pg_sleep(0.1);
  END LOOP;
  RETURN false;
END $$;

CREATE EXTENSION tds_fdw;
CREATE SERVER td FOREIGN DATA WRAPPER tds_fdw
  OPTIONS (servername :'tds_host', port :'tds_port', database :'tds_database');
CREATE USER MAPPING FOR CURRENT_USER SERVER td
  OPTIONS (username :'tds_user', password :'tds_password');
CREATE FOREIGN TABLE f_t (id int OPTIONS (key 'true'), v text)
  SERVER td OPTIONS (table_name 'f_t');
CREATE FOREIGN TABLE f_big (id int, pad text)
  SERVER td OPTIONS (table_name 'f_big');
CREATE FOREIGN TABLE session_spid (spid int)
  SERVER td OPTIONS (query 'SELECT @@SPID AS spid');
SELECT * FROM f_t ORDER BY id;

SELECT pg_backend_pid() AS start_pid \gset

-- ==== the server stops (SIGSTOP) during a query
-- statement_timeout: 57014 within the bound (the attention is not
-- acknowledged, so the connection is given up FDW_CANCEL_GRACE_MS after it)
\set out `:fault stop tds 30`
\echo :out
SET statement_timeout = '1s';
SELECT clock_timestamp() AS t0 \gset
SELECT * FROM f_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET statement_timeout;
SELECT clock_timestamp() - :'t0'::timestamptz < interval '3 s' AS ended_within_3s;
\set out `:fault cont tds`
\echo :out
-- query cancel, sent by another session after 1 s
SELECT count(*) FROM f_t;
\set out `:fault stop tds 30`
\echo :out
SELECT pg_backend_pid() AS pid \gset
\set out `:fault signal 1 cancel :pid`
SELECT clock_timestamp() AS t0 \gset
SELECT * FROM f_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT clock_timestamp() - :'t0'::timestamptz < interval '3 s' AS ended_within_3s;
\set out `:fault cont tds`
\echo :out
-- inside a transaction with a pending remote write: the remote transaction
-- is lost with the connection, so the local one fails too, to its end
BEGIN;
INSERT INTO f_t VALUES (4, 'four');
\set out `:fault stop tds 30`
\echo :out
SET LOCAL statement_timeout = '1s';
UPDATE f_t SET v = 'TWO' WHERE id = 2;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COMMIT;
\set out `:fault cont tds`
\echo :out
-- pg_terminate_backend ends a session waiting on the stopped server: its
-- backend exits (57P01) within the bound, and the cluster stays up
\set out `:fault bg victim_td :DBNAME "SELECT count(*) FROM f_t; SELECT pg_sleep(1); SELECT v FROM f_t WHERE v = 'hang';"`
SELECT wait_for_session('victim_td', 'SELECT pg_sleep%') AS victim_connected;
\set out `:fault stop tds 30`
\echo :out
SELECT wait_for_session('victim_td', '%hang%') AS victim_waits;
SELECT pg_sleep(0.3);
SELECT clock_timestamp() AS t0 \gset
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'victim_td';
\set out `:fault wait victim_td`
\echo :out
SELECT clock_timestamp() - :'t0'::timestamptz < interval '3 s' AS ended_within_3s;
-- a new connection to the stopped server (accepts TCP, never answers):
-- login_timeout holds
CREATE SERVER td_lt FOREIGN DATA WRAPPER tds_fdw
  OPTIONS (servername :'tds_host', port :'tds_port', database :'tds_database',
           login_timeout '2');
CREATE USER MAPPING FOR CURRENT_USER SERVER td_lt
  OPTIONS (username :'tds_user', password :'tds_password');
CREATE FOREIGN TABLE td_lt_t (id int) SERVER td_lt OPTIONS (table_name 'f_t');
SELECT clock_timestamp() AS t0 \gset
\set VERBOSITY terse
SELECT * FROM td_lt_t;
\set VERBOSITY default
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT clock_timestamp() - :'t0'::timestamptz BETWEEN interval '1.5 s' AND interval '5 s'
  AS gave_up_after_login_timeout;
-- query_timeout bounds a wait for the stopped server: the attention is not
-- acknowledged either, so the connection is lost (08006)
CREATE SERVER td_qt FOREIGN DATA WRAPPER tds_fdw
  OPTIONS (servername :'tds_host', port :'tds_port', database :'tds_database',
           query_timeout '2');
CREATE USER MAPPING FOR CURRENT_USER SERVER td_qt
  OPTIONS (username :'tds_user', password :'tds_password');
CREATE FOREIGN TABLE td_qt_t (id int) SERVER td_qt OPTIONS (table_name 'f_t');
\set out `:fault cont tds`
\echo :out
SELECT count(*) FROM td_qt_t;
\set out `:fault stop tds 30`
\echo :out
SELECT clock_timestamp() AS t0 \gset
\set VERBOSITY terse
SELECT * FROM td_qt_t;
\set VERBOSITY default
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT clock_timestamp() - :'t0'::timestamptz BETWEEN interval '1.5 s' AND interval '4 s'
  AS ended_after_query_timeout;
\set out `:fault cont tds`
\echo :out
-- afterwards: the backend, its connections and the rows (the INSERT of the
-- failed transaction is nowhere)
SELECT * FROM f_t ORDER BY id;
SELECT count(*) FROM td_qt_t;
\set out `:fault tds "SELECT * FROM f_t ORDER BY id"`
\echo :out

-- ==== kill -9 of the server in the middle of a scan: 08006, then the
-- transaction ends, and after a restart the next one reconnects
BEGIN;
DECLARE c CURSOR FOR SELECT id, md5(pad) FROM f_big ORDER BY id;
FETCH 3 FROM c;
\set out `:fault kill tds`
\echo :out
\set VERBOSITY terse
MOVE FORWARD ALL IN c;
\set VERBOSITY default
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
\set out `:fault restart tds`
\echo :out
SELECT * FROM f_t ORDER BY id;

-- ==== a restart between transactions: the idle connection is found dead
-- and replaced before the next transaction sends anything; no error
SELECT count(*) FROM f_t;
\set out `:fault kill tds`
\echo :out
\set out `:fault restart tds`
\echo :out
SELECT * FROM f_t ORDER BY id;

-- ==== the server kills our connection (KILL) in a transaction with
-- pending writes: COMMIT fails (08006) and nothing is written
BEGIN;
INSERT INTO f_t VALUES (5, 'five');
UPDATE f_t SET v = 'ONE' WHERE id = 1;
SELECT spid AS remote_spid FROM session_spid \gset
\setenv REMOTE_SPID :remote_spid
\set out `:kill_cmd`
\echo :out
\set VERBOSITY terse
COMMIT;
\set VERBOSITY default
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM f_t ORDER BY id;
\set out `:fault tds "SELECT * FROM f_t ORDER BY id"`
\echo :out

-- ==== a local error after remote writes: the remote work is rolled back
BEGIN;
INSERT INTO f_t VALUES (7, 'seven');
UPDATE f_t SET v = 'THREE' WHERE id = 3;
SELECT 1 / 0;
COMMIT;
-- in the same statement as the remote write
WITH w AS (INSERT INTO f_t VALUES (8, 'eight') RETURNING id)
SELECT id / 0 FROM w;
SELECT * FROM f_t ORDER BY id;
\set out `:fault tds "SELECT * FROM f_t ORDER BY id"`
\echo :out

-- the backend is the one we started with, and the cluster is up
SELECT pg_backend_pid() = :start_pid AS same_backend,
       count(*) > 0 AS cluster_up FROM pg_stat_activity;
