# Sourced library: starts and stops throw-away PostgreSQL and MariaDB servers for the FDW tests (see src_init).
# shellcheck shell=bash
#
# Every server listens on 127.0.0.1 (free port) or on a Unix socket inside $SRC_DIR,
# a per-run mktemp directory. src_init installs a trap that stops everything and
# removes $SRC_DIR (kept when KEEP_SOURCES=1).
#
# Functions report errors through their return status (they do not rely on
# `set -e`, so they can be called in `if`/`||` contexts).
#
# Public functions:  src_init pg_start mariadb_start mariadb_restart mysql_exec mysql_exec_file
#                    shards_start shard_restart shard_exec shard_exec_file
#                    src_run_child src_detach src_stop_all free_port
# Exported by them:  SRC_DIR; PGHOST PGPORT PGUSER PG_CONFIG PG_BINDIR SRC_PGDATA SRC_PGLOG;
#                    MYSQL_HOST MYSQL_PORT MYSQL_USER MYSQL_PASSWORD MYSQL_SOCKET SRC_MYSQL_LOG;
#                    MYSQL_TLS_DIR (local MariaDB only: its TLS certificates, _mariadb_make_tls);
#                    SHARD_COUNT SHARD_PORTS SHARD_ADDRS SHARD<i>_HOST SHARD<i>_PORT SHARD_USER SHARD_PASSWORD

# ---------------------------------------------------------------- helpers

src_log() { echo "[sources] $*" >&2; }

# Prints a TCP port that is free on 127.0.0.1 right now.
free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  local port i
  for i in $(seq 1 200); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# True when the process exists and is not a zombie.
_src_pid_alive() {
  local pid=$1 state
  [[ -n $pid && -r /proc/$pid/stat ]] || return 1
  state=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)
  [[ -n $state && $state != Z ]]
}

# Waits up to $2 seconds for process $1 to end.
_src_wait_pid_gone() {
  local pid=$1 secs=$2 i
  for ((i = 0; i < secs * 5; i++)); do
    _src_pid_alive "$pid" || return 0
    sleep 0.2
  done
  ! _src_pid_alive "$pid"
}

# Runs a command as the postgres OS user (when we are root), from $SRC_DIR,
# keeping the caller's environment (ODBCSYSINI, ODBCINI, FREETDSCONF, ...).
_src_as_postgres() {
  if [[ $EUID -eq 0 ]]; then
    (cd "$SRC_DIR" && runuser -u postgres -- "$@")
  else
    (cd "$SRC_DIR" && "$@")
  fi
}

# Prints the first of the given commands found in PATH, /usr/sbin or /usr/bin.
_src_find_cmd() {
  local c
  for c in "$@"; do
    if command -v "$c" >/dev/null 2>&1; then command -v "$c"; return 0; fi
    if [[ -x /usr/sbin/$c ]]; then echo "/usr/sbin/$c"; return 0; fi
  done
  src_log "none of these commands found: $*"
  return 1
}

# ---------------------------------------------------------------- run dir, trap

_src_on_exit() {
  local rc=$?
  src_stop_all || true
  exit "$rc"
}

_src_on_signal() {
  local sig=$1 code=$2
  trap - EXIT INT TERM HUP
  src_log "caught SIG$sig, cleaning up"
  src_stop_all || true
  exit "$code"
}

# Creates $SRC_DIR (traversable by the postgres user) and installs the cleanup trap.
src_init() {
  if [[ -n ${SRC_DIR:-} && -d ${SRC_DIR:-} && ${_SRC_INIT_DONE:-0} == 1 ]]; then
    return 0
  fi
  local base
  for base in "${TMPDIR:-/tmp}" /tmp; do
    SRC_DIR=$(mktemp -d "$base/fdw-sources.XXXXXX") || return 1
    chmod 0755 "$SRC_DIR" || return 1
    if [[ $EUID -eq 0 ]]; then
      # postgres must create its Unix socket here and read files we write here.
      chown postgres:postgres "$SRC_DIR" || return 1
      if runuser -u postgres -- test -w "$SRC_DIR"; then break; fi
      src_log "$SRC_DIR is not reachable by the postgres user, trying /tmp"
      rm -rf "$SRC_DIR"
      SRC_DIR=
    else
      break
    fi
  done
  [[ -n $SRC_DIR ]] || return 1
  export SRC_DIR
  _SRC_INIT_DONE=1
  _SRC_CLEANED=0
  _SRC_DETACHED=0
  _SRC_CHILD_PIDS=()
  trap _src_on_exit EXIT
  trap '_src_on_signal INT 130' INT
  trap '_src_on_signal TERM 143' TERM
  trap '_src_on_signal HUP 129' HUP
  src_log "run directory $SRC_DIR"
}

# ---------------------------------------------------------------- PostgreSQL

