/*-------------------------------------------------------------------------
 *
 * deparse.c
 *		  Builds remote SQL text from planner structures, spelled by the
 *		  remote's dialect.
 *
 * Only expressions that shippable.c accepted reach this file; every choice
 * of spelling (identifier quotes, function templates) comes from the
 * FdwDialect, so the same code writes MySQL, T-SQL and ANSI SQL.  Constants
 * are spelled by literal.c, as the values of writes are.
 *
 * Parameters (values known only at execution, e.g. the outer side of a
 * nested loop) are written as numbered markers; at execution they are
 * replaced by literals of their current values (fdw_sql_with_params), which
 * every source understands, checked and spelled as constants are, and
 * EXPLAIN shows them as $n.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/sysattr.h"
#include "catalog/pg_type.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/optimizer.h"
#include "optimizer/tlist.h"
#include "optimizer/prep.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/syscache.h"
#include "access/stratnum.h"
#include "optimizer/tlist.h"
#include "parser/parsetree.h"
#include "access/table.h"

#include "fdw_planner.h"
#include "literal.h"

typedef struct DeparseCxt
{
	StringInfo	buf;
	PlannerInfo *root;
	RelOptInfo *scanrel;		/* Vars of these relids are remote columns */
	const FdwDialect *dialect;
	bool		use_alias;		/* qualify columns with rN (joins) */
	List	  **params_list;
} DeparseCxt;

static void deparse_expr(Expr *node, DeparseCxt *cxt);
static void deparse_condition(Expr *node, DeparseCxt *cxt);

void
fdw_deparse_ident(StringInfo buf, const FdwDialect *dialect, const char *name)
{
	const char *p;

	appendStringInfoChar(buf, dialect->quote_open);
	for (p = name; *p; p++)
	{
		if (*p == dialect->quote_close)
			appendStringInfoChar(buf, *p);
		appendStringInfoChar(buf, *p);
	}
	appendStringInfoChar(buf, dialect->quote_close);
}

/* The remote table, or the remote query as a derived table. */
void
fdw_deparse_relation(StringInfo buf, const FdwDialect *dialect,
					 const FdwTableOptions *opts)
{
	if (opts->query)
	{
		appendStringInfo(buf, "(%s) AS ", opts->query);
		fdw_deparse_ident(buf, dialect, "fdw_query");
		return;
	}
	if (opts->schema)
	{
		fdw_deparse_ident(buf, dialect, opts->schema);
		appendStringInfoChar(buf, '.');
	}
	fdw_deparse_ident(buf, dialect, opts->table);
}

/*
 * Expand a dialect template with already-deparsed argument texts; %W<k> is
 * argument k's character(n) length, from args (FDW_FN_CHAR_WIDTH).
 */
static void
expand_template_args(StringInfo buf, const char *tmpl, List *argtexts,
					 List *args)
{
	const char *p;

	for (p = tmpl; *p; p++)
	{
		if (*p != '%')
		{
			appendStringInfoChar(buf, *p);
			continue;
		}
		p++;
		if (*p >= '1' && *p <= '9')
		{
			int			n = *p - '1';

			if (n < list_length(argtexts))
				appendStringInfoString(buf, (char *) list_nth(argtexts, n));
		}
		else if (*p == '*')
		{
			ListCell   *lc;

			foreach(lc, argtexts)
				appendStringInfo(buf, "%s%s",
								 foreach_current_index(lc) ? ", " : "",
								 (char *) lfirst(lc));
		}
		else if (*p == '%')
			appendStringInfoChar(buf, '%');
		else if (*p == 'W' && p[1] >= '1' && p[1] <= '9' &&
				 p[1] - '1' < list_length(args))
		{
			p++;
			appendStringInfo(buf, "%d",
							 exprTypmod((Node *) list_nth(args, *p - '1')) -
							 (int) VARHDRSZ);
		}
		else
			break;
	}
}

static void
expand_template(StringInfo buf, const char *tmpl, List *argtexts)
{
	expand_template_args(buf, tmpl, argtexts, NIL);
}

/* A template expanded into a new string. */
static char *
expand_to_string(const char *tmpl, List *argtexts)
{
	StringInfoData out;

	initStringInfo(&out);
	expand_template(&out, tmpl, argtexts);
	return out.data;
}

/* An expression (or, as_condition, a condition) deparsed into a new string. */
static char *
deparse_into_string(Expr *node, DeparseCxt *cxt, bool as_condition)
{
	StringInfoData sub;
	StringInfo	saved = cxt->buf;

	initStringInfo(&sub);
	cxt->buf = &sub;
	if (as_condition)
		deparse_condition(node, cxt);
	else
		deparse_expr(node, cxt);
	cxt->buf = saved;
	return sub.data;
}

static char *
deparse_to_string(Expr *node, DeparseCxt *cxt)
{
	return deparse_into_string(node, cxt, false);
}

static char *
condition_to_string(Expr *node, DeparseCxt *cxt)
{
	return deparse_into_string(node, cxt, true);
}

static void
deparse_function(Oid funcid, List *args, DeparseCxt *cxt)
{
	const FdwFuncMap *map = fdw_lookup_function_args(cxt->dialect, funcid, args);
	List	   *texts = NIL;
	ListCell   *lc;

	if (map == NULL)
		elog(ERROR, "function %u is not shippable", funcid);
	foreach(lc, args)
		texts = lappend(texts, deparse_to_string((Expr *) lfirst(lc), cxt));
	expand_template_args(cxt->buf, map->template, texts, args);
}

/* A column of a scanned relation, qualified with its alias in joins. */
static void
deparse_column_ref(StringInfo buf, int varno, AttrNumber attno,
				   PlannerInfo *root, const FdwDialect *dialect, bool use_alias)
{
	RangeTblEntry *rte = planner_rt_fetch(varno, root);

	if (use_alias)
		appendStringInfo(buf, "r%d.", varno);
	fdw_deparse_ident(buf, dialect, fdw_column_remote_name(rte->relid, attno));
}

/*
 * A Var of the scanned relation(s) is a remote column; any other Var comes
 * from the outer side of a nested loop and is sent as a parameter.
 */
static void deparse_param_expr(Expr *expr, DeparseCxt *cxt);

