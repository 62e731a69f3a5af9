/*-------------------------------------------------------------------------
 *
 * odbc_dialect.c
 *		  How the database behind an ODBC data source spells SQL, chosen at
 *		  connect time from the name the driver reports (SQL_DBMS_NAME).
 *
 * Known systems get a dialect tuned to their semantics; anything else gets
 * a conservative ANSI one that ships only what SQL-92 guarantees:
 * comparisons of numbers and dates.  The core caches shippability per
 * dialect pointer, so every dialect here is a static const struct, one per
 * combination of the facts that change it (quote character, NULL order,
 * backslash escapes), never an allocation per connection.
 *
 * SQLite deserves the most care.  Its columns are dynamically typed: a
 * column declared TEXT may hold '10', and comparing it with the integer 9
 * compares as text ('10' < '9').  Integer comparisons are therefore spelled
 * twice, once with each operand cast to INTEGER: a CAST gives its operand
 * INTEGER affinity, so SQLite converts a text-stored number on the other
 * side to a number before comparing, as PostgreSQL sees the value after
 * reading it.  Both halves agree on every value PostgreSQL can read as an
 * integer, and whichever side the column is on, one half leaves it bare so
 * SQLite can still use its index.  (Operands are repeated, so only columns,
 * constants and parameters qualify.)  String
 * equality and order are spelled COLLATE BINARY (byte order, as in
 * PostgreSQL's C collation), so a column declared COLLATE NOCASE does not
 * make 'A' = 'a'.  Integer arithmetic is sent only inside guarded filters
 * (FDW_FN_GUARDED): a condition such as id % 100 = 0 goes out as
 * "(cond OR NOT (guards))", the guards true where every integer column it
 * reads and every integer it computes is NULL or in its PostgreSQL type's
 * range (no text, no REAL from an overflow), and PostgreSQL checks the
 * condition again on the rows it gets, raising what it would raise.  Left
 * out otherwise for SQLite: arithmetic (integers overflow into
 * floating point, non-numeric text counts as 0), LIKE (case-insensitive by
 * default), float and numeric comparisons (a REAL column may hold text,
 * which SQLite orders after every number; a DECIMAL is a REAL, not exact),
 * dates and times (stored as text in any format), and aggregates other
 * than count.  The ODBC driver passes a REAL value through text with 15
 * significant digits, so a column read as a float is selected as
 * printf('%!.17g'), which PostgreSQL reads back as the same double
 * (SQLite 3.40's printf is off in the last digit for a few values beyond
 * 1e100).  Identifiers are quoted with backquotes: SQLite takes a
 * "double-quoted" name that matches no column for a string literal, so a
 * misspelt column would silently read as its own name instead of failing.
 *
 *-------------------------------------------------------------------------
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "odbc_fdw.h"

/* comparisons spelled with a template per operator */
/* the integer comparison functions of every pair of integer types */
#define INT_CMPS(l, r) \
	FDW_CMP_T(int2, "", l, r), FDW_CMP_T(int4, "", l, r), FDW_CMP_T(int8, "", l, r), \
	FDW_CMP_T(int24, "", l, r), FDW_CMP_T(int42, "", l, r), FDW_CMP_T(int28, "", l, r), \
	FDW_CMP_T(int82, "", l, r), FDW_CMP_T(int48, "", l, r), FDW_CMP_T(int84, "", l, r)

#define FLOAT_CMPS \
	FDW_CMP(float4, ""), FDW_CMP(float8, ""), FDW_CMP(float48, ""), FDW_CMP(float84, "")

#define INT_ARITHS \
	FDW_ARITH(int2), FDW_ARITH(int4), FDW_ARITH(int8), FDW_ARITH(int24), FDW_ARITH(int42), \
	FDW_ARITH(int28), FDW_ARITH(int82), FDW_ARITH(int48), FDW_ARITH(int84)

/* ---------------------------------------------------------------- SQLite */

#define SQLITE_TEXT_CMP(f, op, flags) \
	{f, NULL, "(%1 " op " %2 COLLATE BINARY)", flags}

#define SQLITE_ICMP1(f, op) \
	{f, NULL, "(CAST(%1 AS INTEGER) " op " %2 AND %1 " op " CAST(%2 AS INTEGER))", \
	 FDW_FN_SIMPLE_ARGS}
