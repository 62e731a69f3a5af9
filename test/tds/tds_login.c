/*
 * tds_login.c - PRELOGIN and LOGIN7 handling (MS-TDS 2.2.6.4 / 2.2.6.5).
 *
 * We never offer TLS (ENCRYPT_NOT_SUP): clients that ask for "encrypt if
 * possible" proceed in clear text, which is what a local test needs.
 * Login checks the single configured user/password and answers with the
 * same token sequence a real SQL Server sends, so client libraries set up
 * database, language, collation and packet size as usual.
 */
#include "tds.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static unsigned rd16le(const unsigned char *p) { return p[0] | (p[1] << 8); }
static uint32_t rd32le(const unsigned char *p) { return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24); }

static void send_prelogin_reply(Conn *c)
{
    /* option headers: token, offset(BE16), length(BE16) */
    static const struct { int tok, len; } opts[] = {{0, 6}, {1, 1}, {2, 1}, {3, 4}, {4, 1}};
    int nopt = 5, off = nopt * 5 + 1;
    unsigned char hdr[26];
    int k = 0;
    for (int i = 0; i < nopt; i++) {
        hdr[k++] = (unsigned char)opts[i].tok;
        hdr[k++] = (unsigned char)(off >> 8);
        hdr[k++] = (unsigned char)off;
        hdr[k++] = 0;
        hdr[k++] = (unsigned char)opts[i].len;
        off += opts[i].len;
    }
    hdr[k++] = 0xFF;
    net_begin(c, PKT_REPLY);
    net_put(c, hdr, (size_t)k);
    static const unsigned char version[6] = {15, 0, 0x07, 0xD0, 0, 0};
    net_put(c, version, 6);
    net_put_u8(c, 2); /* ENCRYPT_NOT_SUP */
    net_put_u8(c, 0); /* INSTOPT: default instance matched */
    uint32_t tid = (uint32_t)getpid();
    unsigned char t[4] = {(unsigned char)(tid >> 24), (unsigned char)(tid >> 16), (unsigned char)(tid >> 8), (unsigned char)tid};
    net_put(c, t, 4);
    net_put_u8(c, 0); /* MARS off */
    net_flush(c);
}

/* Copy a UCS-2 field of the login record into UTF-8 (bounded). */
static void login_field(const unsigned char *rec, size_t reclen, int pos, char *dst, size_t dstlen, int password)
{
    dst[0] = 0;
    if ((size_t)pos + 4 > reclen)
        return;
    unsigned off = rd16le(rec + pos), cch = rd16le(rec + pos + 2);
    if ((size_t)off + (size_t)cch * 2 > reclen)
        return;
    unsigned char *tmp = malloc((size_t)cch * 2 + 1);
    if (!tmp)
        return;
    memcpy(tmp, rec + off, (size_t)cch * 2);
    if (password) /* client swapped nibbles then XORed 0xA5: undo in reverse order */
        for (unsigned i = 0; i < cch * 2u; i++) {
            unsigned b = tmp[i] ^ 0xA5;
            tmp[i] = (unsigned char)(((b & 0x0F) << 4) | (b >> 4));
        }
    Buf b = {0};
    utf16_to_utf8(tmp, (size_t)cch * 2, &b);
    free(tmp);
    size_t n = b.len < dstlen - 1 ? b.len : dstlen - 1;
    if (n)
        memcpy(dst, b.p, n);
    dst[n] = 0;
    buf_free(&b);
}

static void default_dbname(Conn *c)
{
    const char *base = strrchr(c->dbfile, '/');
    base = base ? base + 1 : c->dbfile;
    snprintf(c->dbname, sizeof c->dbname, "%s", base);
    char *dot = strrchr(c->dbname, '.');
    if (dot && dot != c->dbname)
        *dot = 0;
}

int login_handshake(Conn *c)
{
    if (net_read_message(c) < 0)
        return -1;
    if (c->in_type == PKT_PRELOGIN) {
        send_prelogin_reply(c);
        if (net_read_message(c) < 0)
            return -1;
    }
    if (c->in_type != PKT_LOGIN7 || c->in.len < 94)
        return -1;
    const unsigned char *rec = (const unsigned char *)c->in.p;
    size_t reclen = c->in.len;
    uint32_t ver = rd32le(rec + 4);
    uint32_t psize = rd32le(rec + 8);
    c->tds_version = ver >= 0x74000004 ? 0x74000004 : ver >= 0x72090002 ? ver : 0x72090002;
    char password[130], database[130];
    login_field(rec, reclen, 40, c->user, sizeof c->user, 0);
    login_field(rec, reclen, 44, password, sizeof password, 1);
    login_field(rec, reclen, 48, c->appname, sizeof c->appname, 0);
    login_field(rec, reclen, 68, database, sizeof database, 0);

    net_begin(c, PKT_REPLY);
    if (strcasecmp(c->user, c->cfg_user) != 0 || strcmp(password, c->cfg_password) != 0) {
        char msg[300];
        snprintf(msg, sizeof msg, "Login failed for user '%s'.", c->user);
        tok_error(c, 18456, 1, 14, msg);
        tok_done(c, TOK_DONE, DONE_ERROR, 0, 0);
        net_flush(c);
        return -1;
    }
    if (database[0])
        snprintf(c->dbname, sizeof c->dbname, "%s", database);
    else
        default_dbname(c);
    if (psize >= 512 && psize <= 32767)
        c->packet_size = (int)psize;
    else if (psize > 32767)
        c->packet_size = 32767;

    char msg[300], ps[16];
    tok_env_str(c, 1, c->dbname, "master");
    snprintf(msg, sizeof msg, "Changed database context to '%s'.", c->dbname);
    tok_info(c, 5701, 2, 0, msg);
    tok_env_collation(c);
    tok_env_str(c, 2, "us_english", "");
    tok_info(c, 5703, 1, 0, "Changed language setting to us_english.");
    tok_loginack(c);
    snprintf(ps, sizeof ps, "%d", c->packet_size);
    tok_env_str(c, 4, ps, ps);
    tok_done(c, TOK_DONE, DONE_FINAL, 0, 0);
    /* the reply packets before the ENVCHANGE still used the old size; the
     * new size applies from the next message on, as with SQL Server */
    net_flush(c);
    return 0;
}
