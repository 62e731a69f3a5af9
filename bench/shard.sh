#!/usr/bin/env bash
# The sharding benchmark (issue 19): mysql_fdw over four MariaDB shards behind one partitioned table, asynchronous against synchronous scans, and per-statement cost behind a network delay.
#
# Usage: bash bench/shard.sh [--pg MAJOR] [--rows N] [--runs R] [--sleep SECS]
#                            [--rtt-ms MS] [--statements S] [--no-build] [--out FILE]
#
# Builds and installs the FDWs into its own PostgreSQL (PG_CONFIG, else --pg
# MAJOR, default 17, from test/lib/pg_majors.sh; --no-build skips the make),
# starts it, four MariaDB shards (test/lib/sources.sh
# shards_start; SHARD_COUNT is fixed at 4 here) and test/lib/delay_proxy.py
# in front of each shard.  Cases, each the median of R runs after a warm-up:
#   sleep     each shard's query takes SECS remotely (a view that sleeps once
#             per query): one shard alone, then all four through the
#             partitioned table with async_capable 'true' and 'false'.
#             Target: async within 1.3x of one shard (synchronous: ~4x).
#   full      every row of N through the partitioned table (N/4 per shard),
#             async and sync, against one shard holding all N rows.
#   point     a point query by key through the proxy (RTT MS) and direct,
#             pgbench, S statements: milliseconds per statement, and the
#             round trips that the difference implies.
#   write     a small write transaction (BEGIN; SELECT; UPDATE; COMMIT on
#             one shard) the same way.
# Prints a markdown report and writes it to bench/results/<date>-shard.md.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../test/lib/sources.sh
source "$REPO/test/lib/sources.sh"
# shellcheck source-path=SCRIPTDIR source=../test/lib/pg_majors.sh disable=SC1091
source "$REPO/test/lib/pg_majors.sh"

MAJOR=17
ROWS=200000
RUNS=5
SLEEP=0.2
RTT_MS=5
STATEMENTS=200
BUILD=1
OUT=

blog() { echo "[shard-bench] $*" >&2; }
bdie() { blog "ERROR: $*"; exit 1; }
usage() { sed -n '4,5p' "$0" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --pg) MAJOR=$2; shift 2 ;;
    --rows) ROWS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --sleep) SLEEP=$2; shift 2 ;;
    --rtt-ms) RTT_MS=$2; shift 2 ;;
    --statements) STATEMENTS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --out) OUT=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
[[ $ROWS =~ ^[0-9]+$ && $ROWS -ge 1000 ]] || bdie "--rows must be a number >= 1000"
[[ $RUNS =~ ^[0-9]+$ && $RUNS -ge 1 ]] || bdie "--runs must be a positive number"
[[ $STATEMENTS =~ ^[0-9]+$ && $STATEMENTS -ge 10 ]] || bdie "--statements must be a number >= 10"
ROWS=$((ROWS / 4 * 4))
OUT=${OUT:-$BENCH_DIR/results/$(date -u +%Y-%m-%d)-shard.md}

export FDW_REPO=$REPO   # pg_majors.sh finds the archives beside the repository
if [[ -z ${PG_CONFIG:-} ]]; then
  PG_CONFIG=$(pg_config_for "$MAJOR") || bdie "no PostgreSQL $MAJOR (test/lib/pg_majors.sh)"
fi
export PG_CONFIG
# (a make install always: an archive may hold a mysql_fdw.so of its own)
if [[ $BUILD == 1 ]]; then
  blog "building and installing the FDWs for $PG_CONFIG"
  if ! make -C "$REPO" -s PG_CONFIG="$PG_CONFIG" >&2 || ! make -C "$REPO" -s PG_CONFIG="$PG_CONFIG" install >&2; then
    bdie "make install failed"
  fi
fi

# ---------------------------------------------------------------- servers

