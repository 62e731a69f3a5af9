-- mysql suite: two-phase commit.  A remote transaction that may write is an
-- XA branch: prepared before the local commit, committed after it, rolled
-- back when the local transaction fails, even after its prepare.  Branches
-- left prepared (in doubt) are settled from the local transaction's outcome,
-- by a function and at the next connection.  What reaches the server is
-- read from its statement counters (SESSION_STATUS, through the session
-- itself) and checked with a second MariaDB session (the command-line
-- client).  A serialization failure at COMMIT is in the isolation spec
-- mysql_2pc.
\set SHOW_CONTEXT never
\getenv mysql_host MYSQL_HOST
\getenv mysql_port MYSQL_PORT
\getenv mysql_user MYSQL_USER
\getenv mysql_password MYSQL_PASSWORD
\set remote 'MYSQL_PWD="$MYSQL_PASSWORD" "$(command -v mariadb || command -v mysql)" --no-defaults --protocol=TCP -h "$MYSQL_HOST" -P "$MYSQL_PORT" -u "$MYSQL_USER" -N -B'
-- what the client prints, reduced to values and error numbers
\set filter 'sed -n -e ''s/^ERROR \\([0-9]*\\).*/remote error \\1/p'' -e ''/^[a-z][a-z ]*$/p'''

-- two servers on the same MariaDB, each with its own database
CREATE SERVER mysql_svr2 FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host :'mysql_host', port :'mysql_port');
CREATE USER MAPPING FOR CURRENT_USER SERVER mysql_svr2
  OPTIONS (username :'mysql_user', password :'mysql_password');
CREATE FOREIGN TABLE tpc_a (id int, v text)
  SERVER mysql_svr OPTIONS (dbname 'fdw_2pc', table_name 'tpc');
CREATE FOREIGN TABLE tpc_b (id int, v text)
  SERVER mysql_svr2 OPTIONS (dbname 'fdw_2pc_b', table_name 'tpc');

-- each server session's XA statements so far, and its isolation level
CREATE FOREIGN TABLE status_a (variable_name text, variable_value text)
  SERVER mysql_svr OPTIONS (dbname 'information_schema', table_name 'SESSION_STATUS');
CREATE FOREIGN TABLE status_b (variable_name text, variable_value text)
  SERVER mysql_svr2 OPTIONS (dbname 'information_schema', table_name 'SESSION_STATUS');
CREATE FOREIGN TABLE vars_a (variable_name text, variable_value text)
  SERVER mysql_svr OPTIONS (dbname 'information_schema', table_name 'SESSION_VARIABLES');
\set counters 'SELECT sum(variable_value::bigint) FILTER (WHERE variable_name = ''COM_XA_START'') AS start, sum(variable_value::bigint) FILTER (WHERE variable_name = ''COM_XA_PREPARE'') AS prepare, sum(variable_value::bigint) FILTER (WHERE variable_name = ''COM_XA_COMMIT'') AS commit, sum(variable_value::bigint) FILTER (WHERE variable_name = ''COM_XA_ROLLBACK'') AS rollback, sum(variable_value::bigint) FILTER (WHERE variable_name = ''COM_COMMIT'') AS plain_commit FROM '
-- the difference of two readings: what the transactions between sent (a
-- reading is a plain SELECT, itself no XA; its own COMMIT follows it)
\set delta 'SELECT :b_start - :a_start AS xa_start, :b_prepare - :a_prepare AS xa_prepare, :b_commit - :a_commit AS xa_commit, :b_rollback - :a_rollback AS xa_rollback'

-- the option: a boolean, for servers only
ALTER SERVER mysql_svr2 OPTIONS (ADD two_phase_commit 'maybe');
CREATE FOREIGN TABLE bad_2pc (id int) SERVER mysql_svr OPTIONS (two_phase_commit 'true');

-- a write transaction: XA START, END, PREPARE before the local commit, XA
-- COMMIT after it; nothing is left prepared
:counters status_a \gset a_
BEGIN;
INSERT INTO tpc_a VALUES (1, 'committed');
COMMIT;
:counters status_a \gset b_
:delta;
SELECT * FROM tpc_a ORDER BY id;
\set probe `:remote -e 'XA RECOVER' | wc -l`
\echo branches prepared on the server: :probe

-- the remote isolation level is set before XA START, so the branch runs
-- under it: SERIALIZABLE locally, SERIALIZABLE remotely
BEGIN ISOLATION LEVEL SERIALIZABLE;
INSERT INTO tpc_a VALUES (2, 'serializable');
SELECT variable_value FROM vars_a WHERE variable_name = 'TX_ISOLATION';
COMMIT;
BEGIN;
INSERT INTO tpc_a VALUES (3, 'repeatable read');
SELECT variable_value FROM vars_a WHERE variable_name = 'TX_ISOLATION';
COMMIT;

