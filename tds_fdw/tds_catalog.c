/*-------------------------------------------------------------------------
 *
 * tds_catalog.c
 *		  Catalog queries of the tds_fdw driver: a table's columns and row
 *		  key (describe_table), a schema's tables for IMPORT FOREIGN SCHEMA
 *		  (list_tables), row estimates, and the last IDENTITY value.
 *
 * Everything comes from INFORMATION_SCHEMA (TABLES, COLUMNS,
 * TABLE_CONSTRAINTS, KEY_COLUMN_USAGE), COLUMNPROPERTY and sys.schemas,
 * read with a few queries per call (not one per table), through the same
 * cursors as scans.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tds_internal.h"

#define DEFAULT_ROW_ESTIMATE 1000

/* ---------------------------------------------------------------- strings */

typedef struct Str
{
	char	   *data;
	size_t		len;
	size_t		cap;
	bool		oom;
} Str;

static void
str_reserve(Str *s, size_t extra)
{
	char	   *p;
	size_t		cap;

	if (s->oom || s->len + extra + 1 <= s->cap)
		return;
	cap = s->cap ? s->cap : 256;
	while (cap < s->len + extra + 1)
		cap *= 2;
	p = realloc(s->data, cap);
	if (p == NULL)
	{
		s->oom = true;
		return;
	}
	s->data = p;
	s->cap = cap;
}

static void
str_add(Str *s, const char *text)
{
	size_t		n = strlen(text);

	str_reserve(s, n);
	if (s->oom)
		return;
	memcpy(s->data + s->len, text, n + 1);
	s->len += n;
}

/* A T-SQL Unicode string literal: N'...' with quotes doubled. */
static void
str_add_literal(Str *s, const char *text)
{
	const char *p;

	str_add(s, "N'");
	for (p = text; *p; p++)
	{
		char		c[3] = {*p, '\0', '\0'};

		if (*p == '\'')
			c[1] = '\'';
		str_add(s, c);
	}
	str_add(s, "'");
}

/* ---------------------------------------------------------------- queries */

/* Read a whole small result (catalog queries), one callback per row. */
typedef bool (*RowFn) (void *arg, const FdwCell *cells, int ncols);

static bool
query_rows(FdwConn *c, const char *sql, RowFn fn, void *arg, FdwError *err)
{
	const FdwColumnDesc *cols;
	int			ncols;
	FdwCursor  *cur = tds_open_cursor(c, sql, NULL, 0, 0, 0, &cols, &ncols, err);
	FdwCell    *cells;
	int			rc;

	if (cur == NULL)
		return false;
	cells = calloc(ncols + 1, sizeof(FdwCell));
	if (cells == NULL)
	{
		tds_close_cursor(cur);
		tds_set_oom(err);
		return false;
	}
	while ((rc = tds_fetch(cur, cells, err)) == 1)
	{
		if (!fn(arg, cells, ncols))
		{
			tds_set_oom(err);
			rc = -1;
			break;
		}
	}
	free(cells);
	tds_close_cursor(cur);
	return rc == 0;
}

/*
 * Row estimate.  'execute' (the default, as in tds_fdw 2.0) runs the query
 * and counts its rows; 'showplan_all' asks the optimizer (SET SHOWPLAN_ALL)
 * and reads EstimateRows and AvgRowSize of the plan's first row.
 */
typedef struct EstimateState
{
	int			rows_col;
	int			width_col;
	double		est_rows;
	double		est_width;
	bool		have;
} EstimateState;

static double
cell_number(const FdwCell *cell)
{
	if (cell->type == FDW_CELL_DOUBLE)
		return cell->v.f64;
	if (cell->type == FDW_CELL_INT64)
		return (double) cell->v.i64;
	if (cell->type == FDW_CELL_TEXT)
	{
		char		buf[64];

		snprintf(buf, sizeof(buf), "%.*s", (int) cell->v.str.len, cell->v.str.ptr);
		return atof(buf);
	}
	return -1;
}

