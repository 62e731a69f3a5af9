-- bench/load.sh: one row updated by primary key through mysql_fdw (pushed down: Foreign Update).
-- Every update adds 1 to n: load.sh checks afterwards that sum(n) grew by the transactions pgbench counted.
\set id random(1, :rows)
\set delta random(-5000, 5000)
UPDATE my.acc SET bal = bal + :delta, n = n + 1 WHERE id = :id;
