/*-------------------------------------------------------------------------
 *
 * odbc_driver.c
 *		  The odbc_fdw driver: unixODBC behind the contract of
 *		  common/fdw_driver.h.  Connections, session set-up, transactions,
 *		  statements without results, and errors; result sets are in
 *		  odbc_cursor.c, catalog reads in odbc_catalog.c.
 *
 * This file never includes PostgreSQL's headers (and the core never sees
 * unixODBC's): failures come back as FdwError, memory is malloc'd.
 *
 * Connecting learns what the data source is (SQL_DBMS_NAME and the
 * identifier quote, NULL order and driver name from SQLGetInfo) and picks
 * a dialect and a session set-up for it: MySQL sessions get time_zone
 * '+00:00' and PostgreSQL sessions TimeZone UTC, the zone the core spells
 * timestamptz literals in and reads naive timestamps as.  psqlODBC would
 * read a whole result into memory before returning the first row; when the
 * user did not choose otherwise we reconnect once with UseDeclareFetch=1
 * so it reads in batches through a server-side cursor.  The SQLite driver
 * too, unless it uses StepAPI=1, which we add the same way.
 *
 * Autocommit is switched off when the driver supports transactions, so the
 * core's begin/commit/rollback map to SQLEndTran and its savepoints to SQL
 * savepoints (SQLite: BEGIN/COMMIT statements with autocommit on, so that
 * its driver streams results).  A MySQL data source's two-phase commit is
 * the core's (XA statements of the MySQL dialect, then xact_ended).  ODBC has no socket to wait on and none of the Debian
 * drivers supports asynchronous execution, so a running statement cannot
 * be interrupted from the backend: cancel() calls SQLCancel, which ends a
 * pending result, and query cancel takes effect between fetches.  What
 * bounds a statement on a server that hangs is the driver's own timeouts,
 * so odbc_fdw derives them: statement_timeout becomes each statement's
 * SQL_ATTR_QUERY_TIMEOUT, connect_timeout the login timeout and read_timeout
 * SQL_ATTR_CONNECTION_TIMEOUT, and for MariaDB Connector/ODBC, which ignores
 * those attributes, its CONN_TIMEOUT, READ_TIMEOUT and WRITE_TIMEOUT keys.
 *
 * No socket also means is_alive cannot simply poll one, and most drivers
 * answer SQL_ATTR_CONNECTION_DEAD from what the last call found: to learn
 * that the server closed an idle connection, it has to send the dialect's
 * probe statement.  See odbc_is_alive for when it does.
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
#include <time.h>

#include <sql.h>
#include <sqlext.h>

#include "odbc_driver.h"

#define DEFAULT_LOGIN_TIMEOUT 10
#define DEFAULT_DECLARE_FETCH 1000

static void free_conn(FdwConn *c);

/* ---------------------------------------------------------------- errors */

/*
 * A diagnostic message as the remote's own words: without the
 * "[vendor][component]" prefixes of drivers and driver manager, the
 * "ERROR:" of a PostgreSQL message (ours says ERROR already), the line
 * psqlODBC appends, and the " (code)" SQLite's driver appends.
 */
static void
clean_message(char *msg, int native)
{
	char	   *p = msg;
	char		code[32];
	size_t		len;
	size_t		clen;

	while (*p == '[')
	{
		char	   *close = strchr(p, ']');

		if (close == NULL)
			break;
		p = close + 1;
	}
	while (isspace((unsigned char) *p))
		p++;
	if (strncmp(p, "ERROR:", 6) == 0)
	{
		p += 6;
		while (isspace((unsigned char) *p))
			p++;
	}
	memmove(msg, p, strlen(p) + 1);
	p = strstr(msg, ";\nError while executing the query");
	if (p)
		*p = '\0';
	len = strlen(msg);
	while (len > 0 && (isspace((unsigned char) msg[len - 1]) || msg[len - 1] == ';'))
		msg[--len] = '\0';
	snprintf(code, sizeof(code), " (%d)", native);
	clen = strlen(code);
	if (len > clen && strcmp(msg + len - clen, code) == 0)
		msg[len - clen] = '\0';
}

static bool
has(const char *msg, const char *what)
{
	return strcasestr(msg, what) != NULL;
}

/*
 * The class of a remote error.  MySQL's native codes and SQLite's messages
 * say more than the SQLSTATEs their drivers report (SQLite's are all
 * HY000), so they are consulted first.
 */
