/*
 * tds_types.c - SQL Server data types: parsing declared type text, TYPE_INFO
 * for COLMETADATA, and encoding SQLite values as TDS row values.
 *
 * Storage conventions in SQLite (what the values look like that we encode):
 *   integers/bit  INTEGER;  float/real REAL
 *   decimal/money NUMERIC affinity (REAL/INTEGER, or TEXT); written with the
 *                 declared scale, exact up to ~15 significant digits
 *   date/time     ISO text 'YYYY-MM-DD HH:MM:SS[.fffffff][ +HH:MM]'
 *   char types    UTF-8 TEXT;  binary BLOB;  uniqueidentifier canonical TEXT
 * Values of an unexpected storage class are converted rather than rejected,
 * because SQLite columns are dynamically typed.
 */
#include "tds.h"
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
    const char *name;
    Kind kind;
} type_names[] = {
    {"tinyint", K_TINYINT}, {"smallint", K_SMALLINT}, {"int", K_INT}, {"integer", K_INT},
    {"bigint", K_BIGINT}, {"bit", K_BIT}, {"real", K_REAL}, {"float", K_FLOAT},
    {"decimal", K_DECIMAL}, {"dec", K_DECIMAL}, {"numeric", K_NUMERIC}, {"money", K_MONEY},
    {"smallmoney", K_SMALLMONEY}, {"datetime", K_DATETIME}, {"smalldatetime", K_SMALLDATETIME},
    {"datetime2", K_DATETIME2}, {"date", K_DATE}, {"time", K_TIME}, {"datetimeoffset", K_DTO},
    {"char", K_CHAR}, {"character", K_CHAR}, {"varchar", K_VARCHAR}, {"nchar", K_NCHAR},
    {"nvarchar", K_NVARCHAR}, {"binary", K_BINARY}, {"varbinary", K_VARBINARY},
    {"uniqueidentifier", K_GUID}, {"text", K_TEXT}, {"ntext", K_NTEXT}, {"image", K_IMAGE},
    {"sysname", K_NVARCHAR}, {"xml", K_NVARCHAR}, {"timestamp", K_BINARY}, {"rowversion", K_BINARY},
    {"clob", K_TEXT}, {"blob", K_IMAGE}, {"double", K_FLOAT},
};

const char *type_name(Kind k)
{
    for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
        if (type_names[i].kind == k)
            return type_names[i].name;
    return "sql_variant";
}

int type_is_char(Kind k)
{
    return k == K_CHAR || k == K_VARCHAR || k == K_NCHAR || k == K_NVARCHAR || k == K_TEXT || k == K_NTEXT;
}

int type_parse_name(const char *name, int a1, int a2, int nargs, SqlType *t)
{
    memset(t, 0, sizeof *t);
    t->nullable = 1;
    for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
        if (strcasecmp(name, type_names[i].name) == 0) {
            t->kind = type_names[i].kind;
            break;
        }
    if (!t->kind)
        return 0;
    switch (t->kind) {
    case K_DECIMAL: case K_NUMERIC:
        t->prec = nargs >= 1 ? a1 : 18;
        t->scale = nargs >= 2 ? a2 : 0;
        if (t->prec < 1 || t->prec > 38) t->prec = 38;
        if (t->scale < 0 || t->scale > t->prec) t->scale = 0;
        break;
    case K_FLOAT:
        if (nargs >= 1 && a1 <= 24) t->kind = K_REAL;
        break;
    case K_DATETIME2: case K_TIME: case K_DTO:
        t->scale = nargs >= 1 ? a1 : 7;
        if (t->scale < 0 || t->scale > 7) t->scale = 7;
        break;
    case K_CHAR: case K_VARCHAR: case K_NCHAR: case K_NVARCHAR: case K_BINARY: case K_VARBINARY:
        t->len = nargs >= 1 ? a1 : 1;
        if (strcasecmp(name, "sysname") == 0) t->len = 128;
        if (strcasecmp(name, "xml") == 0) t->len = -1;
        if (strcasecmp(name, "timestamp") == 0 || strcasecmp(name, "rowversion") == 0) t->len = 8;
        if (t->len == 0 || t->len < -1) t->len = 1;
        /* beyond the in-row limits the wire type is the max (PLP) form */
        if ((t->kind == K_NCHAR || t->kind == K_NVARCHAR) && t->len > 4000) t->len = -1;
        if (t->len > 8000) t->len = -1;
        if (t->len == -1 && t->kind == K_CHAR) t->kind = K_VARCHAR;
        if (t->len == -1 && t->kind == K_NCHAR) t->kind = K_NVARCHAR;
        if (t->len == -1 && t->kind == K_BINARY) t->kind = K_VARBINARY;
        break;
    case K_TEXT: case K_NTEXT: case K_IMAGE:
        t->len = -1;
        break;
    default:
        break;
    }
    return 1;
}

