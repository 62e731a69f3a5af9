/*-------------------------------------------------------------------------
 *
 * analyze.c
 *		  ANALYZE of foreign tables: a random sample of the remote rows.
 *
 * The remote table is read once in a streaming scan and sampled locally
 * with the reservoir algorithm ANALYZE itself uses, so the planner gets
 * real statistics (row count, distinct values, histograms) whatever the
 * source supports.  Memory stays bounded by the sample size.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/table.h"
#include "commands/vacuum.h"
#include "foreign/foreign.h"
#include "miscadmin.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/sampling.h"

#include "connection.h"
#include "fdw_core.h"
#include "fdw_planner.h"
#include "fdw_routine.h"
#include "scan.h"

static int
acquire_sample_rows(Relation relation, int elevel, HeapTuple *rows,
					int targrows, double *totalrows, double *totaldeadrows)
{
	TupleDesc	tupdesc = RelationGetDescr(relation);
	Oid			relid = RelationGetRelid(relation);
	FdwTableOptions opts;
	UserMapping *user;
	FdwConnEntry *entry;
	const FdwDialect *dialect;
	StringInfoData sql;
	List	   *retrieved_attrs = NIL;
	FdwRowReader reader;
	FdwCursorOwner owner = {NULL};
	ReservoirStateData rstate;
	MemoryContext rowcxt;
	MemoryContext old;
	Datum	   *values;
	bool	   *nulls;
	double		seen = 0;
	double		rowstoskip = -1;
	int			numrows = 0;
	int			i;

	fdw_table_options(relid, &opts);
	user = GetUserMapping(relation->rd_rel->relowner,
						  GetForeignTable(relid)->serverid);
	entry = fdw_get_connection_for(user, FDW_XACT_SELECT, opts.schema);
	dialect = entry->dialect;

	/* SELECT every column */
	initStringInfo(&sql);
	appendStringInfoString(&sql, "SELECT ");
	for (i = 1; i <= tupdesc->natts; i++)
	{
		if (TupleDescAttr(tupdesc, i - 1)->attisdropped)
			continue;
		if (retrieved_attrs != NIL)
			appendStringInfoString(&sql, ", ");
		fdw_deparse_ident(&sql, dialect, fdw_column_remote_name(relid, i));
		retrieved_attrs = lappend_int(retrieved_attrs, i);
	}
	if (retrieved_attrs == NIL)
		appendStringInfoString(&sql, "NULL");
	appendStringInfoString(&sql, " FROM ");
	fdw_deparse_relation(&sql, dialect, &opts);

	fdw_reader_open(&reader, entry, &owner, tupdesc,
					RelationGetRelationName(relation), retrieved_attrs, NULL,
					sql.data, opts.fetch_size, FDW_CURSOR_BULK, opts.zero_date_null,
					opts.max_blob_size);

	values = palloc(sizeof(Datum) * tupdesc->natts);
	nulls = palloc(sizeof(bool) * tupdesc->natts);
	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "fdw analyze row",
								   ALLOCSET_DEFAULT_SIZES);
	reservoir_init_selection_state(&rstate, targrows);

	for (;;)
	{
		bool		got;
		int			pos = -1;

		fdw_analyze_delay_point();
		old = MemoryContextSwitchTo(rowcxt);
		got = fdw_reader_next(&reader, values, nulls);
		MemoryContextSwitchTo(old);
		if (!got)
			break;
		seen += 1;

		if (numrows < targrows)
			pos = numrows++;
		else
		{
			if (rowstoskip < 0)
				rowstoskip = reservoir_get_next_S(&rstate, seen, targrows);
			if (rowstoskip <= 0)
			{
				pos = (int) (targrows * sampler_random_fract(&rstate.randstate));
				heap_freetuple(rows[pos]);
			}
			rowstoskip -= 1;
		}
		if (pos >= 0)
			rows[pos] = heap_form_tuple(tupdesc, values, nulls);
		MemoryContextReset(rowcxt);
	}
	fdw_reader_close(&reader);
	MemoryContextDelete(rowcxt);

	*totalrows = seen;
	*totaldeadrows = 0;
	ereport(elevel,
			(errmsg("\"%s\": table contains %.0f rows, %d rows in sample",
					RelationGetRelationName(relation), seen, numrows)));
	return numrows;
}

bool
fdw_analyze_foreign_table(Relation relation, AcquireSampleRowsFunc *func,
						  BlockNumber *totalpages)
{
	*func = acquire_sample_rows;
	/* no pages to speak of; ANALYZE only uses this for reporting */
	*totalpages = 1;
	return true;
}
