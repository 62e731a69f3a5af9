/*
 * tds_util.c - growable buffers and character set conversion.
 *
 * SQLite stores text as UTF-8.  The wire uses UTF-16LE for n-types and
 * Windows-1252 for the single-byte types (the collation we advertise is
 * SQL_Latin1_General_CP1_CI_AS), so conversions live here.
 */
#include "tds.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void buf_reserve(Buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t nc = b->cap ? b->cap : 256;
    while (nc < b->len + extra + 1)
        nc *= 2;
    char *np = realloc(b->p, nc);
    if (!np)
        abort(); /* a test server: out of memory is fatal */
    b->p = np;
    b->cap = nc;
}

void buf_add(Buf *b, const void *d, size_t n)
{
    buf_reserve(b, n);
    memcpy(b->p + b->len, d, n);
    b->len += n;
}

void buf_adds(Buf *b, const char *s) { buf_add(b, s, strlen(s)); }

void buf_addc(Buf *b, char c)
{
    buf_reserve(b, 1);
    b->p[b->len++] = c;
}

void buf_addf(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    buf_reserve(b, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void buf_free(Buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

const char *buf_cstr(Buf *b)
{
    buf_reserve(b, 1);
    b->p[b->len] = 0;
    return b->p;
}

/* Decode one UTF-8 sequence; invalid bytes decode as themselves (Latin-1)
 * so that arbitrary data never stalls the loop. */
static uint32_t utf8_next(const unsigned char *s, size_t n, size_t *i)
{
    unsigned c = s[*i];
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    int extra = (c >= 0xF0 && c < 0xF8) ? 3 : (c >= 0xE0) ? 2 : (c >= 0xC0) ? 1 : -1;
    if (extra < 0 || *i + (size_t)extra >= n) {
        (*i)++;
        return c;
    }
    uint32_t cp = c & (0x3F >> extra);
    for (int k = 1; k <= extra; k++) {
        unsigned cc = s[*i + (size_t)k];
        if ((cc & 0xC0) != 0x80) {
            (*i)++;
            return c;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    *i += (size_t)extra + 1;
    return cp;
}

size_t utf8_to_utf16(const char *str, size_t n, Buf *out)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, units = 0;
    buf_reserve(out, n * 2 + 4);
    while (i < n) {
        /* fast path for ASCII */
        if (s[i] < 0x80) {
            buf_reserve(out, 2);
            out->p[out->len++] = (char)s[i++];
            out->p[out->len++] = 0;
            units++;
            continue;
        }
        uint32_t cp = utf8_next(s, n, &i);
        unsigned char u[4];
        if (cp >= 0x10000) {
            cp -= 0x10000;
            unsigned hi = 0xD800 + (cp >> 10), lo = 0xDC00 + (cp & 0x3FF);
            u[0] = hi & 0xFF; u[1] = hi >> 8; u[2] = lo & 0xFF; u[3] = lo >> 8;
            buf_add(out, u, 4);
            units += 2;
        } else {
            u[0] = cp & 0xFF; u[1] = (cp >> 8) & 0xFF;
            buf_add(out, u, 2);
            units++;
        }
    }
    return units;
}

static void put_utf8(Buf *out, uint32_t cp)
{
    char u[4];
    if (cp < 0x80) {
        buf_addc(out, (char)cp);
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6)); u[1] = (char)(0x80 | (cp & 0x3F));
        buf_add(out, u, 2);
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12)); u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        buf_add(out, u, 3);
    } else {
        u[0] = (char)(0xF0 | (cp >> 18)); u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); u[3] = (char)(0x80 | (cp & 0x3F));
        buf_add(out, u, 4);
    }
}

void utf16_to_utf8(const unsigned char *p, size_t bytes, Buf *out)
{
    buf_reserve(out, bytes + 1);
    for (size_t i = 0; i + 1 < bytes; i += 2) {
        uint32_t u = p[i] | (p[i + 1] << 8);
        if (u >= 0xD800 && u < 0xDC00 && i + 3 < bytes) {
            uint32_t lo = p[i + 2] | (p[i + 3] << 8);
            if (lo >= 0xDC00 && lo < 0xE000) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
        }
        put_utf8(out, u);
    }
}

/* Windows-1252 0x80..0x9F; 0 marks undefined positions */
static const uint16_t cp1252_hi[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

void utf8_to_cp1252(const char *str, size_t n, Buf *out)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    buf_reserve(out, n);
    while (i < n) {
        if (s[i] < 0x80) {
            out->p[out->len++] = (char)s[i++];
            continue;
        }
        uint32_t cp = utf8_next(s, n, &i);
        char ch = '?';
        if (cp >= 0xA0 && cp <= 0xFF)
            ch = (char)cp;
        else
            for (int k = 0; k < 32; k++)
                if (cp1252_hi[k] == cp && cp)
                    ch = (char)(0x80 + k);
        out->p[out->len++] = ch;
    }
}

void cp1252_to_utf8(const unsigned char *p, size_t n, Buf *out)
{
    buf_reserve(out, n + 1);
    for (size_t i = 0; i < n; i++) {
        unsigned ch = p[i];
        if (ch < 0x80)
            buf_addc(out, (char)ch);
        else if (ch < 0xA0)
            put_utf8(out, cp1252_hi[ch - 0x80] ? cp1252_hi[ch - 0x80] : ch);
        else
            put_utf8(out, ch);
    }
}
