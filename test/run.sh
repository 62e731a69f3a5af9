#!/usr/bin/env bash
# Builds and installs the FDWs, starts throw-away servers and runs the pg_regress suites on every supported PostgreSQL major; ends with "N passed, N failed".
#
# Usage: bash test/run.sh [--pg MAJOR[,MAJOR...]] [SUITE...]
#        default: every suite on PostgreSQL 15 (Debian's), then MAJOR_SUITES on
#        16, 17, 18 and 19 (unpacked from ../shared/postgresql, test/lib/pg_majors.sh);
#        --pg 17 (or PG_MAJORS="17 18") runs only those majors; naming suites runs
#        those suites on each major.
# Env:   PG_CONFIG=...   one run against that installation (no loop over majors)
#        PG_ARCHIVE_DIR  where pgNN.tar.xz are (default ../shared/postgresql)
#        PG_UNPACK_DIR   where they are unpacked (default /var/tmp/fdw-suite-pg)
#        SKIP_BUILD=1    skip test/deps.sh, make all, make install
#        KEEP_SOURCES=1  keep the run directory (servers are stopped anyway)
#        SKIP_PACKAGES=1 skip the package round trip after the suites (test/packages.sh)
#        FDW_SANITIZE=address  build the FDWs with AddressSanitizer, run PostgreSQL with
#                        libasan preloaded; each suite gets a test sanitizer_clean (below)
#        FDW_SANITIZE=valgrind run PostgreSQL under valgrind memcheck (slow), the same test
#        MYSQL_HOST (+ MYSQL_PORT MYSQL_USER MYSQL_PASSWORD [MYSQL_SOCKET]) use an external MariaDB/MySQL
#        TDS_HOST (+ TDS_PORT TDS_USER TDS_PASSWORD [TDS_DATABASE]) use a real SQL Server, not test/tds
#        SHARD_COUNT=N   shard servers the mysql_shard suite starts (default 4)
#        SHARD_HOSTS="host:port ..." (+ SHARD_USER SHARD_PASSWORD) use these servers as the shards
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export FDW_REPO=$REPO   # tests find helper scripts (test/lib/) through it
# shellcheck source-path=SCRIPTDIR source=lib/sources.sh
source "$REPO/test/lib/sources.sh"
# shellcheck source-path=SCRIPTDIR source=packages.sh
source "$REPO/test/packages.sh"
# shellcheck source-path=SCRIPTDIR source=lib/pg_majors.sh
source "$REPO/test/lib/pg_majors.sh"

# ---------------------------------------------------------------- suites
# Adding a suite = one entry here + a setup_<suite> function (+ optionally a
# prestart_<suite> function, run before PostgreSQL starts, to export environment
# the server must inherit, e.g. ODBCSYSINI/ODBCINI/FREETDSCONF pointing into $SRC_DIR).
# Its tests are listed in test/schedules/<suite>, fixtures live in test/fixtures/<suite>/.
# A run_<suite> OUTDIR function, when defined, replaces pg_regress: it writes pg_regress-style
# "test NAME ... ok|FAILED" lines to OUTDIR/pg_regress.out (and OUTDIR/regression.diffs).
# setup_* functions run in an `if`, where `set -e` does not apply: check every step.
ALL_SUITES=(build lint mysql mysql_isolation mysql_shard odbc_sqlite odbc_mariadb odbc_pg odbc_tds tds_server tds differential differential_odbc_sqlite
  differential_odbc_mariadb differential_tds faults)
# what runs on the majors other than the first (the packages are Debian's 15 only)
MAJOR_SUITES=(build mysql mysql_isolation mysql_shard odbc_sqlite odbc_mariadb odbc_pg odbc_tds tds differential)
DEFAULT_MAJOR=15

# ---- build: the build of this run (make clean all, build_and_install) printed
# no compiler warning, and every FDW library was made.
BUILD_LOG=
setup_build() { [[ -n $BUILD_LOG && -f $BUILD_LOG ]] || { log "no build in this run (SKIP_BUILD=1?)"; return 1; }; }
run_build() {
  local outdir=$1 fdw
  {
    if grep -q 'warning:' "$BUILD_LOG"; then
      echo "test build_no_warnings ... FAILED"
      grep -B2 -A6 'warning:' "$BUILD_LOG" >>"$outdir/regression.diffs"
    else
      echo "test build_no_warnings ... ok"
    fi
    for fdw in $(make -s -C "$REPO" --no-print-directory -f Makefile print-fdws); do
      if [[ -f $REPO/$fdw/$fdw.so ]]; then
        echo "test build_$fdw ... ok"
      else
        echo "test build_$fdw ... FAILED"
        echo "$fdw/$fdw.so was not built" >>"$outdir/regression.diffs"
      fi
    done
  } >"$outdir/pg_regress.out"
}

setup_mysql() {
  mariadb_start || return 1
  load_mysql_fixtures mysql
}

# ---- mysql_fdw under concurrency: isolation specs (test/isolation/specs/*.spec.in,
# expected output in test/isolation/expected), run by pg_isolation_regress on the
# mysql suite's fixtures; the specs get the server's address and credentials
# filled in (isolation setup blocks cannot read the environment).
setup_mysql_isolation() { setup_mysql; }

run_mysql_isolation() {
  local outdir=$1 spec name tests=() isolation
  isolation=$("$PG_CONFIG" --pkglibdir)/pgxs/src/test/isolation/pg_isolation_regress
  [[ -x $isolation ]] || { log "pg_isolation_regress not found ($isolation)"; return 1; }
  mkdir -p "$outdir/input/specs" || return 1
  ln -sfn "$REPO/test/isolation/expected" "$outdir/input/expected" || return 1
  for spec in "$REPO"/test/isolation/specs/mysql_*.spec.in; do
    name=$(basename "$spec" .spec.in)
    sql_fill "$spec" MYSQL_HOST "$MYSQL_HOST" MYSQL_PORT "${MYSQL_PORT:-3306}" \
      MYSQL_USER "$MYSQL_USER" MYSQL_PASSWORD "${MYSQL_PASSWORD:-}" >"$outdir/input/specs/$name.spec" || return 1
    tests+=("$name")
  done
  src_run_child "$outdir/pg_regress.out" "$isolation" \
    --bindir="$PG_BINDIR" \
    --host=127.0.0.1 --port="$PGPORT" --user=postgres \
    --inputdir="$outdir/input" --outputdir="$outdir" \
    --dbname=regress_mysql_isolation "${tests[@]}"
}

