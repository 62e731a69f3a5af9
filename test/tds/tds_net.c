/*
 * tds_net.c - TDS packet framing on the client socket.
 *
 * Reading: a message is a run of packets ending with the EOM status bit;
 * the payloads are concatenated into c->in.  Writing: bytes are appended to
 * one packet-sized buffer which is sent as soon as it is full (status 0) and
 * by net_flush() with EOM, so results stream without being held in memory.
 * Any socket error marks the connection dead; all later writes are dropped
 * so the executor can unwind without special cases.
 */
#include "tds.h"
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_MESSAGE (1u << 30) /* refuse absurd requests instead of eating memory */

static int read_full(Conn *c, void *p, size_t n)
{
    unsigned char *q = p;
    while (n > 0) {
        ssize_t r = read(c->fd, q, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            c->dead = 1;
            return -1;
        }
        q += r;
        n -= (size_t)r;
    }
    return 0;
}

/* Read one packet; payload appended to b. Returns type or -1. */
static int read_packet(Conn *c, Buf *b, int *status)
{
    unsigned char h[8];
    if (read_full(c, h, 8) < 0)
        return -1;
    int len = (h[2] << 8) | h[3];
    if (len < 8) {
        c->dead = 1;
        return -1;
    }
    buf_reserve(b, (size_t)len);
    if (read_full(c, b->p + b->len, (size_t)len - 8) < 0)
        return -1;
    b->len += (size_t)len - 8;
    *status = h[1];
    return h[0];
}

int net_read_message(Conn *c)
{
    c->in.len = 0;
    c->in_type = -1;
    for (;;) {
        int status = 0;
        int type = read_packet(c, &c->in, &status);
        if (type < 0)
            return -1;
        if (c->in_type < 0) {
            c->in_type = type;
            c->in_status = status;
        }
        if (status & 0x01)
            break;
        if (c->in.len > MAX_MESSAGE) {
            c->dead = 1;
            return -1;
        }
    }
    buf_cstr(&c->in);
    return 0;
}

static void send_packet(Conn *c, int eom)
{
    if (c->dead)
        return;
    unsigned char *h = c->out;
    h[0] = (unsigned char)c->out_type;
    h[1] = eom ? 1 : 0;
    h[2] = (unsigned char)(c->out_len >> 8);
    h[3] = (unsigned char)c->out_len;
    h[4] = (unsigned char)(c->spid >> 8);
    h[5] = (unsigned char)c->spid;
    h[6] = (unsigned char)c->pkt_id;
    h[7] = 0;
    c->pkt_id = (c->pkt_id + 1) & 0xFF;
    size_t off = 0, n = (size_t)c->out_len;
    while (off < n) {
        ssize_t w = send(c->fd, c->out + off, n - off, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            c->dead = 1;
            break;
        }
        off += (size_t)w;
    }
    c->out_len = 8;
}

void net_begin(Conn *c, int type)
{
    c->out_type = type;
    c->out_len = 8;
    c->pkt_id = 1;
}

void net_put(Conn *c, const void *d, size_t n)
{
    const unsigned char *p = d;
    while (n > 0 && !c->dead) {
        if (c->out_len >= c->packet_size)
            send_packet(c, 0); /* full and more to come: not the last packet */
        size_t room = (size_t)(c->packet_size - c->out_len);
        size_t k = n < room ? n : room;
        memcpy(c->out + c->out_len, p, k);
        c->out_len += (int)k;
        p += k;
        n -= k;
    }
}

void net_put_u8(Conn *c, unsigned v)
{
    unsigned char b = (unsigned char)v;
    net_put(c, &b, 1);
}

void net_put_u16(Conn *c, unsigned v)
{
    unsigned char b[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    net_put(c, b, 2);
}

void net_put_u32(Conn *c, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
    net_put(c, b, 4);
}

void net_put_u64(Conn *c, uint64_t v)
{
    net_put_u32(c, (uint32_t)v);
    net_put_u32(c, (uint32_t)(v >> 32));
}

void net_put_ucs2(Conn *c, const char *utf8, int max_chars)
{
    Buf b = {0};
    size_t units = utf8_to_utf16(utf8, strlen(utf8), &b);
    if (max_chars >= 0 && units > (size_t)max_chars)
        units = (size_t)max_chars;
    net_put(c, b.p, units * 2);
    buf_free(&b);
}

static size_t ucs2_units(const char *utf8, Buf *b)
{
    return utf8_to_utf16(utf8, strlen(utf8), b);
}

void net_put_bvarchar(Conn *c, const char *utf8)
{
    Buf b = {0};
    size_t units = ucs2_units(utf8, &b);
    if (units > 255)
        units = 255;
    net_put_u8(c, (unsigned)units);
    net_put(c, b.p, units * 2);
    buf_free(&b);
}

void net_put_usvarchar(Conn *c, const char *utf8)
{
    Buf b = {0};
    size_t units = ucs2_units(utf8, &b);
    if (units > 32767)
        units = 32767;
    net_put_u16(c, (unsigned)units);
    net_put(c, b.p, units * 2);
    buf_free(&b);
}

void net_flush(Conn *c) { send_packet(c, 1); }

int net_poll_attention(Conn *c)
{
    if (c->attention || c->dead)
        return 1;
    struct pollfd pfd = {.fd = c->fd, .events = POLLIN};
    if (poll(&pfd, 1, 0) <= 0)
        return 0;
    Buf tmp = {0};
    int status = 0;
    int type = read_packet(c, &tmp, &status);
    buf_free(&tmp);
    if (type == PKT_ATTENTION)
        c->attention = 1;
    /* anything else mid-response is a protocol violation; it is dropped */
    return c->attention || c->dead;
}