/*
 * Rows of a query, counted off the wire (dbcanquery reads them without
 * converting anything; the DONE token carries the count).
 */
static bool
count_rows(FdwConn *c, const char *sql, double *rows, FdwError *err)
{
	RETCODE		rc;
	double		total = 0;

	if (!tds_send_batch(c, sql, err))
	{
		tds_flush_notices(c);
		return false;
	}
	while ((rc = dbresults(c->dbproc)) == SUCCEED && !c->canceling)
	{
		if (dbnumcols(c->dbproc) == 0)
			continue;
		if (dbcanquery(c->dbproc) == FAIL)
		{
			rc = FAIL;
			break;
		}
		if (dbcount(c->dbproc) > 0)
			total += dbcount(c->dbproc);
	}
	tds_flush_notices(c);
	if (rc == FAIL || c->canceling || c->have_server_error)
	{
		tds_take_error(c, err, "counting the rows");
		tds_discard_pending(c);
		return false;
	}
	*rows = total;
	return true;
}

bool
tds_estimate(FdwConn *c, const char *sql, double *rows, int *width,
			 FdwError *err)
{
	EstimateState st;
	const FdwColumnDesc *cols;
	int			ncols;
	FdwCursor  *cur;
	FdwCell    *cells;
	int			i;
	int			rc;
	bool		ok;

	memset(&st, 0, sizeof(st));
	*width = 0;
	if (!c->showplan)
		return count_rows(c, sql, rows, err);

	if (!tds_exec_batch(c, "SET SHOWPLAN_ALL ON", NULL, err))
		return false;
	cur = tds_open_cursor(c, sql, NULL, 0, 0, 0, &cols, &ncols, err);
	ok = cur != NULL;
	if (ok)
	{
		st.rows_col = st.width_col = -1;
		for (i = 0; i < ncols; i++)
		{
			if (strcasecmp(cols[i].name, "EstimateRows") == 0)
				st.rows_col = i;
			else if (strcasecmp(cols[i].name, "AvgRowSize") == 0)
				st.width_col = i;
		}
		cells = calloc(ncols + 1, sizeof(FdwCell));
		if (cells && (rc = tds_fetch(cur, cells, err)) == 1 && st.rows_col >= 0)
		{
			st.est_rows = cell_number(&cells[st.rows_col]);
			st.est_width = st.width_col >= 0 ? cell_number(&cells[st.width_col]) : 0;
			st.have = st.est_rows >= 0;
		}
		else if (cells && rc < 0)
			ok = false;
		free(cells);
		tds_close_cursor(cur);
	}
	/* always switch plans off again, even after an error */
	{
		FdwError	off_err;

		memset(&off_err, 0, sizeof(off_err));
		if (!tds_exec_batch(c, "SET SHOWPLAN_ALL OFF", NULL, ok ? err : &off_err))
			ok = false;
	}
	if (!ok)
		return false;
	/* a server without plans: a modest table, as the core assumes */
	*rows = st.have ? st.est_rows : DEFAULT_ROW_ESTIMATE;
	*width = st.have && st.est_width > 0 ? (int) st.est_width : 0;
	return true;
}

/* ---------------------------------------------------------------- catalog */

