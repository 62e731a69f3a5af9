#!/usr/bin/env bash
# Builds and installs the FDWs, starts throw-away servers and runs the pg_regress suites; ends with "N passed, N failed".
#
# Usage: bash test/run.sh [SUITE...]        (default: every suite in ALL_SUITES)
# Env:   SKIP_BUILD=1    skip test/deps.sh, make all, make install
#        KEEP_SOURCES=1  keep the run directory (servers are stopped anyway)
#        MYSQL_HOST (+ MYSQL_PORT MYSQL_USER MYSQL_PASSWORD [MYSQL_SOCKET]) use an external MariaDB/MySQL
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export FDW_REPO=$REPO   # tests find helper scripts (test/lib/) through it
# shellcheck source-path=SCRIPTDIR source=lib/sources.sh
source "$REPO/test/lib/sources.sh"

# ---------------------------------------------------------------- suites
# Adding a suite = one entry here + a setup_<suite> function (+ optionally a
# prestart_<suite> function, run before PostgreSQL starts, to export environment
# the server must inherit, e.g. ODBCSYSINI/ODBCINI/FREETDSCONF pointing into $SRC_DIR).
# Its tests are listed in test/schedules/<suite>, fixtures live in test/fixtures/<suite>/.
# setup_* functions run in an `if`, where `set -e` does not apply: check every step.
ALL_SUITES=(mysql)

setup_mysql() {
  mariadb_start || return 1
  load_mysql_fixtures mysql
}

