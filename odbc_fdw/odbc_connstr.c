/*-------------------------------------------------------------------------
 *
 * odbc_connstr.c
 *		  The ODBC connection string, built from the options of a server and
 *		  a user mapping.
 *
 * dsn and driver become DSN= and DRIVER=, username and password UID= and
 * PWD=, and every odbc_<ATTR> option becomes ATTR=value, so any attribute
 * a driver understands can be given without odbc_fdw knowing it (this is
 * CartoDB odbc_fdw's convention).  A later option for the same attribute
 * replaces an earlier one, and the user mapping's come after the server's,
 * so a user mapping can override a server's attribute.
 *
 * Values are wrapped in braces when they contain a character that would
 * otherwise end or confuse the attribute (';', '{', '}', leading or
 * trailing blanks), with '}' doubled inside, as the ODBC specification
 * says.  Plain C: the driver calls this while connecting.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "odbc_fdw.h"

#define ODBC_ATTR_PREFIX "odbc_"

typedef struct ConnAttr
{
	const char *key;
	const char *value;
} ConnAttr;

/* The value of the last option called name, or NULL. */
const char *
odbc_option(const FdwOption *opts, int nopts, const char *name)
{
	return fdw_option_get(opts, nopts, name);
}

/*
 * May name be an attribute keyword?  The ODBC specification forbids
 * []{}(),;?*=!@ in keywords; blanks would be silently trimmed by some
 * drivers, so they are refused too.
 */
bool
odbc_attr_name_ok(const char *name)
{
	const char *p;

	if (name == NULL || *name == '\0')
		return false;
	for (p = name; *p; p++)
		if (strchr("[]{}(),;?*=!@", *p) || isspace((unsigned char) *p))
			return false;
	return true;
}

static void
add_attr(ConnAttr *attrs, int *n, const char *key, const char *value)
{
	int			i;

	for (i = 0; i < *n; i++)
	{
		if (strcasecmp(attrs[i].key, key) == 0)
		{
			attrs[i].value = value;
			return;
		}
	}
	attrs[*n].key = key;
	attrs[*n].value = value;
	(*n)++;
}

static bool
needs_braces(const char *v)
{
	size_t		len = strlen(v);

	if (strpbrk(v, ";{}") != NULL)
		return true;
	return len > 0 && (isspace((unsigned char) v[0]) ||
					   isspace((unsigned char) v[len - 1]));
}

/* Length of key=value; as written, for the allocation. */
static size_t
attr_length(const ConnAttr *a)
{
	size_t		len = strlen(a->key) + 2 + strlen(a->value);
	const char *p;

	if (needs_braces(a->value))
	{
		len += 2;
		for (p = a->value; *p; p++)
			if (*p == '}')
				len++;
	}
	return len;
}

static char *
append_attr(char *out, const ConnAttr *a)
{
	const char *p;

	out += sprintf(out, "%s=", a->key);
	if (needs_braces(a->value))
	{
		*out++ = '{';
		for (p = a->value; *p; p++)
		{
			if (*p == '}')
				*out++ = '}';
			*out++ = *p;
		}
		*out++ = '}';
	}
	else
		out += sprintf(out, "%s", a->value);
	*out++ = ';';
	*out = '\0';
	return out;
}

/*
 * The connection string for these options, malloc'd; extra ("KEY=value;"
 * pairs the driver adds for a known ODBC driver) goes at the end.  NULL
 * with a message in errbuf when the options cannot make one.
 */
char *
odbc_connstr_build(const FdwOption *opts, int nopts, const char *extra,
				   char *errbuf, size_t errlen)
{
	ConnAttr   *attrs = calloc(nopts + 5, sizeof(ConnAttr));
	int			n = 0;
	const char *v;
	size_t		len = 1;
	char	   *result;
	char	   *out;
	bool		has_source = false;
	int			i;

	if (attrs == NULL)
	{
		snprintf(errbuf, errlen, "out of memory");
		return NULL;
	}
	if ((v = odbc_option(opts, nopts, "dsn")) != NULL)
		add_attr(attrs, &n, "DSN", v);
	if ((v = odbc_option(opts, nopts, "driver")) != NULL)
		add_attr(attrs, &n, "DRIVER", v);
	if ((v = odbc_option(opts, nopts, "username")) != NULL)
		add_attr(attrs, &n, "UID", v);
	if ((v = odbc_option(opts, nopts, "password")) != NULL)
		add_attr(attrs, &n, "PWD", v);
	for (i = 0; i < nopts; i++)
	{
		const char *key;

		if (strncmp(opts[i].name, ODBC_ATTR_PREFIX, strlen(ODBC_ATTR_PREFIX)) != 0)
			continue;
		key = opts[i].name + strlen(ODBC_ATTR_PREFIX);
		if (!odbc_attr_name_ok(key))
		{
			snprintf(errbuf, errlen,
					 "option \"%s\" does not name a valid ODBC attribute",
					 opts[i].name);
			free(attrs);
			return NULL;
		}
		add_attr(attrs, &n, key, opts[i].value);
	}

	for (i = 0; i < n; i++)
	{
		if (strcasecmp(attrs[i].key, "DSN") == 0 ||
			strcasecmp(attrs[i].key, "DRIVER") == 0 ||
			strcasecmp(attrs[i].key, "FILEDSN") == 0)
			has_source = true;
		len += attr_length(&attrs[i]);
	}
	if (!has_source)
	{
		snprintf(errbuf, errlen,
				 "the server has neither a dsn nor a driver option");
		free(attrs);
		return NULL;
	}
	if (extra)
		len += strlen(extra);

	result = malloc(len);
	if (result == NULL)
	{
		snprintf(errbuf, errlen, "out of memory");
		free(attrs);
		return NULL;
	}
	out = result;
	*out = '\0';
	for (i = 0; i < n; i++)
		out = append_attr(out, &attrs[i]);
	if (extra)
		strcpy(out, extra);
	free(attrs);
	return result;
}