src_init || bdie "no run directory"   # its trap stops everything below
pg_start || bdie "PostgreSQL did not start"
shards_start 4 || bdie "the shards did not start"
bpsql() { "$PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -d shard "$@"; }

# one proxy process for the four shards, RTT_MS per round trip
maps=()
for ((i = 1; i <= 4; i++)); do
  h=SHARD${i}_HOST p=SHARD${i}_PORT
  maps+=(--map "0:${!h}:${!p}")
done
python3 "$REPO/test/lib/delay_proxy.py" --delay-ms "$(awk -v r="$RTT_MS" 'BEGIN { print r / 2 }')" \
  "${maps[@]}" --port-file "$SRC_DIR/proxy.ports" </dev/null >"$SRC_DIR/proxy.log" 2>&1 &
PROXY_PID=$!
_SRC_CHILD_PIDS+=("$PROXY_PID")   # stopped with the servers (src_stop_all)
for ((i = 0; i < 100; i++)); do [[ -s $SRC_DIR/proxy.ports ]] && break; sleep 0.1; done
[[ -s $SRC_DIR/proxy.ports ]] || bdie "delay_proxy.py did not start: $(cat "$SRC_DIR/proxy.log")"
mapfile -t PROXY_PORTS <"$SRC_DIR/proxy.ports"
blog "delay proxy (RTT $RTT_MS ms) on ports ${PROXY_PORTS[*]}"

# ---------------------------------------------------------------- data
# Shard k (1..4) holds ids (k-1)*N/4+1 .. k*N/4 in part; shard 1 also holds
# all N rows in whole; slow is part behind a remote wait of SLEEP seconds,
# once per query.
per=$((ROWS / 4))
for ((k = 1; k <= 4; k++)); do
  shard_exec "$k" "
    DROP DATABASE IF EXISTS bench_shard; CREATE DATABASE bench_shard;
    USE bench_shard;
    CREATE TABLE part (id int PRIMARY KEY, n int NOT NULL, pad varchar(100) NOT NULL) ENGINE = InnoDB;
    INSERT INTO part SELECT seq, seq % 1000, repeat(char(97 + seq % 26), 80)
      FROM seq_$(((k - 1) * per + 1))_to_$((k * per));
    CREATE VIEW slow AS SELECT p.* FROM part p JOIN (SELECT SLEEP($SLEEP) AS s) z;
    SET GLOBAL innodb_flush_log_at_trx_commit = 2;" >/dev/null || bdie "loading shard $k failed"
done
shard_exec 1 "USE bench_shard;
  CREATE TABLE whole (id int PRIMARY KEY, n int NOT NULL, pad varchar(100) NOT NULL) ENGINE = InnoDB;
  INSERT INTO whole SELECT seq, seq % 1000, repeat(char(97 + seq % 26), 80) FROM seq_1_to_$ROWS;" ||
  bdie "loading the whole table failed"

# PostgreSQL: servers a<k> (async, direct), s<k> (sync, direct), d<k>
# (async, through the proxy); partitioned tables over each set.
"$PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -d postgres -c 'DROP DATABASE IF EXISTS shard' \
  -c 'CREATE DATABASE shard' -c 'ALTER SYSTEM SET jit = off' -c 'SELECT pg_reload_conf()' >/dev/null
{
  echo "CREATE EXTENSION mysql_fdw;"
  for ((k = 1; k <= 4; k++)); do
    h=SHARD${k}_HOST p=SHARD${k}_PORT
    for grp in a s d; do
      case $grp in
        a) host=${!h} port=${!p} async=true ;;
        s) host=${!h} port=${!p} async=false ;;
        d) host=127.0.0.1 port=${PROXY_PORTS[k - 1]} async=true ;;
      esac
      echo "CREATE SERVER $grp$k FOREIGN DATA WRAPPER mysql_fdw
              OPTIONS (host '$host', port '$port', async_capable '$async');
            CREATE USER MAPPING FOR CURRENT_USER SERVER $grp$k
              OPTIONS (username '$SHARD_USER', password '$SHARD_PASSWORD');"
    done
  done
  for grp in a s d; do
    for t in part slow; do
      echo "CREATE TABLE ${t}_$grp (id int NOT NULL, n int NOT NULL, pad text NOT NULL) PARTITION BY RANGE (id);"
      for ((k = 1; k <= 4; k++)); do
        echo "CREATE FOREIGN TABLE ${t}_$grp$k PARTITION OF ${t}_$grp
                FOR VALUES FROM ($(((k - 1) * per + 1))) TO ($((k * per + 1))) SERVER $grp$k
                OPTIONS (dbname 'bench_shard', table_name '$t');"
      done
    done
  done
  echo "CREATE FOREIGN TABLE whole (id int NOT NULL, n int NOT NULL, pad text NOT NULL)
          SERVER a1 OPTIONS (dbname 'bench_shard', table_name 'whole');"
  echo "ANALYZE part_a, part_s, part_d, whole;"
  # timed(q, runs): median milliseconds of runs executions of q, its rows
  # written by the server to /dev/null, after one warm-up execution
  cat <<'SQL'
