-- odbc_pg suite: a remote session with standard_conforming_strings off
-- gets literals with doubled backslashes.  PostgreSQL 19 refuses the
-- setting ("non-standard string literals are not supported"): against it
-- the session stays standard and literals are plain (odbc_pg_nonstd_1.out).
-- The rows are the same either way.
\set SHOW_CONTEXT errors
\getenv odbc_dsn ODBC_DSN

-- standard_conforming_strings off: backslashes in literals are doubled
CREATE SERVER nonstd FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (dsn :'odbc_dsn', odbc_ConnSettings 'SET standard_conforming_strings = off');
CREATE USER MAPPING FOR CURRENT_USER SERVER nonstd OPTIONS (username 'postgres');
CREATE FOREIGN TABLE nonstd_strs (id int, c text) SERVER nonstd OPTIONS (table 'strs');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM nonstd_strs WHERE c = E'back\\slash';
SELECT id FROM nonstd_strs WHERE c = E'back\\slash';
SELECT id FROM nonstd_strs WHERE c = E'q''"\\';
