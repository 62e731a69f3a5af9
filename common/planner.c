/*-------------------------------------------------------------------------
 *
 * planner.c
 *		  Planning of foreign scans: base relations (with parameterized and
 *		  presorted paths), joins of foreign tables of one server, and the
 *		  upper stages (GROUP BY/aggregates, ORDER BY, LIMIT) on top of them.
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
#if PG_VERSION_NUM >= 160000
	return OidIsValid(baserel->userid) ? baserel->userid : GetUserId();
#else
	RangeTblEntry *rte = planner_rt_fetch(baserel->relid, root);

	return OidIsValid(rte->checkAsUser) ? rte->checkAsUser : GetUserId();
#endif
}

/*
 * Ask the remote how many rows the query computing rel (a base relation, a
 * join or an aggregation) returns.  False when it cannot say.
 */
static bool
remote_estimate(PlannerInfo *root, RelOptInfo *rel, double *rows, int *width)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) rel->fdw_private;
	StringInfoData sql;
	List	   *retrieved_attrs;
	List	   *params = NIL;
	List	   *tlist = NIL;
	FdwConnEntry *entry;
	FdwError	err;

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
	entry = fdw_get_connection(fpinfo->user, true);
	fdw_conn_claim(entry);
	memset(&err, 0, sizeof(err));
	if (!fdw_instance->driver->estimate(entry->conn, sql.data, rows, width, &err))
		fdw_report_error(&err, entry, sql.data);
	return true;
}

/* Costs of fetching rows rows from a query started once. */
static void
scan_costs(FdwRelInfo *fpinfo, double retrieved_rows, double rows,
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
	fpinfo->dialect = fdw_dialect_for(fpinfo->user);
	fpinfo->relation_name = psprintf("%u", baserel->relid);

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
	scan_costs(fpinfo, fpinfo->retrieved_rows, rows, 0,
			   &fpinfo->startup_cost, &fpinfo->total_cost);
}

/* Can every pathkey be sorted remotely? */
static bool
pathkeys_shippable(PlannerInfo *root, RelOptInfo *rel, List *pathkeys)
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

/* Add a path returning rel's rows sorted by the query's ORDER BY. */
static void
add_sorted_path(PlannerInfo *root, RelOptInfo *rel, Path *epq_path)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) rel->fdw_private;
	List	   *pathkeys = root->query_pathkeys;
	Path	   *path;
	Cost		startup;
	Cost		total;

	fpinfo->qp_is_pushdown_safe = pathkeys_shippable(root, rel, pathkeys);
	if (!fpinfo->qp_is_pushdown_safe)
		return;
	/* the remote sorts as it reads: a little more work per row, same startup */
	startup = fpinfo->startup_cost;
	total = startup + (fpinfo->total_cost - startup) * FDW_SORT_MULTIPLIER;
	if (IS_JOIN_REL(rel))
		path = (Path *) create_foreign_join_path(root, rel, NULL, fpinfo->rows,
												 startup, total,
												 pathkeys, rel->lateral_relids,
												 epq_path,
#if PG_VERSION_NUM >= 170000
												 NIL,
#endif
												 NIL);
	else
		path = (Path *) create_foreignscan_path(root, rel, NULL, fpinfo->rows,
												startup, total,
												pathkeys, rel->lateral_relids,
												NULL,
#if PG_VERSION_NUM >= 170000
												NIL,
#endif
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

		scan_costs(fpinfo, rows / Max(fpinfo->local_conds_sel, 1e-10), rows, 0,
				   &startup, &total);
		path = (Path *) create_foreignscan_path(root, baserel, NULL, rows,
												startup, total, NIL,
												ppi->ppi_req_outer, NULL,
#if PG_VERSION_NUM >= 170000
												NIL,
#endif
												NIL);
		add_path(baserel, path);
	}
}

void
fdw_get_paths(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) baserel->fdw_private;
	ForeignPath *path;

	path = create_foreignscan_path(root, baserel, NULL, fpinfo->rows,
								   fpinfo->startup_cost, fpinfo->total_cost,
								   NIL, baserel->lateral_relids, NULL,
#if PG_VERSION_NUM >= 170000
								   NIL,
#endif
								   NIL);
	add_path(baserel, (Path *) path);
	add_sorted_path(root, baserel, NULL);
	add_parameterized_paths(root, baserel);
}

