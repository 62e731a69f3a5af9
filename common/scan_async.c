/*-------------------------------------------------------------------------
 *
 * scan_async.c
 *		  Foreign scans run by an async Append: the scans of a partitioned
 *		  table whose partitions live on several servers work at the same
 *		  time instead of one after the other.
 *
 * PostgreSQL's Append asks each async child for a row (ForeignAsyncRequest);
 * a child that has none at hand sends its query, says it is pending, and
 * names the socket it waits for (ForeignAsyncConfigureWait); the Append
 * waits for all those sockets at once and tells a child when its socket is
 * readable (ForeignAsyncNotify).  A scan therefore never waits here: the
 * driver's start_cursor sends without waiting, its poll reads only what has
 * arrived.  Rows still go through the scan's batch and ExecScan (local
 * quals, projection) exactly as in a synchronous scan.
 *
 * A connection carries one result at a time.  Two partitions on one server
 * queue: the second scan sends its query only when the first one's result
 * is read to its end, unless nothing else could make progress; then it
 * takes the connection the usual way, the first scan's rows moving into
 * its tuplestore (scan.c, drain_scan).
 *
 * Async execution is chosen per table or server with option async_capable
 * (postgres_fdw's name), off by default as there, and needs a driver with
 * the start_cursor/poll entries.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <fcntl.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/epoll.h>
#endif

#include "executor/execAsync.h"
#include "executor/executor.h"
#include "miscadmin.h"
#include "nodes/execnodes.h"
#include "storage/latch.h"
#include "utils/memutils.h"
#include "utils/timeout.h"

#include "fdw_core.h"
#include "fdw_planner.h"
#include "scan.h"

/*
 * A wait that interrupts end.  The Append waits only on the descriptors
 * its children name; point releases of PostgreSQL from before the fix that
 * made it also wait on the backend's latch (the 16 and 17 branch-point
 * builds among them) let a query cancel, statement_timeout or termination
 * wait for a shard's answer: for a hung shard, forever.  So a waiting scan
 * names, instead of its socket, an epoll descriptor of its own that watches
 * the socket and a pipe a timer writes to every FDW_ASYNC_WAKE_MS while the
 * Append waits: the wait ends, the scan is notified, checks for interrupts
 * and waits again.  (One descriptor per child: the Append's wait set has
 * room for one event per child.)  Elsewhere than Linux the socket is named
 * and the Append's own handling of interrupts is all there is.
 */
#define FDW_ASYNC_WAKE_MS 100

#ifdef __linux__
static int	wake_pipe[2] = {-1, -1};
static TimeoutId wake_timer = MAX_TIMEOUTS;

static void
wake_handler(void)
{
	int			save_errno = errno;

	if (wake_pipe[1] >= 0)
		(void) !write(wake_pipe[1], "", 1);
	errno = save_errno;
}

/* Close a scan's epoll descriptor with the query's memory (also at abort). */
static void
close_epoll_fd(void *arg)
{
	FdwScanState *fss = (FdwScanState *) arg;

	if (fss->epoll_fd >= 0)
		close(fss->epoll_fd);
	fss->epoll_fd = -1;
}

/*
 * The descriptor the scan waits on for its socket sock: its epoll
 * descriptor watching sock and the wake pipe, or sock itself when that
 * cannot be made.
 */
static int
waitable_fd(FdwScanState *fss, int sock)
{
	struct epoll_event ev;

	if (fss->epoll_fd < 0)
	{
		MemoryContextCallback *cb;

		if (wake_pipe[0] < 0)
		{
			if (pipe2(wake_pipe, O_NONBLOCK | O_CLOEXEC) != 0)
				return sock;
			wake_timer = RegisterTimeout(USER_TIMEOUT, wake_handler);
		}
		fss->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
		if (fss->epoll_fd < 0)
			return sock;
		cb = MemoryContextAlloc(fss->scan_cxt, sizeof(MemoryContextCallback));
		cb->func = close_epoll_fd;
		cb->arg = fss;
		MemoryContextRegisterResetCallback(fss->scan_cxt, cb);
		memset(&ev, 0, sizeof(ev));
		ev.events = EPOLLIN;
		ev.data.fd = wake_pipe[0];
		if (epoll_ctl(fss->epoll_fd, EPOLL_CTL_ADD, wake_pipe[0], &ev) != 0)
			return sock;
		fss->epoll_sock = -1;
	}

	/*
	 * The connection's socket may have changed (a reconnect), and a closed
	 * one leaves the epoll set by itself: register it each time.
	 */
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.fd = sock;
	if (fss->epoll_sock >= 0 && fss->epoll_sock != sock)
		(void) epoll_ctl(fss->epoll_fd, EPOLL_CTL_DEL, fss->epoll_sock, NULL);
	if (epoll_ctl(fss->epoll_fd, EPOLL_CTL_MOD, sock, &ev) != 0 &&
		epoll_ctl(fss->epoll_fd, EPOLL_CTL_ADD, sock, &ev) != 0)
		return sock;
	fss->epoll_sock = sock;
	if (!get_timeout_active(wake_timer))
		enable_timeout_after(wake_timer, FDW_ASYNC_WAKE_MS);
	return fss->epoll_fd;
}