/* SQL Server's text of a column default, "((0))" or "(N'a')", as SQL. */
static char *
default_expression(const FdwCell *cell)
{
	char	   *s;
	char	   *out;
	size_t		len;
	size_t		i,
				o;
	bool		in_string = false;

	if (cell->type != FDW_CELL_TEXT)
		return NULL;
	s = malloc(cell->v.str.len + 1);
	if (s == NULL)
		return NULL;
	memcpy(s, cell->v.str.ptr, cell->v.str.len);
	s[cell->v.str.len] = '\0';

	/* strip parentheses around the whole expression */
	for (;;)
	{
		int			depth = 0;
		bool		whole = true;

		len = strlen(s);
		if (len < 2 || s[0] != '(' || s[len - 1] != ')')
			break;
		for (i = 0; i < len && whole; i++)
		{
			if (s[i] == '\'')
				in_string = !in_string;
			else if (!in_string && s[i] == '(')
				depth++;
			else if (!in_string && s[i] == ')' && --depth == 0 && i != len - 1)
				whole = false;
		}
		in_string = false;
		if (!whole)
			break;
		memmove(s, s + 1, len - 2);
		s[len - 2] = '\0';
	}

	/* N'...' is '...' in standard SQL */
	out = malloc(strlen(s) + 1);
	if (out == NULL)
	{
		free(s);
		return NULL;
	}
	for (i = 0, o = 0; s[i]; i++)
	{
		if (!in_string && (s[i] == 'N' || s[i] == 'n') && s[i + 1] == '\'' &&
			(i == 0 || !isalnum((unsigned char) s[i - 1])))
			continue;
		if (s[i] == '\'')
			in_string = !in_string;
		out[o++] = s[i];
	}
	out[o] = '\0';
	free(s);
	return out;
}

static int
cell_int(const FdwCell *cell, int dflt)
{
	return cell->type == FDW_CELL_INT64 ? (int) cell->v.i64 :
		cell->type == FDW_CELL_NULL ? dflt : (int) cell_number(cell);
}

static void
cell_text(const FdwCell *cell, char *buf, size_t size)
{
	if (cell->type == FDW_CELL_TEXT)
		snprintf(buf, size, "%.*s", (int) cell->v.str.len, cell->v.str.ptr);
	else
		buf[0] = '\0';
}

