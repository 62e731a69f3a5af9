/*-------------------------------------------------------------------------
 *
 * deparse.c
 *		  Builds remote SQL text from planner structures, spelled by the
 *		  remote's dialect.
 *
 * Only expressions that shippable.c accepted reach this file; every choice
 * of spelling (identifier quotes, literals, function templates) comes from
 * the FdwDialect, so the same code writes MySQL, T-SQL and ANSI SQL.
 *
 * Parameters (values known only at execution, e.g. the outer side of a
 * nested loop) are written as numbered markers; at execution they are
 * replaced by literals of their current values (fdw_sql_with_params), which
 * every source understands, and EXPLAIN shows them as $n.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/sysattr.h"
#include "catalog/pg_type.h"
#include "mb/pg_wchar.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/optimizer.h"
#include "optimizer/tlist.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "parser/parsetree.h"
#include "access/table.h"
#include "utils/timestamp.h"

#include "fdw_planner.h"

typedef struct DeparseCxt
{
	StringInfo	buf;
	RelOptInfo *baserel;
	FdwRelInfo *fpinfo;
	List	  **params_list;
} DeparseCxt;

static void deparse_expr(Expr *node, DeparseCxt *cxt);

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

static void
deparse_string(StringInfo buf, const FdwDialect *dialect, const char *s, int len)
{
	int			i;
	bool		ascii = true;

	for (i = 0; i < len; i++)
		if ((unsigned char) s[i] >= 0x80)
			ascii = false;
	if (!ascii && dialect->nchar_prefix)
		appendStringInfoString(buf, dialect->nchar_prefix);
	appendStringInfoChar(buf, '\'');
	for (i = 0; i < len; i++)
	{
		if (s[i] == '\'')
			appendStringInfoChar(buf, '\'');
		else if (s[i] == '\\' && dialect->string_style == FDW_STRING_BACKSLASH)
			appendStringInfoChar(buf, '\\');
		appendStringInfoChar(buf, s[i]);
	}
	appendStringInfoChar(buf, '\'');
}

/* Numbers: negative ones in parentheses so "a - -1" never reads as a comment */
static void
deparse_number(StringInfo buf, const char *s)
{
	if (s[0] == '-')
		appendStringInfo(buf, "(%s)", s);
	else
		appendStringInfoString(buf, s);
}

static void
deparse_timestamp(StringInfo buf, Timestamp ts, bool with_date, bool with_time)
{
	struct pg_tm tm;
	fsec_t		fsec;

	if (timestamp2tm(ts, NULL, &tm, &fsec, NULL, NULL) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	appendStringInfoChar(buf, '\'');
	if (with_date)
		appendStringInfo(buf, "%04d-%02d-%02d", tm.tm_year, tm.tm_mon, tm.tm_mday);
	if (with_time)
		appendStringInfo(buf, "%s%02d:%02d:%02d.%06d", with_date ? " " : "",
						 tm.tm_hour, tm.tm_min, tm.tm_sec, (int) fsec);
	appendStringInfoChar(buf, '\'');
}

/* A value of one of the types shippable.c accepts, as a remote literal. */
void
fdw_deparse_literal(StringInfo buf, const FdwDialect *dialect, Datum value,
					Oid type, bool isnull)
{
	if (isnull)
	{
		appendStringInfoString(buf, "NULL");
		return;
	}
	switch (type)
	{
		case INT2OID:
		case INT4OID:
		case INT8OID:
		case NUMERICOID:
			{
				Oid			out;
				bool		varlena;

				getTypeOutputInfo(type, &out, &varlena);
				deparse_number(buf, OidOutputFunctionCall(out, value));
				break;
			}
		case FLOAT4OID:
		case FLOAT8OID:
			{
				double		d = (type == FLOAT4OID) ?
				(double) DatumGetFloat4(value) : DatumGetFloat8(value);
				char		tmp[64];

				/* %.17g round-trips a double exactly */
				snprintf(tmp, sizeof(tmp), "%.17g", d);
				deparse_number(buf, tmp);
				break;
			}
		case BOOLOID:
			appendStringInfoString(buf, DatumGetBool(value) ?
								   dialect->true_literal : dialect->false_literal);
			break;
		case TEXTOID:
		case VARCHAROID:
		case BPCHAROID:
			{
				text	   *t = DatumGetTextPP(value);
				char	   *s = VARDATA_ANY(t);
				int			len = VARSIZE_ANY_EXHDR(t);

				/* remote sessions speak UTF-8 */
				if (GetDatabaseEncoding() != PG_UTF8)
				{
					s = pg_server_to_any(s, len, PG_UTF8);
					len = strlen(s);
				}
				deparse_string(buf, dialect, s, len);
				break;
			}
		case DATEOID:
			deparse_timestamp(buf, (Timestamp) DatumGetDateADT(value) * USECS_PER_DAY,
							  true, false);
			break;
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
			/* timestamptz is spelled in UTC, the remote session's time zone */
			deparse_timestamp(buf, DatumGetTimestamp(value), true, true);
			break;
		case TIMEOID:
			deparse_timestamp(buf, (Timestamp) DatumGetTimeADT(value), false, true);
			break;
		case BYTEAOID:
			{
				bytea	   *b = DatumGetByteaPP(value);
				const unsigned char *p = (const unsigned char *) VARDATA_ANY(b);
				int			len = VARSIZE_ANY_EXHDR(b);
				int			i;

				appendStringInfoString(buf, dialect->binary_prefix);
				for (i = 0; i < len; i++)
					appendStringInfo(buf, "%02X", p[i]);
				appendStringInfoString(buf, dialect->binary_suffix);
				break;
			}
		default:
			elog(ERROR, "cannot deparse a literal of type %u", type);
	}
}

/* Expand a dialect template with already-deparsed argument texts. */
static void
expand_template(StringInfo buf, const char *tmpl, List *argtexts)
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
		else
			break;
	}
}

