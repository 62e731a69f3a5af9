/*-------------------------------------------------------------------------
 *
 * odbc_cursor.c
 *		  Result sets of odbc_fdw: columns bound to arrays of rows where the
 *		  values have a known bound size, SQLGetData in chunks where not.
 *
 * Each column is read into the C type that carries its value exactly:
 * integers as SQL_C_SBIGINT (SQL_C_UBIGINT when unsigned), floats as
 * SQL_C_DOUBLE, dates and timestamps as their structs, everything else
 * (decimals, times, intervals, strings) as text, and binary as bytes.
 * Text comes as UTF-16 that we convert (see odbc_text.c), or as UTF-8.
 *
 * Fixed-size columns, and strings whose size the driver reports reliably
 * and is small, are bound with SQL_ATTR_ROW_ARRAY_SIZE rows per SQLFetch,
 * so a fetch call moves many rows (fewer when they are wide: one array
 * holds at most BIND_BUFFER_LIMIT bytes).  A long or unbounded value (a
 * size of 0 or above BIND_MAX_CHARS, any string from a driver whose
 * sizes are not bounds) must never be truncated: such a column and every
 * later one are read with SQLGetData, growing a per-column buffer chunk by
 * chunk, and the result set is then fetched a row at a time (SQLGetData
 * works on the current row only; SQL_GD_BLOCK is not reliable across the
 * drivers we know).  A bound value the driver truncates anyway is read
 * again with SQLGetData when fetching row by row, and is an error
 * otherwise; it is never passed on cut short.
 *
 * SQLite stores any value in any column (a column declared INTEGER may
 * hold 'abc'), and its driver turns a value it cannot convert into NULL or
 * a truncated number.  So SQLite values are all read as text (or bytes for
 * columns declared binary) and converted by the core, which rejects what
 * does not fit the local column's type, naming the column.
 *
 * Memory is bounded by one array of rows (at most BIND_BUFFER_LIMIT bytes)
 * plus the largest value of each SQLGetData column: never the result.
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

#define BIND_MAX_CHARS 65535			/* larger strings use SQLGetData */
#define BIND_BUFFER_LIMIT (4 * 1024 * 1024)	/* bytes of one row array */
#define TIME_TEXT_CHARS 32				/* enough for "-838:59:59.999999" */
#define GUID_TEXT_CHARS 40
#define GETDATA_FIRST_CHUNK 8192

typedef enum OdbcValKind
{
	OV_BIT,
	OV_INT64,
	OV_UINT64,
	OV_DOUBLE,
	OV_DATE,
	OV_TIMESTAMP,
	OV_TEXT,
	OV_BINARY
} OdbcValKind;

typedef struct OdbcColumn
{
	OdbcValKind kind;
	SQLSMALLINT ctype;			/* SQL_C_* it is read as */
	bool		bound;			/* in the row arrays; else SQLGetData */
	SQLLEN		width;			/* bound: bytes per row */
	char	   *buf;			/* bound: rowset * width bytes */
	SQLLEN	   *ind;			/* bound: rowset indicators */
	char	   *val;			/* SQLGetData: the current value */
	size_t		val_cap;
	char	   *out;			/* the current value in UTF-8 */
	size_t		out_cap;
	union
	{
		SQLBIGINT	i;
		SQLUBIGINT	u;
		double		d;
		SQL_DATE_STRUCT date;
		SQL_TIMESTAMP_STRUCT ts;
	}			fixed;			/* SQLGetData of a fixed-size value */
	char		ts_text[48];	/* a timestamp with nanoseconds, as text */
} OdbcColumn;

struct FdwCursor
{
	FdwConn    *conn;
	SQLHSTMT	stmt;
	int			ncols;
	FdwColumnDesc *descs;
	OdbcColumn *cols;
	SQLULEN		rowset;			/* rows per SQLFetch */
	SQLULEN		nfetched;		/* rows in the current array */
	SQLULEN		pos;			/* next row of the array to return */
	SQLUSMALLINT *status;		/* per-row status of the current array */
	bool		done;
};

static void
cursor_error(FdwCursor *cur, FdwErrorKind kind, const char *fmt, const char *name,
			 FdwError *err)
{
	char		msg[512];

	snprintf(msg, sizeof(msg), fmt, name);
	fdw_error_set(err, kind, 0, NULL, msg);
	snprintf(err->context, sizeof(err->context), "fetch");
}

