/*-------------------------------------------------------------------------
 *
 * tds_fdw.c
 *		  tds_fdw's PostgreSQL entry points and its option catalog.
 *
 * Everything else is shared: the core (common/) plans, deparses, scans and
 * manages connections; tds_driver.c speaks to FreeTDS db-lib and
 * common/dialect_tsql.c says how T-SQL spells SQL.  Option names follow tds_fdw
 * 2.0 so existing definitions keep working, including a table_name that
 * carries its schema ('dbo.orders', '[dbo].[orders]'), which tds_fdw 2.0
 * pasted into its SQL as written.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/reloptions.h"
#include "commands/defrem.h"
#include "fmgr.h"

#include "fdw_entry.h"
#include "fdw_core.h"
#include "fdw_routine.h"
#include "options.h"
#include "tds_fdw.h"

PG_MODULE_MAGIC;

#define S FDW_OPT_SERVER
#define U FDW_OPT_USER
#define T FDW_OPT_TABLE
#define C FDW_OPT_COLUMN

static const char *const msg_handler_values[] = {"blackhole", "notice", NULL};
static const char *const estimate_method_values[] = {"execute", "showplan_all", NULL};
static const char *const tds_version_values[] = {
	"auto", "4.2", "5.0", "7.0", "7.1", "7.2", "7.3", "7.4", NULL
};

/*
 * No option here names a local file or turns on tracing: FreeTDS's dump
 * file and freetds.conf come from the environment and files the DBA
 * controls, and servername only picks a freetds.conf entry or a host.  So
 * nothing is superuser-only; the password is accepted in user mappings
 * only (options.c).
 */
static const FdwOptionDef tds_options[] = {
	/* connection (passed to the driver) */
	{"servername", S, FDW_KIND_STRING},
	{"port", S, FDW_KIND_INT, FDW_ROLE_DRIVER, 1, 65535},
	{"database", S, FDW_KIND_STRING},
	{"dbuse", S, FDW_KIND_BOOL},
	{"language", S, FDW_KIND_STRING},
	/* text always travels as UTF-8; accepted for tds_fdw 2.0 definitions */
	{"character_set", S, FDW_KIND_STRING, FDW_ROLE_IGNORED},
	{"tds_version", S, FDW_KIND_ENUM, .enum_values = tds_version_values},
	{"msg_handler", S, FDW_KIND_ENUM, .enum_values = msg_handler_values},
	{"sqlserver_ansi_mode", S, FDW_KIND_BOOL},
	{"login_timeout", S, FDW_KIND_INT, FDW_ROLE_DRIVER, 0, 3600},
	{"query_timeout", S, FDW_KIND_INT, FDW_ROLE_DRIVER, 0, 86400},
	{"row_estimate_method", S, FDW_KIND_ENUM, .enum_values = estimate_method_values},
	{"username", U, FDW_KIND_STRING},
	{"password", U, FDW_KIND_STRING, .secret = true},
	/* planning and scanning */
	{"fetch_size", S | T, FDW_KIND_INT, FDW_ROLE_FETCH_SIZE, 1, 1000000},
	{"batch_size", S | T, FDW_KIND_INT, FDW_ROLE_BATCH_SIZE, 1, 1000},
	{"local_tuple_estimate", T, FDW_KIND_INT, FDW_ROLE_TUPLE_ESTIMATE, 1, 1e15},
	/* the remote table */
	{"query", T, FDW_KIND_STRING, FDW_ROLE_QUERY},
	{"table_name", T, FDW_KIND_STRING, FDW_ROLE_TABLE},
	{"table", T, FDW_KIND_STRING, FDW_ROLE_TABLE},
	{"schema_name", T, FDW_KIND_STRING, FDW_ROLE_SCHEMA},
	/* columns are always matched by name; accepted for tds_fdw 2.0 */
	{"match_column_names", T, FDW_KIND_BOOL, FDW_ROLE_IGNORED},
	{"column_name", C, FDW_KIND_STRING, FDW_ROLE_COLUMN_NAME},
	{"key", C, FDW_KIND_BOOL, FDW_ROLE_KEY},
	{NULL}
};

/*
 * Read one part of a T-SQL multi-part name at *p: [bracketed]]name] or a
 * plain identifier; returns a palloc'd copy and moves *p past it.
 */
