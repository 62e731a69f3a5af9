/*-------------------------------------------------------------------------
 *
 * shippable.c
 *		  Decides which expressions may be evaluated on the remote server.
 *
 * An expression is shipped only when the remote computes exactly what
 * PostgreSQL would: every function and operator must be built in, immutable
 * and listed in the dialect's table (by pg_proc name and argument types);
 * constants and parameters must have a literal spelling; string comparisons
 * must not depend on a collation the remote does not share; and a division
 * is shipped only by a non-zero constant, since remote sources return NULL
 * or raise differently for x/0.  Anything else stays local: a wrong answer
 * is worse than a slower one.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "access/transam.h"
#include "catalog/pg_aggregate.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_operator.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/optimizer.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/pg_locale.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "fdw_planner.h"
#include "literal.h"

typedef struct FuncCacheKey
{
	const FdwDialect *dialect;
	Oid			funcid;
} FuncCacheKey;

typedef struct FuncCacheEntry
{
	FuncCacheKey key;
	const FdwFuncMap *map;		/* NULL: not shippable */
	char	   *sig;			/* argument type names, "text,timestamp" */
} FuncCacheEntry;

static HTAB *FuncCache = NULL;

/*
 * Does a table entry's argtypes ("text,timestamp", or "'year',timestamp"
 * where a quoted word stands for a text constant) fit the function's
 * signature sig ("text,timestamp")?
 */
static bool
argtypes_match(const char *argtypes, const char *sig)
{
	while (*argtypes && *sig)
	{
		size_t		n = strcspn(sig, ",");

		if (*argtypes == '\'')
		{
			if (n != 4 || strncmp(sig, "text", 4) != 0)
				return false;
			argtypes = strchr(argtypes + 1, '\'');
			if (argtypes == NULL)
				return false;
			argtypes++;
		}
		else
		{
			if (strncmp(argtypes, sig, n) != 0 ||
				(argtypes[n] != ',' && argtypes[n] != '\0'))
				return false;
			argtypes += n;
		}
		sig += n;
		if (*argtypes != *sig)
			return false;
		if (*sig == ',')
			argtypes++, sig++;
	}
	return *argtypes == '\0' && *sig == '\0';
}

/*
 * Do the constant arguments named by an entry's quoted argtypes hold those
 * words (case-insensitively, as PostgreSQL reads extract() fields)?
 */
static bool
const_args_match(const char *argtypes, List *args)
{
	ListCell   *lc;

	foreach(lc, args)
	{
		Node	   *arg = (Node *) lfirst(lc);
		const char *end;

		if (*argtypes == '\'')
		{
			char	   *val;

			end = strchr(argtypes + 1, '\'');
			while (IsA(arg, RelabelType))
				arg = (Node *) ((RelabelType *) arg)->arg;
			if (!IsA(arg, Const) || ((Const *) arg)->constisnull ||
				((Const *) arg)->consttype != TEXTOID)
				return false;
			val = TextDatumGetCString(((Const *) arg)->constvalue);
			if (strlen(val) != (size_t) (end - argtypes - 1) ||
				pg_strncasecmp(val, argtypes + 1, end - argtypes - 1) != 0)
				return false;
			end++;
		}
		else
			end = argtypes + strcspn(argtypes, ",");
		argtypes = *end == ',' ? end + 1 : end;
	}
	return true;
}

/*
 * Find the dialect's first template for a built-in function, or NULL; *sig
 * gets the function's argument type names (in CacheMemoryContext).
 */