/* A column from INFORMATION_SCHEMA.COLUMNS (see COLUMNS_SELECT). */
static void
catalog_column(const FdwCell *cells, FdwColumnDesc *d)
{
	char		type[64];
	int			charlen = cell_int(&cells[2], 0);
	int			prec = cell_int(&cells[3], 0);
	int			scale = cell_int(&cells[4], 0);
	int			dtprec = cell_int(&cells[5], 0);
	char		nullable[8];

	memset(d, 0, sizeof(*d));
	cell_text(&cells[0], d->name, sizeof(d->name));
	cell_text(&cells[1], type, sizeof(type));
	cell_text(&cells[6], nullable, sizeof(nullable));
	d->nullable = strcasecmp(nullable, "NO") != 0;
	d->default_expr = default_expression(&cells[7]);
	d->is_auto_increment = cell_int(&cells[8], 0) == 1;
	d->is_generated = cell_int(&cells[9], 0) == 1;
	d->precision = prec;
	d->scale = scale;
	d->length = charlen;
	tds_copy_text(d->type_name, sizeof(d->type_name), type);

	if (strcasecmp(type, "bit") == 0)
		d->kind = FDW_TYPE_BOOL;
	else if (strcasecmp(type, "tinyint") == 0)
	{
		d->kind = FDW_TYPE_INT;
		d->length = 1;
		d->is_unsigned = true;
	}
	else if (strcasecmp(type, "smallint") == 0 || strcasecmp(type, "int") == 0 ||
			 strcasecmp(type, "bigint") == 0)
	{
		d->kind = FDW_TYPE_INT;
		d->length = type[0] == 's' || type[0] == 'S' ? 2 :
			type[0] == 'i' || type[0] == 'I' ? 4 : 8;
	}
	else if (strcasecmp(type, "decimal") == 0 || strcasecmp(type, "numeric") == 0)
	{
		d->kind = FDW_TYPE_DECIMAL;
		snprintf(d->type_name, sizeof(d->type_name), "%s(%d,%d)", type, prec, scale);
	}
	else if (strcasecmp(type, "money") == 0 || strcasecmp(type, "smallmoney") == 0)
		d->kind = FDW_TYPE_MONEY;
	else if (strcasecmp(type, "real") == 0)
		d->kind = FDW_TYPE_FLOAT4;
	else if (strcasecmp(type, "float") == 0)
		d->kind = prec > 0 && prec <= 24 ? FDW_TYPE_FLOAT4 : FDW_TYPE_FLOAT8;
	else if (strcasecmp(type, "date") == 0)
		d->kind = FDW_TYPE_DATE;
	else if (strcasecmp(type, "time") == 0)
	{
		d->kind = FDW_TYPE_TIME;
		d->scale = dtprec;
	}
	else if (strcasecmp(type, "datetime") == 0 || strcasecmp(type, "smalldatetime") == 0 ||
			 strcasecmp(type, "datetime2") == 0)
	{
		d->kind = FDW_TYPE_TIMESTAMP;
		d->scale = dtprec;
	}
	else if (strcasecmp(type, "datetimeoffset") == 0)
	{
		d->kind = FDW_TYPE_TIMESTAMPTZ;
		d->scale = dtprec;
	}
	else if (strcasecmp(type, "char") == 0 || strcasecmp(type, "nchar") == 0)
	{
		d->kind = FDW_TYPE_CHAR;
		snprintf(d->type_name, sizeof(d->type_name), "%s(%d)", type, charlen);
	}
	else if (strcasecmp(type, "varchar") == 0 || strcasecmp(type, "nvarchar") == 0)
	{
		d->kind = charlen < 0 ? FDW_TYPE_TEXT : FDW_TYPE_VARCHAR;
		if (charlen < 0)
			snprintf(d->type_name, sizeof(d->type_name), "%s(max)", type);
		else
			snprintf(d->type_name, sizeof(d->type_name), "%s(%d)", type, charlen);
	}
	else if (strcasecmp(type, "text") == 0 || strcasecmp(type, "ntext") == 0 ||
			 strcasecmp(type, "sysname") == 0)
	{
		d->kind = FDW_TYPE_TEXT;
		d->length = -1;
	}
	else if (strcasecmp(type, "binary") == 0 || strcasecmp(type, "varbinary") == 0)
	{
		d->kind = charlen < 0 ? FDW_TYPE_BLOB : FDW_TYPE_BINARY;
		if (charlen < 0)
			snprintf(d->type_name, sizeof(d->type_name), "%s(max)", type);
		else
			snprintf(d->type_name, sizeof(d->type_name), "%s(%d)", type, charlen);
	}
	else if (strcasecmp(type, "image") == 0)
	{
		d->kind = FDW_TYPE_BLOB;
		d->length = -1;
	}
	else if (strcasecmp(type, "timestamp") == 0 || strcasecmp(type, "rowversion") == 0)
	{
		/* a row version, set by the server on every write */
		d->kind = FDW_TYPE_BINARY;
		d->length = 8;
		d->is_generated = true;
	}
	else if (strcasecmp(type, "uniqueidentifier") == 0)
		d->kind = FDW_TYPE_UUID;
	else if (strcasecmp(type, "xml") == 0)
		d->kind = FDW_TYPE_XML;
	else
		d->kind = FDW_TYPE_UNKNOWN;
}

/*
 * The columns of tables of one schema, in order.  COLUMNPROPERTY answers
 * IsIdentity (the server numbers it on INSERT) and IsComputed.
 */
#define COLUMNS_SELECT \
	"SELECT c.COLUMN_NAME, c.DATA_TYPE, c.CHARACTER_MAXIMUM_LENGTH, " \
	"c.NUMERIC_PRECISION, c.NUMERIC_SCALE, c.DATETIME_PRECISION, " \
	"c.IS_NULLABLE, c.COLUMN_DEFAULT, " \
	"COLUMNPROPERTY(OBJECT_ID(QUOTENAME(c.TABLE_SCHEMA) + N'.' + QUOTENAME(c.TABLE_NAME)), " \
	"c.COLUMN_NAME, 'IsIdentity') AS is_identity, " \
	"COLUMNPROPERTY(OBJECT_ID(QUOTENAME(c.TABLE_SCHEMA) + N'.' + QUOTENAME(c.TABLE_NAME)), " \
	"c.COLUMN_NAME, 'IsComputed') AS is_computed, " \
	"c.TABLE_NAME " \
	"FROM INFORMATION_SCHEMA.COLUMNS c WHERE c.TABLE_SCHEMA = "

