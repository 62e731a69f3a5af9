/*-------------------------------------------------------------------------
 *
 * typemap.h
 *		  Remote cells to PostgreSQL Datums, chosen once per column.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_TYPEMAP_H
#define FDW_TYPEMAP_H

#include "postgres.h"

#include "compat.h"

#include "fmgr.h"

#include "fdw_driver.h"

/* The conversion picked for a local column type. */
typedef enum FdwConvKind
{
	FDW_CONV_GENERIC,			/* text + the type's input function */
	FDW_CONV_INT2,
	FDW_CONV_INT4,
	FDW_CONV_INT8,
	FDW_CONV_FLOAT4,
	FDW_CONV_FLOAT8,
	FDW_CONV_BOOL,
	FDW_CONV_TEXT,				/* text, varchar/bpchar without a length */
	FDW_CONV_VARCHAR,			/* varchar(n) */
	FDW_CONV_BYTEA,
	FDW_CONV_DATE,
	FDW_CONV_TIMESTAMP,
	FDW_CONV_TIMESTAMPTZ
} FdwConvKind;

typedef struct FdwConv
{
	FdwConvKind kind;
	Oid			typid;
	int32		typmod;
	Oid			typioparam;
	FmgrInfo	infunc;			/* for FDW_CONV_GENERIC and fallbacks */
	int			remote_bits;	/* width of a remote bit string */
	bool		zero_date_null; /* MySQL 0000-00-00 reads as NULL */
	int64		max_blob_size;	/* 0: no limit */
	const char *colname;		/* for error messages */
} FdwConv;

extern void fdw_conv_init(FdwConv *conv, Oid typid, int32 typmod,
						  const char *colname);
extern Datum fdw_conv_cell(FdwConv *conv, const FdwCell *cell, bool *isnull);
extern char *fdw_cell_to_cstring(const FdwCell *cell);
extern const char *fdw_cell_describe(const FdwCell *cell);

#endif							/* FDW_TYPEMAP_H */
