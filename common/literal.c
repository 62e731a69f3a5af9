/*-------------------------------------------------------------------------
 *
 * literal.c
 *		  Any PostgreSQL value as a literal of the remote's SQL: the one
 *		  place where values are checked and spelled.
 *
 * Every value that travels to the remote as SQL text is spelled here: the
 * constants of the read path (deparse.c), the values of runtime parameters
 * substituted at execution (fdw_sql_with_params), and every column a write
 * sends (modify.c).  One speller means a value means the same thing
 * whichever way it reaches the remote, and one set of checks decides what
 * can be sent at all.
 *
 * Each type is spelled such that the remote gets exactly the value
 * PostgreSQL had: integers and numerics as their exact digits, floats in the
 * shortest form that reads back to the same double (with an exponent, so
 * the remote parses a double rather than an exact decimal), negative numbers
 * in parentheses ("a - -1" would start a comment), timestamps with
 * microseconds, timestamptz converted to UTC (the remote session's time
 * zone), dates and times typed where the dialect wants them typed, bytea as
 * the dialect's binary literal, bit strings as B'0101', and every other type
 * through its output function as a string literal in UTF-8 (json, uuid,
 * enums, arrays, ...).
 *
 * Values the remote cannot hold are errors, never approximations: NaN and
 * infinities, and dates and timestamps outside the years 1 to 9999, which
 * every source we speak can spell (fdw_literal_sendable).  The planner asks
 * the same question of constants, so a condition on such a constant is
 * evaluated locally instead.  Types whose text means nothing to another
 * database (money, interval, timetz, reg*, pseudo-types) are refused when
 * the statement is planned (fdw_literal_kind).
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/shortest_dec.h"
#include "datatype/timestamp.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"

#include "literal.h"

/*
 * How values of a type are spelled, or FDW_LIT_UNSUPPORTED.  Domains are
 * spelled like their base type.
 */
FdwLitKind
fdw_literal_kind(Oid typid)
{
	Oid			base = getBaseType(typid);
	char		category;
	bool		preferred;

	switch (base)
	{
		case INT2OID:
		case INT4OID:
		case INT8OID:
		case OIDOID:
			return FDW_LIT_INT;
		case NUMERICOID:
			return FDW_LIT_NUMERIC;
		case FLOAT4OID:
			return FDW_LIT_FLOAT4;
		case FLOAT8OID:
			return FDW_LIT_FLOAT8;
		case BOOLOID:
			return FDW_LIT_BOOL;
		case BYTEAOID:
			return FDW_LIT_BYTEA;
		case DATEOID:
			return FDW_LIT_DATE;
		case TIMEOID:
			return FDW_LIT_TIME;
		case TIMESTAMPOID:
			return FDW_LIT_TIMESTAMP;
		case TIMESTAMPTZOID:
			return FDW_LIT_TIMESTAMPTZ;
		case BITOID:
		case VARBITOID:
			return FDW_LIT_BIT;
		case CASHOID:			/* locale-formatted output */
		case INTERVALOID:		/* no remote equivalent of its text */
		case TIMETZOID:
			return FDW_LIT_UNSUPPORTED;
	}

	get_type_category_preferred(base, &category, &preferred);
	switch (category)
	{
		case TYPCATEGORY_STRING:
		case TYPCATEGORY_USER:	/* json, jsonb, uuid, xml, ... */
		case TYPCATEGORY_ENUM:
		case TYPCATEGORY_ARRAY:
		case TYPCATEGORY_NETWORK:
		case TYPCATEGORY_GEOMETRIC:
		case TYPCATEGORY_COMPOSITE:
		case TYPCATEGORY_RANGE:
		case TYPCATEGORY_UNKNOWN:
			return FDW_LIT_STRING;
		default:
			/* reg* types, pseudo-types, internal types */
			return FDW_LIT_UNSUPPORTED;
	}
}