static FdwErrorKind
classify(OdbcDbms dbms, const char *state, int native, const char *msg)
{
	if (dbms == ODBC_DBMS_MYSQL && native > 0)
	{
		/* the codes are the server's and Connector/C's: the core's table */
		FdwErrorKind kind = fdw_mysql_error_kind((unsigned int) native);

		if (kind != FDW_ERR_OTHER)
			return kind;
	}
	if (dbms == ODBC_DBMS_SQLITE)
	{
		/* SQLite's SQLSTATEs are all HY000: its messages say what happened */
		FdwErrorKind kind = fdw_sqlite_error_kind(msg);

		if (kind != FDW_ERR_OTHER)
			return kind;
	}
	if ((dbms == ODBC_DBMS_MSSQL || dbms == ODBC_DBMS_SYBASE) && native > 0)
	{
		/* the server's error numbers: tds_fdw's table (dialect_tsql.c) */
		FdwErrorKind kind = fdw_tsql_error_kind(native, msg);

		if (kind != FDW_ERR_OTHER)
			return kind;
	}
	if (dbms == ODBC_DBMS_POSTGRES && has(msg, "password authentication failed"))
		return FDW_ERR_AUTH;

	/* SQLSTATEs of ODBC and, passed through by psqlODBC, of PostgreSQL */
	if (strcmp(state, "42S02") == 0 || strcmp(state, "42P01") == 0)
		return FDW_ERR_UNDEFINED_TABLE;
	if (strcmp(state, "42S22") == 0 || strcmp(state, "42703") == 0)
		return FDW_ERR_UNDEFINED_COLUMN;
	if (strcmp(state, "3D000") == 0 || strcmp(state, "3F000") == 0)
		return FDW_ERR_UNDEFINED_DATABASE;
	if (strcmp(state, "23505") == 0)
		return FDW_ERR_UNIQUE_VIOLATION;
	if (strcmp(state, "23502") == 0)
		return FDW_ERR_NOT_NULL_VIOLATION;
	if (strcmp(state, "23503") == 0)
		return FDW_ERR_FK_VIOLATION;
	if (strcmp(state, "23514") == 0)
		return FDW_ERR_CHECK_VIOLATION;
	if (strcmp(state, "22012") == 0)
		return FDW_ERR_DIVISION_BY_ZERO;
	if (strcmp(state, "40P01") == 0)
		return FDW_ERR_DEADLOCK;
	if (strcmp(state, "55P03") == 0)
		return FDW_ERR_LOCK_TIMEOUT;
	if (strcmp(state, "57014") == 0 || strcmp(state, "HY008") == 0)
		return FDW_ERR_CANCELED;
	if (strcmp(state, "HYT00") == 0 || strcmp(state, "HYT01") == 0)
		return FDW_ERR_TIMEOUT;
	/* connection exceptions: 08S01 communication link failure, ... */
	if (strncmp(state, "08", 2) == 0)
		return FDW_ERR_CONNECTION;
	if (strcmp(state, "HY001") == 0 || strcmp(state, "53200") == 0)
		return FDW_ERR_OUT_OF_MEMORY;
	if (strcmp(state, "HYC00") == 0 || strcmp(state, "IM001") == 0 ||
		strcmp(state, "0A000") == 0)
		return FDW_ERR_FEATURE;
	if (strcmp(state, "42501") == 0)
		return FDW_ERR_INSUFFICIENT_PRIVILEGE;
	if (strcmp(state, "42601") == 0 || strcmp(state, "42000") == 0)
		return FDW_ERR_SYNTAX;
	/* the driver manager cannot find or load the data source's driver */
	if (strncmp(state, "IM", 2) == 0)
		return FDW_ERR_CONNECTION;
	/* PostgreSQL shut the session down (57P01..57P03) */
	if (strncmp(state, "57P0", 4) == 0)
		return FDW_ERR_CONNECTION;
	if (strncmp(state, "08", 2) == 0)
		return FDW_ERR_CONNECTION;
	if (strncmp(state, "28", 2) == 0)
		return FDW_ERR_AUTH;
	if (strncmp(state, "22", 2) == 0)
		return FDW_ERR_DATA;
	if (strncmp(state, "40", 2) == 0)
		return FDW_ERR_SERIALIZATION;
	return FDW_ERR_OTHER;
}

/* One diagnostic record (1-based); false when there is none. */
static bool
diag_record(FdwConn *c, SQLSMALLINT htype, SQLHANDLE h, SQLSMALLINT i,
			char *state, int *native, char *msg, size_t msglen)
{
	SQLINTEGER	nat = 0;
	SQLSMALLINT len = 0;
	SQLRETURN	rc;

	if (c && c->text_mode == ODBC_TEXT_WIDE)
	{
		SQLWCHAR	wstate[6];
		SQLWCHAR	wmsg[1024];
		size_t		n;
		char		buf[3 * 1024 + 1];
		int			k;

		rc = SQLGetDiagRecW(htype, h, i, wstate, &nat, wmsg,
							sizeof(wmsg) / sizeof(SQLWCHAR), &len);
		if (!SQL_SUCCEEDED(rc))
			return false;
		for (k = 0; k < 5; k++)
			state[k] = (char) (wstate[k] < 128 ? wstate[k] : '?');
		state[5] = '\0';
		if (len < 0)
			len = 0;
		if (len > 1023)
			len = 1023;
		if (!odbc_utf16_to_utf8(wmsg, (size_t) len, buf, &n))
			n = 0;
		buf[n] = '\0';
		snprintf(msg, msglen, "%s", buf);
	}
	else
	{
		SQLCHAR		nstate[6];
		SQLCHAR		nmsg[2048];

		rc = SQLGetDiagRec(htype, h, i, nstate, &nat, nmsg, sizeof(nmsg), &len);
		if (!SQL_SUCCEEDED(rc))
			return false;
		memcpy(state, nstate, 6);
		state[5] = '\0';
		if (c && c->text_mode == ODBC_TEXT_ICONV)
		{
			size_t		n;
			char	   *u = odbc_iconv(c->to_utf8, (char *) nmsg,
									   strlen((char *) nmsg), &n);

			snprintf(msg, msglen, "%s", u ? u : (char *) nmsg);
			free(u);
		}
		else
			snprintf(msg, msglen, "%s", (char *) nmsg);
	}
	*native = (int) nat;
	return true;
}

/*
 * Fill err from a handle's diagnostics: the first record that is not a
 * warning (01xxx), or the first record.
 */
void
odbc_set_error(FdwConn *c, SQLSMALLINT htype, SQLHANDLE h, const char *context,
			   FdwError *err)
{
	char		state[6];
	char		msg[sizeof(err->message)];
	int			native = 0;
	char		best_state[6] = "";
	char		best_msg[sizeof(err->message)];
	int			best_native = 0;
	SQLSMALLINT i;

	best_msg[0] = '\0';
	for (i = 1; i <= 20 && diag_record(c, htype, h, i, state, &native, msg, sizeof(msg)); i++)
	{
		if (best_state[0] == '\0' || (strncmp(best_state, "01", 2) == 0 &&
									  strncmp(state, "01", 2) != 0))
		{
			memcpy(best_state, state, sizeof(state));
			memcpy(best_msg, msg, sizeof(msg));
			best_native = native;
		}
		if (strncmp(best_state, "01", 2) != 0)
			break;
	}
	if (best_state[0] == '\0')
	{
		snprintf(best_msg, sizeof(best_msg),
				 "ODBC call %s failed without a diagnostic record", context);
		strcpy(best_state, "HY000");
	}
	clean_message(best_msg, best_native);
	fdw_error_set(err, classify(c ? c->dbms : ODBC_DBMS_OTHER, best_state,
								best_native, best_msg),
				  best_native, best_state, best_msg);
	snprintf(err->context, sizeof(err->context), "%s", context);
}

