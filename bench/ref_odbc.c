/*-------------------------------------------------------------------------
 *
 * ref_odbc.c
 *		  The benchmark's floor for odbc_fdw: fetch a query's rows through
 *		  unixODBC with bound column arrays.
 *
 * One connection (SQLDriverConnect, any driver: the benchmark uses MariaDB
 * Connector/ODBC and the SQLite ODBC driver), then for each run:
 * SQLExecDirect, column-wise binding of every result column into arrays of
 * ROW_ARRAY rows (SQL_ATTR_ROW_ARRAY_SIZE), SQLFetch until SQL_NO_DATA,
 * SQLCloseCursor.  Each column is bound to the C type that costs the driver
 * least for its SQL type (integers as SQL_C_SBIGINT, floats as
 * SQL_C_DOUBLE, dates and timestamps as their structs, everything else as
 * SQL_C_CHAR), and every fetched value is touched (its length is summed):
 * what any ODBC client must do to read the rows, and nothing more.  An FDW
 * makes the same calls and also converts each value into a Datum.
 *
 * Character buffers hold the column's declared size (at most MAX_CHARS
 * characters, 4 bytes each); long or unsized columns (text) get MAX_LONG
 * bytes.  A value that does not fit is an error, not a silently shorter
 * fetch: the benchmark's values are at most 96 bytes.
 *
 * Usage: ref_odbc CONNECTION-STRING RUNS SQL
 * Prints one line per run, "RUN <milliseconds> <rows>", after one warm-up
 * run that is not printed.  The timer starts before the query is sent and
 * stops after the last row has been read and the cursor closed: the same
 * interval the benchmark measures for psql and the other clients.
 *
 * With SQL "-" (and RUNS ignored) it serves bench/run.sh instead, as
 * ref_fetch does: each line read from stdin is "<tag> <SQL>", run once on
 * the same connection; it answers "<tag> <milliseconds> <rows>" or
 * "<tag> ERR <message>".
 *
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sql.h>
#include <sqlext.h>

#include "ref_runner.h"

/* rows per SQLFetch: odbc_fdw's default fetch_size */
#define ROW_ARRAY	1000
/* character columns of up to this many characters get a buffer of their size */
#define MAX_CHARS	1024
/* bytes for longer and unsized character columns (text, LONGVARCHAR) */
#define MAX_LONG	4096

/* One bound result column: ROW_ARRAY values of elem bytes, and their indicators. */
typedef struct OdbcCol
{
	SQLSMALLINT ctype;
	SQLLEN		elem;
	char	   *buf;
	SQLLEN	   *ind;
} OdbcCol;

static char errbuf[1024];

/* rows of the last SQLFetch (SQL_ATTR_ROWS_FETCHED_PTR, set once) */
static SQLULEN fetched;

/* Keeps the first diagnostic record of handle h in errbuf. */
static void
keep_error(SQLSMALLINT type, SQLHANDLE h, const char *what)
{
	SQLCHAR		state[6] = "";
	SQLCHAR		msg[768] = "";
	SQLINTEGER	native = 0;
	SQLSMALLINT len = 0;

	if (!SQL_SUCCEEDED(SQLGetDiagRec(type, h, 1, state, &native, msg,
									 (SQLSMALLINT) sizeof(msg), &len)))
		strcpy((char *) msg, "(no diagnostic)");
	snprintf(errbuf, sizeof(errbuf), "%s: [%s] %s", what, (char *) state, (char *) msg);
}

