/*
 * tds_tokens.c - writers for the non-data response tokens: ERROR/INFO,
 * DONE/DONEPROC/DONEINPROC, ENVCHANGE, LOGINACK and RETURNSTATUS
 * (MS-TDS 2.2.7).  Data tokens (COLMETADATA/ROW) are written by the executor
 * with help from tds_types.c.
 */
#include "tds.h"
#include <string.h>

/* SQL_Latin1_General_CP1_CI_AS: LCID 0x0409, CI/AI flags, sort id 52 */
const unsigned char COLLATION[5] = {0x09, 0x04, 0xD0, 0x00, 0x34};

static size_t units_of(const char *s)
{
    Buf b = {0};
    size_t n = utf8_to_utf16(s, strlen(s), &b);
    buf_free(&b);
    return n;
}

static void msg_token(Conn *c, int tok, int number, int state, int cls, const char *msg)
{
    size_t mu = units_of(msg);
    if (mu > 32767)
        mu = 32767;
    size_t su = strlen(SERVER_NAME);
    size_t len = 4 + 1 + 1 + 2 + mu * 2 + 1 + su * 2 + 1 + 0 + 4;
    net_put_u8(c, (unsigned)tok);
    net_put_u16(c, (unsigned)len);
    net_put_u32(c, (uint32_t)number);
    net_put_u8(c, (unsigned)state);
    net_put_u8(c, (unsigned)cls);
    net_put_usvarchar(c, msg);
    net_put_bvarchar(c, SERVER_NAME);
    net_put_bvarchar(c, "");
    net_put_u32(c, 1);
}

void tok_error(Conn *c, int number, int state, int cls, const char *msg)
{
    c->last_error = number;
    msg_token(c, TOK_ERROR, number, state, cls, msg);
}

void tok_info(Conn *c, int number, int state, int cls, const char *msg)
{
    msg_token(c, TOK_INFO, number, state, cls, msg);
}

void tok_done(Conn *c, int token, unsigned status, unsigned curcmd, uint64_t rows)
{
    if (c->trancount > 0)
        status |= DONE_INXACT;
    net_put_u8(c, (unsigned)token);
    net_put_u16(c, status);
    net_put_u16(c, curcmd);
    net_put_u64(c, rows);
}

void tok_env_str(Conn *c, int type, const char *newv, const char *oldv)
{
    size_t len = 1 + 1 + units_of(newv) * 2 + 1 + units_of(oldv) * 2;
    net_put_u8(c, TOK_ENVCHANGE);
    net_put_u16(c, (unsigned)len);
    net_put_u8(c, (unsigned)type);
    net_put_bvarchar(c, newv);
    net_put_bvarchar(c, oldv);
}

void tok_env_collation(Conn *c)
{
    net_put_u8(c, TOK_ENVCHANGE);
    net_put_u16(c, 1 + 1 + 5 + 1);
    net_put_u8(c, 7);
    net_put_u8(c, 5);
    net_put(c, COLLATION, 5);
    net_put_u8(c, 0);
}

/* type 8 begin (new id, no old), 9 commit / 10 rollback (old id, no new) */
void tok_env_tran(Conn *c, int type, uint64_t newid, uint64_t oldid)
{
    int hasnew = type == 8, hasold = type != 8;
    net_put_u8(c, TOK_ENVCHANGE);
    net_put_u16(c, (unsigned)(1 + 1 + (hasnew ? 8 : 0) + 1 + (hasold ? 8 : 0)));
    net_put_u8(c, (unsigned)type);
    net_put_u8(c, hasnew ? 8 : 0);
    if (hasnew)
        net_put_u64(c, newid);
    net_put_u8(c, hasold ? 8 : 0);
    if (hasold)
        net_put_u64(c, oldid);
}

void tok_loginack(Conn *c)
{
    const char *prog = "Microsoft SQL Server";
    size_t pl = strlen(prog);
    net_put_u8(c, TOK_LOGINACK);
    net_put_u16(c, (unsigned)(1 + 4 + 1 + pl * 2 + 4));
    net_put_u8(c, 1); /* SQL_TSQL */
    unsigned char ver[4] = {(unsigned char)(c->tds_version >> 24), (unsigned char)(c->tds_version >> 16),
                            (unsigned char)(c->tds_version >> 8), (unsigned char)c->tds_version};
    net_put(c, ver, 4);
    net_put_bvarchar(c, prog);
    static const unsigned char pv[4] = {15, 0, 0x07, 0xD0}; /* 15.0.2000 */
    net_put(c, pv, 4);
}

void tok_returnstatus(Conn *c, int32_t v)
{
    net_put_u8(c, TOK_RETURNSTATUS);
    net_put_u32(c, (uint32_t)v);
}