/* The normalized kind of an ODBC SQL type (for column descriptions). */
FdwTypeKind
odbc_type_kind(SQLSMALLINT sqltype, bool is_unsigned, SQLULEN size, int *length)
{
	*length = size > 0 && size < 0x7FFFFFFF ? (int) size : -1;
	(void) is_unsigned;
	switch (sqltype)
	{
		case SQL_BIT:
			return FDW_TYPE_BOOL;
		case SQL_TINYINT:
			*length = 1;
			return FDW_TYPE_INT;
		case SQL_SMALLINT:
			*length = 2;
			return FDW_TYPE_INT;
		case SQL_INTEGER:
			*length = 4;
			return FDW_TYPE_INT;
		case SQL_BIGINT:
			*length = 8;
			return FDW_TYPE_INT;
		case SQL_DECIMAL:
		case SQL_NUMERIC:
			return FDW_TYPE_DECIMAL;
		case SQL_REAL:
			return FDW_TYPE_FLOAT4;
		case SQL_FLOAT:
		case SQL_DOUBLE:
			return FDW_TYPE_FLOAT8;
		case SQL_CHAR:
		case SQL_WCHAR:
			return FDW_TYPE_CHAR;
		case SQL_VARCHAR:
		case SQL_WVARCHAR:
			return FDW_TYPE_VARCHAR;
		case SQL_LONGVARCHAR:
		case SQL_WLONGVARCHAR:
			return FDW_TYPE_TEXT;
		case SQL_BINARY:
		case SQL_VARBINARY:
			return FDW_TYPE_BINARY;
		case SQL_LONGVARBINARY:
			return FDW_TYPE_BLOB;
		case SQL_TYPE_DATE:
		case SQL_DATE:
			return FDW_TYPE_DATE;
		case SQL_TYPE_TIME:
		case SQL_TIME:
			return FDW_TYPE_TIME;
		case SQL_TYPE_TIMESTAMP:
		case SQL_TIMESTAMP:
			return FDW_TYPE_TIMESTAMP;
		case SQL_GUID:
			return FDW_TYPE_UUID;
		default:
			if (sqltype >= SQL_INTERVAL_YEAR && sqltype <= SQL_INTERVAL_MINUTE_TO_SECOND)
				return FDW_TYPE_INTERVAL;
			return FDW_TYPE_UNKNOWN;
	}
}

/* The C type text results are read as. */
static SQLSMALLINT
text_ctype(FdwConn *c)
{
	return c->text_mode == ODBC_TEXT_WIDE && !c->results_utf8 ? SQL_C_WCHAR : SQL_C_CHAR;
}

/* Bytes a text value of size characters may take in the C type. */
static SQLLEN
text_width(FdwConn *c, SQLULEN chars)
{
	/* a character may be a surrogate pair, or 4 bytes of UTF-8 */
	if (text_ctype(c) == SQL_C_WCHAR)
		return (SQLLEN) ((chars * 2 + 1) * sizeof(SQLWCHAR));
	return (SQLLEN) (chars * 4 + 1);
}

/*
 * How to read a column of this SQL type: its kind, C type and, for a value
 * of bounded size, the bytes a bound buffer needs (0: use SQLGetData).
 */
