/*
 * tds_rpc.c - RPC requests (MS-TDS 2.2.6.6) and transaction manager
 * requests (2.2.6.9).
 *
 * Only sp_executesql is implemented (by name or proc id 10): that is what
 * pytds and the ODBC driver use for parameterised statements.  Parameter
 * values are decoded from their TDS types into SQLite storage form and
 * bound by name when the statement runs.
 */
#include "tds.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
    const unsigned char *p;
    size_t n, pos;
    int bad;
} Rd;

static int need(Rd *r, size_t k)
{
    if (r->bad || r->pos + k > r->n) {
        r->bad = 1;
        return 0;
    }
    return 1;
}
static unsigned u8(Rd *r) { return need(r, 1) ? r->p[r->pos++] : 0; }
static unsigned u16(Rd *r)
{
    if (!need(r, 2)) return 0;
    unsigned v = r->p[r->pos] | (r->p[r->pos + 1] << 8);
    r->pos += 2;
    return v;
}
static uint32_t u32(Rd *r)
{
    if (!need(r, 4)) return 0;
    const unsigned char *q = r->p + r->pos;
    r->pos += 4;
    return q[0] | (q[1] << 8) | (q[2] << 16) | ((uint32_t)q[3] << 24);
}
static uint64_t u64(Rd *r)
{
    uint64_t lo = u32(r);
    return lo | ((uint64_t)u32(r) << 32);
}
static const unsigned char *bytes(Rd *r, size_t k)
{
    if (!need(r, k)) return NULL;
    const unsigned char *q = r->p + r->pos;
    r->pos += k;
    return q;
}
static uint64_t le(const unsigned char *q, int k)
{
    uint64_t v = 0;
    for (int i = k - 1; i >= 0; i--)
        v = (v << 8) | q[i];
    return v;
}

static void skip_all_headers(Rd *r)
{
    size_t save = r->pos;
    uint32_t total = u32(r);
    if (total < 4 || save + total > r->n) { /* no ALL_HEADERS (pre-7.2 style) */
        r->pos = save;
        r->bad = 0;
        return;
    }
    r->pos = save + total;
}

static void bvarchar(Rd *r, char *dst, size_t dn)
{
    unsigned len = u8(r);
    const unsigned char *q = bytes(r, (size_t)len * 2);
    Buf b = {0};
    if (q)
        utf16_to_utf8(q, (size_t)len * 2, &b);
    snprintf(dst, dn, "%s", b.len ? buf_cstr(&b) : "");
    buf_free(&b);
}

static void set_text(Param *p, Buf *b)
{
    p->stype = SQLITE_TEXT;
    p->len = b->len;
    buf_cstr(b);
    p->data = b->p ? b->p : strdup("");
    b->p = NULL;
}

static void set_dt(Param *p, DateTime *dt, Kind k, int scale)
{
    Buf b = {0};
    dt_format(dt, k, scale, &b);
    set_text(p, &b);
}

static void dt_from(DateTime *dt, int64_t days_since_0001, int64_t tod100)
{
    memset(dt, 0, sizeof *dt);
    civil_from_days(days_since_0001 + days_from_civil(1, 1, 1), &dt->y, &dt->mo, &dt->d);
    int64_t sec = tod100 / 10000000;
    dt->frac = tod100 % 10000000;
    dt->h = (int)(sec / 3600);
    dt->mi = (int)(sec / 60 % 60);
    dt->s = (int)(sec % 60);
    dt->has_date = dt->has_time = 1;
}

static const int64_t p10[8] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000};