static void
set_plain_error(FdwError *err, FdwErrorKind kind, const char *context,
				const char *msg)
{
	fdw_error_set(err, kind, 0, NULL, msg);
	snprintf(err->context, sizeof(err->context), "%s", context);
}

/* ------------------------------------------------------------ statements */

/*
 * Convert text from the driver to UTF-8 into a reusable buffer.  in holds
 * UTF-16 (wide mode) or text in the server's encoding (iconv mode).
 */
bool
odbc_to_utf8(FdwConn *c, const char *in, size_t inlen, char **out,
			 size_t *outcap, size_t *outlen)
{
	size_t		need;

	if (c->text_mode == ODBC_TEXT_ICONV)
	{
		char	   *conv = odbc_iconv(c->to_utf8, in, inlen, outlen);

		if (conv == NULL)
			return false;
		free(*out);
		*out = conv;
		*outcap = *outlen + 1;
		return true;
	}
	need = (inlen / sizeof(SQLWCHAR)) * 3 + 1;
	if (*outcap < need)
	{
		char	   *bigger = realloc(*out, need);

		if (bigger == NULL)
			return false;
		*out = bigger;
		*outcap = need;
	}
	return odbc_utf16_to_utf8((const SQLWCHAR *) in, inlen / sizeof(SQLWCHAR),
							  *out, outlen);
}

/*
 * How long a connection must have sat idle before is_alive sends a probe
 * statement.  A probe is a round trip, and the project's benchmark runs
 * small transactions back to back: probing each one would cost about as
 * much as the transaction's own statement.  A connection used less than
 * this long ago is taken to be alive, which leaves one window: a connection
 * the server closed less than ODBC_PROBE_IDLE_MS before the next
 * transaction starts is found only by that transaction's first statement,
 * which fails (08006) and aborts it; the transaction after reconnects.
 */
#define ODBC_PROBE_IDLE_MS	1000

static int64_t
monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Note the connection's last use: a statement sent, a transaction ended. */
void
odbc_touch(FdwConn *c)
{
	c->last_used_ms = monotonic_ms();
}

/* Run sql on stmt, spelled for the connection's text mode. */
bool
odbc_exec_direct(FdwConn *c, SQLHSTMT stmt, const char *sql, FdwError *err)
{
	SQLRETURN	rc;
	long		ms_left;

	odbc_touch(c);

	/*
	 * ODBC cannot be interrupted (no socket to wait on, no asynchronous
	 * execution in the drivers we know), so statement_timeout is handed to
	 * the driver as the statement's query timeout, rounded up to seconds:
	 * drivers that implement one end the statement about when the backend
	 * wants it to end.
	 */
	ms_left = c->host->statement_ms_left();
	if (ms_left >= 0)
		(void) SQLSetStmtAttr(stmt, SQL_ATTR_QUERY_TIMEOUT,
							  (SQLPOINTER) (SQLULEN) (ms_left / 1000 + 1), 0);

	if (c->text_mode == ODBC_TEXT_WIDE)
	{
		size_t		n;
		SQLWCHAR   *w = odbc_utf8_to_utf16(sql, strlen(sql), &n);

		if (w == NULL)
		{
			set_plain_error(err, FDW_ERR_OUT_OF_MEMORY, "SQLExecDirect",
							"out of memory");
			return false;
		}
		rc = SQLExecDirectW(stmt, w, (SQLINTEGER) n);
		free(w);
	}
	else if (c->text_mode == ODBC_TEXT_ICONV)
	{
		size_t		n;
		char	   *s = odbc_iconv(c->from_utf8, sql, strlen(sql), &n);

		if (s == NULL)
		{
			set_plain_error(err, FDW_ERR_DATA, "SQLExecDirect",
							"the statement cannot be converted to the server's encoding");
			return false;
		}
		if (!odbc_conversion_keeps(sql, strlen(sql), s, n, ODBC_SQL_SPECIALS))
		{
			free(s);
			set_plain_error(err, FDW_ERR_DATA, "SQLExecDirect",
							"the statement contains a character whose bytes in the server's encoding include a quote or a backslash, which a server reading another character set would take as the end of a literal; it is not sent");
			return false;
		}
		rc = SQLExecDirect(stmt, (SQLCHAR *) s, (SQLINTEGER) n);
		free(s);
	}
	else
		rc = SQLExecDirect(stmt, (SQLCHAR *) sql, SQL_NTS);

	/* SQL_NO_DATA: a searched UPDATE or DELETE that matched no row */
	if (SQL_SUCCEEDED(rc) || rc == SQL_NO_DATA)
		return true;
	odbc_set_error(c, SQL_HANDLE_STMT, stmt, "SQLExecDirect", err);
	return false;
}

static bool
new_stmt(FdwConn *c, SQLHSTMT *stmt, FdwError *err)
{
	if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, c->dbc, stmt)))
	{
		odbc_set_error(c, SQL_HANDLE_DBC, c->dbc, "SQLAllocHandle", err);
		return false;
	}
	return true;
}

/* Run a statement whose result, if any, is not wanted. */
static bool
exec_simple(FdwConn *c, const char *sql, int64_t *affected, FdwError *err)
{
	SQLHSTMT	stmt;
	bool		ok;

	if (c->cur)
		odbc_close_cursor(c->cur);
	if (!new_stmt(c, &stmt, err))
		return false;
	ok = odbc_exec_direct(c, stmt, sql, err);
	if (ok && affected)
	{
		SQLLEN		n = 0;

		if (SQL_SUCCEEDED(SQLRowCount(stmt, &n)) && n > 0)
			*affected = (int64_t) n;
		else
			*affected = 0;
	}
	SQLFreeHandle(SQL_HANDLE_STMT, stmt);
	return ok;
}