/* "nvarchar(50)", "decimal(12, 2)", "varbinary(max)", "varbinary(-1)" */
int type_parse(const char *text, SqlType *t)
{
    char name[64];
    int n = 0, a[2] = {0, 0}, nargs = 0;
    const char *p = text;
    memset(t, 0, sizeof *t);
    if (!p)
        return 0;
    while (*p == ' ' || *p == '[' || *p == '"')
        p++;
    while ((isalnum((unsigned char)*p) || *p == '_') && n < 63)
        name[n++] = (char)*p++;
    name[n] = 0;
    while (*p == ' ' || *p == ']' || *p == '"')
        p++;
    /* "double precision", "character varying" and friends */
    if (strcasecmp(name, "double") == 0 || strncasecmp(p, "varying", 7) == 0) {
        if (strncasecmp(p, "varying", 7) == 0) {
            snprintf(name, sizeof name, "%s", strcasecmp(name, "national") == 0 ? "nvarchar" : "varchar");
            p += 7;
        }
        while (*p && *p != '(')
            p++;
    }
    if (*p == '(') {
        p++;
        while (nargs < 2) {
            while (*p == ' ')
                p++;
            if (strncasecmp(p, "max", 3) == 0) {
                a[nargs++] = -1;
                p += 3;
            } else if (*p == '-' || isdigit((unsigned char)*p)) {
                a[nargs++] = (int)strtol(p, (char **)&p, 10);
            } else
                break;
            while (*p == ' ')
                p++;
            if (*p != ',')
                break;
            p++;
        }
    }
    return type_parse_name(name, a[0], a[1], nargs, t);
}

void type_format(const SqlType *t, Buf *b)
{
    buf_adds(b, type_name(t->kind));
    switch (t->kind) {
    case K_DECIMAL: case K_NUMERIC:
        buf_addf(b, "(%d,%d)", t->prec, t->scale);
        break;
    case K_DATETIME2: case K_TIME: case K_DTO:
        buf_addf(b, "(%d)", t->scale);
        break;
    case K_CHAR: case K_VARCHAR: case K_NCHAR: case K_NVARCHAR: case K_BINARY: case K_VARBINARY:
        buf_addf(b, "(%d)", t->len); /* SQLite type names take numbers only: max is -1 */
        break;
    default:
        break;
    }
}

static int dec_len(int prec) { return prec <= 9 ? 5 : prec <= 19 ? 9 : prec <= 28 ? 13 : 17; }
static int time_len(int scale) { return scale <= 2 ? 3 : scale <= 4 ? 4 : 5; }
static int is_plp(const SqlType *t)
{
    return t->len == -1 && (t->kind == K_VARCHAR || t->kind == K_NVARCHAR || t->kind == K_VARBINARY ||
                            t->kind == K_TEXT || t->kind == K_NTEXT || t->kind == K_IMAGE);
}

