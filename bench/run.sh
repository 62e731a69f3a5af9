#!/usr/bin/env bash
# The benchmark: our FDWs against Debian's packages of the same FDWs, the sources directly and C floors.
#
# Usage: bash bench/run.sh [--rows N] [--runs R] [--cases "full narrow ..."]
#                          [--targets "mysql_fdw mysql_fdw_1pc odbc_mariadb odbc_sqlite peer local direct
#                                      direct_sqlite ref ref_bin ref_odbc_mariadb ref_odbc_sqlite tds peer_tds"]
#                          [--no-4n] [--timeout SECS] [--build] [--out FILE] [--keep]
#                          [--so PATH/mysql_fdw.so] [--so-b PATH/mysql_fdw.so]
#
# Starts its own PostgreSQL and MariaDB (test/lib/sources.sh), loads N
# deterministic rows, runs every case (bench/cases.sh) in every target
# (bench/lib.sh) and writes a markdown report to bench/results/<date>-<N>.md,
# also printed.  Each figure is the median of R runs after one warm-up run,
# timed the same way for every target: on an open, warmed-up session, from
# just before the statement is sent until its last row has been read (see
# bench/README.md).  Not part of the test suite.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"
# shellcheck source=cases.sh
source "$BENCH_DIR/cases.sh"

ORIG_ARGS="$*"
ROWS=1000000
RUNS=5
SEL_CASES=("${CASES[@]}")
FDW_TARGETS=(mysql_fdw mysql_fdw_1pc odbc_mariadb odbc_sqlite peer tds peer_tds)
# tds and peer_tds only when named: the TDS test server is not a DBMS to
# compare MariaDB with, and a run against it takes minutes at N = 1M
TARGETS=(mysql_fdw mysql_fdw_1pc odbc_mariadb odbc_sqlite peer local direct direct_sqlite ref ref_bin
  ref_odbc_mariadb ref_odbc_sqlite)
# What each of ours is compared with (ratio columns): the peer FDW (Debian's
# package), the source's own client, the C floor reading the same rows.
declare -A PEER_OF=([mysql_fdw]=peer [odbc_mariadb]=peer [tds]=peer_tds)
declare -A DIRECT_OF=([mysql_fdw]=direct [odbc_mariadb]=direct [odbc_sqlite]=direct_sqlite)
declare -A REF_OF=([mysql_fdw]=ref [odbc_mariadb]=ref_odbc_mariadb [odbc_sqlite]=ref_odbc_sqlite)
# The report has one table per group of targets, the group's own first.
REPORT_GROUPS=(mysql odbc tds)
declare -A GROUP_OURS=([mysql]="mysql_fdw mysql_fdw_b" [odbc]="odbc_mariadb odbc_sqlite" [tds]="tds")
declare -A GROUP_TARGETS=([mysql]="mysql_fdw mysql_fdw_b mysql_fdw_1pc peer local direct ref ref_bin"
  [odbc]="odbc_mariadb ref_odbc_mariadb odbc_sqlite direct_sqlite ref_odbc_sqlite" [tds]="tds peer_tds")
DO_4N=1
TIMEOUT=300
BUILD=0
OUT=
KEEP=0
INSERT_ROWS=100000

usage() { sed -n '3,9p' "$0" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --rows) ROWS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --cases) read -r -a SEL_CASES <<<"$2"; shift 2 ;;
    --targets) read -r -a TARGETS <<<"$2"; shift 2 ;;
    --no-4n) DO_4N=0; shift ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --build) BUILD=1; shift ;;
    --out) OUT=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --so) OURS_SO_FROM=$(realpath "$2"); shift 2 ;;
    --so-b) OURS_SO_B_FROM=$(realpath "$2"); shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
[[ $ROWS =~ ^[0-9]+$ && $ROWS -ge 1000 ]] || bdie "--rows must be a number >= 1000"
[[ $RUNS =~ ^[0-9]+$ && $RUNS -ge 1 ]] || bdie "--runs must be a positive number"
for c in "${SEL_CASES[@]}"; do [[ -n ${CASE_PG[$c]:-} ]] || bdie "unknown case $c (cases: ${CASES[*]})"; done
((INSERT_ROWS > ROWS)) && INSERT_ROWS=$ROWS
has_target() {
  local t
  for t in "${TARGETS[@]}"; do [[ $t == "$1" ]] && return 0; done
  return 1
}
if [[ -n ${OURS_SO_B_FROM:-} ]]; then
  # A/B: a second build of ours as target mysql_fdw_b, measured right after mysql_fdw
  if ! has_target mysql_fdw_b; then
    ab=()
    for t in "${TARGETS[@]}"; do
      ab+=("$t")
      [[ $t == mysql_fdw ]] && ab+=(mysql_fdw_b)
    done
    TARGETS=("${ab[@]}")
  fi
  FDW_TARGETS+=(mysql_fdw_b)
  PEER_OF[mysql_fdw_b]=peer DIRECT_OF[mysql_fdw_b]=direct REF_OF[mysql_fdw_b]=ref
