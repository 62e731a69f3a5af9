/*-------------------------------------------------------------------------
 *
 * pushdown_list.h
 *		  The list of built-in functions and operators a dialect pushes down
 *		  (pushdown_list.c).
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_PUSHDOWN_LIST_H
#define FDW_PUSHDOWN_LIST_H

#include "postgres.h"

#include "compat.h"

#include "fmgr.h"

#include "fdw_dialect.h"

extern Datum fdw_pushdown_list(FunctionCallInfo fcinfo, const FdwDialect *dialect);

#endif							/* FDW_PUSHDOWN_LIST_H */