/* Read TYPE_INFO and the value of one parameter into p. */
static int read_param_value(Rd *r, Param *p)
{
    unsigned type = u8(r);
    unsigned maxlen = 0, prec = 0, scale = 0;
    int fixed = -1;
    p->stype = SQLITE_NULL;
    switch (type) {
    case 0x1F: fixed = 0; break;
    case 0x30: case 0x32: fixed = 1; break;
    case 0x34: fixed = 2; break;
    case 0x38: case 0x3B: case 0x7A: case 0x3A: fixed = 4; break;
    case 0x7F: case 0x3E: case 0x3C: case 0x3D: fixed = 8; break;
    default: break;
    }
    const unsigned char *v = NULL;
    size_t len = 0;
    int isnull = 0;
    Buf plp = {0};
    if (fixed >= 0) {
        len = (size_t)fixed;
        v = bytes(r, len);
        isnull = fixed == 0;
    } else {
        switch (type) {
        case 0x26: case 0x68: case 0x6D: case 0x6E: case 0x6F: case 0x24:
        case 0x27: case 0x2F: case 0x25: case 0x2D:
            maxlen = u8(r);
            break;
        case 0x6A: case 0x6C:
            maxlen = u8(r); prec = u8(r); scale = u8(r);
            break;
        case 0x28:
            break;
        case 0x29: case 0x2A: case 0x2B:
            scale = u8(r);
            break;
        case 0xA7: case 0xAF: case 0xE7: case 0xEF:
            maxlen = u16(r);
            bytes(r, 5);
            break;
        case 0xA5: case 0xAD:
            maxlen = u16(r);
            break;
        case 0x23: case 0x63:
            maxlen = u32(r);
            bytes(r, 5);
            break;
        case 0x22:
            maxlen = u32(r);
            break;
        default:
            return -1;
        }
        (void)prec;
        if ((type == 0xA7 || type == 0xAF || type == 0xE7 || type == 0xEF || type == 0xA5 || type == 0xAD) && maxlen == 0xFFFF) {
            uint64_t total = u64(r);
            if (total == UINT64_MAX)
                isnull = 1;
            else
                for (int guard = 0; guard < 1 << 24 && !r->bad; guard++) {
                    uint32_t cl = u32(r);
                    if (cl == 0)
                        break;
                    const unsigned char *q = bytes(r, cl);
                    if (q)
                        buf_add(&plp, q, cl);
                }
            v = (const unsigned char *)(plp.p ? plp.p : "");
            len = plp.len;
        } else if (type == 0xA7 || type == 0xAF || type == 0xE7 || type == 0xEF || type == 0xA5 || type == 0xAD) {
            len = u16(r);
            isnull = len == 0xFFFF;
            v = isnull ? NULL : bytes(r, len);
        } else if (type == 0x23 || type == 0x63 || type == 0x22) {
            len = u32(r);
            isnull = len == 0xFFFFFFFF;
            v = isnull ? NULL : bytes(r, len);
        } else {
            len = u8(r);
            isnull = len == 0 && !(type == 0x27 || type == 0x2F || type == 0x25 || type == 0x2D);
            v = isnull ? NULL : bytes(r, len);
        }
    }
    if (r->bad) {
        buf_free(&plp);
        return -1;
    }
    if (isnull || (!v && len)) {
        buf_free(&plp);
        return 0;
    }
    Buf b = {0};
    switch (type) {
    case 0x30: case 0x32: case 0x34: case 0x38: case 0x7F: case 0x26: case 0x68:
        p->stype = SQLITE_INTEGER;
        if (len == 1) p->i = v[0];
        else if (len == 2) p->i = (int16_t)le(v, 2);
        else if (len == 4) p->i = (int32_t)le(v, 4);
        else p->i = (int64_t)le(v, 8);
        break;
    case 0x3B: case 0x3E: case 0x6D: {
        p->stype = SQLITE_FLOAT;
        if (len == 4) { uint32_t u = (uint32_t)le(v, 4); float f; memcpy(&f, &u, 4); p->d = f; }
        else { uint64_t u = le(v, 8); memcpy(&p->d, &u, 8); }
        break;
    }
    case 0x3C: case 0x7A: case 0x6E: {
        int64_t m = len == 4 ? (int32_t)le(v, 4) : (int64_t)((le(v, 4) << 32) | le(v + 4, 4));
        if (m % 10000 == 0) { p->stype = SQLITE_INTEGER; p->i = m / 10000; }
        else { p->stype = SQLITE_FLOAT; p->d = (double)m / 10000.0; }
        break;
    }
    case 0x6A: case 0x6C: {
        unsigned __int128 mag = 0;
        for (int i = (int)len - 1; i >= 1; i--)
            mag = (mag << 8) | v[i];
        int neg = v[0] == 0;
        if (scale == 0 && mag <= (unsigned __int128)INT64_MAX) {
            p->stype = SQLITE_INTEGER;
            p->i = neg ? -(int64_t)mag : (int64_t)mag;
        } else {
            /* exact decimal text; NUMERIC affinity stores it as a number */
            char digits[64];
            int nd = 0;
            do { digits[nd++] = (char)('0' + (int)(mag % 10)); mag /= 10; } while (mag && nd < 60);
            while (nd <= (int)scale) digits[nd++] = '0';
            if (neg) buf_addc(&b, '-');
            for (int i = nd - 1; i >= 0; i--) {
                buf_addc(&b, digits[i]);
                if (i == (int)scale && scale) buf_addc(&b, '.');
            }
            set_text(p, &b);
        }
        break;
    }
    case 0x3D: case 0x3A: case 0x6F: {
        DateTime dt;
        int64_t days, tod;
        if (len == 8) {
            days = (int32_t)le(v, 4);
            tod = ((int64_t)le(v + 4, 4) * 10000000 + 150) / 300;
        } else {
            days = (int64_t)le(v, 2);
            tod = (int64_t)le(v + 2, 2) * 600000000LL;
        }
        dt_from(&dt, days + days_from_civil(1900, 1, 1) - days_from_civil(1, 1, 1), tod);
        set_dt(p, &dt, len == 8 ? K_DATETIME : K_SMALLDATETIME, 3);
        break;
    }
    case 0x28: {
        DateTime dt;
        dt_from(&dt, (int64_t)le(v, 3), 0);
        set_dt(p, &dt, K_DATE, 0);
        break;
    }
    case 0x29: case 0x2A: case 0x2B: {
        int tl = scale <= 2 ? 3 : scale <= 4 ? 4 : 5;
        if (len < (size_t)tl) break;
        int64_t tod = (int64_t)le(v, tl) * p10[7 - scale];
        int64_t days = type == 0x29 ? 0 : (int64_t)le(v + tl, 3);
        DateTime dt;
        if (type == 0x2B) {
            int off = (int16_t)le(v + tl + 3, 2);
            int64_t abs100 = days * 864000000000LL + tod + (int64_t)off * 600000000LL; /* UTC -> local */
            dt_from(&dt, abs100 / 864000000000LL, abs100 % 864000000000LL);
            dt.off = off;
            dt.has_off = 1;
        } else
            dt_from(&dt, days, tod);
        set_dt(p, &dt, type == 0x29 ? K_TIME : type == 0x2A ? K_DATETIME2 : K_DTO, (int)scale);
        break;
    }
    case 0x24: {
        if (len != 16) break;
        buf_addf(&b, "%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X", v[3], v[2], v[1], v[0],
                 v[5], v[4], v[7], v[6], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15]);
        set_text(p, &b);
        break;
    }
    case 0xE7: case 0xEF: case 0x63:
        utf16_to_utf8(v, len, &b);
        set_text(p, &b);
        break;
    case 0xA7: case 0xAF: case 0x23: case 0x27: case 0x2F:
        cp1252_to_utf8(v, len, &b);
        set_text(p, &b);
        break;
    case 0xA5: case 0xAD: case 0x22: case 0x25: case 0x2D:
        p->stype = SQLITE_BLOB;
        p->data = malloc(len ? len : 1);
        if (len) memcpy(p->data, v, len);
        p->len = len;
        break;
    default:
        break;
    }
    buf_free(&plp);
    return 0;
}