static const FdwFuncMap *
lookup_uncached(const FdwDialect *dialect, Oid funcid, char **sig)
{
	HeapTuple	tup;
	Form_pg_proc proc;
	StringInfoData args;
	const FdwFuncMap *m;
	const FdwFuncMap *found = NULL;
	int			i;

	if (funcid >= FirstGenbkiObjectId || dialect->funcs == NULL)
		return NULL;
	tup = SearchSysCache1(PROCOID, ObjectIdGetDatum(funcid));
	if (!HeapTupleIsValid(tup))
		return NULL;
	proc = (Form_pg_proc) GETSTRUCT(tup);
	if (proc->pronamespace != PG_CATALOG_NAMESPACE ||
		proc->provolatile != PROVOLATILE_IMMUTABLE || proc->proretset)
	{
		ReleaseSysCache(tup);
		return NULL;
	}
	initStringInfo(&args);
	for (i = 0; i < proc->pronargs; i++)
	{
		HeapTuple	ttup = SearchSysCache1(TYPEOID,
										   ObjectIdGetDatum(proc->proargtypes.values[i]));
		const char *tname = "?";

		if (HeapTupleIsValid(ttup))
			tname = pstrdup(NameStr(((Form_pg_type) GETSTRUCT(ttup))->typname));
		if (HeapTupleIsValid(ttup))
			ReleaseSysCache(ttup);

		appendStringInfo(&args, "%s%s", i ? "," : "", tname);
	}
	for (m = dialect->funcs; m->proname; m++)
	{
		if (strcmp(m->proname, NameStr(proc->proname)) != 0)
			continue;
		if (m->argtypes && !argtypes_match(m->argtypes, args.data))
			continue;
		found = m;
		break;
	}
	ReleaseSysCache(tup);
	if (found)
		*sig = MemoryContextStrdup(CacheMemoryContext, args.data);
	pfree(args.data);
	return found;
}

/* The cache entry of a function in a dialect, looked up on first use. */
static FuncCacheEntry *
lookup_entry(const FdwDialect *dialect, Oid funcid)
{
	FuncCacheKey key;
	FuncCacheEntry *entry;
	bool		found;

	if (FuncCache == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(FuncCacheKey);
		ctl.entrysize = sizeof(FuncCacheEntry);
		FuncCache = hash_create("fdw shippable functions", 256, &ctl,
								HASH_ELEM | HASH_BLOBS);
	}
	memset(&key, 0, sizeof(key));
	key.dialect = dialect;
	key.funcid = funcid;
	entry = hash_search(FuncCache, &key, HASH_FIND, NULL);
	if (entry)
		return entry;
	/* look up before entering: catalog access may fail */
	{
		char	   *sig = NULL;
		const FdwFuncMap *map = lookup_uncached(dialect, funcid, &sig);

		entry = hash_search(FuncCache, &key, HASH_ENTER, &found);
		entry->map = map;
		entry->sig = sig;
	}
	return entry;
}

const FdwFuncMap *
fdw_lookup_function(const FdwDialect *dialect, Oid funcid)
{
	return lookup_entry(dialect, funcid)->map;
}

/*
 * The dialect's template for a call of funcid with these arguments: as
 * fdw_lookup_function, and where the table has entries for constant
 * arguments (extract('year', ..)), the one whose constants the call has.
 */
const FdwFuncMap *
fdw_lookup_function_args(const FdwDialect *dialect, Oid funcid, List *args)
{
	FuncCacheEntry *entry = lookup_entry(dialect, funcid);
	const FdwFuncMap *first = entry->map;
	const FdwFuncMap *m;

	if (first == NULL || first->argtypes == NULL || strchr(first->argtypes, '\'') == NULL)
		return first;
	/* entries for the same function are adjacent in the table */
	for (m = first; m->proname && strcmp(m->proname, first->proname) == 0; m++)
		if (m->argtypes && argtypes_match(m->argtypes, entry->sig) &&
			const_args_match(m->argtypes, args))
			return m;
	return NULL;
}

/* Can a value of this type be spelled as a remote literal? */
static bool
literal_type_ok(Oid type)
{
	switch (type)
	{
		case INT2OID:
		case INT4OID:
		case INT8OID:
		case FLOAT4OID:
		case FLOAT8OID:
		case NUMERICOID:
		case BOOLOID:
		case TEXTOID:
		case VARCHAROID:
		case DATEOID:
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
		case TIMEOID:
		case BYTEAOID:
			return true;
	}
	return false;
}

/* Is this constant's value one the remote can represent exactly? */
static bool
const_value_ok(Const *c)
{
	if (c->constisnull)
		return true;
	switch (c->consttype)
	{
		case TEXTOID:
		case VARCHAROID:
			{
				text	   *t = DatumGetTextPP(c->constvalue);
				const char *p = VARDATA_ANY(t);
				int			len = VARSIZE_ANY_EXHDR(t);

				/* the deparser marks parameters with these bytes */
				return memchr(p, FDW_PARAM_START, len) == NULL &&
					memchr(p, FDW_PARAM_END, len) == NULL;
			}
	}
	return fdw_literal_sendable(c->consttype, c->constvalue);
}

