-- odbc suites: queries that once crashed the backend (see mysql_crashes for
-- the plans), each compared with the same query on a local copy of the rows.
-- Only results are shown, so one expected output serves every DBMS.
CREATE FOREIGN TABLE c_big (id int, v text, grp int) SERVER odbc_svr OPTIONS (table 'big');
CREATE TABLE c_local AS SELECT * FROM c_big WHERE id <= 1000;

-- a parameter as a whole select-list entry of a pushed-down aggregate: an
-- initplan's output, a generic plan's parameter, a PL/pgSQL variable
SELECT (SELECT count(*) > 0 FROM pg_class), sum(id) FROM c_big WHERE id <= 1000;
SELECT (SELECT count(*) > 0 FROM pg_class), sum(id) FROM c_local;
SET plan_cache_mode = force_generic_plan;
PREPARE c_grouped(int) AS
  SELECT grp, $1, $1 + sum(id), count(*) FROM c_big WHERE id <= 1000
   GROUP BY grp ORDER BY grp;
EXECUTE c_grouped(7);
SELECT grp, 7, 7 + sum(id), count(*) FROM c_local GROUP BY grp ORDER BY grp;
RESET plan_cache_mode;
PREPARE c_sixth(int) AS SELECT $1, sum(id) FROM c_big WHERE id <= 1000;
SELECT 'EXECUTE c_sixth(' || n || ')' FROM generate_series(1, 7) n \gexec
DEALLOCATE c_grouped;
DEALLOCATE c_sixth;
CREATE FUNCTION c_plpgsql(k int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  a int;
  s bigint;
BEGIN
  SELECT k, sum(id) INTO a, s FROM c_big WHERE id <= 1000;
  RETURN a || ' ' || s;
END $$;
SELECT n, c_plpgsql(n) FROM generate_series(1, 7) n;
DROP FUNCTION c_plpgsql(int);

-- a scan drained into a tuplestore (spilling to disk) by an INSERT into the
-- same server, and by a correlated subquery at a small work_mem; the keys
-- are negative so that the remote's next generated key stays as it was
CREATE FOREIGN TABLE c_wr (id int, v text, n int) SERVER odbc_svr OPTIONS (table 'wr');
INSERT INTO c_wr SELECT -id, v, grp FROM c_big WHERE id <= 100000;
SELECT count(*), sum(-id), count(DISTINCT v), sum(n) FROM c_wr WHERE id < 0;
SELECT count(*), sum(id), count(DISTINCT v), sum(grp) FROM c_big WHERE id <= 100000;
DELETE FROM c_wr WHERE id < 0;
CREATE FOREIGN TABLE c_t1 (id int, name text) SERVER odbc_svr OPTIONS (table 't1');
CREATE TABLE c_t1_local AS SELECT * FROM c_t1;
SET work_mem = '64kB';
SELECT count(*), count(s), sum(length(s)), sum(id) FROM
  (SELECT b.id, (SELECT t.name FROM c_t1 t WHERE t.id = b.grp) AS s
     FROM c_big b WHERE b.id <= 3000 OFFSET 0) x;
SELECT count(*), count(s), sum(length(s)), sum(id) FROM
  (SELECT b.id, (SELECT t.name FROM c_t1_local t WHERE t.id = b.grp) AS s
     FROM c_big b WHERE b.id <= 3000 OFFSET 0) x;
RESET work_mem;

DROP TABLE c_local, c_t1_local;
DROP FOREIGN TABLE c_big, c_wr, c_t1;