/*
 * Can the join of two remotely computable relations be computed remotely?
 * Fills the join's FdwRelInfo: ON clauses, WHERE conditions pulled up from
 * the inputs, and local conditions.
 */
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
#if PG_VERSION_NUM >= 140000
					pull_varnos(root, (Node *) joinrel->reltarget->exprs),
#else
					pull_varnos((Node *) joinrel->reltarget->exprs),
#endif
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
	fpinfo->outerrel = outerrel;
	fpinfo->innerrel = innerrel;
	fpinfo->jointype = jointype;

	foreach(lc, extra->restrictlist)
	{
		RestrictInfo *ri = lfirst_node(RestrictInfo, lc);
		bool		is_remote = fdw_is_shippable_expr(root, joinrel, ri->clause);

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

	fpinfo->local_conds_sel = clauselist_selectivity(root, fpinfo->local_conds, 0,
													 JOIN_INNER, NULL);
	cost_qual_eval(&fpinfo->local_conds_cost, fpinfo->local_conds, root);
	rows = joinrel->rows;
	if (fpinfo->opts.use_remote_estimate)
	{
		double		remote_rows;
		int			width;

		if (remote_estimate(root, joinrel, &remote_rows, &width))
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
		scan_costs(fpinfo, fpinfo->retrieved_rows, rows,
				   (Min(fo->retrieved_rows, fi->retrieved_rows) + rows) *
				   cpu_operator_cost,
				   &fpinfo->startup_cost, &fpinfo->total_cost);
	}

	path = create_foreign_join_path(root, joinrel, NULL, rows,
									fpinfo->startup_cost, fpinfo->total_cost,
									NIL, joinrel->lateral_relids, epq_path,
#if PG_VERSION_NUM >= 170000
									NIL,
#endif
									NIL);
	add_path(joinrel, (Path *) path);
	add_sorted_path(root, joinrel, epq_path);
}


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

