-- mysql suite: every MySQL/MariaDB column type read into its natural
-- PostgreSQL type and into text; NULL vs empty string; values that do not
-- fit the local type raise 22xxx errors naming column and value.
\set SHOW_CONTEXT always

-- integers, signed and unsigned, at their limits
CREATE FOREIGN TABLE ints (
  id int, ti smallint, tiu smallint, si smallint, siu int, mi int, miu int,
  i int, iu bigint, bi bigint, biu numeric(20))
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress');
SELECT * FROM ints ORDER BY id;
-- the same values as text
CREATE FOREIGN TABLE ints_text (id int, ti text, tiu text, si text, siu text,
  mi text, miu text, i text, iu text, bi text, biu text)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'ints');
SELECT * FROM ints_text ORDER BY id;
-- unsigned bigint does not fit bigint: an error, never a wrapped value
CREATE FOREIGN TABLE ints_narrow (id int, biu bigint, iu int, tiu "char")
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'ints');
SELECT id, biu FROM ints_narrow WHERE id = 2;
SELECT id, iu FROM ints_narrow WHERE id = 2;

-- decimals, floats, bits, booleans
CREATE FOREIGN TABLE nums (id int, d numeric(12,2), dw numeric, f real,
  db double precision, b1 bit(1), b8 bit(8), b64 bit(64), bo boolean)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress');
SELECT * FROM nums ORDER BY id;
CREATE FOREIGN TABLE nums_text (id int, d text, dw text, f text, db text,
  b1 int, b8 int, b64 numeric, bo text)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'nums');
SELECT * FROM nums_text ORDER BY id;
-- a numeric typmod too small is a 22003 error, not a rounded value
CREATE FOREIGN TABLE nums_narrow (id int, d numeric(4,1))
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'nums');
SELECT * FROM nums_narrow WHERE id = 1;

-- dates and times; timestamp(6) is an instant whatever the local TimeZone
CREATE FOREIGN TABLE dts (id int, d date, dt timestamp, dt6 timestamp(6),
  ts timestamptz, t time, t6 time(6), y smallint)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress');
SET TimeZone = 'UTC';
SELECT * FROM dts ORDER BY id;
SET TimeZone = 'America/New_York';
SELECT id, ts FROM dts ORDER BY id;
SET TimeZone = 'Asia/Kolkata';
SELECT id, ts, ts = '2024-06-01 12:00:00.654321+00' AS same_instant FROM dts WHERE id = 1;
RESET TimeZone;
CREATE FOREIGN TABLE dts_text (id int, d text, dt text, dt6 text, ts text,
  t text, t6 text, y text)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'dts');
SELECT * FROM dts_text ORDER BY id;

-- character and binary strings, enum, set, json
CREATE FOREIGN TABLE strs (id int, c char(5), vc varchar(20), tt text, tx text,
  mt text, lt text, bn bytea, vb bytea, tb bytea, bl bytea, mb bytea, lb bytea,
  e text, s text, j jsonb)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress');
SELECT * FROM strs ORDER BY id;
-- NULL and the empty string stay distinct
SELECT id, vc IS NULL AS vc_null, vc = '' AS vc_empty, vb IS NULL AS vb_null,
       vb = '' AS vb_empty FROM strs ORDER BY id;
-- utf8mb4 (emoji) round-trips
SELECT vc, length(vc), octet_length(vc) FROM strs WHERE id = 1;
-- json into json, enum into a PostgreSQL enum
CREATE TYPE abc AS ENUM ('a', 'b', 'c');
CREATE FOREIGN TABLE strs_typed (id int, e abc, j json)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'strs');
SELECT * FROM strs_typed ORDER BY id;
-- a varchar too short for the remote value: 22001, no silent truncation
CREATE FOREIGN TABLE strs_short (id int, vc varchar(3))
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'strs');
SELECT * FROM strs_short WHERE id = 1;

-- blobs of several megabytes
CREATE FOREIGN TABLE blobs (id int, lb bytea, lt text)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress');
SELECT id, length(lb), md5(lb), length(lt), octet_length(lt), left(lt, 3) FROM blobs;
-- max_blob_size refuses rather than truncates
ALTER FOREIGN TABLE blobs OPTIONS (ADD max_blob_size '1000');
SELECT id, length(lb) FROM blobs;
ALTER FOREIGN TABLE blobs OPTIONS (DROP max_blob_size);

-- zero dates: an error naming the column, or NULL when asked
CREATE FOREIGN TABLE zero_dates (id int, d date, dt timestamp)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress');
SELECT * FROM zero_dates ORDER BY id;
ALTER FOREIGN TABLE zero_dates OPTIONS (ADD zero_date 'null');
SELECT * FROM zero_dates ORDER BY id;
-- the server option applies when the table has none
ALTER FOREIGN TABLE zero_dates OPTIONS (DROP zero_date);
ALTER SERVER mysql_svr OPTIONS (ADD zero_date 'null');
SELECT * FROM zero_dates ORDER BY id;
ALTER SERVER mysql_svr OPTIONS (DROP zero_date);

-- values that do not fit: 22xxx errors with the column and remote value
CREATE FOREIGN TABLE misfits (id int, big int, txt int, neg_time time)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress');
SELECT id, big FROM misfits;
SELECT id, txt FROM misfits;
SELECT id, neg_time FROM misfits;
\set SHOW_CONTEXT errors