void type_put_info(Conn *c, const SqlType *t)
{
    switch (t->kind) {
    case K_TINYINT: net_put_u8(c, 0x26); net_put_u8(c, 1); break;
    case K_SMALLINT: net_put_u8(c, 0x26); net_put_u8(c, 2); break;
    case K_INT: net_put_u8(c, 0x26); net_put_u8(c, 4); break;
    case K_BIGINT: net_put_u8(c, 0x26); net_put_u8(c, 8); break;
    case K_BIT: net_put_u8(c, 0x68); net_put_u8(c, 1); break;
    case K_REAL: net_put_u8(c, 0x6D); net_put_u8(c, 4); break;
    case K_FLOAT: net_put_u8(c, 0x6D); net_put_u8(c, 8); break;
    case K_DECIMAL: case K_NUMERIC:
        net_put_u8(c, t->kind == K_DECIMAL ? 0x6A : 0x6C);
        net_put_u8(c, (unsigned)dec_len(t->prec));
        net_put_u8(c, (unsigned)t->prec);
        net_put_u8(c, (unsigned)t->scale);
        break;
    case K_MONEY: net_put_u8(c, 0x6E); net_put_u8(c, 8); break;
    case K_SMALLMONEY: net_put_u8(c, 0x6E); net_put_u8(c, 4); break;
    case K_DATETIME: net_put_u8(c, 0x6F); net_put_u8(c, 8); break;
    case K_SMALLDATETIME: net_put_u8(c, 0x6F); net_put_u8(c, 4); break;
    case K_DATE: net_put_u8(c, 0x28); break;
    case K_TIME: net_put_u8(c, 0x29); net_put_u8(c, (unsigned)t->scale); break;
    case K_DATETIME2: net_put_u8(c, 0x2A); net_put_u8(c, (unsigned)t->scale); break;
    case K_DTO: net_put_u8(c, 0x2B); net_put_u8(c, (unsigned)t->scale); break;
    case K_GUID: net_put_u8(c, 0x24); net_put_u8(c, 16); break;
    case K_CHAR: case K_VARCHAR: case K_TEXT:
        net_put_u8(c, t->kind == K_CHAR ? 0xAF : 0xA7);
        net_put_u16(c, t->len < 0 ? 0xFFFF : (unsigned)t->len);
        net_put(c, COLLATION, 5);
        break;
    case K_NCHAR: case K_NVARCHAR: case K_NTEXT:
        net_put_u8(c, t->kind == K_NCHAR ? 0xEF : 0xE7);
        net_put_u16(c, t->len < 0 ? 0xFFFF : (unsigned)t->len * 2);
        net_put(c, COLLATION, 5);
        break;
    case K_BINARY: case K_VARBINARY: case K_IMAGE:
        net_put_u8(c, t->kind == K_BINARY ? 0xAD : 0xA5);
        net_put_u16(c, t->len < 0 ? 0xFFFF : (unsigned)t->len);
        break;
    default: /* unreachable: executor maps unknown kinds to nvarchar */
        net_put_u8(c, 0xE7); net_put_u16(c, 8000); net_put(c, COLLATION, 5);
        break;
    }
}

int type_put_value_null(Conn *c, const SqlType *t)
{
    if (is_plp(t))
        net_put_u64(c, UINT64_MAX);
    else if (type_is_char(t->kind) || t->kind == K_BINARY || t->kind == K_VARBINARY)
        net_put_u16(c, 0xFFFF);
    else
        net_put_u8(c, 0);
    return 0;
}

/* ---------------- date/time ---------------- */

int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return 0;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return 1;
}

/* Accepts 'YYYY-MM-DD', 'YYYYMMDD', optional ' '/'T' + 'HH:MM[:SS[.f...]]',
 * a bare time, and an optional 'Z' / '+HH:MM' offset. */
