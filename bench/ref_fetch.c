/*-------------------------------------------------------------------------
 *
 * ref_fetch.c
 *		  The benchmark's floor: fetch a query's rows with plain Connector/C.
 *
 * One connection, then for each run: mysql_real_query, mysql_use_result,
 * mysql_fetch_row until the end, mysql_free_result.  Every fetched value is
 * touched (its length is summed) so the loop does what any client must do
 * with a row, and nothing more: no conversion, no copy, no output.  This is
 * what a foreign scan cannot beat, since an FDW makes the same calls and
 * then also converts each value into a PostgreSQL Datum.
 *
 * With a last argument "binary" the rows come through a prepared statement
 * instead (the binary protocol, mysql_stmt_fetch into native C types), to
 * show what that protocol would save the server and the client: numbers and
 * times then travel in binary and are neither printed by the server nor
 * parsed by the client.
 *
 * Usage: ref_fetch HOST PORT USER PASSWORD DATABASE RUNS SQL [binary]
 * Prints one line per run, "RUN <milliseconds> <rows>", after one warm-up
 * run that is not printed.  The timer starts before the query is sent and
 * stops after the last row has been read: the same interval the benchmark
 * measures for psql and the mariadb client.
 *
 * With SQL "-" (and RUNS ignored) it serves bench/run.sh instead: each line
 * read from stdin is "<tag> <SQL>", run once on the same connection; it
 * answers "<tag> <milliseconds> <rows>" or "<tag> ERR <message>".
 *
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>

#include "ref_runner.h"

/* Runs sql once, reading every row; returns the row count or -1. */
static long
fetch_all(MYSQL *m, const char *sql, unsigned long long *bytes)
{
	MYSQL_RES  *res;
	MYSQL_ROW	row;
	long		rows = 0;

	if (mysql_real_query(m, sql, (unsigned long) strlen(sql)) != 0)
		return -1;
	res = mysql_use_result(m);
	if (res == NULL)
		return mysql_errno(m) ? -1 : 0;
	while ((row = mysql_fetch_row(res)) != NULL)
	{
		unsigned long *len = mysql_fetch_lengths(res);
		unsigned int n = mysql_num_fields(res);
		unsigned int i;

		for (i = 0; i < n; i++)
			*bytes += row[i] ? len[i] : 0;
		rows++;
	}
	if (mysql_errno(m))
		rows = -1;
	mysql_free_result(res);
	return rows;
}

/* One bound result column of the binary protocol. */
typedef struct BinCol
{
	union
	{
		long long	i;
		double		d;
		MYSQL_TIME	t;
	}			v;
	char	   *buf;
	unsigned long len;
	my_bool		is_null;
	my_bool		error;
} BinCol;

/* Same as fetch_all, through a prepared statement; returns rows or -1. */
static long
fetch_all_binary(MYSQL *m, const char *sql, unsigned long long *bytes)
{
	MYSQL_STMT *st = mysql_stmt_init(m);
	MYSQL_RES  *meta;
	MYSQL_FIELD *f;
	MYSQL_BIND *bind;
	BinCol	   *cols;
	unsigned int n,
				i;
	long		rows = 0;
	int			rc;

	if (st == NULL || mysql_stmt_prepare(st, sql, (unsigned long) strlen(sql)) != 0)
		return -1;
	meta = mysql_stmt_result_metadata(st);
	if (meta == NULL || mysql_stmt_execute(st) != 0)
		return -1;
	n = mysql_num_fields(meta);
	f = mysql_fetch_fields(meta);
	bind = calloc(n, sizeof(MYSQL_BIND));
	cols = calloc(n, sizeof(BinCol));
	for (i = 0; i < n; i++)
	{
		bind[i].is_null = &cols[i].is_null;
		bind[i].error = &cols[i].error;
		bind[i].length = &cols[i].len;
		switch (f[i].type)
		{
			case MYSQL_TYPE_TINY:
			case MYSQL_TYPE_SHORT:
			case MYSQL_TYPE_INT24:
			case MYSQL_TYPE_LONG:
			case MYSQL_TYPE_LONGLONG:
				bind[i].buffer_type = MYSQL_TYPE_LONGLONG;
				bind[i].buffer = &cols[i].v.i;
				break;
			case MYSQL_TYPE_FLOAT:
			case MYSQL_TYPE_DOUBLE:
				bind[i].buffer_type = MYSQL_TYPE_DOUBLE;
				bind[i].buffer = &cols[i].v.d;
				break;
			case MYSQL_TYPE_DATE:
			case MYSQL_TYPE_DATETIME:
			case MYSQL_TYPE_TIMESTAMP:
			case MYSQL_TYPE_TIME:
				bind[i].buffer_type = f[i].type;
				bind[i].buffer = &cols[i].v.t;
				break;
			default:
				/* strings and decimals arrive as text; long values are cut */
				bind[i].buffer_type = MYSQL_TYPE_STRING;
				bind[i].buffer_length = 65536;
				cols[i].buf = malloc(65536);
				bind[i].buffer = cols[i].buf;
				break;
		}
	}
	if (mysql_stmt_bind_result(st, bind) != 0)
		return -1;
	while ((rc = mysql_stmt_fetch(st)) == 0 || rc == MYSQL_DATA_TRUNCATED)
	{
		for (i = 0; i < n; i++)
			*bytes += cols[i].is_null ? 0 : cols[i].len;
		rows++;
	}
	if (rc == 1)
		rows = -1;
	for (i = 0; i < n; i++)
		free(cols[i].buf);
	free(cols);
	free(bind);
	mysql_free_result(meta);
	mysql_stmt_close(st);
	return rows;
}

/* The connection and the protocol, for ref_run's callbacks. */
typedef struct RefConn
{
	MYSQL	   *m;
	int			binary;
} RefConn;

static long
fetch_cb(void *ctx, const char *sql, unsigned long long *bytes)
{
	RefConn    *c = ctx;

	return c->binary ? fetch_all_binary(c->m, sql, bytes) : fetch_all(c->m, sql, bytes);
}

static const char *
error_cb(void *ctx)
{
	return mysql_error(((RefConn *) ctx)->m);
}

int
main(int argc, char **argv)
{
	RefConn		c;
	int			rc;

	c.binary = (argc == 9 && strcmp(argv[8], "binary") == 0);
	if (argc != 8 && !c.binary)
	{
		fprintf(stderr, "usage: %s HOST PORT USER PASSWORD DATABASE RUNS SQL [binary]\n", argv[0]);
		return 2;
	}
	c.m = mysql_init(NULL);
	if (c.m == NULL)
		return 1;
	mysql_options(c.m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (!mysql_real_connect(c.m, argv[1], argv[3], argv[4], argv[5],
							(unsigned int) atoi(argv[2]), NULL, 0))
	{
		fprintf(stderr, "connect: %s\n", mysql_error(c.m));
		return 1;
	}
	rc = ref_run(argv[7], atoi(argv[6]), fetch_cb, error_cb, &c);
	mysql_close(c.m);
	return rc;
}
