-- tds suite: scans.  Remote queries as tables (WHERE pushed into them),
-- rescans and LATERAL with parameters (the remote SQL, NULL values), small
-- fetch sizes, identifiers that need quoting.  (Scans sharing one
-- connection, cursors: core_behaviour.sql.)

CREATE FOREIGN TABLE big (id int NOT NULL, grp int, v text) SERVER tds_svr;
CREATE TABLE l_big AS SELECT * FROM big;
SELECT count(*), sum(id), min(v), max(v) FROM l_big;

-- does the foreign query return exactly the local query's rows?
CREATE FUNCTION same_rows(q_foreign text, q_local text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
  EXECUTE format('SELECT count(*) FROM ((%s EXCEPT ALL %s) UNION ALL (%s EXCEPT ALL %s)) d',
                 q_foreign, q_local, q_local, q_foreign) INTO n;
  RETURN n = 0;
END $$;

-- a remote query as a table: the query becomes a derived table, so the
-- conditions and the column list are pushed around it
CREATE FOREIGN TABLE q_grp (grp int, n int, top_id int) SERVER tds_svr
  OPTIONS (query 'SELECT grp, COUNT(*) AS n, MAX(id) AS top_id FROM big GROUP BY grp');
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM q_grp WHERE grp = 3;
SELECT * FROM q_grp WHERE grp = 3;
EXPLAIN (VERBOSE, COSTS OFF) SELECT top_id FROM q_grp WHERE n > 0 AND grp IN (1, 2);
SELECT top_id FROM q_grp WHERE n > 0 AND grp IN (1, 2) ORDER BY 1;
SELECT sum(n) FROM q_grp;
-- the query text is sent as written, inside the derived table
SELECT max(n) AS log_mark FROM tds_log() \gset
SELECT * FROM q_grp WHERE grp = 9;
-- (a transaction's start rides in front of its first batch)
SELECT line FROM tds_log() WHERE n > :log_mark AND line ~ '^(SET [^;]*; BEGIN TRANSACTION; )?SELECT';

-- LATERAL: the inner scan runs once per outer row, with the outer value as
-- a parameter of the remote query; results equal the local computation
CREATE TEMP TABLE outer_vals (g int);
INSERT INTO outer_vals VALUES (1), (5), (NULL), (42);
SET enable_hashjoin = off;
SET enable_mergejoin = off;
SET enable_material = off;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT o.g, x.id FROM outer_vals o,
  LATERAL (SELECT b.id FROM big b WHERE b.grp = o.g ORDER BY b.id DESC LIMIT 2) x;
SELECT o.g, x.id FROM outer_vals o,
  LATERAL (SELECT b.id FROM big b WHERE b.grp = o.g ORDER BY b.id DESC LIMIT 2) x
ORDER BY o.g, x.id;
SELECT same_rows(
  'SELECT o.g, x.id FROM outer_vals o, LATERAL (SELECT b.id FROM big b WHERE b.grp = o.g ORDER BY b.id DESC LIMIT 2) x',
  'SELECT o.g, x.id FROM outer_vals o, LATERAL (SELECT b.id FROM l_big b WHERE b.grp = o.g ORDER BY b.id DESC LIMIT 2) x');
-- a remote query table rescanned the same way
EXPLAIN (VERBOSE, COSTS OFF)
SELECT o.g, q.n FROM outer_vals o LEFT JOIN LATERAL
  (SELECT n FROM q_grp WHERE q_grp.grp = o.g) q ON true;
SELECT o.g, q.n FROM outer_vals o LEFT JOIN LATERAL
  (SELECT n FROM q_grp WHERE q_grp.grp = o.g) q ON true ORDER BY o.g;
-- a correlated subquery: one remote query per outer row
SELECT g, (SELECT max(id) FROM big WHERE grp = g) AS top FROM outer_vals ORDER BY g;
RESET enable_hashjoin;
RESET enable_mergejoin;
RESET enable_material;

-- fetch_size: rows are converted in batches; results do not depend on it
CREATE FOREIGN TABLE big_small_batches (id int, grp int, v text)
  SERVER tds_svr OPTIONS (table_name 'big', fetch_size '7');
SELECT count(*), sum(id), count(DISTINCT v) FROM big_small_batches;

-- a query that needs no column of the table
EXPLAIN (VERBOSE, COSTS OFF) SELECT 1 FROM tds_tab WHERE id = 2;
SELECT 1 AS one FROM tds_tab WHERE id = 2;
-- an empty result
SELECT * FROM big WHERE id > 5000;

-- identifiers that need quoting: ] is doubled, keywords are bracketed
CREATE FOREIGN TABLE odd_names ("Id" int, "Mixed Case" text, "a]b" int, "select" int)
  SERVER tds_svr;
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM odd_names WHERE "a]b" > 11 AND "select" < 300;
SELECT * FROM odd_names WHERE "a]b" > 11 AND "select" < 300;

-- ANALYZE samples the remote table
ANALYZE big;
SELECT reltuples FROM pg_class WHERE relname = 'big';

-- asynchronous scans (async_capable): the partitions of one Append run at
-- once; two servers on the same TDS server are two connections, and two
-- partitions of one server take turns on its connection
\getenv tds_host TDS_HOST
\getenv tds_port TDS_PORT
\getenv tds_user TDS_USER
\getenv tds_password TDS_PASSWORD
\getenv tds_database TDS_DATABASE
CREATE SERVER tds_async2 FOREIGN DATA WRAPPER tds_fdw
  OPTIONS (servername :'tds_host', port :'tds_port', database :'tds_database',
           async_capable 'true');
CREATE USER MAPPING FOR CURRENT_USER SERVER tds_async2
  OPTIONS (username :'tds_user', password :'tds_password');
CREATE TABLE big_parts (id int NOT NULL, grp int, v text) PARTITION BY RANGE (id);
CREATE FOREIGN TABLE big_p1 PARTITION OF big_parts FOR VALUES FROM (MINVALUE) TO (400)
  SERVER tds_svr OPTIONS (query 'SELECT id, grp, v FROM big WHERE id < 400',
                          async_capable 'true');
CREATE FOREIGN TABLE big_p2 PARTITION OF big_parts FOR VALUES FROM (400) TO (700)
  SERVER tds_async2 OPTIONS (query 'SELECT id, grp, v FROM big WHERE id >= 400 AND id < 700');
CREATE FOREIGN TABLE big_p3 PARTITION OF big_parts FOR VALUES FROM (700) TO (MAXVALUE)
  SERVER tds_svr OPTIONS (query 'SELECT id, grp, v FROM big WHERE id >= 700',
                          async_capable 'true');
CREATE TABLE l_big_parts (id int NOT NULL, grp int, v text) PARTITION BY RANGE (id);
CREATE TABLE l_big_p1 PARTITION OF l_big_parts FOR VALUES FROM (MINVALUE) TO (400);
CREATE TABLE l_big_p2 PARTITION OF l_big_parts FOR VALUES FROM (400) TO (700);
CREATE TABLE l_big_p3 PARTITION OF l_big_parts FOR VALUES FROM (700) TO (MAXVALUE);
INSERT INTO l_big_parts SELECT * FROM l_big;
EXPLAIN (COSTS OFF) SELECT grp, count(*), sum(id) FROM big_parts WHERE grp < 3 GROUP BY grp;
SELECT count(*) FROM (
  (SELECT * FROM big_parts EXCEPT ALL SELECT * FROM l_big_parts)
  UNION ALL
  (SELECT * FROM l_big_parts EXCEPT ALL SELECT * FROM big_parts)) d;
SELECT grp, count(*), sum(id) FROM big_parts WHERE grp < 3 GROUP BY grp ORDER BY grp;
SELECT grp, count(*), sum(id) FROM l_big_parts WHERE grp < 3 GROUP BY grp ORDER BY grp;
-- a LIMIT ends the scans early; the connections stay usable
SELECT count(*) FROM (SELECT * FROM big_parts LIMIT 5) s;
SELECT count(*) FROM big_parts;
-- inside a transaction, and again in a prepared statement's generic plan
BEGIN;
SELECT count(*) FROM big_parts WHERE v IS NOT NULL;
SELECT count(*) FROM big_parts WHERE v IS NOT NULL;
COMMIT;
PREPARE bp(int) AS SELECT count(*) FROM big_parts WHERE grp = $1;
EXECUTE bp(1); EXECUTE bp(1); EXECUTE bp(1); EXECUTE bp(1); EXECUTE bp(1);
EXECUTE bp(1);
SELECT count(*) FROM l_big_parts WHERE grp = 1;
DEALLOCATE bp;
