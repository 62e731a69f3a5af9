#!/usr/bin/python3
"""pytds_check.py - checks tds_test_server with python pytds (pure-Python TDS).

usage: pytds_check.py PORT USER PASSWORD LOGFILE
Prints one PASS/FAIL line per check; exit status 1 if any check failed.
pytds sends parameterised statements as RPC sp_executesql, so this also
covers the RPC path, and autocommit=False covers transaction manager requests.
"""
import datetime
import decimal
import sys
import time
import uuid

import pytds

PORT, USER, PASSWORD, LOGFILE = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
failures = 0


def check(ok, name, detail=""):
    global failures
    print("%s pytds: %s%s" % ("PASS" if ok else "FAIL", name, "" if ok or not detail else " -- " + str(detail)[:300]))
    if not ok:
        failures += 1


B = pytds.Binary  # pytds sends plain bytes as text unless wrapped


def connect(**kw):
    args = dict(port=PORT, user=USER, password=PASSWORD, autocommit=True, timeout=30, login_timeout=10)
    args.update(kw)
    return pytds.connect("127.0.0.1", **args)


def server_error(cur, sql, params=None):
    """run sql, return the SQL Server error number raised (or None)"""
    try:
        cur.execute(sql, params)
        if cur.description:
            cur.fetchall()
    except pytds.Error as e:
        return getattr(e, "number", None) or getattr(e, "msg_no", None)
    return None


def one(cur, sql, params=None):
    cur.execute(sql, params)
    return cur.fetchall()[0][0]


# ---- login ----
try:
    connect(password="wrong").close()
    check(False, "login with wrong password fails")
except pytds.Error as e:
    check(getattr(e, "number", None) == 18456 and "Login failed" in str(e), "login with wrong password fails with 18456", e)

conn = connect()
cur = conn.cursor()
check(True, "login")

# ---- DDL with every type ----
cur.execute("DROP TABLE IF EXISTS [dbo].[alltypes]")
cur.execute("""CREATE TABLE [dbo].[alltypes] (
    id int NOT NULL PRIMARY KEY, i int, bi bigint, si smallint, ti tinyint, flag bit, f float, r real,
    amount decimal(13,2), num numeric(18,4), m money, sm smallmoney, dt datetime, sdt smalldatetime,
    ts datetime2, ts3 datetime2(3), d date, t time, dto datetimeoffset, c char(4), vc varchar(30),
    nc nchar(3), name nvarchar(50), big nvarchar(max), vb varbinary(20), b varbinary(max), bn binary(3),
    u uniqueidentifier, vcmax varchar(max))""")
check(True, "CREATE TABLE with every type")

MB = 1024 * 1024
full = (1, -2147483648, 9223372036854775807, -32768, 255, True, 1.5e300, 2.5,
        decimal.Decimal("12345678901.23"), decimal.Decimal("-98765432109.8765"), decimal.Decimal("922337203.5807"),
        decimal.Decimal("-214748.3648"), datetime.datetime(2020, 1, 2, 3, 4, 5, 123000),
        datetime.datetime(2020, 1, 2, 3, 4), datetime.datetime(1999, 12, 31, 23, 59, 59, 999999),
        datetime.datetime(2000, 2, 29, 12, 0, 0, 5000), datetime.date(1, 1, 1), datetime.time(23, 59, 59, 999999),
        datetime.datetime(2020, 6, 1, 12, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=-5, minutes=-30))),
        "abcd", "héllo wörld", "☃é ", "unicode ☃ ü 日本 😀", "N" * MB, B(b"\x00\xff\x10"), B(bytes(range(256)) * 4096),
        B(b"\x01\x02\x03"), uuid.UUID("6F9619FF-8B86-D011-B42D-00C04FC964FF"), "v" * MB)
nulls = (2,) + (None,) * (len(full) - 1)
empties = (3, 0, 0, 0, 0, False, 0.0, 0.0, decimal.Decimal("0.00"), decimal.Decimal("0.0000"), decimal.Decimal("0.0000"),
           decimal.Decimal("0.0000"), None, None, None, None, None, None, None, "    ", "", "   ", "", "", B(b""), B(b""),
           B(b"\x00\x00\x00"), None, "")
