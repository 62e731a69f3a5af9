/*-------------------------------------------------------------------------
 *
 * mysql_internal.h
 *		  What mysql_driver.c (connections, text-protocol results, catalog)
 *		  and mysql_bulk.c (binary-protocol results) share: the connection
 *		  and cursor structs and the helpers that wait on the network.
 *
 * Plain C next to Connector/C, like mysql_driver.c; the symbols stay inside
 * mysql_fdw.so (-fvisibility=hidden).
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MYSQL_INTERNAL_H
#define MYSQL_INTERNAL_H

#include <mysql.h>

#include "mysql_fdw.h"

#define BINARY_CHARSET 63

/*
 * How much TLS a connection demands: option ssl_mode, libpq's sslmode
 * (mysql_driver.c, myd_set_tls).  Ordered: each demands what the one
 * before it does, and more.
 */
typedef enum MydSslMode
{
	MYD_SSL_DISABLE,			/* never TLS */
	MYD_SSL_PREFER,				/* TLS if the server offers it */
	MYD_SSL_REQUIRE,			/* TLS or no connection */
	MYD_SSL_VERIFY_CA,			/* and a certificate from ssl_ca/ssl_capath */
	MYD_SSL_VERIFY_FULL			/* and one that names the host */
} MydSslMode;

struct FdwConn
{
	MYSQL	   *mysql;
	const FdwHost *host;
	long		read_timeout_ms;	/* -1: none */
	int			connect_timeout;
	bool		no_backslash;
	bool		cancel_sent;
	bool		timed_out;
	bool		connecting;		/* no query to kill yet: just give up */
	bool		abandoned;		/* socket shut down after an unanswered cancel */
	int64_t		cancel_deadline;	/* monotonic ms: give up on the server then */
	/* what a second connection needs to send KILL QUERY */
	char	   *host_name;
	char	   *user;
	char	   *password;
	char	   *socket_path;
	unsigned int port;
	/* TLS settings, for the KILL QUERY connection too (myd_set_tls) */
	MydSslMode	ssl_mode;		/* in effect, also without option ssl_mode */
	bool		ssl_mode_set;	/* option ssl_mode was given */
	char	   *ssl_key;
	char	   *ssl_cert;
	char	   *ssl_ca;
	char	   *ssl_capath;
	char	   *ssl_cipher;
	FdwCursor  *cur;
	/* the session runs with autocommit off: see "Transactions" in mysql_driver.c */
	bool		autocommit;		/* the session's autocommit */
	int			iso_current;	/* FdwIsolation of the session; -1 unknown */
	bool		in_xact;		/* between the core's begin and its end */
	bool		xact_sent;		/* a statement of that transaction went out */
	bool		xact_wrote;		/* this transaction changed remote data */
	bool		commit_unread;	/* a COMMIT's reply is still due */
	int			deferred;		/* replies due of statements sent by
								 * send_deferred (read after the next one
								 * is sent) */
};

/* one column of a binary-protocol result (mysql_bulk.c) */
typedef struct MyBulkColumn MyBulkColumn;

struct FdwCursor
{
	FdwConn    *conn;
	MYSQL_RES  *res;			/* text protocol: the result; binary: metadata */
	MYSQL_STMT *stmt;			/* binary protocol (mysql_bulk.c), else NULL */
	MYSQL_BIND *binds;			/* binary protocol: one per column */
	MyBulkColumn *bcols;
	int			ncols;
	FdwColumnDesc *cols;
	bool	   *binary;			/* column of binary strings */
	bool	   *bit;			/* BIT column: big-endian integer bytes */
	bool		done;

	/*
	 * The non-blocking call this cursor is suspended in (mysql_async.c):
	 * op says which, wait what it waits for (0: none), ret and row receive
	 * its result when it finishes.
	 */
	int			op;				/* MYD_OP_* */
	int			wait;
	int			ret;
	my_bool		rret;			/* MYD_OP_READ's result */
	int64_t		waiting_since;	/* poll: when the wait began (read_timeout) */
	MYSQL_ROW	row;
};

/* what a cursor's suspended call is doing */
#define MYD_OP_NONE 0
#define MYD_OP_QUERY 1			/* text protocol: the query, up to its columns */
#define MYD_OP_EXECUTE 2		/* binary protocol: the execution */
#define MYD_OP_FETCH 3			/* the next row */
#define MYD_OP_READ 4			/* text protocol: the reply of a query sent
								 * behind replies still due */

/* mysql_driver.c */
extern int	myd_wait_for(FdwConn *c, int status);
extern void myd_set_error(FdwConn *c, unsigned int code, const char *sqlstate,
						  const char *message, FdwError *err);
extern void myd_set_mysql_error(FdwConn *c, MYSQL *m, FdwError *err);
extern void myd_finish_commit(FdwConn *c);
extern bool myd_read_pending(FdwConn *c, FdwError *err);
extern bool myd_send_only(FdwConn *c, const char *sql, FdwError *err);
extern bool myd_session_ready(FdwConn *c, FdwError *err);
extern bool myd_run_query(FdwConn *c, const char *sql, FdwError *err);
extern void myd_discard_results(FdwConn *c);
extern void myd_describe_field(const MYSQL_FIELD *f, FdwColumnDesc *d);
extern void myd_describe_column(FdwCursor *cur, int i, const MYSQL_FIELD *f);

extern bool myd_text_result(FdwCursor *cur, FdwError *err);
extern int	myd_text_row(FdwCursor *cur, FdwCell *cells, FdwError *err);
extern void myd_cancel_now(FdwConn *c);
extern int64_t myd_now_ms(void);
extern void my_close_cursor(FdwCursor *cur);

/* mysql_bulk.c */
extern FdwCursor *myd_open_bulk_cursor(FdwConn *c, const char *sql, FdwError *err,
									   bool *fall_back, bool async);
extern int	myd_bulk_row(FdwCursor *cur, int ret, FdwCell *cells, FdwError *err);
extern void myd_bulk_error(FdwCursor *cur, FdwError *err);
extern void myd_bulk_close(FdwCursor *cur);

/* mysql_async.c */
extern int	myd_cursor_step(FdwCursor *cur, FdwCell *cells, FdwError *err,
							int *wait_fd);
extern void myd_cursor_settle(FdwCursor *cur);
extern FdwCursor *my_start_cursor(FdwConn *c, const char *sql, int fetch_size,
								  int flags, FdwError *err);
extern int	my_poll(FdwCursor *cur, FdwCell *cells, int *fd, FdwError *err);
extern const FdwColumnDesc *my_cursor_columns(FdwCursor *cur, int *ncols);

#endif							/* MYSQL_INTERNAL_H */
