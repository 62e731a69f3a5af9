/*-------------------------------------------------------------------------
 *
 * planner.c
 *		  Planning of foreign scans of base relations (with parameterized and
 *		  presorted paths), the costs and estimates every stage shares, and
 *		  the plan of a chosen path.  Joins are planned in planner_join.c,
 *		  the upper stages (GROUP BY/aggregates, ORDER BY, LIMIT) in
 *		  planner_upper.c.
 *
 * The shape follows postgres_fdw: every relation the remote can compute gets
 * an FdwRelInfo saying which conditions run remotely and what it costs, and
 * the deparser turns a chosen path into one remote statement.
 *
 * Row counts come from the remote's own estimate when use_remote_estimate is
 * set, otherwise from local ANALYZE statistics (or a default of 1000 rows for
 * a table never analyzed).  Costs add fdw_startup_cost per remote query and
 * fdw_tuple_cost per row transferred, so fewer round trips and fewer rows
 * (the point of pushing work down) show up as cheaper plans.
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

#define DEFAULT_UNANALYZED_ROWS 1000
/* remote sorting is cheap but not free */
#define FDW_SORT_MULTIPLIER 1.05

static Oid
planning_user(PlannerInfo *root, RelOptInfo *baserel)
{
	return fdw_planned_rel_userid(root, baserel);
}

/*
 * Ask the remote how many rows the query computing rel (a base relation, a
 * join or an aggregation) returns.  False when it cannot say.
 */
bool
fdw_remote_estimate(PlannerInfo *root, RelOptInfo *rel, double *rows, int *width)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) rel->fdw_private;
	StringInfoData sql;
	List	   *retrieved_attrs;
	List	   *params = NIL;
	List	   *tlist = NIL;
	FdwConnEntry *entry;

	if (fdw_instance->driver->estimate == NULL)
		return false;
	if (!IS_SIMPLE_REL(rel))
		tlist = fdw_build_tlist_to_deparse(rel);
	initStringInfo(&sql);
	fdw_deparse_select(&sql, root, rel, tlist, fpinfo->remote_conds, NIL,
					   NULL, &retrieved_attrs, &params);
	/* a query with runtime parameters has no fixed text to estimate */
	if (params != NIL)
		return false;
	entry = fdw_get_connection(fpinfo->user, fdw_plan_xact_use(root));
	return fdw_estimate_remote(entry, sql.data, rows, width);
}

/* Costs of fetching rows rows from a query started once. */
void
fdw_scan_costs(FdwRelInfo *fpinfo, double retrieved_rows, double rows,
		   Cost remote_work, Cost *startup, Cost *total)
{
	/* the first row is there once the first batch has arrived */
	*startup = fpinfo->opts.fdw_startup_cost + fpinfo->local_conds_cost.startup +
		Min(retrieved_rows, fpinfo->opts.fetch_size) *
		(fpinfo->opts.fdw_tuple_cost + cpu_tuple_cost);
	*total = fpinfo->opts.fdw_startup_cost + fpinfo->local_conds_cost.startup +
		remote_work +
		retrieved_rows * (fpinfo->opts.fdw_tuple_cost + cpu_tuple_cost) +
		retrieved_rows * fpinfo->local_conds_cost.per_tuple;
	(void) rows;
}

/*
 * GetForeignRelSize: the table's typed options (once per planned relation),
 * its user mapping (the view owner's through a view) and the connection's
 * dialect, which tells WHERE conditions the remote can run
 * (remote_conds) from those PostgreSQL must (local_conds) and guarded
 * filters (filter_conds, both); then rows and width, from the remote's
 * estimate (use_remote_estimate) or local statistics.  Everything goes into
 * baserel->fdw_private (FdwRelInfo), which the later planner callbacks and
 * the join and upper paths read.
 */
