/*-------------------------------------------------------------------------
 *
 * fdw_driver.h
 *		  The contract between the shared core and a client-library driver.
 *
 * This header is the only thing both sides include.  A driver file
 * (mysql_driver.c, odbc_driver.c, tds_driver.c) talks to its client library
 * and never includes PostgreSQL's headers; the core talks to PostgreSQL and
 * never sees a client library's types.  Keeping the two apart is what lets
 * the core be written once: every type crossing this line is plain C.
 *
 * Rules for drivers:
 *	- Never longjmp, never call into PostgreSQL: report failure by returning
 *	  false/NULL and filling the FdwError passed in.  The core raises it.
 *	- Allocate with malloc/free; everything a driver returns stays valid
 *	  until the next call on the same object unless said otherwise.
 *	- Stream: a cursor never holds more than one fetch batch in memory.
 *	- When blocked on the network, call host->wait_socket() if the library
 *	  allows it, so query cancel and statement_timeout reach the remote.
 *	- Bound every cancel: when wait_socket reports an interrupt, cancel the
 *	  remote statement, but wait at most FDW_CANCEL_GRACE_MS for the server
 *	  to acknowledge it (a hung server never will).  Past that, give up on
 *	  the connection: shut its socket down so the library call ends, and
 *	  report FDW_ERR_CONNECTION.  The core then marks the connection broken
 *	  (the remote transaction is lost, so the local one must fail; the next
 *	  one reconnects) and raises the pending interrupt itself: 57014 for a
 *	  cancel or statement_timeout, FATAL for a termination.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_DRIVER_H
#define FDW_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Classes of remote failure; the core maps each to one SQLSTATE. */
typedef enum FdwErrorKind
{
	FDW_ERR_NONE = 0,
	FDW_ERR_CONNECTION,			/* cannot connect or connection lost */
	FDW_ERR_AUTH,				/* bad credentials */
	FDW_ERR_UNDEFINED_DATABASE, /* remote database/schema missing */
	FDW_ERR_UNDEFINED_TABLE,	/* remote table missing */
	FDW_ERR_UNDEFINED_COLUMN,	/* remote column missing */
	FDW_ERR_SYNTAX,				/* remote rejected our SQL */
	FDW_ERR_UNIQUE_VIOLATION,
	FDW_ERR_NOT_NULL_VIOLATION,
	FDW_ERR_FK_VIOLATION,
	FDW_ERR_CHECK_VIOLATION,
	FDW_ERR_DATA,				/* value out of range, bad value, overflow */
	FDW_ERR_DIVISION_BY_ZERO,
	FDW_ERR_DEADLOCK,
	FDW_ERR_SERIALIZATION,
	FDW_ERR_LOCK_TIMEOUT,
	FDW_ERR_CANCELED,			/* statement cancelled on our request */
	FDW_ERR_TIMEOUT,			/* connect/read timeout */
	FDW_ERR_INSUFFICIENT_PRIVILEGE,
	FDW_ERR_FEATURE,			/* remote does not support what we asked */
	FDW_ERR_OUT_OF_MEMORY,
	FDW_ERR_OTHER
} FdwErrorKind;

/* A remote error as the driver saw it. */
typedef struct FdwError
{
	FdwErrorKind kind;
	int			remote_code;	/* native error number, 0 if none */
	char		sqlstate[6];	/* remote SQLSTATE if the source has one */
	char		message[1024];	/* remote message text */
	char		context[256];	/* what the driver was doing */
	int			severity;		/* remote severity (SQL Server class), 0 if none */
} FdwError;

/* A key/value option as given in CREATE SERVER / USER MAPPING / TABLE. */
typedef struct FdwOption
{
	const char *name;
	const char *value;
} FdwOption;

/* Normalized kinds of remote column types. */
typedef enum FdwTypeKind
{
	FDW_TYPE_UNKNOWN = 0,
	FDW_TYPE_BOOL,
	FDW_TYPE_INT,				/* any integer; length = bytes (1,2,3,4,8) */
	FDW_TYPE_DECIMAL,			/* exact numeric; precision, scale */
	FDW_TYPE_FLOAT4,
	FDW_TYPE_FLOAT8,
	FDW_TYPE_MONEY,
	FDW_TYPE_CHAR,				/* fixed-length character; length in chars */
	FDW_TYPE_VARCHAR,			/* variable character with a limit */
	FDW_TYPE_TEXT,				/* unlimited character */
	FDW_TYPE_BINARY,			/* fixed or variable binary */
	FDW_TYPE_BLOB,				/* unlimited binary */
	FDW_TYPE_DATE,
	FDW_TYPE_TIME,
	FDW_TYPE_TIMESTAMP,			/* without time zone */
	FDW_TYPE_TIMESTAMPTZ,		/* an instant (MySQL TIMESTAMP, datetimeoffset) */
	FDW_TYPE_YEAR,
	FDW_TYPE_BIT,				/* bit string; length = bits */
	FDW_TYPE_ENUM,
	FDW_TYPE_SET,
	FDW_TYPE_JSON,
	FDW_TYPE_UUID,
	FDW_TYPE_XML,
	FDW_TYPE_INTERVAL
} FdwTypeKind;

