-- odbc_tds suite: odbc_fdw through FreeTDS ODBC speaks exactly the T-SQL of
-- tds_fdw.  FreeTDS reports SQL_DBMS_NAME "Microsoft SQL Server", so
-- odbc_fdw picks the dialect tds_fdw uses (common/dialect_tsql.c): the same
-- query on foreign tables of either FDW, declared alike over the same remote
-- tables, sends the same Remote SQL and gets the same rows.  Each query is
-- written with {s} for the schema: via_odbc (odbc_fdw) or via_tds (tds_fdw).
\getenv tds_host ODBC_TDS_HOST
\getenv tds_port ODBC_TDS_PORT
\getenv tds_database ODBC_TDS_DATABASE
\getenv odbc_uid ODBC_UID
\getenv odbc_pwd ODBC_PWD

CREATE EXTENSION tds_fdw;
CREATE SERVER tds_same FOREIGN DATA WRAPPER tds_fdw
  OPTIONS (servername :'tds_host', port :'tds_port', database :'tds_database');
CREATE USER MAPPING FOR CURRENT_USER SERVER tds_same
  OPTIONS (username :'odbc_uid', password :'odbc_pwd');

CREATE SCHEMA via_odbc;
CREATE SCHEMA via_tds;
CREATE FOREIGN TABLE via_odbc.big (id int, v text, grp int) SERVER odbc_svr
  OPTIONS (table 'big');
CREATE FOREIGN TABLE via_tds.big (id int, v text, grp int) SERVER tds_same
  OPTIONS (table_name 'big');
CREATE FOREIGN TABLE via_odbc.big_nn (id int NOT NULL, v text, grp int NOT NULL)
  SERVER odbc_svr OPTIONS (table 'big');
CREATE FOREIGN TABLE via_tds.big_nn (id int NOT NULL, v text, grp int NOT NULL)
  SERVER tds_same OPTIONS (table_name 'big');
CREATE FOREIGN TABLE via_odbc.t1 (id int, name varchar(30)) SERVER odbc_svr
  OPTIONS (table 't1');
CREATE FOREIGN TABLE via_tds.t1 (id int, name varchar(30)) SERVER tds_same
  OPTIONS (table_name 't1');
CREATE FOREIGN TABLE via_odbc.types (id int, i2 smallint, i4 int, i8 bigint,
  f8 float8, num numeric(12,2), txt text, vc varchar(20), dt date, ts timestamp)
  SERVER odbc_svr OPTIONS (table 'types');
CREATE FOREIGN TABLE via_tds.types (id int, i2 smallint, i4 int, i8 bigint,
  f8 float8, num numeric(12,2), txt text, vc varchar(20), dt date, ts timestamp)
  SERVER tds_same OPTIONS (table_name 'types');
CREATE FOREIGN TABLE via_odbc.strs (id int, c text) SERVER odbc_svr
  OPTIONS (table 'strs');
CREATE FOREIGN TABLE via_tds.strs (id int, c text) SERVER tds_same
  OPTIONS (table_name 'strs');
CREATE FOREIGN TABLE via_odbc.q (id int, upper_name text) SERVER odbc_svr
  OPTIONS (sql_query 'SELECT id, UPPER(name) AS upper_name FROM t1 WHERE id >= 2');
CREATE FOREIGN TABLE via_tds.q (id int, upper_name text) SERVER tds_same
  OPTIONS (query 'SELECT id, UPPER(name) AS upper_name FROM t1 WHERE id >= 2');

-- the Remote SQL lines of a query's plan, in plan order
CREATE FUNCTION remote_sql(query text) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
  line text;
  sqls text[] := '{}';
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || query LOOP
    IF line ~ '^\s*Remote SQL: ' THEN
      sqls := sqls || regexp_replace(line, '^\s*Remote SQL: ', '');
    END IF;
  END LOOP;
  RETURN sqls;
END $$;

-- odbc_fdw's Remote SQL; tds_fdw's where it differs (else 'same'); whether
-- both return the same rows (as multisets)
CREATE FUNCTION compare(query text, OUT odbc_sql text, OUT tds_sql text,
                        OUT same_rows boolean)
LANGUAGE plpgsql AS $$
DECLARE
  qo text := replace(query, '{s}', 'via_odbc');
  qt text := replace(query, '{s}', 'via_tds');
  so text[] := remote_sql(qo);
  st text[] := remote_sql(qt);
BEGIN
  odbc_sql := array_to_string(so, E'\n');
  tds_sql := CASE WHEN so = st THEN 'same' ELSE array_to_string(st, E'\n') END;
  EXECUTE format('SELECT NOT EXISTS ((SELECT * FROM (%s) a EXCEPT ALL SELECT * FROM (%s) b)
                   UNION ALL (SELECT * FROM (%s) b EXCEPT ALL SELECT * FROM (%s) a))',
                 qo, qt, qt, qo)
    INTO same_rows;
