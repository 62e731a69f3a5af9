/*
 * tds_funcs.c - SQL Server built-in functions registered in SQLite.
 *
 * The translator maps T-SQL calls either to SQLite built-ins (ifnull,
 * substr, ...) or to the functions defined here.  Functions whose T-SQL name
 * is not an SQLite keyword keep their name (LEN, CHARINDEX, GETDATE, ...);
 * the rest get a __tds_ prefix.  __tds_nz implements SQL Server's
 * divide-by-zero error and __tds_cast implements CAST/CONVERT.
 */
#include "tds.h"
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/time.h>
#include <time.h>

static Conn *conn_of(sqlite3_context *cx) { return (Conn *)sqlite3_user_data(cx); }

static void fn_nz(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    int t = sqlite3_value_numeric_type(argv[0]);
    if ((t == SQLITE_INTEGER && sqlite3_value_int64(argv[0]) == 0) || (t == SQLITE_FLOAT && sqlite3_value_double(argv[0]) == 0.0)) {
        sqlite3_result_error(cx, "Divide by zero error encountered.", -1);
        return;
    }
    sqlite3_result_value(cx, argv[0]);
}

/* ---- string functions (character positions count UTF-8 code points) ---- */

static size_t u8_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            c++;
    return c;
}

static size_t u8_offset(const char *s, size_t n, size_t chars)
{
    size_t i = 0, c = 0;
    while (i < n) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (c == chars)
                return i;
            c++;
        }
        i++;
    }
    return n;
}

static void fn_len(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
        return;
    if (sqlite3_value_type(argv[0]) == SQLITE_BLOB) {
        sqlite3_result_int(cx, sqlite3_value_bytes(argv[0]));
        return;
    }
    const char *s = (const char *)sqlite3_value_text(argv[0]);
    size_t n = (size_t)sqlite3_value_bytes(argv[0]);
    while (n > 0 && s[n - 1] == ' ') /* LEN ignores trailing spaces */
        n--;
    sqlite3_result_int64(cx, (sqlite3_int64)u8_chars(s, n));
}

static void fn_datalength(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    switch (sqlite3_value_type(argv[0])) {
    case SQLITE_NULL: return;
    case SQLITE_BLOB: sqlite3_result_int(cx, sqlite3_value_bytes(argv[0])); return;
    case SQLITE_INTEGER: sqlite3_result_int(cx, 8); return;
    case SQLITE_FLOAT: sqlite3_result_int(cx, 8); return;
    default: {
        /* text is assumed to be nvarchar: two bytes per UTF-16 unit */
        const char *s = (const char *)sqlite3_value_text(argv[0]);
        Buf b = {0};
        size_t units = utf8_to_utf16(s, (size_t)sqlite3_value_bytes(argv[0]), &b);
        buf_free(&b);
        sqlite3_result_int64(cx, (sqlite3_int64)units * 2);
    }
    }
}

static void fn_left_right(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL)
        return;
    const char *s = (const char *)sqlite3_value_text(argv[0]);
    size_t n = (size_t)sqlite3_value_bytes(argv[0]);
    sqlite3_int64 k = sqlite3_value_int64(argv[1]);
    if (k < 0) {
        sqlite3_result_error(cx, "Invalid length parameter passed to the LEFT or RIGHT function.", -1);
        return;
    }
    size_t total = u8_chars(s, n);
    int right = sqlite3_user_data(cx) != NULL;
    if ((size_t)k >= total) {
        sqlite3_result_text(cx, s, (int)n, SQLITE_TRANSIENT);
    } else if (!right) {
        sqlite3_result_text(cx, s, (int)u8_offset(s, n, (size_t)k), SQLITE_TRANSIENT);
    } else {
        size_t off = u8_offset(s, n, total - (size_t)k);
        sqlite3_result_text(cx, s + off, (int)(n - off), SQLITE_TRANSIENT);
    }
}

static void fn_charindex(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL)
        return;
    const char *needle = (const char *)sqlite3_value_text(argv[0]);
    const char *hay = (const char *)sqlite3_value_text(argv[1]);
    size_t hn = strlen(hay), nn = strlen(needle);
    sqlite3_int64 start = argc > 2 ? sqlite3_value_int64(argv[2]) : 1;
    if (start < 1)
        start = 1;
    size_t from = u8_offset(hay, hn, (size_t)start - 1);
    if (nn == 0) {
        sqlite3_result_int(cx, 0);
        return;
    }
    for (size_t i = from; i + nn <= hn; i++)
        if (strncasecmp(hay + i, needle, nn) == 0) { /* CI collation */
            sqlite3_result_int64(cx, (sqlite3_int64)u8_chars(hay, i) + 1);
            return;
        }
    sqlite3_result_int(cx, 0);
}

