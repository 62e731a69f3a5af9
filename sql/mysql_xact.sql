-- mysql suite: the remote transaction follows the local one: it commits
-- and rolls back with it, subtransactions are savepoints, remote row locks
-- last until commit, and a connection killed on the remote is reported and
-- replaced.  A second MariaDB session (the command-line client) watches
-- from outside.
\set SHOW_CONTEXT never
\set remote 'MYSQL_PWD="$MYSQL_PASSWORD" "$(command -v mariadb || command -v mysql)" --no-defaults --protocol=TCP -h "$MYSQL_HOST" -P "$MYSQL_PORT" -u "$MYSQL_USER" -N -B'
-- what the client prints, reduced to values and error numbers
\set filter 'sed -n -e ''s/^ERROR \\([0-9]*\\).*/remote error \\1/p'' -e ''/^[a-z][a-z ]*$/p'''

CREATE FOREIGN TABLE xact (id int, v text)
  SERVER mysql_svr OPTIONS (dbname 'fdw_write');

-- ROLLBACK undoes remote inserts, which the transaction itself saw
BEGIN;
INSERT INTO xact VALUES (2, 'two');
SELECT * FROM xact ORDER BY id;
ROLLBACK;
SELECT * FROM xact ORDER BY id;

-- a failed statement aborts the local transaction, and the remote one
BEGIN;
INSERT INTO xact VALUES (2, 'two');
INSERT INTO xact VALUES (1, 'duplicate');
COMMIT;
SELECT * FROM xact ORDER BY id;

-- savepoints
BEGIN;
INSERT INTO xact VALUES (2, 'two');
SAVEPOINT a;
INSERT INTO xact VALUES (3, 'three');
SAVEPOINT b;
UPDATE xact SET v = 'TWO' WHERE id = 2;
ROLLBACK TO SAVEPOINT a;
INSERT INTO xact VALUES (4, 'four');
RELEASE SAVEPOINT a;
COMMIT;
SELECT * FROM xact ORDER BY id;

-- a failing statement in a PL/pgSQL exception block undoes only its block
DO $$
BEGIN
  INSERT INTO xact VALUES (5, 'five');
  BEGIN
    INSERT INTO xact VALUES (6, 'six');
    INSERT INTO xact VALUES (1, 'duplicate');
  EXCEPTION WHEN unique_violation THEN
    RAISE NOTICE 'caught %: %', SQLSTATE, SQLERRM;
  END;
  INSERT INTO xact VALUES (7, 'seven');
END $$;
SELECT * FROM xact ORDER BY id;

-- the duplicate key, with the remote's message
INSERT INTO xact VALUES (1, 'duplicate');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- remote row locks last until the local transaction ends: another remote
-- session cannot lock the row meanwhile
BEGIN;
UPDATE xact SET v = 'locked' WHERE id = 1;
\set probe `:remote -e 'SELECT v FROM fdw_write.xact WHERE id = 1 FOR UPDATE NOWAIT' 2>&1 | :filter`
\echo :probe
COMMIT;
\set probe `:remote -e 'SELECT v FROM fdw_write.xact WHERE id = 1 FOR UPDATE NOWAIT' 2>&1 | :filter`
\echo :probe
-- SELECT ... FOR UPDATE locks the remote rows it reads
BEGIN;
SELECT * FROM xact WHERE id = 2 FOR UPDATE;
\set probe `:remote -e 'SELECT v FROM fdw_write.xact WHERE id = 2 FOR UPDATE NOWAIT' 2>&1 | :filter`
\echo :probe
ROLLBACK;
\set probe `:remote -e 'SELECT v FROM fdw_write.xact WHERE id = 2 FOR UPDATE NOWAIT' 2>&1 | :filter`
\echo :probe

-- the remote session, found through the remote's process list
CREATE FOREIGN TABLE remote_threads (id bigint, info text)
  SERVER mysql_svr OPTIONS (dbname 'information_schema', table_name 'PROCESSLIST');

-- killed inside a transaction: the next statement fails with 08006, the
-- transaction aborts, and the next one reconnects
BEGIN;
INSERT INTO xact VALUES (8, 'eight');
SELECT id AS remote_id FROM remote_threads WHERE info LIKE '%PROCESSLIST%' \gset
\setenv REMOTE_ID :remote_id
\set killed `:remote -e "KILL $REMOTE_ID" 2>&1 | :filter`
\echo killed :killed
\set VERBOSITY terse
SELECT count(*) FROM xact;
\set VERBOSITY default
\echo SQLSTATE :LAST_ERROR_SQLSTATE
COMMIT;
SELECT * FROM xact ORDER BY id;

-- killed between transactions: the next transaction starts on a new one
SELECT id AS remote_id FROM remote_threads WHERE info LIKE '%PROCESSLIST%' \gset
\setenv REMOTE_ID :remote_id
\set killed `:remote -e "KILL $REMOTE_ID" 2>&1 | :filter`
\echo killed :killed
SELECT count(*) FROM xact;
SELECT id <> :remote_id AS new_session FROM remote_threads WHERE info LIKE '%PROCESSLIST%';