# ---- mysql_fdw over shards: SHARD_COUNT (default 4) more MariaDB servers
# (shards_start in test/lib/sources.sh; SHARD_HOSTS for external ones), each
# loaded with test/fixtures/mysql_shard/*.sql, behind partitioned tables with
# one foreign partition per shard (sql/mysql_shard.sql).  The expected output
# does not depend on the count: partition p is on shard p mod SHARD_COUNT + 1.
setup_mysql_shard() {
  local f i
  shards_start || return 1
  for ((i = 1; i <= SHARD_COUNT; i++)); do
    for f in "$REPO"/test/fixtures/mysql_shard/*.sql; do
      (shard_exec_file "$i" "$f") >/dev/null || { log "fixture ${f#"$REPO"/} failed on shard $i"; return 1; }
    done
  done
  log "loaded test/fixtures/mysql_shard into $SHARD_COUNT shards"
}

# sql_fill FILE NAME VALUE...: FILE with each @NAME@ replaced by VALUE as the
# inside of an SQL string literal (quotes doubled).
sql_fill() {
  local file=$1 text value
  shift
  text=$(<"$file") || return 1
  while [[ $# -ge 2 ]]; do
    value=${2//\'/\'\'}
    # quoted: bash 5.2 would read & in the replacement as the match
    text=${text//@$1@/"$value"}
    shift 2
  done
  printf '%s\n' "$text"
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

# ---- odbc_fdw: a SQLite file, MariaDB and PostgreSQL through their ODBC drivers
# (and the TDS test server through FreeTDS ODBC: odbc_tds, below).
# The DSNs are written into $SRC_DIR/odbc/odbc.ini (ODBCINI, which PostgreSQL
# inherits); the tests read the DSN and credentials from ODBC_DSN, ODBC_UID,
# ODBC_PWD and the remote schema from ODBC_SCHEMA.
odbc_prestart() {
  export ODBCSYSINI=$SRC_DIR/odbc ODBCINI=$SRC_DIR/odbc/odbc.ini
  mkdir -p "$ODBCSYSINI" && touch "$ODBCSYSINI/odbcinst.ini" "$ODBCINI"
}
prestart_odbc_sqlite() { odbc_prestart; }
prestart_odbc_mariadb() { odbc_prestart; }
prestart_odbc_pg() { odbc_prestart; }

# Prints the path of ODBC driver FILE installed by Debian package PKG.
odbc_driver_path() {
  local path
  path=$(dpkg -L "$1" 2>/dev/null | grep -m 1 "/odbc/$2\$") && [[ -f $path ]] ||
    { log "ODBC driver $2 (package $1) not found"; return 1; }
  echo "$path"
}

# odbc_add_dsn NAME KEY=VALUE...: (re)writes section [NAME] of $ODBCINI.
odbc_add_dsn() {
  local name=$1 kv
  shift
  sed -i "/^\[$name\]\$/,/^\$/d" "$ODBCINI" || return 1
  { echo "[$name]"; for kv in "$@"; do echo "$kv"; done; echo; } >>"$ODBCINI"
}

odbc_use() { export ODBC_DSN=$1 ODBC_UID=$2 ODBC_PWD=$3 ODBC_SCHEMA=$4; }

setup_odbc_sqlite() {
  local drv dir=$SRC_DIR/odbc/sqlite f
  drv=$(odbc_driver_path libsqliteodbc libsqlite3odbc.so) || return 1
  rm -rf "$dir" && mkdir -p "$dir" || return 1
  for f in "$REPO"/test/fixtures/odbc_sqlite/*.sql; do
    log "loading fixture ${f#"$REPO"/}"
    sqlite3 -bail "$dir/regress.db" <"$f" >/dev/null || { log "fixture $f failed"; return 1; }
  done
  # the backend (postgres) opens the file and its journal in this directory
  if [[ $EUID -eq 0 ]]; then chown -R postgres:postgres "$dir" || return 1; fi
  odbc_add_dsn odbc_sqlite "Driver=$drv" "Database=$dir/regress.db" || return 1
  odbc_use odbc_sqlite nobody nopass main
  export ODBC_SQLITE_DRIVER=$drv ODBC_SQLITE_DB=$dir/regress.db   # for a DSN-less server
}

setup_odbc_mariadb() {
  local drv
  drv=$(odbc_driver_path odbc-mariadb libmaodbc.so) || return 1
  mariadb_start && load_mysql_fixtures odbc_mariadb || return 1
  odbc_add_dsn odbc_mariadb "Driver=$drv" "Server=$MYSQL_HOST" "Port=${MYSQL_PORT:-3306}" \
    "Database=odbc_regress" || return 1
  odbc_use odbc_mariadb "$MYSQL_USER" "${MYSQL_PASSWORD:-}" odbc_regress
}

setup_odbc_pg() {
  local drv f psql=("$PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres)
  drv=$(odbc_driver_path odbc-postgresql psqlodbcw.so) || return 1
  "${psql[@]}" -d postgres -c 'DROP DATABASE IF EXISTS odbc_regress' \
    -c 'CREATE DATABASE odbc_regress' >/dev/null || return 1
  for f in "$REPO"/test/fixtures/odbc_pg/*.sql; do
    log "loading fixture ${f#"$REPO"/}"
    "${psql[@]}" -d odbc_regress -f "$f" >/dev/null || { log "fixture $f failed"; return 1; }
  done
  odbc_add_dsn odbc_pg "Driver=$drv" "Servername=127.0.0.1" "Port=$PGPORT" \
    "Database=odbc_regress" || return 1
  odbc_use odbc_pg postgres "" public
}

# ---- differential: the same random queries against foreign tables (mysql_fdw)
# and local tables holding the same rows must give the same results
# (test/differential/). Its runner replaces pg_regress and prints one
# "test diff_mysql_<family> ... ok|FAILED" line per query family; the failing
# queries (SQL, both results, EXPLAIN) go to regression.diffs.
# DIFF_SEED and DIFF_COUNT override the generator's seed and query count, DIFF_ONLY=ID,...
# runs only those queries (the ids its failure reports give).
# DIFF_PLANS=1 writes the plan of every query not pushed fully to plans.txt in the results.
# DIFF_SERVER_OPTIONS="k=v,..." adds server options (bulk_rows=0: mysql_fdw scans over the binary protocol).
setup_differential() {
  mariadb_start || return 1
  diff_python >/dev/null || return 1
  log "loading fixture test/differential/fixture.py (mysql)"
  if ! "$(diff_python)" "$REPO/test/differential/fixture.py" remote mysql >"$SRC_DIR/differential_mysql.sql" ||
    ! (mysql_exec_file "$SRC_DIR/differential_mysql.sql") >/dev/null; then
    log "loading the differential fixture into MariaDB failed"
    return 1
  fi
}

# Prints a python3 that has psycopg2 (Debian's, not one that comes first in PATH).
diff_python() {
  local py
  for py in /usr/bin/python3 python3; do
    if "$py" -c 'import psycopg2' 2>/dev/null; then command -v "$py"; return 0; fi
  done
  log "no python3 with psycopg2 (Debian package python3-psycopg2)"
  return 1
}

# ---- tds_server: the TDS test server checked on its own with FreeTDS tsql,
# db-lib and python pytds (test/tds/selftest.sh), one test per check.
setup_tds_server() { make -s -C "$REPO/test/tds" >/dev/null || { log "building test/tds failed"; return 1; }; }
run_tds_server() {
  local outdir=$1
  bash "$REPO/test/tds/selftest.sh" >"$outdir/selftest.out" 2>&1
  awk '/^PASS /{ sub(/^PASS /, ""); gsub(/[^A-Za-z0-9_]+/, "_"); print "test tds_server_" $0 " ... ok" }
       /^FAIL /{ sub(/^FAIL /, ""); gsub(/[^A-Za-z0-9_]+/, "_"); print "test tds_server_" $0 " ... FAILED" }' \
    "$outdir/selftest.out" >"$outdir/pg_regress.out"
  grep '^FAIL ' "$outdir/selftest.out" >"$outdir/regression.diffs" || true
  grep -q '^PASS ' "$outdir/selftest.out"
}

# ---- lint: cppcheck over all C sources, and each FDW library exports only
# its entry points (the core's symbols are hidden, so two of our FDWs in one
# backend never bind to each other's copy).
setup_lint() { command -v cppcheck >/dev/null || { log "cppcheck is not installed"; return 1; }; }
run_lint() {
  local outdir=$1 fdw lib bad
  {
    if (cd "$REPO" && make -s cppcheck) >"$outdir/regression.diffs" 2>&1; then
      echo "test cppcheck                     ... ok"
    else
      echo "test cppcheck                     ... FAILED"
    fi
    for fdw in $(make -s -C "$REPO" --no-print-directory -f Makefile print-fdws); do
      lib=$REPO/$fdw/$fdw.so
      # EDB mysql_fdw's C name of its pushdown list, which a database still
      # at EDB's extension version 1.2 calls
      compat=
      [[ $fdw == mysql_fdw ]] && compat='|mysql_display_pushdown_list'
      bad=$(nm -D --defined-only "$lib" 2>/dev/null | awk '{print $3}' |
        grep -v -E "^(_PG_init|Pg_magic_func|pg_finfo_.*|${fdw}_.*${compat})$" || true)
      if [[ -f $lib && -z $bad ]]; then
        echo "test exports_$fdw ... ok"
      else
        echo "test exports_$fdw ... FAILED"
        echo "unexpected exported symbols in $lib: ${bad:-library missing}" >>"$outdir/regression.diffs"
      fi
    done
  } >"$outdir/pg_regress.out"
}

run_differential() { diff_run mysql regress_differential "$1"; }

# diff_run TARGET DBNAME OUTDIR: difftest.py --target TARGET in a new database DBNAME.
diff_run() {
  local target=$1 db=$2 outdir=$3
  local psql=("$PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres)
  "${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null || return 1
  src_run_child "$outdir/pg_regress.out" "$(diff_python)" "$REPO/test/differential/difftest.py" \
    --target "$target" --dbname "$db" --diffs "$outdir/regression.diffs" \
    ${DIFF_SEED:+--seed "$DIFF_SEED"} ${DIFF_COUNT:+--count "$DIFF_COUNT"} ${DIFF_ONLY:+--only "$DIFF_ONLY"} \
    ${DIFF_PLANS:+--plans "$outdir/plans.txt"}
}

# The same test through odbc_fdw (SQLite, MariaDB) and tds_fdw: the connection
# is the one of the odbc_sqlite, odbc_mariadb and tds suites (their setup runs
# first), the fixture is loaded with the source's own client.
prestart_differential_odbc_sqlite() { odbc_prestart; }
prestart_differential_odbc_mariadb() { odbc_prestart; }
prestart_differential_tds() { prestart_tds; }

setup_differential_odbc_sqlite() {
  setup_odbc_sqlite && diff_python >/dev/null || return 1
  export DIFF_SQLITE_DB=$SRC_DIR/odbc/sqlite/differential.db
  log "loading fixture test/differential/fixture.py (sqlite)"
  "$(diff_python)" "$REPO/test/differential/fixture.py" remote sqlite >"$SRC_DIR/differential_sqlite.sql" &&
    sqlite3 -bail "$DIFF_SQLITE_DB" <"$SRC_DIR/differential_sqlite.sql" >/dev/null ||
    { log "loading the differential fixture into SQLite failed"; return 1; }
  if [[ $EUID -eq 0 ]]; then chown postgres:postgres "$DIFF_SQLITE_DB" || return 1; fi
}

setup_differential_odbc_mariadb() { setup_odbc_mariadb && setup_differential; }

setup_differential_tds() {
  setup_tds && diff_python >/dev/null || return 1
  log "loading fixture test/differential/fixture.py (tsql)"
  "$(diff_python)" "$REPO/test/differential/fixture.py" remote tsql >"$SRC_DIR/differential_tsql.sql" &&
    /usr/bin/python3 "$REPO/test/fixtures/tds/load.py" "$SRC_DIR/differential_tsql.sql" ||
    { log "loading the differential fixture into the TDS server failed"; return 1; }
}

run_differential_odbc_sqlite() { diff_run odbc_sqlite regress_differential_odbc_sqlite "$1"; }
run_differential_odbc_mariadb() { diff_run odbc_mariadb regress_differential_odbc_mariadb "$1"; }
run_differential_tds() {
  local rc=0
  diff_run tds regress_differential_tds "$1" || rc=$?
  # the tds suite imports every table of the (one) database: leave none behind
  "$(diff_python)" "$REPO/test/differential/fixture.py" drop >"$SRC_DIR/differential_tsql_drop.sql" &&
    /usr/bin/python3 "$REPO/test/fixtures/tds/load.py" "$SRC_DIR/differential_tsql_drop.sql" || rc=1
  return "$rc"
}

# tds_server_start DIR: starts a tds_test_server on the SQLite file DIR/regress.db
# (its SQL log DIR/sql.log), accepting TDS_USER/TDS_PASSWORD; sets
# _TDS_STARTED_PID and _TDS_STARTED_PORT.  The server stops when this script
# ends, however it ends.
tds_server_start() {
  local dir=$1 port i pid
  make -s -C "$REPO" tds-test-server >/dev/null || { log "building test/tds failed"; return 1; }
  mkdir -p "$dir" || return 1
  setsid "$REPO/test/tds/tds_test_server" --port 0 --database "$dir/regress.db" \
    --user "$TDS_USER" --password "$TDS_PASSWORD" --log "$dir/sql.log" \
    </dev/null >"$dir/port" 2>"$dir/server.err" &
  pid=$!
  disown "$pid" 2>/dev/null || true   # no "Killed" report when faults kills it
  (while kill -0 "$$" 2>/dev/null; do sleep 1; done; kill -TERM "$pid" 2>/dev/null) \
    </dev/null >/dev/null 2>&1 &
  for ((i = 0; i < 100; i++)); do
    port=$(head -n 1 "$dir/port" 2>/dev/null)
    [[ $port =~ ^[0-9]+$ ]] && break
    kill -0 "$pid" 2>/dev/null || { cat "$dir/server.err" >&2; log "tds_test_server exited"; return 1; }
    sleep 0.1
  done
  [[ $port =~ ^[0-9]+$ ]] || { log "tds_test_server reported no port"; return 1; }
  _TDS_STARTED_PID=$pid _TDS_STARTED_PORT=$port
  log "tds_test_server on 127.0.0.1:$port (pid $pid, SQL log $dir/sql.log)"
}

# ---- tds_fdw: the project's TDS 7.4 test server (test/tds: T-SQL over an
# SQLite file, not SQL Server), or a real SQL Server when TDS_HOST is set.
# The tests read TDS_HOST TDS_PORT TDS_USER TDS_PASSWORD TDS_DATABASE, and
# TDS_SQL_LOG: the file where the test server logs each batch it receives
# (empty for a real server).  FREETDSCONF (inherited by PostgreSQL) names
# the server as [tds_regress], for a servername that is a freetds.conf entry.
prestart_tds() {
  local dir=$SRC_DIR/tds
  [[ -n ${_TDS_PID:-} ]] && return 0   # started already (tds and differential_tds share it)
  export TDS_DATABASE=${TDS_DATABASE:-fdw_regress}
  mkdir -p "$dir" || return 1
  if [[ -n ${TDS_HOST:-} ]]; then
    export TDS_PORT=${TDS_PORT:-1433} TDS_USER=${TDS_USER:-sa} TDS_PASSWORD=${TDS_PASSWORD:-} TDS_SQL_LOG=
    log "using external TDS server $TDS_HOST:$TDS_PORT as $TDS_USER, database $TDS_DATABASE"
  else
    export TDS_USER=fdw_user TDS_PASSWORD='fdw_Pass-1' TDS_SQL_LOG=$dir/sql.log
    tds_server_start "$dir" || return 1
    _TDS_PID=$_TDS_STARTED_PID
    # the faults suite signals, kills and restarts it (test/lib/fault.sh)
    echo "$_TDS_PID" >"$dir/pid"
    export TDS_RUN_PID=$$
    export TDS_HOST=127.0.0.1 TDS_PORT=$_TDS_STARTED_PORT
  fi
  export FREETDSCONF=$dir/freetds.conf
  printf '[global]\n\ttds version = auto\n\n[tds_regress]\n\thost = %s\n\tport = %s\n' \
    "$TDS_HOST" "$TDS_PORT" >"$FREETDSCONF" || return 1
}

setup_tds() {
  local create=() f
  [[ -z $TDS_SQL_LOG ]] && create=(--create-database)
  for f in "$REPO"/test/fixtures/tds/*.sql; do
    log "loading fixture ${f#"$REPO"/}"
    /usr/bin/python3 "$REPO/test/fixtures/tds/load.py" "${create[@]}" "$f" ||
      { log "fixture ${f#"$REPO"/} failed"; return 1; }
  done
}

# ---- odbc_fdw on the TDS test server through FreeTDS ODBC (Debian's tdsodbc),
# which reports SQL_DBMS_NAME "Microsoft SQL Server": odbc_fdw speaks the
# T-SQL dialect tds_fdw speaks (common/dialect_tsql.c).  Not SQL Server: the
# test server (test/tds/README.md) has no system procedures, so FreeTDS's
# SQLTables, SQLColumns and SQLPrimaryKeys (sp_tables, sp_columns, sp_pkeys)
# fail: odbc_write and odbc_crashes are not in the schedule.  The suite has
# a database of its own, odbc_regress: the tds suite's fixtures have tables
# of the same names (t1, big, strs) and other columns, and the tds suite
# imports every table of its database.  On the test server (one database per process) that is a
# second tds_test_server on its own SQLite file; on a real SQL Server
# (TDS_HOST) a database of that name on it.
prestart_odbc_tds() { odbc_prestart; }

setup_odbc_tds() {
  local drv f host port user password create=()
  drv=$(odbc_driver_path tdsodbc libtdsodbc.so) || return 1
  if [[ -n ${TDS_HOST:-} && -z ${_TDS_PID:-} ]]; then
    host=$TDS_HOST port=${TDS_PORT:-1433} user=${TDS_USER:-sa} password=${TDS_PASSWORD:-}
    create=(--create-database)
  else
    host=127.0.0.1 user=fdw_user password='fdw_Pass-1'
    # started once per run (the package round trip sets the suite up again)
    if [[ -z ${_ODBC_TDS_PORT:-} ]]; then
      TDS_USER=$user TDS_PASSWORD=$password tds_server_start "$SRC_DIR/odbc_tds" || return 1
      _ODBC_TDS_PORT=$_TDS_STARTED_PORT
    fi
    port=$_ODBC_TDS_PORT
  fi
  for f in "$REPO"/test/fixtures/odbc_tds/*.sql; do
    log "loading fixture ${f#"$REPO"/}"
    TDS_HOST=$host TDS_PORT=$port TDS_USER=$user TDS_PASSWORD=$password TDS_DATABASE=odbc_regress \
      /usr/bin/python3 "$REPO/test/fixtures/tds/load.py" "${create[@]}" "$f" ||
      { log "fixture ${f#"$REPO"/} failed"; return 1; }
  done
  odbc_add_dsn odbc_tds "Driver=$drv" "Server=$host" "Port=$port" "TDS_Version=7.4" \
    "Database=odbc_regress" || return 1
  odbc_use odbc_tds "$user" "$password" dbo
  # for sql/odbc_tds.sql, which reads the same tables through tds_fdw
  export ODBC_TDS_HOST=$host ODBC_TDS_PORT=$port ODBC_TDS_DATABASE=odbc_regress
}

# ---- faults: what happens when the servers fail under the FDWs
# (sql/faults_*.sql): a server killed mid-scan or restarted between
# transactions, stopped (SIGSTOP) during a query that statement_timeout,
# a query cancel or a termination must end in bounded time, a connection
# killed server-side with pending writes, deadlocks and lock wait timeouts,
# a local error after remote writes.  mysql_fdw and odbc_fdw (MariaDB
# Connector/ODBC) on the harness's MariaDB, tds_fdw on the TDS test server;
# test/lib/fault.sh does the stopping, killing and restarting, so the suite
# needs the local servers (not MYSQL_HOST / TDS_HOST).
prestart_faults() { odbc_prestart && prestart_tds; }

setup_faults() {
  local drv f
  if [[ ${_SRC_MYSQL_LOCAL:-0} != 1 && -n ${MYSQL_HOST:-} ]] || [[ -z ${TDS_SQL_LOG:-} ]]; then
    log "the faults suite needs the harness's own MariaDB and TDS test server"
    return 1
  fi
  drv=$(odbc_driver_path odbc-mariadb libmaodbc.so) || return 1
  mariadb_start && load_mysql_fixtures faults || return 1
  odbc_add_dsn faults_mariadb "Driver=$drv" "Server=$MYSQL_HOST" "Port=${MYSQL_PORT:-3306}" \
    "Database=fdw_faults" || return 1
  export FAULTS_ODBC_DSN=faults_mariadb
  for f in "$REPO"/test/fixtures/faults/tds/*.sql; do
    log "loading fixture ${f#"$REPO"/}"
    /usr/bin/python3 "$REPO/test/fixtures/tds/load.py" "$f" ||
      { log "fixture ${f#"$REPO"/} failed"; return 1; }
  done
}

run_faults() {
  local rc=0
  run_pg_regress faults "$1" || rc=$?
  # the tds suite imports every table of the (one) database: leave none behind
  printf 'DROP TABLE IF EXISTS f_t, f_big, f_digits;\n' >"$SRC_DIR/faults_tds_drop.sql" &&
    /usr/bin/python3 "$REPO/test/fixtures/tds/load.py" "$SRC_DIR/faults_tds_drop.sql" || rc=1
  return "$rc"
}

# ---------------------------------------------------------------- sanitizer
# FDW_SANITIZE=address: the FDWs (common/ included, it is linked into each .so)
# are built with -fsanitize=address and loaded into the unpacked, uninstrumented
# PostgreSQL, which is started with libasan preloaded (the runtime must come
# first in the process).  Leak detection is off: a backend frees by memory
# context, at exit, so every palloc would be a "leak"; a report does not stop
# the backend (-fsanitize-recover), so one run finds them all.
# FDW_SANITIZE=valgrind: the ordinary build, the postmaster (and so every
# backend, forked from it) run under valgrind's memcheck: slow, but it sees
# reads of uninitialised memory, which ASan does not.
# Reports go to one file per process in $SRC_DIR/sanitizer/; after each suite,
# sanitizer_clean fails when a report has a frame in our libraries or sources,
# and lists the others (inside PostgreSQL, libc, a client library or an ODBC
# driver) to be judged by hand.  Neither tool sees inside palloc'd chunks
# (PostgreSQL's allocator is not instrumented: no USE_VALGRIND): for those the
# assert-enabled builds' memory-context checks (a sentinel after each chunk,
# freed memory wiped) stand in, and their warnings fail sanitizer_clean too.
SANITIZE_MODE=
SANITIZE_COPT=
SANITIZE_NOTE=
sanitize_init() {
  SANITIZE_MODE=${FDW_SANITIZE:-}
  case $SANITIZE_MODE in
    '') return 0 ;;
    address)
      # the .so files built now load only into a server with the preload
      [[ $PG_CONFIG != /usr/lib/postgresql/* ]] ||
        die_early "FDW_SANITIZE=address needs a PostgreSQL of its own (--pg 16..19 or PG_CONFIG), not $PG_CONFIG"
      [[ ${SKIP_BUILD:-0} != 1 ]] || die_early "FDW_SANITIZE=address needs the build of this run (not SKIP_BUILD=1)"
      ASAN_LIB=${ASAN_LIB:-$(realpath -e "$("$("$PG_CONFIG" --cc)" -print-file-name=libasan.so)" 2>/dev/null)} ||
        die_early "FDW_SANITIZE=address: the compiler's libasan was not found (set ASAN_LIB)"
      SANITIZE_COPT='-fsanitize=address -fsanitize-recover=address -fno-omit-frame-pointer -g'
      log "FDW_SANITIZE=address: COPT='$SANITIZE_COPT', server preload $ASAN_LIB"
      ;;
    valgrind)
      command -v valgrind >/dev/null || die_early "FDW_SANITIZE=valgrind: valgrind is not installed"
      log "FDW_SANITIZE=valgrind: PostgreSQL runs under $(valgrind --version) memcheck"
      ;;
    *) die_early "FDW_SANITIZE=$SANITIZE_MODE: 'address' or 'valgrind'" ;;
  esac
}

# After src_init: where the reports go, and how the server is started.
sanitize_prepare() {
  local dir=$SRC_DIR/sanitizer
  [[ -n $SANITIZE_MODE ]] || return 0
  mkdir -p "$dir" || return 1
  if [[ $EUID -eq 0 ]]; then chown postgres:postgres "$dir" || return 1; fi
  if [[ $SANITIZE_MODE == address ]]; then
    SRC_PG_SERVER_ENV=("LD_PRELOAD=$ASAN_LIB"
      "ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:halt_on_error=0:log_path=$dir/asan")
  else
    # %p: a file per process, forked backends included
    printf '#!/bin/sh\nexec valgrind --quiet --tool=memcheck --leak-check=no --error-limit=no %s "%s" "$@"\n' \
      "--num-callers=40 --fullpath-after= --log-file=$dir/vg.%p" "$("$PG_CONFIG" --bindir)/postgres" \
      >"$SRC_DIR/postgres-valgrind" && chmod 0755 "$SRC_DIR/postgres-valgrind" || return 1
    SRC_PG_POSTGRES=$SRC_DIR/postgres-valgrind
    SRC_PG_START_TIMEOUT=300
  fi
}

# After pg_start: the postmaster really runs under the tool (else every
# sanitizer_clean would pass without having looked).
sanitize_check_server() {
  local pid
  [[ -n $SANITIZE_MODE ]] || return 0
  pid=$(head -n 1 "$SRC_PGDATA/postmaster.pid" 2>/dev/null) &&
    grep -q -E 'libasan|vgpreload_memcheck' "/proc/$pid/maps" 2>/dev/null
}

# The frames that make a report ours: our libraries, or a source in the repository.
SANITIZE_OURS='(mysql_fdw|odbc_fdw|tds_fdw)[.]so|/(common|mysql_fdw|odbc_fdw|tds_fdw)/[a-z_]+[.][ch]:'

# sanitizer_summary FILE...: one line per report, "ours|other FILE: first line".
# ASan: a report runs from "==PID==ERROR: AddressSanitizer" to the next one;
# valgrind: an error is a "==PID== " block whose second line is a frame ("at 0x").
sanitizer_summary() {
  awk -v ours="$SANITIZE_OURS" '
    function flush() { if (head != "") print (mine ? "ours " : "other ") file ": " head; head = ""; cand = "" }
    FNR == 1 { flush() }
    /^==[0-9]+==ERROR: AddressSanitizer/ { flush(); head = $0; file = FILENAME; mine = 0; next }
    /^==[0-9]+== / && FILENAME ~ /\/vg[.][0-9]+$/ {
      t = $0; sub(/^==[0-9]+== ?/, "", t)
      if (t == "") { flush(); next }
      if (head == "" && cand == "" && t !~ /^ /) { cand = $0; next }
      if (head == "" && cand != "" && t ~ /^ +at 0x/) { head = cand; file = FILENAME; mine = 0 }
      else if (head == "") { cand = ""; next }
    }
    head != "" && $0 ~ ours { mine = 1 }
    END { flush() }' "$@"
}

# sanitizer_check SUITE LOGFROM OUTFILE: moves the suite's reports into
# $SRC_DIR/sanitizer/SUITE/, appends "test sanitizer_clean" to OUTFILE, sets SANITIZE_NOTE.
sanitizer_check() {
  local suite=$1 from=$2 out=$3 dir=$SRC_DIR/sanitizer/$1 diffs f ours other mc
  diffs=$(dirname "$out")/regression.diffs
  mkdir -p "$dir" || return 1
  for f in "$SRC_DIR"/sanitizer/asan.* "$SRC_DIR"/sanitizer/vg.*; do
    # valgrind opens a file for every process; only those that say something count
    if [[ -s $f ]]; then mv "$f" "$dir/"; elif [[ -f $f ]] && ! _src_pid_alive "${f##*.}"; then rm -f "$f"; fi
  done
  : >"$dir/summary"
  if compgen -G "$dir/[av][sg]*.[0-9]*" >/dev/null; then
    sanitizer_summary "$dir"/[av][sg]*.[0-9]* >"$dir/summary"
  fi
  ours=$(grep -c '^ours ' "$dir/summary" || true)
  other=$(grep -c '^other ' "$dir/summary" || true)
  # palloc'd memory: the memory-context checks of an assert-enabled server
  mc=$(tail -c +"$((from + 1))" "$SRC_PGLOG" |
    grep -E 'detected write past chunk end|problem in (alloc set|Generation|slab|Bump)' | head -n 20 || true)
  SANITIZE_NOTE="($SANITIZE_MODE: ${ours:-0} in our code, ${other:-0} elsewhere${mc:+, memory-context warnings})"
  if [[ ${ours:-0} == 0 && -z $mc ]]; then
    echo "test sanitizer_clean ... ok" >>"$out"
  else
    echo "test sanitizer_clean ... FAILED" >>"$out"
  fi
  if [[ -s $dir/summary || -n $mc ]]; then
    {
      echo "---------- sanitizer reports (test/results/$suite/sanitizer/):"
      cat "$dir/summary"
      [[ -n $mc ]] && { echo "---------- memory-context warnings in the PostgreSQL log:"; echo "$mc"; }
    } >>"$diffs"
    log "suite $suite: $SANITIZE_MODE reports: ${ours:-0} in our code, ${other:-0} elsewhere (test/results/$suite/sanitizer/)"
    mkdir -p "$REPO/test/results/$suite" && cp -r "$dir" "$REPO/test/results/$suite/sanitizer"
  fi
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
  echo "usage: bash test/run.sh [--pg MAJOR[,MAJOR...]|all] [SUITE...]"
  echo "  majors: ${PG_SUPPORTED_MAJORS[*]}"
  echo "  suites: ${ALL_SUITES[*]}"
}

# Sets SUITES and MAJORS from the command line (MAJORS: --pg, else PG_MAJORS, else all).
parse_args() {
  local arg s ok
  SUITES=()
  MAJORS=()
  while [[ $# -gt 0 ]]; do
    arg=$1
    shift
    case $arg in
      -h | --help) usage; exit 0 ;;
      --pg | --pg=*)
        if [[ $arg == --pg ]]; then
          [[ $# -gt 0 ]] || { usage >&2; exit 2; }
          arg=$1
          shift
        else
          arg=${arg#--pg=}
        fi
        [[ $arg == all ]] && arg=${PG_SUPPORTED_MAJORS[*]}
        for s in ${arg//,/ }; do
          [[ " ${PG_SUPPORTED_MAJORS[*]} " == *" $s "* ]] ||
            { log "unsupported PostgreSQL major '$s' (supported: ${PG_SUPPORTED_MAJORS[*]})"; exit 2; }
          MAJORS+=("$s")
        done
        continue
        ;;
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
  if [[ ${#MAJORS[@]} -eq 0 ]]; then
    read -r -a MAJORS <<<"${PG_MAJORS:-${PG_SUPPORTED_MAJORS[*]}}"
  fi
}

build_and_install() {
  if [[ ${SKIP_BUILD:-0} == 1 ]]; then
    log "SKIP_BUILD=1: skipping deps, build and install"
    return 0
  fi
  if [[ ${SKIP_DEPS:-0} != 1 ]]; then
    log "installing missing packages (test/deps.sh)"
    bash "$REPO/test/deps.sh" || die_early "installing dependencies failed (test/deps.sh)"
  fi
  # a clean build, so the build suite sees every compiler message of this major
  BUILD_LOG=$(mktemp "${TMPDIR:-/tmp}/fdw-build.XXXXXX.log")
  log "make clean all (PG_CONFIG=$PG_CONFIG; log $BUILD_LOG)"
  make -C "$REPO" clean >/dev/null 2>&1 || true
  if ! make -C "$REPO" all ${SANITIZE_COPT:+COPT="$SANITIZE_COPT"} >"$BUILD_LOG" 2>&1; then
    tail -n 40 "$BUILD_LOG"
    die_early "build failed (make -C $REPO all)"
  fi
  log "make install"
  make -C "$REPO" install >/dev/null || die_early "install failed (make -C $REPO install)"
}

# Records a suite's result.
record() {
  local suite=$1 passed=$2 failed=$3 note=${4:-}
  TOTAL_PASSED=$((TOTAL_PASSED + passed))
  TOTAL_FAILED=$((TOTAL_FAILED + failed))
  SUMMARY+=("$(printf '%-26s passed=%-4s failed=%s%s' "$suite" "$passed" "$failed" "${note:+ $note}")")
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

# regress_inputdir SUITE DIR: makes DIR the suite's pg_regress input directory:
# DIR/sql is the repository's sql/, DIR/expected holds, for each test T of the
# schedule, expected/T.SUITE.out when there is one, else expected/T.out and
# its pg_regress alternatives T_N.out.  A file shared by several suites (each
# one FDW against one database) has one expected output per suite, named for
# it, and no alternatives: pg_regress accepts any alternative, so the output
# of another database (another quoting, another plan) would pass.  Plain
# alternatives are left for variations within one database (an external
# server, another server version).  DIR/expected_files lists the choices.
regress_inputdir() {
  local suite=$1 dir=$2 t f
  rm -rf "$dir" && mkdir -p "$dir/expected" && ln -s "$REPO/sql" "$dir/sql" || return 1
  for t in $(sed -n 's/^test:[[:space:]]*//p' "$REPO/test/schedules/$suite"); do
    if [[ -f $REPO/expected/$t.$suite.out ]]; then
      ln -s "$REPO/expected/$t.$suite.out" "$dir/expected/$t.out" || return 1
      echo "$t expected/$t.$suite.out"
    else
      for f in "$REPO/expected/$t.out" "$REPO/expected/${t}"_[0-9].out; do
        [[ -f $f ]] || continue
        ln -s "$f" "$dir/expected/" && echo "$t ${f#"$REPO"/}" || return 1
      done
    fi
  done >"$dir/expected_files"
}

