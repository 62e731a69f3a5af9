/*-------------------------------------------------------------------------
 *
 * dialect_sqlite.c
 *		  How SQLite spells SQL, as data for the shared deparser (odbc_fdw
 *		  reaches it through the SQLite ODBC driver).
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
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include <stddef.h>
#include <string.h>

#include "dialect_macros.h"
#include "dialects.h"

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
const FdwDialect sqlite_dialect = {
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

/* Does s contain needle?  (SQLite's messages are English and fixed.) */
static int
has(const char *s, const char *needle)
{
	return s != NULL && strstr(s, needle) != NULL;
}

/*
 * The class of an SQLite error, from its message: the SQLite ODBC driver
 * reports every error as SQLSTATE HY000 and native code 1.
 */
FdwErrorKind
fdw_sqlite_error_kind(const char *msg)
{
	if (has(msg, "no such table"))
		return FDW_ERR_UNDEFINED_TABLE;
	if (has(msg, "no such column"))
		return FDW_ERR_UNDEFINED_COLUMN;
	if (has(msg, "syntax error") || has(msg, "unrecognized token"))
		return FDW_ERR_SYNTAX;
	if (has(msg, "UNIQUE constraint failed"))
		return FDW_ERR_UNIQUE_VIOLATION;
	if (has(msg, "NOT NULL constraint failed"))
		return FDW_ERR_NOT_NULL_VIOLATION;
	if (has(msg, "FOREIGN KEY constraint failed"))
		return FDW_ERR_FK_VIOLATION;
	if (has(msg, "CHECK constraint failed"))
		return FDW_ERR_CHECK_VIOLATION;
	if (has(msg, "database is locked"))
		return FDW_ERR_LOCK_TIMEOUT;
	if (has(msg, "unable to open database") || has(msg, "not a database"))
		return FDW_ERR_CONNECTION;
	if (has(msg, "datatype mismatch"))
		return FDW_ERR_DATA;
	return FDW_ERR_OTHER;
}
