/*-------------------------------------------------------------------------
 *
 * planner.c
 *		  Planning of foreign base relations: which quals run remotely,
 *		  row and cost estimates, the path and the ForeignScan plan.
 *
 * Row counts come from the remote's own estimate when use_remote_estimate
 * is set, otherwise from local ANALYZE statistics (or a default of 1000
 * rows for a table never analyzed); costs add fdw_startup_cost per scan and
 * fdw_tuple_cost per row, so the planner can weigh remote work fairly
 * against local work.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/sysattr.h"
#include "foreign/fdwapi.h"
#include "miscadmin.h"
#include "optimizer/cost.h"
#include "optimizer/optimizer.h"
#include "optimizer/pathnode.h"
#include "optimizer/planmain.h"
#include "optimizer/restrictinfo.h"
#include "parser/parsetree.h"
#include "utils/lsyscache.h"

#include "connection.h"
#include "fdw_core.h"
#include "fdw_planner.h"
#include "fdw_routine.h"

#define DEFAULT_UNANALYZED_ROWS 1000

static Oid
planning_user(PlannerInfo *root, RelOptInfo *baserel)
{
#if PG_VERSION_NUM >= 160000
	return OidIsValid(baserel->userid) ? baserel->userid : GetUserId();
#else
	RangeTblEntry *rte = planner_rt_fetch(baserel->relid, root);

	return OidIsValid(rte->checkAsUser) ? rte->checkAsUser : GetUserId();
#endif
}

/* Ask the remote how many rows the scan's query returns. */
static bool
remote_estimate(PlannerInfo *root, RelOptInfo *baserel, double *rows, int *width)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) baserel->fdw_private;
	StringInfoData sql;
	List	   *retrieved_attrs;
	List	   *params = NIL;
	FdwConnEntry *entry;
	FdwError	err;

	if (fdw_instance->driver->estimate == NULL)
		return false;
	initStringInfo(&sql);
	fdw_deparse_select(&sql, root, baserel, fpinfo->remote_conds,
					   &retrieved_attrs, &params);
	/* a query with runtime parameters has no fixed text to estimate */
	if (params != NIL)
		return false;
	entry = fdw_get_connection(fpinfo->user, true);
	fdw_conn_claim(entry);
	memset(&err, 0, sizeof(err));
	if (!fdw_instance->driver->estimate(entry->conn, sql.data, rows, width, &err))
		fdw_report_error(&err, entry, sql.data);
	return true;
}

void
fdw_get_rel_size(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid)
{
	FdwRelInfo *fpinfo = palloc0(sizeof(FdwRelInfo));
	ListCell   *lc;
	double		rows;
	int			width = 0;

	baserel->fdw_private = fpinfo;
	fpinfo->relid = foreigntableid;
	fdw_table_options(foreigntableid, &fpinfo->opts);
	fpinfo->user = GetUserMapping(planning_user(root, baserel),
								  GetForeignTable(foreigntableid)->serverid);
	fpinfo->dialect = fdw_dialect_for(fpinfo->user);
	fpinfo->relation_name = get_rel_name(foreigntableid);

	foreach(lc, baserel->baserestrictinfo)
	{
		RestrictInfo *ri = (RestrictInfo *) lfirst(lc);

		if (fdw_is_shippable_expr(root, baserel, ri->clause))
			fpinfo->remote_conds = lappend(fpinfo->remote_conds, ri);
		else
			fpinfo->local_conds = lappend(fpinfo->local_conds, ri);
	}

	/* columns the query needs: the target list and the local quals */
	pull_varattnos((Node *) baserel->reltarget->exprs, baserel->relid,
				   &fpinfo->attrs_used);
	foreach(lc, fpinfo->local_conds)
		pull_varattnos((Node *) ((RestrictInfo *) lfirst(lc))->clause,
					   baserel->relid, &fpinfo->attrs_used);

	fpinfo->local_conds_sel = clauselist_selectivity(root, fpinfo->local_conds,
													 baserel->relid, JOIN_INNER, NULL);
	cost_qual_eval(&fpinfo->local_conds_cost, fpinfo->local_conds, root);

	if (fpinfo->opts.use_remote_estimate &&
		remote_estimate(root, baserel, &rows, &width))
	{
		rows = clamp_row_est(rows * fpinfo->local_conds_sel);
	}
	else
	{
		/* never analyzed: assume a modest table rather than an empty one */
		if (baserel->tuples < 0 || (baserel->tuples == 0 && baserel->pages == 0))
			baserel->tuples = DEFAULT_UNANALYZED_ROWS;
		rows = clamp_row_est(baserel->tuples *
							 clauselist_selectivity(root, baserel->baserestrictinfo,
													baserel->relid, JOIN_INNER, NULL));
	}
	baserel->rows = rows;
	fpinfo->rows = rows;
	fpinfo->width = width > 0 ? width : baserel->reltarget->width;

	fpinfo->startup_cost = fpinfo->opts.fdw_startup_cost +
		fpinfo->local_conds_cost.startup;
	fpinfo->total_cost = fpinfo->startup_cost +
		rows / Max(fpinfo->local_conds_sel, 1e-10) *
		(fpinfo->opts.fdw_tuple_cost + cpu_tuple_cost) +
		rows * fpinfo->local_conds_cost.per_tuple;
}

void
fdw_get_paths(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) baserel->fdw_private;
	ForeignPath *path;

	path = create_foreignscan_path(root, baserel, NULL, fpinfo->rows,
								   fpinfo->startup_cost, fpinfo->total_cost,
								   NIL, NULL, NULL,
#if PG_VERSION_NUM >= 170000
								   NIL,
#endif
								   NIL);
	add_path(baserel, (Path *) path);
}

ForeignScan *
fdw_get_plan(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid,
			 ForeignPath *best_path, List *tlist, List *scan_clauses,
			 Plan *outer_plan)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) baserel->fdw_private;
	List	   *remote_conds = NIL;
	List	   *local_exprs = NIL;
	List	   *retrieved_attrs;
	List	   *params_list = NIL;
	List	   *fdw_private;
	StringInfoData sql;
	ListCell   *lc;

	foreach(lc, scan_clauses)
	{
		RestrictInfo *ri = lfirst_node(RestrictInfo, lc);

		if (ri->pseudoconstant)
			continue;			/* handled by a gating Result node */
		if (list_member_ptr(fpinfo->remote_conds, ri))
			remote_conds = lappend(remote_conds, ri);
		else if (list_member_ptr(fpinfo->local_conds, ri))
			local_exprs = lappend(local_exprs, ri->clause);
		else if (fdw_is_shippable_expr(root, baserel, ri->clause))
			remote_conds = lappend(remote_conds, ri);
		else
			local_exprs = lappend(local_exprs, ri->clause);
	}

	initStringInfo(&sql);
	fdw_deparse_select(&sql, root, baserel, remote_conds, &retrieved_attrs,
					   &params_list);

	fdw_private = list_make5(makeString(sql.data),
							 retrieved_attrs,
							 makeInteger(fpinfo->opts.fetch_size),
							 makeInteger(fpinfo->opts.zero_date_null ? 1 : 0),
							 makeString(psprintf(INT64_FORMAT,
												 fpinfo->opts.max_blob_size)));

	return make_foreignscan(tlist, local_exprs, baserel->relid, params_list,
							fdw_private, NIL, NIL, outer_plan);
}
