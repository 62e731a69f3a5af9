/*-------------------------------------------------------------------------
 *
 * scan.c
 *		  The foreign scan executor: streams remote rows into tuple slots in
 *		  batches of fetch_size, with memory bounded by the batch.
 *
 * Each batch is converted into a memory context that is reset before the
 * next one, and handed out through virtual slots without copying.  The
 * conversion of every column is chosen once when the cursor opens.
 *
 * A connection carries one result at a time.  When another command needs a
 * connection this scan is still reading from (a second scan of the same
 * server in a join, a nested loop's inner side), the connection layer calls
 * drain_scan(): the rest of this scan's result moves into a tuplestore,
 * which spills to disk rather than growing memory, and the scan continues
 * from there.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/table.h"
#include "executor/executor.h"
#include "miscadmin.h"
#include "nodes/nodeFuncs.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/tuplestore.h"

#include "fdw_core.h"
#include "fdw_planner.h"
#include "scan.h"

/*
 * A batch holds at most fetch_size rows, and never more than these: the
 * driver streams from the wire anyway, and converted rows of many megabytes
 * each must not pile up in one batch.
 */
#define FDW_BATCH_MAX_ROWS 10000
#define FDW_BATCH_MAX_BYTES (16 * 1024 * 1024)


/* Error context: which column and remote value failed to convert. */
static void
conversion_error_callback(void *arg)
{
	FdwRowReader *r = (FdwRowReader *) arg;

	if (r->cur_col >= 0 && r->cur_col < r->ncols)
	{
		Form_pg_attribute attr = TupleDescAttr(r->tupdesc, r->attidx[r->cur_col]);

		errcontext("column \"%s\" of foreign table \"%s\", remote value \"%s\"",
				   NameStr(attr->attname), r->relname,
				   fdw_cell_describe(&r->cells[r->cur_col]));
	}
}

/* The conversions of a reader's columns; no cursor yet. */
static void
reader_prepare(FdwRowReader *r, FdwConnEntry *entry, FdwCursorOwner *owner,
			   TupleDesc tupdesc, const char *relname, List *retrieved_attrs,
			   const Oid *row_types, const char *sql, bool zero_date_null,
			   int64 max_blob_size)
{
	ListCell   *lc;
	int			i = 0;

	memset(r, 0, sizeof(*r));
	r->entry = entry;
	r->owner = owner;
	r->tupdesc = tupdesc;
	r->relname = relname;
	r->sql = sql;
	r->cur_col = -1;
	r->row_types = row_types;
	r->ncols = list_length(retrieved_attrs);
	r->attidx = palloc(sizeof(int) * Max(r->ncols, 1));
	r->convs = palloc0(sizeof(FdwConv) * Max(r->ncols, 1));
	r->cells = palloc0(sizeof(FdwCell) * Max(r->ncols, 1));

	foreach(lc, retrieved_attrs)
	{
		int			v = lfirst_int(lc);
		int			attno = v > 0 ? v : FDW_AUX_ATTNO(v);
		Form_pg_attribute attr = TupleDescAttr(tupdesc, attno - 1);

		r->attidx[i] = attno - 1;
		if (v > 0)
			fdw_conv_init(&r->convs[i], attr->atttypid, attr->atttypmod,
						  NameStr(attr->attname));
		else
			fdw_reader_open_part(r, i, FDW_AUX_KIND(v), attr);
		r->convs[i].zero_date_null = zero_date_null;
		r->convs[i].max_blob_size = max_blob_size;
		i++;
	}
}

/* Check the result's columns against the ones we asked for. */
static void
reader_describe(FdwRowReader *r, const FdwColumnDesc *cols, int ncols)
{
	int			i;

	/* a query with no needed columns selects one NULL */
	if (ncols != r->ncols && !(r->ncols == 0 && ncols == 1))
		ereport(ERROR,
				(errcode(ERRCODE_FDW_INCONSISTENT_DESCRIPTOR_INFORMATION),
				 errmsg("remote query returned %d columns, expected %d",
						ncols, r->ncols),
				 errcontext("remote SQL command: %s", r->sql)));
	if (ncols > r->ncols)
		r->cells = repalloc(r->cells, sizeof(FdwCell) * ncols);
	for (i = 0; i < r->ncols; i++)
		if (cols[i].kind == FDW_TYPE_BIT)
			r->convs[i].remote_bits = cols[i].length;
	r->described = true;
}