ph = ",".join(["%s"] * len(full))
cur.execute("INSERT INTO alltypes VALUES (%s)" % ph, full)
cur.execute("INSERT INTO alltypes VALUES (%s)" % ph, nulls)
cur.execute("INSERT INTO alltypes VALUES (%s)" % ph, empties)
check(cur.rowcount == 1, "INSERT via sp_executesql reports 1 row", cur.rowcount)

cur.execute("SELECT * FROM dbo.alltypes ORDER BY id")
names = [d[0] for d in cur.description]
rows = cur.fetchall()
check(len(rows) == 3, "SELECT returns 3 rows", len(rows))
for want, got in zip((full, nulls, empties), rows):
    bad = [(n, repr(g)[:60], repr(w)[:60]) for n, w, g in zip(names, want, got) if w != g]
    check(not bad, "round trip of all types, row id=%d" % want[0], bad)
check(rows[2][names.index("vc")] == "" and rows[1][names.index("vc")] is None, "NULL and '' are distinct")

# literal (SQL batch) inserts of the same kinds of values
cur.execute("""INSERT INTO alltypes (id, i, flag, amount, ts, d, dto, name, vc, vb, u, m)
  VALUES (4, 42, 1, 12345678901.23, '2021-03-04 05:06:07.1234567', '2021-03-04', '2021-03-04 05:06:07 +01:00',
          N'lit ☃', 'lit', 0xCAFE, '6f9619ff-8b86-d011-b42d-00c04fc964ff', 1.25)""")
cur.execute("SELECT i, flag, amount, ts, d, dto, name, vc, vb, u, m FROM alltypes WHERE id = 4")
got = cur.fetchall()[0]
want = (42, True, decimal.Decimal("12345678901.23"), datetime.datetime(2021, 3, 4, 5, 6, 7, 123456),
        datetime.date(2021, 3, 4),
        datetime.datetime(2021, 3, 4, 5, 6, 7, tzinfo=datetime.timezone(datetime.timedelta(hours=1))), "lit ☃", "lit",
        b"\xca\xfe", uuid.UUID("6F9619FF-8B86-D011-B42D-00C04FC964FF"), decimal.Decimal("1.25"))
check(tuple(got) == want, "literal INSERT round trip", (got, want))
check(one(cur, "SELECT count(*) FROM alltypes WHERE u = %s", (uuid.UUID("6F9619FF-8B86-D011-B42D-00C04FC964FF"),)) == 2,
      "uniqueidentifier comparison is case-insensitive")
check(len(one(cur, "SELECT big FROM alltypes WHERE id = 1")) == MB, "1 MB nvarchar(max) value")

# ---- metadata ----
cur.execute("SELECT TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'alltypes'")
r = cur.fetchall()
check(len(r) == 1 and r[0][1:] == ("dbo", "alltypes", "BASE TABLE"), "INFORMATION_SCHEMA.TABLES", r)
cur.execute("""SELECT COLUMN_NAME, ORDINAL_POSITION, IS_NULLABLE, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH,
                      NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION
               FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'dbo' AND TABLE_NAME = 'alltypes'
               ORDER BY ORDINAL_POSITION""")
cols = {row[0]: row for row in cur.fetchall()}
check(len(cols) == len(full), "INFORMATION_SCHEMA.COLUMNS column count", len(cols))
check(cols.get("id") == ("id", 1, "NO", "int", None, 10, 0, None), "COLUMNS row for int NOT NULL", cols.get("id"))
check(cols.get("name", ())[2:5] == ("YES", "nvarchar", 50), "COLUMNS row for nvarchar(50)", cols.get("name"))
check(cols.get("big", ())[3:5] == ("nvarchar", -1), "COLUMNS: nvarchar(max) has length -1", cols.get("big"))
check(cols.get("amount", ())[3:7] == ("decimal", None, 13, 2), "COLUMNS row for decimal(13,2)", cols.get("amount"))
check(cols.get("ts3", ())[3] == "datetime2" and cols.get("ts3", ())[7] == 3, "COLUMNS row for datetime2(3)", cols.get("ts3"))
cur.execute("SELECT name, amount FROM alltypes WHERE id = 1")
check([d[0] for d in cur.description] == ["name", "amount"] and cur.description[1][4:6] == (13, 2),
      "decimal precision/scale in COLMETADATA", cur.description)