/* Primary key first, then unique constraints, each in column order. */
#define KEYS_SELECT \
	"SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, k.COLUMN_NAME, " \
	"CASE WHEN tc.CONSTRAINT_TYPE = 'PRIMARY KEY' THEN 0 ELSE 1 END AS kind " \
	"FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc " \
	"JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k " \
	"ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME " \
	"AND k.TABLE_NAME = tc.TABLE_NAME " \
	"WHERE tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE') AND tc.TABLE_SCHEMA = "

typedef struct CatalogTable
{
	FdwTableDesc desc;
	int			cap;
	/* the key chosen so far: 0 primary, 1 unique, 2 none */
	int			key_kind;
	char		key_name[256];
	bool		key_rejected;	/* the unique key has a nullable column */
} CatalogTable;

typedef struct CatalogState
{
	CatalogTable *tables;
	int			ntables;
	int			cap;
	bool		listing;		/* list_tables: rows carry their table */
} CatalogState;

static CatalogTable *
find_table(CatalogState *st, const char *name)
{
	int			i;

	for (i = 0; i < st->ntables; i++)
		if (strcmp(st->tables[i].desc.name, name) == 0)
			return &st->tables[i];
	return NULL;
}

static CatalogTable *
add_table(CatalogState *st, const char *name, bool is_view)
{
	CatalogTable *t;

	if (st->ntables == st->cap)
	{
		int			cap = st->cap ? st->cap * 2 : 16;
		CatalogTable *p = realloc(st->tables, sizeof(CatalogTable) * cap);

		if (p == NULL)
			return NULL;
		st->tables = p;
		st->cap = cap;
	}
	t = &st->tables[st->ntables++];
	memset(t, 0, sizeof(*t));
	tds_copy_text(t->desc.name, sizeof(t->desc.name), name);
	t->desc.is_view = is_view;
	t->key_kind = 2;
	return t;
}

static void
free_catalog(CatalogState *st)
{
	int			i,
				j;

	for (i = 0; i < st->ntables; i++)
	{
		for (j = 0; j < st->tables[i].desc.ncols; j++)
			free(st->tables[i].desc.cols[j].default_expr);
		free(st->tables[i].desc.cols);
	}
	free(st->tables);
}

static bool
table_row(void *arg, const FdwCell *cells, int ncols)
{
	CatalogState *st = (CatalogState *) arg;
	char		name[256];
	char		type[32];

	(void) ncols;
	cell_text(&cells[0], name, sizeof(name));
	cell_text(&cells[1], type, sizeof(type));
	return add_table(st, name, strcasecmp(type, "VIEW") == 0) != NULL;
}

static bool
column_row(void *arg, const FdwCell *cells, int ncols)
{
	CatalogState *st = (CatalogState *) arg;
	CatalogTable *t;
	char		name[256];

	(void) ncols;
	cell_text(&cells[10], name, sizeof(name));
	t = st->listing ? find_table(st, name) : &st->tables[0];
	if (t == NULL)
		return true;			/* a table not asked for */
	if (t->desc.ncols == t->cap)
	{
		int			cap = t->cap ? t->cap * 2 : 16;
		FdwColumnDesc *p = realloc(t->desc.cols, sizeof(FdwColumnDesc) * cap);

		if (p == NULL)
			return false;
		t->desc.cols = p;
		t->cap = cap;
	}
	catalog_column(cells, &t->desc.cols[t->desc.ncols++]);
	return true;
}