fi

declare -A RES ERR MEM PLAN

# ---------------------------------------------------------------- timing

# Median of the numbers given as arguments.
median() {
  printf '%s\n' "$@" | sort -g |
    awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# Every target keeps one session open for the whole benchmark (a psql, a
# mariadb client, a sqlite3 shell, a ref_fetch or ref_odbc reading queries
# from stdin), fed through a fifo.
# A case runs one warm-up in each target, then round r = 1..RUNS runs it once
# in each target in turn: a burst of load from another process on this
# shared machine then hits one run of every target rather than all runs of one.

declare -A SESS_FD SESS_OUT SESS_PID FAILED
SEQ=0

sess_open() {
  local t=$1 in=$SRC_DIR/sess-$1.in out=$SRC_DIR/sess-$1.out fd
  rm -f "$in" && mkfifo "$in" && : >"$out" || return 1
  case $t in
    direct)
      bmysql --force <"$in" >/dev/null 2>>"$out" &
      ;;
    direct_sqlite)
      # no -bail: a failing statement is reported and the session goes on
      sqlite3 -batch "$SQLITE_DB" <"$in" >>"$out" 2>&1 &
      ;;
    ref | ref_bin)
      local mode=()
      [[ $t == ref_bin ]] && mode=(binary)
      "$REF_BIN" "$MYSQL_HOST" "$MYSQL_PORT" "$MYSQL_USER" "$MYSQL_PASSWORD" "$MYSQL_DB" 0 - \
        "${mode[@]}" <"$in" >>"$out" 2>&1 &
      ;;
    ref_odbc_*)
      "$REF_ODBC_BIN" "${ODBC_CONN[$t]}" 0 - <"$in" >>"$out" 2>&1 &
      ;;
    *)
      # no ON_ERROR_STOP: a failing statement is reported and the session goes on
      "$PG_BINDIR/psql" -X -q -At -d "$t" <"$in" >>"$out" 2>&1 &
      ;;
  esac
  SESS_PID[$t]=$!
  exec {fd}>"$in"
  SESS_FD[$t]=$fd
  SESS_OUT[$t]=$out
}

# Ends every session.  All fifos are closed before waiting for any process:
# each session inherited the write ends of the fifos opened before it.
sess_close_all() {
  local t fd
  for t in "${!SESS_FD[@]}"; do
    fd=${SESS_FD[$t]}
    exec {fd}>&-
  done
  for t in "${!SESS_FD[@]}"; do wait "${SESS_PID[$t]}" 2>/dev/null || true; done
  SESS_FD=()
}

sess_send() {
  local t=$1
  shift
  printf '%s\n' "$@" >&"${SESS_FD[$t]}"
}

# Waits until a line of the session's output starts with $2; bounded.
sess_wait() {
  local t=$1 tag=$2 i limit=$(((TIMEOUT + 120) * 50))
  for ((i = 0; i < limit; i++)); do
    grep -qE -- "^$tag( |\$)" "${SESS_OUT[$t]}" && return 0
    _src_pid_alive "${SESS_PID[$t]}" || { blog "session $t ended: $(tail -n 3 "${SESS_OUT[$t]}")"; return 1; }
    sleep 0.02
  done
  blog "session $t did not answer within $((limit / 50)) s"
  return 1
}

# The settings of case $2 in target $1 (each case starts from the defaults).
case_begin() {
  local t=$1 c=$2
  case $t in
    direct) sess_send "$t" "SET SESSION max_statement_time = $TIMEOUT;" \
      "DELETE FROM bench_timing WHERE name = '$c';" ;;
    direct_sqlite) sess_send "$t" ".timeout 30000" ;; # (the shell has no statement timeout)
    ref | ref_bin | ref_odbc_*) ;;
    *) sess_send "$t" "RESET ALL;" "SET statement_timeout = '${TIMEOUT}s';" "${CASE_SET[$c]:-}" ;;
  esac
}

# Does target $1 have a spelling of case $2?
can_run() {
  case $1 in
    direct) [[ -n ${CASE_MY[$2]:-} ]] ;;
    direct_sqlite) [[ -n ${CASE_LITE[$2]:-} ]] ;;
    ref | ref_bin | ref_odbc_mariadb) [[ -n ${CASE_REF[$2]:-} ]] ;;
    ref_odbc_sqlite) [[ -n ${CASE_REF_LITE[$2]:-} ]] ;;
    mysql_fdw_1pc) [[ -n ${CASE_WRITE[$2]:-} ]] ;;
    *) return 0 ;;
  esac
}

