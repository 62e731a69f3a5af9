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
 * within CANCEL_GRACE_SECS loses its connection instead.  db-lib installs
 * no signal handlers, so PostgreSQL's stay as they are.
 *
 * Values: integers, floats, bit, dates and times are handed over in binary
 * (dbdata, dbanydatecrack); money and decimal as exact decimal text;
 * uniqueidentifier in its canonical text form; character data arrives as
 * UTF-8 (the client character set) and is passed without copying, however
 * long: db-lib holds a whole row, (max) values included.
 *
 *-------------------------------------------------------------------------
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sybfront.h>
#include <sybdb.h>

#include "tds_fdw.h"

#define DEFAULT_SERVER "127.0.0.1"
#define DEFAULT_LOGIN_TIMEOUT 10	/* seconds */
#define CANCEL_GRACE_SECS 10
#define INTERRUPT_CHECK_ROWS 256
#define MAX_NOTICES 100
#define SCRATCH_LEN 64			/* a formatted money, decimal or GUID */
#define DEFAULT_ROW_ESTIMATE 1000

/*
 * Type numbers of MS-TDS that sybdb.h does not export (dbcoltype() maps
 * most of them to SYBCHAR/SYBBINARY, but not all versions do), and the
 * severities db-lib passes to the error handler (documented, not exported).
 */
#ifndef SYBUNIQUE
#define SYBUNIQUE 36
#endif
#ifndef XSYBCHAR
#define XSYBCHAR 175
#define XSYBVARCHAR 167
#define XSYBNCHAR 239
#define XSYBNVARCHAR 231
#define XSYBBINARY 173
#define XSYBVARBINARY 165
#endif
#ifndef SYBMSXML
#define SYBMSXML 241
#endif
#ifndef SYBLONGBINARY
#define SYBLONGBINARY 225
#endif
#ifndef EXCONVERSION
#define EXCONVERSION 4
#define EXTIME 6
#define EXCOMM 9
#endif


typedef struct TdsNotice
{
	int			code;
	int			severity;
	char	   *text;
} TdsNotice;

struct FdwConn
{
	DBPROCESS  *dbproc;
	const FdwHost *host;
	int			tds;			/* dbtds(): protocol version */
	bool		notices;		/* msg_handler 'notice' */
	bool		showplan;		/* row_estimate_method 'showplan_all' */
	int			query_timeout;	/* seconds, 0: none */

	/* what the handlers collected during the current db-lib call */
	bool		have_server_error;
	FdwError	server_error;	/* first server message of severity > 10 */
	bool		have_lib_error;
	FdwError	lib_error;		/* first db-lib error */
	TdsNotice	notice[MAX_NOTICES];
	int			nnotices;

	/* cancellation of the running batch */
	bool		canceling;		/* an attention was (or is being) sent */
	bool		abandon;		/* the server did not acknowledge it */
	FdwErrorKind cancel_reason; /* FDW_ERR_CANCELED or FDW_ERR_TIMEOUT */
	time_t		cancel_started;
	struct timespec deadline;	/* query_timeout of the running batch */
	bool		has_deadline;

	FdwCursor  *cur;
};

struct FdwCursor
{
	FdwConn    *conn;
	int			ncols;
	FdwColumnDesc *cols;
	int		   *types;			/* dbcoltype() per column */
	char	   *scratch;		/* SCRATCH_LEN bytes per column */
	char	   *fallback;		/* growable buffer for other conversions */
	size_t		fallback_len;
	long		rows;
	bool		done;
};

/* the connection being opened: its DBPROCESS has no user data yet */
static FdwConn *connecting = NULL;
static bool dblib_ready = false;

static void tds_close_cursor(FdwCursor *cur);

/* ---------------------------------------------------------------- strings */

typedef struct Str
{
	char	   *data;
	size_t		len;
	size_t		cap;
	bool		oom;
} Str;

static void
str_reserve(Str *s, size_t extra)
{
	char	   *p;
	size_t		cap;

	if (s->oom || s->len + extra + 1 <= s->cap)
		return;
	cap = s->cap ? s->cap : 256;
	while (cap < s->len + extra + 1)
		cap *= 2;
	p = realloc(s->data, cap);
	if (p == NULL)
	{
		s->oom = true;
		return;
	}
	s->data = p;
	s->cap = cap;
}

static void
str_add(Str *s, const char *text)
{
	size_t		n = strlen(text);

	str_reserve(s, n);
	if (s->oom)
		return;
	memcpy(s->data + s->len, text, n + 1);
	s->len += n;
}

/* A T-SQL Unicode string literal: N'...' with quotes doubled. */
static void
str_add_literal(Str *s, const char *text)
{
	const char *p;

	str_add(s, "N'");
	for (p = text; *p; p++)
	{
		char		c[3] = {*p, '\0', '\0'};

		if (*p == '\'')
			c[1] = '\'';
		str_add(s, c);
	}
	str_add(s, "'");
}

static void
copy_text(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

static void
set_oom(FdwError *err)
{
	fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL, "out of memory");
}

/* ---------------------------------------------------------------- errors */

