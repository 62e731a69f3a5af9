/*-------------------------------------------------------------------------
 *
 * mysql_bulk.c
 *		  Results of scans the planner expects to be large (FDW_CURSOR_BULK,
 *		  the bulk_rows option), over MariaDB's binary protocol.
 *
 * The statement is prepared and executed, and its rows stream off the
 * socket one by one (mysql_stmt_fetch without mysql_stmt_store_result), as
 * mysql_use_result streams text rows: memory stays bounded by a row.  The
 * server then formats no integer, double or date as text, and we parse
 * none: integers and doubles arrive as C values, which the core converts
 * without parsing.  This halves MariaDB's work on a wide scan.  It costs a
 * round trip more per statement (prepare, then execute): hence only for
 * large results, small ones keep the text protocol.
 *
 * Every value must read back exactly as over the text protocol, whatever
 * the size of the scan:
 * - FLOAT columns stay on the text protocol (the whole statement falls
 *   back): MariaDB prints a FLOAT with six significant digits (16777217
 *   reads as 16777200), so its binary value would give another number.
 * - dates, times and timestamps arrive as FDW_CELL_DATETIME with the
 *   column's fractional digits, which the core prints (for a text column,
 *   an error message, zero dates) as the server's text protocol does.
 * - strings, decimals, bits, JSON, ENUM and SET arrive as their text bytes.
 * - a statement the server cannot prepare falls back as well.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include <stdlib.h>
#include <string.h>

#include <mysql.h>
#include <mysqld_error.h>

#include "mysql_internal.h"

#define BULK_FIRST_BUFFER 65536		/* largest first buffer of a string */

typedef enum MyBulkKind
{
	BK_INT,						/* integers and YEAR, as long long */
	BK_DOUBLE,
	BK_TEMPORAL,				/* MYSQL_TIME, as FDW_CELL_DATETIME */
	BK_BYTES					/* everything else: its text (or raw) bytes */
} MyBulkKind;

struct MyBulkColumn
{
	MyBulkKind	kind;
	enum enum_field_types type;
	unsigned int decimals;		/* fractional digits of a temporal */
	bool		is_unsigned;
	long long	i;
	double		d;
	MYSQL_TIME	t;
	char	   *buf;			/* BK_BYTES */
	unsigned long cap;
	unsigned long length;
	my_bool		is_null;
	my_bool		error;			/* truncated: buf was too small */
};

/* A statement's error; one the server sent while rows streamed may sit on the connection. */
static void
set_stmt_error(FdwConn *c, MYSQL_STMT *stmt, FdwError *err)
{
	if (mysql_stmt_errno(stmt) == 0 && mysql_errno(c->mysql) != 0)
		myd_set_mysql_error(c, c->mysql, err);
	else
		myd_set_error(c, mysql_stmt_errno(stmt), mysql_stmt_sqlstate(stmt),
					  mysql_stmt_error(stmt), err);
}

static void
close_stmt(FdwConn *c, MYSQL_STMT *stmt)
{
	my_bool		ret = 0;
	int			status;

	/* reads off any rows not fetched yet, then frees the statement */
	status = mysql_stmt_free_result_start(&ret, stmt);
	while (status)
		status = mysql_stmt_free_result_cont(&ret, stmt, myd_wait_for(c, status));
	status = mysql_stmt_close_start(&ret, stmt);
	while (status)
		status = mysql_stmt_close_cont(&ret, stmt, myd_wait_for(c, status));
}

typedef enum MyBulkPlan
{
	PLAN_BINARY,
	PLAN_TEXT,					/* the statement must use the text protocol */
	PLAN_OOM
} MyBulkPlan;

