-- mysql suite: scans the planner expects to be large (option bulk_rows,
-- default 10000 estimated rows) read their rows over MariaDB's binary
-- protocol.  Every value must read back exactly as over the text protocol:
-- each query below runs both ways, and the results (or errors) must match.
\set SHOW_CONTEXT never
CREATE SCHEMA bulk;
IMPORT FOREIGN SCHEMA fdw_regress FROM SERVER mysql_svr INTO bulk;
-- values that do not fit the local types: the same errors both ways
CREATE FOREIGN TABLE bulk.misfit_int (id int, big int)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'misfits');
CREATE FOREIGN TABLE bulk.misfit_num (id int, txt numeric)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'misfits');
CREATE FOREIGN TABLE bulk.misfit_time (id int, neg_time time)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'misfits');
-- every remote type read into text
CREATE FOREIGN TABLE bulk.dts_text (id int, d text, dt text, dt6 text, ts text,
  t text, t6 text, y text) SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'dts');
CREATE FOREIGN TABLE bulk.ints_text (id int, ti text, tiu text, si text, siu text,
  mi text, miu text, i text, iu text, bi text, biu text)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'ints');
CREATE FOREIGN TABLE bulk.zero_dates_null (id int, d date, dt timestamp)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'zero_dates', zero_date 'null');
CREATE FOREIGN TABLE gstatus (variable_name text, variable_value text)
  SERVER mysql_svr OPTIONS (dbname 'information_schema', table_name 'GLOBAL_STATUS');

CREATE TEMP TABLE bulk_queries AS
  SELECT format('SELECT * FROM bulk.%I', foreign_table_name) AS q
    FROM information_schema.foreign_tables WHERE foreign_table_schema = 'bulk'
  UNION ALL
  VALUES ('SELECT id, d, dw, db, b1, b8, b64, bo FROM bulk.nums'),
         ('SELECT id, v, grp FROM bulk.big WHERE id % 1000 = 7'),
         ('SELECT b.id, b.v, t.name FROM bulk.big b JOIN bulk.t1m t ON t.id = b.grp');
CREATE TEMP TABLE bulk_runs (mode text, q text, digest text);
CREATE FUNCTION bulk_digest(mode text, q text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  d text;
BEGIN
  BEGIN
    EXECUTE format('SELECT count(*) || '' rows '' || coalesce(md5(string_agg(r::text, ''|'' ORDER BY r::text)), '''') FROM (%s) r', q)
      INTO d;
  EXCEPTION WHEN OTHERS THEN
    d := 'ERROR ' || SQLSTATE || ': ' || SQLERRM;
  END;
  INSERT INTO bulk_runs VALUES (mode, q, d);
END $$;
SELECT count(*) AS queries FROM bulk_queries;

-- binary: every scan is bulk; the server counts the prepared statements
SELECT variable_value::bigint AS prepared_before FROM gstatus
  WHERE variable_name = 'COM_STMT_PREPARE' \gset
ALTER SERVER mysql_svr OPTIONS (ADD bulk_rows '0');
SELECT count(bulk_digest('binary', q)) FROM bulk_queries;
ALTER SERVER mysql_svr OPTIONS (SET bulk_rows '2000000000');
SELECT variable_value::bigint - :prepared_before >= (SELECT count(*) FROM bulk_queries)
  AS all_prepared FROM gstatus WHERE variable_name = 'COM_STMT_PREPARE';

-- text: no scan is bulk, nothing is prepared
SELECT variable_value::bigint AS prepared_before FROM gstatus
  WHERE variable_name = 'COM_STMT_PREPARE' \gset
SELECT count(bulk_digest('text', q)) FROM bulk_queries;
SELECT variable_value::bigint - :prepared_before AS prepared
  FROM gstatus WHERE variable_name = 'COM_STMT_PREPARE';
ALTER SERVER mysql_svr OPTIONS (DROP bulk_rows);

-- the same rows, or the same error, both ways
SELECT b.q, b.digest AS binary, t.digest AS text
  FROM bulk_runs b JOIN bulk_runs t USING (q)
 WHERE b.mode = 'binary' AND t.mode = 'text' AND b.digest IS DISTINCT FROM t.digest;
SELECT count(*) AS compared,
       count(*) FILTER (WHERE digest LIKE 'ERROR%') AS errors
  FROM bulk_runs WHERE mode = 'binary';
SELECT q, digest FROM bulk_runs WHERE mode = 'binary' AND digest LIKE 'ERROR%' ORDER BY q;

-- a bulk scan streams: stopped early by a local LIMIT (199,998 rows left
-- unread), the connection serves the next query
ALTER SERVER mysql_svr OPTIONS (ADD bulk_rows '0');
SELECT id FROM bulk.big WHERE v ~ '^row-2$' LIMIT 1;
SELECT count(*), sum(id) FROM (SELECT id FROM bulk.big OFFSET 0) x;
-- a remote error while the rows stream (after 32,767 rows)
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM bulk.big WHERE id::int2 > 0;
SELECT id FROM bulk.big WHERE id::int2 > 0;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) FROM (SELECT * FROM bulk.t1m OFFSET 0) x;
ALTER SERVER mysql_svr OPTIONS (DROP bulk_rows);
