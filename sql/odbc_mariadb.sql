-- odbc_mariadb suite: MariaDB through MariaDB Connector/ODBC.  Its types,
-- credentials, connection-string quoting, the encoding option, and the
-- session's string escapes.
\set SHOW_CONTEXT errors
\getenv odbc_dsn ODBC_DSN
\getenv odbc_uid ODBC_UID
\getenv odbc_pwd ODBC_PWD

-- unsigned integers, TIME beyond a day and negative, BIT, BOOLEAN, ENUM
CREATE FOREIGN TABLE mytypes (id int, ubig numeric, utiny int, tm text,
  b1 int, bo boolean, ch text, en text, fl real) SERVER odbc_svr;
SELECT * FROM mytypes ORDER BY id;
CREATE FOREIGN TABLE mytypes_narrow (id int, ubig int8, tm time)
  SERVER odbc_svr OPTIONS (table 'mytypes');
SELECT id, ubig FROM mytypes_narrow WHERE id = 1;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT id, ubig FROM mytypes_narrow WHERE id > 1 ORDER BY id;
SELECT id, tm FROM mytypes_narrow WHERE id = 1;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT id, tm FROM mytypes_narrow WHERE id > 1 ORDER BY id;

-- TEXT (65,535 bytes at most) and long varchars are fetched in row arrays
-- (text read as the server's UTF-8): values at the limit arrive whole,
-- next to short values and NULLs, across several arrays
CREATE FOREIGN TABLE textcol (id int, t text, v text) SERVER odbc_svr;
SELECT count(*) AS rows, count(t) AS nonnull, max(octet_length(t)) AS longest,
       count(*) FILTER (WHERE t IS NOT DISTINCT FROM
         CASE WHEN id = 1 THEN repeat('a', 65535) WHEN id = 2 THEN repeat('😀', 16383)
              WHEN id = 3 THEN repeat('é', 32767) WHEN id = 4 THEN NULL
              ELSE id || repeat('ü', id * 100) END
         AND v = repeat('ж', id * 100)) AS whole
  FROM (SELECT * FROM textcol OFFSET 0) s;

\set SHOW_CONTEXT never
-- wrong password: an authentication error that does not show the password
CREATE SERVER badpw FOREIGN DATA WRAPPER odbc_fdw OPTIONS (dsn :'odbc_dsn');
CREATE USER MAPPING FOR CURRENT_USER SERVER badpw
  OPTIONS (username 'odbc_nobody', password 'wrong_secret_pw');
CREATE FOREIGN TABLE badpw_t (id int) SERVER badpw OPTIONS (table 't1');
SELECT * FROM badpw_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT position('wrong_secret_pw' in :'LAST_ERROR_MESSAGE') AS password_in_message;
-- fixing the user mapping is picked up at the next use
ALTER USER MAPPING FOR CURRENT_USER SERVER badpw
  OPTIONS (SET username :'odbc_uid', SET password :'odbc_pwd');
SELECT count(*) FROM badpw_t;
-- odbc_* options of the user mapping override the server's
ALTER SERVER badpw OPTIONS (ADD odbc_DATABASE 'no_such_db');
SELECT count(*) FROM badpw_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER USER MAPPING FOR CURRENT_USER SERVER badpw OPTIONS (ADD odbc_DATABASE 'odbc_regress');
SELECT count(*) FROM badpw_t;
\set SHOW_CONTEXT errors

-- a password with ';' and '}' travels in braces, '}' doubled
CREATE SERVER odd FOREIGN DATA WRAPPER odbc_fdw OPTIONS (dsn :'odbc_dsn');
CREATE USER MAPPING FOR CURRENT_USER SERVER odd
  OPTIONS (username 'odbc_odd', password 'p;w}d');
CREATE FOREIGN TABLE odd_t (id int, name text) SERVER odd OPTIONS (table 't1');
SELECT * FROM odd_t ORDER BY id;

-- encoding: narrow text in the named encoding, converted with iconv
CREATE SERVER latin FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (dsn :'odbc_dsn', encoding 'LATIN1', odbc_CHARSET 'latin1');
CREATE USER MAPPING FOR CURRENT_USER SERVER latin
  OPTIONS (username :'odbc_uid', password :'odbc_pwd');
CREATE FOREIGN TABLE latin_t (id int, txt text) SERVER latin OPTIONS (table 'types');
-- (MariaDB sends '?' for the emoji, which latin1 cannot hold)
SELECT id, txt FROM latin_t ORDER BY id;
SELECT id FROM latin_t WHERE txt = '';
-- a constant that latin1 cannot hold cannot be sent
\set SHOW_CONTEXT never
SELECT id FROM latin_t WHERE txt = 'héllo wörld 😀';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- Literals are escaped in UTF-8, then converted.  In GBK '乗' is 0x81 0x5C:
-- a server reading the connection as latin1 would take 0x5C for a
-- backslash escaping the quote after it, and the rest of the constant
-- would run as SQL (every row, then anything a UNION reads).  A statement
-- in which a character brings in a quote or backslash byte is not sent.
CREATE SERVER gbk FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (dsn :'odbc_dsn', encoding 'GBK', odbc_CHARSET 'latin1');
CREATE USER MAPPING FOR CURRENT_USER SERVER gbk
  OPTIONS (username :'odbc_uid', password :'odbc_pwd');
CREATE FOREIGN TABLE gbk_t (id int, txt text) SERVER gbk OPTIONS (table 'types');
SELECT id FROM gbk_t WHERE txt = E'\u4e57'' OR 1=1 -- ' ORDER BY id;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
PREPARE gbk_p(text) AS SELECT id FROM gbk_t WHERE txt = $1 ORDER BY id;
EXECUTE gbk_p(E'\u4e57'' UNION SELECT 1 -- ');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DEALLOCATE gbk_p;
-- characters without such bytes go through ('中' is 0xD6 0xD0 in GBK)
SELECT id FROM gbk_t WHERE txt = '中'' OR 1=1 -- ' ORDER BY id;
\set SHOW_CONTEXT errors

-- a session with NO_BACKSLASH_ESCAPES gets literals without backslash escapes
CREATE SERVER nobs FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (dsn :'odbc_dsn', odbc_INITSTMT 'SET sql_mode = ''NO_BACKSLASH_ESCAPES''');
CREATE USER MAPPING FOR CURRENT_USER SERVER nobs
  OPTIONS (username :'odbc_uid', password :'odbc_pwd');
CREATE FOREIGN TABLE nobs_strs (id int, c text) SERVER nobs OPTIONS (table 'strs');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM nobs_strs WHERE c = E'back\\slash';
SELECT id FROM nobs_strs WHERE c = E'back\\slash';
SELECT id FROM nobs_strs WHERE c = E'q''"\\';
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM strs WHERE c = E'back\\slash';

-- IMPORT FOREIGN SCHEMA: unsigned types widen, BIT(1) is boolean, string
-- lengths and decimal precision are kept
\set SHOW_CONTEXT errors
CREATE SCHEMA imp;
IMPORT FOREIGN SCHEMA odbc_regress LIMIT TO (types, mytypes) FROM SERVER odbc_svr INTO imp;
SELECT attrelid::regclass, attname, format_type(atttypid, atttypmod), attnotnull
  FROM pg_attribute WHERE attrelid IN ('imp.types'::regclass, 'imp.mytypes'::regclass)
  AND attnum > 0 ORDER BY attrelid::regclass::text, attnum;
SELECT id, i8, txt, dt, ts FROM imp.types ORDER BY id;
SELECT id, ubig, utiny, b1, ch, en FROM imp.mytypes ORDER BY id;

-- an INSERT leaves the key to AUTO_INCREMENT and returns it
INSERT INTO wr (v, n) VALUES ('auto', 1) RETURNING id, v, n;
SELECT id, v FROM wr WHERE v = 'auto';

-- a connection the server closed while idle (KILL; a restart or wait_timeout
-- alike) is replaced at the start of the next transaction: is_alive sends
-- the dialect's probe (SELECT 1) once the connection sat idle for a second,
-- so the transaction's first query already runs on a new session.  A second
-- MariaDB session (the command-line client) kills it from outside.
\set SHOW_CONTEXT never
\set remote 'MYSQL_PWD="$MYSQL_PASSWORD" "$(command -v mariadb || command -v mysql)" --no-defaults --protocol=TCP -h "$MYSQL_HOST" -P "$MYSQL_PORT" -u "$MYSQL_USER" -N -B'
\set filter 'sed -n -e ''s/^ERROR \\([0-9]*\\).*/remote error \\1/p'' -e ''/^[a-z][a-z ]*$/p'''
CREATE FOREIGN TABLE conn_id (id bigint) SERVER odbc_svr
  OPTIONS (sql_query 'SELECT CONNECTION_ID() AS id');
SELECT id AS remote_id FROM conn_id \gset
-- idle past the threshold but alive: the probe keeps the session
SELECT pg_sleep(1.2);
SELECT id = :remote_id AS same_session FROM conn_id;
\setenv REMOTE_ID :remote_id
\set killed `:remote -e "KILL $REMOTE_ID" 2>&1 | :filter`
\echo killed :killed
SELECT pg_sleep(1.2);
SELECT * FROM t1 ORDER BY id;
SELECT id <> :remote_id AS new_session FROM conn_id;
\set SHOW_CONTEXT errors

-- two-phase commit, as mysql_fdw's (sql/mysql_2pc.sql; the MySQL dialect's
-- XA statements, run through Connector/ODBC): what reaches the server is
-- read from its statement counters, through the session itself
\set SHOW_CONTEXT never
CREATE SERVER odbc_svr2 FOREIGN DATA WRAPPER odbc_fdw OPTIONS (dsn :'odbc_dsn');
CREATE USER MAPPING FOR CURRENT_USER SERVER odbc_svr2
  OPTIONS (username :'odbc_uid', password :'odbc_pwd');
