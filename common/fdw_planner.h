/*-------------------------------------------------------------------------
 *
 * fdw_planner.h
 *		  The per-relation planning state shared by planner, shippability
 *		  walker and deparser, and the layout of ForeignScan's fdw_private.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_PLANNER_H
#define FDW_PLANNER_H

#include "postgres.h"

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
	Oid			relid;			/* foreign table OID */
	FdwTableOptions opts;
	UserMapping *user;
	const FdwDialect *dialect;
	List	   *remote_conds;	/* RestrictInfos evaluated remotely */
	List	   *local_conds;	/* RestrictInfos evaluated locally */
	Bitmapset  *attrs_used;		/* attributes needed by the query */
	QualCost	local_conds_cost;
	Selectivity local_conds_sel;
	double		rows;
	int			width;
	Cost		startup_cost;
	Cost		total_cost;
	char	   *relation_name;	/* for EXPLAIN: the local table name */
} FdwRelInfo;

/* Indexes into ForeignScan.fdw_private. */
enum FdwScanPrivate
{
	FdwScanPrivateSql,			/* SQL with $n param markers (String) */
	FdwScanPrivateRetrievedAttrs,	/* attnums in remote column order */
	FdwScanPrivateFetchSize,	/* Integer */
	FdwScanPrivateZeroDateNull, /* Integer 0/1 */
	FdwScanPrivateMaxBlobSize	/* String (int64) */
};

/* Marker around a parameter number inside deparsed SQL. */
#define FDW_PARAM_START '\001'
#define FDW_PARAM_END	'\002'

/* shippable.c */
extern bool fdw_is_shippable_expr(PlannerInfo *root, RelOptInfo *baserel,
								  Expr *expr);
extern const FdwFuncMap *fdw_lookup_function(const FdwDialect *dialect,
											 Oid funcid);

/* deparse.c */
extern void fdw_deparse_select(StringInfo buf, PlannerInfo *root,
							   RelOptInfo *baserel, List *remote_conds,
							   List **retrieved_attrs, List **params_list);
extern void fdw_deparse_relation(StringInfo buf, const FdwDialect *dialect,
								 const FdwTableOptions *opts);
extern void fdw_deparse_ident(StringInfo buf, const FdwDialect *dialect,
							  const char *name);
extern void fdw_deparse_literal(StringInfo buf, const FdwDialect *dialect,
								Datum value, Oid type, bool isnull);
extern char *fdw_sql_for_explain(const char *sql);
extern char *fdw_sql_with_params(const char *sql, const FdwDialect *dialect,
								 Datum *values, bool *nulls, Oid *types);

#endif							/* FDW_PLANNER_H */