static bool
is_nonzero_const(Node *node)
{
	Const	   *c;

	while (IsA(node, RelabelType))
		node = (Node *) ((RelabelType *) node)->arg;
	if (!IsA(node, Const))
		return false;
	c = (Const *) node;
	if (c->constisnull)
		return false;
	switch (c->consttype)
	{
		/* x / -1 overflows for the smallest integer: PostgreSQL raises */
		case INT2OID:
			return DatumGetInt16(c->constvalue) != 0 && DatumGetInt16(c->constvalue) != -1;
		case INT4OID:
			return DatumGetInt32(c->constvalue) != 0 && DatumGetInt32(c->constvalue) != -1;
		case INT8OID:
			return DatumGetInt64(c->constvalue) != 0 && DatumGetInt64(c->constvalue) != -1;
		case FLOAT4OID:
			return DatumGetFloat4(c->constvalue) != 0;
		case FLOAT8OID:
			return DatumGetFloat8(c->constvalue) != 0;
		case NUMERICOID:
			return strcmp(DatumGetCString(DirectFunctionCall1(numeric_out, c->constvalue)), "0") != 0 &&
				const_value_ok(c);
	}
	return false;
}

/* An int4 constant from -30 to 30: a decimal scale every source takes. */
static bool
is_scale_const(Node *node)
{
	Const	   *c = (Const *) node;

	return IsA(node, Const) && c->consttype == INT4OID && !c->constisnull &&
		DatumGetInt32(c->constvalue) >= -30 && DatumGetInt32(c->constvalue) <= 30;
}

typedef struct ShipContext
{
	Relids		relids;			/* Vars of these relations are columns */
	bool		in_upper;		/* aggregates allowed */
	Node	   *output;			/* may be a split avg() (FDW_FN_SPLIT_AVG) */
	bool		guarded;		/* a guarded filter: FDW_FN_GUARDED allowed */
	const FdwDialect *dialect;
} ShipContext;

static bool ship_walker(Node *node, ShipContext *cxt);
static bool bool_values_bad(List *args, ShipContext *cxt);

/*
 * Is the partial state of a split aggregate (AGGSPLIT_INITIAL_SERIAL, a
 * Partial Aggregate below the Finalize Aggregate of partition-wise
 * aggregation) exactly what the remote's plain aggregate returns?
 *
 * The state an aggregate without a final function ends with is its result
 * (count, sum of int2/int4/float8, min, max, bool_and): the remote's
 * result, which the dialect's template guarantees equal to PostgreSQL's,
 * read as the state's type, can be combined above like any partial state.
 * A state of type internal is serialized in a form only PostgreSQL knows
 * (avg, sum of int8 and numeric), a final function turns the state into
 * something else (avg of double precision), no combine function means no
 * Finalize Aggregate, and DISTINCT or ORDER BY inputs cannot be split; the
 * declared result type must be the state's too (a polymorphic aggregate's
 * is not known here).  Those stay local: the Partial Aggregate runs over
 * the partition's scan.
 */
static bool
partial_state_is_result(Aggref *agg)
{
	HeapTuple	tup;
	Form_pg_aggregate aggform;
	bool		ok;

	if (agg->aggsplit != AGGSPLIT_INITIAL_SERIAL ||
		agg->aggdistinct != NIL || agg->aggorder != NIL)
		return false;
	tup = SearchSysCache1(AGGFNOID, ObjectIdGetDatum(agg->aggfnoid));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for aggregate %u", agg->aggfnoid);
	aggform = (Form_pg_aggregate) GETSTRUCT(tup);
	ok = aggform->aggkind == AGGKIND_NORMAL &&
		!OidIsValid(aggform->aggfinalfn) &&
		OidIsValid(aggform->aggcombinefn) &&
		aggform->aggtranstype != INTERNALOID;
	ReleaseSysCache(tup);
	return ok && agg->aggtranstype != INTERNALOID &&
		agg->aggtype == agg->aggtranstype &&
		get_func_rettype(agg->aggfnoid) == agg->aggtranstype;
}