/*
 * Prepare to spell values of a type.  colname names the column the values
 * belong to in error messages; NULL for a parameter of a remote query.
 */
void
fdw_literal_init(FdwLiteralOut *lo, Oid typid, const char *colname)
{
	Oid			outfunc;
	bool		varlena;

	memset(lo, 0, sizeof(*lo));
	lo->typid = typid;
	lo->basetype = getBaseType(typid);
	lo->colname = colname;
	lo->kind = fdw_literal_kind(typid);
	if (lo->kind == FDW_LIT_UNSUPPORTED)
		ereport(ERROR,
				(errcode(ERRCODE_FDW_INVALID_DATA_TYPE),
				 errmsg("values of type %s cannot be sent to the remote server",
						format_type_be(typid)),
				 colname ? errdetail("Column \"%s\" has this type.", colname) : 0));
	getTypeOutputInfo(typid, &outfunc, &varlena);
	fmgr_info(outfunc, &lo->outfunc);
}

/*
 * The range of dates every source can spell, 0001-01-01 up to 10000-01-01
 * (MySQL's DATETIME and SQL Server's datetime2 end at 9999, and four-digit
 * years are what a string literal of every dialect parses), as days since
 * PostgreSQL's epoch.
 */
static DateADT
first_date(void)
{
	return date2j(1, 1, 1) - POSTGRES_EPOCH_JDATE;
}

static DateADT
end_date(void)
{
	return date2j(10000, 1, 1) - POSTGRES_EPOCH_JDATE;
}

/*
 * The checks, one set for every path: can the remote hold this value of
 * this kind exactly?  No NaN or infinity; dates and timestamps in the years
 * 1 to 9999.
 */
static bool
kind_value_sendable(FdwLitKind kind, Datum value)
{
	switch (kind)
	{
		case FDW_LIT_FLOAT4:
			return !isinf(DatumGetFloat4(value)) && !isnan(DatumGetFloat4(value));
		case FDW_LIT_FLOAT8:
			return !isinf(DatumGetFloat8(value)) && !isnan(DatumGetFloat8(value));
		case FDW_LIT_NUMERIC:
			return !numeric_is_nan(DatumGetNumeric(value)) &&
				!numeric_is_inf(DatumGetNumeric(value));
		case FDW_LIT_DATE:
			/* infinities are the smallest and largest DateADT */
			return DatumGetDateADT(value) >= first_date() &&
				DatumGetDateADT(value) < end_date();
		case FDW_LIT_TIMESTAMP:
		case FDW_LIT_TIMESTAMPTZ:
			return DatumGetTimestamp(value) >= (Timestamp) first_date() * USECS_PER_DAY &&
				DatumGetTimestamp(value) < (Timestamp) end_date() * USECS_PER_DAY;
		default:
			return true;
	}
}

/*
 * Can a value of this type be sent?  For the planner, which keeps a
 * condition on a constant the remote cannot hold local (shippable.c).
 */
bool
fdw_literal_sendable(Oid typid, Datum value)
{
	return kind_value_sendable(fdw_literal_kind(typid), value);
}