-- a single statement that writes (no BEGIN) is a branch too
:counters status_a \gset a_
UPDATE tpc_a SET v = 'updated' WHERE id = 3;
:counters status_a \gset b_
:delta;

-- savepoints inside a branch
BEGIN;
INSERT INTO tpc_a VALUES (4, 'kept');
SAVEPOINT s;
INSERT INTO tpc_a VALUES (5, 'undone');
ROLLBACK TO SAVEPOINT s;
INSERT INTO tpc_a VALUES (6, 'kept too');
COMMIT;
SELECT * FROM tpc_a ORDER BY id;

-- read-only work commits in one phase: a transaction block that only
-- reads is a branch (it could have written) but is never prepared ...
:counters status_a \gset a_
BEGIN;
SELECT count(*) FROM tpc_a;
COMMIT;
:counters status_a \gset b_
:delta;
-- ... a SELECT outside a transaction block, or a read-only transaction, is
-- no branch at all
:counters status_a \gset a_
SELECT count(*) FROM tpc_a;
BEGIN READ ONLY;
SELECT count(*) FROM tpc_a;
COMMIT;
:counters status_a \gset b_
:delta;

-- ROLLBACK rolls the branch back
:counters status_a \gset a_
BEGIN;
INSERT INTO tpc_a VALUES (7, 'rolled back');
ROLLBACK;
:counters status_a \gset b_
:delta;

-- a local failure at COMMIT after a remote write: a deferred constraint
-- (checked before the remote transactions end) ...
CREATE TABLE local_deferred (id int UNIQUE DEFERRABLE INITIALLY DEFERRED);
BEGIN;
INSERT INTO tpc_a VALUES (8, 'deferred');
INSERT INTO local_deferred VALUES (1), (1);
COMMIT;
SELECT * FROM tpc_a WHERE id = 8;

-- ... and a deferred constraint trigger that fails
CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS
  $$BEGIN RAISE EXCEPTION 'refused at commit'; END$$;
CREATE TABLE local_checked (id int);
CREATE CONSTRAINT TRIGGER refuse AFTER INSERT ON local_checked
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse();
BEGIN;
INSERT INTO tpc_a VALUES (9, 'trigger');
INSERT INTO local_checked VALUES (1);
COMMIT;
SELECT * FROM tpc_a WHERE id = 9;

-- two servers in one transaction: both branches commit ...
BEGIN;
INSERT INTO tpc_a VALUES (10, 'both');
INSERT INTO tpc_b VALUES (10, 'both');
COMMIT;
SELECT * FROM tpc_a WHERE id = 10;
SELECT * FROM tpc_b WHERE id = 10;

-- ... or neither: one server's session is killed before COMMIT, so its XA
-- END fails, and the other one's branch, prepared or not yet, is rolled
-- back.  Done twice, killing each server once: whichever the core prepares
-- first, one of the two runs prepares the surviving branch before the
-- other fails, and then rolls that prepared branch back.
CREATE FOREIGN TABLE threads_a (id bigint, info text)
  SERVER mysql_svr OPTIONS (dbname 'information_schema', table_name 'PROCESSLIST');
CREATE FOREIGN TABLE threads_b (id bigint, info text)
  SERVER mysql_svr2 OPTIONS (dbname 'information_schema', table_name 'PROCESSLIST');

:counters status_a \gset a_
BEGIN;
INSERT INTO tpc_a VALUES (11, 'b killed');
INSERT INTO tpc_b VALUES (11, 'b killed');
SELECT id AS remote_id FROM threads_b WHERE info LIKE '%PROCESSLIST%' \gset
\setenv REMOTE_ID :remote_id
\set killed `:remote -e "KILL $REMOTE_ID" 2>&1 | :filter`
\set VERBOSITY terse
COMMIT;
\set VERBOSITY default
:counters status_a \gset b_
SELECT :b_prepare - :a_prepare AS prepared_1, :b_rollback - :a_rollback AS rolled_back_1 \gset

:counters status_b \gset a_
BEGIN;
INSERT INTO tpc_a VALUES (12, 'a killed');
INSERT INTO tpc_b VALUES (12, 'a killed');
SELECT id AS remote_id FROM threads_a WHERE info LIKE '%PROCESSLIST%' \gset
\setenv REMOTE_ID :remote_id
\set killed `:remote -e "KILL $REMOTE_ID" 2>&1 | :filter`
\set VERBOSITY terse
COMMIT;
\set VERBOSITY default
:counters status_b \gset b_
-- one surviving branch was prepared, both were rolled back
SELECT :prepared_1 + :b_prepare - :a_prepare AS prepared,
       :rolled_back_1 + :b_rollback - :a_rollback AS rolled_back;
