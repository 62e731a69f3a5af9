-- tds suite: every SQL Server type into its natural PostgreSQL type and into
-- text; NULL stays NULL and an empty value stays empty; (max) values of
-- megabytes; characters outside the BMP; dates and times to the microsecond.
SET datestyle = ISO;
-- xml needs a server built with libxml (the assert-enabled builds of 16-19
-- are not): there the column is read as text, the same characters
SELECT CASE WHEN setting LIKE '%with-libxml%' THEN 'xml' ELSE 'text' END AS xml_type
  FROM pg_config WHERE name = 'CONFIGURE' \gset

CREATE FOREIGN TABLE alltypes (
  id int, b boolean, ti smallint, si smallint, i int, bi bigint,
  d numeric(12,2), dw numeric(38,10), n numeric, m numeric, sm numeric,
  r real, f float8,
  dt date, tm time, tm3 time(3), dtm timestamp, sdt timestamp,
  dt2 timestamp, dt23 timestamp(3), dto timestamptz,
  c char(5), vc varchar(20), nc text, nvc text, nvm text,
  vm text, tx text, ntx text,
  bn bytea, vb bytea, vbm bytea, img bytea,
  u uuid, x :xml_type
) SERVER tds_svr;

\x on
SELECT * FROM alltypes WHERE id = 1;
SELECT * FROM alltypes WHERE id = 2;
\x off

-- NULL is NULL and empty is empty, for every kind of value
SELECT id,
       b IS NULL AS b_null, nvc IS NULL AS nvc_null, nvc = '' AS nvc_empty,
       nvm = '' AS nvm_empty, vm = '' AS vm_empty, tx = '' AS tx_empty,
       ntx = '' AS ntx_empty, vb = '' AS vb_empty, vbm = '' AS vbm_empty,
       img = '' AS img_empty, x::text = '' AS x_empty
  FROM alltypes WHERE id IN (3, 4) ORDER BY id;
-- char(n) and nchar(n) keep SQL Server's padding
SELECT id, '[' || c || ']' AS c, '[' || nc || ']' AS nc, octet_length(nc) AS nc_bytes
  FROM alltypes ORDER BY id;

-- the same values read as text, the form PostgreSQL's input functions get
CREATE FOREIGN TABLE alltypes_text (
  id int, b text, ti text, si text, i text, bi text,
  d text, dw text, n text, m text, sm text, r text, f text,
  dt text, tm text, tm3 text, dtm text, sdt text, dt2 text, dt23 text, dto text,
  u text
) SERVER tds_svr OPTIONS (table_name 'alltypes');
\x on
SELECT * FROM alltypes_text WHERE id IN (1, 2, 4) ORDER BY id;
\x off

-- bit into integer; money and smallmoney exactly, into numeric(19,4)
CREATE FOREIGN TABLE casts (id int, b int, m numeric(19,4), sm numeric(10,4), ti int)
  SERVER tds_svr OPTIONS (table_name 'alltypes');
SELECT * FROM casts ORDER BY id;

-- datetimeoffset: an instant for timestamptz, the local time for timestamp
CREATE FOREIGN TABLE offsets (id int, dto timestamptz, dto_local timestamp OPTIONS (column_name 'dto'))
  SERVER tds_svr OPTIONS (table_name 'alltypes');
SET timezone = 'America/New_York';
SELECT * FROM offsets ORDER BY id;
RESET timezone;

-- fractions below a microsecond round half to even, as PostgreSQL's input
-- does, also when that carries into the next second, day or year
CREATE FOREIGN TABLE carry (id int, dt2 timestamp, tm time, dto timestamptz)
  SERVER tds_svr;
SELECT * FROM carry ORDER BY id;

-- (max) values of megabytes arrive whole, outside the BMP too
CREATE FOREIGN TABLE bigvals (id int, nv text, vb bytea) SERVER tds_svr;
SELECT id, length(nv) AS chars, octet_length(nv) AS bytes, md5(nv),
       length(vb) AS vb_bytes, md5(vb), left(nv, 9) AS head
  FROM bigvals ORDER BY id;
SELECT nv = repeat('äö€x', 600000) AS same_text,
       vb = convert_to(repeat('0123456789', 300000), 'UTF8') AS same_bytes
  FROM bigvals WHERE id = 1;

-- values that do not fit the declared type fail, naming column and value
\set SHOW_CONTEXT errors
CREATE FOREIGN TABLE narrow (id int, bi int, dw numeric(5,1), nvc varchar(3), vb text)
  SERVER tds_svr OPTIONS (table_name 'alltypes');
SELECT id, bi FROM narrow WHERE id = 2;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT id, dw FROM narrow WHERE id = 1;
SELECT id, nvc FROM narrow WHERE id = 1;
-- binary data is not text
SELECT id, vb FROM narrow WHERE id = 1;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- uniqueidentifier in its canonical form, but not every text is a uuid
CREATE FOREIGN TABLE bad_uuid (id int, u uuid OPTIONS (column_name 'nvc'))
  SERVER tds_svr OPTIONS (table_name 'alltypes');
SELECT * FROM bad_uuid WHERE id = 1;
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- a scan converts per batch: after an error the next query is fine
SELECT count(*) FROM alltypes;
