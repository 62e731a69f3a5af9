/*-------------------------------------------------------------------------
 *
 * fdw_dialect.h
 *		  How a remote source spells SQL, described as data.
 *
 * The deparser and the shippability walker in common/ are written once and
 * consult this description for every choice where sources differ: identifier
 * quoting, literal spelling, LIMIT/TOP syntax, NULL ordering, boolean
 * values, and a table mapping PostgreSQL functions and operators (by their
 * pg_proc name and argument types) to remote templates.  Anything missing
 * from the table is not shipped: when in doubt, evaluate locally.
 *
 * Like fdw_driver.h this header is plain C so that dialect files can be
 * written next to the driver without PostgreSQL's headers.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_DIALECT_H
#define FDW_DIALECT_H

#include <stdbool.h>

#include "fdw_driver.h"

/* How a row limit is spelled. */
typedef enum FdwLimitStyle
{
	FDW_LIMIT_NONE,				/* no way to limit: never push LIMIT */
	FDW_LIMIT_LIMIT_OFFSET,		/* LIMIT n OFFSET m (MySQL, SQLite, PG) */
	FDW_LIMIT_TOP_FETCH			/* TOP (n); OFFSET m ROWS FETCH NEXT n ROWS ONLY */
} FdwLimitStyle;

/* How string literals are escaped. */
typedef enum FdwStringStyle
{
	FDW_STRING_STANDARD,		/* only '' doubles a quote */
	FDW_STRING_BACKSLASH		/* backslash escapes too (MySQL default) */
} FdwStringStyle;

/*
 * One pushable PostgreSQL function or operator.  proname is the pg_proc
 * name of the function (for an operator, the function implementing it, e.g.
 * "int4pl"); argtypes, when not NULL, is the comma-separated list of
 * argument type names it applies to ("text,text"); a quoted word in it
 * ("'year',timestamp") stands for a text constant holding that word, so a
 * function like extract() gets one entry per field (such entries of one
 * function must be adjacent).  The template uses %1..%9 for arguments, %*
 * for all arguments separated by commas, and %% for a percent sign.
 */
typedef struct FdwFuncMap
{
	const char *proname;
	const char *argtypes;
	const char *template;
	int			flags;			/* FDW_FN_* */
} FdwFuncMap;

/* The last argument must be a non-zero constant (remote x/0 is not an error) */
#define FDW_FN_NONZERO_DIVISOR	0x01
/*
 * Depends on collation order: ship only under a collation that orders
 * strings by their bytes (C, POSIX, glibc's C.UTF-8)
 */
#define FDW_FN_COLLATION_ORDER	0x02
/* Compares strings for equality: ship only under a deterministic collation */
#define FDW_FN_COLLATION_EQUAL	0x04
/* An aggregate that may take DISTINCT */
#define FDW_FN_DISTINCT_OK		0x08
/* The template repeats its arguments: only columns, constants, parameters */
#define FDW_FN_SIMPLE_ARGS		0x10

/*
 * avg() computed from remote parts: the template selects the sum and the
 * count (and for double precision also the least and the greatest value),
 * and the scan divides as PostgreSQL's avg() does, so the result has
 * PostgreSQL's scale and rounding rather than the remote's.  Such an
 * aggregate ships only as a whole output column, never inside an
 * expression, HAVING or ORDER BY.
 */
#define FDW_FN_SPLIT_AVG		0x20
/* The last argument must be an integer constant from -30 to 30 (a scale) */
#define FDW_FN_SCALE_ARG		0x40

/*
 * Computed remotely only inside a guarded filter (dialects with loosely
 * typed columns, SQLite): the remote WHERE lets a row through whenever a
 * column the condition reads, or a result it computes, is not a value of
 * its PostgreSQL type (guard_int2/4/8 of the dialect), and PostgreSQL checks
 * the condition again on the rows it gets.  The remote filter only has to
 * be right where every value is well typed, and a row that would make
 * PostgreSQL raise an error (a text in an integer column, an overflow)
 * still reaches PostgreSQL, which raises it.
 */
