/*-------------------------------------------------------------------------
 *
 * dialect_mysql.c
 *		  How MySQL and MariaDB spell SQL, as data for the shared deparser.
 *
 * Only functions and operators whose MySQL result equals PostgreSQL's are
 * listed.  String comparisons are spelled as binary comparisons (MySQL's
 * default collations ignore case and trailing spaces).  Left out on
 * purpose: numeric division (MySQL adds four digits of scale), float4
 * arithmetic (MySQL computes it in double), avg of floats (overflow
 * behaviour differs), lower/upper (different case
 * tables), substr (MySQL counts negative starts from the end), and casts
 * that MySQL clamps where PostgreSQL raises.
 *
 *-------------------------------------------------------------------------
 */
#include "dialects.h"

/*
 * MySQL computes smallint and integer arithmetic in BIGINT, where PostgreSQL
 * raises "out of range".  A guard turns an out-of-range result into a MySQL
 * BIGINT overflow error (anything of magnitude 2 or more times the largest
 * BIGINT overflows), so the query fails as it would locally.
 */
#define GUARD(expr, lo, hi) \
	"(CASE WHEN " expr " BETWEEN " lo " AND " hi " THEN " expr \
	" ELSE " expr " * 9223372036854775807 END)"
#define I4 "-2147483648", "2147483647"
#define I2 "-32768", "32767"
#define GUARDED_ARITH(p, range) \
	{#p "pl", NULL, GUARD("(%1 + %2)", range), FDW_FN_SIMPLE_ARGS}, \
	{#p "mi", NULL, GUARD("(%1 - %2)", range), FDW_FN_SIMPLE_ARGS}, \
	{#p "mul", NULL, GUARD("(%1 * %2)", range), FDW_FN_SIMPLE_ARGS}

#define TEXT_CMP(f, op, flags) \
	{f, NULL, "(CAST(CONVERT(%1 USING utf8mb4) AS BINARY) " op \
	 " CAST(CONVERT(%2 USING utf8mb4) AS BINARY))", flags}

static const FdwFuncMap mysql_funcs[] = {
	FDW_CMP(int2, ""), FDW_CMP(int4, ""), FDW_CMP(int8, ""),
	FDW_CMP(int24, ""), FDW_CMP(int42, ""), FDW_CMP(int28, ""), FDW_CMP(int82, ""),
	FDW_CMP(int48, ""), FDW_CMP(int84, ""),
	FDW_CMP(float4, ""), FDW_CMP(float8, ""), FDW_CMP(float48, ""), FDW_CMP(float84, ""),
	FDW_CMP(numeric, "_"), FDW_CMP(date, "_"), FDW_CMP(timestamp, "_"), FDW_CMP(time, "_"),
	FDW_CMP(timestamptz, "_"),
	GUARDED_ARITH(int2, I2), GUARDED_ARITH(int4, I4),
	GUARDED_ARITH(int24, I4), GUARDED_ARITH(int42, I4),
	/* bigint overflow is an error in MySQL too */
	FDW_ARITH(int8), FDW_ARITH(int48), FDW_ARITH(int84), FDW_ARITH(int28), FDW_ARITH(int82),
	FDW_ARITH(float8),
	{"numeric_add", NULL, "(%1 + %2)", 0},
	{"numeric_sub", NULL, "(%1 - %2)", 0},
	{"numeric_mul", NULL, "(%1 * %2)", 0},
	/* integer division truncates in both; x/0 is NULL in MySQL */
	{"int2div", NULL, "(%1 DIV %2)", FDW_FN_NONZERO_DIVISOR},
	{"int4div", NULL, "(%1 DIV %2)", FDW_FN_NONZERO_DIVISOR},
	{"int8div", NULL, "(%1 DIV %2)", FDW_FN_NONZERO_DIVISOR},
	{"int2mod", NULL, "(%1 MOD %2)", FDW_FN_NONZERO_DIVISOR},
	{"int4mod", NULL, "(%1 MOD %2)", FDW_FN_NONZERO_DIVISOR},
	{"int8mod", NULL, "(%1 MOD %2)", FDW_FN_NONZERO_DIVISOR},
	{"float8div", NULL, "(%1 / %2)", FDW_FN_NONZERO_DIVISOR},
	{"int2um", NULL, "(CASE WHEN %1 = -32768 THEN %1 * 9223372036854775807 ELSE (- %1) END)", FDW_FN_SIMPLE_ARGS},
	{"int4um", NULL, "(CASE WHEN %1 = -2147483648 THEN %1 * 9223372036854775807 ELSE (- %1) END)", FDW_FN_SIMPLE_ARGS},
	{"int8um", NULL, "(- %1)", 0},
	{"float8um", NULL, "(- %1)", 0},
	{"numeric_uminus", NULL, "(- %1)", 0},
	{"int4abs", NULL, "(CASE WHEN %1 = -2147483648 THEN %1 * 9223372036854775807 ELSE ABS(%1) END)", FDW_FN_SIMPLE_ARGS},
	{"int8abs", NULL, "ABS(%1)", 0},
	{"float8abs", NULL, "ABS(%1)", 0},
	{"numeric_abs", NULL, "ABS(%1)", 0},
	/* widening casts keep the value; a double conversion forces float math */
	{"int8", "int4", "%1", 0},
	{"int8", "int2", "%1", 0},
	{"int4", "int2", "%1", 0},
	{"numeric", "int4", "%1", 0},
	{"numeric", "int8", "%1", 0},
	{"float8", "int4", "(%1 + 0E0)", 0},
	{"float8", "int8", "(%1 + 0E0)", 0},
	{"float8", "float4", "(%1 + 0E0)", 0},
	/* MySQL booleans are integers: compare truth values, not numbers */
	{"booleq", NULL, "((%1 <> 0) = (%2 <> 0))", 0},
	{"boolne", NULL, "((%1 <> 0) <> (%2 <> 0))", 0},
	/*
	 * Strings: MySQL's collations ignore case and trailing spaces, so both
	 * sides are compared as the bytes of their UTF-8 form, which is what
	 * PostgreSQL's deterministic collations do for equality and the C
	 * collation for ordering.  (No index use on the remote side.)
	 */
	TEXT_CMP("texteq", "=", FDW_FN_COLLATION_EQUAL),
	TEXT_CMP("textne", "<>", FDW_FN_COLLATION_EQUAL),
	TEXT_CMP("text_lt", "<", FDW_FN_COLLATION_ORDER),
	TEXT_CMP("text_le", "<=", FDW_FN_COLLATION_ORDER),
	TEXT_CMP("text_gt", ">", FDW_FN_COLLATION_ORDER),
	TEXT_CMP("text_ge", ">=", FDW_FN_COLLATION_ORDER),
	/* LIKE under a binary collation: case-sensitive, '_' is one character */
	{"textlike", NULL, "(CONVERT(%1 USING utf8mb4) COLLATE utf8mb4_bin LIKE %2)", FDW_FN_COLLATION_EQUAL},
	{"textnlike", NULL, "(CONVERT(%1 USING utf8mb4) COLLATE utf8mb4_bin NOT LIKE %2)", FDW_FN_COLLATION_EQUAL},
	{"length", "text", "CHAR_LENGTH(%1)", 0},
	{"textcat", NULL, "CONCAT(%1, %2)", 0},
	/* CASE, COALESCE and NULLIF are spelled by the core */
	/* aggregates; sums of integers are exact DECIMALs in MySQL */
	{"count", NULL, "COUNT(%1)", FDW_FN_DISTINCT_OK},
	{"sum", "int2", "SUM(%1)", FDW_FN_DISTINCT_OK},
	{"sum", "int4", "SUM(%1)", FDW_FN_DISTINCT_OK},
	{"sum", "int8", "SUM(%1)", FDW_FN_DISTINCT_OK},
	{"sum", "numeric", "SUM(%1)", FDW_FN_DISTINCT_OK},
	{"sum", "float8", "SUM(%1)", 0},
	/*
	 * Not avg(float8): PostgreSQL also accumulates the squared deviations
	 * and raises when they overflow, which depends on the values and their
	 * order (one row of 1e300 is fine, two rows 1e300 and 0 are not); MySQL
	 * never raises.
	 */
	FDW_MINMAX("int2"), FDW_MINMAX("int4"), FDW_MINMAX("int8"), FDW_MINMAX("numeric"),
	FDW_MINMAX("float4"), FDW_MINMAX("float8"), FDW_MINMAX("date"), FDW_MINMAX("timestamp"),
	FDW_MINMAX("timestamptz"), FDW_MINMAX("time"),
	{"bool_and", NULL, "MIN(%1 <> 0)", 0},
	{"bool_or", NULL, "MAX(%1 <> 0)", 0},
	{NULL, NULL, NULL, 0}
};

#define MYSQL_DIALECT_BODY \
	.quote_open = '`', \
	.quote_close = '`', \
	.nchar_prefix = NULL, \
	.limit_style = FDW_LIMIT_LIMIT_OFFSET, \
	.offset_needs_limit = true, \
	.offset_needs_order = false, \
	.has_nulls_order = false, \
	.nulls_sort_low = true, \
	.bool_is_value = true, \
	.binary_prefix = "X'", \
	.binary_suffix = "'", \
	.true_literal = "TRUE", \
	.false_literal = "FALSE", \
	.concat_template = "CONCAT(%1, %2)", \
	.has_full_join = false, \
	.has_right_join = true, \
	.binary_compare_prefix = "BINARY ", \
	.funcs = mysql_funcs, \
	.for_update = " FOR UPDATE", \
	.for_share = " LOCK IN SHARE MODE", \
	.sequential_set = true, \
	.bool_group_template = "(%1 <> 0)"

/* The default: backslashes escape inside string literals. */
const FdwDialect mysql_dialect = {
	.name = "mysql",
	.string_style = FDW_STRING_BACKSLASH,
	MYSQL_DIALECT_BODY
};

/* When sql_mode has NO_BACKSLASH_ESCAPES, only quotes are doubled. */
const FdwDialect mysql_dialect_no_backslash = {
	.name = "mysql",
	.string_style = FDW_STRING_STANDARD,
	MYSQL_DIALECT_BODY
};
