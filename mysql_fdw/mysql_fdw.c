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
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/reloptions.h"
#include "fmgr.h"

#include "fdw_entry.h"
#include "fdw_core.h"
#include "fdw_routine.h"
#include "options.h"
#include "pushdown_list.h"
#include "twophase.h"
#include "mysql_fdw.h"

PG_MODULE_MAGIC;

#define S FDW_OPT_SERVER
#define U FDW_OPT_USER
#define T FDW_OPT_TABLE
#define C FDW_OPT_COLUMN

static const char *const zero_date_values[] = {"error", "null", NULL};
/* libpq's sslmode (mysql_driver.c, myd_set_tls); no value: EDB's behaviour */
static const char *const ssl_mode_values[] = {"disable", "prefer", "require",
"verify-ca", "verify-full", NULL};

/*
 * Text always travels as UTF-8 (utf8mb3 when asked for: a subset) and
 * PostgreSQL converts it to the database encoding, so no character is
 * mangled on the way and one the database cannot hold is an error.  EDB
 * mysql_fdw set the connection to the character set named here and took
 * its bytes as the database's: every value it accepted (a MySQL character
 * set, or "PGDatabaseEncoding") is accepted, meaning the same to us as
 * "auto", so its server definitions restore unchanged.
 */
static const char *const charset_values[] = {"auto", "PGDatabaseEncoding",
	"utf8mb4", "utf8", "utf8mb3", "armscii8", "ascii", "big5", "binary",
	"cp1250", "cp1251", "cp1256", "cp1257", "cp850", "cp852", "cp866", "cp932",
	"dec8", "eucjpms", "euckr", "gb18030", "gb2312", "gbk", "geostd8", "greek",
	"hebrew", "hp8", "keybcs2", "koi8r", "koi8u", "latin1", "latin2", "latin5",
	"latin7", "macce", "macroman", "sjis", "swe7", "tis620", "ucs2", "ujis",
	"utf16", "utf16le", "utf32", NULL};

/*
 * superuser_only: socket connects through a local Unix socket, where the
 * server may authenticate the backend's OS user (unix_socket plugin);
 * init_command runs SQL at connect time (one statement: the connection
 * allows no more per query); ssl_key, ssl_cert, ssl_ca, ssl_capath and
 * mysql_default_file make Connector/C read local files, and a default file
 * can set any client option, local-infile too.
 * ssl_mode is anyone's: it names no file, and how much TLS a server's
 * connections demand is its owner's business.
 */
static const FdwOptionDef mysql_options[] = {
	/* connection (passed to the driver) */
	{"host", S, FDW_KIND_STRING},
	/* 0: the default port, as for EDB (Connector/C reads 0 so) */
	{"port", S, FDW_KIND_INT, FDW_ROLE_DRIVER, 0, 65535},
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
	{"ssl_mode", S, FDW_KIND_ENUM, .enum_values = ssl_mode_values},
	{"character_set", S, FDW_KIND_ENUM, .enum_values = charset_values},
	{"mysql_default_file", S, FDW_KIND_STRING, .superuser_only = true},
	{"connect_timeout", S, FDW_KIND_INT, FDW_ROLE_DRIVER, 1, 3600},
	{"read_timeout", S, FDW_KIND_INT, FDW_ROLE_DRIVER, 0, 86400},
	/* planning and scanning */
	/* any positive value, as EDB's: rows stream, a batch is capped anyway (scan.c) */
	{"fetch_size", S | T, FDW_KIND_INT, FDW_ROLE_FETCH_SIZE, 1, 1e18},
	{"batch_size", S | T, FDW_KIND_INT, FDW_ROLE_BATCH_SIZE, 1, 100000},
	/* scans expected to return this many rows use the binary protocol */
	{"bulk_rows", S | T, FDW_KIND_INT, FDW_ROLE_BULK_ROWS, 0, 2000000000},
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
	/* EDB took any size; beyond 1 GB no value fits PostgreSQL anyway */
	{"max_blob_size", T, FDW_KIND_INT, FDW_ROLE_MAX_BLOB_SIZE, 0, 1e18},
	{"column_name", C, FDW_KIND_STRING, FDW_ROLE_COLUMN_NAME},
	{"key", C, FDW_KIND_BOOL, FDW_ROLE_KEY},
	{NULL}
};

static const FdwInstance mysql_instance = {
	.fdw_name = "mysql_fdw",
	.driver = &mysql_driver,
	.options = mysql_options,
	.schema_defaults_to_local = true,
};

void		_PG_init(void);

void
_PG_init(void)
{
	fdw_core_init(&mysql_instance);
}

FDW_ENTRY_HANDLER(mysql_fdw)
FDW_ENTRY_VERSION(mysql_fdw, MYSQL_FDW_VERSION)
/* since 1.1: this backend's cached connections */
FDW_ENTRY_CONNECTION_FUNCTIONS(mysql_fdw)
/* two-phase commit's in-doubt branches */
FDW_ENTRY_TWO_PHASE_FUNCTIONS(mysql_fdw)

PG_FUNCTION_INFO_V1(mysql_fdw_validator);
PG_FUNCTION_INFO_V1(mysql_display_pushdown_list);

Datum
mysql_fdw_validator(PG_FUNCTION_ARGS)
{
	fdw_validate_options(untransformRelOptions(PG_GETARG_DATUM(0)),
						 PG_GETARG_OID(1), fcinfo->flinfo->fn_oid);
	PG_RETURN_VOID();
}

/*
 * since 1.3, and under EDB 1.2's symbol name, so a database still at EDB's
 * extension version 1.2 can call it: what the MySQL dialect pushes down
 */
Datum
mysql_display_pushdown_list(PG_FUNCTION_ARGS)
{
	return fdw_pushdown_list(fcinfo, &mysql_dialect);
}