/* How column f is fetched. */
static MyBulkPlan
plan_column(const MYSQL_FIELD *f, MyBulkColumn *bc, MYSQL_BIND *b)
{
	memset(b, 0, sizeof(*b));
	bc->type = f->type;
	bc->is_unsigned = (f->flags & UNSIGNED_FLAG) != 0;
	b->is_null = &bc->is_null;
	b->length = &bc->length;
	b->error = &bc->error;
	switch (f->type)
	{
		case MYSQL_TYPE_TINY:
		case MYSQL_TYPE_SHORT:
		case MYSQL_TYPE_INT24:
		case MYSQL_TYPE_LONG:
		case MYSQL_TYPE_LONGLONG:
		case MYSQL_TYPE_YEAR:
			bc->kind = BK_INT;
			b->buffer_type = MYSQL_TYPE_LONGLONG;
			b->buffer = &bc->i;
			b->is_unsigned = bc->is_unsigned;
			return PLAN_BINARY;
		case MYSQL_TYPE_DOUBLE:
			bc->kind = BK_DOUBLE;
			b->buffer_type = MYSQL_TYPE_DOUBLE;
			b->buffer = &bc->d;
			return PLAN_BINARY;
		case MYSQL_TYPE_FLOAT:
			return PLAN_TEXT;	/* see the file header */
		case MYSQL_TYPE_DATE:
		case MYSQL_TYPE_NEWDATE:
		case MYSQL_TYPE_DATETIME:
		case MYSQL_TYPE_TIMESTAMP:
		case MYSQL_TYPE_TIME:
			/* an expression of unknown precision: as the server prints it */
			if (f->type != MYSQL_TYPE_DATE && f->type != MYSQL_TYPE_NEWDATE &&
				f->decimals > 6)
				return PLAN_TEXT;
			bc->kind = BK_TEMPORAL;
			bc->decimals = f->decimals;
			b->buffer_type = f->type == MYSQL_TYPE_NEWDATE ? MYSQL_TYPE_DATE : f->type;
			b->buffer = &bc->t;
			return PLAN_BINARY;
		default:
			bc->kind = BK_BYTES;
			bc->cap = f->length < BULK_FIRST_BUFFER ? f->length + 1 : BULK_FIRST_BUFFER;
			if (bc->cap < 64)
				bc->cap = 64;
			bc->buf = malloc(bc->cap);
			b->buffer_type = MYSQL_TYPE_STRING;
			b->buffer = bc->buf;
			b->buffer_length = bc->cap;
			return bc->buf ? PLAN_BINARY : PLAN_OOM;
	}
}

static void
free_cursor(FdwCursor *cur)
{
	int			i;

	if (cur->bcols)
		for (i = 0; i < cur->ncols; i++)
			free(cur->bcols[i].buf);
	if (cur->res)
		mysql_free_result(cur->res);
	free(cur->bcols);
	free(cur->binds);
	free(cur->cols);
	free(cur->binary);
	free(cur->bit);
	free(cur);
}

/*
 * Prepare and execute sql, a SELECT.  NULL with *fall_back set: run it over
 * the text protocol instead (nothing of it has run); NULL otherwise: err.
 * async: only start the execution (mysql_async.c finishes it); the prepare
 * before it is one round trip that returns no rows, waited for here.
 */