END $$;

\x on
SELECT n, query, c.*
  FROM (VALUES
    -- columns, comparisons, IN lists, IS NULL, boolean logic
    (1, 'SELECT v FROM {s}.big WHERE id < 5'),
    (2, 'SELECT id FROM {s}.big WHERE id IN (1, 5, 7) OR (id > 199998 AND v IS NOT NULL) OR id IS NULL'),
    (3, 'SELECT id FROM {s}.big WHERE id <> ALL (''{1,2,3}'') AND id < 6'),
    -- strings compare under the remote collation: local
    (4, 'SELECT id FROM {s}.strs WHERE c = ''plain'''),
    (5, 'SELECT id FROM {s}.strs WHERE c LIKE ''pl%'''),
    -- arithmetic, floats, numerics, dates (CONVERT), timestamps (local)
    (6, 'SELECT id FROM {s}.types WHERE i2 + 1 < 0 AND f8 > 1 AND num > 0 AND dt > ''2000-01-01'' AND ts < ''2030-01-01'''),
    (7, 'SELECT id FROM {s}.big WHERE id % 7 = 3 AND -grp < -8 AND id * 2 > 399990'),
    (8, 'SELECT id FROM {s}.big WHERE grp <> 0 AND 100 / grp = 50'),
    (9, 'SELECT id FROM {s}.types WHERE CASE WHEN i4 > 0 THEN 1 ELSE 0 END = 1 OR COALESCE(i8, 0) = 0'),
    (10, 'SELECT id FROM {s}.types WHERE i8::int8 * 2 > 0 AND i2::int4 < 0'),
    -- a remote query as the table
    (11, 'SELECT * FROM {s}.q WHERE id = 3'),
    -- parameters of a nested loop (LIMIT keeps the scan parameterized)
    (12, 'SELECT g, x.v FROM generate_series(1, 3) g, LATERAL (SELECT v FROM {s}.big WHERE id = g LIMIT 1) x'),
    -- joins
    (13, 'SELECT t.name, b.v FROM {s}.t1 t JOIN {s}.big b ON b.id = t.id WHERE t.id < 3'),
    (14, 'SELECT t.name, b.v FROM {s}.t1 t LEFT JOIN {s}.big b ON b.id = t.id * 100000'),
    (15, 'SELECT t.id, b.id FROM {s}.t1 t FULL JOIN {s}.big b ON b.id = t.id + 199998 WHERE b.id > 199997 OR b.id IS NULL'),
    -- aggregates: COUNT, COUNT_BIG, SUM widened, MIN/MAX, HAVING
    (16, 'SELECT count(*) FROM {s}.big'),
    (17, 'SELECT grp, count(*), count(v), sum(id), min(id), max(id) FROM {s}.big GROUP BY grp HAVING sum(id) > 0'),
    (18, 'SELECT sum(i8), sum(num), min(dt), max(ts), sum(f8) FROM {s}.types'),
    (19, 'SELECT avg(i4) FROM {s}.types'),
    (20, 'SELECT id % 3 AS m, count(*) FROM {s}.big GROUP BY id % 3'),
    -- ORDER BY (NULLs first in T-SQL), TOP, OFFSET .. FETCH, OFFSET alone
    (21, 'SELECT grp, count(*) FROM {s}.big GROUP BY grp ORDER BY grp'),
    (22, 'SELECT id, v FROM {s}.big ORDER BY id DESC LIMIT 3'),
    (23, 'SELECT id, v FROM {s}.big_nn ORDER BY id DESC LIMIT 3'),
    (24, 'SELECT id FROM {s}.big ORDER BY id LIMIT 2 OFFSET 5'),
    (25, 'SELECT id FROM {s}.big_nn ORDER BY grp DESC, id LIMIT 2 OFFSET 5'),
    (26, 'SELECT id FROM {s}.big ORDER BY id OFFSET 199998'),
    (27, 'SELECT id FROM {s}.big_nn WHERE id > 10 ORDER BY id NULLS FIRST LIMIT 1'),
    (28, 'SELECT DISTINCT grp FROM {s}.big_nn')
  ) q(n, query), compare(q.query) c
 ORDER BY n;
\x off

-- the comparison can fail: a query the two read differently is seen
SELECT tds_sql <> 'same' AS sql_differs, NOT same_rows AS rows_differ
  FROM compare('SELECT v FROM {s}.big WHERE id < CASE WHEN ''{s}'' = ''via_tds'' THEN 3 ELSE 5 END');

DROP SCHEMA via_odbc, via_tds CASCADE;
DROP SERVER tds_same CASCADE;
DROP EXTENSION tds_fdw;
