/*-------------------------------------------------------------------------
 *
 * fdw_routine.c
 *		  The FdwRoutine shared by every FDW of the suite, EXPLAIN output,
 *		  and the registration of an FDW with the core.
 *
 * An FDW's handler returns fdw_make_routine(); what differs between FDWs
 * (client library, SQL spelling, option names) reaches the core through the
 * FdwInstance registered in _PG_init, never through a routine of its own.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>

#include "commands/explain.h"
#include "executor/executor.h"
#include "parser/parsetree.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "connection.h"
#include "direct_modify.h"
#include "fdw_core.h"
#include "fdw_planner.h"
#include "fdw_routine.h"
#include "import.h"
#include "modify.h"
#include "scan.h"

const FdwInstance *fdw_instance = NULL;

void
fdw_core_init(const FdwInstance *instance)
{
	fdw_instance = instance;
	fdw_connection_define_gucs(instance->fdw_name);
}

/*
 * "Relations:" names what a join or upper scan computes; the planner wrote
 * range table indexes, which become the tables' names here, each with the
 * name EXPLAIN gives its range table entry (a partition of "t" is "t_1").
 */
static char *
relations_text(const char *rels, EState *estate, ExplainState *es,
			   Bitmapset *base_relids)
{
	StringInfoData buf;
	const char *p = rels;
	int			minrti = -1;
	int			rtoffset = 0;

	/*
	 * The indexes were written while planning the (sub)query; a subquery's
	 * range table is appended to the top one later, so shift them by as
	 * much as the scan's own relids moved.
	 */
	for (p = rels; *p; p++)
	{
		if (isdigit((unsigned char) *p))
		{
			int			rti = (int) strtol(p, (char **) &p, 10);

			if (minrti < 0 || rti < minrti)
				minrti = rti;
			p--;
		}
	}
	if (minrti > 0 && !bms_is_empty(base_relids))
		rtoffset = bms_next_member(base_relids, -1) - minrti;
	p = rels;

	initStringInfo(&buf);
	while (*p)
	{
		if (isdigit((unsigned char) *p))
		{
			int			rti = (int) strtol(p, (char **) &p, 10) + rtoffset;
			RangeTblEntry *rte = exec_rt_fetch(rti, estate);
			char	   *relname = get_rel_name(rte->relid);
			char	   *nspname = get_namespace_name(get_rel_namespace(rte->relid));
			char	   *refname = NULL;

			if (rti <= list_length(es->rtable_names))
				refname = (char *) list_nth(es->rtable_names, rti - 1);
			if (refname == NULL && rte->eref)
				refname = rte->eref->aliasname;
			appendStringInfo(&buf, "%s.%s", quote_identifier(nspname),
							 quote_identifier(relname));
			if (refname && strcmp(refname, relname) != 0)
				appendStringInfo(&buf, " %s", quote_identifier(refname));
		}
		else
			appendStringInfoChar(&buf, *p++);
	}
	return buf.data;
}

static void
fdw_explain_foreign_scan(ForeignScanState *node, ExplainState *es)
{
	ForeignScan *plan = (ForeignScan *) node->ss.ps.plan;

	if (plan->scan.scanrelid == 0 &&
		list_length(plan->fdw_private) > FdwScanPrivateRelations)
		ExplainPropertyText("Relations",
							relations_text(strVal(list_nth(plan->fdw_private,
														   FdwScanPrivateRelations)),
										   node->ss.ps.state, es,
										   fdw_scan_base_relids(plan)),
							es);
	if (es->verbose)
	{
		char	   *sql = strVal(list_nth(plan->fdw_private, FdwScanPrivateSql));

		ExplainPropertyText("Remote SQL", fdw_sql_for_explain(sql), es);
	}
}

FdwRoutine *
fdw_make_routine(void)
{
	FdwRoutine *routine = makeNode(FdwRoutine);

	routine->GetForeignRelSize = fdw_get_rel_size;
	routine->GetForeignPaths = fdw_get_paths;
	routine->GetForeignPlan = fdw_get_plan;
	routine->GetForeignJoinPaths = fdw_get_join_paths;
	routine->GetForeignUpperPaths = fdw_get_upper_paths;
	routine->BeginForeignScan = fdw_begin_foreign_scan;
	routine->IterateForeignScan = fdw_iterate_foreign_scan;
	routine->ReScanForeignScan = fdw_rescan_foreign_scan;
	routine->RecheckForeignScan = fdw_recheck_foreign_scan;
	routine->EndForeignScan = fdw_end_foreign_scan;
	routine->IsForeignPathAsyncCapable = fdw_is_foreign_path_async_capable;
	routine->ForeignAsyncRequest = fdw_foreign_async_request;
	routine->ForeignAsyncConfigureWait = fdw_foreign_async_configure_wait;
	routine->ForeignAsyncNotify = fdw_foreign_async_notify;
	routine->ExplainForeignScan = fdw_explain_foreign_scan;
	routine->AnalyzeForeignTable = fdw_analyze_foreign_table;

	/* writes (modify.c, truncate.c) */
	routine->IsForeignRelUpdatable = fdw_is_foreign_rel_updatable;
	routine->AddForeignUpdateTargets = fdw_add_foreign_update_targets;
	routine->PlanForeignModify = fdw_plan_foreign_modify;
	routine->BeginForeignModify = fdw_begin_foreign_modify;
	routine->ExecForeignInsert = fdw_exec_foreign_insert;
	routine->ExecForeignUpdate = fdw_exec_foreign_update;
	routine->ExecForeignDelete = fdw_exec_foreign_delete;
	routine->EndForeignModify = fdw_end_foreign_modify;
	routine->BeginForeignInsert = fdw_begin_foreign_insert;
	routine->EndForeignInsert = fdw_end_foreign_insert;
	routine->ExplainForeignModify = fdw_explain_foreign_modify;
	routine->PlanDirectModify = fdw_plan_direct_modify;
	routine->BeginDirectModify = fdw_begin_direct_modify;
	routine->IterateDirectModify = fdw_iterate_direct_modify;
	routine->EndDirectModify = fdw_end_direct_modify;
	routine->ExplainDirectModify = fdw_explain_direct_modify;
	routine->GetForeignModifyBatchSize = fdw_get_foreign_modify_batch_size;
	routine->ExecForeignBatchInsert = fdw_exec_foreign_batch_insert;
	routine->ExecForeignTruncate = fdw_exec_foreign_truncate;

	/* IMPORT FOREIGN SCHEMA (import.c) */
	routine->ImportForeignSchema = fdw_import_foreign_schema;
	return routine;
}
