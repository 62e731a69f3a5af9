#!/usr/bin/env bash
# The load check (issue 16): pgbench through mysql_fdw and odbc_fdw at several client counts; errors, remote connections, memory.
#
# Usage: bash bench/load.sh [--duration S] [--clients "8 32"] [--scripts "mysql_select ..."]
#                           [--rows N] [--mode prepared|extended|simple] [--mem-limit KB]
#                           [--quick] [--build] [--out FILE]
#
# Starts its own PostgreSQL and MariaDB (test/lib/sources.sh, as bench/run.sh
# does, with the installation of PG_CONFIG, default Debian's 15), loads the
# tables, and runs every pgbench script of bench/load/ at every client count
# for the duration.  During and after each run it checks: no failed
# transactions or aborted clients, no ERROR in the server log, as many
# MariaDB connections of the FDW's user as clients in the middle of the run
# and none a few seconds after pgbench has left, the private memory of every
# backend flat from a third of the run to its end, and (writes) that MariaDB
# holds what pgbench says it did.  Writes bench/results/<date>-load.md and
# exits 1 when a check failed.  Not part of the test suite.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"

ORIG_ARGS="$*"
DURATION=30
CLIENTS=(8 32)
SCRIPTS=(mysql_select mysql_insert mysql_update mysql_join odbc_select)
ROWS=100000
MODE=prepared
# A backend's private memory may grow this much (kB) from a third of a run to
# its end; above it the run fails.  glibc's malloc and the connection's
# buffers settle within the first seconds; what grows after is a leak.
MEM_LIMIT=1024
# Seconds allowed for the remote connections to go after pgbench has ended.
GONE_WITHIN=5
BUILD=0
OUT=
PG_DB=load

usage() { sed -n '3,6p' "$0" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --duration) DURATION=$2; shift 2 ;;
    --clients) read -r -a CLIENTS <<<"$2"; shift 2 ;;
    --scripts) read -r -a SCRIPTS <<<"$2"; shift 2 ;;
    --rows) ROWS=$2; shift 2 ;;
    --mode) MODE=$2; shift 2 ;;
    --mem-limit) MEM_LIMIT=$2; shift 2 ;;
    --quick) DURATION=6; ROWS=10000; shift ;;
    --build) BUILD=1; shift ;;
    --out) OUT=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
[[ $DURATION =~ ^[0-9]+$ && $DURATION -ge 3 ]] || bdie "--duration must be a number of seconds >= 3"
[[ $ROWS =~ ^[0-9]+$ && $ROWS -ge 1000 ]] || bdie "--rows must be a number >= 1000 (the join reads 1,000)"
[[ $MEM_LIMIT =~ ^[0-9]+$ ]] || bdie "--mem-limit must be a number of kB"
[[ $MODE == prepared || $MODE == extended || $MODE == simple ]] || bdie "--mode: prepared, extended or simple"
MAX_CLIENTS=0
for c in "${CLIENTS[@]}"; do
  [[ $c =~ ^[1-9][0-9]*$ ]] || bdie "--clients: positive numbers"
  ((c > MAX_CLIENTS)) && MAX_CLIENTS=$c
done
for s in "${SCRIPTS[@]}"; do
  [[ -r $BENCH_DIR/load/$s.sql ]] || bdie "no script bench/load/$s.sql"
done

# ---------------------------------------------------------------- setup