static void
plan_column(FdwConn *c, OdbcColumn *col, SQLSMALLINT type, SQLULEN size,
			bool is_unsigned)
{
	SQLSMALLINT str_ctype = text_ctype(c);
	bool		sized = c->trust_sizes && size > 0 && size <= BIND_MAX_CHARS;

	col->width = 0;
	if (c->loose_types)
	{
		bool		binary = (type == SQL_BINARY || type == SQL_VARBINARY ||
							  type == SQL_LONGVARBINARY);

		col->kind = binary ? OV_BINARY : OV_TEXT;
		col->ctype = binary ? SQL_C_BINARY : str_ctype;
		return;
	}
	switch (type)
	{
		case SQL_BIT:
			/*
			 * As SQL_C_BIT: MariaDB Connector/ODBC 3.1 converts BIT to
			 * SQL_C_SBIGINT by writing its first byte only.
			 */
			col->kind = OV_BIT;
			col->ctype = SQL_C_BIT;
			col->width = sizeof(SQLCHAR);
			return;
		case SQL_TINYINT:
		case SQL_SMALLINT:
		case SQL_INTEGER:
			col->kind = OV_INT64;
			col->ctype = SQL_C_SBIGINT;
			col->width = sizeof(SQLBIGINT);
			return;
		case SQL_BIGINT:
			col->kind = is_unsigned ? OV_UINT64 : OV_INT64;
			col->ctype = is_unsigned ? SQL_C_UBIGINT : SQL_C_SBIGINT;
			col->width = sizeof(SQLBIGINT);
			return;
		case SQL_REAL:
		case SQL_FLOAT:
		case SQL_DOUBLE:
			col->kind = OV_DOUBLE;
			col->ctype = SQL_C_DOUBLE;
			col->width = sizeof(double);
			return;
		case SQL_TYPE_DATE:
		case SQL_DATE:
			col->kind = OV_DATE;
			col->ctype = SQL_C_TYPE_DATE;
			col->width = sizeof(SQL_DATE_STRUCT);
			return;
		case SQL_TYPE_TIMESTAMP:
		case SQL_TIMESTAMP:
			col->kind = OV_TIMESTAMP;
			col->ctype = SQL_C_TYPE_TIMESTAMP;
			col->width = sizeof(SQL_TIMESTAMP_STRUCT);
			return;
		case SQL_BINARY:
		case SQL_VARBINARY:
			col->kind = OV_BINARY;
			col->ctype = SQL_C_BINARY;
			if (sized)
				col->width = (SQLLEN) size;
			return;
		case SQL_LONGVARBINARY:
			col->kind = OV_BINARY;
			col->ctype = SQL_C_BINARY;
			return;
		case SQL_CHAR:
		case SQL_VARCHAR:
		case SQL_WCHAR:
		case SQL_WVARCHAR:
		case SQL_LONGVARCHAR:
		case SQL_WLONGVARCHAR:
			/* a long type too, where its size is a small bound (TEXT) */
			col->kind = OV_TEXT;
			col->ctype = str_ctype;
			if (sized)
				col->width = text_width(c, size);
			return;
		case SQL_DECIMAL:
		case SQL_NUMERIC:
			/* as text: exact; the digits plus sign, point and exponent */
			col->kind = OV_TEXT;
			col->ctype = str_ctype;
			if (sized)
				col->width = text_width(c, size + 8);
			return;
		case SQL_TYPE_TIME:
		case SQL_TIME:
			/* as text: SQL_TIME_STRUCT has no fractions and no sign */
			col->kind = OV_TEXT;
			col->ctype = str_ctype;
			col->width = text_width(c, TIME_TEXT_CHARS);
			return;
		case SQL_GUID:
			col->kind = OV_TEXT;
			col->ctype = str_ctype;
			col->width = text_width(c, GUID_TEXT_CHARS);
			return;
		default:
			/* long strings, intervals, anything unknown: text of any size */
			col->kind = OV_TEXT;
			col->ctype = str_ctype;
			return;
	}
}

/* Describe result column i (0-based) and decide how to read it. */
static bool
describe_column(FdwCursor *cur, int i, FdwError *err)
{
	FdwConn    *c = cur->conn;
	FdwColumnDesc *d = &cur->descs[i];
	SQLSMALLINT type = 0;
	SQLSMALLINT digits = 0;
	SQLSMALLINT nullable = SQL_NULLABLE_UNKNOWN;
	SQLULEN		size = 0;
	SQLLEN		is_unsigned = SQL_FALSE;
	SQLSMALLINT namelen = 0;
	SQLRETURN	rc;
	char		tname[64];

	if (c->text_mode == ODBC_TEXT_WIDE)
	{
		SQLWCHAR	wname[256];
		size_t		n = 0;

		rc = SQLDescribeColW(cur->stmt, (SQLUSMALLINT) (i + 1), wname, 256,
							 &namelen, &type, &size, &digits, &nullable);
		if (SQL_SUCCEEDED(rc))
		{
			char		buf[3 * 256 + 1];

			if (namelen > 255)
				namelen = 255;
			if (!odbc_utf16_to_utf8(wname, (size_t) namelen, buf, &n))
				n = 0;
			buf[n] = '\0';
			snprintf(d->name, sizeof(d->name), "%s", buf);
		}
	}
	else
	{
		SQLCHAR		name[256];

		rc = SQLDescribeCol(cur->stmt, (SQLUSMALLINT) (i + 1), name, sizeof(name),
							&namelen, &type, &size, &digits, &nullable);
		if (SQL_SUCCEEDED(rc))
			snprintf(d->name, sizeof(d->name), "%s", (char *) name);
	}
	if (!SQL_SUCCEEDED(rc))
	{
		odbc_set_error(c, SQL_HANDLE_STMT, cur->stmt, "SQLDescribeCol", err);
		return false;
	}
	(void) SQLColAttribute(cur->stmt, (SQLUSMALLINT) (i + 1), SQL_DESC_UNSIGNED,
						   NULL, 0, NULL, &is_unsigned);
	tname[0] = '\0';
	if (!SQL_SUCCEEDED(SQLColAttribute(cur->stmt, (SQLUSMALLINT) (i + 1),
									   SQL_DESC_TYPE_NAME, tname, sizeof(tname),
									   NULL, NULL)))
		tname[0] = '\0';
	snprintf(d->type_name, sizeof(d->type_name), "%s", tname);
	d->kind = odbc_type_kind(type, is_unsigned == SQL_TRUE, size, &d->length);
	d->precision = (int) size;
	d->scale = digits;
	d->is_unsigned = (is_unsigned == SQL_TRUE);
	d->nullable = (nullable != SQL_NO_NULLS);
	plan_column(c, &cur->cols[i], type, size, is_unsigned == SQL_TRUE);
	return true;
}

