-- odbc suites: the same values read from each source.  Integers, floats,
-- dates and timestamps arrive in binary (no text round trip where the
-- source has the type), decimals as exact text, strings as UTF-8, bytes as
-- bytes; NULL stays NULL and '' stays ''.
\set SHOW_CONTEXT errors

CREATE FOREIGN TABLE types (
  id int, i2 smallint, i4 int, i8 bigint, f8 float8, num numeric(12,2),
  txt text, vc varchar(20), dt date, ts timestamp, bin bytea
) SERVER odbc_svr;
SELECT * FROM types ORDER BY id;
SELECT id, txt IS NULL AS txt_null, txt = '' AS txt_empty, length(txt),
       octet_length(txt), vc IS NULL AS vc_null, bin IS NULL AS bin_null,
       length(bin)
  FROM types ORDER BY id;

-- other local types for the same remote columns
CREATE FOREIGN TABLE types_as (
  id int, i2 int8, i4 numeric, i8 text, f8 real, num float8, txt varchar(40),
  vc char(5), dt timestamp, ts timestamptz, bin text
) SERVER odbc_svr OPTIONS (table 'types');
SET TimeZone = 'UTC';
SELECT id, i2, i4, i8, f8, num, txt, vc, dt, ts FROM types_as ORDER BY id;
RESET TimeZone;
-- a remote timestamp is in UTC also for a timestamptz with a precision
CREATE FOREIGN TABLE types_tz3 (id int, ts timestamptz(3))
  SERVER odbc_svr OPTIONS (table 'types');
SELECT t3.id, t3.ts, t3.ts = date_trunc('milliseconds', t.ts) AS same_instant
  FROM types_tz3 t3 JOIN types_as t USING (id) ORDER BY id;

-- values that do not fit the local type are errors naming the column
CREATE FOREIGN TABLE types_narrow (id int, i8 int4) SERVER odbc_svr OPTIONS (table 'types');
SELECT * FROM types_narrow WHERE id = 1;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE FOREIGN TABLE types_short (id int, txt varchar(5)) SERVER odbc_svr OPTIONS (table 'types');
SELECT * FROM types_short WHERE id = 1;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE FOREIGN TABLE types_bad (id int, txt int) SERVER odbc_svr OPTIONS (table 'types');
SELECT * FROM types_bad WHERE id = 1;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM types_bad WHERE id = 3;

-- long values arrive whole: 100000 characters (150000 bytes), 70000 bytes
CREATE FOREIGN TABLE longval (id int, t text, b bytea) SERVER odbc_svr;
SELECT id, length(t), octet_length(t), t = repeat('abc€', 25000) AS t_ok,
       length(b), b = convert_to(repeat('ab', 35000), 'UTF8') AS b_ok
  FROM longval ORDER BY id;
-- also one row at a time, and next to short values of other rows
ALTER FOREIGN TABLE longval OPTIONS (ADD fetch_size '1');
SELECT id, md5(t), md5(b) FROM longval ORDER BY id;
