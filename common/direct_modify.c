/*-------------------------------------------------------------------------
 *
 * direct_modify.c
 *		  UPDATE and DELETE sent to the remote as one statement.
 *
 * When every condition of an UPDATE or DELETE on a single foreign table can
 * be evaluated remotely (no local quals, no joins) and so can every new
 * value, the ModifyTable's foreign scan is rewritten into one remote
 * "UPDATE ... SET ... WHERE ..." or "DELETE FROM ... WHERE ...", instead of
 * reading each row and writing it back by key.  RETURNING keeps the
 * row-by-row path, since not every remote can return rows from an UPDATE.
 *
 * Row-level triggers need the row path too, and get it without a check
 * here: the planner (make_modifytable) does not offer a direct modify when
 * the target has BEFORE or AFTER ROW triggers for the command, nor stored
 * generated columns or WITH CHECK OPTIONs.  The regression tests show the
 * plan of such an UPDATE.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/table.h"
#include "commands/explain.h"
#include "executor/executor.h"
#include "foreign/fdwapi.h"
#include "miscadmin.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/appendinfo.h"
#include "optimizer/optimizer.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

#include "connection.h"
#include "describe.h"
#include "direct_modify.h"
#include "fdw_core.h"
#include "fdw_planner.h"

/* Indexes into the rewritten ForeignScan's fdw_private. */
enum FdwDirectModifyPrivate
{
	FdwDirectModifySql,			/* String, with $n parameter markers */
	FdwDirectModifyCanSetTag	/* Integer 0/1 */
};

typedef struct FdwDirectModifyState
{
	FdwConnEntry *entry;
	const FdwDialect *dialect;
	char	   *sql;
	bool		set_processed;
	bool		done;
	int			nparams;
	List	   *param_exprs;
	Oid		   *param_types;
} FdwDirectModifyState;

/* The ForeignScan below ModifyTable that scans rtindex, if it is the child. */
static ForeignScan *
find_modify_subplan(ModifyTable *plan, Index rtindex, int subplan_index)
{
	Plan	   *subplan = outerPlan(plan);

	if (subplan && IsA(subplan, Append))
	{
		Append	   *ap = (Append *) subplan;

		subplan = subplan_index < list_length(ap->appendplans) ?
			(Plan *) list_nth(ap->appendplans, subplan_index) : NULL;
	}
	if (subplan && IsA(subplan, ForeignScan) &&
		((ForeignScan *) subplan)->scan.scanrelid == rtindex)
		return (ForeignScan *) subplan;
	return NULL;
}

/*
 * PlanDirectModify: an UPDATE or DELETE whose every condition and new value
 * the remote can evaluate becomes one remote statement, replacing the scan
 * and the row-by-row writes; not with RETURNING or local conditions (and
 * the planner does not ask when row triggers exist: see the top).  Returns
 * whether it did.
 */
bool
fdw_plan_direct_modify(PlannerInfo *root, ModifyTable *plan,
					   Index resultRelation, int subplan_index)
{
	CmdType		operation = plan->operation;
	RelOptInfo *rel;
	FdwRelInfo *fpinfo;
	ForeignScan *fscan;
	List	   *processed_tlist = NIL;
	List	   *target_attrs = NIL;
	List	   *params_list = NIL;
	Bitmapset  *assigned = NULL;
	StringInfoData sql;
	ListCell   *lc,
			   *lc2;

	if (operation != CMD_UPDATE && operation != CMD_DELETE)
		return false;
	if (plan->returningLists)
		return false;
	fscan = find_modify_subplan(plan, resultRelation, subplan_index);
	if (fscan == NULL || fscan->scan.plan.qual != NIL)
		return false;			/* local conditions: row by row */
	rel = root->simple_rel_array[resultRelation];
	fpinfo = (FdwRelInfo *) rel->fdw_private;
	if (fpinfo == NULL || fpinfo->opts.query)
		return false;

	initStringInfo(&sql);
	if (operation == CMD_UPDATE)
	{
		const FdwRemoteTable *remote = fdw_remote_table(fpinfo->relid, fpinfo->user);

		get_translated_update_targetlist(root, resultRelation,
										 &processed_tlist, &target_attrs);
		forboth(lc, processed_tlist, lc2, target_attrs)
		{
			TargetEntry *tle = lfirst_node(TargetEntry, lc);
			Bitmapset  *used = NULL;
			const FdwRemoteColumn *rc;

			if (lfirst_int(lc2) <= 0 ||
				!fdw_is_shippable_expr(root, rel, tle->expr))
				return false;
			/* generated remote columns: the row path explains the refusal */
			rc = remote ? fdw_remote_column(remote,
											fdw_column_remote_name(fpinfo->relid,
																   lfirst_int(lc2))) : NULL;
			if (rc && rc->is_generated)
				return false;
			/* where SET sees earlier assignments, no value may use them */
			pull_varattnos((Node *) tle->expr, resultRelation, &used);
			if (fpinfo->dialect->sequential_set && bms_overlap(used, assigned))
				return false;
			assigned = bms_add_member(assigned, lfirst_int(lc2) -
									  FirstLowInvalidHeapAttributeNumber);
		}
		appendStringInfoString(&sql, "UPDATE ");
		fdw_deparse_relation(&sql, fpinfo->dialect, &fpinfo->opts);
		appendStringInfoString(&sql, " SET ");
		forboth(lc, processed_tlist, lc2, target_attrs)
		{
			TargetEntry *tle = lfirst_node(TargetEntry, lc);

			if (foreach_current_index(lc) > 0)
				appendStringInfoString(&sql, ", ");
			fdw_deparse_ident(&sql, fpinfo->dialect,
							  fdw_column_remote_name(fpinfo->relid, lfirst_int(lc2)));
			appendStringInfoString(&sql, " = ");
			fdw_deparse_expr_for_rel(&sql, root, rel, tle->expr, &params_list);
		}
	}
	else
	{
		appendStringInfoString(&sql, "DELETE FROM ");
		fdw_deparse_relation(&sql, fpinfo->dialect, &fpinfo->opts);
	}
	fdw_deparse_where(&sql, root, rel, fpinfo->final_remote_conds, &params_list);

	fscan->operation = operation;
	fscan->resultRelation = resultRelation;
	/* the statement runs at once, not in turns with others (scan_async.c) */
	fscan->scan.plan.async_capable = false;
	fscan->fdw_exprs = params_list;
	fscan->fdw_private = list_make2(makeString(sql.data),
									makeInteger(plan->canSetTag ? 1 : 0));
	return true;
}

