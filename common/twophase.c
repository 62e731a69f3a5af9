/*-------------------------------------------------------------------------
 *
 * twophase.c
 *		  Two-phase commit of remote transactions (X/Open XA): the ids of the
 *		  branches, the dialect's XA statements, and the resolution of
 *		  branches left in doubt.
 *
 * connection.c decides which remote transactions are XA branches and when
 * they are prepared, committed and rolled back; this file knows what the
 * branches are called and how to settle one that was left prepared.
 *
 * A branch's id names the local transaction that owns it:
 *
 *		pg_<system identifier, 16 hex digits>_<FullTransactionId>_<database>_<user mapping>
 *
 * (at most 62 characters; XA allows 64 in the gtrid, the bqual is empty).
 * A branch is in doubt when it was prepared but its XA COMMIT or XA
 * ROLLBACK never arrived: the connection died, the backend crashed.  Its
 * outcome is then already decided, by the local transaction, which
 * pg_xact_status tells: committed, so is the branch; aborted (a crash
 * counts as an abort), so is the branch; in progress (the backend that owns
 * it is between its prepare and its commit), leave it.  The system
 * identifier keeps a cluster from ever settling another cluster's
 * branches; a copy of the cluster (a promoted standby, a restored backup)
 * shares it, and must not share a remote server's in-doubt branches.
 * Every connection opened to a server with two-phase commit first settles
 * the branches of this cluster that it can see there, quietly; the SQL
 * functions list them and settle them on demand.
 *
 * The statements are the dialect's (xa_* of fdw_dialect.h), run by the
 * driver as any statement: knowledge of XA's syntax is in the dialect
 * alone.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/transam.h"
#include "access/xact.h"
#include "access/xlog.h"
#include "foreign/fdwapi.h"
#include "foreign/foreign.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"
#include "utils/xid8.h"

#include "connection.h"
#include "fdw_core.h"
#include "fdw_routine.h"
#include "twophase.h"

/* One prepared branch of this cluster, as XA RECOVER listed it. */
typedef struct FdwBranch
{
	char		xid[FDW_XID_SIZE];
	FullTransactionId fxid;		/* the local transaction */
} FdwBranch;

/* What became of a branch's local transaction. */
typedef enum FdwLocalOutcome
{
	FDW_LOCAL_COMMITTED,
	FDW_LOCAL_ABORTED,
	FDW_LOCAL_IN_PROGRESS,
	FDW_LOCAL_UNKNOWN			/* too old for pg_xact, or not yet assigned */
} FdwLocalOutcome;

#define XID_FORMAT "pg_%016llx_%llu_%u_%u"
#define XID_SCAN "pg_%16llx_%llu_%u_%u%n"

/*
 * Can the core commit this connection's transactions in two phases?  The
 * dialect must spell XA and the driver must let the core end a transaction
 * with it.
 */
bool
fdw_xa_supported(const FdwConnEntry *entry)
{
	const FdwDialect *d = entry->dialect;

	return d != NULL && d->xa_start != NULL && d->xa_end != NULL &&
		d->xa_prepare != NULL && d->xa_commit != NULL &&
		d->xa_commit_one_phase != NULL && d->xa_rollback != NULL &&
		d->xa_recover != NULL && fdw_instance->driver->xact_ended != NULL;
}

/*
 * Name the branch the remote transaction about to begin on entry will be.
 * Assigns the local transaction its id if it has none yet (the caller made
 * sure that is allowed here).
 */
void
fdw_xa_make_xid(FdwConnEntry *entry)
{
	FullTransactionId fxid = GetTopFullTransactionId();

	snprintf(entry->xid, FDW_XID_SIZE, XID_FORMAT,
			 (unsigned long long) GetSystemIdentifier(),
			 (unsigned long long) U64FromFullTransactionId(fxid),
			 MyDatabaseId, entry->key);
}

/*
 * Is text (not NUL-terminated) the id of a branch of this cluster?  Only
 * the exact spelling fdw_xa_make_xid produces counts.
 */
static bool
parse_xid(const char *text, size_t len, FdwBranch *branch)
{
	char		copy[FDW_XID_SIZE];
	char		again[FDW_XID_SIZE];
	unsigned long long sysid;
	unsigned long long fxid;
	unsigned int dbid;
	unsigned int umid;
	int			end = -1;

	if (len >= FDW_XID_SIZE || len < 3 || strncmp(text, "pg_", 3) != 0)
		return false;
	memcpy(copy, text, len);
	copy[len] = '\0';
	if (sscanf(copy, XID_SCAN, &sysid, &fxid, &dbid, &umid, &end) != 4 ||
		end != (int) len)
		return false;
	if (sysid != (unsigned long long) GetSystemIdentifier())
		return false;
	snprintf(again, sizeof(again), XID_FORMAT, sysid, fxid, dbid, umid);
	if (strcmp(again, copy) != 0)
		return false;
	strlcpy(branch->xid, copy, FDW_XID_SIZE);
	branch->fxid = FullTransactionIdFromU64((uint64) fxid);
	return true;
}

