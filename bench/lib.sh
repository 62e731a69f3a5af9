# Sourced by bench/run.sh and bench/profile.sh: starts the servers, loads the data, sets up every target.
# shellcheck shell=bash
#
# A "target" is one way of running the benchmark's queries:
#   FDW targets    a PostgreSQL database of the same name holding foreign tables
#                  wide, dim, ins, wide4 on the MariaDB server (odbc_sqlite: in
#                  an SQLite file; tds, peer_tds: on the project's TDS test
#                  server; all with the same rows), plus local tables src (rows
#                  to insert) and keys (nested-loop keys); set up by
#                  setup_target_<name>.  Every case runs the same SQL in each.
#   local          the same tables as PostgreSQL heap tables (what PostgreSQL
#                  itself costs: output functions, executor, COPY).
#   direct         the MariaDB spelling of each query, sent with the mariadb client;
#                  direct_sqlite: the SQLite spelling, in the sqlite3 shell.
#   ref            bench/ref_fetch.c: Connector/C fetching the rows, nothing more;
#                  ref_odbc_mariadb, ref_odbc_sqlite: bench/ref_odbc.c, the same
#                  through an ODBC driver into bound row arrays.
#
# Adding an FDW: write setup_target_<name> (create_pinned_extension, CREATE
# SERVER ... pointing at the same data, then create_fdw_tables <db> <server> N
# [table options format]) and add <name> to FDW_TARGETS in run.sh (and to
# TARGETS to run it by default; to PEER_OF/DIRECT_OF/REF_OF for its ratio
# columns, and to a report group).  A source other than MariaDB brings its
# own data: see load_sqlite and start_tds_source.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../test/lib/sources.sh
source "$REPO/test/lib/sources.sh"

PEER_EXT=peer_mysql_fdw
PEER_TDS_EXT=peer_tds_fdw
MYSQL_DB=bench

blog() { echo "[bench] $*" >&2; }
bdie() {
  blog "ERROR: $*"
  exit 1
}

# ---------------------------------------------------------------- clients

# psql on database $1 with the rest of the arguments; never reads ~/.psqlrc.
bpsql() {
  local db=$1
  shift
  "$PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"
}

# The mariadb client on the bench database, streaming (--quick), no option files.
MARIADB_BIN=
bmysql() {
  [[ -n $MARIADB_BIN ]] || MARIADB_BIN=$(_src_find_cmd mariadb mysql) || return 1
  MYSQL_PWD=$MYSQL_PASSWORD "$MARIADB_BIN" --no-defaults --batch --quick \
    --default-character-set=utf8mb4 --protocol=TCP --host="$MYSQL_HOST" --port="$MYSQL_PORT" \
    --user="$MYSQL_USER" --database="$MYSQL_DB" "$@"
}

# ---------------------------------------------------------------- installation

# Our mysql_fdw must be installed (make install); build it when it is not, or when asked.
ensure_ours_installed() {
  local force=$1 libdir sharedir
  libdir=$("$PG_CONFIG" --pkglibdir)
  sharedir=$("$PG_CONFIG" --sharedir)/extension
  if [[ $force == 1 || ! -f $libdir/mysql_fdw.so || ! -f $sharedir/mysql_fdw.control ]]; then
    blog "building and installing the FDWs (make && make install)"
    bash "$REPO/test/deps.sh" >&2 || return 1
    make -C "$REPO" -s PG_CONFIG="$PG_CONFIG" >&2 || return 1
    make -C "$REPO" -s PG_CONFIG="$PG_CONFIG" install >&2 || return 1
  fi
  # The Debian package of the peer installs files of the same names as ours:
  # refuse to benchmark it under our name.
  if grep -q EnterpriseDB "$sharedir/mysql_fdw.control"; then
    blog "$sharedir/mysql_fdw.control is the Debian package's (EnterpriseDB mysql_fdw), not ours:"
    blog "remove postgresql-*-mysql-fdw and run make install"
    return 1
  fi
}

