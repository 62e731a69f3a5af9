/*-------------------------------------------------------------------------
 *
 * dialect_postgres.c
 *		  How a remote PostgreSQL spells SQL (odbc_fdw through psqlODBC).
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include <stddef.h>

#include "dialect_macros.h"
#include "dialects.h"

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

const FdwDialect postgres_dialect = {
	.name = "postgres",
	.string_style = FDW_STRING_STANDARD,
	POSTGRES_DIALECT_BODY
};

/* standard_conforming_strings = off: backslashes escape in '' literals */
const FdwDialect postgres_dialect_backslash = {
	.name = "postgres",
	.string_style = FDW_STRING_BACKSLASH,
	POSTGRES_DIALECT_BODY
};