CREATE FOREIGN TABLE tpc (id int, v text) SERVER odbc_svr;
CREATE FOREIGN TABLE tpc2 (id int, v text) SERVER odbc_svr2;
CREATE FOREIGN TABLE status1 (variable_name text, variable_value text)
  SERVER odbc_svr OPTIONS (schema 'information_schema', table 'SESSION_STATUS');
CREATE FOREIGN TABLE status2 (variable_name text, variable_value text)
  SERVER odbc_svr2 OPTIONS (schema 'information_schema', table 'SESSION_STATUS');
CREATE FOREIGN TABLE threads1 (id bigint) SERVER odbc_svr
  OPTIONS (sql_query 'SELECT CONNECTION_ID() AS id');
CREATE FOREIGN TABLE threads2 (id bigint) SERVER odbc_svr2
  OPTIONS (sql_query 'SELECT CONNECTION_ID() AS id');
\set counters 'SELECT sum(variable_value::bigint) FILTER (WHERE variable_name = ''COM_XA_START'') AS start, sum(variable_value::bigint) FILTER (WHERE variable_name = ''COM_XA_PREPARE'') AS prepare, sum(variable_value::bigint) FILTER (WHERE variable_name = ''COM_XA_COMMIT'') AS commit, sum(variable_value::bigint) FILTER (WHERE variable_name = ''COM_XA_ROLLBACK'') AS rollback FROM '
\set delta 'SELECT :b_start - :a_start AS xa_start, :b_prepare - :a_prepare AS xa_prepare, :b_commit - :a_commit AS xa_commit, :b_rollback - :a_rollback AS xa_rollback'