/* The columns of a cursor started by fdw_reader_start, now that they came. */
static void
reader_describe_started(FdwRowReader *r)
{
	const FdwColumnDesc *cols;
	int			ncols = 0;

	cols = fdw_instance->driver->cursor_columns(r->cursor, &ncols);
	reader_describe(r, cols, ncols);
}

/* Run sql and read its rows with fdw_reader_next. */
void
fdw_reader_open(FdwRowReader *r, FdwConnEntry *entry, FdwCursorOwner *owner,
				TupleDesc tupdesc, const char *relname, List *retrieved_attrs,
				const Oid *row_types, const char *sql, int fetch_size,
				int cursor_flags, bool zero_date_null, int64 max_blob_size)
{
	const FdwColumnDesc *cols;
	int			ncols;

	reader_prepare(r, entry, owner, tupdesc, relname, retrieved_attrs,
				   row_types, sql, zero_date_null, max_blob_size);
	r->cursor = fdw_open_cursor(entry, owner, sql, NULL, 0, fetch_size,
								cursor_flags, &cols, &ncols);
	reader_describe(r, cols, ncols);
}

/*
 * Send sql without waiting for the server; its rows are read with
 * fdw_reader_poll (or fdw_reader_next, which waits).
 */
void
fdw_reader_start(FdwRowReader *r, FdwConnEntry *entry, FdwCursorOwner *owner,
				 TupleDesc tupdesc, const char *relname, List *retrieved_attrs,
				 const Oid *row_types, const char *sql, int fetch_size,
				 int cursor_flags, bool zero_date_null, int64 max_blob_size)
{
	reader_prepare(r, entry, owner, tupdesc, relname, retrieved_attrs,
				   row_types, sql, zero_date_null, max_blob_size);
	r->cursor = fdw_start_cursor(entry, owner, sql, fetch_size, cursor_flags);
}

/* The fetched cells into values/nulls (see fdw_reader_next). */
static void
reader_convert(FdwRowReader *r, Datum *values, bool *nulls)
{
	ErrorContextCallback errcb;
	int			i;

	memset(nulls, true, sizeof(bool) * r->tupdesc->natts);
	errcb.callback = conversion_error_callback;
	errcb.arg = r;
	errcb.previous = error_context_stack;
	error_context_stack = &errcb;
	for (i = 0; i < r->ncols; i++)
	{
		int			a = r->attidx[i];

		r->cur_col = i;
		if (r->parts && r->parts->role[i])
			r->parts->values[i] = fdw_conv_cell(&r->convs[i], &r->cells[i],
												&r->parts->nulls[i]);
		else
			values[a] = fdw_conv_cell(&r->convs[i], &r->cells[i], &nulls[a]);
	}
	r->cur_col = -1;
	if (r->parts)
		fdw_reader_finish_parts(r, values, nulls);
	error_context_stack = errcb.previous;
	r->rows_read++;
}

/*
 * The next row of the cursor into values/nulls (laid out like tupdesc;
 * columns not retrieved are NULL), allocated in CurrentMemoryContext:
 * FDW_POLL_ROW, FDW_POLL_END (the cursor is closed), or, only when not
 * waiting (the driver's poll), FDW_POLL_WAIT: nothing can be read before
 * r->wait_fd is readable.
 */
