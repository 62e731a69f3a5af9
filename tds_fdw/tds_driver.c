/*-------------------------------------------------------------------------
 *
 * tds_driver.c
 *		  The tds_fdw driver: FreeTDS db-lib behind the contract of
 *		  common/fdw_driver.h.
 *
 * This file never includes PostgreSQL's headers (and the core never sees
 * db-lib's): failures come back as FdwError, memory is malloc'd.
 *
 * db-lib reports errors through two process-global callbacks (the error
 * and the message handler).  They only collect: the messages go into the
 * FdwConn of the DBPROCESS (dbsetuserdata), and the driver looks at them
 * when the db-lib call has returned.  Nothing is raised from a callback.
 *
 * Waiting: a batch is sent with dbsqlsend and the driver waits for the
 * first reply on dbiordesc() through the core's wait_socket, so a query
 * cancel or statement_timeout in the backend reaches the server at once as
 * an attention (dbcancel).  Where db-lib itself blocks (a row that is slow
 * to come, dbcancel waiting for the server's acknowledgement), it calls the
 * DBPROCESS's interrupt check once a second, and at once when a signal
 * interrupts its poll(): the check asks the core whether an interrupt is
 * pending (or query_timeout has expired) and, if so, db-lib sends the
 * attention itself.  A server that does not acknowledge an attention
 * within FDW_CANCEL_GRACE_MS loses its connection instead: the core's
 * wake_after sends the backend a signal at that deadline, which ends
 * db-lib's poll() at once, so the bound does not wait for db-lib's next
 * one-second check.  db-lib installs no signal handlers, so PostgreSQL's
 * stay as they are.  A login waits in one-second slices, so that a cancel
 * or termination stops it within a second (login_timeout still bounds it).
 *
 * Values are read by tds_values.c, catalog queries run in tds_catalog.c.
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

#include "tds_internal.h"

#define DEFAULT_SERVER "127.0.0.1"
#define DEFAULT_LOGIN_TIMEOUT 10	/* seconds */
#define INTERRUPT_CHECK_ROWS 256

static void start_cancel(FdwConn *c, FdwErrorKind reason);
static bool login_overdue(FdwConn *c);

/* the connection being opened: its DBPROCESS has no user data yet */
static FdwConn *connecting = NULL;
static bool dblib_ready = false;

/* A C string into a fixed-size field of the core's structs, cut if long. */
void
tds_copy_text(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

void
tds_set_oom(FdwError *err)
{
	fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL, "out of memory");
}

/* ---------------------------------------------------------------- errors */

/* Classes of db-lib's own error numbers. */
static FdwErrorKind
classify_lib(int dberr, int severity)
{
	switch (dberr)
	{
		case SYBEPWD:
			return FDW_ERR_AUTH;
		case SYBETIME:
			return FDW_ERR_TIMEOUT;
		case SYBEMEM:
			return FDW_ERR_OUT_OF_MEMORY;
	}
	if (severity == EXCONVERSION)
		return FDW_ERR_DATA;
	if (severity == EXCOMM || severity == EXTIME || dberr == SYBEUHST ||
		dberr == SYBECONN || dberr == SYBEFCON)
		return FDW_ERR_CONNECTION;
	return FDW_ERR_OTHER;
}

static FdwConn *
conn_of(DBPROCESS *dbproc)
{
	FdwConn    *c = dbproc ? (FdwConn *) dbgetuserdata(dbproc) : NULL;

	return c ? c : connecting;
}

static void
queue_notice(FdwConn *c, int code, int severity, const char *text)
{
	TdsNotice  *n;

	if (!c->notices || c->nnotices >= MAX_NOTICES)
		return;
	n = &c->notice[c->nnotices];
	n->text = strdup(text ? text : "");
	if (n->text == NULL)
		return;
	n->code = code;
	n->severity = severity;
	c->nnotices++;
}

/* Pass the collected informational messages on, now that db-lib returned. */
void
tds_flush_notices(FdwConn *c)
{
	int			n = c->nnotices;
	int			i;

	c->nnotices = 0;
	for (i = 0; i < n; i++)
	{
		if (c->host && c->host->notice)
			c->host->notice(c->notice[i].code, c->notice[i].severity,
							c->notice[i].text);
		free(c->notice[i].text);
	}
}

/*
 * db-lib's message handler: server messages.  Severity above 10 is an
 * error; the first one is kept (SQL Server often follows it with
 * consequences, like 3621 "The statement has been terminated.").
 */
static int
msg_handler(DBPROCESS *dbproc, DBINT msgno, int msgstate, int severity,
			char *msgtext, char *srvname, char *procname, int line)
{
	FdwConn    *c = conn_of(dbproc);

	(void) msgstate;
	(void) srvname;
	(void) procname;
	(void) line;
	if (c == NULL)
		return 0;
	if (severity > 10)
	{
		if (!c->have_server_error)
		{
			fdw_error_set(&c->server_error, fdw_tsql_error_kind(msgno, msgtext),
						  msgno, NULL, msgtext);
			c->server_error.severity = severity;
			c->have_server_error = true;
		}
	}
	else
		queue_notice(c, msgno, severity, msgtext);
	return 0;
}