# $1 repeated $2 times, one per line; a statement (not a shell dot command)
# gets its semicolon.
repeat_lines() {
  local q=$1 k=$2 i
  [[ $q == .* ]] || q+=";"
  q=${q//@SRC_DIR@/$SRC_DIR}
  for ((i = 0; i < k; i++)); do printf '%s\n' "$q"; done
}

# One run (r = 0: the warm-up, not recorded) of case $2 in target $1: the
# statement CASE_REPEAT times (default once), timed together.
run_once() {
  local t=$1 c=$2 r=$3 tag from line k=${CASE_REPEAT[$2]:-1} i
  SEQ=$((SEQ + 1))
  tag="DONE$SEQ"
  from=$(($(wc -l <"${SESS_OUT[$t]}") + 1))
  case $t in
    direct)
      [[ ${CASE_RESET[$c]:-} == 1 ]] && sess_send "$t" "DROP TABLE IF EXISTS ins; CREATE TABLE ins LIKE wide;"
      sess_send "$t" "SET @bench_t0 = SYSDATE(6);" "$(repeat_lines "${CASE_MY[$c]}" "$k")" \
        "SET @bench_t1 = SYSDATE(6);" \
        "INSERT INTO bench_timing VALUES ('direct', '$c', $r, TIMESTAMPDIFF(MICROSECOND, @bench_t0, @bench_t1) / $k);" \
        "\\! echo $tag >>'${SESS_OUT[$t]}'"
      ;;
    direct_sqlite)
      # the shell's timer: wall time of each statement, printed to stdout
      # (not to .output), milliseconds with 1 ms resolution
      [[ ${CASE_RESET[$c]:-} == 1 ]] && sess_send "$t" "DELETE FROM ins;"
      sess_send "$t" ".output /dev/null" ".timer on" "$(repeat_lines "${CASE_LITE[$c]}" "$k")" ".timer off" \
        ".output stdout" ".print $tag"
      ;;
    ref | ref_bin | ref_odbc_*)
      local q=${CASE_REF[$c]}
      [[ $t == ref_odbc_sqlite ]] && q=${CASE_REF_LITE[$c]}
      # one line per execution; the last one's tag is what run_once waits for
      for ((i = 1; i < k; i++)); do sess_send "$t" "${tag}_$i $q"; done
      sess_send "$t" "$tag $q"
      ;;
    *)
      if [[ ${CASE_RESET[$c]:-} == 1 ]]; then
        if [[ $t == local ]]; then
          sess_send "$t" "TRUNCATE ins;"
        elif [[ -f $SRC_DIR/reset_ins-$t.sh ]]; then # a target with its own remote (tds, SQLite)
          sess_send "$t" "\\! bash $SRC_DIR/reset_ins-$t.sh"
        else
          sess_send "$t" "\\! bash $SRC_DIR/reset_ins.sh"
        fi
      fi
      # the same cheap statement on each side of the measured one
      sess_send "$t" "SELECT extract(epoch FROM clock_timestamp()) AS bench_t0 \\gset" "\\o /dev/null" \
        "$(repeat_lines "${CASE_PG[$c]}" "$k")" "\\o" \
        "SELECT extract(epoch FROM clock_timestamp()) AS bench_t1 \\gset" \
        "\\echo RUN :bench_t0 :bench_t1" "\\echo $tag"
      ;;
  esac
  sess_wait "$t" "$tag" || bdie "target $t stopped answering in case $c"
  # what this run printed
  line=$(tail -n "+$from" "${SESS_OUT[$t]}" |
    grep -m1 -E 'ERROR|FATAL|^DONE[0-9_]+ ERR|^(Parse|Runtime) error' || true)
  if [[ -n $line ]]; then
    ERR[$t|$c]=$(echo "$line" | sed -E 's/^psql:[^ ]*: //; s/^DONE[0-9_]+ ERR /ERROR: /; s/^(Parse|Runtime) error near line [0-9]+: /ERROR: /' |
      cut -c1-200)
    FAILED[$t|$c]=1
    return 0
  fi
  ((r > 0)) || return 0
  case $t in
    direct) ;; # read from bench_timing when the case is over
    direct_sqlite)
      RES[$t|$c]+="$(tail -n "+$from" "${SESS_OUT[$t]}" |
        awk -v k="$k" '$1 == "Run" && $2 == "Time:" { s += $4 * 1000 } END { printf "%.3f ", s / k }')"
      ;;
    ref | ref_bin | ref_odbc_*)
      RES[$t|$c]+="$(tail -n "+$from" "${SESS_OUT[$t]}" | awk -v g="$tag" -v k="$k" '
        $1 == g || index($1, g "_") == 1 { s += $2 } END { printf "%.3f ", s / k }')"
      ;;
    *)
      RES[$t|$c]+="$(tail -n "+$from" "${SESS_OUT[$t]}" |
        awk -v k="$k" '$1 == "RUN" { printf "%.3f ", ($3 - $2) * 1000 / k }')"
      ;;
  esac
}

