-- faults suite, mysql_fdw: the harness's MariaDB fails under the FDW.  Each
-- case shows the SQLSTATE, that the backend and the cluster stay up (a later
-- query works) and the rows on both sides afterwards (the remote's through
-- the MariaDB client, not through the FDW).  test/lib/fault.sh stops (and
-- always resumes), kills and restarts the server, and cancels or terminates
-- backends.  Time bounds are loose on purpose (a loaded machine): "ended
-- within 3 s" for a statement_timeout of 1 s, where the old behaviour took
-- 10 to 20 s.
\set SHOW_CONTEXT never
\set fault '"$FDW_REPO/test/lib/fault.sh"'
\getenv mysql_host MYSQL_HOST
\getenv mysql_port MYSQL_PORT
\getenv mysql_user MYSQL_USER
\getenv mysql_password MYSQL_PASSWORD

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

CREATE EXTENSION mysql_fdw;
CREATE SERVER my FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host :'mysql_host', port :'mysql_port');
CREATE USER MAPPING FOR CURRENT_USER SERVER my
  OPTIONS (username :'mysql_user', password :'mysql_password');
CREATE FOREIGN TABLE my_t (id int, v text)
  SERVER my OPTIONS (dbname 'fdw_faults', table_name 'my_t');
CREATE FOREIGN TABLE big (id int, pad text)
  SERVER my OPTIONS (dbname 'fdw_faults', table_name 'big');
CREATE FOREIGN TABLE threads (id bigint, info text)
  SERVER my OPTIONS (dbname 'information_schema', table_name 'PROCESSLIST');
SELECT * FROM my_t ORDER BY id;

SELECT pg_backend_pid() AS start_pid \gset

-- ==== the server stops (SIGSTOP) during a query
-- statement_timeout: 57014 within the bound (KILL QUERY cannot get through,
-- so the connection is given up FDW_CANCEL_GRACE_MS after the timeout)
\set out `:fault stop mariadb 30`
\echo :out
SET statement_timeout = '1s';
SELECT clock_timestamp() AS t0 \gset
SELECT * FROM my_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET statement_timeout;
SELECT clock_timestamp() - :'t0'::timestamptz < interval '3 s' AS ended_within_3s;
\set out `:fault cont mariadb`
\echo :out
-- query cancel, sent by another session after 1 s
SELECT count(*) FROM my_t;
\set out `:fault stop mariadb 30`
\echo :out
SELECT pg_backend_pid() AS pid \gset
\set out `:fault signal 1 cancel :pid`
SELECT clock_timestamp() AS t0 \gset
SELECT * FROM my_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT clock_timestamp() - :'t0'::timestamptz < interval '3 s' AS ended_within_3s;
\set out `:fault cont mariadb`
\echo :out
-- inside a transaction with a pending remote write: the remote transaction
-- is lost with the connection, so the local one fails too, to its end
BEGIN;
INSERT INTO my_t VALUES (4, 'four');
\set out `:fault stop mariadb 30`
\echo :out
SET LOCAL statement_timeout = '1s';
UPDATE my_t SET v = 'TWO' WHERE id = 2;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COMMIT;
\set out `:fault cont mariadb`
\echo :out
-- pg_terminate_backend ends a session waiting on the stopped server: its
-- backend exits (57P01) within the bound, and the cluster stays up
\set out `:fault bg victim_my :DBNAME "SELECT count(*) FROM my_t; SELECT pg_sleep(1); SELECT v FROM my_t WHERE v = 'hang';"`
SELECT wait_for_session('victim_my', 'SELECT pg_sleep%') AS victim_connected;
\set out `:fault stop mariadb 30`
\echo :out
SELECT wait_for_session('victim_my', '%hang%') AS victim_waits;
SELECT pg_sleep(0.3);
SELECT clock_timestamp() AS t0 \gset
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'victim_my';
\set out `:fault wait victim_my`
\echo :out
SELECT clock_timestamp() - :'t0'::timestamptz < interval '3 s' AS ended_within_3s;
-- a new connection to the stopped server (accepts TCP, never answers):
-- connect_timeout holds
CREATE SERVER my_ct FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host :'mysql_host', port :'mysql_port', connect_timeout '2');
CREATE USER MAPPING FOR CURRENT_USER SERVER my_ct
  OPTIONS (username :'mysql_user', password :'mysql_password');
CREATE FOREIGN TABLE my_ct_t (id int) SERVER my_ct
  OPTIONS (dbname 'fdw_faults', table_name 'my_t');
SELECT clock_timestamp() AS t0 \gset
\set VERBOSITY terse
SELECT * FROM my_ct_t;
\set VERBOSITY default
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT clock_timestamp() - :'t0'::timestamptz BETWEEN interval '1.5 s' AND interval '5 s'
  AS gave_up_after_connect_timeout;
-- read_timeout bounds a wait for the stopped server: a lost connection (08006)
CREATE SERVER my_rt FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host :'mysql_host', port :'mysql_port', read_timeout '2');
CREATE USER MAPPING FOR CURRENT_USER SERVER my_rt
  OPTIONS (username :'mysql_user', password :'mysql_password');
CREATE FOREIGN TABLE my_rt_t (id int) SERVER my_rt
  OPTIONS (dbname 'fdw_faults', table_name 'my_t');