void
fdw_get_rel_size(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid)
{
	FdwRelInfo *fpinfo = palloc0(sizeof(FdwRelInfo));
	ListCell   *lc;
	double		rows;
	int			width = 0;

	baserel->fdw_private = fpinfo;
	fpinfo->pushdown_safe = true;
	fpinfo->relid = foreigntableid;
	fpinfo->serverid = GetForeignTable(foreigntableid)->serverid;
	fdw_table_options(foreigntableid, &fpinfo->opts);
	fpinfo->user = GetUserMapping(planning_user(root, baserel), fpinfo->serverid);
	fpinfo->dialect = fdw_dialect_for_table(fpinfo->user, fpinfo->opts.schema);
	fpinfo->relation_name = psprintf("%u", baserel->relid);

	foreach(lc, baserel->baserestrictinfo)
	{
		RestrictInfo *ri = (RestrictInfo *) lfirst(lc);

		if (fdw_is_shippable_expr(root, baserel, ri->clause))
			fpinfo->remote_conds = lappend(fpinfo->remote_conds, ri);
		else
		{
			/* checked here; maybe also sent as a guarded filter */
			fpinfo->local_conds = lappend(fpinfo->local_conds, ri);
			if (fdw_is_shippable_filter(root, baserel, ri->clause))
				fpinfo->filter_conds = lappend(fpinfo->filter_conds, ri);
		}
	}

	/* columns the query needs: the target list and the local quals */
	pull_varattnos((Node *) baserel->reltarget->exprs, baserel->relid,
				   &fpinfo->attrs_used);
	foreach(lc, fpinfo->local_conds)
		pull_varattnos((Node *) ((RestrictInfo *) lfirst(lc))->clause,
					   baserel->relid, &fpinfo->attrs_used);

	/* a guarded filter passes almost every row it gets: not in the selectivity */
	fpinfo->local_conds_sel =
		clauselist_selectivity(root, list_difference_ptr(fpinfo->local_conds,
														 fpinfo->filter_conds),
							   baserel->relid, JOIN_INNER, NULL);
	cost_qual_eval(&fpinfo->local_conds_cost, fpinfo->local_conds, root);

	if (fpinfo->opts.use_remote_estimate &&
		fdw_remote_estimate(root, baserel, &rows, &width))
	{
		fpinfo->retrieved_rows = clamp_row_est(rows);
		rows = clamp_row_est(rows * fpinfo->local_conds_sel);
	}
	else
	{
		/* never analyzed: assume a modest table rather than an empty one */
		if (baserel->tuples < 0 || (baserel->tuples == 0 && baserel->pages == 0))
			baserel->tuples = fpinfo->opts.tuple_estimate > 0 ?
				fpinfo->opts.tuple_estimate : DEFAULT_UNANALYZED_ROWS;
		rows = clamp_row_est(baserel->tuples *
							 clauselist_selectivity(root, baserel->baserestrictinfo,
													baserel->relid, JOIN_INNER, NULL));
		fpinfo->retrieved_rows = clamp_row_est(rows / Max(fpinfo->local_conds_sel, 1e-10));
	}
	baserel->rows = rows;
	fpinfo->rows = rows;
	fpinfo->width = width > 0 ? width : baserel->reltarget->width;
	fdw_scan_costs(fpinfo, fpinfo->retrieved_rows, rows, 0,
			   &fpinfo->startup_cost, &fpinfo->total_cost);
}

static void add_sorted_path(PlannerInfo *root, RelOptInfo *rel, Path *epq_path,
							List *pathkeys);

/* Can every pathkey be sorted remotely? */
bool
fdw_pathkeys_shippable(PlannerInfo *root, RelOptInfo *rel, List *pathkeys)
{
	ListCell   *lc;

	if (pathkeys == NIL)
		return false;
	foreach(lc, pathkeys)
	{
		PathKey    *pk = (PathKey *) lfirst(lc);
		Expr	   *expr = fdw_pathkey_expr(root, rel, pk);

		if (expr == NULL || !fdw_is_shippable_sort(root, rel, expr, pk->pk_opfamily,
													 pk->pk_eclass->ec_collation))
			return false;
	}
	return true;
}

/*
 * The orders in which a remote sort of rel may help the plan, as
 * postgres_fdw finds them: the query's ORDER BY; else its longest shippable
 * prefix (an Incremental Sort finishes the rest); and, for a table with
 * merge-joinable join conditions, each such column on its own (the input of
 * a Merge Join).  A partition's paths serve its parent's Merge Append.
 */
