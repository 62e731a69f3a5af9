/*-------------------------------------------------------------------------
 *
 * planner_upper.c
 *		  The upper stages computed remotely on top of a foreign scan or
 *		  join: GROUP BY with aggregates and HAVING, ORDER BY, and LIMIT/
 *		  OFFSET, each checked for PostgreSQL's semantics and costed; and
 *		  under partition-wise aggregation each partition's aggregation,
 *		  full or partial (its states combined locally).
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
 * Does the grouping select an avg(double precision) whose overflow check
 * runs in the scan (FDW_FN_SPLIT_AVG)?  exprs: the target list's and the
 * HAVING clause's aggregates.
 */
static bool
has_checked_avg(List *exprs, const FdwDialect *dialect)
{
	ListCell   *lc;

	foreach(lc, exprs)
	{
		Expr	   *e = (Expr *) lfirst(lc);
		const FdwFuncMap *map;

		if (IsA(e, TargetEntry))
			e = ((TargetEntry *) e)->expr;
		if (!IsA(e, Aggref) || ((Aggref *) e)->aggtype != FLOAT8OID)
			continue;
		map = fdw_lookup_function(dialect, ((Aggref *) e)->aggfnoid);
		if (map && (map->flags & FDW_FN_SPLIT_AVG))
			return true;
	}
	return false;
}

/*
 * The grouping clause of a column of a partial grouping target that carries
 * no sortgroupref, or 0.  PostgreSQL 16 and later build that target from the
 * grouping keys that are not redundant (processed_groupClause): a key known
 * equal to a constant or to another key ("WHERE a = 1 GROUP BY a, b")
 * arrives as a plain column.  It is still a key of the query's GROUP BY
 * (full_tlist, the grouping target's entries, tells which), and grouping
 * remotely by it too makes the same groups.
 */
static Index
redundant_key_ref(Expr *expr, List *full_tlist, List *groupClause)
{
	ListCell   *lc;

	if (!IsA(expr, Var))
		return 0;
	foreach(lc, full_tlist)
	{
		TargetEntry *tle = lfirst_node(TargetEntry, lc);

		if (tle->ressortgroupref != 0 &&
			get_sortgroupref_clause_noerr(tle->ressortgroupref, groupClause) &&
			equal(tle->expr, expr))
			return tle->ressortgroupref;
	}
	return 0;
}

/*
 * Can the grouping of input_rel be computed remotely? Builds grouped_tlist.
 * full_tlist: for the partial stage of partition-wise aggregation, the
 * target list of the full grouping (to find redundant keys); NIL otherwise.
 */