/* The C type and element size that fetch a column of SQL type t, size n. */
static void
choose_binding(SQLSMALLINT t, SQLULEN n, OdbcCol *col)
{
	switch (t)
	{
		case SQL_BIT:
		case SQL_TINYINT:
		case SQL_SMALLINT:
		case SQL_INTEGER:
		case SQL_BIGINT:
			col->ctype = SQL_C_SBIGINT;
			col->elem = sizeof(SQLBIGINT);
			break;
		case SQL_REAL:
		case SQL_FLOAT:
		case SQL_DOUBLE:
			col->ctype = SQL_C_DOUBLE;
			col->elem = sizeof(SQLDOUBLE);
			break;
		case SQL_TYPE_DATE:
		case SQL_DATE:
			col->ctype = SQL_C_TYPE_DATE;
			col->elem = sizeof(SQL_DATE_STRUCT);
			break;
		case SQL_TYPE_TIMESTAMP:
		case SQL_TIMESTAMP:
			col->ctype = SQL_C_TYPE_TIMESTAMP;
			col->elem = sizeof(SQL_TIMESTAMP_STRUCT);
			break;
		default:
			/* strings, decimals (as exact text) and anything else */
			col->ctype = SQL_C_CHAR;
			if (n > 0 && n <= MAX_CHARS)
				col->elem = (SQLLEN) n * 4 + 3;		/* sign and point of decimals */
			else
				col->elem = MAX_LONG;
			break;
	}
}

static void
free_cols(OdbcCol *cols, SQLSMALLINT ncols)
{
	SQLSMALLINT i;

	for (i = 0; i < ncols; i++)
	{
		free(cols[i].buf);
		free(cols[i].ind);
	}
	free(cols);
}

/*
 * Runs sql once on statement st, reading every row; returns the row count or
 * -1 with the reason in errbuf.
 */
static long
fetch_all(SQLHSTMT st, const char *sql, unsigned long long *bytes)
{
	SQLSMALLINT ncols = 0;
	OdbcCol    *cols = NULL;
	SQLRETURN	rc;
	long		rows = 0;
	SQLSMALLINT i;

	rc = SQLExecDirect(st, (SQLCHAR *) sql, SQL_NTS);
	if (!SQL_SUCCEEDED(rc) && rc != SQL_NO_DATA)
	{
		keep_error(SQL_HANDLE_STMT, st, "SQLExecDirect");
		SQLFreeStmt(st, SQL_CLOSE);
		return -1;
	}
	if (!SQL_SUCCEEDED(SQLNumResultCols(st, &ncols)) || ncols == 0)
	{
		/* not a query: nothing to fetch */
		SQLFreeStmt(st, SQL_CLOSE);
		return 0;
	}

	cols = calloc(ncols, sizeof(OdbcCol));
	if (cols == NULL)
	{
		strcpy(errbuf, "out of memory");
		SQLFreeStmt(st, SQL_CLOSE);
		return -1;
	}
	for (i = 0; i < ncols; i++)
	{
		SQLCHAR		name[256];
		SQLSMALLINT namelen,
					type,
					digits,
					nullable;
		SQLULEN		size;

		if (!SQL_SUCCEEDED(SQLDescribeCol(st, (SQLUSMALLINT) (i + 1), name,
										  (SQLSMALLINT) sizeof(name), &namelen,
										  &type, &size, &digits, &nullable)))
		{
			keep_error(SQL_HANDLE_STMT, st, "SQLDescribeCol");
			goto fail;
		}
		choose_binding(type, size, &cols[i]);
		/* malloc, not calloc: only the bytes the driver writes are touched */
		cols[i].buf = malloc((size_t) cols[i].elem * ROW_ARRAY);
		cols[i].ind = malloc(sizeof(SQLLEN) * ROW_ARRAY);
		if (cols[i].buf == NULL || cols[i].ind == NULL)
		{
			strcpy(errbuf, "out of memory");
			goto fail;
		}
		if (!SQL_SUCCEEDED(SQLBindCol(st, (SQLUSMALLINT) (i + 1), cols[i].ctype,
									  cols[i].buf, cols[i].elem, cols[i].ind)))
		{
			keep_error(SQL_HANDLE_STMT, st, "SQLBindCol");
			goto fail;
		}
	}
	while ((rc = SQLFetch(st)) != SQL_NO_DATA)
	{
		SQLULEN		r;

		if (!SQL_SUCCEEDED(rc))
		{
			keep_error(SQL_HANDLE_STMT, st, "SQLFetch");
			goto fail;
		}
		for (r = 0; r < fetched; r++)
		{
			for (i = 0; i < ncols; i++)
			{
				SQLLEN		len = cols[i].ind[r];

				if (len == SQL_NULL_DATA)
					continue;
				if (cols[i].ctype != SQL_C_CHAR)
					len = cols[i].elem;
				else if (len == SQL_NO_TOTAL || len >= cols[i].elem)
				{
					snprintf(errbuf, sizeof(errbuf),
							 "a value of column %d does not fit its %ld-byte buffer",
							 i + 1, (long) cols[i].elem);
					goto fail;
				}
				*bytes += (unsigned long long) len;
			}
		}
		rows += (long) fetched;
	}
	SQLCloseCursor(st);
	/* the row array size stays for the next query, the bindings do not */
	SQLFreeStmt(st, SQL_UNBIND);
	free_cols(cols, ncols);
	return rows;

fail:
	SQLFreeStmt(st, SQL_CLOSE);
	SQLFreeStmt(st, SQL_UNBIND);
	free_cols(cols, ncols);
	return -1;
}

