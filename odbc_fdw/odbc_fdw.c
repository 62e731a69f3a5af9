/*-------------------------------------------------------------------------
 *
 * odbc_fdw.c
 *		  odbc_fdw's PostgreSQL entry points and its option catalog.
 *
 * Everything else is shared: the core (common/) plans, deparses, scans and
 * manages connections; odbc_driver.c and odbc_cursor.c speak to unixODBC,
 * and odbc_dialect.c says how the DBMS behind the data source spells SQL.
 * Option names follow CartoDB's odbc_fdw so existing definitions keep
 * working: dsn or driver name the data source, and any odbc_<ATTR> option
 * goes into the connection string as ATTR=value.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/reloptions.h"
#include "catalog/pg_foreign_server.h"
#include "commands/defrem.h"
#include "fmgr.h"

#include "fdw_entry.h"
#include "fdw_core.h"
#include "fdw_routine.h"
#include "options.h"
#include "twophase.h"
#include "odbc_fdw.h"

PG_MODULE_MAGIC;

#define S FDW_OPT_SERVER
#define U FDW_OPT_USER
#define T FDW_OPT_TABLE
#define C FDW_OPT_COLUMN

/*
 * The odbc_<ATTR> options reach the connection string from servers and
 * user mappings only: connections are cached per user mapping, so an
 * attribute given on a foreign table could not choose its connection.
 */
static const FdwOptionDef odbc_options[] = {
	/* the data source (passed to the driver) */
	{"dsn", S, FDW_KIND_STRING},
	{"driver", S, FDW_KIND_STRING},
	{"encoding", S, FDW_KIND_STRING},
	{"connect_timeout", S, FDW_KIND_INT, FDW_ROLE_DRIVER, 0, 3600},
	{"read_timeout", S, FDW_KIND_INT, FDW_ROLE_DRIVER, 0, 86400},
	{"username", U, FDW_KIND_STRING},
	{"password", U, FDW_KIND_STRING, .secret = true},
	{"odbc_pwd", U, FDW_KIND_STRING, .secret = true},
	{"odbc_", S | U, FDW_KIND_STRING, .is_prefix = true},
	/* planning and scanning */
	/* the server's value also sizes psqlODBC's cursor batches */
	{"fetch_size", S | T, FDW_KIND_INT, FDW_ROLE_FETCH_SIZE, 1, 1000000,
	.driver_too = true},
	/* writes */
	{"batch_size", S | T, FDW_KIND_INT, FDW_ROLE_BATCH_SIZE, 1, 100000},
	/* XA where the data source has it (MySQL, MariaDB); see mysql_fdw/mysql_fdw.md */
	{"two_phase_commit", S, FDW_KIND_BOOL, FDW_ROLE_TWO_PHASE_COMMIT},
	/* the remote table, or a query used as one */
	{"schema", T, FDW_KIND_STRING, FDW_ROLE_SCHEMA},
	{"table", T, FDW_KIND_STRING, FDW_ROLE_TABLE},
	/* superuser-only: see odbc_option_flags() */
	{"sql_query", T, FDW_KIND_STRING, FDW_ROLE_QUERY, .superuser_only = true},
	/* CartoDB's row count query: accepted, the planner does without it */
	{"sql_count", T, FDW_KIND_STRING, FDW_ROLE_IGNORED},
	{"max_blob_size", T, FDW_KIND_INT, FDW_ROLE_MAX_BLOB_SIZE, 0, 1073741823},
	{"column_name", C, FDW_KIND_STRING, FDW_ROLE_COLUMN_NAME},
	{"key", C, FDW_KIND_BOOL, FDW_ROLE_KEY},
	{NULL}
};

/*
 * The odbc_<ATTR> attributes a non-superuser may set: they choose where to
 * connect and as whom, and nothing else.  Every other attribute is passed to
 * a driver odbc_fdw does not know, and drivers have attributes that write
 * trace or dump files (TraceFile, DumpFile, CommLog, Debug), load libraries
 * (LoadExt, DRIVER, plugin directories), run SQL at connect (INITSTMT), read
 * option files (MyODBC's OPTION bits, FILEDSN) or, for SQLite, name the
 * database file, which the driver creates: those are superuser-only.
 * Database is therefore not on the list; a DSN set up by the DBA names it.
 * Compared case-insensitively, as drivers do.  Published in README.md
 * (Security).
 */
