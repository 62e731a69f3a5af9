/*
 * dblib_check.c - checks the test server with FreeTDS db-lib, the client
 * library tds_fdw uses: login (good and bad password), a SELECT over every
 * supported type read with dbdata/dbdatlen/dbconvert and dbbind, error
 * 208, and dbcancel of a long-running query (while streaming rows and while
 * the server is still computing).
 *
 * usage: dblib_check HOST PORT USER PASSWORD      (prints PASS/FAIL lines)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>
#include <sybfront.h>
#include <sybdb.h>

static int failures;
static int last_msgno;

static void check(int ok, const char *name, const char *detail)
{
    printf("%s dblib: %s%s%s\n", ok ? "PASS" : "FAIL", name, detail && !ok ? " -- " : "", detail && !ok ? detail : "");
    if (!ok)
        failures++;
}

static int msg_handler(DBPROCESS *dbproc, DBINT msgno, int state, int severity, char *msgtext, char *srvname,
                       char *procname, int line)
{
    (void)dbproc; (void)state; (void)srvname; (void)procname; (void)line;
    if (severity > 10) {
        last_msgno = msgno;
        if (getenv("DBLIB_VERBOSE"))
            fprintf(stderr, "server msg %d: %s\n", msgno, msgtext);
    }
    return 0;
}

static int err_handler(DBPROCESS *dbproc, int severity, int dberr, int oserr, char *dberrstr, char *oserrstr)
{
    (void)dbproc; (void)severity; (void)oserr; (void)oserrstr;
    if (getenv("DBLIB_VERBOSE"))
        fprintf(stderr, "db-lib error %d: %s\n", dberr, dberrstr);
    return INT_CANCEL;
}

static double now(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (double)tv.tv_sec + tv.tv_usec / 1e6;
}

static DBPROCESS *connect_to(const char *server, const char *user, const char *pw)
{
    LOGINREC *login = dblogin();
    DBSETLUSER(login, user);
    DBSETLPWD(login, pw);
    DBSETLAPP(login, "dblib_check");
    DBSETLCHARSET(login, "UTF-8");
    DBSETLVERSION(login, DBVERSION_74);
    DBPROCESS *p = dbopen(login, server);
    dbloginfree(login);
    return p;
}

/* run a batch and discard all results; returns SUCCEED/FAIL */
static RETCODE run(DBPROCESS *p, const char *sql)
{
    last_msgno = 0;
    dbcmd(p, sql);
    RETCODE rc = dbsqlexec(p);
    RETCODE r;
    while ((r = dbresults(p)) != NO_MORE_RESULTS) {
        if (r == FAIL)
            rc = FAIL;
        while (r == SUCCEED && dbnextrow(p) != NO_MORE_ROWS)
            ;
    }
    return last_msgno ? FAIL : rc;
}

