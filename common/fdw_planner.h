/*-------------------------------------------------------------------------
 *
 * fdw_planner.h
 *		  The per-relation planning state shared by planner, shippability
 *		  walker and deparser, and the layout of ForeignScan's fdw_private.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_PLANNER_H
#define FDW_PLANNER_H

#include "postgres.h"

#include "compat.h"

#include "access/htup_details.h"
#include "foreign/foreign.h"
#include "lib/stringinfo.h"
#include "nodes/pathnodes.h"

#include "fdw_dialect.h"
#include "options.h"

/*
 * Everything the planner learned about a foreign base relation (one struct,
 * hung on RelOptInfo->fdw_private).
 */
typedef struct FdwRelInfo
{
	/* true once the relation is known to be computable remotely */
	bool		pushdown_safe;

	Oid			relid;			/* base relation: foreign table OID */
	FdwTableOptions opts;		/* base: the table's; join/upper: the outer base's */
	UserMapping *user;
	Oid			serverid;
	const FdwDialect *dialect;
	List	   *remote_conds;	/* RestrictInfos evaluated remotely (WHERE) */
	List	   *local_conds;	/* RestrictInfos evaluated locally */
	List	   *filter_conds;	/* base, inner join: local_conds also sent as
								 * guarded filters (and in remote_conds of a
								 * join) */
	Bitmapset  *attrs_used;		/* base: attributes needed by the query */
	QualCost	local_conds_cost;
	Selectivity local_conds_sel;
	Selectivity joinclause_sel;
	double		rows;
	int			width;
	Cost		startup_cost;
	Cost		total_cost;
	double		retrieved_rows; /* rows fetched before local quals */
	char	   *relation_name;	/* for EXPLAIN: "t1" or "(t1) INNER JOIN (t2)" */

	/* join relations */
	RelOptInfo *outerrel;
	RelOptInfo *innerrel;
	JoinType	jointype;
	List	   *joinclauses;	/* RestrictInfos of the ON clause (or EXISTS) */
	List	   *join_restrictlist;	/* all of the join's RestrictInfos (for gating) */
	bool		contains_semi;	/* a semi/anti join inside: EXISTS in WHERE */
	Relids		nullable_relids;	/* base rels an outer join may null-extend */

	/* upper relations */
	UpperRelationKind stage;
	List	   *grouped_tlist;	/* GROUP BY / aggregate target list */

	/* Set when a path's pathkeys can be sent as ORDER BY */
	bool		qp_is_pushdown_safe;

	/* the remote conditions GetForeignPlan finally chose (direct modify) */
	List	   *final_remote_conds;
} FdwRelInfo;

/* Extra data attached to upper paths (fdw_private of the path). */
typedef struct FdwPathExtra
{
	bool		has_final_sort;
	bool		has_limit;
	Node	   *limit_count;
	Node	   *limit_offset;
} FdwPathExtra;

/* Indexes into ForeignScan.fdw_private. */
enum FdwScanPrivate
{
	FdwScanPrivateSql,			/* SQL with $n param markers (String) */
	FdwScanPrivateRetrievedAttrs,	/* attnums in remote column order */
	FdwScanPrivateFetchSize,	/* Integer */
	FdwScanPrivateZeroDateNull, /* Integer 0/1 */
	FdwScanPrivateMaxBlobSize,	/* String (int64) */
	FdwScanPrivateRelations,	/* String: what the scan computes, for EXPLAIN */
	FdwScanPrivateCursorFlags	/* Integer: FDW_CURSOR_* */
};

/*
 * retrieved_attrs entries of the extra remote columns of a split avg()
 * (FDW_FN_SPLIT_AVG): the sum goes to the output column attno itself; the
 * count, and for double precision the least and greatest value, follow it,
 * marked with these (negative: no real column has such a number).  A
 * whole-row value in a join's output is selected as its columns, each
 * marked FDW_AUX_ROWCOL with the output column, in the row type's order.
 */