static void
deparse_var(Var *var, DeparseCxt *cxt)
{
	if (bms_is_member(var->varno, cxt->scanrel->relids) && var->varlevelsup == 0)
		deparse_column_ref(cxt->buf, var->varno, var->varattno, cxt->root,
						   cxt->dialect, cxt->use_alias);
	else
		deparse_param_expr((Expr *) var, cxt);
}

/* The number of the parameter that sends expr's value (1-based). */
static int
param_number(Expr *expr, DeparseCxt *cxt)
{
	int			idx = 1;
	ListCell   *lc;

	foreach(lc, *cxt->params_list)
	{
		if (equal(lfirst(lc), expr))
			return idx;
		idx++;
	}
	*cxt->params_list = lappend(*cxt->params_list, expr);
	return idx;
}

static void
deparse_param_expr(Expr *expr, DeparseCxt *cxt)
{
	appendStringInfo(cxt->buf, "%c%d%c", FDW_PARAM_START,
					 param_number(expr, cxt), FDW_PARAM_END);
}

/* x = ANY(array) as an OR chain, x <> ALL(array) as an AND chain. */
static void
deparse_scalar_array(ScalarArrayOpExpr *sa, DeparseCxt *cxt)
{
	const FdwFuncMap *map = fdw_lookup_function(cxt->dialect, sa->opfuncid);
	Const	   *arr = (Const *) lsecond(sa->args);
	ArrayType  *at = DatumGetArrayTypeP(arr->constvalue);
	char	   *left = deparse_to_string((Expr *) linitial(sa->args), cxt);
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;
	int16		elmlen;
	bool		elmbyval;
	char		elmalign;

	get_typlenbyvalalign(ARR_ELEMTYPE(at), &elmlen, &elmbyval, &elmalign);
	deconstruct_array(at, ARR_ELEMTYPE(at), elmlen, elmbyval, elmalign,
					  &elems, &nulls, &n);
	appendStringInfoChar(cxt->buf, '(');
	for (i = 0; i < n; i++)
	{
		StringInfoData lit;

		initStringInfo(&lit);
		fdw_append_value_literal(&lit, cxt->dialect, ARR_ELEMTYPE(at), elems[i], nulls[i]);
		if (i > 0)
			appendStringInfoString(cxt->buf, sa->useOr ? " OR " : " AND ");
		expand_template(cxt->buf, map->template, list_make2(left, lit.data));
	}
	appendStringInfoChar(cxt->buf, ')');
}

static char *key_to_string(Expr *expr, DeparseCxt *cxt);

static void
deparse_aggref(Aggref *agg, DeparseCxt *cxt)
{
	const FdwFuncMap *map;
	List	   *texts = NIL;
	ListCell   *lc;

	if (agg->aggstar)
	{
		appendStringInfoString(cxt->buf, "COUNT(*)");
		return;
	}
	map = fdw_lookup_function(cxt->dialect, agg->aggfnoid);
	if (map == NULL)
		elog(ERROR, "aggregate %u is not shippable", agg->aggfnoid);
	foreach(lc, agg->args)
	{
		TargetEntry *tle = lfirst_node(TargetEntry, lc);
		char	   *arg;

		/*
		 * DISTINCT tells values apart as grouping does: strings by their
		 * bytes, booleans by their truth (MySQL may store 1 and 2 for true).
		 */
		if (agg->aggdistinct != NIL)
			arg = psprintf("DISTINCT %s", key_to_string(tle->expr, cxt));
		else
			arg = deparse_to_string(tle->expr, cxt);
		texts = lappend(texts, arg);
	}
	expand_template(cxt->buf, map->template, texts);
}

/*
 * a IS DISTINCT FROM b, with the dialect's spelling of PostgreSQL's "="
 * (strings compared as bytes): NOT (a = b, or both NULL).  A remote
 * null-safe "=" (MySQL's <=>) serves where "=" is spelled plainly.
 */
static void
deparse_distinct(DistinctExpr *de, DeparseCxt *cxt)
{
	const FdwFuncMap *map;
	char	   *a,
			   *b;

	set_opfuncid((OpExpr *) de);
	map = fdw_lookup_function_args(cxt->dialect, de->opfuncid, de->args);
	if (map == NULL)
		elog(ERROR, "operator function %u is not shippable", de->opfuncid);
	a = deparse_to_string(linitial(de->args), cxt);
	b = deparse_to_string(lsecond(de->args), cxt);
	appendStringInfoString(cxt->buf, "(NOT ");
	if (cxt->dialect->null_safe_eq_template && strcmp(map->template, "(%1 = %2)") == 0)
		expand_template(cxt->buf, cxt->dialect->null_safe_eq_template, list_make2(a, b));
	else
	{
		appendStringInfoString(cxt->buf, "((");
		expand_template(cxt->buf, map->template, list_make2(a, b));
		appendStringInfo(cxt->buf, " AND %s IS NOT NULL AND %s IS NOT NULL) OR (%s IS NULL AND %s IS NULL))",
						 a, b, a, b);
	}
	appendStringInfoChar(cxt->buf, ')');
}

/*
 * GREATEST/LEAST: PostgreSQL skips NULL arguments, MySQL's (and others')
 * return NULL if any is NULL.  Each argument i is replaced by
 * COALESCE(a_i, a_i+1, ..., a_i-1), a value from the set whenever any is
 * not NULL, so the remote picks among the non-NULL values only.
 */
static void
deparse_minmax(MinMaxExpr *mm, DeparseCxt *cxt)
{
	List	   *texts = NIL;
	ListCell   *lc;
	int			n = list_length(mm->args);
	int			i,
				j;

	foreach(lc, mm->args)
		texts = lappend(texts, deparse_to_string((Expr *) lfirst(lc), cxt));
	appendStringInfo(cxt->buf, "%s(", mm->op == IS_GREATEST ?
					 cxt->dialect->greatest_func : cxt->dialect->least_func);
	for (i = 0; i < n; i++)
	{
		appendStringInfoString(cxt->buf, i ? ", COALESCE(" : "COALESCE(");
		for (j = 0; j < n; j++)
			appendStringInfo(cxt->buf, "%s%s", j ? ", " : "",
							 (char *) list_nth(texts, (i + j) % n));
		appendStringInfoChar(cxt->buf, ')');
	}
	appendStringInfoChar(cxt->buf, ')');
}

