/*-------------------------------------------------------------------------
 *
 * scan.h
 *		  Reading remote rows into tuple slots: the row reader shared by
 *		  scans and ANALYZE, and the ForeignScan executor callbacks.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
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
	const char *sql;			/* the remote query, for messages */
	bool		described;		/* the result's columns were checked */
	int			wait_fd;		/* fdw_reader_poll: the socket to wait for */
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
extern void fdw_reader_start(FdwRowReader *r, FdwConnEntry *entry,
							 FdwCursorOwner *owner, TupleDesc tupdesc,
							 const char *relname, List *retrieved_attrs,
							 const Oid *row_types, const char *sql,
							 int fetch_size, int cursor_flags,
							 bool zero_date_null, int64 max_blob_size);
extern bool fdw_reader_next(FdwRowReader *r, Datum *values, bool *nulls);
extern int	fdw_reader_poll(FdwRowReader *r, Datum *values, bool *nulls);

/* scan_parts.c */
extern void fdw_reader_open_part(FdwRowReader *r, int i, int kind,
								 Form_pg_attribute attr);
extern void fdw_reader_finish_parts(FdwRowReader *r, Datum *values, bool *nulls);
extern void fdw_reader_close(FdwRowReader *r);

/*
 * The executor state of a foreign scan (scan.c), also run by an async
 * Append (scan_async.c).
 */
typedef struct FdwScanState
{
	FdwCursorOwner owner;		/* must be first: the connection calls drain */
	Relation	rel;			/* NULL for joins and aggregates */
	TupleDesc	tupdesc;
	const char *relname;
	char	   *sql;			/* with parameter markers */
	List	   *retrieved_attrs;
	Oid		   *row_types;		/* per scan column: a whole row's table type */
	int			fetch_size;
	int			cursor_flags;	/* FDW_CURSOR_* for the driver */
	bool		zero_date_null;
	int64		max_blob_size;
	FdwConnEntry *entry;
	const FdwDialect *dialect;

	/* parameters of a parameterized scan */
	int			nparams;
	List	   *param_exprs;	/* ExprStates */
	Oid		   *param_types;
	Datum	   *param_values;
	bool	   *param_nulls;

	/* the open result */
	bool		opened;
	bool		eof;
	bool		async;			/* run by an async Append (scan_async.c) */
	int			epoll_fd;		/* scan_async.c: what it waits on, or -1 */
	int			epoll_sock;		/* the socket epoll_fd watches */
	FdwRowReader reader;

	/* the current batch, and the current execution of the remote query */
	MemoryContext batch_cxt;
	MemoryContext reader_cxt;
	int			batch_rows;		/* rows per batch: fetch_size, capped */
	Datum	   *batch_values;	/* batch_rows * natts */
	bool	   *batch_nulls;
	int			batch_count;
	int			batch_next;

	/* rows moved off the wire by drain_scan */
	MemoryContext scan_cxt;
	Tuplestorestate *drained;
	TupleTableSlot *drain_slot;
} FdwScanState;

extern void fdw_scan_open(ForeignScanState *node);
extern bool fdw_scan_fill_batch(FdwScanState *fss, bool nowait);

extern void fdw_begin_foreign_scan(ForeignScanState *node, int eflags);
extern TupleTableSlot *fdw_iterate_foreign_scan(ForeignScanState *node);
extern void fdw_rescan_foreign_scan(ForeignScanState *node);
extern bool fdw_recheck_foreign_scan(ForeignScanState *node, TupleTableSlot *slot);
extern void fdw_end_foreign_scan(ForeignScanState *node);

/* scan_async.c */
extern bool fdw_is_foreign_path_async_capable(ForeignPath *path);
extern void fdw_foreign_async_request(AsyncRequest *areq);
extern void fdw_foreign_async_configure_wait(AsyncRequest *areq);
extern void fdw_foreign_async_notify(AsyncRequest *areq);

#endif							/* FDW_SCAN_H */
