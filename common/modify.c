/*-------------------------------------------------------------------------
 *
 * modify.c
 *		  INSERT, UPDATE and DELETE through foreign tables, row by row or
 *		  in multi-row INSERT batches, with RETURNING; COPY FROM and tuple
 *		  routing into foreign partitions; EXPLAIN of all of them.
 *
 * A remote row is identified by its key: the columns declared with the
 * column option key 'true', else the remote's primary key or a unique key
 * over NOT NULL columns (describe.c).  The key columns ride along with the
 * scan as junk columns, and each UPDATE or DELETE names its row by them;
 * it must change exactly one remote row, or the statement fails and the
 * local transaction with it (which rolls the remote one back).  An UPDATE
 * sets the columns the statement names, or every column when a BEFORE ROW
 * UPDATE trigger might have changed any; the row is still found by the key
 * it had when read, even when the trigger changed the key.
 *
 * Values travel as literals in the SQL text (literal.c); the statement is
 * spelled by the same code for execution and for EXPLAIN, where values are
 * shown as $n.  RETURNING, and AFTER ROW triggers that need the stored row,
 * read the row back by its key: after INSERT and UPDATE (so remote
 * defaults, triggers and conversions show), before DELETE.  An INSERT that
 * left an auto-increment key to the remote reads back by the number the
 * remote generated (driver->last_insert_id).
 *
 * Not here: UPDATE/DELETE pushed down whole (direct modify) belongs to the
 * planner; ON CONFLICT is refused, because no remote spelling we know has
 * exactly its meaning (MySQL's INSERT IGNORE also swallows conversion
 * errors).
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/sysattr.h"
#include "access/table.h"
#include "commands/explain.h"
#include "commands/trigger.h"
#include "executor/executor.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "optimizer/optimizer.h"
#include "optimizer/pathnode.h"
#include "parser/parsetree.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "optimizer/appendinfo.h"
#include "optimizer/inherit.h"

#include "connection.h"
#include "describe.h"
#include "fdw_core.h"
#include "fdw_planner.h"
#include "literal.h"
#include "modify.h"
#include "options.h"
#include "scan.h"

/*
 * A multi-row INSERT is cut into statements of about this size: well under
 * the max_allowed_packet of any MySQL since 5.7 (4 MB), and large enough
 * that the round trips do not matter.
 */
#define FDW_MAX_INSERT_SQL (1024 * 1024)

/* Indexes into the fdw_private list of a foreign modify. */
enum FdwModifyPrivate
{
	FdwModifyPrivateSql,		/* the statement with $n, for EXPLAIN */
	FdwModifyPrivateReturningSql,	/* the read-back with $n, or "" */
	FdwModifyPrivateTargetAttrs,	/* INSERT columns, UPDATE SET columns */
	FdwModifyPrivateKeyAttrs,	/* columns identifying the row */
	FdwModifyPrivateReturningAttrs, /* columns read back; NIL: none */
	FdwModifyPrivateGeneratedAttrs	/* remote-generated columns not sent */
};

/* How one statement of a foreign table is spelled. */
typedef struct ModifySpec
{
	CmdType		op;
	const FdwDialect *dialect;
	char	   *relsql;			/* the remote table, quoted */
	char	  **colsql;			/* per attnum - 1: quoted remote column */
	List	   *target_attrs;
	List	   *key_attrs;
	List	   *returning_attrs;
} ModifySpec;

typedef struct FdwModifyState
{
	FdwCursorOwner owner;		/* for read-backs, which never stay open */
	Relation	rel;
	const char *relname;
	FdwConnEntry *entry;
	ModifySpec	spec;
	List	   *generated_attrs;
	FdwLiteralOut *lits;		/* per attnum - 1 (kind 0: column unused) */
	AttrNumber *key_junk;		/* per key attr: resno in the plan slot */
	AttrNumber	autoinc_attno;	/* key column the remote numbers, or 0 */
	uint64		last_insert_id;
	int			batch_size;
	bool		zero_date_null;
	int64		max_blob_size;
	MemoryContext temp_cxt;		/* per row or batch */
} FdwModifyState;

/* Where the values of a statement come from while it is spelled. */
typedef struct ValueSource
{
	FdwModifyState *fm;			/* NULL: EXPLAIN, values are $n */
	TupleTableSlot *slot;		/* the new row */
	TupleTableSlot *planSlot;	/* the old key values, as junk columns */
	int			nparam;
	bool		use_insert_id;	/* key of a row just inserted */
} ValueSource;

static const char *
op_name(CmdType op)
{
	return op == CMD_INSERT ? "INSERT" : op == CMD_UPDATE ? "UPDATE" : "DELETE";
}

/*
 * The junk column carrying one key column through the plan.  The name must
 * be the same Var's in every child of an inherited UPDATE, and differ for
 * different Vars (add_row_identity_var insists), hence all the parts.
 */
static char *
key_junk_name(Form_pg_attribute attr)
{
	return psprintf("fdw_key_%d_%u_%d_%u", attr->attnum, attr->atttypid,
					attr->atttypmod, attr->attcollation);
}

/* The user whose mapping a planned statement on rte uses. */
static Oid
rte_userid(PlannerInfo *root, RangeTblEntry *rte)
{
	return fdw_planned_rte_userid(root, rte);
}

/* The user whose mapping an executing result relation uses. */
static Oid
result_rel_userid(ResultRelInfo *rinfo, EState *estate)
{
	return fdw_result_rel_userid(rinfo, estate);
}

