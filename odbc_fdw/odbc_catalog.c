/*-------------------------------------------------------------------------
 *
 * odbc_catalog.c
 *		  What odbc_fdw reports of remote tables: their columns and keys for
 *		  the write path (describe_table), the tables of a schema for IMPORT
 *		  FOREIGN SCHEMA (list_tables), and the last generated key.
 *
 * Everything comes from ODBC's catalog functions (SQLTables, SQLColumns,
 * SQLPrimaryKeys), which every driver implements, rather than from each
 * DBMS's own catalog.  Their name arguments are search patterns, so '_'
 * and '%' in names are escaped and the rows are checked for the exact
 * name.  MySQL's databases are ODBC catalogs, not schemas; SQLite has
 * neither.
 *
 * Types are reported as the driver sees them, except where that would
 * make an imported column reject remote values: a string length or decimal
 * precision is kept only where the DBMS enforces it and the driver reports
 * it truthfully (not SQLite, which enforces no declared type, nor
 * psqlODBC, which reports an unbounded varchar as 255 characters and an
 * unconstrained numeric as numeric(28,6)), and SQLite integers are 64-bit
 * whatever their declaration says.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sql.h>
#include <sqlext.h>

#include "odbc_driver.h"

#define NAME_BUF 1024			/* bytes of UTF-8 for a name */
#define DEFAULT_BUF 4096		/* bytes of UTF-8 for a column default */

/* Column numbers in the results of SQLTables, SQLColumns, SQLPrimaryKeys */
#define TABLES_NAME 3
#define TABLES_TYPE 4
#define COLUMNS_TABLE_NAME 3
#define COLUMNS_NAME 4
#define COLUMNS_DATA_TYPE 5
#define COLUMNS_TYPE_NAME 6
#define COLUMNS_SIZE 7
#define COLUMNS_DIGITS 9
#define COLUMNS_NULLABLE 11
#define COLUMNS_DEFAULT 13
#define PKEYS_COLUMN_NAME 4

static void
catalog_error(FdwError *err, FdwErrorKind kind, const char *fmt, const char *name)
{
	char		msg[512];

	snprintf(msg, sizeof(msg), fmt, name);
	fdw_error_set(err, kind, 0, NULL, msg);
	snprintf(err->context, sizeof(err->context), "catalog");
}

/* A name argument of a catalog function, with pattern characters escaped. */
static char *
pattern_of(FdwConn *c, const char *name)
{
	char		esc[8];
	char	   *out;
	char	   *o;
	const char *p;

	if (name == NULL)
		return NULL;
	out = malloc(strlen(name) * 2 + 1);
	if (out == NULL)
		return NULL;
	esc[0] = '\0';
	(void) SQLGetInfo(c->dbc, SQL_SEARCH_PATTERN_ESCAPE, esc, sizeof(esc), NULL);
	for (o = out, p = name; *p; p++)
	{
		if (esc[0] && esc[1] == '\0' && (*p == '_' || *p == '%' || *p == esc[0]))
			*o++ = esc[0];
		*o++ = *p;
	}
	*o = '\0';
	return out;
}

/*
 * MySQL's databases are ODBC catalogs; SQLite's driver has no catalogs or
 * schemas (the main database is all there is).
 */
static void
split_schema(FdwConn *c, const char *schema, const char **catalog,
			 const char **schem)
{
	*catalog = NULL;
	*schem = NULL;
	if (c->dbms == ODBC_DBMS_MYSQL)
		*catalog = schema;
	else if (c->dbms != ODBC_DBMS_SQLITE)
		*schem = schema;
}