-- a write transaction is prepared before the local commit and committed
-- after it; a read-only one commits in one phase; a SELECT outside a
-- transaction block is no branch
:counters status1 \gset a_
BEGIN;
INSERT INTO tpc VALUES (1, 'committed');
COMMIT;
:counters status1 \gset b_
:delta;
:counters status1 \gset a_
BEGIN;
SELECT count(*) FROM tpc;
COMMIT;
SELECT count(*) FROM tpc;
:counters status1 \gset b_
:delta;

-- a local failure at COMMIT leaves no remote row
CREATE TABLE odbc_deferred (id int UNIQUE DEFERRABLE INITIALLY DEFERRED);
BEGIN;
INSERT INTO tpc VALUES (2, 'deferred');
INSERT INTO odbc_deferred VALUES (1), (1);
COMMIT;
SELECT * FROM tpc ORDER BY id;

-- two servers: both commit, or neither when one's session is killed before
-- COMMIT (done twice, killing each once: one run prepares the survivor
-- before the other fails, then rolls it back)
BEGIN;
INSERT INTO tpc VALUES (3, 'both');
INSERT INTO tpc2 VALUES (3, 'both');
COMMIT;
:counters status1 \gset a_
BEGIN;
INSERT INTO tpc VALUES (4, '2 killed');
INSERT INTO tpc2 VALUES (4, '2 killed');
SELECT id AS remote_id FROM threads2 \gset
\setenv REMOTE_ID :remote_id
\set killed `:remote -e "KILL $REMOTE_ID" 2>&1 | :filter`
\set VERBOSITY terse
COMMIT;
\set VERBOSITY default
:counters status1 \gset b_
SELECT :b_prepare - :a_prepare AS prepared_1 \gset
:counters status2 \gset a_
BEGIN;
INSERT INTO tpc VALUES (5, '1 killed');
INSERT INTO tpc2 VALUES (5, '1 killed');
SELECT id AS remote_id FROM threads1 \gset
\setenv REMOTE_ID :remote_id
\set killed `:remote -e "KILL $REMOTE_ID" 2>&1 | :filter`
\set VERBOSITY terse
COMMIT;
\set VERBOSITY default
:counters status2 \gset b_
SELECT :prepared_1 + :b_prepare - :a_prepare AS prepared;
SELECT * FROM tpc ORDER BY id;
SELECT * FROM tpc2 ORDER BY id;

