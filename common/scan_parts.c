/*-------------------------------------------------------------------------
 *
 * scan_parts.c
 *		  Values a scan builds from several remote columns: avg() sent as its
 *		  sum and count (FDW_FN_SPLIT_AVG) and finished with PostgreSQL's own
 *		  arithmetic, and whole rows of joined tables, selected as their
 *		  columns (the deparser marks such columns FDW_AUX_* in
 *		  retrieved_attrs; see fdw_planner.h).
 *
 * The row reader (scan.c) hands each part column here once, when the
 * cursor opens, and each converted row after its columns are converted.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/typcache.h"

#include "fdw_planner.h"
#include "scan.h"

/* A whole-row value of a joined relation, built from its columns. */
typedef struct FdwWholeRow
{
	int			att;			/* tupdesc index of the row value */
	TupleDesc	desc;			/* its row type */
	int			first;			/* its first remote column; the others follow */
	int			ncols;
	Datum	   *values;			/* desc->natts of them */
	bool	   *nulls;
} FdwWholeRow;

/*
 * Remote column i is the next column of the whole-row value in tupdesc
 * index att (the row type's attributes in order, dropped ones skipped).
 */
static void
open_row_column(FdwRowReader *r, int i, int att, Form_pg_attribute attr)
{
	FdwScanParts *p = r->parts;
	FdwWholeRow *wr = p->nrows > 0 ? &p->rows[p->nrows - 1] : NULL;
	int			field;
	Form_pg_attribute fattr;

	if (wr == NULL || wr->att != att)
	{
		wr = &p->rows[p->nrows++];
		wr->att = att;
		/* a result relation's "wholerow" is typed record: use the table's type */
		if (attr->atttypid == RECORDOID && r->row_types && OidIsValid(r->row_types[att]))
			wr->desc = lookup_rowtype_tupdesc_copy(r->row_types[att], -1);
		else
			wr->desc = lookup_rowtype_tupdesc_copy(attr->atttypid, attr->atttypmod);
		wr->first = i;
		wr->values = palloc0(sizeof(Datum) * Max(wr->desc->natts, 1));
		wr->nulls = palloc(sizeof(bool) * Max(wr->desc->natts, 1));
		field = 0;
	}
	else
		field = p->field[i - 1] + 1;
	while (field < wr->desc->natts && TupleDescAttr(wr->desc, field)->attisdropped)
		field++;
	if (field >= wr->desc->natts)
		elog(ERROR, "remote query returns more columns than row type %s has",
			 format_type_be(attr->atttypid));
	fattr = TupleDescAttr(wr->desc, field);
	p->role[i] = 'r';
	p->field[i] = field;
	wr->ncols++;
	fdw_conv_init(&r->convs[i], fattr->atttypid, fattr->atttypmod, NameStr(fattr->attname));
}

/*
 * Remote column i is a part of the value in local column attr: the count,
 * least or greatest value of a split avg(), or a column of a whole row.
 */
void
fdw_reader_open_part(FdwRowReader *r, int i, int kind, Form_pg_attribute attr)
{
	FdwScanParts *p = r->parts;

	if (p == NULL)
	{
		p = r->parts = palloc0(sizeof(FdwScanParts));
		p->role = palloc0(r->ncols);
		p->values = palloc0(sizeof(Datum) * r->ncols);
		p->nulls = palloc0(sizeof(bool) * r->ncols);
		p->field = palloc0(sizeof(int) * r->ncols);
		p->rows = palloc0(sizeof(FdwWholeRow) * r->ncols);
	}
	if (kind == FDW_AUX_ROWCOL)
	{
		open_row_column(r, i, attr->attnum - 1, attr);
		return;
	}
	p->role[i] = kind == FDW_AUX_COUNT ? 'c' : kind == FDW_AUX_MIN ? 'l' : 'h';
	fdw_conv_init(&r->convs[i], kind == FDW_AUX_COUNT ? INT8OID : FLOAT8OID,
				  -1, NameStr(attr->attname));
}

/*
 * PostgreSQL's avg(double precision) of n copies of x, step by step as its
 * float8_accum() computes it (the Youngs-Cramer sums): the sum, or false
 * where a squared deviation overflows and PostgreSQL raises.
 */