static UserMapping *
user_for(Oid userid, Relation rel)
{
	return GetUserMapping(userid, GetForeignTable(RelationGetRelid(rel))->serverid);
}

/* Plan-time check that the values of a column can be spelled remotely. */
static void
check_sendable(Relation rel, Form_pg_attribute attr)
{
	if (fdw_literal_kind(attr->atttypid) == FDW_LIT_UNSUPPORTED)
		ereport(ERROR,
				(errcode(ERRCODE_FDW_INVALID_DATA_TYPE),
				 errmsg("column \"%s\" of foreign table \"%s\" has type %s, which cannot be written to the remote server",
						NameStr(attr->attname), RelationGetRelationName(rel),
						format_type_be(attr->atttypid)),
				 errhint("Declare the column with a type the remote understands, such as text.")));
}

/*
 * Refuse a write the table's options forbid, while planning: before the
 * plan asks the remote for the table's key or generated columns (which a
 * source may not even answer).  With PostgreSQL's own words and SQLSTATE
 * for updatable 'false', which its executor would raise later.
 */
static void
check_writable_table(Relation rel, const FdwTableOptions *opts, CmdType op)
{
	if (opts->query)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("foreign table \"%s\" is defined by a remote query and cannot be written",
						RelationGetRelationName(rel))));
	if (!opts->updatable)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("foreign table \"%s\" does not allow %s",
						RelationGetRelationName(rel),
						op == CMD_INSERT ? "inserts" :
						op == CMD_DELETE ? "deletes" : "updates")));
}

/* The key columns of rel, or a clear error naming the way out. */
static List *
require_key(Relation rel, UserMapping *user, const char *why)
{
	List	   *keys = fdw_row_key_attrs(rel, user);
	const char *opt = fdw_option_name_for_role(FDW_ROLE_KEY, FDW_OPT_COLUMN);
	ListCell   *lc;

	if (keys == NIL)
		ereport(ERROR,
				(errcode(ERRCODE_FDW_UNABLE_TO_CREATE_EXECUTION),
				 errmsg("cannot %s foreign table \"%s\": no key identifies its remote rows",
						why, RelationGetRelationName(rel)),
				 errdetail("The remote table has no primary key and no unique key over NOT NULL columns."),
				 opt ?
				 errhint("Mark the columns that identify a row with the column option %s 'true': ALTER FOREIGN TABLE %s ALTER COLUMN ... OPTIONS (ADD %s 'true').",
						 opt, RelationGetRelationName(rel), opt) : 0));
	foreach(lc, keys)
		check_sendable(rel, TupleDescAttr(RelationGetDescr(rel), lfirst_int(lc) - 1));
	return keys;
}

/*
 * Columns an INSERT sends: all but dropped ones, locally generated ones
 * (the remote computes its own) and remote generated ones (*generated).
 */
static List *
insert_target_attrs(Relation rel, UserMapping *user, List **generated)
{
	TupleDesc	tupdesc = RelationGetDescr(rel);
	Oid			relid = RelationGetRelid(rel);
	char	  **names = palloc0(sizeof(char *) * Max(tupdesc->natts, 1));
	const FdwRemoteTable *t;
	List	   *attrs = NIL;
	int			i;

	for (i = 0; i < tupdesc->natts; i++)
		if (!TupleDescAttr(tupdesc, i)->attisdropped)
			names[i] = fdw_column_remote_name(relid, i + 1);
	t = fdw_remote_table(relid, user);
	*generated = NIL;
	for (i = 0; i < tupdesc->natts; i++)
	{
		Form_pg_attribute attr = TupleDescAttr(tupdesc, i);
		const FdwRemoteColumn *rc;

		if (attr->attisdropped || attr->attgenerated)
			continue;
		rc = fdw_remote_column(t, names[i]);
		if (rc && rc->is_generated)
		{
			*generated = lappend_int(*generated, i + 1);
			continue;
		}
		check_sendable(rel, attr);
		attrs = lappend_int(attrs, i + 1);
	}
	return attrs;
}

static List *
all_attrs(TupleDesc tupdesc)
{
	List	   *attrs = NIL;
	int			i;

	for (i = 0; i < tupdesc->natts; i++)
		if (!TupleDescAttr(tupdesc, i)->attisdropped)
			attrs = lappend_int(attrs, i + 1);
	return attrs;
}

/*
 * The columns to read back after (INSERT, UPDATE) or before (DELETE) the
 * write: those RETURNING uses, or all when an AFTER ROW trigger must see
 * the row as stored.  NIL: no read-back.
 */
static List *
returning_attrs(Relation rel, CmdType op, List *returningList, Index rtindex)
{
	TriggerDesc *trig = rel->trigdesc;
	Bitmapset  *attrs = NULL;
	List	   *result = NIL;
	int			i;

	if (trig && ((op == CMD_INSERT && trig->trig_insert_after_row) ||
				 (op == CMD_UPDATE && trig->trig_update_after_row)))
		return all_attrs(RelationGetDescr(rel));
	if (returningList == NIL)
		return NIL;
	pull_varattnos((Node *) returningList, rtindex, &attrs);
	if (bms_is_member(0 - FirstLowInvalidHeapAttributeNumber, attrs))
		return all_attrs(RelationGetDescr(rel));
	i = -1;
	while ((i = bms_next_member(attrs, i)) >= 0)
	{
		AttrNumber	attno = i + FirstLowInvalidHeapAttributeNumber;

		/* system columns have no remote counterpart */
		if (attno > 0)
			result = lappend_int(result, attno);
	}
	return result;
}