#define FDW_AUX_COUNT	0
#define FDW_AUX_MIN		1
#define FDW_AUX_MAX		2
/* a column of a whole-row value (Var with varattno 0) built by the scan */
#define FDW_AUX_ROWCOL	3
#define FDW_AUX(kind, attno)	(-(attno) - (kind) * 2 * MaxTupleAttributeNumber)
#define FDW_AUX_KIND(v)			((-(v)) / (2 * MaxTupleAttributeNumber))
#define FDW_AUX_ATTNO(v)		((-(v)) % (2 * MaxTupleAttributeNumber))

/*
 * Marker around a parameter number inside deparsed SQL.  A LIMIT or OFFSET
 * value has FDW_PARAM_LIMIT or FDW_PARAM_OFFSET right after the start: it
 * is checked and spelled as PostgreSQL's LIMIT would take it.
 */
#define FDW_PARAM_START '\001'
#define FDW_PARAM_END	'\002'
#define FDW_PARAM_LIMIT 'L'
#define FDW_PARAM_OFFSET 'O'

/* planner.c: costs and paths the join and upper stages share */
extern bool fdw_remote_estimate(PlannerInfo *root, RelOptInfo *rel, double *rows,
								int *width);
extern void fdw_scan_costs(FdwRelInfo *fpinfo, double retrieved_rows, double rows,
						   Cost remote_work, Cost *startup, Cost *total);
extern bool fdw_pathkeys_shippable(PlannerInfo *root, RelOptInfo *rel,
								   List *pathkeys);
extern void fdw_add_sorted_path(PlannerInfo *root, RelOptInfo *rel, Path *epq_path);

/* shippable.c */
extern bool fdw_is_shippable_expr(PlannerInfo *root, RelOptInfo *rel,
								  Expr *expr);
extern bool fdw_is_shippable_filter(PlannerInfo *root, RelOptInfo *rel,
									Expr *expr);
extern bool fdw_is_shippable_group_key(PlannerInfo *root, RelOptInfo *rel,
									   Expr *expr);
extern bool fdw_is_shippable_output(PlannerInfo *root, RelOptInfo *rel,
									Expr *expr);
extern bool fdw_is_foreign_param(PlannerInfo *root, RelOptInfo *rel,
								 Expr *expr);
extern bool fdw_is_shippable_sort(PlannerInfo *root, RelOptInfo *rel,
								  Expr *expr, Oid opfamily, Oid collation);
extern bool fdw_is_text_key(Expr *expr, const FdwDialect *dialect);

/* collation.c */
extern bool fdw_collation_is_bytewise(Oid collid);
extern const FdwFuncMap *fdw_lookup_function(const FdwDialect *dialect,
											 Oid funcid);
extern const FdwFuncMap *fdw_lookup_function_args(const FdwDialect *dialect,
												  Oid funcid, List *args);

/* deparse.c */
extern void fdw_deparse_select(StringInfo buf, PlannerInfo *root,
							   RelOptInfo *rel, List *tlist,
							   List *remote_conds, List *pathkeys,
							   FdwPathExtra *extra,
							   List **retrieved_attrs, List **params_list);
extern List *fdw_build_tlist_to_deparse(RelOptInfo *rel);
extern Expr *fdw_pathkey_expr(PlannerInfo *root, RelOptInfo *rel,
							  PathKey *pathkey);
extern void fdw_deparse_expr_for_rel(StringInfo buf, PlannerInfo *root,
									 RelOptInfo *rel, Expr *expr,
									 List **params_list);
extern void fdw_deparse_where(StringInfo buf, PlannerInfo *root,
							  RelOptInfo *rel, List *conds,
							  List **params_list);
extern void fdw_deparse_relation(StringInfo buf, const FdwDialect *dialect,
								 const FdwTableOptions *opts);
extern void fdw_deparse_ident(StringInfo buf, const FdwDialect *dialect,
							  const char *name);
extern char *fdw_sql_for_explain(const char *sql);
extern char *fdw_sql_with_params(const char *sql, const FdwDialect *dialect,
								 Datum *values, bool *nulls, Oid *types);

#endif							/* FDW_PLANNER_H */