static void
unsendable_error(FdwLiteralOut *lo, Datum value)
{
	bool		temporal = (lo->kind == FDW_LIT_DATE ||
							lo->kind == FDW_LIT_TIMESTAMP ||
							lo->kind == FDW_LIT_TIMESTAMPTZ);

	ereport(ERROR,
			(errcode(temporal ? ERRCODE_DATETIME_VALUE_OUT_OF_RANGE :
					 ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("value \"%s\" of type %s cannot be sent to the remote server",
					OutputFunctionCall(&lo->outfunc, value),
					format_type_be(lo->typid)),
			 lo->colname ?
			 errdetail("The value is in column \"%s\"; only finite values, with years from 1 to 9999, are sent.",
					   lo->colname) :
			 errdetail("Only finite values, with years from 1 to 9999, are sent."),
			 lo->colname ? 0 :
			 errhint("Compare with a constant instead, which is evaluated locally where the remote cannot hold it.")));
}

/* Characters as a quoted string literal of the dialect (input in UTF-8). */
void
fdw_append_string_literal(StringInfo buf, const FdwDialect *dialect,
						  const char *s, int len)
{
	int			i;
	bool		ascii = true;

	for (i = 0; i < len; i++)
		if ((unsigned char) s[i] >= 0x80)
			ascii = false;
	if (!ascii && dialect->nchar_prefix)
		appendStringInfoString(buf, dialect->nchar_prefix);
	appendStringInfoChar(buf, '\'');
	for (i = 0; i < len; i++)
	{
		if (s[i] == '\'')
			appendStringInfoChar(buf, '\'');
		else if (s[i] == '\\' && dialect->string_style == FDW_STRING_BACKSLASH)
			appendStringInfoChar(buf, '\\');
		appendStringInfoChar(buf, s[i]);
	}
	appendStringInfoChar(buf, '\'');
}

/* A server-encoded C string as a string literal; remote sessions are UTF-8. */
static void
append_server_string(StringInfo buf, const FdwDialect *dialect, const char *s)
{
	int			len = strlen(s);

	if (GetDatabaseEncoding() != PG_UTF8)
	{
		s = pg_server_to_any(s, len, PG_UTF8);
		len = strlen(s);
	}
	fdw_append_string_literal(buf, dialect, s, len);
}

/* Numbers: negative ones in parentheses so "a - -1" never reads as a comment */
static void
append_number(StringInfo buf, const char *s)
{
	if (s[0] == '-')
		appendStringInfo(buf, "(%s)", s);
	else
		appendStringInfoString(buf, s);
}

static void
append_float(StringInfo buf, double d)
{
	char		tmp[DOUBLE_SHORTEST_DECIMAL_LEN + 4];

	/*
	 * The remote parses the literal as a double.  A float4 is therefore
	 * spelled as the double it widens to: its own shortest spelling (e.g.
	 * 3.4028235e38 for FLT_MAX) can read back as a double just above the
	 * float range.
	 */
	double_to_shortest_decimal_buf(d, tmp);
	/* an exponent makes it an approximate-number literal, parsed as a double */
	if (strpbrk(tmp, "eE") == NULL)
		strcat(tmp, "e0");
	append_number(buf, tmp);
}

/*
 * 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM:SS.ffffff' or 'HH:MM:SS.ffffff', typed
 * (DATE '..') where the dialect wants it, so that CASE and COALESCE over
 * it stay temporal rather than strings.
 */
static void
append_tm(StringInfo buf, const FdwDialect *dialect, struct pg_tm *tm,
		  fsec_t fsec, bool with_date, bool with_time)
{
	if (dialect->typed_temporal_literals)
		appendStringInfoString(buf, with_date ?
							   (with_time ? "TIMESTAMP " : "DATE ") : "TIME ");
	appendStringInfoChar(buf, '\'');
	if (with_date)
		appendStringInfo(buf, "%04d-%02d-%02d", tm->tm_year, tm->tm_mon, tm->tm_mday);
	if (with_time)
		appendStringInfo(buf, "%s%02d:%02d:%02d.%06d", with_date ? " " : "",
						 tm->tm_hour, tm->tm_min, tm->tm_sec, (int) fsec);
	appendStringInfoChar(buf, '\'');
}

/*
 * Append the literal for one value, or raise the error for a value the
 * remote cannot hold.  Allocates in CurrentMemoryContext (the output
 * function's result), so callers use a short-lived context.
 */
void
fdw_append_literal(StringInfo buf, const FdwDialect *dialect,
				   FdwLiteralOut *lo, Datum value, bool isnull)
{
	if (isnull)
	{
		appendStringInfoString(buf, "NULL");
		return;
	}
	if (!kind_value_sendable(lo->kind, value))
		unsendable_error(lo, value);

	switch (lo->kind)
	{
		case FDW_LIT_INT:
			{
				int64		v;
				char		tmp[MAXINT8LEN + 1];

				if (lo->basetype == INT2OID)
					v = DatumGetInt16(value);
				else if (lo->basetype == INT4OID)
					v = DatumGetInt32(value);
				else if (lo->basetype == OIDOID)
					v = DatumGetObjectId(value);
				else
					v = DatumGetInt64(value);
				snprintf(tmp, sizeof(tmp), INT64_FORMAT, v);
				append_number(buf, tmp);
				break;
			}
		case FDW_LIT_NUMERIC:
			append_number(buf, DatumGetCString(DirectFunctionCall1(numeric_out, value)));
			break;
		case FDW_LIT_FLOAT4:
			append_float(buf, (double) DatumGetFloat4(value));
			break;
		case FDW_LIT_FLOAT8:
			append_float(buf, DatumGetFloat8(value));
			break;
		case FDW_LIT_BOOL:
			appendStringInfoString(buf, DatumGetBool(value) ?
								   dialect->true_literal : dialect->false_literal);
			break;
		case FDW_LIT_BYTEA:
			{
				bytea	   *b = DatumGetByteaPP(value);
				const unsigned char *p = (const unsigned char *) VARDATA_ANY(b);
				int			len = VARSIZE_ANY_EXHDR(b);
				static const char hex[] = "0123456789ABCDEF";
				int			i;

				appendStringInfoString(buf, dialect->binary_prefix);
				enlargeStringInfo(buf, len * 2 + 8);
				for (i = 0; i < len; i++)
				{
					buf->data[buf->len++] = hex[p[i] >> 4];
					buf->data[buf->len++] = hex[p[i] & 0x0F];
				}
				buf->data[buf->len] = '\0';
				appendStringInfoString(buf, dialect->binary_suffix);
				break;
			}
		case FDW_LIT_DATE:
			{
				struct pg_tm tm;

				j2date(DatumGetDateADT(value) + POSTGRES_EPOCH_JDATE,
					   &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
				append_tm(buf, dialect, &tm, 0, true, false);
				break;
			}
		case FDW_LIT_TIME:
			{
				struct pg_tm tm;
				fsec_t		fsec;

				time2tm(DatumGetTimeADT(value), &tm, &fsec);
				append_tm(buf, dialect, &tm, fsec, false, true);
				break;
			}
		case FDW_LIT_TIMESTAMP:
		case FDW_LIT_TIMESTAMPTZ:
			{
				struct pg_tm tm;
				fsec_t		fsec;

				/* no time zone: a timestamptz comes out in UTC */
				if (timestamp2tm(DatumGetTimestamp(value), NULL, &tm, &fsec,
								 NULL, NULL) != 0)
					ereport(ERROR,
							(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
							 errmsg("timestamp out of range")));
				append_tm(buf, dialect, &tm, fsec, true, true);
				break;
			}
		case FDW_LIT_BIT:
			appendStringInfo(buf, "B'%s'", OutputFunctionCall(&lo->outfunc, value));
			break;
		case FDW_LIT_STRING:
			append_server_string(buf, dialect, OutputFunctionCall(&lo->outfunc, value));
			break;
		case FDW_LIT_UNSUPPORTED:
			elog(ERROR, "no literal for type %u", lo->typid);
	}
}

/*
 * One value of a type known only now: a constant of the read path or the
 * value of a runtime parameter.  Errors name no column.
 */
void
fdw_append_value_literal(StringInfo buf, const FdwDialect *dialect,
						 Oid typid, Datum value, bool isnull)
{
	FdwLiteralOut lo;

	if (isnull)
	{
		appendStringInfoString(buf, "NULL");
		return;
	}
	fdw_literal_init(&lo, typid, NULL);
	fdw_append_literal(buf, dialect, &lo, value, false);
}