SELECT * FROM tpc_a WHERE id IN (11, 12);
SELECT * FROM tpc_b WHERE id IN (11, 12);
\set probe `:remote -e 'XA RECOVER' | wc -l`
\echo branches prepared on the server: :probe

-- PREPARE TRANSACTION cannot carry the remote transactions (as postgres_fdw)
BEGIN;
INSERT INTO tpc_a VALUES (13, 'prepare');
PREPARE TRANSACTION 'tpc_local';
SELECT * FROM tpc_a WHERE id = 13;

-- in-doubt branches: prepared by hand with ids of this cluster, naming a
-- committed and an aborted local transaction (and one of another cluster,
-- which is never touched)
SELECT lpad(to_hex(system_identifier), 16, '0') AS sysid FROM pg_control_system() \gset
SELECT oid AS dbid FROM pg_database WHERE datname = current_database() \gset
SELECT umid FROM pg_user_mappings WHERE srvname = 'mysql_svr' \gset
BEGIN;
SELECT pg_current_xact_id() AS xid_committed \gset
COMMIT;
BEGIN;
SELECT pg_current_xact_id() AS xid_aborted \gset
ROLLBACK;
\set x_committed 'pg_' :sysid '_' :xid_committed '_' :dbid '_' :umid
\set x_aborted 'pg_' :sysid '_' :xid_aborted '_' :dbid '_' :umid
\set x_foreign 'pg_0000000000000001_' :xid_committed '_' :dbid '_' :umid
\setenv X_COMMITTED :x_committed
\setenv X_ABORTED :x_aborted
\setenv X_FOREIGN :x_foreign
\set made `for x in "$X_COMMITTED:20" "$X_ABORTED:21" "$X_FOREIGN:22"; do echo "XA START '${x%:*}'; INSERT INTO fdw_2pc.tpc VALUES (${x##*:}, 'in doubt'); XA END '${x%:*}'; XA PREPARE '${x%:*}';" | :remote 2>&1; done | :filter`
\echo prepared by hand: :made

