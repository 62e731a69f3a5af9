# Sourced by bench/run.sh and bench/profile.sh: the benchmark's cases, each in every spelling it needs.
# shellcheck shell=bash disable=SC2034
#
# For each case name:
#   CASE_NO     its number in the issue (and in the results table)
#   CASE_TITLE  what it measures
#   CASE_PG     the statement run in each PostgreSQL target (FDW targets and local)
#   CASE_SET    session settings before it (same in every PostgreSQL target)
#   CASE_MY     the same query spelled for MariaDB (target "direct")
#   CASE_REF    what ref_fetch fetches: the rows any FDW must read for this
#               query at least; for a scan case the remote projection, for a
#               case that could be pushed down the whole query.  Empty: none.
#               ref_odbc_mariadb fetches the same through ODBC.
#   CASE_LITE   the query spelled for SQLite (target "direct_sqlite")
#   CASE_REF_LITE what ref_odbc_sqlite fetches, as CASE_REF
#   CASE_RESET  1 when the remote table ins must be made anew before each run
#   CASE_REPEAT executions per timed run (default 1), their mean is the run's time
#   CASE_EXPLAIN what EXPLAIN shows for it in the results (default CASE_PG)
#   CASE_WRITE  1 for a case that writes remotely: also run in target
#               mysql_fdw_1pc (two-phase commit off), for the cost of 2PC
#
# Only CASE_NO/CASE_TITLE/CASE_PG are needed to add a case; a target without
# a spelling for it reports "—".

CASES=(point write_small full narrow filter_mod filter_range agg group join order_limit insert nestloop)
declare -A CASE_NO CASE_TITLE CASE_PG CASE_SET CASE_MY CASE_REF CASE_RESET CASE_EXPLAIN CASE_LITE CASE_REF_LITE \
  CASE_WRITE

# Not in the issue: the fixed cost of one statement (planning, round trips,
# remote transaction), which dominates the small cases.
CASE_NO[point]=0
CASE_TITLE[point]="one row by primary key (fixed cost of a statement)"
CASE_PG[point]="SELECT * FROM wide WHERE id = 4242"
CASE_MY[point]=${CASE_PG[point]}
CASE_REF[point]=${CASE_PG[point]}

# Not in the issue: the fixed cost of a small write transaction, which two-phase
# commit raises (XA START, END, PREPARE and COMMIT, and the local commit waits
# for its WAL flush); the row keeps its value.
CASE_NO[write_small]=0w
CASE_TITLE[write_small]="one-row UPDATE, its own transaction (fixed cost of a write)"
CASE_PG[write_small]="UPDATE wide SET i = i WHERE id = 4242"
CASE_MY[write_small]=${CASE_PG[write_small]}
CASE_REF[write_small]=
CASE_WRITE[write_small]=1

CASE_NO[full]=1
CASE_TITLE[full]="full scan, all columns (COPY to /dev/null)"
CASE_PG[full]="COPY (SELECT * FROM wide) TO '/dev/null'"
CASE_EXPLAIN[full]="SELECT * FROM wide"
CASE_MY[full]="SELECT * FROM wide"
CASE_REF[full]="SELECT id, i, s, d, n, ts, dt, t, b FROM wide"

CASE_NO[narrow]=2
CASE_TITLE[narrow]="narrow scan, one column, summed locally"
CASE_PG[narrow]="SELECT sum(length(s)) FROM (SELECT s FROM wide OFFSET 0) x"
CASE_MY[narrow]="SELECT sum(char_length(s)) FROM (SELECT s FROM wide) x"
CASE_REF[narrow]="SELECT s FROM wide"

CASE_NO[filter_mod]=3a
CASE_TITLE[filter_mod]="filter id % 100 = 0 (N/100 rows)"
CASE_PG[filter_mod]="SELECT * FROM wide WHERE id % 100 = 0"
CASE_MY[filter_mod]="SELECT * FROM wide WHERE id % 100 = 0"
CASE_REF[filter_mod]=${CASE_MY[filter_mod]}

CASE_NO[filter_range]=3b
CASE_TITLE[filter_range]="filter i BETWEEN 1000 AND 2000 (~N/1000 rows)"
CASE_PG[filter_range]="SELECT * FROM wide WHERE i BETWEEN 1000 AND 2000"
CASE_MY[filter_range]=${CASE_PG[filter_range]}
CASE_REF[filter_range]=${CASE_PG[filter_range]}

CASE_NO[agg]=4a
CASE_TITLE[agg]="count(*), sum(n), avg(d)"
CASE_PG[agg]="SELECT count(*), sum(n), avg(d) FROM wide"
CASE_MY[agg]=${CASE_PG[agg]}
CASE_REF[agg]=${CASE_PG[agg]}

CASE_NO[group]=4b
CASE_TITLE[group]="GROUP BY b, count(*)"
CASE_PG[group]="SELECT b, count(*) FROM wide GROUP BY b"
CASE_MY[group]=${CASE_PG[group]}
CASE_REF[group]=${CASE_PG[group]}

CASE_NO[join]=5a
CASE_TITLE[join]="join wide with dim on the key (1,000 rows)"
CASE_PG[join]="SELECT w.id, w.s, d.name FROM wide w JOIN dim d ON w.id = d.id"
CASE_MY[join]=${CASE_PG[join]}
CASE_REF[join]=${CASE_PG[join]}

CASE_NO[order_limit]=5b
CASE_TITLE[order_limit]="ORDER BY d DESC LIMIT 10"
CASE_PG[order_limit]="SELECT id, s, d FROM wide ORDER BY d DESC LIMIT 10"
CASE_MY[order_limit]=${CASE_PG[order_limit]}
CASE_REF[order_limit]=${CASE_PG[order_limit]}

CASE_NO[insert]=6
CASE_TITLE[insert]="INSERT of the local table src into an empty remote table"
CASE_PG[insert]="INSERT INTO ins SELECT * FROM src"
# the direct reference the issue names, "a direct multi-row INSERT of the same
# rows": the client sends the rows as 100 INSERTs of 1,000 rows each in one
# transaction (bench/lib.sh insert_script); @SRC_DIR@ is filled in by run.sh
CASE_MY[insert]="source @SRC_DIR@/ins_mysql.sql"
CASE_REF[insert]=
CASE_RESET[insert]=1
CASE_WRITE[insert]=1

CASE_NO[nestloop]=7
CASE_TITLE[nestloop]="nested loop: 1,000 local keys joined to wide by primary key"
CASE_SET[nestloop]="SET enable_hashjoin = off; SET enable_mergejoin = off;"
CASE_PG[nestloop]="SELECT sum(length(w.s)) FROM keys k JOIN wide w ON w.id = k.id"
CASE_MY[nestloop]="SELECT sum(char_length(w.s)) FROM keys_ k JOIN wide w ON w.id = k.id"
CASE_REF[nestloop]=${CASE_MY[nestloop]}

# Cases of a few milliseconds are timed as the mean of CASE_REPEAT
# back-to-back executions per run (in every target alike): one execution is
# at the mercy of the scheduler and the harness's own round trips.
declare -A CASE_REPEAT=([point]=20 [write_small]=20 [join]=10)

# SQLite spells every case as MariaDB does, but for length() and keys_ (the
# nested loop's keys, in SQLite as in MariaDB).
for c in "${CASES[@]}"; do
  CASE_LITE[$c]=${CASE_MY[$c]//char_length(/length(}
  CASE_REF_LITE[$c]=${CASE_REF[$c]//char_length(/length(}
done
unset c
CASE_LITE[insert]=".read @SRC_DIR@/ins_sqlite.sql"
