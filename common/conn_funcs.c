/*-------------------------------------------------------------------------
 *
 * conn_funcs.c
 *		  The SQL-callable view of this backend's connection cache: list the
 *		  open connections, close one server's or all of them.
 *
 * Modelled on postgres_fdw_get_connections(), postgres_fdw_disconnect() and
 * postgres_fdw_disconnect_all(), with the same meanings, so that a DBA who
 * knows those knows these.  Each FDW's .so has its own cache (common/ is
 * linked privately into each), so each FDW's functions see only its own
 * connections.
 *
 * A connection used by the current transaction is never closed here: the
 * remote transaction must end with the local one (see connection.c).  The
 * functions warn and leave it open instead.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "foreign/foreign.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "connection.h"
#include "conn_funcs.h"

/*
 * The server's current name (it may have been renamed since the connection
 * was opened), or NULL if it was dropped in this transaction.
 */
static const char *
current_server_name(const FdwConnEntry *entry)
{
	ForeignServer *server = GetForeignServerExtended(entry->serverid,
													 FSV_MISSING_OK);

	return server ? server->servername : NULL;
}

/*
 * SETOF (server_name text, valid boolean): one row per open connection.
 * valid is false when the connection will be re-opened at its next use,
 * because its server or user mapping changed or it was found broken.
 */
Datum
fdw_get_connections(FunctionCallInfo fcinfo)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	HTAB	   *cache;
	HASH_SEQ_STATUS scan;
	FdwConnEntry *entry;

	InitMaterializedSRF(fcinfo, 0);

	cache = fdw_connection_cache();
	if (cache == NULL)
		return (Datum) 0;

	hash_seq_init(&scan, cache);
	while ((entry = (FdwConnEntry *) hash_seq_search(&scan)))
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};
		const char *name;

		if (entry->conn == NULL)
			continue;
		name = current_server_name(entry);
		if (name)
			values[0] = CStringGetTextDatum(name);
		else
			nulls[0] = true;
		values[1] = BoolGetDatum(name != NULL && !entry->invalidated &&
								 !entry->broken);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * Close the cached connections to one server (all servers when serverid is
 * InvalidOid).  True if at least one was closed.
 */
static bool
disconnect_cached(Oid serverid)
{
	HTAB	   *cache = fdw_connection_cache();
	HASH_SEQ_STATUS scan;
	FdwConnEntry *entry;
	bool		closed = false;

	if (cache == NULL)
		return false;

	hash_seq_init(&scan, cache);
	while ((entry = (FdwConnEntry *) hash_seq_search(&scan)))
	{
		if (entry->conn == NULL)
			continue;
		if (OidIsValid(serverid) && entry->serverid != serverid)
			continue;

		/* a remote transaction or a streaming result is still open on it */
		if (entry->xact_depth > 0 || entry->cursor != NULL)
		{
			const char *name = current_server_name(entry);

			ereport(WARNING,
					(errmsg("cannot close connection for server \"%s\" because it is still in use",
							name ? name : entry->server_name)));
			continue;
		}
		fdw_disconnect(entry);
		closed = true;
	}
	return closed;
}

/* disconnect(server text) returns boolean */
Datum
fdw_disconnect_server(FunctionCallInfo fcinfo)
{
	char	   *servername = text_to_cstring(PG_GETARG_TEXT_PP(0));
	ForeignServer *server = GetForeignServerByName(servername, false);

	PG_RETURN_BOOL(disconnect_cached(server->serverid));
}

/* disconnect_all() returns boolean */
Datum
fdw_disconnect_all(FunctionCallInfo fcinfo)
{
	PG_RETURN_BOOL(disconnect_cached(InvalidOid));
}