# The remote tables: acc (ROWS accounts, read and updated by key; n counts
# the updates), hist (the insert target, AUTO_INCREMENT key), ja (1,000 rows)
# and jb (ROWS rows, each pointing at a row of ja) for the join.
load_remote() {
  blog "loading MariaDB: acc, jb ($ROWS rows), ja (1,000 rows), hist"
  mysql_exec "CREATE DATABASE IF NOT EXISTS $MYSQL_DB" || return 1
  bmysql -e "
    DROP TABLE IF EXISTS acc, hist, ja, jb;
    CREATE TABLE acc (id int PRIMARY KEY, bal bigint NOT NULL, n int NOT NULL DEFAULT 0,
                      filler varchar(80) NOT NULL) ENGINE=InnoDB;
    INSERT INTO acc SELECT seq, (seq * 7919) % 100003, 0, REPEAT(LEFT(MD5(seq), 8), 10) FROM seq_1_to_$ROWS;
    CREATE TABLE hist (id bigint AUTO_INCREMENT PRIMARY KEY, cid int NOT NULL, aid int NOT NULL,
                       delta int NOT NULL, ts datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB;
    CREATE TABLE ja (id int PRIMARY KEY, name varchar(30) NOT NULL) ENGINE=InnoDB;
    INSERT INTO ja SELECT seq, CONCAT('a-', seq) FROM seq_1_to_1000;
    CREATE TABLE jb (id int PRIMARY KEY, a_id int NOT NULL, val int NOT NULL, KEY (a_id)) ENGINE=InnoDB;
    INSERT INTO jb SELECT seq, 1 + seq % 1000, seq * 31 % 1000 FROM seq_1_to_$ROWS;
    ANALYZE TABLE acc, ja, jb;" >/dev/null
}

# Database $PG_DB: both extensions (pointed at private copies of the
# installed libraries, as in bench/run.sh), server my (mysql_fdw) with schema
# my, server od (odbc_fdw over MariaDB Connector/ODBC, DSN-less) with schema od.
setup_pg() {
  snapshot_ours && odbc_driver odbc-mariadb libmaodbc.so && snapshot_odbc || return 1
  create_target_db "$PG_DB" || return 1
  create_pinned_extension "$PG_DB" mysql_fdw "$OURS_SO" || return 1
  create_pinned_extension "$PG_DB" odbc_fdw "$ODBC_SO" || return 1
  bpsql "$PG_DB" >/dev/null <<EOF
CREATE SERVER my FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host '$MYSQL_HOST', port '$MYSQL_PORT');
CREATE USER MAPPING FOR CURRENT_USER SERVER my
  OPTIONS (username '$MYSQL_USER', password '$MYSQL_PASSWORD');
CREATE SERVER od FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (driver '$ODBC_DRIVER', odbc_Server '$MYSQL_HOST', odbc_Port '$MYSQL_PORT',
           odbc_Database '$MYSQL_DB');
CREATE USER MAPPING FOR CURRENT_USER SERVER od
  OPTIONS (username '$MYSQL_USER', password '$MYSQL_PASSWORD');
CREATE SCHEMA my;
CREATE SCHEMA od;
CREATE FOREIGN TABLE my.acc (id int NOT NULL, bal bigint NOT NULL, n int NOT NULL, filler varchar(80) NOT NULL)
  SERVER my OPTIONS (dbname '$MYSQL_DB', table_name 'acc');
CREATE FOREIGN TABLE my.hist (cid int NOT NULL, aid int NOT NULL, delta int NOT NULL)
  SERVER my OPTIONS (dbname '$MYSQL_DB', table_name 'hist');
CREATE FOREIGN TABLE my.ja (id int NOT NULL, name varchar(30) NOT NULL)
  SERVER my OPTIONS (dbname '$MYSQL_DB', table_name 'ja');
CREATE FOREIGN TABLE my.jb (id int NOT NULL, a_id int NOT NULL, val int NOT NULL)
  SERVER my OPTIONS (dbname '$MYSQL_DB', table_name 'jb');
CREATE FOREIGN TABLE od.acc (id int NOT NULL, bal bigint NOT NULL, n int NOT NULL, filler varchar(80) NOT NULL)
  SERVER od OPTIONS (schema '$MYSQL_DB', table 'acc');
ANALYZE my.acc;
ANALYZE my.ja;
ANALYZE my.jb;
ANALYZE od.acc;
EOF
}

