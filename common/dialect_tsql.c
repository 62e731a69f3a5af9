/*-------------------------------------------------------------------------
 *
 * dialect_tsql.c
 *		  How Microsoft SQL Server (T-SQL) and Sybase ASE spell SQL, as data
 *		  for the shared deparser: one definition for tds_fdw and for
 *		  odbc_fdw's SQL Server and Sybase data sources, so both get the same
 *		  answers.
 *
 * Only functions and operators whose SQL Server result equals
 * PostgreSQL's are listed; everything else is evaluated locally.  Left out
 * on purpose, with the reason:
 *	- every string comparison, LIKE and length(): SQL Server compares under
 *	  the column's collation (usually case-insensitive) and "=" ignores
 *	  trailing spaces under every collation;
 *	- string concatenation: nvarchar(n) + nvarchar(m) is cut at 4000
 *	  characters without an error;
 *	- smallint arithmetic (SQL Server widens to int where PostgreSQL
 *	  overflows), numeric arithmetic and avg() (SQL Server caps precision
 *	  at 38 by cutting the scale, and avg(int) is an int; avg(float8) raises
 *	  in PostgreSQL when its sum of squared deviations overflows, which
 *	  SQL Server does not compute), sum(real);
 *	- casts that round in PostgreSQL but truncate in SQL Server (numeric or
 *	  float to integer);
 *	- timestamp and time comparisons: datetime counts in 1/300 s, which db-lib
 *	  reports rounded to milliseconds, and before SQL Server 2016 datetime
 *	  converted to datetime2 differently, so a remote comparison can see
 *	  another value than PostgreSQL does (MIN/MAX and ORDER BY are safe:
 *	  the rounding keeps the order);
 *	- boolean-valued expressions outside conditions: T-SQL has no boolean
 *	  values, only bit columns compared with 1.
 * Integer division truncates toward zero in both; x/0 raises in SQL Server
 * only under ANSI_WARNINGS/ARITHABORT, so division still requires a
 * non-zero constant divisor.  Dates are compared as CONVERT(date, ...) on
 * both sides: 'YYYY-MM-DD' converted to date is read the same under every
 * SET LANGUAGE / DATEFORMAT, and a datetime column read into a local date
 * column loses its time part on both sides.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include <string.h>

#include "dialects.h"

#define DATE_CMP(f, op) \
	{f, NULL, "(CONVERT(date, %1) " op " CONVERT(date, %2))", 0}

/* +, -, * and / (truncating toward zero) of integers at least int wide */
#define INT_ARITH(p) \
	{#p "pl", NULL, "(%1 + %2)", 0}, \
	{#p "mi", NULL, "(%1 - %2)", 0}, \
	{#p "mul", NULL, "(%1 * %2)", 0}, \
	{#p "div", NULL, "(%1 / %2)", FDW_FN_NONZERO_DIVISOR}

static const FdwFuncMap tsql_funcs[] = {
	FDW_CMP(int2, ""), FDW_CMP(int4, ""), FDW_CMP(int8, ""),
	FDW_CMP(int24, ""), FDW_CMP(int42, ""), FDW_CMP(int28, ""), FDW_CMP(int82, ""),
	FDW_CMP(int48, ""), FDW_CMP(int84, ""),
	FDW_CMP(float4, ""), FDW_CMP(float8, ""), FDW_CMP(float48, ""), FDW_CMP(float84, ""),
	FDW_CMP(numeric, "_"),
	DATE_CMP("date_eq", "="), DATE_CMP("date_ne", "<>"),
	DATE_CMP("date_lt", "<"), DATE_CMP("date_le", "<="),
	DATE_CMP("date_gt", ">"), DATE_CMP("date_ge", ">="),
	/* smallint op int is an int in both; smallint op smallint is not */
	INT_ARITH(int4), INT_ARITH(int8), INT_ARITH(int24), INT_ARITH(int42),
	INT_ARITH(int48), INT_ARITH(int84), INT_ARITH(int28), INT_ARITH(int82),
	{"int4mod", NULL, "(%1 %% %2)", FDW_FN_NONZERO_DIVISOR},
	{"int8mod", NULL, "(%1 %% %2)", FDW_FN_NONZERO_DIVISOR},
	{"float8pl", NULL, "(%1 + %2)", 0},
	{"float8mi", NULL, "(%1 - %2)", 0},
	{"float8mul", NULL, "(%1 * %2)", 0},
	{"float8div", NULL, "(%1 / %2)", FDW_FN_NONZERO_DIVISOR},
	{"int4um", NULL, "(- %1)", 0},
	{"int8um", NULL, "(- %1)", 0},
	{"float8um", NULL, "(- %1)", 0},
	{"numeric_uminus", NULL, "(- %1)", 0},
	{"int4abs", NULL, "ABS(%1)", 0},
	{"int8abs", NULL, "ABS(%1)", 0},
	{"float8abs", NULL, "ABS(%1)", 0},
	{"numeric_abs", NULL, "ABS(%1)", 0},
	/*
	 * Casts are spelled out: an int literal times a bigint column cast is
	 * computed in bigint by PostgreSQL, and would overflow as int remotely.
	 */
	{"int8", "int4", "CAST(%1 AS bigint)", 0},
	{"int8", "int2", "CAST(%1 AS bigint)", 0},
	{"int4", "int2", "CAST(%1 AS int)", 0},
	{"int4", "int8", "CAST(%1 AS int)", 0},
	{"numeric", "int2", "CAST(%1 AS decimal(5,0))", 0},
	{"numeric", "int4", "CAST(%1 AS decimal(10,0))", 0},
	{"numeric", "int8", "CAST(%1 AS decimal(19,0))", 0},
	{"float8", "int4", "CAST(%1 AS float)", 0},
	{"float8", "int8", "CAST(%1 AS float)", 0},
	{"float8", "float4", "CAST(%1 AS float)", 0},
	/* CASE, COALESCE and NULLIF are spelled by the core */
	/*
	 * Aggregates.  COUNT and SUM of int are int in SQL Server (overflowing
	 * at 2^31), so they are widened to PostgreSQL's result types.
	 */
	{"count", NULL, "COUNT_BIG(%1)", FDW_FN_DISTINCT_OK},
	{"sum", "int2", "SUM(CAST(%1 AS bigint))", FDW_FN_DISTINCT_OK},
	{"sum", "int4", "SUM(CAST(%1 AS bigint))", FDW_FN_DISTINCT_OK},
	{"sum", "int8", "SUM(CAST(%1 AS decimal(38,0)))", FDW_FN_DISTINCT_OK},
	{"sum", "numeric", "SUM(%1)", FDW_FN_DISTINCT_OK},
	{"sum", "float8", "SUM(%1)", 0},
	FDW_MINMAX("int2"), FDW_MINMAX("int4"), FDW_MINMAX("int8"), FDW_MINMAX("numeric"),
	FDW_MINMAX("float4"), FDW_MINMAX("float8"), FDW_MINMAX("date"), FDW_MINMAX("timestamp"),
	FDW_MINMAX("timestamptz"), FDW_MINMAX("time"),
	{NULL, NULL, NULL, 0}
};

#define TSQL_DIALECT_BODY \
	.quote_open = '[', \
	.quote_close = ']', \
	.string_style = FDW_STRING_STANDARD, \
	.nchar_prefix = "N", \
	.offset_needs_limit = false, \
	.offset_needs_order = true, \
	.has_nulls_order = false, \
	.nulls_sort_low = true, \
	.bool_is_value = false, \
	.binary_prefix = "0x", \
	.binary_suffix = "", \
	.true_literal = "1", \
	.false_literal = "0", \
	.concat_template = "(%1 + %2)", \
	.has_full_join = true, \
	.has_right_join = true, \
	.text_key_template = NULL, \
	.funcs = tsql_funcs, \
	/* T-SQL locks rows with table hints (UPDLOCK), not a trailing clause */ \
	.for_update = NULL, \
	.for_share = NULL, \
	.sequential_set = false, \
	/* db-lib hands over floats in binary: no digits to lose */ \
	.float_output_template = NULL, \
	/* odbc_fdw's liveness probe (tds_fdw polls the socket) */ \
	.probe_sql = "SELECT 1", \
	/* resets the identity seed; transactional (rolls back with the rest) */ \
	.truncate_restart = "TRUNCATE TABLE %s", \
	.truncate_commits = false

const FdwDialect tsql_dialect = {
	.name = "tsql",
	.limit_style = FDW_LIMIT_TOP_FETCH,
	TSQL_DIALECT_BODY
};

/* ASE has TOP only in some versions and no OFFSET..FETCH: never limit */
const FdwDialect sybase_dialect = {
	.name = "sybase",
	.limit_style = FDW_LIMIT_NONE,
	TSQL_DIALECT_BODY
};

/*
 * The class of a SQL Server (and Sybase) error number, as db-lib's message
 * handler and an ODBC driver's native error both report it; text is the
 * message, which tells a CHECK constraint from a foreign key (both 547).
 * One table for tds_fdw and for odbc_fdw's SQL Server sources.
 */
FdwErrorKind
fdw_tsql_error_kind(int code, const char *text)
{
	switch (code)
	{
		case 208:				/* invalid object name */
			return FDW_ERR_UNDEFINED_TABLE;
		case 207:				/* invalid column name */
			return FDW_ERR_UNDEFINED_COLUMN;
		case 2627:				/* violation of PRIMARY KEY / UNIQUE constraint */
		case 2601:				/* duplicate key row in unique index */
			return FDW_ERR_UNIQUE_VIOLATION;
		case 515:				/* cannot insert NULL */
			return FDW_ERR_NOT_NULL_VIOLATION;
		case 547:				/* conflicted with a FOREIGN KEY/CHECK/REFERENCE */
			return text && strstr(text, "CHECK") ?
				FDW_ERR_CHECK_VIOLATION : FDW_ERR_FK_VIOLATION;
		case 8134:				/* divide by zero */
			return FDW_ERR_DIVISION_BY_ZERO;
		case 18456:				/* login failed */
		case 18452:				/* login from an untrusted domain */
		case 18486:				/* account locked */
		case 18487:				/* password expired */
		case 18488:				/* password must be changed */
			return FDW_ERR_AUTH;
		case 4060:				/* cannot open database requested by the login */
		case 911:				/* database does not exist (USE) */
			return FDW_ERR_UNDEFINED_DATABASE;
		case 1205:				/* deadlock victim */
			return FDW_ERR_DEADLOCK;
		case 1222:				/* lock request time out */
			return FDW_ERR_LOCK_TIMEOUT;
		case 3960:				/* snapshot isolation update conflict */
			return FDW_ERR_SERIALIZATION;
		case 8115:				/* arithmetic overflow */
		case 220:				/* arithmetic overflow for a data type */
		case 232:
		case 8152:				/* string or binary data would be truncated */
		case 2628:
		case 241:				/* conversion failed: date and/or time */
		case 242:				/* out-of-range datetime */
		case 245:				/* conversion failed */
		case 248:
		case 8114:				/* error converting data type */
		case 8169:				/* conversion to uniqueidentifier failed */
		case 517:				/* adding a value to a date overflowed */
		case 3623:				/* invalid floating point operation */
			return FDW_ERR_DATA;
		case 102:				/* incorrect syntax */
		case 156:				/* incorrect syntax near keyword */
		case 170:
		case 195:				/* not a recognized built-in function */
		case 4145:				/* non-boolean expression where a condition is expected */
			return FDW_ERR_SYNTAX;
		case 229:				/* permission denied on object */
		case 230:
		case 262:
		case 297:
		case 300:
			return FDW_ERR_INSUFFICIENT_PRIVILEGE;
		case 701:				/* insufficient system memory */
			return FDW_ERR_OUT_OF_MEMORY;
	}
	return FDW_ERR_OTHER;
}

/*
 * The session settings the SQL of this dialect depends on, one batch for
 * SQL Server (sybase false) or Sybase ASE: NULL = NULL is unknown and
 * NULL + 'x' is NULL, as in standard SQL, and no limit on the size of
 * (max) values, which FreeTDS usually sets to 64 kB (freetds.conf's text
 * size, for db-lib and its ODBC driver alike).  ansi_mode adds the rest of
 * the ANSI settings (as Microsoft's ODBC drivers set them), needed to use
 * indexed views and indexes on computed columns.  Sent by every driver that
 * reaches these servers (tds_fdw; odbc_fdw through any ODBC driver).
 */
const char *
fdw_tsql_session_setup(bool sybase, bool ansi_mode)
{
	if (sybase)
		return ansi_mode ?
			"set textsize 2147483647 set ansinull on set quoted_identifier on" :
			"set textsize 2147483647 set ansinull on";
	return ansi_mode ?
		"SET TEXTSIZE 2147483647; "
		"SET CONCAT_NULL_YIELDS_NULL, ANSI_NULLS, ANSI_WARNINGS, "
		"QUOTED_IDENTIFIER, ANSI_PADDING, ANSI_NULL_DFLT_ON ON" :
		"SET TEXTSIZE 2147483647; SET ANSI_NULLS ON; SET CONCAT_NULL_YIELDS_NULL ON";
}