-- in-doubt branches, prepared by hand with ids naming a committed and an
-- aborted local transaction, settled by the function and, for one prepared
-- later, at the next connection
SELECT lpad(to_hex(system_identifier), 16, '0') AS sysid FROM pg_control_system() \gset
SELECT oid AS dbid FROM pg_database WHERE datname = current_database() \gset
SELECT umid FROM pg_user_mappings WHERE srvname = 'odbc_svr' \gset
BEGIN;
SELECT pg_current_xact_id() AS xid_committed \gset
COMMIT;
BEGIN;
SELECT pg_current_xact_id() AS xid_aborted \gset
ROLLBACK;
\set x_committed 'pg_' :sysid '_' :xid_committed '_' :dbid '_' :umid
\set x_aborted 'pg_' :sysid '_' :xid_aborted '_' :dbid '_' :umid
\setenv X_COMMITTED :x_committed
\setenv X_ABORTED :x_aborted
\set made `for x in "$X_COMMITTED:10" "$X_ABORTED:11"; do echo "XA START '${x%:*}'; INSERT INTO odbc_regress.tpc VALUES (${x##*:}, 'in doubt'); XA END '${x%:*}'; XA PREPARE '${x%:*}';" | :remote 2>&1; done | :filter`
\echo prepared by hand: :made
SELECT xid = :'x_committed' AS is_committed_one, status
  FROM odbc_fdw_in_doubt_transactions('odbc_svr') ORDER BY transaction;
SELECT xid = :'x_committed' AS is_committed_one, status, action
  FROM odbc_fdw_resolve_in_doubt('odbc_svr') ORDER BY transaction;
BEGIN;
SELECT pg_current_xact_id() AS xid_later \gset
COMMIT;
\set x_later 'pg_' :sysid '_' :xid_later '_' :dbid '_' :umid
\setenv X_LATER :x_later
\set made `echo "XA START '$X_LATER'; INSERT INTO odbc_regress.tpc VALUES (12, 'in doubt'); XA END '$X_LATER'; XA PREPARE '$X_LATER';" | :remote 2>&1 | :filter`
SELECT odbc_fdw_disconnect('odbc_svr');
SELECT * FROM tpc WHERE id >= 10 ORDER BY id;
\set probe `:remote -e 'XA RECOVER' | wc -l`
\echo branches prepared on the server: :probe

-- two_phase_commit 'false': no XA
ALTER SERVER odbc_svr2 OPTIONS (ADD two_phase_commit 'false');
:counters status2 \gset a_
BEGIN;
INSERT INTO tpc2 VALUES (6, 'one phase');
COMMIT;
:counters status2 \gset b_
:delta;
SELECT * FROM tpc2 WHERE id = 6;

DROP TABLE odbc_deferred;
SET client_min_messages = warning;
DROP SERVER odbc_svr2 CASCADE;
RESET client_min_messages;
\set SHOW_CONTEXT errors