/* An argument in the connection's text mode; *arg stays NULL for NULL. */
static bool
make_arg(FdwConn *c, const char *s, void **arg, SQLSMALLINT *len)
{
	size_t		n = 0;

	*arg = NULL;
	*len = 0;
	if (s == NULL)
		return true;
	if (c->text_mode == ODBC_TEXT_WIDE)
		*arg = odbc_utf8_to_utf16(s, strlen(s), &n);
	else if (c->text_mode == ODBC_TEXT_ICONV)
		*arg = odbc_iconv(c->from_utf8, s, strlen(s), &n);
	else
	{
		*arg = strdup(s);
		n = strlen(s);
	}
	*len = (SQLSMALLINT) n;
	return *arg != NULL;
}

typedef enum CatalogCall
{
	CAT_TABLES,
	CAT_COLUMNS,
	CAT_PRIMARY_KEYS
} CatalogCall;

/*
 * Run a catalog function on a new statement.  a..d are its name arguments
 * (catalog, schema, table, and table types or column for the first two).
 */
static SQLHSTMT
catalog_call(FdwConn *c, CatalogCall call, const char *a, const char *b,
			 const char *t, const char *d, FdwError *err)
{
	SQLHSTMT	stmt;
	void	   *arg[4];
	SQLSMALLINT len[4];
	const char *in[4];
	SQLRETURN	rc = SQL_ERROR;
	bool		ok = true;
	int			i;

	in[0] = a;
	in[1] = b;
	in[2] = t;
	in[3] = d;
	if (c->cur)
		odbc_close_cursor(c->cur);
	if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, c->dbc, &stmt)))
	{
		odbc_set_error(c, SQL_HANDLE_DBC, c->dbc, "SQLAllocHandle", err);
		return NULL;
	}
	for (i = 0; i < 4; i++)
		ok = make_arg(c, in[i], &arg[i], &len[i]) && ok;
	if (!ok)
	{
		catalog_error(err, FDW_ERR_DATA, "cannot convert the name \"%s\" for the ODBC driver",
					  a ? a : (b ? b : (t ? t : "")));
		goto done;
	}
	if (c->text_mode == ODBC_TEXT_WIDE)
	{
		SQLWCHAR   *w[4];

		for (i = 0; i < 4; i++)
			w[i] = arg[i];
		switch (call)
		{
			case CAT_TABLES:
				rc = SQLTablesW(stmt, w[0], len[0], w[1], len[1], w[2], len[2], w[3], len[3]);
				break;
			case CAT_COLUMNS:
				rc = SQLColumnsW(stmt, w[0], len[0], w[1], len[1], w[2], len[2], w[3], len[3]);
				break;
			case CAT_PRIMARY_KEYS:
				rc = SQLPrimaryKeysW(stmt, w[0], len[0], w[1], len[1], w[2], len[2]);
				break;
		}
	}
	else
	{
		SQLCHAR    *n[4];

		for (i = 0; i < 4; i++)
			n[i] = arg[i];
		switch (call)
		{
			case CAT_TABLES:
				rc = SQLTables(stmt, n[0], len[0], n[1], len[1], n[2], len[2], n[3], len[3]);
				break;
			case CAT_COLUMNS:
				rc = SQLColumns(stmt, n[0], len[0], n[1], len[1], n[2], len[2], n[3], len[3]);
				break;
			case CAT_PRIMARY_KEYS:
				rc = SQLPrimaryKeys(stmt, n[0], len[0], n[1], len[1], n[2], len[2]);
				break;
		}
	}
	if (!SQL_SUCCEEDED(rc))
		odbc_set_error(c, SQL_HANDLE_STMT, stmt, "catalog function", err);

done:
	for (i = 0; i < 4; i++)
		free(arg[i]);
	if (!ok || !SQL_SUCCEEDED(rc))
	{
		SQLFreeHandle(SQL_HANDLE_STMT, stmt);
		return NULL;
	}
	return stmt;
}