/* The first column of the first row of a query, as text. */
static bool
query_string(FdwConn *c, const char *sql, char *out, size_t outlen,
			 FdwError *err)
{
	SQLHSTMT	stmt;
	SQLRETURN	rc;
	SQLLEN		ind = 0;
	bool		ok = false;

	out[0] = '\0';
	if (!new_stmt(c, &stmt, err))
		return false;
	if (odbc_exec_direct(c, stmt, sql, err))
	{
		rc = SQLFetch(stmt);
		if (rc == SQL_NO_DATA)
			ok = true;
		else if (!SQL_SUCCEEDED(rc))
			odbc_set_error(c, SQL_HANDLE_STMT, stmt, "SQLFetch", err);
		else if (!SQL_SUCCEEDED(SQLGetData(stmt, 1, SQL_C_CHAR, out,
										   (SQLLEN) outlen, &ind)))
			odbc_set_error(c, SQL_HANDLE_STMT, stmt, "SQLGetData", err);
		else
		{
			if (ind == SQL_NULL_DATA)
				out[0] = '\0';
			ok = true;
		}
	}
	SQLFreeHandle(SQL_HANDLE_STMT, stmt);
	return ok;
}

/*
 * After work done outside a transaction the core began (catalog reads at
 * planning time), end the transaction the driver opened implicitly, so it
 * neither holds locks nor pins a snapshot until the next commit.
 */
void
odbc_end_implicit_xact(FdwConn *c)
{
	if (c->has_xact && !c->in_xact && !c->sql_xact)
		(void) SQLEndTran(SQL_HANDLE_DBC, c->dbc, SQL_ROLLBACK);
}

/* ------------------------------------------------------------ connecting */

static void
info_string(FdwConn *c, SQLUSMALLINT what, char *buf, size_t len)
{
	SQLSMALLINT n = 0;

	buf[0] = '\0';
	if (!SQL_SUCCEEDED(SQLGetInfo(c->dbc, what, buf, (SQLSMALLINT) len, &n)))
		buf[0] = '\0';
}

static SQLUINTEGER
info_uint(FdwConn *c, SQLUSMALLINT what)
{
	SQLUINTEGER v = 0;

	if (!SQL_SUCCEEDED(SQLGetInfo(c->dbc, what, &v, sizeof(v), NULL)))
		return 0;
	return v;
}

static SQLUSMALLINT
info_usmallint(FdwConn *c, SQLUSMALLINT what)
{
	SQLUSMALLINT v = 0;

	if (!SQL_SUCCEEDED(SQLGetInfo(c->dbc, what, &v, sizeof(v), NULL)))
		return 0;
	return v;
}

/* SQLDriverConnect with a connection string in our text mode. */
static bool
driver_connect(FdwConn *c, const char *connstr, FdwError *err)
{
	SQLRETURN	rc;

	if (c->text_mode == ODBC_TEXT_WIDE)
	{
		size_t		n;
		SQLWCHAR   *w = odbc_utf8_to_utf16(connstr, strlen(connstr), &n);

		if (w == NULL)
		{
			set_plain_error(err, FDW_ERR_OUT_OF_MEMORY, "SQLDriverConnect",
							"out of memory");
			return false;
		}
		rc = SQLDriverConnectW(c->dbc, NULL, w, (SQLSMALLINT) n, NULL, 0,
							   NULL, SQL_DRIVER_NOPROMPT);
		free(w);
	}
	else
	{
		size_t		n;
		char	   *s = c->text_mode == ODBC_TEXT_ICONV ?
			odbc_iconv(c->from_utf8, connstr, strlen(connstr), &n) : strdup(connstr);

		if (s == NULL ||
			!odbc_conversion_keeps(connstr, strlen(connstr), s, strlen(s),
								   ODBC_CONNSTR_SPECIALS))
		{
			free(s);
			set_plain_error(err, FDW_ERR_CONNECTION, "SQLDriverConnect",
							"the connection string cannot be converted safely to the server's encoding");
			return false;
		}
		rc = SQLDriverConnect(c->dbc, NULL, (SQLCHAR *) s, SQL_NTS, NULL, 0,
							  NULL, SQL_DRIVER_NOPROMPT);
		free(s);
	}
	if (!SQL_SUCCEEDED(rc))
	{
		odbc_set_error(c, SQL_HANDLE_DBC, c->dbc, "SQLDriverConnect", err);
		/* whatever the driver said, it is a failure to connect */
		if (err->kind != FDW_ERR_AUTH && err->kind != FDW_ERR_TIMEOUT &&
			err->kind != FDW_ERR_OUT_OF_MEMORY)
			err->kind = FDW_ERR_CONNECTION;
		return false;
	}
	c->connected = true;
	return true;
}

static bool
open_handles(FdwConn *c, long login_timeout, FdwError *err)
{
	if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &c->env)))
	{
		set_plain_error(err, FDW_ERR_OUT_OF_MEMORY, "SQLAllocHandle",
						"cannot allocate an ODBC environment");
		return false;
	}
	(void) SQLSetEnvAttr(c->env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER) SQL_OV_ODBC3, 0);
	if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, c->env, &c->dbc)))
	{
		odbc_set_error(c, SQL_HANDLE_ENV, c->env, "SQLAllocHandle", err);
		return false;
	}
	/* not every driver has these timeouts: best effort */
	(void) SQLSetConnectAttr(c->dbc, SQL_ATTR_LOGIN_TIMEOUT,
							 (SQLPOINTER) (SQLULEN) login_timeout, 0);
	if (c->read_timeout > 0)
		(void) SQLSetConnectAttr(c->dbc, SQL_ATTR_CONNECTION_TIMEOUT,
								 (SQLPOINTER) (SQLULEN) c->read_timeout, 0);
	return true;
}

static void
close_handles(FdwConn *c)
{
	if (c->dbc)
	{
		if (c->connected)
			(void) SQLDisconnect(c->dbc);
		SQLFreeHandle(SQL_HANDLE_DBC, c->dbc);
	}
	if (c->env)
		SQLFreeHandle(SQL_HANDLE_ENV, c->env);
	c->dbc = NULL;
	c->env = NULL;
	c->connected = false;
}