CREATE FUNCTION timed(q text, runs int) RETURNS numeric
LANGUAGE plpgsql AS $$
DECLARE
  t timestamptz;
  ms numeric[] := '{}';
BEGIN
  EXECUTE format('COPY (%s) TO ''/dev/null''', q);
  FOR i IN 1..runs LOOP
    t := clock_timestamp();
    EXECUTE format('COPY (%s) TO ''/dev/null''', q);
    ms := ms || (extract(epoch FROM clock_timestamp() - t) * 1000)::numeric;
  END LOOP;
  RETURN round((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(ms) x)::numeric, 1);
END $$;
SQL
} | bpsql >/dev/null || bdie "setting up PostgreSQL failed"

# ---------------------------------------------------------------- cases

declare -A R
timed() { bpsql -At -c "SELECT timed(\$q\$$1\$q\$, $RUNS)"; }
# plan_has PATTERN QUERY: the plan of QUERY shows PATTERN (yes/no)
plan_has() { bpsql -At -c "EXPLAIN (COSTS OFF) $2" | grep -q -- "$1" && echo yes || echo no; }

blog "case sleep (each shard's query sleeps $SLEEP s remotely)"
# a condition the shards evaluate (n = 7: 1 row in 1000), so that the time
# is the remote's, not the local conversion of every row (the full case)
R[sleep_one]=$(timed "SELECT * FROM slow_a1 WHERE n = 7")
R[sleep_async]=$(timed "SELECT * FROM slow_a WHERE n = 7")
R[sleep_sync]=$(timed "SELECT * FROM slow_s WHERE n = 7")
R[sleep_async_plan]=$(plan_has 'Async Foreign Scan' "SELECT * FROM slow_a WHERE n = 7")

blog "case full ($ROWS rows)"
R[full_one]=$(timed "SELECT * FROM whole")
R[full_async]=$(timed "SELECT * FROM part_a")
R[full_sync]=$(timed "SELECT * FROM part_s")

# pgbench FILE DB: the average latency in ms of STATEMENTS transactions
pgbench_ms() {
  "$PG_BINDIR/pgbench" -n -f "$1" -t "$STATEMENTS" -c 1 shard 2>&1 |
    awk '/latency average/ { print $4 }'
}
run_pgbench() {
  local table=$1 kind=$2 f
  f=$SRC_DIR/pgbench-$kind-$table.sql
  case $kind in
    point)
      printf '\\set k random(1, %d)\nSELECT * FROM %s WHERE id = :k;\n' "$ROWS" "$table" >"$f" ;;
    write)
      printf '\\set k random(1, %d)\nBEGIN;\nSELECT n FROM %s WHERE id = :k;\nUPDATE %s SET n = n + 1 WHERE id = :k;\nCOMMIT;\n' \
        "$ROWS" "$table" "$table" >"$f" ;;
  esac
  pgbench_ms "$f" >/dev/null   # warm-up: connections, plans
  pgbench_ms "$f"
}
blog "case point and write ($STATEMENTS transactions each, direct and through the proxy)"
R[point_direct]=$(run_pgbench part_a point)
R[point_proxy]=$(run_pgbench part_d point)
R[write_direct]=$(run_pgbench part_a write)
R[write_proxy]=$(run_pgbench part_d write)