static int
reader_step(FdwRowReader *r, Datum *values, bool *nulls, bool wait)
{
	FdwError	err;
	int			rc;

	if (r->cursor == NULL)
		return FDW_POLL_END;
	/* our cursor may have been closed under us by an abort */
	if (r->entry->cursor != r->cursor)
		elog(ERROR, "remote result of foreign table \"%s\" is no longer open",
			 r->relname);

	/* drivers fill err only on failure; zeroing 1 kB per row shows in profiles */
	err.kind = FDW_ERR_NONE;
	err.message[0] = '\0';
	rc = wait ? fdw_instance->driver->fetch(r->cursor, r->cells, &err) :
		fdw_instance->driver->poll(r->cursor, r->cells, &r->wait_fd, &err);
	if (rc < 0)					/* FDW_POLL_ERROR, fetch's -1 */
		fdw_report_error(&err, r->entry, NULL);
	if (rc == FDW_POLL_WAIT)
		return rc;
	if (rc == FDW_POLL_END)
	{
		fdw_reader_close(r);
		return rc;
	}
	if (unlikely(!r->described))
		reader_describe_started(r);
	reader_convert(r, values, nulls);
	return FDW_POLL_ROW;
}

/* Next row, waiting for it (see reader_step).  False at the end. */
bool
fdw_reader_next(FdwRowReader *r, Datum *values, bool *nulls)
{
	return reader_step(r, values, nulls, true) == FDW_POLL_ROW;
}

/* As fdw_reader_next, without waiting: FDW_POLL_ROW, _END or _WAIT. */
int
fdw_reader_poll(FdwRowReader *r, Datum *values, bool *nulls)
{
	return reader_step(r, values, nulls, false);
}

void
fdw_reader_close(FdwRowReader *r)
{
	if (r->cursor)
		fdw_close_cursor(r->entry, r->owner);
	r->cursor = NULL;
}

/* Move the rest of the result into a tuplestore (see file header). */
static void
drain_scan(FdwCursorOwner *owner)
{
	FdwScanState *fss = (FdwScanState *) owner;
	MemoryContext old;
	MemoryContext rowcxt;
	Datum	   *values;
	bool	   *nulls;

	if (fss->reader.cursor == NULL)
		return;
	old = MemoryContextSwitchTo(fss->scan_cxt);
	if (fss->drained == NULL)
		fss->drained = tuplestore_begin_heap(false, false, work_mem);
	values = palloc(sizeof(Datum) * fss->tupdesc->natts);
	nulls = palloc(sizeof(bool) * fss->tupdesc->natts);
	rowcxt = AllocSetContextCreate(fss->scan_cxt, "fdw drain row",
								   ALLOCSET_DEFAULT_SIZES);
	for (;;)
	{
		bool		got;

		CHECK_FOR_INTERRUPTS();
		MemoryContextSwitchTo(rowcxt);
		got = fdw_reader_next(&fss->reader, values, nulls);
		MemoryContextSwitchTo(fss->scan_cxt);
		if (!got)
			break;
		tuplestore_putvalues(fss->drained, fss->tupdesc, values, nulls);
		MemoryContextReset(rowcxt);
	}
	MemoryContextDelete(rowcxt);
	MemoryContextSwitchTo(old);
}

/*
 * BeginForeignScan: unpack fdw_private, find the connection of the user
 * the scan runs as (beginning the remote transaction), and prepare the
 * parameters; nothing is sent yet (the first iterate opens the cursor), so
 * EXPLAIN without ANALYZE never touches the remote.
 */