# Case $1 in every target: warm-ups, then RUNS interleaved rounds.
measure_case() {
  local c=$1 t r
  for t in "${TARGETS[@]}"; do
    can_run "$t" "$c" || continue
    case_begin "$t" "$c"
    run_once "$t" "$c" 0
  done
  # round r starts at the r-th target, so that no target always runs first
  # (or always right after the same one)
  local n=${#TARGETS[@]} j
  for ((r = 1; r <= RUNS; r++)); do
    for ((j = 0; j < n; j++)); do
      t=${TARGETS[$(((r - 1 + j) % n))]}
      can_run "$t" "$c" && [[ -z ${FAILED[$t|$c]:-} ]] && run_once "$t" "$c" "$r"
    done
  done
  if has_target direct && can_run direct "$c" && [[ -z ${FAILED[direct|$c]:-} ]]; then
    RES[direct|$c]=$(bmysql -N -e "SELECT us / 1000 FROM bench_timing WHERE name = '$c' AND run > 0 ORDER BY run" |
      tr '\n' ' ')
  fi
}

# ---------------------------------------------------------------- memory, plans

# Peak resident memory (VmHWM) of a fresh backend that runs case 1 on table $2:
# read from /proc/<backend pid>/status before and right after the COPY.
measure_mem() {
  local t=$1 tbl=$2 out
  local hwm="(regexp_match(pg_read_file('/proc/' || pg_backend_pid() || '/status'), 'VmHWM:\\s+(\\d+) kB'))[1]"
  out=$(bpsql "$t" -At <<EOF 2>&1
SET statement_timeout = '$((TIMEOUT * 4))s';
SELECT $hwm AS before \\gset
COPY (SELECT * FROM $tbl) TO '/dev/null';
SELECT $hwm AS after \\gset
\\echo MEM :before :after
EOF
  ) || {
    # the error, not a NOTICE before it (Debian's tds_fdw sends two per query)
    MEM[$t|$tbl]="error: $(echo "$out" | { grep -m1 -E 'ERROR|FATAL' || echo "$out" | head -n 1; } |
      sed -E 's/^psql:[^ ]*: //' | cut -c1-150)"
    return 0
  }
  MEM[$t|$tbl]=$(echo "$out" | awk '$1 == "MEM" { print $2, $3 }')
}

record_plan() {
  local t=$1 c=$2
  PLAN[$t|$c]=$(bpsql "$t" -At 2>&1 <<EOF || true
${CASE_SET[$c]:-}
EXPLAIN (VERBOSE, COSTS OFF) ${CASE_EXPLAIN[$c]:-${CASE_PG[$c]}};
EOF
  )
}

# ---------------------------------------------------------------- report

fmt_ms() {
  awk -v v="$1" 'BEGIN { if (v >= 100) printf "%.0f", v; else if (v >= 10) printf "%.1f", v; else printf "%.2f", v }'
}

cell() {
  local t=$1 c=$2
  if [[ -n ${RES[$t|$c]:-} ]]; then
    # shellcheck disable=SC2086
    fmt_ms "$(median ${RES[$t|$c]})"
  elif [[ -n ${ERR[$t|$c]:-} ]]; then
    if [[ ${ERR[$t|$c]} == *"statement timeout"* || ${ERR[$t|$c]} == *"max_statement_time"* ]]; then
      echo "timeout"
    else
      echo "n/a"
    fi
  else
    echo "—"
  fi
}

# ratio a/b of two medians, or — when one is missing
ratio() {
  local a=$1 b=$2
  [[ -n ${RES[$a]:-} && -n ${RES[$b]:-} ]] || { echo "—"; return; }
  # shellcheck disable=SC2086
  awk -v x="$(median ${RES[$a]})" -v y="$(median ${RES[$b]})" 'BEGIN { if (y > 0) printf "%.2f", x / y; else print "—" }'
}

mb() { awk -v k="$1" 'BEGIN { if (k == "") print "—"; else printf "%.1f", k / 1024 }'; }