static void free_params(Conn *c)
{
    for (int i = 0; i < c->nparams; i++)
        free(c->params[i].data);
    free(c->params);
    c->params = NULL;
    c->nparams = 0;
}

/* names declared in "@a int, @b nvarchar(10) OUTPUT", in order */
static int declared_names(const char *decl, char names[][130], int max)
{
    Toks tk = {0};
    int n = 0, depth = 0;
    if (decl && sql_tokenize(decl, &tk) == 0)
        for (int i = 0; i < tk.n && n < max; i++) {
            if (tok_is(&tk.t[i], "(")) depth++;
            if (tok_is(&tk.t[i], ")")) depth--;
            if (depth == 0 && tk.t[i].type == T_PARAM) {
                int l = tk.t[i].len < 129 ? tk.t[i].len : 129;
                for (int k = 0; k < l; k++)
                    names[n][k] = (char)((tk.t[i].s[k] >= 'A' && tk.t[i].s[k] <= 'Z') ? tk.t[i].s[k] + 32 : tk.t[i].s[k]);
                names[n][l] = 0;
                n++;
            }
        }
    free(tk.t);
    return n;
}

void rpc_handle(Conn *c)
{
    Rd r = {(const unsigned char *)c->in.p, c->in.len, 0, 0};
    skip_all_headers(&r);
    net_begin(c, PKT_REPLY);
    for (int guard = 0; guard < 64 && r.pos < r.n && !r.bad; guard++) {
        char proc[130] = "";
        unsigned nl = u16(&r);
        int procid = 0;
        if (nl == 0xFFFF)
            procid = (int)u16(&r);
        else {
            const unsigned char *q = bytes(&r, (size_t)nl * 2);
            Buf b = {0};
            if (q) utf16_to_utf8(q, (size_t)nl * 2, &b);
            snprintf(proc, sizeof proc, "%s", b.len ? buf_cstr(&b) : "");
            buf_free(&b);
        }
        u16(&r); /* option flags */
        free_params(c);
        int cap = 16;
        c->params = calloc((size_t)cap, sizeof(Param));
        while (r.pos < r.n && !r.bad && r.p[r.pos] != 0x80 && r.p[r.pos] != 0xFF && r.p[r.pos] != 0xFE) {
            if (c->nparams == cap) {
                cap *= 2;
                c->params = realloc(c->params, sizeof(Param) * (size_t)cap);
            }
            Param *p = &c->params[c->nparams];
            memset(p, 0, sizeof *p);
            bvarchar(&r, p->name, sizeof p->name);
            for (char *s = p->name; *s; s++)
                if (*s >= 'A' && *s <= 'Z') *s = (char)(*s + 32);
            p->output = (u8(&r) & 1) != 0;
            if (read_param_value(&r, p) < 0) {
                r.bad = 1;
                break;
            }
            c->nparams++;
        }
        int more = r.pos < r.n && !r.bad;
        if (more)
            r.pos++; /* batch separator */
        const char *pname = proc[0] == '[' ? proc + 1 : proc;
        if (strncasecmp(pname, "sys.", 4) == 0 || strncasecmp(pname, "dbo.", 4) == 0)
            pname += 4;
        if (r.bad) {
            tok_error(c, 8009, 1, 16, "The incoming tabular data stream (TDS) remote procedure call (RPC) protocol stream is incorrect.");
            tok_done(c, TOK_DONEPROC, DONE_ERROR, 0, 0);
            break;
        }
        if (procid == 10 || strncasecmp(pname, "sp_executesql", 13) == 0) {
            if (c->nparams < 1 || c->params[0].stype != SQLITE_TEXT) {
                tok_error(c, 214, 2, 16, "Procedure expects parameter '@statement' of type 'ntext/nchar/nvarchar'.");
                tok_done(c, TOK_DONEPROC, DONE_ERROR | (more ? DONE_MORE : 0), 0, 0);
                continue;
            }
            /* values passed without names take the declared names in order */
            char names[256][130];
            int nd = c->nparams > 1 ? declared_names(c->params[1].data, names, 256) : 0;
            for (int i = 2, k = 0; i < c->nparams; i++, k++)
                if (!c->params[i].name[0] && k < nd)
                    snprintf(c->params[i].name, sizeof c->params[i].name, "%.129s", names[k]);
            char *stmt = strdup(c->params[0].data);
            c->params[0].name[0] = 0; /* @stmt/@params are not statement variables */
            if (c->nparams > 1) c->params[1].name[0] = 0;
            log_sql(c, "", stmt);
            int res = exec_batch(c, stmt, 1);
            free(stmt);
            if (res < 0) /* attention: DONE_ATTN already ended the reply */
                break;
            tok_returnstatus(c, res ? 1 : 0);
            tok_done(c, TOK_DONEPROC, (res ? DONE_ERROR : 0) | (more ? DONE_MORE : 0), 0, 0);
        } else {
            char msg[300];
            if (procid)
                snprintf(msg, sizeof msg, "Could not find stored procedure with id %d.", procid);
            else
                snprintf(msg, sizeof msg, "Could not find stored procedure '%s'.", proc);
            log_sql(c, "EXEC ", procid ? "(proc id)" : proc);
            tok_error(c, 2812, 62, 16, msg);
            tok_done(c, TOK_DONEPROC, DONE_ERROR | (more ? DONE_MORE : 0), 0, 0);
        }
        if (!more)
            break;
    }
    free_params(c);
    net_flush(c);
}