static bool
grouping_is_shippable(PlannerInfo *root, RelOptInfo *grouped_rel,
					  PathTarget *grouping_target, Node *havingQual,
					  List *full_tlist)
{
	Query	   *query = root->parse;
	FdwRelInfo *fpinfo = (FdwRelInfo *) grouped_rel->fdw_private;
	FdwRelInfo *ofpinfo = (FdwRelInfo *) fpinfo->outerrel->fdw_private;
	List	   *tlist = NIL;
	ListCell   *lc;
	int			i = 0;
	bool		has_column_key = false;

	if (query->groupingSets)
		return false;
	/* rows filtered locally must be filtered before they are grouped */
	if (ofpinfo->local_conds)
		return false;

	foreach(lc, grouping_target->exprs)
	{
		Expr	   *expr = (Expr *) lfirst(lc);
		Index		sgref = get_pathtarget_sortgroupref(grouping_target, i);

		if (sgref == 0 && full_tlist != NIL)
			sgref = redundant_key_ref(expr, full_tlist, query->groupClause);
		if (sgref && get_sortgroupref_clause_noerr(sgref, query->groupClause))
		{
			Oid			type = exprType((Node *) expr);

			/* a grouping key must group exactly as PostgreSQL would */
			if (!fdw_is_shippable_group_key(root, grouped_rel, expr))
				return false;
			/* a parameter cannot be a column of the remote select list */
			if (fdw_is_foreign_param(root, grouped_rel, expr))
				return false;
			if (!(type == INT2OID || type == INT4OID || type == INT8OID ||
				  type == NUMERICOID || type == DATEOID || type == TIMESTAMPOID ||
				  type == TIMESTAMPTZOID || type == TIMEOID ||
				  type == FLOAT8OID || type == FLOAT4OID ||
				  fdw_is_text_key(expr, fpinfo->dialect) ||
				  (type == BOOLOID && fpinfo->dialect->bool_group_template)))
				return false;
			/* a key on no column is left out of the remote GROUP BY */
			if (contain_var_clause((Node *) expr))
				has_column_key = true;

			/*
			 * A TLE of its own carrying the sortgroupref, even if the same
			 * expression is grouped twice (GROUP BY a, a).
			 */
			{
				TargetEntry *tle = makeTargetEntry(expr, list_length(tlist) + 1,
												   NULL, false);

				tle->ressortgroupref = sgref;
				tlist = lappend(tlist, tle);
			}
		}
		else if (fdw_is_shippable_output(root, grouped_rel, expr) &&
				 !fdw_is_foreign_param(root, grouped_rel, expr))
			tlist = add_to_flat_tlist(tlist, list_make1(expr));
		else
		{
			/*
			 * Compute it locally over the remote grouping (as postgres_fdw
			 * does): from shippable aggregates, fetched as columns, and
			 * grouping columns, which parse analysis guarantees every Var
			 * outside an aggregate to be (or to be part of a grouping
			 * expression, which setrefs matches whole), so they are in the
			 * list already.  "lower(name) ... GROUP BY name" groups
			 * remotely even where lower() is not shipped.  A bare
			 * parameter ends up here too (see fdw_is_foreign_param): it
			 * pulls nothing and is evaluated above the scan.
			 */
			List	   *aggvars = pull_var_clause((Node *) expr,
												  PVC_INCLUDE_AGGREGATES);
			ListCell   *l2;

			foreach(l2, aggvars)
			{
				Expr	   *e = (Expr *) lfirst(l2);

				if (IsA(e, Var))
					continue;
				if (!IsA(e, Aggref) || !fdw_is_shippable_output(root, grouped_rel, e))
					return false;
				tlist = add_to_flat_tlist(tlist, list_make1(e));
			}
		}
		i++;
	}

	/*
	 * Keys on no column ("GROUP BY 9", "'a' || 'b'") are the same for every
	 * row: the remote GROUP BY leaves them out, since MySQL and SQLite read
	 * an integer there as a select-list position and SQL Server refuses a
	 * constant.  Only all-constant keys stay local: without any key the
	 * remote would return one row for no input rows, where PostgreSQL's
	 * grouping returns none.
	 */
	if (query->groupClause && !has_column_key)
		return false;

	/* HAVING: remote where shippable, else local over fetched aggregates */
	if (havingQual)
	{
		/*
		 * PostgreSQL raises an overflow of avg(double precision) in any
		 * group, also one HAVING drops; the scan checks only the groups it
		 * receives, so it must receive them all.
		 */
		bool		keep_groups =
			has_checked_avg(tlist, fpinfo->dialect) ||
			has_checked_avg(pull_var_clause(havingQual, PVC_INCLUDE_AGGREGATES),
							fpinfo->dialect);

		foreach(lc, (List *) havingQual)
		{
			Expr	   *expr = (Expr *) lfirst(lc);
			RestrictInfo *ri = fdw_make_restrictinfo(root, expr,
													 grouped_rel->relids);

			if (!keep_groups && fdw_is_shippable_expr(root, grouped_rel, expr))
				fpinfo->remote_conds = lappend(fpinfo->remote_conds, ri);
			else
				fpinfo->local_conds = lappend(fpinfo->local_conds, ri);
		}
	}
	/* local HAVING conditions need their aggregates fetched */
	foreach(lc, fpinfo->local_conds)
	{
		RestrictInfo *ri = lfirst_node(RestrictInfo, lc);
		List	   *aggvars = pull_var_clause((Node *) ri->clause,
											  PVC_INCLUDE_AGGREGATES);
		ListCell   *l2;

		foreach(l2, aggvars)
		{
			Expr	   *e = (Expr *) lfirst(l2);

			if (IsA(e, Aggref) && !fdw_is_shippable_output(root, grouped_rel, e))
				return false;
		}
		tlist = add_to_flat_tlist(tlist, aggvars);
	}

	fpinfo->grouped_tlist = tlist;
	return true;
}