/*
 * db-lib's error handler: library errors.  It must answer INT_CANCEL (the
 * call fails) except for timeouts; INT_EXIT would end the backend.
 */
static int
err_handler(DBPROCESS *dbproc, int severity, int dberr, int oserr,
			char *dberrstr, char *oserrstr)
{
	FdwConn    *c = conn_of(dbproc);

	if (dberr == SYBETIME)
	{
		if (c == NULL)
			return INT_CANCEL;
		/*
		 * The login waits in one-second slices (dbsetlogintime(1)): go on
		 * until login_timeout, unless the backend has a cancel or
		 * termination pending.
		 */
		if (c == connecting)
		{
			bool		interrupted = c->host->wait_socket(-1, false, false, 0) < 0;

			if (!interrupted && !login_overdue(c))
				return INT_CONTINUE;
			if (!c->have_lib_error)
			{
				if (interrupted)
					fdw_error_set(&c->lib_error, FDW_ERR_CANCELED, dberr, NULL,
								  "login canceled");
				else
					fdw_error_set(&c->lib_error, FDW_ERR_TIMEOUT, dberr, NULL,
								  "the server did not answer the login within login_timeout");
				c->have_lib_error = true;
			}
			return INT_CANCEL;
		}
		/* no acknowledgement of our attention: drop the connection */
		if (c->abandon)
			return INT_CANCEL;
		/*
		 * Our interrupt check asked to cancel, or a timeout of freetds.conf
		 * expired: INT_TIMEOUT makes db-lib send an attention and keep
		 * reading until the server acknowledges it.
		 */
		if (!c->canceling)
			start_cancel(c, FDW_ERR_TIMEOUT);
		return INT_TIMEOUT;
	}
	if (c == NULL)
		return INT_CANCEL;
	/* "check messages from the server": the msg_handler has them */
	if (dberr == SYBESMSG)
		return INT_CANCEL;
	/* a server name not in freetds.conf is tried as a host name next */
	if (dberr == SYBEINTF)
		return INT_CANCEL;
	if (!c->have_lib_error)
	{
		char		text[1024];

		if (oserr > 0 && oserrstr && *oserrstr)
			snprintf(text, sizeof(text), "%s: %s", dberrstr ? dberrstr : "", oserrstr);
		else
			snprintf(text, sizeof(text), "%s", dberrstr ? dberrstr : "");
		fdw_error_set(&c->lib_error, classify_lib(dberr, severity), dberr,
					  NULL, text);
		c->have_lib_error = true;
	}
	return INT_CANCEL;
}

static void
reset_messages(FdwConn *c)
{
	c->have_server_error = false;
	c->have_lib_error = false;
}

/* Fill err with what went wrong in the last db-lib call. */
void
tds_take_error(FdwConn *c, FdwError *err, const char *what)
{
	if (c->canceling && !c->abandon)
	{
		if (c->cancel_reason == FDW_ERR_TIMEOUT)
		{
			char		text[128];

			/* the statement was canceled; the connection is fine */
			if (c->query_timeout > 0)
				snprintf(text, sizeof(text),
						 "canceling remote statement due to query_timeout (%d s)",
						 c->query_timeout);
			else
				snprintf(text, sizeof(text),
						 "canceling remote statement due to the timeout of freetds.conf");
			fdw_error_set(err, FDW_ERR_CANCELED, SYBETIME, NULL, text);
		}
		else
			fdw_error_set(err, FDW_ERR_CANCELED, 0, NULL,
						  "remote statement canceled");
	}
	else if (c->abandon)
		/* (a timeout, not a lost connection: BEGIN must not reconnect) */
		fdw_error_set(err, c->cancel_reason == FDW_ERR_TIMEOUT ?
					  FDW_ERR_TIMEOUT : FDW_ERR_CONNECTION, 0, NULL,
					  "the server did not acknowledge the cancel request in time; the connection was closed");
	else if (c->have_server_error)
		*err = c->server_error;
	else if (c->have_lib_error)
		*err = c->lib_error;
	else if (c->dbproc && dbdead(c->dbproc))
		fdw_error_set(err, FDW_ERR_CONNECTION, 0, NULL,
					  "the connection to the server was lost");
	else
	{
		char		text[128];

		snprintf(text, sizeof(text), "%s failed without a message", what);
		fdw_error_set(err, FDW_ERR_OTHER, 0, NULL, text);
	}
	snprintf(err->context, sizeof(err->context), "%s", what);
}

/* ---------------------------------------------------------------- waiting */

static void
now_plus(struct timespec *ts, int seconds)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += seconds;
}

/* Seconds on a monotonic clock. */
static double
monotonic_s(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec + now.tv_nsec / 1e9;
}

