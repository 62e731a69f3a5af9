/*-------------------------------------------------------------------------
 *
 * connection.h
 *		  Cached remote connections, remote transactions and remote errors.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_CONNECTION_H
#define FDW_CONNECTION_H

#include "postgres.h"

#include "compat.h"

#include "foreign/foreign.h"
#include "utils/hsearch.h"

#include "fdw_driver.h"
#include "fdw_dialect.h"

/*
 * Who is streaming a result on a connection.  A connection has one result
 * in flight at a time; a second user calls fdw_conn_claim(), which asks the
 * current owner to move its remaining rows off the wire (drain) first.
 */
typedef struct FdwCursorOwner
{
	void		(*drain) (struct FdwCursorOwner *owner);
} FdwCursorOwner;

struct PlannedStmt;
struct PlannerInfo;

/*
 * What a caller of fdw_get_connection is about to do with the connection.
 * Besides opening a remote transaction or not, it decides whether that
 * transaction can be committed in two phases (connection.c, "Two-phase
 * commit").
 */
typedef enum FdwXactUse
{
	FDW_XACT_NONE,				/* catalog reads: no remote transaction */
	FDW_XACT_SELECT,			/* reads by a statement that writes nothing
								 * remotely, not run by a function: the
								 * client's own SELECT, or ANALYZE */
	FDW_XACT_READ,				/* reads by any other statement */
	FDW_XACT_WRITE				/* changes remote data */
} FdwXactUse;

/* an XA transaction id: "pg_" + 16 + 1 + 20 + 1 + 10 + 1 + 10 characters */
#define FDW_XID_SIZE 64

typedef struct FdwConnEntry
{
	Oid			key;			/* user mapping OID (hash key) */
	FdwConn    *conn;			/* NULL if not connected */
	char	   *server_name;	/* for messages; in TopMemoryContext */
	int			xact_depth;		/* 0 none, 1 in remote xact, >1 savepoints */
	bool		invalidated;	/* options changed: reconnect when idle */
	bool		broken;			/* connection failed: reconnect when idle */
	bool		changing_xact_state;	/* a commit/rollback was interrupted */
	uint32		server_hashvalue;
	uint32		mapping_hashvalue;
	FdwCursor  *cursor;			/* result streaming on this connection */
	FdwCursorOwner *cursor_owner;	/* the scan reading it */
	const FdwDialect *dialect;
	Oid			serverid;		/* the user mapping's server */
	uint32		alive_xact;		/* local transaction (count) in which the
								 * connection was opened or found alive */
	char	   *default_schema; /* remote schema of the table that first
								 * needed it (TopMemoryContext), or NULL */
	/* two-phase commit (twophase.c) */
	bool		two_phase;		/* the source has it and the server wants it */
	bool		xa;				/* the remote transaction is an XA branch */
	bool		wrote;			/* the remote transaction changed data */
	bool		prepared;		/* prepared: ends after the local transaction */
	char		xid[FDW_XID_SIZE];	/* the XA branch's id, when xa */
} FdwConnEntry;

extern FdwConnEntry *fdw_get_connection(UserMapping *user, FdwXactUse use);
extern FdwConnEntry *fdw_get_connection_for(UserMapping *user, FdwXactUse use,
											const char *schema);
extern FdwXactUse fdw_scan_xact_use(struct PlannedStmt *stmt);
extern FdwXactUse fdw_plan_xact_use(struct PlannerInfo *root);
/* remote.c: every statement-level driver call */
extern void fdw_conn_claim(FdwConnEntry *entry);
extern FdwCursor *fdw_open_cursor(FdwConnEntry *entry, FdwCursorOwner *owner,
								  const char *sql, const FdwParam *params,
								  int nparams, int fetch_size, int flags,
								  const FdwColumnDesc **cols, int *ncols);
extern FdwCursor *fdw_start_cursor(FdwConnEntry *entry, FdwCursorOwner *owner,
								   const char *sql, int fetch_size, int flags);
extern void fdw_close_cursor(FdwConnEntry *entry, FdwCursorOwner *owner);
extern int64 fdw_execute(FdwConnEntry *entry, const char *sql,
						 const FdwParam *params, int nparams);
/* remote.c also has these */
extern FdwColumnDesc *fdw_describe_remote_table(FdwConnEntry *entry,
												const char *schema,
												const char *table, int *ncols);
extern bool fdw_estimate_remote(FdwConnEntry *entry, const char *sql,
								double *rows, int *width);
extern uint64 fdw_last_insert_id(FdwConnEntry *entry);
extern FdwTableDesc *fdw_list_remote_tables(FdwConnEntry *entry,
											const char *schema,
											const char *const *only, int nonly,
											int *ntables);
extern const FdwDialect *fdw_dialect_for(UserMapping *user);
extern const FdwDialect *fdw_dialect_for_table(UserMapping *user,
											   const char *schema);

pg_noreturn extern void fdw_report_error(const FdwError *err,
										 FdwConnEntry *entry, const char *sql);
extern void fdw_check_remote(bool ok, const FdwError *err,
							 FdwConnEntry *entry, const char *sql);

/* for the SQL-callable connection functions (conn_funcs.c) */
extern HTAB *fdw_connection_cache(void);
extern void fdw_connection_define_gucs(const char *fdw_name);
extern void fdw_disconnect(FdwConnEntry *entry);

extern const FdwHost fdw_host;

#endif							/* FDW_CONNECTION_H */
