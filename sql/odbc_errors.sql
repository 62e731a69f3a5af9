-- odbc suites: connection and remote-object errors.  Each is a clear ERROR
-- with an 08 (connection) or 42 (missing object) SQLSTATE naming what is
-- wrong; a password never appears.  Remote messages differ by DBMS: one
-- expected output per suite, expected/odbc_errors.<suite>.out (test/run.sh).
\set SHOW_CONTEXT never
\getenv odbc_dsn ODBC_DSN

-- a DSN that odbc.ini does not define
CREATE SERVER nodsn FOREIGN DATA WRAPPER odbc_fdw OPTIONS (dsn 'no_such_dsn');
CREATE USER MAPPING FOR CURRENT_USER SERVER nodsn OPTIONS (password 'secret_pw');
CREATE FOREIGN TABLE nodsn_t (id int) SERVER nodsn;
SELECT * FROM nodsn_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT position('secret_pw' in :'LAST_ERROR_MESSAGE') AS password_in_message;

-- a driver library that does not exist
CREATE SERVER nodriver FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (driver '/nonexistent/libnosuchodbc.so');
CREATE USER MAPPING FOR CURRENT_USER SERVER nodriver;
CREATE FOREIGN TABLE nodriver_t (id int) SERVER nodriver;
SELECT * FROM nodriver_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- neither dsn nor driver
CREATE SERVER nosource FOREIGN DATA WRAPPER odbc_fdw OPTIONS (odbc_DATABASE 'x');
CREATE USER MAPPING FOR CURRENT_USER SERVER nosource;
CREATE FOREIGN TABLE nosource_t (id int) SERVER nosource;
SELECT * FROM nosource_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- an encoding iconv does not know
CREATE SERVER badenc FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (dsn :'odbc_dsn', encoding 'NO-SUCH-ENCODING');
CREATE USER MAPPING FOR CURRENT_USER SERVER badenc;
CREATE FOREIGN TABLE badenc_t (id int) SERVER badenc OPTIONS (table 't1');
SELECT * FROM badenc_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- a server without a user mapping
CREATE SERVER nomapping FOREIGN DATA WRAPPER odbc_fdw OPTIONS (dsn :'odbc_dsn');
CREATE FOREIGN TABLE nomapping_t (id int) SERVER nomapping OPTIONS (table 't1');
-- (PostgreSQL 17 names the server in the message: compare the SQLSTATE)
\set VERBOSITY sqlstate
SELECT * FROM nomapping_t;
\set VERBOSITY default
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- missing remote table and column, and a remote query that does not parse
CREATE FOREIGN TABLE notab (id int) SERVER odbc_svr OPTIONS (table 'no_such_table');
SELECT * FROM notab;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE FOREIGN TABLE nocol (id int, nosuch text) SERVER odbc_svr OPTIONS (table 't1');
SELECT * FROM nocol;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a query that does not need the missing column still works
SELECT id FROM nocol ORDER BY id;
CREATE FOREIGN TABLE badq (id int) SERVER odbc_svr OPTIONS (sql_query 'SELEKT 1');
SELECT * FROM badq;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a query with more columns than the table: only the needed ones are read
CREATE FOREIGN TABLE morecols (id int) SERVER odbc_svr
  OPTIONS (sql_query 'SELECT id, name FROM t1');
SELECT * FROM morecols ORDER BY id;

-- after all these errors the connection still serves queries, in and out
-- of transactions
SELECT * FROM t1 ORDER BY id;
BEGIN;
SELECT * FROM notab;
ROLLBACK;
SELECT count(*) FROM t1;
