/*-------------------------------------------------------------------------
 *
 * tds_internal.h
 *		  What the files of the tds_fdw driver share: the connection and
 *		  cursor structs, and the functions they call in each other.
 *
 * tds_driver.c    connections, transactions, batches, cursors, cancel
 * tds_values.c    result columns and values (db-lib types to cells)
 * tds_catalog.c   catalog queries: describe, IMPORT, estimates, identity
 *
 * Plain C next to FreeTDS's headers, like the files that include it: no
 * PostgreSQL header may appear here (see common/fdw_driver.h).
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef TDS_INTERNAL_H
#define TDS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <sybfront.h>
#include <sybdb.h>

#include "tds_fdw.h"

#define MAX_NOTICES 100
#define SCRATCH_LEN 64			/* a formatted money, decimal or GUID */

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

/* An informational server message, kept until the db-lib call returns */
typedef struct TdsNotice
{
	int			code;
	int			severity;
	char	   *text;
} TdsNotice;

/* One connection: a DBPROCESS and what the driver knows about it. */
struct FdwConn
{
	DBPROCESS  *dbproc;
	const FdwHost *host;
	int			tds;			/* dbtds(): protocol version */
	bool		notices;		/* msg_handler 'notice' */
	bool		showplan;		/* row_estimate_method 'showplan_all' */
	int			query_timeout;	/* seconds, 0: none */

	/*
	 * A transaction's start, not sent yet: it goes in front of the
	 * transaction's first batch, so beginning costs no round trip of its
	 * own (and a transaction that sends nothing, none at all).
	 */
	char		begin_sql[96];

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
	struct timespec cancel_deadline;	/* give up on the server then */
	double		login_deadline; /* monotonic seconds: login_timeout ends */
	struct timespec deadline;	/* query_timeout of the running batch */
	bool		has_deadline;

	FdwCursor  *cur;
};

/* The result being read on a connection (one at a time). */
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
	bool		reply_pending;	/* started: the batch's reply not read yet */
};

/* tds_driver.c */
extern void tds_set_oom(FdwError *err);
extern void tds_copy_text(char *dst, size_t size, const char *src);
extern bool tds_send_batch(FdwConn *c, const char *sql, FdwError *err);
extern bool tds_exec_batch(FdwConn *c, const char *sql, int64_t *count,
						   FdwError *err);
extern void tds_take_error(FdwConn *c, FdwError *err, const char *what);
extern void tds_discard_pending(FdwConn *c);
extern void tds_flush_notices(FdwConn *c);
extern FdwCursor *tds_open_cursor(FdwConn *c, const char *sql,
								  const FdwParam *params, int nparams,
								  int fetch_size, int flags,
								  const FdwColumnDesc **cols,
								  int *ncols, FdwError *err);
extern int	tds_fetch(FdwCursor *cur, FdwCell *cells, FdwError *err);
extern void tds_close_cursor(FdwCursor *cur);

/* tds_values.c */
extern void tds_describe_column(DBPROCESS *dbproc, int col, int type,
								FdwColumnDesc *d);
extern bool tds_read_cell(FdwCursor *cur, int col, FdwCell *cell,
						  FdwError *err);

/* tds_catalog.c */
extern bool tds_estimate(FdwConn *c, const char *sql, double *rows,
						 int *width, FdwError *err);
extern FdwColumnDesc *tds_describe_table(FdwConn *c, const char *schema,
										 const char *table, int *ncols,
										 FdwError *err);
extern FdwTableDesc *tds_list_tables(FdwConn *c, const char *schema,
									 const char *const *only, int nonly,
									 int *ntables, FdwError *err);
extern bool tds_last_insert_id(FdwConn *c, uint64_t *id, FdwError *err);

#endif							/* TDS_INTERNAL_H */
