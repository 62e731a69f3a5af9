/*-------------------------------------------------------------------------
 *
 * connection.c
 *		  Connection cache per user mapping, remote transactions that follow
 *		  the local ones, and the single place where remote errors become
 *		  PostgreSQL errors.
 *
 * A connection is opened on first use and kept for the life of the backend,
 * keyed by user mapping OID.  ALTER SERVER / ALTER USER MAPPING mark cached
 * entries invalid (syscache callbacks); an invalid or broken entry is
 * re-opened at the start of the next use outside a remote transaction,
 * never in the middle of one.  So is one the server closed while it sat idle
 * between local transactions (KILL, restart, idle timeout): the first use in
 * a new local transaction asks the driver's is_alive first, before anything
 * of the transaction is sent.
 *
 * A remote transaction begins on first use inside a local transaction and
 * ends with it, rolled back on abort.  Local subtransactions map to remote
 * savepoints, created lazily when the connection is used at a deeper
 * nesting level.
 *
 * Two-phase commit.  Where the source has it (the dialect spells XA and the
 * driver lets the core end its transactions) and the server option
 * two_phase_commit is not off, a remote transaction that may write is an XA
 * branch named after the local transaction (twophase.c).  At PRE_COMMIT the
 * branches that wrote are prepared; at COMMIT, once the local commit is on
 * disk, they are committed, and a failure there leaves a branch in doubt
 * for the resolver instead of an error (the local transaction committed);
 * an abort rolls them back.  Everything else commits in one phase at
 * PRE_COMMIT, after the prepares, so a remote failure still aborts the
 * local transaction.
 *
 * Which remote transactions are XA branches: MySQL must be told at the
 * start (XA START), when it is not yet known whether the transaction will
 * write, and the branch's id needs a local transaction id.  So every remote
 * transaction of a read-write local transaction is one, except those begun
 * by a statement that can write nothing remotely and after which the local
 * transaction ends: the client's own SELECT outside a transaction block
 * (and ANALYZE), the cheap common case of a read.  A function called by
 * such a SELECT that writes to the server it reads from is the one way a
 * plain remote transaction writes; it then commits in one phase, after the
 * branches are prepared (so it still aborts them if it fails).  So does a
 * remote transaction begun in parallel mode before the local transaction
 * had an id, which cannot be assigned there.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/parallel.h"
#include "access/xact.h"
#include "catalog/pg_user_mapping.h"
#include "commands/defrem.h"
#include "miscadmin.h"
#include "utils/guc.h"
#include "nodes/pathnodes.h"
#include "nodes/plannodes.h"
#include "pgstat.h"
#include "storage/latch.h"
#include "tcop/pquery.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/memutils.h"
#include "utils/portal.h"
#include "utils/syscache.h"
#include "utils/timeout.h"
#include "utils/timestamp.h"

#include "connection.h"
#include "fdw_core.h"
#include "options.h"
#include "twophase.h"

static HTAB *ConnectionHash = NULL;
static bool xact_got_connection = false;

/*
 * Set while XA COMMIT of a branch runs after the local commit: a query
 * cancel then no longer interrupts the remote statement (the transaction
 * is committed; PostgreSQL ignores a cancel at this point too).
 */
static bool committing_prepared = false;

/*
 * Counts ended local transactions, so an entry can tell whether it was last
 * opened or checked in the current one (FdwConnEntry.alive_xact).
 */
static uint32 local_xact_count = 1;

static void fdw_xact_callback(XactEvent event, void *arg);
static void fdw_subxact_callback(SubXactEvent event, SubTransactionId mySubid,
								 SubTransactionId parentSubid, void *arg);
static void fdw_inval_callback(Datum arg, int cacheid, uint32 hashvalue);
static void discard_cursor(FdwConnEntry *entry);

/*
 * Wait for a socket on behalf of a driver, staying responsive to query
 * cancel, statement_timeout and backend termination.
 */
static int
core_wait_socket(int fd, bool for_read, bool for_write, long timeout_ms)
{
	for (;;)
	{
		int			events = WL_LATCH_SET | WL_EXIT_ON_PM_DEATH;
		int			rc;

		if ((QueryCancelPending && !committing_prepared) || ProcDiePending)
			return -1;
		if (for_read)
			events |= WL_SOCKET_READABLE;
		if (for_write)
			events |= WL_SOCKET_WRITEABLE;
		if (timeout_ms >= 0)
			events |= WL_TIMEOUT;
		rc = WaitLatchOrSocket(MyLatch, events, fd, timeout_ms,
							   PG_WAIT_EXTENSION);
		if (rc & WL_LATCH_SET)
		{
			ResetLatch(MyLatch);
			continue;
		}
		if (rc & (WL_SOCKET_READABLE | WL_SOCKET_WRITEABLE))
			return 1;
		if (rc & WL_TIMEOUT)
			return 0;
	}
}

/*
 * An informational remote message (SQL Server PRINT, "Changed database
 * context", ...), passed on by drivers that were asked to.
 */
static void
core_notice(int code, int severity, const char *message)
{
	ereport(NOTICE,
			(errmsg_internal("%s", message),
			 errdetail_internal("Remote message %d, severity %d.", code, severity)));
}

