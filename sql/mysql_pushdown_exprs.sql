-- mysql suite: expressions, sort keys and aggregates pushed with PostgreSQL's
-- semantics kept (strings by their bytes, avg() finished locally, guarded
-- casts and functions), each shown with EXPLAIN and compared with the same
-- query on a local copy of the rows (same_rows() from mysql_pushdown).

CREATE FOREIGN TABLE p_words (id int, w varchar(30), n numeric(10,3), i int,
  f float8, d date, ts timestamp, b boolean)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'words');
CREATE FOREIGN TABLE p_huge (id int, g int, f float8)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'huge');
CREATE TABLE l_words AS SELECT * FROM p_words;
CREATE TABLE l_huge AS SELECT * FROM p_huge;
-- the cluster runs under C.UTF-8, which orders strings by code point
SELECT datcollate FROM pg_database WHERE datname = current_database();

-- strings group by their bytes: 'abc', 'ABC', 'abc ' and 'äbc' stay apart
-- (MySQL's utf8mb4_general_ci alone would make one group of them)
EXPLAIN (VERBOSE, COSTS OFF) SELECT w, count(*) FROM p_words GROUP BY w;
SELECT w, count(*) FROM p_words GROUP BY w ORDER BY w;
SELECT same_rows('SELECT w, count(*), min(id) FROM p_words GROUP BY w',
                 'SELECT w, count(*), min(id) FROM l_words GROUP BY w');
-- count(DISTINCT), min() and max() of strings
EXPLAIN (VERBOSE, COSTS OFF) SELECT count(DISTINCT w), min(w), max(w) FROM p_words;
SELECT count(DISTINCT w), min(w), max(w) FROM p_words;
-- ORDER BY a string and LIMIT: by code point, as C.UTF-8 sorts
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, w FROM p_words ORDER BY w DESC, id LIMIT 4;
SELECT id, w FROM p_words ORDER BY w DESC, id LIMIT 4;
SELECT id, w FROM l_words ORDER BY w DESC, id LIMIT 4;
-- ordering comparisons of strings too
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_words WHERE w > 'abc' ORDER BY id;
SELECT id FROM p_words WHERE w > 'abc' ORDER BY id;
-- under a linguistic collation the order is not the bytes': kept local
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_words WHERE w > 'abc' COLLATE "en_US.utf8";
-- a boolean sort key: false before true, whatever integer MySQL stores
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, b FROM p_words ORDER BY b DESC, id LIMIT 5;
SELECT id, b FROM p_words ORDER BY b DESC, id LIMIT 5;
-- count(DISTINCT) of a boolean counts truth values (row 9 stores 2 for true)
EXPLAIN (VERBOSE, COSTS OFF) SELECT count(DISTINCT b) FROM p_words;
SELECT count(DISTINCT b) FROM p_words;
SELECT count(DISTINCT b) FROM l_words;

-- avg() is sent as SUM and COUNT and divided here, with PostgreSQL's scale
-- (MySQL's AVG keeps only four more digits)
EXPLAIN (VERBOSE, COSTS OFF) SELECT avg(i), avg(n), avg(f) FROM p_words WHERE id <> 6;
SELECT avg(i), avg(n), avg(f) FROM p_words WHERE id <> 6;
SELECT avg(i), avg(n), avg(f) FROM l_words WHERE id <> 6;
EXPLAIN (VERBOSE, COSTS OFF) SELECT b, avg(n) + 1 FROM p_words GROUP BY b;
SELECT same_rows('SELECT b, avg(n) + 1, avg(i) FROM p_words GROUP BY b',
                 'SELECT b, avg(n) + 1, avg(i) FROM l_words GROUP BY b');
-- inside HAVING or ORDER BY, avg() is computed here from fetched parts
EXPLAIN (VERBOSE, COSTS OFF) SELECT b FROM p_words GROUP BY b HAVING avg(i) > 0;
SELECT b FROM p_words GROUP BY b HAVING avg(i) > 0 ORDER BY b;
-- avg(double precision) overflows in PostgreSQL for huge mixed values; equal
-- ones it averages as PostgreSQL does, and HAVING never hides a group
SELECT g, avg(f) FROM p_huge WHERE g <> 2 GROUP BY g ORDER BY g;
SELECT g, avg(f) FROM l_huge WHERE g <> 2 GROUP BY g ORDER BY g;
SELECT g, avg(f) FROM p_huge GROUP BY g;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT g, avg(f) FROM l_huge GROUP BY g;
EXPLAIN (VERBOSE, COSTS OFF) SELECT g, avg(f) FROM p_huge GROUP BY g HAVING g = 3;
SELECT g, avg(f) FROM p_huge GROUP BY g HAVING g = 3;

-- IS [NOT] DISTINCT FROM and boolean tests
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM p_words WHERE i IS DISTINCT FROM 5 AND w IS NOT DISTINCT FROM 'abc';
SELECT id FROM p_words WHERE i IS DISTINCT FROM 5 AND w IS NOT DISTINCT FROM 'abc';
SELECT id FROM p_words WHERE w IS DISTINCT FROM 'abc' ORDER BY id;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_words WHERE b IS NOT TRUE;
SELECT same_rows('SELECT id FROM p_words WHERE b IS NOT TRUE OR (i > 3) IS UNKNOWN',
                 'SELECT id FROM l_words WHERE b IS NOT TRUE OR (i > 3) IS UNKNOWN');
-- GREATEST and LEAST skip NULLs, as PostgreSQL does (MySQL's return NULL)
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_words WHERE GREATEST(i, id, n) > 6;
SELECT same_rows('SELECT id, GREATEST(i, id, n), LEAST(i, n) FROM p_words WHERE GREATEST(i, id, n) > 6',
                 'SELECT id, GREATEST(i, id, n), LEAST(i, n) FROM l_words WHERE GREATEST(i, id, n) > 6');

-- casts: numeric to integer rounds halves away from zero in both; out of
-- range raises, as in PostgreSQL (MySQL alone would clamp)
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_words WHERE n::int = 2;
SELECT id FROM p_words WHERE n::int = 2 ORDER BY id;
SELECT id FROM p_words WHERE (n * 100000)::int > 0;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT id FROM l_words WHERE (n * 100000)::int > 0;
SELECT id FROM p_words WHERE i::smallint > 0;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_words WHERE d::timestamp = ts;
SELECT same_rows('SELECT id FROM p_words WHERE d::timestamp = ts OR ts::date = d - 1',
                 'SELECT id FROM l_words WHERE d::timestamp = ts OR ts::date = d - 1');
-- a CASE over timestamps stays temporal on the remote side (typed literals)
SELECT same_rows($$SELECT id FROM p_words WHERE CASE WHEN i > 0 THEN d::timestamp ELSE TIMESTAMP '2021-01-01 00:00:00' END <> TIMESTAMP '2024-02-29'$$,
                 $$SELECT id FROM l_words WHERE CASE WHEN i > 0 THEN d::timestamp ELSE TIMESTAMP '2021-01-01 00:00:00' END <> TIMESTAMP '2024-02-29'$$);

-- functions: abs, round and trunc to a constant scale, trimming, replace,
-- substr (starts before 1 are cut as in PostgreSQL), days between dates
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM p_words WHERE round(n, 2) = 1.5 OR trunc(n, 1) = -2.3 OR abs(i) = 7;
SELECT same_rows('SELECT id, round(n, 2), round(n), trunc(n, 1), abs(n), abs(i) FROM p_words WHERE round(n, 2) <> 0 AND id <> 7',
                 'SELECT id, round(n, 2), round(n), trunc(n, 1), abs(n), abs(i) FROM l_words WHERE round(n, 2) <> 0 AND id <> 7');
SELECT id, round(n, 2), trunc(n, 1), round(n) FROM p_words WHERE id < 6 ORDER BY id;
-- abs() of the smallest integer raises, as in PostgreSQL
SELECT id FROM p_words WHERE abs(i) > 0 ORDER BY id;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM p_words WHERE substr(w, 0, 3) = 'a' AND rtrim(w) = 'abc' AND replace(w, 'b', 'B') <> '';
SELECT same_rows($$SELECT id, substr(w, -1, 3), substr(w, 2), substr(w, 2, 2), btrim(w), char_length(w), octet_length(w) FROM p_words WHERE substr(w, 0, 3) <> '' AND rtrim(w) LIKE 'a%' AND replace(w, 'b', 'B') <> ''$$,
                 $$SELECT id, substr(w, -1, 3), substr(w, 2), substr(w, 2, 2), btrim(w), char_length(w), octet_length(w) FROM l_words WHERE substr(w, 0, 3) <> '' AND rtrim(w) LIKE 'a%' AND replace(w, 'b', 'B') <> ''$$);
SELECT id FROM p_words WHERE substr(w, 1, i) = 'a';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_words WHERE d - DATE '2000-01-01' > 0;
SELECT id, d - DATE '2000-01-01' FROM p_words WHERE d - DATE '2000-01-01' > 0 ORDER BY id;

-- extract() and date_trunc() of the fields MySQL computes the same way
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM p_words WHERE extract(year FROM ts) > 2000 AND date_trunc('month', ts) < ts;
SELECT same_rows($$SELECT id, extract(year FROM ts), extract(month FROM d), extract(dow FROM d), extract(isodow FROM ts), extract(doy FROM ts), extract(week FROM d), extract(isoyear FROM d), extract(quarter FROM ts), extract(second FROM ts), extract(epoch FROM ts), extract(epoch FROM d), extract(century FROM d) FROM p_words WHERE extract(hour FROM ts) >= 0$$,
                 $$SELECT id, extract(year FROM ts), extract(month FROM d), extract(dow FROM d), extract(isodow FROM ts), extract(doy FROM ts), extract(week FROM d), extract(isoyear FROM d), extract(quarter FROM ts), extract(second FROM ts), extract(epoch FROM ts), extract(epoch FROM d), extract(century FROM d) FROM l_words WHERE extract(hour FROM ts) >= 0$$);
SELECT id, extract(second FROM ts), extract(epoch FROM ts) FROM p_words WHERE extract(minute FROM ts) > 0 ORDER BY id;
SELECT same_rows($$SELECT id, date_trunc('year', ts), date_trunc('month', ts), date_trunc('day', ts), date_trunc('hour', ts), date_trunc('minute', ts), date_trunc('second', ts) FROM p_words WHERE date_trunc('day', ts) <= ts$$,
                 $$SELECT id, date_trunc('year', ts), date_trunc('month', ts), date_trunc('day', ts), date_trunc('hour', ts), date_trunc('minute', ts), date_trunc('second', ts) FROM l_words WHERE date_trunc('day', ts) <= ts$$);
-- a field MySQL has no same spelling for stays local
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_words WHERE extract(julian FROM d) > 0;

-- a select list naming a column twice still gets the remote LIMIT
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, w, id FROM p_words ORDER BY id LIMIT 2;
SELECT id, w, id FROM p_words ORDER BY id LIMIT 2;

-- lower() and upper() use different case tables: kept local
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_words WHERE upper(w) = 'ABC';

-- double to integer rounds halves to even in both; out of range raises
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM p_words WHERE f::int = 2;
SELECT same_rows('SELECT id FROM p_words WHERE id <> 6 AND (f::int IN (0, 2, -2) OR (f * 3)::int = 4)',
                 'SELECT id FROM l_words WHERE id <> 6 AND (f::int IN (0, 2, -2) OR (f * 3)::int = 4)');
SELECT id FROM p_words WHERE id <> 6 AND (f::int IN (0, 2, -2) OR (f * 3)::int = 4) ORDER BY id;
SELECT id FROM p_words WHERE f::int > 0;
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- md5, left/right (negative counts drop characters), strpos by code point
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM p_words WHERE left(w, -1) = 'ab' OR right(w, 2) = 'bc' OR strpos(w, 'B') > 0 OR md5(w) = '';
SELECT same_rows($$SELECT id, left(w, -1), left(w, 2), right(w, -2), right(w, 1), strpos(w, 'bc'), md5(w) FROM p_words WHERE left(w, -1) <> '' OR right(w, 2) = 'bc' OR strpos(w, 'Ä') > 0 OR md5(w) <> ''$$,
                 $$SELECT id, left(w, -1), left(w, 2), right(w, -2), right(w, 1), strpos(w, 'bc'), md5(w) FROM l_words WHERE left(w, -1) <> '' OR right(w, 2) = 'bc' OR strpos(w, 'Ä') > 0 OR md5(w) <> ''$$);
SELECT id FROM p_words WHERE strpos(w, 'A') > 0 OR right(w, -3) = ' ' ORDER BY id;