/*
 * x IS [NOT] TRUE/FALSE/UNKNOWN, spelled with CASE so that dialects whose
 * conditions are not values (T-SQL) can take it too.
 */
static void
deparse_boolean_test(BooleanTest *bt, DeparseCxt *cxt)
{
	char	   *cond = condition_to_string(bt->arg, cxt);

	switch (bt->booltesttype)
	{
		case IS_TRUE:
		case IS_NOT_TRUE:
			appendStringInfo(cxt->buf, "(CASE WHEN %s THEN 1 ELSE 0 END = %d)",
							 cond, bt->booltesttype == IS_TRUE);
			break;
		case IS_FALSE:
		case IS_NOT_FALSE:
			appendStringInfo(cxt->buf, "(CASE WHEN NOT %s THEN 1 ELSE 0 END = %d)",
							 cond, bt->booltesttype == IS_FALSE);
			break;
		case IS_UNKNOWN:
		case IS_NOT_UNKNOWN:
			appendStringInfo(cxt->buf, "(CASE WHEN %s THEN 0 WHEN NOT %s THEN 0 ELSE 1 END = %d)",
							 cond, cond, bt->booltesttype == IS_UNKNOWN);
			break;
	}
}

/*
 * The arguments of an operator that is its own commutator ("=", "<>" on
 * one type), with a remote column first when only the other side is not
 * one: "id = $1", not "$1 = id".  Which side the planner puts an outer
 * value or an implied equality on differs between PostgreSQL majors; the
 * remote SQL (and EXPLAIN) should not.
 */
static bool
is_remote_column(Node *node, DeparseCxt *cxt)
{
	node = strip_implicit_coercions(node);
	return IsA(node, Var) && ((Var *) node)->varlevelsup == 0 &&
		bms_is_member(((Var *) node)->varno, cxt->scanrel->relids);
}

static List *
column_first_args(OpExpr *op, DeparseCxt *cxt)
{
	if (list_length(op->args) != 2 ||
		is_remote_column(linitial(op->args), cxt) ||
		!is_remote_column(lsecond(op->args), cxt) ||
		get_commutator(op->opno) != op->opno)
		return op->args;
	return list_make2(lsecond(op->args), linitial(op->args));
}

static void
deparse_expr(Expr *node, DeparseCxt *cxt)
{
	switch (nodeTag(node))
	{
		case T_Var:
			deparse_var((Var *) node, cxt);
			break;
		case T_Const:
			{
				Const	   *c = (Const *) node;

				fdw_append_value_literal(cxt->buf, cxt->dialect, c->consttype,
										 c->constvalue, c->constisnull);
				break;
			}
		case T_Param:
			deparse_param_expr(node, cxt);
			break;
		case T_RelabelType:
			deparse_expr(((RelabelType *) node)->arg, cxt);
			break;
		case T_OpExpr:
			deparse_function(((OpExpr *) node)->opfuncid,
							 column_first_args((OpExpr *) node, cxt), cxt);
			break;
		case T_FuncExpr:
			deparse_function(((FuncExpr *) node)->funcid,
							 ((FuncExpr *) node)->args, cxt);
			break;
		case T_ScalarArrayOpExpr:
			deparse_scalar_array((ScalarArrayOpExpr *) node, cxt);
			break;
		case T_Aggref:
			deparse_aggref((Aggref *) node, cxt);
			break;
		case T_NullTest:
			{
				NullTest   *nt = (NullTest *) node;

				appendStringInfoChar(cxt->buf, '(');
				deparse_expr(nt->arg, cxt);
				appendStringInfoString(cxt->buf, nt->nulltesttype == IS_NULL ?
									   " IS NULL)" : " IS NOT NULL)");
				break;
			}
		case T_BoolExpr:
			{
				BoolExpr   *b = (BoolExpr *) node;
				ListCell   *lc;

				if (b->boolop == NOT_EXPR)
				{
					appendStringInfoString(cxt->buf, "(NOT ");
					deparse_condition((Expr *) linitial(b->args), cxt);
					appendStringInfoChar(cxt->buf, ')');
					break;
				}
				appendStringInfoChar(cxt->buf, '(');
				foreach(lc, b->args)
				{
					if (foreach_current_index(lc) > 0)
						appendStringInfoString(cxt->buf,
											   b->boolop == AND_EXPR ? " AND " : " OR ");
					deparse_condition((Expr *) lfirst(lc), cxt);
				}
				appendStringInfoChar(cxt->buf, ')');
				break;
			}
		case T_CaseExpr:
			{
				CaseExpr   *ce = (CaseExpr *) node;
				ListCell   *lc;

				/* only the searched form (no CASE arg) is shippable */
				appendStringInfoString(cxt->buf, "(CASE");
				foreach(lc, ce->args)
				{
					CaseWhen   *w = lfirst_node(CaseWhen, lc);

					appendStringInfoString(cxt->buf, " WHEN ");
					deparse_condition(w->expr, cxt);
					appendStringInfoString(cxt->buf, " THEN ");
					deparse_expr(w->result, cxt);
				}
				if (ce->defresult)
				{
					appendStringInfoString(cxt->buf, " ELSE ");
					deparse_expr(ce->defresult, cxt);
				}
				appendStringInfoString(cxt->buf, " END)");
				break;
			}
		case T_CoalesceExpr:
			{
				CoalesceExpr *ce = (CoalesceExpr *) node;
				ListCell   *lc;

				appendStringInfoString(cxt->buf, "COALESCE(");
				foreach(lc, ce->args)
				{
					if (foreach_current_index(lc) > 0)
						appendStringInfoString(cxt->buf, ", ");
					deparse_expr((Expr *) lfirst(lc), cxt);
				}
				appendStringInfoChar(cxt->buf, ')');
				break;
			}
		case T_DistinctExpr:
			deparse_distinct((DistinctExpr *) node, cxt);
			break;
		case T_BooleanTest:
			deparse_boolean_test((BooleanTest *) node, cxt);
			break;
		case T_MinMaxExpr:
			deparse_minmax((MinMaxExpr *) node, cxt);
			break;
		case T_NullIfExpr:
			{
				NullIfExpr *ne = (NullIfExpr *) node;

				/*
				 * Not the remote NULLIF, which compares with the remote's
				 * equality (MySQL: case- and trailing-space-insensitive), but
				 * the dialect's spelling of PostgreSQL's "=".
				 */
				set_opfuncid((OpExpr *) ne);
				appendStringInfoString(cxt->buf, "(CASE WHEN ");
				deparse_function(ne->opfuncid, ne->args, cxt);
				appendStringInfoString(cxt->buf, " THEN NULL ELSE ");
				deparse_expr((Expr *) linitial(ne->args), cxt);
				appendStringInfoString(cxt->buf, " END)");
				break;
			}
		default:
			elog(ERROR, "unsupported expression type for deparse: %d",
				 (int) nodeTag(node));
	}
}