# Enough connections for the largest client count, on both sides: pgbench's
# clients, the sampler's psql and its mariadb client, and PostgreSQL's
# reserved slots.
check_capacity() {
  local pgmax reserved mymax
  pgmax=$(bpsql postgres -Atc "SHOW max_connections") || return 1
  reserved=$(bpsql postgres -Atc "SELECT current_setting('superuser_reserved_connections')::int
                                        + coalesce(current_setting('reserved_connections', true)::int, 0)") || return 1
  if ((MAX_CLIENTS + 2 > pgmax - reserved)); then
    blog "PostgreSQL max_connections = $pgmax ($reserved reserved): too few for $MAX_CLIENTS clients"
    return 1
  fi
  mymax=$(bmysql -N -e "SELECT @@max_connections") || return 1
  if ((MAX_CLIENTS + 10 > mymax)); then
    bmysql -e "SET GLOBAL max_connections = $((MAX_CLIENTS + 10))" || return 1
  fi
  PG_MAXCONN=$pgmax
  MY_MAXCONN=$(bmysql -N -e "SELECT @@max_connections") || return 1
}

# ---------------------------------------------------------------- sampling

# Connections of the FDWs' MariaDB user, the asking one left out.
remote_conns() {
  bmysql -N -e "SELECT COUNT(*) FROM information_schema.PROCESSLIST
                WHERE USER = '$MYSQL_USER' AND ID <> CONNECTION_ID()"
}

# Waits up to $1 seconds for remote_conns to be 0; prints the seconds it took,
# or "> $1 (n left)".  True when they went.
wait_remote_gone() {
  local limit=$1 t0 n
  t0=$(date +%s.%N)
  while :; do
    n=$(remote_conns) || return 1
    if ((n == 0)); then
      awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'
      return 0
    fi
    if awk -v a="$t0" -v b="$(date +%s.%N)" -v l="$limit" 'BEGIN { exit !(b - a > l) }'; then
      echo "> $limit s ($n left)"
      return 1
    fi
    sleep 0.2
  done
}

# "pid RssAnon VmRSS" (kB) of each of pgbench's backends.  RssAnon is the
# backend's private memory (palloc'd contexts, malloc'd client-library
# buffers); VmRSS also counts the shared buffers the backend has touched,
# which grows without any leak, so the check is on RssAnon.
sample_mem() {
  local pids
  pids=$(bpsql "$PG_DB" -Atc "SELECT string_agg('/proc/' || pid || '/status', ' ') FROM pg_stat_activity
                               WHERE application_name = 'pgbench' AND datname = '$PG_DB'") || return 0
  [[ -n $pids ]] || return 0
  # shellcheck disable=SC2086 # (a list of files)
  awk '/^Pid:/ { p = $2 } /^RssAnon:/ { a = $2 } /^VmRSS:/ { r = $2 }
    ENDFILE { if (p != "" && a != "") print p, a, r; p = a = r = "" }' $pids 2>/dev/null || true
}

# Sleeps until $2 seconds after the moment $1 (date +%s.%N).
sleep_until() {
  local s
  s=$(awk -v a="$1" -v o="$2" -v now="$(date +%s.%N)" 'BEGIN { d = a + o - now; printf "%.2f", (d > 0 ? d : 0) }')
  sleep "$s"
}

# ---------------------------------------------------------------- one run

declare -A R_TPS R_LAT R_TX R_FAILED R_ABORTED R_MID R_AFTER R_MEM R_REMOTE R_LOGERR R_OK R_WHY
FAILS=()

# Counters in MariaDB that the writing scripts must move by exactly the
# number of transactions pgbench processed.
remote_counter() {
  case $1 in
    mysql_insert) bmysql -N -e "SELECT COUNT(*) FROM hist" ;;
    mysql_update) bmysql -N -e "SELECT SUM(n) FROM acc" ;;
    *) echo "" ;;
  esac
}

fail() {
  local k=$1
  shift
  R_OK[$k]=0
  R_WHY[$k]+="${R_WHY[$k]:+; }$*"
  FAILS+=("${k%|*}, ${k#*|} clients: $*")
}