/*
 * The aggregation of a remotely computed relation, as one remote SELECT
 * with GROUP BY (and HAVING): for the query (UPPERREL_GROUP_AGG), for one
 * partition of full partition-wise aggregation (the same stage on a child
 * relation, where the GROUP BY holds the partition key), or, with partial
 * true, as the Partial Aggregate of one partition under PostgreSQL's
 * Finalize Aggregate (UPPERREL_PARTIAL_GROUP_AGG, where it does not).  The
 * partial stage has no HAVING: it is checked on the combined groups.
 */
static void
add_grouping_paths(PlannerInfo *root, RelOptInfo *input_rel,
				   RelOptInfo *grouped_rel, GroupPathExtraData *extra,
				   bool partial)
{
	Query	   *parse = root->parse;
	FdwRelInfo *ifpinfo = (FdwRelInfo *) input_rel->fdw_private;
	FdwRelInfo *fpinfo = (FdwRelInfo *) grouped_rel->fdw_private;
	PathTarget *grouping_target = grouped_rel->reltarget;
	double		num_groups;
	ForeignPath *path;
	List	   *group_exprs;

	if (!parse->groupClause && !parse->hasAggs && !root->hasHavingQual)
		return;
	if (ifpinfo->opts.no_aggregate_pushdown)
		return;

	/*
	 * A partition's grouping in partial partition-wise aggregation is only
	 * its Partial Aggregate (the partial stage, below); the full grouping of
	 * such a child is never used.
	 */
	if (!partial && extra->patype != PARTITIONWISE_AGGREGATE_NONE &&
		extra->patype != PARTITIONWISE_AGGREGATE_FULL)
		return;

	fpinfo->outerrel = input_rel;
	fpinfo->dialect = ifpinfo->dialect;
	fpinfo->serverid = ifpinfo->serverid;
	fpinfo->user = ifpinfo->user;
	fpinfo->opts = ifpinfo->opts;
	/* the partial stage is deparsed as a grouping too, its Aggrefs split */
	fpinfo->stage = UPPERREL_GROUP_AGG;
	if (!grouping_is_shippable(root, grouped_rel, grouping_target,
							   partial ? NULL : (Node *) extra->havingQual,
							   partial ? extra->targetList : NIL))
		return;
	fpinfo->pushdown_safe = true;

	group_exprs = get_sortgrouplist_exprs(parse->groupClause, fpinfo->grouped_tlist);
	num_groups = parse->groupClause ?
		estimate_num_groups(root, group_exprs, ifpinfo->rows, NULL, NULL) : 1;
	cost_qual_eval(&fpinfo->local_conds_cost, fpinfo->local_conds, root);
	fpinfo->local_conds_sel = clauselist_selectivity(root, fpinfo->local_conds, 0,
													 JOIN_INNER, NULL);
	if (fpinfo->opts.use_remote_estimate)
	{
		double		remote_rows;
		int			width;

		if (fdw_remote_estimate(root, grouped_rel, &remote_rows, &width))
			num_groups = clamp_row_est(remote_rows);
	}
	fpinfo->retrieved_rows = num_groups;
	fpinfo->rows = clamp_row_est(num_groups * fpinfo->local_conds_sel);
	fpinfo->width = grouping_target->width;
	/*
	 * The remote does the input's work, aggregates (at half the local rate:
	 * no tuple passes through an executor node) and sends one row per group
	 * instead of every input row.  So it is always cheaper than fetching the
	 * input and aggregating locally, as it should be, and plan choice does
	 * not hinge on sampled group counts.
	 */
	{
		Cost		per_row = fpinfo->opts.fdw_tuple_cost + cpu_tuple_cost;

		fpinfo->total_cost = ifpinfo->total_cost -
			ifpinfo->retrieved_rows * per_row + num_groups * per_row +
			ifpinfo->retrieved_rows * cpu_operator_cost * 0.5 *
			list_length(fpinfo->grouped_tlist) +
			fpinfo->rows * fpinfo->local_conds_cost.per_tuple;
		/* near-ties (tiny inputs) go to the remote: less local work */
		fpinfo->total_cost *= 0.98;
		fpinfo->startup_cost = fpinfo->total_cost;	/* nothing before the input ends */
	}
	fpinfo->relation_name = psprintf("Aggregate on (%s)", ifpinfo->relation_name);

	path = fdw_create_foreign_upper_path(root, grouped_rel, grouping_target,
									 fpinfo->rows, fpinfo->startup_cost,
									 fpinfo->total_cost, NIL, NULL,
									 NIL);
	add_path(grouped_rel, (Path *) path);
}