/* Rows of KEYS_SELECT: mark the primary key, or the first usable unique key. */
static bool
key_row(void *arg, const FdwCell *cells, int ncols)
{
	CatalogState *st = (CatalogState *) arg;
	CatalogTable *t;
	char		table[256];
	char		constraint[256];
	char		column[256];
	int			kind = cell_int(&cells[3], 1);
	int			i;

	(void) ncols;
	cell_text(&cells[0], table, sizeof(table));
	cell_text(&cells[1], constraint, sizeof(constraint));
	cell_text(&cells[2], column, sizeof(column));
	t = st->listing ? find_table(st, table) : &st->tables[0];
	if (t == NULL)
		return true;
	if (t->key_kind == 2 || (t->key_kind == 1 && t->key_rejected && kind == 1 &&
							 strcmp(t->key_name, constraint) != 0))
	{
		/* take this key; drop a rejected unique key's marks */
		for (i = 0; i < t->desc.ncols; i++)
			t->desc.cols[i].is_key = false;
		t->key_kind = kind;
		t->key_rejected = false;
		tds_copy_text(t->key_name, sizeof(t->key_name), constraint);
	}
	if (strcmp(t->key_name, constraint) != 0)
		return true;
	for (i = 0; i < t->desc.ncols; i++)
	{
		if (strcmp(t->desc.cols[i].name, column) != 0)
			continue;
		t->desc.cols[i].is_key = true;
		if (t->desc.cols[i].nullable)
			t->key_rejected = true;
	}
	return true;
}

/* Clear the marks of a unique key that turned out to have a nullable column. */
static void
settle_keys(CatalogState *st)
{
	int			i,
				j;

	for (i = 0; i < st->ntables; i++)
		if (st->tables[i].key_rejected)
			for (j = 0; j < st->tables[i].desc.ncols; j++)
				st->tables[i].desc.cols[j].is_key = false;
}

static void
add_schema(Str *sql, const char *schema)
{
	if (schema)
		str_add_literal(sql, schema);
	else
		str_add(sql, "SCHEMA_NAME()");
}

FdwColumnDesc *
tds_describe_table(FdwConn *c, const char *schema, const char *table,
				   int *ncols, FdwError *err)
{
	CatalogState st;
	Str			sql = {0};
	FdwColumnDesc *cols;
	bool		ok;

	memset(&st, 0, sizeof(st));
	if (add_table(&st, table, false) == NULL)
	{
		tds_set_oom(err);
		return NULL;
	}
	str_add(&sql, COLUMNS_SELECT);
	add_schema(&sql, schema);
	str_add(&sql, " AND c.TABLE_NAME = ");
	str_add_literal(&sql, table);
	str_add(&sql, " ORDER BY c.ORDINAL_POSITION");
	ok = !sql.oom && query_rows(c, sql.data, column_row, &st, err);
	sql.len = 0;
	if (ok)
	{
		str_add(&sql, KEYS_SELECT);
		add_schema(&sql, schema);
		str_add(&sql, " AND tc.TABLE_NAME = ");
		str_add_literal(&sql, table);
		str_add(&sql, " ORDER BY kind, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION");
		ok = !sql.oom && query_rows(c, sql.data, key_row, &st, err);
	}
	if (sql.oom)
		tds_set_oom(err);
	free(sql.data);
	if (!ok)
	{
		free_catalog(&st);
		return NULL;
	}
	settle_keys(&st);
	if (st.tables[0].desc.ncols == 0)
	{
		char		text[600];

		snprintf(text, sizeof(text), "remote table \"%s\" has no columns or does not exist", table);
		free_catalog(&st);
		fdw_error_set(err, FDW_ERR_UNDEFINED_TABLE, 0, NULL, text);
		return NULL;
	}
	cols = st.tables[0].desc.cols;
	*ncols = st.tables[0].desc.ncols;
	free(st.tables);
	return cols;
}

static bool
schema_row(void *arg, const FdwCell *cells, int ncols)
{
	(void) ncols;
	*(bool *) arg = cell_int(&cells[0], 0) > 0;
	return true;
}