# Debian's package $1 (postgresql-NN-<fdw>) installed as extension $3, next
# to ours: it cannot be installed with dpkg here, since it ships
# $libdir/$2.so and $2.control, the same files as ours.  So the package is
# downloaded with apt and its files copied under the new name; the C symbols
# (mysql_fdw_handler...) stay, only the SQL-level FDW name and
# MODULE_PATHNAME change.  Sets RENAMED_VERSION to "<package> <version>".
install_renamed_package() {
  local pkg=$1 ext=$2 new=$3 comment=$4 libdir sharedir major work deb ctl ver script f
  libdir=$("$PG_CONFIG" --pkglibdir)
  sharedir=$("$PG_CONFIG" --sharedir)/extension
  major=$("$PG_CONFIG" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
  pkg=${pkg//NN/$major}

  if [[ -f $libdir/$new.so && -f $sharedir/$new.control ]]; then
    RENAMED_VERSION=$(cat "$sharedir/$new.package-version" 2>/dev/null || echo unknown)
    return 0
  fi
  work=$SRC_DIR/package-$new
  mkdir -p "$work" && chmod 0777 "$work"
  blog "downloading $pkg (apt-get download)"
  (cd "$work" && apt-get download -q "$pkg") >&2 2>/dev/null ||
    (cd "$work" && apt-get update -q >/dev/null && apt-get download -q "$pkg") >&2 ||
    return 1
  local debs=("$work"/*.deb)
  deb=${debs[0]}
  dpkg-deb -x "$deb" "$work/x" || return 1
  f=$work/x/usr/share/postgresql/$major/extension
  ctl=$f/$ext.control
  ver=$(sed -nE "s/^default_version *= *'([^']+)'.*/\1/p" "$ctl")
  # the newest full script; else the 1.0 script followed by the upgrade scripts
  if [[ -f $f/$ext--$ver.sql ]]; then
    script=$(cat "$f/$ext--$ver.sql")
  else
    local ups
    mapfile -t ups < <(printf '%s\n' "$f"/"$ext"--*--*.sql | sort -V)
    script=$(cat "$f/$ext--1.0.sql" "${ups[@]}")
  fi
  printf '%s\n' "$script" |
    sed -e "s/FOREIGN DATA WRAPPER $ext\b/FOREIGN DATA WRAPPER $new/" \
      >"$sharedir/$new--$ver.sql" || return 1
  sed -e "s|^module_pathname.*|module_pathname = '\$libdir/$new'|" \
    -e "s|^comment *=.*|comment = '$comment'|" \
    "$ctl" >"$sharedir/$new.control" || return 1
  install -m 0755 "$work/x/usr/lib/postgresql/$major/lib/$ext.so" "$libdir/$new.so" || return 1
  echo "$(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)" >"$sharedir/$new.package-version"
  RENAMED_VERSION=$(cat "$sharedir/$new.package-version")
  blog "installed $new from $RENAMED_VERSION"
}

# The peer of mysql_fdw: Debian's postgresql-NN-mysql-fdw (EnterpriseDB
# mysql_fdw) as peer_mysql_fdw.
install_peer() {
  # It dlopen()s "libmysqlclient.so", which Debian's libmariadb-dev-compat
  # provides (the package's own dependency, via default-libmysqlclient-dev).
  if ! dpkg-query -W -f='${Status}' libmariadb-dev-compat 2>/dev/null | grep -q 'ok installed'; then
    blog "installing libmariadb-dev-compat (libmysqlclient.so for the peer)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 \
      libmariadb-dev-compat >&2 || return 1
  fi
  install_renamed_package postgresql-NN-mysql-fdw mysql_fdw "$PEER_EXT" \
    'EnterpriseDB mysql_fdw (Debian package), renamed for benchmarking' || return 1
  # shellcheck disable=SC2034 # (used by run.sh)
  PEER_VERSION=$RENAMED_VERSION
}

# The peer of tds_fdw: Debian's postgresql-NN-tds-fdw (tds_fdw 2.0) as
# peer_tds_fdw.  Its only other dependency, libsybdb5, is ours too.
install_peer_tds() {
  install_renamed_package postgresql-NN-tds-fdw tds_fdw "$PEER_TDS_EXT" \
    'tds_fdw (Debian package), renamed for benchmarking' || return 1
  # shellcheck disable=SC2034 # (used by run.sh)
  PEER_TDS_VERSION=$RENAMED_VERSION
}

# ---------------------------------------------------------------- servers

# Starts PostgreSQL and MariaDB (test/lib/sources.sh) and tunes them for the benchmark.
start_servers() {
  src_init || return 1
  pg_start || return 1
  mariadb_start || return 1
  # The test harness's MariaDB has a 64 MB buffer pool: the table would be
  # read from the OS cache at every scan.  Size it for the data instead.
  mysql_exec "SET GLOBAL innodb_buffer_pool_size = $((2048 * 1024 * 1024));
              SET GLOBAL innodb_flush_log_at_trx_commit = 2;" || return 1
  # JIT would add a compile step to the big plans of some targets only.
  bpsql postgres -c "ALTER SYSTEM SET jit = off" -c "SELECT pg_reload_conf()" >/dev/null || return 1
}

# ---------------------------------------------------------------- data

# wide: N deterministic rows; wide4: 4N (memory test only); dim: 1,000 rows;
# src: the rows case 6 inserts; keys: the nested loop's 1,000 keys.
load_source() {
  local n=$1 n4=$2 nins=$3
  blog "loading MariaDB: wide ($n rows)${n4:+, wide4 ($n4 rows)}, dim, src, keys"
  mysql_exec "CREATE DATABASE IF NOT EXISTS $MYSQL_DB" || return 1
  local cols="id int PRIMARY KEY, i bigint NOT NULL, s varchar(30), d double,
              n decimal(12,2), ts datetime, dt date, t text, b tinyint(1)"
  # every value is a function of the row number (MariaDB's sequence engine)
  local gen="SELECT seq, (seq * 7919) % 1000003, LEFT(MD5(seq), 5 + seq % 25), seq / 7e0,
              (seq * 37 % 10000000) / 100, TIMESTAMP'2020-01-01 00:00:00' + INTERVAL seq SECOND,
              DATE'2000-01-01' + INTERVAL (seq % 10000) DAY,
              IF(seq % 10 = 0, NULL, REPEAT(MD5(seq), 1 + seq % 3)), seq % 2"
  bmysql -e "
    DROP TABLE IF EXISTS wide, wide4, dim, src, keys_, ins, bench_timing;
    CREATE TABLE wide ($cols) ENGINE=InnoDB;
    INSERT INTO wide $gen FROM seq_1_to_$n;
    CREATE TABLE dim (id int PRIMARY KEY, name varchar(30), grp int) ENGINE=InnoDB;
    INSERT INTO dim SELECT seq, CONCAT('dim-', seq), seq % 10 FROM seq_1_to_1000;
    CREATE TABLE src ($cols) ENGINE=InnoDB;
    INSERT INTO src SELECT * FROM wide WHERE id <= $nins;
    CREATE TABLE keys_ (id int PRIMARY KEY) ENGINE=InnoDB;
    INSERT INTO keys_ SELECT 1 + (seq - 1) * ($n DIV 1000) FROM seq_1_to_1000;
    CREATE TABLE ins ($cols) ENGINE=InnoDB;
    CREATE TABLE bench_timing (target varchar(20), name varchar(20), run int, us bigint) ENGINE=MEMORY;
    ANALYZE TABLE wide, dim, src, keys_;" >/dev/null || return 1
  if [[ -n $n4 ]]; then
    bmysql -e "CREATE TABLE wide4 ($cols) ENGINE=InnoDB; INSERT INTO wide4 $gen FROM seq_1_to_$n4;" ||
      return 1
  fi
  # read everything once so the first target does not pay for a cold buffer pool
  bmysql -e "CHECKSUM TABLE wide, dim, src" >/dev/null
  # case 6's direct spelling: the rows of src as a client sends them
  MYSQL_PWD=$MYSQL_PASSWORD "$(_src_find_cmd mariadb-dump mysqldump)" --no-defaults --protocol=TCP \
    --host="$MYSQL_HOST" --port="$MYSQL_PORT" --user="$MYSQL_USER" --skip-extended-insert --compact \
    --no-create-info --skip-triggers "$MYSQL_DB" src |
    insert_script "START TRANSACTION;" ins >"$SRC_DIR/ins_mysql.sql" || return 1
}

# Case 6's direct reference, as the issue defines it: "a direct multi-row
# INSERT of the same rows".  Reads one "INSERT INTO <t> VALUES (...);" per
# row (mariadb-dump --skip-extended-insert, sqlite3 .mode insert) and writes
# statements of 1,000 rows each (our FDWs' batch_size), into table $2, in one
# transaction opened by $1: what a client sending those rows itself does.
insert_script() {
  local begin=$1 table=$2
  awk -v begin="$begin" -v tbl="$table" -v per=1000 '
    BEGIN { print begin }
    /^INSERT INTO / {
      v = $0
      sub(/^INSERT INTO [^ ]+ VALUES ?/, "", v)
      sub(/;$/, "", v)
      if (n == 0) printf "INSERT INTO %s VALUES\n%s", tbl, v
      else printf ",\n%s", v
      if (++n == per) { print ";"; n = 0 }
      rows++
    }
    END { if (n) print ";"; print "COMMIT;"; if (rows == 0) exit 1 }'
}

# The foreign tables every FDW target has (column types as IMPORT FOREIGN SCHEMA would make them).
# $4: the FDW's table options as a printf format of the remote table name
# (default mysql_fdw's spelling; odbc_fdw says schema/table).  $5: a file
# (COPY format) to fill the local table src from, for an FDW that cannot
# read remote_src itself; by default src is a copy of remote_src.
# shellcheck disable=SC2059 # the format is the caller's table options, on purpose
create_fdw_tables() {
  local db=$1 server=$2 n=$3 fmt=${4:-"dbname '$MYSQL_DB', table_name '%s'"} src_file=${5:-} fill_src
  fill_src="CREATE TABLE src AS SELECT * FROM remote_src;"
  [[ -n $src_file ]] && fill_src="CREATE TABLE src (LIKE remote_src); COPY src FROM '$src_file';"
  bpsql "$db" >/dev/null <<EOF
CREATE FOREIGN TABLE wide (id int, i bigint, s varchar(30), d float8, n numeric(12,2),
  ts timestamp, dt date, t text, b boolean)
  SERVER $server OPTIONS ($(printf "$fmt" wide));
CREATE FOREIGN TABLE wide4 (id int, i bigint, s varchar(30), d float8, n numeric(12,2),
  ts timestamp, dt date, t text, b boolean)
  SERVER $server OPTIONS ($(printf "$fmt" wide4));
CREATE FOREIGN TABLE ins (id int, i bigint, s varchar(30), d float8, n numeric(12,2),
  ts timestamp, dt date, t text, b boolean)
  SERVER $server OPTIONS ($(printf "$fmt" ins));
CREATE FOREIGN TABLE dim (id int, name varchar(30), grp int)
  SERVER $server OPTIONS ($(printf "$fmt" dim));
CREATE FOREIGN TABLE remote_src (id int, i bigint, s varchar(30), d float8, n numeric(12,2),
  ts timestamp, dt date, t text, b boolean)
  SERVER $server OPTIONS ($(printf "$fmt" src));
-- local tables: the rows case 6 inserts, the keys of case 7's nested loop
$fill_src
CREATE TABLE keys AS SELECT (1 + (g - 1) * ($n / 1000))::int AS id FROM generate_series(1, 1000) g;
ANALYZE src;
ANALYZE keys;
-- statistics for the planner where the FDW can gather them (the peer cannot:
-- it answers "cannot analyze this foreign table", a warning)
SET client_min_messages = error;
ANALYZE wide;
ANALYZE dim;
EOF
}

create_target_db() {
  bpsql postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1" \
    -c "CREATE DATABASE $1" >/dev/null
}

# A private copy of our installed mysql_fdw.so, taken once: other engineers
# run `make install` while the benchmark runs, and a library replaced (or
# briefly missing) in the middle of a run would mix two builds.
# OURS_SO_FROM (run.sh --so) names another build's mysql_fdw.so to measure
# instead, for before/after comparisons; its SQL objects still come from the
# installed extension script.
snapshot_ours() {
  local from=${OURS_SO_FROM:-} where
  if [[ -z $from ]]; then
    from=$("$PG_CONFIG" --pkglibdir)/mysql_fdw.so
    where="installed build: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo "?") + $(git -C "$REPO" status --porcelain 2>/dev/null | grep -c -v '^??' || true) modified files, .so installed"
  else
    where="$from, built"
  fi
  [[ -r $from ]] || { blog "no library $from"; return 1; }
  mkdir -p "$SRC_DIR/ours" || return 1
  OURS_SO=$SRC_DIR/ours/mysql_fdw.so
  install -m 0755 "$from" "$OURS_SO" || return 1
  # shellcheck disable=SC2034 # (used by run.sh)
  OURS_BUILD="$where $(date -r "$from" '+%F %T'), md5 $(md5sum "$OURS_SO" | cut -c1-12)"
}

# CREATE EXTENSION $2 in database $1, its C functions pointed at library $3.
create_pinned_extension() {
  local db=$1 ext=$2 so=$3 defs
  bpsql "$db" -c "CREATE EXTENSION $ext" >/dev/null || return 1
  defs=$(bpsql "$db" -At -c "
    SELECT pg_get_functiondef(p.oid) || ';'
    FROM pg_proc p
    JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
    JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = '$ext'
    WHERE p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c')") || return 1
  [[ $defs == *"'\$libdir/$ext'"* ]] || { blog "unexpected $ext functions: $defs"; return 1; }
  printf '%s\n' "${defs//\'\$libdir\/$ext\'/\'$so\'}" | bpsql "$db" >/dev/null
}

# Our mysql_fdw in database $1, its C functions pointed at library $2
# (N rows $3; $4: more server options, ", name 'value'").
setup_ours_db() {
  local db=$1 so=$2 n=$3 more=${4:-}
  create_target_db "$db" || return 1
  create_pinned_extension "$db" mysql_fdw "$so" || return 1
  bpsql "$db" >/dev/null <<EOF || return 1
CREATE SERVER svr FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host '$MYSQL_HOST', port '$MYSQL_PORT'$more);
CREATE USER MAPPING FOR CURRENT_USER SERVER svr
  OPTIONS (username '$MYSQL_USER', password '$MYSQL_PASSWORD');
EOF
  create_fdw_tables "$db" svr "$n"
}

# Our mysql_fdw: the snapshot of the installed build (or of --so).
setup_target_mysql_fdw() {
  [[ -n ${OURS_SO:-} ]] || snapshot_ours || return 1
  setup_ours_db mysql_fdw "$OURS_SO" "$1"
}

# The same build with two-phase commit off: the cost of 2PC (cases with CASE_WRITE).
setup_target_mysql_fdw_1pc() {
  [[ -n ${OURS_SO:-} ]] || snapshot_ours || return 1
  setup_ours_db mysql_fdw_1pc "$OURS_SO" "$1" ", two_phase_commit 'false'"
}

# A second build of ours (run.sh --so-b PATH), measured in the same run: an A/B comparison.
setup_target_mysql_fdw_b() {
  [[ -r ${OURS_SO_B_FROM:-} ]] || { blog "mysql_fdw_b needs --so-b PATH"; return 1; }
  mkdir -p "$SRC_DIR/ours_b" || return 1
  install -m 0755 "$OURS_SO_B_FROM" "$SRC_DIR/ours_b/mysql_fdw.so" || return 1
  # shellcheck disable=SC2034 # (used by run.sh)
  OURS_BUILD_B="$OURS_SO_B_FROM, built $(date -r "$OURS_SO_B_FROM" '+%F %T'), md5 $(md5sum "$OURS_SO_B_FROM" | cut -c1-12)"
  setup_ours_db mysql_fdw_b "$SRC_DIR/ours_b/mysql_fdw.so" "$1"
}

# The path of ODBC driver library $2 that Debian package $1 installs; notes
# the package's version for the report.
declare -A ODBC_DRIVERS
odbc_driver() {
  local drv
  drv=$(dpkg -L "$1" 2>/dev/null | grep -m 1 "/odbc/$2\$") || true
  [[ -f $drv ]] || { blog "ODBC driver $2 (package $1) is not installed"; return 1; }
  ODBC_DRIVER=$drv
  # shellcheck disable=SC2034 # (used by run.sh)
  ODBC_DRIVERS[$1]=$(dpkg-query -W -f='${Package} ${Version}' "$1")
}

# A private copy of the installed odbc_fdw.so, taken once for every odbc target.
snapshot_odbc() {
  ODBC_SO=$SRC_DIR/ours/odbc_fdw.so
  [[ -n ${ODBC_BUILD:-} ]] && return 0
  mkdir -p "$SRC_DIR/ours" && install -m 0755 "$("$PG_CONFIG" --pkglibdir)/odbc_fdw.so" "$ODBC_SO" || return 1
  # shellcheck disable=SC2034 # (used by run.sh)
  ODBC_BUILD="odbc_fdw.so md5 $(md5sum "$ODBC_SO" | cut -c1-12)"
}

# Our odbc_fdw through MariaDB Connector/ODBC (Debian's odbc-mariadb), on the
# same MariaDB tables; DSN-less (driver library and attributes on the server),
# so no odbc.ini is needed.  Like mysql_fdw, the installed library is copied
# once and the extension pointed at the copy.
setup_target_odbc_mariadb() {
  local n=$1
  odbc_driver odbc-mariadb libmaodbc.so && snapshot_odbc || return 1
  create_target_db odbc_mariadb || return 1
  create_pinned_extension odbc_mariadb odbc_fdw "$ODBC_SO" || return 1
  bpsql odbc_mariadb >/dev/null <<EOF || return 1
CREATE SERVER svr FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (driver '$ODBC_DRIVER', odbc_Server '$MYSQL_HOST', odbc_Port '$MYSQL_PORT',
           odbc_Database '$MYSQL_DB');
CREATE USER MAPPING FOR CURRENT_USER SERVER svr
  OPTIONS (username '$MYSQL_USER', password '$MYSQL_PASSWORD');
EOF
  create_fdw_tables odbc_mariadb svr "$n" "schema '$MYSQL_DB', table '%s'"
}

# Copies the rows of MariaDB tables $2... into the tables of the same names in
# SQLite file $1, which exist: exported with `mariadb --batch`, imported with
# sqlite3's .import (the declared column types convert the text).  The batch
# format writes NULL as the word NULL; only the column t can be NULL.
sqlite_copy_from_mariadb() {
  local db=$1 t
  shift
  for t in "$@"; do
    bmysql -N -e "SELECT * FROM $t" >"$db.$t.tsv" || return 1
    sqlite3 -bail "$db" ".timeout 30000" ".mode tabs" ".import '$db.$t.tsv' $t" || return 1
    rm -f "$db.$t.tsv"
    case $t in
      wide | wide4 | src)
        sqlite3 -bail "$db" ".timeout 30000" "UPDATE $t SET t = NULL WHERE t = 'NULL'" || return 1
        ;;
    esac
  done
}

# The same rows in an SQLite file, $SRC_DIR/sqlite/bench.db, for the targets
# odbc_sqlite, direct_sqlite and ref_odbc_sqlite (made once).  Plain SQLite
# types whose affinities store what MariaDB has: integers, REAL doubles,
# decimals as REAL (INTEGER when whole), dates and timestamps as ISO text,
# booleans as 0/1.  keys_ is for case 7's direct spelling; wide4 only for the
# memory test of odbc_sqlite.
SQLITE_DB=
load_sqlite() {
  local dir=$SRC_DIR/sqlite cols tables=(wide dim src keys_)
  [[ -n $SQLITE_DB ]] && return 0
  [[ -n ${N4:-} ]] && tables+=(wide4)
  blog "loading SQLite: ${tables[*]}"
  mkdir -p "$dir" || return 1
  cols="id INTEGER PRIMARY KEY, i BIGINT NOT NULL, s VARCHAR(30), d DOUBLE, n DECIMAL(12,2),
        ts TIMESTAMP, dt DATE, t TEXT, b BOOLEAN"
  rm -f "$dir/bench.db"
  sqlite3 -bail "$dir/bench.db" "CREATE TABLE wide ($cols)" "CREATE TABLE wide4 ($cols)" \
    "CREATE TABLE src ($cols)" "CREATE TABLE ins ($cols)" \
    "CREATE TABLE dim (id INTEGER PRIMARY KEY, name VARCHAR(30), grp INTEGER)" \
    "CREATE TABLE keys_ (id INTEGER PRIMARY KEY)" || return 1
  sqlite_copy_from_mariadb "$dir/bench.db" "${tables[@]}" || return 1
  # the backend (postgres) opens the file, and writes its journal here (case 6)
  if [[ $EUID -eq 0 ]]; then chown -R postgres:postgres "$dir" || return 1; fi
  # case 6 empties ins with this instead of reset_ins.sh (run.sh)
  echo "sqlite3 -bail '$dir/bench.db' '.timeout 30000' 'DELETE FROM ins'" >"$SRC_DIR/reset_ins-odbc_sqlite.sh"
  sqlite3 -bail "$dir/bench.db" ".mode insert ins" "SELECT * FROM src" |
    insert_script "BEGIN;" ins >"$SRC_DIR/ins_sqlite.sql" || return 1
  SQLITE_DB=$dir/bench.db
}

# Our odbc_fdw through the SQLite ODBC driver (Debian's libsqliteodbc) on
# load_sqlite's file; DSN-less, as the odbc_sqlite test suite connects.
setup_target_odbc_sqlite() {
  local n=$1
  odbc_driver libsqliteodbc libsqlite3odbc.so && snapshot_odbc && load_sqlite || return 1
  create_target_db odbc_sqlite || return 1
  create_pinned_extension odbc_sqlite odbc_fdw "$ODBC_SO" || return 1
  bpsql odbc_sqlite >/dev/null <<EOF || return 1
CREATE SERVER svr FOREIGN DATA WRAPPER odbc_fdw
  OPTIONS (driver '$ODBC_DRIVER', odbc_Database '$SQLITE_DB');
CREATE USER MAPPING FOR CURRENT_USER SERVER svr;
EOF
  create_fdw_tables odbc_sqlite svr "$n" "table '%s'"
}

# The sqlite3 shell on the same file (run.sh opens it); only the data is needed.
setup_target_direct_sqlite() { load_sqlite; }

# bench/ref_odbc.c, compiled into the run directory.
build_ref_odbc() {
  REF_ODBC_BIN=$SRC_DIR/ref_odbc
  [[ -x $REF_ODBC_BIN ]] && return 0
  gcc -O2 -Wall -Wextra -o "$REF_ODBC_BIN" "$BENCH_DIR/ref_odbc.c" -lodbc
}

# ref_odbc through each driver: the connection strings run.sh opens it with.
declare -A ODBC_CONN
setup_target_ref_odbc_mariadb() {
  odbc_driver odbc-mariadb libmaodbc.so && build_ref_odbc || return 1
  # shellcheck disable=SC2034 # (used by run.sh)
  ODBC_CONN[ref_odbc_mariadb]="DRIVER=$ODBC_DRIVER;SERVER=$MYSQL_HOST;PORT=$MYSQL_PORT;DATABASE=$MYSQL_DB;UID=$MYSQL_USER;PWD=$MYSQL_PASSWORD"
}
setup_target_ref_odbc_sqlite() {
  odbc_driver libsqliteodbc libsqlite3odbc.so && build_ref_odbc && load_sqlite || return 1
  # shellcheck disable=SC2034 # (used by run.sh)
  ODBC_CONN[ref_odbc_sqlite]="DRIVER=$ODBC_DRIVER;Database=$SQLITE_DB"
}

# The project's TDS test server (test/tds: T-SQL over an SQLite file, not SQL
# Server), holding the same rows as MariaDB, for the targets tds and peer_tds
# (started once).  The tables are made through the server (its SQLite schema
# keeps the declared T-SQL types); the rows, exported from MariaDB, are
# written into the SQLite file directly, since a million INSERTs through the
# server would take minutes.  The server stops when the benchmark ends.
TDS_USER=bench
TDS_PASSWORD=Bench-pw1
TDS_PORT=
start_tds_source() {
  local dir=$SRC_DIR/tds i port cols
  [[ -n $TDS_PORT ]] && return 0
  make -s -C "$REPO/test/tds" >&2 || return 1
  mkdir -p "$dir" || return 1
  setsid "$REPO/test/tds/tds_test_server" --port 0 --database "$dir/bench.db" \
    --user "$TDS_USER" --password "$TDS_PASSWORD" </dev/null >"$dir/port" 2>"$dir/server.err" &
  TDS_PID=$!
  (while kill -0 "$$" 2>/dev/null; do sleep 1; done; kill -TERM "$TDS_PID" 2>/dev/null) \
    </dev/null >/dev/null 2>&1 &
  for ((i = 0; i < 100; i++)); do
    port=$(head -n 1 "$dir/port" 2>/dev/null)
    [[ $port =~ ^[0-9]+$ ]] && break
    sleep 0.1
  done
  [[ $port =~ ^[0-9]+$ ]] || { cat "$dir/server.err" >&2; blog "tds_test_server reported no port"; return 1; }
  cols="id int NOT NULL PRIMARY KEY, i bigint NOT NULL, s varchar(30), d float, n decimal(12,2),
        ts datetime2(0), dt date, t varchar(max), b bit"
  printf '%s\nGO\n' "CREATE TABLE wide ($cols)" "CREATE TABLE wide4 ($cols)" "CREATE TABLE src ($cols)" \
    "CREATE TABLE ins ($cols)" "CREATE TABLE dim (id int NOT NULL PRIMARY KEY, name varchar(30), grp int)" \
    >"$dir/create.sql"
  echo "TRUNCATE TABLE ins" >"$dir/truncate_ins.sql"
  printf '%s\n' "TDS_HOST=127.0.0.1 TDS_PORT=$port TDS_USER=$TDS_USER TDS_PASSWORD=$TDS_PASSWORD TDS_DATABASE=bench \\" \
    "  /usr/bin/python3 '$REPO/test/fixtures/tds/load.py' \"\$@\"" >"$dir/load.sh"
  bash "$dir/load.sh" "$dir/create.sql" || return 1
  # case 6 makes the remote ins anew with this instead of reset_ins.sh (run.sh)
  echo "bash '$dir/load.sh' '$dir/truncate_ins.sql'" >"$SRC_DIR/reset_ins-tds.sh"
  cp "$SRC_DIR/reset_ins-tds.sh" "$SRC_DIR/reset_ins-peer_tds.sh" || return 1
  # shellcheck disable=SC2046
  sqlite_copy_from_mariadb "$dir/bench.db" wide dim src $([[ -n ${N4:-} ]] && echo wide4) || return 1
  TDS_PORT=$port
}

# Database $1 with FDW $2 of extension $3 on the TDS test server; the
# extension's C functions pointed at library $4 when it is given; $6 is
# create_fdw_tables's src file.
setup_tds_db() {
  local db=$1 fdw=$2 ext=$3 so=$4 n=$5 src_file=${6:-}
  create_target_db "$db" || return 1
  if [[ -n $so ]]; then
    create_pinned_extension "$db" "$ext" "$so" || return 1
  else
    bpsql "$db" -c "CREATE EXTENSION $ext" >/dev/null || return 1
  fi
  bpsql "$db" >/dev/null <<EOF || return 1
CREATE SERVER svr FOREIGN DATA WRAPPER $fdw
  OPTIONS (servername '127.0.0.1', port '$TDS_PORT', database 'bench');
CREATE USER MAPPING FOR CURRENT_USER SERVER svr
  OPTIONS (username '$TDS_USER', password '$TDS_PASSWORD');
EOF
  create_fdw_tables "$db" svr "$n" "table_name 'dbo.%s'" "$src_file"
}

# Our tds_fdw against the TDS test server (start_tds_source).  Its figures
# measure tds_fdw and that server together: compare them with peer_tds's,
# not with MariaDB's.
setup_target_tds() {
  local so=$SRC_DIR/ours/tds_fdw.so
  start_tds_source || return 1
  mkdir -p "$SRC_DIR/ours" || return 1
  install -m 0755 "$("$PG_CONFIG" --pkglibdir)/tds_fdw.so" "$so" || return 1
  # shellcheck disable=SC2034 # (used by run.sh)
  TDS_BUILD="tds_fdw.so md5 $(md5sum "$so" | cut -c1-12), test/tds/tds_test_server on 127.0.0.1:$TDS_PORT"
  setup_tds_db tds tds_fdw tds_fdw "$so" "$1"
}

# Debian's tds_fdw as peer_tds_fdw (install_peer_tds), on the same server
# and tables, with its default options.  It turns date and datetime2 values
# into text with FreeTDS's default date format ("Jan  1 2020 12:00:01:AM"),
# which PostgreSQL does not read, so it cannot copy remote_src into src: the
# rows come from the mysql_fdw target instead.  The cases that read those
# columns fail (n/a in the report).
setup_target_peer_tds() {
  local rows=$SRC_DIR/peer_tds-src.rows
  start_tds_source || return 1
  bpsql mysql_fdw -c "COPY (SELECT * FROM remote_src) TO '$rows'" >/dev/null || return 1
  setup_tds_db peer_tds "$PEER_TDS_EXT" "$PEER_TDS_EXT" "" "$1" "$rows"
}

# EnterpriseDB's mysql_fdw from Debian, as peer_mysql_fdw (install_peer).
setup_target_peer() {
  local n=$1
  create_target_db peer || return 1
  bpsql peer >/dev/null <<EOF || return 1
CREATE EXTENSION $PEER_EXT;
CREATE SERVER svr FOREIGN DATA WRAPPER $PEER_EXT
  OPTIONS (host '$MYSQL_HOST', port '$MYSQL_PORT');
CREATE USER MAPPING FOR CURRENT_USER SERVER svr
  OPTIONS (username '$MYSQL_USER', password '$MYSQL_PASSWORD');
EOF
  create_fdw_tables peer svr "$n"
}

# The same data in PostgreSQL heap tables (copied through our FDW).
setup_target_local() {
  local n=$1 f
  create_target_db local || return 1
  for f in wide dim src; do
    bpsql mysql_fdw -c "COPY (SELECT * FROM $([[ $f == src ]] && echo remote_src || echo "$f")) TO '$SRC_DIR/$f.copy'" ||
      return 1
  done
  bpsql local >/dev/null <<EOF || return 1
CREATE TABLE wide (id int PRIMARY KEY, i bigint, s varchar(30), d float8, n numeric(12,2),
  ts timestamp, dt date, t text, b boolean);
CREATE TABLE dim (id int PRIMARY KEY, name varchar(30), grp int);
CREATE TABLE src (LIKE wide);
CREATE TABLE ins (LIKE wide INCLUDING ALL);
COPY wide FROM '$SRC_DIR/wide.copy';
COPY dim FROM '$SRC_DIR/dim.copy';
COPY src FROM '$SRC_DIR/src.copy';
CREATE TABLE keys AS SELECT (1 + (g - 1) * ($n / 1000))::int AS id FROM generate_series(1, 1000) g;
VACUUM ANALYZE wide;
VACUUM ANALYZE dim;
ANALYZE src;
ANALYZE keys;
EOF
  rm -f "$SRC_DIR"/*.copy
}

# bench/ref_fetch.c, compiled into the run directory.
build_ref() {
  REF_BIN=$SRC_DIR/ref_fetch
  # shellcheck disable=SC2046
  gcc -O2 -Wall -Wextra $(mariadb_config --cflags) -o "$REF_BIN" "$BENCH_DIR/ref_fetch.c" \
    $(mariadb_config --libs) || return 1
}