/* Time left until statement_timeout fires, for drivers that take a timeout. */
static long
core_statement_ms_left(void)
{
	TimestampTz finish;
	TimestampTz now;

	if (!get_timeout_active(STATEMENT_TIMEOUT))
		return -1;
	finish = get_timeout_finish_time(STATEMENT_TIMEOUT);
	now = GetCurrentTimestamp();
	if (finish <= now)
		return 0;
	return (long) ((finish - now + 999) / 1000);
}

/*
 * A signal in timeout_ms, through PostgreSQL's timeout machinery (SIGALRM):
 * poll() and select() are never restarted after a signal handler, so a
 * library blocked in one gets EINTR and runs its interrupt callback.  The
 * handler has nothing to do; the signal is the point.
 */
static TimeoutId wake_timeout = MAX_TIMEOUTS;

static void
wake_timeout_handler(void)
{
}

static void
core_wake_after(long timeout_ms)
{
	if (wake_timeout == MAX_TIMEOUTS)
		wake_timeout = RegisterTimeout(USER_TIMEOUT, wake_timeout_handler);
	if (timeout_ms > 0)
		enable_timeout_after(wake_timeout, (int) Min(timeout_ms, INT_MAX));
	else
		disable_timeout(wake_timeout, false);
}

const FdwHost fdw_host = {core_wait_socket, core_notice, core_statement_ms_left,
core_wake_after};

static void
init_connection_hash(void)
{
	HASHCTL		ctl;

	ctl.keysize = sizeof(Oid);
	ctl.entrysize = sizeof(FdwConnEntry);
	ConnectionHash = hash_create("fdw connections", 8, &ctl,
								 HASH_ELEM | HASH_BLOBS);
	RegisterXactCallback(fdw_xact_callback, NULL);
	RegisterSubXactCallback(fdw_subxact_callback, NULL);
	CacheRegisterSyscacheCallback(FOREIGNSERVEROID, fdw_inval_callback, (Datum) 0);
	CacheRegisterSyscacheCallback(USERMAPPINGOID, fdw_inval_callback, (Datum) 0);
}

/* Add options of one catalog level that the driver should see. */
static int
collect_driver_options(List *options, int level, FdwOption *out, int n)
{
	ListCell   *lc;

	foreach(lc, options)
	{
		DefElem    *elem = (DefElem *) lfirst(lc);
		const FdwOptionDef *def = fdw_find_option(elem->defname, level);

		if (def == NULL)
			continue;
		if (def->role != FDW_ROLE_DRIVER && !def->driver_too)
			continue;
		out[n].name = elem->defname;
		out[n].value = defGetString(elem);
		n++;
	}
	return n;
}

/*
 * Must this connection authenticate with the user mapping's password?  As
 * in postgres_fdw: yes for a role that is not a superuser, unless a
 * superuser set password_required 'false' on the mapping.  Then the mapping
 * must give a non-empty password, checked here before any connection is
 * tried; the driver is told (option password_required), and refuses every
 * way of logging in that would not use it (a Unix socket where the server
 * trusts the backend's OS user, Kerberos or integrated logins).
 */
static bool
password_required(ForeignServer *server, UserMapping *user)
{
	ListCell   *lc;
	bool		required = true;
	bool		has_password = false;

	if (superuser_arg(user->userid))
		return false;
	foreach(lc, user->options)
	{
		DefElem    *elem = (DefElem *) lfirst(lc);
		const FdwOptionDef *def = fdw_find_option(elem->defname, FDW_OPT_USER);

		if (def && def->role == FDW_ROLE_PASSWORD_REQUIRED)
			required = fdw_defGetBool(elem);
		else if ((fdw_option_flags(elem->defname, defGetString(elem),
								   FDW_OPT_USER) & FDW_OPTFLAG_SECRET) &&
				 defGetString(elem)[0] != '\0')
			has_password = true;
	}
	if (required && !has_password)
		ereport(ERROR,
				(errcode(ERRCODE_S_R_E_PROHIBITED_SQL_STATEMENT_ATTEMPTED),
				 errmsg("password is required to connect to server \"%s\"",
						server->servername),
				 errdetail("A role that is not a superuser connects only with the password of its user mapping."),
				 errhint("Give a password in the user mapping, or have a superuser set password_required 'false' on it.")));
	return required;
}

static void close_connection(FdwConnEntry *entry);

/*
 * Whether the server's transactions may commit in two phases: where the
 * source has it, unless the server option two_phase_commit is false.  An
 * explicit true for a source without it is an error, not a silent one-phase
 * commit: the user asked for an atomic commit that cannot be had.
 */