/*
 * Columns are bound up to the first one that needs SQLGetData; that one
 * and the rest are read with SQLGetData (which, without SQL_GD_ANY_COLUMN,
 * only reaches columns after the last bound one).  With SQLGetData the
 * array has one row.
 */
static bool
bind_columns(FdwCursor *cur, int fetch_size, FdwError *err)
{
	FdwConn    *c = cur->conn;
	size_t		rowbytes = 0;
	bool		getdata = false;
	int			i;

	for (i = 0; i < cur->ncols; i++)
	{
		OdbcColumn *col = &cur->cols[i];

		if (col->width == 0)
			getdata = true;
		col->bound = !getdata;
		if (col->bound)
			rowbytes += (size_t) col->width + sizeof(SQLLEN);
	}
	cur->rowset = 1;
	if (!getdata && rowbytes > 0)
	{
		size_t		fit = BIND_BUFFER_LIMIT / rowbytes;

		cur->rowset = fetch_size > 0 ? (SQLULEN) fetch_size : 1;
		if (cur->rowset > fit)
			cur->rowset = fit > 0 ? fit : 1;
	}
	if (cur->rowset > 1 &&
		!SQL_SUCCEEDED(SQLSetStmtAttr(cur->stmt, SQL_ATTR_ROW_ARRAY_SIZE,
									  (SQLPOINTER) cur->rowset, 0)))
		cur->rowset = 1;
	cur->status = calloc(cur->rowset, sizeof(SQLUSMALLINT));
	if (cur->status == NULL)
		goto oom;
	(void) SQLSetStmtAttr(cur->stmt, SQL_ATTR_ROWS_FETCHED_PTR, &cur->nfetched, 0);
	(void) SQLSetStmtAttr(cur->stmt, SQL_ATTR_ROW_STATUS_PTR, cur->status, 0);

	for (i = 0; i < cur->ncols; i++)
	{
		OdbcColumn *col = &cur->cols[i];

		if (!col->bound)
			continue;
		col->buf = malloc((size_t) col->width * cur->rowset);
		col->ind = malloc(sizeof(SQLLEN) * cur->rowset);
		if (col->buf == NULL || col->ind == NULL)
			goto oom;
		if (!SQL_SUCCEEDED(SQLBindCol(cur->stmt, (SQLUSMALLINT) (i + 1), col->ctype,
									  col->buf, col->width, col->ind)))
		{
			odbc_set_error(c, SQL_HANDLE_STMT, cur->stmt, "SQLBindCol", err);
			return false;
		}
	}
	return true;

oom:
	fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL, "out of memory");
	return false;
}