static void
spec_init(ModifySpec *spec, Relation rel, CmdType op,
		  const FdwDialect *dialect, const FdwTableOptions *opts,
		  List *target_attrs, List *key_attrs, List *ret_attrs)
{
	TupleDesc	tupdesc = RelationGetDescr(rel);
	StringInfoData buf;
	int			i;

	spec->op = op;
	spec->dialect = dialect;
	spec->target_attrs = target_attrs;
	spec->key_attrs = key_attrs;
	spec->returning_attrs = ret_attrs;

	initStringInfo(&buf);
	fdw_deparse_relation(&buf, dialect, opts);
	spec->relsql = buf.data;

	spec->colsql = palloc0(sizeof(char *) * Max(tupdesc->natts, 1));
	for (i = 0; i < tupdesc->natts; i++)
	{
		if (TupleDescAttr(tupdesc, i)->attisdropped)
			continue;
		initStringInfo(&buf);
		fdw_deparse_ident(&buf, dialect,
						  fdw_column_remote_name(RelationGetRelid(rel), i + 1));
		spec->colsql[i] = buf.data;
	}
}

static bool
datum_is_zero(Oid typid, Datum value)
{
	switch (getBaseType(typid))
	{
		case INT2OID:
			return DatumGetInt16(value) == 0;
		case INT4OID:
			return DatumGetInt32(value) == 0;
		case INT8OID:
			return DatumGetInt64(value) == 0;
		default:
			return false;
	}
}

/*
 * Spell one value: of column attno in the new row, or (keyidx >= 0) the
 * old value of the keyidx'th key column.  cond: the value is compared in a
 * WHERE clause, where NULL would match nothing.
 */
static void
append_value(StringInfo buf, ValueSource *src, int attno, int keyidx, bool cond)
{
	FdwModifyState *fm = src->fm;
	Form_pg_attribute attr;
	Datum		value;
	bool		isnull;

	if (fm == NULL)
	{
		appendStringInfo(buf, "$%d", ++src->nparam);
		return;
	}
	attr = TupleDescAttr(RelationGetDescr(fm->rel), attno - 1);
	if (keyidx >= 0)
		value = slot_getattr(src->planSlot, fm->key_junk[keyidx], &isnull);
	else
		value = slot_getattr(src->slot, attno, &isnull);

	if (src->use_insert_id && attno == fm->autoinc_attno && fm->last_insert_id != 0 &&
		(isnull || datum_is_zero(attr->atttypid, value)))
	{
		appendStringInfo(buf, UINT64_FORMAT, fm->last_insert_id);
		return;
	}
	if (isnull && cond)
		ereport(ERROR,
				(errcode(ERRCODE_FDW_UNABLE_TO_CREATE_EXECUTION),
				 errmsg("cannot identify the remote row of foreign table \"%s\": key column \"%s\" is NULL",
						fm->relname, NameStr(attr->attname))));
	fdw_append_literal(buf, fm->spec.dialect, &fm->lits[attno - 1], value, isnull);
}

static void
append_key_conds(StringInfo buf, const ModifySpec *spec, ValueSource *src,
				 bool old_key)
{
	ListCell   *lc;

	foreach(lc, spec->key_attrs)
	{
		int			attno = lfirst_int(lc);
		int			i = foreach_current_index(lc);

		appendStringInfoString(buf, i == 0 ? " WHERE " : " AND ");
		appendStringInfo(buf, "%s = ", spec->colsql[attno - 1]);
		append_value(buf, src, attno, old_key ? i : -1, true);
	}
}

static void
append_insert_head(StringInfo buf, const ModifySpec *spec)
{
	ListCell   *lc;

	appendStringInfo(buf, "INSERT INTO %s (", spec->relsql);
	foreach(lc, spec->target_attrs)
		appendStringInfo(buf, "%s%s", foreach_current_index(lc) ? ", " : "",
						 spec->colsql[lfirst_int(lc) - 1]);
	appendStringInfoString(buf, ") VALUES ");
}

static void
append_insert_row(StringInfo buf, const ModifySpec *spec, ValueSource *src)
{
	ListCell   *lc;

	appendStringInfoChar(buf, '(');
	foreach(lc, spec->target_attrs)
	{
		if (foreach_current_index(lc))
			appendStringInfoString(buf, ", ");
		append_value(buf, src, lfirst_int(lc), -1, false);
	}
	appendStringInfoChar(buf, ')');
}

/*
 * Whether this row's SET list may leave out column attno: a key column
 * whose new value is its old one.  With a BEFORE ROW UPDATE trigger every
 * column is in the list, the key too, and SQL Server refuses any assignment
 * to an IDENTITY column, even of the value it has.  Only while executing:
 * EXPLAIN has no values and shows every column.
 */
static bool
key_unchanged(const ModifySpec *spec, ValueSource *src, int attno)
{
	Form_pg_attribute attr;
	Datum		newval;
	Datum		oldval;
	bool		newnull;
	bool		oldnull;
	ListCell   *lc;

	if (src->fm == NULL)
		return false;
	foreach(lc, spec->key_attrs)
	{
		if (lfirst_int(lc) != attno)
			continue;
		attr = TupleDescAttr(RelationGetDescr(src->fm->rel), attno - 1);
		newval = slot_getattr(src->slot, attno, &newnull);
		oldval = slot_getattr(src->planSlot,
							  src->fm->key_junk[foreach_current_index(lc)], &oldnull);
		return !newnull && !oldnull &&
			datumIsEqual(newval, oldval, attr->attbyval, attr->attlen);
	}
	return false;
}

