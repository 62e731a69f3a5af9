/*-------------------------------------------------------------------------
 *
 * truncate.c
 *		  TRUNCATE of foreign tables.
 *
 * A plain TRUNCATE (CONTINUE IDENTITY, the default) is sent as DELETE FROM:
 * every source runs it in the remote transaction (MySQL's TRUNCATE TABLE
 * would commit it: it is DDL there), and like CONTINUE IDENTITY it leaves
 * the identity counter alone (SQL Server's TRUNCATE TABLE resets it).  It
 * fires the remote's DELETE triggers and foreign key actions, which
 * TRUNCATE TABLE would not.
 *
 * TRUNCATE ... RESTART IDENTITY needs the statement the dialect names for
 * it (truncate_restart: MySQL's and SQL Server's TRUNCATE TABLE,
 * PostgreSQL's TRUNCATE ... RESTART IDENTITY); a source without one (SQLite)
 * refuses it.  Where that statement commits on its own (truncate_commits:
 * MySQL), it is accepted only where that cannot tear a transaction apart:
 * outside a transaction block, at the top nesting level, on a connection
 * this transaction has not used yet; elsewhere it runs in the remote
 * transaction like any write.
 *
 * CASCADE is refused: the remote tables that reference a truncated one are
 * not known here.  Tables without truncatable 'true' (server or table
 * option; true by default) refuse as well.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"


#include "access/xact.h"
#include "miscadmin.h"
#include "utils/rel.h"

#include "connection.h"
#include "fdw_core.h"
#include "fdw_planner.h"
#include "modify.h"
#include "options.h"

void
fdw_exec_foreign_truncate(List *rels, DropBehavior behavior, bool restart_seqs)
{
	FdwConnEntry *entry = NULL;
	List	   *sqls = NIL;
	Oid			serverid = InvalidOid;
	UserMapping *user = NULL;
	bool		restart_commits;
	ListCell   *lc;

	if (behavior == DROP_CASCADE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("TRUNCATE ... CASCADE is not supported on foreign tables of %s",
						fdw_instance->fdw_name),
				 errhint("Truncate the remote tables that reference these tables first.")));

	/* check every table before anything is sent */
	foreach(lc, rels)
	{
		Relation	rel = (Relation) lfirst(lc);
		FdwTableOptions opts;
		StringInfoData sql;

		fdw_table_options(RelationGetRelid(rel), &opts);
		if (!opts.truncatable)
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("foreign table \"%s\" does not allow truncates",
							RelationGetRelationName(rel)),
					 errhint("Set the option truncatable to 'true' on the foreign table or its server.")));
		if (opts.query)
			ereport(ERROR,
					(errcode(ERRCODE_WRONG_OBJECT_TYPE),
					 errmsg("foreign table \"%s\" is defined by a remote query and cannot be truncated",
							RelationGetRelationName(rel))));
		/* the core calls us once per server */
		serverid = GetForeignTable(RelationGetRelid(rel))->serverid;
		if (entry == NULL)
		{
			user = GetUserMapping(GetUserId(), serverid);
			entry = fdw_get_connection(user, FDW_XACT_NONE);
		}
		initStringInfo(&sql);
		fdw_deparse_relation(&sql, entry->dialect, &opts);
		if (restart_seqs && entry->dialect->truncate_restart == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("TRUNCATE ... RESTART IDENTITY is not supported on server \"%s\"",
							entry->server_name),
					 errdetail("Its data source (SQL dialect \"%s\") has no statement that resets a table's identity counter.",
							   entry->dialect->name),
					 errhint("Use TRUNCATE without RESTART IDENTITY.")));
		sqls = lappend(sqls, restart_seqs ?
					   psprintf(entry->dialect->truncate_restart, sql.data) :
					   psprintf("DELETE FROM %s", sql.data));
	}
	if (entry == NULL)
		return;
	restart_commits = restart_seqs && entry->dialect->truncate_commits;

	if (restart_commits &&
		(IsTransactionBlock() || GetCurrentTransactionNestLevel() > 1 ||
		 entry->xact_depth > 0))
		ereport(ERROR,
				(errcode(ERRCODE_ACTIVE_SQL_TRANSACTION),
				 errmsg("TRUNCATE ... RESTART IDENTITY on foreign tables of server \"%s\" cannot run inside a transaction",
						entry->server_name),
				 errdetail("The remote TRUNCATE TABLE commits on its own and could not be rolled back."),
				 errhint("Run it as a statement of its own, or use TRUNCATE without RESTART IDENTITY, which is transactional.")));

	/*
	 * Writes run in the remote transaction; a statement that would end one
	 * runs without.
	 */
	if (!restart_commits)
		entry = fdw_get_connection(user, FDW_XACT_WRITE);
	foreach(lc, sqls)
		(void) fdw_execute(entry, (char *) lfirst(lc), NULL, 0);
}

