-- mysql_shard suite: one partitioned table over several MariaDB servers
-- ("shards", test/lib/sources.sh shards_start), one foreign partition each,
-- scanned concurrently (async_capable), next to a local copy holding the
-- same rows: every query runs on both and the results must be equal
-- (compared with EXCEPT ALL both ways, or ordered).  The plans show what
-- each shard is sent.  Then the failures: a shard down, a shard failing in
-- the middle of a scan, a connection killed by the server; each error
-- names its server, and afterwards no statement of ours is left running on
-- the shards and every connection works again.
-- Partition p is on shard (p mod SHARD_COUNT) + 1, through its own foreign
-- server shard_p<p>, so the output does not depend on the shard count (two
-- or more).
\set SHOW_CONTEXT never
\set fault '"$FDW_REPO/test/lib/fault.sh"'
\getenv shard_addrs SHARD_ADDRS
\getenv shard_user SHARD_USER
\getenv shard_password SHARD_PASSWORD
\getenv shard_count SHARD_COUNT

CREATE EXTENSION mysql_fdw;

-- ==== the servers: shard_p0..shard_p3 for the data, async_capable;
-- shard_admin_p<p> a second connection to the same shard, to look at it
-- from the side (its processlist)
SELECT set_config('shard.addrs', :'shard_addrs', false) IS NOT NULL AS ok,
       set_config('shard.user', :'shard_user', false) IS NOT NULL AS ok,
       set_config('shard.password', :'shard_password', false) IS NOT NULL AS ok;
DO $$
DECLARE
  addrs text[] := regexp_split_to_array(current_setting('shard.addrs'), ' ');
  addr text;
BEGIN
  FOR p IN 0..3 LOOP
    addr := addrs[p % array_length(addrs, 1) + 1];
    EXECUTE format('CREATE SERVER shard_p%s FOREIGN DATA WRAPPER mysql_fdw
                      OPTIONS (host %L, port %L, async_capable ''true'')',
                   p, split_part(addr, ':', 1), split_part(addr, ':', 2));
    EXECUTE format('CREATE SERVER shard_admin_p%s FOREIGN DATA WRAPPER mysql_fdw
                      OPTIONS (host %L, port %L)',
                   p, split_part(addr, ':', 1), split_part(addr, ':', 2));
    EXECUTE format('CREATE USER MAPPING FOR CURRENT_USER SERVER shard_p%s
                      OPTIONS (username %L, password %L)',
                   p, current_setting('shard.user'), current_setting('shard.password'));
    EXECUTE format('CREATE USER MAPPING FOR CURRENT_USER SERVER shard_admin_p%s
                      OPTIONS (username %L, password %L)',
                   p, current_setting('shard.user'), current_setting('shard.password'));
  END LOOP;
END $$;
SELECT srvname, srvoptions[3] FROM pg_foreign_server WHERE srvname LIKE 'shard%' ORDER BY 1;

-- ==== the tables: items by hash of id, orders by hash of item_id (the same
-- partition bounds, so items JOIN orders ON id = item_id joins partition to
-- partition), each with a local twin holding the same rows
CREATE TABLE items (id int NOT NULL, grp int NOT NULL, qty int NOT NULL,
  price numeric(10,2) NOT NULL, name text NOT NULL, note text) PARTITION BY HASH (id);
CREATE TABLE orders (id int NOT NULL, item_id int NOT NULL, amount int NOT NULL)
  PARTITION BY HASH (item_id);