static void
append_assignment(StringInfo buf, const ModifySpec *spec, ValueSource *src,
				  int attno, bool first)
{
	appendStringInfo(buf, "%s%s = ", first ? "" : ", ", spec->colsql[attno - 1]);
	append_value(buf, src, attno, -1, false);
}

static void
build_update(StringInfo buf, const ModifySpec *spec, ValueSource *src)
{
	ListCell   *lc;
	int			nset = 0;

	appendStringInfo(buf, "UPDATE %s SET ", spec->relsql);
	foreach(lc, spec->target_attrs)
	{
		if (key_unchanged(spec, src, lfirst_int(lc)))
			continue;
		append_assignment(buf, spec, src, lfirst_int(lc), nset++ == 0);
	}
	/* nothing but unchanged keys: SET needs one assignment all the same */
	if (nset == 0 && spec->target_attrs != NIL)
		append_assignment(buf, spec, src, linitial_int(spec->target_attrs), true);
	append_key_conds(buf, spec, src, true);
}

static void
build_delete(StringInfo buf, const ModifySpec *spec, ValueSource *src)
{
	appendStringInfo(buf, "DELETE FROM %s", spec->relsql);
	append_key_conds(buf, spec, src, true);
}

/* The read-back: by the old key for DELETE, by the new row's otherwise. */
static void
build_select(StringInfo buf, const ModifySpec *spec, ValueSource *src)
{
	ListCell   *lc;

	appendStringInfoString(buf, "SELECT ");
	foreach(lc, spec->returning_attrs)
		appendStringInfo(buf, "%s%s", foreach_current_index(lc) ? ", " : "",
						 spec->colsql[lfirst_int(lc) - 1]);
	appendStringInfo(buf, " FROM %s", spec->relsql);
	append_key_conds(buf, spec, src, spec->op == CMD_DELETE);
}

/* The statements as EXPLAIN shows them. */
static void
explain_sql(const ModifySpec *spec, char **sql, char **retsql)
{
	StringInfoData buf;
	ValueSource src;

	memset(&src, 0, sizeof(src));
	initStringInfo(&buf);
	if (spec->op == CMD_INSERT)
	{
		append_insert_head(&buf, spec);
		append_insert_row(&buf, spec, &src);
	}
	else if (spec->op == CMD_UPDATE)
		build_update(&buf, spec, &src);
	else
		build_delete(&buf, spec, &src);
	*sql = buf.data;

	*retsql = "";
	if (spec->returning_attrs != NIL)
	{
		/* the read-back has its own parameters */
		memset(&src, 0, sizeof(src));
		initStringInfo(&buf);
		build_select(&buf, spec, &src);
		*retsql = buf.data;
	}
}

int
fdw_is_foreign_rel_updatable(Relation rel)
{
	FdwTableOptions opts;

	fdw_table_options(RelationGetRelid(rel), &opts);
	if (opts.query || !opts.updatable)
		return 0;
	return (1 << CMD_INSERT) | (1 << CMD_UPDATE) | (1 << CMD_DELETE);
}

/* Carry the key columns through the plan of an UPDATE or DELETE. */
void
fdw_add_foreign_update_targets(PlannerInfo *root, Index rtindex,
							   RangeTblEntry *target_rte,
							   Relation target_relation)
{
	UserMapping *user = user_for(rte_userid(root, target_rte), target_relation);
	FdwTableOptions opts;
	List	   *keys;
	ListCell   *lc;

	fdw_table_options(RelationGetRelid(target_relation), &opts);
	check_writable_table(target_relation, &opts, root->parse->commandType);
	keys = require_key(target_relation, user,
					   root->parse->commandType == CMD_DELETE ? "delete from" : "update");
	foreach(lc, keys)
	{
		Form_pg_attribute attr = TupleDescAttr(RelationGetDescr(target_relation),
											   lfirst_int(lc) - 1);
		Var		   *var = makeVar(rtindex, attr->attnum, attr->atttypid,
								  attr->atttypmod, attr->attcollation, 0);

		add_row_identity_var(root, var, rtindex, key_junk_name(attr));
	}
}

/*
 * The columns an UPDATE sets, in attnum order: those the statement names,
 * or, when a BEFORE ROW UPDATE trigger exists, every column, because the
 * trigger may have changed any of them (the key too: the row is still found
 * by its old key, carried in the junk columns).  Local generated columns are
 * left out (the remote computes its own); so are remote generated ones the
 * statement does not name, which a trigger cannot usefully set either.
 */