static bool
function_ok(Oid funcid, Oid inputcollid, List *args, ShipContext *cxt)
{
	const FdwFuncMap *map = fdw_lookup_function_args(cxt->dialect, funcid, args);

	if (map == NULL || bool_values_bad(args, cxt))
		return false;
	if ((map->flags & FDW_FN_GUARDED) && !cxt->guarded)
		return false;
	if ((map->flags & FDW_FN_NONZERO_DIVISOR) &&
		!is_nonzero_const((Node *) llast(args)))
		return false;
	if ((map->flags & FDW_FN_SCALE_ARG) && !is_scale_const((Node *) llast(args)))
		return false;
	/* (a guarded filter may repeat computed integers: they are immutable) */
	if ((map->flags & FDW_FN_SIMPLE_ARGS) && !cxt->guarded)
	{
		ListCell   *lc;

		/* the template repeats its arguments: keep them small */
		foreach(lc, args)
		{
			Node	   *arg = (Node *) lfirst(lc);

			while (IsA(arg, RelabelType))
				arg = (Node *) ((RelabelType *) arg)->arg;
			if (!IsA(arg, Var) && !IsA(arg, Const) && !IsA(arg, Param))
				return false;
		}
	}
	if ((map->flags & FDW_FN_COLLATION_ORDER) && OidIsValid(inputcollid) &&
		!fdw_collation_is_bytewise(inputcollid))
		return false;
	if ((map->flags & FDW_FN_COLLATION_EQUAL) && OidIsValid(inputcollid) &&
		!get_collation_isdeterministic(inputcollid))
		return false;
	if ((map->flags & FDW_FN_CHAR_WIDTH) &&
		exprTypmod((Node *) linitial(args)) < (int32) VARHDRSZ + 1)
		return false;
	return !ship_walker((Node *) args, cxt) ? true : false;
}

/*
 * Where the remote has no boolean values (T-SQL), a boolean may be used as
 * a value (an argument of a function, COALESCE, CASE result, IS NULL) only
 * when it is a stored bit: a column, constant or parameter.
 */
static bool
bool_value_bad(Node *node, ShipContext *cxt)
{
	if (cxt->dialect->bool_is_value || node == NULL ||
		exprType(node) != BOOLOID)
		return false;
	while (IsA(node, RelabelType))
		node = (Node *) ((RelabelType *) node)->arg;
	return !(IsA(node, Var) || IsA(node, Const) || IsA(node, Param));
}

static bool
bool_values_bad(List *args, ShipContext *cxt)
{
	ListCell   *lc;

	foreach(lc, args)
		if (bool_value_bad((Node *) lfirst(lc), cxt))
			return true;
	return false;
}

