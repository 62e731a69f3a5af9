#!/usr/bin/env bash
# Fault injection for the faults suite: stops, resumes, kills and restarts the harness's own servers, and cancels or terminates backends, on a test's request.
#
# Called by the tests through psql (\! and backticks), with the environment
# test/run.sh exports (SRC_DIR, MYSQL_*, TDS_*, PG_BINDIR, PGHOST, PGPORT).
# Every command returns at once unless it says it waits; what runs on in the
# background has its output sent elsewhere, so psql never waits for it.
#
#   fault.sh stop SERVER SECS     SIGSTOP the server; it is resumed (SIGCONT)
#                                 after SECS by a detached helper whatever the
#                                 test does, so a failing test cannot leave it
#                                 stopped for the suites that follow
#   fault.sh cont SERVER          SIGCONT now
#   fault.sh kill SERVER          SIGKILL, and wait until it is gone
#   fault.sh restart SERVER       start it again on the same data and port;
#                                 waits until it answers
#   fault.sh signal SECS cancel|terminate PID
#                                 pg_cancel_backend / pg_terminate_backend(PID)
#                                 after SECS, from a detached helper
#   fault.sh bg NAME DB SQL       run SQL in a background psql session on DB
#                                 (application_name NAME)
#   fault.sh mysqlbg NAME SQL     run SQL in a background MariaDB client session
#   fault.sh wait NAME            wait (at most 30 s) for a background session
#                                 to end; print its errors ("ERROR:  57014",
#                                 "remote error 1213") or "no error"
#   fault.sh mysql SQL            run SQL on the MariaDB server (client), print
#                                 the rows, or "remote error N"
#   fault.sh tds SQL              read the TDS test server's SQLite file
#   fault.sh shardsql I SQL       run SQL on shard I (1-based; the mysql_shard
#                                 suite's servers), print the rows or
#                                 "remote error N"
#
# SERVER is mariadb, tds (the project's TDS test server: its listener and
# session processes, one process group) or shard<I> (shard I of the
# mysql_shard suite).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=sources.sh
source "$REPO/test/lib/sources.sh"

die() { echo "fault.sh: $*" >&2; exit 1; }

# The signal target of SERVER: a pid, or -pgid for the TDS server's group.
target() {
  local pid
  case $1 in
    mariadb)
      pid=$(_mariadb_pid)
      [[ -n $pid ]] || die "no local mariadbd"
      echo "$pid"
      ;;
    tds)
      pid=$(cat "$SRC_DIR/tds/pid" 2>/dev/null) || die "no local TDS test server"
      echo "-$pid"
      ;;
    shard[0-9]*)
      pid=$(_shard_pid "${1#shard}")
      [[ -n $pid ]] || die "no local $1"
      echo "$pid"
      ;;
    *) die "unknown server $1" ;;
  esac
}

# Runs a command detached from psql: its own session, no shared output.
detach() {
  setsid "$@" </dev/null >/dev/null 2>&1 &
}

# Ends the helper that would resume SERVER later (an earlier stop's), so
# that it cannot resume the server in the middle of a later stop.
cancel_resumer() {
  local f=$SRC_DIR/faults/$1.resumer pid
  mkdir -p "$SRC_DIR/faults"
  if [[ -f $f ]]; then
    pid=$(cat "$f")
    kill -TERM -- "-$pid" 2>/dev/null || true
    rm -f "$f"
  fi
}