static bool
two_phase_wanted(FdwConnEntry *entry, ForeignServer *server)
{
	bool		supported = fdw_xa_supported(entry);
	ListCell   *lc;

	foreach(lc, server->options)
	{
		DefElem    *elem = (DefElem *) lfirst(lc);
		const FdwOptionDef *def = fdw_find_option(elem->defname, FDW_OPT_SERVER);

		if (def == NULL || def->role != FDW_ROLE_TWO_PHASE_COMMIT)
			continue;
		if (!fdw_defGetBool(elem))
			return false;
		if (!supported)
		{
			close_connection(entry);
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("server \"%s\" cannot commit in two phases",
							server->servername),
					 errdetail("Its data source (SQL dialect \"%s\") has no two-phase commit.",
							   entry->dialect->name),
					 errhint("Set the server option two_phase_commit to 'false' or remove it.")));
		}
		return true;
	}
	return supported;
}

static void
open_connection(FdwConnEntry *entry, UserMapping *user)
{
	ForeignServer *server = GetForeignServer(user->serverid);
	FdwOption  *opts;
	int			n = 0;
	FdwError	err;
	FdwConn    *conn;

	opts = palloc0(sizeof(FdwOption) *
				   (list_length(server->options) + list_length(user->options) + 3));
	n = collect_driver_options(server->options, FDW_OPT_SERVER, opts, n);
	n = collect_driver_options(user->options, FDW_OPT_USER, opts, n);
	if (password_required(server, user))
	{
		opts[n].name = "password_required";
		opts[n].value = "true";
		n++;
	}
	if (entry->default_schema)
	{
		opts[n].name = "default_schema";
		opts[n].value = entry->default_schema;
		n++;
	}

	memset(&err, 0, sizeof(err));
	conn = fdw_instance->driver->connect(opts, n, &fdw_host, &err);
	pfree(opts);
	if (conn == NULL)
	{
		CHECK_FOR_INTERRUPTS();
		ereport(ERROR,
				(errcode(ERRCODE_SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION),
				 errmsg("could not connect to server \"%s\"", server->servername),
				 err.severity > 0 ?
				 errdetail_internal("Remote error %d (severity %d): %s",
									err.remote_code, err.severity, err.message) :
				 errdetail_internal("%s", err.message),
				 err.kind == FDW_ERR_AUTH ?
				 errhint("Check the username and password of the user mapping.") : 0));
	}
	entry->conn = conn;
	entry->dialect = fdw_instance->driver->dialect(conn);
	entry->server_hashvalue =
		GetSysCacheHashValue1(FOREIGNSERVEROID, ObjectIdGetDatum(server->serverid));
	entry->mapping_hashvalue =
		GetSysCacheHashValue1(USERMAPPINGOID, ObjectIdGetDatum(user->umid));
	entry->alive_xact = local_xact_count;
	entry->two_phase = two_phase_wanted(entry, server);
	/* in-doubt branches of this cluster are resolved at every connect */
	if (entry->two_phase)
		fdw_xa_resolve_at_connect(entry);
}

static void
close_connection(FdwConnEntry *entry)
{
	if (entry->cursor)
		fdw_instance->driver->close_cursor(entry->cursor);
	entry->cursor = NULL;
	if (entry->conn)
	{
		fdw_instance->driver->disconnect(entry->conn);
		entry->conn = NULL;
	}
	entry->cursor_owner = NULL;
	entry->xact_depth = 0;
	entry->broken = false;
	entry->invalidated = false;
	entry->changing_xact_state = false;
	entry->xa = false;
	entry->wrote = false;
	entry->prepared = false;
}

static FdwIsolation
local_isolation(void)
{
	if (IsolationIsSerializable())
		return FDW_ISO_SERIALIZABLE;
	/* REPEATABLE READ so that several scans in one query see one snapshot */
	return FDW_ISO_REPEATABLE_READ;
}

/*
 * Whether the remote transaction about to begin is to be an XA branch (see
 * "Two-phase commit" at the top).
 */
static bool
want_two_phase(FdwConnEntry *entry, FdwXactUse use)
{
	if (!entry->two_phase || XactReadOnly)
		return false;
	/* nothing after this statement can write remotely */
	if (use == FDW_XACT_SELECT && !IsTransactionBlock())
		return false;
	/* the branch is named after the local transaction id: none in parallel mode */
	if (IsInParallelMode() &&
		!FullTransactionIdIsValid(GetTopFullTransactionIdIfAny()))
		return false;
	return true;
}

/*
 * Open the remote transaction: the driver's begin, then for an XA branch
 * the dialect's XA START.  On failure *what is the statement that failed.
 */
static bool
start_remote_xact(FdwConnEntry *entry, bool xa, FdwError *err,
				  const char **what)
{
	const FdwDriver *drv = fdw_instance->driver;

	entry->xa = false;
	entry->wrote = false;
	entry->prepared = false;
	*what = "BEGIN";
	if (drv->begin && !drv->begin(entry->conn, local_isolation(), XactReadOnly, err))
		return false;
	if (xa)
	{
		fdw_xa_make_xid(entry);
		if (!fdw_xa_send(entry, entry->dialect->xa_start, err))
		{
			*what = pstrdup(fdw_xa_last_statement());
			return false;
		}
		entry->xa = true;
	}
	return true;
}