int dt_parse(const char *s, DateTime *dt)
{
    memset(dt, 0, sizeof *dt);
    dt->y = 1900; dt->mo = 1; dt->d = 1;
    if (!s)
        return 0;
    const char *p = s;
    while (*p == ' ')
        p++;
    if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) && p[2] == ':') {
        dt->has_time = 1;
    } else {
        if (!digits(&p, 4, &dt->y))
            return 0;
        if (*p == '-' || *p == '/' || *p == '.') {
            char sep = *p++;
            const char *q = p;
            if (!digits(&p, 2, &dt->mo)) { p = q; if (!digits(&p, 1, &dt->mo)) return 0; }
            if (*p++ != sep) return 0;
            q = p;
            if (!digits(&p, 2, &dt->d)) { p = q; if (!digits(&p, 1, &dt->d)) return 0; }
        } else if (!digits(&p, 2, &dt->mo) || !digits(&p, 2, &dt->d))
            return 0;
        dt->has_date = 1;
        if (*p == 'T' || (*p == ' ' && isdigit((unsigned char)p[1])))
            p++, dt->has_time = 1;
    }
    if (dt->has_time) {
        if (!digits(&p, 2, &dt->h) || *p++ != ':' || !digits(&p, 2, &dt->mi))
            return 0;
        if (*p == ':') {
            p++;
            if (!digits(&p, 2, &dt->s))
                return 0;
            if (*p == '.') {
                p++;
                int64_t f = 0;
                int n = 0;
                while (isdigit((unsigned char)*p)) {
                    if (n < 7) { f = f * 10 + (*p - '0'); n++; }
                    p++;
                }
                while (n++ < 7)
                    f *= 10;
                dt->frac = f;
            }
        }
    }
    while (*p == ' ')
        p++;
    if (*p == 'Z') {
        dt->has_off = 1;
    } else if (*p == '+' || *p == '-') {
        int sign = *p++ == '-' ? -1 : 1, oh = 0, om = 0;
        if (!digits(&p, 2, &oh))
            return 0;
        if (*p == ':')
            p++;
        digits(&p, 2, &om);
        dt->off = sign * (oh * 60 + om);
        dt->has_off = 1;
    }
    if (dt->mo < 1 || dt->mo > 12 || dt->d < 1 || dt->d > 31 || dt->h > 23 || dt->mi > 59 || dt->s > 59)
        return 0;
    return 1;
}

static void fmt_frac(Buf *out, int64_t frac, int digits_)
{
    if (digits_ <= 0)
        return;
    char f[16];
    snprintf(f, sizeof f, "%07lld", (long long)frac);
    f[digits_] = 0;
    int n = digits_;
    while (n > 0 && f[n - 1] == '0') /* canonical form: trailing zeros trimmed */
        f[--n] = 0;
    if (n > 0)
        buf_addf(out, ".%s", f);
}

void dt_format(const DateTime *in, Kind k, int scale, Buf *out)
{
    DateTime dt = *in;
    if (k == K_DATETIME) { /* round to 1/300 s like SQL Server, then show ms */
        int64_t ticks = (dt.frac * 3 + 50000) / 100000;
        dt.frac = (ticks * 10 + 1) / 3 * 10000;
        if (dt.frac >= 10000000)
            dt.frac = 9990000;
        scale = 3;
    } else if (k == K_SMALLDATETIME) {
        dt.frac = 0;
        dt.s = 0;
        scale = 0;
    }
    if (k != K_TIME)
        buf_addf(out, "%04d-%02d-%02d", dt.y, dt.mo, dt.d);
    if (k == K_DATE)
        return;
    if (k != K_TIME)
        buf_addc(out, ' ');
    buf_addf(out, "%02d:%02d:%02d", dt.h, dt.mi, dt.s);
    fmt_frac(out, dt.frac, scale);
    if (k == K_DTO) {
        int o = dt.off < 0 ? -dt.off : dt.off;
        buf_addf(out, " %c%02d:%02d", dt.off < 0 ? '-' : '+', o / 60, o % 60);
    }
}

static void put_le(Conn *c, uint64_t v, int n)
{
    unsigned char b[8];
    for (int i = 0; i < n; i++)
        b[i] = (unsigned char)(v >> (8 * i));
    net_put(c, b, (size_t)n);
}