/*
 * An expression used as a condition.  Where the remote has no boolean values
 * (T-SQL), a boolean column or parameter must be compared with true.
 */
static void
deparse_condition(Expr *node, DeparseCxt *cxt)
{
	if (!cxt->dialect->bool_is_value &&
		(IsA(node, Var) || IsA(node, Param) || IsA(node, Const) ||
		 IsA(node, CoalesceExpr) || IsA(node, CaseExpr) ||
		 IsA(node, RelabelType)) &&
		exprType((Node *) node) == BOOLOID)
	{
		appendStringInfoChar(cxt->buf, '(');
		deparse_expr(node, cxt);
		appendStringInfo(cxt->buf, " = %s)", cxt->dialect->true_literal);
		return;
	}
	deparse_expr(node, cxt);
}

/* The guard of a value of this type (FDW_FN_GUARDED), or NULL. */
static const char *
guard_template(Oid type, const FdwDialect *dialect)
{
	switch (type)
	{
		case INT2OID:
			return dialect->guard_int2;
		case INT4OID:
			return dialect->guard_int4;
		case INT8OID:
			return dialect->guard_int8;
		default:
			return NULL;
	}
}

typedef struct GuardCxt
{
	DeparseCxt *dcxt;
	List	   *guards;			/* spelled guards, each once */
	bool		any_guarded;	/* a FDW_FN_GUARDED function was met */
} GuardCxt;

/*
 * Collect the guards of a guarded filter: one for every integer column the
 * condition reads and every integer a FDW_FN_GUARDED function computes.
 */
static bool
guard_walker(Node *node, GuardCxt *g)
{
	const FdwDialect *dialect = g->dcxt->dialect;
	const char *tmpl = NULL;

	if (node == NULL)
		return false;
	if (IsA(node, Var))
		tmpl = guard_template(((Var *) node)->vartype, dialect);
	else if (IsA(node, OpExpr) || IsA(node, FuncExpr))
	{
		Oid			funcid = IsA(node, OpExpr) ? ((OpExpr *) node)->opfuncid :
			((FuncExpr *) node)->funcid;
		List	   *args = IsA(node, OpExpr) ? ((OpExpr *) node)->args :
			((FuncExpr *) node)->args;
		const FdwFuncMap *map = fdw_lookup_function_args(dialect, funcid, args);

		if (map && (map->flags & FDW_FN_GUARDED))
		{
			g->any_guarded = true;
			if (!(map->flags & FDW_FN_RESULT_IN_RANGE))
			{
				tmpl = guard_template(exprType(node), dialect);
				if (tmpl == NULL)
					elog(ERROR, "no guard for a result of type %u", exprType(node));
			}
		}
	}
	if (tmpl)
	{
		char	   *guard = expand_to_string(tmpl,
											 list_make1(deparse_to_string((Expr *) node, g->dcxt)));
		ListCell   *lc;
		bool		seen = false;

		foreach(lc, g->guards)
			seen = seen || strcmp((char *) lfirst(lc), guard) == 0;
		if (!seen)
			g->guards = lappend(g->guards, guard);
	}
	return expression_tree_walker(node, guard_walker, (void *) g);
}

/*
 * A condition, as a guarded filter where it computes with FDW_FN_GUARDED
 * functions: "(cond OR NOT (guards))", true also for every row on which a
 * value is not of its PostgreSQL type (PostgreSQL checks it again).
 */
static void
deparse_filter_or_condition(Expr *expr, DeparseCxt *cxt)
{
	GuardCxt	g = {cxt, NIL, false};
	ListCell   *lc;

	if (cxt->dialect->guard_int4 != NULL)
		(void) guard_walker((Node *) expr, &g);
	/* nothing to guard (say, % over integers that are not columns) */
	if (!g.any_guarded || g.guards == NIL)
	{
		deparse_condition(expr, cxt);
		return;
	}
	appendStringInfoString(cxt->buf, "(");
	deparse_condition(expr, cxt);
	appendStringInfoString(cxt->buf, " OR NOT (");
	foreach(lc, g.guards)
	{
		if (foreach_current_index(lc) > 0)
			appendStringInfoString(cxt->buf, " AND ");
		appendStringInfoString(cxt->buf, (char *) lfirst(lc));
	}
	appendStringInfoString(cxt->buf, "))");
}

/* Conditions joined with AND (RestrictInfos or bare clauses). */
static void
deparse_conds(List *conds, DeparseCxt *cxt)
{
	ListCell   *lc;

	foreach(lc, conds)
	{
		Expr	   *expr = (Expr *) lfirst(lc);

		if (IsA(expr, RestrictInfo))
			expr = ((RestrictInfo *) expr)->clause;
		if (foreach_current_index(lc) > 0)
			appendStringInfoString(cxt->buf, " AND ");
		deparse_filter_or_condition(expr, cxt);
	}
}

/* A context for deparsing over one base relation, without aliases. */
static void
base_cxt(DeparseCxt *cxt, StringInfo buf, PlannerInfo *root, RelOptInfo *rel,
		 List **params_list)
{
	cxt->buf = buf;
	cxt->root = root;
	cxt->scanrel = rel;
	cxt->dialect = ((FdwRelInfo *) rel->fdw_private)->dialect;
	cxt->use_alias = false;
	cxt->params_list = params_list;
}

/* One expression over a base relation's columns (UPDATE ... SET values). */
void
fdw_deparse_expr_for_rel(StringInfo buf, PlannerInfo *root, RelOptInfo *rel,
						 Expr *expr, List **params_list)
{
	DeparseCxt	cxt;

	base_cxt(&cxt, buf, root, rel, params_list);
	deparse_expr(expr, &cxt);
}