/*
 * The last XA statement run, for messages.  A fixed buffer, so that running
 * one allocates nothing: XA COMMIT runs after the local commit, where an
 * out-of-memory error could not be raised.
 */
static char xa_sql[FDW_XA_SQL_SIZE];

/* The statement template with its %s replaced by xid, into xa_sql. */
static void
xa_statement(const char *template, const char *xid)
{
	const char *at = strstr(template, "%s");

	if (at == NULL)
		strlcpy(xa_sql, template, sizeof(xa_sql));
	else
		snprintf(xa_sql, sizeof(xa_sql), "%.*s%s%s",
				 (int) (at - template), template, xid, at + 2);
}

/*
 * Run one of the dialect's XA statements for branch xid.  Never raises and
 * allocates nothing: failure is false and err, and the statement is left in
 * xa_sql for the message.  No result may be streaming on the connection.
 */
static bool
xa_exec_xid(FdwConnEntry *entry, const char *template, const char *xid,
			FdwError *err)
{
	int64_t		affected = 0;

	Assert(entry->cursor == NULL);
	xa_statement(template, xid);
	return fdw_instance->driver->execute(entry->conn, xa_sql, NULL, 0,
										 &affected, err);
}

/* ... for entry's own branch */
bool
fdw_xa_exec(FdwConnEntry *entry, const char *template, FdwError *err)
{
	return xa_exec_xid(entry, template, entry->xid, err);
}

/*
 * As fdw_xa_exec, for a statement another one follows at once (XA START,
 * XA END): where the driver can, it is only sent, and its reply comes with
 * the next statement's (one round trip for both); its failure is then that
 * statement's.
 */
bool
fdw_xa_send(FdwConnEntry *entry, const char *template, FdwError *err)
{
	if (fdw_instance->driver->send_deferred == NULL)
		return fdw_xa_exec(entry, template, err);
	Assert(entry->cursor == NULL);
	xa_statement(template, entry->xid);
	return fdw_instance->driver->send_deferred(entry->conn, xa_sql, err);
}

/* The XA statement run last (by fdw_xa_exec), for a message. */
const char *
fdw_xa_last_statement(void)
{
	return xa_sql;
}

/*
 * What became of local transaction fxid: pg_xact_status's answer.  An id
 * not yet assigned cannot be a branch of this cluster's past (a copy of
 * another cluster's state, say): unknown, as is one too old for pg_xact.
 * *word gets pg_xact_status's text, NULL when unknown.
 */
static FdwLocalOutcome
local_outcome(FullTransactionId fxid, const char **word)
{
	LOCAL_FCINFO(fcinfo, 1);
	Datum		result;
	char	   *status;

	*word = NULL;
	/* pg_xact_status raises for an id in the future */
	if (!FullTransactionIdPrecedes(fxid, ReadNextFullTransactionId()))
		return FDW_LOCAL_UNKNOWN;
	InitFunctionCallInfoData(*fcinfo, NULL, 1, InvalidOid, NULL, NULL);
	fcinfo->args[0].value = FullTransactionIdGetDatum(fxid);
	fcinfo->args[0].isnull = false;
	result = pg_xact_status(fcinfo);
	if (fcinfo->isnull)
		return FDW_LOCAL_UNKNOWN;
	status = text_to_cstring(DatumGetTextPP(result));
	*word = status;
	if (strcmp(status, "committed") == 0)
		return FDW_LOCAL_COMMITTED;
	if (strcmp(status, "aborted") == 0)
		return FDW_LOCAL_ABORTED;
	return FDW_LOCAL_IN_PROGRESS;
}

/*
 * This cluster's prepared branches on entry's server (XA RECOVER lists
 * everyone's), as a List of FdwBranch.  False and err on failure.
 */