static void fn_concat(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    Buf b = {0};
    for (int i = 0; i < argc; i++)
        if (sqlite3_value_type(argv[i]) != SQLITE_NULL)
            buf_add(&b, sqlite3_value_text(argv[i]), (size_t)sqlite3_value_bytes(argv[i]));
    sqlite3_result_text(cx, b.p ? b.p : "", (int)b.len, SQLITE_TRANSIENT);
    buf_free(&b);
}

static void fn_replicate(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    const char *s = argc == 2 ? (const char *)sqlite3_value_text(argv[0]) : " ";
    sqlite3_int64 n = sqlite3_value_int64(argv[argc - 1]);
    if (!s || sqlite3_value_type(argv[argc - 1]) == SQLITE_NULL || n < 0)
        return;
    size_t sl = strlen(s);
    if (sl * (size_t)n > 100000000) {
        sqlite3_result_error_toobig(cx);
        return;
    }
    Buf b = {0};
    for (sqlite3_int64 i = 0; i < n; i++)
        buf_add(&b, s, sl);
    sqlite3_result_text(cx, b.p ? b.p : "", (int)b.len, SQLITE_TRANSIENT);
    buf_free(&b);
}

static void fn_reverse(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *s = (const char *)sqlite3_value_text(argv[0]);
    if (!s)
        return;
    size_t n = strlen(s);
    char *r = malloc(n + 1);
    size_t o = n;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && ((unsigned char)s[j] & 0xC0) == 0x80)
            j++;
        o -= j - i;
        memcpy(r + o, s + i, j - i);
        i = j;
    }
    sqlite3_result_text(cx, r, (int)n, free);
}

static void fn_quotename(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *s = (const char *)sqlite3_value_text(argv[0]);
    if (!s)
        return;
    Buf b = {0};
    buf_addc(&b, '[');
    for (; *s; s++) {
        if (*s == ']')
            buf_addc(&b, ']');
        buf_addc(&b, *s);
    }
    buf_addc(&b, ']');
    sqlite3_result_text(cx, b.p, (int)b.len, SQLITE_TRANSIENT);
    buf_free(&b);
}

static void fn_isnumeric(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    int t = sqlite3_value_numeric_type(argv[0]);
    sqlite3_result_int(cx, t == SQLITE_INTEGER || t == SQLITE_FLOAT);
}

static void fn_square(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
        return;
    double d = sqlite3_value_double(argv[0]);
    sqlite3_result_double(cx, d * d);
}

/* ---- session information ---- */

static void fn_host_name(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc; (void)argv;
    sqlite3_result_text(cx, "localhost", -1, SQLITE_STATIC);
}

static void fn_db_name(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc; (void)argv;
    sqlite3_result_text(cx, conn_of(cx)->dbname, -1, SQLITE_TRANSIENT);
}

static void fn_schema_name(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc; (void)argv;
    sqlite3_result_text(cx, "dbo", -1, SQLITE_STATIC);
}

static void fn_user_name(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc; (void)argv;
    sqlite3_result_text(cx, conn_of(cx)->user, -1, SQLITE_TRANSIENT);
}

static void fn_app_name(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc; (void)argv;
    sqlite3_result_text(cx, conn_of(cx)->appname, -1, SQLITE_TRANSIENT);
}

static void fn_serverproperty(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *p = (const char *)sqlite3_value_text(argv[0]);
    if (!p)
        return;
    if (strcasecmp(p, "ProductVersion") == 0) sqlite3_result_text(cx, "15.0.2000.5", -1, SQLITE_STATIC);
    else if (strcasecmp(p, "Edition") == 0) sqlite3_result_text(cx, "Developer Edition (64-bit)", -1, SQLITE_STATIC);
    else if (strcasecmp(p, "EngineEdition") == 0) sqlite3_result_int(cx, 3);
    else if (strcasecmp(p, "ProductLevel") == 0) sqlite3_result_text(cx, "RTM", -1, SQLITE_STATIC);
    else if (strcasecmp(p, "ServerName") == 0 || strcasecmp(p, "MachineName") == 0) sqlite3_result_text(cx, SERVER_NAME, -1, SQLITE_STATIC);
    else if (strcasecmp(p, "Collation") == 0) sqlite3_result_text(cx, "SQL_Latin1_General_CP1_CI_AS", -1, SQLITE_STATIC);
}