/* Has the login run out of login_timeout? */
static bool
login_overdue(FdwConn *c)
{
	/* the last slice may end a little early: round to it */
	return monotonic_s() + 0.5 >= c->login_deadline;
}

/* ms until the deadline of the running batch (-1: none, 0: passed) */
static long
ms_left(FdwConn *c)
{
	struct timespec now;
	long		ms;

	if (!c->has_deadline)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long) (c->deadline.tv_sec - now.tv_sec) * 1000 +
		(c->deadline.tv_nsec - now.tv_nsec) / 1000000;
	return ms > 0 ? ms : 0;
}

/*
 * An attention goes out (or went out): the server has FDW_CANCEL_GRACE_MS to
 * acknowledge it.  The core's alarm at that deadline interrupts db-lib's
 * wait, so interrupt_check looks at once, not only at its next tick.
 */
static void
start_cancel(FdwConn *c, FdwErrorKind reason)
{
	c->canceling = true;
	c->cancel_reason = reason;
	clock_gettime(CLOCK_MONOTONIC, &c->cancel_deadline);
	c->cancel_deadline.tv_nsec += (long) FDW_CANCEL_GRACE_MS * 1000000L;
	while (c->cancel_deadline.tv_nsec >= 1000000000L)
	{
		c->cancel_deadline.tv_sec++;
		c->cancel_deadline.tv_nsec -= 1000000000L;
	}
	c->host->wake_after(FDW_CANCEL_GRACE_MS + 10);
}

/* Has the server had its time to acknowledge our attention? */
static bool
cancel_overdue(FdwConn *c)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > c->cancel_deadline.tv_sec ||
		(now.tv_sec == c->cancel_deadline.tv_sec &&
		 now.tv_nsec >= c->cancel_deadline.tv_nsec);
}

/*
 * db-lib's interrupt check, called while it waits for the server (once a
 * second, or when a signal interrupted its poll).  Returning true makes
 * db-lib call interrupt_handle and then send an attention.
 */
static int
interrupt_check(void *vdbproc)
{
	DBPROCESS  *dbproc = (DBPROCESS *) vdbproc;
	FdwConn    *c = (FdwConn *) dbgetuserdata(dbproc);

	if (c == NULL)
		return FALSE;
	if (c->canceling)
	{
		/* waiting for the acknowledgement of an attention */
		if (cancel_overdue(c))
		{
			c->abandon = true;
			return TRUE;
		}
		return FALSE;
	}
	if (c->host->wait_socket(dbiordesc(dbproc), false, false, 0) < 0)
	{
		start_cancel(c, FDW_ERR_CANCELED);
		return TRUE;
	}
	if (ms_left(c) == 0)
	{
		start_cancel(c, FDW_ERR_TIMEOUT);
		return TRUE;
	}
	return FALSE;
}

static int
interrupt_handle(void *vdbproc)
{
	(void) vdbproc;
	/* db-lib turns this into SYBETIME; err_handler answers INT_TIMEOUT */
	return INT_CANCEL;
}

/* Send an attention now and wait (boundedly) for its acknowledgement. */
static void
cancel_now(FdwConn *c, FdwErrorKind reason)
{
	if (!c->canceling)
		start_cancel(c, reason);
	if (!dbdead(c->dbproc))
		dbcancel(c->dbproc);
}

/*
 * After a failure whose error was taken: discard what is left of the batch
 * (more results of a batch that went on after an error), so that the
 * connection can take the next one.
 */
void
tds_discard_pending(FdwConn *c)
{
	if (dbdead(c->dbproc))
		return;
	if (!c->canceling)
		start_cancel(c, FDW_ERR_CANCELED);
	dbcancel(c->dbproc);
	c->canceling = false;
}

static bool send_batch_text(FdwConn *c, const char *sql, FdwError *err);

/*
 * The batch to send for sql: behind the start of the transaction begin
 * left for the first batch.  SET SHOWPLAN_ALL must be alone in its batch:
 * the start goes first on its own then.
 */
static const char *
with_begin(FdwConn *c, const char *sql, char **owned, FdwError *err)
{
	size_t		n;

	*owned = NULL;
	if (c->begin_sql[0] == '\0')
		return sql;
	if (strncmp(sql, "SET SHOWPLAN", 12) == 0)
	{
		char		begin[sizeof(c->begin_sql)];

		memcpy(begin, c->begin_sql, sizeof(begin));
		c->begin_sql[0] = '\0';
		if (!tds_exec_batch(c, begin, NULL, err))
			return NULL;
		return sql;
	}
	n = strlen(c->begin_sql) + 2 + strlen(sql) + 1;
	*owned = malloc(n);
	if (*owned == NULL)
	{
		tds_set_oom(err);
		return NULL;
	}
	snprintf(*owned, n, "%s; %s", c->begin_sql, sql);
	c->begin_sql[0] = '\0';
	return *owned;
}