# pg_regress in "installcheck" mode against our server: it drops and recreates
# regress_<suite> with its usual settings (PG15's --use-existing would skip CREATE DATABASE).
run_pg_regress() {
  local suite=$1 outdir=$2 pg_regress
  pg_regress=$("$PG_CONFIG" --pkglibdir)/pgxs/src/test/regress/pg_regress
  regress_inputdir "$suite" "$outdir/input" || { log "suite $suite: cannot make its input directory"; return 1; }
  src_run_child "$outdir/pg_regress.out" "$pg_regress" \
    --bindir="$PG_BINDIR" \
    --host=127.0.0.1 --port="$PGPORT" --user=postgres \
    --inputdir="$outdir/input" --outputdir="$outdir" \
    --dbname="regress_$suite" --schedule="$REPO/test/schedules/$suite"
}

# server_log_check FROM OUTFILE: appends a test line to OUTFILE saying whether the
# PostgreSQL log, from byte FROM on, shows a crashed backend or a failed
# assertion (the builds of 16-19 have assertions on): either is a failed test,
# whatever the outputs said.
server_log_check() {
  local from=$1 out=$2 found
  [[ -f ${SRC_PGLOG:-} ]] || return 0
  # (pg_regress may have stopped mid-line: "Bail out!")
  [[ -s $out && $(tail -c 1 "$out") != "" ]] && echo >>"$out"
  found=$(tail -c +"$((from + 1))" "$SRC_PGLOG" |
    grep -E 'TRAP:|terminated by signal|was terminated by exception|server process .* exited with exit code [^0]|PANIC:' |
    head -n 20 || true)
  if [[ -z $found ]]; then
    echo "test server_log_no_crash ... ok" >>"$out"
  else
    echo "test server_log_no_crash ... FAILED" >>"$out"
    { echo "---------- the PostgreSQL log shows a crash or a failed assertion:"; echo "$found"; } \
      >>"$(dirname "$out")/regression.diffs"
  fi
}