\set out `:fault cont mariadb`
\echo :out
SELECT count(*) FROM my_rt_t;
\set out `:fault stop mariadb 30`
\echo :out
SELECT clock_timestamp() AS t0 \gset
\set VERBOSITY terse
SELECT * FROM my_rt_t;
\set VERBOSITY default
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT clock_timestamp() - :'t0'::timestamptz BETWEEN interval '1.5 s' AND interval '4 s'
  AS ended_after_read_timeout;
\set out `:fault cont mariadb`
\echo :out
-- afterwards: the backend, its connections and the rows (the INSERT of the
-- failed transaction is nowhere)
SELECT * FROM my_t ORDER BY id;
SELECT count(*) FROM my_rt_t;
\set out `:fault mysql "SELECT * FROM fdw_faults.my_t ORDER BY id"`
\echo :out

-- ==== kill -9 of the server in the middle of a scan: 08006, then the
-- transaction ends, and after a restart the next one reconnects
BEGIN;
DECLARE c CURSOR FOR SELECT id, md5(pad) FROM big ORDER BY id;
FETCH 3 FROM c;
\set out `:fault kill mariadb`
\echo :out
\set VERBOSITY terse
MOVE FORWARD ALL IN c;
\set VERBOSITY default
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
\set out `:fault restart mariadb`
\echo :out
SELECT * FROM my_t ORDER BY id;

-- ==== a restart between transactions: the idle connection is found dead
-- and replaced before the next transaction sends anything; no error
SELECT count(*) FROM my_t;
\set out `:fault kill mariadb`
\echo :out
\set out `:fault restart mariadb`
\echo :out
SELECT * FROM my_t ORDER BY id;
SELECT count(*) AS our_sessions FROM threads WHERE info LIKE '%PROCESSLIST%';

-- ==== the server kills our connection (KILL) in a transaction with
-- pending writes: COMMIT fails (08006) and nothing is written
BEGIN;
INSERT INTO my_t VALUES (5, 'five');
UPDATE my_t SET v = 'ONE' WHERE id = 1;
SELECT id AS remote_id FROM threads WHERE info LIKE '%PROCESSLIST%' \gset
\set out `:fault mysql "KILL :remote_id"`
\echo :out
\set VERBOSITY terse
COMMIT;
\set VERBOSITY default
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM my_t ORDER BY id;
\set out `:fault mysql "SELECT * FROM fdw_faults.my_t ORDER BY id"`
\echo :out

-- ==== deadlock: another MariaDB session locks row 2 (after many rows of
-- big, so InnoDB picks us as the victim) and waits for row 1, which we
-- hold; our update of row 2 closes the cycle: 40P01, the local transaction
-- aborts, the other session goes on
BEGIN;
UPDATE my_t SET v = 'uno' WHERE id = 1;
\set out `:fault mysqlbg other "START TRANSACTION; UPDATE fdw_faults.big SET pad = 'y' WHERE id <= 2000; UPDATE fdw_faults.my_t SET v = 'dos' WHERE id = 2; DO SLEEP(1); UPDATE fdw_faults.my_t SET v = 'un' WHERE id = 1; DO SLEEP(1); ROLLBACK;"`
SELECT pg_sleep(0.5);
\set VERBOSITY terse
UPDATE my_t SET v = 'deux' WHERE id = 2;
\set VERBOSITY default
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
\set out `:fault wait other`
\echo other session: :out
SELECT * FROM my_t ORDER BY id;

-- ==== lock wait timeout (innodb_lock_wait_timeout 1 s, set by the
-- server's init_command): 55P03
CREATE SERVER my_lw FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host :'mysql_host', port :'mysql_port',
           init_command 'SET innodb_lock_wait_timeout = 1');
CREATE USER MAPPING FOR CURRENT_USER SERVER my_lw
  OPTIONS (username :'mysql_user', password :'mysql_password');
CREATE FOREIGN TABLE my_lw_t (id int, v text) SERVER my_lw
  OPTIONS (dbname 'fdw_faults', table_name 'my_t');
\set out `:fault mysqlbg holder "START TRANSACTION; UPDATE fdw_faults.my_t SET v = 'held' WHERE id = 3; DO SLEEP(4); ROLLBACK;"`
SELECT pg_sleep(0.5);
BEGIN;
INSERT INTO my_lw_t VALUES (6, 'six');
\set VERBOSITY terse
UPDATE my_lw_t SET v = 'THREE' WHERE id = 3;
\set VERBOSITY default
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COMMIT;
\set out `:fault wait holder`
\echo holder session: :out
SELECT * FROM my_lw_t ORDER BY id;

-- ==== a local error after remote writes: the remote work is rolled back
BEGIN;
INSERT INTO my_t VALUES (7, 'seven');
UPDATE my_t SET v = 'THREE' WHERE id = 3;
SELECT 1 / 0;
COMMIT;
-- in the same statement as the remote write
WITH w AS (INSERT INTO my_t VALUES (8, 'eight') RETURNING id)
SELECT id / 0 FROM w;
SELECT * FROM my_t ORDER BY id;
\set out `:fault mysql "SELECT * FROM fdw_faults.my_t ORDER BY id"`
\echo :out

-- the backend is the one we started with, and the cluster is up
SELECT pg_backend_pid() = :start_pid AS same_backend,
       count(*) > 0 AS cluster_up FROM pg_stat_activity;