/* Text column col of the current row as UTF-8 into buf; false for NULL. */
static bool
get_text(FdwConn *c, SQLHSTMT stmt, SQLUSMALLINT col, char *buf, size_t len)
{
	SQLLEN		ind = 0;

	buf[0] = '\0';
	if (c->text_mode == ODBC_TEXT_WIDE)
	{
		SQLWCHAR	w[DEFAULT_BUF / 3];
		size_t		n = 0;
		char	   *out = NULL;
		size_t		cap = 0;

		if (!SQL_SUCCEEDED(SQLGetData(stmt, col, SQL_C_WCHAR, w, sizeof(w), &ind)) ||
			ind == SQL_NULL_DATA)
			return false;
		if (ind == SQL_NO_TOTAL || ind > (SQLLEN) (sizeof(w) - sizeof(SQLWCHAR)))
			ind = sizeof(w) - sizeof(SQLWCHAR);
		if (!odbc_to_utf8(c, (const char *) w, (size_t) ind, &out, &cap, &n))
			n = 0;
		if (n >= len)
			n = len - 1;
		if (out)
			memcpy(buf, out, n);
		buf[n] = '\0';
		free(out);
		return true;
	}
	if (!SQL_SUCCEEDED(SQLGetData(stmt, col, SQL_C_CHAR, buf, (SQLLEN) len, &ind)) ||
		ind == SQL_NULL_DATA)
	{
		buf[0] = '\0';
		return false;
	}
	if (c->text_mode == ODBC_TEXT_ICONV)
	{
		size_t		n;
		char	   *u = odbc_iconv(c->to_utf8, buf, strlen(buf), &n);

		if (u)
			snprintf(buf, len, "%s", u);
		free(u);
	}
	return true;
}

static long
get_long(SQLHSTMT stmt, SQLUSMALLINT col, bool *isnull)
{
	SQLINTEGER	v = 0;
	SQLLEN		ind = 0;

	*isnull = !SQL_SUCCEEDED(SQLGetData(stmt, col, SQL_C_SLONG, &v, sizeof(v), &ind)) ||
		ind == SQL_NULL_DATA;
	return *isnull ? 0 : (long) v;
}

static bool
has_word(const char *s, const char *word)
{
	return strcasestr(s, word) != NULL;
}

/* One row of SQLColumns as the core's column description. */
static void
describe_row(FdwConn *c, SQLHSTMT stmt, FdwColumnDesc *d)
{
	char		def[DEFAULT_BUF];
	bool		isnull;
	SQLSMALLINT type = (SQLSMALLINT) get_long(stmt, COLUMNS_DATA_TYPE, &isnull);
	long		size;
	long		digits;

	memset(d, 0, sizeof(*d));
	get_text(c, stmt, COLUMNS_NAME, d->name, sizeof(d->name));
	get_text(c, stmt, COLUMNS_TYPE_NAME, d->type_name, sizeof(d->type_name));
	size = get_long(stmt, COLUMNS_SIZE, &isnull);
	if (isnull || size < 0)
		size = 0;
	digits = get_long(stmt, COLUMNS_DIGITS, &isnull);
	d->nullable = get_long(stmt, COLUMNS_NULLABLE, &isnull) != SQL_NO_NULLS;
	if (get_text(c, stmt, COLUMNS_DEFAULT, def, sizeof(def)) && def[0])
		d->default_expr = strdup(def);

	d->is_unsigned = has_word(d->type_name, "unsigned");
	d->kind = odbc_type_kind(type, d->is_unsigned, (SQLULEN) size, &d->length);
	d->precision = (int) size;
	d->scale = isnull ? -1 : (int) digits;

	/* refinements the SQL type alone cannot express */
	if (d->kind == FDW_TYPE_TIMESTAMP &&
		(has_word(d->type_name, "timestamptz") || has_word(d->type_name, "with time zone")))
		d->kind = FDW_TYPE_TIMESTAMPTZ;
	else if (strcasecmp(d->type_name, "bool") == 0 || strcasecmp(d->type_name, "boolean") == 0)
		d->kind = FDW_TYPE_BOOL;
	else if (strcasecmp(d->type_name, "json") == 0 || strcasecmp(d->type_name, "jsonb") == 0)
		d->kind = FDW_TYPE_JSON;
	else if (strcasecmp(d->type_name, "uuid") == 0)
		d->kind = FDW_TYPE_UUID;
	else if (strcasecmp(d->type_name, "interval") == 0)
		d->kind = FDW_TYPE_INTERVAL;
	else if (strcasecmp(d->type_name, "xml") == 0)
		d->kind = FDW_TYPE_XML;

	/* MySQL's TIMESTAMP is an instant, read in the session's UTC */
	if (c->dbms == ODBC_DBMS_MYSQL && strcasecmp(d->type_name, "timestamp") == 0)
		d->kind = FDW_TYPE_TIMESTAMPTZ;
	/* some drivers report 0 fractional digits for any time: no limit then */
	if ((d->kind == FDW_TYPE_TIME || d->kind == FDW_TYPE_TIMESTAMP ||
		 d->kind == FDW_TYPE_TIMESTAMPTZ) && d->scale <= 0)
		d->scale = -1;
	if (c->loose_types && d->kind == FDW_TYPE_INT)
		d->length = 8;
	if (!c->trust_sizes)
	{
		if (d->kind == FDW_TYPE_CHAR || d->kind == FDW_TYPE_VARCHAR)
			d->kind = FDW_TYPE_TEXT;
		if (d->kind == FDW_TYPE_DECIMAL)
			d->precision = d->scale = 0;
	}
	if (d->kind == FDW_TYPE_BOOL)
		d->length = 0;			/* a real boolean, not tinyint(1) */
}