/* Can the grouping of input_rel be computed remotely? Builds grouped_tlist. */
static bool
grouping_is_shippable(PlannerInfo *root, RelOptInfo *grouped_rel,
					  PathTarget *grouping_target, Node *havingQual)
{
	Query	   *query = root->parse;
	FdwRelInfo *fpinfo = (FdwRelInfo *) grouped_rel->fdw_private;
	FdwRelInfo *ofpinfo = (FdwRelInfo *) fpinfo->outerrel->fdw_private;
	List	   *tlist = NIL;
	ListCell   *lc;
	int			i = 0;

	if (query->groupingSets)
		return false;
	/* rows filtered locally must be filtered before they are grouped */
	if (ofpinfo->local_conds)
		return false;

	foreach(lc, grouping_target->exprs)
	{
		Expr	   *expr = (Expr *) lfirst(lc);
		Index		sgref = get_pathtarget_sortgroupref(grouping_target, i);

		if (sgref && get_sortgroupref_clause_noerr(sgref, query->groupClause))
		{
			Oid			type = exprType((Node *) expr);

			/* a grouping key must group exactly as PostgreSQL would */
			if (!fdw_is_shippable_group_key(root, grouped_rel, expr))
				return false;
			if (!(type == INT2OID || type == INT4OID || type == INT8OID ||
				  type == NUMERICOID || type == DATEOID || type == TIMESTAMPOID ||
				  type == TIMESTAMPTZOID || type == TIMEOID ||
				  type == FLOAT8OID || type == FLOAT4OID ||
				  fdw_is_text_key(expr, fpinfo->dialect) ||
				  (type == BOOLOID && fpinfo->dialect->bool_group_template)))
				return false;
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
		else if (fdw_is_shippable_output(root, grouped_rel, expr))
			tlist = add_to_flat_tlist(tlist, list_make1(expr));
		else
		{
			/* compute it locally from shippable aggregates and Vars */
			List	   *aggvars = pull_var_clause((Node *) expr,
												  PVC_INCLUDE_AGGREGATES);
			ListCell   *l2;

			foreach(l2, aggvars)
			{
				Expr	   *e = (Expr *) lfirst(l2);

				if (!IsA(e, Aggref) || !fdw_is_shippable_output(root, grouped_rel, e))
					return false;
			}
			tlist = add_to_flat_tlist(tlist, aggvars);
		}
		i++;
	}

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
			RestrictInfo *ri = make_restrictinfo(root, expr, true, false, false,
#if PG_VERSION_NUM >= 160000
												 false,
#endif
												 root->qual_security_level,
												 grouped_rel->relids, NULL,
#if PG_VERSION_NUM < 160000
												 NULL
#else
												 NULL
#endif
				);

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

static void
add_grouping_paths(PlannerInfo *root, RelOptInfo *input_rel,
				   RelOptInfo *grouped_rel, GroupPathExtraData *extra)
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
	if (extra->patype != PARTITIONWISE_AGGREGATE_NONE &&
		extra->patype != PARTITIONWISE_AGGREGATE_FULL)
		return;

	fpinfo->outerrel = input_rel;
	fpinfo->dialect = ifpinfo->dialect;
	fpinfo->serverid = ifpinfo->serverid;
	fpinfo->user = ifpinfo->user;
	fpinfo->opts = ifpinfo->opts;
	fpinfo->stage = UPPERREL_GROUP_AGG;
	if (!grouping_is_shippable(root, grouped_rel, grouping_target,
							   (Node *) extra->havingQual))
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

		if (remote_estimate(root, grouped_rel, &remote_rows, &width))
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

	path = create_foreign_upper_path(root, grouped_rel, grouping_target,
									 fpinfo->rows, fpinfo->startup_cost,
									 fpinfo->total_cost, NIL, NULL,
#if PG_VERSION_NUM >= 170000
									 NIL,
#endif
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

	if (root->parse->hasTargetSRFs)
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
	if (!pathkeys_shippable(root, input_rel, root->sort_pathkeys))
		return;
	memcpy(fpinfo, ifpinfo, sizeof(FdwRelInfo));
	fpinfo->stage = UPPERREL_GROUP_AGG;	/* still deparsed as the aggregation */
	ordered_rel->fdw_private = fpinfo;

	extra = palloc0(sizeof(FdwPathExtra));
	extra->has_final_sort = true;
	path = create_foreign_upper_path(root, ordered_rel,
									 root->upper_targets[UPPERREL_ORDERED],
									 ifpinfo->rows,
									 ifpinfo->total_cost,
									 ifpinfo->total_cost + ifpinfo->rows *
									 log2(Max(ifpinfo->rows, 2)) * cpu_operator_cost,
									 root->sort_pathkeys, NULL,
#if PG_VERSION_NUM >= 170000
									 NIL,
#endif
									 path_extra_list(extra));
	/* the plan of the input relation is the same; remember where it came from */
	fpinfo->outerrel = ifpinfo->outerrel;
	add_path(ordered_rel, (Path *) path);
}

/* Is a LIMIT/OFFSET value a non-negative constant we can spell? */
static bool
limit_value_ok(Node *node)
{
	Const	   *c = (Const *) node;

	if (node == NULL)
		return true;
	if (!IsA(node, Const) || c->consttype != INT8OID)
		return false;
	return c->constisnull || DatumGetInt64(c->constvalue) >= 0;
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
	if (parse->limitOffset && !((Const *) parse->limitOffset)->constisnull)
		rows -= (double) DatumGetInt64(((Const *) parse->limitOffset)->constvalue);
	if (parse->limitCount && !((Const *) parse->limitCount)->constisnull)
		rows = Min(rows, (double) DatumGetInt64(((Const *) parse->limitCount)->constvalue));
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
	}

	path = create_foreign_upper_path(root, final_rel, target,
									 rows, startup, total, pathkeys, NULL,
#if PG_VERSION_NUM >= 170000
									 NIL,
#endif
									 list_make2(pextra, input_rel));
	add_path(final_rel, (Path *) path);
}

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
	if (stage != UPPERREL_GROUP_AGG && stage != UPPERREL_ORDERED &&
		stage != UPPERREL_FINAL)
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
							   (GroupPathExtraData *) extra);
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
			if (list_member_ptr(fpinfo->remote_conds, ri))
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

	return make_foreignscan(tlist, local_exprs, scan_relid, params_list,
							fdw_private, fdw_scan_tlist, NIL, outer_plan);
}