static char *
deparse_to_string(Expr *node, DeparseCxt *cxt)
{
	StringInfoData sub;
	StringInfo	saved = cxt->buf;

	initStringInfo(&sub);
	cxt->buf = &sub;
	deparse_expr(node, cxt);
	cxt->buf = saved;
	return sub.data;
}

static void
deparse_function(Oid funcid, List *args, DeparseCxt *cxt)
{
	const FdwFuncMap *map = fdw_lookup_function(cxt->fpinfo->dialect, funcid);
	List	   *texts = NIL;
	ListCell   *lc;

	if (map == NULL)
		elog(ERROR, "function %u is not shippable", funcid);
	foreach(lc, args)
		texts = lappend(texts, deparse_to_string((Expr *) lfirst(lc), cxt));
	expand_template(cxt->buf, map->template, texts);
}

static void
deparse_column(Var *var, DeparseCxt *cxt)
{
	char	   *name = fdw_column_remote_name(cxt->fpinfo->relid, var->varattno);

	fdw_deparse_ident(cxt->buf, cxt->fpinfo->dialect, name);
}

static void
deparse_param(Param *param, DeparseCxt *cxt)
{
	int			idx = 1;
	ListCell   *lc;

	foreach(lc, *cxt->params_list)
	{
		if (equal(lfirst(lc), param))
			break;
		idx++;
	}
	if (lc == NULL)
		*cxt->params_list = lappend(*cxt->params_list, param);
	appendStringInfo(cxt->buf, "%c%d%c", FDW_PARAM_START, idx, FDW_PARAM_END);
}

/* x = ANY(array) as an OR chain, x <> ALL(array) as an AND chain. */
static void
deparse_scalar_array(ScalarArrayOpExpr *sa, DeparseCxt *cxt)
{
	const FdwFuncMap *map = fdw_lookup_function(cxt->fpinfo->dialect, sa->opfuncid);
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
		fdw_deparse_literal(&lit, cxt->fpinfo->dialect, elems[i],
							ARR_ELEMTYPE(at), nulls[i]);
		if (i > 0)
			appendStringInfoString(cxt->buf, sa->useOr ? " OR " : " AND ");
		expand_template(cxt->buf, map->template, list_make2(left, lit.data));
	}
	appendStringInfoChar(cxt->buf, ')');
}