/* Append a column description to a growing array. */
static bool
push_column(FdwColumnDesc **cols, int *n, int *cap, const FdwColumnDesc *d)
{
	if (*n == *cap)
	{
		int			newcap = *cap ? *cap * 2 : 16;
		FdwColumnDesc *bigger = realloc(*cols, sizeof(FdwColumnDesc) * newcap);

		if (bigger == NULL)
			return false;
		*cols = bigger;
		*cap = newcap;
	}
	(*cols)[(*n)++] = *d;
	return true;
}

/* Mark the primary key columns of a table. */
static bool
mark_keys(FdwConn *c, const char *catalog, const char *schem, const char *table,
		  FdwColumnDesc *cols, int ncols, FdwError *err)
{
	SQLHSTMT	stmt = catalog_call(c, CAT_PRIMARY_KEYS, catalog, schem, table, NULL, err);
	char		name[NAME_BUF];
	SQLRETURN	rc;
	int			i;

	if (stmt == NULL)
		return false;
	while (SQL_SUCCEEDED(rc = SQLFetch(stmt)))
	{
		get_text(c, stmt, PKEYS_COLUMN_NAME, name, sizeof(name));
		for (i = 0; i < ncols; i++)
			if (strcmp(cols[i].name, name) == 0)
				cols[i].is_key = true;
	}
	if (rc != SQL_NO_DATA)
		odbc_set_error(c, SQL_HANDLE_STMT, stmt, "SQLFetch", err);
	SQLFreeHandle(SQL_HANDLE_STMT, stmt);
	return rc == SQL_NO_DATA;
}

/*
 * The columns of one table, in order, with its primary key; NULL with
 * *ncols 0 and no error when the table has no column we can see.
 */