void
fdw_begin_foreign_scan(ForeignScanState *node, int eflags)
{
	ForeignScan *fsplan = (ForeignScan *) node->ss.ps.plan;
	EState	   *estate = node->ss.ps.state;
	FdwScanState *fss;
	Oid			userid;
	UserMapping *user;
	ListCell   *lc;
	int			i;

	if (eflags & EXEC_FLAG_EXPLAIN_ONLY)
		return;

	fss = palloc0(sizeof(FdwScanState));
	node->fdw_state = fss;
	/* the executor's choice, made from the plan's (see scan_async.c) */
	fss->async = node->ss.ps.async_capable;
	fss->epoll_fd = -1;
	fss->owner.drain = drain_scan;
	fss->scan_cxt = estate->es_query_cxt;
	fss->rel = node->ss.ss_currentRelation;
	/* a join or aggregate returns the rows of fdw_scan_tlist */
	fss->tupdesc = fss->rel ? RelationGetDescr(fss->rel) :
		node->ss.ss_ScanTupleSlot->tts_tupleDescriptor;
	fss->relname = fss->rel ? RelationGetRelationName(fss->rel) :
		"(remote join or aggregate)";

	userid = fdw_scan_userid(fsplan, estate);
	user = GetUserMapping(userid, fsplan->fs_server);
	fss->entry = fdw_get_connection(user, fdw_scan_xact_use(estate->es_plannedstmt));
	fss->dialect = fss->entry->dialect;

	fss->sql = strVal(list_nth(fsplan->fdw_private, FdwScanPrivateSql));
	fss->retrieved_attrs = (List *) list_nth(fsplan->fdw_private,
											 FdwScanPrivateRetrievedAttrs);
	fss->fetch_size = intVal(list_nth(fsplan->fdw_private, FdwScanPrivateFetchSize));
	fss->cursor_flags = list_length(fsplan->fdw_private) > FdwScanPrivateCursorFlags ?
		intVal(list_nth(fsplan->fdw_private, FdwScanPrivateCursorFlags)) : 0;
	fss->zero_date_null = intVal(list_nth(fsplan->fdw_private,
										  FdwScanPrivateZeroDateNull)) != 0;
	fss->max_blob_size = strtoll(strVal(list_nth(fsplan->fdw_private,
												 FdwScanPrivateMaxBlobSize)), NULL, 10);

	/* whole rows in a join's output: the row types of their tables */
	if (fsplan->scan.scanrelid == 0)
	{
		fss->row_types = palloc0(sizeof(Oid) * Max(fss->tupdesc->natts, 1));
		foreach(lc, fsplan->fdw_scan_tlist)
		{
			TargetEntry *tle = lfirst_node(TargetEntry, lc);
			Var		   *var = (Var *) tle->expr;

			if (IsA(var, Var) && var->varattno == 0 && var->varno > 0 &&
				var->varno <= list_length(estate->es_range_table) &&
				tle->resno <= fss->tupdesc->natts)
				fss->row_types[tle->resno - 1] =
					get_rel_type_id(exec_rt_fetch(var->varno, estate)->relid);
		}
	}

	fss->nparams = list_length(fsplan->fdw_exprs);
	if (fss->nparams > 0)
	{
		fss->param_exprs = ExecInitExprList(fsplan->fdw_exprs, (PlanState *) node);
		fss->param_types = palloc(sizeof(Oid) * fss->nparams);
		fss->param_values = palloc(sizeof(Datum) * fss->nparams);
		fss->param_nulls = palloc(sizeof(bool) * fss->nparams);
		i = 0;
		foreach(lc, fsplan->fdw_exprs)
			fss->param_types[i++] = exprType((Node *) lfirst(lc));
	}

	/*
	 * A keeper block large enough for a typical batch survives each reset,
	 * so batches reuse memory instead of faulting in fresh pages.
	 */
	fss->batch_cxt = AllocSetContextCreate(estate->es_query_cxt, "fdw scan batch",
										   1024 * 1024, 1024 * 1024,
										   8 * 1024 * 1024);
	fss->reader_cxt = AllocSetContextCreate(estate->es_query_cxt, "fdw scan query",
											ALLOCSET_SMALL_SIZES);
	fss->batch_rows = Min(fss->fetch_size, FDW_BATCH_MAX_ROWS);
	fss->batch_values = palloc(sizeof(Datum) * fss->batch_rows *
							   Max(fss->tupdesc->natts, 1));
	fss->batch_nulls = palloc(sizeof(bool) * fss->batch_rows *
							  Max(fss->tupdesc->natts, 1));
}

/*
 * Run the remote query with the current parameter values: sent and read
 * to its columns, or only sent when an async Append runs the scan.
 */