static List *
update_target_attrs(PlannerInfo *root, Index resultRelation, Relation rel,
					UserMapping *user)
{
	TupleDesc	tupdesc = RelationGetDescr(rel);
	Oid			relid = RelationGetRelid(rel);
	Bitmapset  *named;
	bool		all;
	char	  **names = palloc0(sizeof(char *) * Max(tupdesc->natts, 1));
	const FdwRemoteTable *t;
	List	   *attrs = NIL;
	int			i;

	named = get_rel_all_updated_cols(root, find_base_rel(root, resultRelation));
	all = rel->trigdesc && rel->trigdesc->trig_update_before_row;
	for (i = 0; i < tupdesc->natts; i++)
	{
		Form_pg_attribute attr = TupleDescAttr(tupdesc, i);

		if (attr->attisdropped || attr->attgenerated)
			continue;
		if (all || bms_is_member(i + 1 - FirstLowInvalidHeapAttributeNumber, named))
			names[i] = fdw_column_remote_name(relid, i + 1);
	}

	/* only now: the lookups above may flush the cached description */
	t = fdw_remote_table(relid, user);
	for (i = 0; i < tupdesc->natts; i++)
	{
		Form_pg_attribute attr = TupleDescAttr(tupdesc, i);
		const FdwRemoteColumn *rc;

		if (names[i] == NULL)
			continue;
		rc = fdw_remote_column(t, names[i]);
		if (rc && rc->is_generated)
		{
			if (!bms_is_member(i + 1 - FirstLowInvalidHeapAttributeNumber, named))
				continue;
			ereport(ERROR,
					(errcode(ERRCODE_GENERATED_ALWAYS),
					 errmsg("column \"%s\" of foreign table \"%s\" is generated by the remote server and cannot be updated",
							NameStr(attr->attname), RelationGetRelationName(rel))));
		}
		check_sendable(rel, attr);
		attrs = lappend_int(attrs, i + 1);
	}
	return attrs;
}

/*
 * PlanForeignModify: the statement for one row (INSERT of the target
 * columns; UPDATE of the changed columns, or of all when a BEFORE ROW
 * UPDATE trigger may change others; DELETE), keyed by the remote row
 * identity (require_key: the remote key or the key column option), and the
 * SELECT that fetches RETURNING values afterwards.  The list it returns is
 * fdw_private of the ModifyTable node: the SQL and the RETURNING SQL (for
 * EXPLAIN), target, key and RETURNING attnums, then the generated columns,
 * which are never sent.
 */
List *
fdw_plan_foreign_modify(PlannerInfo *root, ModifyTable *plan,
						Index resultRelation, int subplan_index)
{
	CmdType		op = plan->operation;
	RangeTblEntry *rte = planner_rt_fetch(resultRelation, root);
	Relation	rel = table_open(rte->relid, NoLock);
	UserMapping *user = user_for(rte_userid(root, rte), rel);
	FdwTableOptions opts;
	List	   *target_attrs = NIL;
	List	   *key_attrs = NIL;
	List	   *ret_attrs;
	List	   *generated = NIL;
	List	   *returningList = NIL;
	ModifySpec	spec;
	char	   *sql;
	char	   *retsql;

	if (plan->onConflictAction != ONCONFLICT_NONE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("INSERT with ON CONFLICT is not supported on foreign table \"%s\"",
						RelationGetRelationName(rel)),
				 errdetail("The remote server has no statement with exactly its meaning.")));

	fdw_table_options(rte->relid, &opts);
	check_writable_table(rel, &opts, op);

	if (op == CMD_INSERT)
		target_attrs = insert_target_attrs(rel, user, &generated);
	else if (op == CMD_UPDATE)
		target_attrs = update_target_attrs(root, resultRelation, rel, user);
	if (op == CMD_UPDATE || op == CMD_DELETE)
		key_attrs = require_key(rel, user, op == CMD_DELETE ? "delete from" : "update");

	if (plan->returningLists)
		returningList = (List *) list_nth(plan->returningLists, subplan_index);
	ret_attrs = returning_attrs(rel, op, returningList, resultRelation);
	if (ret_attrs != NIL && op == CMD_INSERT)
		key_attrs = require_key(rel, user, "return rows inserted into");

	spec_init(&spec, rel, op, fdw_dialect_for_table(user, opts.schema), &opts,
			  target_attrs, key_attrs, ret_attrs);
	explain_sql(&spec, &sql, &retsql);
	table_close(rel, NoLock);

	return lappend(list_make5(makeString(sql), makeString(retsql), target_attrs,
							  key_attrs, ret_attrs), generated);
}

/* Executor state for a write on rel through user's connection. */
static FdwModifyState *
create_state(Relation rel, CmdType op, UserMapping *user, List *target_attrs,
			 List *key_attrs, List *ret_attrs, List *generated)
{
	FdwModifyState *fm = palloc0(sizeof(FdwModifyState));
	TupleDesc	tupdesc = RelationGetDescr(rel);
	FdwTableOptions opts;
	List	   *used;
	ListCell   *lc;

	fm->rel = rel;
	fm->relname = RelationGetRelationName(rel);
	fm->generated_attrs = generated;
	fdw_table_options(RelationGetRelid(rel), &opts);
	fm->batch_size = opts.batch_size;
	fm->zero_date_null = opts.zero_date_null;
	fm->max_blob_size = opts.max_blob_size;

	fm->entry = fdw_get_connection_for(user, FDW_XACT_WRITE, opts.schema);
	spec_init(&fm->spec, rel, op, fm->entry->dialect, &opts,
			  target_attrs, key_attrs, ret_attrs);

	fm->lits = palloc0(sizeof(FdwLiteralOut) * Max(tupdesc->natts, 1));
	used = list_concat_unique_int(list_copy(target_attrs), key_attrs);
	foreach(lc, used)
	{
		Form_pg_attribute attr = TupleDescAttr(tupdesc, lfirst_int(lc) - 1);

		fdw_literal_init(&fm->lits[attr->attnum - 1], attr->atttypid,
						 NameStr(attr->attname));
	}

	/* an INSERT may leave a one-column key to the remote's numbering */
	if (op == CMD_INSERT && ret_attrs != NIL && list_length(key_attrs) == 1 &&
		fdw_instance->driver->last_insert_id)
	{
		int			attno = linitial_int(key_attrs);
		char	   *name = fdw_column_remote_name(RelationGetRelid(rel), attno);
		const FdwRemoteColumn *rc;

		rc = fdw_remote_column(fdw_remote_table(RelationGetRelid(rel), user), name);
		if (rc && rc->is_auto_increment)
			fm->autoinc_attno = attno;
	}

	fm->temp_cxt = AllocSetContextCreate(CurrentMemoryContext, "fdw modify",
										 ALLOCSET_DEFAULT_SIZES);
	return fm;
}