/* Returns true when something NOT shippable is found. */
static bool
ship_walker(Node *node, ShipContext *cxt)
{
	if (node == NULL)
		return false;

	switch (nodeTag(node))
	{
		case T_List:
			{
				ListCell   *lc;

				foreach(lc, (List *) node)
					if (ship_walker((Node *) lfirst(lc), cxt))
						return true;
				return false;
			}
		case T_Var:
			{
				Var		   *v = (Var *) node;

				if (v->varlevelsup != 0)
					return true;
				if (bms_is_member(v->varno, cxt->relids))
					return v->varattno <= 0;	/* no whole-row or system columns */
				/* another relation's column: sent as a parameter */
				return !literal_type_ok(v->vartype);
			}
		case T_Aggref:
			{
				Aggref	   *agg = (Aggref *) node;
				const FdwFuncMap *map;
				ListCell   *lc;

				if (!cxt->in_upper || agg->aggorder != NIL || agg->aggfilter != NULL ||
					agg->aggkind != AGGKIND_NORMAL || agg->aggvariadic)
					return true;
				if (agg->aggsplit != AGGSPLIT_SIMPLE && !partial_state_is_result(agg))
					return true;
				if (agg->aggstar)
					return false;
				map = fdw_lookup_function(cxt->dialect, agg->aggfnoid);
				if (map == NULL)
					return true;
				if (agg->aggdistinct != NIL && !(map->flags & FDW_FN_DISTINCT_OK))
					return true;
				/* computed from remote parts: only as an output column */
				if ((map->flags & FDW_FN_SPLIT_AVG) && node != cxt->output)
					return true;

				/*
				 * DISTINCT over strings: the remote must tell them apart by
				 * their bytes, as a deterministic collation does
				 */
				if (agg->aggdistinct != NIL && OidIsValid(agg->inputcollid))
				{
					if (!get_collation_isdeterministic(agg->inputcollid))
						return true;
					foreach(lc, agg->args)
						if (!fdw_is_text_key(lfirst_node(TargetEntry, lc)->expr, cxt->dialect))
							return true;
				}
				if ((map->flags & FDW_FN_COLLATION_ORDER) && OidIsValid(agg->inputcollid) &&
					!fdw_collation_is_bytewise(agg->inputcollid))
					return true;
				foreach(lc, agg->args)
				{
					TargetEntry *tle = lfirst_node(TargetEntry, lc);
					Node	   *arg = (Node *) tle->expr;

					if (ship_walker(arg, cxt))
						return true;
					while (IsA(arg, RelabelType))
						arg = (Node *) ((RelabelType *) arg)->arg;
					if ((map->flags & FDW_FN_SIMPLE_ARGS) &&
						!IsA(arg, Var) && !IsA(arg, Const) && !IsA(arg, Param))
						return true;
				}
				return false;
			}
		case T_CaseExpr:
			{
				CaseExpr   *ce = (CaseExpr *) node;
				ListCell   *lc;

				if (ce->arg != NULL || !literal_type_ok(ce->casetype))
					return true;
				foreach(lc, ce->args)
				{
					CaseWhen   *w = lfirst_node(CaseWhen, lc);

					if (ship_walker((Node *) w->expr, cxt) ||
						bool_value_bad((Node *) w->result, cxt) ||
						ship_walker((Node *) w->result, cxt))
						return true;
				}
				return bool_value_bad((Node *) ce->defresult, cxt) ||
					ship_walker((Node *) ce->defresult, cxt);
			}
		case T_CoalesceExpr:
			return !literal_type_ok(((CoalesceExpr *) node)->coalescetype) ||
				bool_values_bad(((CoalesceExpr *) node)->args, cxt) ||
				ship_walker((Node *) ((CoalesceExpr *) node)->args, cxt);
		case T_DistinctExpr:
			{
				DistinctExpr *de = (DistinctExpr *) node;

				/* spelled with the dialect's "=" and IS NULL tests */
				set_opfuncid((OpExpr *) de);
				return de->opretset ||
					!function_ok(de->opfuncid, de->inputcollid, de->args, cxt);
			}
		case T_BooleanTest:
			return ship_walker((Node *) ((BooleanTest *) node)->arg, cxt);
		case T_MinMaxExpr:
			{
				MinMaxExpr *mm = (MinMaxExpr *) node;
				TypeCacheEntry *tce = lookup_type_cache(mm->minmaxtype, TYPECACHE_LT_OPR);

				/*
				 * GREATEST/LEAST of a type the remote orders as PostgreSQL
				 * does (no strings: collations), NULLs skipped (see deparse)
				 */
				return (mm->op == IS_GREATEST ? cxt->dialect->greatest_func :
						cxt->dialect->least_func) == NULL ||
					OidIsValid(mm->inputcollid) || !literal_type_ok(mm->minmaxtype) ||
					!OidIsValid(tce->lt_opr) ||
					fdw_lookup_function(cxt->dialect, get_opcode(tce->lt_opr)) == NULL ||
					bool_values_bad(mm->args, cxt) ||
					ship_walker((Node *) mm->args, cxt);
			}
		case T_NullIfExpr:
			{
				NullIfExpr *ne = (NullIfExpr *) node;

				set_opfuncid((OpExpr *) ne);
				return !literal_type_ok(ne->opresulttype == BOOLOID ?
										exprType(linitial(ne->args)) : ne->opresulttype) ||
					!function_ok(ne->opfuncid, ne->inputcollid, ne->args, cxt);
			}
		case T_Const:
			return !(literal_type_ok(((Const *) node)->consttype) &&
					 const_value_ok((Const *) node));
		case T_Param:
			{
				Param	   *p = (Param *) node;

				return !((p->paramkind == PARAM_EXTERN || p->paramkind == PARAM_EXEC) &&
						 literal_type_ok(p->paramtype));
			}
		case T_RelabelType:
			return ship_walker((Node *) ((RelabelType *) node)->arg, cxt);
		case T_BoolExpr:
			return ship_walker((Node *) ((BoolExpr *) node)->args, cxt);
		case T_NullTest:
			{
				NullTest   *nt = (NullTest *) node;

				return nt->argisrow || bool_value_bad((Node *) nt->arg, cxt) ||
					ship_walker((Node *) nt->arg, cxt);
			}
		case T_OpExpr:
			{
				OpExpr	   *op = (OpExpr *) node;

				set_opfuncid(op);
				return op->opretset ||
					!function_ok(op->opfuncid, op->inputcollid, op->args, cxt);
			}
		case T_FuncExpr:
			{
				FuncExpr   *fe = (FuncExpr *) node;

				return fe->funcretset ||
					!function_ok(fe->funcid, fe->inputcollid, fe->args, cxt);
			}
		case T_ScalarArrayOpExpr:
			{
				ScalarArrayOpExpr *sa = (ScalarArrayOpExpr *) node;
				Node	   *arr = (Node *) lsecond(sa->args);
				ArrayType  *at;

				set_sa_opfuncid(sa);
				if (!IsA(arr, Const) || ((Const *) arr)->constisnull)
					return true;
				at = DatumGetArrayTypeP(((Const *) arr)->constvalue);
				if (ARR_NDIM(at) != 1 || ArrayGetNItems(ARR_NDIM(at), ARR_DIMS(at)) == 0 ||
					!literal_type_ok(ARR_ELEMTYPE(at)))
					return true;
				/* only x = ANY(...) and x <> ALL(...) have an IN spelling */
				if (strcmp(get_opname(sa->opno), sa->useOr ? "=" : "<>") != 0)
					return true;
				/* each element is deparsed as a constant: checked like one */
				{
					Datum	   *elems;
					bool	   *enulls;
					int			n,
								i;
					int16		elmlen;
					bool		elmbyval;
					char		elmalign;

					get_typlenbyvalalign(ARR_ELEMTYPE(at), &elmlen, &elmbyval, &elmalign);
					deconstruct_array(at, ARR_ELEMTYPE(at), elmlen, elmbyval, elmalign,
									  &elems, &enulls, &n);
					for (i = 0; i < n; i++)
					{
						Const	   *c;

						if (enulls[i])
							continue;
						c = makeConst(ARR_ELEMTYPE(at), -1, InvalidOid, elmlen,
									  elems[i], false, elmbyval);
						if (!const_value_ok(c))
							return true;
					}
				}
				return !function_ok(sa->opfuncid, sa->inputcollid,
									list_make1(linitial(sa->args)), cxt);
			}
		default:
			return true;
	}
}