static const int64_t pow10i[8] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000};

static void put_datetime_value(Conn *c, const SqlType *t, const char *text)
{
    DateTime dt;
    if (!dt_parse(text, &dt))
        dt_parse("1900-01-01", &dt);
    int64_t days = days_from_civil(dt.y, dt.mo, dt.d);
    int64_t tod = ((int64_t)dt.h * 3600 + dt.mi * 60 + dt.s) * 10000000 + dt.frac; /* 100ns */
    switch (t->kind) {
    case K_DATETIME: {
        int64_t ticks = (tod * 3 + 50000) / 100000;
        int64_t d = days - days_from_civil(1900, 1, 1);
        if (ticks >= 300LL * 86400) { ticks -= 300LL * 86400; d++; }
        net_put_u8(c, 8);
        put_le(c, (uint64_t)(int32_t)d, 4);
        put_le(c, (uint64_t)ticks, 4);
        break;
    }
    case K_SMALLDATETIME: {
        int64_t mins = (tod + 300000000) / 600000000;
        int64_t d = days - days_from_civil(1900, 1, 1);
        if (mins >= 1440) { mins -= 1440; d++; }
        net_put_u8(c, 4);
        put_le(c, (uint64_t)d, 2);
        put_le(c, (uint64_t)mins, 2);
        break;
    }
    case K_DATE:
        net_put_u8(c, 3);
        put_le(c, (uint64_t)(days - days_from_civil(1, 1, 1)), 3);
        break;
    case K_TIME: case K_DATETIME2: case K_DTO: {
        int tl = time_len(t->scale);
        if (t->kind == K_DTO && dt.has_off) { /* wire carries UTC + offset */
            int64_t abs100 = days * 864000000000LL + tod - (int64_t)dt.off * 600000000LL;
            days = abs100 >= 0 ? abs100 / 864000000000LL : -((-abs100 + 864000000000LL - 1) / 864000000000LL);
            tod = abs100 - days * 864000000000LL;
        }
        int64_t v = tod / pow10i[7 - t->scale];
        net_put_u8(c, (unsigned)(tl + (t->kind == K_TIME ? 0 : 3) + (t->kind == K_DTO ? 2 : 0)));
        put_le(c, (uint64_t)v, tl);
        if (t->kind != K_TIME)
            put_le(c, (uint64_t)(days - days_from_civil(1, 1, 1)), 3);
        if (t->kind == K_DTO)
            put_le(c, (uint64_t)(uint16_t)(int16_t)dt.off, 2);
        break;
    }
    default:
        break;
    }
}

/* ---------------- exact decimals ---------------- */

/* Parse decimal text into an integer scaled by 10^scale (rounded half up). */
static int parse_scaled(const char *s, int scale, unsigned __int128 *mag, int *neg)
{
    char tmp[80];
    *mag = 0;
    *neg = 0;
    while (*s == ' ')
        s++;
    if (strpbrk(s, "eE")) { /* exponent form: go through double */
        snprintf(tmp, sizeof tmp, "%.*f", scale, strtod(s, NULL));
        s = tmp;
    }
    if (*s == '-' || *s == '+')
        *neg = *s++ == '-';
    int seen = 0, frac = -1, round_up = 0;
    for (; *s; s++) {
        if (*s == '.' && frac < 0) {
            frac = 0;
            continue;
        }
        if (!isdigit((unsigned char)*s))
            break;
        seen = 1;
        if (frac >= 0) {
            if (frac == scale) {
                round_up = *s >= '5';
                break;
            }
            frac++;
        }
        *mag = *mag * 10 + (unsigned)(*s - '0');
    }
    if (frac < 0)
        frac = 0;
    for (; frac < scale; frac++)
        *mag *= 10;
    if (round_up)
        *mag += 1;
    if (*mag == 0)
        *neg = 0;
    return seen;
}