/* One remote column, as describe/list_columns reports it. */
typedef struct FdwColumnDesc
{
	char		name[256];
	char		type_name[64];	/* remote spelling, e.g. "bigint unsigned" */
	FdwTypeKind kind;
	int			length;			/* chars, bytes or bits; -1 unlimited */
	int			precision;
	int			scale;			/* also fractional-second digits */
	bool		is_unsigned;
	bool		nullable;
	bool		is_key;			/* part of the primary/unique key */
	char	   *default_expr;	/* malloc'd remote default or NULL */
	char	   *enum_values;	/* malloc'd "'a','b'" list or NULL */
	/* filled by describe_table and list_tables (not by open_cursor): */
	bool		is_generated;	/* computed by the remote: never written */
	bool		is_auto_increment;	/* the remote generates it on INSERT */
} FdwColumnDesc;

/*
 * One remote table or view, as list_tables reports it.  For describe_table
 * and list_tables, is_key marks the row identity writes use: the primary
 * key, or if there is none the first unique key over NOT NULL columns.
 * default_expr is an SQL expression with string literals in standard
 * quoting ('it''s'), NULL when the column has no default (or NULL).
 */
typedef struct FdwTableDesc
{
	char		name[256];
	bool		is_view;
	int			ncols;
	FdwColumnDesc *cols;		/* malloc'd */
} FdwTableDesc;

/* What a fetched cell holds. */
typedef enum FdwCellType
{
	FDW_CELL_NULL = 0,
	FDW_CELL_INT64,				/* v.i64 */
	FDW_CELL_UINT64,			/* v.u64 (unsigned bigint, bit strings) */
	FDW_CELL_DOUBLE,			/* v.f64 */
	FDW_CELL_TEXT,				/* v.str: characters in UTF-8, not NUL-terminated */
	FDW_CELL_BINARY,			/* v.str: raw bytes */
	FDW_CELL_DATETIME			/* v.dt */
} FdwCellType;

typedef struct FdwDateTime
{
	int			year;			/* 0 with month 0 and day 0: MySQL zero date */
	int			month;
	int			day;
	int			hour;
	int			minute;
	int			second;
	int			usec;
	int			tz_minutes;		/* offset east of UTC when has_tz */
	bool		has_date;
	bool		has_time;
	bool		has_tz;
	bool		negative;		/* time values below zero (MySQL TIME) */
	/* the remote's own text shows frac_digits (0-6) fractional digits */
	bool		frac_known;
	int			frac_digits;
} FdwDateTime;

typedef struct FdwCell
{
	FdwCellType type;
	union
	{
		int64_t		i64;
		uint64_t	u64;
		double		f64;
		struct
		{
			const char *ptr;
			size_t		len;
		}			str;
		FdwDateTime dt;
	}			v;
	bool		nul_terminated; /* TEXT: ptr[len] is '\0' (saves a copy) */
} FdwCell;

/* A parameter value sent with a statement; same representation as cells. */
typedef FdwCell FdwParam;

/* Services the core offers a driver while it waits on the network. */
typedef struct FdwHost
{
	/*
	 * Wait until fd is readable (or writable) or timeout_ms passes (-1:
	 * forever).  Returns 1 when ready, 0 on timeout, -1 when the backend has
	 * a pending cancel/termination: the driver should then cancel the remote
	 * statement and return FDW_ERR_CANCELED.
	 */
	int			(*wait_socket) (int fd, bool for_read, bool for_write,
								long timeout_ms);

	/*
	 * Pass an informational remote message (e.g. a SQL Server PRINT or
	 * "Changed database context") to the client as a NOTICE.  Call it only
	 * after the client library call that collected the message returned,
	 * never from inside a library callback.
	 */
	void		(*notice) (int code, int severity, const char *message);

	/*
	 * Milliseconds until statement_timeout ends the running statement (0:
	 * due now), -1 when no statement_timeout is running.  For libraries
	 * that cannot be interrupted and take a timeout instead (ODBC's
	 * SQL_ATTR_QUERY_TIMEOUT).
	 */
	long		(*statement_ms_left) (void);

	/*
	 * Have the backend receive a signal in timeout_ms (0: never mind), and
	 * so end a poll() or select() that a client library is blocked in with
	 * EINTR: for a library that waits on its own and checks a callback only
	 * when its wait ends (db-lib), to keep the bound of a cancel.  The signal
	 * does nothing else; a library call that restarts on EINTR is not
	 * helped.
	 */
	void		(*wake_after) (long timeout_ms);
} FdwHost;