/* WHERE clause text for a relation's conditions (used by writes too). */
void
fdw_deparse_where(StringInfo buf, PlannerInfo *root, RelOptInfo *rel,
				  List *conds, List **params_list)
{
	DeparseCxt	cxt;

	base_cxt(&cxt, buf, root, rel, params_list);
	if (conds == NIL)
		return;
	appendStringInfoString(buf, " WHERE ");
	deparse_conds(conds, &cxt);
}

static const char *
join_type_sql(JoinType jointype)
{
	switch (jointype)
	{
		case JOIN_INNER:
			return "INNER";
		case JOIN_LEFT:
			return "LEFT";
		case JOIN_RIGHT:
			return "RIGHT";
		case JOIN_FULL:
			return "FULL";
		case JOIN_SEMI:
		case JOIN_ANTI:
		default:
			elog(ERROR, "unsupported join type %d", (int) jointype);
	}
	return NULL;
}

/* FROM items: a remote table with its alias, or a nested join. */
static void
deparse_from_rel(RelOptInfo *rel, DeparseCxt *cxt)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) rel->fdw_private;

	if (IS_JOIN_REL(rel) &&
		(fpinfo->jointype == JOIN_SEMI || fpinfo->jointype == JOIN_ANTI))
	{
		/* the inner side becomes an EXISTS condition (deparse_exists) */
		deparse_from_rel(fpinfo->outerrel, cxt);
		return;
	}
	if (IS_JOIN_REL(rel))
	{
		appendStringInfoChar(cxt->buf, '(');
		deparse_from_rel(fpinfo->outerrel, cxt);
		appendStringInfo(cxt->buf, " %s JOIN ", join_type_sql(fpinfo->jointype));
		deparse_from_rel(fpinfo->innerrel, cxt);
		appendStringInfoString(cxt->buf, " ON (");
		if (fpinfo->joinclauses)
			deparse_conds(fpinfo->joinclauses, cxt);
		else
			appendStringInfoString(cxt->buf, "1 = 1");
		appendStringInfoString(cxt->buf, "))");
		return;
	}
	fdw_deparse_relation(cxt->buf, fpinfo->dialect, &fpinfo->opts);
	if (cxt->use_alias)
		appendStringInfo(cxt->buf, " r%d", rel->relid);
}

/*
 * The [NOT] EXISTS conditions of the semi and anti joins in rel, each
 * preceded by " AND " unless it is the first condition written.
 */
static void
deparse_exists(RelOptInfo *rel, DeparseCxt *cxt, bool *first)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) rel->fdw_private;

	if (!IS_JOIN_REL(rel) || !fpinfo->contains_semi)
		return;
	switch (fpinfo->jointype)
	{
		case JOIN_SEMI:
		case JOIN_ANTI:
			{
				bool		inner_first = false;

				deparse_exists(fpinfo->outerrel, cxt, first);
				appendStringInfoString(cxt->buf, *first ? "" : " AND ");
				*first = false;
				appendStringInfo(cxt->buf, "(%sEXISTS (SELECT NULL FROM ",
								 fpinfo->jointype == JOIN_ANTI ? "NOT " : "");
				deparse_from_rel(fpinfo->innerrel, cxt);
				appendStringInfoString(cxt->buf, " WHERE ");
				if (fpinfo->joinclauses)
					deparse_conds(fpinfo->joinclauses, cxt);
				else
				{
					appendStringInfoString(cxt->buf, "1 = 1");
				}
				deparse_exists(fpinfo->innerrel, cxt, &inner_first);
				appendStringInfoString(cxt->buf, "))");
				break;
			}
		case JOIN_INNER:
			deparse_exists(fpinfo->outerrel, cxt, first);
			deparse_exists(fpinfo->innerrel, cxt, first);
			break;
		case JOIN_LEFT:
			deparse_exists(fpinfo->outerrel, cxt, first);
			break;
		case JOIN_RIGHT:
			deparse_exists(fpinfo->innerrel, cxt, first);
			break;
		default:
			break;
	}
}

/*
 * FOR UPDATE / FOR SHARE for a base relation that the query locks (SELECT
 * ... FOR UPDATE) or that an UPDATE/DELETE reads row by row.
 */
static void
deparse_locking(StringInfo buf, PlannerInfo *root, RelOptInfo *rel,
				const FdwDialect *dialect)
{
	bool		update = false;
	bool		share = false;
	int			relid = -1;

	/*
	 * A join locks with the strongest lock any of its relations needs: the
	 * remote locks the rows it reads from every table of the statement.
	 */
	while ((relid = bms_next_member(rel->relids, relid)) >= 0)
	{
		PlanRowMark *rc;

		if ((root->parse->commandType == CMD_UPDATE ||
			 root->parse->commandType == CMD_DELETE) &&
			root->parse->resultRelation == relid)
		{
			update = true;
			continue;
		}
		rc = get_plan_rowmark(root->rowMarks, relid);
		if (rc == NULL)
			continue;
		switch (rc->strength)
		{
			case LCS_NONE:
				break;
			case LCS_FORKEYSHARE:
			case LCS_FORSHARE:
				share = true;
				break;
			case LCS_FORNOKEYUPDATE:
			case LCS_FORUPDATE:
				update = true;
				break;
		}
	}
	if (update && dialect->for_update)
		appendStringInfoString(buf, dialect->for_update);
	else if ((update || share) && dialect->for_share)
		appendStringInfoString(buf, dialect->for_share);
}

/*
 * Is a select-list item of this type spelled with the dialect's
 * float_output_template (a source whose driver would lose digits)?
 */
static bool
is_float_output(Oid type, DeparseCxt *cxt)
{
	return cxt->dialect->float_output_template != NULL &&
		(type == FLOAT4OID || type == FLOAT8OID);
}

/*
 * A whole-row reference of a joined relation, as its columns in the row
 * type's order; the scan builds the row value (FDW_AUX_ROWCOL).
 */
static void
deparse_whole_row(Var *var, int attno, DeparseCxt *cxt, List **retrieved_attrs)
{
	Relation	rel = table_open(planner_rt_fetch(var->varno, cxt->root)->relid, NoLock);
	TupleDesc	desc = RelationGetDescr(rel);
	bool		first = true;
	int			i;

	for (i = 1; i <= desc->natts; i++)
	{
		if (TupleDescAttr(desc, i - 1)->attisdropped)
			continue;
		if (!first)
			appendStringInfoString(cxt->buf, ", ");
		first = false;
		deparse_column_ref(cxt->buf, var->varno, i, cxt->root, cxt->dialect,
						   cxt->use_alias);
		*retrieved_attrs = lappend_int(*retrieved_attrs, FDW_AUX(FDW_AUX_ROWCOL, attno));
	}
	table_close(rel, NoLock);
}