run_suite() {
  local suite=$1 outdir=$SRC_DIR/results/$1 rc=0 passed failed logfrom=0
  rm -rf "$REPO/test/results/$suite"
  [[ -f ${SRC_PGLOG:-} ]] && logfrom=$(stat -c %s "$SRC_PGLOG")
  echo
  log "==================== suite $suite"
  if [[ ! -f $REPO/test/schedules/$suite ]] && ! declare -F "run_$suite" >/dev/null; then
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
  if declare -F "run_$suite" >/dev/null; then
    "run_$suite" "$outdir" || rc=$?
  else
    run_pg_regress "$suite" "$outdir" || rc=$?
  fi
  SANITIZE_NOTE=
  if [[ $suite != build && $suite != lint && $suite != tds_server ]]; then
    server_log_check "$logfrom" "$outdir/pg_regress.out"
    [[ -z $SANITIZE_MODE ]] || sanitizer_check "$suite" "$logfrom" "$outdir/pg_regress.out"
  fi
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
  elif [[ -f $outdir/plans.txt ]]; then
    save_results "$suite" "$outdir"
  fi
  [[ $passed == 0 && $failed == 0 ]] && log "suite $suite: WARNING: no test ran"
  record "$suite" "$passed" "$failed" "$SANITIZE_NOTE"
}