/* OBJECT_ID('[dbo].[t]') -> rowid of the schema entry, or NULL */
static void fn_object_id(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *s = (const char *)sqlite3_value_text(argv[0]);
    if (!s)
        return;
    char name[256];
    const char *dot = strrchr(s, '.');
    snprintf(name, sizeof name, "%s", dot ? dot + 1 : s);
    if (name[0] == '[' || name[0] == '"') {
        memmove(name, name + 1, strlen(name));
        size_t n = strlen(name);
        if (n) name[n - 1] = 0;
    }
    sqlite3 *db = sqlite3_context_db_handle(cx);
    sqlite3_stmt *st;
    const char *q = name[0] == '#' ? "SELECT rowid FROM temp.sqlite_schema WHERE name = ?1 COLLATE NOCASE AND type IN ('table','view')"
                                   : "SELECT rowid FROM main.sqlite_schema WHERE name = ?1 COLLATE NOCASE AND type IN ('table','view')";
    if (sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW)
        sqlite3_result_int64(cx, sqlite3_column_int64(st, 0) + 1000);
    sqlite3_finalize(st);
}

static void fn_newid(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc; (void)argv;
    unsigned char r[16];
    sqlite3_randomness(16, r);
    r[6] = (unsigned char)((r[6] & 0x0F) | 0x40);
    r[8] = (unsigned char)((r[8] & 0x3F) | 0x80);
    char s[40];
    snprintf(s, sizeof s, "%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X", r[0], r[1], r[2],
             r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15]);
    sqlite3_result_text(cx, s, -1, SQLITE_TRANSIENT);
}

/* ---- date/time ---- */

static void now_dt(DateTime *dt, int utc)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    struct tm tm;
    time_t t = tv.tv_sec;
    if (utc) gmtime_r(&t, &tm); else localtime_r(&t, &tm);
    memset(dt, 0, sizeof *dt);
    dt->y = tm.tm_year + 1900; dt->mo = tm.tm_mon + 1; dt->d = tm.tm_mday;
    dt->h = tm.tm_hour; dt->mi = tm.tm_min; dt->s = tm.tm_sec;
    dt->frac = (int64_t)tv.tv_usec * 10;
    dt->off = utc ? 0 : (int)(tm.tm_gmtoff / 60);
    dt->has_date = dt->has_time = 1;
}

/* user data: bit0 utc, kind in the upper bits */
static void fn_now(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc; (void)argv;
    intptr_t ud = (intptr_t)sqlite3_user_data(cx);
    DateTime dt;
    now_dt(&dt, (int)(ud & 1));
    Buf b = {0};
    Kind k = (Kind)(ud >> 1);
    dt_format(&dt, k, 7, &b);
    sqlite3_result_text(cx, buf_cstr(&b), (int)b.len, SQLITE_TRANSIENT);
    buf_free(&b);
}

static int dt_from_value(sqlite3_value *v, DateTime *dt)
{
    if (sqlite3_value_type(v) == SQLITE_NULL)
        return 0;
    return dt_parse((const char *)sqlite3_value_text(v), dt);
}

static void fn_ymd(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    DateTime dt;
    if (!dt_from_value(argv[0], &dt))
        return;
    intptr_t which = (intptr_t)sqlite3_user_data(cx);
    sqlite3_result_int(cx, which == 0 ? dt.y : which == 1 ? dt.mo : dt.d);
}

typedef enum { P_YEAR, P_QUARTER, P_MONTH, P_DAYOFYEAR, P_DAY, P_WEEK, P_WEEKDAY, P_HOUR, P_MINUTE, P_SECOND,
               P_MS, P_MCS, P_NS, P_BAD } Part;