/* Classes of SQL Server message numbers (sys.messages). */
static FdwErrorKind
classify_server(int code, const char *text)
{
	switch (code)
	{
		case 208:				/* invalid object name */
			return FDW_ERR_UNDEFINED_TABLE;
		case 207:				/* invalid column name */
			return FDW_ERR_UNDEFINED_COLUMN;
		case 2627:				/* violation of PRIMARY KEY / UNIQUE constraint */
		case 2601:				/* duplicate key row in unique index */
			return FDW_ERR_UNIQUE_VIOLATION;
		case 515:				/* cannot insert NULL */
			return FDW_ERR_NOT_NULL_VIOLATION;
		case 547:				/* conflicted with a FOREIGN KEY/CHECK/REFERENCE */
			return text && strstr(text, "CHECK") ?
				FDW_ERR_CHECK_VIOLATION : FDW_ERR_FK_VIOLATION;
		case 8134:				/* divide by zero */
			return FDW_ERR_DIVISION_BY_ZERO;
		case 18456:				/* login failed */
		case 18452:				/* login from an untrusted domain */
		case 18486:				/* account locked */
		case 18487:				/* password expired */
		case 18488:				/* password must be changed */
			return FDW_ERR_AUTH;
		case 4060:				/* cannot open database requested by the login */
		case 911:				/* database does not exist (USE) */
			return FDW_ERR_UNDEFINED_DATABASE;
		case 1205:				/* deadlock victim */
			return FDW_ERR_DEADLOCK;
		case 1222:				/* lock request time out */
			return FDW_ERR_LOCK_TIMEOUT;
		case 3960:				/* snapshot isolation update conflict */
			return FDW_ERR_SERIALIZATION;
		case 8115:				/* arithmetic overflow */
		case 220:				/* arithmetic overflow for a data type */
		case 232:
		case 8152:				/* string or binary data would be truncated */
		case 2628:
		case 241:				/* conversion failed: date and/or time */
		case 242:				/* out-of-range datetime */
		case 245:				/* conversion failed */
		case 248:
		case 8114:				/* error converting data type */
		case 8169:				/* conversion to uniqueidentifier failed */
		case 517:				/* adding a value to a date overflowed */
		case 3623:				/* invalid floating point operation */
			return FDW_ERR_DATA;
		case 102:				/* incorrect syntax */
		case 156:				/* incorrect syntax near keyword */
		case 170:
		case 195:				/* not a recognized built-in function */
		case 4145:				/* non-boolean expression where a condition is expected */
			return FDW_ERR_SYNTAX;
		case 229:				/* permission denied on object */
		case 230:
		case 262:
		case 297:
		case 300:
			return FDW_ERR_INSUFFICIENT_PRIVILEGE;
		case 701:				/* insufficient system memory */
			return FDW_ERR_OUT_OF_MEMORY;
	}
	return FDW_ERR_OTHER;
}

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
static void
flush_notices(FdwConn *c)
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
			fdw_error_set(&c->server_error, classify_server(msgno, msgtext),
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
		/* the login timed out: give up */
		if (c == connecting)
		{
			if (!c->have_lib_error)
			{
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
		{
			c->canceling = true;
			c->cancel_reason = FDW_ERR_TIMEOUT;
			c->cancel_started = time(NULL);
		}
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
static void
take_error(FdwConn *c, FdwError *err, const char *what)
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
		fdw_error_set(err, FDW_ERR_CONNECTION, 0, NULL,
					  "the server did not acknowledge the cancel request in time; connection closed");
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

static void
start_cancel(FdwConn *c, FdwErrorKind reason)
{
	c->canceling = true;
	c->cancel_reason = reason;
	c->cancel_started = time(NULL);
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
		if (time(NULL) - c->cancel_started >= CANCEL_GRACE_SECS)
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
static void
discard_pending(FdwConn *c)
{
	if (dbdead(c->dbproc))
		return;
	if (!c->canceling)
		start_cancel(c, FDW_ERR_CANCELED);
	dbcancel(c->dbproc);
	c->canceling = false;
}

/*
 * Send a batch and wait for the first reply: the only long wait of most
 * statements, spent in the core's wait_socket so that interrupts act at
 * once.  Then dbsqlok reads the reply's start.
 */
static bool
send_batch(FdwConn *c, const char *sql, FdwError *err)
{
	int			fd;

	if (c->cur)
		tds_close_cursor(c->cur);
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
		take_error(c, err, "sending the query");
		return false;
	}

	fd = dbiordesc(c->dbproc);
	for (;;)
	{
		long		timeout = ms_left(c);
		int			rc;

		if (timeout == 0)
		{
			cancel_now(c, FDW_ERR_TIMEOUT);
			take_error(c, err, "waiting for the server");
			return false;
		}
		rc = c->host->wait_socket(fd, true, false, timeout);
		if (rc > 0)
			break;
		if (rc < 0)
		{
			cancel_now(c, FDW_ERR_CANCELED);
			take_error(c, err, "waiting for the server");
			return false;
		}
	}
	if (dbsqlok(c->dbproc) == FAIL || c->canceling)
	{
		take_error(c, err, "executing the query");
		discard_pending(c);
		return false;
	}
	return true;
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
		take_error(c, err, "reading the results");
		discard_pending(c);
		return false;
	}
	if (count)
		*count = total;
	return true;
}

/* Run a batch that returns no rows we want. */
static bool
exec_batch(FdwConn *c, const char *sql, int64_t *count, FdwError *err)
{
	bool		ok = send_batch(c, sql, err) && drain_results(c, count, err);

	flush_notices(c);
	return ok;
}

/* ---------------------------------------------------------------- options */

static const char *
opt(const FdwOption *opts, int n, const char *name)
{
	const char *v = NULL;
	int			i;

	for (i = 0; i < n; i++)
		if (strcmp(opts[i].name, name) == 0)
			v = opts[i].value;
	return v;
}

static bool
opt_bool(const char *v)
{
	return v && (strcasecmp(v, "true") == 0 || strcasecmp(v, "on") == 0 ||
				 strcasecmp(v, "yes") == 0 || strcmp(v, "1") == 0);
}

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
	return DBVERSION_UNKNOWN;	/* "auto": FreeTDS negotiates */
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
 * Session settings our SQL depends on: NULL comparisons and concatenation
 * as in standard SQL, and no limit on the size of (max) values, which
 * freetds.conf usually sets to 64 kB.  sqlserver_ansi_mode adds the rest
 * of the ANSI settings (as ODBC drivers set them), needed to use indexed
 * views and indexes on computed columns.
 */
static bool
setup_session(FdwConn *c, bool ansi_mode, FdwError *err)
{
	const char *sql;

	if (c->tds >= DBTDS_7_0)
		sql = ansi_mode ?
			"SET TEXTSIZE 2147483647; "
			"SET CONCAT_NULL_YIELDS_NULL, ANSI_NULLS, ANSI_WARNINGS, "
			"QUOTED_IDENTIFIER, ANSI_PADDING, ANSI_NULL_DFLT_ON ON" :
			"SET TEXTSIZE 2147483647; SET ANSI_NULLS ON; SET CONCAT_NULL_YIELDS_NULL ON";
	else
		sql = ansi_mode ?
			"set textsize 2147483647 set ansinull on set quoted_identifier on" :
			"set textsize 2147483647 set ansinull on";
	return exec_batch(c, sql, NULL, err);
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
	if ((v = opt(opts, nopts, "username")))
		DBSETLUSER(login, v);
	if ((v = opt(opts, nopts, "password")))
		DBSETLPWD(login, v);
	/* the core expects UTF-8; FreeTDS converts from the server's encodings */
	DBSETLCHARSET(login, "UTF-8");
	DBSETLAPP(login, "tds_fdw");
	if ((v = opt(opts, nopts, "language")))
		DBSETLNATLANG(login, v);
	if ((v = opt(opts, nopts, "tds_version")) && tds_version_of(v) != DBVERSION_UNKNOWN)
		DBSETLVERSION(login, tds_version_of(v));
	if (database && !dbuse_after)
		DBSETLDBNAME(login, database);
	return login;
}

static FdwConn *
tds_connect(const FdwOption *opts, int nopts, const FdwHost *host,
			FdwError *err)
{
	const char *servers = opt(opts, nopts, "servername");
	const char *port = opt(opts, nopts, "port");
	const char *database = opt(opts, nopts, "database");
	const char *v;
	bool		dbuse_after = opt_bool(opt(opts, nopts, "dbuse"));
	LOGINREC   *login;
	FdwConn    *c;
	DBPROCESS  *dbproc = NULL;
	char	   *list;
	char	   *name;
	char	   *save = NULL;

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
		set_oom(err);
		return NULL;
	}
	c->host = host;
	c->notices = (v = opt(opts, nopts, "msg_handler")) && strcasecmp(v, "notice") == 0;
	c->showplan = (v = opt(opts, nopts, "row_estimate_method")) &&
		strcasecmp(v, "showplan_all") == 0;
	c->query_timeout = (v = opt(opts, nopts, "query_timeout")) ? atoi(v) : 0;

	/* process-global in db-lib: set for every login */
	v = opt(opts, nopts, "login_timeout");
	dbsetlogintime(v ? atoi(v) : DEFAULT_LOGIN_TIMEOUT);

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
			set_oom(err);
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
		take_error(c, err, "connecting");
		if (!c->have_server_error && !c->have_lib_error)
			fdw_error_set(err, FDW_ERR_CONNECTION, 0, NULL, "no server name to connect to");
		flush_notices(c);
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
			take_error(c, err, "selecting the database");
			flush_notices(c);
			dbclose(dbproc);
			free_conn(c);
			return NULL;
		}
	}
	if (!setup_session(c, opt_bool(opt(opts, nopts, "sqlserver_ansi_mode")), err))
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

