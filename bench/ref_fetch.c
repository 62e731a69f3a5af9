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
#include <time.h>

#include <mysql.h>

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

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

int
main(int argc, char **argv)
{
	MYSQL	   *m;
	unsigned long long bytes = 0;
	int			runs;
	int			r;

	int			binary = (argc == 9 && strcmp(argv[8], "binary") == 0);

	if (argc != 8 && !binary)
	{
		fprintf(stderr, "usage: %s HOST PORT USER PASSWORD DATABASE RUNS SQL [binary]\n", argv[0]);
		return 2;
	}
	runs = atoi(argv[6]);
	m = mysql_init(NULL);
	if (m == NULL)
		return 1;
	mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (!mysql_real_connect(m, argv[1], argv[3], argv[4], argv[5],
							(unsigned int) atoi(argv[2]), NULL, 0))
	{
		fprintf(stderr, "connect: %s\n", mysql_error(m));
		return 1;
	}
	if (strcmp(argv[7], "-") == 0)
	{
		char		line[65536];

		while (fgets(line, sizeof(line), stdin) != NULL)
		{
			char	   *sql = strchr(line, ' ');
			size_t		len;
			double		t0,
						t1;
			long		rows;

			len = strlen(line);
			if (len > 0 && line[len - 1] == '\n')
				line[len - 1] = '\0';
			if (sql == NULL)
				continue;
			*sql++ = '\0';
			t0 = now_ms();
			rows = binary ? fetch_all_binary(m, sql, &bytes) : fetch_all(m, sql, &bytes);
			t1 = now_ms();
			if (rows < 0)
				printf("%s ERR %s\n", line, mysql_error(m));
			else
				printf("%s %.3f %ld\n", line, t1 - t0, rows);
			fflush(stdout);
		}
		mysql_close(m);
		return 0;
	}

	/* run 0 is the warm-up */
	for (r = 0; r <= runs; r++)
	{
		double		t0 = now_ms();
		long		rows = binary ? fetch_all_binary(m, argv[7], &bytes) :
			fetch_all(m, argv[7], &bytes);
		double		t1 = now_ms();

		if (rows < 0)
		{
			fprintf(stderr, "query: %s\n", mysql_error(m));
			mysql_close(m);
			return 1;
		}
		if (r > 0)
			printf("RUN %.3f %ld\n", t1 - t0, rows);
	}
	/* keeps the byte count live, and is a cheap sanity check */
	fprintf(stderr, "bytes %llu\n", bytes);
	mysql_close(m);
	return 0;
}