static FdwColumnDesc *
table_columns(FdwConn *c, const char *schema, const char *table, int *ncols,
			  FdwError *err)
{
	const char *catalog;
	const char *schem;
	char	   *schem_pat;
	char	   *table_pat;
	SQLHSTMT	stmt;
	SQLRETURN	rc;
	FdwColumnDesc *cols = NULL;
	int			cap = 0;
	char		name[NAME_BUF];

	*ncols = 0;
	split_schema(c, schema, &catalog, &schem);
	schem_pat = pattern_of(c, schem);
	table_pat = pattern_of(c, table);
	stmt = catalog_call(c, CAT_COLUMNS, catalog, schem_pat, table_pat, "%", err);
	free(schem_pat);
	free(table_pat);
	if (stmt == NULL)
		return NULL;
	while (SQL_SUCCEEDED(rc = SQLFetch(stmt)))
	{
		FdwColumnDesc d;

		/* the name argument was a pattern: keep exact matches only */
		get_text(c, stmt, COLUMNS_TABLE_NAME, name, sizeof(name));
		if (strcmp(name, table) != 0)
			continue;
		describe_row(c, stmt, &d);
		if (!push_column(&cols, ncols, &cap, &d))
		{
			free(d.default_expr);
			rc = SQL_ERROR;
			fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL, "out of memory");
			break;
		}
	}
	if (rc != SQL_NO_DATA && rc != SQL_ERROR)
		odbc_set_error(c, SQL_HANDLE_STMT, stmt, "SQLFetch", err);
	else if (rc == SQL_ERROR && err->kind == FDW_ERR_NONE)
		odbc_set_error(c, SQL_HANDLE_STMT, stmt, "SQLFetch", err);
	SQLFreeHandle(SQL_HANDLE_STMT, stmt);
	if (rc != SQL_NO_DATA)
	{
		fdw_free_columns(cols, *ncols);
		*ncols = 0;
		return NULL;
	}
	if (*ncols > 0 && !mark_keys(c, catalog, schem, table, cols, *ncols, err))
	{
		fdw_free_columns(cols, *ncols);
		*ncols = 0;
		return NULL;
	}
	return cols;
}

/* Append an identifier quoted in the connection's dialect. */
static void
append_ident(char *out, const FdwDialect *dl, const char *name)
{
	char	   *o = out + strlen(out);
	const char *p;

	*o++ = dl->quote_open;
	for (p = name; *p; p++)
	{
		if (*p == dl->quote_close)
			*o++ = *p;
		*o++ = *p;
	}
	*o++ = dl->quote_close;
	*o = '\0';
}

/*
 * Which columns the remote numbers itself: what SQL_DESC_AUTO_UNIQUE_VALUE
 * says of a query that returns no rows.  Best effort: a driver that cannot
 * tell leaves them all false.
 */
static void
mark_auto_increment(FdwConn *c, const char *schema, const char *table,
					FdwColumnDesc *cols, int ncols)
{
	char	   *sql = malloc(strlen(table) * 2 + (schema ? strlen(schema) * 2 : 0) + 64);
	SQLHSTMT	stmt;
	SQLSMALLINT n = 0;
	FdwError	ignored;
	int			i;

	if (sql == NULL)
		return;
	strcpy(sql, "SELECT * FROM ");
	if (schema)
	{
		append_ident(sql, c->dialect, schema);
		strcat(sql, ".");
	}
	append_ident(sql, c->dialect, table);
	strcat(sql, " WHERE 1 = 0");
	memset(&ignored, 0, sizeof(ignored));
	if (SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, c->dbc, &stmt)))
	{
		if (odbc_exec_direct(c, stmt, sql, &ignored) &&
			SQL_SUCCEEDED(SQLNumResultCols(stmt, &n)))
		{
			for (i = 0; i < n && i < ncols; i++)
			{
				SQLLEN		autoinc = SQL_FALSE;

				if (SQL_SUCCEEDED(SQLColAttribute(stmt, (SQLUSMALLINT) (i + 1),
												  SQL_DESC_AUTO_UNIQUE_VALUE,
												  NULL, 0, NULL, &autoinc)) &&
					autoinc == SQL_TRUE)
					cols[i].is_auto_increment = true;
			}
		}
		SQLFreeHandle(SQL_HANDLE_STMT, stmt);
	}
	free(sql);
}

