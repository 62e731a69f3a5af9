/*-------------------------------------------------------------------------
 *
 * twophase.h
 *		  Two-phase commit (XA) of remote transactions: branch ids, the
 *		  dialect's XA statements, and the resolution of in-doubt branches.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_TWOPHASE_H
#define FDW_TWOPHASE_H

#include "postgres.h"

#include "compat.h"

#include "fmgr.h"

#include "connection.h"

extern bool fdw_xa_supported(const FdwConnEntry *entry);
extern void fdw_xa_make_xid(FdwConnEntry *entry);
/* an XA statement: a template of the dialect with a branch id in it */
#define FDW_XA_SQL_SIZE 256

extern bool fdw_xa_exec(FdwConnEntry *entry, const char *template,
						FdwError *err);
extern bool fdw_xa_send(FdwConnEntry *entry, const char *template,
						FdwError *err);
extern const char *fdw_xa_last_statement(void);
extern void fdw_xa_resolve_at_connect(FdwConnEntry *entry);

/* SQL-callable, wrapped by each FDW that has two-phase commit */
extern Datum fdw_in_doubt_transactions(FunctionCallInfo fcinfo);
extern Datum fdw_resolve_in_doubt(FunctionCallInfo fcinfo);

#endif							/* FDW_TWOPHASE_H */