#define SQLITE_ICMP(p) \
	SQLITE_ICMP1(#p "eq", "="), SQLITE_ICMP1(#p "ne", "<>"), \
	SQLITE_ICMP1(#p "lt", "<"), SQLITE_ICMP1(#p "le", "<="), \
	SQLITE_ICMP1(#p "gt", ">"), SQLITE_ICMP1(#p "ge", ">=")

/*
 * Integer arithmetic, in guarded filters only (FDW_FN_GUARDED): SQLite
 * computes in 64 bits and turns an overflow into a REAL, x / 0 into NULL,
 * and text into 0; the guards let every such row through to PostgreSQL,
 * which checks the condition itself and raises what it raises.
 */
#define SQLITE_GARITH(p) \
	{#p "pl", NULL, "(%1 + %2)", FDW_FN_GUARDED}, \
	{#p "mi", NULL, "(%1 - %2)", FDW_FN_GUARDED}, \
	{#p "mul", NULL, "(%1 * %2)", FDW_FN_GUARDED}, \
	{#p "div", NULL, "(%1 / %2)", FDW_FN_GUARDED | FDW_FN_NONZERO_DIVISOR}

static const FdwFuncMap sqlite_funcs[] = {
	SQLITE_ICMP(int2), SQLITE_ICMP(int4), SQLITE_ICMP(int8),
	SQLITE_GARITH(int2), SQLITE_GARITH(int4), SQLITE_GARITH(int8),
	SQLITE_GARITH(int24), SQLITE_GARITH(int42), SQLITE_GARITH(int28),
	SQLITE_GARITH(int82), SQLITE_GARITH(int48), SQLITE_GARITH(int84),
	{"int2mod", NULL, "(%1 %% %2)", FDW_FN_GUARDED | FDW_FN_NONZERO_DIVISOR | FDW_FN_RESULT_IN_RANGE},
	{"int4mod", NULL, "(%1 %% %2)", FDW_FN_GUARDED | FDW_FN_NONZERO_DIVISOR | FDW_FN_RESULT_IN_RANGE},
	{"int8mod", NULL, "(%1 %% %2)", FDW_FN_GUARDED | FDW_FN_NONZERO_DIVISOR | FDW_FN_RESULT_IN_RANGE},
	{"int2um", NULL, "(- %1)", FDW_FN_GUARDED},
	{"int4um", NULL, "(- %1)", FDW_FN_GUARDED},
	{"int8um", NULL, "(- %1)", FDW_FN_GUARDED},
	SQLITE_ICMP(int24), SQLITE_ICMP(int42), SQLITE_ICMP(int28),
	SQLITE_ICMP(int82), SQLITE_ICMP(int48), SQLITE_ICMP(int84),
	SQLITE_TEXT_CMP("texteq", "=", FDW_FN_COLLATION_EQUAL),
	SQLITE_TEXT_CMP("textne", "<>", FDW_FN_COLLATION_EQUAL),
	SQLITE_TEXT_CMP("text_lt", "<", FDW_FN_COLLATION_ORDER),
	SQLITE_TEXT_CMP("text_le", "<=", FDW_FN_COLLATION_ORDER),
	SQLITE_TEXT_CMP("text_gt", ">", FDW_FN_COLLATION_ORDER),
	SQLITE_TEXT_CMP("text_ge", ">=", FDW_FN_COLLATION_ORDER),
	/* characters of a string (a number counts the characters of its text) */
	{"length", "text", "length(%1)", 0},
	{"textcat", NULL, "(%1 || %2)", 0},
	/* the number of non-NULL values does not depend on their types */
	{"count", NULL, "count(%1)", 0},
	{NULL, NULL, NULL, 0}
};

/* SQLite itself reports " as its quote; see the file header for ` */
static const FdwDialect sqlite_dialect = {
	.name = "sqlite",
	.quote_open = '`',
	.quote_close = '`',
	.string_style = FDW_STRING_STANDARD,
	.nchar_prefix = NULL,
	.limit_style = FDW_LIMIT_LIMIT_OFFSET,
	.offset_needs_limit = true,
	.offset_needs_order = false,
	/* NULLS FIRST/LAST only since SQLite 3.30 */
	.has_nulls_order = false,
	.nulls_sort_low = true,
	.bool_is_value = true,
	.binary_prefix = "X'",
	.binary_suffix = "'",
	.true_literal = "1",
	.false_literal = "0",
	.concat_template = "(%1 || %2)",
	/* RIGHT and FULL JOIN only since SQLite 3.39 */
	.has_full_join = false,
	.has_right_join = false,
	.text_key_template = NULL,
	.funcs = sqlite_funcs,
	/* 17 digits where a REAL would reach the driver as 15 (see the header) */
	.float_output_template =
	"CASE typeof(%1) WHEN 'real' THEN printf('%%!.17g', %1) ELSE %1 END",
	/* NULL or an integer PostgreSQL's type holds (guarded filters) */
	.guard_int2 = "(%1 IS NULL OR (typeof(%1) = 'integer' AND %1 BETWEEN -32768 AND 32767))",
	.guard_int4 = "(%1 IS NULL OR (typeof(%1) = 'integer' AND %1 BETWEEN -2147483648 AND 2147483647))",
	.guard_int8 = "(%1 IS NULL OR typeof(%1) = 'integer')",
	/* in-process, a file: no server that could drop the connection */
	.probe_sql = NULL
};

/* ------------------------------------------------------------ PostgreSQL */

/*
 * A remote PostgreSQL computes what the local one does.  The session runs
 * with TimeZone UTC (set by the driver), the zone the core spells
 * timestamptz literals in; string order is forced to the C collation.
 * Division by zero raises the same error remotely, so divisors need not be
 * constants.
 */
#define PG_TEXT_ORDER(f, op) \
	{f, NULL, "(%1 " op " %2 COLLATE \"C\")", FDW_FN_COLLATION_ORDER}

#define PG_SUMS(t) \
	{"sum", t, "sum(%1)", FDW_FN_DISTINCT_OK}, \
	{"avg", t, "avg(%1)", FDW_FN_DISTINCT_OK}

static const FdwFuncMap postgres_funcs[] = {
	INT_CMPS("%1", "%2"),
	FLOAT_CMPS,
	FDW_CMP(numeric, "_"), FDW_CMP(date, "_"), FDW_CMP(timestamp, "_"), FDW_CMP(time, "_"),
	FDW_CMP(timestamptz, "_"),
	{"booleq", NULL, "(%1 = %2)", 0},
	{"boolne", NULL, "(%1 <> %2)", 0},
	INT_ARITHS,
	FDW_ARITH(float4), FDW_ARITH(float8), FDW_ARITH(float48), FDW_ARITH(float84),
	{"numeric_add", NULL, "(%1 + %2)", 0},
	{"numeric_sub", NULL, "(%1 - %2)", 0},
	{"numeric_mul", NULL, "(%1 * %2)", 0},
	{"numeric_div", NULL, "(%1 / %2)", 0},
	{"int2div", NULL, "(%1 / %2)", 0},
	{"int4div", NULL, "(%1 / %2)", 0},
	{"int8div", NULL, "(%1 / %2)", 0},
	{"int2mod", NULL, "(%1 %% %2)", 0},
	{"int4mod", NULL, "(%1 %% %2)", 0},
	{"int8mod", NULL, "(%1 %% %2)", 0},
	{"float8div", NULL, "(%1 / %2)", 0},
	{"int2um", NULL, "(- %1)", 0},
	{"int4um", NULL, "(- %1)", 0},
	{"int8um", NULL, "(- %1)", 0},
	{"float8um", NULL, "(- %1)", 0},
	{"numeric_uminus", NULL, "(- %1)", 0},
	{"int4abs", NULL, "abs(%1)", 0},
	{"int8abs", NULL, "abs(%1)", 0},
	{"float8abs", NULL, "abs(%1)", 0},
	{"numeric_abs", NULL, "abs(%1)", 0},
	{"int8", "int4", "CAST(%1 AS bigint)", 0},
	{"int8", "int2", "CAST(%1 AS bigint)", 0},
	{"int4", "int2", "CAST(%1 AS integer)", 0},
	{"numeric", "int4", "CAST(%1 AS numeric)", 0},
	{"numeric", "int8", "CAST(%1 AS numeric)", 0},
	{"float8", "int4", "CAST(%1 AS double precision)", 0},
	{"float8", "int8", "CAST(%1 AS double precision)", 0},
	{"float8", "float4", "CAST(%1 AS double precision)", 0},
	{"texteq", NULL, "(%1 = %2)", FDW_FN_COLLATION_EQUAL},
	{"textne", NULL, "(%1 <> %2)", FDW_FN_COLLATION_EQUAL},
	PG_TEXT_ORDER("text_lt", "<"),
	PG_TEXT_ORDER("text_le", "<="),
	PG_TEXT_ORDER("text_gt", ">"),
	PG_TEXT_ORDER("text_ge", ">="),
	{"textlike", NULL, "(%1 LIKE %2)", FDW_FN_COLLATION_EQUAL},
	{"textnlike", NULL, "(%1 NOT LIKE %2)", FDW_FN_COLLATION_EQUAL},
	{"length", "text", "length(%1)", 0},
	{"textcat", NULL, "(%1 || %2)", 0},
	{"count", NULL, "count(%1)", FDW_FN_DISTINCT_OK},
	PG_SUMS("int2"), PG_SUMS("int4"), PG_SUMS("int8"), PG_SUMS("numeric"),
	PG_SUMS("float4"), PG_SUMS("float8"),
	FDW_MINMAX("int2"), FDW_MINMAX("int4"), FDW_MINMAX("int8"), FDW_MINMAX("numeric"),
	FDW_MINMAX("float4"), FDW_MINMAX("float8"), FDW_MINMAX("date"), FDW_MINMAX("timestamp"),
	FDW_MINMAX("timestamptz"), FDW_MINMAX("time"),
	{"bool_and", NULL, "bool_and(%1)", 0},
	{"bool_or", NULL, "bool_or(%1)", 0},
	{NULL, NULL, NULL, 0}
};

#define POSTGRES_DIALECT_BODY \
	.quote_open = '"', \
	.quote_close = '"', \
	.nchar_prefix = NULL, \
	.limit_style = FDW_LIMIT_LIMIT_OFFSET, \
	.offset_needs_limit = false, \
	.offset_needs_order = false, \
	.has_nulls_order = true, \
	.nulls_sort_low = false, \
	.bool_is_value = true, \
	.binary_prefix = "E'\\\\x", \
	.binary_suffix = "'::bytea", \
	.true_literal = "TRUE", \
	.false_literal = "FALSE", \
	.concat_template = "(%1 || %2)", \
	.has_full_join = true, \
	.has_right_join = true, \
	.text_key_template = NULL, \
	.funcs = postgres_funcs, \
	.probe_sql = "SELECT 1", \
	/* transactional; resets the sequences the table's columns own */ \
	.truncate_restart = "TRUNCATE TABLE %s RESTART IDENTITY", \
	.truncate_commits = false

static const FdwDialect postgres_dialect = {
	.name = "postgres",
	.string_style = FDW_STRING_STANDARD,
	POSTGRES_DIALECT_BODY
};

/* standard_conforming_strings = off: backslashes escape in '' literals */
static const FdwDialect postgres_dialect_backslash = {
	.name = "postgres",
	.string_style = FDW_STRING_BACKSLASH,
	POSTGRES_DIALECT_BODY
};

/* -------------------------------------------------------------- T-SQL */

/*
 * SQL Server and Sybase ASE: common/dialect_tsql.c, the one tds_fdw uses
 * (COUNT_BIG, no smallint arithmetic, no timestamp comparisons: see there).
 */

/* -------------------------------------------------------------- ANSI */

/*
 * Any other DBMS: comparisons of numbers and dates, which SQL-92 defines,
 * with date and timestamp constants spelled as standard CASTs of their ISO
 * text.  No arithmetic (overflow and division differ), no strings
 * (collations differ), no LIMIT (SQL-92 has none), only LEFT joins.
 */
static const FdwFuncMap ansi_funcs[] = {
	INT_CMPS("%1", "%2"),
	FLOAT_CMPS,
	FDW_CMP(numeric, "_"),
	FDW_CMP_T(date, "_", "%1", "CAST(%2 AS DATE)"),
	FDW_CMP_T(timestamp, "_", "%1", "CAST(%2 AS TIMESTAMP)"),
	{"count", NULL, "COUNT(%1)", 0},
	{NULL, NULL, NULL, 0}
};

#define ANSI_DIALECT(var, q_open, q_close, low) \
static const FdwDialect var = { \
	.name = "ansi", \
	.quote_open = q_open, \
	.quote_close = q_close, \
	.string_style = FDW_STRING_STANDARD, \
	.nchar_prefix = NULL, \
	.limit_style = FDW_LIMIT_NONE, \
	.offset_needs_limit = true, \
	.offset_needs_order = false, \
	.has_nulls_order = false, \
	.nulls_sort_low = low, \
	.bool_is_value = false, \
	.binary_prefix = "X'", \
	.binary_suffix = "'", \
	.true_literal = "1", \
	.false_literal = "0", \
	.concat_template = "(%1 || %2)", \
	.has_full_join = false, \
	.has_right_join = false, \
	.text_key_template = NULL, \
	.funcs = ansi_funcs, \
	/* SELECT 1 is not valid everywhere (Oracle, DB2): no probe */ \
	.probe_sql = NULL \
}

ANSI_DIALECT(ansi_dq_low, '"', '"', true);
ANSI_DIALECT(ansi_dq_high, '"', '"', false);
ANSI_DIALECT(ansi_bq_low, '`', '`', true);
ANSI_DIALECT(ansi_bq_high, '`', '`', false);

/* ---------------------------------------------------------------- choice */

static const struct
{
	const char *prefix;			/* SQL_DBMS_NAME starts with it */
	OdbcDbms	dbms;
	const char *label;
}			known_dbms[] = {
	{"SQLite", ODBC_DBMS_SQLITE, "SQLite"},
	{"MariaDB", ODBC_DBMS_MYSQL, "MySQL"},
	{"MySQL", ODBC_DBMS_MYSQL, "MySQL"},
	{"PostgreSQL", ODBC_DBMS_POSTGRES, "PostgreSQL"},
	{"Microsoft SQL Server", ODBC_DBMS_MSSQL, "Microsoft SQL Server"},
	/* Sybase's ODBC driver reports "Adaptive Server Enterprise" */
	{"Adaptive Server", ODBC_DBMS_SYBASE, "Sybase ASE"},
	{NULL, ODBC_DBMS_OTHER, NULL}
};

/* Which known system a driver's SQL_DBMS_NAME names. */
OdbcDbms
odbc_dbms_of(const char *dbms_name)
{
	int			i;

	for (i = 0; known_dbms[i].prefix; i++)
		if (strncasecmp(dbms_name, known_dbms[i].prefix,
						strlen(known_dbms[i].prefix)) == 0)
			return known_dbms[i].dbms;
	return ODBC_DBMS_OTHER;
}

const char *
odbc_dbms_label(OdbcDbms dbms)
{
	int			i;

	for (i = 0; known_dbms[i].prefix; i++)
		if (known_dbms[i].dbms == dbms)
			return known_dbms[i].label;
	return "other";
}

const FdwDialect *
odbc_dialect_for(const OdbcDialectFacts *facts)
{
	switch (facts->dbms)
	{
		case ODBC_DBMS_SQLITE:
			return &sqlite_dialect;
		case ODBC_DBMS_MYSQL:
			return facts->backslash_escapes ? &mysql_dialect :
				&mysql_dialect_no_backslash;
		case ODBC_DBMS_POSTGRES:
			return facts->backslash_escapes ? &postgres_dialect_backslash :
				&postgres_dialect;
		case ODBC_DBMS_MSSQL:
			return &tsql_dialect;
		case ODBC_DBMS_SYBASE:
			return &sybase_dialect;
		case ODBC_DBMS_OTHER:
			break;
	}
	/* a driver without identifier quoting reports ' ': the standard's " */
	if (facts->quote == '`')
		return facts->nulls_high ? &ansi_bq_high : &ansi_bq_low;
	return facts->nulls_high ? &ansi_dq_high : &ansi_dq_low;
}
