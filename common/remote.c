/*-------------------------------------------------------------------------
 *
 * remote.c
 *		  Every driver call that runs a statement on a connection, in one
 *		  place: take the connection (a result still streaming on it is
 *		  moved off the wire first), call the driver, raise its error.
 *
 * The rest of the core calls these instead of the driver, so that the
 * connection's one-result-at-a-time rule, the error mapping and the remote
 * SQL in the error context hold for every statement.  Two kinds of call stay
 * outside, each in one place with its own rules: the transaction calls
 * (connection.c: begin, commit, savepoints; twophase.c: the XA statements
 * and XA RECOVER), which report failure to their caller instead of raising
 * because they also run while a transaction ends, and the per-row reads of
 * an open cursor (scan.c: fetch and poll, the hot path).
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "mb/pg_wchar.h"

#include "fdw_core.h"
#include "connection.h"

/*
 * Take the connection for a new remote command.  If a scan is still
 * streaming a result on it, that scan first moves its remaining rows off the
 * wire (into a local tuplestore), since the protocols we speak allow one
 * result at a time on a connection.
 */
void
fdw_conn_claim(FdwConnEntry *entry)
{
	if (entry->cursor)
	{
		FdwCursorOwner *prev = entry->cursor_owner;

		if (prev && prev->drain)
			prev->drain(prev);	/* reads to the end, which closes the cursor */
		if (entry->cursor)
			fdw_instance->driver->close_cursor(entry->cursor);
		entry->cursor = NULL;
		entry->cursor_owner = NULL;
	}
}

/* Run a query whose result the owner will read with the driver's fetch. */
FdwCursor *
fdw_open_cursor(FdwConnEntry *entry, FdwCursorOwner *owner, const char *sql,
				const FdwParam *params, int nparams, int fetch_size,
				int flags, const FdwColumnDesc **cols, int *ncols)
{
	FdwError	err;
	FdwCursor  *cur;

	fdw_conn_claim(entry);
	memset(&err, 0, sizeof(err));
	cur = fdw_instance->driver->open_cursor(entry->conn, sql, params, nparams,
											fetch_size, flags, cols, ncols, &err);
	if (cur == NULL)
		fdw_report_error(&err, entry, sql);
	entry->cursor = cur;
	entry->cursor_owner = owner;
	return cur;
}

/*
 * Send a query whose result the owner will read with the driver's poll (or
 * fetch), without waiting for the server: for the scans of an async Append.
 */
FdwCursor *
fdw_start_cursor(FdwConnEntry *entry, FdwCursorOwner *owner, const char *sql,
				 int fetch_size, int flags)
{
	FdwError	err;
	FdwCursor  *cur;

	fdw_conn_claim(entry);
	memset(&err, 0, sizeof(err));
	cur = fdw_instance->driver->start_cursor(entry->conn, sql, fetch_size,
											 flags, &err);
	if (cur == NULL)
		fdw_report_error(&err, entry, sql);
	entry->cursor = cur;
	entry->cursor_owner = owner;
	return cur;
}

/* Close the owner's cursor, if it still has one. */
void
fdw_close_cursor(FdwConnEntry *entry, FdwCursorOwner *owner)
{
	if (entry->cursor && entry->cursor_owner == owner)
	{
		fdw_instance->driver->close_cursor(entry->cursor);
		entry->cursor = NULL;
		entry->cursor_owner = NULL;
	}
}

/* Run a statement without a result; returns the affected row count. */
int64
fdw_execute(FdwConnEntry *entry, const char *sql, const FdwParam *params,
			int nparams)
{
	FdwError	err;
	int64_t		affected = 0;

	fdw_conn_claim(entry);
	memset(&err, 0, sizeof(err));
	if (!fdw_instance->driver->execute(entry->conn, sql, params, nparams,
									   &affected, &err))
		fdw_report_error(&err, entry, sql);
	return (int64) affected;
}


/*
 * The columns of a remote table (describe_table): a malloc'd array the
 * caller frees with fdw_free_columns.  NULL (and *ncols 0) when the driver
 * cannot describe tables.
 */
FdwColumnDesc *
fdw_describe_remote_table(FdwConnEntry *entry, const char *schema,
						  const char *table, int *ncols)
{
	FdwError	err;
	FdwColumnDesc *cols;

	*ncols = 0;
	if (fdw_instance->driver->describe_table == NULL)
		return NULL;
	fdw_conn_claim(entry);
	memset(&err, 0, sizeof(err));
	cols = fdw_instance->driver->describe_table(entry->conn, schema, table,
												ncols, &err);
	if (cols == NULL)
		fdw_report_error(&err, entry, NULL);
	return cols;
}

/*
 * The remote's estimate of a query's rows and width; false when the driver
 * cannot estimate.
 */
bool
fdw_estimate_remote(FdwConnEntry *entry, const char *sql, double *rows,
					int *width)
{
	FdwError	err;

	if (fdw_instance->driver->estimate == NULL)
		return false;
	fdw_conn_claim(entry);
	memset(&err, 0, sizeof(err));
	if (!fdw_instance->driver->estimate(entry->conn, sql, rows, width, &err))
		fdw_report_error(&err, entry, sql);
	return true;
}

/* The value the remote generated for an auto-increment column last. */
uint64
fdw_last_insert_id(FdwConnEntry *entry)
{
	FdwError	err;
	uint64_t	id = 0;

	memset(&err, 0, sizeof(err));
	if (!fdw_instance->driver->last_insert_id(entry->conn, &id, &err))
		fdw_report_error(&err, entry, NULL);
	return (uint64) id;
}

/*
 * The tables of a remote schema for IMPORT FOREIGN SCHEMA (list_tables): a
 * malloc'd array.  A schema the remote does not have is PostgreSQL's
 * "schema does not exist" (3F000's FDW cousin, HV00B).
 */
FdwTableDesc *
fdw_list_remote_tables(FdwConnEntry *entry, const char *schema,
					   const char *const *only, int nonly, int *ntables)
{
	FdwError	err;
	FdwTableDesc *tables;

	fdw_conn_claim(entry);
	memset(&err, 0, sizeof(err));
	tables = fdw_instance->driver->list_tables(entry->conn,
											   pg_server_to_any(schema, strlen(schema),
																PG_UTF8),
											   only, nonly, ntables, &err);
	if (tables == NULL)
	{
		if (err.kind == FDW_ERR_UNDEFINED_DATABASE)
			ereport(ERROR,
					(errcode(ERRCODE_FDW_SCHEMA_NOT_FOUND),
					 errmsg("schema \"%s\" does not exist on server \"%s\"",
							schema, entry->server_name),
					 errdetail_internal("%s", err.message)));
		fdw_report_error(&err, entry, NULL);
	}
	return tables;
}
