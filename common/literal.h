/*-------------------------------------------------------------------------
 *
 * literal.h
 *		  Any PostgreSQL value as a literal of the remote's SQL: constants,
 *		  runtime parameters and the values a write sends.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_LITERAL_H
#define FDW_LITERAL_H

#include "postgres.h"

#include "compat.h"

#include "fmgr.h"
#include "lib/stringinfo.h"

#include "fdw_dialect.h"

/* How a value of one type is spelled; chosen once per column. */
typedef enum FdwLitKind
{
	FDW_LIT_UNSUPPORTED = 0,
	FDW_LIT_INT,				/* int2, int4, int8, oid */
	FDW_LIT_NUMERIC,
	FDW_LIT_FLOAT4,
	FDW_LIT_FLOAT8,
	FDW_LIT_BOOL,
	FDW_LIT_BYTEA,
	FDW_LIT_DATE,
	FDW_LIT_TIME,
	FDW_LIT_TIMESTAMP,
	FDW_LIT_TIMESTAMPTZ,
	FDW_LIT_BIT,				/* bit, varbit: B'0101' */
	FDW_LIT_STRING				/* output function, as a string literal */
} FdwLitKind;

typedef struct FdwLiteralOut
{
	FdwLitKind	kind;
	Oid			typid;
	Oid			basetype;		/* typid, or a domain's base type */
	FmgrInfo	outfunc;		/* for FDW_LIT_STRING, FDW_LIT_BIT, errors */
	const char *colname;		/* for error messages; NULL: a parameter */
} FdwLiteralOut;

extern FdwLitKind fdw_literal_kind(Oid typid);
extern void fdw_literal_init(FdwLiteralOut *lo, Oid typid, const char *colname);
extern bool fdw_literal_sendable(Oid typid, Datum value);
extern void fdw_append_literal(StringInfo buf, const FdwDialect *dialect,
							   FdwLiteralOut *lo, Datum value, bool isnull);
extern void fdw_append_value_literal(StringInfo buf, const FdwDialect *dialect,
									 Oid typid, Datum value, bool isnull);
extern void fdw_append_string_literal(StringInfo buf, const FdwDialect *dialect,
									  const char *s, int len);

#endif							/* FDW_LITERAL_H */