/* Send a batch without waiting for the reply. */
static bool
send_only(FdwConn *c, const char *sql, FdwError *err)
{
	char	   *owned;
	bool		ok;

	if (c->cur)
		tds_close_cursor(c->cur);
	sql = with_begin(c, sql, &owned, err);
	if (sql == NULL)
		return false;
	ok = send_batch_text(c, sql, err);
	free(owned);
	return ok;
}

static bool
send_batch_text(FdwConn *c, const char *sql, FdwError *err)
{
	reset_messages(c);
	c->canceling = false;
	c->abandon = false;
	c->has_deadline = c->query_timeout > 0;
	if (c->has_deadline)
		now_plus(&c->deadline, c->query_timeout);

	if (dbdead(c->dbproc))
	{
		fdw_error_set(err, FDW_ERR_CONNECTION, 0, NULL,
					  "the connection to the server was lost");
		return false;
	}
	dbfreebuf(c->dbproc);
	if (dbcmd(c->dbproc, sql) == FAIL || dbsqlsend(c->dbproc) == FAIL)
	{
		tds_take_error(c, err, "sending the query");
		return false;
	}
	return true;
}

/*
 * Wait for the first reply of the batch sent: the only long wait of most
 * statements, spent in the core's wait_socket so that interrupts act at
 * once.  Then dbsqlok reads the reply's start.
 */
static bool
await_reply(FdwConn *c, FdwError *err)
{
	int			fd = dbiordesc(c->dbproc);

	for (;;)
	{
		long		timeout = ms_left(c);
		int			rc;

		if (timeout == 0)
		{
			cancel_now(c, FDW_ERR_TIMEOUT);
			tds_take_error(c, err, "waiting for the server");
			return false;
		}
		rc = c->host->wait_socket(fd, true, false, timeout);
		if (rc > 0)
			break;
		if (rc < 0)
		{
			cancel_now(c, FDW_ERR_CANCELED);
			tds_take_error(c, err, "waiting for the server");
			return false;
		}
	}
	if (dbsqlok(c->dbproc) == FAIL || c->canceling)
	{
		tds_take_error(c, err, "executing the query");
		tds_discard_pending(c);
		return false;
	}
	return true;
}

/* Send a batch and wait for the first reply (await_reply). */
bool
tds_send_batch(FdwConn *c, const char *sql, FdwError *err)
{
	return send_only(c, sql, err) && await_reply(c, err);
}

/*
 * Read the rest of a batch's results, dropping rows.  *count gets the sum
 * of the row counts of statements without a result set (the DML).
 */
static bool
drain_results(FdwConn *c, int64_t *count, FdwError *err)
{
	RETCODE		rc;
	int64_t		total = 0;

	while ((rc = dbresults(c->dbproc)) != NO_MORE_RESULTS)
	{
		if (rc == FAIL || c->canceling)
			break;
		if (dbnumcols(c->dbproc) > 0)
		{
			if (dbcanquery(c->dbproc) == FAIL)
				break;
		}
		else if (dbcount(c->dbproc) > 0)
			total += dbcount(c->dbproc);
	}
	if (rc == FAIL || c->canceling || c->have_server_error)
	{
		tds_take_error(c, err, "reading the results");
		tds_discard_pending(c);
		return false;
	}
	if (count)
		*count = total;
	return true;
}

/* Run a batch that returns no rows we want. */
bool
tds_exec_batch(FdwConn *c, const char *sql, int64_t *count, FdwError *err)
{
	bool		ok = tds_send_batch(c, sql, err) && drain_results(c, count, err);

	tds_flush_notices(c);
	return ok;
}

/* ---------------------------------------------------------------- options */

static BYTE
tds_version_of(const char *v)
{
	static const struct
	{
		const char *name;
		BYTE		version;
	}			versions[] = {
		{"4.2", DBVERSION_42}, {"5.0", DBVERSION_100}, {"7.0", DBVERSION_70},
		{"7.1", DBVERSION_71}, {"7.2", DBVERSION_72}, {"7.3", DBVERSION_73},
		{"7.4", DBVERSION_74},
	};
	size_t		i;

	for (i = 0; i < sizeof(versions) / sizeof(versions[0]); i++)
		if (strcmp(v, versions[i].name) == 0)
			return versions[i].version;
	return DBVERSION_UNKNOWN;	/* "auto": as freetds.conf says */
}

static void
init_dblib(void)
{
	if (dblib_ready)
		return;
	if (dbinit() == FAIL)
		return;
	dberrhandle(err_handler);
	dbmsghandle(msg_handler);
	dblib_ready = true;
}

/* ---------------------------------------------------------------- connect */

static void
free_conn(FdwConn *c)
{
	int			i;

	for (i = 0; i < c->nnotices; i++)
		free(c->notice[i].text);
	free(c);
}

/*
 * Session settings our SQL depends on (the T-SQL dialect's,
 * fdw_tsql_session_setup); sqlserver_ansi_mode adds the rest of the ANSI
 * settings.
 */