/* An avg() selected as its remote parts (FDW_FN_SPLIT_AVG), or NULL. */
static const FdwFuncMap *
split_avg(Expr *expr, DeparseCxt *cxt)
{
	const FdwFuncMap *map;

	if (!IsA(expr, Aggref))
		return NULL;
	map = fdw_lookup_function(cxt->dialect, ((Aggref *) expr)->aggfnoid);
	return map && (map->flags & FDW_FN_SPLIT_AVG) ? map : NULL;
}

/*
 * How the dialect spells a grouping or sort key of this expression's type
 * so the remote groups and orders as PostgreSQL does: strings by their
 * bytes (text_key_template), booleans by their truth value
 * (bool_group_template); NULL when the expression serves as it is.
 */
static const char *
key_template(Expr *expr, DeparseCxt *cxt)
{
	if (fdw_is_text_key(expr, cxt->dialect))
		return cxt->dialect->text_key_template;
	if (exprType((Node *) expr) == BOOLOID)
		return cxt->dialect->bool_group_template;
	return NULL;
}

/* A key (grouping or sort), spelled with key_template where it has one. */
static char *
key_to_string(Expr *expr, DeparseCxt *cxt)
{
	const char *tmpl = key_template(expr, cxt);
	char	   *text = deparse_to_string(expr, cxt);

	return tmpl ? expand_to_string(tmpl, list_make1(text)) : text;
}

/* Columns a base relation scan needs, in attnum order. */
static void
deparse_base_target_list(RelOptInfo *rel, DeparseCxt *cxt, List **retrieved_attrs)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) rel->fdw_private;
	Relation	relation = table_open(fpinfo->relid, NoLock);
	TupleDesc	tupdesc = RelationGetDescr(relation);
	bool		whole_row;
	bool		first = true;
	int			i;

	whole_row = bms_is_member(0 - FirstLowInvalidHeapAttributeNumber,
							  fpinfo->attrs_used);
	for (i = 1; i <= tupdesc->natts; i++)
	{
		if (TupleDescAttr(tupdesc, i - 1)->attisdropped)
			continue;
		if (!whole_row &&
			!bms_is_member(i - FirstLowInvalidHeapAttributeNumber, fpinfo->attrs_used))
			continue;
		if (!first)
			appendStringInfoString(cxt->buf, ", ");
		first = false;
		if (is_float_output(TupleDescAttr(tupdesc, i - 1)->atttypid, cxt))
		{
			StringInfoData col;

			initStringInfo(&col);
			deparse_column_ref(&col, rel->relid, i, cxt->root, cxt->dialect,
							   cxt->use_alias);
			expand_template(cxt->buf, cxt->dialect->float_output_template,
							list_make1(col.data));
		}
		else
			deparse_column_ref(cxt->buf, rel->relid, i, cxt->root, cxt->dialect,
							   cxt->use_alias);
		*retrieved_attrs = lappend_int(*retrieved_attrs, i);
	}
	if (first)
		appendStringInfoString(cxt->buf, "NULL");
	table_close(relation, NoLock);
}

/*
 * The target list a join or upper scan returns: for an upper relation its
 * grouping target list, for a join the Vars its target and local quals use.
 */
List *
fdw_build_tlist_to_deparse(RelOptInfo *rel)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) rel->fdw_private;
	List	   *tlist;
	ListCell   *lc;

	if (IS_UPPER_REL(rel))
		return fpinfo->grouped_tlist;
	tlist = add_to_flat_tlist(NIL, pull_var_clause((Node *) rel->reltarget->exprs,
												   PVC_RECURSE_PLACEHOLDERS));
	foreach(lc, fpinfo->local_conds)
	{
		RestrictInfo *ri = lfirst_node(RestrictInfo, lc);

		tlist = add_to_flat_tlist(tlist, pull_var_clause((Node *) ri->clause,
														 PVC_RECURSE_PLACEHOLDERS));
	}
	return tlist;
}

/* Is this expression known not to be NULL (a NOT NULL column)? */
static bool
expr_not_null(Expr *expr, PlannerInfo *root)
{
	Var		   *var = (Var *) expr;
	RangeTblEntry *rte;
	HeapTuple	tup;
	bool		result = false;

	if (!IsA(expr, Var) || var->varlevelsup != 0 || var->varattno <= 0)
		return false;
	rte = planner_rt_fetch(var->varno, root);
	if (rte->rtekind != RTE_RELATION)
		return false;
	/* outer joins can produce NULLs for NOT NULL columns of the inner side */
	if (root->hasJoinRTEs)
		return false;
	tup = SearchSysCache2(ATTNUM, ObjectIdGetDatum(rte->relid),
						  Int16GetDatum(var->varattno));
	if (HeapTupleIsValid(tup))
	{
		result = ((Form_pg_attribute) GETSTRUCT(tup))->attnotnull;
		ReleaseSysCache(tup);
	}
	return result;
}

/* The expression of a pathkey computable from rel, or NULL. */
Expr *
fdw_pathkey_expr(PlannerInfo *root, RelOptInfo *rel, PathKey *pathkey)
{
	EquivalenceClass *ec = pathkey->pk_eclass;
	Relids		relids = IS_UPPER_REL(rel) ?
		((FdwRelInfo *) rel->fdw_private)->outerrel->relids : rel->relids;
	FdwEcMemberIter it;
	EquivalenceMember *em;

	if (ec->ec_has_volatile)
		return NULL;

	/*
	 * A partition (an appendrel child) finds its own column among the child
	 * members, so each partition of a Merge Append can sort remotely.
	 */
	fdw_ec_members_begin(&it, ec, relids);
	while ((em = fdw_ec_members_next(&it)) != NULL)
	{
		if (em->em_is_const)
			continue;
		if (!bms_is_subset(em->em_relids, relids) || bms_is_empty(em->em_relids))
			continue;
		if (IS_UPPER_REL(rel))
		{
			/* must be one of the grouped target list's expressions */
			ListCell   *tl;
			bool		found = false;

			foreach(tl, ((FdwRelInfo *) rel->fdw_private)->grouped_tlist)
				if (equal(((TargetEntry *) lfirst(tl))->expr, em->em_expr))
					found = true;
			if (!found)
				continue;
		}
		return em->em_expr;
	}
	return NULL;
}

