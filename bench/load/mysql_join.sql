-- bench/load.sh: a join of two remote tables pushed down to MariaDB whole, 1,000 rows back.
\set lo random(1, :rows - 999)
SELECT b.id, b.val, a.name FROM my.jb b JOIN my.ja a ON a.id = b.a_id WHERE b.id BETWEEN :lo AND :lo + 999;
