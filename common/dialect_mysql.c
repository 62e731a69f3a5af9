/*-------------------------------------------------------------------------
 *
 * dialect_mysql.c
 *		  How MySQL and MariaDB spell SQL, as data for the shared deparser.
 *
 * Only functions and operators whose MySQL result equals PostgreSQL's are
 * listed.  String comparisons are spelled as binary comparisons (MySQL's
 * default collations ignore case and trailing spaces).  Left out on
 * purpose: numeric division (MySQL adds four digits of scale), float4
 * arithmetic (MySQL computes it in double), lower/upper (different case
 * tables), substr (MySQL counts negative starts from the end), and casts
 * that MySQL clamps where PostgreSQL raises.
 *
 * Also how MySQL spells two-phase commit (XA), which the core runs for
 * mysql_fdw and for odbc_fdw's MySQL and MariaDB data sources alike.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "dialects.h"

/*
 * MySQL computes smallint and integer arithmetic in BIGINT, where PostgreSQL
 * raises "out of range".  A guard turns an out-of-range result into a MySQL
 * BIGINT overflow error (anything of magnitude 2 or more times a number
 * near the largest BIGINT overflows), so the query fails as it would
 * locally.  The multiplier says which condition it guards: MySQL's message
 * quotes the expression, and mysql_guard_errors below turn it back into
 * PostgreSQL's error.
 */
#define OVF_INT2 "9223372036854775806"
#define OVF_INT4 "9223372036854775807"
#define OVF_INT8 "9223372036854775805"
#define NEG_SUBSTR "9223372036854775804"
#define GUARD(expr, lo, hi, ovf) \
	"(CASE WHEN " expr " BETWEEN " lo " AND " hi " THEN " expr \
	" ELSE " expr " * " ovf " END)"