static char *
name_part(const char **p, const char *whole)
{
	StringInfoData buf;
	const char *s = *p;

	initStringInfo(&buf);
	if (*s == '[')
	{
		for (s++;; s++)
		{
			if (*s == '\0')
				ereport(ERROR,
						(errcode(ERRCODE_FDW_INVALID_ATTRIBUTE_VALUE),
						 errmsg("invalid table_name \"%s\"", whole),
						 errdetail("A \"[\" is not closed.")));
			if (*s == ']')
			{
				if (s[1] != ']')
					break;
				s++;
			}
			appendStringInfoChar(&buf, *s);
		}
		s++;
	}
	else
	{
		while (*s && *s != '.')
			appendStringInfoChar(&buf, *s++);
		/* tds_fdw 2.0 sent the name as written: outer blanks meant nothing */
		while (buf.len > 0 && buf.data[buf.len - 1] == ' ')
			buf.data[--buf.len] = '\0';
	}
	if (buf.len == 0)
		ereport(ERROR,
				(errcode(ERRCODE_FDW_INVALID_ATTRIBUTE_VALUE),
				 errmsg("invalid table_name \"%s\"", whole),
				 errdetail("A part of the name is empty.")));
	*p = s;
	return buf.data;
}

/*
 * table_name 'dbo.orders' or '[dbo].[orders]' names schema and table, as it
 * did in tds_fdw 2.0.  A name without dots or brackets is the table.
 */
static void
tds_resolve_table(FdwTableOptions *opts)
{
	const char *whole = opts->table;
	const char *p = whole;
	char	   *parts[3];
	int			n = 0;

	if (strchr(whole, '.') == NULL && whole[0] != '[')
		return;
	while (*p == ' ')
		p++;
	for (;;)
	{
		if (n == 3)
			break;
		parts[n++] = name_part(&p, whole);
		if (*p != '.')
			break;
		p++;
	}
	if (*p != '\0' || n == 3)
		ereport(ERROR,
				(errcode(ERRCODE_FDW_INVALID_ATTRIBUTE_VALUE),
				 errmsg("invalid table_name \"%s\"", whole),
				 errdetail("Give the table as table, schema.table or [schema].[table]."),
				 errhint("Name the database with the server option \"database\".")));
	if (n == 2)
	{
		if (opts->schema)
			ereport(ERROR,
					(errcode(ERRCODE_FDW_INVALID_ATTRIBUTE_VALUE),
					 errmsg("table_name \"%s\" names a schema, and schema_name is also given",
							whole),
					 errhint("Give the schema either in table_name or in schema_name.")));
		opts->schema = parts[0];
	}
	opts->table = parts[n - 1];
}

static const FdwInstance tds_instance = {
	.fdw_name = "tds_fdw",
	.driver = &tds_driver,
	.options = tds_options,
	/* without schema_name the login's default schema (dbo) applies */
	.schema_defaults_to_local = false,
	.resolve_table = tds_resolve_table,
};

void		_PG_init(void);

void
_PG_init(void)
{
	fdw_core_init(&tds_instance);
}

FDW_ENTRY_HANDLER(tds_fdw)
FDW_ENTRY_VERSION(tds_fdw, TDS_FDW_VERSION)
FDW_ENTRY_CONNECTION_FUNCTIONS(tds_fdw)

PG_FUNCTION_INFO_V1(tds_fdw_validator);

Datum
tds_fdw_validator(PG_FUNCTION_ARGS)
{
	List	   *options = untransformRelOptions(PG_GETARG_DATUM(0));
	FdwTableOptions opts;
	ListCell   *lc;

	fdw_validate_options(options, PG_GETARG_OID(1), fcinfo->flinfo->fn_oid);

	/* a qualified table_name must parse now, not at the first query */
	memset(&opts, 0, sizeof(opts));
	foreach(lc, options)
	{
		DefElem    *def = (DefElem *) lfirst(lc);
		const FdwOptionDef *od = fdw_find_option(def->defname, FDW_OPT_TABLE);

		if (od && od->role == FDW_ROLE_TABLE)
			opts.table = defGetString(def);
		else if (od && od->role == FDW_ROLE_SCHEMA)
			opts.schema = defGetString(def);
	}
	if (opts.table)
		tds_resolve_table(&opts);
	PG_RETURN_VOID();
}
