-- mysql suite: queries that once crashed the backend, each compared with
-- the same query on a local copy of the rows.
CREATE FOREIGN TABLE c_big (id int NOT NULL, v text, grp int)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'big');
CREATE TABLE c_local AS SELECT * FROM c_big WHERE id <= 1000;

--
-- A parameter as a whole select-list entry of a pushed-down aggregate must
-- be computed here, not selected remotely: a Param both in the remote
-- select list and among the scan's parameters was turned into a reference
-- to the scan's own output, evaluated before the scan had a row.
--

-- an initplan's output (plans show their remote part only: majors print
-- initplans and subplans differently)
CREATE FUNCTION c_remote_part(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
  line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || q LOOP
    IF line ~ '^ *(->  )?(Foreign Scan|Relations|Remote SQL)' THEN
      RETURN NEXT line;
    END IF;
  END LOOP;
END $$;
SELECT c_remote_part('SELECT (SELECT count(*) > 0 FROM pg_class), sum(id) FROM c_big WHERE id <= 1000');
SELECT (SELECT count(*) > 0 FROM pg_class), sum(id) FROM c_big WHERE id <= 1000;
SELECT (SELECT count(*) > 0 FROM pg_class), sum(id) FROM c_local;

-- a parameter of a generic plan, alone and inside an expression (that one
-- may be computed remotely: only a bare parameter is ambiguous)
SET plan_cache_mode = force_generic_plan;
PREPARE c_param(int) AS SELECT $1, sum(id) FROM c_big WHERE id <= 1000;
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE c_param(7);
EXECUTE c_param(7);
PREPARE c_grouped(int) AS
  SELECT grp, $1, $1 + sum(id), count(*) FROM c_big WHERE id <= 1000
   GROUP BY grp ORDER BY grp;
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE c_grouped(7);
EXECUTE c_grouped(7);
SELECT grp, 7, 7 + sum(id), count(*) FROM c_local GROUP BY grp ORDER BY grp;
-- and under a remote ORDER BY and LIMIT
PREPARE c_limit(int) AS
  SELECT grp, $1, sum(id) FROM c_big WHERE id <= 1000 GROUP BY grp ORDER BY grp LIMIT 2;
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE c_limit(7);
EXECUTE c_limit(7);
-- a parameter that is a grouping key is never sent as one
PREPARE c_key(int) AS SELECT $1, count(*) FROM c_big WHERE id <= 1000 GROUP BY 1;
-- (its remote part: 16 drops the constant grouping key of the local plan)
SELECT c_remote_part('EXECUTE c_key(7)');
EXECUTE c_key(7);
RESET plan_cache_mode;

-- the generic plan chosen by the plan cache on the sixth execution
PREPARE c_sixth(int) AS SELECT $1, sum(id) FROM c_big WHERE id <= 1000;
EXECUTE c_sixth(1);
EXECUTE c_sixth(2);
EXECUTE c_sixth(3);
EXECUTE c_sixth(4);
EXECUTE c_sixth(5);
EXECUTE c_sixth(6);
EXECUTE c_sixth(7);
DEALLOCATE c_param;
DEALLOCATE c_grouped;
DEALLOCATE c_key;
DEALLOCATE c_limit;
DEALLOCATE c_sixth;

-- a PL/pgSQL variable selected next to an aggregate
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

--
-- A scan that gives up the connection to another command moves the rest of
-- its result into a tuplestore; rows read back after it spilled to disk
-- must outlive the per-row context the scan is called in.
--

-- the scan of c_big drained by the first INSERT into the same server (100000
-- rows spill past the default work_mem)
CREATE FOREIGN TABLE c_drained (id int, v text, grp int)
  SERVER mysql_svr OPTIONS (dbname 'fdw_write', table_name 'drained');
INSERT INTO c_drained SELECT * FROM c_big WHERE id <= 100000;
SELECT count(*), sum(id), count(DISTINCT v), sum(grp) FROM c_drained;
SELECT count(*), sum(id), count(DISTINCT v), sum(grp) FROM c_big WHERE id <= 100000;
SELECT * FROM c_drained WHERE id IN (1, 50000, 100000) ORDER BY id;
DELETE FROM c_drained;

-- the outer scan drained by a correlated subquery on the same server, the
-- tuplestore spilling at a small work_mem
CREATE FOREIGN TABLE c_t1m (id int, name text)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 't1m');
CREATE TABLE c_t1m_local AS SELECT * FROM c_t1m;
SET work_mem = '64kB';
SELECT c_remote_part($$SELECT count(*), count(s), sum(length(s)), sum(id) FROM
  (SELECT b.id, (SELECT t.name FROM c_t1m t WHERE t.id = b.grp) AS s
     FROM c_big b WHERE b.id <= 3000 OFFSET 0) x$$);
SELECT count(*), count(s), sum(length(s)), sum(id) FROM
  (SELECT b.id, (SELECT t.name FROM c_t1m t WHERE t.id = b.grp) AS s
     FROM c_big b WHERE b.id <= 3000 OFFSET 0) x;
SELECT count(*), count(s), sum(length(s)), sum(id) FROM
  (SELECT b.id, (SELECT t.name FROM c_t1m_local t WHERE t.id = b.grp) AS s
     FROM c_big b WHERE b.id <= 3000 OFFSET 0) x;
RESET work_mem;

DROP FUNCTION c_remote_part(text);
DROP TABLE c_local, c_t1m_local;
DROP FOREIGN TABLE c_big, c_drained, c_t1m;
