/*-------------------------------------------------------------------------
 *
 * odbc_text.c
 *		  Text conversions between us and ODBC drivers: UTF-8 to and from
 *		  UTF-16 (SQLWCHAR), and iconv for a server's encoding option.
 *
 * We convert UTF-16 ourselves rather than leave it to the driver manager
 * or to the C library, whose conversions depend on the backend's locale
 * (LC_CTYPE follows the database, often C) and, in unixODBC's case, stop
 * at UCS-2.  Surrogate pairs are joined and split here; an unpaired
 * surrogate from a driver is an error, never a silently mangled character.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "odbc_driver.h"

/* unixODBC's SQLWCHAR is UTF-16 unless built for wchar_t (not on Debian) */
typedef char sqlwchar_is_utf16[sizeof(SQLWCHAR) == 2 ? 1 : -1];

/*
 * Convert n UTF-16 units to UTF-8 into out, which must hold 3 * n bytes
 * (a unit never takes more than 3 bytes; a pair takes 4 for 2 units).
 * False on an unpaired surrogate.
 */
bool
odbc_utf16_to_utf8(const SQLWCHAR *in, size_t n, char *out, size_t *outlen)
{
	unsigned char *o = (unsigned char *) out;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		uint32_t	cp = in[i];

		if (cp >= 0xD800 && cp <= 0xDBFF)
		{
			if (i + 1 >= n || in[i + 1] < 0xDC00 || in[i + 1] > 0xDFFF)
				return false;
			cp = 0x10000 + ((cp - 0xD800) << 10) + (in[i + 1] - 0xDC00);
			i++;
		}
		else if (cp >= 0xDC00 && cp <= 0xDFFF)
			return false;

		if (cp < 0x80)
			*o++ = (unsigned char) cp;
		else if (cp < 0x800)
		{
			*o++ = 0xC0 | (cp >> 6);
			*o++ = 0x80 | (cp & 0x3F);
		}
		else if (cp < 0x10000)
		{
			*o++ = 0xE0 | (cp >> 12);
			*o++ = 0x80 | ((cp >> 6) & 0x3F);
			*o++ = 0x80 | (cp & 0x3F);
		}
		else
		{
			*o++ = 0xF0 | (cp >> 18);
			*o++ = 0x80 | ((cp >> 12) & 0x3F);
			*o++ = 0x80 | ((cp >> 6) & 0x3F);
			*o++ = 0x80 | (cp & 0x3F);
		}
	}
	*outlen = (size_t) ((char *) o - out);
	return true;
}

/*
 * UTF-8 text as NUL-terminated UTF-16, malloc'd; *nunits gets its length
 * without the terminator.  NULL when the input is not valid UTF-8 or
 * memory is short.
 */
SQLWCHAR *
odbc_utf8_to_utf16(const char *in, size_t len, size_t *nunits)
{
	const unsigned char *p = (const unsigned char *) in;
	const unsigned char *end = p + len;
	SQLWCHAR   *out = malloc((len + 1) * sizeof(SQLWCHAR));
	size_t		n = 0;

	if (out == NULL)
		return NULL;
	while (p < end)
	{
		uint32_t	cp;
		int			extra;
		uint32_t	min;

		if (*p < 0x80)
		{
			cp = *p++;
			extra = 0;
			min = 0;
		}
		else if ((*p & 0xE0) == 0xC0)
		{
			cp = *p++ & 0x1F;
			extra = 1;
			min = 0x80;
		}
		else if ((*p & 0xF0) == 0xE0)
		{
			cp = *p++ & 0x0F;
			extra = 2;
			min = 0x800;
		}
		else if ((*p & 0xF8) == 0xF0)
		{
			cp = *p++ & 0x07;
			extra = 3;
			min = 0x10000;
		}
		else
			goto bad;
		if (end - p < extra)
			goto bad;
		while (extra-- > 0)
		{
			if ((*p & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (*p++ & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		if (cp >= 0x10000)
		{
			cp -= 0x10000;
			out[n++] = (SQLWCHAR) (0xD800 + (cp >> 10));
			out[n++] = (SQLWCHAR) (0xDC00 + (cp & 0x3FF));
		}
		else
			out[n++] = (SQLWCHAR) cp;
	}
	out[n] = 0;
	*nunits = n;
	return out;

bad:
	free(out);
	return NULL;
}

/*
 * Convert len bytes with cd into a malloc'd, NUL-terminated buffer; NULL
 * when the input cannot be converted (errno says why).
 */
char *
odbc_iconv(iconv_t cd, const char *in, size_t len, size_t *outlen)
{
	size_t		cap = len * 4 + 16;
	char	   *out = malloc(cap);
	char	   *inp = (char *) in;
	size_t		inleft = len;
	char	   *outp = out;
	size_t		outleft = cap - 1;

	if (out == NULL)
		return NULL;
	(void) iconv(cd, NULL, NULL, NULL, NULL);
	while (inleft > 0)
	{
		if (iconv(cd, &inp, &inleft, &outp, &outleft) == (size_t) -1)
		{
			if (errno == E2BIG)
			{
				size_t		used = (size_t) (outp - out);
				char	   *bigger = realloc(out, cap * 2);

				if (bigger == NULL)
				{
					free(out);
					return NULL;
				}
				out = bigger;
				cap *= 2;
				outp = out + used;
				outleft = cap - 1 - used;
				continue;
			}
			free(out);
			return NULL;
		}
	}
	*outp = '\0';
	*outlen = (size_t) (outp - out);
	return out;
}

/* Does an encoding name mean UTF-8 (no conversion needed)? */
bool
odbc_is_utf8_name(const char *encoding)
{
	return strcasecmp(encoding, "UTF8") == 0 ||
		strcasecmp(encoding, "UTF-8") == 0;
}

/*
 * Did converting UTF-8 text to a server's encoding keep every byte in
 * "specials" (ASCII quotes, backslash, braces) where it was?  We escape
 * string literals and quote identifiers in UTF-8, where those bytes are
 * only ever the ASCII characters themselves; in GBK, Big5, Shift-JIS or
 * GB18030 a character's second byte may be 0x5C (backslash), 0x5D or 0x60,
 * and a server that reads the connection in another character set would
 * take it as an escape or a quote and end the literal early (SQL
 * injection).  The
 * conversion is safe when each special byte occurs as often after it as
 * before: then no character brought a new one in.
 */
bool
odbc_conversion_keeps(const char *in, size_t inlen, const char *out,
					  size_t outlen, const char *specials)
{
	size_t		count[256] = {0};
	const unsigned char *p;

	for (p = (const unsigned char *) in; p < (const unsigned char *) in + inlen; p++)
		count[*p]++;
	for (p = (const unsigned char *) out; p < (const unsigned char *) out + outlen; p++)
		count[*p]--;
	for (p = (const unsigned char *) specials; *p; p++)
		if (count[*p] != 0)
			return false;
	return true;
}

