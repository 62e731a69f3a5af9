/*-------------------------------------------------------------------------
 *
 * mysql_fdw.c
 *		  mysql_fdw's PostgreSQL entry points and its option catalog.
 *
 * Everything else is shared: the core (common/) plans, deparses, scans and
 * manages connections; mysql_driver.c speaks to MariaDB Connector/C and
 * common/dialect_mysql.c says how MySQL spells SQL.  Option names follow
 * EnterpriseDB's mysql_fdw so existing definitions keep working.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/reloptions.h"
#include "fmgr.h"

#include "conn_funcs.h"
#include "fdw_core.h"
#include "fdw_routine.h"
#include "options.h"
#include "twophase.h"
#include "mysql_fdw.h"

PG_MODULE_MAGIC;

#define S FDW_OPT_SERVER
#define U FDW_OPT_USER
#define T FDW_OPT_TABLE
#define C FDW_OPT_COLUMN

static const char *const zero_date_values[] = {"error", "null", NULL};
/*
 * Text always travels as UTF-8 and PostgreSQL converts it to the database
 * encoding; EDB's "PGDatabaseEncoding" (the database's encoding) means the
 * same to us as "auto".
 */
static const char *const charset_values[] = {"auto", "utf8mb4", "utf8", "utf8mb3",
"PGDatabaseEncoding", NULL};

/*
 * superuser_only: socket connects through a local Unix socket, where the
 * server may authenticate the backend's OS user (unix_socket plugin);
 * init_command runs SQL at connect time (one statement: the connection
 * allows no more per query); ssl_key, ssl_cert, ssl_ca, ssl_capath and
 * mysql_default_file make Connector/C read local files, and a default file
 * can set any client option, local-infile too.
 */
static const FdwOptionDef mysql_options[] = {
	/* connection (passed to the driver) */
	{"host", S, FDW_KIND_STRING},
	{"port", S, FDW_KIND_INT, FDW_ROLE_DRIVER, 1, 65535},
	{"socket", S, FDW_KIND_STRING, .superuser_only = true},
	{"username", U, FDW_KIND_STRING},
	{"password", U, FDW_KIND_STRING, .secret = true},
	{"secure_auth", S, FDW_KIND_BOOL},
	{"init_command", S, FDW_KIND_STRING, .superuser_only = true},
	{"reconnect", S, FDW_KIND_BOOL},
	{"sql_mode", S, FDW_KIND_STRING},
	{"ssl_key", S, FDW_KIND_STRING, .superuser_only = true},
	{"ssl_cert", S, FDW_KIND_STRING, .superuser_only = true},
	{"ssl_ca", S, FDW_KIND_STRING, .superuser_only = true},
	{"ssl_capath", S, FDW_KIND_STRING, .superuser_only = true},
	{"ssl_cipher", S, FDW_KIND_STRING},
	{"character_set", S, FDW_KIND_ENUM, .enum_values = charset_values},
	{"mysql_default_file", S, FDW_KIND_STRING, .superuser_only = true},
	{"connect_timeout", S, FDW_KIND_INT, FDW_ROLE_DRIVER, 1, 3600},
	{"read_timeout", S, FDW_KIND_INT, FDW_ROLE_DRIVER, 0, 86400},
	/* planning and scanning */
	{"use_remote_estimate", S | T, FDW_KIND_BOOL, FDW_ROLE_USE_REMOTE_ESTIMATE},
	{"fdw_startup_cost", S, FDW_KIND_REAL, FDW_ROLE_STARTUP_COST, 0, 1e10},
	{"fdw_tuple_cost", S, FDW_KIND_REAL, FDW_ROLE_TUPLE_COST, 0, 1e10},
	/* any positive value, as EDB's: rows stream, a batch is capped anyway (scan.c) */
	{"fetch_size", S | T, FDW_KIND_INT, FDW_ROLE_FETCH_SIZE, 1, INT_MAX},
	{"batch_size", S | T, FDW_KIND_INT, FDW_ROLE_BATCH_SIZE, 1, 100000},
	/* scans expected to return this many rows use the binary protocol */
	{"bulk_rows", S | T, FDW_KIND_INT, FDW_ROLE_BULK_ROWS, 0, 2000000000},
	{"truncatable", S | T, FDW_KIND_BOOL, FDW_ROLE_TRUNCATABLE},
	/* XA: prepare before the local commit (connection.c); default on */
	{"two_phase_commit", S, FDW_KIND_BOOL, FDW_ROLE_TWO_PHASE_COMMIT},
	{"zero_date", S | T, FDW_KIND_ENUM, FDW_ROLE_ZERO_DATE, .enum_values = zero_date_values},
	/* EDB mysql_fdw's switches, for scripts written for it */
	{"enable_join_pushdown", S | T, FDW_KIND_BOOL, FDW_ROLE_ENABLE_JOIN_PUSHDOWN},
	{"enable_aggregate_pushdown", S | T, FDW_KIND_BOOL, FDW_ROLE_ENABLE_AGGREGATE_PUSHDOWN},
	{"enable_order_by_pushdown", S | T, FDW_KIND_BOOL, FDW_ROLE_ENABLE_ORDER_BY_PUSHDOWN},
	{"enable_limit_pushdown", S | T, FDW_KIND_BOOL, FDW_ROLE_ENABLE_LIMIT_PUSHDOWN},
	/* the remote table */
	{"dbname", T, FDW_KIND_STRING, FDW_ROLE_SCHEMA},
	{"table_name", T, FDW_KIND_STRING, FDW_ROLE_TABLE},
	{"max_blob_size", T, FDW_KIND_INT, FDW_ROLE_MAX_BLOB_SIZE, 0, 1073741823},
	{"column_name", C, FDW_KIND_STRING, FDW_ROLE_COLUMN_NAME},
	{"key", C, FDW_KIND_BOOL, FDW_ROLE_KEY},
	{NULL}
};