machine_description() {
  local pgv myv ccv
  pgv=$(bpsql postgres -Atc "SELECT version()" 2>/dev/null || echo "?")
  myv=$(bmysql -N -e "SELECT VERSION()" 2>/dev/null || echo "?")
  ccv=$(mariadb_config --version 2>/dev/null || echo "?")
  echo "| | |"
  echo "|---|---|"
  echo "| CPU | $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), nproc $(nproc) |"
  echo "| memory | $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) |"
  echo "| OS | $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r) |"
  echo "| PostgreSQL | $pgv (jit off, other settings default) |"
  echo "| MariaDB | $myv (innodb_buffer_pool_size 2 GB), over TCP 127.0.0.1 |"
  echo "| Connector/C | $ccv |"
  echo "| ours | mysql_fdw, a copy taken at the start of the ${OURS_BUILD:-?} |"
  [[ -n ${OURS_BUILD_B:-} ]] && echo "| mysql_fdw_b | $OURS_BUILD_B |"
  has_target peer && echo "| peer | ${PEER_VERSION:-not installed}, as $PEER_EXT |"
  if [[ -n ${ODBC_BUILD:-} ]]; then
    local drivers
    drivers=$(printf '%s, ' "${ODBC_DRIVERS[@]}")
    echo "| odbc_fdw | $ODBC_BUILD; drivers ${drivers%, }; $(dpkg-query -W -f='${Package} ${Version}' unixodbc 2>/dev/null) |"
  fi
  [[ -n ${SQLITE_DB:-} ]] && echo "| SQLite | $(sqlite3 --version | cut -d' ' -f1), a file on local disk (rollback journal) |"
  [[ -n ${TDS_BUILD:-} ]] && echo "| tds | $TDS_BUILD (SQLite behind it, not SQL Server) |"
  has_target peer_tds && echo "| peer_tds | ${PEER_TDS_VERSION:-not installed}, as $PEER_TDS_EXT |"
  echo "| load average | start: $LOAD_START; end: $(cut -d' ' -f1-3 /proc/loadavg) |"
}

check() {
  # check LABEL OK_CONDITION_FLAG DETAIL
  local ok=$2
  case $ok in
    1) echo "| $1 | holds | $3 |" ;;
    0) echo "| $1 | **misses** | $3 |" ;;
    *) echo "| $1 | not measured | $3 |" ;;
  esac
}

# 1 when the awk condition holds, 0 when not, - when a number is missing.
cond() {
  local expr=$1
  shift
  local v
  for v in "$@"; do [[ $v == "—" || -z $v ]] && { echo "-"; return; }; done
  awk -v a="${1:-}" -v b="${2:-}" -v c="${3:-}" "BEGIN { print (($expr) ? 1 : 0) }"
}

# One target row: ours ($1) at most $5 times target $2 on case $3 ...
check_at_most() {
  local o=$1 t=$2 c=$3 label=$4 lim=$5 r
  [[ -n $t ]] || return 0
  r=$(ratio "$o|$c" "$t|$c")
  check "$label" "$(cond "a <= $lim" "$r")" "${r}x $t"
}

# ... or at least $5 times faster than peer $2.
check_faster() {
  local o=$1 p=$2 c=$3 label=$4 k=$5 r
  [[ -n $p ]] || return 0
  r=$(ratio "$p|$c" "$o|$c")
  check "$label" "$(cond "a >= $k" "$r")" "$p/$o ${r}"
}

targets_section() {
  local o=$1 p=${PEER_OF[$1]:-} d=${DIRECT_OF[$1]:-} f=${REF_OF[$1]:-} c
  # a comparison is listed when its target ran
  has_target "$p" || p=
  has_target "$d" || d=
  has_target "$f" || f=
  echo "| target (issue 8) | | measured |"
  echo "|---|---|---|"
  check_at_most "$o" "$f" full "1 full scan ≤ 1.3x reference" 1.3
  check_faster "$o" "$p" full "1 full scan ≥ 3x faster than peer" 3
  check_at_most "$o" "$f" narrow "2 narrow scan ≤ 1.5x reference" 1.5
  check_faster "$o" "$p" narrow "2 narrow scan ≥ 5x faster than peer" 5
  for c in filter_mod filter_range agg group join order_limit; do
    check_at_most "$o" "$d" "$c" "${CASE_NO[$c]} pushed down ≤ 1.15x direct" 1.15
  done
  check_faster "$o" "$p" insert "6 insert ≥ 20x faster than peer" 20
  check_at_most "$o" "$d" insert "6 insert ≤ 2x a direct multi-row INSERT" 2
  check_faster "$o" "$p" nestloop "7 nested loop ≥ 5x faster than peer" 5
  local m1 m4
  m1=$(echo "${MEM[$o|wide]:-}" | awk '$2 ~ /^[0-9]+$/ { print $2 }')
  m4=$(echo "${MEM[$o|wide4]:-}" | awk '$2 ~ /^[0-9]+$/ { print $2 }')
  check "memory < 64 MB (case 1, N and 4N)" "$(cond 'a < 65536 && (b == "" || b < 65536)' "${m1:-—}" "${m4:-0}")" \
    "$(mb "$m1") MB at N, $(mb "$m4") MB at 4N"
  check "memory flat from N to 4N (within 10%)" "$(cond 'b <= a * 1.1' "${m1:-—}" "${m4:-—}")" \
    "$(mb "$m1") → $(mb "$m4") MB"
}