/*
 * ORDER BY for pathkeys.  Where the remote cannot say NULLS FIRST/LAST and
 * its default differs, a CASE on IS NULL sorts first (not needed for NOT
 * NULL columns, so the remote can still use an index).
 */
static void
deparse_order_by(List *pathkeys, DeparseCxt *cxt, RelOptInfo *rel)
{
	ListCell   *lc;

	appendStringInfoString(cxt->buf, " ORDER BY ");
	foreach(lc, pathkeys)
	{
		PathKey    *pk = (PathKey *) lfirst(lc);
		Expr	   *expr = fdw_pathkey_expr(cxt->root, rel, pk);
		bool		desc = fdw_pathkey_is_desc(pk);
		char	   *text;
		char	   *null_text;

		if (expr == NULL)
			elog(ERROR, "could not find pathkey item to sort");
		null_text = deparse_to_string(expr, cxt);
		/* strings sort by their bytes, booleans by their truth value */
		text = key_to_string(expr, cxt);
		if (foreach_current_index(lc) > 0)
			appendStringInfoString(cxt->buf, ", ");
		if (cxt->dialect->has_nulls_order)
		{
			appendStringInfo(cxt->buf, "%s %s NULLS %s", text, desc ? "DESC" : "ASC",
							 pk->pk_nulls_first ? "FIRST" : "LAST");
			continue;
		}
		/* remote puts NULLs low: first ascending, last descending */
		if (pk->pk_nulls_first != (cxt->dialect->nulls_sort_low != desc) &&
			!expr_not_null(expr, cxt->root))
			appendStringInfo(cxt->buf, "(CASE WHEN %s IS NULL THEN %d ELSE %d END), ",
							 null_text, pk->pk_nulls_first ? 0 : 1,
							 pk->pk_nulls_first ? 1 : 0);
		appendStringInfo(cxt->buf, "%s %s", text, desc ? "DESC" : "ASC");
	}
}

static char *
limit_value(Node *node, char kind, DeparseCxt *cxt)
{
	Const	   *c = (Const *) node;

	if (node == NULL || (IsA(node, Const) && c->constisnull))
		return NULL;
	if (IsA(node, Const))
		return psprintf(INT64_FORMAT, DatumGetInt64(c->constvalue));
	/* a parameter or initplan value (LIMIT $1): its value at execution */
	return psprintf("%c%c%d%c", FDW_PARAM_START, kind,
					param_number((Expr *) node, cxt), FDW_PARAM_END);
}

/* The entry of a grouped target list with this sortgroupref, or NULL. */
static TargetEntry *
group_key_tle(Index sgref, List *tlist)
{
	ListCell   *lc;

	foreach(lc, tlist)
		if (lfirst_node(TargetEntry, lc)->ressortgroupref == sgref)
			return lfirst_node(TargetEntry, lc);
	return NULL;
}

/*
 * The SELECT statement that computes rel: a base table scan, a join, or an
 * aggregation/sort/limit over one of those.  *retrieved_attrs lists the
 * columns' attnums (base) or target list positions (join/upper).
 */