FdwCursor *
odbc_open_cursor(FdwConn *c, const char *sql, const FdwParam *params,
				 int nparams, int fetch_size, int flags, const FdwColumnDesc **cols,
				 int *ncols, FdwError *err)
{
	FdwCursor  *cur;
	SQLSMALLINT n = 0;
	int			i;

	(void) params;
	(void) flags;				/* row arrays serve small and bulk results alike */
	if (nparams > 0)
	{
		fdw_error_set(err, FDW_ERR_FEATURE, 0, NULL,
					  "statement parameters are not supported by odbc_fdw");
		return NULL;
	}
	if (c->cur)
		odbc_close_cursor(c->cur);
	cur = calloc(1, sizeof(FdwCursor));
	if (cur == NULL)
	{
		fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL, "out of memory");
		return NULL;
	}
	cur->conn = c;
	if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, c->dbc, &cur->stmt)))
	{
		odbc_set_error(c, SQL_HANDLE_DBC, c->dbc, "SQLAllocHandle", err);
		free(cur);
		return NULL;
	}
	c->cur = cur;

	/*
	 * MariaDB Connector/ODBC takes XA RECOVER (two-phase commit's list of
	 * prepared transactions) for a statement without a result and leaves its
	 * rows on the wire, which breaks the connection's next statement
	 * ("malformed packet"); inside a compound statement, which MariaDB runs
	 * outside stored programs, it reads them.
	 */
	if (c->wrap_xa_recover && strncasecmp(sql, "XA RECOVER", 10) == 0)
	{
		char	   *wrapped = malloc(strlen(sql) + 32);
		bool		ok;

		if (wrapped == NULL)
		{
			fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL, "out of memory");
			goto fail;
		}
		sprintf(wrapped, "BEGIN NOT ATOMIC %s; END", sql);
		ok = odbc_exec_direct(c, cur->stmt, wrapped, err);
		free(wrapped);
		if (!ok)
			goto fail;
	}
	else if (!odbc_exec_direct(c, cur->stmt, sql, err))
		goto fail;
	if (!SQL_SUCCEEDED(SQLNumResultCols(cur->stmt, &n)))
	{
		odbc_set_error(c, SQL_HANDLE_STMT, cur->stmt, "SQLNumResultCols", err);
		goto fail;
	}
	cur->ncols = n;
	cur->descs = calloc(n + 1, sizeof(FdwColumnDesc));
	cur->cols = calloc(n + 1, sizeof(OdbcColumn));
	if (cur->descs == NULL || cur->cols == NULL)
	{
		fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL, "out of memory");
		goto fail;
	}
	if (n == 0)
		cur->done = true;		/* a statement without a result set */
	for (i = 0; i < n; i++)
		if (!describe_column(cur, i, err))
			goto fail;
	if (n > 0 && !bind_columns(cur, fetch_size, err))
		goto fail;
	*cols = cur->descs;
	*ncols = cur->ncols;
	return cur;

fail:
	odbc_close_cursor(cur);
	return NULL;
}

/* The value in p (ind bytes) of a text or binary column as a cell. */
static bool
set_bytes_cell(FdwCursor *cur, OdbcColumn *col, const char *name, char *p,
			   size_t len, FdwCell *cell, FdwError *err)
{
	FdwConn    *c = cur->conn;

	if (col->kind == OV_BINARY || c->text_mode == ODBC_TEXT_UTF8 ||
		(col->ctype == SQL_C_CHAR && c->results_utf8))
	{
		/* UTF-8 is checked by the core, which names the column */
		cell->type = col->kind == OV_BINARY ? FDW_CELL_BINARY : FDW_CELL_TEXT;
		cell->v.str.ptr = p;
		cell->v.str.len = len;
		return true;
	}
	if (!odbc_to_utf8(c, p, len, &col->out, &col->out_cap, &cell->v.str.len))
	{
		cursor_error(cur, FDW_ERR_DATA,
					 c->text_mode == ODBC_TEXT_WIDE ?
					 "the ODBC driver returned invalid UTF-16 text for column \"%s\"" :
					 "the text of column \"%s\" cannot be converted from the server's encoding to UTF-8",
					 name, err);
		return false;
	}
	cell->type = FDW_CELL_TEXT;
	cell->v.str.ptr = col->out;
	return true;
}

