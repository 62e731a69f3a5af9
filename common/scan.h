/*-------------------------------------------------------------------------
 *
 * scan.h
 *		  Reading remote rows into tuple slots: the row reader shared by
 *		  scans and ANALYZE, and the ForeignScan executor callbacks.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_SCAN_H
#define FDW_SCAN_H

#include "postgres.h"

#include "compat.h"

#include "access/tupdesc.h"
#include "foreign/fdwapi.h"

#include "connection.h"
#include "typemap.h"

/*
 * Converts the rows of one open cursor into values/nulls arrays laid out
 * like a local tuple descriptor.  retrieved_attrs says which local column
 * each remote column fills (attnums, 1-based).
 */
typedef struct FdwRowReader
{
	FdwConnEntry *entry;
	FdwCursor  *cursor;
	FdwCursorOwner *owner;
	TupleDesc	tupdesc;
	const char *relname;
	int			ncols;			/* remote columns */
	int		   *attidx;			/* remote column -> tupdesc index */
	FdwConv    *convs;			/* per remote column */
	FdwCell    *cells;
	int			cur_col;		/* for the error context; -1 outside */
	/* values built from several remote columns (scan_parts.c), or NULL */
	struct FdwScanParts *parts;
	const Oid  *row_types;		/* per tupdesc column: the table type of a
								 * record-typed whole row, or NULL */
	int64		rows_read;
} FdwRowReader;

/*
 * The remote columns that are parts of a value (FDW_AUX_* entries of
 * retrieved_attrs): of a split avg(), or of a whole row of a joined table.
 */
typedef struct FdwScanParts
{
	char	   *role;			/* per remote column: 0, 'c'ount, 'l'east,
								 * 'h'ighest, 'r'ow column */
	Datum	   *values;			/* per remote column, as converted */
	bool	   *nulls;
	int		   *field;			/* 'r': the row type's attribute index */
	struct FdwWholeRow *rows;	/* the whole-row values to build */
	int			nrows;
} FdwScanParts;

extern void fdw_reader_open(FdwRowReader *r, FdwConnEntry *entry,
							FdwCursorOwner *owner, TupleDesc tupdesc,
							const char *relname, List *retrieved_attrs,
							const Oid *row_types, const char *sql,
							int fetch_size, int cursor_flags,
							bool zero_date_null, int64 max_blob_size);
extern bool fdw_reader_next(FdwRowReader *r, Datum *values, bool *nulls);

/* scan_parts.c */
extern void fdw_reader_open_part(FdwRowReader *r, int i, int kind,
								 Form_pg_attribute attr);
extern void fdw_reader_finish_parts(FdwRowReader *r, Datum *values, bool *nulls);
extern void fdw_reader_close(FdwRowReader *r);

extern void fdw_begin_foreign_scan(ForeignScanState *node, int eflags);
extern TupleTableSlot *fdw_iterate_foreign_scan(ForeignScanState *node);
extern void fdw_rescan_foreign_scan(ForeignScanState *node);
extern bool fdw_recheck_foreign_scan(ForeignScanState *node, TupleTableSlot *slot);
extern void fdw_end_foreign_scan(ForeignScanState *node);

#endif							/* FDW_SCAN_H */