CREATE TABLE items_local (LIKE items) PARTITION BY HASH (id);
CREATE TABLE orders_local (LIKE orders) PARTITION BY HASH (item_id);
DO $$
BEGIN
  FOR p IN 0..3 LOOP
    EXECUTE format('CREATE FOREIGN TABLE items_p%1$s PARTITION OF items
                      FOR VALUES WITH (MODULUS 4, REMAINDER %1$s) SERVER shard_p%1$s
                      OPTIONS (dbname ''fdw_shard'', table_name ''items_p%1$s'')', p);
    EXECUTE format('CREATE FOREIGN TABLE orders_p%1$s PARTITION OF orders
                      FOR VALUES WITH (MODULUS 4, REMAINDER %1$s) SERVER shard_p%1$s
                      OPTIONS (dbname ''fdw_shard'', table_name ''orders_p%1$s'')', p);
    EXECUTE format('CREATE TABLE items_local_p%1$s PARTITION OF items_local
                      FOR VALUES WITH (MODULUS 4, REMAINDER %1$s)', p);
    EXECUTE format('CREATE TABLE orders_local_p%1$s PARTITION OF orders_local
                      FOR VALUES WITH (MODULUS 4, REMAINDER %1$s)', p);
    -- what runs on shard p, seen from the side
    EXECUTE format('CREATE FOREIGN TABLE threads_p%1$s (id bigint, command text, info text)
                      SERVER shard_admin_p%1$s
                      OPTIONS (dbname ''information_schema'', table_name ''PROCESSLIST'')', p);
    -- the id of shard_p<p>''s own connection
    EXECUTE format('CREATE FOREIGN TABLE whoami_p%1$s (id bigint) SERVER shard_p%1$s
                      OPTIONS (dbname ''fdw_shard'', table_name ''whoami'')', p);
  END LOOP;
END $$;

-- the rows: made here, written to the shards through the partitioned table
-- (tuple routing sends each row to its shard, one transaction over four
-- servers), and to the local twin
INSERT INTO items_local
  SELECT i, i % 10, (i * 37) % 101, ((i * 7919) % 100000) / 100.0, 'item ' || i,
         CASE WHEN i % 13 <> 0 THEN 'n' || i % 5 END
  FROM generate_series(1, 4000) i;
INSERT INTO orders_local
  SELECT i, (i * 7) % 4400 + 1, (i * 13) % 1000 + 1 FROM generate_series(1, 12000) i;
INSERT INTO items SELECT * FROM items_local;
INSERT INTO orders SELECT * FROM orders_local;
ANALYZE items_local, orders_local;
-- every shard holds its partition's rows, none of the others'
SELECT 'items_p' || p AS part,
       (SELECT count(*) FROM items_local WHERE satisfies_hash_partition('items'::regclass, 4, p, id)) AS expected
FROM generate_series(0, 3) p;
SELECT tableoid::regclass, count(*) FROM items GROUP BY 1 ORDER BY 1;
SELECT tableoid::regclass, count(*) FROM orders GROUP BY 1 ORDER BY 1;

-- ==== helpers
-- same_rows(q1, q2): the two queries return the same multiset of rows;
-- says how many, so that two empty results do not pass unnoticed
CREATE FUNCTION same_rows(q1 text, q2 text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  n1 bigint;
  n2 bigint;
  d bigint;
BEGIN
  EXECUTE format('SELECT count(*) FROM (%s) q', q1) INTO n1;
  EXECUTE format('SELECT count(*) FROM (%s) q', q2) INTO n2;
  EXECUTE format('SELECT count(*) FROM (((%1$s) EXCEPT ALL (%2$s)) UNION ALL ((%2$s) EXCEPT ALL (%1$s))) d',
                 q1, q2) INTO d;
  RETURN CASE WHEN d = 0 AND n1 = n2 THEN 'same ' || n1 || ' rows'
              ELSE format('DIFFERENT: %s rows vs %s, %s differ', n1, n2, d) END;
END $$;
-- cmp(q): q over the shards and, with items/orders/pair renamed to their
-- local twins, over the local copy
CREATE FUNCTION cmp(q text) RETURNS text
LANGUAGE sql AS $$
  SELECT same_rows(q, regexp_replace(q, '\m(items|orders|pair)\M', '\1_local', 'g'))
$$;
-- the plan's nodes and the SQL each shard is sent, without Output lines
-- (their spelling differs between majors), the remote aliases of a join
-- renumbered r1, r2... in order of appearance (they follow the range
-- table, which PostgreSQL 18 changed)
CREATE FUNCTION plan(q text) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
  line text;
  tok text;
  seen text[];
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || q LOOP
    CONTINUE WHEN line ~ '^\s*(Output|Sort Key|Group Key|Hash Key|Presorted Key):';
    IF line ~ 'Remote SQL:' THEN
      seen := '{}';
      FOR tok IN SELECT (regexp_matches(line, '\m(r\d+)\M', 'g'))[1] LOOP
        IF NOT tok = ANY (seen) THEN
          seen := seen || tok;
        END IF;
      END LOOP;
      FOR i IN 1..coalesce(array_length(seen, 1), 0) LOOP
        line := regexp_replace(line, '\m' || seen[i] || '\M', '#' || i || '#', 'g');
      END LOOP;
      line := regexp_replace(line, '#(\d+)#', 'r\1', 'g');
    END IF;
    RETURN NEXT line;
  END LOOP;
END $$;
-- our statements running on the shards now
CREATE FUNCTION shard_statements() RETURNS bigint
LANGUAGE sql AS $$
  SELECT count(*) FROM (SELECT * FROM threads_p0 UNION ALL SELECT * FROM threads_p1
                        UNION ALL SELECT * FROM threads_p2 UNION ALL SELECT * FROM threads_p3) t
  WHERE command = 'Query' AND info LIKE '%fdw_shard%' AND info NOT LIKE '%PROCESSLIST%'
$$;
-- waits (at most 3 s) until no statement of ours runs on any shard, seen
-- through the admin connections; the slow views sleep 5 s, so a statement
-- left running shows here
CREATE FUNCTION shards_idle() RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1..30 LOOP
    IF shard_statements() = 0 THEN
      RETURN true;
    END IF;
    PERFORM pg_sleep(0.1);
  END LOOP;
  RETURN false;
END $$;

-- ==== scans and filters: an Append of one (async) foreign scan per shard
SELECT plan('SELECT * FROM items');
SELECT cmp('SELECT * FROM items');
SELECT cmp('SELECT * FROM orders');
SELECT plan('SELECT id, name FROM items WHERE qty < 10 AND note IS NOT NULL');
SELECT cmp('SELECT id, name FROM items WHERE qty < 10 AND note IS NOT NULL');
SELECT cmp('SELECT id, price FROM items WHERE price BETWEEN 100 AND 200 OR name LIKE ''item 12%''');
-- pruned to one shard by the partition key
SELECT plan('SELECT * FROM items WHERE id = 42');
SELECT * FROM items WHERE id = 42;
SELECT * FROM items_local WHERE id = 42;
SELECT plan('SELECT * FROM items WHERE id IN (1, 2, 3)');
SELECT cmp('SELECT * FROM items WHERE id IN (1, 2, 3)');

-- ==== aggregates, partition-wise
SET enable_partitionwise_aggregate = on;
-- grouped by the partition key: each shard's groups are whole, the whole
-- aggregate runs on the shard
SELECT plan('SELECT item_id, count(*), sum(amount), max(amount) FROM orders GROUP BY item_id');
SELECT cmp('SELECT item_id, count(*), sum(amount), max(amount) FROM orders GROUP BY item_id');
SELECT cmp('SELECT id, sum(qty) FROM items GROUP BY id HAVING sum(qty) > 50');
-- grouped by another column: each shard's partial aggregate, combined here
SELECT plan('SELECT grp, count(*), sum(qty), avg(price), min(name), max(note) FROM items GROUP BY grp');
SELECT cmp('SELECT grp, count(*), sum(qty), avg(price), min(name), max(note) FROM items GROUP BY grp');
SELECT grp, count(*), sum(qty), avg(price) FROM items GROUP BY grp ORDER BY grp;
SELECT grp, count(*), sum(qty), avg(price) FROM items_local GROUP BY grp ORDER BY grp;
-- no grouping: one row from partial aggregates
SELECT plan('SELECT count(*), sum(amount), avg(amount) FROM orders');
SELECT count(*), sum(amount), avg(amount) FROM orders;
SELECT count(*), sum(amount), avg(amount) FROM orders_local;
SELECT cmp('SELECT count(DISTINCT grp), count(note) FROM items');
RESET enable_partitionwise_aggregate;

-- ==== joins, partition-wise: each shard joins its own partitions
SET enable_partitionwise_join = on;
SELECT plan('SELECT i.id, i.name, o.id, o.amount FROM items i JOIN orders o ON o.item_id = i.id');
SELECT cmp('SELECT i.id, i.name, o.id, o.amount FROM items i JOIN orders o ON o.item_id = i.id');
SELECT cmp('SELECT i.id, o.id FROM items i LEFT JOIN orders o ON o.item_id = i.id WHERE i.qty < 20');
SELECT cmp('SELECT i.id, o.id FROM items i FULL JOIN orders o ON o.item_id = i.id WHERE o.amount IS NULL OR o.amount < 30');
-- and with the aggregation on top
SET enable_partitionwise_aggregate = on;
SELECT plan('SELECT i.grp, count(*), sum(o.amount) FROM items i JOIN orders o ON o.item_id = i.id GROUP BY i.grp');
SELECT cmp('SELECT i.grp, count(*), sum(o.amount) FROM items i JOIN orders o ON o.item_id = i.id GROUP BY i.grp');
SELECT cmp('SELECT i.id, count(o.id) FROM items i LEFT JOIN orders o ON o.item_id = i.id GROUP BY i.id');
RESET enable_partitionwise_aggregate;
RESET enable_partitionwise_join;
-- not partition-wise: the join is local, over the shards' scans
SELECT cmp('SELECT i.id, o.id FROM items i JOIN orders o ON o.item_id = i.id AND o.amount > 990');

-- ==== ORDER BY ... LIMIT: each shard sorts, a Merge Append merges
SELECT plan('SELECT id, qty FROM items ORDER BY qty DESC, id LIMIT 5');
SELECT id, qty FROM items ORDER BY qty DESC, id LIMIT 5;
SELECT id, qty FROM items_local ORDER BY qty DESC, id LIMIT 5;
SELECT plan('SELECT id, name FROM items WHERE grp = 3 ORDER BY id LIMIT 5 OFFSET 100');
SELECT id, name FROM items WHERE grp = 3 ORDER BY id LIMIT 5 OFFSET 100;
SELECT id, name FROM items_local WHERE grp = 3 ORDER BY id LIMIT 5 OFFSET 100;
-- LIMIT without ORDER BY: the Append stops early; as many rows as asked
SELECT count(*) FROM (SELECT * FROM orders LIMIT 25) s;

-- ==== prepared statements executed past the five custom plans: one
-- left to the plan cache, one on its generic plan from the start (pruning
-- at execution for the partition key: one shard per execution)
PREPARE by_grp(int) AS SELECT count(*), sum(qty), min(id), max(id) FROM items WHERE grp = $1;
EXECUTE by_grp(1);
EXECUTE by_grp(2);
EXECUTE by_grp(3);
EXECUTE by_grp(4);
EXECUTE by_grp(5);
EXECUTE by_grp(6);
EXECUTE by_grp(7);
SELECT count(*), sum(qty), min(id), max(id) FROM items_local WHERE grp = 7;
SET plan_cache_mode = force_generic_plan;
PREPARE by_id(int) AS SELECT id, grp, name FROM items WHERE id = $1;
SELECT line FROM plan('EXECUTE by_id(4000)') line;
EXECUTE by_id(10);
EXECUTE by_id(11);
EXECUTE by_id(12);
EXECUTE by_id(13);
EXECUTE by_id(14);
EXECUTE by_id(15);
EXECUTE by_id(4000);
EXECUTE by_id(4001);
RESET plan_cache_mode;
SELECT name, generic_plans + custom_plans AS executions, generic_plans > 0 AS generic
FROM pg_prepared_statements ORDER BY name;
DEALLOCATE by_grp;
DEALLOCATE by_id;

-- ==== two partitions on one server: two scans of one Append share a
-- connection (pair_a, pair_b on shard_p0), a third on another server
CREATE TABLE pair (id int NOT NULL, v int NOT NULL) PARTITION BY RANGE (id);
CREATE FOREIGN TABLE pair_a PARTITION OF pair FOR VALUES FROM (1) TO (3001)
  SERVER shard_p0 OPTIONS (dbname 'fdw_shard', table_name 'pair_a');
CREATE FOREIGN TABLE pair_b PARTITION OF pair FOR VALUES FROM (3001) TO (6001)
  SERVER shard_p0 OPTIONS (dbname 'fdw_shard', table_name 'pair_b');
CREATE FOREIGN TABLE pair_c PARTITION OF pair FOR VALUES FROM (6001) TO (9001)
  SERVER shard_p1 OPTIONS (dbname 'fdw_shard', table_name 'pair_c');
CREATE TABLE pair_local (id int NOT NULL, v int NOT NULL);
INSERT INTO pair_local SELECT i, i * 3 % 1001 FROM generate_series(1, 9000) i;
INSERT INTO pair SELECT * FROM pair_local;
SELECT tableoid::regclass, count(*) FROM pair GROUP BY 1 ORDER BY 1;
SELECT plan('SELECT * FROM pair');
SELECT cmp('SELECT * FROM pair');
SELECT cmp('SELECT * FROM pair WHERE v < 100');
SELECT cmp('SELECT v, count(*) FROM pair GROUP BY v');
-- all three scans open at once (no ORDER BY: an Append, not a Merge
-- Append), read in turns through a cursor, with another query on the same
-- connection between two fetches; the rows are sorted afterwards
CREATE FUNCTION pair_in_turns() RETURNS TABLE (id int, v int)
LANGUAGE plpgsql AS $$
DECLARE
  c refcursor;
  r record;
  n int := 0;
BEGIN
  OPEN c FOR SELECT p.id, p.v FROM pair p WHERE p.id % 1000 = 7;
  LOOP
    FETCH c INTO r;
    EXIT WHEN NOT FOUND;
    id := r.id;
    v := r.v;
    RETURN NEXT;
    n := n + 1;
    IF n = 3 THEN
      PERFORM count(*) FROM pair_b;
    END IF;
  END LOOP;
  CLOSE c;
END $$;
SELECT * FROM pair_in_turns() ORDER BY id;
-- a join of the two partitions on one connection (nested loop: one scan
-- restarts while the other is open)
SET enable_hashjoin = off;
SET enable_mergejoin = off;
SELECT count(*), sum(a.v + b.v) FROM pair_a a JOIN pair_b b ON b.id = a.id + 3000 WHERE a.id % 500 = 1;
SELECT count(*), sum(a.v + b.v) FROM pair_local a JOIN pair_local b ON b.id = a.id + 3000
  WHERE a.id % 500 = 1 AND a.id <= 3000;
RESET enable_hashjoin;
RESET enable_mergejoin;
SELECT cmp('SELECT i.id, p.v FROM items i JOIN pair p ON p.id = i.id WHERE i.grp = 1');

-- ==== a shard down: shard_p2's server points at a port where nothing
-- listens; the error names it, and the next query on the others works
SELECT option_value AS p2_port
FROM pg_foreign_server, pg_options_to_table(srvoptions)
WHERE srvname = 'shard_p2' AND option_name = 'port' \gset
ALTER SERVER shard_p2 OPTIONS (SET port '1', ADD connect_timeout '2');
SELECT count(*) FROM items;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT same_rows('SELECT * FROM items_p1', 'SELECT * FROM items_local_p1');
SELECT count(*) FROM items_p0;
-- pruned to a live shard, the query does not need the dead one
SELECT min(id) AS p0_id FROM items_local_p0 \gset
SELECT id, name FROM items WHERE id = :p0_id;
-- in a transaction: the error aborts it, the next one works
BEGIN;
SELECT count(*) FROM items_p1;
SELECT count(*) FROM items;
ROLLBACK;
ALTER SERVER shard_p2 OPTIONS (SET port :'p2_port', DROP connect_timeout);
SELECT cmp('SELECT * FROM items');

-- ==== a shard failing in the middle of a scan: items_p0 reads a view that
-- raises an error after 2000 ids' worth of rows, the other three read views
-- that wait 5 s before their first row.  The error names shard_p0, comes
-- without waiting for the others, and leaves none of their statements
-- running (async: they were sent, and must be cancelled)
ALTER FOREIGN TABLE items_p1 OPTIONS (SET table_name 'items_p1_slow');
ALTER FOREIGN TABLE items_p2 OPTIONS (SET table_name 'items_p2_slow');
ALTER FOREIGN TABLE items_p3 OPTIONS (SET table_name 'items_p3_slow');
-- first the check itself: a session scanning the slow shards shows there
-- (shards_idle() would say false); cancelled, it leaves nothing running
\set out `:fault bg slowscan :DBNAME "SELECT count(name) FROM items"`
DO $$
BEGIN
  FOR i IN 1..50 LOOP
    EXIT WHEN shard_statements() > 0;
    PERFORM pg_sleep(0.1);
  END LOOP;
END $$;
SELECT shard_statements() > 0 AS slow_statement_seen;
SELECT clock_timestamp() AS t0 \gset
SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'slowscan';
\set out `:fault wait slowscan`
\echo :out
SELECT clock_timestamp() - :'t0'::timestamptz < interval '2 s' AS cancelled_within_2s;
SELECT shards_idle() AS no_statement_left_on_the_shards;
-- statement_timeout ends the Append's wait on the slow shards (on every
-- major: a timer wakes the wait to look), and read_timeout one shard's,
-- naming it; the next statements work
SET statement_timeout = '1s';
SELECT clock_timestamp() AS t0 \gset
SELECT count(name) FROM items;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET statement_timeout;
SELECT clock_timestamp() - :'t0'::timestamptz < interval '3 s' AS ended_by_statement_timeout;
SELECT shards_idle() AS no_statement_left_on_the_shards;
ALTER SERVER shard_p1 OPTIONS (ADD read_timeout '1');
SELECT clock_timestamp() AS t0 \gset
SELECT count(name) FROM items;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT clock_timestamp() - :'t0'::timestamptz < interval '3 s' AS ended_by_read_timeout;
ALTER SERVER shard_p1 OPTIONS (DROP read_timeout);
SELECT shards_idle() AS no_statement_left_on_the_shards;
SELECT count(*) FROM items_p0;
-- a LIMIT that the first shard fills: the Append stops before the slow
-- shards answer (async: their statements were sent), without waiting for
-- them, and leaves none of them running
SELECT clock_timestamp() AS t0 \gset
SELECT count(*) FROM (SELECT * FROM items LIMIT 5) s;
SELECT clock_timestamp() - :'t0'::timestamptz < interval '4 s' AS ended_before_the_slow_shards;
SELECT shards_idle() AS no_statement_left_on_the_shards;
SELECT same_rows('SELECT * FROM items_p0', 'SELECT * FROM items_local_p0');
-- now the failure
ALTER FOREIGN TABLE items_p0 OPTIONS (SET table_name 'items_p0_fail');
SELECT plan('SELECT * FROM items');
SELECT clock_timestamp() AS t0 \gset
SELECT * FROM items;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT clock_timestamp() - :'t0'::timestamptz < interval '4 s' AS ended_before_the_slow_shards;
SELECT shards_idle() AS no_statement_left_on_the_shards;
-- the same inside a transaction, through a cursor that has read rows
-- (small batches, so the first ones come before the failure)
ALTER FOREIGN TABLE items_p0 OPTIONS (ADD fetch_size '10');
BEGIN;
DECLARE c CURSOR FOR SELECT id, name FROM items;
FETCH 2 FROM c;
SELECT clock_timestamp() AS t0 \gset
FETCH ALL FROM c;
ROLLBACK;
ALTER FOREIGN TABLE items_p0 OPTIONS (DROP fetch_size);
SELECT clock_timestamp() - :'t0'::timestamptz < interval '4 s' AS ended_before_the_slow_shards;
SELECT shards_idle() AS no_statement_left_on_the_shards;
ALTER FOREIGN TABLE items_p0 OPTIONS (SET table_name 'items_p0');
ALTER FOREIGN TABLE items_p1 OPTIONS (SET table_name 'items_p1');
ALTER FOREIGN TABLE items_p2 OPTIONS (SET table_name 'items_p2');
ALTER FOREIGN TABLE items_p3 OPTIONS (SET table_name 'items_p3');
-- every connection works in the next transaction
SELECT cmp('SELECT * FROM items');
BEGIN;
SELECT cmp('SELECT i.id, o.amount FROM items i JOIN orders o ON o.item_id = i.id');
UPDATE items SET qty = qty + 1 WHERE id IN (1, 2, 3, 4);
UPDATE items_local SET qty = qty + 1 WHERE id IN (1, 2, 3, 4);
COMMIT;
SELECT cmp('SELECT * FROM items');

-- ==== a connection killed by the server: between transactions the next
-- one reconnects; inside one, the transaction fails naming the server and
-- the next one works
SELECT 1 % :shard_count + 1 AS k1 \gset
SELECT id AS conn FROM whoami_p1 \gset
\set out `:fault shardsql :k1 "KILL CONNECTION :conn"`
\echo :out
SELECT cmp('SELECT * FROM items');
SELECT id <> :conn AS new_connection FROM whoami_p1;
BEGIN;
SELECT id AS conn FROM whoami_p1 \gset
\set out `:fault shardsql :k1 "KILL CONNECTION :conn"`
\echo :out
SELECT count(*) FROM items;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
SELECT cmp('SELECT * FROM items');
SELECT shards_idle() AS no_statement_left_on_the_shards;

-- ==== a shard server killed (kill -9) while its connection is cached: the
-- query fails naming the server; a query pruned to another shard works;
-- after a restart every query works again.  Shard 1 holds items_p0, the
-- first partition (and, with fewer than four shards, others: p2 with two;
-- with one shard, all, and the pruned query fails too)
SELECT count(*) FROM items;
\set out `:fault kill shard1`
\echo :out
SELECT count(*) FROM items;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT min(id) AS p1_id FROM items_local_p1 \gset
SELECT id, name FROM items WHERE id = :p1_id;
\set out `:fault restart shard1`
\echo :out
SELECT cmp('SELECT * FROM items');
SELECT cmp('SELECT item_id, sum(amount) FROM orders GROUP BY item_id');
SELECT shards_idle() AS no_statement_left_on_the_shards;