static const char *const odbc_user_attrs[] = {
	"Server", "Servername", "Host", "Port", "UID", "User", "Username",
	"PWD", "Password", "Charset", NULL
};

/* Does name contain needle, ignoring case? */
static bool
contains_ci(const char *name, const char *needle)
{
	size_t		n = strlen(needle);

	for (; *name; name++)
		if (pg_strncasecmp(name, needle, n) == 0)
			return true;
	return false;
}

/*
 * What odbc_fdw adds to its option catalog (options.c asks): a driver given
 * as a path loads that library into the backend; a pass-through attribute
 * off the allow-list may do anything the driver can; and a password-like
 * attribute is a secret, accepted in user mappings only.  sql_query is
 * superuser-only in the catalog itself: when the data source is an
 * in-process engine (SQLite), a user-written query runs inside the backend
 * with its file access (ATTACH DATABASE, load_extension), and which engine
 * a DSN leads to is not known when the option is validated.
 */
static int
odbc_option_flags(const char *name, const char *value)
{
	int			flags = 0;

	if (strcmp(name, "driver") == 0 && strchr(value, '/') != NULL)
		flags |= FDW_OPTFLAG_SUPERUSER_ONLY;
	if (strncmp(name, "odbc_", 5) == 0)
	{
		const char *attr = name + 5;
		const char *const *ok;

		flags |= FDW_OPTFLAG_SUPERUSER_ONLY;
		for (ok = odbc_user_attrs; *ok; ok++)
			if (pg_strcasecmp(attr, *ok) == 0)
				flags &= ~FDW_OPTFLAG_SUPERUSER_ONLY;
		if (contains_ci(attr, "pwd") || contains_ci(attr, "passw"))
			flags |= FDW_OPTFLAG_SECRET;
	}
	return flags;
}

static const FdwInstance odbc_instance = {
	.fdw_name = "odbc_fdw",
	.driver = &odbc_driver,
	.options = odbc_options,
	.schema_defaults_to_local = false,
	.option_flags = odbc_option_flags,
};

void		_PG_init(void);

void
_PG_init(void)
{
	fdw_core_init(&odbc_instance);
}

FDW_ENTRY_HANDLER(odbc_fdw)
FDW_ENTRY_VERSION(odbc_fdw, ODBC_FDW_VERSION)
/* since 1.1: this backend's cached connections */
FDW_ENTRY_CONNECTION_FUNCTIONS(odbc_fdw)
/* two-phase commit's in-doubt branches */
FDW_ENTRY_TWO_PHASE_FUNCTIONS(odbc_fdw)

PG_FUNCTION_INFO_V1(odbc_fdw_validator);

/*
 * The core checks names, levels and values; what is left is specific to
 * ODBC: an attribute name must be one a connection string can carry, and
 * a server names its data source one way only.
 */
Datum
odbc_fdw_validator(PG_FUNCTION_ARGS)
{
	List	   *options = untransformRelOptions(PG_GETARG_DATUM(0));
	Oid			catalog = PG_GETARG_OID(1);
	bool		has_dsn = false;
	bool		has_driver = false;
	ListCell   *lc;

	fdw_validate_options(options, catalog, fcinfo->flinfo->fn_oid);
	foreach(lc, options)
	{
		DefElem    *def = (DefElem *) lfirst(lc);

		if (strncmp(def->defname, "odbc_", 5) == 0 &&
			!odbc_attr_name_ok(def->defname + 5))
			ereport(ERROR,
					(errcode(ERRCODE_FDW_INVALID_OPTION_NAME),
					 errmsg("invalid ODBC attribute name in option \"%s\"",
							def->defname),
					 errhint("An attribute name may not contain blanks or any of []{}(),;?*=!@.")));
		if (strcmp(def->defname, "dsn") == 0)
			has_dsn = true;
		if (strcmp(def->defname, "driver") == 0)
			has_driver = true;
	}
	if (catalog == ForeignServerRelationId && has_dsn && has_driver)
		ereport(ERROR,
				(errcode(ERRCODE_FDW_INVALID_OPTION_NAME),
				 errmsg("options \"dsn\" and \"driver\" cannot be used together"),
				 errhint("Name a data source configured in odbc.ini with dsn, or a driver and its attributes without one.")));
	PG_RETURN_VOID();
}
