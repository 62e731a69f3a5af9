/*-------------------------------------------------------------------------
 *
 * planner_join.c
 *		  Joins of foreign tables of one server and user mapping, computed
 *		  remotely: which join types and conditions can be, what the join
 *		  must output, and its paths (with a local join plan for rechecks
 *		  where rows are locked or updated).
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/sysattr.h"
#include "catalog/pg_type.h"
#include "foreign/fdwapi.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/appendinfo.h"
#include "optimizer/clauses.h"
#include "optimizer/cost.h"
#include "optimizer/optimizer.h"
#include "optimizer/pathnode.h"
#include "optimizer/paths.h"
#include "optimizer/planmain.h"
#include "optimizer/restrictinfo.h"
#include "optimizer/tlist.h"
#include "parser/parsetree.h"
#include "utils/lsyscache.h"
#include "utils/selfuncs.h"

#include "connection.h"
#include "fdw_core.h"
#include "fdw_planner.h"
#include "fdw_routine.h"


/*
 * Can the remote join produce every column the join must output?  System
 * columns cannot be; a whole-row value (a row-marked relation, or a query
 * selecting "t") is selected as its columns and built by the scan, which is
 * right only where the relation's row cannot be null-extended (a NULL whole
 * row and a row of NULLs would look the same).
 */
static bool
join_output_ok(PlannerInfo *root, RelOptInfo *joinrel, FdwRelInfo *fpinfo)
{
	List	   *vars = pull_var_clause((Node *) joinrel->reltarget->exprs,
									   PVC_RECURSE_PLACEHOLDERS);
	ListCell   *lc;

	foreach(lc, fpinfo->local_conds)
		vars = list_concat(vars, pull_var_clause((Node *) lfirst_node(RestrictInfo, lc)->clause,
												 PVC_RECURSE_PLACEHOLDERS));
	foreach(lc, vars)
	{
		Var		   *var = (Var *) lfirst(lc);

		if (!IsA(var, Var) || var->varattno > 0)
			continue;
		if (var->varattno < 0 || bms_is_member(var->varno, fpinfo->nullable_relids))
			return false;
		if (find_base_rel(root, var->varno)->max_attr == 0)
			return false;
	}
	return true;
}

/*
 * Can the join of two remotely computable relations be computed remotely?
 * Fills the join's FdwRelInfo: ON clauses, WHERE conditions pulled up from
 * the inputs, and local conditions.
 */
