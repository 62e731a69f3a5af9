-- core_behaviour: what the core (common/) implements once for every FDW, run
-- in every suite through that suite's FDW and database (mysql, odbc_sqlite,
-- odbc_mariadb, odbc_pg, tds; expected/core_behaviour.<suite>.out, each suite
-- compared with its own only: test/run.sh).  The suite's init file declares
-- the foreign table core_big (id int, grp int) on its server: a remote table
-- with at least ids 1 to 1000 and grp = id % 10.  Here: the core's options
-- (kinds, ranges, levels), fetch_size and batch_size bounds, updatable and
-- truncatable, who may turn password_required off; two scans sharing one
-- connection (the open result is drained first), scans reopened on rescan,
-- with and without parameters, cursors, a scan abandoned by an error.
\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT w.fdwname AS fdw, s.srvname AS server
  FROM pg_foreign_table t
  JOIN pg_foreign_server s ON s.oid = t.ftserver
  JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
 WHERE t.ftrelid = 'core_big'::regclass \gset

-- ---------------------------------------------------------------- options
-- a value of the wrong kind or out of range is refused (HV024) when the
-- object is created or altered, before any connection
CREATE SERVER core_bad FOREIGN DATA WRAPPER :"fdw" OPTIONS (use_remote_estimate 'maybe');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE FOREIGN TABLE core_bad (id int) SERVER :"server" OPTIONS (use_remote_estimate '');
CREATE SERVER core_bad FOREIGN DATA WRAPPER :"fdw" OPTIONS (updatable 'sometimes');
CREATE FOREIGN TABLE core_bad (id int) SERVER :"server" OPTIONS (truncatable '2');
CREATE SERVER core_bad FOREIGN DATA WRAPPER :"fdw" OPTIONS (async_capable 'often');
CREATE SERVER core_bad FOREIGN DATA WRAPPER :"fdw" OPTIONS (fdw_startup_cost 'cheap');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE SERVER core_bad FOREIGN DATA WRAPPER :"fdw" OPTIONS (fdw_startup_cost 'NaN');
CREATE SERVER core_bad FOREIGN DATA WRAPPER :"fdw" OPTIONS (fdw_tuple_cost '-0.5');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE FOREIGN TABLE core_bad (id int) SERVER :"server" OPTIONS (fdw_tuple_cost '1e11');
-- fetch_size and batch_size are whole numbers from 1 (each FDW sets the
-- largest it takes)
CREATE FOREIGN TABLE core_bad (id int) SERVER :"server" OPTIONS (fetch_size '0');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE SERVER core_bad FOREIGN DATA WRAPPER :"fdw" OPTIONS (fetch_size '-5');
CREATE FOREIGN TABLE core_bad (id int) SERVER :"server" OPTIONS (fetch_size 'many');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE FOREIGN TABLE core_bad (id int) SERVER :"server" OPTIONS (fetch_size '10.5');
CREATE FOREIGN TABLE core_bad (id int) SERVER :"server" OPTIONS (fetch_size '99999999999999999999');
CREATE FOREIGN TABLE core_bad (id int) SERVER :"server" OPTIONS (batch_size '0');
CREATE SERVER core_bad FOREIGN DATA WRAPPER :"fdw" OPTIONS (batch_size 'ten');
CREATE FOREIGN TABLE core_bad (id int) SERVER :"server" OPTIONS (batch_size '100001');
ALTER FOREIGN TABLE core_big OPTIONS (ADD fetch_size '0');

