/*-------------------------------------------------------------------------
 *
 * driver_util.c
 *		  Small helpers every driver needs: option lookup, error filling and
 *		  the liveness test of an idle socket.
 *
 * Plain C without PostgreSQL's headers, like the drivers that call it
 * (see fdw_driver.h).
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fdw_driver.h"

/* The value of the last option called name, or NULL. */
const char *
fdw_option_get(const FdwOption *opts, int n, const char *name)
{
	const char *v = NULL;
	int			i;

	for (i = 0; i < n; i++)
		if (strcmp(opts[i].name, name) == 0)
			v = opts[i].value;
	return v;
}

/* Is a Boolean option value (already checked by the validator) true? */
bool
fdw_option_true(const char *value)
{
	size_t		len;

	/*
	 * PostgreSQL's own rule (parse_bool, which the validator applied): any
	 * prefix of "true" or "yes", "on", or "1".  A value the validator took
	 * as true ('tr', 'ye') must read as true here too.
	 */
	if (value == NULL || (len = strlen(value)) == 0)
		return false;
	switch (value[0])
	{
		case 't':
		case 'T':
			return strncasecmp(value, "true", len) == 0 && len <= 4;
		case 'y':
		case 'Y':
			return strncasecmp(value, "yes", len) == 0 && len <= 3;
		case 'o':
		case 'O':
			return len == 2 && strncasecmp(value, "on", 2) == 0;
		case '1':
			return len == 1;
	}
	return false;
}

/* Fill an error; strings are cut to fit. */
void
fdw_error_set(FdwError *err, FdwErrorKind kind, int code, const char *sqlstate,
			  const char *message)
{
	size_t		n;

	err->kind = kind;
	err->remote_code = code;
	err->severity = 0;
	n = sqlstate ? strnlen(sqlstate, sizeof(err->sqlstate) - 1) : 0;
	if (n)
		memcpy(err->sqlstate, sqlstate, n);
	err->sqlstate[n] = '\0';
	n = message ? strnlen(message, sizeof(err->message) - 1) : 0;
	if (n)
		memcpy(err->message, message, n);
	err->message[n] = '\0';
}

/* Free a column description array as describe_table/list_tables return it. */
void
fdw_free_columns(FdwColumnDesc *cols, int ncols)
{
	int			i;

	if (cols == NULL)
		return;
	for (i = 0; i < ncols; i++)
	{
		free(cols[i].default_expr);
		free(cols[i].enum_values);
	}
	free(cols);
}

/*
 * Has the server closed the socket of an idle connection?  An idle
 * connection has nothing to read, so a zero-timeout poll() that finds it
 * readable (EOF, or the error a server sends a killed session) or hung up
 * means it is gone; so does a socket the library already closed (fd < 0).
 * No round trip: cheap enough for every transaction (is_alive).
 */
bool
fdw_idle_socket_closed(int fd)
{
	return fdw_socket_readable(fd);
}

/*
 * Can fd be read without waiting (data, end of file or an error)?  For a
 * driver's poll entry, which must never wait.
 */
bool
fdw_socket_readable(int fd)
{
	struct pollfd pfd;

	if (fd < 0)
		return true;
	pfd.fd = fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	return poll(&pfd, 1, 0) != 0;
}