static bool
recover_branches(FdwConnEntry *entry, List **branches, FdwError *err)
{
	const FdwDriver *drv = fdw_instance->driver;
	const FdwColumnDesc *cols;
	int			ncols = 0;
	FdwCursor  *cur;
	FdwCell    *cells;
	int			rc;

	*branches = NIL;
	fdw_conn_claim(entry);
	cur = drv->open_cursor(entry->conn, entry->dialect->xa_recover, NULL, 0,
						   100, 0, &cols, &ncols, err);
	if (cur == NULL)
		return false;
	if (ncols < 1)
	{
		drv->close_cursor(cur);
		fdw_error_set(err, FDW_ERR_OTHER, 0, NULL,
					  "the list of prepared transactions has no columns");
		return false;
	}
	cells = palloc0(sizeof(FdwCell) * ncols);
	while ((rc = drv->fetch(cur, cells, err)) == 1)
	{
		const FdwCell *id = &cells[ncols - 1];
		FdwBranch	branch;

		if (id->type != FDW_CELL_TEXT && id->type != FDW_CELL_BINARY)
			continue;
		if (parse_xid(id->v.str.ptr, id->v.str.len, &branch))
		{
			FdwBranch  *copy = palloc(sizeof(FdwBranch));

			*copy = branch;
			*branches = lappend(*branches, copy);
		}
	}
	drv->close_cursor(cur);
	pfree(cells);
	return rc == 0;
}

/*
 * Settle one branch by its local transaction's outcome; returns the action
 * taken ("commit", "rollback") or NULL when the branch stays as it is (its
 * transaction is in progress or unknown, or the remote refused, because the
 * session that prepared it still holds it).
 */
static const char *
settle_branch(FdwConnEntry *entry, const FdwBranch *branch,
			  FdwLocalOutcome outcome, bool quiet)
{
	const char *template;
	const char *action;
	FdwError	err;

	if (outcome == FDW_LOCAL_COMMITTED)
	{
		template = entry->dialect->xa_commit;
		action = "commit";
	}
	else if (outcome == FDW_LOCAL_ABORTED)
	{
		template = entry->dialect->xa_rollback;
		action = "rollback";
	}
	else
		return NULL;

	/*
	 * A standby's view of the outcome lags behind the primary's, whose
	 * sessions may be settling the same branches: leave them to it.
	 */
	if (RecoveryInProgress())
		return NULL;

	memset(&err, 0, sizeof(err));
	if (!xa_exec_xid(entry, template, branch->xid, &err))
	{
		ereport(quiet ? DEBUG1 : WARNING,
				(errmsg("could not settle in-doubt remote transaction %s on server \"%s\"",
						branch->xid, entry->server_name),
				 errdetail_internal("Remote error %d on %s: %s",
									err.remote_code, xa_sql, err.message)));
		return NULL;
	}
	ereport(quiet ? LOG : DEBUG1,
			(errmsg("settled in-doubt remote transaction %s on server \"%s\": %s",
					branch->xid, entry->server_name,
					outcome == FDW_LOCAL_COMMITTED ? "committed" : "rolled back")));
	return action;
}

/*
 * At connect: settle this cluster's in-doubt branches that the new
 * connection sees.  Quiet: nothing reaches the client, a failure (the
 * remote user may not see or end other sessions' branches) only the
 * server log at DEBUG1; it never raises.
 */
void
fdw_xa_resolve_at_connect(FdwConnEntry *entry)
{
	List	   *branches;
	ListCell   *lc;
	FdwError	err;

	memset(&err, 0, sizeof(err));
	if (!recover_branches(entry, &branches, &err))
	{
		ereport(DEBUG1,
				(errmsg_internal("could not list in-doubt remote transactions on server \"%s\": %s",
								 entry->server_name, err.message)));
		return;
	}
	foreach(lc, branches)
	{
		const FdwBranch *branch = (const FdwBranch *) lfirst(lc);
		const char *word;

		(void) settle_branch(entry, branch, local_outcome(branch->fxid, &word),
							 true);
	}
	list_free_deep(branches);
}

/*
 * The connection to the server named by the functions' argument, for the
 * current user, after the checks: the server is one of this FDW's, the user
 * may use it and has a user mapping for it, and it has two-phase commit.
 */
static FdwConnEntry *
xa_connection_for(const char *servername)
{
	ForeignServer *server = GetForeignServerByName(servername, false);
	ForeignDataWrapper *fdw = GetForeignDataWrapper(server->fdwid);
	AclResult	aclresult;
	FdwConnEntry *entry;

	/* the same handler code as ours: the same .so */
	if (!OidIsValid(fdw->fdwhandler) ||
		GetFdwRoutine(fdw->fdwhandler)->BeginForeignScan !=
		fdw_make_routine()->BeginForeignScan)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("server \"%s\" is not a %s server",
						servername, fdw_instance->fdw_name)));
	aclresult = fdw_server_aclcheck(server->serverid, GetUserId(), ACL_USAGE);
	if (aclresult != ACLCHECK_OK)
		aclcheck_error(aclresult, OBJECT_FOREIGN_SERVER, servername);

	entry = fdw_get_connection(GetUserMapping(GetUserId(), server->serverid),
							   FDW_XACT_NONE);
	if (!fdw_xa_supported(entry))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("server \"%s\" has no two-phase commit", servername),
				 errdetail("Its data source (SQL dialect \"%s\") cannot prepare a transaction.",
						   entry->dialect->name)));
	return entry;
}