/*
 * BeginForeignModify: the executor state (FdwModifyState) from fdw_private,
 * on the connection of the user the statement runs as, with the remote
 * transaction begun and marked as writing (two-phase commit prepares it).
 */
void
fdw_begin_foreign_modify(ModifyTableState *mtstate, ResultRelInfo *rinfo,
						 List *fdw_private, int subplan_index, int eflags)
{
	EState	   *estate = mtstate->ps.state;
	CmdType		op = mtstate->operation;
	Relation	rel = rinfo->ri_RelationDesc;
	FdwModifyState *fm;
	ListCell   *lc;

	if (eflags & EXEC_FLAG_EXPLAIN_ONLY)
		return;

	fm = create_state(rel, op, user_for(result_rel_userid(rinfo, estate), rel),
					  (List *) list_nth(fdw_private, FdwModifyPrivateTargetAttrs),
					  (List *) list_nth(fdw_private, FdwModifyPrivateKeyAttrs),
					  (List *) list_nth(fdw_private, FdwModifyPrivateReturningAttrs),
					  (List *) list_nth(fdw_private, FdwModifyPrivateGeneratedAttrs));

	if (op == CMD_UPDATE || op == CMD_DELETE)
	{
		Plan	   *subplan = outerPlanState(mtstate)->plan;

		fm->key_junk = palloc(sizeof(AttrNumber) * list_length(fm->spec.key_attrs));
		foreach(lc, fm->spec.key_attrs)
		{
			Form_pg_attribute attr = TupleDescAttr(RelationGetDescr(rel),
												   lfirst_int(lc) - 1);
			AttrNumber	resno;

			resno = ExecFindJunkAttributeInTlist(subplan->targetlist,
												 key_junk_name(attr));
			if (!AttributeNumberIsValid(resno))
				elog(ERROR, "could not find key column \"%s\" of foreign table \"%s\" in the plan",
					 NameStr(attr->attname), fm->relname);
			fm->key_junk[foreach_current_index(lc)] = resno;
		}
	}
	rinfo->ri_FdwState = fm;
}

/* A value for a remote generated column would be dropped silently: refuse. */
static void
check_generated(FdwModifyState *fm, TupleTableSlot *slot)
{
	ListCell   *lc;

	foreach(lc, fm->generated_attrs)
	{
		int			attno = lfirst_int(lc);
		bool		isnull;

		(void) slot_getattr(slot, attno, &isnull);
		if (!isnull)
			ereport(ERROR,
					(errcode(ERRCODE_GENERATED_ALWAYS),
					 errmsg("cannot insert a value into column \"%s\" of foreign table \"%s\"",
							NameStr(TupleDescAttr(RelationGetDescr(fm->rel), attno - 1)->attname),
							fm->relname),
					 errdetail("The remote server generates this column.")));
	}
}

static void
send_insert(FdwModifyState *fm, StringInfo sql, int nrows)
{
	int64		affected = fdw_execute(fm->entry, sql->data, NULL, 0);

	if (affected != nrows)
		ereport(ERROR,
				(errcode(ERRCODE_FDW_ERROR),
				 errmsg("INSERT into foreign table \"%s\" stored %lld remote rows instead of %d",
						fm->relname, (long long) affected, nrows)));
	if (fm->autoinc_attno)
		fm->last_insert_id = fdw_last_insert_id(fm->entry);
}

/* INSERT rows as multi-row statements of bounded size. */
static void
insert_rows(FdwModifyState *fm, TupleTableSlot **slots, int nslots)
{
	MemoryContext old = MemoryContextSwitchTo(fm->temp_cxt);
	StringInfoData sql;
	ValueSource src;
	int			nrows = 0;
	int			i;

	memset(&src, 0, sizeof(src));
	src.fm = fm;
	initStringInfo(&sql);
	for (i = 0; i < nslots; i++)
	{
		check_generated(fm, slots[i]);
		if (nrows == 0)
			append_insert_head(&sql, &fm->spec);
		else
			appendStringInfoString(&sql, ", ");
		src.slot = slots[i];
		append_insert_row(&sql, &fm->spec, &src);
		nrows++;
		if (sql.len >= FDW_MAX_INSERT_SQL)
		{
			send_insert(fm, &sql, nrows);
			resetStringInfo(&sql);
			nrows = 0;
		}
	}
	if (nrows > 0)
		send_insert(fm, &sql, nrows);
	MemoryContextSwitchTo(old);
}