/* Transaction manager request: BEGIN/COMMIT/ROLLBACK/SAVE as used by pytds
 * (autocommit off) and the ODBC driver. */
void tm_handle(Conn *c)
{
    Rd r = {(const unsigned char *)c->in.p, c->in.len, 0, 0};
    skip_all_headers(&r);
    unsigned type = u16(&r);
    char name[130];
    net_begin(c, PKT_REPLY);
    switch (type) {
    case 5: /* TM_BEGIN_XACT */
        u8(&r);
        bvarchar(&r, name, sizeof name);
        if (c->trancount == 0) {
            sqlite3_exec(c->db, "BEGIN", NULL, NULL, NULL);
            c->tran_id++;
            tok_env_tran(c, 8, c->tran_id, 0);
        }
        c->trancount++;
        break;
    case 7: case 8: { /* TM_COMMIT_XACT / TM_ROLLBACK_XACT */
        bvarchar(&r, name, sizeof name);
        unsigned flags = u8(&r);
        if (c->trancount > 0) {
            sqlite3_exec(c->db, type == 7 ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
            c->trancount = 0;
            tok_env_tran(c, type == 7 ? 9 : 10, 0, c->tran_id);
        }
        if (flags & 1) { /* fBeginXact: start the next transaction at once */
            sqlite3_exec(c->db, "BEGIN", NULL, NULL, NULL);
            c->tran_id++;
            c->trancount = 1;
            tok_env_tran(c, 8, c->tran_id, 0);
        }
        break;
    }
    case 9: /* TM_SAVE_XACT */
        bvarchar(&r, name, sizeof name);
        if (c->trancount > 0) {
            char *q = sqlite3_mprintf("SAVEPOINT \"%w\"", name);
            sqlite3_exec(c->db, q, NULL, NULL, NULL);
            sqlite3_free(q);
        }
        break;
    default:
        tok_error(c, 50000, 1, 16, "Unsupported transaction manager request.");
        tok_done(c, TOK_DONE, DONE_ERROR, 0, 0);
        net_flush(c);
        return;
    }
    tok_done(c, TOK_DONE, 0, 0, 0);
    net_flush(c);
}