-- an option where it does not belong is refused (HV00D), naming where it does
CREATE SERVER core_bad FOREIGN DATA WRAPPER :"fdw" OPTIONS (password_required 'true');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE FOREIGN TABLE core_bad (id int) SERVER :"server" OPTIONS (password_required 'true');
CREATE USER MAPPING FOR public SERVER :"server" OPTIONS (use_remote_estimate 'true');
CREATE USER MAPPING FOR public SERVER :"server" OPTIONS (fetch_size '10');
CREATE FOREIGN TABLE core_bad (id int OPTIONS (updatable 'false')) SERVER :"server";
CREATE FOREIGN TABLE core_bad (id int OPTIONS (fdw_startup_cost '1')) SERVER :"server";
-- (the list of valid names in the hint is each FDW's: left out here)
\set VERBOSITY terse
CREATE SERVER core_bad FOREIGN DATA WRAPPER :"fdw" OPTIONS (use_remote_estimates 'true');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default

-- every core option where it belongs, with PostgreSQL's Boolean spellings
-- and the bounds of each range
CREATE SERVER core_ok FOREIGN DATA WRAPPER :"fdw" OPTIONS (
  use_remote_estimate 'false', fdw_startup_cost '0', fdw_tuple_cost '0.25',
  updatable 'true', truncatable 'off', async_capable 'no', fetch_size '1',
  batch_size '1');
CREATE USER MAPPING FOR CURRENT_USER SERVER core_ok OPTIONS (password_required 'true');
CREATE FOREIGN TABLE core_ok_t (id int) SERVER core_ok OPTIONS (
  use_remote_estimate 'on', fdw_startup_cost '1e10', fdw_tuple_cost '1',
  updatable 'n', truncatable 'yes', async_capable 'TRUE', fetch_size '100',
  batch_size '100');
ALTER SERVER core_ok OPTIONS (SET fdw_tuple_cost '2.5', SET async_capable 'on');
SELECT srvoptions FROM pg_foreign_server WHERE srvname = 'core_ok';
SELECT ftoptions FROM pg_foreign_table WHERE ftrelid = 'core_ok_t'::regclass;
DROP SERVER core_ok CASCADE;

-- ---------------------------------------------------------------- writes
-- updatable: the table's value wins over its server's; a refusal comes
-- when the statement starts, before anything is sent (EXPLAIN shows it)
ALTER SERVER :"server" OPTIONS (ADD updatable 'false');
UPDATE core_big SET grp = grp WHERE id = 0;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DELETE FROM core_big WHERE id = 0;
INSERT INTO core_big VALUES (0, 0);
EXPLAIN (COSTS OFF) DELETE FROM core_big WHERE id = 0;
ALTER FOREIGN TABLE core_big OPTIONS (ADD updatable 'true');
EXPLAIN (COSTS OFF) DELETE FROM core_big WHERE id = 0;
ALTER SERVER :"server" OPTIONS (DROP updatable);
ALTER FOREIGN TABLE core_big OPTIONS (SET updatable 'false');
INSERT INTO core_big VALUES (0, 0);
ALTER FOREIGN TABLE core_big OPTIONS (DROP updatable);
-- truncatable 'false', on the server or the table, refuses TRUNCATE (55000)
ALTER SERVER :"server" OPTIONS (ADD truncatable 'false');
TRUNCATE core_big;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER SERVER :"server" OPTIONS (DROP truncatable);
ALTER FOREIGN TABLE core_big OPTIONS (ADD truncatable 'false');
TRUNCATE core_big;
ALTER FOREIGN TABLE core_big OPTIONS (DROP truncatable);
SELECT count(*) FROM core_big WHERE id <= 1000;

-- ---------------------------------------------------------------- password_required
-- (as postgres_fdw's) anyone may say 'true', the default; only a superuser
-- may turn it off, on one user mapping.  Which connections it refuses
-- depends on the client library: each FDW's security_* file.
CREATE ROLE regress_core_user;
GRANT USAGE ON FOREIGN DATA WRAPPER :"fdw" TO regress_core_user;
SET ROLE regress_core_user;
CREATE SERVER core_pw FOREIGN DATA WRAPPER :"fdw";
CREATE USER MAPPING FOR CURRENT_USER SERVER core_pw
  OPTIONS (username 'u', password_required 'false');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE USER MAPPING FOR CURRENT_USER SERVER core_pw
  OPTIONS (username 'u', password_required 'no');
CREATE USER MAPPING FOR CURRENT_USER SERVER core_pw
  OPTIONS (username 'u', password_required 'true');
ALTER USER MAPPING FOR CURRENT_USER SERVER core_pw OPTIONS (SET password_required 'off');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;
ALTER USER MAPPING FOR regress_core_user SERVER core_pw
  OPTIONS (SET password_required 'false');
SET ROLE regress_core_user;
-- a mapping a superuser opened is the superuser's to alter: with another
-- user name, or copied to another mapping, the 'false' would open that too
ALTER USER MAPPING FOR CURRENT_USER SERVER core_pw OPTIONS (SET username 'v');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE SERVER core_pw2 FOREIGN DATA WRAPPER :"fdw";
CREATE USER MAPPING FOR CURRENT_USER SERVER core_pw2
  OPTIONS (username 'u', password_required 'false');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- once a superuser turned it on again, the user cannot turn it off
RESET ROLE;
ALTER USER MAPPING FOR regress_core_user SERVER core_pw
  OPTIONS (SET password_required 'true');
SET ROLE regress_core_user;
ALTER USER MAPPING FOR CURRENT_USER SERVER core_pw OPTIONS (SET password_required 'false');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;
DROP OWNED BY regress_core_user;
DROP ROLE regress_core_user;

-- ---------------------------------------------------------------- scans
-- small batches, so a result is still streaming when the next scan starts
ALTER FOREIGN TABLE core_big OPTIONS (ADD fetch_size '7');
CREATE TABLE core_local AS SELECT g AS id, g % 10 AS grp FROM generate_series(1, 1000) g;
-- a join clause that only PostgreSQL can evaluate: neither a remote join
-- nor a parameterized scan, so the inner scan restarts for every outer row
CREATE FUNCTION core_local_eq(a int, b int) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE AS $$BEGIN RETURN a = b; END$$;
-- an error in the middle of a result
CREATE FUNCTION core_fail_at(v int, at int) RETURNS int
  LANGUAGE plpgsql AS $$BEGIN IF v = at THEN RAISE EXCEPTION 'failed at %', v; END IF; RETURN v; END$$;
SET enable_hashjoin = off;
SET enable_mergejoin = off;
SET enable_material = off;

-- a nested loop of two scans on one connection (OFFSET 0 keeps the join
-- local): the outer result is drained when the inner scan needs the
-- connection, the inner scan is reopened for each of the 40 outer rows
EXPLAIN (COSTS OFF)
SELECT count(*), sum(a.id), sum(b.id)
  FROM (SELECT id FROM core_big WHERE id <= 40 OFFSET 0) a
  JOIN core_big b ON core_local_eq(b.id, a.id + 500)
 WHERE b.id <= 600;
SELECT count(*), sum(a.id), sum(b.id)
  FROM (SELECT id FROM core_big WHERE id <= 40 OFFSET 0) a
  JOIN core_big b ON core_local_eq(b.id, a.id + 500)
 WHERE b.id <= 600;
SELECT count(*), sum(a.id), sum(b.id)
  FROM (SELECT id FROM core_local WHERE id <= 40 OFFSET 0) a
  JOIN core_local b ON core_local_eq(b.id, a.id + 500)
 WHERE b.id <= 600;

-- rescans with parameters: the scan is reopened with each outer value (a
-- NULL one matches nothing)
EXPLAIN (COSTS OFF)
SELECT k.v, x.id FROM (VALUES (101), (202), (NULL), (404)) k(v),
  LATERAL (SELECT id FROM core_big WHERE id >= k.v ORDER BY id LIMIT 2) x;
SELECT k.v, x.id FROM (VALUES (101), (202), (NULL), (404)) k(v),
  LATERAL (SELECT id FROM core_big WHERE id >= k.v ORDER BY id LIMIT 2) x
 ORDER BY 1, 2;
-- and the outer side a scan of the same connection, still streaming (the
-- plan without SubPlan's label, which differs across majors)
CREATE FUNCTION core_plan(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE l text;
BEGIN
  FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
    RETURN NEXT regexp_replace(l, 'SubPlan \S+', 'SubPlan');
  END LOOP;
END $$;
SELECT core_plan('SELECT a.id, (SELECT count(*) FROM core_big b WHERE b.grp = a.grp AND b.id <= 95) AS n
  FROM core_big a WHERE a.id <= 12 ORDER BY a.id');
SELECT a.id, (SELECT count(*) FROM core_big b WHERE b.grp = a.grp AND b.id <= 95) AS n
  FROM core_big a WHERE a.id <= 12 ORDER BY a.id;
SELECT a.id, (SELECT count(*) FROM core_local b WHERE b.grp = a.grp AND b.id <= 95) AS n
  FROM core_local a WHERE a.id <= 12 ORDER BY a.id;
RESET enable_hashjoin;
RESET enable_mergejoin;
RESET enable_material;

-- cursors: another scan of the connection between fetches, two cursors
-- read in turn
BEGIN;
DECLARE core_c1 CURSOR FOR SELECT id FROM core_big WHERE id <= 100 ORDER BY id;
DECLARE core_c2 CURSOR FOR SELECT id FROM core_big WHERE id > 990 AND id <= 1000 ORDER BY id;
FETCH 3 FROM core_c1;
SELECT count(*) FROM core_big WHERE id <= 10;
FETCH 3 FROM core_c2;
FETCH 3 FROM core_c1;
FETCH 3 FROM core_c2;
MOVE FORWARD 90 IN core_c1;
FETCH 10 FROM core_c1;
FETCH 10 FROM core_c2;
CLOSE core_c1;
CLOSE core_c2;
-- a SCROLL cursor goes back and starts over (PostgreSQL keeps the rows it
-- read: a foreign scan reads forward only)
DECLARE core_c3 SCROLL CURSOR FOR SELECT id FROM core_big WHERE id <= 5 ORDER BY id;
FETCH 3 FROM core_c3;
FETCH BACKWARD 2 FROM core_c3;
MOVE ABSOLUTE 0 IN core_c3;
FETCH ALL FROM core_c3;
CLOSE core_c3;
COMMIT;

-- a result left unread (LIMIT, an error) does not block the next query
SELECT id FROM core_big ORDER BY id LIMIT 3;
SELECT count(*) FROM core_big WHERE id <= 10;
SELECT sum(core_fail_at(id, 50)) FROM core_big WHERE id <= 1000;
SELECT count(*) FROM core_big WHERE id <= 10;
BEGIN;
SELECT sum(core_fail_at(id, 50)) FROM core_big WHERE id <= 1000;
ROLLBACK;
SELECT count(*), sum(id) FROM core_big WHERE id <= 1000;

ALTER FOREIGN TABLE core_big OPTIONS (DROP fetch_size);
DROP TABLE core_local;
DROP FUNCTION core_local_eq(int, int), core_fail_at(int, int);