/*
 * Driver-specific attributes added to the user's connection string, or
 * NULL.  psqlODBC reads a whole result set into memory unless it uses a
 * server-side cursor, the SQLite driver unless it steps through the result
 * with sqlite3_step (StepAPI=1), MariaDB's unless told NO_CACHE; we leave
 * such a setting alone when the user gave one.
 */
static char *
connstr_extra(FdwConn *c, const char *connstr, const FdwOption *opts, int nopts)
{
	char	   *extra;
	const char *fs;

	if (c->dbms == ODBC_DBMS_SQLITE && !odbc_connstr_has_key(connstr, "StepAPI"))
		return strdup("StepAPI=1;");

	/*
	 * MariaDB Connector/ODBC streams a forward-only result (instead of
	 * reading all of it first) with NO_CACHE, from version 3.1.17 on; older
	 * versions ignore the key.  The core keeps one result open per
	 * connection, which is what streaming requires.
	 */
	if (c->dbms == ODBC_DBMS_MYSQL && strcasestr(c->driver_name, "maodbc") != NULL &&
		!odbc_connstr_has_key(connstr, "NO_CACHE") &&
		!odbc_connstr_has_key(connstr, "STREAMRS") &&
		!odbc_connstr_has_key(connstr, "OPTION"))
		return strdup("NO_CACHE=1;");
	if (c->dbms != ODBC_DBMS_POSTGRES ||
		strncasecmp(c->driver_name, "psqlodbc", 8) != 0 ||
		odbc_connstr_has_key(connstr, "UseDeclareFetch"))
		return NULL;
	fs = odbc_option(opts, nopts, "fetch_size");
	extra = malloc(64);
	if (extra)
		snprintf(extra, 64, "UseDeclareFetch=1;Fetch=%d;",
				 fs ? atoi(fs) : DEFAULT_DECLARE_FETCH);
	return extra;
}

/*
 * Is the data source served by MariaDB Connector/ODBC?  Asked before the
 * first connect, so the driver's own timeout keys can go into the very
 * first connection string: the driver option, or the driver the DSN names
 * (SQLDataSources gives it as the DSN's description).
 */
static bool
source_is_maodbc(FdwConn *c, const FdwOption *opts, int nopts)
{
	const char *driver = odbc_option(opts, nopts, "driver");
	const char *dsn = odbc_option(opts, nopts, "dsn");
	SQLCHAR		name[SQL_MAX_DSN_LENGTH + 1];
	SQLCHAR		desc[512];
	SQLSMALLINT namelen;
	SQLSMALLINT desclen;
	SQLUSMALLINT dir = SQL_FETCH_FIRST;

	if (driver)
		return strcasestr(driver, "maodbc") != NULL || strcasestr(driver, "mariadb") != NULL;
	if (dsn == NULL)
		return false;
	while (SQL_SUCCEEDED(SQLDataSources(c->env, dir, name, sizeof(name), &namelen,
										desc, sizeof(desc), &desclen)))
	{
		dir = SQL_FETCH_NEXT;
		if (strcasecmp((char *) name, dsn) == 0)
			return strcasestr((char *) desc, "maodbc") != NULL ||
				strcasestr((char *) desc, "mariadb") != NULL;
	}
	return false;
}

/*
 * The timeouts a driver takes in its connection string, malloc'd ("" when
 * none).  MariaDB Connector/ODBC (3.1) ignores SQL_ATTR_LOGIN_TIMEOUT and
 * SQL_ATTR_QUERY_TIMEOUT; its CONN_TIMEOUT bounds the connect and the
 * handshake (a server that accepts TCP but never answers), READ_TIMEOUT
 * and WRITE_TIMEOUT every wait on the socket, which is the only bound a
 * hung server leaves: the driver blocks in the read, where neither a query
 * cancel nor a termination can reach it.  Keys the user set stay theirs.
 */
static char *
connstr_timeouts(FdwConn *c, const FdwOption *opts, int nopts,
				 long login_timeout, long read_timeout)
{
	char	   *out = malloc(128);
	char	   *connstr;
	char		errbuf[64];
	size_t		len = 0;

	if (out == NULL)
		return NULL;
	out[0] = '\0';
	if (!source_is_maodbc(c, opts, nopts))
		return out;
	connstr = odbc_connstr_build(opts, nopts, NULL, errbuf, sizeof(errbuf));
	if (connstr == NULL)
		return out;
	if (login_timeout > 0 && !odbc_connstr_has_key(connstr, "CONN_TIMEOUT"))
		len += snprintf(out + len, 128 - len, "CONN_TIMEOUT=%ld;", login_timeout);
	if (read_timeout > 0 && !odbc_connstr_has_key(connstr, "READ_TIMEOUT"))
		len += snprintf(out + len, 128 - len, "READ_TIMEOUT=%ld;", read_timeout);
	if (read_timeout > 0 && !odbc_connstr_has_key(connstr, "WRITE_TIMEOUT"))
		snprintf(out + len, 128 - len, "WRITE_TIMEOUT=%ld;", read_timeout);
	free(connstr);
	return out;
}