/* A fixed-size value at p as a cell. */
static void
set_fixed_cell(OdbcColumn *col, const char *p, FdwCell *cell)
{
	switch (col->kind)
	{
		case OV_BIT:
			cell->type = FDW_CELL_INT64;
			cell->v.i64 = *(const unsigned char *) p;
			break;
		case OV_INT64:
			cell->type = FDW_CELL_INT64;
			memcpy(&cell->v.i64, p, sizeof(int64_t));
			break;
		case OV_UINT64:
			cell->type = FDW_CELL_UINT64;
			memcpy(&cell->v.u64, p, sizeof(uint64_t));
			break;
		case OV_DOUBLE:
			cell->type = FDW_CELL_DOUBLE;
			memcpy(&cell->v.f64, p, sizeof(double));
			break;
		case OV_DATE:
			{
				SQL_DATE_STRUCT d;

				memcpy(&d, p, sizeof(d));
				memset(&cell->v.dt, 0, sizeof(cell->v.dt));
				cell->type = FDW_CELL_DATETIME;
				cell->v.dt.year = d.year;
				cell->v.dt.month = d.month;
				cell->v.dt.day = d.day;
				cell->v.dt.has_date = true;
				break;
			}
		case OV_TIMESTAMP:
			{
				SQL_TIMESTAMP_STRUCT t;

				memcpy(&t, p, sizeof(t));
				if (t.fraction % 1000 != 0)
				{
					/* nanoseconds: the input function rounds them as PG does */
					int			n = snprintf(col->ts_text, sizeof(col->ts_text),
											 "%04d-%02u-%02u %02u:%02u:%02u.%09u",
											 (int) t.year, t.month, t.day, t.hour,
											 t.minute, t.second, (unsigned) t.fraction);

					cell->type = FDW_CELL_TEXT;
					cell->v.str.ptr = col->ts_text;
					cell->v.str.len = (size_t) n;
					break;
				}
				memset(&cell->v.dt, 0, sizeof(cell->v.dt));
				cell->type = FDW_CELL_DATETIME;
				cell->v.dt.year = t.year;
				cell->v.dt.month = t.month;
				cell->v.dt.day = t.day;
				cell->v.dt.hour = t.hour;
				cell->v.dt.minute = t.minute;
				cell->v.dt.second = t.second;
				cell->v.dt.usec = (int) (t.fraction / 1000);
				cell->v.dt.has_date = true;
				cell->v.dt.has_time = true;
				break;
			}
		case OV_TEXT:
		case OV_BINARY:
			break;
	}
}

static bool
grow_value(OdbcColumn *col, size_t need)
{
	size_t		cap = col->val_cap ? col->val_cap : GETDATA_FIRST_CHUNK;
	char	   *bigger;

	while (cap < need)
		cap *= 2;
	if (cap == col->val_cap)
		return true;
	bigger = realloc(col->val, cap);
	if (bigger == NULL)
		return false;
	col->val = bigger;
	col->val_cap = cap;
	return true;
}

/*
 * Read column i of the current row with SQLGetData; strings and bytes in
 * chunks, the buffer doubling until the whole value is in.
 */
static bool
get_data(FdwCursor *cur, int i, FdwCell *cell, FdwError *err)
{
	FdwConn    *c = cur->conn;
	OdbcColumn *col = &cur->cols[i];
	SQLUSMALLINT colno = (SQLUSMALLINT) (i + 1);
	size_t		nul;
	size_t		len = 0;
	SQLLEN		ind = 0;
	SQLRETURN	rc;

	if (col->kind != OV_TEXT && col->kind != OV_BINARY)
	{
		rc = SQLGetData(cur->stmt, colno, col->ctype, &col->fixed,
						sizeof(col->fixed), &ind);
		if (!SQL_SUCCEEDED(rc))
		{
			odbc_set_error(c, SQL_HANDLE_STMT, cur->stmt, "SQLGetData", err);
			return false;
		}
		if (ind == SQL_NULL_DATA)
			cell->type = FDW_CELL_NULL;
		else
			set_fixed_cell(col, (const char *) &col->fixed, cell);
		return true;
	}

	nul = col->ctype == SQL_C_WCHAR ? sizeof(SQLWCHAR) :
		col->ctype == SQL_C_CHAR ? 1 : 0;
	for (;;)
	{
		size_t		avail;
		size_t		got;

		if (!grow_value(col, len + nul + GETDATA_FIRST_CHUNK / 2))
			goto oom;
		avail = col->val_cap - len;
		if (nul == sizeof(SQLWCHAR))
			avail &= ~(size_t) 1;
		rc = SQLGetData(cur->stmt, colno, col->ctype, col->val + len,
						(SQLLEN) avail, &ind);
		if (rc == SQL_NO_DATA)
			break;				/* the previous chunk was the last */
		if (!SQL_SUCCEEDED(rc))
		{
			odbc_set_error(c, SQL_HANDLE_STMT, cur->stmt, "SQLGetData", err);
			return false;
		}
		if (ind == SQL_NULL_DATA)
		{
			cell->type = FDW_CELL_NULL;
			return true;
		}
		if (ind != SQL_NO_TOTAL && (size_t) ind <= avail - nul)
		{
			len += (size_t) ind;
			break;
		}
		/* truncated: the driver filled the buffer; ind is what was left */
		got = avail - nul;
		len += got;
		if (ind != SQL_NO_TOTAL && !grow_value(col, len + ((size_t) ind - got) + nul))
			goto oom;
		if (ind == SQL_NO_TOTAL && !grow_value(col, col->val_cap * 2))
			goto oom;
	}
	return set_bytes_cell(cur, col, cur->descs[i].name, col->val, len, cell, err);

oom:
	fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL,
				  "out of memory reading a long remote value");
	return false;
}