/*
 * May expr be evaluated remotely as part of the query computing rel (a base
 * or join relation, or an aggregation over one)?
 */
static bool
shippable(RelOptInfo *rel, Expr *expr, bool output, bool guarded)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) rel->fdw_private;
	ShipContext cxt;

	if (contain_mutable_functions((Node *) expr))
		return false;
	cxt.in_upper = IS_UPPER_REL(rel);
	cxt.relids = cxt.in_upper ? fpinfo->outerrel->relids : rel->relids;
	cxt.output = output ? (Node *) expr : NULL;
	cxt.guarded = guarded;
	cxt.dialect = fpinfo->dialect;
	return !ship_walker((Node *) expr, &cxt);
}

bool
fdw_is_shippable_expr(PlannerInfo *root, RelOptInfo *rel, Expr *expr)
{
	return shippable(rel, expr, false, false);
}

/*
 * May a base relation's condition that fdw_is_shippable_expr refused be
 * sent as a guarded filter (FDW_FN_GUARDED), PostgreSQL checking it again?
 */
bool
fdw_is_shippable_filter(PlannerInfo *root, RelOptInfo *rel, Expr *expr)
{
	const FdwDialect *dialect = ((FdwRelInfo *) rel->fdw_private)->dialect;

	if (!IS_SIMPLE_REL(rel) || dialect->guard_int2 == NULL ||
		dialect->guard_int4 == NULL || dialect->guard_int8 == NULL)
		return false;
	return exprType((Node *) expr) == BOOLOID && shippable(rel, expr, false, true);
}

/*
 * May expr be computed remotely as a whole column of the remote query's
 * select list?  As fdw_is_shippable_expr, and expr may also be an aggregate
 * the scan finishes from remote parts (FDW_FN_SPLIT_AVG).
 */
bool
fdw_is_shippable_output(PlannerInfo *root, RelOptInfo *rel, Expr *expr)
{
	return shippable(rel, expr, true, false);
}

/*
 * Would expr, at the top level, be sent to the remote as a parameter (a
 * Param, or a Var of a relation outside rel) rather than computed there?
 *
 * Such an expression must not become an entry of an upper relation's remote
 * select list (fdw_scan_tlist): it is also among the scan's parameters
 * (fdw_exprs), and setrefs matches fdw_exprs against fdw_scan_tlist, so the
 * parameter would be replaced by a reference to the scan's own output,
 * which does not exist yet when the parameters are evaluated.  Only the top
 * level matters: "$1 + sum(x)" matches no parameter.  (postgres_fdw's
 * is_foreign_param; a relabeled parameter is refused too, its value being
 * known here anyway.)
 */