/* Begin the remote transaction and savepoints up to the local level. */
static void
begin_remote_xact(FdwConnEntry *entry, UserMapping *user, FdwXactUse use)
{
	const FdwDriver *drv = fdw_instance->driver;
	int			curlevel = GetCurrentTransactionNestLevel();
	FdwError	err;
	const char *what;

	memset(&err, 0, sizeof(err));
	if (entry->xact_depth <= 0)
	{
		entry->changing_xact_state = true;
		if (!start_remote_xact(entry, want_two_phase(entry, use), &err, &what))
		{
			/*
			 * A connection that died while idle and that is_alive missed (one
			 * closed in the last moments, a driver without a check) may fail
			 * here; nothing of this transaction went over it yet, so a new
			 * one takes its place.  Not when a cancel or timeout ended the
			 * BEGIN (the driver gave up on a server that did not answer):
			 * the interrupt is raised instead of connecting to that server
			 * again.
			 */
			if (err.kind != FDW_ERR_CONNECTION ||
				QueryCancelPending || ProcDiePending)
				fdw_report_error(&err, entry, what);
			close_connection(entry);
			open_connection(entry, user);
			memset(&err, 0, sizeof(err));
			entry->changing_xact_state = true;
			fdw_check_remote(start_remote_xact(entry, want_two_phase(entry, use),
											   &err, &what),
							 &err, entry, what);
		}
		entry->changing_xact_state = false;
		entry->xact_depth = 1;
		xact_got_connection = true;
	}
	while (entry->xact_depth < curlevel)
	{
		if (drv->savepoint)
		{
			fdw_conn_claim(entry);
			fdw_check_remote(drv->savepoint(entry->conn, entry->xact_depth + 1, &err),
							 &err, entry, "SAVEPOINT");
		}
		entry->xact_depth++;
	}
}

/*
 * Get the connection for a user mapping, connecting if needed; unless use is
 * FDW_XACT_NONE, make sure a remote transaction (and savepoints) are open.
 */
FdwConnEntry *
fdw_get_connection(UserMapping *user, FdwXactUse use)
{
	return fdw_get_connection_for(user, use, NULL);
}

/*
 * The same, for a use of the remote schema "schema" (may be NULL).  The
 * schema of the first such use stays with the connection, also when it is
 * replaced, and goes to the driver as option default_schema: EDB mysql_fdw
 * connects with the foreign table's database as the session's default, and
 * an init_command written for it may use unqualified names.
 */
FdwConnEntry *
fdw_get_connection_for(UserMapping *user, FdwXactUse use, const char *schema)
{
	FdwConnEntry *entry;
	bool		found;

	if (ConnectionHash == NULL)
		init_connection_hash();

	/*
	 * Create the entry before connecting: the catalog lookups in
	 * open_connection may process invalidations, which walk the hash.
	 */
	entry = hash_search(ConnectionHash, &user->umid, HASH_ENTER, &found);
	if (!found)
	{
		entry->conn = NULL;
		entry->server_name = MemoryContextStrdup(TopMemoryContext,
												 GetForeignServer(user->serverid)->servername);
		entry->xact_depth = 0;
		entry->invalidated = false;
		entry->broken = false;
		entry->changing_xact_state = false;
		entry->cursor = NULL;
		entry->cursor_owner = NULL;
		entry->dialect = NULL;
		entry->serverid = user->serverid;
		entry->alive_xact = 0;
		entry->default_schema = NULL;
		entry->two_phase = false;
		entry->xa = false;
		entry->wrote = false;
		entry->prepared = false;
		entry->xid[0] = '\0';
	}
	if (entry->default_schema == NULL && schema != NULL)
		entry->default_schema = MemoryContextStrdup(TopMemoryContext, schema);

	/* Reconnect only between remote transactions. */
	if (entry->conn && entry->xact_depth == 0 &&
		(entry->invalidated || entry->broken))
		close_connection(entry);

	/*
	 * A connection that sat idle since an earlier local transaction may have
	 * been closed by the server meanwhile (KILL, restart, wait_timeout).  Ask
	 * the driver before the first use in this transaction, while nothing of
	 * it has gone over the connection, and replace a dead one.  Once per
	 * local transaction: within one, the connection is in use, and a failure
	 * there is an error of the transaction (never a silent reconnect).
	 */
	if (entry->conn && entry->xact_depth == 0 &&
		entry->alive_xact != local_xact_count)
	{
		/* a result left by an earlier transaction has no reader any more */
		discard_cursor(entry);
		if (fdw_instance->driver->is_alive &&
			!fdw_instance->driver->is_alive(entry->conn))
			close_connection(entry);
		else
			entry->alive_xact = local_xact_count;
	}

	if (entry->conn == NULL)
	{
		entry->xact_depth = 0;
		entry->invalidated = false;
		entry->broken = false;
		open_connection(entry, user);
	}
	else if (entry->broken)
		ereport(ERROR,
				(errcode(ERRCODE_CONNECTION_FAILURE),
				 errmsg("connection to server \"%s\" was lost", entry->server_name),
				 errhint("The transaction must be rolled back; the next one reconnects.")));

	if (use != FDW_XACT_NONE)
		begin_remote_xact(entry, user, use);
	if (use == FDW_XACT_WRITE && !entry->wrote)
	{
		entry->wrote = true;
		if (entry->two_phase && !entry->xa)
			ereport(DEBUG1,
					(errmsg_internal("remote transaction on server \"%s\" was begun by a read and commits in one phase",
									 entry->server_name)));
	}
	return entry;
}