/* An UPDATE or DELETE of one row must change exactly one remote row. */
static void
check_one_row(FdwModifyState *fm, int64 affected, const char *sql)
{
	const char *opt = fdw_option_name_for_role(FDW_ROLE_KEY, FDW_OPT_COLUMN);

	if (affected == 1)
		return;
	if (affected == 0)
		ereport(ERROR,
				(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
				 errmsg("%s on foreign table \"%s\" found no remote row to change",
						op_name(fm->spec.op), fm->relname),
				 errdetail("The row was changed or deleted since it was read, on the remote server or by this statement."),
				 errcontext("remote SQL command: %s", sql)));
	ereport(ERROR,
			(errcode(ERRCODE_CARDINALITY_VIOLATION),
			 errmsg("%s of one row of foreign table \"%s\" changed %lld remote rows",
					op_name(fm->spec.op), fm->relname, (long long) affected),
			 opt ?
			 errhint("The key columns do not identify remote rows uniquely; check the %s options of the foreign table's columns.", opt) : 0,
			 errcontext("remote SQL command: %s", sql)));
}

/*
 * Read the row back by its key into slot (only the columns read back are
 * set; RETURNING and triggers use no others).
 */
static void
read_back(FdwModifyState *fm, ValueSource *src, TupleTableSlot *slot)
{
	TupleDesc	tupdesc = RelationGetDescr(fm->rel);
	StringInfoData sql;
	FdwRowReader reader;
	Datum	   *values = palloc(sizeof(Datum) * Max(tupdesc->natts, 1));
	bool	   *nulls = palloc(sizeof(bool) * Max(tupdesc->natts, 1));
	Datum	   *values2 = palloc(sizeof(Datum) * Max(tupdesc->natts, 1));
	bool	   *nulls2 = palloc(sizeof(bool) * Max(tupdesc->natts, 1));

	initStringInfo(&sql);
	src->nparam = 0;
	build_select(&sql, &fm->spec, src);
	fdw_reader_open(&reader, fm->entry, &fm->owner, tupdesc, fm->relname,
					fm->spec.returning_attrs, NULL, sql.data, 2, 0,
					fm->zero_date_null, fm->max_blob_size);
	if (!fdw_reader_next(&reader, values, nulls))
		ereport(ERROR,
				(errcode(ERRCODE_FDW_ERROR),
				 errmsg("the row %s foreign table \"%s\" cannot be read back by its key",
						fm->spec.op == CMD_INSERT ? "inserted into" :
						fm->spec.op == CMD_UPDATE ? "updated in" : "deleted from",
						fm->relname),
				 errdetail("The remote server stored a key value different from the one sent."),
				 errcontext("remote SQL command: %s", sql.data)));
	if (fdw_reader_next(&reader, values2, nulls2))
		ereport(ERROR,
				(errcode(ERRCODE_CARDINALITY_VIOLATION),
				 errmsg("the key of foreign table \"%s\" matches more than one remote row",
						fm->relname),
				 errcontext("remote SQL command: %s", sql.data)));
	fdw_reader_close(&reader);

	ExecClearTuple(slot);
	memcpy(slot->tts_values, values, sizeof(Datum) * tupdesc->natts);
	memcpy(slot->tts_isnull, nulls, sizeof(bool) * tupdesc->natts);
	ExecStoreVirtualTuple(slot);
	/* the values live in temp_cxt, reset before the next row */
	ExecMaterializeSlot(slot);
}

/* ExecForeignInsert: one row; RETURNING values read back into the slot. */
TupleTableSlot *
fdw_exec_foreign_insert(EState *estate, ResultRelInfo *rinfo,
						TupleTableSlot *slot, TupleTableSlot *planSlot)
{
	FdwModifyState *fm = (FdwModifyState *) rinfo->ri_FdwState;

	insert_rows(fm, &slot, 1);
	if (fm->spec.returning_attrs != NIL)
	{
		MemoryContext old = MemoryContextSwitchTo(fm->temp_cxt);
		ValueSource src;

		memset(&src, 0, sizeof(src));
		src.fm = fm;
		src.slot = slot;
		src.use_insert_id = true;
		read_back(fm, &src, slot);
		MemoryContextSwitchTo(old);
	}
	MemoryContextReset(fm->temp_cxt);
	return slot;
}

/* ExecForeignBatchInsert: up to batch_size rows in one multi-row INSERT. */
TupleTableSlot **
fdw_exec_foreign_batch_insert(EState *estate, ResultRelInfo *rinfo,
							  TupleTableSlot **slots, TupleTableSlot **planSlots,
							  int *numSlots)
{
	FdwModifyState *fm = (FdwModifyState *) rinfo->ri_FdwState;

	insert_rows(fm, slots, *numSlots);
	MemoryContextReset(fm->temp_cxt);
	return slots;
}

/*
 * Rows are batched unless each must be seen on its own: RETURNING, WITH
 * CHECK OPTION of a view, and row triggers (a BEFORE trigger might look at
 * the table for rows not yet sent).
 */
int
fdw_get_foreign_modify_batch_size(ResultRelInfo *rinfo)
{
	FdwModifyState *fm = (FdwModifyState *) rinfo->ri_FdwState;
	TriggerDesc *trig = rinfo->ri_TrigDesc;
	FdwTableOptions opts;

	if (rinfo->ri_projectReturning != NULL || rinfo->ri_WithCheckOptions != NIL ||
		(trig && (trig->trig_insert_before_row || trig->trig_insert_after_row)))
		return 1;
	if (fm)
		return fm->spec.returning_attrs != NIL ? 1 : fm->batch_size;
	/* EXPLAIN without ANALYZE has no state */
	fdw_table_options(RelationGetRelid(rinfo->ri_RelationDesc), &opts);
	return opts.batch_size;
}