_pg_init_paths() {
  if [[ -z ${PG_CONFIG:-} ]]; then
    if [[ -x /usr/lib/postgresql/15/bin/pg_config ]]; then
      PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
    else
      PG_CONFIG=$(command -v pg_config) || { src_log "pg_config not found"; return 1; }
    fi
  fi
  PG_BINDIR=$("$PG_CONFIG" --bindir) || return 1
  export PG_CONFIG PG_BINDIR
  # An unpacked installation (test/lib/pg_majors.sh) is found at its build
  # prefix only: its psql, pg_regress and server must load its own libpq.
  local libdir
  libdir=$("$PG_CONFIG" --libdir) || return 1
  if [[ $libdir != /usr/lib* && :${LD_LIBRARY_PATH:-}: != *:$libdir:* ]]; then
    export LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  fi
}

# initdb + pg_ctl start on 127.0.0.1:<free port>, socket in $SRC_DIR. Exports PGHOST PGPORT PGUSER.
pg_start() {
  [[ ${_SRC_INIT_DONE:-0} == 1 ]] || { src_log "pg_start: call src_init first"; return 1; }
  if [[ -n ${SRC_PGDATA:-} && -f $SRC_PGDATA/postmaster.pid ]]; then return 0; fi
  _pg_init_paths || return 1
  SRC_PGDATA=$SRC_DIR/pg
  SRC_PGLOG=$SRC_DIR/postgres.log
  export SRC_PGDATA SRC_PGLOG

  src_log "initdb $SRC_PGDATA"
  # (redirections go on subshells, not on function calls: otherwise a trap firing
  # meanwhile would write its messages into the redirected file)
  if ! (_src_as_postgres "$PG_BINDIR/initdb" -D "$SRC_PGDATA" -U postgres --auth=trust \
      -E UTF8 --locale=C.UTF-8 --no-sync) >"$SRC_DIR/initdb.log" 2>&1; then
    cat "$SRC_DIR/initdb.log" >&2
    src_log "initdb failed"
    return 1
  fi
  cat >>"$SRC_PGDATA/postgresql.conf" <<EOF

# ---- test harness (test/lib/sources.sh)
listen_addresses = '127.0.0.1'
unix_socket_directories = '$SRC_DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 40
logging_collector = off
EOF
  _src_as_postgres touch "$SRC_PGLOG" || return 1

  local attempt port logsize
  for attempt in 1 2 3; do
    port=$(free_port) || return 1
    logsize=$(stat -c %s "$SRC_PGLOG" 2>/dev/null || echo 0)
    src_log "starting PostgreSQL on 127.0.0.1:$port (attempt $attempt)"
    # SRC_PG_SERVER_ENV (an array of NAME=VALUE, e.g. test/run.sh's sanitizer
    # preload): environment for the server alone, not for initdb or the clients;
    # SRC_PG_POSTGRES: the executable pg_ctl starts instead of postgres (a wrapper)
    if (_src_as_postgres env ${SRC_PG_SERVER_ENV[@]+"${SRC_PG_SERVER_ENV[@]}"} "$PG_BINDIR/pg_ctl" -D "$SRC_PGDATA" \
        ${SRC_PG_POSTGRES:+-p "$SRC_PG_POSTGRES"} -l "$SRC_PGLOG" -w -t "${SRC_PG_START_TIMEOUT:-60}" \
        -o "-p $port" start) >/dev/null; then
      if "$PG_BINDIR/pg_isready" -q -h 127.0.0.1 -p "$port" -t 30; then
        export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres
        src_log "PostgreSQL ready (log $SRC_PGLOG)"
        return 0
      fi
    fi
    src_log "PostgreSQL did not start; its log says:"
    tail -c +"$((logsize + 1))" "$SRC_PGLOG" | tail -n 30 >&2 || true
    _pg_stop
  done
  return 1
}

_pg_stop() {
  local data=${SRC_PGDATA:-${SRC_DIR:+$SRC_DIR/pg}} pid
  [[ -n $data && -f $data/postmaster.pid ]] || return 0
  [[ -n ${PG_BINDIR:-} ]] || _pg_init_paths || return 1
  pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null)
  src_log "stopping PostgreSQL"
  _src_as_postgres "$PG_BINDIR/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
    _src_as_postgres "$PG_BINDIR/pg_ctl" -D "$data" -m immediate -w -t 15 stop >/dev/null 2>&1 ||
    true
  if [[ -n $pid ]] && _src_pid_alive "$pid"; then
    src_log "PostgreSQL postmaster $pid still alive, SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    _src_wait_pid_gone "$pid" 10 || true
  fi
  rm -f "$data/postmaster.pid"
}

# ---------------------------------------------------------------- MariaDB