static List *
path_extra_list(FdwPathExtra *extra)
{
	return list_make1(extra);	/* carried to GetForeignPlan via fdw_private */
}

/* ORDER BY over an aggregation (base and join rels use presorted paths). */
static void
add_ordered_paths(PlannerInfo *root, RelOptInfo *input_rel,
				  RelOptInfo *ordered_rel)
{
	FdwRelInfo *ifpinfo = (FdwRelInfo *) input_rel->fdw_private;
	FdwRelInfo *fpinfo = (FdwRelInfo *) ordered_rel->fdw_private;
	FdwPathExtra *extra;
	ForeignPath *path;

	if (root->parse->hasTargetSRFs || ifpinfo->opts.no_order_by_pushdown)
		return;
	if (input_rel->reloptkind != RELOPT_UPPER_REL)
	{
		/*
		 * A base or join relation already has a presorted path for the
		 * query's ORDER BY (query_pathkeys); remember it for LIMIT.
		 */
		fpinfo->stage = UPPERREL_ORDERED;
		fpinfo->outerrel = input_rel;
		fpinfo->dialect = ifpinfo->dialect;
		fpinfo->opts = ifpinfo->opts;
		fpinfo->pushdown_safe = ifpinfo->qp_is_pushdown_safe;
		return;
	}
	if (!fdw_pathkeys_shippable(root, input_rel, root->sort_pathkeys))
		return;
	memcpy(fpinfo, ifpinfo, sizeof(FdwRelInfo));
	fpinfo->stage = UPPERREL_GROUP_AGG;	/* still deparsed as the aggregation */
	ordered_rel->fdw_private = fpinfo;

	extra = palloc0(sizeof(FdwPathExtra));
	extra->has_final_sort = true;
	path = fdw_create_foreign_upper_path(root, ordered_rel,
									 root->upper_targets[UPPERREL_ORDERED],
									 ifpinfo->rows,
									 ifpinfo->total_cost,
									 ifpinfo->total_cost + ifpinfo->rows *
									 log2(Max(ifpinfo->rows, 2)) * cpu_operator_cost,
									 root->sort_pathkeys, NULL,
									 path_extra_list(extra));
	/* the plan of the input relation is the same; remember where it came from */
	fpinfo->outerrel = ifpinfo->outerrel;
	add_path(ordered_rel, (Path *) path);
}

/*
 * Can a LIMIT/OFFSET value be sent?  A non-negative constant, or a value
 * known only at execution (LIMIT $1, LIMIT (SELECT ...)): an expression of
 * parameters and stable functions, evaluated before the scan and checked
 * there as PostgreSQL's Limit node would (fdw_sql_with_params).
 */
static bool
limit_value_ok(Node *node)
{
	Const	   *c = (Const *) node;

	if (node == NULL)
		return true;
	if (exprType(node) != INT8OID)
		return false;
	if (IsA(node, Const))
		return c->constisnull || DatumGetInt64(c->constvalue) >= 0;
	return !contain_var_clause(node) && !contain_volatile_functions(node) &&
		!contain_subplans(node) && !contain_agg_clause(node) &&
		!contain_window_function(node);
}