-- listed with their local outcome (the other cluster's is not ours)
SELECT xid = :'x_committed' AS is_committed_one, xid = :'x_aborted' AS is_aborted_one,
       transaction IN (:'xid_committed', :'xid_aborted') AS transaction_named, status
  FROM mysql_fdw_in_doubt_transactions('mysql_svr') ORDER BY transaction;
-- settled by the function, on the connection already open
SELECT xid = :'x_committed' AS is_committed_one, status, action
  FROM mysql_fdw_resolve_in_doubt('mysql_svr') ORDER BY transaction;
SELECT * FROM tpc_a WHERE id IN (20, 21, 22) ORDER BY id;
SELECT count(*) FROM mysql_fdw_in_doubt_transactions('mysql_svr');
-- (the other cluster's)
\set probe `:remote -e 'XA RECOVER' | wc -l`
\echo branches prepared on the server: :probe

-- a branch whose local transaction is still in progress is left alone
BEGIN;
SELECT pg_current_xact_id() AS xid_running \gset
\set x_running 'pg_' :sysid '_' :xid_running '_' :dbid '_' :umid
\setenv X_RUNNING :x_running
\set made `echo "XA START '$X_RUNNING'; INSERT INTO fdw_2pc.tpc VALUES (23, 'in doubt'); XA END '$X_RUNNING'; XA PREPARE '$X_RUNNING';" | :remote 2>&1 | :filter`
SELECT status, action FROM mysql_fdw_resolve_in_doubt('mysql_svr');
COMMIT;
-- (and not settled from a transaction that uses the server)
BEGIN;
SELECT count(*) FROM tpc_a;
SELECT * FROM mysql_fdw_resolve_in_doubt('mysql_svr');
ROLLBACK;

-- settled at the next connection: that transaction committed, and so did
-- the one of another branch, prepared while the connection is still open
BEGIN;
SELECT pg_current_xact_id() AS xid_later \gset
COMMIT;
\set x_later 'pg_' :sysid '_' :xid_later '_' :dbid '_' :umid
\setenv X_LATER :x_later
\set made `echo "XA START '$X_LATER'; INSERT INTO fdw_2pc.tpc VALUES (24, 'in doubt'); XA END '$X_LATER'; XA PREPARE '$X_LATER';" | :remote 2>&1 | :filter`
SELECT mysql_fdw_disconnect('mysql_svr');
SELECT * FROM tpc_a WHERE id IN (23, 24) ORDER BY id;
SELECT count(*) FROM mysql_fdw_in_doubt_transactions('mysql_svr');
-- the other cluster's branch is still there: end it by hand
\set probe `:remote -e 'XA RECOVER' | wc -l`
\echo branches prepared on the server: :probe
\set probe `:remote -e "XA ROLLBACK '$X_FOREIGN'" 2>&1 | :filter`

-- the functions check the server and the caller
SELECT * FROM mysql_fdw_in_doubt_transactions('no_such_server');
CREATE FOREIGN DATA WRAPPER other_fdw;
CREATE SERVER other_svr FOREIGN DATA WRAPPER other_fdw;
SELECT * FROM mysql_fdw_in_doubt_transactions('other_svr');
CREATE ROLE regress_2pc_user;
GRANT USAGE ON FOREIGN SERVER mysql_svr TO regress_2pc_user;
SET ROLE regress_2pc_user;
SELECT * FROM mysql_fdw_in_doubt_transactions('mysql_svr2');
-- (no user mapping: 42704; its wording differs between majors)
\set VERBOSITY sqlstate
SELECT * FROM mysql_fdw_resolve_in_doubt('mysql_svr');
\set VERBOSITY default
RESET ROLE;
REVOKE USAGE ON FOREIGN SERVER mysql_svr FROM regress_2pc_user;

-- two_phase_commit 'false': plain COMMIT, no XA (of the two COMMITs, one
-- is the first reading's own)
ALTER SERVER mysql_svr2 OPTIONS (ADD two_phase_commit 'false');
:counters status_b \gset a_
BEGIN;
INSERT INTO tpc_b VALUES (30, 'one phase');
COMMIT;
:counters status_b \gset b_
:delta, :b_plain_commit - :a_plain_commit AS plain_commit;
SELECT * FROM tpc_b WHERE id = 30;
-- (ROLLBACK and a failed COMMIT still undo the remote writes)
BEGIN;
INSERT INTO tpc_b VALUES (32, 'rolled back');
ROLLBACK;
BEGIN;
INSERT INTO tpc_b VALUES (33, 'deferred');
INSERT INTO local_deferred VALUES (2), (2);
COMMIT;
SELECT * FROM tpc_b WHERE id IN (32, 33);
-- and back on
ALTER SERVER mysql_svr2 OPTIONS (SET two_phase_commit 'true');
:counters status_b \gset a_
INSERT INTO tpc_b VALUES (31, 'two phases');
:counters status_b \gset b_
:delta;

-- the connection lost between the local commit and XA COMMIT (injected:
-- the one moment no outside fault can be timed into): the local commit
-- stands, a WARNING says the remote one is pending, the branch stays
-- prepared (its row invisible to the server's other sessions) until the
-- next connection settles it from the local outcome
SET mysql_fdw.test_lose_connection_after_prepare = on;
\set VERBOSITY terse
BEGIN;
INSERT INTO tpc_a VALUES (41, 'after prepare');
COMMIT;
\set VERBOSITY default
RESET mysql_fdw.test_lose_connection_after_prepare;
\set seen `:remote -e 'SELECT count(*) FROM fdw_2pc.tpc WHERE id = 41'`
\set branches `:remote -e 'XA RECOVER' | grep -c 'pg_'`
\echo row seen by another session: :seen, branches in doubt: :branches
-- the next connection to the server (here the listing function's) settles
-- it from the local outcome, committed, before anything else
SELECT count(*) AS in_doubt FROM mysql_fdw_in_doubt_transactions('mysql_svr');
\set seen `:remote -e 'SELECT count(*) FROM fdw_2pc.tpc WHERE id = 41'`
\set branches `:remote -e 'XA RECOVER' | grep -c 'pg_'`
\echo row seen by another session: :seen, branches in doubt: :branches
SELECT * FROM tpc_a WHERE id = 41;
-- only a superuser may inject it
SET ROLE regress_2pc_user;
SET mysql_fdw.test_lose_connection_after_prepare = on;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;
DELETE FROM tpc_a WHERE id = 41;

DROP SERVER other_svr;
DROP FOREIGN DATA WRAPPER other_fdw;
DROP ROLE regress_2pc_user;
DROP TABLE local_deferred, local_checked;
DROP FUNCTION refuse();
SET client_min_messages = warning;
DROP SERVER mysql_svr2 CASCADE;
RESET client_min_messages;