# Client command line (as an array in _SRC_MYSQL_CMD) for $MYSQL_USER on the current server.
# Host and port are always given explicitly: the client also reads MYSQL_HOST/MYSQL_TCP_PORT
# from the environment.
_mysql_client_cmd() {
  local client
  client=$(_src_find_cmd mariadb mysql) || return 1
  _SRC_MYSQL_CMD=("$client" --no-defaults --batch --default-character-set=utf8mb4)
  if [[ ${_SRC_MYSQL_LOCAL:-0} == 1 && -n ${MYSQL_SOCKET:-} ]]; then
    _SRC_MYSQL_CMD+=(--host=localhost --socket="$MYSQL_SOCKET")
  else
    _SRC_MYSQL_CMD+=(--protocol=TCP --host="$MYSQL_HOST" --port="${MYSQL_PORT:-3306}")
  fi
  _SRC_MYSQL_CMD+=(--user="${MYSQL_USER:-}")
}

# mysql_exec "SQL" [DATABASE]: runs SQL as $MYSQL_USER; stops at the first error (non-zero status).
mysql_exec() {
  local sql=$1 db=${2:-}
  _mysql_client_cmd || return 1
  [[ -n $db ]] && _SRC_MYSQL_CMD+=(--database="$db")
  MYSQL_PWD=${MYSQL_PASSWORD:-} "${_SRC_MYSQL_CMD[@]}" -e "$sql"
}

# mysql_exec_file FILE [DATABASE]: runs a SQL file as $MYSQL_USER; stops at the first error.
mysql_exec_file() {
  local file=$1 db=${2:-}
  [[ -r $file ]] || { src_log "mysql_exec_file: cannot read $file"; return 1; }
  _mysql_client_cmd || return 1
  [[ -n $db ]] && _SRC_MYSQL_CMD+=(--database="$db")
  MYSQL_PWD=${MYSQL_PASSWORD:-} "${_SRC_MYSQL_CMD[@]}" <"$file"
}

# _mysql_root [SOCKET]: root connection over the local socket (local server
# only; default the main server's, $MYSQL_SOCKET), SQL on stdin.
_mysql_root() {
  local client
  client=$(_src_find_cmd mariadb mysql) || return 1
  "$client" --no-defaults --batch --host=localhost --socket="${1:-$MYSQL_SOCKET}" --user=root
}

_mariadb_check_external() {
  export MYSQL_PORT=${MYSQL_PORT:-3306}
  export MYSQL_USER=${MYSQL_USER:-root} MYSQL_PASSWORD=${MYSQL_PASSWORD:-}
  export MYSQL_SOCKET=${MYSQL_SOCKET:-}
  src_log "using external MariaDB/MySQL at $MYSQL_HOST:$MYSQL_PORT as $MYSQL_USER"
  if ! (mysql_exec 'SELECT 1') >/dev/null; then
    src_log "cannot connect to external server $MYSQL_HOST:$MYSQL_PORT as $MYSQL_USER"
    return 1
  fi
}

# _mariadb_wait_ready [PID SOCKET]: waits (bounded) until a local mariadbd
# answers on its socket (default: the main server).
_mariadb_wait_ready() {
  local pid=${1:-$_SRC_MYSQL_PID} socket=${2:-$MYSQL_SOCKET} admin i
  admin=$(_src_find_cmd mariadb-admin mysqladmin) || return 1
  for ((i = 0; i < 300; i++)); do
    if ! _src_pid_alive "$pid"; then
      src_log "mariadbd exited during startup"
      return 1
    fi
    if "$admin" --no-defaults --host=localhost --socket="$socket" --user=root --connect-timeout=2 \
        ping >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.2
  done
  src_log "mariadbd did not answer within 60 s"
  return 1
}

# A fresh data directory each time (a failed bootstrap leaves a half-made
# one behind), with the bootstrap's temporary files in our own directory,
# not in a /tmp shared with whatever else runs on the machine.
# _mariadb_install_db [DIR [SERVER_OPTION...]]: DIR/data, DIR/tmp (default
# DIR $SRC_DIR/mysql); the options are the server's (a smaller log file).
_mariadb_install_db() {
  local dir=${1:-$SRC_DIR/mysql} install user_opt=() attempt
  shift || true
  install=$(_src_find_cmd mariadb-install-db mysql_install_db) || return 1
  [[ $EUID -eq 0 ]] && user_opt=(--user=root)
  for attempt in 1 2; do
    rm -rf "$dir/data" && mkdir -p "$dir/data" "$dir/tmp" || return 1
    src_log "mariadb-install-db $dir/data (attempt $attempt)"
    if "$install" --no-defaults --datadir="$dir/data" "${user_opt[@]}" \
        --tmpdir="$dir/tmp" \
        --auth-root-authentication-method=normal --skip-test-db "$@" \
        >"$dir/install.log" 2>&1; then
      return 0
    fi
    cat "$dir/install.log" >&2
    src_log "mariadb-install-db failed"
  done
  return 1
}

