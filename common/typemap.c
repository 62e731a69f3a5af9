/*-------------------------------------------------------------------------
 *
 * typemap.c
 *		  Conversion of fetched remote cells into Datums of the declared
 *		  local column types.
 *
 * The conversion for each column is chosen once per scan (fdw_conv_init):
 * integers, floats, booleans, text, bytea, dates and timestamps have direct
 * paths that skip the type's input function and its catalog lookups; all
 * other types, and any value a fast path does not recognise, go through the
 * input function so PostgreSQL's own checks and messages apply.  Nothing is
 * ever silently truncated or clamped: out-of-range values raise 22xxx
 * errors, and the scan's error context names the column and remote value.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "datatype/timestamp.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "typemap.h"

void
fdw_conv_init(FdwConv *conv, Oid typid, int32 typmod, const char *colname)
{
	Oid			infuncid;

	memset(conv, 0, sizeof(*conv));
	conv->typid = typid;
	conv->typmod = typmod;
	conv->colname = colname;
	getTypeInputInfo(typid, &infuncid, &conv->typioparam);
	fmgr_info(infuncid, &conv->infunc);

	switch (typid)
	{
		case INT2OID:
			conv->kind = FDW_CONV_INT2;
			break;
		case INT4OID:
			conv->kind = FDW_CONV_INT4;
			break;
		case INT8OID:
			conv->kind = FDW_CONV_INT8;
			break;
		case FLOAT4OID:
			conv->kind = FDW_CONV_FLOAT4;
			break;
		case FLOAT8OID:
			conv->kind = FDW_CONV_FLOAT8;
			break;
		case BOOLOID:
			conv->kind = FDW_CONV_BOOL;
			break;
		case TEXTOID:
			conv->kind = FDW_CONV_TEXT;
			break;
		case VARCHAROID:
			conv->kind = typmod < 0 ? FDW_CONV_TEXT : FDW_CONV_VARCHAR;
			break;
		case BYTEAOID:
			conv->kind = FDW_CONV_BYTEA;
			break;
		case DATEOID:
			conv->kind = FDW_CONV_DATE;
			break;
		case TIMESTAMPOID:
			conv->kind = typmod < 0 ? FDW_CONV_TIMESTAMP : FDW_CONV_GENERIC;
			break;
		case TIMESTAMPTZOID:
			conv->kind = typmod < 0 ? FDW_CONV_TIMESTAMPTZ : FDW_CONV_GENERIC;
			break;
		default:
			conv->kind = FDW_CONV_GENERIC;
			break;
	}
}

/* Remote text is UTF-8: check it, and convert it if the database is not. */
static char *
server_text(const char *ptr, size_t len, size_t *outlen)
{
	char	   *s;

	if (GetDatabaseEncoding() == PG_UTF8)
	{
		(void) pg_verify_mbstr(PG_UTF8, ptr, (int) len, false);
		*outlen = len;
		return (char *) ptr;
	}
	s = pg_any_to_server(ptr, (int) len, PG_UTF8);
	*outlen = strlen(s);
	return s;
}

/* Strict decimal integer parser; false when the text is anything else. */
static bool
parse_int64_text(const char *p, size_t len, int64 *out)
{
	const char *end = p + len;
	bool		neg = false;
	uint64		v = 0;

	if (p == end)
		return false;
	if (*p == '-' || *p == '+')
	{
		neg = (*p == '-');
		p++;
		if (p == end)
			return false;
	}
	for (; p < end; p++)
	{
		if (*p < '0' || *p > '9')
			return false;
		if (v > (PG_UINT64_MAX - 9) / 10)
			return false;		/* let the input function report overflow */
		v = v * 10 + (*p - '0');
	}
	if (neg)
	{
		if (v > (uint64) PG_INT64_MAX + 1)
			return false;
		*out = (int64) (0 - v);
	}
	else
	{
		if (v > (uint64) PG_INT64_MAX)
			return false;
		*out = (int64) v;
	}
	return true;
}