FdwCursor *
myd_open_bulk_cursor(FdwConn *c, const char *sql, FdwError *err, bool *fall_back,
					 bool async)
{
	MYSQL_STMT *stmt;
	MYSQL_FIELD *fields;
	FdwCursor  *cur;
	MyBulkPlan	plan;
	int			ret = 0;
	int			status;
	int			i;

	*fall_back = false;
	if (!myd_read_pending(c, err) || !myd_session_ready(c, err))
		return NULL;
	c->cancel_sent = false;
	c->timed_out = false;

	stmt = mysql_stmt_init(c->mysql);
	if (stmt == NULL)
	{
		*fall_back = true;
		return NULL;
	}
	status = mysql_stmt_prepare_start(&ret, stmt, sql, strlen(sql));
	while (status)
		status = mysql_stmt_prepare_cont(&ret, stmt, myd_wait_for(c, status));
	if (ret != 0)
	{
		/* statements MariaDB cannot prepare run as text, errors as errors */
		*fall_back = (mysql_stmt_errno(stmt) == ER_UNSUPPORTED_PS);
		if (!*fall_back)
			set_stmt_error(c, stmt, err);
		close_stmt(c, stmt);
		return NULL;
	}

	cur = calloc(1, sizeof(FdwCursor));
	if (cur == NULL)
		goto oom_stmt;
	cur->conn = c;
	cur->res = mysql_stmt_result_metadata(stmt);
	if (cur->res == NULL)
	{
		free_cursor(cur);
		close_stmt(c, stmt);
		*fall_back = true;
		return NULL;
	}
	cur->ncols = (int) mysql_num_fields(cur->res);
	fields = mysql_fetch_fields(cur->res);
	cur->cols = calloc(cur->ncols + 1, sizeof(FdwColumnDesc));
	cur->binary = calloc(cur->ncols + 1, sizeof(bool));
	cur->bit = calloc(cur->ncols + 1, sizeof(bool));
	cur->bcols = calloc(cur->ncols + 1, sizeof(MyBulkColumn));
	cur->binds = calloc(cur->ncols + 1, sizeof(MYSQL_BIND));
	if (!cur->cols || !cur->binary || !cur->bit || !cur->bcols || !cur->binds)
		goto oom;
	for (i = 0; i < cur->ncols; i++)
	{
		myd_describe_column(cur, i, &fields[i]);
		plan = plan_column(&fields[i], &cur->bcols[i], &cur->binds[i]);
		if (plan == PLAN_OOM)
			goto oom;
		if (plan == PLAN_TEXT)
		{
			free_cursor(cur);
			close_stmt(c, stmt);
			*fall_back = true;
			return NULL;
		}
	}
	if (mysql_stmt_bind_result(stmt, cur->binds))
	{
		set_stmt_error(c, stmt, err);
		free_cursor(cur);
		close_stmt(c, stmt);
		return NULL;
	}

	cur->stmt = stmt;
	if (async)
	{
		cur->op = MYD_OP_EXECUTE;
		cur->wait = mysql_stmt_execute_start(&cur->ret, stmt);
		return cur;
	}
	status = mysql_stmt_execute_start(&ret, stmt);
	while (status)
		status = mysql_stmt_execute_cont(&ret, stmt, myd_wait_for(c, status));
	if (ret != 0)
	{
		set_stmt_error(c, stmt, err);
		free_cursor(cur);
		close_stmt(c, stmt);
		return NULL;
	}
	return cur;

oom:
	free_cursor(cur);
oom_stmt:
	close_stmt(c, stmt);
	fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL, "out of memory");
	return NULL;
}

/* The rest of truncated column i: its buffer grown, the value fetched again. */
static bool
refetch_column(FdwCursor *cur, int i)
{
	MyBulkColumn *bc = &cur->bcols[i];
	MYSQL_BIND *b = &cur->binds[i];
	unsigned long need = bc->length + 1;
	char	   *bigger = realloc(bc->buf, need);

	if (bigger == NULL)
		return false;
	bc->buf = bigger;
	bc->cap = need;
	b->buffer = bc->buf;
	b->buffer_length = bc->cap;
	return mysql_stmt_fetch_column(cur->stmt, b, (unsigned int) i, 0) == 0;
}

/* The statement's error, for mysql_async.c. */
void
myd_bulk_error(FdwCursor *cur, FdwError *err)
{
	set_stmt_error(cur->conn, cur->stmt, err);
}

/*
 * The row a finished mysql_stmt_fetch (whose result is ret) brought, into
 * cells: 1, or 0 at the end, -1 on error (as the driver's fetch).
 */