static Part part_of(const char *p)
{
    static const struct { const char *n; Part p; } m[] = {
        {"year", P_YEAR}, {"yy", P_YEAR}, {"yyyy", P_YEAR}, {"quarter", P_QUARTER}, {"qq", P_QUARTER}, {"q", P_QUARTER},
        {"month", P_MONTH}, {"mm", P_MONTH}, {"m", P_MONTH}, {"dayofyear", P_DAYOFYEAR}, {"dy", P_DAYOFYEAR},
        {"y", P_DAYOFYEAR}, {"day", P_DAY}, {"dd", P_DAY}, {"d", P_DAY}, {"week", P_WEEK}, {"wk", P_WEEK},
        {"ww", P_WEEK}, {"weekday", P_WEEKDAY}, {"dw", P_WEEKDAY}, {"w", P_WEEKDAY}, {"hour", P_HOUR}, {"hh", P_HOUR},
        {"minute", P_MINUTE}, {"mi", P_MINUTE}, {"n", P_MINUTE}, {"second", P_SECOND}, {"ss", P_SECOND},
        {"s", P_SECOND}, {"millisecond", P_MS}, {"ms", P_MS}, {"microsecond", P_MCS}, {"mcs", P_MCS},
        {"nanosecond", P_NS}, {"ns", P_NS}};
    for (size_t i = 0; p && i < sizeof m / sizeof m[0]; i++)
        if (strcasecmp(p, m[i].n) == 0)
            return m[i].p;
    return P_BAD;
}

static int64_t dt_days(const DateTime *d) { return days_from_civil(d->y, d->mo, d->d); }
static int64_t dt_tod(const DateTime *d) { return ((int64_t)d->h * 3600 + d->mi * 60 + d->s) * 10000000 + d->frac; }

static void dt_set(DateTime *d, int64_t days, int64_t tod)
{
    while (tod < 0) { tod += 864000000000LL; days--; }
    while (tod >= 864000000000LL) { tod -= 864000000000LL; days++; }
    civil_from_days(days, &d->y, &d->mo, &d->d);
    int64_t sec = tod / 10000000;
    d->frac = tod % 10000000;
    d->h = (int)(sec / 3600); d->mi = (int)(sec / 60 % 60); d->s = (int)(sec % 60);
}

static int weekday(const DateTime *d) /* Sunday = 1 (DATEFIRST 7) */
{
    int64_t w = (dt_days(d) + 4) % 7; /* 1970-01-01 was a Thursday */
    if (w < 0) w += 7;
    return (int)w + 1;
}

static int64_t part_value(const DateTime *d, Part p)
{
    int64_t doy = dt_days(d) - days_from_civil(d->y, 1, 1) + 1;
    switch (p) {
    case P_YEAR: return d->y;
    case P_QUARTER: return (d->mo - 1) / 3 + 1;
    case P_MONTH: return d->mo;
    case P_DAYOFYEAR: return doy;
    case P_DAY: return d->d;
    case P_WEEK: {
        DateTime j = *d;
        j.mo = 1; j.d = 1;
        return (doy + weekday(&j) - 2) / 7 + 1;
    }
    case P_WEEKDAY: return weekday(d);
    case P_HOUR: return d->h;
    case P_MINUTE: return d->mi;
    case P_SECOND: return d->s;
    case P_MS: return d->frac / 10000;
    case P_MCS: return d->frac / 10;
    case P_NS: return d->frac * 100;
    default: return 0;
    }
}

static void result_dt(sqlite3_context *cx, const DateTime *d)
{
    Buf b = {0};
    dt_format(d, d->has_time ? (d->has_off ? K_DTO : K_DATETIME2) : K_DATE, 7, &b);
    sqlite3_result_text(cx, buf_cstr(&b), (int)b.len, SQLITE_TRANSIENT);
    buf_free(&b);
}

