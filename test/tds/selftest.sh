#!/usr/bin/env bash
# selftest.sh - builds tds_test_server, starts it on a free port with a temporary SQLite file and checks it with
# FreeTDS tsql, FreeTDS db-lib (dblib_check) and python pytds (pytds_check.py); prints PASS/FAIL per check and
# exits non-zero if any check fails.  VALGRIND=1 runs the server under valgrind (forked sessions included).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
USER_NAME=tester
PASSWORD='Pw-123!x'
FAILS=0
PID=

TMP=$(mktemp -d)
cleanup() {
    if [ -n "$PID" ]; then
        kill "$PID" 2>/dev/null || true
        wait "$PID" 2>/dev/null || true
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT

pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; FAILS=$((FAILS + 1)); }

make -s -C "$HERE" >/dev/null

SERVER=("$HERE/tds_test_server")
if [ "${VALGRIND:-0}" = 1 ]; then
    SERVER=(valgrind -q --trace-children=yes --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
            --log-file="$TMP/valgrind.%p.log" "$HERE/tds_test_server")
fi
"${SERVER[@]}" --port 0 --database "$TMP/test.db" --user "$USER_NAME" --password "$PASSWORD" \
    --log "$TMP/sql.log" >"$TMP/port" 2>"$TMP/server.err" &
PID=$!
for _ in $(seq 1 100); do
    [ -s "$TMP/port" ] && break
    sleep 0.1
done
PORT=$(head -n1 "$TMP/port")
if ! [[ "$PORT" =~ ^[0-9]+$ ]]; then
    echo "FAIL server did not report a port"; cat "$TMP/server.err"; exit 1
fi
pass "server started on port $PORT"

# ---- FreeTDS tsql ----
tsql_run() { # tsql_run PASSWORD <<< "sql\ngo"
    TDSVER=7.4 timeout 30 tsql -H 127.0.0.1 -p "$PORT" -U "$USER_NAME" -P "$1" 2>&1 || true
}
out=$(printf 'SELECT 40 + 2 AS answer, N'"'"'tsql ☃'"'"' AS s\ngo\nexit\n' | tsql_run "$PASSWORD")
if grep -q "42	tsql ☃" <<<"$out"; then pass "tsql: login and SELECT"; else fail "tsql: login and SELECT"; echo "$out"; fi
out=$(printf 'SELECT 1\ngo\nexit\n' | tsql_run wrong)
if grep -q "18456" <<<"$out" && grep -q "Login failed for user '$USER_NAME'" <<<"$out"; then
    pass "tsql: wrong password gives 18456"
else
    fail "tsql: wrong password gives 18456"; echo "$out"
fi
out=$(printf "CREATE TABLE dbo.tsql_t (id int PRIMARY KEY, v nvarchar(20), d decimal(13,2))\nINSERT INTO tsql_t VALUES (1, N'one', 12345678901.23), (2, NULL, NULL)\nSELECT id, v, d FROM [dbo].[tsql_t] ORDER BY id\ngo\nSELECT * FROM missing_table\ngo\nexit\n" | tsql_run "$PASSWORD")
if grep -q "1	one	12345678901.23" <<<"$out" && grep -q "2	NULL	NULL" <<<"$out"; then
    pass "tsql: DDL, INSERT and SELECT"
else
    fail "tsql: DDL, INSERT and SELECT"; echo "$out"
fi
if grep -q "Msg 208" <<<"$out" && grep -q "Invalid object name 'missing_table'" <<<"$out"; then
    pass "tsql: missing table gives 208"
else
    fail "tsql: missing table gives 208"; echo "$out"
fi

# ---- FreeTDS db-lib (what tds_fdw uses) ----
if out=$(timeout 120 "$HERE/dblib_check" 127.0.0.1 "$PORT" "$USER_NAME" "$PASSWORD" 2>&1); then :; fi
echo "$out" | grep -E '^(PASS|FAIL)'
n=$(grep -c '^FAIL' <<<"$out" || true)
FAILS=$((FAILS + n))
grep -q '^dblib_check: 0 failure' <<<"$out" || { [ "$n" -gt 0 ] || { fail "dblib_check did not finish"; echo "$out"; }; }

# ---- python pytds ----
if out=$(timeout 300 /usr/bin/python3 "$HERE/pytds_check.py" "$PORT" "$USER_NAME" "$PASSWORD" "$TMP/sql.log" 2>&1); then :; fi
echo "$out" | grep -E '^(PASS|FAIL)'
n=$(grep -c '^FAIL' <<<"$out" || true)
FAILS=$((FAILS + n))
grep -q '^pytds_check: 0 failure' <<<"$out" || { [ "$n" -gt 0 ] || { fail "pytds_check did not finish"; echo "$out"; }; }

# ---- a client that disconnects mid-result must not hurt the server ----
/usr/bin/python3 - "$PORT" "$USER_NAME" "$PASSWORD" <<'EOF' || true
import socket, sys, pytds
c = pytds.connect("127.0.0.1", port=int(sys.argv[1]), user=sys.argv[2], password=sys.argv[3], autocommit=True)
cur = c.cursor()
cur.execute("WITH c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 10000000) SELECT n FROM c")
cur.fetchmany(10)
c._conn.sock.shutdown(socket.SHUT_RDWR)  # vanish without reading the rest
EOF
sleep 0.5
out=$(printf 'SELECT 7 * 6 AS x\ngo\nexit\n' | tsql_run "$PASSWORD")
if grep -q "^42" <<<"$out" && kill -0 "$PID" 2>/dev/null; then
    pass "server survives a client disconnecting mid-result"
else
    fail "server survives a client disconnecting mid-result"; echo "$out"
fi

# ---- clean shutdown ----
kill -TERM "$PID"
rc=0
wait "$PID" || rc=$?
PID=
if [ "$rc" = 0 ]; then pass "SIGTERM exits 0"; else fail "SIGTERM exit status $rc"; fi
if [ "${VALGRIND:-0}" = 1 ]; then
    if grep -l "ERROR SUMMARY: [1-9]\|definitely lost: [1-9]\|Invalid" "$TMP"/valgrind.*.log >/dev/null 2>&1; then
        fail "valgrind reported errors"; cat "$TMP"/valgrind.*.log
    else
        pass "valgrind: no errors"
    fi
fi

echo "selftest: $FAILS failure(s)"
[ "$FAILS" = 0 ]