/*
 * The value of a LIMIT/OFFSET for row estimates (-1: none).  One known only
 * at execution is taken as 10% of the input rows, PostgreSQL's own guess
 * for its Limit node (adjust_limit_rows_costs), so the two paths compare.
 */
static double
limit_estimate(Node *node, int64 est, double input_rows)
{
	if (node == NULL || (IsA(node, Const) && ((Const *) node)->constisnull))
		return -1;
	if (IsA(node, Const))
		return (double) DatumGetInt64(((Const *) node)->constvalue);
	return est > 0 ? (double) est : clamp_row_est(input_rows * 0.10);
}

/* LIMIT/OFFSET on top of a remotely computed (and maybe sorted) result. */
static void
add_final_paths(PlannerInfo *root, RelOptInfo *input_rel, RelOptInfo *final_rel,
				FinalPathExtraData *extra)
{
	Query	   *parse = root->parse;
	FdwRelInfo *ifpinfo = (FdwRelInfo *) input_rel->fdw_private;
	FdwRelInfo *fpinfo = (FdwRelInfo *) final_rel->fdw_private;
	RelOptInfo *base_input = input_rel;
	Path	   *input_path = NULL;
	PathTarget *target = NULL;
	List	   *pathkeys = NIL;
	FdwPathExtra *pextra;
	ForeignPath *path;
	ListCell   *lc;
	double		rows;
	Cost		startup;
	Cost		total;

	if (ifpinfo->opts.no_limit_pushdown)
		return;
	if (parse->commandType != CMD_SELECT || !extra->limit_needed ||
		parse->hasTargetSRFs || parse->rowMarks || root->rowMarks ||
		parse->distinctClause || parse->hasWindowFuncs)
		return;
	if (ifpinfo->dialect->limit_style == FDW_LIMIT_NONE)
		return;
	if (!limit_value_ok(parse->limitCount) || !limit_value_ok(parse->limitOffset))
		return;
	if (parse->limitOption == LIMIT_OPTION_WITH_TIES)
		return;
	if (parse->limitOffset && !parse->limitCount && ifpinfo->dialect->offset_needs_order &&
		!parse->sortClause)
		return;

	/* ORDER BY over a base or join relation: its presorted path */
	if (ifpinfo->stage == UPPERREL_ORDERED)
	{
		input_rel = ifpinfo->outerrel;
		ifpinfo = (FdwRelInfo *) input_rel->fdw_private;
	}
	/* rows filtered locally after the remote LIMIT would be missing */
	if (ifpinfo->local_conds != NIL)
		return;

	/*
	 * Find our path in input_rel to put the LIMIT on: a ForeignPath, or one
	 * under a projection (a select list naming a column twice, or computing
	 * over the remote columns), whose target the final scan then computes.
	 */
	foreach(lc, input_rel->pathlist)
	{
		Path	   *p = (Path *) lfirst(lc);
		Path	   *fp = p;

		if (IsA(p, ProjectionPath))
			fp = ((ProjectionPath *) p)->subpath;
		if (!IsA(fp, ForeignPath) || fp->param_info != NULL)
			continue;
		if (parse->sortClause)
		{
			if (!pathkeys_contained_in(root->sort_pathkeys, fp->pathkeys))
				continue;
		}
		input_path = fp;
		target = p->pathtarget;
		break;
	}
	if (input_path == NULL)
		return;
	if (parse->sortClause)
		pathkeys = root->sort_pathkeys;

	/* an ordered upper rel is deparsed as its aggregation */
	if (input_rel->reloptkind == RELOPT_UPPER_REL && ifpinfo->stage == UPPERREL_GROUP_AGG &&
		input_rel != ifpinfo->outerrel)
		base_input = input_rel;

	memcpy(fpinfo, ifpinfo, sizeof(FdwRelInfo));
	final_rel->fdw_private = fpinfo;
	if (!IS_UPPER_REL(input_rel))
	{
		/* LIMIT straight on a scan or join: deparsed as that relation */
		fpinfo->stage = UPPERREL_FINAL;
	}
	(void) base_input;

	pextra = palloc0(sizeof(FdwPathExtra));
	pextra->has_final_sort = (pathkeys != NIL);
	pextra->has_limit = true;
	pextra->limit_count = parse->limitCount;
	pextra->limit_offset = parse->limitOffset;

	rows = input_path->rows;
	if (limit_estimate(parse->limitOffset, extra->offset_est, rows) > 0)
		rows -= limit_estimate(parse->limitOffset, extra->offset_est, rows);
	if (limit_estimate(parse->limitCount, extra->count_est, input_path->rows) >= 0)
		rows = Min(rows, limit_estimate(parse->limitCount, extra->count_est,
										input_path->rows));
	rows = clamp_row_est(rows);
	/*
	 * The remote stops after the limit: only those rows cross the network,
	 * and (like a local Limit) only a fraction of the remote work is done.
	 */
	{
		Cost		per_row = ifpinfo->opts.fdw_tuple_cost + cpu_tuple_cost;
		Cost		remote_work = input_path->total_cost - input_path->startup_cost -
			input_path->rows * per_row;

		/* the first batch is smaller too */
		startup = input_path->startup_cost -
			(Min(input_path->rows, ifpinfo->opts.fetch_size) -
			 Min(rows, ifpinfo->opts.fetch_size)) * per_row;

		total = startup + Max(remote_work, 0) * (rows / Max(input_path->rows, 1)) +
			rows * per_row;

		/*
		 * Where PostgreSQL's Limit over the full scan costs the same (a
		 * limit known only at execution is 10% of the rows for both), the
		 * remote LIMIT must win: a local Limit only stops reading, while
		 * the remote goes on producing the rest into the connection until
		 * the statement is discarded.  5% less than the tie.
		 */
		total -= (total - startup) * 0.05;
	}

	path = fdw_create_foreign_upper_path(root, final_rel, target,
									 rows, startup, total, pathkeys, NULL,
									 list_make2(pextra, input_rel));
	add_path(final_rel, (Path *) path);
}