# Loads test/fixtures/<dir>/*.sql in sorted order into the MariaDB/MySQL server.
load_mysql_fixtures() {
  local dir=$REPO/test/fixtures/$1 f files=()
  mapfile -t files < <(find "$dir" -maxdepth 1 -type f -name '*.sql' 2>/dev/null | LC_ALL=C sort)
  [[ ${#files[@]} -gt 0 ]] || log "no fixtures in ${dir#"$REPO"/}"
  for f in "${files[@]}"; do
    log "loading fixture ${f#"$REPO"/}"
    (mysql_exec_file "$f") >/dev/null || { log "fixture ${f#"$REPO"/} failed"; return 1; }
  done
  return 0
}

# ---------------------------------------------------------------- plumbing

TOTAL_PASSED=0
TOTAL_FAILED=0
SUMMARY=()

log() { echo "[run] $*" >&2; }

print_totals() {
  local line
  echo
  echo "==================== summary"
  for line in "${SUMMARY[@]:-}"; do [[ -n $line ]] && echo "  $line"; done
  echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
}

# Aborts before any suite ran (deps/build/PostgreSQL failure): counts one failure.
die_early() {
  log "ERROR: $*"
  SUMMARY+=("ERROR: $*")
  TOTAL_FAILED=$((TOTAL_FAILED + 1))
  src_stop_all || true
  print_totals
  exit 1
}

usage() {
  echo "usage: bash test/run.sh [SUITE...]   (suites: ${ALL_SUITES[*]})"
}

# Sets SUITES from the command line.
parse_args() {
  local arg s ok
  SUITES=()
  for arg in "$@"; do
    case $arg in
      -h | --help) usage; exit 0 ;;
      -*) usage >&2; exit 2 ;;
    esac
    ok=0
    for s in "${ALL_SUITES[@]}"; do [[ $s == "$arg" ]] && ok=1; done
    if [[ $ok != 1 ]]; then
      log "unknown suite '$arg'"
      usage >&2
      exit 2
    fi
    for s in "${SUITES[@]:-}"; do [[ $s == "$arg" ]] && continue 2; done
    SUITES+=("$arg")
  done
  [[ ${#SUITES[@]} -gt 0 ]] || SUITES=("${ALL_SUITES[@]}")
}

build_and_install() {
  if [[ ${SKIP_BUILD:-0} == 1 ]]; then
    log "SKIP_BUILD=1: skipping deps, build and install"
    return 0
  fi
  log "installing missing packages (test/deps.sh)"
  bash "$REPO/test/deps.sh" || die_early "installing dependencies failed (test/deps.sh)"
  log "make all"
  make -C "$REPO" all || die_early "build failed (make -C $REPO all)"
  log "make install"
  make -C "$REPO" install || die_early "install failed (make -C $REPO install)"
}

# Records a suite's result.
record() {
  local suite=$1 passed=$2 failed=$3 note=${4:-}
  TOTAL_PASSED=$((TOTAL_PASSED + passed))
  TOTAL_FAILED=$((TOTAL_FAILED + failed))
  SUMMARY+=("$(printf '%-14s passed=%-4s failed=%s%s' "$suite" "$passed" "$failed" "${note:+ $note}")")
}

# Prints "PASSED FAILED" counted from pg_regress output (PG <= 15 format and TAP format).
count_results() {
  awk '
    /^(test +|     *)[^ ]+ +\.\.\. +ok( |$)/               { p++; next }
    /^(test +|     *)[^ ]+ +\.\.\. +(FAILED|failed) \(ignored\)/ { p++; next }
    /^(test +|     *)[^ ]+ +\.\.\. +(FAILED|failed)/      { f++; next }
    /^ok [0-9]+ +[-+] /                                     { p++; next }
    /^not ok [0-9]+ +[-+] /                                 { f++; next }
    END { printf "%d %d\n", p, f }
  ' "$1"
}

# Keeps a failed suite's output where it can be read after the run.
save_results() {
  local suite=$1 outdir=$2 dest=$REPO/test/results/$1
  mkdir -p "$dest"
  [[ -d $outdir ]] && cp -r "$outdir"/. "$dest"/ 2>/dev/null
  [[ -f ${SRC_PGLOG:-} ]] && cp "$SRC_PGLOG" "$dest/postgres.log"
  [[ -f ${SRC_MYSQL_LOG:-} ]] && cp "$SRC_MYSQL_LOG" "$dest/mariadbd.err"
  log "results of suite $suite kept in ${dest#"$REPO"/}/"
  return 0
}

# pg_regress in "installcheck" mode against our server: it drops and recreates
# regress_<suite> with its usual settings (PG15's --use-existing would skip CREATE DATABASE).
run_pg_regress() {
  local suite=$1 outdir=$2 pg_regress
  pg_regress=$("$PG_CONFIG" --pkglibdir)/pgxs/src/test/regress/pg_regress
  src_run_child "$outdir/pg_regress.out" "$pg_regress" \
    --bindir="$PG_BINDIR" \
    --host=127.0.0.1 --port="$PGPORT" --user=postgres \
    --inputdir="$REPO" --outputdir="$outdir" \
    --dbname="regress_$suite" --schedule="$REPO/test/schedules/$suite"
}

run_suite() {
  local suite=$1 outdir=$SRC_DIR/results/$1 rc=0 passed failed
  rm -rf "$REPO/test/results/$suite"
  echo
  log "==================== suite $suite"
  if [[ ! -f $REPO/test/schedules/$suite ]]; then
    log "suite $suite: no schedule test/schedules/$suite"
    record "$suite" 0 1 "(no schedule)"
    return 0
  fi
  if ! "setup_$suite"; then
    log "suite $suite: setup failed, not run"
    record "$suite" 0 1 "(setup failed)"
    save_results "$suite" "$outdir"
    return 0
  fi
  mkdir -p "$outdir"
  run_pg_regress "$suite" "$outdir" || rc=$?
  read -r passed failed < <(count_results "$outdir/pg_regress.out")
  if [[ $rc != 0 && $failed == 0 ]]; then
    log "suite $suite: pg_regress exited with $rc"
    failed=1
  fi
  if [[ $failed != 0 ]]; then
    if [[ -f $outdir/regression.diffs ]]; then
      echo "---------- $suite: regression.diffs (first 200 lines)"
      head -n 200 "$outdir/regression.diffs"
      echo "----------"
    fi
    save_results "$suite" "$outdir"
  fi
  [[ $passed == 0 && $failed == 0 ]] && log "suite $suite: WARNING: no test ran"
  record "$suite" "$passed" "$failed"
}

main() {
  local suite runnable=()
  parse_args "$@"
  build_and_install
  src_init || die_early "cannot create the run directory"
  for suite in "${SUITES[@]}"; do
    if declare -F "prestart_$suite" >/dev/null && ! "prestart_$suite"; then
      log "suite $suite: prestart_$suite failed, not run"
      record "$suite" 0 1 "(prestart failed)"
    else
      runnable+=("$suite")
    fi
  done
  pg_start || die_early "PostgreSQL did not start"
  for suite in "${runnable[@]:-}"; do
    [[ -n $suite ]] && run_suite "$suite"
  done
  src_stop_all
  rmdir "$REPO/test/results" 2>/dev/null || true
  print_totals
  [[ $TOTAL_FAILED == 0 ]]
}

main "$@"