static void fn_dateadd(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    Part p = part_of((const char *)sqlite3_value_text(argv[0]));
    DateTime d;
    if (sqlite3_value_type(argv[1]) == SQLITE_NULL || !dt_from_value(argv[2], &d))
        return;
    int64_t n = sqlite3_value_int64(argv[1]);
    int64_t days = dt_days(&d), tod = dt_tod(&d);
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    switch (p) {
    case P_YEAR: case P_QUARTER: case P_MONTH: {
        int64_t months = (int64_t)d.y * 12 + (d.mo - 1) + n * (p == P_YEAR ? 12 : p == P_QUARTER ? 3 : 1);
        d.y = (int)(months / 12);
        d.mo = (int)(months % 12) + 1;
        int md = mdays[d.mo - 1] + (d.mo == 2 && (d.y % 4 == 0 && (d.y % 100 != 0 || d.y % 400 == 0)));
        if (d.d > md) d.d = md;
        result_dt(cx, &d);
        return;
    }
    case P_DAYOFYEAR: case P_DAY: case P_WEEKDAY: days += n; break;
    case P_WEEK: days += n * 7; break;
    case P_HOUR: tod += n * 36000000000LL; break;
    case P_MINUTE: tod += n * 600000000LL; break;
    case P_SECOND: tod += n * 10000000LL; break;
    case P_MS: tod += n * 10000LL; break;
    case P_MCS: tod += n * 10LL; break;
    case P_NS: tod += n / 100; break;
    default:
        sqlite3_result_error(cx, "Invalid parameter 1 specified for dateadd.", -1);
        return;
    }
    days += tod / 864000000000LL;
    tod %= 864000000000LL;
    dt_set(&d, days, tod);
    result_dt(cx, &d);
}

static void fn_datediff(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    Part p = part_of((const char *)sqlite3_value_text(argv[0]));
    DateTime a, b;
    if (!dt_from_value(argv[1], &a) || !dt_from_value(argv[2], &b))
        return;
    int64_t da = dt_days(&a), db = dt_days(&b), r = 0;
    int64_t ta = da * 864000000000LL + dt_tod(&a), tb = db * 864000000000LL + dt_tod(&b);
    /* DATEDIFF counts boundaries crossed, hence the floor divisions */
#define FLOORDIV(x, y) ((x) >= 0 ? (x) / (y) : -((-(x) + (y) - 1) / (y)))
    switch (p) {
    case P_YEAR: r = b.y - a.y; break;
    case P_QUARTER: r = (b.y - a.y) * 4 + (b.mo - 1) / 3 - (a.mo - 1) / 3; break;
    case P_MONTH: r = (int64_t)(b.y - a.y) * 12 + b.mo - a.mo; break;
    case P_DAYOFYEAR: case P_DAY: case P_WEEKDAY: r = db - da; break;
    case P_WEEK: r = FLOORDIV(db + 4, 7) - FLOORDIV(da + 4, 7); break;
    case P_HOUR: r = FLOORDIV(tb, 36000000000LL) - FLOORDIV(ta, 36000000000LL); break;
    case P_MINUTE: r = FLOORDIV(tb, 600000000LL) - FLOORDIV(ta, 600000000LL); break;
    case P_SECOND: r = FLOORDIV(tb, 10000000LL) - FLOORDIV(ta, 10000000LL); break;
    case P_MS: r = FLOORDIV(tb, 10000LL) - FLOORDIV(ta, 10000LL); break;
    case P_MCS: r = FLOORDIV(tb, 10LL) - FLOORDIV(ta, 10LL); break;
    case P_NS: r = (tb - ta) * 100; break;
    default:
        sqlite3_result_error(cx, "Invalid parameter 1 specified for datediff.", -1);
        return;
    }
    sqlite3_result_int64(cx, r);
}

