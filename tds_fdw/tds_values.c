/*-------------------------------------------------------------------------
 *
 * tds_values.c
 *		  Result columns and values of the tds_fdw driver: db-lib's types
 *		  described as the core's column kinds, and each value of a row
 *		  handed over as a cell.
 *
 * Integers, bit, floats and every date/time type are handed over in binary
 * (dbdata, dbanydatecrack); money and decimal as exact decimal text;
 * uniqueidentifier in its canonical text form; character data arrives as
 * UTF-8 (the client character set of the login) and is passed without
 * copying, however long: db-lib holds a whole row, (max) values included.
 * NULL is the absence of data (dbdata NULL); an empty value has data of
 * length 0.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tds_internal.h"

/* ---------------------------------------------------------------- columns */

static bool
is_char_type(int type)
{
	switch (type)
	{
		case SYBCHAR:
		case SYBVARCHAR:
		case SYBTEXT:
		case SYBNTEXT:
		case SYBNVARCHAR:
		case XSYBCHAR:
		case XSYBVARCHAR:
		case XSYBNCHAR:
		case XSYBNVARCHAR:
		case SYBMSXML:
			return true;
	}
	return false;
}

static bool
is_binary_type(int type)
{
	switch (type)
	{
		case SYBBINARY:
		case SYBVARBINARY:
		case SYBIMAGE:
		case XSYBBINARY:
		case XSYBVARBINARY:
		case SYBLONGBINARY:
			return true;
	}
	return false;
}

/* db-lib's description of a result column as the core's. */
void
tds_describe_column(DBPROCESS *dbproc, int col, int type, FdwColumnDesc *d)
{
	DBCOL		info;
	int			len = dbcollen(dbproc, col);
	bool		unlimited = len >= 0x3fffffff;

	memset(d, 0, sizeof(*d));
	memset(&info, 0, sizeof(info));
	info.SizeOfStruct = sizeof(info);
	tds_copy_text(d->name, sizeof(d->name), dbcolname(dbproc, col));
	if (dbcolinfo(dbproc, CI_REGULAR, col, 0, &info) == SUCCEED)
	{
		d->nullable = info.Null != 0;
		d->precision = info.Precision;
		d->scale = info.Scale;
	}
	else
		d->nullable = true;
	d->length = unlimited ? -1 : len;
	switch (type)
	{
		case SYBBIT:
		case SYBBITN:
			d->kind = FDW_TYPE_BOOL;
			tds_copy_text(d->type_name, sizeof(d->type_name), "bit");
			break;
		case SYBINT1:
			d->kind = FDW_TYPE_INT;
			d->length = 1;
			d->is_unsigned = true;
			tds_copy_text(d->type_name, sizeof(d->type_name), "tinyint");
			break;
		case SYBINT2:
			d->kind = FDW_TYPE_INT;
			d->length = 2;
			tds_copy_text(d->type_name, sizeof(d->type_name), "smallint");
			break;
		case SYBINT4:
			d->kind = FDW_TYPE_INT;
			d->length = 4;
			tds_copy_text(d->type_name, sizeof(d->type_name), "int");
			break;
		case SYBINT8:
			d->kind = FDW_TYPE_INT;
			d->length = 8;
			tds_copy_text(d->type_name, sizeof(d->type_name), "bigint");
			break;
		case SYBREAL:
			d->kind = FDW_TYPE_FLOAT4;
			tds_copy_text(d->type_name, sizeof(d->type_name), "real");
			break;
		case SYBFLT8:
			d->kind = FDW_TYPE_FLOAT8;
			tds_copy_text(d->type_name, sizeof(d->type_name), "float");
			break;
		case SYBMONEY:
		case SYBMONEY4:
			d->kind = FDW_TYPE_MONEY;
			d->precision = type == SYBMONEY ? 19 : 10;
			d->scale = 4;
			tds_copy_text(d->type_name, sizeof(d->type_name),
					  type == SYBMONEY ? "money" : "smallmoney");
			break;
		case SYBDECIMAL:
		case SYBNUMERIC:
			d->kind = FDW_TYPE_DECIMAL;
			snprintf(d->type_name, sizeof(d->type_name), "decimal(%d,%d)",
					 d->precision, d->scale);
			break;
		case SYBMSDATE:
		case SYBDATE:
			d->kind = FDW_TYPE_DATE;
			tds_copy_text(d->type_name, sizeof(d->type_name), "date");
			break;
		case SYBMSTIME:
		case SYBTIME:
		case SYBBIGTIME:
			d->kind = FDW_TYPE_TIME;
			tds_copy_text(d->type_name, sizeof(d->type_name), "time");
			break;
		case SYBDATETIME:
		case SYBDATETIME4:
		case SYBMSDATETIME2:
		case SYBBIGDATETIME:
			d->kind = FDW_TYPE_TIMESTAMP;
			tds_copy_text(d->type_name, sizeof(d->type_name),
					  type == SYBDATETIME ? "datetime" :
					  type == SYBDATETIME4 ? "smalldatetime" : "datetime2");
			break;
		case SYBMSDATETIMEOFFSET:
			d->kind = FDW_TYPE_TIMESTAMPTZ;
			tds_copy_text(d->type_name, sizeof(d->type_name), "datetimeoffset");
			break;
		case SYBUNIQUE:
			d->kind = FDW_TYPE_UUID;
			tds_copy_text(d->type_name, sizeof(d->type_name), "uniqueidentifier");
			break;
		default:
			if (is_char_type(type))
			{
				d->kind = unlimited ? FDW_TYPE_TEXT : FDW_TYPE_VARCHAR;
				tds_copy_text(d->type_name, sizeof(d->type_name), "nvarchar");
			}
			else if (is_binary_type(type))
			{
				d->kind = unlimited ? FDW_TYPE_BLOB : FDW_TYPE_BINARY;
				tds_copy_text(d->type_name, sizeof(d->type_name), "varbinary");
			}
			else
			{
				d->kind = FDW_TYPE_UNKNOWN;
				tds_copy_text(d->type_name, sizeof(d->type_name),
						  dbprtype(type) ? dbprtype(type) : "unknown");
			}
			break;
	}
}