#define FDW_FN_GUARDED			0x80
/* FDW_FN_GUARDED whose result is in range whenever its arguments are (%) */
#define FDW_FN_RESULT_IN_RANGE	0x100
/*
 * The template says %W1: the first argument's character(n) length n, for
 * PostgreSQL's blank padding (bpchar LIKE).  Shipped only when the
 * argument has a declared length.
 */
#define FDW_FN_CHAR_WIDTH		0x200

/*
 * Building blocks for function tables: the six comparisons of a type family
 * (p: the pg_proc name prefix, e.g. int4 or numeric with sep "_"; l, r: the
 * argument spellings), +, - and *, and min/max of a type.
 */
#define FDW_CMP_T(p, sep, l, r) \
	{#p sep "eq", NULL, "(" l " = " r ")", 0}, \
	{#p sep "ne", NULL, "(" l " <> " r ")", 0}, \
	{#p sep "lt", NULL, "(" l " < " r ")", 0}, \
	{#p sep "le", NULL, "(" l " <= " r ")", 0}, \
	{#p sep "gt", NULL, "(" l " > " r ")", 0}, \
	{#p sep "ge", NULL, "(" l " >= " r ")", 0}
#define FDW_CMP(p, sep) FDW_CMP_T(p, sep, "%1", "%2")
#define FDW_ARITH(p) \
	{#p "pl", NULL, "(%1 + %2)", 0}, \
	{#p "mi", NULL, "(%1 - %2)", 0}, \
	{#p "mul", NULL, "(%1 * %2)", 0}
#define FDW_MINMAX(t) \
	{"min", t, "MIN(%1)", FDW_FN_DISTINCT_OK}, \
	{"max", t, "MAX(%1)", FDW_FN_DISTINCT_OK}

/*
 * An error a dialect's template provokes on purpose (MySQL computes int
 * arithmetic in BIGINT; a guard makes an out-of-range result overflow), known
 * by a marker in the remote message (the guard's multiplier) and reported
 * as PostgreSQL reports the condition guarded.
 */
typedef struct FdwGuardError
{
	const char *marker;
	const char *sqlstate;		/* five characters */
	const char *message;
} FdwGuardError;

struct FdwDialect
{
	const char *name;			/* "mysql", "tsql", "ansi", ... */
	char		quote_open;		/* identifier quote: ` [ " */
	char		quote_close;
	FdwStringStyle string_style;
	const char *nchar_prefix;	/* "N" to prefix non-ASCII literals, or NULL */
	FdwLimitStyle limit_style;
	bool		offset_needs_limit; /* OFFSET alone not allowed (MySQL) */
	bool		offset_needs_order; /* OFFSET..FETCH needs ORDER BY (T-SQL) */
	bool		has_nulls_order;	/* supports NULLS FIRST/LAST */
	bool		nulls_sort_low; /* remote sorts NULL as smallest value */
	bool		bool_is_value;	/* boolean expressions may be selected */
	const char *binary_prefix;	/* binary literal: X' or 0x */
	const char *binary_suffix;	/* ' or empty */
	const char *true_literal;	/* "TRUE" or "1" */
	const char *false_literal;
	const char *concat_template;	/* "CONCAT(%1, %2)", "(%1 + %2)", "(%1 || %2)" */
	/*
	 * Dates, times and timestamps spelled DATE '..', TIME '..', TIMESTAMP
	 * '..' (so that CASE and COALESCE over them stay temporal, not strings)
	 * rather than as bare strings
	 */
	bool		typed_temporal_literals;
	/* GREATEST and LEAST functions (NULL-propagating is fine), or NULL */
	const char *greatest_func;
	const char *least_func;
	/* a null-safe "=" for plainly spelled "=" ("(%1 <=> %2)"), or NULL */
	const char *null_safe_eq_template;
	bool		has_full_join;
	bool		has_right_join;

	/*
	 * How a string (%1) is made to compare, group and sort by its UTF-8
	 * bytes, i.e. by code point, as PostgreSQL does under a deterministic
	 * collation (grouping, DISTINCT) and a bytewise one (ordering, min/max);
	 * the value selected through it must read back unchanged.  NULL: strings
	 * are never grouped or sorted remotely.
	 */
	const char *text_key_template;
	const FdwFuncMap *funcs;	/* terminated by a NULL proname */
	/* row locks for SELECT ... FOR UPDATE/SHARE; NULL: cannot lock remotely */
	const char *for_update;		/* " FOR UPDATE" */
	const char *for_share;		/* " LOCK IN SHARE MODE", " FOR SHARE" */
	/* UPDATE ... SET a = .., b = a sees the new a (MySQL): not standard */
	bool		sequential_set;

	/*
	 * How a value read into a float4/float8 column is selected (%1: the
	 * column or expression), for a source whose driver would lose digits;
	 * NULL: selected as it is.
	 */
	const char *float_output_template;

	/*
	 * How a boolean grouping key is spelled, where the remote's booleans are
	 * integers that may hold other values than 0 and 1 (MySQL: "(%1 <> 0)",
	 * so 1 and 2 fall into one group, as true); NULL: never group remotely
	 * by a boolean.
	 */
	const char *bool_group_template;

	/* errors the templates provoke on purpose; NULL-marker terminated */
	const FdwGuardError *guard_errors;

	/*
	 * For loosely typed columns (FDW_FN_GUARDED): a condition (%1) true
	 * exactly when the column or computed value %1 is NULL or a value of
	 * int2, int4 or int8 (never NULL itself).  NULL: no guarded filters.
	 */
	const char *guard_int2;
	const char *guard_int4;
	const char *guard_int8;

	/*
	 * The cheapest statement that needs a round trip to the server and
	 * returns one row ("SELECT 1"), for a driver that cannot see its socket
	 * and must ask the server whether an idle connection is alive (is_alive
	 * of odbc_fdw).  NULL: no probe, either because there is no server to
	 * lose (SQLite runs in-process) or because no statement is known to be
	 * valid (an unknown DBMS).
	 */
	const char *probe_sql;

	/*
	 * TRUNCATE ... RESTART IDENTITY: the statement that empties a table and
	 * resets its identity counter, %s standing for the table ("TRUNCATE
	 * TABLE %s"); NULL when the source has none (SQLite, unknown DBMS), and
	 * RESTART IDENTITY is refused.  truncate_commits: that statement ends
	 * the remote transaction (MySQL: it is DDL), so it may run only where
	 * that cannot tear a local transaction apart.  A plain TRUNCATE is
	 * always a DELETE FROM, which every source runs in its transaction and
	 * which leaves the counter alone, as CONTINUE IDENTITY does.
	 */
	const char *truncate_restart;
	bool		truncate_commits;

	/*
	 * Two-phase commit as X/Open XA statements (MySQL, MariaDB); NULL
	 * xa_start: the source has none.  In each statement %s stands for the
	 * transaction's id, which the core spells with ASCII letters, digits and
	 * '_' only, in at most 64 characters.  After the driver's begin,
	 * xa_start opens the transaction; xa_end ends its work, after which
	 * xa_prepare prepares it, xa_commit_one_phase commits it without
	 * preparing, or xa_rollback rolls it back.  xa_commit and xa_rollback
	 * also end a prepared transaction, from any session once the one that
	 * prepared it is gone.  xa_recover lists the prepared transactions with
	 * each one's id in its last column (XA RECOVER: formatID, gtrid_length,
	 * bqual_length, data).
	 */
	const char *xa_start;
	const char *xa_end;
	const char *xa_prepare;
	const char *xa_commit;
	const char *xa_commit_one_phase;
	const char *xa_rollback;
	const char *xa_recover;
};

#endif							/* FDW_DIALECT_H */
