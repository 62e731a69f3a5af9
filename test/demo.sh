#!/usr/bin/env bash
# Demo: builds and installs the FDWs, starts throw-away PostgreSQL + MariaDB and queries a MariaDB table from PostgreSQL.
#
# Usage: bash test/demo.sh [--keep]
#   --keep        leave the servers running and print how to connect and how to stop them
# Env:   SKIP_BUILD=1  skip test/deps.sh, make all, make install
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/sources.sh
source "$REPO/test/lib/sources.sh"

DEMO_DB=fdw_demo
KEEP=0

log() { echo "[demo] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

parse_args() {
  local arg
  for arg in "$@"; do
    case $arg in
      --keep) KEEP=1 ;;
      -h | --help) echo "usage: bash test/demo.sh [--keep]"; exit 0 ;;
      *) echo "usage: bash test/demo.sh [--keep]" >&2; exit 2 ;;
    esac
  done
}

build_and_install() {
  if [[ ${SKIP_BUILD:-0} == 1 ]]; then
    log "SKIP_BUILD=1: skipping deps, build and install"
    return 0
  fi
  bash "$REPO/test/deps.sh" || die "installing dependencies failed (test/deps.sh)"
  make -C "$REPO" all || die "build failed (make -C $REPO all)"
  make -C "$REPO" install || die "install failed (make -C $REPO install)"
}

start_servers() {
  src_init || die "cannot create the run directory"
  pg_start || die "PostgreSQL did not start"
  # the demo always uses its own local MariaDB
  unset MYSQL_HOST MYSQL_PORT MYSQL_USER MYSQL_PASSWORD MYSQL_SOCKET
  mariadb_start || die "MariaDB did not start"
}

prepare_mariadb() {
  log "creating MariaDB table postgres.t1m"
  mysql_exec "CREATE DATABASE IF NOT EXISTS postgres;
    USE postgres;
    DROP TABLE IF EXISTS t1m;
    CREATE TABLE t1m (id int, name varchar(30));
    INSERT INTO t1m VALUES (1, 'abc'), (2, 'def'), (3, 'hij');" ||
    die "preparing the MariaDB table failed"
}

# Runs SQL from stdin in the demo database, echoing every statement.
demo_psql() {
  "$PG_BINDIR/psql" -X -a -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$DEMO_DB"
}

demo_mysql() {
  echo
  echo "==================== mysql_fdw: a MariaDB table seen from PostgreSQL"
  demo_psql <<EOF || die "mysql_fdw demo failed"
CREATE EXTENSION mysql_fdw;
CREATE SERVER mysql_svr FOREIGN DATA WRAPPER mysql_fdw OPTIONS (host '$MYSQL_HOST', port '$MYSQL_PORT');
CREATE USER MAPPING FOR CURRENT_USER SERVER mysql_svr OPTIONS (username '$MYSQL_USER', password '$MYSQL_PASSWORD');
CREATE FOREIGN TABLE mysql_tab (id int, name varchar(30)) SERVER mysql_svr OPTIONS (dbname 'postgres', table_name 't1m');
SELECT * FROM mysql_tab;
EOF
}

# odbc_fdw: a SQLite file made on the fly, read through libsqliteodbc with a
# DSN-less server (driver path + odbc_Database), so no odbc.ini is needed.
demo_odbc() {
  local drv dir=$SRC_DIR/odbc_demo
  drv=$(dpkg -L libsqliteodbc 2>/dev/null | grep -m 1 '/odbc/libsqlite3odbc\.so$') ||
    die "the SQLite ODBC driver (package libsqliteodbc) is not installed"
  log "creating SQLite database $dir/demo.db"
  mkdir -p "$dir" || die "cannot create $dir"
  sqlite3 -bail "$dir/demo.db" "CREATE TABLE t1s (id INTEGER PRIMARY KEY, name VARCHAR(30));
    INSERT INTO t1s VALUES (1, 'abc'), (2, 'def'), (3, 'hij');" ||
    die "preparing the SQLite database failed"
  # the backend opens the file (and, for writes, its journal) as postgres
  if [[ $EUID -eq 0 ]]; then chown -R postgres:postgres "$dir" || die "chown $dir failed"; fi
  echo
  echo "==================== odbc_fdw: a SQLite file seen from PostgreSQL"
  demo_psql <<EOF || die "odbc_fdw demo failed"
CREATE EXTENSION odbc_fdw;
CREATE SERVER sqlite_svr FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (driver '$drv', odbc_Database '$dir/demo.db');
CREATE USER MAPPING FOR CURRENT_USER SERVER sqlite_svr;
CREATE FOREIGN TABLE sqlite_tab (id int, name varchar(30)) SERVER sqlite_svr OPTIONS (table 't1s');
SELECT * FROM sqlite_tab;
EXPLAIN (VERBOSE, COSTS OFF) SELECT name FROM sqlite_tab WHERE id > 1;
CREATE SCHEMA sqlite_import;
IMPORT FOREIGN SCHEMA main FROM SERVER sqlite_svr INTO sqlite_import;
INSERT INTO sqlite_import.t1s VALUES (4, 'klm');
SELECT * FROM sqlite_import.t1s ORDER BY id;
EOF
}

print_keep_info() {
  local stop=$SRC_DIR/stop.sh
  cat >"$stop" <<EOF
#!/usr/bin/env bash
# Stops the servers of the demo run in $SRC_DIR and removes that directory.
set -euo pipefail
SRC_DIR='$SRC_DIR'
source '$REPO/test/lib/sources.sh'
src_stop_all
EOF
  chmod 0755 "$stop"
  cat <<EOF

==================== servers left running (--keep)
PostgreSQL: $PG_BINDIR/psql -h 127.0.0.1 -p $PGPORT -U postgres $DEMO_DB
MariaDB:    mariadb --no-defaults -h 127.0.0.1 -P $MYSQL_PORT -u $MYSQL_USER -p$MYSQL_PASSWORD postgres
            (or: mariadb --no-defaults -S $MYSQL_SOCKET -u $MYSQL_USER -p$MYSQL_PASSWORD postgres)
Stop both and remove $SRC_DIR:
            bash $stop
EOF
}

main() {
  parse_args "$@"
  build_and_install
  start_servers
  prepare_mariadb
  "$PG_BINDIR/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres "$DEMO_DB" || die "createdb failed"
  demo_mysql
  demo_odbc
  if [[ $KEEP == 1 ]]; then
    src_detach
    print_keep_info
  else
    echo
    log "done; stopping the servers (use --keep to leave them running)"
    src_stop_all
  fi
}

main "$@"