static List *
useful_pathkeys(PlannerInfo *root, RelOptInfo *rel)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) rel->fdw_private;
	List	   *result = NIL;
	ListCell   *lc;

	if (fpinfo->qp_is_pushdown_safe)
		result = lappend(result, root->query_pathkeys);
	else if (root->query_pathkeys != NIL)
	{
		List	   *prefix = NIL;

		foreach(lc, root->query_pathkeys)
		{
			if (!fdw_pathkeys_shippable(root, rel, list_make1(lfirst(lc))))
				break;
			prefix = lappend(prefix, lfirst(lc));
		}
		if (prefix != NIL)
			result = lappend(result, prefix);
	}

	if (IS_SIMPLE_REL(rel) && rel->has_eclass_joins)
	{
		foreach(lc, root->eq_classes)
		{
			EquivalenceClass *ec = (EquivalenceClass *) lfirst(lc);
			PathKey    *pk;

			if (ec->ec_has_volatile || ec->ec_opfamilies == NIL ||
				!eclass_useful_for_merging(root, ec, rel))
				continue;
			/* the query's first key is sorted by already */
			if (result != NIL &&
				((PathKey *) linitial(linitial(result)))->pk_eclass == ec)
				continue;
			pk = fdw_make_ascending_pathkey(root, ec, linitial_oid(ec->ec_opfamilies));
			if (fdw_pathkeys_shippable(root, rel, list_make1(pk)))
				result = lappend(result, list_make1(pk));
		}
	}
	return result;
}

/* Add paths returning rel's rows sorted remotely, in each useful order. */
void
fdw_add_sorted_path(PlannerInfo *root, RelOptInfo *rel, Path *epq_path)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) rel->fdw_private;
	ListCell   *lc;

	fpinfo->qp_is_pushdown_safe = !fpinfo->opts.no_order_by_pushdown &&
		fdw_pathkeys_shippable(root, rel, root->query_pathkeys);
	if (fpinfo->opts.no_order_by_pushdown)
		return;
	foreach(lc, useful_pathkeys(root, rel))
		add_sorted_path(root, rel, epq_path, (List *) lfirst(lc));
}

/* Add a path returning rel's rows sorted by pathkeys (all shippable). */
static void
add_sorted_path(PlannerInfo *root, RelOptInfo *rel, Path *epq_path,
				List *pathkeys)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) rel->fdw_private;
	Path	   *path;
	Cost		startup;
	Cost		total;

	/* the remote sorts as it reads: a little more work per row, same startup */
	startup = fpinfo->startup_cost;
	total = startup + (fpinfo->total_cost - startup) * FDW_SORT_MULTIPLIER;
	if (IS_JOIN_REL(rel))
		path = (Path *) fdw_create_foreign_join_path(root, rel, NULL, fpinfo->rows,
												 startup, total,
												 pathkeys, rel->lateral_relids,
												 epq_path, fpinfo->join_restrictlist,
												 NIL);
	else
		path = (Path *) fdw_create_foreignscan_path(root, rel, NULL, fpinfo->rows,
												startup, total,
												pathkeys, rel->lateral_relids,
												NULL,
												NIL);
	add_path(rel, path);
}

/* Callback for generate_implied_equalities_for_column: our columns. */
typedef struct EcMemberArg
{
	Expr	   *current;
	List	   *already_used;
} EcMemberArg;

static bool
ec_member_is_our_column(PlannerInfo *root, RelOptInfo *rel,
						EquivalenceClass *ec, EquivalenceMember *em, void *arg)
{
	EcMemberArg *state = (EcMemberArg *) arg;
	Expr	   *expr = em->em_expr;

	if (state->current != NULL)
		return equal(expr, state->current);
	if (!IsA(expr, Var) || list_member(state->already_used, expr))
		return false;
	state->current = expr;
	return true;
}

/*
 * The parameterization under which a movable, shippable join clause can be
 * sent with the scan, added to ppi_list (unchanged if there is none).
 */