/*
 * How a foreign scan of the statement stmt uses its connection:
 * FDW_XACT_SELECT when stmt is the client's own SELECT (the statement of
 * the unnamed portal, not one a function runs), which can write nothing
 * remotely; FDW_XACT_READ otherwise.
 */
FdwXactUse
fdw_scan_xact_use(PlannedStmt *stmt)
{
	if (stmt->commandType == CMD_SELECT && !stmt->hasModifyingCTE &&
		ActivePortal != NULL && ActivePortal->name[0] == '\0' &&
		list_member_ptr(ActivePortal->stmts, stmt))
		return FDW_XACT_SELECT;
	return FDW_XACT_READ;
}

/*
 * The same while planning (remote estimates): the client's statements are
 * planned before their portal runs, with no portal active; a function's
 * statements are planned while the client's portal is.
 */
FdwXactUse
fdw_plan_xact_use(PlannerInfo *root)
{
	while (root->parent_root != NULL)
		root = root->parent_root;
	if (ActivePortal == NULL && root->parse->commandType == CMD_SELECT &&
		!root->parse->hasModifyingCTE)
		return FDW_XACT_SELECT;
	return FDW_XACT_READ;
}

/* The dialect of the server a user mapping leads to (may connect). */
const FdwDialect *
fdw_dialect_for(UserMapping *user)
{
	return fdw_dialect_for_table(user, NULL);
}

/* The same, for a table in remote schema "schema" (fdw_get_connection_for). */
const FdwDialect *
fdw_dialect_for_table(UserMapping *user, const char *schema)
{
	return fdw_get_connection_for(user, FDW_XACT_NONE, schema)->dialect;
}

/* Forget a cursor whose owner is gone (abort); never raises. */
static void
discard_cursor(FdwConnEntry *entry)
{
	if (entry->cursor)
		fdw_instance->driver->close_cursor(entry->cursor);
	entry->cursor = NULL;
	entry->cursor_owner = NULL;
}

static int
sqlstate_of(const FdwError *err)
{
	switch (err->kind)
	{
		case FDW_ERR_CONNECTION:
		case FDW_ERR_TIMEOUT:
			return ERRCODE_CONNECTION_FAILURE;
		case FDW_ERR_AUTH:
			return ERRCODE_SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION;
		case FDW_ERR_UNDEFINED_DATABASE:
			return ERRCODE_UNDEFINED_OBJECT;
		case FDW_ERR_UNDEFINED_TABLE:
			return ERRCODE_UNDEFINED_TABLE;
		case FDW_ERR_UNDEFINED_COLUMN:
			return ERRCODE_UNDEFINED_COLUMN;
		case FDW_ERR_SYNTAX:
			return ERRCODE_SYNTAX_ERROR;
		case FDW_ERR_UNIQUE_VIOLATION:
			return ERRCODE_UNIQUE_VIOLATION;
		case FDW_ERR_NOT_NULL_VIOLATION:
			return ERRCODE_NOT_NULL_VIOLATION;
		case FDW_ERR_FK_VIOLATION:
			return ERRCODE_FOREIGN_KEY_VIOLATION;
		case FDW_ERR_CHECK_VIOLATION:
			return ERRCODE_CHECK_VIOLATION;
		case FDW_ERR_DATA:
			return ERRCODE_DATA_EXCEPTION;
		case FDW_ERR_DIVISION_BY_ZERO:
			return ERRCODE_DIVISION_BY_ZERO;
		case FDW_ERR_DEADLOCK:
			return ERRCODE_T_R_DEADLOCK_DETECTED;
		case FDW_ERR_SERIALIZATION:
			return ERRCODE_T_R_SERIALIZATION_FAILURE;
		case FDW_ERR_LOCK_TIMEOUT:
			return ERRCODE_LOCK_NOT_AVAILABLE;
		case FDW_ERR_CANCELED:
			return ERRCODE_QUERY_CANCELED;
		case FDW_ERR_INSUFFICIENT_PRIVILEGE:
			return ERRCODE_INSUFFICIENT_PRIVILEGE;
		case FDW_ERR_FEATURE:
			return ERRCODE_FEATURE_NOT_SUPPORTED;
		case FDW_ERR_OUT_OF_MEMORY:
			return ERRCODE_OUT_OF_MEMORY;
		default:
			return ERRCODE_FDW_ERROR;
	}
}

/*
 * A data error keeps the remote's own SQLSTATE when it is a standard data
 * exception (MySQL: 22001 too long, 22003 out of range, 22007 bad date).
 */
static int
data_sqlstate(const FdwError *err)
{
	const char *s = err->sqlstate;

	if (err->kind == FDW_ERR_DATA && s[0] == '2' && s[1] == '2' &&
		s[2] && s[3] && s[4] && s[5] == '\0')
		return MAKE_SQLSTATE(s[0], s[1], s[2], s[3], s[4]);
	return sqlstate_of(err);
}