static bool
float8_avg_of_copies(double x, int64 n, double *sum)
{
	double		N = 0.0,
				Sx = 0.0,
				Sxx = 0.0;
	int64		k;

	for (k = 0; k < n; k++)
	{
		double		prevN = N;

		N += 1.0;
		Sx += x;
		if (prevN > 0.0)
		{
			double		tmp = x * N - Sx;

			Sxx += tmp * tmp / (N * prevN);
			if (isinf(Sx) || isinf(Sxx))
				return false;
		}
		if ((k & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	*sum = Sx;
	return true;
}

/* A part of a split avg() as a number; a NULL count or bound counts as 0. */
static Datum
part_value(FdwScanParts *p, int i)
{
	if (!p->nulls[i])
		return p->values[i];
	return p->role[i] == 'c' ? Int64GetDatum(0) : Float8GetDatum(0.0);
}

/*
 * Finish the split avg()s of a row from their remote parts as PostgreSQL's
 * own avg() does: numeric_div(sum, count) for integers and numerics (the
 * scale and rounding of PostgreSQL, not the remote's), sum / count for
 * double precision.
 *
 * PostgreSQL's avg(double precision) also accumulates squared deviations
 * and raises "value out of range: overflow" when one overflows, which
 * depends on the values and on their order.  None can overflow while
 * 2 * count * max|x| stays below sqrt(DBL_MAX); beyond that (values of
 * about 1e150 and more) the outcome is known only when all values are
 * equal (computed here as PostgreSQL would), and otherwise we raise the
 * error PostgreSQL raises for most orders of such rows.
 */
static void
finish_split_avgs(FdwRowReader *r, Datum *values, bool *nulls)
{
	FdwScanParts *p = r->parts;
	int			i;

	for (i = 0; i < r->ncols; i++)
	{
		int			a = r->attidx[i];
		int64		count;

		if (p->role[i] != 'c')
			continue;
		count = DatumGetInt64(part_value(p, i));
		if (count <= 0 || nulls[a])
		{
			nulls[a] = true;
			continue;
		}
		if (TupleDescAttr(r->tupdesc, a)->atttypid == FLOAT8OID)
		{
			double		sum = DatumGetFloat8(values[a]);
			double		lo = 0.0,
						hi = 0.0,
						maxabs;

			if (i + 2 < r->ncols && p->role[i + 1] == 'l' && p->role[i + 2] == 'h')
			{
				lo = DatumGetFloat8(part_value(p, i + 1));
				hi = DatumGetFloat8(part_value(p, i + 2));
			}
			maxabs = Max(fabs(lo), fabs(hi));
			if (count > 1 && 2.0 * (double) count * maxabs >= sqrt(DBL_MAX))
			{
				if (lo != hi || count > 100000000 ||
					!float8_avg_of_copies(lo, count, &sum))
					ereport(ERROR,
							(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
							 errmsg("value out of range: overflow"),
							 errdetail("avg() of %lld double precision values of magnitude up to %g "
									   "overflows in PostgreSQL's computation.",
									   (long long) count, maxabs)));
			}
			values[a] = Float8GetDatum(sum / (double) count);
		}
		else
			values[a] = DirectFunctionCall2(numeric_div, values[a],
											DirectFunctionCall1(int8_numeric,
																Int64GetDatum(count)));
	}
}

/* Build the whole-row values of a row from their columns. */
static void
finish_whole_rows(FdwRowReader *r, Datum *values, bool *nulls)
{
	FdwScanParts *p = r->parts;
	int			k;
	int			i;

	for (k = 0; k < p->nrows; k++)
	{
		FdwWholeRow *wr = &p->rows[k];

		memset(wr->nulls, true, sizeof(bool) * wr->desc->natts);
		for (i = wr->first; i < wr->first + wr->ncols; i++)
		{
			wr->values[p->field[i]] = p->values[i];
			wr->nulls[p->field[i]] = p->nulls[i];
		}
		values[wr->att] = HeapTupleGetDatum(heap_form_tuple(wr->desc, wr->values, wr->nulls));
		nulls[wr->att] = false;
	}
}

/* After a row's columns are converted: the values built from parts. */
void
fdw_reader_finish_parts(FdwRowReader *r, Datum *values, bool *nulls)
{
	finish_split_avgs(r, values, nulls);
	finish_whole_rows(r, values, nulls);
}
