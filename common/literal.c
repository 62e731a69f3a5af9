/*-------------------------------------------------------------------------
 *
 * literal.c
 *		  Any PostgreSQL value as a literal of the remote's SQL, for the
 *		  write path.
 *
 * The read path ships only the few types that shippable.c accepts in WHERE
 * clauses (fdw_deparse_literal in deparse.c).  A write must send every
 * column of every row, so this file spells each type such that the remote
 * stores exactly the value PostgreSQL had: integers and numerics as their
 * exact digits, floats in the shortest form that reads back to the same
 * double (with an exponent, so the remote parses a double rather than an
 * exact decimal), timestamps with microseconds, timestamptz converted
 * to UTC (the remote session's time zone), bytea as the dialect's binary
 * literal, bit strings as B'0101', and every other type through its output
 * function as a string literal in UTF-8 (json, uuid, enums, arrays, ...).
 *
 * Values the remote cannot hold are errors here, never approximations:
 * NaN and infinities, infinite or BC dates.  Types whose text means nothing
 * to another database (money, interval, timetz, reg*, pseudo-types) are
 * refused when the statement is planned (fdw_literal_kind).
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

void
fdw_literal_init(FdwLiteralOut *lo, Oid typid, const char *colname)
{
	Oid			outfunc;
	bool		varlena;

	memset(lo, 0, sizeof(*lo));
	lo->typid = typid;
	lo->colname = colname;
	lo->kind = fdw_literal_kind(typid);
	if (lo->kind == FDW_LIT_UNSUPPORTED)
		ereport(ERROR,
				(errcode(ERRCODE_FDW_INVALID_DATA_TYPE),
				 errmsg("values of type %s cannot be sent to the remote server",
						format_type_be(typid)),
				 errdetail("Column \"%s\" has this type.", colname)));
	getTypeOutputInfo(typid, &outfunc, &varlena);
	fmgr_info(outfunc, &lo->outfunc);
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

static void
value_error(FdwLiteralOut *lo, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("%s cannot be sent to the remote server", what),
			 errdetail("The value is in column \"%s\".", lo->colname)));
}

static void
append_float(StringInfo buf, FdwLiteralOut *lo, double d)
{
	char		tmp[DOUBLE_SHORTEST_DECIMAL_LEN + 4];

	if (isnan(d) || isinf(d))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("floating-point value \"%s\" cannot be sent to the remote server",
						isnan(d) ? "NaN" : (d > 0 ? "Infinity" : "-Infinity")),
				 errdetail("The value is in column \"%s\".", lo->colname)));
	/*
	 * The remote parses the literal as a double.  A float4 is therefore
	 * spelled as the double it widens to: its own shortest spelling (e.g.
	 * 3.4028235e38 for FLT_MAX) can read back as a double just above the
	 * float range.
	 */
	double_to_shortest_decimal_buf(d, tmp);
	appendStringInfoString(buf, tmp);
	/* an exponent makes it an approximate-number literal, parsed as a double */
	if (strpbrk(tmp, "eE") == NULL)
		appendStringInfoString(buf, "e0");
}

/* 'YYYY-MM-DD[ HH:MM:SS.ffffff]' or 'HH:MM:SS.ffffff' */
static void
append_tm(StringInfo buf, FdwLiteralOut *lo, struct pg_tm *tm, fsec_t fsec,
		  bool with_date, bool with_time)
{
	appendStringInfoChar(buf, '\'');
	if (with_date)
	{
		/* tm_year <= 0 is BC: no remote calendar we speak has it */
		if (tm->tm_year <= 0)
			value_error(lo, "a date before the year 1");
		appendStringInfo(buf, "%04d-%02d-%02d", tm->tm_year, tm->tm_mon, tm->tm_mday);
	}
	if (with_time)
		appendStringInfo(buf, "%s%02d:%02d:%02d.%06d", with_date ? " " : "",
						 tm->tm_hour, tm->tm_min, tm->tm_sec, (int) fsec);
	appendStringInfoChar(buf, '\'');
}

static void
append_timestamp(StringInfo buf, FdwLiteralOut *lo, Timestamp ts)
{
	struct pg_tm tm;
	fsec_t		fsec;

	if (TIMESTAMP_NOT_FINITE(ts))
		value_error(lo, "an infinite timestamp");
	/* no time zone: a timestamptz comes out in UTC */
	if (timestamp2tm(ts, NULL, &tm, &fsec, NULL, NULL) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	append_tm(buf, lo, &tm, fsec, true, true);
}

/*
 * Append the literal for one value.  Allocates in CurrentMemoryContext (the
 * output function's result), so callers use a short-lived context.
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

	switch (lo->kind)
	{
		case FDW_LIT_INT:
			{
				int64		v;
				Oid			base = getBaseType(lo->typid);

				if (base == INT2OID)
					v = DatumGetInt16(value);
				else if (base == INT4OID)
					v = DatumGetInt32(value);
				else if (base == OIDOID)
					v = DatumGetObjectId(value);
				else
					v = DatumGetInt64(value);
				appendStringInfo(buf, INT64_FORMAT, v);
				break;
			}
		case FDW_LIT_NUMERIC:
			{
				char	   *s = OutputFunctionCall(&lo->outfunc, value);

				/* NaN and the infinities have no remote spelling */
				if (strcmp(s, "NaN") == 0 || strcmp(s, "Infinity") == 0 ||
					strcmp(s, "-Infinity") == 0)
					ereport(ERROR,
							(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
							 errmsg("numeric value \"%s\" cannot be sent to the remote server", s),
							 errdetail("The value is in column \"%s\".", lo->colname)));
				appendStringInfoString(buf, s);
				break;
			}
		case FDW_LIT_FLOAT4:
			append_float(buf, lo, (double) DatumGetFloat4(value));
			break;
		case FDW_LIT_FLOAT8:
			append_float(buf, lo, DatumGetFloat8(value));
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
				DateADT		d = DatumGetDateADT(value);
				struct pg_tm tm;

				if (DATE_NOT_FINITE(d))
					value_error(lo, "an infinite date");
				j2date(d + POSTGRES_EPOCH_JDATE, &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
				append_tm(buf, lo, &tm, 0, true, false);
				break;
			}
		case FDW_LIT_TIME:
			{
				struct pg_tm tm;
				fsec_t		fsec;

				time2tm(DatumGetTimeADT(value), &tm, &fsec);
				append_tm(buf, lo, &tm, fsec, false, true);
				break;
			}
		case FDW_LIT_TIMESTAMP:
		case FDW_LIT_TIMESTAMPTZ:
			append_timestamp(buf, lo, DatumGetTimestamp(value));
			break;
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