FdwColumnDesc *
odbc_describe_table(FdwConn *c, const char *schema, const char *table,
					int *ncols, FdwError *err)
{
	FdwColumnDesc *cols = table_columns(c, schema, table, ncols, err);

	if (cols == NULL && err->kind == FDW_ERR_NONE)
		catalog_error(err, FDW_ERR_UNDEFINED_TABLE,
					  "remote table \"%s\" not found in the data source's catalog",
					  table);
	else if (cols)
		mark_auto_increment(c, schema, table, cols, *ncols);
	odbc_end_implicit_xact(c);
	return cols;
}

/* Does the remote have this schema (MySQL: database)? */
static bool
schema_exists(FdwConn *c, const char *schema, FdwError *err)
{
	SQLHSTMT	stmt;
	SQLRETURN	rc;
	char		name[NAME_BUF];
	bool		found = false;
	SQLUSMALLINT col = c->dbms == ODBC_DBMS_MYSQL ? 1 : 2;

	if (c->dbms == ODBC_DBMS_MYSQL)
		stmt = catalog_call(c, CAT_TABLES, SQL_ALL_CATALOGS, "", "", NULL, err);
	else
		stmt = catalog_call(c, CAT_TABLES, "", SQL_ALL_SCHEMAS, "", NULL, err);
	if (stmt == NULL)
		return true;			/* cannot tell: let the empty list speak */
	while (!found && SQL_SUCCEEDED(rc = SQLFetch(stmt)))
		found = get_text(c, stmt, col, name, sizeof(name)) && strcmp(name, schema) == 0;
	SQLFreeHandle(SQL_HANDLE_STMT, stmt);
	(void) rc;
	return found;
}

static bool
listed(const char *name, const char *const *only, int nonly)
{
	int			i;

	if (only == NULL)
		return true;
	for (i = 0; i < nonly; i++)
		if (strcmp(name, only[i]) == 0)
			return true;
	return false;
}

static void
free_tables(FdwTableDesc *tables, int n)
{
	int			i;

	for (i = 0; i < n; i++)
		fdw_free_columns(tables[i].cols, tables[i].ncols);
	free(tables);
}

FdwTableDesc *
odbc_list_tables(FdwConn *c, const char *schema, const char *const *only,
				 int nonly, int *ntables, FdwError *err)
{
	const char *catalog;
	const char *schem;
	char	   *schem_pat;
	SQLHSTMT	stmt;
	SQLRETURN	rc;
	FdwTableDesc *tables = NULL;
	int			cap = 0;
	int			i;
	char		type[64];

	*ntables = 0;
	if (c->dbms == ODBC_DBMS_SQLITE && schema && strcasecmp(schema, "main") != 0)
	{
		catalog_error(err, FDW_ERR_UNDEFINED_DATABASE,
					  "SQLite's ODBC driver lists the tables of database \"main\" only, not \"%s\"",
					  schema);
		return NULL;
	}
	split_schema(c, schema, &catalog, &schem);
	schem_pat = pattern_of(c, schem);
	stmt = catalog_call(c, CAT_TABLES, catalog, schem_pat, "%", "TABLE,VIEW", err);
	free(schem_pat);
	if (stmt == NULL)
	{
		odbc_end_implicit_xact(c);
		return NULL;
	}
	while (SQL_SUCCEEDED(rc = SQLFetch(stmt)))
	{
		FdwTableDesc t;

		memset(&t, 0, sizeof(t));
		get_text(c, stmt, TABLES_NAME, t.name, sizeof(t.name));
		get_text(c, stmt, TABLES_TYPE, type, sizeof(type));
		if (!listed(t.name, only, nonly))
			continue;
		t.is_view = strcasecmp(type, "VIEW") == 0;
		if (*ntables == cap)
		{
			int			newcap = cap ? cap * 2 : 16;
			FdwTableDesc *bigger = realloc(tables, sizeof(FdwTableDesc) * newcap);

			if (bigger == NULL)
			{
				rc = SQL_ERROR;
				break;
			}
			tables = bigger;
			cap = newcap;
		}
		tables[(*ntables)++] = t;
	}
	if (rc != SQL_NO_DATA)
	{
		odbc_set_error(c, SQL_HANDLE_STMT, stmt, "SQLFetch", err);
		SQLFreeHandle(SQL_HANDLE_STMT, stmt);
		free_tables(tables, *ntables);
		*ntables = 0;
		odbc_end_implicit_xact(c);
		return NULL;
	}
	SQLFreeHandle(SQL_HANDLE_STMT, stmt);

	if (*ntables == 0 && schema && c->dbms != ODBC_DBMS_SQLITE &&
		!schema_exists(c, schema, err))
	{
		free(tables);
		catalog_error(err, FDW_ERR_UNDEFINED_DATABASE,
					  "the data source has no schema \"%s\"", schema);
		odbc_end_implicit_xact(c);
		return NULL;
	}

	for (i = 0; i < *ntables; i++)
	{
		tables[i].cols = table_columns(c, schema, tables[i].name,
									   &tables[i].ncols, err);
		if (tables[i].cols == NULL && err->kind != FDW_ERR_NONE)
		{
			free_tables(tables, *ntables);
			*ntables = 0;
			odbc_end_implicit_xact(c);
			return NULL;
		}
	}
	odbc_end_implicit_xact(c);
	/* an empty schema is a valid answer: a non-NULL empty array */
	if (tables == NULL)
		tables = calloc(1, sizeof(FdwTableDesc));
	return tables;
}

