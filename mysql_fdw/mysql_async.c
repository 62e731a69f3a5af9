/*-------------------------------------------------------------------------
 *
 * mysql_async.c
 *		  Cursors that advance without waiting (the start_cursor, poll and
 *		  cursor_columns entries of the driver), and the one loop that reads
 *		  every row, waiting or not.
 *
 * Connector/C's non-blocking API suspends a call when it would wait on
 * the socket and returns what it waits for; the call is resumed with
 * mysql_..._cont once the socket is ready.  A cursor remembers the call it
 * is suspended in (cur->op, cur->wait), so that a scan of an async Append
 * can send its query, return to the executor while the server works, and
 * pick up where it left off when the executor sees the socket readable:
 * the shards of a partitioned table then work at the same time.  The
 * binary protocol of large scans (mysql_bulk.c) runs the same way; its
 * prepare, one round trip without rows, is still waited for.
 *
 * The synchronous fetch is the same loop with waiting allowed, so a cursor
 * started here can be read to its end by fetch (when another statement
 * needs the connection) and one opened by open_cursor reads through the
 * same code.
 *
 * Plain C next to Connector/C, like mysql_driver.c.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include <stdlib.h>
#include <string.h>

#include <mysql.h>

#include "mysql_internal.h"

/* Resume the suspended call with the events that are ready. */
static int
resume(FdwCursor *cur, int ready)
{
	FdwConn    *c = cur->conn;

	switch (cur->op)
	{
		case MYD_OP_QUERY:
			return mysql_real_query_cont(&cur->ret, c->mysql, ready);
		case MYD_OP_READ:
			return mysql_read_query_result_cont(&cur->rret, c->mysql, ready);
		case MYD_OP_EXECUTE:
			return mysql_stmt_execute_cont(&cur->ret, cur->stmt, ready);
		case MYD_OP_FETCH:
			if (cur->stmt)
				return mysql_stmt_fetch_cont(&cur->ret, cur->stmt, ready);
			return mysql_fetch_row_cont(&cur->row, cur->res, ready);
	}
	return 0;
}

/*
 * Carry the suspended call on.  With wait_fd NULL, wait for it to finish
 * (myd_wait_for: cancel and timeouts as everywhere); else only as far as
 * the socket allows now: false, and *wait_fd the socket, when it must wait.
 * A wait for writing (a long query text the socket could not take at once)
 * is always waited for: the executor waits for readable sockets only.
 */
static bool
advance(FdwCursor *cur, int *wait_fd)
{
	FdwConn    *c = cur->conn;

	while (cur->wait)
	{
		if (wait_fd == NULL || (cur->wait & MYSQL_WAIT_WRITE))
			cur->wait = resume(cur, myd_wait_for(c, cur->wait));
		else if (fdw_socket_readable(mysql_get_socket(c->mysql)))
		{
			cur->waiting_since = 0;
			cur->wait = resume(cur, MYSQL_WAIT_READ);
		}
		else if (c->read_timeout_ms > 0 && cur->waiting_since > 0 &&
				 myd_now_ms() - cur->waiting_since >= c->read_timeout_ms)
		{
			/*
			 * read_timeout, as myd_wait_for keeps it for a waiting call:
			 * KILL QUERY, then the cancel's bound (the executor's wait lets
			 * us look every 100 ms, scan_async.c).
			 */
			c->timed_out = true;
			myd_cancel_now(c);
			cur->wait = resume(cur, myd_wait_for(c, cur->wait));
		}
		else
		{
			if (cur->waiting_since == 0)
				cur->waiting_since = myd_now_ms();
			*wait_fd = mysql_get_socket(c->mysql);
			return false;
		}
	}
	return true;
}

/*
 * The next row into cells: FDW_POLL_ROW, FDW_POLL_END, FDW_POLL_ERROR, or
 * (only with wait_fd given) FDW_POLL_WAIT with *wait_fd the socket.
 */