static int
digits(const char *p, int n)
{
	int			v = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

/*
 * Parse "YYYY-MM-DD[ HH:MM:SS[.ffffff]]" into dt; false if the text has any
 * other shape (the caller then falls back to the input function).
 */
static bool
parse_datetime_text(const char *p, size_t len, FdwDateTime *dt)
{
	memset(dt, 0, sizeof(*dt));
	if (len < 10 || p[4] != '-' || p[7] != '-')
		return false;
	dt->year = digits(p, 4);
	dt->month = digits(p + 5, 2);
	dt->day = digits(p + 8, 2);
	if (dt->year < 0 || dt->month < 0 || dt->day < 0)
		return false;
	dt->has_date = true;
	if (len == 10)
		return true;
	if (len < 19 || (p[10] != ' ' && p[10] != 'T') || p[13] != ':' || p[16] != ':')
		return false;
	dt->hour = digits(p + 11, 2);
	dt->minute = digits(p + 14, 2);
	dt->second = digits(p + 17, 2);
	if (dt->hour < 0 || dt->minute < 0 || dt->second < 0)
		return false;
	dt->has_time = true;
	if (len > 19)
	{
		size_t		i;
		int			scale = 100000;

		if (p[19] != '.' || len > 26 || len == 20)
			return false;
		for (i = 20; i < len; i++, scale /= 10)
		{
			if (p[i] < '0' || p[i] > '9')
				return false;
			dt->usec += (p[i] - '0') * scale;
		}
	}
	return true;
}

static bool
is_zero_date(const FdwDateTime *dt)
{
	return dt->has_date && dt->year == 0 && dt->month == 0 && dt->day == 0;
}

static void
zero_date_error(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("remote zero date cannot be represented in PostgreSQL"),
			 errhint("Set the option zero_date to 'null' on the server or table to read zero dates as NULL.")));
}

static DateADT
dt_to_date(const FdwDateTime *dt)
{
	if (dt->month < 1 || dt->month > 12 || dt->day < 1 || dt->day > 31 ||
		!IS_VALID_JULIAN(dt->year, dt->month, dt->day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range: \"%04d-%02d-%02d\"",
						dt->year, dt->month, dt->day)));
	return date2j(dt->year, dt->month, dt->day) - POSTGRES_EPOCH_JDATE;
}

/* Timestamp of dt; an offset, if any, is applied so the result is UTC. */
static Timestamp
dt_to_timestamp(const FdwDateTime *dt)
{
	Timestamp	ts;

	if (dt->hour > 23 || dt->minute > 59 || dt->second > 60 || dt->usec > 999999)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("time of day out of range: \"%02d:%02d:%02d\"",
						dt->hour, dt->minute, dt->second)));
	ts = (Timestamp) dt_to_date(dt) * USECS_PER_DAY +
		((((int64) dt->hour * 60 + dt->minute) * 60 + dt->second) * USECS_PER_SEC) +
		dt->usec;
	if (dt->has_tz)
		ts -= (int64) dt->tz_minutes * 60 * USECS_PER_SEC;
	if (!IS_VALID_TIMESTAMP(ts))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	return ts;
}

static char *
format_datetime(const FdwDateTime *dt)
{
	char		buf[64];
	int			n = 0;

	if (dt->has_date)
		n += snprintf(buf + n, sizeof(buf) - n, "%04d-%02d-%02d",
					  dt->year, dt->month, dt->day);
	if (dt->has_time)
	{
		n += snprintf(buf + n, sizeof(buf) - n, "%s%s%02d:%02d:%02d",
					  dt->has_date ? " " : "", dt->negative ? "-" : "",
					  dt->hour, dt->minute, dt->second);
		/* as the remote prints it where the driver knows how, else 6 digits */
		if (!dt->frac_known)
			n += snprintf(buf + n, sizeof(buf) - n, ".%06d", dt->usec);
		else if (dt->frac_digits > 0 && dt->frac_digits <= 6)
		{
			int			frac = dt->usec;
			int			k;

			for (k = dt->frac_digits; k < 6; k++)
				frac /= 10;
			n += snprintf(buf + n, sizeof(buf) - n, ".%0*d", dt->frac_digits, frac);
		}
	}
	if (dt->has_tz)
		n += snprintf(buf + n, sizeof(buf) - n, "%c%02d:%02d",
					  dt->tz_minutes < 0 ? '-' : '+',
					  abs(dt->tz_minutes) / 60, abs(dt->tz_minutes) % 60);
	return pstrdup(buf);
}