static List *
add_clause_ppi(PlannerInfo *root, RelOptInfo *baserel, RestrictInfo *ri,
			   List *ppi_list)
{
	Relids		required_outer;

	if (!join_clause_is_movable_to(ri, baserel) ||
		!fdw_is_shippable_expr(root, baserel, ri->clause))
		return ppi_list;
	required_outer = bms_union(ri->clause_relids, baserel->lateral_relids);
	required_outer = bms_del_member(required_outer, baserel->relid);
	if (bms_is_empty(required_outer))
		return ppi_list;
	return list_append_unique_ptr(ppi_list,
								  get_baserel_parampathinfo(root, baserel,
															required_outer));
}

/*
 * Parameterized paths: a join clause "remote.col = outer.x" becomes a
 * condition sent with each outer row, so a nested loop can drive remote
 * index lookups instead of fetching the whole table.
 */
static void
add_parameterized_paths(PlannerInfo *root, RelOptInfo *baserel)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) baserel->fdw_private;
	List	   *ppi_list = NIL;
	ListCell   *lc;

	foreach(lc, baserel->joininfo)
		ppi_list = add_clause_ppi(root, baserel, (RestrictInfo *) lfirst(lc),
								  ppi_list);

	if (baserel->has_eclass_joins)
	{
		EcMemberArg arg;

		arg.already_used = NIL;
		for (;;)
		{
			List	   *clauses;
			ListCell   *lc2;

			arg.current = NULL;
			clauses = generate_implied_equalities_for_column(root, baserel,
															 ec_member_is_our_column,
															 (void *) &arg,
															 baserel->lateral_referencers);
			if (arg.current == NULL)
				break;
			foreach(lc2, clauses)
				ppi_list = add_clause_ppi(root, baserel,
										  (RestrictInfo *) lfirst(lc2), ppi_list);
			arg.already_used = lappend(arg.already_used, arg.current);
		}
	}

	foreach(lc, ppi_list)
	{
		ParamPathInfo *ppi = (ParamPathInfo *) lfirst(lc);
		double		rows = ppi->ppi_rows;
		Cost		startup;
		Cost		total;
		Path	   *path;

		fdw_scan_costs(fpinfo, rows / Max(fpinfo->local_conds_sel, 1e-10), rows, 0,
				   &startup, &total);
		path = (Path *) fdw_create_foreignscan_path(root, baserel, NULL, rows,
												startup, total, NIL,
												ppi->ppi_req_outer, NULL,
												NIL);
		add_path(baserel, path);
	}
}

/*
 * GetForeignPaths: the plain scan, the remotely sorted scans
 * (fdw_add_sorted_path: ORDER BY, merge-join keys, partitions) and the
 * parameterized scans a nested loop can drive.
 */
void
fdw_get_paths(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) baserel->fdw_private;
	ForeignPath *path;

	path = fdw_create_foreignscan_path(root, baserel, NULL, fpinfo->rows,
								   fpinfo->startup_cost, fpinfo->total_cost,
								   NIL, baserel->lateral_relids, NULL,
								   NIL);
	add_path(baserel, (Path *) path);
	fdw_add_sorted_path(root, baserel, NULL);
	add_parameterized_paths(root, baserel);
}

/*
 * GetForeignPlan: the remote SELECT for the chosen path (a scan, a join, an
 * aggregate, with ORDER BY/LIMIT as the path carries them in its
 * FdwPathExtra), and the conditions PostgreSQL still checks (the plan's
 * quals: local conditions, and guarded filters again).  fdw_private holds what the executor needs
 * without the planner's structures, in FdwScanPrivate order: the SQL with
 * parameter markers, the retrieved attnums (or target list positions), the
 * table options the scan applies (fetch_size, zero_date, max_blob_size),
 * the relation names EXPLAIN shows, and the cursor flags.  fdw_exprs are
 * the parameter values, evaluated at each (re)scan.
 */
