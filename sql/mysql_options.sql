-- mysql suite: option validation.  Every bad option is an error that names
-- it, with SQLSTATE HV00D (unknown/misplaced) or HV024 (bad value).
\set VERBOSITY default
\set SHOW_CONTEXT never

-- unknown option, with the valid ones as a hint
CREATE SERVER bad1 FOREIGN DATA WRAPPER mysql_fdw OPTIONS (hots 'x');
-- option at the wrong level
CREATE SERVER bad2 FOREIGN DATA WRAPPER mysql_fdw OPTIONS (dbname 'x');
CREATE USER MAPPING FOR public SERVER mysql_svr OPTIONS (host 'x');
CREATE FOREIGN TABLE bad3 (id int) SERVER mysql_svr OPTIONS (username 'x');
CREATE FOREIGN TABLE bad4 (id int OPTIONS (dbname 'x')) SERVER mysql_svr;
-- values of the wrong kind or out of range
CREATE SERVER bad5 FOREIGN DATA WRAPPER mysql_fdw OPTIONS (port 'abc');
CREATE SERVER bad6 FOREIGN DATA WRAPPER mysql_fdw OPTIONS (port '70000');
CREATE SERVER bad10 FOREIGN DATA WRAPPER mysql_fdw OPTIONS (zero_date 'sometimes');
-- (the core's options, fetch_size and batch_size: core_behaviour.sql)
-- the SQLSTATE itself
CREATE SERVER bad13 FOREIGN DATA WRAPPER mysql_fdw OPTIONS (port 'x');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- every documented option is accepted at its level
CREATE SERVER all_opts FOREIGN DATA WRAPPER mysql_fdw OPTIONS (
  host 'localhost', port '3306', socket '/tmp/none.sock', secure_auth 'true',
  init_command 'SET @a = 1', use_remote_estimate 'false', reconnect 'false',
  sql_mode 'ANSI_QUOTES', ssl_key 'k', ssl_cert 'c', ssl_ca 'ca',
  ssl_capath '/tmp', ssl_cipher 'AES256-SHA', character_set 'utf8mb4',
  mysql_default_file '/dev/null', fetch_size '100', truncatable 'true',
  connect_timeout '5', read_timeout '30', fdw_startup_cost '10',
  fdw_tuple_cost '0.1', zero_date 'null');
CREATE USER MAPPING FOR CURRENT_USER SERVER all_opts
  OPTIONS (username 'u', password 'p');
CREATE FOREIGN TABLE all_opts_t (id int OPTIONS (column_name 'id'))
  SERVER all_opts OPTIONS (dbname 'd', table_name 't', max_blob_size '1000',
  fetch_size '10', use_remote_estimate 'true', truncatable 'false', zero_date 'error');
ALTER SERVER all_opts OPTIONS (SET fetch_size '500');
-- values EDB's mysql_fdw accepts: the database's encoding, a fetch_size above
-- a million (a batch is capped all the same)
ALTER SERVER mysql_svr OPTIONS (ADD character_set 'PGDatabaseEncoding', ADD fetch_size '9000000000');
SELECT * FROM mysql_tab ORDER BY id;
ALTER SERVER mysql_svr OPTIONS (DROP character_set, DROP fetch_size);
-- and any MySQL character set: text still travels as UTF-8, so a name
-- with non-ASCII letters reads right where EDB's would have been mangled
ALTER SERVER mysql_svr OPTIONS (ADD character_set 'latin1');
CREATE FOREIGN TABLE weird_cs ("ünï" int) SERVER mysql_svr
  OPTIONS (dbname 'fdw_regress', table_name 'we`ird "tab" ñame');
SELECT "ünï" FROM weird_cs ORDER BY 1;
DROP FOREIGN TABLE weird_cs;
ALTER SERVER mysql_svr OPTIONS (DROP character_set);
\set VERBOSITY terse
CREATE SERVER bad14 FOREIGN DATA WRAPPER mysql_fdw OPTIONS (character_set 'klingon');
\set VERBOSITY default
-- and port 0 (the default port), a max_blob_size above 1 GB (no limit)
ALTER FOREIGN TABLE all_opts_t OPTIONS (SET max_blob_size '4294967296');
ALTER SERVER all_opts OPTIONS (SET port '0');
ALTER FOREIGN TABLE all_opts_t OPTIONS (DROP max_blob_size);
DROP SERVER all_opts CASCADE;
