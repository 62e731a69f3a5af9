/*-------------------------------------------------------------------------
 *
 * describe.c
 *		  What the write path needs to know of a remote table: which columns
 *		  identify a row (its primary key, or a unique key over NOT NULL
 *		  columns), which the remote computes itself (generated columns) and
 *		  which it numbers on INSERT (auto-increment).
 *
 * The driver's describe_table answers with one catalog query; the answer
 * is cached per foreign table for the life of the backend, because it is
 * needed every time an UPDATE or DELETE is planned.  ALTER FOREIGN TABLE
 * (table or column options) and ALTER SERVER / USER MAPPING drop cached
 * entries; a key added on the remote is seen by new sessions.
 *
 * A key declared locally with the column option key 'true' wins over the
 * remote's: it is the only way to write through a table or view that has
 * no key the remote can report.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/tupdesc.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#include "connection.h"
#include "describe.h"
#include "fdw_core.h"
#include "options.h"

static HTAB *RemoteTableHash = NULL;

static void
forget_table(Oid relid)
{
	FdwRemoteTable *t;
	int			i;

	t = hash_search(RemoteTableHash, &relid, HASH_FIND, NULL);
	if (t == NULL)
		return;
	for (i = 0; i < t->ncols; i++)
		pfree(t->cols[i].name);
	if (t->cols)
		pfree(t->cols);
	hash_search(RemoteTableHash, &relid, HASH_REMOVE, NULL);
}

static void
forget_all(void)
{
	HASH_SEQ_STATUS scan;
	FdwRemoteTable *t;
	List	   *relids = NIL;
	ListCell   *lc;

	hash_seq_init(&scan, RemoteTableHash);
	while ((t = hash_seq_search(&scan)) != NULL)
		relids = lappend_oid(relids, t->relid);
	foreach(lc, relids)
		forget_table(lfirst_oid(lc));
	list_free(relids);
}

static void
relcache_callback(Datum arg, Oid relid)
{
	if (OidIsValid(relid))
		forget_table(relid);
	else
		forget_all();
}

/* server, user mapping or foreign table options changed */
static void
syscache_callback(Datum arg, int cacheid, uint32 hashvalue)
{
	forget_all();
}

static void
init_hash(void)
{
	HASHCTL		ctl;

	ctl.keysize = sizeof(Oid);
	ctl.entrysize = sizeof(FdwRemoteTable);
	ctl.hcxt = CacheMemoryContext;
	RemoteTableHash = hash_create("fdw remote tables", 16, &ctl,
								  HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	CacheRegisterRelcacheCallback(relcache_callback, (Datum) 0);
	CacheRegisterSyscacheCallback(FOREIGNSERVEROID, syscache_callback, (Datum) 0);
	CacheRegisterSyscacheCallback(USERMAPPINGOID, syscache_callback, (Datum) 0);
	CacheRegisterSyscacheCallback(FOREIGNTABLEREL, syscache_callback, (Datum) 0);
}

/*
 * The remote description of a foreign table, from the cache or the driver.
 * A table defined by a remote query, or a driver without describe_table,
 * gives an entry with described = false.
 */
const FdwRemoteTable *
fdw_remote_table(Oid relid, UserMapping *user)
{
	FdwRemoteTable *t;
	FdwTableOptions opts;
	FdwColumnDesc *cols = NULL;
	FdwRemoteColumn *rcols = NULL;
	int			ncols = 0;
	bool		described = false;
	bool		found;
	int			i;

	if (RemoteTableHash == NULL)
		init_hash();
	t = hash_search(RemoteTableHash, &relid, HASH_FIND, NULL);
	if (t)
		return t;

	/*
	 * Ask the remote before making the hash entry: the catalog lookups and
	 * the connection may process invalidations, which walk the hash.
	 */
	fdw_table_options(relid, &opts);
	if (opts.query == NULL && fdw_instance->driver->describe_table)
	{
		FdwConnEntry *entry = fdw_get_connection(user, FDW_XACT_NONE);

		cols = fdw_describe_remote_table(entry, opts.schema, opts.table, &ncols);
		described = true;
		rcols = MemoryContextAllocZero(CacheMemoryContext,
									   sizeof(FdwRemoteColumn) * Max(ncols, 1));
		for (i = 0; i < ncols; i++)
		{
			rcols[i].name = MemoryContextStrdup(CacheMemoryContext, cols[i].name);
			rcols[i].is_key = cols[i].is_key;
			rcols[i].is_generated = cols[i].is_generated;
			rcols[i].is_auto_increment = cols[i].is_auto_increment;
		}
		fdw_free_columns(cols, ncols);
	}

	t = hash_search(RemoteTableHash, &relid, HASH_ENTER, &found);
	if (found)
	{
		/* another caller filled it meanwhile: keep that one */
		for (i = 0; i < ncols; i++)
			pfree(rcols[i].name);
		if (rcols)
			pfree(rcols);
		return t;
	}
	t->described = described;
	t->ncols = ncols;
	t->cols = rcols;
	return t;
}

/*
 * A remote column by name: exactly, else ignoring ASCII case (MySQL and
 * SQL Server column names are case-insensitive).
 */
const FdwRemoteColumn *
fdw_remote_column(const FdwRemoteTable *t, const char *name)
{
	int			i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i].name, name) == 0)
			return &t->cols[i];
	for (i = 0; i < t->ncols; i++)
		if (pg_strcasecmp(t->cols[i].name, name) == 0)
			return &t->cols[i];
	return NULL;
}