static bool
tds_is_alive(FdwConn *c)
{
	return !dbdead(c->dbproc);
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
	char		sql[128];

	(void) read_only;
	snprintf(sql, sizeof(sql),
			 "SET TRANSACTION ISOLATION LEVEL %s; BEGIN TRANSACTION", level);
	return exec_batch(c, sql, NULL, err);
}

/*
 * A COMMIT without a transaction (the server rolled it back, e.g. a
 * deadlock victim) fails with 3902, and so fails the local commit: the
 * remote work is lost.
 */
static bool
tds_commit(FdwConn *c, FdwError *err)
{
	return exec_batch(c, "COMMIT TRANSACTION", NULL, err);
}

static bool
tds_rollback(FdwConn *c, FdwError *err)
{
	return exec_batch(c, "IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION", NULL, err);
}

static bool
tds_savepoint(FdwConn *c, int level, FdwError *err)
{
	char		sql[64];

	snprintf(sql, sizeof(sql), "SAVE TRANSACTION s%d", level);
	return exec_batch(c, sql, NULL, err);
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
	return exec_batch(c, sql, NULL, err);
}

/* ---------------------------------------------------------------- columns */

static bool
is_char_type(int type)
{
	switch (type)
	{
		case SYBCHAR:
		case SYBVARCHAR:
		case SYBTEXT:
		case SYBNTEXT:
		case SYBNVARCHAR:
		case XSYBCHAR:
		case XSYBVARCHAR:
		case XSYBNCHAR:
		case XSYBNVARCHAR:
		case SYBMSXML:
			return true;
	}
	return false;
}

static bool
is_binary_type(int type)
{
	switch (type)
	{
		case SYBBINARY:
		case SYBVARBINARY:
		case SYBIMAGE:
		case XSYBBINARY:
		case XSYBVARBINARY:
		case SYBLONGBINARY:
			return true;
	}
	return false;
}

/* db-lib's description of a result column as the core's. */
static void
describe_column(DBPROCESS *dbproc, int col, int type, FdwColumnDesc *d)
{
	DBCOL		info;
	int			len = dbcollen(dbproc, col);
	bool		unlimited = len >= 0x3fffffff;

	memset(d, 0, sizeof(*d));
	memset(&info, 0, sizeof(info));
	info.SizeOfStruct = sizeof(info);
	copy_text(d->name, sizeof(d->name), dbcolname(dbproc, col));
	if (dbcolinfo(dbproc, CI_REGULAR, col, 0, &info) == SUCCEED)
	{
		d->nullable = info.Null != 0;
		d->precision = info.Precision;
		d->scale = info.Scale;
	}
	else
		d->nullable = true;
	d->length = unlimited ? -1 : len;
	switch (type)
	{
		case SYBBIT:
		case SYBBITN:
			d->kind = FDW_TYPE_BOOL;
			copy_text(d->type_name, sizeof(d->type_name), "bit");
			break;
		case SYBINT1:
			d->kind = FDW_TYPE_INT;
			d->length = 1;
			d->is_unsigned = true;
			copy_text(d->type_name, sizeof(d->type_name), "tinyint");
			break;
		case SYBINT2:
			d->kind = FDW_TYPE_INT;
			d->length = 2;
			copy_text(d->type_name, sizeof(d->type_name), "smallint");
			break;
		case SYBINT4:
			d->kind = FDW_TYPE_INT;
			d->length = 4;
			copy_text(d->type_name, sizeof(d->type_name), "int");
			break;
		case SYBINT8:
			d->kind = FDW_TYPE_INT;
			d->length = 8;
			copy_text(d->type_name, sizeof(d->type_name), "bigint");
			break;
		case SYBREAL:
			d->kind = FDW_TYPE_FLOAT4;
			copy_text(d->type_name, sizeof(d->type_name), "real");
			break;
		case SYBFLT8:
			d->kind = FDW_TYPE_FLOAT8;
			copy_text(d->type_name, sizeof(d->type_name), "float");
			break;
		case SYBMONEY:
		case SYBMONEY4:
			d->kind = FDW_TYPE_MONEY;
			d->precision = type == SYBMONEY ? 19 : 10;
			d->scale = 4;
			copy_text(d->type_name, sizeof(d->type_name),
					  type == SYBMONEY ? "money" : "smallmoney");
			break;
		case SYBDECIMAL:
		case SYBNUMERIC:
			d->kind = FDW_TYPE_DECIMAL;
			snprintf(d->type_name, sizeof(d->type_name), "decimal(%d,%d)",
					 d->precision, d->scale);
			break;
		case SYBMSDATE:
		case SYBDATE:
			d->kind = FDW_TYPE_DATE;
			copy_text(d->type_name, sizeof(d->type_name), "date");
			break;
		case SYBMSTIME:
		case SYBTIME:
		case SYBBIGTIME:
			d->kind = FDW_TYPE_TIME;
			copy_text(d->type_name, sizeof(d->type_name), "time");
			break;
		case SYBDATETIME:
		case SYBDATETIME4:
		case SYBMSDATETIME2:
		case SYBBIGDATETIME:
			d->kind = FDW_TYPE_TIMESTAMP;
			copy_text(d->type_name, sizeof(d->type_name),
					  type == SYBDATETIME ? "datetime" :
					  type == SYBDATETIME4 ? "smalldatetime" : "datetime2");
			break;
		case SYBMSDATETIMEOFFSET:
			d->kind = FDW_TYPE_TIMESTAMPTZ;
			copy_text(d->type_name, sizeof(d->type_name), "datetimeoffset");
			break;
		case SYBUNIQUE:
			d->kind = FDW_TYPE_UUID;
			copy_text(d->type_name, sizeof(d->type_name), "uniqueidentifier");
			break;
		default:
			if (is_char_type(type))
			{
				d->kind = unlimited ? FDW_TYPE_TEXT : FDW_TYPE_VARCHAR;
				copy_text(d->type_name, sizeof(d->type_name), "nvarchar");
			}
			else if (is_binary_type(type))
			{
				d->kind = unlimited ? FDW_TYPE_BLOB : FDW_TYPE_BINARY;
				copy_text(d->type_name, sizeof(d->type_name), "varbinary");
			}
			else
			{
				d->kind = FDW_TYPE_UNKNOWN;
				copy_text(d->type_name, sizeof(d->type_name),
						  dbprtype(type) ? dbprtype(type) : "unknown");
			}
			break;
	}
}

/* ---------------------------------------------------------------- values */

/* Exact decimal text of a money value (in units of 1/10000). */
static size_t
format_money(char *buf, int64_t v)
{
	uint64_t	mag = v < 0 ? (uint64_t) 0 - (uint64_t) v : (uint64_t) v;

	return (size_t) snprintf(buf, SCRATCH_LEN, "%s%llu.%04llu", v < 0 ? "-" : "",
							 (unsigned long long) (mag / 10000),
							 (unsigned long long) (mag % 10000));
}