# pgbench script $1 with $2 clients for DURATION seconds, sampled on the way.
run_one() {
  local s=$1 c=$2 k="$1|$2" out=$SRC_DIR/pgbench-$1-$2.out j logpos pid rc=0 t0 mid after
  local before counted
  R_OK[$k]=1
  j=$(nproc)
  ((j > c)) && j=$c
  blog "$s, $c clients, $DURATION s"
  # nothing left from the previous run
  if ! after=$(wait_remote_gone 10); then
    fail "$k" "remote connections before the run: $after"
  fi
  before=$(remote_counter "$s")
  logpos=$(stat -c %s "$SRC_PGLOG")
  : >"$out"
  setsid "$PG_BINDIR/pgbench" -n -M "$MODE" -c "$c" -j "$j" -T "$DURATION" -D "rows=$ROWS" \
    -f "$BENCH_DIR/load/$s.sql" "$PG_DB" </dev/null >"$out" 2>&1 &
  pid=$!
  _SRC_CHILD_PIDS+=("$pid")
  t0=$(date +%s.%N)
  sleep_until "$t0" "$(awk -v d="$DURATION" 'BEGIN { print d / 3 }')"
  sample_mem >"$SRC_DIR/mem-$s-$c.1"
  sleep_until "$t0" "$(awk -v d="$DURATION" 'BEGIN { print d / 2 }')"
  mid=$(remote_conns) || mid="?"
  sleep_until "$t0" "$(awk -v d="$DURATION" 'BEGIN { print d - 1 }')"
  sample_mem >"$SRC_DIR/mem-$s-$c.2"
  wait "$pid" || rc=$?
  _SRC_CHILD_PIDS=()
  if ! after=$(wait_remote_gone "$GONE_WITHIN"); then fail "$k" "remote connections after the run: $after"; fi
  R_MID[$k]=$mid
  R_AFTER[$k]=$after

  # pgbench's own account
  R_TPS[$k]=$(sed -nE 's/^tps = ([0-9.]+) .*/\1/p' "$out" | awk '{ printf "%.1f", $1 }')
  R_LAT[$k]=$(sed -nE 's/^latency average = ([0-9.]+) ms/\1/p' "$out")
  R_TX[$k]=$(sed -nE 's/^number of transactions actually processed: ([0-9]+).*/\1/p' "$out")
  R_FAILED[$k]=$(sed -nE 's/^number of failed transactions: ([0-9]+).*/\1/p' "$out")
  R_ABORTED[$k]=$(grep -c 'aborted in command' "$out" || true)
  ((rc == 0)) || fail "$k" "pgbench exited with status $rc: $(grep -m1 -E 'error|ERROR|FATAL' "$out" | cut -c1-300)"
  [[ -n ${R_TX[$k]} && ${R_TX[$k]} -gt 0 ]] || fail "$k" "no transactions processed"
  [[ ${R_FAILED[$k]:-0} == 0 ]] || fail "$k" "${R_FAILED[$k]} failed transactions"
  ((R_ABORTED[$k] == 0)) || fail "$k" "${R_ABORTED[$k]} clients aborted"
  [[ $mid == "$c" ]] || fail "$k" "$mid remote connections in the middle of the run, not $c"

  # the server log of the run: any ERROR, FATAL, PANIC, WARNING or failed assertion
  R_LOGERR[$k]=$(tail -c +"$((logpos + 1))" "$SRC_PGLOG" | grep -cE '(ERROR|FATAL|PANIC|WARNING):|TRAP:' || true)
  if ((R_LOGERR[$k] > 0)); then
    fail "$k" "${R_LOGERR[$k]} errors in the server log, first: $(tail -c +"$((logpos + 1))" "$SRC_PGLOG" |
      grep -m1 -E '(ERROR|FATAL|PANIC|WARNING):|TRAP:' | cut -c1-300)"
  fi

  # memory: the backends seen at both samples; mean RssAnon at each, the
  # largest growth of one backend, mean VmRSS at each
  R_MEM[$k]=$(awk 'NF < 3 { next } FILENAME == ARGV[1] { a[$1] = $2; r[$1] = $3; next }
    ($1 in a) { n++; sa += a[$1]; sb += $2; ra += r[$1]; rb += $3; g = $2 - a[$1]; if (n == 1 || g > mg) mg = g }
    END { if (n) printf "%d %.0f %.0f %d %.0f %.0f", n, sa / n, sb / n, mg, ra / n, rb / n }' \
    "$SRC_DIR/mem-$s-$c.1" "$SRC_DIR/mem-$s-$c.2")
  if [[ -z ${R_MEM[$k]} ]]; then
    fail "$k" "no backend memory sampled"
  else
    local n mg
    read -r n _ _ mg _ _ <<<"${R_MEM[$k]}"
    ((n == c)) || fail "$k" "memory sampled in $n backends, not $c"
    ((mg <= MEM_LIMIT)) || fail "$k" "a backend's private memory grew by $mg kB (limit $MEM_LIMIT kB)"
  fi

  # what MariaDB holds
  if [[ -n $before ]]; then
    counted=$(remote_counter "$s")
    R_REMOTE[$k]="+$((counted - before))"
    if [[ -z ${R_TX[$k]} ]] || ((counted - before != R_TX[$k])); then
      fail "$k" "MariaDB's counter moved by $((counted - before)), pgbench processed ${R_TX[$k]:-?} transactions"
    fi
  fi
  blog "  tps ${R_TPS[$k]:-?}, latency ${R_LAT[$k]:-?} ms, $mid remote connections mid-run, gone after ${after} s, memory (n first last maxgrowth vmrss...) ${R_MEM[$k]:-?}${R_WHY[$k]:+; FAILED: ${R_WHY[$k]}}"
}