static void fn_datepart(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    Part p = part_of((const char *)sqlite3_value_text(argv[0]));
    DateTime d;
    if (!dt_from_value(argv[1], &d))
        return;
    if (p == P_BAD) {
        sqlite3_result_error(cx, "Invalid parameter 1 specified for datepart.", -1);
        return;
    }
    int64_t v = part_value(&d, p);
    if (sqlite3_user_data(cx)) { /* DATENAME */
        static const char *months[] = {"January", "February", "March", "April", "May", "June", "July", "August",
                                       "September", "October", "November", "December"};
        static const char *days[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
        char s[32];
        if (p == P_MONTH) snprintf(s, sizeof s, "%s", months[v - 1]);
        else if (p == P_WEEKDAY) snprintf(s, sizeof s, "%s", days[v - 1]);
        else snprintf(s, sizeof s, "%lld", (long long)v);
        sqlite3_result_text(cx, s, -1, SQLITE_TRANSIENT);
    } else
        sqlite3_result_int64(cx, v);
}

/* ---- CAST / CONVERT ---- */

static void conv_error(sqlite3_context *cx, int is_try, sqlite3_value *v, const char *type)
{
    if (is_try)
        return; /* TRY_CAST: NULL */
    char msg[400];
    if (!strcmp(type, "date") || !strcmp(type, "datetime") || !strcmp(type, "datetime2") || !strcmp(type, "time") ||
        !strcmp(type, "smalldatetime") || !strcmp(type, "datetimeoffset"))
        snprintf(msg, sizeof msg, "Conversion failed when converting date and/or time from character string.");
    else
        snprintf(msg, sizeof msg, "Conversion failed when converting the varchar value '%.200s' to data type %s.",
                 (const char *)sqlite3_value_text(v), type);
    sqlite3_result_error(cx, msg, -1);
}

static int parse_number(const char *s, double *d, int64_t *i, int *is_int)
{
    while (*s == ' ') s++;
    if (!*s) return 0;
    char *end;
    errno = 0;
    long long ll = strtoll(s, &end, 10);
    const char *e = end;
    while (*e == ' ') e++;
    if (!*e && end != s) {
        *i = ll;
        *d = (double)ll;
        *is_int = 1;
        return 1;
    }
    *d = strtod(s, &end);
    e = end;
    while (*e == ' ') e++;
    *is_int = 0;
    return end != s && !*e;
}

static void fn_cast(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    sqlite3_value *v = argv[0];
    const char *tname = (const char *)sqlite3_value_text(argv[1]);
    int n = sqlite3_value_int(argv[2]), scale = sqlite3_value_int(argv[3]), is_try = sqlite3_value_int(argv[4]);
    int vt = sqlite3_value_type(v);
    if (vt == SQLITE_NULL || !tname)
        return;
    SqlType t;
    type_parse_name(tname, n, scale, 2, &t);
    switch (t.kind) {
    case K_TINYINT: case K_SMALLINT: case K_INT: case K_BIGINT: case K_BIT: {
        int64_t r;
        if (vt == SQLITE_INTEGER) r = sqlite3_value_int64(v);
        else if (vt == SQLITE_FLOAT) r = (int64_t)sqlite3_value_double(v); /* truncates like SQL Server */
        else {
            double d; int64_t i; int isint;
            const char *s = (const char *)sqlite3_value_text(v);
            if (t.kind == K_BIT && s && (!strcasecmp(s, "true") || !strcasecmp(s, "false"))) {
                sqlite3_result_int(cx, !strcasecmp(s, "true"));
                return;
            }
            if (!parse_number(s, &d, &i, &isint) || !isint) {
                conv_error(cx, is_try, v, tname);
                return;
            }
            r = i;
        }
        if (t.kind == K_BIT) r = r != 0;
        sqlite3_result_int64(cx, r);
        return;
    }
    case K_REAL: case K_FLOAT: case K_DECIMAL: case K_NUMERIC: case K_MONEY: case K_SMALLMONEY: {
        double d; int64_t i; int isint;
        if (vt == SQLITE_INTEGER) { i = sqlite3_value_int64(v); d = (double)i; isint = 1; }
        else if (vt == SQLITE_FLOAT) { d = sqlite3_value_double(v); isint = 0; i = 0; }
        else if (!parse_number((const char *)sqlite3_value_text(v), &d, &i, &isint)) {
            conv_error(cx, is_try, v, tname);
            return;
        }
        int sc = (t.kind == K_MONEY || t.kind == K_SMALLMONEY) ? 4 : t.scale;
        if (t.kind == K_REAL || t.kind == K_FLOAT)
            sqlite3_result_double(cx, t.kind == K_REAL ? (double)(float)d : d);
        else if (isint)
            sqlite3_result_int64(cx, i);
        else if (sc == 0)
            sqlite3_result_int64(cx, (int64_t)llround(d));
        else {
            double m = pow(10, sc);
            sqlite3_result_double(cx, round(d * m) / m);
        }
        return;
    }
    case K_DATETIME: case K_SMALLDATETIME: case K_DATETIME2: case K_DATE: case K_TIME: case K_DTO: {
        DateTime d;
        if (!dt_parse((const char *)sqlite3_value_text(v), &d)) {
            conv_error(cx, is_try, v, tname);
            return;
        }
        if (!d.has_date && t.kind != K_TIME) { d.y = 1900; d.mo = 1; d.d = 1; }
        Buf b = {0};
        dt_format(&d, t.kind, t.scale ? t.scale : 7, &b);
        sqlite3_result_text(cx, buf_cstr(&b), (int)b.len, SQLITE_TRANSIENT);
        buf_free(&b);
        return;
    }
    case K_GUID: {
        const char *s = (const char *)sqlite3_value_text(v);
        char u[40];
        int k = 0;
        for (; s && *s && k < 39; s++)
            if (*s != '{' && *s != '}') u[k++] = (char)toupper((unsigned char)*s);
        u[k] = 0;
        if (k != 36) {
            if (!is_try) sqlite3_result_error(cx, "Conversion failed when converting from a character string to uniqueidentifier.", -1);
            return;
        }
        sqlite3_result_text(cx, u, -1, SQLITE_TRANSIENT);
        return;
    }
    case K_BINARY: case K_VARBINARY: case K_IMAGE:
        sqlite3_result_blob(cx, sqlite3_value_blob(v) ? sqlite3_value_blob(v) : "", sqlite3_value_bytes(v), SQLITE_TRANSIENT);
        return;
    default: { /* character types */
        const char *s;
        char tmp[64];
        if (vt == SQLITE_FLOAT) {
            /* float -> string: shortest form, without SQLite's trailing ".0" */
            snprintf(tmp, sizeof tmp, "%.15g", sqlite3_value_double(v));
            s = tmp;
        } else
            s = (const char *)sqlite3_value_text(v);
        size_t len = strlen(s);
        if (t.len > 0)
            len = u8_offset(s, len, (size_t)t.len); /* varchar(n) truncates */
        sqlite3_result_text(cx, s, (int)len, SQLITE_TRANSIENT);
        return;
    }
    }
}

static void fn_ident_current(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *t = (const char *)sqlite3_value_text(argv[0]);
    if (!t)
        return;
    const char *dot = strrchr(t, '.');
    char *q = sqlite3_mprintf("SELECT max(rowid) FROM \"%w\"", dot ? dot + 1 : t);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(sqlite3_context_db_handle(cx), q, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            sqlite3_result_value(cx, sqlite3_column_value(st, 0));
        sqlite3_finalize(st);
    }
    sqlite3_free(q);
}

/* COLUMNPROPERTY(OBJECT_ID(...), 'col', 'IsIdentity' | 'IsComputed' | 'AllowsNull'):
 * an IDENTITY column is stored as SQLite's INTEGER PRIMARY KEY (see the
 * CREATE TABLE translation); there are no computed columns. */
static void fn_columnproperty(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *col = (const char *)sqlite3_value_text(argv[1]);
    const char *prop = (const char *)sqlite3_value_text(argv[2]);
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || !col || !prop)
        return;
    sqlite3 *db = sqlite3_context_db_handle(cx);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT p.type, p.\"notnull\", p.pk FROM main.sqlite_schema m JOIN pragma_table_info(m.name) p "
                           "WHERE m.rowid = ?1 AND p.name = ?2 COLLATE NOCASE",
                           -1, &st, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_int64(st, 1, sqlite3_value_int64(argv[0]) - 1000);
    sqlite3_bind_text(st, 2, col, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(st, 0);
        if (strcasecmp(prop, "IsIdentity") == 0)
            sqlite3_result_int(cx, type && strcmp(type, "INTEGER") == 0 && sqlite3_column_int(st, 2) == 1);
        else if (strcasecmp(prop, "IsComputed") == 0)
            sqlite3_result_int(cx, 0);
        else if (strcasecmp(prop, "AllowsNull") == 0)
            sqlite3_result_int(cx, !sqlite3_column_int(st, 1));
    }
    sqlite3_finalize(st);
}

