/*-------------------------------------------------------------------------
 *
 * fdw_entry.h
 *		  The SQL-callable entry points every FDW exposes under its own name,
 *		  written once: each FDW's entry file says FDW_ENTRY_HANDLER(mysql_fdw)
 *		  and so on instead of repeating the same thin wrappers.
 *
 * Each macro defines PG_FUNCTION_INFO_V1 functions named <fdw>_<what>,
 * which the FDW's extension scripts declare; the bodies are the core's.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_ENTRY_H
#define FDW_ENTRY_H

#include "postgres.h"

#include "compat.h"

#include "fmgr.h"

#include "conn_funcs.h"
#include "fdw_routine.h"
#include "twophase.h"

/* <fdw>_handler(): the FdwRoutine of the shared core */
#define FDW_ENTRY_HANDLER(fdw) \
PG_FUNCTION_INFO_V1(fdw##_handler); \
Datum \
fdw##_handler(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_POINTER(fdw_make_routine()); \
}

/* <fdw>_version(): the integer version of the library */
#define FDW_ENTRY_VERSION(fdw, version) \
PG_FUNCTION_INFO_V1(fdw##_version); \
Datum \
fdw##_version(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_INT32(version); \
}

/*
 * <fdw>_get_connections(), <fdw>_disconnect(text), <fdw>_disconnect_all():
 * this backend's cached connections, as postgres_fdw's (conn_funcs.c)
 */
#define FDW_ENTRY_CONNECTION_FUNCTIONS(fdw) \
PG_FUNCTION_INFO_V1(fdw##_get_connections); \
Datum \
fdw##_get_connections(PG_FUNCTION_ARGS) \
{ \
	return fdw_get_connections(fcinfo); \
} \
PG_FUNCTION_INFO_V1(fdw##_disconnect); \
Datum \
fdw##_disconnect(PG_FUNCTION_ARGS) \
{ \
	return fdw_disconnect_server(fcinfo); \
} \
PG_FUNCTION_INFO_V1(fdw##_disconnect_all); \
Datum \
fdw##_disconnect_all(PG_FUNCTION_ARGS) \
{ \
	return fdw_disconnect_all(fcinfo); \
}

/*
 * <fdw>_in_doubt_transactions(text), <fdw>_resolve_in_doubt(text):
 * two-phase commit's in-doubt branches (twophase.c)
 */
#define FDW_ENTRY_TWO_PHASE_FUNCTIONS(fdw) \
PG_FUNCTION_INFO_V1(fdw##_in_doubt_transactions); \
Datum \
fdw##_in_doubt_transactions(PG_FUNCTION_ARGS) \
{ \
	return fdw_in_doubt_transactions(fcinfo); \
} \
PG_FUNCTION_INFO_V1(fdw##_resolve_in_doubt); \
Datum \
fdw##_resolve_in_doubt(PG_FUNCTION_ARGS) \
{ \
	return fdw_resolve_in_doubt(fcinfo); \
}

#endif							/* FDW_ENTRY_H */