int
myd_cursor_step(FdwCursor *cur, FdwCell *cells, FdwError *err, int *wait_fd)
{
	for (;;)
	{
		int			op;

		if (cur->op == MYD_OP_NONE)
		{
			if (cur->done)
				return FDW_POLL_END;
			cur->op = MYD_OP_FETCH;
			if (cur->stmt)
				cur->wait = mysql_stmt_fetch_start(&cur->ret, cur->stmt);
			else
				cur->wait = mysql_fetch_row_start(&cur->row, cur->res);
		}
		if (!advance(cur, wait_fd))
			return FDW_POLL_WAIT;

		op = cur->op;
		cur->op = MYD_OP_NONE;
		switch (op)
		{
			case MYD_OP_QUERY:
			case MYD_OP_READ:
				if (op == MYD_OP_QUERY ? cur->ret != 0 : cur->rret != 0)
				{
					cur->done = true;
					myd_set_mysql_error(cur->conn, cur->conn->mysql, err);
					return FDW_POLL_ERROR;
				}
				if (!myd_text_result(cur, err))
					return FDW_POLL_ERROR;
				break;
			case MYD_OP_EXECUTE:
				if (cur->ret != 0)
				{
					cur->done = true;
					myd_bulk_error(cur, err);
					return FDW_POLL_ERROR;
				}
				break;
			default:
				return cur->stmt ? myd_bulk_row(cur, cur->ret, cells, err) :
					myd_text_row(cur, cells, err);
		}
	}
}

/*
 * Before a cursor is closed: end the call it is suspended in.  A statement
 * that has not produced its result yet is cancelled (KILL QUERY, bounded
 * like any cancel) instead of waited for: the scan ended without it (a
 * LIMIT reached, an error elsewhere).  A row being read is read.
 */
void
myd_cursor_settle(FdwCursor *cur)
{
	int			op = cur->op;

	if (op == MYD_OP_NONE)
		return;
	/* (a call can also have finished without a poll having seen it) */
	if (cur->wait != 0)
	{
		if (op != MYD_OP_FETCH)
			myd_cancel_now(cur->conn);
		(void) advance(cur, NULL);
	}
	cur->op = MYD_OP_NONE;
	cur->done = true;
	/* a query that won the race with the cancel: its result must be read */
	if ((op == MYD_OP_QUERY && cur->ret == 0) || (op == MYD_OP_READ && cur->rret == 0))
	{
		FdwError	err;

		(void) myd_text_result(cur, &err);
	}
}

/* Send a SELECT and return without waiting for the server. */
FdwCursor *
my_start_cursor(FdwConn *c, const char *sql, int fetch_size, int flags,
				FdwError *err)
{
	FdwCursor  *cur;

	(void) fetch_size;
	if (c->cur)
		my_close_cursor(c->cur);
	if (flags & FDW_CURSOR_BULK)
	{
		bool		fall_back = false;

		cur = myd_open_bulk_cursor(c, sql, err, &fall_back, true);
		if (cur != NULL)
			c->cur = cur;
		if (cur != NULL || !fall_back)
			return cur;
	}
	if (!myd_session_ready(c, err))
		return NULL;
	cur = calloc(1, sizeof(FdwCursor));
	if (cur == NULL)
	{
		fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL, "out of memory");
		return NULL;
	}
	cur->conn = c;
	c->cancel_sent = false;
	c->timed_out = false;
	if (c->commit_unread || c->deferred > 0)
	{
		/*
		 * Replies still due (a read-only COMMIT's, XA START's): the query
		 * goes out first and they are read while it runs (as run_one does).
		 */
		if (!myd_send_only(c, sql, err))
		{
			free(cur);
			return NULL;
		}
		c->cur = cur;
		if (!myd_read_pending(c, err))
		{
			FdwError	ignored;

			/* the query's own reply and rows still have to be read */
			cur->op = MYD_OP_READ;
			cur->wait = mysql_read_query_result_start(&cur->rret, c->mysql);
			(void) advance(cur, NULL);
			cur->op = MYD_OP_NONE;
			if (cur->rret == 0)
				(void) myd_text_result(cur, &ignored);
			my_close_cursor(cur);
			return NULL;
		}
		cur->op = MYD_OP_READ;
		cur->wait = mysql_read_query_result_start(&cur->rret, c->mysql);
		return cur;
	}
	cur->op = MYD_OP_QUERY;
	cur->wait = mysql_real_query_start(&cur->ret, c->mysql, sql, strlen(sql));
	c->cur = cur;
	return cur;
}

int
my_poll(FdwCursor *cur, FdwCell *cells, int *fd, FdwError *err)
{
	return myd_cursor_step(cur, cells, err, fd);
}

/* The result's columns (asked once poll returned anything but a wait). */
const FdwColumnDesc *
my_cursor_columns(FdwCursor *cur, int *ncols)
{
	*ncols = cur->ncols;
	return cur->cols;
}