static void
deparse_expr(Expr *node, DeparseCxt *cxt)
{
	switch (nodeTag(node))
	{
		case T_Var:
			deparse_column((Var *) node, cxt);
			break;
		case T_Const:
			{
				Const	   *c = (Const *) node;

				fdw_deparse_literal(cxt->buf, cxt->fpinfo->dialect,
									c->constvalue, c->consttype, c->constisnull);
				break;
			}
		case T_Param:
			deparse_param((Param *) node, cxt);
			break;
		case T_RelabelType:
			deparse_expr(((RelabelType *) node)->arg, cxt);
			break;
		case T_OpExpr:
			deparse_function(((OpExpr *) node)->opfuncid,
							 ((OpExpr *) node)->args, cxt);
			break;
		case T_FuncExpr:
			deparse_function(((FuncExpr *) node)->funcid,
							 ((FuncExpr *) node)->args, cxt);
			break;
		case T_ScalarArrayOpExpr:
			deparse_scalar_array((ScalarArrayOpExpr *) node, cxt);
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
					deparse_expr((Expr *) linitial(b->args), cxt);
					appendStringInfoChar(cxt->buf, ')');
					break;
				}
				appendStringInfoChar(cxt->buf, '(');
				foreach(lc, b->args)
				{
					if (foreach_current_index(lc) > 0)
						appendStringInfoString(cxt->buf,
											   b->boolop == AND_EXPR ? " AND " : " OR ");
					deparse_expr((Expr *) lfirst(lc), cxt);
				}
				appendStringInfoChar(cxt->buf, ')');
				break;
			}
		default:
			elog(ERROR, "unsupported expression type for deparse: %d",
				 (int) nodeTag(node));
	}
}

/*
 * SELECT <needed columns> FROM <remote relation> [WHERE <remote conds>].
 * *retrieved_attrs gets the attnums in the order of the remote columns.
 */
void
fdw_deparse_select(StringInfo buf, PlannerInfo *root, RelOptInfo *baserel,
				   List *remote_conds, List **retrieved_attrs,
				   List **params_list)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) baserel->fdw_private;
	RangeTblEntry *rte = planner_rt_fetch(baserel->relid, root);
	Relation	rel = table_open(rte->relid, NoLock);
	TupleDesc	tupdesc = RelationGetDescr(rel);
	bool		whole_row;
	bool		first = true;
	DeparseCxt	cxt;
	ListCell   *lc;
	int			i;

	cxt.buf = buf;
	cxt.baserel = baserel;
	cxt.fpinfo = fpinfo;
	cxt.params_list = params_list;

	*retrieved_attrs = NIL;
	whole_row = bms_is_member(0 - FirstLowInvalidHeapAttributeNumber,
							  fpinfo->attrs_used);
	appendStringInfoString(buf, "SELECT ");
	for (i = 1; i <= tupdesc->natts; i++)
	{
		Form_pg_attribute attr = TupleDescAttr(tupdesc, i - 1);

		if (attr->attisdropped)
			continue;
		if (!whole_row &&
			!bms_is_member(i - FirstLowInvalidHeapAttributeNumber, fpinfo->attrs_used))
			continue;
		if (!first)
			appendStringInfoString(buf, ", ");
		first = false;
		fdw_deparse_ident(buf, fpinfo->dialect,
						  fdw_column_remote_name(rte->relid, i));
		*retrieved_attrs = lappend_int(*retrieved_attrs, i);
	}
	if (first)
		appendStringInfoString(buf, "NULL");
	table_close(rel, NoLock);

	appendStringInfoString(buf, " FROM ");
	fdw_deparse_relation(buf, fpinfo->dialect, &fpinfo->opts);

	foreach(lc, remote_conds)
	{
		Expr	   *expr = (Expr *) lfirst(lc);

		if (IsA(expr, RestrictInfo))
			expr = ((RestrictInfo *) expr)->clause;
		appendStringInfoString(buf, foreach_current_index(lc) == 0 ? " WHERE " : " AND ");
		deparse_expr(expr, &cxt);
	}
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
			appendStringInfoChar(&buf, '$');
		else if (*p != FDW_PARAM_END)
			appendStringInfoChar(&buf, *p);
	}
	return buf.data;
}

/* The SQL to run: parameter markers become literals of the current values. */
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
			int			n = (int) strtol(p + 1, (char **) &p, 10) - 1;

			fdw_deparse_literal(&buf, dialect, values[n], types[n], nulls[n]);
			Assert(*p == FDW_PARAM_END);
		}
		else
			appendStringInfoChar(&buf, *p);
	}
	return buf.data;
}