# ---------------------------------------------------------------- report

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
# the proxy's real round trip (the nominal one plus its own time), measured
PROXY_RTT=$(python3 "$REPO/test/lib/proxy_rtt.py" "$(awk -v r="$RTT_MS" 'BEGIN { print r / 2 }')" 2>/dev/null || echo "$RTT_MS")
trips() { awk -v a="$1" -v b="$2" -v r="$PROXY_RTT" 'BEGIN { printf "%.1f", (a - b) / r }'; }
mkdir -p "$(dirname "$OUT")"
{
  echo "# Sharding benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "$("$PG_CONFIG" --version), mysql_fdw at $(git -C "$REPO" rev-parse --short HEAD)" \
    "($(git -C "$REPO" status --porcelain | grep -c . || true) modified files);" \
    "4 MariaDB $(shard_exec 1 'SELECT VERSION()' | tail -n 1) shards on this machine;" \
    "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo);" \
    "$(grep -m 1 'model name' /proc/cpuinfo | sed 's/.*: //')."
  echo "Medians of $RUNS runs after a warm-up; rows are written by the server to /dev/null (COPY)."
  echo
  echo "## Remote time: each shard's query sleeps $SLEEP s (and returns 1 row in 1000: \`WHERE n = 7\`, evaluated remotely)"
  echo
  echo "| | ms | / one shard |"
  echo "|---|---:|---:|"
  echo "| one shard | ${R[sleep_one]} | 1.00 |"
  echo "| four shards, async_capable 'true' | ${R[sleep_async]} | $(ratio "${R[sleep_async]}" "${R[sleep_one]}") |"
  echo "| four shards, async_capable 'false' | ${R[sleep_sync]} | $(ratio "${R[sleep_sync]}" "${R[sleep_one]}") |"
  echo
  echo "Target: async within 1.3x of one shard. The plan shows Async Foreign Scan: ${R[sleep_async_plan]}."
  echo
  echo "## Full scan, $ROWS rows"
  echo
  echo "| | ms | / one shard |"
  echo "|---|---:|---:|"
  echo "| one shard holding all rows | ${R[full_one]} | 1.00 |"
  echo "| four shards, $per rows each, async | ${R[full_async]} | $(ratio "${R[full_async]}" "${R[full_one]}") |"
  echo "| four shards, sync | ${R[full_sync]} | $(ratio "${R[full_sync]}" "${R[full_one]}") |"
  echo
  echo "Target: four shards no slower than one."
  echo
  echo "## Per statement, $RTT_MS ms round trip (test/lib/delay_proxy.py), $STATEMENTS transactions (pgbench, one client)"
  echo
  echo "| | direct ms | through the proxy ms | round trips implied |"
  echo "|---|---:|---:|---:|"
  echo "| point query by key | ${R[point_direct]} | ${R[point_proxy]} | $(trips "${R[point_proxy]}" "${R[point_direct]}") |"
  echo "| BEGIN; SELECT; UPDATE; COMMIT | ${R[write_direct]} | ${R[write_proxy]} | $(trips "${R[write_proxy]}" "${R[write_direct]}") |"
  echo
  echo "Round trips implied: (proxy - direct) / the proxy's measured round trip, $PROXY_RTT ms"
  echo "(test/lib/proxy_rtt.py: the nominal $RTT_MS ms plus the Python proxy's own time). Expected:"
  echo "point query 1 (the read-only COMMIT's reply is read with the next statement's); the"
  echo "write transaction 4 with two-phase commit (XA START + SELECT, UPDATE, XA END + XA PREPARE,"
  echo "XA COMMIT)."

} | tee "$OUT"
blog "report written to ${OUT#"$REPO"/}"
