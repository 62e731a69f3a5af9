/*-------------------------------------------------------------------------
 *
 * pushdown_list.c
 *		  The SQL-callable list of the built-in functions and operators a
 *		  dialect evaluates remotely (EDB mysql_fdw's
 *		  mysql_fdw_display_pushdown_list()).
 *
 * EDB reads its list from a configuration file; ours is the dialect's
 * function table itself, so the list is what the deparser does: every
 * built-in function for which fdw_lookup_function() finds a template is
 * listed, as the operator it implements when there is one.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/transam.h"
#include "catalog/pg_operator.h"
#include "catalog/pg_proc.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/regproc.h"
#include "utils/tuplestore.h"

#include "fdw_planner.h"
#include "pushdown_list.h"

typedef struct OperEntry
{
	Oid			funcid;			/* hash key: the function behind it */
	Oid			oprid;
} OperEntry;

/* Built-in operators by the function that implements them. */
static HTAB *
operators_by_function(void)
{
	HASHCTL		ctl;
	HTAB	   *hash;
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tup;

	ctl.keysize = sizeof(Oid);
	ctl.entrysize = sizeof(OperEntry);
	ctl.hcxt = CurrentMemoryContext;
	hash = hash_create("pushdown list operators", 1024, &ctl,
					   HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	rel = table_open(OperatorRelationId, AccessShareLock);
	scan = systable_beginscan(rel, InvalidOid, false, NULL, 0, NULL);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		Form_pg_operator op = (Form_pg_operator) GETSTRUCT(tup);
		OperEntry  *e;
		bool		found;

		if (op->oid >= FirstGenbkiObjectId || !OidIsValid(op->oprcode))
			continue;
		e = hash_search(hash, &op->oprcode, HASH_ENTER, &found);
		if (!found)
			e->oprid = op->oid;
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return hash;
}

/*
 * SETOF (object_type text, object_name text): 'ROUTINE' with the function's
 * qualified signature, or 'OPERATOR' with the operator's.  The argument
 * (EDB's "reload" of its file) is accepted and changes nothing.
 */
Datum
fdw_pushdown_list(FunctionCallInfo fcinfo, const FdwDialect *dialect)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	HTAB	   *operators;
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tup;

	InitMaterializedSRF(fcinfo, 0);

	operators = operators_by_function();
	rel = table_open(ProcedureRelationId, AccessShareLock);
	scan = systable_beginscan(rel, InvalidOid, false, NULL, 0, NULL);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		Oid			funcid = ((Form_pg_proc) GETSTRUCT(tup))->oid;
		OperEntry  *op;
		Datum		values[2];
		bool		nulls[2] = {false, false};

		if (funcid >= FirstGenbkiObjectId ||
			fdw_lookup_function(dialect, funcid) == NULL)
			continue;
		op = hash_search(operators, &funcid, HASH_FIND, NULL);
		values[0] = CStringGetTextDatum(op ? "OPERATOR" : "ROUTINE");
		values[1] = CStringGetTextDatum(op ? format_operator_qualified(op->oprid) :
										format_procedure_qualified(funcid));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	hash_destroy(operators);
	return (Datum) 0;
}
