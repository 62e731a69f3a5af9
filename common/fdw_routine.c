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
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "commands/explain.h"

#include "fdw_core.h"
#include "fdw_planner.h"
#include "fdw_routine.h"
#include "scan.h"

const FdwInstance *fdw_instance = NULL;

void
fdw_core_init(const FdwInstance *instance)
{
	fdw_instance = instance;
}

static void
fdw_explain_foreign_scan(ForeignScanState *node, ExplainState *es)
{
	ForeignScan *plan = (ForeignScan *) node->ss.ps.plan;

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
	routine->BeginForeignScan = fdw_begin_foreign_scan;
	routine->IterateForeignScan = fdw_iterate_foreign_scan;
	routine->ReScanForeignScan = fdw_rescan_foreign_scan;
	routine->EndForeignScan = fdw_end_foreign_scan;
	routine->ExplainForeignScan = fdw_explain_foreign_scan;
	routine->AnalyzeForeignTable = fdw_analyze_foreign_table;
	return routine;
}