# ---- errors ----
check(server_error(cur, "SELECT * FROM no_such_table") == 208, "missing table gives 208")
check(server_error(cur, "SELECT no_such_col FROM alltypes") == 207, "missing column gives 207")
check(server_error(cur, "INSERT INTO alltypes (id) VALUES (1)") == 2627, "duplicate key gives 2627")
check(server_error(cur, "INSERT INTO alltypes (id) VALUES (NULL)") == 515, "NULL into NOT NULL gives 515")
check(server_error(cur, "SELECT 1 / 0") == 8134, "divide by zero gives 8134")
check(server_error(cur, "UPDATE alltypes SET amount = 99999999999999 WHERE id = 1") == 8115,
      "decimal beyond its precision gives 8115")
check(server_error(cur, "SELECT id / (i - i) FROM alltypes WHERE id = 1") == 8134, "column divide by zero gives 8134")
check(one(cur, "SELECT 7 / 2") == 3 and one(cur, "SELECT 7 % 3") == 1, "integer division and modulo")
check(one(cur, "SELECT 1") == 1, "connection usable after errors")

# ---- transactions ----
cur.execute("CREATE TABLE tx (id int PRIMARY KEY, v nvarchar(10))")
cur.execute("BEGIN TRANSACTION")
cur.execute("INSERT INTO tx VALUES (1, N'a')")
check(one(cur, "SELECT @@TRANCOUNT") == 1, "@@TRANCOUNT inside transaction")
cur.execute("ROLLBACK TRANSACTION")
check(one(cur, "SELECT count(*) FROM tx") == 0, "ROLLBACK TRANSACTION discards insert")
cur.execute("BEGIN TRAN; INSERT INTO tx VALUES (1, N'a'); SAVE TRANSACTION sp1; INSERT INTO tx VALUES (2, N'b'); "
            "ROLLBACK TRANSACTION sp1; COMMIT")
check(one(cur, "SELECT count(*) FROM tx") == 1, "SAVE TRANSACTION / ROLLBACK to savepoint / COMMIT")
check(server_error(cur, "COMMIT") == 3902, "COMMIT without BEGIN gives 3902")
c2 = connect(autocommit=False)
k2 = c2.cursor()
k2.execute("INSERT INTO tx VALUES (%s, %s)", (10, "x"))
c2.rollback()
k2.execute("INSERT INTO tx VALUES (%s, %s)", (11, "y"))
c2.commit()
check(one(cur, "SELECT count(*) FROM tx WHERE id >= 10") == 1 and one(cur, "SELECT max(id) FROM tx") == 11,
      "pytds autocommit=False rollback()/commit() (transaction manager requests)")
c2.close()

