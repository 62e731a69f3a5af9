-- bench/load.sh: one row by primary key through odbc_fdw (MariaDB Connector/ODBC).
\set id random(1, :rows)
SELECT id, bal, n, filler FROM od.acc WHERE id = :id;
