/*-------------------------------------------------------------------------
 *
 * conn_funcs.h
 *		  SQL-callable functions over the connection cache, shared by the
 *		  FDWs: each exposes them under its own name with a thin
 *		  PG_FUNCTION_INFO_V1 wrapper.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_CONN_FUNCS_H
#define FDW_CONN_FUNCS_H

#include "postgres.h"

#include "compat.h"

#include "fmgr.h"

extern Datum fdw_get_connections(FunctionCallInfo fcinfo);
extern Datum fdw_disconnect_server(FunctionCallInfo fcinfo);
extern Datum fdw_disconnect_all(FunctionCallInfo fcinfo);

#endif							/* FDW_CONN_FUNCS_H */