bool
fdw_is_foreign_param(PlannerInfo *root, RelOptInfo *rel, Expr *expr)
{
	FdwRelInfo *fpinfo = (FdwRelInfo *) rel->fdw_private;

	if (expr == NULL)
		return false;
	while (IsA(expr, RelabelType))
		expr = ((RelabelType *) expr)->arg;
	switch (nodeTag(expr))
	{
		case T_Var:
			{
				Var		   *var = (Var *) expr;
				Relids		relids = IS_UPPER_REL(rel) ?
					fpinfo->outerrel->relids : rel->relids;

				return var->varlevelsup != 0 ||
					!bms_is_member(var->varno, relids);
			}
		case T_Param:
			return true;
		default:
			return false;
	}
}

/*
 * Is expr a string the dialect can compare, group and sort by its bytes
 * (text_key_template)?
 */
bool
fdw_is_text_key(Expr *expr, const FdwDialect *dialect)
{
	Oid			type = exprType((Node *) expr);

	return dialect->text_key_template != NULL &&
		(type == TEXTOID || type == VARCHAROID);
}

/*
 * May the remote sort by expr with the type's default ordering?  For types
 * whose order cannot depend on a collation, and for strings sorted under a
 * collation that orders them by their bytes, which the dialect then sorts
 * by (text_key_template).
 */
bool
fdw_is_shippable_sort(PlannerInfo *root, RelOptInfo *rel, Expr *expr,
					  Oid opfamily, Oid collation)
{
	const FdwDialect *dialect = ((FdwRelInfo *) rel->fdw_private)->dialect;
	Oid			type = exprType((Node *) expr);
	TypeCacheEntry *tce;

	if (fdw_is_text_key(expr, dialect))
	{
		if (!fdw_collation_is_bytewise(collation))
			return false;
		type = TEXTOID;			/* varchar sorts with text's operators */
	}
	/* false before true: sorted by the dialect's truth value of the key */
	if (type == BOOLOID)
	{
		tce = lookup_type_cache(type, TYPECACHE_BTREE_OPFAMILY);
		return dialect->bool_group_template != NULL && tce->btree_opf == opfamily &&
			fdw_is_shippable_expr(root, rel, expr);
	}
	switch (type)
	{
		case TEXTOID:
			if (!fdw_is_text_key(expr, dialect))
				return false;
			break;
		case INT2OID:
		case INT4OID:
		case INT8OID:
		case FLOAT4OID:
		case FLOAT8OID:
		case NUMERICOID:
		case DATEOID:
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
		case TIMEOID:
			break;
		default:
			return false;
	}
	tce = lookup_type_cache(type, TYPECACHE_BTREE_OPFAMILY | TYPECACHE_LT_OPR);
	if (tce->btree_opf != opfamily || !OidIsValid(tce->lt_opr))
		return false;
	/* the remote must compare this type as PostgreSQL does (dialect's "<") */
	if (fdw_lookup_function(dialect, get_opcode(tce->lt_opr)) == NULL)
		return false;
	return fdw_is_shippable_expr(root, rel, expr);
}

/*
 * May the remote group by expr?  Its type's equality must be one the
 * dialect ships (so the remote groups exactly as PostgreSQL would).
 */
bool
fdw_is_shippable_group_key(PlannerInfo *root, RelOptInfo *rel, Expr *expr)
{
	Oid			collation = exprCollation((Node *) expr);
	TypeCacheEntry *tce;

	/* strings group by their bytes, as under a deterministic collation */
	if (OidIsValid(collation) &&
		(!fdw_is_text_key(expr, ((FdwRelInfo *) rel->fdw_private)->dialect) ||
		 !get_collation_isdeterministic(collation)))
		return false;
	tce = lookup_type_cache(OidIsValid(collation) ? TEXTOID : exprType((Node *) expr),
							TYPECACHE_EQ_OPR);
	if (!OidIsValid(tce->eq_opr) ||
		fdw_lookup_function(((FdwRelInfo *) rel->fdw_private)->dialect,
							get_opcode(tce->eq_opr)) == NULL)
		return false;
	return fdw_is_shippable_expr(root, rel, expr);
}