/* Exact decimal text of a money value (in units of 1/10000). */
static size_t
format_money(char *buf, int64_t v)
{
	uint64_t	mag = v < 0 ? (uint64_t) 0 - (uint64_t) v : (uint64_t) v;

	return (size_t) snprintf(buf, SCRATCH_LEN, "%s%llu.%04llu", v < 0 ? "-" : "",
							 (unsigned long long) (mag / 10000),
							 (unsigned long long) (mag % 10000));
}

/* GUID in its canonical form (Data1..3 are little-endian on the wire). */
static size_t
format_guid(char *buf, const BYTE *g)
{
	return (size_t) snprintf(buf, SCRATCH_LEN,
							 "%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X",
							 g[3], g[2], g[1], g[0], g[5], g[4], g[7], g[6],
							 g[8], g[9], g[10], g[11], g[12], g[13], g[14], g[15]);
}

/*
 * Date and time values into parts.  Nanoseconds round to microseconds,
 * half to even, like PostgreSQL's input; when that carries into the next
 * second the value goes as text and PostgreSQL's input does the carrying.
 */
static bool
crack_datetime(FdwCursor *cur, int col, int type, const BYTE *data,
			   FdwCell *cell)
{
	DBDATEREC2	r;
	FdwDateTime *dt = &cell->v.dt;
	int			usec;
	int			rest;

	memset(&r, 0, sizeof(r));
	if (dbanydatecrack(cur->conn->dbproc, &r, type, data) == FAIL)
		return false;
	usec = r.datensecond / 1000;
	rest = r.datensecond % 1000;
	if (rest > 500 || (rest == 500 && (usec & 1)))
		usec++;
	if (usec == 1000000)
	{
		char	   *buf = cur->scratch + col * SCRATCH_LEN;
		int			n = 0;

		if (type != SYBMSTIME && type != SYBTIME && type != SYBBIGTIME)
			n = snprintf(buf, SCRATCH_LEN, "%04d-%02d-%02d ",
						 r.dateyear, r.datemonth + 1, r.datedmonth);
		n += snprintf(buf + n, SCRATCH_LEN - n, "%02d:%02d:%02d.%09d",
					  r.datehour, r.dateminute, r.datesecond, r.datensecond);
		if (type == SYBMSDATETIMEOFFSET)
			n += snprintf(buf + n, SCRATCH_LEN - n, "%c%02d:%02d",
						  r.datetzone < 0 ? '-' : '+',
						  abs(r.datetzone) / 60, abs(r.datetzone) % 60);
		cell->type = FDW_CELL_TEXT;
		cell->v.str.ptr = buf;
		cell->v.str.len = (size_t) n;
		return true;
	}
	cell->type = FDW_CELL_DATETIME;
	memset(dt, 0, sizeof(*dt));
	/* db-lib's month is 0-based (Sybase's DBDATEREC) */
	dt->year = r.dateyear;
	dt->month = r.datemonth + 1;
	dt->day = r.datedmonth;
	dt->hour = r.datehour;
	dt->minute = r.dateminute;
	dt->second = r.datesecond;
	dt->usec = usec;
	dt->has_date = type != SYBMSTIME && type != SYBTIME && type != SYBBIGTIME;
	dt->has_time = type != SYBMSDATE && type != SYBDATE;
	if (type == SYBMSDATETIMEOFFSET)
	{
		/* the parts are the local time at the value's offset */
		dt->has_tz = true;
		dt->tz_minutes = r.datetzone;
	}
	return true;
}

