/*-------------------------------------------------------------------------
 *
 * fdw_core.h
 *		  What an FDW hands the shared core: its driver, options and names.
 *
 * Each FDW's .so links its own hidden copy of common/, and registers itself
 * once in _PG_init with fdw_core_init().  From then on the core finds the
 * driver, the option catalog and the FDW's name through fdw_instance.  Two
 * of our FDWs in one backend each see only their own instance, because every
 * symbol of common/ is hidden inside its .so.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_CORE_H
#define FDW_CORE_H

#include "postgres.h"

#include "compat.h"

#include "fdw_driver.h"
#include "fdw_dialect.h"

struct FdwOptionDef;
struct FdwTableOptions;

typedef struct FdwInstance
{
	const char *fdw_name;		/* "mysql_fdw": used in messages and GUCs */
	const FdwDriver *driver;
	const struct FdwOptionDef *options; /* terminated by a NULL name */
	/* a table without a schema option reads from the local schema's name */
	bool		schema_defaults_to_local;

	/*
	 * Optional: called with a table's merged options when the table names
	 * its remote table (no query), before defaults apply; may rewrite schema
	 * and table (tds_fdw splits a qualified table_name 'dbo.orders') and may
	 * ereport.
	 */
	void		(*resolve_table) (struct FdwTableOptions *opts);

	/*
	 * Optional: FDW_OPTFLAG_* bits for one option, added to what its catalog
	 * entry says; for options that are dangerous or secret only with some
	 * names or values.  Called by the validator; must not ereport.
	 */
	int			(*option_flags) (const char *name, const char *value);
} FdwInstance;

extern const FdwInstance *fdw_instance;

extern void fdw_core_init(const FdwInstance *instance);

#endif							/* FDW_CORE_H */