/* A short primary message for well-known classes; NULL: use the remote's. */
static const char *
generic_message(FdwErrorKind kind)
{
	switch (kind)
	{
		case FDW_ERR_UNIQUE_VIOLATION:
			return "duplicate key value violates a unique constraint on the remote table";
		case FDW_ERR_NOT_NULL_VIOLATION:
			return "null value violates a not-null constraint on the remote table";
		case FDW_ERR_FK_VIOLATION:
			return "a foreign key constraint on the remote table was violated";
		case FDW_ERR_CHECK_VIOLATION:
			return "a check constraint on the remote table was violated";
		case FDW_ERR_CONNECTION:
			return "lost connection to the remote server";
		default:
			return NULL;
	}
}

/*
 * Raise a remote error.  Connection-class errors mark the entry broken so the
 * next transaction reconnects.  A cancel we asked for becomes the backend's
 * own cancel/timeout error through CHECK_FOR_INTERRUPTS; so does any error
 * while a cancel, statement_timeout or termination is pending: the driver
 * ended the statement because of it (a cancel the server acknowledged, a
 * library timeout derived from statement_timeout, or a connection given up
 * on after an unanswered cancel), and the user asked for the interrupt, not
 * for the remote's account of it.
 */
void
fdw_report_error(const FdwError *err, FdwConnEntry *entry, const char *sql)
{
	const char *generic = generic_message(err->kind);
	const char *server = entry ? entry->server_name : "?";
	/* SQL Server reports a severity (class) with each error */
	const char *severity = err->severity > 0 ?
		psprintf(" (severity %d)", err->severity) : "";

	/* a lost connection names its server: in a query over many, which one */
	if (err->kind == FDW_ERR_CONNECTION)
		generic = psprintf("lost connection to server \"%s\"", server);

	if (entry && (err->kind == FDW_ERR_CONNECTION || err->kind == FDW_ERR_TIMEOUT))
		entry->broken = true;
	CHECK_FOR_INTERRUPTS();

	/* an error a guard of the dialect provoked: PostgreSQL's own words */
	if (entry && entry->dialect && entry->dialect->guard_errors)
	{
		const FdwGuardError *g;

		for (g = entry->dialect->guard_errors; g->marker; g++)
			if (strstr(err->message, g->marker))
				ereport(ERROR,
						(errcode(MAKE_SQLSTATE(g->sqlstate[0], g->sqlstate[1], g->sqlstate[2],
											   g->sqlstate[3], g->sqlstate[4])),
						 errmsg("%s", g->message),
						 errdetail_internal("Remote error %d on server \"%s\": %s",
											err->remote_code, server, err->message),
						 sql ? errcontext("remote SQL command: %s", sql) : 0));
	}

	ereport(ERROR,
			(errcode(data_sqlstate(err)),
			 errmsg_internal("%s", generic ? generic : err->message),
			 generic ?
			 errdetail_internal("Remote error %d%s on server \"%s\": %s",
								err->remote_code, severity, server, err->message) :
			 errdetail_internal("Remote error %d%s%s%s on server \"%s\".",
								err->remote_code, severity,
								err->sqlstate[0] ? ", SQLSTATE " : "",
								err->sqlstate, server),
			 sql ? errcontext("remote SQL command: %s", sql) : 0));
}

void
fdw_check_remote(bool ok, const FdwError *err, FdwConnEntry *entry,
				 const char *sql)
{
	if (!ok)
		fdw_report_error(err, entry, sql);
}

/*
 * Commit a remote transaction that is not prepared: an XA branch with
 * XA END and XA COMMIT ... ONE PHASE, anything else with the driver's commit.
 */
static bool
commit_one_phase(FdwConnEntry *entry, FdwError *err, const char **what)
{
	const FdwDriver *drv = fdw_instance->driver;

	*what = "COMMIT";
	if (!entry->xa)
		return drv->commit == NULL || drv->commit(entry->conn, err);
	if (!fdw_xa_send(entry, entry->dialect->xa_end, err) ||
		!fdw_xa_exec(entry, entry->dialect->xa_commit_one_phase, err))
	{
		*what = pstrdup(fdw_xa_last_statement());
		return false;
	}
	drv->xact_ended(entry->conn);
	return true;
}

/*
 * Before the local commit.  First the XA branches that wrote are prepared:
 * if one cannot be, the local transaction aborts, which rolls them all back.
 * Then the other remote transactions commit in one phase: read-only
 * branches, and transactions that cannot be prepared.  A failure among them
 * still aborts the local transaction and the prepared branches with it.
 */