static const FdwInstance mysql_instance = {
	.fdw_name = "mysql_fdw",
	.driver = &mysql_driver,
	.options = mysql_options,
	.schema_defaults_to_local = true,
	.static_dialect = NULL,
};

void		_PG_init(void);

void
_PG_init(void)
{
	fdw_core_init(&mysql_instance);
}

PG_FUNCTION_INFO_V1(mysql_fdw_handler);
PG_FUNCTION_INFO_V1(mysql_fdw_validator);
PG_FUNCTION_INFO_V1(mysql_fdw_version);
PG_FUNCTION_INFO_V1(mysql_fdw_get_connections);
PG_FUNCTION_INFO_V1(mysql_fdw_disconnect);
PG_FUNCTION_INFO_V1(mysql_fdw_disconnect_all);
PG_FUNCTION_INFO_V1(mysql_fdw_in_doubt_transactions);
PG_FUNCTION_INFO_V1(mysql_fdw_resolve_in_doubt);

Datum
mysql_fdw_handler(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(fdw_make_routine());
}

Datum
mysql_fdw_validator(PG_FUNCTION_ARGS)
{
	fdw_validate_options(untransformRelOptions(PG_GETARG_DATUM(0)),
						 PG_GETARG_OID(1), fcinfo->flinfo->fn_oid);
	PG_RETURN_VOID();
}

Datum
mysql_fdw_version(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(MYSQL_FDW_VERSION);
}

/* since 1.1: this backend's cached connections (common/conn_funcs.c) */
Datum
mysql_fdw_get_connections(PG_FUNCTION_ARGS)
{
	return fdw_get_connections(fcinfo);
}

Datum
mysql_fdw_disconnect(PG_FUNCTION_ARGS)
{
	return fdw_disconnect_server(fcinfo);
}

Datum
mysql_fdw_disconnect_all(PG_FUNCTION_ARGS)
{
	return fdw_disconnect_all(fcinfo);
}

/* since 1.2: two-phase commit's in-doubt branches (common/twophase.c) */
Datum
mysql_fdw_in_doubt_transactions(PG_FUNCTION_ARGS)
{
	return fdw_in_doubt_transactions(fcinfo);
}

Datum
mysql_fdw_resolve_in_doubt(PG_FUNCTION_ARGS)
{
	return fdw_resolve_in_doubt(fcinfo);
}