tds_restart() {
  local dir=$SRC_DIR/tds pid i
  setsid "$REPO/test/tds/tds_test_server" --port "$TDS_PORT" --database "$dir/regress.db" \
    --user "$TDS_USER" --password "$TDS_PASSWORD" --log "$TDS_SQL_LOG" \
    </dev/null >"$dir/port.restart" 2>>"$dir/server.err" &
  pid=$!
  echo "$pid" >"$dir/pid"
  # stopped with the run, like the first one (prestart_tds)
  detach bash -c "while kill -0 ${TDS_RUN_PID:-1} 2>/dev/null; do sleep 1; done; kill -TERM $pid"
  for ((i = 0; i < 100; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$TDS_PORT") 2>/dev/null; then return 0; fi
    kill -0 "$pid" 2>/dev/null || die "tds_test_server exited: $(tail -n 3 "$dir/server.err")"
    sleep 0.1
  done
  die "tds_test_server did not listen on $TDS_PORT"
}

cmd=${1:-}
shift || true
case $cmd in
  stop)
    t=$(target "$1")
    cancel_resumer "$1"
    kill -STOP -- "$t"
    detach bash -c "sleep $2; kill -CONT -- $t"
    echo "$!" >"$SRC_DIR/faults/$1.resumer"
    echo stopped
    ;;
  cont)
    cancel_resumer "$1"
    kill -CONT -- "$(target "$1")"
    echo resumed
    ;;
  kill)
    t=$(target "$1")
    kill -KILL -- "$t"
    for ((i = 0; i < 100; i++)); do
      kill -0 -- "$t" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 -- "$t" 2>/dev/null && die "$1 did not die"
    echo killed
    ;;
  restart)
    case $1 in
      mariadb) mariadb_restart >/dev/null 2>&1 || die "mariadb did not restart" ;;
      tds) tds_restart ;;
      shard[0-9]*) shard_restart "${1#shard}" >/dev/null 2>&1 || die "$1 did not restart" ;;
      *) die "unknown server $1" ;;
    esac
    echo restarted
    ;;
  signal)
    case $2 in
      cancel) fn=pg_cancel_backend ;;
      terminate) fn=pg_terminate_backend ;;
      *) die "signal: cancel or terminate" ;;
    esac
    detach bash -c "sleep $1; '$PG_BINDIR/psql' -X -q -d postgres -c 'SELECT $fn($3)'"
    ;;
  bg)
    dir=$SRC_DIR/faults
    mkdir -p "$dir"
    rm -f "$dir/$1.out" "$dir/$1.done"
    printf '%s\n' "$3" >"$dir/$1.sql"
    detach bash -c "PGAPPNAME='$1' '$PG_BINDIR/psql' -X -q -v VERBOSITY=sqlstate -d '$2' \
      -f '$dir/$1.sql' >'$dir/$1.out' 2>&1; touch '$dir/$1.done'"
    ;;
  mysqlbg)
    dir=$SRC_DIR/faults
    mkdir -p "$dir"
    rm -f "$dir/$1.out" "$dir/$1.done"
    printf '%s\n' "$2" >"$dir/$1.sql"
    client=$(command -v mariadb || command -v mysql)
    detach bash -c "MYSQL_PWD='$MYSQL_PASSWORD' '$client' --no-defaults --protocol=TCP \
      -h '$MYSQL_HOST' -P '$MYSQL_PORT' -u '$MYSQL_USER' -N -B <'$dir/$1.sql' \
      >'$dir/$1.out' 2>&1; touch '$dir/$1.done'"
    ;;
  wait)
    for ((i = 0; i < 300; i++)); do
      [[ -f $SRC_DIR/faults/$1.done ]] && break
      sleep 0.1
    done
    [[ -f $SRC_DIR/faults/$1.done ]] || die "session $1 did not end"
    { grep -oE '(ERROR|FATAL): +[0-9A-Z]{5}' "$SRC_DIR/faults/$1.out" || true
      sed -n 's/^ERROR \([0-9]*\).*/remote error \1/p' "$SRC_DIR/faults/$1.out"; } |
      grep . || echo "no error"
    ;;
  mysql)
    client=$(command -v mariadb || command -v mysql)
    MYSQL_PWD=$MYSQL_PASSWORD "$client" --no-defaults --protocol=TCP -h "$MYSQL_HOST" \
      -P "$MYSQL_PORT" -u "$MYSQL_USER" -N -B -e "$1" 2>&1 |
      sed -e 's/^ERROR \([0-9]*\).*/remote error \1/' | grep . || echo ok
    ;;
  shardsql)
    h=SHARD${1}_HOST p=SHARD${1}_PORT
    [[ -n ${!h:-} ]] || die "no shard $1"
    client=$(command -v mariadb || command -v mysql)
    MYSQL_PWD=$SHARD_PASSWORD "$client" --no-defaults --protocol=TCP -h "${!h}" \
      -P "${!p}" -u "$SHARD_USER" -N -B -e "$2" 2>&1 |
      sed -e 's/^ERROR \([0-9]*\).*/remote error \1/' | grep . || echo ok
    ;;
  tds)
    sqlite3 -separator ' | ' "$SRC_DIR/tds/regress.db" "$1" 2>&1 || true
    ;;
  *) die "unknown command '$cmd'" ;;
esac