# What ours $1 is compared with and ran: its peer, direct and ref targets.
comparators() {
  local c
  for c in "${PEER_OF[$1]:-}" "${DIRECT_OF[$1]:-}" "${REF_OF[$1]:-}"; do has_target "$c" && echo "$c"; done
  return 0
}

# The targets of group $1 that ran, in the group's order.
group_targets() {
  local t
  for t in ${GROUP_TARGETS[$1]}; do has_target "$t" && echo "$t"; done
  return 0
}

# What the targets of group $1 are, for the report.
group_legend() {
  case $1 in
    mysql)
      echo "**mysql_fdw** ours; **peer** EnterpriseDB mysql_fdw ${PEER_VERSION:-(Debian package)}; **local** the same"
      echo "data in PostgreSQL heap tables; **direct** the MariaDB spelling through the mariadb client"
      echo "(--quick, output to /dev/null; case 6: the rows sent as 100 INSERTs of 1,000 rows in one"
      echo "transaction); **ref** bench/ref_fetch.c, Connector/C fetching the rows"
      echo "(text protocol, as our mysql_fdw uses); **ref_bin** the same through a prepared statement"
      echo "(binary protocol, as the peer uses), for comparison only."
      ;;
    odbc)
      echo "**odbc_mariadb** our odbc_fdw through MariaDB Connector/ODBC, on the MariaDB tables (its"
      echo "/peer and /direct ratios are against the mysql table's **peer** and **direct**);"
      echo "**ref_odbc_mariadb** bench/ref_odbc.c, the same driver fetching the rows into bound arrays of"
      echo "1,000 rows; **odbc_sqlite** our odbc_fdw through the SQLite ODBC driver, on an SQLite file with"
      echo "the same rows; **direct_sqlite** the SQLite spelling in the sqlite3 shell (output to /dev/null;"
      echo "its timer has 1 ms resolution; case 6 as for direct); **ref_odbc_sqlite** bench/ref_odbc.c through"
      echo "the SQLite driver."
      ;;
    tds)
      echo "**tds** our tds_fdw; **peer_tds** Debian's tds_fdw ${PEER_TDS_VERSION:-(package)}, default options; both"
      echo "against the project's TDS test server (T-SQL over SQLite, **not SQL Server**), so these"
      echo "figures say nothing next to MariaDB's or SQLite's."
      ;;
  esac
}

# The table of group $1: medians and ratios ($2 = median), or best runs ($2 = best).
group_table() {
  local g=$1 kind=$2 c t o cmp hdr sep row targets=() ours=()
  mapfile -t targets < <(group_targets "$g")
  ((${#targets[@]} > 0)) || return 0
  hdr="| case |"
  sep="|---|"
  for t in "${targets[@]}"; do hdr+=" $t |"; sep+="---:|"; done
  if [[ $kind == median ]]; then
    for o in ${GROUP_OURS[$g]}; do has_target "$o" && ours+=("$o"); done
    for o in "${ours[@]}"; do
      for cmp in $(comparators "$o"); do hdr+=" $o/$cmp |"; sep+="---:|"; done
    done
  fi
  echo "$hdr"
  echo "$sep"
  for c in "${SEL_CASES[@]}"; do
    if [[ $kind == median ]]; then row="| ${CASE_NO[$c]} ${CASE_TITLE[$c]} |"; else row="| ${CASE_NO[$c]} |"; fi
    for t in "${targets[@]}"; do
      if [[ $kind == best && -n ${RES[$t|$c]:-} ]]; then
        # shellcheck disable=SC2086
        row+=" $(fmt_ms "$(printf '%s\n' ${RES[$t|$c]} | sort -g | head -n 1)") |"
      else
        row+=" $(cell "$t" "$c") |"
      fi
    done
    for o in "${ours[@]}"; do
      for cmp in $(comparators "$o"); do row+=" $(ratio "$o|$c" "$cmp|$c") |"; done
    done
    echo "$row"
  done
}

group_title() {
  case $1 in
    mysql) echo "mysql_fdw, on MariaDB" ;;
    odbc) echo "odbc_fdw, on MariaDB and on SQLite" ;;
    tds) echo "tds_fdw, on the TDS test server" ;;
  esac
}

# What two-phase commit costs: the write cases with it (mysql_fdw) and
# without (mysql_fdw_1pc, server option two_phase_commit 'false').
twophase_section() {
  local c
  if ! has_target mysql_fdw || ! has_target mysql_fdw_1pc; then return 0; fi
  echo
  echo "### Two-phase commit"
  echo
  echo "mysql_fdw commits a remote transaction that wrote in two phases (XA START, END, PREPARE before"
  echo "the local commit, which then waits for its WAL flush, XA COMMIT after it); **mysql_fdw_1pc** is"
  echo "the same build with the server option two_phase_commit 'false' (one COMMIT before the local one)."
  echo
  echo "| case | mysql_fdw | mysql_fdw_1pc | 2PC/1PC |"
  echo "|---|---:|---:|---:|"
  for c in "${SEL_CASES[@]}"; do
    [[ -n ${CASE_WRITE[$c]:-} ]] || continue
    echo "| ${CASE_NO[$c]} ${CASE_TITLE[$c]} | $(cell mysql_fdw "$c") | $(cell mysql_fdw_1pc "$c") | $(ratio "mysql_fdw|$c" "mysql_fdw_1pc|$c") |"
  done
}

