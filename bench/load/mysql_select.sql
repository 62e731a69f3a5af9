-- bench/load.sh: one row by primary key through mysql_fdw (a parameterized remote WHERE id = ?).
\set id random(1, :rows)
SELECT id, bal, n, filler FROM my.acc WHERE id = :id;