static bool
setup_session(FdwConn *c, bool ansi_mode, FdwError *err)
{
	return tds_exec_batch(c, fdw_tsql_session_setup(c->tds < DBTDS_7_0, ansi_mode),
						  NULL, err);
}

/*
 * A login record for one attempt: dbopen("host:port") stores the port in
 * it, which would stick to the next server of the list.
 */
static LOGINREC *
make_login(const FdwOption *opts, int nopts, const char *database,
		   bool dbuse_after)
{
	LOGINREC   *login = dblogin();
	const char *v;

	if (login == NULL)
		return NULL;
	if ((v = fdw_option_get(opts, nopts, "username")))
		DBSETLUSER(login, v);
	if ((v = fdw_option_get(opts, nopts, "password")))
		DBSETLPWD(login, v);
	/* the core expects UTF-8; FreeTDS converts from the server's encodings */
	DBSETLCHARSET(login, "UTF-8");
	DBSETLAPP(login, "tds_fdw");
	if ((v = fdw_option_get(opts, nopts, "language")))
		DBSETLNATLANG(login, v);
	/*
	 * 7.4 unless told otherwise: SQL Server answers with the version it
	 * speaks.  'auto' leaves it to freetds.conf; FreeTDS 1.3's automatic
	 * fallback to TDS 5.0 never gives up on a server that accepts the
	 * connection but does not answer (its 5.0 logout waits in a loop).
	 */
	v = fdw_option_get(opts, nopts, "tds_version");
	if (v == NULL)
		DBSETLVERSION(login, DBVERSION_74);
	else if (tds_version_of(v) != DBVERSION_UNKNOWN)
		DBSETLVERSION(login, tds_version_of(v));
	if (database && !dbuse_after)
		DBSETLDBNAME(login, database);
	return login;
}

static FdwConn *
tds_connect(const FdwOption *opts, int nopts, const FdwHost *host,
			FdwError *err)
{
	const char *servers = fdw_option_get(opts, nopts, "servername");
	const char *port = fdw_option_get(opts, nopts, "port");
	const char *database = fdw_option_get(opts, nopts, "database");
	const char *v;
	bool		dbuse_after = fdw_option_true(fdw_option_get(opts, nopts, "dbuse"));
	LOGINREC   *login;
	FdwConn    *c;
	DBPROCESS  *dbproc = NULL;
	char	   *list;
	char	   *name;
	char	   *save = NULL;

	/*
	 * dbuse() sends "use [name]" without doubling a "]" in the name: one
	 * would end the brackets and run the rest as SQL.  Such a name never
	 * leaves here (the login packet carries it safely: dbuse 'false').
	 */
	if (database && dbuse_after && strchr(database, ']'))
	{
		fdw_error_set(err, FDW_ERR_UNDEFINED_DATABASE, 0, NULL,
					  "a database name containing \"]\" cannot be selected with dbuse; set dbuse 'false'");
		return NULL;
	}
	/* FreeTDS logs in with the backend's Kerberos ticket when no user is named */
	if (fdw_option_true(fdw_option_get(opts, nopts, "password_required")) &&
		((v = fdw_option_get(opts, nopts, "username")) == NULL || v[0] == '\0'))
	{
		fdw_error_set(err, FDW_ERR_AUTH, 0, NULL,
					  "a role that is not a superuser must give a username in its user mapping: without one FreeTDS tries an integrated (Kerberos) login");
		return NULL;
	}
	init_dblib();
	if (!dblib_ready)
	{
		fdw_error_set(err, FDW_ERR_OTHER, 0, NULL, "FreeTDS db-lib could not be initialized");
		return NULL;
	}
	c = calloc(1, sizeof(FdwConn));
	list = strdup(servers ? servers : DEFAULT_SERVER);
	if (c == NULL || list == NULL)
	{
		free(c);
		free(list);
		tds_set_oom(err);
		return NULL;
	}
	c->host = host;
	c->notices = (v = fdw_option_get(opts, nopts, "msg_handler")) && strcasecmp(v, "notice") == 0;
	c->showplan = (v = fdw_option_get(opts, nopts, "row_estimate_method")) &&
		strcasecmp(v, "showplan_all") == 0;
	c->query_timeout = (v = fdw_option_get(opts, nopts, "query_timeout")) ? atoi(v) : 0;

	/*
	 * Process-global in db-lib: set for every login.  One-second slices, so
	 * that err_handler can stop a login for a query cancel or a termination
	 * (db-lib asks no other callback while it logs in); login_timeout is
	 * kept there.
	 */
	v = fdw_option_get(opts, nopts, "login_timeout");
	c->login_deadline = monotonic_s() + (v ? atoi(v) : DEFAULT_LOGIN_TIMEOUT);
	dbsetlogintime(1);

	/* servername is a comma-separated list, tried in turn */
	for (name = strtok_r(list, ",", &save); name; name = strtok_r(NULL, ",", &save))
	{
		char		target[1024];

		while (isspace((unsigned char) *name))
			name++;
		while (*name && isspace((unsigned char) name[strlen(name) - 1]))
			name[strlen(name) - 1] = '\0';
		if (*name == '\0')
			continue;
		if (port)
			snprintf(target, sizeof(target), "%s:%s", name, port);
		else
			snprintf(target, sizeof(target), "%s", name);
		login = make_login(opts, nopts, database, dbuse_after);
		if (login == NULL)
		{
			free(list);
			free_conn(c);
			tds_set_oom(err);
			return NULL;
		}
		reset_messages(c);
		connecting = c;
		dbproc = dbopen(login, target);
		connecting = NULL;
		dbloginfree(login);
		if (dbproc)
			break;
	}
	free(list);
	if (dbproc == NULL)
	{
		tds_take_error(c, err, "connecting");
		if (!c->have_server_error && !c->have_lib_error)
			fdw_error_set(err, FDW_ERR_CONNECTION, 0, NULL, "no server name to connect to");
		tds_flush_notices(c);
		free_conn(c);
		return NULL;
	}
	c->dbproc = dbproc;
	dbsetuserdata(dbproc, (BYTE *) c);
	dbsetinterrupt(dbproc, interrupt_check, interrupt_handle);
	c->tds = dbtds(dbproc);

	if (database && dbuse_after)
	{
		reset_messages(c);
		if (dbuse(dbproc, database) == FAIL)
		{
			tds_take_error(c, err, "selecting the database");
			tds_flush_notices(c);
			dbclose(dbproc);
			free_conn(c);
			return NULL;
		}
	}
	if (!setup_session(c, fdw_option_true(fdw_option_get(opts, nopts, "sqlserver_ansi_mode")), err))
	{
		dbclose(dbproc);
		free_conn(c);
		return NULL;
	}
	return c;
}