static bool
join_is_shippable(PlannerInfo *root, RelOptInfo *joinrel, JoinType jointype,
				  RelOptInfo *outerrel, RelOptInfo *innerrel,
				  JoinPathExtraData *extra)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) joinrel->fdw_private;
	FdwRelInfo *fo = (FdwRelInfo *) outerrel->fdw_private;
	FdwRelInfo *fi = (FdwRelInfo *) innerrel->fdw_private;
	const FdwDialect *dialect;
	ListCell   *lc;

	if (fo == NULL || fi == NULL || !fo->pushdown_safe || !fi->pushdown_safe)
		return false;
	/* same server and the same user mapping: one connection computes both */
	if (fo->serverid != fi->serverid || fo->user->umid != fi->user->umid)
		return false;
	if (fo->opts.no_join_pushdown || fi->opts.no_join_pushdown)
		return false;
	dialect = fo->dialect;
	switch (jointype)
	{
		case JOIN_INNER:
		case JOIN_LEFT:
			break;
		case JOIN_RIGHT:
			if (!dialect->has_right_join)
				return false;
			break;
		case JOIN_FULL:
			if (!dialect->has_full_join)
				return false;
			/* conditions of the inputs would need subqueries */
			if (fo->remote_conds || fi->remote_conds)
				return false;
			break;
		case JOIN_SEMI:
		case JOIN_ANTI:
			/* spelled [NOT] EXISTS (SELECT NULL FROM inner WHERE ...) */
			break;
		default:
			return false;
	}
	/* an outer join's input whose rows are filtered locally cannot be joined remotely */
	if ((jointype == JOIN_SEMI || jointype == JOIN_ANTI) && fi->local_conds)
		return false;
	/*
	 * The inner side of EXISTS is not visible outside it; an anti join made
	 * from "LEFT JOIN ... WHERE inner.x IS NULL" may still output (NULL)
	 * inner columns.
	 */
	if ((jointype == JOIN_SEMI || jointype == JOIN_ANTI) &&
		bms_overlap(
					pull_varnos(root, (Node *) joinrel->reltarget->exprs),
					innerrel->relids))
		return false;
	if (jointype != JOIN_INNER && jointype != JOIN_SEMI && jointype != JOIN_ANTI &&
		(fo->local_conds || fi->local_conds))
		return false;

	/*
	 * EXISTS conditions of semi/anti joins are written into the WHERE clause,
	 * which is only right where rows are not null-extended afterwards.
	 */
	if (((jointype == JOIN_LEFT || jointype == JOIN_FULL) && fi->contains_semi) ||
		((jointype == JOIN_RIGHT || jointype == JOIN_FULL) && fo->contains_semi))
		return false;
	/* queries through a remote query table cannot be nested */
	if (fo->opts.query || fi->opts.query)
		return false;

	fpinfo->dialect = dialect;
	fpinfo->serverid = fo->serverid;
	fpinfo->user = fo->user;
	fpinfo->opts = fo->opts;
	/* a pushdown turned off for either table is off for the join */
	fpinfo->opts.no_aggregate_pushdown |= fi->opts.no_aggregate_pushdown;
	fpinfo->opts.no_order_by_pushdown |= fi->opts.no_order_by_pushdown;
	fpinfo->opts.no_limit_pushdown |= fi->opts.no_limit_pushdown;
	fpinfo->outerrel = outerrel;
	fpinfo->innerrel = innerrel;
	fpinfo->jointype = jointype;
	fpinfo->join_restrictlist = extra->restrictlist;

	foreach(lc, extra->restrictlist)
	{
		RestrictInfo *ri = lfirst_node(RestrictInfo, lc);
		bool		is_remote;

		/*
		 * A pseudoconstant qual (no column: "current_date = DATE '...'") is
		 * left out of every scan's quals and checked once, in a gating
		 * Result the planner puts above the join; a join replaced by our
		 * scan only gets one from PostgreSQL 17 on (compat.h).
		 */
		if (ri->pseudoconstant && !FDW_JOIN_GATES_PSEUDOCONSTANTS)
			return false;
		is_remote = fdw_is_shippable_expr(root, joinrel, ri->clause);

		/* a semi/anti join's clauses on the inner side belong in EXISTS */
		if ((jointype == JOIN_SEMI || jointype == JOIN_ANTI) &&
			bms_overlap(ri->clause_relids, innerrel->relids))
		{
			if (!is_remote)
				return false;
			fpinfo->joinclauses = lappend(fpinfo->joinclauses, ri);
		}
		else if (IS_OUTER_JOIN(jointype) && jointype != JOIN_SEMI &&
				 !RINFO_IS_PUSHED_DOWN(ri, joinrel->relids))
		{
			if (!is_remote)
				return false;
			fpinfo->joinclauses = lappend(fpinfo->joinclauses, ri);
		}
		else if (is_remote)
			fpinfo->remote_conds = lappend(fpinfo->remote_conds, ri);
		else
			fpinfo->local_conds = lappend(fpinfo->local_conds, ri);
	}
	/* a join clause using a placeholder would need its value computed here */
	foreach(lc, root->placeholder_list)
	{
		PlaceHolderInfo *phinfo = lfirst(lc);
		Relids		relids = joinrel->relids;

		if (bms_is_subset(phinfo->ph_eval_at, relids) &&
			bms_nonempty_difference(relids, phinfo->ph_eval_at))
			return false;
	}

	/* the inputs' own remote conditions move into this query */
	switch (jointype)
	{
		case JOIN_INNER:
			fpinfo->remote_conds = list_concat(fpinfo->remote_conds,
											   list_concat(list_copy(fo->remote_conds),
														   fi->remote_conds));
			fpinfo->local_conds = list_concat(fpinfo->local_conds,
											  list_concat(list_copy(fo->local_conds),
														  fi->local_conds));

			/*
			 * The inputs' guarded filters (checked here, among local_conds)
			 * also go into this query's WHERE, where the deparser guards them.
			 */
			fpinfo->filter_conds = list_concat(list_copy(fo->filter_conds),
											   fi->filter_conds);
			/* (a join input has its own among its remote_conds already) */
			fpinfo->remote_conds = list_concat_unique_ptr(fpinfo->remote_conds,
														  fpinfo->filter_conds);
			break;
		case JOIN_LEFT:
			fpinfo->joinclauses = list_concat(fpinfo->joinclauses, fi->remote_conds);
			fpinfo->remote_conds = list_concat(fpinfo->remote_conds, fo->remote_conds);
			break;
		case JOIN_RIGHT:
			fpinfo->joinclauses = list_concat(fpinfo->joinclauses, fo->remote_conds);
			fpinfo->remote_conds = list_concat(fpinfo->remote_conds, fi->remote_conds);
			break;
		case JOIN_SEMI:
		case JOIN_ANTI:
			/* the inner side's conditions go into the EXISTS subquery */
			fpinfo->joinclauses = list_concat(fpinfo->joinclauses, fi->remote_conds);
			fpinfo->remote_conds = list_concat(fpinfo->remote_conds, fo->remote_conds);
			fpinfo->local_conds = list_concat(fpinfo->local_conds, fo->local_conds);
			break;
		default:
			break;
	}
	fpinfo->contains_semi = fo->contains_semi || fi->contains_semi ||
		jointype == JOIN_SEMI || jointype == JOIN_ANTI;
	/* the base rels whose rows this join (or one inside it) may null-extend */
	fpinfo->nullable_relids = bms_union(fo->nullable_relids, fi->nullable_relids);
	if (jointype == JOIN_LEFT || jointype == JOIN_FULL)
		fpinfo->nullable_relids = bms_add_members(fpinfo->nullable_relids, innerrel->relids);
	if (jointype == JOIN_RIGHT || jointype == JOIN_FULL)
		fpinfo->nullable_relids = bms_add_members(fpinfo->nullable_relids, outerrel->relids);
	if (!join_output_ok(root, joinrel, fpinfo))
		return false;
	/* ON (inner joins put everything into WHERE; same meaning) */
	if (jointype == JOIN_INNER)
	{
		fpinfo->remote_conds = list_concat(fpinfo->remote_conds, fpinfo->joinclauses);
		fpinfo->joinclauses = NIL;
	}

	fpinfo->relation_name = psprintf("(%s) %s JOIN (%s)", fo->relation_name,
									 jointype == JOIN_INNER ? "INNER" :
									 jointype == JOIN_LEFT ? "LEFT" :
									 jointype == JOIN_RIGHT ? "RIGHT" :
									 jointype == JOIN_SEMI ? "SEMI" :
									 jointype == JOIN_ANTI ? "ANTI" : "FULL",
									 fi->relation_name);
	fpinfo->pushdown_safe = true;
	return true;
}