# TLS material for the local mariadbd, made fresh for each run in $SRC_DIR/tls
# (MYSQL_TLS_DIR): a CA (ca.pem); the server's certificate from it, naming
# IP 127.0.0.1 only, so that host "localhost" does not match it (server.pem,
# server.key); a client certificate from it for user fdw_x509 (client.pem,
# client.key); an unrelated CA (wrong_ca.pem); and capath/, ca.pem under its
# OpenSSL hash name (ssl_capath). Throw-away keys, readable by the postgres
# user, whose backends read client.key.
_mariadb_make_tls() {
  local dir=$SRC_DIR/tls openssl
  local ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
  local ca_ext=(-addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign')
  openssl=$(_src_find_cmd openssl) || return 1
  mkdir -p "$dir/capath" || return 1
  if ! {
    "$openssl" req -x509 "${ec[@]}" -days 2 -subj "/CN=fdw test CA" "${ca_ext[@]}" \
      -keyout "$dir/ca.key" -out "$dir/ca.pem" &&
      "$openssl" req -x509 "${ec[@]}" -days 2 -subj "/CN=fdw unrelated CA" "${ca_ext[@]}" \
        -keyout "$dir/wrong_ca.key" -out "$dir/wrong_ca.pem" &&
      "$openssl" req -new "${ec[@]}" -subj "/CN=127.0.0.1" -keyout "$dir/server.key" -out "$dir/server.csr" &&
      "$openssl" x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" \
        -CAcreateserial -CAserial "$dir/ca.srl" -days 2 -out "$dir/server.pem" \
        -extfile <(printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n') &&
      "$openssl" req -new "${ec[@]}" -subj "/CN=fdw_x509" -keyout "$dir/client.key" -out "$dir/client.csr" &&
      "$openssl" x509 -req -in "$dir/client.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" \
        -CAserial "$dir/ca.srl" -days 2 -out "$dir/client.pem" \
        -extfile <(printf 'extendedKeyUsage=clientAuth\n') &&
      cp "$dir/ca.pem" "$dir/capath/" && "$openssl" rehash "$dir/capath"
  } >"$dir/openssl.log" 2>&1; then
    cat "$dir/openssl.log" >&2
    src_log "making the TLS certificates failed"
    return 1
  fi
  chmod 0755 "$dir" "$dir/capath" && chmod 0644 "$dir"/*.pem "$dir"/*.key || return 1
  export MYSQL_TLS_DIR=$dir
}

# _mariadb_spawn_at DIR PORT SOCKET LOG [OPTION...]: starts a mariadbd on
# DIR/data in its own session (so it survives the caller when detached),
# pid file DIR/mariadbd.pid; sets _SRC_SPAWNED_PID.  The options every test
# server has are here; the caller adds memory sizes and TLS.
_mariadb_spawn_at() {
  local dir=$1 port=$2 socket=$3 log=$4 server user_opt=()
  shift 4
  server=$(_src_find_cmd mariadbd mysqld) || return 1
  [[ $EUID -eq 0 ]] && user_opt=(--user=root)
  setsid "$server" --no-defaults "${user_opt[@]}" \
    --datadir="$dir/data" --tmpdir="$dir/tmp" \
    --port="$port" --bind-address=127.0.0.1 \
    --socket="$socket" --pid-file="$dir/mariadbd.pid" \
    --log-error="$log" --skip-name-resolve \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
    --max-allowed-packet=64M --default-time-zone=+00:00 \
    --innodb-use-native-aio=0 \
    --performance-schema=OFF --skip-log-bin \
    "$@" \
    </dev/null >>"$dir/stdout.log" 2>&1 &
  _SRC_SPAWNED_PID=$!
  # no "Killed" job report when a test kills it (test/lib/fault.sh)
  disown "$_SRC_SPAWNED_PID" 2>/dev/null || true
}

# Starts the main mariadbd (with TLS).
_mariadb_spawn() {
  local port=$1
  _SRC_MYSQL_READY=0
  _SRC_MYSQL_SPAWNING=1
  _mariadb_spawn_at "$SRC_DIR/mysql" "$port" "$MYSQL_SOCKET" "$SRC_MYSQL_LOG" \
    --innodb-buffer-pool-size=64M \
    --ssl-ca="$MYSQL_TLS_DIR/ca.pem" --ssl-cert="$MYSQL_TLS_DIR/server.pem" \
    --ssl-key="$MYSQL_TLS_DIR/server.key" || return 1
  _SRC_MYSQL_PID=$_SRC_SPAWNED_PID
}

_mariadb_create_user() {
  _mysql_root <<'EOF'
CREATE USER 'fdw_user'@'%' IDENTIFIED BY 'fdw_pass';
CREATE USER 'fdw_user'@'localhost' IDENTIFIED BY 'fdw_pass';
GRANT ALL PRIVILEGES ON *.* TO 'fdw_user'@'%' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'fdw_user'@'localhost' WITH GRANT OPTION;
-- for the TLS tests: users the server admits over TLS only, or with a
-- client certificate from the run's CA only
CREATE USER 'fdw_tls'@'%' IDENTIFIED BY 'tls_pass' REQUIRE SSL;
CREATE USER 'fdw_x509'@'%' IDENTIFIED BY 'x509_pass' REQUIRE X509;
GRANT SELECT ON *.* TO 'fdw_tls'@'%', 'fdw_x509'@'%';
FLUSH PRIVILEGES;
EOF
}

# The pid of the local mariadbd: the one this shell started or, when a test
# killed that one and restarted it from another process (mariadb_restart,
# test/lib/fault.sh), the one its pid file names.
_mariadb_pid() {
  local pid=${_SRC_MYSQL_PID:-}
  if ! _src_pid_alive "$pid" && [[ -n ${SRC_DIR:-} && -f $SRC_DIR/mysql/mariadbd.pid ]]; then
    pid=$(cat "$SRC_DIR/mysql/mariadbd.pid" 2>/dev/null)
    _src_pid_alive "$pid" || pid=
  fi
  echo "$pid"
}

# Starts a local mariadbd, with TLS (or, when MYSQL_HOST is already set, checks that external server).
# Exports MYSQL_HOST MYSQL_PORT MYSQL_USER MYSQL_PASSWORD MYSQL_SOCKET, and MYSQL_TLS_DIR for a local one.
mariadb_start() {
  if [[ ${_SRC_MYSQL_LOCAL:-0} == 1 ]]; then
    _SRC_MYSQL_PID=$(_mariadb_pid)
    [[ -n $_SRC_MYSQL_PID ]] && return 0
  fi
  if [[ -n ${MYSQL_HOST:-} && ${_SRC_MYSQL_LOCAL:-0} != 1 ]]; then
    # the TLS tests need the certificates of a server we started
    unset MYSQL_TLS_DIR
    _mariadb_check_external
    return
  fi
  [[ ${_SRC_INIT_DONE:-0} == 1 ]] || { src_log "mariadb_start: call src_init first"; return 1; }
  export MYSQL_SOCKET=$SRC_DIR/mysql.sock
  export SRC_MYSQL_LOG=$SRC_DIR/mysql/mariadbd.err
  _mariadb_install_db || return 1
  _mariadb_make_tls || return 1

  local attempt port logsize
  for attempt in 1 2 3; do
    port=$(free_port) || return 1
    logsize=$(stat -c %s "$SRC_MYSQL_LOG" 2>/dev/null || echo 0)
    src_log "starting mariadbd on 127.0.0.1:$port (attempt $attempt)"
    _mariadb_spawn "$port" || return 1
    _SRC_MYSQL_LOCAL=1
    if _mariadb_wait_ready; then
      _SRC_MYSQL_READY=1
      # the postgres OS user must be able to connect to the socket
      chmod 0777 "$MYSQL_SOCKET" 2>/dev/null || true
      if ! _mariadb_create_user; then
        src_log "creating fdw_user failed"
        _mariadb_stop
        return 1
      fi
      export MYSQL_HOST=127.0.0.1 MYSQL_PORT=$port MYSQL_USER=fdw_user MYSQL_PASSWORD=fdw_pass
      src_log "mariadbd ready (pid $_SRC_MYSQL_PID, log $SRC_MYSQL_LOG)"
      return 0
    fi
    src_log "mariadbd did not start; its error log says:"
    tail -c +"$((logsize + 1))" "$SRC_MYSQL_LOG" 2>/dev/null | tail -n 40 >&2 || true
    _mariadb_stop
  done
  _SRC_MYSQL_LOCAL=0
  return 1
}

# mariadb_restart: starts the local mariadbd again, on its data directory and
# port, after a test stopped or killed it (test/lib/fault.sh); waits until
# it answers.  Needs only the exported SRC_DIR MYSQL_PORT MYSQL_SOCKET
# SRC_MYSQL_LOG, so a test's helper process can call it; the shell that
# started the server finds the new one through the pid file (_mariadb_pid).
mariadb_restart() {
  [[ -n ${SRC_DIR:-} && -n ${MYSQL_PORT:-} && -n ${MYSQL_SOCKET:-} ]] ||
    { src_log "mariadb_restart: no local server in this environment"; return 1; }
  if [[ -n $(_mariadb_pid) ]]; then
    src_log "mariadb_restart: mariadbd is still running"
    return 1
  fi
  # a server killed with SIGKILL leaves its socket behind
  rm -f "$MYSQL_SOCKET" "$MYSQL_SOCKET.lock"
  _mariadb_spawn "$MYSQL_PORT" || return 1
  _mariadb_wait_ready || return 1
  _SRC_MYSQL_READY=1
  chmod 0777 "$MYSQL_SOCKET" 2>/dev/null || true
}

# _mariadb_request_shutdown PID [SOCKET]: asks mariadbd PID to shut down:
# mariadb-admin over its socket (default the main server's), else SIGTERM.
_mariadb_request_shutdown() {
  local pid=$1 socket=${2:-${SRC_DIR:-}/mysql.sock} admin
  admin=$(_src_find_cmd mariadb-admin mysqladmin 2>/dev/null) || admin=
  if [[ -n $admin && -S $socket ]] &&
    timeout 10 "$admin" --no-defaults --host=localhost --socket="$socket" \
      --user=root --connect-timeout=3 shutdown >/dev/null 2>&1; then
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
}

_mariadb_stop() {
  local pid i
  pid=$(_mariadb_pid)
  if [[ -z $pid && ${_SRC_MYSQL_SPAWNING:-0} == 1 ]] && command -v pgrep >/dev/null; then
    # interrupted between spawning and recording the pid: find it by our unique datadir
    pid=$(pgrep -f -- "--datadir=$SRC_DIR/mysql/data" | head -n 1)
  fi
  if [[ -n $pid ]] && _src_pid_alive "$pid"; then
    if [[ ${_SRC_MYSQL_READY:-1} != 1 ]]; then
      # mariadbd hangs when SIGTERM arrives during startup; its data is throw-away
      src_log "mariadbd ($pid) still starting, SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    else
      src_log "stopping mariadbd ($pid)"
      for ((i = 0; i < 5; i++)); do
        _mariadb_request_shutdown "$pid"
        _src_wait_pid_gone "$pid" 4 && break
      done
      if _src_pid_alive "$pid"; then
        src_log "mariadbd $pid still alive, SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
    _src_wait_pid_gone "$pid" 10 || true
  fi
  # reap it when it is our child
  if [[ -n $pid ]]; then wait "$pid" 2>/dev/null || true; fi
  _SRC_MYSQL_PID=
  _SRC_MYSQL_LOCAL=0
  _SRC_MYSQL_SPAWNING=0
}

# ---------------------------------------------------------------- shards

# The options of a shard: a small footprint, since a run starts several
# (about 60 MB resident each instead of 200).
_SHARD_OPTS=(--innodb-buffer-pool-size=8M --innodb-log-file-size=8M --innodb-log-buffer-size=1M
  --key-buffer-size=1M --aria-pagecache-buffer-size=1M --query-cache-size=0
  --max-connections=60 --table-open-cache=200 --table-definition-cache=200
  --thread-cache-size=4 --host-cache-size=0 --skip-ssl)

# shards_start [N]: N more MariaDB servers ("shards", default $SHARD_COUNT,
# else 4) for the sharding suite and the benchmark, each with its own data
# directory ($SRC_DIR/shard<i>), free port on 127.0.0.1 and socket, and the
# main server's user and password (fdw_user).  The data directories are
# copies of one bootstrapped template (one mariadb-install-db, not N), and
# the servers start together.  When SHARD_HOSTS is set ("host:port ...",
# space- or comma-separated) those servers are used instead, as SHARD_USER
# with SHARD_PASSWORD (default MYSQL_USER, MYSQL_PASSWORD), and nothing is
# started.  Exports SHARD_COUNT, SHARD_PORTS and SHARD_ADDRS (ports and
# host:port pairs, space-separated, in order), SHARD<i>_HOST and
# SHARD<i>_PORT (i = 1..N), SHARD_USER, SHARD_PASSWORD.  Idempotent.
shards_start() {
  local n=${1:-${SHARD_COUNT:-4}} i dir port ports=()
  if [[ ${_SRC_SHARDS_LOCAL:-0} == 1 && ${#_SRC_SHARD_PIDS[@]} -gt 0 ]]; then
    # started already (a test may have restarted one: its pid file says)
    for ((i = 1; i <= ${SHARD_COUNT:-0}; i++)); do
      [[ -n $(_shard_pid "$i") ]] || { src_log "shard $i is not running"; return 1; }
    done
    return 0
  fi
  if [[ -n ${SHARD_HOSTS:-} && ${_SRC_SHARDS_LOCAL:-0} != 1 ]]; then
    _shards_check_external
    return
  fi
  [[ $n =~ ^[1-9][0-9]*$ ]] || { src_log "shards_start: bad shard count '$n'"; return 1; }
  [[ ${_SRC_INIT_DONE:-0} == 1 ]] || { src_log "shards_start: call src_init first"; return 1; }
  _mariadb_install_db "$SRC_DIR/shard-template" "${_SHARD_OPTS[@]}" || return 1
  _SRC_SHARD_PIDS=()
  _SRC_SHARDS_LOCAL=1
  for ((i = 1; i <= n; i++)); do
    dir=$SRC_DIR/shard$i
    rm -rf "$dir" && mkdir -p "$dir/tmp" && cp -a "$SRC_DIR/shard-template/data" "$dir/data" || return 1
    port=$(free_port) || return 1
    _mariadb_spawn_at "$dir" "$port" "$SRC_DIR/shard$i.sock" "$dir/mariadbd.err" "${_SHARD_OPTS[@]}" || return 1
    _SRC_SHARD_PIDS+=("$_SRC_SPAWNED_PID")
    ports+=("$port")
  done
  for ((i = 1; i <= n; i++)); do
    if ! _mariadb_wait_ready "${_SRC_SHARD_PIDS[i - 1]}" "$SRC_DIR/shard$i.sock"; then
      src_log "shard $i did not start (port ${ports[i - 1]}); its error log says:"
      tail -n 30 "$SRC_DIR/shard$i/mariadbd.err" >&2 2>/dev/null || true
      _shards_stop
      return 1
    fi
    chmod 0777 "$SRC_DIR/shard$i.sock" 2>/dev/null || true
    if ! _mysql_root "$SRC_DIR/shard$i.sock" <<'SQL'; then
CREATE USER 'fdw_user'@'%' IDENTIFIED BY 'fdw_pass';
CREATE USER 'fdw_user'@'localhost' IDENTIFIED BY 'fdw_pass';
GRANT ALL PRIVILEGES ON *.* TO 'fdw_user'@'%' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'fdw_user'@'localhost' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
      src_log "creating fdw_user on shard $i failed"
      _shards_stop
      return 1
    fi
    export "SHARD${i}_HOST=127.0.0.1" "SHARD${i}_PORT=${ports[i - 1]}"
  done
  rm -rf "$SRC_DIR/shard-template"
  export SHARD_COUNT=$n SHARD_PORTS="${ports[*]}" SHARD_ADDRS="${ports[*]/#/127.0.0.1:}"
  export SHARD_USER=fdw_user SHARD_PASSWORD=fdw_pass
  src_log "$n shards ready on 127.0.0.1, ports ${ports[*]} (logs $SRC_DIR/shard<i>/mariadbd.err)"
}

# SHARD_HOSTS given: checks each server, exports the same names as shards_start.
_shards_check_external() {
  local addr i=0 host port ports=() hosts=() addrs=()
  export SHARD_USER=${SHARD_USER:-${MYSQL_USER:-root}} SHARD_PASSWORD=${SHARD_PASSWORD:-${MYSQL_PASSWORD:-}}
  for addr in ${SHARD_HOSTS//,/ }; do
    i=$((i + 1))
    host=${addr%:*}
    port=3306
    [[ $addr == *:* ]] && port=${addr##*:}
    if ! (MYSQL_HOST=$host MYSQL_PORT=$port MYSQL_USER=$SHARD_USER MYSQL_PASSWORD=$SHARD_PASSWORD \
        _SRC_MYSQL_LOCAL=0 mysql_exec 'SELECT 1') >/dev/null; then
      src_log "cannot connect to external shard $i, $host:$port as $SHARD_USER"
      return 1
    fi
    export "SHARD${i}_HOST=$host" "SHARD${i}_PORT=$port"
    hosts+=("$host")
    ports+=("$port")
    addrs+=("$host:$port")
  done
  [[ $i -gt 0 ]] || { src_log "SHARD_HOSTS names no server"; return 1; }
  export SHARD_COUNT=$i SHARD_PORTS="${ports[*]}" SHARD_ADDRS="${addrs[*]}"
  src_log "using $i external shards: ${hosts[*]} (ports ${ports[*]}) as $SHARD_USER"
}

# shard_exec I "SQL" [DATABASE]: runs SQL on shard I (1-based) as SHARD_USER.
shard_exec() {
  local i=$1 host port
  host=SHARD${i}_HOST port=SHARD${i}_PORT
  [[ -n ${!host:-} ]] || { src_log "shard_exec: no shard $i"; return 1; }
  MYSQL_HOST=${!host} MYSQL_PORT=${!port} MYSQL_USER=$SHARD_USER MYSQL_PASSWORD=$SHARD_PASSWORD \
    _SRC_MYSQL_LOCAL=0 mysql_exec "$2" "${3:-}"
}

# shard_exec_file I FILE [DATABASE]: runs a SQL file on shard I.
shard_exec_file() {
  local i=$1 host port
  host=SHARD${i}_HOST port=SHARD${i}_PORT
  [[ -n ${!host:-} ]] || { src_log "shard_exec_file: no shard $i"; return 1; }
  MYSQL_HOST=${!host} MYSQL_PORT=${!port} MYSQL_USER=$SHARD_USER MYSQL_PASSWORD=$SHARD_PASSWORD \
    _SRC_MYSQL_LOCAL=0 mysql_exec_file "$2" "${3:-}"
}

# The pid of local shard I's mariadbd (its pid file: a restarted one's too).
_shard_pid() {
  local pid
  pid=$(cat "${SRC_DIR:-/nonexistent}/shard$1/mariadbd.pid" 2>/dev/null) || pid=
  _src_pid_alive "$pid" || pid=
  echo "$pid"
}

# shard_restart I: starts local shard I again, on its data directory and
# port, after a test killed it (test/lib/fault.sh); waits until it answers.
# Needs only the exported SRC_DIR and SHARD<i>_PORT.
shard_restart() {
  local i=$1 port dir=${SRC_DIR:-}/shard$1
  port=SHARD${i}_PORT
  [[ -d $dir/data && -n ${!port:-} ]] || { src_log "shard_restart: no local shard $i"; return 1; }
  [[ -z $(_shard_pid "$i") ]] || { src_log "shard_restart: shard $i is still running"; return 1; }
  rm -f "$SRC_DIR/shard$i.sock" "$SRC_DIR/shard$i.sock.lock" "$dir/mariadbd.pid"
  _mariadb_spawn_at "$dir" "${!port}" "$SRC_DIR/shard$i.sock" "$dir/mariadbd.err" "${_SHARD_OPTS[@]}" || return 1
  _mariadb_wait_ready "$_SRC_SPAWNED_PID" "$SRC_DIR/shard$i.sock" || return 1
  chmod 0777 "$SRC_DIR/shard$i.sock" 2>/dev/null || true
}

# Stops the local shards: SIGTERM to all (a clean shutdown, in parallel),
# then SIGKILL whatever is left after 20 s; their data is throw-away.
_shards_stop() {
  local pid pids=() d
  [[ ${_SRC_SHARDS_LOCAL:-0} == 1 ]] || return 0
  for d in "${SRC_DIR:-/nonexistent}"/shard[0-9]*; do
    [[ -d $d ]] || continue
    pid=$(_shard_pid "${d##*/shard}")
    [[ -n $pid ]] && pids+=("$pid")
  done
  for pid in "${_SRC_SHARD_PIDS[@]:-}"; do
    [[ -n $pid && " ${pids[*]:-} " != *" $pid "* ]] && _src_pid_alive "$pid" && pids+=("$pid")
  done
  if [[ ${#pids[@]} -gt 0 ]]; then
    src_log "stopping ${#pids[@]} shard servers"
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
      _src_wait_pid_gone "$pid" 20 || { src_log "shard mariadbd $pid still alive, SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; }
    done
    for pid in "${pids[@]}"; do
      _src_wait_pid_gone "$pid" 10 || true
      wait "$pid" 2>/dev/null || true
    done
  fi
  _SRC_SHARD_PIDS=()
  _SRC_SHARDS_LOCAL=0
}

# ---------------------------------------------------------------- children, teardown

# src_run_child OUTFILE CMD...: runs CMD in its own session with output to OUTFILE
# (also streamed to stdout); a signal to the caller kills it. Returns CMD's status.
src_run_child() {
  local out=$1 pid tail_pid rc=0
  shift
  : >"$out"
  setsid "$@" </dev/null >"$out" 2>&1 &
  pid=$!
  tail -n +1 -s 0.2 -f --pid="$pid" "$out" &
  tail_pid=$!
  _SRC_CHILD_PIDS+=("$pid" "$tail_pid")
  wait "$pid" || rc=$?
  wait "$tail_pid" 2>/dev/null || true
  _SRC_CHILD_PIDS=()
  return "$rc"
}

_src_kill_children() {
  local pid
  for pid in "${_SRC_CHILD_PIDS[@]:-}"; do
    [[ -n $pid ]] || continue
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${_SRC_CHILD_PIDS[@]:-}"; do
    [[ -n $pid ]] || continue
    _src_wait_pid_gone "$pid" 10 || kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  _SRC_CHILD_PIDS=()
}

# Leaves the servers running when the caller exits (demo --keep).
src_detach() {
  _SRC_DETACHED=1
}

# Stops everything this library started and removes $SRC_DIR (unless KEEP_SOURCES=1).
# Idempotent; also works from a fresh shell that only has SRC_DIR set.
src_stop_all() {
  [[ ${_SRC_DETACHED:-0} == 1 ]] && return 0
  [[ ${_SRC_CLEANED:-0} == 1 ]] && return 0
  _src_kill_children || true
  _shards_stop || true
  _mariadb_stop || true
  _pg_stop || true
  if [[ -n ${SRC_DIR:-} && -d $SRC_DIR ]]; then
    if [[ ${KEEP_SOURCES:-0} == 1 ]]; then
      src_log "KEEP_SOURCES=1: keeping $SRC_DIR"
    else
      rm -rf "$SRC_DIR"
    fi
  fi
  _SRC_CLEANED=1
}