void
fdw_deparse_select(StringInfo buf, PlannerInfo *root, RelOptInfo *rel,
				   List *tlist, List *remote_conds, List *pathkeys,
				   FdwPathExtra *extra, List **retrieved_attrs,
				   List **params_list)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) rel->fdw_private;
	RelOptInfo *scanrel = IS_UPPER_REL(rel) ? fpinfo->outerrel : rel;
	FdwRelInfo *scaninfo = (FdwRelInfo *) scanrel->fdw_private;
	const FdwDialect *dialect = fpinfo->dialect;
	char	   *limit;
	char	   *offset;
	DeparseCxt	cxt;
	List	   *where_conds;
	List	   *having_conds = NIL;

	cxt.buf = buf;
	cxt.root = root;
	cxt.scanrel = scanrel;
	cxt.dialect = dialect;
	cxt.use_alias = IS_JOIN_REL(scanrel);
	cxt.params_list = params_list;
	*retrieved_attrs = NIL;
	limit = extra && extra->has_limit ?
		limit_value(extra->limit_count, FDW_PARAM_LIMIT, &cxt) : NULL;
	offset = extra && extra->has_limit ?
		limit_value(extra->limit_offset, FDW_PARAM_OFFSET, &cxt) : NULL;

	appendStringInfoString(buf, "SELECT ");
	if (limit && !offset && dialect->limit_style == FDW_LIMIT_TOP_FETCH)
		appendStringInfo(buf, "TOP (%s) ", limit);

	if (IS_JOIN_REL(rel) || IS_UPPER_REL(rel))
	{
		ListCell   *lc;

		foreach(lc, tlist)
		{
			TargetEntry *tle = lfirst_node(TargetEntry, lc);
			int			attno = foreach_current_index(lc) + 1;
			const FdwFuncMap *split = split_avg(tle->expr, &cxt);

			if (foreach_current_index(lc) > 0)
				appendStringInfoString(buf, ", ");
			if (IsA(tle->expr, Var) && ((Var *) tle->expr)->varattno == 0)
			{
				deparse_whole_row((Var *) tle->expr, attno, &cxt, retrieved_attrs);
				continue;
			}
			if (split)
			{
				/* the sum into attno, then the parts the scan divides by */
				Aggref	   *agg = (Aggref *) tle->expr;

				expand_template(buf, split->template,
								list_make1(deparse_to_string(linitial_node(TargetEntry, agg->args)->expr,
															 &cxt)));
				*retrieved_attrs = lappend_int(*retrieved_attrs, attno);
				*retrieved_attrs = lappend_int(*retrieved_attrs, FDW_AUX(FDW_AUX_COUNT, attno));
				if (agg->aggtype == FLOAT8OID)
				{
					*retrieved_attrs = lappend_int(*retrieved_attrs, FDW_AUX(FDW_AUX_MIN, attno));
					*retrieved_attrs = lappend_int(*retrieved_attrs, FDW_AUX(FDW_AUX_MAX, attno));
				}
				continue;
			}
			if (tle->ressortgroupref != 0 && key_template(tle->expr, &cxt))
				appendStringInfoString(buf, key_to_string(tle->expr, &cxt));
			else if (is_float_output(exprType((Node *) tle->expr), &cxt))
				expand_template(buf, dialect->float_output_template,
								list_make1(deparse_to_string(tle->expr, &cxt)));
			else
				deparse_expr(tle->expr, &cxt);
			*retrieved_attrs = lappend_int(*retrieved_attrs, attno);
		}
		if (tlist == NIL)
			appendStringInfoString(buf, "NULL");
	}
	else
		deparse_base_target_list(rel, &cxt, retrieved_attrs);

	appendStringInfoString(buf, " FROM ");
	deparse_from_rel(scanrel, &cxt);

	/* WHERE: the scan's conditions; for an upper rel, remote_conds are HAVING */
	if (IS_UPPER_REL(rel))
	{
		where_conds = scaninfo->remote_conds;
		if (fpinfo->stage == UPPERREL_GROUP_AGG)
			having_conds = remote_conds;
	}
	else
		where_conds = remote_conds;
	if (where_conds || (IS_JOIN_REL(scanrel) && scaninfo->contains_semi))
	{
		bool		first = (where_conds == NIL);

		appendStringInfoString(buf, " WHERE ");
		deparse_conds(where_conds, &cxt);
		deparse_exists(scanrel, &cxt, &first);
	}

	if (IS_UPPER_REL(rel) && fpinfo->stage == UPPERREL_GROUP_AGG &&
		root->parse->groupClause)
	{
		ListCell   *lc;
		bool		first = true;

		appendStringInfoString(buf, " GROUP BY ");
		foreach(lc, root->parse->groupClause)
		{
			SortGroupClause *sgc = lfirst_node(SortGroupClause, lc);
			TargetEntry *tle = group_key_tle(sgc->tleSortGroupRef,
											 fpinfo->grouped_tlist);

			/*
			 * A key on no column groups nothing (planner_upper.c); the
			 * partial stage of partition-wise aggregation may lack a
			 * redundant key altogether.
			 */
			if (tle == NULL || !contain_var_clause((Node *) tle->expr))
				continue;
			if (!first)
				appendStringInfoString(buf, ", ");
			first = false;
			/* by expression, never by position */
			appendStringInfoString(buf, key_to_string(tle->expr, &cxt));
		}
	}
	if (having_conds)
	{
		appendStringInfoString(buf, " HAVING ");
		deparse_conds(having_conds, &cxt);
	}

	if (pathkeys)
		deparse_order_by(pathkeys, &cxt, rel);

	if (limit || offset)
	{
		if (dialect->limit_style == FDW_LIMIT_LIMIT_OFFSET)
		{
			if (limit)
				appendStringInfo(buf, " LIMIT %s", limit);
			else
			{
				/* no limit: the largest bigint, which SQLite and PG accept too */
				appendStringInfoString(buf, " LIMIT 9223372036854775807");
			}
			if (offset)
				appendStringInfo(buf, " OFFSET %s", offset);
		}
		else if (dialect->limit_style == FDW_LIMIT_TOP_FETCH && offset)
		{
			if (!pathkeys)
				appendStringInfoString(buf, " ORDER BY (SELECT NULL)");
			appendStringInfo(buf, " OFFSET %s ROWS", offset);
			if (limit)
				appendStringInfo(buf, " FETCH NEXT %s ROWS ONLY", limit);
		}
	}

	/* rows locked locally are locked remotely until the transaction ends */
	if (IS_SIMPLE_REL(rel) || IS_JOIN_REL(rel))
		deparse_locking(buf, root, rel, dialect);
}

/* The SQL as EXPLAIN shows it: parameter markers become $n. */
char *
fdw_sql_for_explain(const char *sql)
{
	StringInfoData buf;
	const char *p;

	initStringInfo(&buf);
	for (p = sql; *p; p++)
	{
		if (*p == FDW_PARAM_START)
		{
			appendStringInfoChar(&buf, '$');
			if (p[1] == FDW_PARAM_LIMIT || p[1] == FDW_PARAM_OFFSET)
				p++;
		}
		else if (*p != FDW_PARAM_END)
			appendStringInfoChar(&buf, *p);
	}
	return buf.data;
}

/*
 * A LIMIT or OFFSET value (bigint) known at execution, with the checks of
 * PostgreSQL's Limit node, which the pushed-down path replaces: NULL means
 * no limit (no offset), a negative value is an error.
 */
static void
append_limit_param(StringInfo buf, char kind, Datum value, bool isnull)
{
	int64		v = isnull ? 0 : DatumGetInt64(value);

	if (!isnull && v < 0)
		ereport(ERROR,
				kind == FDW_PARAM_LIMIT ?
				(errcode(ERRCODE_INVALID_ROW_COUNT_IN_LIMIT_CLAUSE),
				 errmsg("LIMIT must not be negative")) :
				(errcode(ERRCODE_INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE),
				 errmsg("OFFSET must not be negative")));
	if (isnull && kind == FDW_PARAM_LIMIT)
		v = PG_INT64_MAX;
	appendStringInfo(buf, INT64_FORMAT, v);
}

/*
 * The SQL to run: parameter markers become literals of the current values,
 * with the checks and spelling constants get (literal.c).
 */
char *
fdw_sql_with_params(const char *sql, const FdwDialect *dialect,
					Datum *values, bool *nulls, Oid *types)
{
	StringInfoData buf;
	const char *p;

	initStringInfo(&buf);
	for (p = sql; *p; p++)
	{
		if (*p == FDW_PARAM_START)
		{
			char		kind = p[1];
			int			n;

			if (kind == FDW_PARAM_LIMIT || kind == FDW_PARAM_OFFSET)
				p++;
			n = (int) strtol(p + 1, (char **) &p, 10) - 1;
			Assert(*p == FDW_PARAM_END);
			if (kind == FDW_PARAM_LIMIT || kind == FDW_PARAM_OFFSET)
				append_limit_param(&buf, kind, values[n], nulls[n]);
			else
				fdw_append_value_literal(&buf, dialect, types[n], values[n], nulls[n]);
		}
		else
			appendStringInfoChar(&buf, *p);
	}
	return buf.data;
}