/* Session settings the dialect relies on; learns how strings are escaped. */
static bool
setup_session(FdwConn *c, OdbcDialectFacts *facts, FdwError *err)
{
	char		buf[512];

	switch (c->dbms)
	{
		case ODBC_DBMS_MYSQL:
			if (!exec_simple(c, "SET time_zone = '+00:00'", NULL, err) ||
				!query_string(c, "SELECT @@SESSION.sql_mode", buf, sizeof(buf), err))
				return false;
			facts->backslash_escapes = strcasestr(buf, "NO_BACKSLASH_ESCAPES") == NULL;

			/*
			 * MariaDB Connector/ODBC hands out SQLWCHAR text through iconv,
			 * opening a converter for every value: most of a scan's time
			 * went there.  Its SQL_C_CHAR text is the bytes the server sent,
			 * so when those are UTF-8 we read results that way (statements
			 * and names still go through the wide calls: the driver manager
			 * would widen narrow ones byte by byte).
			 */
			if (c->text_mode == ODBC_TEXT_WIDE &&
				strcasestr(c->driver_name, "maodbc") != NULL)
			{
				if (!query_string(c, "SELECT @@character_set_results", buf, sizeof(buf), err))
					return false;
				c->results_utf8 = (strcmp(buf, "utf8mb4") == 0 ||
								   strcmp(buf, "utf8mb3") == 0 ||
								   strcmp(buf, "utf8") == 0);
			}

			/*
			 * MariaDB's subquery cache looks correlated values up under the
			 * column's collation, so 'Abc' reuses the answer computed for
			 * 'abc' even where our EXISTS compares bytes (as in mysql_fdw).
			 */
			if (!query_string(c, "SELECT @@version", buf, sizeof(buf), err))
				return false;
			if (strstr(buf, "MariaDB") != NULL &&
				!exec_simple(c, "SET optimizer_switch = 'subquery_cache=off'", NULL, err))
				return false;
			c->wrap_xa_recover = strstr(buf, "MariaDB") != NULL &&
				strcasestr(c->driver_name, "maodbc") != NULL;
			break;
		case ODBC_DBMS_MSSQL:
		case ODBC_DBMS_SYBASE:
			/* what tds_fdw sets too: the T-SQL dialect depends on it */
			if (!exec_simple(c, fdw_tsql_session_setup(c->dbms == ODBC_DBMS_SYBASE, false),
							 NULL, err))
				return false;
			break;
		case ODBC_DBMS_POSTGRES:
			if (!exec_simple(c, "SET TimeZone = 'UTC'", NULL, err) ||
				!query_string(c, "SHOW standard_conforming_strings", buf, sizeof(buf), err))
				return false;
			facts->backslash_escapes = strcasecmp(buf, "off") == 0;
			break;
		default:
			break;
	}
	return true;
}

static FdwConn *
odbc_connect(const FdwOption *opts, int nopts, const FdwHost *host,
			 FdwError *err)
{
	FdwConn    *c = calloc(1, sizeof(FdwConn));
	const char *v;
	char	   *connstr;
	char	   *extra;
	char	   *timeouts;
	char		errbuf[256];
	long		login_timeout;
	OdbcDialectFacts facts;
	char		quote[8];

	if (c == NULL)
	{
		set_plain_error(err, FDW_ERR_OUT_OF_MEMORY, "connect", "out of memory");
		return NULL;
	}
	c->host = host;
	c->to_utf8 = c->from_utf8 = (iconv_t) -1;
	c->text_mode = ODBC_TEXT_WIDE;
	v = odbc_option(opts, nopts, "encoding");
	if (v && odbc_is_utf8_name(v))
		c->text_mode = ODBC_TEXT_UTF8;
	else if (v)
	{
		c->text_mode = ODBC_TEXT_ICONV;
		c->to_utf8 = iconv_open("UTF-8", v);
		c->from_utf8 = iconv_open(v, "UTF-8");
		if (c->to_utf8 == (iconv_t) -1 || c->from_utf8 == (iconv_t) -1)
		{
			snprintf(errbuf, sizeof(errbuf),
					 "encoding \"%s\" is not known to iconv", v);
			set_plain_error(err, FDW_ERR_CONNECTION, "iconv_open", errbuf);
			free_conn(c);
			return NULL;
		}
	}
	v = odbc_option(opts, nopts, "connect_timeout");
	login_timeout = v ? atol(v) : DEFAULT_LOGIN_TIMEOUT;
	v = odbc_option(opts, nopts, "read_timeout");
	c->read_timeout = v ? atol(v) : 0;

	if (fdw_option_true(odbc_option(opts, nopts, "password_required")) &&
		!odbc_connstr_uses_password(opts, nopts, errbuf, sizeof(errbuf)))
	{
		set_plain_error(err, FDW_ERR_AUTH, "connect", errbuf);
		free_conn(c);
		return NULL;
	}
	if (!open_handles(c, login_timeout, err))
	{
		free_conn(c);
		return NULL;
	}
	timeouts = connstr_timeouts(c, opts, nopts, login_timeout, c->read_timeout);
	connstr = timeouts ?
		odbc_connstr_build(opts, nopts, timeouts, errbuf, sizeof(errbuf)) : NULL;
	if (connstr == NULL)
	{
		set_plain_error(err, FDW_ERR_CONNECTION, "connect",
						timeouts ? errbuf : "out of memory");
		free(timeouts);
		free_conn(c);
		return NULL;
	}
	if (!driver_connect(c, connstr, err))
	{
		free(timeouts);
		free(connstr);
		free_conn(c);
		return NULL;
	}

	info_string(c, SQL_DBMS_NAME, c->dbms_name, sizeof(c->dbms_name));
	info_string(c, SQL_DRIVER_NAME, c->driver_name, sizeof(c->driver_name));
	c->dbms = odbc_dbms_of(c->dbms_name);

	extra = connstr_extra(c, connstr, opts, nopts);
	if (extra)
	{
		char	   *both = malloc(strlen(timeouts) + strlen(extra) + 1);
		char	   *again = NULL;

		if (both)
		{
			strcpy(both, timeouts);
			strcat(both, extra);
			again = odbc_connstr_build(opts, nopts, both, errbuf, sizeof(errbuf));
			free(both);
		}
		else
			snprintf(errbuf, sizeof(errbuf), "out of memory");
		free(extra);
		close_handles(c);
		if (again == NULL || !open_handles(c, login_timeout, err) ||
			!driver_connect(c, again, err))
		{
			if (again == NULL)
				set_plain_error(err, FDW_ERR_CONNECTION, "connect", errbuf);
			free(again);
			free(timeouts);
			free(connstr);
			free_conn(c);
			return NULL;
		}
		free(again);
	}
	free(timeouts);
	free(connstr);

	/* SQLite's driver has only narrow entry points, and speaks UTF-8 */
	if (c->dbms == ODBC_DBMS_SQLITE && c->text_mode == ODBC_TEXT_WIDE)
		c->text_mode = ODBC_TEXT_UTF8;
	c->loose_types = (c->dbms == ODBC_DBMS_SQLITE);
	/* psqlODBC reports an unbounded varchar as 255 characters */
	c->trust_sizes = (c->dbms != ODBC_DBMS_SQLITE && c->dbms != ODBC_DBMS_POSTGRES);
	c->getdata_bound = (info_uint(c, SQL_GETDATA_EXTENSIONS) & SQL_GD_BOUND) != 0;

	memset(&facts, 0, sizeof(facts));
	facts.dbms = c->dbms;
	info_string(c, SQL_IDENTIFIER_QUOTE_CHAR, quote, sizeof(quote));
	facts.quote = quote[0] ? quote[0] : ' ';
	facts.nulls_high = info_usmallint(c, SQL_NULL_COLLATION) == SQL_NC_HIGH;
	facts.backslash_escapes = false;
	if (!setup_session(c, &facts, err))
	{
		free_conn(c);
		return NULL;
	}
	c->dialect = odbc_dialect_for(&facts);

	/*
	 * The core ends transactions; without them every statement commits.
	 * SQLite's driver reads a whole result into memory whenever autocommit
	 * is off (StepAPI applies only with it on), so there autocommit stays
	 * on and transactions are SQL statements, which SQLite takes as well.
	 */
	if (c->dbms == ODBC_DBMS_SQLITE)
	{
		c->has_xact = true;
		c->sql_xact = true;
	}
	else if (info_usmallint(c, SQL_TXN_CAPABLE) != SQL_TC_NONE &&
		SQL_SUCCEEDED(SQLSetConnectAttr(c->dbc, SQL_ATTR_AUTOCOMMIT,
										(SQLPOINTER) SQL_AUTOCOMMIT_OFF, 0)))
	{
		SQLULEN		iso = 0;

		c->has_xact = true;
		c->iso_options = info_uint(c, SQL_TXN_ISOLATION_OPTION);
		if (SQL_SUCCEEDED(SQLGetConnectAttr(c->dbc, SQL_ATTR_TXN_ISOLATION,
											&iso, sizeof(iso), NULL)))
			c->iso_current = iso;
	}
	odbc_touch(c);
	return c;
}