void
fdw_begin_direct_modify(ForeignScanState *node, int eflags)
{
	ForeignScan *fsplan = (ForeignScan *) node->ss.ps.plan;
	EState	   *estate = node->ss.ps.state;
	FdwDirectModifyState *dm;
	Oid			userid;
	ListCell   *lc;
	int			i = 0;

	if (eflags & EXEC_FLAG_EXPLAIN_ONLY)
		return;
	dm = palloc0(sizeof(FdwDirectModifyState));
	node->fdw_state = dm;
	userid = fdw_scan_userid(fsplan, estate);
	dm->entry = fdw_get_connection(GetUserMapping(userid, fsplan->fs_server),
								   FDW_XACT_WRITE);
	dm->dialect = dm->entry->dialect;
	dm->sql = strVal(list_nth(fsplan->fdw_private, FdwDirectModifySql));
	dm->set_processed = intVal(list_nth(fsplan->fdw_private,
										FdwDirectModifyCanSetTag)) != 0;
	dm->nparams = list_length(fsplan->fdw_exprs);
	if (dm->nparams > 0)
	{
		dm->param_exprs = ExecInitExprList(fsplan->fdw_exprs, (PlanState *) node);
		dm->param_types = palloc(sizeof(Oid) * dm->nparams);
		foreach(lc, fsplan->fdw_exprs)
			dm->param_types[i++] = exprType((Node *) lfirst(lc));
	}
}

TupleTableSlot *
fdw_iterate_direct_modify(ForeignScanState *node)
{
	FdwDirectModifyState *dm = (FdwDirectModifyState *) node->fdw_state;
	EState	   *estate = node->ss.ps.state;
	TupleTableSlot *slot = node->ss.ss_ScanTupleSlot;
	const char *sql = dm->sql;
	int64		affected;

	if (dm->done)
		return ExecClearTuple(slot);
	dm->done = true;
	if (dm->nparams > 0)
	{
		ExprContext *econtext = node->ss.ps.ps_ExprContext;
		Datum	   *values = palloc(sizeof(Datum) * dm->nparams);
		bool	   *nulls = palloc(sizeof(bool) * dm->nparams);
		ListCell   *lc;
		int			i = 0;

		foreach(lc, dm->param_exprs)
		{
			values[i] = ExecEvalExpr((ExprState *) lfirst(lc), econtext, &nulls[i]);
			i++;
		}
		sql = fdw_sql_with_params(dm->sql, dm->dialect, values, nulls, dm->param_types);
	}
	affected = fdw_execute(dm->entry, sql, NULL, 0);
	if (dm->set_processed)
		estate->es_processed += affected;
	return ExecClearTuple(slot);
}

void
fdw_end_direct_modify(ForeignScanState *node)
{
	/* nothing is held between calls: the statement ran in one round trip */
}

void
fdw_explain_direct_modify(ForeignScanState *node, ExplainState *es)
{
	ForeignScan *plan = (ForeignScan *) node->ss.ps.plan;

	if (es->verbose)
		ExplainPropertyText("Remote SQL",
							fdw_sql_for_explain(strVal(list_nth(plan->fdw_private,
																FdwDirectModifySql))),
							es);
}