static void
tds_disconnect(FdwConn *c)
{
	if (c->cur)
		tds_close_cursor(c->cur);
	dbclose(c->dbproc);
	free_conn(c);
}

/*
 * dbdead() knows only what an earlier call found.  A server that closed an
 * idle connection (KILL, restart) leaves EOF on the socket, and an idle
 * connection has nothing else to read: a zero-timeout poll() that finds the
 * socket readable or hung up means it is gone.  No round trip.
 */
static bool
tds_is_alive(FdwConn *c)
{
	if (dbdead(c->dbproc))
		return false;
	if (c->cur != NULL)
		return true;			/* not idle: the core never asks then */
	return !fdw_idle_socket_closed(dbiordesc(c->dbproc));
}

static const FdwDialect *
tds_get_dialect(FdwConn *c)
{
	return c->tds >= DBTDS_7_0 ? &tsql_dialect : &sybase_dialect;
}

/* ---------------------------------------------------------------- transactions */

static bool
tds_begin(FdwConn *c, FdwIsolation iso, bool read_only, FdwError *err)
{
	const char *level = iso == FDW_ISO_SERIALIZABLE ? "SERIALIZABLE" :
		iso == FDW_ISO_READ_COMMITTED ? "READ COMMITTED" : "REPEATABLE READ";
	(void) read_only;
	(void) err;
	snprintf(c->begin_sql, sizeof(c->begin_sql),
			 "SET TRANSACTION ISOLATION LEVEL %s; BEGIN TRANSACTION", level);
	return true;
}

/*
 * A COMMIT without a transaction (the server rolled it back, e.g. a
 * deadlock victim) fails with 3902, and so fails the local commit: the
 * remote work is lost.
 */
static bool
tds_commit(FdwConn *c, FdwError *err)
{
	/* nothing was sent: no transaction to end */
	if (c->begin_sql[0] != '\0')
	{
		c->begin_sql[0] = '\0';
		return true;
	}
	return tds_exec_batch(c, "COMMIT TRANSACTION", NULL, err);
}

static bool
tds_rollback(FdwConn *c, FdwError *err)
{
	if (c->begin_sql[0] != '\0')
	{
		c->begin_sql[0] = '\0';
		return true;
	}
	return tds_exec_batch(c, "IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION", NULL, err);
}

static bool
tds_savepoint(FdwConn *c, int level, FdwError *err)
{
	char		sql[64];

	snprintf(sql, sizeof(sql), "SAVE TRANSACTION s%d", level);
	return tds_exec_batch(c, sql, NULL, err);
}

/* T-SQL cannot release a savepoint; it ends with the transaction. */
static bool
tds_release(FdwConn *c, int level, FdwError *err)
{
	(void) c;
	(void) level;
	(void) err;
	return true;
}

static bool
tds_rollback_to(FdwConn *c, int level, FdwError *err)
{
	char		sql[64];

	snprintf(sql, sizeof(sql), "ROLLBACK TRANSACTION s%d", level);
	return tds_exec_batch(c, sql, NULL, err);
}

/* ---------------------------------------------------------------- cursors */

