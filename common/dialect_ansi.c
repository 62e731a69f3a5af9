/*-------------------------------------------------------------------------
 *
 * dialect_ansi.c
 *		  The conservative SQL-92 dialect for any other DBMS (odbc_fdw).
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
const FdwDialect var = { \
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