/* After a wake-up: empty the pipe, and act on a pending interrupt. */
static void
woken(void)
{
	char		buf[64];

	if (wake_pipe[0] >= 0)
		while (read(wake_pipe[0], buf, sizeof(buf)) > 0)
			;
	CHECK_FOR_INTERRUPTS();
}
#else
static int
waitable_fd(FdwScanState *fss, int sock)
{
	return sock;
}

static void
woken(void)
{
	CHECK_FOR_INTERRUPTS();
}
#endif

/*
 * IsForeignPathAsyncCapable: whether an Append may run this path
 * asynchronously.  A join or aggregate inherits the option from its outer
 * base relation, as its other options.
 */
bool
fdw_is_foreign_path_async_capable(ForeignPath *path)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) path->path.parent->fdw_private;

	return fdw_instance->driver->start_cursor != NULL &&
		fpinfo != NULL && fpinfo->opts.async_capable;
}

/* Whether another scan's result occupies the scan's connection. */
static bool
connection_taken(FdwScanState *fss)
{
	return fss->entry->cursor != NULL &&
		fss->entry->cursor_owner != &fss->owner;
}

/* Whether the scan has rows it can hand out without reading the socket. */
static bool
rows_at_hand(FdwScanState *fss)
{
	return fss->batch_next < fss->batch_count || fss->drained != NULL;
}

/*
 * Answer the request if the scan can without waiting: a row that passes
 * the scan's quals, or the end.  Else read what has arrived (fetch) and try
 * again, and when that is nothing, leave the request pending.
 */
static void
produce(AsyncRequest *areq, bool fetch)
{
	ForeignScanState *node = (ForeignScanState *) areq->requestee;
	FdwScanState *fss = (FdwScanState *) node->fdw_state;

	for (;;)
	{
		if (rows_at_hand(fss))
		{
			/* through ExecScan: local quals and projection */
			TupleTableSlot *result = areq->requestee->ExecProcNodeReal(areq->requestee);

			if (!TupIsNull(result))
			{
				ExecAsyncRequestDone(areq, result);
				return;
			}
			/* drained rows are the whole rest of the result */
			if (fss->drained)
				fss->eof = true;
		}
		if (fss->opened && fss->eof)
		{
			ExecAsyncRequestDone(areq, NULL);
			return;
		}
		if (!fetch)
			break;
		if (!fss->opened)
		{
			/* wait for our turn on a shared connection (see the top) */
			if (connection_taken(fss))
				break;
			fdw_scan_open(node);
		}
		if (!fdw_scan_fill_batch(fss, true))
			break;
	}
	ExecAsyncRequestPending(areq);
}

/* ForeignAsyncRequest: a row for the Append, or pending. */
void
fdw_foreign_async_request(AsyncRequest *areq)
{
	produce(areq, true);
}

/*
 * Answer a pending request from ConfigureWait, where the Append does not
 * expect it: so we deliver the response (and count the row) ourselves.
 */
static void
complete_pending(AsyncRequest *areq)
{
	areq->callback_pending = false;
	produce(areq, false);
	if (!areq->request_complete)
	{
		/* still nothing: stays pending, waiting for what comes next */
		areq->callback_pending = true;
		return;
	}
	ExecAsyncResponse(areq);
	if (areq->requestee->instrument)
		InstrUpdateTupleCount(areq->requestee->instrument,
							  TupIsNull(areq->result) ? 0.0 : 1.0);
}

/*
 * ForeignAsyncConfigureWait: the socket a pending request waits for.
 * Called for every pending request before the Append waits.
 */
void
fdw_foreign_async_configure_wait(AsyncRequest *areq)
{
	ForeignScanState *node = (ForeignScanState *) areq->requestee;
	FdwScanState *fss = (FdwScanState *) node->fdw_state;
	AppendState *append = (AppendState *) areq->requestor;

	Assert(areq->callback_pending);
	Assert(IsA(append, AppendState));

	if (!fss->opened)
	{
		/*
		 * Another scan reads from our connection: let it go on while
		 * anything else can make progress (children ready for a request, or
		 * events configured besides the postmaster-death one that is always
		 * there).  Otherwise take the connection now, or the Append would
		 * wait for nothing.
		 */
		if (connection_taken(fss) &&
			(!bms_is_empty(append->as_needrequest) ||
			 GetNumRegisteredWaitEvents(append->as_eventset) > 1))
			return;
		fdw_scan_open(node);
	}

	/*
	 * Hand out what is there: rows read meanwhile, or moved into the
	 * tuplestore by another statement that took the connection (then none
	 * of ours is on the wire any more), or the end.
	 */
	for (;;)
	{
		if (rows_at_hand(fss) || fss->eof || fss->reader.cursor == NULL)
		{
			complete_pending(areq);
			if (areq->request_complete)
				return;
		}
		if (!fdw_scan_fill_batch(fss, true))
			break;
	}
	AddWaitEventToSet(append->as_eventset, WL_SOCKET_READABLE,
					  waitable_fd(fss, fss->reader.wait_fd), NULL, areq);
}

/* ForeignAsyncNotify: our socket (or the wake pipe) is readable. */
void
fdw_foreign_async_notify(AsyncRequest *areq)
{
	woken();
	produce(areq, true);
}