static void
free_cursor(FdwCursor *cur)
{
	free(cur->cols);
	free(cur->types);
	free(cur->scratch);
	free(cur->fallback);
	free(cur);
}

/*
 * A cursor's result is given up (an error, out of memory): the rest of the
 * reply is discarded with an attention, and the messages about it concern
 * nobody.  The cursor stays for close_cursor.
 */
static void
give_up_result(FdwCursor *cur)
{
	FdwConn    *c = cur->conn;

	if (!cur->done && !dbdead(c->dbproc))
	{
		start_cancel(c, FDW_ERR_CANCELED);
		dbcancel(c->dbproc);
		c->canceling = false;
	}
	cur->done = true;
	for (; c->nnotices > 0; c->nnotices--)
		free(c->notice[c->nnotices - 1].text);
	reset_messages(c);
}

/*
 * The reply of a cursor's batch has begun: pass over the statements before
 * the first result set (SET, DML without OUTPUT) and describe that result;
 * a batch with no result set gives no columns.  False with err on failure
 * (give_up_result).
 */
static bool
open_result(FdwCursor *cur, FdwError *err)
{
	FdwConn    *c = cur->conn;
	RETCODE		rc;
	int			i;

	while ((rc = dbresults(c->dbproc)) == SUCCEED && !c->canceling)
	{
		if (dbnumcols(c->dbproc) > 0)
			break;
	}
	if (rc == FAIL || c->canceling || (rc == NO_MORE_RESULTS && c->have_server_error))
	{
		tds_take_error(c, err, "executing the query");
		give_up_result(cur);
		return false;
	}
	if (rc == NO_MORE_RESULTS)
		cur->done = true;
	else
	{
		cur->ncols = dbnumcols(c->dbproc);
		cur->cols = calloc(cur->ncols, sizeof(FdwColumnDesc));
		cur->types = calloc(cur->ncols, sizeof(int));
		cur->scratch = malloc((size_t) cur->ncols * SCRATCH_LEN);
		if (!cur->cols || !cur->types || !cur->scratch)
		{
			give_up_result(cur);
			tds_set_oom(err);
			return false;
		}
		for (i = 0; i < cur->ncols; i++)
		{
			cur->types[i] = dbcoltype(c->dbproc, i + 1);
			tds_describe_column(c->dbproc, i + 1, cur->types[i], &cur->cols[i]);
		}
	}
	tds_flush_notices(c);
	return true;
}

/* A cursor for the batch just sent on c; NULL (err set) when out of memory. */
static FdwCursor *
new_cursor(FdwConn *c, FdwError *err)
{
	FdwCursor  *cur = calloc(1, sizeof(FdwCursor));

	if (cur == NULL)
	{
		tds_discard_pending(c);
		tds_set_oom(err);
		return NULL;
	}
	cur->conn = c;
	c->cur = cur;
	return cur;
}

/* Run a query and describe its result (open_result). */
FdwCursor *
tds_open_cursor(FdwConn *c, const char *sql, const FdwParam *params,
				int nparams, int fetch_size, int flags, const FdwColumnDesc **cols,
				int *ncols, FdwError *err)
{
	FdwCursor  *cur;

	(void) params;
	(void) nparams;
	(void) fetch_size;			/* db-lib reads row by row off the wire */
	(void) flags;
	if (!tds_send_batch(c, sql, err))
	{
		tds_flush_notices(c);
		return NULL;
	}
	cur = new_cursor(c, err);
	if (cur == NULL)
		return NULL;
	if (!open_result(cur, err))
	{
		tds_close_cursor(cur);
		return NULL;
	}
	*cols = cur->cols;
	*ncols = cur->ncols;
	return cur;
}

/*
 * Asynchronous cursors (fdw_driver.h): the batch is sent and the cursor
 * returned at once; poll waits for nothing until the first reply is on the
 * socket.  From there on rows are read as fetch reads them: db-lib does not
 * say whether the rows still to come are already in its buffer, so waiting
 * for the socket could wait for rows that have arrived; the long wait of a
 * shard, its query's run time, is the one spent concurrently.
 */
static FdwCursor *
tds_start_cursor(FdwConn *c, const char *sql, int fetch_size, int flags,
				 FdwError *err)
{
	FdwCursor  *cur;

	(void) fetch_size;
	(void) flags;
	if (!send_only(c, sql, err))
	{
		tds_flush_notices(c);
		return NULL;
	}
	cur = new_cursor(c, err);
	if (cur != NULL)
		cur->reply_pending = true;
	return cur;
}

/* The reply of a started cursor has come (or is waited for): read its start. */
static bool
take_reply(FdwCursor *cur, FdwError *err)
{
	FdwConn    *c = cur->conn;

	cur->reply_pending = false;
	if (!await_reply(c, err))
	{
		cur->done = true;
		tds_flush_notices(c);
		return false;
	}
	return open_result(cur, err);
}