void funcs_register(Conn *c)
{
    sqlite3 *db = c->db;
    const int det = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    sqlite3_create_function(db, "__tds_nz", 1, det, NULL, fn_nz, NULL, NULL);
    sqlite3_create_function(db, "__tds_cast", 5, det, NULL, fn_cast, NULL, NULL);
    sqlite3_create_function(db, "__tds_left", 2, det, NULL, fn_left_right, NULL, NULL);
    sqlite3_create_function(db, "__tds_right", 2, det, (void *)1, fn_left_right, NULL, NULL);
    sqlite3_create_function(db, "__tds_dateadd", 3, det, NULL, fn_dateadd, NULL, NULL);
    sqlite3_create_function(db, "__tds_datediff", 3, det, NULL, fn_datediff, NULL, NULL);
    sqlite3_create_function(db, "__tds_datediff_big", 3, det, NULL, fn_datediff, NULL, NULL);
    sqlite3_create_function(db, "__tds_datepart", 2, det, NULL, fn_datepart, NULL, NULL);
    sqlite3_create_function(db, "__tds_datename", 2, det, (void *)1, fn_datepart, NULL, NULL);
    sqlite3_create_function(db, "__tds_ident_current", 1, SQLITE_UTF8, NULL, fn_ident_current, NULL, NULL);
    sqlite3_create_function(db, "len", 1, det, NULL, fn_len, NULL, NULL);
    sqlite3_create_function(db, "datalength", 1, det, NULL, fn_datalength, NULL, NULL);
    sqlite3_create_function(db, "charindex", 2, det, NULL, fn_charindex, NULL, NULL);
    sqlite3_create_function(db, "charindex", 3, det, NULL, fn_charindex, NULL, NULL);
    sqlite3_create_function(db, "concat", -1, det, NULL, fn_concat, NULL, NULL);
    sqlite3_create_function(db, "replicate", 2, det, NULL, fn_replicate, NULL, NULL);
    sqlite3_create_function(db, "space", 1, det, NULL, fn_replicate, NULL, NULL);
    sqlite3_create_function(db, "reverse", 1, det, NULL, fn_reverse, NULL, NULL);
    sqlite3_create_function(db, "quotename", 1, det, NULL, fn_quotename, NULL, NULL);
    sqlite3_create_function(db, "isnumeric", 1, det, NULL, fn_isnumeric, NULL, NULL);
    sqlite3_create_function(db, "square", 1, det, NULL, fn_square, NULL, NULL);
    sqlite3_create_function(db, "year", 1, det, (void *)0, fn_ymd, NULL, NULL);
    sqlite3_create_function(db, "month", 1, det, (void *)1, fn_ymd, NULL, NULL);
    sqlite3_create_function(db, "day", 1, det, (void *)2, fn_ymd, NULL, NULL);
    sqlite3_create_function(db, "newid", 0, SQLITE_UTF8, NULL, fn_newid, NULL, NULL);
    sqlite3_create_function(db, "object_id", 1, SQLITE_UTF8, NULL, fn_object_id, NULL, NULL);
    sqlite3_create_function(db, "object_id", 2, SQLITE_UTF8, NULL, fn_object_id, NULL, NULL);
    sqlite3_create_function(db, "columnproperty", 3, SQLITE_UTF8, NULL, fn_columnproperty, NULL, NULL);
    sqlite3_create_function(db, "serverproperty", 1, det, NULL, fn_serverproperty, NULL, NULL);
    sqlite3_create_function(db, "db_name", 0, SQLITE_UTF8, c, fn_db_name, NULL, NULL);
    sqlite3_create_function(db, "schema_name", 0, SQLITE_UTF8, c, fn_schema_name, NULL, NULL);
    sqlite3_create_function(db, "user_name", 0, SQLITE_UTF8, c, fn_user_name, NULL, NULL);
    sqlite3_create_function(db, "suser_name", 0, SQLITE_UTF8, c, fn_user_name, NULL, NULL);
    sqlite3_create_function(db, "suser_sname", 0, SQLITE_UTF8, c, fn_user_name, NULL, NULL);
    sqlite3_create_function(db, "app_name", 0, SQLITE_UTF8, c, fn_app_name, NULL, NULL);
    sqlite3_create_function(db, "host_name", 0, SQLITE_UTF8, c, fn_host_name, NULL, NULL);
    sqlite3_create_function(db, "getdate", 0, SQLITE_UTF8, (void *)(intptr_t)(K_DATETIME << 1), fn_now, NULL, NULL);
    sqlite3_create_function(db, "sysdatetime", 0, SQLITE_UTF8, (void *)(intptr_t)(K_DATETIME2 << 1), fn_now, NULL, NULL);
    sqlite3_create_function(db, "getutcdate", 0, SQLITE_UTF8, (void *)(intptr_t)((K_DATETIME << 1) | 1), fn_now, NULL, NULL);
    sqlite3_create_function(db, "sysutcdatetime", 0, SQLITE_UTF8, (void *)(intptr_t)((K_DATETIME2 << 1) | 1), fn_now, NULL, NULL);
    sqlite3_create_function(db, "sysdatetimeoffset", 0, SQLITE_UTF8, (void *)(intptr_t)(K_DTO << 1), fn_now, NULL, NULL);
}