# ---------------------------------------------------------------- report

mbk() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# The statement of script $1, its pgbench variables replaced by example values.
example_statement() {
  grep -vE '^(--|\\)' "$BENCH_DIR/load/$1.sql" | sed -E "s/:rows/$ROWS/g; s/:client_id/1/g; s/:(id|aid|lo)\b/4242/g; s/:delta/7/g"
}

write_report() {
  local s c k n m1 m2 mg r1 r2
  echo "# Load check $(date '+%F %T'): ${CLIENTS[*]} clients, $DURATION s"
  echo
  echo "Command: \`bash bench/load.sh${ORIG_ARGS:+ $ORIG_ARGS}\` (PG_CONFIG=$PG_CONFIG); bench/README.md says what is checked and how."
  echo
  echo "## Machine"
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| CPU | $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), nproc $(nproc) |"
  echo "| memory | $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) |"
  echo "| OS | $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r) |"
  echo "| PostgreSQL | $(bpsql postgres -Atc "SELECT version()"), max_connections $PG_MAXCONN, jit off, other settings the test harness's (fsync off) |"
  echo "| pgbench | $("$PG_BINDIR/pgbench" --version), -M $MODE, -j min(clients, $(nproc)) |"
  echo "| MariaDB | $(bmysql -N -e "SELECT VERSION()"), max_connections $MY_MAXCONN, thread_handling $(bmysql -N -e "SELECT @@thread_handling"), over TCP 127.0.0.1 |"
  echo "| mysql_fdw | ${OURS_BUILD:-?}; Connector/C $(mariadb_config --version 2>/dev/null || echo "?") |"
  echo "| odbc_fdw | ${ODBC_BUILD:-?}; ${ODBC_DRIVERS[odbc-mariadb]:-?}; $(dpkg-query -W -f='${Package} ${Version}' unixodbc 2>/dev/null) |"
  echo "| load average | start: $LOAD_START; end: $(cut -d' ' -f1-3 /proc/loadavg) |"
  echo
  echo "## Results"
  echo
  echo "Remote tables: \`acc\` and \`jb\` $ROWS rows, \`ja\` 1,000 rows. Remote connections: MariaDB's"
  echo "PROCESSLIST rows of the FDWs' user in the middle of the run, and how long after pgbench"
  echo "ended they took to go (limit $GONE_WITHIN s). Memory: mean private memory (RssAnon) of"
  echo "pgbench's backends at a third of the run and 1 s before its end, the largest growth of one"
  echo "backend between the two (limit $MEM_LIMIT kB), and the mean VmRSS at the same two moments."
  echo "Remote rows: how much MariaDB's count of rows (insert) or of updates (update) moved."
  echo
  echo "| script | clients | tps | latency avg (ms) | transactions | failed | aborted | server log errors | remote conns mid-run | gone after (s) | RssAnon first → last (MB) | max growth (kB) | VmRSS first → last (MB) | remote rows | check |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---:|---|"
  for s in "${SCRIPTS[@]}"; do
    for c in "${CLIENTS[@]}"; do
      k="$s|$c"
      [[ -n ${R_OK[$k]:-} ]] || continue
      read -r n m1 m2 mg r1 r2 <<<"${R_MEM[$k]:-}"
      echo "| $s | $c | ${R_TPS[$k]:-—} | ${R_LAT[$k]:-—} | ${R_TX[$k]:-—} | ${R_FAILED[$k]:-—} | ${R_ABORTED[$k]:-—} | ${R_LOGERR[$k]:-—} | ${R_MID[$k]:-—} | ${R_AFTER[$k]:-—} | $( [[ -n ${m1:-} ]] && echo "$(mbk "$m1") → $(mbk "$m2")" || echo —) | ${mg:-—} | $( [[ -n ${r1:-} ]] && echo "$(mbk "$r1") → $(mbk "$r2")" || echo —) | ${R_REMOTE[$k]:-} | $( ((R_OK[$k])) && echo ok || echo "**FAILED**") |"
    done
  done
  echo
  if ((${#FAILS[@]} > 0)); then
    echo "Failed checks:"
    echo
    printf -- '- %s\n' "${FAILS[@]}"
  else
    echo "All checks passed."
  fi
  echo
  echo "## Scripts and plans"
  echo
  for s in "${SCRIPTS[@]}"; do
    echo "### $s"
    echo
    echo '```'
    cat "$BENCH_DIR/load/$s.sql"
    echo '```'
    echo
    echo "EXPLAIN (VERBOSE, COSTS OFF) with example values:"
    echo
    echo '```'
    # an EXPLAIN of a write does not write (no ANALYZE)
    bpsql "$PG_DB" -At -c "EXPLAIN (VERBOSE, COSTS OFF) $(example_statement "$s")" 2>&1 || true
    echo '```'
    echo
  done
}

# The join must run remotely as one statement: one Foreign Scan, a JOIN in its SQL.
check_join_pushed() {
  local plan
  plan=$(bpsql "$PG_DB" -At -c "EXPLAIN (VERBOSE, COSTS OFF) $(example_statement mysql_join)") || return 1
  if [[ $(grep -c 'Foreign Scan' <<<"$plan") != 1 || $plan != *"Remote SQL:"*JOIN* ]]; then
    blog "the join is not pushed down:"
    echo "$plan" >&2
    return 1
  fi
}

# ---------------------------------------------------------------- main

main() {
  LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
  T_START=$(date +%s)
  src_init || bdie "src_init failed"
  _pg_init_paths || bdie "pg_config not found (set PG_CONFIG)"
  [[ -x $PG_BINDIR/pgbench ]] || bdie "no pgbench in $PG_BINDIR"
  ensure_ours_installed "$BUILD" || bdie "our mysql_fdw is not installed"
  [[ -f $("$PG_CONFIG" --pkglibdir)/odbc_fdw.so ]] || bdie "odbc_fdw is not installed (make install)"
  start_servers || bdie "could not start the servers"
  load_remote || bdie "loading MariaDB failed"
  check_capacity || bdie "not enough connections"
  setup_pg || bdie "setting up database $PG_DB failed"
  check_join_pushed || bdie "mysql_join must be a pushed-down join"
  blog "setup took $(($(date +%s) - T_START)) s"

  local s c
  for s in "${SCRIPTS[@]}"; do
    for c in "${CLIENTS[@]}"; do
      run_one "$s" "$c"
    done
  done

  mkdir -p "$BENCH_DIR/results"
  [[ -n $OUT ]] || OUT=$BENCH_DIR/results/$(date +%F)-load.md
  write_report >"$OUT"
  cat "$OUT"
  blog "report written to ${OUT#"$REPO"/}; total $(($(date +%s) - T_START)) s"
  if ((${#FAILS[@]} > 0)); then
    blog "${#FAILS[@]} checks failed"
    exit 1
  fi
}

main