/*
 * GetForeignJoinPaths: one remote join of two relations of the same server
 * and user mapping (join_is_shippable: join type, conditions, both sides'
 * pushdown switches), costed and added with its sorted variants.  Its
 * FdwRelInfo (joinrel->fdw_private) keeps the conditions sorted into
 * remote and local ones, which GetForeignPlan deparses.  Row locks and
 * UPDATE/DELETE need an EvalPlanQual path (an existing local join of the
 * same relations), or the join is not offered.
 */
void
fdw_get_join_paths(PlannerInfo *root, RelOptInfo *joinrel, RelOptInfo *outerrel,
				   RelOptInfo *innerrel, JoinType jointype,
				   JoinPathExtraData *extra)
{
	FdwRelInfo *fpinfo;
	Path	   *epq_path = NULL;
	ForeignPath *path;
	double		rows;

	if (joinrel->fdw_private)
		return;					/* already considered */

	/*
	 * Row locks and UPDATE/DELETE may recheck a joined row after a
	 * concurrent update (EvalPlanQual): the scan then joins the rechecked
	 * rows locally, with a local join path of the same relations.
	 */
	if (root->parse->commandType != CMD_SELECT || root->rowMarks)
	{
		epq_path = GetExistingLocalJoinPath(joinrel);
		if (epq_path == NULL)
			return;
	}

	fpinfo = palloc0(sizeof(FdwRelInfo));
	fpinfo->pushdown_safe = false;
	joinrel->fdw_private = fpinfo;
	if (!join_is_shippable(root, joinrel, jointype, outerrel, innerrel, extra))
		return;

	/* guarded filters are applied remotely too: not in the selectivity */
	fpinfo->local_conds_sel =
		clauselist_selectivity(root, list_difference_ptr(fpinfo->local_conds,
														 fpinfo->filter_conds),
							   0, JOIN_INNER, NULL);
	cost_qual_eval(&fpinfo->local_conds_cost, fpinfo->local_conds, root);
	rows = joinrel->rows;
	if (fpinfo->opts.use_remote_estimate)
	{
		double		remote_rows;
		int			width;

		if (fdw_remote_estimate(root, joinrel, &remote_rows, &width))
			rows = clamp_row_est(remote_rows * fpinfo->local_conds_sel);
	}
	fpinfo->rows = rows;
	fpinfo->width = joinrel->reltarget->width;
	fpinfo->retrieved_rows = clamp_row_est(rows / Max(fpinfo->local_conds_sel, 1e-10));
	{
		FdwRelInfo *fo = (FdwRelInfo *) outerrel->fdw_private;
		FdwRelInfo *fi = (FdwRelInfo *) innerrel->fdw_private;

		/*
		 * The remote joins as well as a local parameterized nested loop
		 * would (index lookups driven by the smaller side), in one query
		 * instead of one per outer row: count the smaller input and the
		 * result, not a full read of both tables.
		 */
		fdw_scan_costs(fpinfo, fpinfo->retrieved_rows, rows,
				   (Min(fo->retrieved_rows, fi->retrieved_rows) + rows) *
				   cpu_operator_cost,
				   &fpinfo->startup_cost, &fpinfo->total_cost);
	}

	path = fdw_create_foreign_join_path(root, joinrel, NULL, rows,
									fpinfo->startup_cost, fpinfo->total_cost,
									NIL, joinrel->lateral_relids, epq_path,
									fpinfo->join_restrictlist, NIL);
	add_path(joinrel, (Path *) path);
	fdw_add_sorted_path(root, joinrel, epq_path);
}