/* The key the remote generated for the last INSERT of this session. */
bool
odbc_last_insert_id(FdwConn *c, uint64_t *id, FdwError *err)
{
	const char *sql;
	SQLHSTMT	stmt;
	SQLLEN		ind = 0;
	char		buf[64];
	bool		ok = false;

	*id = 0;
	switch (c->dbms)
	{
		case ODBC_DBMS_MYSQL:
			sql = "SELECT LAST_INSERT_ID()";
			break;
		case ODBC_DBMS_SQLITE:
			sql = "SELECT last_insert_rowid()";
			break;
		case ODBC_DBMS_POSTGRES:
			sql = "SELECT lastval()";
			break;
		case ODBC_DBMS_MSSQL:
		case ODBC_DBMS_SYBASE:
			/*
			 * As tds_fdw (tds_last_insert_id): each SQLExecDirect is a batch
			 * and a scope of its own, where SCOPE_IDENTITY() of the INSERT
			 * before is NULL; ASE has no SCOPE_IDENTITY() at all.
			 */
			sql = "SELECT CAST(@@IDENTITY AS bigint)";
			break;
		default:
			return true;		/* no portable way: none known */
	}
	if (c->cur)
		odbc_close_cursor(c->cur);
	if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, c->dbc, &stmt)))
	{
		odbc_set_error(c, SQL_HANDLE_DBC, c->dbc, "SQLAllocHandle", err);
		return false;
	}
	if (odbc_exec_direct(c, stmt, sql, err))
	{
		SQLRETURN	rc = SQLFetch(stmt);

		if (rc == SQL_NO_DATA)
			ok = true;
		else if (SQL_SUCCEEDED(rc) &&
				 SQL_SUCCEEDED(SQLGetData(stmt, 1, SQL_C_CHAR, buf, sizeof(buf), &ind)))
		{
			if (ind != SQL_NULL_DATA)
				*id = strtoull(buf, NULL, 10);
			ok = true;
		}
		else
			odbc_set_error(c, SQL_HANDLE_STMT, stmt, "SQLFetch", err);
	}
	/* PostgreSQL: no sequence used yet in this session, so none generated */
	if (!ok && c->dbms == ODBC_DBMS_POSTGRES && strcmp(err->sqlstate, "55000") == 0)
		ok = true;
	SQLFreeHandle(SQL_HANDLE_STMT, stmt);
	return ok;
}