/* Any cell as a NUL-terminated server-encoded string for an input function. */
char *
fdw_cell_to_cstring(const FdwCell *cell)
{
	char		buf[64];

	switch (cell->type)
	{
		case FDW_CELL_INT64:
			snprintf(buf, sizeof(buf), INT64_FORMAT, (int64) cell->v.i64);
			return pstrdup(buf);
		case FDW_CELL_UINT64:
			snprintf(buf, sizeof(buf), UINT64_FORMAT, (uint64) cell->v.u64);
			return pstrdup(buf);
		case FDW_CELL_DOUBLE:
			return DatumGetCString(DirectFunctionCall1(float8out,
													   Float8GetDatum(cell->v.f64)));
		case FDW_CELL_DATETIME:
			return format_datetime(&cell->v.dt);
		case FDW_CELL_TEXT:
		case FDW_CELL_BINARY:
			{
				size_t		len;
				char	   *s = server_text(cell->v.str.ptr, cell->v.str.len, &len);

				return pnstrdup(s, len);
			}
		case FDW_CELL_NULL:
			break;
	}
	return NULL;
}

/* A short rendering of a cell for error contexts. */
const char *
fdw_cell_describe(const FdwCell *cell)
{
	if (cell->type == FDW_CELL_NULL)
		return "NULL";
	if (cell->type == FDW_CELL_BINARY)
		return psprintf("(%zu bytes of binary data)", cell->v.str.len);
	if (cell->type == FDW_CELL_TEXT)
	{
		size_t		len = Min(cell->v.str.len, 100);

		/* cut at a character boundary and never at an invalid byte */
		len = pg_encoding_verifymbstr(PG_UTF8, cell->v.str.ptr, (int) len);
		return psprintf("%.*s%s", (int) len, cell->v.str.ptr,
						len < cell->v.str.len ? "..." : "");
	}
	return fdw_cell_to_cstring(cell);
}

static Datum
generic(FdwConv *conv, const FdwCell *cell)
{
	char	   *s;

	/* bit strings arrive as integers; render them as '0'/'1' digits */
	if ((conv->typid == BITOID || conv->typid == VARBITOID) &&
		(cell->type == FDW_CELL_UINT64 || cell->type == FDW_CELL_INT64))
	{
		int			bits = conv->typmod > 0 ? conv->typmod :
		(conv->remote_bits > 0 ? conv->remote_bits : 64);
		uint64		v = cell->v.u64;
		int			i;

		s = palloc(bits + 1);
		for (i = 0; i < bits; i++)
			s[i] = (i < bits - 64 || !((v >> (bits - 1 - i)) & 1)) ? '0' : '1';
		s[bits] = '\0';
	}
	else
	{
		if ((cell->type == FDW_CELL_TEXT || cell->type == FDW_CELL_BINARY) &&
			memchr(cell->v.str.ptr, '\0', cell->v.str.len))
			ereport(ERROR,
					(errcode(ERRCODE_UNTRANSLATABLE_CHARACTER),
					 errmsg("remote value contains a zero byte, which type %s cannot hold",
							format_type_be(conv->typid))));
		if (cell->type == FDW_CELL_TEXT && cell->nul_terminated &&
			GetDatabaseEncoding() == PG_UTF8)
		{
			/* the driver's buffer already ends in NUL: no copy needed */
			(void) pg_verify_mbstr(PG_UTF8, cell->v.str.ptr, (int) cell->v.str.len, false);
			s = (char *) cell->v.str.ptr;
		}
		else
			s = fdw_cell_to_cstring(cell);
		/*
		 * A naive remote timestamp is in UTC (the session's time zone), as
		 * text or as a DATETIME cell (as the fast path reads both).
		 */
		if (conv->typid == TIMESTAMPTZOID &&
			(cell->type == FDW_CELL_TEXT || cell->type == FDW_CELL_DATETIME) &&
			strpbrk(s + Min(strlen(s), 10), "+-Zz") == NULL)
			s = psprintf("%s+00", s);
	}
	return InputFunctionCall(&conv->infunc, s, conv->typioparam, conv->typmod);
}