/* column value as text via dbconvert, "NULL" for NULL */
static void col_text(DBPROCESS *p, int col, char *out, size_t n)
{
    BYTE *d = dbdata(p, col);
    DBINT len = dbdatlen(p, col);
    if (!d && len == 0) {
        snprintf(out, n, "NULL");
        return;
    }
    int type = dbcoltype(p, col);
    if (type == SYBBINARY || type == SYBVARBINARY || type == SYBIMAGE) {
        size_t k = 0;
        out[0] = 0;
        for (DBINT i = 0; i < len && k + 3 < n; i++)
            k += (size_t)snprintf(out + k, n - k, "%02x", d[i]);
        return;
    }
    DBINT r = dbconvert(p, type, d, len, SYBCHAR, (BYTE *)out, (DBINT)n - 1);
    if (r < 0)
        r = 0;
    out[r] = 0;
    while (r > 0 && out[r - 1] == ' ' && type != SYBCHAR)
        out[--r] = 0;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s HOST PORT USER PASSWORD\n", argv[0]);
        return 2;
    }
    char server[256];
    snprintf(server, sizeof server, "%s:%s", argv[1], argv[2]);
    if (dbinit() == FAIL)
        return 2;
    dbmsghandle(msg_handler);
    dberrhandle(err_handler);

    /* 1. wrong password */
    last_msgno = 0;
    DBPROCESS *bad = connect_to(server, argv[3], "wrong-password");
    check(bad == NULL && last_msgno == 18456, "login with wrong password fails with 18456", NULL);
    if (bad)
        dbclose(bad);

    /* 2. login */
    DBPROCESS *p = connect_to(server, argv[3], argv[4]);
    check(p != NULL, "login", NULL);
    if (!p)
        return 1;

    /* 3. every type */
    run(p, "DROP TABLE IF EXISTS dblib_types");
    RETCODE rc = run(p, "CREATE TABLE dbo.dblib_types (id int PRIMARY KEY, i int, bi bigint, si smallint, ti tinyint, "
                        "b bit, f float, r real, dec decimal(18,4), num numeric(10,0), m money, sm smallmoney, "
                        "dt datetime, sdt smalldatetime, dt2 datetime2(7), d date, t time(3), dto datetimeoffset(3), "
                        "c char(5), vc varchar(20), nc nchar(4), nvc nvarchar(30), vb varbinary(16), bn binary(4), "
                        "u uniqueidentifier, big nvarchar(max), vbmax varbinary(max))");
    check(rc == SUCCEED, "create table with every type", NULL);
    rc = run(p, "INSERT INTO dblib_types VALUES (1, -2147483648, 9223372036854775807, -32768, 255, 1, 3.5, 1.25, "
                "1234567890.1234, 9999999999, 12345678.9012, -214748.3648, '2020-01-02 03:04:05.123', "
                "'2020-01-02 03:04:00', '2020-01-02 03:04:05.1234567', '2021-12-31', '23:59:59.999', "
                "'2020-01-02 03:04:05.123 +02:00', 'ab', 'hello', N'ñö', N'unicode ☃ snow', 0x00ff10, 0x01020304, "
                "'6F9619FF-8B86-D011-B42D-00C04FC964FF', REPLICATE(N'x', 100000), 0xdeadbeef)");
    check(rc == SUCCEED, "insert values of every type", NULL);
    rc = run(p, "INSERT INTO dblib_types (id, vc, nvc, vb) VALUES (2, '', N'', 0x)");
    check(rc == SUCCEED, "insert row with NULLs and empty strings", NULL);

    static const char *expect1[] = {
        "1", "-2147483648", "9223372036854775807", "-32768", "255", "1", "3.5", "1.25", "1234567890.1234",
        "9999999999", "12345678.9012", "-214748.3648", NULL, NULL, NULL, NULL, NULL, NULL,
        "ab   ", "hello", "ñö  ", "unicode ☃ snow", "00ff10", "01020304", "6F9619FF-8B86-D011-B42D-00C04FC964FF",
        NULL, "deadbeef"};
    dbcmd(p, "SELECT * FROM dblib_types ORDER BY id");
    rc = dbsqlexec(p);
    check(rc == SUCCEED && dbresults(p) == SUCCEED, "select every type", NULL);
    check(dbnumcols(p) == 27, "column count", NULL);
    check(dbcoltype(p, 2) == SYBINT4 && dbcoltype(p, 3) == SYBINT8 && dbcoltype(p, 6) == SYBBIT &&
              dbcoltype(p, 7) == SYBFLT8 && dbcoltype(p, 9) == SYBDECIMAL && dbcoltype(p, 11) == SYBMONEY &&
              dbcoltype(p, 13) == SYBDATETIME && dbcoltype(p, 20) == SYBCHAR && dbcoltype(p, 23) == SYBBINARY &&
              dbcoltype(p, 25) == 36 /* SYBUNIQUE */,
          "declared SQL Server types in COLMETADATA", NULL);
    DBCOL ci;
    memset(&ci, 0, sizeof ci);
    ci.SizeOfStruct = sizeof ci;
    dbcolinfo(p, CI_REGULAR, 9, 0, &ci);
    check(dbcollen(p, 23) == 16 && ci.Precision == 18 && ci.Scale == 4, "column length/precision/scale", NULL);
    int row = 0;
    char buf[300000], detail[600];
    while (dbnextrow(p) != NO_MORE_ROWS) {
        row++;
        if (row == 1) {
            for (int col = 1; col <= 27; col++) {
                if (!expect1[col - 1])
                    continue;
                col_text(p, col, buf, sizeof buf);
                snprintf(detail, sizeof detail, "col %d (%s): got '%s' want '%s'", col, dbcolname(p, col), buf, expect1[col - 1]);
                char name[64];
                snprintf(name, sizeof name, "value of %s", dbcolname(p, col));
                check(strcmp(buf, expect1[col - 1]) == 0, name, detail);
            }
            DBDATEREC dr;
            DBDATETIME *dtv = (DBDATETIME *)dbdata(p, 13);
            dbdatecrack(p, &dr, dtv);
            snprintf(detail, sizeof detail, "%d-%d-%d %d:%d:%d.%d", dr.dateyear, dr.datemonth + 1, dr.datedmonth,
                     dr.datehour, dr.dateminute, dr.datesecond, dr.datemsecond);
            check(dr.dateyear == 2020 && dr.datemonth == 0 && dr.datedmonth == 2 && dr.datehour == 3 &&
                      dr.dateminute == 4 && dr.datesecond == 5 && dr.datemsecond == 123, "datetime value (dbdatecrack)", detail);
            int datecols[] = {15, 16, 17, 18};
            const char *want[] = {"2020-01-02 03:04:05.1234567", "2021-12-31", "23:59:59.999", "2020-01-02 03:04:05.123 +02:00"};
            for (int k = 0; k < 4; k++) {
                DBDATEREC2 d2;
                int ok = dbanydatecrack(p, &d2, dbcoltype(p, datecols[k]), dbdata(p, datecols[k])) == SUCCEED;
                snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d.%07d tz=%d", d2.dateyear, d2.datemonth + 1,
                         d2.datedmonth, d2.datehour, d2.dateminute, d2.datesecond, d2.datensecond / 100, d2.datetzone);
                char want2[100];
                DBDATEREC2 w = {0};
                int fr = 0;
                if (k == 0) { w.dateyear = 2020; w.datemonth = 0; w.datedmonth = 2; w.datehour = 3; w.dateminute = 4; w.datesecond = 5; fr = 1234567; }
                if (k == 1) { w.dateyear = 2021; w.datemonth = 11; w.datedmonth = 31; }
                if (k == 2) { w.dateyear = 1900; w.datemonth = 0; w.datedmonth = 1; w.datehour = 23; w.dateminute = 59; w.datesecond = 59; fr = 9990000; }
                if (k == 3) { w.dateyear = 2020; w.datemonth = 0; w.datedmonth = 2; w.datehour = 3; w.dateminute = 4; w.datesecond = 5; fr = 1230000; w.datetzone = 120; }
                snprintf(want2, sizeof want2, "%04d-%02d-%02d %02d:%02d:%02d.%07d tz=%d", w.dateyear, w.datemonth + 1,
                         w.datedmonth, w.datehour, w.dateminute, w.datesecond, fr, w.datetzone);
                snprintf(detail, sizeof detail, "got %s want %s (%s)", buf, want2, want[k]);
                char name[64];
                snprintf(name, sizeof name, "value of %s (dbanydatecrack)", dbcolname(p, datecols[k]));
                check(ok && (k == 1 || k == 2 ? strncmp(buf + (k == 2 ? 11 : 0), want2 + (k == 2 ? 11 : 0), k == 2 ? 8 : 10) == 0
                                              : strcmp(buf, want2) == 0),
                      name, detail);
            }
            DBINT bl = dbdatlen(p, 26);
            BYTE *bd = dbdata(p, 26);
            int allx = bd != NULL && bl == 100000;
            for (DBINT i = 0; allx && i < bl; i++)
                allx = bd[i] == 'x';
            snprintf(detail, sizeof detail, "len %d", (int)bl);
            check(allx, "nvarchar(max) 100000 chars", detail);
        } else if (row == 2) {
            int nulls_ok = 1;
            for (int col = 2; col <= 27; col++) {
                if (col == 20 || col == 22 || col == 23)
                    continue;
                if (dbdata(p, col) != NULL || dbdatlen(p, col) != 0) {
                    nulls_ok = 0;
                    snprintf(detail, sizeof detail, "col %d not NULL", col);
                }
            }
            check(nulls_ok, "NULL values", detail);
            check(dbdatlen(p, 20) == 0 && dbdata(p, 20) != NULL, "empty varchar is not NULL", NULL);
            check(dbdatlen(p, 22) == 0 && dbdata(p, 22) != NULL, "empty nvarchar is not NULL", NULL);
            check(dbdatlen(p, 23) == 0 && dbdata(p, 23) != NULL, "empty varbinary is not NULL", NULL);
        }
    }
    check(row == 2, "row count", NULL);
    while (dbresults(p) != NO_MORE_RESULTS)
        ;

    /* 4. dbbind */
    DBINT id = 0, ival = 0;
    char nvc[64] = "";
    dbcmd(p, "SELECT id, i, nvc FROM dblib_types WHERE id = 1");
    dbsqlexec(p);
    dbresults(p);
    dbbind(p, 1, INTBIND, 0, (BYTE *)&id);
    dbbind(p, 2, INTBIND, 0, (BYTE *)&ival);
    dbbind(p, 3, NTBSTRINGBIND, sizeof nvc, (BYTE *)nvc);
    int got = dbnextrow(p) == REG_ROW;
    while (dbnextrow(p) != NO_MORE_ROWS)
        ;
    while (dbresults(p) != NO_MORE_RESULTS)
        ;
    check(got && id == 1 && ival == -2147483648 && strcmp(nvc, "unicode ☃ snow") == 0, "dbbind INTBIND/NTBSTRINGBIND", nvc);

    /* 5. error 208 */
    last_msgno = 0;
    dbcmd(p, "SELECT * FROM no_such_table");
    rc = dbsqlexec(p);
    while (dbresults(p) != NO_MORE_RESULTS)
        ;
    check(last_msgno == 208, "missing table gives error 208", NULL);

    /* 6. dbcancel while rows stream */
    double t0 = now();
    dbcmd(p, "WITH c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 100000000) SELECT n, 'padding padding' AS s FROM c");
    rc = dbsqlexec(p);
    int rows = 0;
    if (rc == SUCCEED && dbresults(p) == SUCCEED)
        while (rows < 1000 && dbnextrow(p) == REG_ROW)
            rows++;
    rc = dbcancel(p);
    double el = now() - t0;
    snprintf(detail, sizeof detail, "rows=%d rc=%d %.2fs", rows, rc, el);
    check(rows == 1000 && rc == SUCCEED && el < 5, "dbcancel while streaming rows", detail);

    /* 7. dbcancel while the server is still computing (no row yet) */
    t0 = now();
    dbcmd(p, "WITH c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 1000000000) SELECT count(*) FROM c");
    dbsqlsend(p);
    usleep(300000);
    rc = dbcancel(p);
    el = now() - t0;
    snprintf(detail, sizeof detail, "rc=%d %.2fs", rc, el);
    check(rc == SUCCEED && el < 5, "dbcancel during execution", detail);

    /* 8. the connection is still usable */
    dbcmd(p, "SELECT 42 AS answer");
    DBINT answer = 0;
    if (dbsqlexec(p) == SUCCEED && dbresults(p) == SUCCEED) {
        dbbind(p, 1, INTBIND, 0, (BYTE *)&answer);
        while (dbnextrow(p) != NO_MORE_ROWS)
            ;
    }
    while (dbresults(p) != NO_MORE_RESULTS)
        ;
    check(answer == 42, "connection usable after cancel", NULL);

    run(p, "DROP TABLE dblib_types");
    dbclose(p);
    dbexit();
    printf("dblib_check: %d failure(s)\n", failures);
    return failures ? 1 : 0;
}