static void
pre_commit_remote(void)
{
	HASH_SEQ_STATUS scan;
	FdwConnEntry *entry;
	FdwError	err;
	const char *what;
	bool		any_prepared = false;

	hash_seq_init(&scan, ConnectionHash);
	while ((entry = (FdwConnEntry *) hash_seq_search(&scan)))
	{
		if (entry->conn == NULL || entry->xact_depth <= 0 ||
			!entry->xa || !entry->wrote)
			continue;
		/* a result still streaming cannot share the wire with XA END */
		fdw_conn_claim(entry);
		memset(&err, 0, sizeof(err));
		entry->changing_xact_state = true;
		if (!fdw_xa_send(entry, entry->dialect->xa_end, &err) ||
			!fdw_xa_exec(entry, entry->dialect->xa_prepare, &err))
		{
			hash_seq_term(&scan);
			fdw_report_error(&err, entry, pstrdup(fdw_xa_last_statement()));
		}
		entry->changing_xact_state = false;
		entry->prepared = true;
		any_prepared = true;
	}

	/*
	 * The branches are committed after the local commit and resolved from
	 * its outcome: that outcome must survive a crash before they are, even
	 * when the local transaction wrote nothing else (which would otherwise
	 * commit asynchronously).
	 */
	if (any_prepared)
		ForceSyncCommit();

	hash_seq_init(&scan, ConnectionHash);
	while ((entry = (FdwConnEntry *) hash_seq_search(&scan)))
	{
		if (entry->conn == NULL || entry->xact_depth <= 0 || entry->prepared)
			continue;
		fdw_conn_claim(entry);
		memset(&err, 0, sizeof(err));
		entry->changing_xact_state = true;
		if (!commit_one_phase(entry, &err, &what))
		{
			hash_seq_term(&scan);
			fdw_report_error(&err, entry, what);
		}
		entry->changing_xact_state = false;
		entry->xact_depth = 0;
		entry->xa = false;
		entry->wrote = false;
	}
}

/*
 * <fdw>.test_lose_connection_after_prepare (superuser, for tests): the
 * connection of every prepared branch is lost between the local commit and
 * XA COMMIT, as a network failure or a crash of the server would lose it
 * there.  The one moment of two-phase commit a test cannot reach from
 * outside (sql/mysql_2pc.sql): the branch must stay in doubt and be
 * settled by the resolver.
 */
static bool test_lose_after_prepare = false;

void
fdw_connection_define_gucs(const char *fdw_name)
{
	DefineCustomBoolVariable(psprintf("%s.test_lose_connection_after_prepare", fdw_name),
							 "Loses the connection of prepared remote transactions before XA COMMIT (for tests).",
							 NULL, &test_lose_after_prepare, false, PGC_SUSET,
							 GUC_NOT_IN_SAMPLE, NULL, NULL, NULL);
	MarkGUCPrefixReserved(fdw_name);
}

/*
 * After the local commit: commit the prepared branches.  Nothing may raise
 * an error here.  A branch that cannot be committed now stays prepared, in
 * doubt, for the resolver: its connection is closed, so the next one
 * resolves it at connect.
 */
static void
commit_prepared_remote(void)
{
	const FdwDriver *drv = fdw_instance->driver;
	HASH_SEQ_STATUS scan;
	FdwConnEntry *entry;
	FdwError	err;

	hash_seq_init(&scan, ConnectionHash);
	while ((entry = (FdwConnEntry *) hash_seq_search(&scan)))
	{
		bool		ok;

		if (entry->conn == NULL || !entry->prepared)
			continue;
		memset(&err, 0, sizeof(err));
		committing_prepared = true;
		if (test_lose_after_prepare)
		{
			ok = false;
			fdw_error_set(&err, FDW_ERR_CONNECTION, 0, NULL,
						  "connection lost (test_lose_connection_after_prepare)");
		}
		else
			ok = fdw_xa_exec(entry, entry->dialect->xa_commit, &err);
		committing_prepared = false;
		if (ok)
			drv->xact_ended(entry->conn);
		else
		{
			ereport(WARNING,
					(errcode(ERRCODE_TRANSACTION_RESOLUTION_UNKNOWN),
					 errmsg("could not commit the prepared remote transaction on server \"%s\"",
							entry->server_name),
					 errdetail_internal("Remote error %d on %s: %s",
										err.remote_code, fdw_xa_last_statement(),
										err.message),
					 errhint("The local transaction committed. The remote one is committed when a connection to the server is next opened, or by %s_resolve_in_doubt().",
							 fdw_instance->fdw_name)));
			close_connection(entry);
		}
		entry->xact_depth = 0;
		entry->xa = false;
		entry->wrote = false;
		entry->prepared = false;
	}
}

/*
 * Roll back a remote transaction at local abort; false when it could not
 * be, and the connection must be closed (the server then rolls back what
 * was not prepared; a prepared branch stays in doubt and the resolver rolls
 * it back, the local transaction having aborted).  Never raises.
 */
static bool
rollback_remote(FdwConnEntry *entry)
{
	const FdwDriver *drv = fdw_instance->driver;
	FdwError	err;

	memset(&err, 0, sizeof(err));
	if (entry->broken || entry->changing_xact_state)
		return false;
	if (!entry->xa)
		return drv->rollback == NULL || drv->rollback(entry->conn, &err);

	/*
	 * XA END fails when the branch was already ended (a failed prepare) or
	 * rolled back by the server (a deadlock): XA ROLLBACK is due either way.
	 */
	if (!entry->prepared)
		(void) fdw_xa_exec(entry, entry->dialect->xa_end, &err);
	memset(&err, 0, sizeof(err));
	if (!fdw_xa_exec(entry, entry->dialect->xa_rollback, &err))
		return false;
	drv->xact_ended(entry->conn);
	return true;
}