/* GUID in its canonical form (Data1..3 are little-endian on the wire). */
static size_t
format_guid(char *buf, const BYTE *g)
{
	return (size_t) snprintf(buf, SCRATCH_LEN,
							 "%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X",
							 g[3], g[2], g[1], g[0], g[5], g[4], g[7], g[6],
							 g[8], g[9], g[10], g[11], g[12], g[13], g[14], g[15]);
}

/*
 * Date and time values into parts.  Nanoseconds round to microseconds,
 * half to even, like PostgreSQL's input; when that carries into the next
 * second the value goes as text and PostgreSQL's input does the carrying.
 */
static bool
crack_datetime(FdwCursor *cur, int col, int type, const BYTE *data,
			   FdwCell *cell)
{
	DBDATEREC2	r;
	FdwDateTime *dt = &cell->v.dt;
	int			usec;
	int			rest;

	memset(&r, 0, sizeof(r));
	if (dbanydatecrack(cur->conn->dbproc, &r, type, data) == FAIL)
		return false;
	usec = r.datensecond / 1000;
	rest = r.datensecond % 1000;
	if (rest > 500 || (rest == 500 && (usec & 1)))
		usec++;
	if (usec == 1000000)
	{
		char	   *buf = cur->scratch + col * SCRATCH_LEN;
		int			n = 0;

		if (type != SYBMSTIME && type != SYBTIME && type != SYBBIGTIME)
			n = snprintf(buf, SCRATCH_LEN, "%04d-%02d-%02d ",
						 r.dateyear, r.datemonth + 1, r.datedmonth);
		n += snprintf(buf + n, SCRATCH_LEN - n, "%02d:%02d:%02d.%09d",
					  r.datehour, r.dateminute, r.datesecond, r.datensecond);
		if (type == SYBMSDATETIMEOFFSET)
			n += snprintf(buf + n, SCRATCH_LEN - n, "%c%02d:%02d",
						  r.datetzone < 0 ? '-' : '+',
						  abs(r.datetzone) / 60, abs(r.datetzone) % 60);
		cell->type = FDW_CELL_TEXT;
		cell->v.str.ptr = buf;
		cell->v.str.len = (size_t) n;
		return true;
	}
	cell->type = FDW_CELL_DATETIME;
	memset(dt, 0, sizeof(*dt));
	/* db-lib's month is 0-based (Sybase's DBDATEREC) */
	dt->year = r.dateyear;
	dt->month = r.datemonth + 1;
	dt->day = r.datedmonth;
	dt->hour = r.datehour;
	dt->minute = r.dateminute;
	dt->second = r.datesecond;
	dt->usec = usec;
	dt->has_date = type != SYBMSTIME && type != SYBTIME && type != SYBBIGTIME;
	dt->has_time = type != SYBMSDATE && type != SYBDATE;
	if (type == SYBMSDATETIMEOFFSET)
	{
		/* the parts are the local time at the value's offset */
		dt->has_tz = true;
		dt->tz_minutes = r.datetzone;
	}
	return true;
}

/* Anything else db-lib can convert, as text (sql_variant, ...). */
static bool
convert_to_text(FdwCursor *cur, int type, const BYTE *data, int len,
				FdwCell *cell)
{
	size_t		need = (size_t) len * 4 + 128;
	DBINT		n;

	if (!dbwillconvert(type, SYBCHAR))
		return false;
	if (cur->fallback_len < need)
	{
		char	   *p = realloc(cur->fallback, need);

		if (p == NULL)
			return false;
		cur->fallback = p;
		cur->fallback_len = need;
	}
	n = dbconvert(cur->conn->dbproc, type, data, len, SYBCHAR,
				  (BYTE *) cur->fallback, -1);
	if (n < 0)
		return false;
	cell->type = FDW_CELL_TEXT;
	cell->v.str.ptr = cur->fallback;
	cell->v.str.len = strlen(cur->fallback);
	return true;
}

/* One value of the current row as a cell; false if it cannot be read. */
static bool
read_cell(FdwCursor *cur, int col, FdwCell *cell, FdwError *err)
{
	DBPROCESS  *dbproc = cur->conn->dbproc;
	int			type = cur->types[col];
	BYTE	   *data = dbdata(dbproc, col + 1);
	DBINT		len = dbdatlen(dbproc, col + 1);
	char	   *scratch = cur->scratch + col * SCRATCH_LEN;

	/* db-lib gives NULL data for NULL; an empty value has data, length 0 */
	if (data == NULL)
	{
		cell->type = FDW_CELL_NULL;
		return true;
	}
	switch (type)
	{
		case SYBINT1:
			cell->type = FDW_CELL_INT64;
			cell->v.i64 = *(const DBTINYINT *) data;
			return true;
		case SYBINT2:
			{
				DBSMALLINT	v;

				memcpy(&v, data, sizeof(v));
				cell->type = FDW_CELL_INT64;
				cell->v.i64 = v;
				return true;
			}
		case SYBINT4:
			{
				DBINT		v;

				memcpy(&v, data, sizeof(v));
				cell->type = FDW_CELL_INT64;
				cell->v.i64 = v;
				return true;
			}
		case SYBINT8:
			{
				DBBIGINT	v;

				memcpy(&v, data, sizeof(v));
				cell->type = FDW_CELL_INT64;
				cell->v.i64 = v;
				return true;
			}
		case SYBBIT:
		case SYBBITN:
			cell->type = FDW_CELL_INT64;
			cell->v.i64 = *(const DBBIT *) data ? 1 : 0;
			return true;
		case SYBREAL:
			{
				DBREAL		v;

				memcpy(&v, data, sizeof(v));
				cell->type = FDW_CELL_DOUBLE;
				cell->v.f64 = v;
				return true;
			}
		case SYBFLT8:
			{
				DBFLT8		v;

				memcpy(&v, data, sizeof(v));
				cell->type = FDW_CELL_DOUBLE;
				cell->v.f64 = v;
				return true;
			}
		case SYBMONEY:
			{
				DBMONEY		m;

				memcpy(&m, data, sizeof(m));
				cell->type = FDW_CELL_TEXT;
				cell->v.str.ptr = scratch;
				cell->v.str.len = format_money(scratch,
											   (int64_t) (((uint64_t) (uint32_t) m.mnyhigh << 32) |
														  m.mnylow));
				return true;
			}
		case SYBMONEY4:
			{
				DBMONEY4	m;

				memcpy(&m, data, sizeof(m));
				cell->type = FDW_CELL_TEXT;
				cell->v.str.ptr = scratch;
				cell->v.str.len = format_money(scratch, m.mny4);
				return true;
			}
		case SYBDECIMAL:
		case SYBNUMERIC:
			{
				/* db-lib's numeric to text conversion is exact */
				DBINT		n = dbconvert(dbproc, type, data, len, SYBCHAR,
										  (BYTE *) scratch, -1);

				if (n < 0)
					break;
				cell->type = FDW_CELL_TEXT;
				cell->v.str.ptr = scratch;
				cell->v.str.len = strlen(scratch);
				return true;
			}
		case SYBDATETIME:
		case SYBDATETIME4:
		case SYBMSDATE:
		case SYBMSTIME:
		case SYBMSDATETIME2:
		case SYBMSDATETIMEOFFSET:
		case SYBDATE:
		case SYBTIME:
		case SYBBIGDATETIME:
		case SYBBIGTIME:
			if (crack_datetime(cur, col, type, data, cell))
				return true;
			break;
		case SYBUNIQUE:
			if (len != 16)
				break;
			cell->type = FDW_CELL_TEXT;
			cell->v.str.ptr = scratch;
			cell->v.str.len = format_guid(scratch, data);
			return true;
		default:
			if (is_char_type(type) || is_binary_type(type))
			{
				cell->type = is_char_type(type) ? FDW_CELL_TEXT : FDW_CELL_BINARY;
				cell->v.str.ptr = (const char *) data;
				cell->v.str.len = (size_t) len;
				return true;
			}
			if (convert_to_text(cur, type, data, len, cell))
				return true;
			break;
	}
	{
		char		text[300];

		snprintf(text, sizeof(text),
				 "cannot read a value of remote type %s (column \"%s\")",
				 dbprtype(type) ? dbprtype(type) : "?", cur->cols[col].name);
		fdw_error_set(err, FDW_ERR_FEATURE, 0, NULL, text);
	}
	return false;
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
 * Run a query.  Statements before the first result set (SET, DML without
 * OUTPUT) are passed over; a batch with no result set gives no columns.
 */
static FdwCursor *
tds_open_cursor(FdwConn *c, const char *sql, const FdwParam *params,
				int nparams, int fetch_size, const FdwColumnDesc **cols,
				int *ncols, FdwError *err)
{
	FdwCursor  *cur;
	RETCODE		rc;
	int			i;

	(void) params;
	(void) nparams;
	(void) fetch_size;			/* db-lib reads row by row off the wire */
	if (!send_batch(c, sql, err))
	{
		flush_notices(c);
		return NULL;
	}
	cur = calloc(1, sizeof(FdwCursor));
	if (cur == NULL)
	{
		discard_pending(c);
		set_oom(err);
		return NULL;
	}
	cur->conn = c;
	c->cur = cur;
	while ((rc = dbresults(c->dbproc)) == SUCCEED && !c->canceling)
	{
		if (dbnumcols(c->dbproc) > 0)
			break;
	}
	if (rc == FAIL || c->canceling || (rc == NO_MORE_RESULTS && c->have_server_error))
	{
		take_error(c, err, "executing the query");
		tds_close_cursor(cur);
		flush_notices(c);
		return NULL;
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
			tds_close_cursor(cur);
			set_oom(err);
			return NULL;
		}
		for (i = 0; i < cur->ncols; i++)
		{
			cur->types[i] = dbcoltype(c->dbproc, i + 1);
			describe_column(c->dbproc, i + 1, cur->types[i], &cur->cols[i]);
		}
	}
	flush_notices(c);
	*cols = cur->cols;
	*ncols = cur->ncols;
	return cur;
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
		take_error(c, err, "reading the results");
		discard_pending(c);
		ok = false;
	}
	else
		ok = drain_results(c, NULL, err);
	flush_notices(c);
	return ok ? 0 : -1;
}