#define I4 "-2147483648", "2147483647", OVF_INT4
#define I2 "-32768", "32767", OVF_INT2
#define GUARDED_ARITH(p, range) \
	{#p "pl", NULL, GUARD("(%1 + %2)", range), FDW_FN_SIMPLE_ARGS}, \
	{#p "mi", NULL, GUARD("(%1 - %2)", range), FDW_FN_SIMPLE_ARGS}, \
	{#p "mul", NULL, GUARD("(%1 * %2)", range), FDW_FN_SIMPLE_ARGS}

/* a string as the bytes of its UTF-8 form, which compare as code points */
#define MYSQL_TEXT_KEY(x) "CAST(CONVERT(" x " USING utf8mb4) AS BINARY)"
#define TEXT_CMP(f, op, flags) \
	{f, NULL, "(" MYSQL_TEXT_KEY("%1") " " op " " MYSQL_TEXT_KEY("%2") ")", flags}

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
	{"int2um", NULL, "(CASE WHEN %1 = -32768 THEN %1 * " OVF_INT2 " ELSE (- %1) END)", FDW_FN_SIMPLE_ARGS},
	{"int4um", NULL, "(CASE WHEN %1 = -2147483648 THEN %1 * " OVF_INT4 " ELSE (- %1) END)", FDW_FN_SIMPLE_ARGS},
	{"int8um", NULL, "(- %1)", 0},
	{"float8um", NULL, "(- %1)", 0},
	{"numeric_uminus", NULL, "(- %1)", 0},
	{"int4abs", NULL, "(CASE WHEN %1 = -2147483648 THEN %1 * " OVF_INT4 " ELSE ABS(%1) END)", FDW_FN_SIMPLE_ARGS},
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
	/* narrowing casts raise out of range, as in PostgreSQL */
	{"int4", "int8", GUARD("%1", "-2147483648", "2147483647", OVF_INT4), FDW_FN_SIMPLE_ARGS},
	{"int2", "int4", GUARD("%1", "-32768", "32767", OVF_INT2), FDW_FN_SIMPLE_ARGS},
	{"int2", "int8", GUARD("%1", "-32768", "32767", OVF_INT2), FDW_FN_SIMPLE_ARGS},
	/*
	 * numeric to integer: both round halves away from zero; MySQL clamps
	 * out-of-range values, so those are made to overflow instead
	 */
	{"int4", "numeric", "(CASE WHEN %1 > -2147483648.5 AND %1 < 2147483647.5 THEN CAST(%1 AS SIGNED)"
	" ELSE CAST(%1 AS SIGNED) * " OVF_INT4 " END)", FDW_FN_SIMPLE_ARGS},
	{"int2", "numeric", "(CASE WHEN %1 > -32768.5 AND %1 < 32767.5 THEN CAST(%1 AS SIGNED)"
	" ELSE CAST(%1 AS SIGNED) * " OVF_INT2 " END)", FDW_FN_SIMPLE_ARGS},
	{"int8", "numeric", "(CASE WHEN %1 > -9223372036854775808.5 AND %1 < 9223372036854775807.5"
	" THEN CAST(%1 AS SIGNED) ELSE CAST(%1 AS SIGNED) * " OVF_INT8 " END)", FDW_FN_SIMPLE_ARGS},
	/* double to integer: both round halves to even (rint); guarded as above */
	{"int4", "float8", "(CASE WHEN %1 >= -2147483648.5 AND %1 < 2147483647.5 THEN CAST(%1 AS SIGNED)"
	" ELSE CAST(%1 AS SIGNED) * " OVF_INT4 " END)", FDW_FN_SIMPLE_ARGS},
	{"int4", "float4", "(CASE WHEN %1 >= -2147483648.5 AND %1 < 2147483647.5 THEN CAST(%1 AS SIGNED)"
	" ELSE CAST(%1 AS SIGNED) * " OVF_INT4 " END)", FDW_FN_SIMPLE_ARGS},
	{"int8", "float8", "(CASE WHEN %1 >= -9223372036854775808E0 AND %1 < 9223372036854775808E0"
	" THEN CAST(%1 AS SIGNED) ELSE CAST(%1 AS SIGNED) * " OVF_INT8 " END)", FDW_FN_SIMPLE_ARGS},
	{"numeric", "int2", "%1", 0},
	{"float8", "numeric", "(%1 + 0E0)", 0},
	{"float8", "int2", "(%1 + 0E0)", 0},
	/* a date is midnight of its day; a timestamp's date drops the time */
	{"timestamp", "date", "CAST(%1 AS DATETIME(6))", 0},
	{"date", "timestamp", "CAST(%1 AS DATE)", 0},
	/* days between two dates (both within MySQL's range: they come from it) */
	{"date_mi", NULL, "DATEDIFF(%1, %2)", 0},
	/* abs() by its function name (the operator @ has its own entries above) */
	{"abs", "int2", "(CASE WHEN %1 = -32768 THEN %1 * " OVF_INT2 " ELSE ABS(%1) END)", FDW_FN_SIMPLE_ARGS},
	{"abs", "int4", "(CASE WHEN %1 = -2147483648 THEN %1 * " OVF_INT4 " ELSE ABS(%1) END)", FDW_FN_SIMPLE_ARGS},
	{"abs", "int8", "ABS(%1)", 0},
	{"abs", "float8", "ABS(%1)", 0},
	{"abs", "numeric", "ABS(%1)", 0},
	/* decimal rounding: halves away from zero, the scale of the constant */
	{"round", "numeric,int4", "ROUND(%1, %2)", FDW_FN_SCALE_ARG},
	{"round", "numeric", "ROUND(%1)", 0},
	{"trunc", "numeric,int4", "TRUNCATE(%1, %2)", FDW_FN_SCALE_ARG},
	{"trunc", "numeric", "TRUNCATE(%1, 0)", 0},
	/* double precision arithmetic with a real operand is done in double */
	FDW_ARITH(float48), FDW_ARITH(float84),
	{"float48div", NULL, "(%1 / %2)", FDW_FN_NONZERO_DIVISOR},
	{"float84div", NULL, "(%1 / %2)", FDW_FN_NONZERO_DIVISOR},
	FDW_CMP(float48, ""), FDW_CMP(float84, ""),
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
	/*
	 * character(n): PostgreSQL matches the value blank-padded to n, MySQL
	 * returns a CHAR without its trailing blanks ("c LIKE 'ab'" is false
	 * for 'ab' in char(5) here, true there): pad it back first
	 */
	{"bpcharlike", NULL, "(CONVERT(RPAD(%1, %W1, ' ') USING utf8mb4) COLLATE utf8mb4_bin LIKE %2)",
	FDW_FN_COLLATION_EQUAL | FDW_FN_CHAR_WIDTH},
	{"bpcharnlike", NULL, "(CONVERT(RPAD(%1, %W1, ' ') USING utf8mb4) COLLATE utf8mb4_bin NOT LIKE %2)",
	FDW_FN_COLLATION_EQUAL | FDW_FN_CHAR_WIDTH},
	{"textnlike", NULL, "(CONVERT(%1 USING utf8mb4) COLLATE utf8mb4_bin NOT LIKE %2)", FDW_FN_COLLATION_EQUAL},
	{"length", "text", "CHAR_LENGTH(%1)", 0},
	{"textcat", NULL, "CONCAT(%1, %2)", 0},
	{"char_length", "text", "CHAR_LENGTH(%1)", 0},
	{"character_length", "text", "CHAR_LENGTH(%1)", 0},
	{"octet_length", "text", "OCTET_LENGTH(CONVERT(%1 USING utf8mb4))", 0},
	/* spaces only, as PostgreSQL's one-argument forms */
	{"btrim", "text", "TRIM(%1)", 0},
	{"ltrim", "text", "LTRIM(%1)", 0},
	{"rtrim", "text", "RTRIM(%1)", 0},
	/* MD5 of the UTF-8 bytes, lowercase hex in both */
	{"md5", "text", "MD5(CONVERT(%1 USING utf8mb4))", 0},
	/* left/right: a negative count drops that many characters instead */
	{"left", "text,int4", "(CASE WHEN %2 >= 0 THEN LEFT(%1, %2) "
	"ELSE LEFT(%1, GREATEST(CHAR_LENGTH(%1) + %2, 0)) END)", FDW_FN_SIMPLE_ARGS},
	{"right", "text,int4", "(CASE WHEN %2 >= 0 THEN RIGHT(%1, %2) "
	"ELSE SUBSTRING(%1, 1 - %2) END)", FDW_FN_SIMPLE_ARGS},
	/* position of a substring, in characters, matched by code points */
	{"strpos", "text,text", "LOCATE(CONVERT(%2 USING utf8mb4) COLLATE utf8mb4_bin, "
	"CONVERT(%1 USING utf8mb4) COLLATE utf8mb4_bin)", 0},
	/* REPLACE matches case- and accent-sensitively whatever the collation */
	{"replace", "text,text,text", "REPLACE(%1, %2, %3)", 0},
	/*
	 * substr counts characters in both; PostgreSQL's starts before 1 cut the
	 * length, MySQL's count from the end, and a negative length raises
	 */
	{"substr", "text,int4,int4", "(CASE WHEN %3 < 0 THEN %3 * " NEG_SUBSTR " * 2 ELSE "
	"SUBSTRING(%1, GREATEST(%2, 1), GREATEST(%2 + %3 - GREATEST(%2, 1), 0)) END)", FDW_FN_SIMPLE_ARGS},
	{"substr", "text,int4", "SUBSTRING(%1, GREATEST(%2, 1))", FDW_FN_SIMPLE_ARGS},
	/*
	 * extract() returns numeric: the fields MySQL computes the same way,
	 * seconds with PostgreSQL's six decimals (a DECIMAL division adds four
	 * digits of scale to the dividend's two)
	 */
#define EXTRACT_COMMON(t) \
	{"extract", "'year'," t, "YEAR(%2)", 0}, \
	{"extract", "'month'," t, "MONTH(%2)", 0}, \
	{"extract", "'day'," t, "DAYOFMONTH(%2)", 0}, \
	{"extract", "'quarter'," t, "QUARTER(%2)", 0}, \
	{"extract", "'doy'," t, "DAYOFYEAR(%2)", 0}, \
	{"extract", "'dow'," t, "(DAYOFWEEK(%2) - 1)", 0}, \
	{"extract", "'isodow'," t, "(WEEKDAY(%2) + 1)", 0}, \
	{"extract", "'week'," t, "WEEK(%2, 3)", 0}, \
	{"extract", "'isoyear'," t, "(YEARWEEK(%2, 3) DIV 100)", 0}, \
	{"extract", "'decade'," t, "(YEAR(%2) DIV 10)", 0}, \
	{"extract", "'century'," t, "((YEAR(%2) + 99) DIV 100)", 0}, \
	{"extract", "'millennium'," t, "((YEAR(%2) + 999) DIV 1000)", 0}
	EXTRACT_COMMON("timestamp"),
	{"extract", "'hour',timestamp", "HOUR(%2)", 0},
	{"extract", "'minute',timestamp", "MINUTE(%2)", 0},
	{"extract", "'second',timestamp",
	"(CAST(SECOND(%2) * 1000000 + MICROSECOND(%2) AS DECIMAL(20,2)) / 1000000)", 0},
	{"extract", "'microseconds',timestamp", "(SECOND(%2) * 1000000 + MICROSECOND(%2))", 0},
	{"extract", "'epoch',timestamp",
	"(CAST(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', %2) AS DECIMAL(30,2)) / 1000000)", 0},
	EXTRACT_COMMON("date"),
	{"extract", "'epoch',date", "TIMESTAMPDIFF(SECOND, '1970-01-01', %2)", 0},
	/* date_trunc() of a timestamp, by formatting the kept fields */
	{"date_trunc", "'microseconds',timestamp", "%2", 0},
	{"date_trunc", "'second',timestamp", "CAST(DATE_FORMAT(%2, '%%Y-%%m-%%d %%H:%%i:%%s') AS DATETIME)", 0},
	{"date_trunc", "'minute',timestamp", "CAST(DATE_FORMAT(%2, '%%Y-%%m-%%d %%H:%%i:00') AS DATETIME)", 0},
	{"date_trunc", "'hour',timestamp", "CAST(DATE_FORMAT(%2, '%%Y-%%m-%%d %%H:00:00') AS DATETIME)", 0},
	{"date_trunc", "'day',timestamp", "CAST(CAST(%2 AS DATE) AS DATETIME)", 0},
	{"date_trunc", "'month',timestamp", "CAST(DATE_FORMAT(%2, '%%Y-%%m-01') AS DATETIME)", 0},
	{"date_trunc", "'year',timestamp", "CAST(DATE_FORMAT(%2, '%%Y-01-01') AS DATETIME)", 0},
	/* CASE, COALESCE and NULLIF are spelled by the core */
	/* aggregates; sums of integers are exact DECIMALs in MySQL */
	{"count", NULL, "COUNT(%1)", FDW_FN_DISTINCT_OK},
	{"sum", "int2", "SUM(%1)", FDW_FN_DISTINCT_OK},
	{"sum", "int4", "SUM(%1)", FDW_FN_DISTINCT_OK},
	{"sum", "int8", "SUM(%1)", FDW_FN_DISTINCT_OK},
	{"sum", "numeric", "SUM(%1)", FDW_FN_DISTINCT_OK},
	{"sum", "float8", "SUM(%1)", 0},
	/*
	 * avg() as its sum and count, divided by the scan as PostgreSQL divides
	 * (MySQL's AVG rounds to four more digits of scale); for double
	 * precision also the least and greatest value, for the overflow
	 * PostgreSQL would raise (see finish_split_avgs in scan.c)
	 */
	{"avg", "int2", "SUM(%1), COUNT(%1)", FDW_FN_SPLIT_AVG},
	{"avg", "int4", "SUM(%1), COUNT(%1)", FDW_FN_SPLIT_AVG},
	{"avg", "int8", "SUM(%1), COUNT(%1)", FDW_FN_SPLIT_AVG},
	{"avg", "numeric", "SUM(%1), COUNT(%1)", FDW_FN_SPLIT_AVG},
	{"avg", "float8", "SUM(%1), COUNT(%1), MIN(%1), MAX(%1)", FDW_FN_SPLIT_AVG},
	/* real values are summed in double precision by both */
	{"avg", "float4", "SUM(%1), COUNT(%1), MIN(%1), MAX(%1)", FDW_FN_SPLIT_AVG},
	/* strings: the least and greatest by their bytes */
	{"min", "text", "MIN(" MYSQL_TEXT_KEY("%1") ")", FDW_FN_COLLATION_ORDER},
	{"max", "text", "MAX(" MYSQL_TEXT_KEY("%1") ")", FDW_FN_COLLATION_ORDER},
	FDW_MINMAX("int2"), FDW_MINMAX("int4"), FDW_MINMAX("int8"), FDW_MINMAX("numeric"),
	FDW_MINMAX("float4"), FDW_MINMAX("float8"), FDW_MINMAX("date"), FDW_MINMAX("timestamp"),
	FDW_MINMAX("timestamptz"), FDW_MINMAX("time"),
	{"bool_and", NULL, "MIN(%1 <> 0)", 0},
	{"every", NULL, "MIN(%1 <> 0)", 0},
	{"bool_or", NULL, "MAX(%1 <> 0)", 0},
	{NULL, NULL, NULL, 0}
};

/* the guards' errors, in PostgreSQL's words */
static const FdwGuardError mysql_guard_errors[] = {
	{"* " OVF_INT2, "22003", "smallint out of range"},
	{"* " OVF_INT4, "22003", "integer out of range"},
	{"* " OVF_INT8, "22003", "bigint out of range"},
	{"* " NEG_SUBSTR, "22011", "negative substring length not allowed"},
	{NULL, NULL, NULL}
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
	.null_safe_eq_template = "(%1 <=> %2)", \
	.typed_temporal_literals = true, \
	.greatest_func = "GREATEST", \
	.least_func = "LEAST", \
	.has_full_join = false, \
	.has_right_join = true, \
	.text_key_template = MYSQL_TEXT_KEY("%1"), \
	.funcs = mysql_funcs, \
	.for_update = " FOR UPDATE", \
	.for_share = " LOCK IN SHARE MODE", \
	.sequential_set = true, \
	.bool_group_template = "(%1 <> 0)", \
	.guard_errors = mysql_guard_errors, \
	.probe_sql = "SELECT 1", \
	/* TRUNCATE TABLE is DDL: it commits the transaction around it */ \
	.truncate_restart = "TRUNCATE TABLE %s", \
	.truncate_commits = true, \
	.xa_start = "XA START '%s'", \
	.xa_end = "XA END '%s'", \
	.xa_prepare = "XA PREPARE '%s'", \
	.xa_commit = "XA COMMIT '%s'", \
	.xa_commit_one_phase = "XA COMMIT '%s' ONE PHASE", \
	.xa_rollback = "XA ROLLBACK '%s'", \
	.xa_recover = "XA RECOVER"

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

/*
 * The class of a MySQL/MariaDB native error code, server (ER_*) or client
 * library (CR_*): one table for mysql_fdw's Connector/C driver and for
 * odbc_fdw's MySQL and MariaDB data sources, whose drivers pass the same
 * codes on.  Numbers, not the headers' names, so that this file needs no
 * client library.  FDW_ERR_OTHER: not a code this table knows.
 */
FdwErrorKind
fdw_mysql_error_kind(unsigned int code)
{
	switch (code)
	{
		case 2002:				/* CR_CONNECTION_ERROR */
		case 2003:				/* CR_CONN_HOST_ERROR */
		case 2005:				/* CR_UNKNOWN_HOST */
		case 2006:				/* CR_SERVER_GONE_ERROR */
		case 2013:				/* CR_SERVER_LOST */
		case 2026:				/* CR_SSL_CONNECTION_ERROR */
		case 2055:				/* CR_SERVER_LOST_EXTENDED */
		case 1927:				/* ER_CONNECTION_KILLED */
		case 5013:				/* CR_ERR_NET_READ */
		case 5014:				/* CR_ERR_NET_WRITE */
			return FDW_ERR_CONNECTION;
		case 1044:				/* ER_DBACCESS_DENIED_ERROR */
		case 1045:				/* ER_ACCESS_DENIED_ERROR */
		case 1698:				/* ER_ACCESS_DENIED_NO_PASSWORD_ERROR */
			return FDW_ERR_AUTH;
		case 1049:				/* ER_BAD_DB_ERROR */
			return FDW_ERR_UNDEFINED_DATABASE;
		case 1146:				/* ER_NO_SUCH_TABLE */
		case 1051:				/* ER_BAD_TABLE_ERROR */
			return FDW_ERR_UNDEFINED_TABLE;
		case 1054:				/* ER_BAD_FIELD_ERROR */
			return FDW_ERR_UNDEFINED_COLUMN;
		case 1064:				/* ER_PARSE_ERROR */
		case 1149:				/* ER_SYNTAX_ERROR */
			return FDW_ERR_SYNTAX;
		case 1062:				/* ER_DUP_ENTRY */
		case 1169:				/* ER_DUP_UNIQUE */
		case 1586:				/* ER_DUP_ENTRY_WITH_KEY_NAME */
			return FDW_ERR_UNIQUE_VIOLATION;
		case 1048:				/* ER_BAD_NULL_ERROR */
		case 1364:				/* ER_NO_DEFAULT_FOR_FIELD */
			return FDW_ERR_NOT_NULL_VIOLATION;
		case 1216:				/* ER_NO_REFERENCED_ROW */
		case 1217:				/* ER_ROW_IS_REFERENCED */
		case 1451:				/* ER_ROW_IS_REFERENCED_2 */
		case 1452:				/* ER_NO_REFERENCED_ROW_2 */
			return FDW_ERR_FK_VIOLATION;
		case 3819:				/* MySQL's ER_CHECK_CONSTRAINT_VIOLATED */
		case 4025:				/* MariaDB's ER_CONSTRAINT_FAILED */
			return FDW_ERR_CHECK_VIOLATION;
		case 1264:				/* ER_WARN_DATA_OUT_OF_RANGE */
		case 1265:				/* WARN_DATA_TRUNCATED */
		case 1292:				/* ER_TRUNCATED_WRONG_VALUE */
		case 1366:				/* ER_TRUNCATED_WRONG_VALUE_FOR_FIELD */
		case 1406:				/* ER_DATA_TOO_LONG */
		case 1690:				/* ER_DATA_OUT_OF_RANGE */
			return FDW_ERR_DATA;
		case 1365:				/* ER_DIVISION_BY_ZERO */
			return FDW_ERR_DIVISION_BY_ZERO;
		case 1213:				/* ER_LOCK_DEADLOCK */
			return FDW_ERR_DEADLOCK;
		case 1205:				/* ER_LOCK_WAIT_TIMEOUT */
			return FDW_ERR_LOCK_TIMEOUT;
		case 1317:				/* ER_QUERY_INTERRUPTED */
			return FDW_ERR_CANCELED;
		case 1142:				/* ER_TABLEACCESS_DENIED_ERROR */
		case 1143:				/* ER_COLUMNACCESS_DENIED_ERROR */
		case 1227:				/* ER_SPECIFIC_ACCESS_DENIED_ERROR */
			return FDW_ERR_INSUFFICIENT_PRIVILEGE;
		case 2008:				/* CR_OUT_OF_MEMORY */
			return FDW_ERR_OUT_OF_MEMORY;
	}
	return FDW_ERR_OTHER;
}