/* End the remote transactions at local commit or abort. */
static void
fdw_xact_callback(XactEvent event, void *arg)
{
	HASH_SEQ_STATUS scan;
	FdwConnEntry *entry;

	/* connections used after this point sat idle in between: check them */
	if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT ||
		event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT ||
		event == XACT_EVENT_PREPARE)
		local_xact_count++;

	if (!xact_got_connection)
		return;

	switch (event)
	{
		case XACT_EVENT_PARALLEL_PRE_COMMIT:
		case XACT_EVENT_PRE_COMMIT:
			pre_commit_remote();
			break;
		case XACT_EVENT_PRE_PREPARE:
			/* as postgres_fdw: the remote transactions cannot follow it */
			hash_seq_init(&scan, ConnectionHash);
			while ((entry = (FdwConnEntry *) hash_seq_search(&scan)))
			{
				if (entry->conn == NULL || entry->xact_depth <= 0)
					continue;
				hash_seq_term(&scan);
				ereport(ERROR,
						(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
						 errmsg("cannot PREPARE a transaction that has operated on %s foreign tables",
								fdw_instance->fdw_name)));
			}
			break;
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_COMMIT:
			commit_prepared_remote();
			break;
		case XACT_EVENT_PREPARE:
			break;
		case XACT_EVENT_PARALLEL_ABORT:
		case XACT_EVENT_ABORT:
			/* never raise here: we are already cleaning up an error */
			hash_seq_init(&scan, ConnectionHash);
			while ((entry = (FdwConnEntry *) hash_seq_search(&scan)))
			{
				if (entry->conn == NULL || entry->xact_depth <= 0)
					continue;
				discard_cursor(entry);
				if (!rollback_remote(entry))
					close_connection(entry);
				entry->xact_depth = 0;
				entry->xa = false;
				entry->wrote = false;
				entry->prepared = false;
			}
			break;
	}
	if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT ||
		event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT ||
		event == XACT_EVENT_PREPARE)
		xact_got_connection = false;
}

/* Release or roll back to the savepoint of the ending subtransaction. */
static void
fdw_subxact_callback(SubXactEvent event, SubTransactionId mySubid,
					 SubTransactionId parentSubid, void *arg)
{
	const FdwDriver *drv = fdw_instance->driver;
	HASH_SEQ_STATUS scan;
	FdwConnEntry *entry;
	int			curlevel;

	if (!(event == SUBXACT_EVENT_PRE_COMMIT_SUB || event == SUBXACT_EVENT_ABORT_SUB))
		return;
	if (!xact_got_connection)
		return;

	curlevel = GetCurrentTransactionNestLevel();
	hash_seq_init(&scan, ConnectionHash);
	while ((entry = (FdwConnEntry *) hash_seq_search(&scan)))
	{
		FdwError	err;

		if (entry->conn == NULL || entry->xact_depth < curlevel)
			continue;
		memset(&err, 0, sizeof(err));
		if (event == SUBXACT_EVENT_PRE_COMMIT_SUB)
		{
			fdw_conn_claim(entry);
			if (drv->release && !drv->release(entry->conn, curlevel, &err))
			{
				hash_seq_term(&scan);
				fdw_report_error(&err, entry, "RELEASE SAVEPOINT");
			}
		}
		else
		{
			/* used in this subtransaction: any older result was drained */
			discard_cursor(entry);
			if (entry->broken || entry->changing_xact_state ||
				(drv->rollback_to && !drv->rollback_to(entry->conn, curlevel, &err)))
			{
				/* the outer transaction can no longer trust this connection */
				entry->broken = true;
			}
		}
		entry->xact_depth = curlevel - 1;
	}
}

/*
 * The connection cache, for code that lists or closes cached connections;
 * NULL until the first connection of this backend.
 */
HTAB *
fdw_connection_cache(void)
{
	return ConnectionHash;
}

/*
 * Close a cached connection now.  The entry stays in the cache, so the next
 * use reconnects.  Only for a connection outside a remote transaction: the
 * caller checks xact_depth.
 */
void
fdw_disconnect(FdwConnEntry *entry)
{
	Assert(entry->xact_depth == 0);
	close_connection(entry);
}

/* ALTER SERVER / USER MAPPING: reconnect with the new options when idle. */
static void
fdw_inval_callback(Datum arg, int cacheid, uint32 hashvalue)
{
	HASH_SEQ_STATUS scan;
	FdwConnEntry *entry;

	hash_seq_init(&scan, ConnectionHash);
	while ((entry = (FdwConnEntry *) hash_seq_search(&scan)))
	{
		if (entry->conn == NULL)
			continue;
		if (hashvalue == 0 ||
			(cacheid == FOREIGNSERVEROID && entry->server_hashvalue == hashvalue) ||
			(cacheid == USERMAPPINGOID && entry->mapping_hashvalue == hashvalue))
			entry->invalidated = true;
	}
}