static int64
cell_int64(FdwConv *conv, const FdwCell *cell, bool *ok)
{
	int64		v = 0;

	*ok = true;
	switch (cell->type)
	{
		case FDW_CELL_INT64:
			return cell->v.i64;
		case FDW_CELL_UINT64:
			if (cell->v.u64 <= (uint64) PG_INT64_MAX)
				return (int64) cell->v.u64;
			break;
		case FDW_CELL_TEXT:
			if (parse_int64_text(cell->v.str.ptr, cell->v.str.len, &v))
				return v;
			break;
		default:
			break;
	}
	*ok = false;
	return 0;
}

static void
int_range_error(FdwConv *conv)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("value out of range for type %s", format_type_be(conv->typid))));
}

/*
 * Convert one cell.  Fast paths handle the common shapes; anything else goes
 * through generic(), i.e. the type's input function.
 */
Datum
fdw_conv_cell(FdwConv *conv, const FdwCell *cell, bool *isnull)
{
	bool		ok;
	int64		iv;

	*isnull = false;
	if (cell->type == FDW_CELL_NULL)
	{
		*isnull = true;
		return (Datum) 0;
	}

	switch (conv->kind)
	{
		case FDW_CONV_INT2:
		case FDW_CONV_INT4:
		case FDW_CONV_INT8:
			iv = cell_int64(conv, cell, &ok);
			if (!ok)
			{
				if (cell->type == FDW_CELL_UINT64)
					int_range_error(conv);
				break;
			}
			if (conv->kind == FDW_CONV_INT2)
			{
				if (iv < PG_INT16_MIN || iv > PG_INT16_MAX)
					int_range_error(conv);
				return Int16GetDatum((int16) iv);
			}
			if (conv->kind == FDW_CONV_INT4)
			{
				if (iv < PG_INT32_MIN || iv > PG_INT32_MAX)
					int_range_error(conv);
				return Int32GetDatum((int32) iv);
			}
			return Int64GetDatum(iv);

		case FDW_CONV_FLOAT4:
		case FDW_CONV_FLOAT8:
			{
				double		d;

				if (cell->type == FDW_CELL_DOUBLE)
					d = cell->v.f64;
				else if (cell->type == FDW_CELL_INT64)
					d = (double) cell->v.i64;
				else if (cell->type == FDW_CELL_UINT64)
					d = (double) cell->v.u64;
				else if (cell->type == FDW_CELL_TEXT && cell->v.str.len > 0 &&
						 cell->v.str.len < 64)
				{
					/* plain numbers as float8in/float4in parse them */
					char		buf[64];
					char	   *end;

					memcpy(buf, cell->v.str.ptr, cell->v.str.len);
					buf[cell->v.str.len] = '\0';
					errno = 0;
					if (conv->kind == FDW_CONV_FLOAT4)
					{
						float		f = strtof(buf, &end);

						if (end != buf + cell->v.str.len || errno != 0 || !isfinite(f))
							break;	/* float4in reports it */
						return Float4GetDatum(f);
					}
					d = strtod(buf, &end);
					if (end != buf + cell->v.str.len || errno != 0 || !isfinite(d))
						break;	/* float8in reports it */
				}
				else
					break;
				if (conv->kind == FDW_CONV_FLOAT8)
					return Float8GetDatum(d);
				if (isinf((float) d) && !isinf(d))
					ereport(ERROR,
							(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
							 errmsg("value out of range: overflow")));
				return Float4GetDatum((float) d);
			}

		case FDW_CONV_BOOL:
			if (cell->type == FDW_CELL_INT64 || cell->type == FDW_CELL_UINT64)
				return BoolGetDatum(cell->v.u64 != 0);
			if (cell->type == FDW_CELL_TEXT && cell->v.str.len == 1 &&
				(cell->v.str.ptr[0] == '0' || cell->v.str.ptr[0] == '1'))
				return BoolGetDatum(cell->v.str.ptr[0] == '1');
			if (cell->type == FDW_CELL_TEXT &&
				parse_int64_text(cell->v.str.ptr, cell->v.str.len, &iv))
				return BoolGetDatum(iv != 0);
			break;

		case FDW_CONV_TEXT:
			if (cell->type == FDW_CELL_TEXT || cell->type == FDW_CELL_BINARY)
			{
				size_t		len;
				char	   *s;

				if (conv->max_blob_size > 0 && (int64) cell->v.str.len > conv->max_blob_size)
					ereport(ERROR,
							(errcode(ERRCODE_STRING_DATA_RIGHT_TRUNCATION),
							 errmsg("remote value of %zu bytes exceeds max_blob_size %lld",
									cell->v.str.len, (long long) conv->max_blob_size)));
				s = server_text(cell->v.str.ptr, cell->v.str.len, &len);
				return PointerGetDatum(cstring_to_text_with_len(s, (int) len));
			}
			return PointerGetDatum(cstring_to_text(fdw_cell_to_cstring(cell)));

		case FDW_CONV_VARCHAR:
			if (cell->type == FDW_CELL_TEXT || cell->type == FDW_CELL_BINARY)
			{
				size_t		len;
				char	   *s = server_text(cell->v.str.ptr, cell->v.str.len, &len);
				int			maxlen = conv->typmod - VARHDRSZ;

				/*
				 * varchar(n) as varcharin checks it: characters beyond n are
				 * an error unless they are spaces (which are cut).  Only a
				 * value longer than n bytes needs counting.
				 */
				if ((int) len > maxlen &&
					pg_mbstrlen_with_len(s, (int) len) > maxlen)
					break;		/* varchar's input function decides */
				return PointerGetDatum(cstring_to_text_with_len(s, (int) len));
			}
			break;

		case FDW_CONV_BYTEA:
			if (cell->type == FDW_CELL_TEXT || cell->type == FDW_CELL_BINARY)
			{
				bytea	   *b;

				if (conv->max_blob_size > 0 && (int64) cell->v.str.len > conv->max_blob_size)
					ereport(ERROR,
							(errcode(ERRCODE_STRING_DATA_RIGHT_TRUNCATION),
							 errmsg("remote value of %zu bytes exceeds max_blob_size %lld",
									cell->v.str.len, (long long) conv->max_blob_size)));
				if (cell->v.str.len > MaxAllocSize - VARHDRSZ)
					ereport(ERROR,
							(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
							 errmsg("remote value of %zu bytes is too large for bytea",
									cell->v.str.len)));
				b = palloc(cell->v.str.len + VARHDRSZ);
				SET_VARSIZE(b, cell->v.str.len + VARHDRSZ);
				memcpy(VARDATA(b), cell->v.str.ptr, cell->v.str.len);
				return PointerGetDatum(b);
			}
			break;

		case FDW_CONV_DATE:
		case FDW_CONV_TIMESTAMP:
		case FDW_CONV_TIMESTAMPTZ:
			{
				FdwDateTime dtbuf;
				const FdwDateTime *dt;

				if (cell->type == FDW_CELL_DATETIME)
					dt = &cell->v.dt;
				else if (cell->type == FDW_CELL_TEXT &&
						 parse_datetime_text(cell->v.str.ptr, cell->v.str.len, &dtbuf))
					dt = &dtbuf;
				else
					break;
				if (!dt->has_date)
					break;
				if (is_zero_date(dt))
				{
					if (conv->zero_date_null)
					{
						*isnull = true;
						return (Datum) 0;
					}
					zero_date_error();
				}
				if (conv->kind == FDW_CONV_DATE)
				{
					if (dt->has_time && (dt->hour || dt->minute || dt->second || dt->usec))
						break;	/* let date_in decide about a time part */
					return DateADTGetDatum(dt_to_date(dt));
				}
				if (conv->kind == FDW_CONV_TIMESTAMP && dt->has_tz)
					break;		/* local time of an instant: input function */
				return TimestampGetDatum(dt_to_timestamp(dt));
			}

		case FDW_CONV_GENERIC:
			break;
	}

	/* zero dates reaching other types (text keeps them as they are) */
	if ((conv->typid == DATEOID || conv->typid == TIMESTAMPOID ||
		 conv->typid == TIMESTAMPTZOID) &&
		((cell->type == FDW_CELL_TEXT && cell->v.str.len >= 10 &&
		  strncmp(cell->v.str.ptr, "0000-00-00", 10) == 0) ||
		 (cell->type == FDW_CELL_DATETIME && cell->v.dt.has_date &&
		  is_zero_date(&cell->v.dt))))
	{
		if (conv->zero_date_null)
		{
			*isnull = true;
			return (Datum) 0;
		}
		zero_date_error();
	}
	return generic(conv, cell);
}