/* Anything else db-lib can convert, as text (sql_variant, ...). */
static bool
convert_to_text(FdwCursor *cur, int type, const BYTE *data, int len,
				FdwCell *cell)
{
	size_t		need = (size_t) len * 4 + 128;
	DBINT		n;

	if (!dbwillconvert(type, SYBCHAR))
		return false;
	if (cur->fallback_len < need)
	{
		char	   *p = realloc(cur->fallback, need);

		if (p == NULL)
			return false;
		cur->fallback = p;
		cur->fallback_len = need;
	}
	n = dbconvert(cur->conn->dbproc, type, data, len, SYBCHAR,
				  (BYTE *) cur->fallback, -1);
	if (n < 0)
		return false;
	cell->type = FDW_CELL_TEXT;
	cell->v.str.ptr = cur->fallback;
	cell->v.str.len = strlen(cur->fallback);
	return true;
}

/* One value of the current row as a cell; false if it cannot be read. */
bool
tds_read_cell(FdwCursor *cur, int col, FdwCell *cell, FdwError *err)
{
	DBPROCESS  *dbproc = cur->conn->dbproc;
	int			type = cur->types[col];
	BYTE	   *data = dbdata(dbproc, col + 1);
	DBINT		len = dbdatlen(dbproc, col + 1);
	char	   *scratch = cur->scratch + col * SCRATCH_LEN;

	/* db-lib gives NULL data for NULL; an empty value has data, length 0 */
	if (data == NULL)
	{
		cell->type = FDW_CELL_NULL;
		return true;
	}
	switch (type)
	{
		case SYBINT1:
			cell->type = FDW_CELL_INT64;
			cell->v.i64 = *(const DBTINYINT *) data;
			return true;
		case SYBINT2:
			{
				DBSMALLINT	v;

				memcpy(&v, data, sizeof(v));
				cell->type = FDW_CELL_INT64;
				cell->v.i64 = v;
				return true;
			}
		case SYBINT4:
			{
				DBINT		v;

				memcpy(&v, data, sizeof(v));
				cell->type = FDW_CELL_INT64;
				cell->v.i64 = v;
				return true;
			}
		case SYBINT8:
			{
				DBBIGINT	v;

				memcpy(&v, data, sizeof(v));
				cell->type = FDW_CELL_INT64;
				cell->v.i64 = v;
				return true;
			}
		case SYBBIT:
		case SYBBITN:
			cell->type = FDW_CELL_INT64;
			cell->v.i64 = *(const DBBIT *) data ? 1 : 0;
			return true;
		case SYBREAL:
			{
				DBREAL		v;

				memcpy(&v, data, sizeof(v));
				cell->type = FDW_CELL_DOUBLE;
				cell->v.f64 = v;
				return true;
			}
		case SYBFLT8:
			{
				DBFLT8		v;

				memcpy(&v, data, sizeof(v));
				cell->type = FDW_CELL_DOUBLE;
				cell->v.f64 = v;
				return true;
			}
		case SYBMONEY:
			{
				DBMONEY		m;

				memcpy(&m, data, sizeof(m));
				cell->type = FDW_CELL_TEXT;
				cell->v.str.ptr = scratch;
				cell->v.str.len = format_money(scratch,
											   (int64_t) (((uint64_t) (uint32_t) m.mnyhigh << 32) |
														  m.mnylow));
				return true;
			}
		case SYBMONEY4:
			{
				DBMONEY4	m;

				memcpy(&m, data, sizeof(m));
				cell->type = FDW_CELL_TEXT;
				cell->v.str.ptr = scratch;
				cell->v.str.len = format_money(scratch, m.mny4);
				return true;
			}
		case SYBDECIMAL:
		case SYBNUMERIC:
			{
				/* db-lib's numeric to text conversion is exact */
				DBINT		n = dbconvert(dbproc, type, data, len, SYBCHAR,
										  (BYTE *) scratch, -1);

				if (n < 0)
					break;
				cell->type = FDW_CELL_TEXT;
				cell->v.str.ptr = scratch;
				cell->v.str.len = strlen(scratch);
				return true;
			}
		case SYBDATETIME:
		case SYBDATETIME4:
		case SYBMSDATE:
		case SYBMSTIME:
		case SYBMSDATETIME2:
		case SYBMSDATETIMEOFFSET:
		case SYBDATE:
		case SYBTIME:
		case SYBBIGDATETIME:
		case SYBBIGTIME:
			if (crack_datetime(cur, col, type, data, cell))
				return true;
			break;
		case SYBUNIQUE:
			if (len != 16)
				break;
			cell->type = FDW_CELL_TEXT;
			cell->v.str.ptr = scratch;
			cell->v.str.len = format_guid(scratch, data);
			return true;
		default:
			if (is_char_type(type) || is_binary_type(type))
			{
				cell->type = is_char_type(type) ? FDW_CELL_TEXT : FDW_CELL_BINARY;
				cell->v.str.ptr = (const char *) data;
				cell->v.str.len = (size_t) len;
				return true;
			}
			if (convert_to_text(cur, type, data, len, cell))
				return true;
			break;
	}
	{
		char		text[300];

		snprintf(text, sizeof(text),
				 "cannot read a value of remote type %s (column \"%s\")",
				 dbprtype(type) ? dbprtype(type) : "?", cur->cols[col].name);
		fdw_error_set(err, FDW_ERR_FEATURE, 0, NULL, text);
	}
	return false;
}