# One run per major, each a child run.sh with its own servers and build;
# prints the per-major summaries and the sum of their counts.
run_majors() {
  local major pgc out line passed failed rc=0 first=1 skipped=0 suites
  local -a summary=()
  for major in "${MAJORS[@]}"; do
    echo
    log "==================== PostgreSQL $major"
    if ! pgc=$(pg_config_for "$major"); then
      if [[ ${CI:-} == true ]]; then
        summary+=("PostgreSQL $major: not available (failed)")
        TOTAL_FAILED=$((TOTAL_FAILED + 1))
      else
        summary+=("PostgreSQL $major: not available here, skipped")
        skipped=$((skipped + 1))
      fi
      continue
    fi
    if [[ ${#SUITES[@]} -gt 0 ]]; then
      suites=("${SUITES[@]}")
    elif [[ $major == "$DEFAULT_MAJOR" ]]; then
      suites=("${ALL_SUITES[@]}")
    else
      suites=("${MAJOR_SUITES[@]}")
    fi
    out=$(mktemp "${TMPDIR:-/tmp}/fdw-run-pg$major.XXXXXX")
    # the packages built here are Debian's, for 15 only; deps are installed once
    PG_CONFIG=$pgc FDW_RUN_MAJOR=$major \
      SKIP_PACKAGES=$([[ $major == "$DEFAULT_MAJOR" ]] && echo "${SKIP_PACKAGES:-0}" || echo 1) \
      SKIP_DEPS=$([[ $first == 1 ]] && echo "${SKIP_DEPS:-0}" || echo 1) \
      bash "$REPO/test/run.sh" "${suites[@]}" 2>&1 | tee "$out" || rc=1
    first=0
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1 || true)
    if [[ -z $line ]]; then
      summary+=("PostgreSQL $major: the run ended without a count (failed)")
      TOTAL_FAILED=$((TOTAL_FAILED + 1))
    else
      read -r passed _ failed _ <<<"$line"
      TOTAL_PASSED=$((TOTAL_PASSED + passed))
      TOTAL_FAILED=$((TOTAL_FAILED + failed))
      summary+=("$(printf 'PostgreSQL %-3s passed=%-5s failed=%s' "$major" "$passed" "$failed")")
    fi
    rm -f "$out"
  done
  echo
  echo "==================== summary of all majors"
  for line in "${summary[@]}"; do echo "  $line"; done
  if [[ $skipped -gt 0 ]]; then
    echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed, $skipped skipped"
  else
    echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
  fi
  [[ $TOTAL_FAILED == 0 && $rc == 0 ]]
}

main() {
  local suite runnable=() major
  parse_args "$@"
  if [[ -z ${PG_CONFIG:-} ]]; then
    if [[ ${#MAJORS[@]} -gt 1 ]]; then
      run_majors
      return
    fi
    PG_CONFIG=$(pg_config_for "${MAJORS[0]}") || die_early "no PostgreSQL ${MAJORS[0]} (test/lib/pg_majors.sh)"
    export PG_CONFIG
  fi
  major=$("$PG_CONFIG" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
  log "PostgreSQL $major: $("$PG_CONFIG" --version) ($PG_CONFIG)"
  if [[ ${#SUITES[@]} -eq 0 ]]; then
    if [[ $major == "$DEFAULT_MAJOR" ]]; then SUITES=("${ALL_SUITES[@]}"); else SUITES=("${MAJOR_SUITES[@]}"); fi
  fi
  # the package round trip builds and installs Debian's packages for 15
  [[ $major == "$DEFAULT_MAJOR" ]] || export SKIP_PACKAGES=1
  if [[ ${SKIP_BUILD:-0} == 1 ]]; then
    for suite in "${SUITES[@]}"; do [[ $suite == build ]] || runnable+=("$suite"); done
    SUITES=("${runnable[@]}")
    runnable=()
  fi
  sanitize_init
  build_and_install
  src_init || die_early "cannot create the run directory"
  sanitize_prepare || die_early "cannot create the sanitizer's report directory"
  for suite in "${SUITES[@]}"; do
    if declare -F "prestart_$suite" >/dev/null && ! "prestart_$suite"; then
      log "suite $suite: prestart_$suite failed, not run"
      record "$suite" 0 1 "(prestart failed)"
    else
      runnable+=("$suite")
    fi
  done
  pg_start || die_early "PostgreSQL did not start"
  sanitize_check_server || die_early "FDW_SANITIZE=$SANITIZE_MODE: the postmaster does not run under it"
  for suite in "${runnable[@]:-}"; do
    [[ -n $suite ]] && run_suite "$suite"
  done
  packages_stage "${runnable[@]:-}" || true   # test/packages.sh: records its own steps
  src_stop_all
  rmdir "$REPO/test/results" 2>/dev/null || true
  print_totals
  [[ $TOTAL_FAILED == 0 ]]
}

main "$@"