static void
free_conn(FdwConn *c)
{
	close_handles(c);
	if (c->to_utf8 != (iconv_t) -1)
		iconv_close(c->to_utf8);
	if (c->from_utf8 != (iconv_t) -1)
		iconv_close(c->from_utf8);
	free(c);
}

static void
odbc_disconnect(FdwConn *c)
{
	if (c->cur)
		odbc_close_cursor(c->cur);
	if (c->has_xact && c->connected && !c->sql_xact)
		(void) SQLEndTran(SQL_HANDLE_DBC, c->dbc, SQL_ROLLBACK);
	free_conn(c);
}

/*
 * Whether the server still holds an idle connection.  SQL_ATTR_CONNECTION_DEAD
 * first: free, and right when an earlier call found the connection broken.
 * Most drivers answer it from that cached state, so when it says alive and
 * the connection sat idle for ODBC_PROBE_IDLE_MS or more, the dialect's
 * probe statement asks the server; any failure of it means a connection not
 * to begin a transaction on.  Used more recently, the connection is taken
 * to be alive (the window is described at ODBC_PROBE_IDLE_MS).  A dialect
 * without a probe (SQLite, in-process; an unknown DBMS) is never probed.
 */
static bool
odbc_is_alive(FdwConn *c)
{
	SQLUINTEGER dead = SQL_CD_FALSE;
	char		one[16];
	FdwError	err;
	bool		ok;

	if (SQL_SUCCEEDED(SQLGetConnectAttr(c->dbc, SQL_ATTR_CONNECTION_DEAD,
										&dead, sizeof(dead), NULL)) &&
		dead == SQL_CD_TRUE)
		return false;
	if (c->cur != NULL || c->in_xact || c->dialect->probe_sql == NULL)
		return true;			/* not idle, or nothing to ask */
	if (monotonic_ms() - c->last_used_ms < ODBC_PROBE_IDLE_MS)
		return true;
	memset(&err, 0, sizeof(err));
	ok = query_string(c, c->dialect->probe_sql, one, sizeof(one), &err);
	odbc_end_implicit_xact(c);
	return ok;
}

static const FdwDialect *
odbc_get_dialect(FdwConn *c)
{
	return c->dialect;
}

/* ---------------------------------------------------------- transactions */

/* The weakest level the driver offers that is at least the one asked for. */
static SQLULEN
pick_isolation(FdwConn *c, FdwIsolation iso)
{
	static const SQLULEN levels[] = {
		SQL_TXN_READ_COMMITTED, SQL_TXN_REPEATABLE_READ, SQL_TXN_SERIALIZABLE
	};
	int			i = iso == FDW_ISO_SERIALIZABLE ? 2 :
		iso == FDW_ISO_REPEATABLE_READ ? 1 : 0;

	for (; i < 3; i++)
		if (c->iso_options & levels[i])
			return levels[i];
	return 0;
}

static bool
odbc_begin(FdwConn *c, FdwIsolation iso, bool read_only, FdwError *err)
{
	SQLULEN		level;

	(void) read_only;
	if (!c->has_xact)
		return true;
	if (c->cur)
		odbc_close_cursor(c->cur);
	if (c->sql_xact)
	{
		if (!exec_simple(c, "BEGIN", NULL, err))
			return false;
		c->in_xact = true;
		c->no_savepoints = false;
		return true;
	}
	/* no transaction is open here: work outside one ends its own */
	level = pick_isolation(c, iso);
	if (level != 0 && level != c->iso_current)
	{
		if (!SQL_SUCCEEDED(SQLSetConnectAttr(c->dbc, SQL_ATTR_TXN_ISOLATION,
											 (SQLPOINTER) level, 0)))
		{
			odbc_set_error(c, SQL_HANDLE_DBC, c->dbc, "SQLSetConnectAttr", err);
			return false;
		}
		c->iso_current = level;
	}
	c->in_xact = true;
	c->no_savepoints = false;
	return true;
}