write_report() {
  local c t g o
  echo "# Benchmark $(date '+%F %T'): N = $ROWS rows, $RUNS runs"
  echo
  echo "Command: \`bash bench/run.sh $ORIG_ARGS\` (bench/README.md says how the figures are taken)."
  echo
  echo "## Machine"
  echo
  machine_description
  echo
  echo "## Medians (ms) and ratios"
  echo
  echo "Median wall time of $RUNS runs after a warm-up, in milliseconds; ratios are of medians."
  for g in "${REPORT_GROUPS[@]}"; do
    [[ -n $(group_targets "$g") ]] || continue
    echo
    echo "### $(group_title "$g")"
    echo
    group_legend "$g"
    echo
    group_table "$g" median
  done
  echo
  echo "Case 6 inserts $INSERT_ROWS rows. Cases 0, 0w and 5a: each run is the mean of 20, 20 and 10 executions."
  echo "n/a: the statement failed (below); —: not run for this target."
  local any=0
  for c in "${SEL_CASES[@]}"; do
    for t in "${TARGETS[@]}"; do
      if [[ -n ${ERR[$t|$c]:-} ]]; then
        [[ $any == 0 ]] && { echo; echo "Failures:"; echo; any=1; }
        echo "- $t, case ${CASE_NO[$c]}: \`${ERR[$t|$c]//\`/\'}\`"
      fi
    done
  done
  twophase_section
  echo
  echo "## Peak backend memory, case 1"
  echo
  echo "VmHWM of a fresh backend (/proc/<pid>/status) before and right after"
  echo "\`COPY (SELECT * FROM <table>) TO '/dev/null'\`, in MB."
  echo
  echo "| target | N = $ROWS: before | after | 4N = $((ROWS * 4)): before | after |"
  echo "|---|---:|---:|---:|---:|"
  local a b tbl errs=()
  for t in "${FDW_TARGETS[@]}"; do
    has_target "$t" || continue
    [[ $t == mysql_fdw_1pc ]] && continue
    row="| $t |"
    for tbl in wide wide4; do
      if [[ ${MEM[$t|$tbl]:-} == error:* ]]; then
        row+=" n/a | n/a |"
        errs+=("- $t, $tbl: \`${MEM[$t|$tbl]#error: }\`")
      else
        read -r a b <<<"${MEM[$t|$tbl]:-}"
        row+=" $(mb "${a:-}") | $(mb "${b:-}") |"
      fi
    done
    echo "$row"
  done
  if ((${#errs[@]} > 0)); then
    echo
    echo "Failures:"
    echo
    printf '%s\n' "${errs[@]}"
  fi
  echo
  echo "## Targets of issue 8"
  echo
  echo "The issue's targets are set for mysql_fdw; the other FDWs are held to the same,"
  echo "against their own peer, direct client and reference where they have one."
  for g in "${REPORT_GROUPS[@]}"; do
    for o in ${GROUP_OURS[$g]}; do
      has_target "$o" || continue
      echo
      echo "### $o"
      echo
      targets_section "$o"
    done
  done
  echo
  echo "## Best run (ms)"
  echo
  echo "The machine is shared: another process's burst only adds time, so the fastest"
  echo "of the runs is the least disturbed figure; compare it with the medians above."
  for g in "${REPORT_GROUPS[@]}"; do
    [[ -n $(group_targets "$g") ]] || continue
    echo
    echo "### $(group_title "$g")"
    echo
    group_table "$g" best
  done
  echo
  echo "## All runs (ms)"
  echo
  echo "| case | target | runs |"
  echo "|---|---|---|"
  for c in "${SEL_CASES[@]}"; do
    for t in "${TARGETS[@]}"; do
      [[ -n ${RES[$t|$c]:-} ]] && echo "| ${CASE_NO[$c]} | $t | ${RES[$t|$c]} |"
    done
  done
  echo
  echo "## Plans"
  echo
  for c in "${SEL_CASES[@]}"; do
    echo "### ${CASE_NO[$c]} ${CASE_TITLE[$c]}"
    echo
    echo '```sql'
    [[ -n ${CASE_SET[$c]:-} ]] && echo "${CASE_SET[$c]}"
    echo "${CASE_PG[$c]};"
    echo '```'
    for t in "${FDW_TARGETS[@]}"; do
      [[ -n ${PLAN[$t|$c]:-} ]] || continue
      echo
      echo "$t:"
      echo '```'
      echo "${PLAN[$t|$c]}"
      echo '```'
    done
    echo
  done
}

# ---------------------------------------------------------------- main

# (one function, so that bash has read all of it before it starts)
main() {
  [[ -n $ORIG_ARGS ]] || ORIG_ARGS="--rows $ROWS --runs $RUNS"
  LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
  T_START=$(date +%s)

  src_init || bdie "src_init failed"
  # a fresh machine: install what the test suite needs first (apt)
  if ! _pg_init_paths 2>/dev/null; then
    blog "PostgreSQL is not installed: running test/deps.sh"
    bash "$REPO/test/deps.sh" >&2 || bdie "test/deps.sh failed"
    _pg_init_paths || bdie "pg_config not found"
  fi
  ensure_ours_installed "$BUILD" || bdie "our mysql_fdw is not installed"
  if has_target peer; then install_peer || bdie "could not install the peer ($PEER_EXT)"; fi
  if has_target peer_tds; then install_peer_tds || bdie "could not install the peer ($PEER_TDS_EXT)"; fi
  start_servers || bdie "could not start the servers"
  if has_target ref || has_target ref_bin; then build_ref || bdie "could not build ref_fetch"; fi

  N4=
  [[ $DO_4N == 1 ]] && N4=$((ROWS * 4))
  load_source "$ROWS" "$N4" "$INSERT_ROWS" || bdie "loading MariaDB failed"
  # case 6: psql runs this (\!) before each run to make the remote table anew
  printf '%s\n' "MYSQL_PWD='$MYSQL_PASSWORD' '$(_src_find_cmd mariadb mysql)' --no-defaults --protocol=TCP \\
    --host='$MYSQL_HOST' --port='$MYSQL_PORT' --user='$MYSQL_USER' --database='$MYSQL_DB' \\
    -e 'DROP TABLE IF EXISTS ins; CREATE TABLE ins LIKE wide'" >"$SRC_DIR/reset_ins.sh"
  setup_target_mysql_fdw "$ROWS" || bdie "setting up mysql_fdw failed"
  for t in "${TARGETS[@]}"; do
    case $t in
      mysql_fdw | direct | ref | ref_bin) ;;
      *)
        declare -F "setup_target_$t" >/dev/null || bdie "unknown target $t"
        blog "setting up target $t"
        "setup_target_$t" "$ROWS" || bdie "setting up $t failed"
        ;;
    esac
  done
  blog "setup took $(($(date +%s) - T_START)) s"

  for t in "${TARGETS[@]}"; do sess_open "$t" || bdie "cannot open a session for $t"; done
  for c in "${SEL_CASES[@]}"; do
    t0=$(date +%s)
    measure_case "$c"
    line="case ${CASE_NO[$c]} $c ($(($(date +%s) - t0)) s):"
    for t in "${TARGETS[@]}"; do line+=" $t $(cell "$t" "$c");"; done
    blog "$line"
    for t in "${FDW_TARGETS[@]}"; do has_target "$t" && can_run "$t" "$c" && record_plan "$t" "$c"; done
  done
  sess_close_all

  for t in "${FDW_TARGETS[@]}"; do
    has_target "$t" || continue
    [[ $t == mysql_fdw_1pc ]] && continue # the same scan as mysql_fdw
    measure_mem "$t" wide
    [[ $DO_4N == 1 ]] && measure_mem "$t" wide4
    blog "memory $t: N ${MEM[$t|wide]:-} 4N ${MEM[$t|wide4]:-} (kB before/after)"
  done

  mkdir -p "$BENCH_DIR/results"
  [[ -n $OUT ]] || OUT=$BENCH_DIR/results/$(date +%F)-$ROWS.md
  write_report >"$OUT"
  cat "$OUT"
  blog "report written to ${OUT#"$REPO"/}; total $(($(date +%s) - T_START)) s"
  if [[ $KEEP == 1 ]]; then
    # for profiling (bench/profile.sh) and experiments: leave the servers running
    src_detach
    {
      echo "export SRC_DIR=$SRC_DIR PGHOST=$PGHOST PGPORT=$PGPORT PGUSER=$PGUSER"
      echo "export MYSQL_HOST=$MYSQL_HOST MYSQL_PORT=$MYSQL_PORT MYSQL_USER=$MYSQL_USER MYSQL_PASSWORD=$MYSQL_PASSWORD MYSQL_SOCKET=$MYSQL_SOCKET"
    } >"$SRC_DIR/env.sh"
    blog "servers left running: source $SRC_DIR/env.sh; stop them with"
    blog "  bash -c 'source $REPO/test/lib/sources.sh; SRC_DIR=$SRC_DIR src_stop_all'"
  fi
}

main