void
fdw_scan_open(ForeignScanState *node)
{
	FdwScanState *fss = (FdwScanState *) node->fdw_state;
	ExprContext *econtext = node->ss.ps.ps_ExprContext;
	const char *sql = fss->sql;
	MemoryContext old;

	if (fss->nparams > 0)
	{
		ListCell   *lc;
		int			i = 0;

		old = MemoryContextSwitchTo(econtext->ecxt_per_tuple_memory);
		foreach(lc, fss->param_exprs)
		{
			fss->param_values[i] = ExecEvalExpr((ExprState *) lfirst(lc), econtext,
												&fss->param_nulls[i]);
			i++;
		}
		MemoryContextSwitchTo(old);
	}
	/*
	 * Everything of one execution of the remote query lives in reader_cxt,
	 * reset by the next one: the caller's context may be a per-tuple one.
	 */
	MemoryContextReset(fss->reader_cxt);
	old = MemoryContextSwitchTo(fss->reader_cxt);
	if (fss->nparams > 0)
		sql = fdw_sql_with_params(fss->sql, fss->dialect, fss->param_values,
								  fss->param_nulls, fss->param_types);
	if (fss->async)
		fdw_reader_start(&fss->reader, fss->entry, &fss->owner, fss->tupdesc,
						 fss->relname, fss->retrieved_attrs, fss->row_types,
						 sql, fss->fetch_size, fss->cursor_flags,
						 fss->zero_date_null, fss->max_blob_size);
	else
		fdw_reader_open(&fss->reader, fss->entry, &fss->owner, fss->tupdesc,
						fss->relname, fss->retrieved_attrs, fss->row_types,
						sql, fss->fetch_size, fss->cursor_flags,
						fss->zero_date_null, fss->max_blob_size);
	MemoryContextSwitchTo(old);
	fss->opened = true;
	fss->eof = false;
	fss->batch_count = fss->batch_next = 0;
}

/*
 * Read up to fetch_size rows into the batch arrays.  nowait: only the rows
 * that can be read without waiting (an async Append's scan); false when
 * there are none yet and the scan must wait for fss->reader.wait_fd.
 */
bool
fdw_scan_fill_batch(FdwScanState *fss, bool nowait)
{
	int			natts = fss->tupdesc->natts;
	MemoryContext old;
	int			n = 0;

	MemoryContextReset(fss->batch_cxt);
	old = MemoryContextSwitchTo(fss->batch_cxt);
	while (n < fss->batch_rows)
	{
		Datum	   *values = fss->batch_values + n * natts;
		bool	   *nulls = fss->batch_nulls + n * natts;

		if (nowait)
		{
			int			rc = fdw_reader_poll(&fss->reader, values, nulls);

			if (rc == FDW_POLL_WAIT)
				break;
			if (rc == FDW_POLL_END)
			{
				fss->eof = true;
				break;
			}
		}
		else if (!fdw_reader_next(&fss->reader, values, nulls))
		{
			fss->eof = true;
			break;
		}
		n++;
		/*
		 * Wide rows (blobs): a batch is also bounded in bytes.  The values
		 * are allocated in batch_cxt itself, so its own count suffices (and
		 * costs a field read per row, not a walk over child contexts).
		 */
		if (MemoryContextMemAllocated(fss->batch_cxt, false) > FDW_BATCH_MAX_BYTES)
			break;
	}
	MemoryContextSwitchTo(old);
	fss->batch_count = n;
	fss->batch_next = 0;
	return n > 0 || fss->eof;
}

/*
 * Next row of the tuplestore drain_scan filled into drain_slot, deformed.
 * False at the end.
 *
 * A row the tuplestore has in memory is lent to the slot; one it spilled is
 * read back into memory allocated in CurrentMemoryContext, which the slot
 * owns and frees when the next row replaces it.  Iterate runs in a per-tuple
 * context that is reset before the next call, so the read must happen in
 * the scan's own context: else the slot frees a chunk that is gone.  The
 * slot holds one row at a time, so memory stays bounded.
 */
static bool
next_drained_row(FdwScanState *fss)
{
	MemoryContext old = MemoryContextSwitchTo(fss->scan_cxt);
	bool		found;

	found = tuplestore_gettupleslot(fss->drained, true, false, fss->drain_slot);
	MemoryContextSwitchTo(old);
	if (found)
		slot_getallattrs(fss->drain_slot);
	return found;
}