/*
 * GetForeignUpperPaths: the aggregation (GROUP BY, HAVING), the ORDER BY
 * and the LIMIT/OFFSET of a relation already computed remotely, each
 * stage added as a path of the upper relation when the dialect can spell
 * it with PostgreSQL's results (grouping_is_shippable, add_ordered_paths,
 * add_final_paths); for a partition under partition-wise aggregation, its
 * full or partial aggregation (add_grouping_paths).
 */
void
fdw_get_upper_paths(PlannerInfo *root, UpperRelationKind stage,
					RelOptInfo *input_rel, RelOptInfo *output_rel, void *extra)
{
	FdwRelInfo *fpinfo;

	if (!input_rel->fdw_private ||
		!((FdwRelInfo *) input_rel->fdw_private)->pushdown_safe)
		return;
	/*
	 * Pseudoconstant quals (WHERE $1 > 0, WHERE localtimestamp < ...) gate
	 * the scan with a local Result node; an aggregate or LIMIT computed
	 * remotely would escape that gate.
	 */
	if (root->hasPseudoConstantQuals)
		return;
	if (stage != UPPERREL_GROUP_AGG && stage != UPPERREL_PARTIAL_GROUP_AGG &&
		stage != UPPERREL_ORDERED && stage != UPPERREL_FINAL)
		return;
	if (output_rel->fdw_private)
		return;

	fpinfo = palloc0(sizeof(FdwRelInfo));
	fpinfo->pushdown_safe = false;
	fpinfo->stage = stage;
	output_rel->fdw_private = fpinfo;

	switch (stage)
	{
		case UPPERREL_GROUP_AGG:
			add_grouping_paths(root, input_rel, output_rel,
							   (GroupPathExtraData *) extra, false);
			break;
		case UPPERREL_PARTIAL_GROUP_AGG:
			add_grouping_paths(root, input_rel, output_rel,
							   (GroupPathExtraData *) extra, true);
			break;
		case UPPERREL_ORDERED:
			add_ordered_paths(root, input_rel, output_rel);
			break;
		case UPPERREL_FINAL:
			add_final_paths(root, input_rel, output_rel,
							(FinalPathExtraData *) extra);
			break;
		default:
			break;
	}
}
