-- mysql suite: IMPORT FOREIGN SCHEMA.  The fixture database fdw_regress has
-- a table per type family; each imported table is read at once.  Then
-- LIMIT TO / EXCEPT, the IMPORT options, odd names, and bad input.
\set SHOW_CONTEXT never
SET datestyle = ISO;
SET timezone = 'UTC';

CREATE SCHEMA imported;
IMPORT FOREIGN SCHEMA fdw_regress FROM SERVER mysql_svr INTO imported;
-- the type chosen for each remote column
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
 WHERE c.relnamespace = 'imported'::regnamespace AND a.attnum > 0
 ORDER BY c.relname, a.attnum;
-- each names its remote table
SELECT c.relname, s.srvname, t.ftoptions
  FROM pg_foreign_table t JOIN pg_class c ON c.oid = t.ftrelid
  JOIN pg_foreign_server s ON s.oid = t.ftserver
 WHERE c.relnamespace = 'imported'::regnamespace ORDER BY 1;

-- every table reads as imported
SELECT * FROM imported.t1m ORDER BY id;
SELECT * FROM imported.ints ORDER BY id;
SELECT * FROM imported.nums ORDER BY id;
SELECT * FROM imported.dts ORDER BY id;
SELECT * FROM imported.strs ORDER BY id;
SELECT id, length(lb), md5(lb), length(lt) FROM imported.blobs;
SELECT count(*), sum(grp), max(v) FROM imported.big;
SELECT * FROM imported."we`ird ""tab"" ñame" ORDER BY id;
-- (the view slow sleeps for 5 seconds when read; its column is enough)
SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
 WHERE attrelid = 'imported.slow'::regclass AND attnum > 0;
-- zero dates have no PostgreSQL value: an error that names the option
-- that reads them as NULL
SELECT * FROM imported.zero_dates ORDER BY id;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER FOREIGN TABLE imported.zero_dates OPTIONS (ADD zero_date 'null');
SELECT * FROM imported.zero_dates ORDER BY id;
-- MySQL's time ranges over +-838 hours, PostgreSQL's over one day
SELECT * FROM imported.misfits;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT id, big, txt FROM imported.misfits;

-- LIMIT TO and EXCEPT (names that do not exist are ignored, as in PostgreSQL)
CREATE SCHEMA limited;
IMPORT FOREIGN SCHEMA fdw_regress LIMIT TO (t1m, ints, no_such_table)
  FROM SERVER mysql_svr INTO limited;
SELECT relname FROM pg_class WHERE relnamespace = 'limited'::regnamespace ORDER BY 1;
CREATE SCHEMA excepted;
IMPORT FOREIGN SCHEMA fdw_regress EXCEPT (big, blobs, slow, no_such_table)
  FROM SERVER mysql_svr INTO excepted;
SELECT relname FROM pg_class WHERE relnamespace = 'excepted'::regnamespace ORDER BY 1;
-- a table that exists already stops the import
IMPORT FOREIGN SCHEMA fdw_regress LIMIT TO (t1m) FROM SERVER mysql_svr INTO limited;
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- options: defaults that are literals or the current time come along,
-- others are named in a NOTICE; generated columns are imported (and never
-- written); a view is imported too
CREATE SCHEMA opts;
IMPORT FOREIGN SCHEMA fdw_import FROM SERVER mysql_svr INTO opts
  OPTIONS (import_default 'true');
\d opts.defaults
\d opts.a_view
-- the local defaults fill an INSERT; the remote key finds the row again
INSERT INTO opts.defaults (id) VALUES (1)
  RETURNING id, s, n, f, flag, b, dt IS NOT NULL AS dt_set, ts IS NOT NULL AS ts_set, zd, g;
UPDATE opts.defaults SET n = 7 WHERE id = 1 RETURNING id, n, g;
SELECT id, n FROM opts.a_view;
-- a name longer than PostgreSQL's keeps its remote spelling in column_name
\d opts."odd `name"""
SELECT * FROM opts."odd `name""";

CREATE SCHEMA opts2;
IMPORT FOREIGN SCHEMA fdw_import LIMIT TO (defaults) FROM SERVER mysql_svr INTO opts2
  OPTIONS (import_not_null 'false', import_generated 'false',
           import_tinyint1_as_boolean 'false', import_default 'false');
\d opts2.defaults

-- enums, as EDB mysql_fdw: by default an enum column gets the local enum
-- type <table>_<column>_t when one with the same labels exists, in the
-- target schema or on the search path; otherwise text, and a NOTICE says
-- what to create
CREATE SCHEMA enums;
IMPORT FOREIGN SCHEMA fdw_import LIMIT TO ("Sizes") FROM SERVER mysql_svr INTO enums;
\d enums."Sizes"
DROP FOREIGN TABLE enums."Sizes";
CREATE TYPE enums.sizes_size_t AS ENUM ('small', 'medium', 'large');
-- labels in another order would sort differently: not used
CREATE TYPE public.sizes_mood_t AS ENUM ('it''s', 'ok');
IMPORT FOREIGN SCHEMA fdw_import LIMIT TO ("Sizes") FROM SERVER mysql_svr INTO enums;
\d enums."Sizes"
SELECT * FROM enums."Sizes" ORDER BY size, id;
SELECT id FROM enums."Sizes" WHERE size > 'small' ORDER BY id;
INSERT INTO enums."Sizes" VALUES (4, 'medium', 'it''s');
UPDATE enums."Sizes" SET size = 'small' WHERE id = 1;
SELECT * FROM enums."Sizes" ORDER BY id;
DELETE FROM enums."Sizes" WHERE id = 4;
UPDATE enums."Sizes" SET size = 'large' WHERE id = 1;
DROP FOREIGN TABLE enums."Sizes";
-- once the labels match, the type on the search path is used
DROP TYPE public.sizes_mood_t;
CREATE TYPE public.sizes_mood_t AS ENUM ('ok', 'it''s');
IMPORT FOREIGN SCHEMA fdw_import LIMIT TO ("Sizes") FROM SERVER mysql_svr INTO enums;
\d enums."Sizes"
SELECT * FROM enums."Sizes" WHERE mood = 'it''s';
DROP FOREIGN TABLE enums."Sizes";
-- import_enum_as_text 'true': text, no notice
IMPORT FOREIGN SCHEMA fdw_import LIMIT TO ("Sizes") FROM SERVER mysql_svr INTO enums
  OPTIONS (import_enum_as_text 'true');
\d enums."Sizes"
DROP SCHEMA enums CASCADE;
DROP TYPE public.sizes_mood_t;

-- bad input
IMPORT FOREIGN SCHEMA fdw_import FROM SERVER mysql_svr INTO opts2
  OPTIONS (import_everything 'true');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
IMPORT FOREIGN SCHEMA fdw_import FROM SERVER mysql_svr INTO opts2
  OPTIONS (import_default 'maybe');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
IMPORT FOREIGN SCHEMA no_such_database FROM SERVER mysql_svr INTO opts2;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
