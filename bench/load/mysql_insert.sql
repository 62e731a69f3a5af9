-- bench/load.sh: one row into a remote table with an AUTO_INCREMENT key, through mysql_fdw.
-- load.sh checks afterwards that MariaDB holds one new row per transaction pgbench counted.
\set aid random(1, :rows)
\set delta random(-5000, 5000)
INSERT INTO my.hist (cid, aid, delta) VALUES (:client_id, :aid, :delta);