FdwTableDesc *
tds_list_tables(FdwConn *c, const char *schema, const char *const *only,
				int nonly, int *ntables, FdwError *err)
{
	CatalogState st;
	Str			sql = {0};
	Str			filter = {0};
	FdwTableDesc *result;
	bool		exists = false;
	bool		ok;
	int			i;

	memset(&st, 0, sizeof(st));
	st.listing = true;

	str_add(&sql, "SELECT COUNT(*) FROM sys.schemas WHERE name = ");
	str_add_literal(&sql, schema);
	ok = !sql.oom && query_rows(c, sql.data, schema_row, &exists, err);
	if (ok && !exists)
	{
		char		text[600];

		snprintf(text, sizeof(text), "schema \"%s\" does not exist", schema);
		fdw_error_set(err, FDW_ERR_UNDEFINED_DATABASE, 0, NULL, text);
		ok = false;
	}

	/* LIMIT TO: only these names (a filter the three queries share) */
	if (only && nonly > 0)
	{
		str_add(&filter, " IN (");
		for (i = 0; i < nonly; i++)
		{
			if (i > 0)
				str_add(&filter, ", ");
			str_add_literal(&filter, only[i]);
		}
		str_add(&filter, ")");
	}

	if (ok)
	{
		sql.len = 0;
		str_add(&sql, "SELECT TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ");
		str_add_literal(&sql, schema);
		if (filter.len)
		{
			str_add(&sql, " AND TABLE_NAME");
			str_add(&sql, filter.data);
		}
		str_add(&sql, " ORDER BY TABLE_NAME");
		ok = !sql.oom && !filter.oom && query_rows(c, sql.data, table_row, &st, err);
	}
	if (ok && st.ntables > 0)
	{
		sql.len = 0;
		str_add(&sql, COLUMNS_SELECT);
		str_add_literal(&sql, schema);
		if (filter.len)
		{
			str_add(&sql, " AND c.TABLE_NAME");
			str_add(&sql, filter.data);
		}
		str_add(&sql, " ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION");
		ok = !sql.oom && query_rows(c, sql.data, column_row, &st, err);
	}
	if (ok && st.ntables > 0)
	{
		sql.len = 0;
		str_add(&sql, KEYS_SELECT);
		str_add_literal(&sql, schema);
		if (filter.len)
		{
			str_add(&sql, " AND tc.TABLE_NAME");
			str_add(&sql, filter.data);
		}
		str_add(&sql, " ORDER BY tc.TABLE_NAME, kind, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION");
		ok = !sql.oom && query_rows(c, sql.data, key_row, &st, err);
	}
	if (sql.oom || filter.oom)
	{
		tds_set_oom(err);
		ok = false;
	}
	free(sql.data);
	free(filter.data);
	if (!ok)
	{
		free_catalog(&st);
		return NULL;
	}
	settle_keys(&st);

	/* never NULL: NULL means failure */
	result = malloc(sizeof(FdwTableDesc) * (st.ntables + 1));
	if (result == NULL)
	{
		free_catalog(&st);
		tds_set_oom(err);
		return NULL;
	}
	for (i = 0; i < st.ntables; i++)
		result[i] = st.tables[i].desc;
	*ntables = st.ntables;
	free(st.tables);
	return result;
}

static bool
identity_row(void *arg, const FdwCell *cells, int ncols)
{
	(void) ncols;
	if (cells[0].type == FDW_CELL_INT64 && cells[0].v.i64 > 0)
		*(uint64_t *) arg = (uint64_t) cells[0].v.i64;
	else if (cells[0].type == FDW_CELL_TEXT)
	{
		double		v = cell_number(&cells[0]);

		*(uint64_t *) arg = v > 0 ? (uint64_t) v : 0;
	}
	return true;
}

/*
 * The identity value of the last INSERT of this session.  SCOPE_IDENTITY()
 * would be NULL here: each batch is a scope of its own.
 */
bool
tds_last_insert_id(FdwConn *c, uint64_t *id, FdwError *err)
{
	*id = 0;
	return query_rows(c, "SELECT CAST(@@IDENTITY AS bigint)", identity_row, id, err);
}