# ---- session functions and translation ----
check("Microsoft SQL Server" in one(cur, "SELECT @@VERSION"), "@@VERSION")
check(isinstance(one(cur, "SELECT @@SPID"), int), "@@SPID")
check(one(cur, "SELECT DB_NAME()") != "" and one(cur, "SELECT SCHEMA_NAME()") == "dbo", "DB_NAME() / SCHEMA_NAME()")
cur.execute("CREATE TABLE tr (id int PRIMARY KEY, name nvarchar(20), qty int)")
cur.executemany("INSERT INTO tr VALUES (%s, %s, %s)", [(i, "n%d" % i, i * 10) for i in range(1, 11)])
check([r[0] for r in (cur.execute("SELECT TOP 3 id FROM tr ORDER BY id DESC") or cur.fetchall())] == [10, 9, 8], "TOP n")
check([r[0] for r in (cur.execute("SELECT TOP (2) id FROM [dbo].[tr] ORDER BY id") or cur.fetchall())] == [1, 2], "TOP (n) with [dbo].[t]")
cur.execute("SELECT id FROM tr ORDER BY id OFFSET 2 ROWS FETCH NEXT 3 ROWS ONLY")
check([r[0] for r in cur.fetchall()] == [3, 4, 5], "OFFSET/FETCH")
check(one(cur, "SELECT name + N'-' + 'x' FROM tr WHERE id = 1") == "n1-x", "string + concatenation")
check(one(cur, "SELECT ISNULL(NULL, 'd') + CAST(qty AS varchar(10)) FROM tr WHERE id = 2") == "d20", "ISNULL and CAST")
check(one(cur, "SELECT LEN('ab  ') + CHARINDEX('c', 'abc') + DATALENGTH(N'ab')") == 9, "LEN/CHARINDEX/DATALENGTH")
check(one(cur, "SELECT SUBSTRING('hello', 2, 3) + LEFT('xyz', 1) + RIGHT('xyz', 1)") == "ellxz", "SUBSTRING/LEFT/RIGHT")
check(one(cur, "SELECT CONVERT(int, '42') + COUNT_BIG(*) FROM tr") == 52, "CONVERT and COUNT_BIG")
check(one(cur, "SELECT IIF(1 = 1, 'yes', 'no')") == "yes", "IIF")
check(one(cur, "SELECT DATEADD(day, 1, '2020-02-28')") == "2020-02-29" and
      one(cur, "SELECT DATEDIFF(month, '2020-01-31', '2020-03-01')") == 2, "DATEADD/DATEDIFF")
check(one(cur, "SELECT qty FROM tr WITH (NOLOCK) WHERE name = @p", {"p": "n3"}) == 30 if False else
      one(cur, "SELECT qty FROM tr WITH (NOLOCK) WHERE name = %s", ("n3",)) == 30, "WITH (NOLOCK) + parameter")
cur.execute("IF OBJECT_ID('dbo.tr') IS NOT NULL DROP TABLE dbo.tr")
check(server_error(cur, "SELECT * FROM tr") == 208, "IF OBJECT_ID(...) IS NOT NULL DROP TABLE")
cur.execute("SET NOCOUNT ON; SET ANSI_NULLS ON; SET QUOTED_IDENTIFIER ON; SET TEXTSIZE 2147483647; "
            "SET ANSI_WARNINGS ON; SET CONCAT_NULL_YIELDS_NULL ON; SET ANSI_PADDING ON; SET XACT_ABORT ON; "
            "SET IMPLICIT_TRANSACTIONS OFF; SET DATEFORMAT ymd; SET LANGUAGE us_english; SET NOCOUNT OFF")
check(True, "SET statements accepted")

# ---- sp_executesql seen by the server ----
with open(LOGFILE, encoding="utf-8") as fh:
    log = fh.read()
check("WHERE name = @P1" in log and "CREATE TABLE [dbo].[alltypes]" in log, "--log records batch and RPC SQL text")

# ---- large result streamed ----
t0 = time.time()
cur.execute("WITH c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 200000) "
            "SELECT n, N'row ' + CAST(n AS nvarchar(10)) AS s FROM c")
count, last = 0, None
while True:
    batch = cur.fetchmany(10000)
    if not batch:
        break
    count += len(batch)
    last = batch[-1]
check(count == 200000 and last == (200000, "row 200000"), "200,000-row result (%.1fs)" % (time.time() - t0), (count, last))

# ---- cancel ----
t0 = time.time()
cur.execute("WITH c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 100000000) SELECT n FROM c")
first = cur.fetchmany(100)
cur.cancel()
el = time.time() - t0
check(len(first) == 100 and el < 10, "cursor.cancel() of a 100M-row query (%.2fs)" % el)
check(one(cur, "SELECT 5") == 5, "connection usable after cancel")

conn.close()
print("pytds_check: %d failure(s)" % failures)
sys.exit(1 if failures else 0)