int
myd_bulk_row(FdwCursor *cur, int ret, FdwCell *cells, FdwError *err)
{
	FdwConn    *c = cur->conn;
	int			i;

	if (ret == MYSQL_NO_DATA)
	{
		cur->done = true;
		return 0;
	}
	if (ret == MYSQL_DATA_TRUNCATED)
	{
		bool		grown = false;

		for (i = 0; i < cur->ncols; i++)
			if (cur->bcols[i].error && cur->bcols[i].kind == BK_BYTES && !cur->bcols[i].is_null)
			{
				if (!refetch_column(cur, i))
				{
					cur->done = true;
					fdw_error_set(err, FDW_ERR_OUT_OF_MEMORY, 0, NULL,
								  "out of memory reading a long remote value");
					return -1;
				}
				grown = true;
			}
		/* later rows land in the grown buffers */
		if (grown && mysql_stmt_bind_result(cur->stmt, cur->binds))
		{
			cur->done = true;
			set_stmt_error(c, cur->stmt, err);
			return -1;
		}
	}
	else if (ret != 0)
	{
		cur->done = true;
		set_stmt_error(c, cur->stmt, err);
		return -1;
	}

	for (i = 0; i < cur->ncols; i++)
	{
		MyBulkColumn *bc = &cur->bcols[i];
		FdwCell    *cell = &cells[i];

		cell->nul_terminated = false;
		if (bc->is_null)
		{
			cell->type = FDW_CELL_NULL;
			continue;
		}
		switch (bc->kind)
		{
			case BK_INT:
				if (bc->is_unsigned)
				{
					cell->type = FDW_CELL_UINT64;
					cell->v.u64 = (uint64_t) (unsigned long long) bc->i;
				}
				else
				{
					cell->type = FDW_CELL_INT64;
					cell->v.i64 = (int64_t) bc->i;
				}
				break;
			case BK_DOUBLE:
				cell->type = FDW_CELL_DOUBLE;
				cell->v.f64 = bc->d;
				break;
			case BK_TEMPORAL:
				{
					/* printed, where text is needed, as the server prints it */
					FdwDateTime *dt = &cell->v.dt;
					bool		is_date = (bc->type == MYSQL_TYPE_DATE ||
										   bc->type == MYSQL_TYPE_NEWDATE);

					memset(dt, 0, sizeof(*dt));
					cell->type = FDW_CELL_DATETIME;
					dt->has_date = (bc->type != MYSQL_TYPE_TIME);
					dt->has_time = !is_date;
					if (dt->has_date)
					{
						dt->year = (int) bc->t.year;
						dt->month = (int) bc->t.month;
						dt->day = (int) bc->t.day;
						dt->hour = (int) bc->t.hour;
					}
					else
					{
						/* TIME: hours beyond a day, and negative */
						dt->hour = (int) (bc->t.day * 24 + bc->t.hour);
						dt->negative = bc->t.neg != 0;
					}
					dt->minute = (int) bc->t.minute;
					dt->second = (int) bc->t.second;
					dt->usec = (int) bc->t.second_part;
					dt->frac_known = true;
					dt->frac_digits = is_date ? 0 : (int) bc->decimals;
					break;
				}
			case BK_BYTES:
				if (cur->bit[i])
				{
					uint64_t	v = 0;
					unsigned long k;

					for (k = 0; k < bc->length; k++)
						v = (v << 8) | (unsigned char) bc->buf[k];
					cell->type = FDW_CELL_UINT64;
					cell->v.u64 = v;
					break;
				}
				cell->type = cur->binary[i] ? FDW_CELL_BINARY : FDW_CELL_TEXT;
				cell->v.str.ptr = bc->buf;
				cell->v.str.len = bc->length;
				break;
		}
	}
	return 1;
}

void
myd_bulk_close(FdwCursor *cur)
{
	FdwConn    *c = cur->conn;

	close_stmt(c, cur->stmt);
	if (c->cur == cur)
		c->cur = NULL;
	free_cursor(cur);
}
