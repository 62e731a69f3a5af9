/*-------------------------------------------------------------------------
 *
 * describe.h
 *		  What the write path needs to know of a remote table (its row key,
 *		  generated and auto-increment columns), cached per foreign table.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_DESCRIBE_H
#define FDW_DESCRIBE_H

#include "postgres.h"

#include "compat.h"

#include "foreign/foreign.h"
#include "utils/relcache.h"

#include "fdw_driver.h"

/* One column of the remote table. */
typedef struct FdwRemoteColumn
{
	char	   *name;
	bool		is_key;
	bool		is_generated;
	bool		is_auto_increment;
} FdwRemoteColumn;

typedef struct FdwRemoteTable
{
	Oid			relid;			/* hash key: the foreign table */
	bool		described;		/* false: the driver cannot describe */
	int			ncols;
	FdwRemoteColumn *cols;		/* in CacheMemoryContext */
} FdwRemoteTable;

extern const FdwRemoteTable *fdw_remote_table(Oid relid, UserMapping *user);
extern const FdwRemoteColumn *fdw_remote_column(const FdwRemoteTable *t,
												const char *name);
extern List *fdw_row_key_attrs(Relation rel, UserMapping *user);
extern const char *fdw_option_name_for_role(int role, int level);

#endif							/* FDW_DESCRIBE_H */