/*
 * The attnums (ascending) of the local columns that identify a remote row:
 * those declared with key 'true', else those mapped to the remote's key.
 * NIL when there is neither.
 */
List *
fdw_row_key_attrs(Relation rel, UserMapping *user)
{
	TupleDesc	tupdesc = RelationGetDescr(rel);
	Oid			relid = RelationGetRelid(rel);
	const FdwRemoteTable *t;
	List	   *keys = NIL;
	char	  **names;
	int			i;

	for (i = 0; i < tupdesc->natts; i++)
	{
		Form_pg_attribute attr = TupleDescAttr(tupdesc, i);

		if (!attr->attisdropped && fdw_column_is_key(relid, attr->attnum))
			keys = lappend_int(keys, attr->attnum);
	}
	if (keys != NIL)
		return keys;

	/* catalog lookups first: they may flush the cache entry we then read */
	names = palloc0(sizeof(char *) * Max(tupdesc->natts, 1));
	for (i = 0; i < tupdesc->natts; i++)
		if (!TupleDescAttr(tupdesc, i)->attisdropped)
			names[i] = fdw_column_remote_name(relid, i + 1);

	t = fdw_remote_table(relid, user);
	for (i = 0; i < tupdesc->natts; i++)
	{
		const FdwRemoteColumn *rc;

		if (names[i] == NULL)
			continue;
		rc = fdw_remote_column(t, names[i]);
		if (rc && rc->is_key)
			keys = lappend_int(keys, i + 1);
	}

	/*
	 * A key only part of which is mapped to local columns identifies
	 * nothing: count the remote key columns too.
	 */
	if (keys != NIL)
	{
		int			nremote = 0;

		for (i = 0; i < t->ncols; i++)
			if (t->cols[i].is_key)
				nremote++;
		if (nremote != list_length(keys))
		{
			list_free(keys);
			keys = NIL;
		}
	}
	return keys;
}

/*
 * The name under which this FDW spells the option of a core role at a
 * level (e.g. FDW_ROLE_KEY, FDW_OPT_COLUMN -> "key"), or NULL.
 */
const char *
fdw_option_name_for_role(int role, int level)
{
	const FdwOptionDef *def;

	for (def = fdw_next_option(NULL); def; def = fdw_next_option(def))
		if ((int) def->role == role && (def->levels & level) && !def->is_prefix)
			return def->name;
	return NULL;
}