/*
 * How long a driver waits for the server to acknowledge a cancel before it
 * gives up on the connection (see the rules above).  A healthy server
 * answers in milliseconds; the bound is what a hung one costs.
 */
#define FDW_CANCEL_GRACE_MS 500

typedef struct FdwConn FdwConn;		/* opaque, owned by the driver */
typedef struct FdwCursor FdwCursor; /* opaque, owned by the driver */
typedef struct FdwDialect FdwDialect;	/* see fdw_dialect.h */

/* Remote transaction isolation requested by the core. */
typedef enum FdwIsolation
{
	FDW_ISO_READ_COMMITTED,
	FDW_ISO_REPEATABLE_READ,
	FDW_ISO_SERIALIZABLE
} FdwIsolation;

/*
 * The driver: a const table of functions.  Optional entries may be NULL;
 * the core then does without (no remote estimates, no cancel, ...).
 */
typedef struct FdwDriver
{
	const char *name;			/* "mysql", "odbc", "tds" */

	/*
	 * options: merged server, then user mapping.  The core adds
	 * password_required = "true" when a role that is not a superuser
	 * connects (and its mapping, which then gives a password, does not turn
	 * the check off): the driver must then refuse, before sending anything,
	 * every way of logging in that would not use that password (a Unix
	 * socket where the server trusts the backend's OS user, Kerberos or
	 * integrated logins), with FDW_ERR_AUTH.  It also adds default_schema,
	 * the remote schema of the table whose use opened the connection (when
	 * known), which a driver may make the session's default.
	 */
	FdwConn    *(*connect) (const FdwOption *opts, int nopts,
							const FdwHost *host, FdwError *err);
	void		(*disconnect) (FdwConn *conn);

	/*
	 * Whether the server still holds this connection.  The core calls it on
	 * a connection opened in an earlier local transaction, at its first use
	 * in a new one: always outside a remote transaction, before anything of
	 * the new transaction is sent, no cursor open.  On false the core closes
	 * the connection and opens a new one.
	 *
	 * It must actually detect a connection the server closed while it sat
	 * idle (KILL, server restart, idle timeout): a flag the client library
	 * sets only after a failed call (dbdead, SQL_ATTR_CONNECTION_DEAD of most
	 * drivers) does not see that.  It runs once per transaction, so it must
	 * be cheap: where the library exposes the socket, a zero-timeout poll()
	 * (an idle connection has nothing to read, so readable or hang-up means
	 * the server closed it), no round trip.  A driver that can only ask the
	 * server may send a probe statement, but only after the connection sat
	 * idle for a while, and must document the window that leaves.  Never
	 * fails: true when it cannot tell.  NULL: connections are never checked
	 * (a dead one is then found by begin, or by the first statement).
	 */
	bool		(*is_alive) (FdwConn *conn);

	/* The SQL dialect of this connection (may depend on the server). */
	const FdwDialect *(*dialect) (FdwConn *conn);

	/* Transactions; NULL where the source has none. */
	bool		(*begin) (FdwConn *conn, FdwIsolation iso, bool read_only,
						  FdwError *err);
	bool		(*commit) (FdwConn *conn, FdwError *err);
	bool		(*rollback) (FdwConn *conn, FdwError *err);
	bool		(*savepoint) (FdwConn *conn, int level, FdwError *err);
	bool		(*release) (FdwConn *conn, int level, FdwError *err);
	bool		(*rollback_to) (FdwConn *conn, int level, FdwError *err);

	/*
	 * Two-phase commit, for a source whose dialect spells it (the xa_*
	 * statements of fdw_dialect.h).  The core begins such a transaction with
	 * begin and then runs the dialect's statements through execute and
	 * open_cursor to start, prepare, commit or roll it back; when it ended
	 * the transaction that way it calls xact_ended instead of commit or
	 * rollback: the driver forgets the transaction and sends nothing.  The
	 * driver must therefore leave the transaction to the session (no
	 * client-side transaction state that a COMMIT of its own would settle).
	 * NULL: no two-phase commit through this driver.
	 */
	void		(*xact_ended) (FdwConn *conn);

	/*
	 * open_cursor flags.  FDW_CURSOR_BULK: the planner expects many rows
	 * (bulk_rows or more); a driver may spend a round trip or two more on
	 * the statement for rows that cost less each.
	 */
#define FDW_CURSOR_BULK 0x01

	/*
	 * Run a query and describe its result columns (*ncols, *cols point into
	 * cursor-owned memory).  Only one cursor may be open per connection; the
	 * core drains or closes an open one before it opens another.
	 */
	FdwCursor  *(*open_cursor) (FdwConn *conn, const char *sql,
								const FdwParam *params, int nparams,
								int fetch_size, int flags,
								const FdwColumnDesc **cols, int *ncols,
								FdwError *err);

	/*
	 * Fetch the next row (the values of poll's FDW_POLL_ROW, _END, _ERROR):
	 * 1 = a row in cells[0..ncols-1] (valid until the next
	 * fetch), 0 = end of result, -1 = error.
	 */
	int			(*fetch) (FdwCursor *cur, FdwCell *cells, FdwError *err);
	void		(*close_cursor) (FdwCursor *cur);

	/*
	 * Asynchronous cursors, for the scans of an async Append, which run on
	 * several connections at once (optional: all three entries or none).
	 *
	 * start_cursor runs a query like open_cursor but returns as soon as it
	 * is sent, without waiting for the server.  poll then advances it
	 * without ever waiting: FDW_POLL_ROW (a row in cells, as fetch's 1),
	 * FDW_POLL_END, FDW_POLL_ERROR, or FDW_POLL_WAIT: nothing more can be
	 * read now; the core waits until *fd is readable and polls again.  Once
	 * poll returned anything but FDW_POLL_WAIT, cursor_columns describes the
	 * result.  fetch on such a cursor waits for what poll would not, as if
	 * open_cursor had opened it (another statement needs the connection and
	 * reads the rest of the result first).  close_cursor on a cursor whose
	 * statement has not produced its result yet (the scan ended early: a
	 * LIMIT was reached, or the query failed elsewhere) should cancel the
	 * statement rather than wait for it, within the bound of a cancel.
	 */
#define FDW_POLL_ERROR (-1)
#define FDW_POLL_END 0
#define FDW_POLL_ROW 1
#define FDW_POLL_WAIT 2
	FdwCursor  *(*start_cursor) (FdwConn *conn, const char *sql,
								 int fetch_size, int flags, FdwError *err);
	int			(*poll) (FdwCursor *cur, FdwCell *cells, int *fd,
						 FdwError *err);
	const FdwColumnDesc *(*cursor_columns) (FdwCursor *cur, int *ncols);

	/*
	 * Send a statement that returns no rows without waiting for its reply
	 * (optional): the driver reads the reply after it sent the connection's
	 * next statement, so that both cost one round trip, and reports a
	 * failure of the deferred statement as the next statement's.  The core
	 * defers only statements that another one follows at once (XA START
	 * before the transaction's first statement, XA END before XA PREPARE).
	 */
	bool		(*send_deferred) (FdwConn *conn, const char *sql, FdwError *err);

	/* Run a statement that returns no rows; *affected gets the row count. */
	bool		(*execute) (FdwConn *conn, const char *sql,
							const FdwParam *params, int nparams,
							int64_t *affected, FdwError *err);

	/* Interrupt the statement running on conn (from the same thread). */
	bool		(*cancel) (FdwConn *conn, FdwError *err);

	/*
	 * Describe a remote table's columns: returns malloc'd array, *ncols set.
	 * schema may be NULL (the connection's default).
	 */
	FdwColumnDesc *(*describe_table) (FdwConn *conn, const char *schema,
									  const char *table, int *ncols,
									  FdwError *err);

	/* Row estimate for a query (NULL when the source cannot say). */
	bool		(*estimate) (FdwConn *conn, const char *sql, double *rows,
							 int *width, FdwError *err);

	/*
	 * Tables and views of a remote schema with their columns, for IMPORT
	 * FOREIGN SCHEMA: a malloc'd array (never NULL for an empty schema),
	 * *ntables set; NULL on error.  With only != NULL, just the nonly tables
	 * named there.  A schema that does not exist is
	 * FDW_ERR_UNDEFINED_DATABASE.
	 */
	FdwTableDesc *(*list_tables) (FdwConn *conn, const char *schema,
								  const char *const *only, int nonly,
								  int *ntables, FdwError *err);

	/*
	 * The value the remote generated for an auto-increment column in the
	 * last INSERT on conn (0 when it generated none).
	 */
	bool		(*last_insert_id) (FdwConn *conn, uint64_t *id, FdwError *err);
} FdwDriver;

/* Helpers for drivers (driver_util.c). */
extern const char *fdw_option_get(const FdwOption *opts, int n, const char *name);
extern bool fdw_option_true(const char *value);
extern bool fdw_idle_socket_closed(int fd);
extern bool fdw_socket_readable(int fd);
extern void fdw_error_set(FdwError *err, FdwErrorKind kind, int code,
						  const char *sqlstate, const char *message);
extern void fdw_free_columns(FdwColumnDesc *cols, int ncols);

#endif							/* FDW_DRIVER_H */
