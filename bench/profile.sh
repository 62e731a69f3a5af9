#!/usr/bin/env bash
# Profiles our mysql_fdw's backend on the scan cases with perf; writes text reports to bench/results/.
#
# Usage: bash bench/profile.sh [--rows N] [--reps K] [--cases "full narrow"] [--target mysql_fdw]
#                              [--keep-data]   (perf.data files kept in bench/results/tmp/)
#
# Starts its own servers and data (bench/lib.sh, as bench/run.sh does), then
# for each case runs it K times in one psql session while `perf record`
# (software event cpu-clock, DWARF call graphs) samples that backend only.
# Also reports how busy the backend and mariadbd were (CPU seconds from
# /proc/<pid>/stat over the wall time of the K runs): a backend near 100%
# is the bottleneck, one well below waits on the server.
# Reports: bench/results/<date>-<N>-profile-<case>.txt (self and inclusive
# top functions).  Not part of the test suite.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"
# shellcheck source=cases.sh
source "$BENCH_DIR/cases.sh"

ROWS=1000000
REPS=3
SEL_CASES=(full narrow)
TARGET=mysql_fdw
KEEP_DATA=0

while [[ $# -gt 0 ]]; do
  case $1 in
    --rows) ROWS=$2; shift 2 ;;
    --reps) REPS=$2; shift 2 ;;
    --cases) read -r -a SEL_CASES <<<"$2"; shift 2 ;;
    --target) TARGET=$2; shift 2 ;;
    --keep-data) KEEP_DATA=1; shift ;;
    -h | --help) sed -n '3,4p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) exit 2 ;;
  esac
done
command -v perf >/dev/null || {
  blog "installing linux-perf"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 linux-perf >&2
}

# utime + stime of a process, in clock ticks
cpu_ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }

# Sends REPS runs of case $1 to the psql session on fd 7 and waits for them.
send_runs() {
  local c=$1 tag=$2 r i
  echo "\\o /dev/null" >&7
  for ((r = 0; r < REPS; r++)); do echo "${CASE_PG[$c]};" >&7; done
  echo "\\o" >&7
  printf '%s\n' "\\echo $tag" >&7
  for ((i = 0; i < 30000; i++)); do grep -q "$tag" "$out" && break; sleep 0.02; done
}

src_init || bdie "src_init failed"
_pg_init_paths || bdie "pg_config not found"
ensure_ours_installed 0 || bdie "our mysql_fdw is not installed"
[[ $TARGET == peer ]] && { install_peer || bdie "no peer"; }
start_servers || bdie "could not start the servers"
load_source "$ROWS" "" 1000 || bdie "loading MariaDB failed"
"setup_target_$TARGET" "$ROWS" || bdie "setting up $TARGET failed"
mkdir -p "$BENCH_DIR/results"
HZ=$(getconf CLK_TCK)
MYPID=$(cat "$SRC_DIR/mysql/mariadbd.pid")

for c in "${SEL_CASES[@]}"; do
  [[ -n ${CASE_PG[$c]:-} ]] || bdie "unknown case $c"
  fifo=$SRC_DIR/prof-$c.fifo
  out=$SRC_DIR/prof-$c.out
  data=$SRC_DIR/prof-$c.data
  report=$BENCH_DIR/results/$(date +%F)-$ROWS-profile-$TARGET-$c.txt
  rm -f "$fifo" && mkfifo "$fifo"
  # psql reads its commands from the fifo: we learn the pid, start perf, then send the runs
  bpsql "$TARGET" -At <"$fifo" >"$out" 2>"$out.err" &
  psql_pid=$!
  exec 7>"$fifo"
  echo "SELECT pg_backend_pid();" >&7
  echo "${CASE_SET[$c]:-}" >&7
  echo "\\o /dev/null" >&7
  echo "${CASE_PG[$c]};" >&7 # warm-up: connection, caches
  echo "\\o" >&7
  printf '%s\n' "\\echo WARM" >&7
  for ((i = 0; i < 1200; i++)); do grep -q WARM "$out" && break; sleep 0.5; done
  bpid=$(head -n 1 "$out")
  [[ $bpid =~ ^[0-9]+$ ]] || bdie "no backend pid: $(head -n 3 "$out")"
  # first without perf (its DWARF unwinding slows the backend): wall and CPU time
  b0=$(cpu_ticks "$bpid")
  m0=$(cpu_ticks "$MYPID")
  w0=$(date +%s%N)
  send_runs "$c" DONE1
  w1=$(date +%s%N)
  b1=$(cpu_ticks "$bpid")
  m1=$(cpu_ticks "$MYPID")
  # then the same runs under perf
  perf record -q -e cpu-clock -F 1000 --call-graph dwarf,16384 -o "$data" -p "$bpid" 2>/dev/null &
  perf_pid=$!
  sleep 1
  send_runs "$c" DONE2
  kill -INT "$perf_pid"
  wait "$perf_pid" || true
  exec 7>&-
  wait "$psql_pid" || true
  {
    echo "# perf profile of the backend: $TARGET, case ${CASE_NO[$c]} (${CASE_TITLE[$c]}), N = $ROWS, $REPS runs"
    echo "# ${CASE_PG[$c]}"
    awk -v w="$(((w1 - w0) / 1000000))" -v b="$((b1 - b0))" -v m="$((m1 - m0))" -v hz="$HZ" -v n="$REPS" 'BEGIN {
      printf "# wall %.0f ms per run; backend CPU %.0f ms per run (%.0f%% busy); mariadbd CPU %.0f ms per run (%.0f%% busy)\n",
        w / n, b * 1000 / hz / n, b * 100000 / hz / w, m * 1000 / hz / n, m * 100000 / hz / w }'
    echo
    echo "## inclusive (children), top 70"
    perf report -i "$data" --children --sort symbol --stdio -g none 2>/dev/null |
      grep -v '^#' | grep '%' | head -n 70 || true # (head ends the pipe early)
    echo
    echo "## self, by library and function, top 50"
    perf report -i "$data" --no-children --sort dso,symbol --stdio -g none 2>/dev/null |
      grep -v '^#' | grep '%' | head -n 50 || true
    echo
    echo "## where the top self functions are called from (callers, >= 1.5% self)"
    perf report -i "$data" --no-children --sort symbol --stdio -g caller,0.5,callee,function,percent \
      --percent-limit 1.5 2>/dev/null | grep -v '^#' | grep -v '^$' | head -n 400 || true
  } >"$report"
  head -n 3 "$report"
  blog "profile written to ${report#"$REPO"/}"
  rm -f "$fifo"
  if [[ $KEEP_DATA == 1 ]]; then
    mkdir -p "$BENCH_DIR/results/tmp"
    mv "$data" "$BENCH_DIR/results/tmp/$(basename "$report" .txt).data"
  else
    rm -f "$data"
  fi
done