static int
tds_fetch(FdwCursor *cur, FdwCell *cells, FdwError *err)
{
	FdwConn    *c = cur->conn;
	RETCODE		rc;
	int			i;

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
		take_error(c, err, "reading the results");
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
		take_error(c, err, "reading a row");
		discard_pending(c);
		flush_notices(c);
		return -1;
	}
	for (i = 0; i < cur->ncols; i++)
	{
		if (!read_cell(cur, i, &cells[i], err))
		{
			cur->done = true;
			discard_pending(c);
			return -1;
		}
	}
	if (c->nnotices)
		flush_notices(c);
	return 1;
}

/* Unread rows are discarded on the server's side with an attention. */
static void
tds_close_cursor(FdwCursor *cur)
{
	FdwConn    *c = cur->conn;

	if (!cur->done && !dbdead(c->dbproc))
	{
		c->canceling = true;
		c->cancel_reason = FDW_ERR_CANCELED;
		c->cancel_started = time(NULL);
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
	return exec_batch(c, sql, affected, err);
}

static bool
tds_cancel(FdwConn *c, FdwError *err)
{
	(void) err;
	cancel_now(c, FDW_ERR_CANCELED);
	c->canceling = false;
	return true;
}

/* Read a whole small result (catalog queries), one callback per row. */
typedef bool (*RowFn) (void *arg, const FdwCell *cells, int ncols);

static bool
query_rows(FdwConn *c, const char *sql, RowFn fn, void *arg, FdwError *err)
{
	const FdwColumnDesc *cols;
	int			ncols;
	FdwCursor  *cur = tds_open_cursor(c, sql, NULL, 0, 0, &cols, &ncols, err);
	FdwCell    *cells;
	int			rc;

	if (cur == NULL)
		return false;
	cells = calloc(ncols + 1, sizeof(FdwCell));
	if (cells == NULL)
	{
		tds_close_cursor(cur);
		set_oom(err);
		return false;
	}
	while ((rc = tds_fetch(cur, cells, err)) == 1)
	{
		if (!fn(arg, cells, ncols))
		{
			set_oom(err);
			rc = -1;
			break;
		}
	}
	free(cells);
	tds_close_cursor(cur);
	return rc == 0;
}

/*
 * Row estimate.  'execute' (the default, as in tds_fdw 2.0) runs the query
 * and counts its rows; 'showplan_all' asks the optimizer (SET SHOWPLAN_ALL)
 * and reads EstimateRows and AvgRowSize of the plan's first row.
 */
typedef struct EstimateState
{
	long		rows;
	int			rows_col;
	int			width_col;
	double		est_rows;
	double		est_width;
	bool		have;
} EstimateState;

static double
cell_number(const FdwCell *cell)
{
	if (cell->type == FDW_CELL_DOUBLE)
		return cell->v.f64;
	if (cell->type == FDW_CELL_INT64)
		return (double) cell->v.i64;
	if (cell->type == FDW_CELL_TEXT)
	{
		char		buf[64];

		snprintf(buf, sizeof(buf), "%.*s", (int) cell->v.str.len, cell->v.str.ptr);
		return atof(buf);
	}
	return -1;
}

static bool
count_row(void *arg, const FdwCell *cells, int ncols)
{
	EstimateState *st = (EstimateState *) arg;

	(void) cells;
	(void) ncols;
	st->rows++;
	return true;
}

static bool
tds_estimate(FdwConn *c, const char *sql, double *rows, int *width,
			 FdwError *err)
{
	EstimateState st;
	const FdwColumnDesc *cols;
	int			ncols;
	FdwCursor  *cur;
	FdwCell    *cells;
	int			i;
	int			rc;
	bool		ok;

	memset(&st, 0, sizeof(st));
	*width = 0;
	if (!c->showplan)
	{
		if (!query_rows(c, sql, count_row, &st, err))
			return false;
		*rows = (double) st.rows;
		return true;
	}

	if (!exec_batch(c, "SET SHOWPLAN_ALL ON", NULL, err))
		return false;
	cur = tds_open_cursor(c, sql, NULL, 0, 0, &cols, &ncols, err);
	ok = cur != NULL;
	if (ok)
	{
		st.rows_col = st.width_col = -1;
		for (i = 0; i < ncols; i++)
		{
			if (strcasecmp(cols[i].name, "EstimateRows") == 0)
				st.rows_col = i;
			else if (strcasecmp(cols[i].name, "AvgRowSize") == 0)
				st.width_col = i;
		}
		cells = calloc(ncols + 1, sizeof(FdwCell));
		if (cells && (rc = tds_fetch(cur, cells, err)) == 1 && st.rows_col >= 0)
		{
			st.est_rows = cell_number(&cells[st.rows_col]);
			st.est_width = st.width_col >= 0 ? cell_number(&cells[st.width_col]) : 0;
			st.have = st.est_rows >= 0;
		}
		else if (cells && rc < 0)
			ok = false;
		free(cells);
		tds_close_cursor(cur);
	}
	/* always switch plans off again, even after an error */
	{
		FdwError	off_err;

		memset(&off_err, 0, sizeof(off_err));
		if (!exec_batch(c, "SET SHOWPLAN_ALL OFF", NULL, ok ? err : &off_err))
			ok = false;
	}
	if (!ok)
		return false;
	/* a server without plans: a modest table, as the core assumes */
	*rows = st.have ? st.est_rows : DEFAULT_ROW_ESTIMATE;
	*width = st.have && st.est_width > 0 ? (int) st.est_width : 0;
	return true;
}

/* ---------------------------------------------------------------- catalog */

/* SQL Server's text of a column default, "((0))" or "(N'a')", as SQL. */
static char *
default_expression(const FdwCell *cell)
{
	char	   *s;
	char	   *out;
	size_t		len;
	size_t		i,
				o;
	bool		in_string = false;

	if (cell->type != FDW_CELL_TEXT)
		return NULL;
	s = malloc(cell->v.str.len + 1);
	if (s == NULL)
		return NULL;
	memcpy(s, cell->v.str.ptr, cell->v.str.len);
	s[cell->v.str.len] = '\0';

	/* strip parentheses around the whole expression */
	for (;;)
	{
		int			depth = 0;
		bool		whole = true;

		len = strlen(s);
		if (len < 2 || s[0] != '(' || s[len - 1] != ')')
			break;
		for (i = 0; i < len && whole; i++)
		{
			if (s[i] == '\'')
				in_string = !in_string;
			else if (!in_string && s[i] == '(')
				depth++;
			else if (!in_string && s[i] == ')' && --depth == 0 && i != len - 1)
				whole = false;
		}
		in_string = false;
		if (!whole)
			break;
		memmove(s, s + 1, len - 2);
		s[len - 2] = '\0';
	}

	/* N'...' is '...' in standard SQL */
	out = malloc(strlen(s) + 1);
	if (out == NULL)
	{
		free(s);
		return NULL;
	}
	for (i = 0, o = 0; s[i]; i++)
	{
		if (!in_string && (s[i] == 'N' || s[i] == 'n') && s[i + 1] == '\'' &&
			(i == 0 || !isalnum((unsigned char) s[i - 1])))
			continue;
		if (s[i] == '\'')
			in_string = !in_string;
		out[o++] = s[i];
	}
	out[o] = '\0';
	free(s);
	return out;
}

static int
cell_int(const FdwCell *cell, int dflt)
{
	return cell->type == FDW_CELL_INT64 ? (int) cell->v.i64 :
		cell->type == FDW_CELL_NULL ? dflt : (int) cell_number(cell);
}

static void
cell_text(const FdwCell *cell, char *buf, size_t size)
{
	if (cell->type == FDW_CELL_TEXT)
		snprintf(buf, size, "%.*s", (int) cell->v.str.len, cell->v.str.ptr);
	else
		buf[0] = '\0';
}

/* A column from INFORMATION_SCHEMA.COLUMNS (see COLUMNS_SELECT). */
static void
catalog_column(const FdwCell *cells, FdwColumnDesc *d)
{
	char		type[64];
	int			charlen = cell_int(&cells[2], 0);
	int			prec = cell_int(&cells[3], 0);
	int			scale = cell_int(&cells[4], 0);
	int			dtprec = cell_int(&cells[5], 0);
	char		nullable[8];

	memset(d, 0, sizeof(*d));
	cell_text(&cells[0], d->name, sizeof(d->name));
	cell_text(&cells[1], type, sizeof(type));
	cell_text(&cells[6], nullable, sizeof(nullable));
	d->nullable = strcasecmp(nullable, "NO") != 0;
	d->default_expr = default_expression(&cells[7]);
	d->is_auto_increment = cell_int(&cells[8], 0) == 1;
	d->is_generated = cell_int(&cells[9], 0) == 1;
	d->precision = prec;
	d->scale = scale;
	d->length = charlen;
	copy_text(d->type_name, sizeof(d->type_name), type);

	if (strcasecmp(type, "bit") == 0)
		d->kind = FDW_TYPE_BOOL;
	else if (strcasecmp(type, "tinyint") == 0)
	{
		d->kind = FDW_TYPE_INT;
		d->length = 1;
		d->is_unsigned = true;
	}
	else if (strcasecmp(type, "smallint") == 0 || strcasecmp(type, "int") == 0 ||
			 strcasecmp(type, "bigint") == 0)
	{
		d->kind = FDW_TYPE_INT;
		d->length = type[0] == 's' || type[0] == 'S' ? 2 :
			type[0] == 'i' || type[0] == 'I' ? 4 : 8;
	}
	else if (strcasecmp(type, "decimal") == 0 || strcasecmp(type, "numeric") == 0)
	{
		d->kind = FDW_TYPE_DECIMAL;
		snprintf(d->type_name, sizeof(d->type_name), "%s(%d,%d)", type, prec, scale);
	}
	else if (strcasecmp(type, "money") == 0 || strcasecmp(type, "smallmoney") == 0)
		d->kind = FDW_TYPE_MONEY;
	else if (strcasecmp(type, "real") == 0)
		d->kind = FDW_TYPE_FLOAT4;
	else if (strcasecmp(type, "float") == 0)
		d->kind = prec > 0 && prec <= 24 ? FDW_TYPE_FLOAT4 : FDW_TYPE_FLOAT8;
	else if (strcasecmp(type, "date") == 0)
		d->kind = FDW_TYPE_DATE;
	else if (strcasecmp(type, "time") == 0)
	{
		d->kind = FDW_TYPE_TIME;
		d->scale = dtprec;
	}
	else if (strcasecmp(type, "datetime") == 0 || strcasecmp(type, "smalldatetime") == 0 ||
			 strcasecmp(type, "datetime2") == 0)
	{
		d->kind = FDW_TYPE_TIMESTAMP;
		d->scale = dtprec;
	}
	else if (strcasecmp(type, "datetimeoffset") == 0)
	{
		d->kind = FDW_TYPE_TIMESTAMPTZ;
		d->scale = dtprec;
	}
	else if (strcasecmp(type, "char") == 0 || strcasecmp(type, "nchar") == 0)
	{
		d->kind = FDW_TYPE_CHAR;
		snprintf(d->type_name, sizeof(d->type_name), "%s(%d)", type, charlen);
	}
	else if (strcasecmp(type, "varchar") == 0 || strcasecmp(type, "nvarchar") == 0)
	{
		d->kind = charlen < 0 ? FDW_TYPE_TEXT : FDW_TYPE_VARCHAR;
		if (charlen < 0)
			snprintf(d->type_name, sizeof(d->type_name), "%s(max)", type);
		else
			snprintf(d->type_name, sizeof(d->type_name), "%s(%d)", type, charlen);
	}
	else if (strcasecmp(type, "text") == 0 || strcasecmp(type, "ntext") == 0 ||
			 strcasecmp(type, "sysname") == 0)
	{
		d->kind = FDW_TYPE_TEXT;
		d->length = -1;
	}
	else if (strcasecmp(type, "binary") == 0 || strcasecmp(type, "varbinary") == 0)
	{
		d->kind = charlen < 0 ? FDW_TYPE_BLOB : FDW_TYPE_BINARY;
		if (charlen < 0)
			snprintf(d->type_name, sizeof(d->type_name), "%s(max)", type);
		else
			snprintf(d->type_name, sizeof(d->type_name), "%s(%d)", type, charlen);
	}
	else if (strcasecmp(type, "image") == 0)
	{
		d->kind = FDW_TYPE_BLOB;
		d->length = -1;
	}
	else if (strcasecmp(type, "timestamp") == 0 || strcasecmp(type, "rowversion") == 0)
	{
		/* a row version, set by the server on every write */
		d->kind = FDW_TYPE_BINARY;
		d->length = 8;
		d->is_generated = true;
	}
	else if (strcasecmp(type, "uniqueidentifier") == 0)
		d->kind = FDW_TYPE_UUID;
	else if (strcasecmp(type, "xml") == 0)
		d->kind = FDW_TYPE_XML;
	else
		d->kind = FDW_TYPE_UNKNOWN;
}

/*
 * The columns of tables of one schema, in order.  COLUMNPROPERTY answers
 * IsIdentity (the server numbers it on INSERT) and IsComputed.
 */
#define COLUMNS_SELECT \
	"SELECT c.COLUMN_NAME, c.DATA_TYPE, c.CHARACTER_MAXIMUM_LENGTH, " \
	"c.NUMERIC_PRECISION, c.NUMERIC_SCALE, c.DATETIME_PRECISION, " \
	"c.IS_NULLABLE, c.COLUMN_DEFAULT, " \
	"COLUMNPROPERTY(OBJECT_ID(QUOTENAME(c.TABLE_SCHEMA) + N'.' + QUOTENAME(c.TABLE_NAME)), " \
	"c.COLUMN_NAME, 'IsIdentity') AS is_identity, " \
	"COLUMNPROPERTY(OBJECT_ID(QUOTENAME(c.TABLE_SCHEMA) + N'.' + QUOTENAME(c.TABLE_NAME)), " \
	"c.COLUMN_NAME, 'IsComputed') AS is_computed, " \
	"c.TABLE_NAME " \
	"FROM INFORMATION_SCHEMA.COLUMNS c WHERE c.TABLE_SCHEMA = "

/* Primary key first, then unique constraints, each in column order. */
#define KEYS_SELECT \
	"SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, k.COLUMN_NAME, " \
	"CASE WHEN tc.CONSTRAINT_TYPE = 'PRIMARY KEY' THEN 0 ELSE 1 END AS kind " \
	"FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc " \
	"JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k " \
	"ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME " \
	"AND k.TABLE_NAME = tc.TABLE_NAME " \
	"WHERE tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE') AND tc.TABLE_SCHEMA = "

typedef struct CatalogTable
{
	FdwTableDesc desc;
	int			cap;
	/* the key chosen so far: 0 primary, 1 unique, 2 none */
	int			key_kind;
	char		key_name[256];
	bool		key_rejected;	/* the unique key has a nullable column */
} CatalogTable;

typedef struct CatalogState
{
	CatalogTable *tables;
	int			ntables;
	int			cap;
	bool		listing;		/* list_tables: rows carry their table */
} CatalogState;

static CatalogTable *
find_table(CatalogState *st, const char *name)
{
	int			i;

	for (i = 0; i < st->ntables; i++)
		if (strcmp(st->tables[i].desc.name, name) == 0)
			return &st->tables[i];
	return NULL;
}

static CatalogTable *
add_table(CatalogState *st, const char *name, bool is_view)
{
	CatalogTable *t;

	if (st->ntables == st->cap)
	{
		int			cap = st->cap ? st->cap * 2 : 16;
		CatalogTable *p = realloc(st->tables, sizeof(CatalogTable) * cap);

		if (p == NULL)
			return NULL;
		st->tables = p;
		st->cap = cap;
	}
	t = &st->tables[st->ntables++];
	memset(t, 0, sizeof(*t));
	copy_text(t->desc.name, sizeof(t->desc.name), name);
	t->desc.is_view = is_view;
	t->key_kind = 2;
	return t;
}

static void
free_catalog(CatalogState *st)
{
	int			i,
				j;

	for (i = 0; i < st->ntables; i++)
	{
		for (j = 0; j < st->tables[i].desc.ncols; j++)
			free(st->tables[i].desc.cols[j].default_expr);
		free(st->tables[i].desc.cols);
	}
	free(st->tables);
}

static bool
table_row(void *arg, const FdwCell *cells, int ncols)
{
	CatalogState *st = (CatalogState *) arg;
	char		name[256];
	char		type[32];

	(void) ncols;
	cell_text(&cells[0], name, sizeof(name));
	cell_text(&cells[1], type, sizeof(type));
	return add_table(st, name, strcasecmp(type, "VIEW") == 0) != NULL;
}

static bool
column_row(void *arg, const FdwCell *cells, int ncols)
{
	CatalogState *st = (CatalogState *) arg;
	CatalogTable *t;
	char		name[256];

	(void) ncols;
	cell_text(&cells[10], name, sizeof(name));
	t = st->listing ? find_table(st, name) : &st->tables[0];
	if (t == NULL)
		return true;			/* a table not asked for */
	if (t->desc.ncols == t->cap)
	{
		int			cap = t->cap ? t->cap * 2 : 16;
		FdwColumnDesc *p = realloc(t->desc.cols, sizeof(FdwColumnDesc) * cap);

		if (p == NULL)
			return false;
		t->desc.cols = p;
		t->cap = cap;
	}
	catalog_column(cells, &t->desc.cols[t->desc.ncols++]);
	return true;
}

/* Rows of KEYS_SELECT: mark the primary key, or the first usable unique key. */
static bool
key_row(void *arg, const FdwCell *cells, int ncols)
{
	CatalogState *st = (CatalogState *) arg;
	CatalogTable *t;
	char		table[256];
	char		constraint[256];
	char		column[256];
	int			kind = cell_int(&cells[3], 1);
	int			i;

	(void) ncols;
	cell_text(&cells[0], table, sizeof(table));
	cell_text(&cells[1], constraint, sizeof(constraint));
	cell_text(&cells[2], column, sizeof(column));
	t = st->listing ? find_table(st, table) : &st->tables[0];
	if (t == NULL)
		return true;
	if (t->key_kind == 2 || (t->key_kind == 1 && t->key_rejected && kind == 1 &&
							 strcmp(t->key_name, constraint) != 0))
	{
		/* take this key; drop a rejected unique key's marks */
		for (i = 0; i < t->desc.ncols; i++)
			t->desc.cols[i].is_key = false;
		t->key_kind = kind;
		t->key_rejected = false;
		copy_text(t->key_name, sizeof(t->key_name), constraint);
	}
	if (strcmp(t->key_name, constraint) != 0)
		return true;
	for (i = 0; i < t->desc.ncols; i++)
	{
		if (strcmp(t->desc.cols[i].name, column) != 0)
			continue;
		t->desc.cols[i].is_key = true;
		if (t->desc.cols[i].nullable)
			t->key_rejected = true;
	}
	return true;
}

/* Clear the marks of a unique key that turned out to have a nullable column. */
static void
settle_keys(CatalogState *st)
{
	int			i,
				j;

	for (i = 0; i < st->ntables; i++)
		if (st->tables[i].key_rejected)
			for (j = 0; j < st->tables[i].desc.ncols; j++)
				st->tables[i].desc.cols[j].is_key = false;
}

static void
add_schema(Str *sql, const char *schema)
{
	if (schema)
		str_add_literal(sql, schema);
	else
		str_add(sql, "SCHEMA_NAME()");
}

static FdwColumnDesc *
tds_describe_table(FdwConn *c, const char *schema, const char *table,
				   int *ncols, FdwError *err)
{
	CatalogState st;
	Str			sql = {0};
	FdwColumnDesc *cols;
	bool		ok;

	memset(&st, 0, sizeof(st));
	if (add_table(&st, table, false) == NULL)
	{
		set_oom(err);
		return NULL;
	}
	str_add(&sql, COLUMNS_SELECT);
	add_schema(&sql, schema);
	str_add(&sql, " AND c.TABLE_NAME = ");
	str_add_literal(&sql, table);
	str_add(&sql, " ORDER BY c.ORDINAL_POSITION");
	ok = !sql.oom && query_rows(c, sql.data, column_row, &st, err);
	sql.len = 0;
	if (ok)
	{
		str_add(&sql, KEYS_SELECT);
		add_schema(&sql, schema);
		str_add(&sql, " AND tc.TABLE_NAME = ");
		str_add_literal(&sql, table);
		str_add(&sql, " ORDER BY kind, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION");
		ok = !sql.oom && query_rows(c, sql.data, key_row, &st, err);
	}
	if (sql.oom)
		set_oom(err);
	free(sql.data);
	if (!ok)
	{
		free_catalog(&st);
		return NULL;
	}
	settle_keys(&st);
	if (st.tables[0].desc.ncols == 0)
	{
		char		text[600];

		snprintf(text, sizeof(text), "remote table \"%s\" has no columns or does not exist", table);
		free_catalog(&st);
		fdw_error_set(err, FDW_ERR_UNDEFINED_TABLE, 0, NULL, text);
		return NULL;
	}
	cols = st.tables[0].desc.cols;
	*ncols = st.tables[0].desc.ncols;
	free(st.tables);
	return cols;
}

static bool
schema_row(void *arg, const FdwCell *cells, int ncols)
{
	(void) ncols;
	*(bool *) arg = cell_int(&cells[0], 0) > 0;
	return true;
}

static FdwTableDesc *
tds_list_tables(FdwConn *c, const char *schema, const char *const *only,
				int nonly, int *ntables, FdwError *err)
{
	CatalogState st;
	Str			sql = {0};
	Str			filter = {0};
	FdwTableDesc *result;
	bool		exists = false;
	bool		ok;
	int			i;

	memset(&st, 0, sizeof(st));
	st.listing = true;

	str_add(&sql, "SELECT COUNT(*) FROM sys.schemas WHERE name = ");
	str_add_literal(&sql, schema);
	ok = !sql.oom && query_rows(c, sql.data, schema_row, &exists, err);
	if (ok && !exists)
	{
		char		text[600];

		snprintf(text, sizeof(text), "schema \"%s\" does not exist", schema);
		fdw_error_set(err, FDW_ERR_UNDEFINED_DATABASE, 0, NULL, text);
		ok = false;
	}

	/* LIMIT TO: only these names (a filter the three queries share) */
	if (only && nonly > 0)
	{
		str_add(&filter, " IN (");
		for (i = 0; i < nonly; i++)
		{
			if (i > 0)
				str_add(&filter, ", ");
			str_add_literal(&filter, only[i]);
		}
		str_add(&filter, ")");
	}

	if (ok)
	{
		sql.len = 0;
		str_add(&sql, "SELECT TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ");
		str_add_literal(&sql, schema);
		if (filter.len)
		{
			str_add(&sql, " AND TABLE_NAME");
			str_add(&sql, filter.data);
		}
		str_add(&sql, " ORDER BY TABLE_NAME");
		ok = !sql.oom && !filter.oom && query_rows(c, sql.data, table_row, &st, err);
	}
	if (ok && st.ntables > 0)
	{
		sql.len = 0;
		str_add(&sql, COLUMNS_SELECT);
		str_add_literal(&sql, schema);
		if (filter.len)
		{
			str_add(&sql, " AND c.TABLE_NAME");
			str_add(&sql, filter.data);
		}
		str_add(&sql, " ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION");
		ok = !sql.oom && query_rows(c, sql.data, column_row, &st, err);
	}
	if (ok && st.ntables > 0)
	{
		sql.len = 0;
		str_add(&sql, KEYS_SELECT);
		str_add_literal(&sql, schema);
		if (filter.len)
		{
			str_add(&sql, " AND tc.TABLE_NAME");
			str_add(&sql, filter.data);
		}
		str_add(&sql, " ORDER BY tc.TABLE_NAME, kind, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION");
		ok = !sql.oom && query_rows(c, sql.data, key_row, &st, err);
	}
	if (sql.oom || filter.oom)
	{
		set_oom(err);
		ok = false;
	}
	free(sql.data);
	free(filter.data);
	if (!ok)
	{
		free_catalog(&st);
		return NULL;
	}
	settle_keys(&st);

	/* never NULL: NULL means failure */
	result = malloc(sizeof(FdwTableDesc) * (st.ntables + 1));
	if (result == NULL)
	{
		free_catalog(&st);
		set_oom(err);
		return NULL;
	}
	for (i = 0; i < st.ntables; i++)
		result[i] = st.tables[i].desc;
	*ntables = st.ntables;
	free(st.tables);
	return result;
}

static bool
identity_row(void *arg, const FdwCell *cells, int ncols)
{
	(void) ncols;
	if (cells[0].type == FDW_CELL_INT64 && cells[0].v.i64 > 0)
		*(uint64_t *) arg = (uint64_t) cells[0].v.i64;
	else if (cells[0].type == FDW_CELL_TEXT)
	{
		double		v = cell_number(&cells[0]);

		*(uint64_t *) arg = v > 0 ? (uint64_t) v : 0;
	}
	return true;
}

/*
 * The identity value of the last INSERT of this session.  SCOPE_IDENTITY()
 * would be NULL here: each batch is a scope of its own.
 */
static bool
tds_last_insert_id(FdwConn *c, uint64_t *id, FdwError *err)
{
	*id = 0;
	return query_rows(c, "SELECT CAST(@@IDENTITY AS bigint)", identity_row, id, err);
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
};