/* This cluster's prepared branches on the entry's server; raises on failure. */
static List *
recover_or_raise(FdwConnEntry *entry)
{
	List	   *branches;
	FdwError	err;

	memset(&err, 0, sizeof(err));
	if (!recover_branches(entry, &branches, &err))
		fdw_report_error(&err, entry, entry->dialect->xa_recover);
	return branches;
}

/* Set up a materialized SRF result; its tuple descriptor in *tupdesc. */
static Tuplestorestate *
materialize(FunctionCallInfo fcinfo, TupleDesc *tupdesc)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	*tupdesc = rsinfo->setDesc;
	return rsinfo->setResult;
}

/* The (xid, transaction, status) columns both functions return. */
static void
branch_columns(const FdwBranch *branch, const char *word, Datum *values,
			   bool *nulls)
{
	values[0] = CStringGetTextDatum(branch->xid);
	values[1] = FullTransactionIdGetDatum(branch->fxid);
	values[2] = word ? CStringGetTextDatum(word) : (Datum) 0;
	nulls[0] = nulls[1] = false;
	nulls[2] = (word == NULL);
}

/*
 * in_doubt_transactions(server text) returns SETOF (xid text, transaction
 * xid8, status text): the prepared branches of this cluster on the server,
 * with their local transaction and its status (pg_xact_status: committed,
 * aborted, in progress; NULL when unknown).  A branch whose status is in
 * progress may just be committing.
 */
Datum
fdw_in_doubt_transactions(FunctionCallInfo fcinfo)
{
	char	   *servername = text_to_cstring(PG_GETARG_TEXT_PP(0));
	TupleDesc	tupdesc;
	Tuplestorestate *tupstore = materialize(fcinfo, &tupdesc);
	FdwConnEntry *entry = xa_connection_for(servername);
	ListCell   *lc;

	foreach(lc, recover_or_raise(entry))
	{
		const FdwBranch *branch = (const FdwBranch *) lfirst(lc);
		Datum		values[3];
		bool		nulls[3];
		const char *word;

		(void) local_outcome(branch->fxid, &word);
		branch_columns(branch, word, values, nulls);
		tuplestore_putvalues(tupstore, tupdesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * resolve_in_doubt(server text) returns SETOF (xid text, transaction xid8,
 * status text, action text): settles the prepared branches of this cluster
 * on the server by their local outcome and reports each, with the action
 * taken ("commit", "rollback", NULL: left as it is).  Settling applies a
 * decision already made, so anyone who may use the server may call it; it
 * cannot run in a transaction that has a remote transaction open on that
 * connection.
 */
Datum
fdw_resolve_in_doubt(FunctionCallInfo fcinfo)
{
	char	   *servername = text_to_cstring(PG_GETARG_TEXT_PP(0));
	TupleDesc	tupdesc;
	Tuplestorestate *tupstore = materialize(fcinfo, &tupdesc);
	FdwConnEntry *entry = xa_connection_for(servername);
	ListCell   *lc;

	if (entry->xact_depth > 0)
		ereport(ERROR,
				(errcode(ERRCODE_ACTIVE_SQL_TRANSACTION),
				 errmsg("cannot resolve in-doubt transactions on server \"%s\" while this transaction uses it",
						servername),
				 errhint("Call it in a transaction that has not used the server.")));

	foreach(lc, recover_or_raise(entry))
	{
		const FdwBranch *branch = (const FdwBranch *) lfirst(lc);
		Datum		values[4];
		bool		nulls[4];
		const char *word;
		FdwLocalOutcome outcome = local_outcome(branch->fxid, &word);
		const char *action = settle_branch(entry, branch, outcome, false);

		branch_columns(branch, word, values, nulls);
		nulls[3] = false;
		if (action)
			values[3] = CStringGetTextDatum(action);
		else
			nulls[3] = true;
		tuplestore_putvalues(tupstore, tupdesc, values, nulls);
	}
	return (Datum) 0;
}