/* The value of the last odbc_<key> option (key case-insensitive), or NULL. */
static const char *
attr_option(const FdwOption *opts, int nopts, const char *key)
{
	const char *v = NULL;
	int			i;

	for (i = 0; i < nopts; i++)
		if (strncmp(opts[i].name, ODBC_ATTR_PREFIX, strlen(ODBC_ATTR_PREFIX)) == 0 &&
			strcasecmp(opts[i].name + strlen(ODBC_ATTR_PREFIX), key) == 0)
			v = opts[i].value;
	return v;
}

/*
 * When the core says password_required (a role that is not a superuser),
 * may these options log in without the mapping's password?  A host given
 * as a socket directory ('/...', '@abstract') or 'localhost' (MariaDB's
 * driver then takes the Unix socket), or a DSN-less connection naming no
 * host at all (psqlODBC then takes the default socket), can reach a server
 * that trusts the backend's OS user (peer, unix_socket); Trusted_Connection
 * is an integrated (Kerberos/NTLM) login.  A DSN is the administrator's:
 * how it connects is theirs to decide.  false with a message in errbuf.
 */
bool
odbc_connstr_uses_password(const FdwOption *opts, int nopts,
						   char *errbuf, size_t errlen)
{
	static const char *const host_keys[] = {"Server", "Servername", "Host", NULL};
	const char *const *k;
	const char *v;
	bool		has_host = false;

	for (k = host_keys; *k; k++)
	{
		if ((v = attr_option(opts, nopts, *k)) == NULL)
			continue;
		if (v[0] == '/' || v[0] == '@' || v[0] == '\0' ||
			strcasecmp(v, "localhost") == 0)
		{
			snprintf(errbuf, errlen,
					 "a role that is not a superuser cannot connect through a local socket (odbc_%s '%s'), where the server may log in the backend's operating system user; give the host as an address such as 127.0.0.1",
					 *k, v);
			return false;
		}
		has_host = true;
	}
	if (!has_host && odbc_option(opts, nopts, "dsn") == NULL)
	{
		snprintf(errbuf, errlen,
				 "a role that is not a superuser must name the host (odbc_Server or odbc_Servername) of a connection without a dsn, which could otherwise go through a local socket");
		return false;
	}
	if ((v = attr_option(opts, nopts, "Trusted_Connection")) != NULL &&
		(strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0))
	{
		snprintf(errbuf, errlen,
				 "a role that is not a superuser cannot use an integrated login (odbc_Trusted_Connection)");
		return false;
	}
	return true;
}

/*
 * Does a connection string set attribute key (case-insensitively)?  Braced
 * values are skipped whole, so a ';' or '=' inside one is not mistaken
 * for a separator.
 */
bool
odbc_connstr_has_key(const char *connstr, const char *key)
{
	const char *p = connstr;
	size_t		klen = strlen(key);

	while (*p)
	{
		const char *eq = strchr(p, '=');
		const char *k = p;

		if (eq == NULL)
			return false;
		while (k < eq && isspace((unsigned char) *k))
			k++;
		if ((size_t) (eq - k) == klen && strncasecmp(k, key, klen) == 0)
			return true;
		p = eq + 1;
		if (*p == '{')
		{
			/* to the closing brace; "}}" is an escaped brace */
			for (p++; *p; p++)
			{
				if (*p == '}' && p[1] == '}')
					p++;
				else if (*p == '}')
				{
					p++;
					break;
				}
			}
		}
		while (*p && *p != ';')
			p++;
		if (*p == ';')
			p++;
	}
	return false;
}