static int
tds_poll(FdwCursor *cur, FdwCell *cells, int *fd, FdwError *err)
{
	FdwConn    *c = cur->conn;

	if (cur->reply_pending)
	{
		/* statement_timeout and cancels are the executor's while it waits */
		if (!fdw_socket_readable(dbiordesc(c->dbproc)) && ms_left(c) != 0)
		{
			*fd = dbiordesc(c->dbproc);
			return FDW_POLL_WAIT;
		}
		if (!take_reply(cur, err))
			return FDW_POLL_ERROR;
	}
	return tds_fetch(cur, cells, err);
}

static const FdwColumnDesc *
tds_cursor_columns(FdwCursor *cur, int *ncols)
{
	*ncols = cur->ncols;
	return cur->cols;
}

/* After the last row: read the rest of the batch, which may hold an error. */
static int
finish_cursor(FdwCursor *cur, FdwError *err)
{
	FdwConn    *c = cur->conn;
	bool		ok;

	cur->done = true;
	if (c->canceling || c->have_server_error)
	{
		tds_take_error(c, err, "reading the results");
		tds_discard_pending(c);
		ok = false;
	}
	else
		ok = drain_results(c, NULL, err);
	tds_flush_notices(c);
	return ok ? 0 : -1;
}

int
tds_fetch(FdwCursor *cur, FdwCell *cells, FdwError *err)
{
	FdwConn    *c = cur->conn;
	RETCODE		rc;
	int			i;

	if (cur->reply_pending && !take_reply(cur, err))
		return -1;
	if (cur->done)
		return 0;

	/*
	 * Rows that are already in db-lib's buffer never block; an interrupt
	 * that arrives while they stream is still seen every few hundred rows.
	 */
	if (++cur->rows % INTERRUPT_CHECK_ROWS == 0 &&
		c->host->wait_socket(dbiordesc(c->dbproc), false, false, 0) < 0)
	{
		cancel_now(c, FDW_ERR_CANCELED);
		cur->done = true;
		tds_take_error(c, err, "reading the results");
		c->canceling = false;
		return -1;
	}

	do
		rc = dbnextrow(c->dbproc);
	while (rc > 0);				/* COMPUTE rows: not ours */

	if (rc == NO_MORE_ROWS && !c->canceling)
		return finish_cursor(cur, err);
	if (rc != REG_ROW || c->canceling || c->have_server_error ||
		(c->have_lib_error && c->lib_error.kind == FDW_ERR_DATA))
	{
		cur->done = true;
		tds_take_error(c, err, "reading a row");
		tds_discard_pending(c);
		tds_flush_notices(c);
		return -1;
	}
	for (i = 0; i < cur->ncols; i++)
	{
		if (!tds_read_cell(cur, i, &cells[i], err))
		{
			cur->done = true;
			tds_discard_pending(c);
			return -1;
		}
	}
	if (c->nnotices)
		tds_flush_notices(c);
	return 1;
}

/* Unread rows are discarded on the server's side with an attention. */
void
tds_close_cursor(FdwCursor *cur)
{
	FdwConn    *c = cur->conn;

	if (!cur->done && !dbdead(c->dbproc))
	{
		start_cancel(c, FDW_ERR_CANCELED);
		dbcancel(c->dbproc);
		c->canceling = false;
	}
	if (c->cur == cur)
		c->cur = NULL;
	/* messages about the discarded rows concern nobody */
	for (; c->nnotices > 0; c->nnotices--)
		free(c->notice[c->nnotices - 1].text);
	reset_messages(c);
	free_cursor(cur);
}

/* ---------------------------------------------------------------- statements */

static bool
tds_execute(FdwConn *c, const char *sql, const FdwParam *params, int nparams,
			int64_t *affected, FdwError *err)
{
	(void) params;
	(void) nparams;
	return tds_exec_batch(c, sql, affected, err);
}

static bool
tds_cancel(FdwConn *c, FdwError *err)
{
	(void) err;
	cancel_now(c, FDW_ERR_CANCELED);
	c->canceling = false;
	return true;
}

const FdwDriver tds_driver = {
	.name = "tds",
	.connect = tds_connect,
	.disconnect = tds_disconnect,
	.is_alive = tds_is_alive,
	.dialect = tds_get_dialect,
	.begin = tds_begin,
	.commit = tds_commit,
	.rollback = tds_rollback,
	.savepoint = tds_savepoint,
	.release = tds_release,
	.rollback_to = tds_rollback_to,
	.open_cursor = tds_open_cursor,
	.fetch = tds_fetch,
	.close_cursor = tds_close_cursor,
	.execute = tds_execute,
	.cancel = tds_cancel,
	.describe_table = tds_describe_table,
	.estimate = tds_estimate,
	.list_tables = tds_list_tables,
	.last_insert_id = tds_last_insert_id,
	.start_cursor = tds_start_cursor,
	.poll = tds_poll,
	.cursor_columns = tds_cursor_columns,
};