/*
 * IterateForeignScan: one row into the scan slot, converted from the
 * current batch; a new batch is fetched (at most fetch_size rows, in a
 * per-batch memory context that is reset, so memory is bounded by the
 * batch, not the table) when this one is used up.  Rows another statement
 * drained off the connection meanwhile are read back from their
 * tuplestore first.
 */
TupleTableSlot *
fdw_iterate_foreign_scan(ForeignScanState *node)
{
	FdwScanState *fss = (FdwScanState *) node->fdw_state;
	TupleTableSlot *slot = node->ss.ss_ScanTupleSlot;
	int			natts = fss->tupdesc->natts;

	if (!fss->opened)
		fdw_scan_open(node);

	ExecClearTuple(slot);
	if (fss->batch_next >= fss->batch_count)
	{
		if (fss->drained)
		{
			/* the rest of the result was moved into the tuplestore */
			if (fss->drain_slot == NULL)
			{
				/* not in the per-tuple context Iterate is called in */
				MemoryContext old = MemoryContextSwitchTo(fss->scan_cxt);

				fss->drain_slot = MakeSingleTupleTableSlot(fss->tupdesc,
														   &TTSOpsMinimalTuple);
				MemoryContextSwitchTo(old);
			}
			if (!next_drained_row(fss))
				return slot;
			memcpy(slot->tts_values, fss->drain_slot->tts_values,
				   sizeof(Datum) * natts);
			memcpy(slot->tts_isnull, fss->drain_slot->tts_isnull,
				   sizeof(bool) * natts);
			ExecStoreVirtualTuple(slot);
			return slot;
		}
		/* an async Append reads the next batch itself (scan_async.c) */
		if (fss->eof || fss->async)
			return slot;
		(void) fdw_scan_fill_batch(fss, false);
		if (fss->batch_count == 0)
			return slot;
	}
	memcpy(slot->tts_values, fss->batch_values + fss->batch_next * natts,
		   sizeof(Datum) * natts);
	memcpy(slot->tts_isnull, fss->batch_nulls + fss->batch_next * natts,
		   sizeof(bool) * natts);
	fss->batch_next++;
	ExecStoreVirtualTuple(slot);
	return slot;
}

/*
 * EvalPlanQual recheck.  A base relation's rechecked row comes from the
 * row mark and has nothing more to check; a remote join is recomputed
 * from the rechecked rows of its relations by its local join plan.
 */
bool
fdw_recheck_foreign_scan(ForeignScanState *node, TupleTableSlot *slot)
{
	PlanState  *outer = outerPlanState(node);
	TupleTableSlot *result;

	if (((ForeignScan *) node->ss.ps.plan)->scan.scanrelid > 0)
		return true;
	if (outer == NULL)
		elog(ERROR, "a remote join has no local plan to recheck its rows");
	result = ExecProcNode(outer);
	if (TupIsNull(result))
		return false;
	ExecCopySlot(slot, result);
	return true;
}

/*
 * Drop the tuplestore of drained rows, and first the row drain_slot may
 * have borrowed from it.
 */
static void
end_drained(FdwScanState *fss)
{
	if (fss->drain_slot)
		ExecClearTuple(fss->drain_slot);
	if (fss->drained)
		tuplestore_end(fss->drained);
	fss->drained = NULL;
}

/* ReScanForeignScan: close the cursor; the next iterate runs the query again. */
void
fdw_rescan_foreign_scan(ForeignScanState *node)
{
	FdwScanState *fss = (FdwScanState *) node->fdw_state;

	if (!fss->opened)
		return;
	/* the parameters may have changed: run the query again */
	fdw_reader_close(&fss->reader);
	end_drained(fss);
	fss->opened = false;
	fss->eof = false;
	fss->batch_count = fss->batch_next = 0;
}

/* EndForeignScan: close the cursor and drop what a drain left behind. */
void
fdw_end_foreign_scan(ForeignScanState *node)
{
	FdwScanState *fss = (FdwScanState *) node->fdw_state;

	if (fss == NULL)
		return;
	fdw_reader_close(&fss->reader);
	end_drained(fss);
	if (fss->drain_slot)
		ExecDropSingleTupleTableSlot(fss->drain_slot);
	fss->drain_slot = NULL;
}