ForeignScan *
fdw_get_plan(PlannerInfo *root, RelOptInfo *foreignrel, Oid foreigntableid,
			 ForeignPath *best_path, List *tlist, List *scan_clauses,
			 Plan *outer_plan)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) foreignrel->fdw_private;
	RelOptInfo *deparse_rel = foreignrel;
	FdwPathExtra *extra = NULL;
	List	   *remote_conds = NIL;
	List	   *local_exprs = NIL;
	List	   *fdw_scan_tlist = NIL;
	List	   *retrieved_attrs;
	List	   *params_list = NIL;
	List	   *fdw_private;
	Index		scan_relid;
	StringInfoData sql;
	ListCell   *lc;

	if (best_path->fdw_private)
	{
		extra = (FdwPathExtra *) linitial(best_path->fdw_private);
		/* LIMIT paths remember the relation they limit */
		if (list_length(best_path->fdw_private) > 1)
			deparse_rel = (RelOptInfo *) lsecond(best_path->fdw_private);
	}

	if (IS_SIMPLE_REL(foreignrel) && deparse_rel == foreignrel)
	{
		scan_relid = foreignrel->relid;
		foreach(lc, scan_clauses)
		{
			RestrictInfo *ri = lfirst_node(RestrictInfo, lc);

			if (ri->pseudoconstant)
				continue;		/* handled by a gating Result node */
			if (list_member_ptr(fpinfo->filter_conds, ri))
			{
				/* a guarded filter remotely, the condition itself here */
				remote_conds = lappend(remote_conds, ri);
				local_exprs = lappend(local_exprs, ri->clause);
			}
			else if (list_member_ptr(fpinfo->remote_conds, ri))
				remote_conds = lappend(remote_conds, ri);
			else if (list_member_ptr(fpinfo->local_conds, ri))
				local_exprs = lappend(local_exprs, ri->clause);
			else if (fdw_is_shippable_expr(root, foreignrel, ri->clause))
				remote_conds = lappend(remote_conds, ri);	/* a parameterized join clause */
			else
				local_exprs = lappend(local_exprs, ri->clause);
		}
	}
	else
	{
		FdwRelInfo *dinfo = (FdwRelInfo *) deparse_rel->fdw_private;

		scan_relid = 0;
		/* join/upper relations: the conditions were sorted out when pathing */
		remote_conds = dinfo->remote_conds;
		local_exprs = extract_actual_clauses(dinfo->local_conds, false);
		if (IS_SIMPLE_REL(deparse_rel))
		{
			/* LIMIT directly on a base scan: keep it a base scan */
			scan_relid = deparse_rel->relid;
		}
		else
			fdw_scan_tlist = fdw_build_tlist_to_deparse(deparse_rel);
	}

	fpinfo->final_remote_conds = remote_conds;
	initStringInfo(&sql);
	fdw_deparse_select(&sql, root, deparse_rel, fdw_scan_tlist, remote_conds,
					   best_path->path.pathkeys, extra, &retrieved_attrs,
					   &params_list);

	fdw_private = list_make5(makeString(sql.data),
							 retrieved_attrs,
							 makeInteger(fpinfo->opts.fetch_size),
							 makeInteger(fpinfo->opts.zero_date_null ? 1 : 0),
							 makeString(psprintf(INT64_FORMAT,
												 fpinfo->opts.max_blob_size)));
	fdw_private = lappend(fdw_private,
						  makeString(((FdwRelInfo *) deparse_rel->fdw_private)->relation_name ?
									 ((FdwRelInfo *) deparse_rel->fdw_private)->relation_name : ""));
	/*
	 * Many rows expected from this path (not from its relation: a
	 * parameterized scan returns a few per execution; an aggregate's are
	 * few): the driver's bulk path.
	 */
	fdw_private = lappend(fdw_private,
						  makeInteger(!IS_UPPER_REL(deparse_rel) && !IS_UPPER_REL(foreignrel) &&
									  best_path->path.rows >= fpinfo->opts.bulk_rows ?
									  FDW_CURSOR_BULK : 0));

	return make_foreignscan(tlist, local_exprs, scan_relid, params_list,
							fdw_private, fdw_scan_tlist, NIL, outer_plan);
}
