/*-------------------------------------------------------------------------
 *
 * connection.h
 *		  Cached remote connections, remote transactions and remote errors.
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
} FdwConnEntry;

extern FdwConnEntry *fdw_get_connection(UserMapping *user, bool begin_xact);
extern FdwConnEntry *fdw_get_connection_for(UserMapping *user, bool begin_xact,
											const char *schema);
extern void fdw_conn_claim(FdwConnEntry *entry);
extern FdwCursor *fdw_open_cursor(FdwConnEntry *entry, FdwCursorOwner *owner,
								  const char *sql, const FdwParam *params,
								  int nparams, int fetch_size, int flags,
								  const FdwColumnDesc **cols, int *ncols);
extern void fdw_close_cursor(FdwConnEntry *entry, FdwCursorOwner *owner);
extern int64 fdw_execute(FdwConnEntry *entry, const char *sql,
						 const FdwParam *params, int nparams);
extern const FdwDialect *fdw_dialect_for(UserMapping *user);
extern const FdwDialect *fdw_dialect_for_table(UserMapping *user,
											   const char *schema);
extern UserMapping *fdw_user_mapping_for(Oid serverid, Oid userid);

pg_noreturn extern void fdw_report_error(const FdwError *err,
										 FdwConnEntry *entry, const char *sql);
extern void fdw_check_remote(bool ok, const FdwError *err,
							 FdwConnEntry *entry, const char *sql);

/* for the SQL-callable connection functions (conn_funcs.c) */
extern HTAB *fdw_connection_cache(void);
extern void fdw_disconnect(FdwConnEntry *entry);

extern const FdwHost fdw_host;

#endif							/* FDW_CONNECTION_H */