/* Cell of bound column i for row r of the array. */
static bool
bound_cell(FdwCursor *cur, int i, SQLULEN r, FdwCell *cell, FdwError *err)
{
	OdbcColumn *col = &cur->cols[i];
	SQLLEN		ind = col->ind[r];
	char	   *p = col->buf + (size_t) col->width * r;
	size_t		nul;

	if (ind == SQL_NULL_DATA)
	{
		cell->type = FDW_CELL_NULL;
		return true;
	}
	if (col->kind != OV_TEXT && col->kind != OV_BINARY)
	{
		set_fixed_cell(col, p, cell);
		return true;
	}
	nul = col->ctype == SQL_C_WCHAR ? sizeof(SQLWCHAR) :
		col->ctype == SQL_C_CHAR ? 1 : 0;
	if (ind == SQL_NO_TOTAL || ind < 0 || (size_t) ind > (size_t) col->width - nul)
	{
		/* longer than the driver said: read it whole, or refuse */
		if (cur->rowset == 1 && cur->conn->getdata_bound)
			return get_data(cur, i, cell, err);
		cursor_error(cur, FDW_ERR_DATA,
					 "the ODBC driver returned a value of column \"%s\" longer than the column size it reported; set fetch_size to 1 to read such values",
					 cur->descs[i].name, err);
		return false;
	}
	return set_bytes_cell(cur, col, cur->descs[i].name, p, (size_t) ind, cell, err);
}

int
odbc_fetch(FdwCursor *cur, FdwCell *cells, FdwError *err)
{
	FdwConn    *c = cur->conn;
	SQLULEN		r;
	int			i;

	if (cur->done)
		return 0;
	if (cur->pos >= cur->nfetched)
	{
		SQLRETURN	rc;

		cur->nfetched = 0;
		rc = SQLFetch(cur->stmt);
		if (rc == SQL_NO_DATA)
		{
			cur->done = true;
			return 0;
		}
		if (!SQL_SUCCEEDED(rc))
		{
			odbc_set_error(c, SQL_HANDLE_STMT, cur->stmt, "SQLFetch", err);
			return -1;
		}
		/* a driver that ignores SQL_ATTR_ROWS_FETCHED_PTR fetched one row */
		if (cur->nfetched == 0)
			cur->nfetched = 1;
		cur->pos = 0;
	}
	r = cur->pos++;
	if (cur->status[r] == SQL_ROW_ERROR)
	{
		odbc_set_error(c, SQL_HANDLE_STMT, cur->stmt, "SQLFetch", err);
		return -1;
	}
	for (i = 0; i < cur->ncols; i++)
	{
		bool		ok = cur->cols[i].bound ?
			bound_cell(cur, i, r, &cells[i], err) :
			get_data(cur, i, &cells[i], err);

		if (!ok)
			return -1;
	}
	return 1;
}

void
odbc_close_cursor(FdwCursor *cur)
{
	FdwConn    *c = cur->conn;
	int			i;

	if (cur->stmt)
		SQLFreeHandle(SQL_HANDLE_STMT, cur->stmt);
	for (i = 0; cur->cols && i < cur->ncols; i++)
	{
		free(cur->cols[i].buf);
		free(cur->cols[i].ind);
		free(cur->cols[i].val);
		free(cur->cols[i].out);
	}
	free(cur->cols);
	free(cur->descs);
	free(cur->status);
	if (c->cur == cur)
		c->cur = NULL;
	free(cur);
	odbc_end_implicit_xact(c);
}

void
odbc_cancel_cursor(FdwCursor *cur)
{
	if (cur->stmt)
		(void) SQLCancel(cur->stmt);
}
