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
