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
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "executor/execAsync.h"
#include "executor/executor.h"
#include "nodes/execnodes.h"
#include "storage/latch.h"

#include "fdw_core.h"
#include "fdw_planner.h"
#include "scan.h"

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
					  fss->reader.wait_fd, NULL, areq);
}

/* ForeignAsyncNotify: our socket is readable; read what arrived. */
void
fdw_foreign_async_notify(AsyncRequest *areq)
{
	produce(areq, true);
}