static bool
end_xact(FdwConn *c, SQLSMALLINT how, FdwError *err)
{
	if (c->cur)
		odbc_close_cursor(c->cur);
	c->in_xact = false;
	odbc_touch(c);
	if (!c->has_xact)
		return true;
	if (c->sql_xact)
		return exec_simple(c, how == SQL_COMMIT ? "COMMIT" : "ROLLBACK", NULL, err);
	if (!SQL_SUCCEEDED(SQLEndTran(SQL_HANDLE_DBC, c->dbc, how)))
	{
		odbc_set_error(c, SQL_HANDLE_DBC, c->dbc, "SQLEndTran", err);
		return false;
	}
	return true;
}

static bool
odbc_commit(FdwConn *c, FdwError *err)
{
	return end_xact(c, SQL_COMMIT, err);
}

static bool
odbc_rollback(FdwConn *c, FdwError *err)
{
	return end_xact(c, SQL_ROLLBACK, err);
}

/*
 * Savepoints are SQL; T-SQL spells them SAVE/ROLLBACK TRANSACTION and has
 * no release.  A DBMS we do not know may lack them: then SAVEPOINT is a
 * no-op and rolling back to one fails, which makes the core drop the
 * connection rather than continue a transaction it cannot partly undo.
 */
static bool
savepoint_sql(FdwConn *c, const char *std, const char *tsql, int level,
			  FdwError *err)
{
	char		sql[64];

	if (!c->has_xact)
		return true;
	if (c->dbms == ODBC_DBMS_MSSQL || c->dbms == ODBC_DBMS_SYBASE)
	{
		if (tsql == NULL)
			return true;
		snprintf(sql, sizeof(sql), "%s s%d", tsql, level);
	}
	else
		snprintf(sql, sizeof(sql), "%s s%d", std, level);
	return exec_simple(c, sql, NULL, err);
}

static bool
odbc_savepoint(FdwConn *c, int level, FdwError *err)
{
	if (c->no_savepoints)
		return true;
	if (savepoint_sql(c, "SAVEPOINT", "SAVE TRANSACTION", level, err))
		return true;
	if (c->dbms != ODBC_DBMS_OTHER)
		return false;
	c->no_savepoints = true;
	return true;
}

static bool
odbc_release(FdwConn *c, int level, FdwError *err)
{
	if (c->no_savepoints)
		return true;
	return savepoint_sql(c, "RELEASE SAVEPOINT", NULL, level, err);
}

static bool
odbc_rollback_to(FdwConn *c, int level, FdwError *err)
{
	if (c->no_savepoints)
	{
		set_plain_error(err, FDW_ERR_FEATURE, "ROLLBACK TO SAVEPOINT",
						"the remote data source does not support savepoints");
		return false;
	}
	return savepoint_sql(c, "ROLLBACK TO SAVEPOINT", "ROLLBACK TRANSACTION",
						 level, err);
}

/* ------------------------------------------------------------ statements */

/*
 * Outside the core's transactions a statement commits by itself: the
 * connection autocommits for it (TRUNCATE ... RESTART IDENTITY, the core's
 * settling of in-doubt XA branches, which MariaDB refuses in a session with
 * autocommit off).  Switching costs round trips with some drivers; only
 * such rare statements pay them.
 */
static bool
odbc_execute(FdwConn *c, const char *sql, const FdwParam *params, int nparams,
			 int64_t *affected, FdwError *err)
{
	bool		ok;
	bool		autocommit = c->has_xact && !c->sql_xact && !c->in_xact;

	(void) params;
	*affected = 0;
	if (nparams > 0)
	{
		/* the core spells values as literals; nothing sends parameters yet */
		set_plain_error(err, FDW_ERR_FEATURE, "execute",
						"statement parameters are not supported by odbc_fdw");
		return false;
	}
	if (autocommit)
	{
		odbc_end_implicit_xact(c);
		if (!SQL_SUCCEEDED(SQLSetConnectAttr(c->dbc, SQL_ATTR_AUTOCOMMIT,
											 (SQLPOINTER) SQL_AUTOCOMMIT_ON, 0)))
		{
			odbc_set_error(c, SQL_HANDLE_DBC, c->dbc, "SQLSetConnectAttr", err);
			return false;
		}
	}
	ok = exec_simple(c, sql, affected, err);
	if (autocommit &&
		!SQL_SUCCEEDED(SQLSetConnectAttr(c->dbc, SQL_ATTR_AUTOCOMMIT,
										 (SQLPOINTER) SQL_AUTOCOMMIT_OFF, 0)))
	{
		/* a connection left autocommitting must not be used */
		if (ok)
			odbc_set_error(c, SQL_HANDLE_DBC, c->dbc, "SQLSetConnectAttr", err);
		err->kind = FDW_ERR_CONNECTION;
		return false;
	}
	return ok;
}

/* The core ended the transaction itself (XA COMMIT or XA ROLLBACK). */
static void
odbc_xact_ended(FdwConn *c)
{
	if (c->cur)
		odbc_close_cursor(c->cur);
	c->in_xact = false;
	odbc_touch(c);
}

/*
 * Ends the open result (SQLCancel on its statement).  A statement still
 * executing in this thread cannot be reached: ODBC calls block and the
 * drivers offer no asynchronous mode, so this takes effect between calls.
 */
static bool
odbc_cancel(FdwConn *c, FdwError *err)
{
	(void) err;
	if (c->cur)
		odbc_cancel_cursor(c->cur);
	return true;
}

const FdwDriver odbc_driver = {
	.name = "odbc",
	.connect = odbc_connect,
	.disconnect = odbc_disconnect,
	.is_alive = odbc_is_alive,
	.dialect = odbc_get_dialect,
	.begin = odbc_begin,
	.commit = odbc_commit,
	.rollback = odbc_rollback,
	.savepoint = odbc_savepoint,
	.release = odbc_release,
	.rollback_to = odbc_rollback_to,
	.xact_ended = odbc_xact_ended,
	.open_cursor = odbc_open_cursor,
	.fetch = odbc_fetch,
	.close_cursor = odbc_close_cursor,
	.execute = odbc_execute,
	.cancel = odbc_cancel,
	.describe_table = odbc_describe_table,
	.estimate = NULL,
	.list_tables = odbc_list_tables,
	.last_insert_id = odbc_last_insert_id,
};
