/*-------------------------------------------------------------------------
 *
 * ref_runner.h
 *		  The timing loop the benchmark's reference programs share
 *		  (ref_fetch.c for Connector/C, ref_odbc.c for ODBC): each program
 *		  supplies only how to run a query and read every row.
 *
 * ref_run(sql, runs, ...): with sql "-" it serves bench/run.sh, reading
 * "<tag> <SQL>" lines from stdin and answering "<tag> <milliseconds> <rows>"
 * or "<tag> ERR <message>"; otherwise it runs sql once as a warm-up and
 * then RUNS times, printing "RUN <milliseconds> <rows>" for each.  The timer
 * starts before the query is sent and stops after the last row was read.
 *
 *-------------------------------------------------------------------------
 */
#ifndef REF_RUNNER_H
#define REF_RUNNER_H

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Runs sql once, reading every row and adding its bytes; rows or -1. */
typedef long (*ref_fetch_fn) (void *ctx, const char *sql, unsigned long long *bytes);
/* The message of the last failure. */
typedef const char *(*ref_error_fn) (void *ctx);

static double
ref_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* 0 when every run succeeded (stdin mode: always), 1 otherwise */
static int
ref_run(const char *sql, int runs, ref_fetch_fn fetch, ref_error_fn error, void *ctx)
{
	unsigned long long bytes = 0;
	int			r;

	if (strcmp(sql, "-") == 0)
	{
		char		line[65536];

		while (fgets(line, sizeof(line), stdin) != NULL)
		{
			char	   *q = strchr(line, ' ');
			size_t		len = strlen(line);
			double		t0,
						t1;
			long		rows;

			if (len > 0 && line[len - 1] == '\n')
				line[len - 1] = '\0';
			if (q == NULL)
				continue;
			*q++ = '\0';
			t0 = ref_now_ms();
			rows = fetch(ctx, q, &bytes);
			t1 = ref_now_ms();
			if (rows < 0)
				printf("%s ERR %s\n", line, error(ctx));
			else
				printf("%s %.3f %ld\n", line, t1 - t0, rows);
			fflush(stdout);
		}
		return 0;
	}

	/* run 0 is the warm-up */
	for (r = 0; r <= runs; r++)
	{
		double		t0 = ref_now_ms();
		long		rows = fetch(ctx, sql, &bytes);
		double		t1 = ref_now_ms();

		if (rows < 0)
		{
			fprintf(stderr, "query: %s\n", error(ctx));
			return 1;
		}
		if (r > 0)
			printf("RUN %.3f %ld\n", t1 - t0, rows);
	}
	/* keeps the byte count live, and is a cheap sanity check */
	fprintf(stderr, "bytes %llu\n", bytes);
	return 0;
}

#endif							/* REF_RUNNER_H */