static void value_as_decimal_text(sqlite3_stmt *st, int col, int scale, char *buf, size_t n)
{
    switch (sqlite3_column_type(st, col)) {
    case SQLITE_INTEGER:
        snprintf(buf, n, "%lld", (long long)sqlite3_column_int64(st, col));
        break;
    case SQLITE_FLOAT: {
        /* %.17g would expose binary noise; the declared scale is what an exact
         * decimal holds, and 15 significant digits are exact in a double */
        double d = sqlite3_column_double(st, col);
        int ip = d == 0 ? 1 : (int)floor(log10(fabs(d))) + 1;
        int keep = 15 - ip;
        if (keep < scale && keep >= 0) {
            char t[80];
            snprintf(t, sizeof t, "%.*f", keep, d);
            snprintf(buf, n, "%s", t);
        } else
            snprintf(buf, n, "%.*f", scale, d);
        break;
    }
    default: {
        const char *t = (const char *)sqlite3_column_text(st, col);
        snprintf(buf, n, "%s", t ? t : "0");
        break;
    }
    }
}

/* ---------------- GUID ---------------- */

static int hexv(int ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

static int guid_parse(const char *s, unsigned char out[16])
{
    unsigned char raw[16];
    int n = 0;
    for (const char *p = s; *p && n < 32; p++) {
        if (*p == '-' || *p == '{' || *p == '}')
            continue;
        int h = hexv(*p);
        if (h < 0)
            return 0;
        if (n % 2 == 0)
            raw[n / 2] = (unsigned char)(h << 4);
        else
            raw[n / 2] |= (unsigned char)h;
        n++;
    }
    if (n != 32)
        return 0;
    /* Data1..Data3 little-endian, Data4 as is */
    static const int order[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
    for (int i = 0; i < 16; i++)
        out[i] = raw[order[i]];
    return 1;
}

/* ---------------- value encoder ---------------- */

static Buf scratch;

static void put_bytes_value(Conn *c, const SqlType *t, const void *p, size_t n, int pad)
{
    if (is_plp(t)) {
        net_put_u64(c, n);
        if (n > 0) {
            net_put_u32(c, (uint32_t)n);
            net_put(c, p, n);
        }
        net_put_u32(c, 0);
        return;
    }
    size_t max = (size_t)t->len * (t->kind == K_NCHAR || t->kind == K_NVARCHAR ? 2 : 1);
    if (n > max)
        n = max;
    net_put_u16(c, (unsigned)(pad ? max : n));
    net_put(c, p, n);
    if (pad && n < max) {
        int wide = t->kind == K_NCHAR;
        static const unsigned char sp[2] = {' ', 0}, zero[2] = {0, 0};
        const unsigned char *fill = t->kind == K_BINARY ? zero : sp;
        for (size_t i = n; i < max; i += wide ? 2 : 1)
            net_put(c, fill, wide ? 2 : 1);
    }
}

void type_put_value(Conn *c, const SqlType *t, sqlite3_stmt *st, int col)
{
    switch (t->kind) {
    case K_TINYINT: net_put_u8(c, 1); put_le(c, (uint64_t)sqlite3_column_int64(st, col), 1); break;
    case K_SMALLINT: net_put_u8(c, 2); put_le(c, (uint64_t)sqlite3_column_int64(st, col), 2); break;
    case K_INT: net_put_u8(c, 4); put_le(c, (uint64_t)sqlite3_column_int64(st, col), 4); break;
    case K_BIGINT: net_put_u8(c, 8); put_le(c, (uint64_t)sqlite3_column_int64(st, col), 8); break;
    case K_BIT: net_put_u8(c, 1); net_put_u8(c, sqlite3_column_double(st, col) != 0); break;
    case K_REAL: {
        float f = (float)sqlite3_column_double(st, col);
        uint32_t u;
        memcpy(&u, &f, 4);
        net_put_u8(c, 4);
        net_put_u32(c, u);
        break;
    }
    case K_FLOAT: {
        double d = sqlite3_column_double(st, col);
        uint64_t u;
        memcpy(&u, &d, 8);
        net_put_u8(c, 8);
        net_put_u64(c, u);
        break;
    }
    case K_DECIMAL: case K_NUMERIC: case K_MONEY: case K_SMALLMONEY: {
        int scale = (t->kind == K_MONEY || t->kind == K_SMALLMONEY) ? 4 : t->scale;
        char text[96];
        unsigned __int128 mag;
        int neg;
        value_as_decimal_text(st, col, scale, text, sizeof text);
        parse_scaled(text, scale, &mag, &neg);
        if (t->kind == K_MONEY || t->kind == K_SMALLMONEY) {
            if (mag > (unsigned __int128)INT64_MAX) /* out of range: clamp rather than wrap */
                mag = (unsigned __int128)INT64_MAX;
            int64_t v = neg ? -(int64_t)mag : (int64_t)mag;
            if (t->kind == K_SMALLMONEY) {
                net_put_u8(c, 4);
                put_le(c, (uint64_t)v, 4);
            } else {
                net_put_u8(c, 8);
                put_le(c, (uint64_t)v >> 32, 4);
                put_le(c, (uint64_t)v, 4);
            }
            break;
        }
        int len = dec_len(t->prec);
        net_put_u8(c, (unsigned)len);
        net_put_u8(c, neg ? 0 : 1);
        put_le(c, (uint64_t)mag, len - 1 > 8 ? 8 : len - 1);
        if (len - 1 > 8)
            put_le(c, (uint64_t)(mag >> 64), len - 1 - 8);
        break;
    }
    case K_DATETIME: case K_SMALLDATETIME: case K_DATE: case K_TIME: case K_DATETIME2: case K_DTO:
        put_datetime_value(c, t, (const char *)sqlite3_column_text(st, col));
        break;
    case K_GUID: {
        unsigned char g[16];
        if (sqlite3_column_type(st, col) == SQLITE_BLOB && sqlite3_column_bytes(st, col) == 16)
            memcpy(g, sqlite3_column_blob(st, col), 16);
        else if (!guid_parse((const char *)sqlite3_column_text(st, col), g))
            memset(g, 0, 16);
        net_put_u8(c, 16);
        net_put(c, g, 16);
        break;
    }
    case K_CHAR: case K_VARCHAR: case K_TEXT: {
        const char *s = (const char *)sqlite3_column_text(st, col);
        size_t n = (size_t)sqlite3_column_bytes(st, col);
        scratch.len = 0;
        utf8_to_cp1252(s ? s : "", n, &scratch);
        put_bytes_value(c, t, scratch.p, scratch.len, t->kind == K_CHAR);
        break;
    }
    case K_NCHAR: case K_NVARCHAR: case K_NTEXT: {
        const char *s = (const char *)sqlite3_column_text(st, col);
        size_t n = (size_t)sqlite3_column_bytes(st, col);
        char real[32];
        if (sqlite3_column_type(st, col) == SQLITE_FLOAT) {
            /* a float in a column typed text (its first value was NULL):
             * the shortest text that reads back as the same double, not
             * SQLite's 15 digits */
            double d = sqlite3_column_double(st, col);
            for (int digits = 15; digits <= 17; digits++) {
                snprintf(real, sizeof real, "%.*g", digits, d);
                if (strtod(real, NULL) == d)
                    break;
            }
            s = real;
            n = strlen(real);
        }
        scratch.len = 0;
        utf8_to_utf16(s ? s : "", n, &scratch);
        put_bytes_value(c, t, scratch.p, scratch.len, t->kind == K_NCHAR);
        break;
    }
    case K_BINARY: case K_VARBINARY: case K_IMAGE: {
        const void *p = sqlite3_column_blob(st, col);
        size_t n = (size_t)sqlite3_column_bytes(st, col);
        put_bytes_value(c, t, p ? p : "", n, t->kind == K_BINARY);
        break;
    }
    default:
        break;
    }
}