/*
 * ExecForeignUpdate: the row found again by the key the scan fetched with
 * it (planSlot); exactly one remote row must change (check_one_row: none
 * is a serialization failure, several a key that is not one).
 */
TupleTableSlot *
fdw_exec_foreign_update(EState *estate, ResultRelInfo *rinfo,
						TupleTableSlot *slot, TupleTableSlot *planSlot)
{
	FdwModifyState *fm = (FdwModifyState *) rinfo->ri_FdwState;
	MemoryContext old = MemoryContextSwitchTo(fm->temp_cxt);
	StringInfoData sql;
	ValueSource src;

	memset(&src, 0, sizeof(src));
	src.fm = fm;
	src.slot = slot;
	src.planSlot = planSlot;
	initStringInfo(&sql);
	build_update(&sql, &fm->spec, &src);
	check_one_row(fm, fdw_execute(fm->entry, sql.data, NULL, 0), sql.data);
	if (fm->spec.returning_attrs != NIL)
		read_back(fm, &src, slot);	/* by the new key */
	MemoryContextSwitchTo(old);
	MemoryContextReset(fm->temp_cxt);
	return slot;
}

/* ExecForeignDelete: as ExecForeignUpdate, for DELETE. */
TupleTableSlot *
fdw_exec_foreign_delete(EState *estate, ResultRelInfo *rinfo,
						TupleTableSlot *slot, TupleTableSlot *planSlot)
{
	FdwModifyState *fm = (FdwModifyState *) rinfo->ri_FdwState;
	MemoryContext old = MemoryContextSwitchTo(fm->temp_cxt);
	StringInfoData sql;
	ValueSource src;

	memset(&src, 0, sizeof(src));
	src.fm = fm;
	src.planSlot = planSlot;
	/* RETURNING shows the row as it was: read it before it goes */
	if (fm->spec.returning_attrs != NIL)
		read_back(fm, &src, slot);
	initStringInfo(&sql);
	src.nparam = 0;
	build_delete(&sql, &fm->spec, &src);
	check_one_row(fm, fdw_execute(fm->entry, sql.data, NULL, 0), sql.data);
	MemoryContextSwitchTo(old);
	MemoryContextReset(fm->temp_cxt);
	return slot;
}

void
fdw_end_foreign_modify(EState *estate, ResultRelInfo *rinfo)
{
	FdwModifyState *fm = (FdwModifyState *) rinfo->ri_FdwState;

	if (fm == NULL)
		return;
	MemoryContextDelete(fm->temp_cxt);
	rinfo->ri_FdwState = NULL;
}

/* COPY FROM into a foreign table, and rows routed to a foreign partition. */
void
fdw_begin_foreign_insert(ModifyTableState *mtstate, ResultRelInfo *rinfo)
{
	EState	   *estate = mtstate->ps.state;
	ModifyTable *plan = (ModifyTable *) mtstate->ps.plan;
	Relation	rel = rinfo->ri_RelationDesc;
	UserMapping *user = user_for(result_rel_userid(rinfo, estate), rel);
	FdwTableOptions opts;
	List	   *target_attrs;
	List	   *generated;
	List	   *key_attrs = NIL;
	List	   *ret_attrs = NIL;
	bool		returning;

	if (plan && plan->onConflictAction != ONCONFLICT_NONE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("INSERT with ON CONFLICT is not supported on foreign table \"%s\"",
						RelationGetRelationName(rel)),
				 errdetail("The remote server has no statement with exactly its meaning.")));
	fdw_table_options(RelationGetRelid(rel), &opts);
	check_writable_table(rel, &opts, CMD_INSERT);

	target_attrs = insert_target_attrs(rel, user, &generated);

	/*
	 * The RETURNING list of a routed partition is expressed in another
	 * relation's range table index; reading back every column is simpler
	 * and always right.
	 */
	returning = rinfo->ri_returningList != NIL;
	if (returning || (rel->trigdesc && rel->trigdesc->trig_insert_after_row))
	{
		ret_attrs = all_attrs(RelationGetDescr(rel));
		key_attrs = require_key(rel, user, "return rows inserted into");
	}
	rinfo->ri_FdwState = create_state(rel, CMD_INSERT, user, target_attrs,
									  key_attrs, ret_attrs, generated);
}

void
fdw_end_foreign_insert(EState *estate, ResultRelInfo *rinfo)
{
	fdw_end_foreign_modify(estate, rinfo);
}

void
fdw_explain_foreign_modify(ModifyTableState *mtstate, ResultRelInfo *rinfo,
						   List *fdw_private, int subplan_index,
						   ExplainState *es)
{
	char	   *retsql;

	if (!es->verbose)
		return;
	ExplainPropertyText("Remote SQL",
						strVal(list_nth(fdw_private, FdwModifyPrivateSql)), es);
	retsql = strVal(list_nth(fdw_private, FdwModifyPrivateReturningSql));
	if (retsql[0] != '\0')
		ExplainPropertyText("Remote Returning SQL", retsql, es);
	if (rinfo->ri_BatchSize > 1)
		ExplainPropertyInteger("Batch Size", NULL, rinfo->ri_BatchSize, es);
}