/* ref_run's callbacks: ctx is the statement handle */
static long
fetch_cb(void *ctx, const char *sql, unsigned long long *bytes)
{
	return fetch_all((SQLHSTMT) ctx, sql, bytes);
}

static const char *
error_cb(void *ctx)
{
	(void) ctx;
	return errbuf;
}

int
main(int argc, char **argv)
{
	SQLHENV		env;
	SQLHDBC		dbc;
	SQLHSTMT	st;
	SQLULEN		array_size = 0;
	int			rc;

	if (argc != 4)
	{
		fprintf(stderr, "usage: %s CONNECTION-STRING RUNS SQL\n", argv[0]);
		return 2;
	}
	if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env)) ||
		!SQL_SUCCEEDED(SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER) SQL_OV_ODBC3, 0)) ||
		!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc)))
	{
		fprintf(stderr, "cannot allocate ODBC handles\n");
		return 1;
	}
	if (!SQL_SUCCEEDED(SQLDriverConnect(dbc, NULL, (SQLCHAR *) argv[1], SQL_NTS,
										NULL, 0, NULL, SQL_DRIVER_NOPROMPT)))
	{
		keep_error(SQL_HANDLE_DBC, dbc, "connect");
		fprintf(stderr, "%s\n", errbuf);
		return 1;
	}
	/* one statement handle for every query, its row array size set once */
	if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st)) ||
		!SQL_SUCCEEDED(SQLSetStmtAttr(st, SQL_ATTR_ROW_BIND_TYPE,
									  (SQLPOINTER) SQL_BIND_BY_COLUMN, 0)) ||
		!SQL_SUCCEEDED(SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE,
									  (SQLPOINTER) (SQLULEN) ROW_ARRAY, 0)) ||
		!SQL_SUCCEEDED(SQLSetStmtAttr(st, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0)))
	{
		keep_error(SQL_HANDLE_STMT, st, "statement attributes");
		fprintf(stderr, "%s\n", errbuf);
		return 1;
	}
	/* a driver may answer 01S02 and fetch fewer rows at a time: refuse that */
	if (!SQL_SUCCEEDED(SQLGetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, &array_size, 0, NULL)) ||
		array_size != ROW_ARRAY)
	{
		fprintf(stderr, "the driver does not fetch arrays of %d rows (%lu)\n",
				ROW_ARRAY, (unsigned long) array_size);
		return 1;
	}

	rc = ref_run(argv[3], atoi(argv[2]), fetch_cb, error_cb, st);
	SQLFreeHandle(SQL_HANDLE_STMT, st);
	SQLDisconnect(dbc);
	SQLFreeHandle(SQL_HANDLE_DBC, dbc);
	SQLFreeHandle(SQL_HANDLE_ENV, env);
	return rc;
}
