/*-------------------------------------------------------------------------
 *
 * options.h
 *		  Option catalogs and the typed view of a foreign table's options.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_OPTIONS_H
#define FDW_OPTIONS_H

#include "postgres.h"

#include "compat.h"

#include "nodes/pg_list.h"

/* Where an option may be given (bit mask). */
#define FDW_OPT_SERVER	0x01
#define FDW_OPT_USER	0x02
#define FDW_OPT_TABLE	0x04
#define FDW_OPT_COLUMN	0x08
#define FDW_OPT_WRAPPER 0x10

typedef enum FdwOptionKind
{
	FDW_KIND_STRING,
	FDW_KIND_BOOL,
	FDW_KIND_INT,
	FDW_KIND_REAL,
	FDW_KIND_ENUM
} FdwOptionKind;

/* What the core itself does with an option; DRIVER = only passed on. */
typedef enum FdwOptionRole
{
	FDW_ROLE_DRIVER = 0,		/* server/user options go to driver->connect */
	FDW_ROLE_IGNORED,			/* accepted for compatibility, no effect */
	FDW_ROLE_SCHEMA,			/* remote schema/database of the table */
	FDW_ROLE_TABLE,				/* remote table name */
	FDW_ROLE_QUERY,				/* a remote query used as the table */
	FDW_ROLE_COLUMN_NAME,
	FDW_ROLE_FETCH_SIZE,
	FDW_ROLE_BATCH_SIZE,
	FDW_ROLE_USE_REMOTE_ESTIMATE,
	FDW_ROLE_STARTUP_COST,
	FDW_ROLE_TUPLE_COST,
	FDW_ROLE_TRUNCATABLE,
	FDW_ROLE_ZERO_DATE,			/* enum error|null */
	FDW_ROLE_MAX_BLOB_SIZE,
	FDW_ROLE_KEY,				/* column is part of the row key */
	FDW_ROLE_UPDATABLE,
	FDW_ROLE_TUPLE_ESTIMATE,	/* rows of a table without statistics */
	FDW_ROLE_BULK_ROWS,			/* estimated rows from which FDW_CURSOR_BULK */
	FDW_ROLE_PASSWORD_REQUIRED, /* user mapping: non-superusers need a password */
	/* switches for one kind of pushdown (EDB mysql_fdw's enable_*_pushdown) */
	FDW_ROLE_ENABLE_JOIN_PUSHDOWN,
	FDW_ROLE_ENABLE_AGGREGATE_PUSHDOWN,
	FDW_ROLE_ENABLE_ORDER_BY_PUSHDOWN,
	FDW_ROLE_ENABLE_LIMIT_PUSHDOWN,
	FDW_ROLE_TWO_PHASE_COMMIT,	/* server: commit in two phases where possible */
	FDW_ROLE_ASYNC_CAPABLE		/* scans may run concurrently in an Append */
} FdwOptionRole;

typedef struct FdwOptionDef
{
	const char *name;
	int			levels;			/* FDW_OPT_* mask */
	FdwOptionKind kind;
	FdwOptionRole role;
	double		min;			/* INT/REAL range, inclusive */
	double		max;
	const char *const *enum_values; /* ENUM: NULL-terminated */
	bool		is_prefix;		/* name is a prefix: odbc_* */
	bool		secret;			/* a password: user mappings only, never echoed */
	bool		driver_too;		/* a core role that the driver also needs */

	/*
	 * Only a superuser may set it: it names a local file, directory or
	 * library, runs SQL at connect time, turns on client-side tracing, or
	 * is a remote query an in-process engine would run with the backend's
	 * rights (DESIGN.md, "Safety model").
	 */
	bool		superuser_only;
} FdwOptionDef;

/*
 * What FdwInstance.option_flags may add to an option's catalog entry, for
 * options whose danger depends on their name or value (odbc_fdw's odbc_<ATTR>
 * pass-through attributes, a driver given as a path).
 */
#define FDW_OPTFLAG_SUPERUSER_ONLY	0x01
#define FDW_OPTFLAG_SECRET			0x02

/* Typed options of one foreign table, merged server < table < column. */
typedef struct FdwTableOptions
{
	char	   *schema;			/* NULL: connection default */
	char	   *table;			/* never NULL unless query is set */
	char	   *query;			/* remote query used as a derived table */
	int			fetch_size;
	int			batch_size;
	bool		use_remote_estimate;
	double		fdw_startup_cost;
	double		fdw_tuple_cost;
	bool		truncatable;
	bool		updatable;
	bool		async_capable;	/* scans may run asynchronously */
	bool		zero_date_null; /* zero dates read as NULL, not an error */
	int64		max_blob_size;	/* 0: unlimited */
	double		tuple_estimate; /* rows assumed without statistics; 0: default */
	int			bulk_rows;		/* scans expected to return this many: bulk */
	/* pushdowns turned off by option (all on by default) */
	bool		no_join_pushdown;
	bool		no_aggregate_pushdown;
	bool		no_order_by_pushdown;
	bool		no_limit_pushdown;
} FdwTableOptions;

extern const FdwOptionDef *fdw_find_option(const char *name, int level);
extern const FdwOptionDef *fdw_next_option(const FdwOptionDef *def);
extern int	fdw_option_flags(const char *name, const char *value, int level);
extern void fdw_validate_options(List *options_list, Oid catalog, Oid validator);
extern void fdw_table_options(Oid foreigntableid, FdwTableOptions *opts);
extern char *fdw_column_remote_name(Oid relid, AttrNumber attnum);
extern bool fdw_column_is_key(Oid relid, AttrNumber attnum);
extern bool fdw_defGetBool(DefElem *def);

#define FDW_DEFAULT_FETCH_SIZE 1000
#define FDW_DEFAULT_BATCH_SIZE 1000
#define FDW_DEFAULT_BULK_ROWS 10000
#define FDW_DEFAULT_STARTUP_COST 100.0
#define FDW_DEFAULT_TUPLE_COST 0.01

#endif							/* FDW_OPTIONS_H */
