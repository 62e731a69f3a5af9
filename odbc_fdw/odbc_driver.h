/*-------------------------------------------------------------------------
 *
 * odbc_driver.h
 *		  Internals shared by the files that talk to unixODBC: the
 *		  connection, text conversion, errors and the cursor functions.
 *
 * Only odbc_driver.c, odbc_cursor.c, odbc_catalog.c and odbc_text.c
 * include this header; it brings in unixODBC's headers and never
 * PostgreSQL's.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef ODBC_DRIVER_H
#define ODBC_DRIVER_H

#include <iconv.h>
#include <stdint.h>

#include <sql.h>
#include <sqlext.h>

#include "odbc_fdw.h"

/*
 * How text travels between us and the ODBC driver.  WIDE: the W entry
 * points and SQL_C_WCHAR, UTF-16 that we convert ourselves, so the result
 * does not depend on the backend's locale.  UTF8: the narrow entry points
 * and SQL_C_CHAR carrying UTF-8 (SQLite's driver has no W entry points,
 * and the driver manager's conversion for it cannot carry characters
 * outside the BMP).  ICONV: narrow, in the encoding named by the server's
 * encoding option, converted with iconv.
 */
typedef enum OdbcTextMode
{
	ODBC_TEXT_WIDE,
	ODBC_TEXT_UTF8,
	ODBC_TEXT_ICONV
} OdbcTextMode;

struct FdwConn
{
	SQLHENV		env;
	SQLHDBC		dbc;
	bool		connected;
	const FdwHost *host;
	OdbcDbms	dbms;
	const FdwDialect *dialect;
	OdbcTextMode text_mode;
	bool		results_utf8;	/* text results read as SQL_C_CHAR, UTF-8 */
	bool		wrap_xa_recover;	/* MariaDB Connector/ODBC: see odbc_cursor.c */
	iconv_t		to_utf8;		/* ODBC_TEXT_ICONV only */
	iconv_t		from_utf8;
	bool		has_xact;		/* we begin and end transactions */
	bool		sql_xact;		/* ... with BEGIN/COMMIT statements, autocommit on */
	bool		in_xact;		/* between begin and commit/rollback */
	bool		no_savepoints;	/* SAVEPOINT failed on an unknown DBMS */
	bool		trust_sizes;	/* reported column sizes bound the values */
	bool		loose_types;	/* values may not match the declared type */
	bool		getdata_bound;	/* SQLGetData works on bound columns */
	SQLUINTEGER iso_options;	/* SQL_TXN_ISOLATION_OPTION */
	SQLULEN		iso_current;	/* isolation level set on the connection */
	FdwCursor  *cur;			/* the open cursor, if any */
	long		read_timeout;	/* seconds, 0: none (option read_timeout) */
	int64_t		last_used_ms;	/* monotonic time of the last statement or
								 * transaction end (odbc_touch) */
	char		dbms_name[128];
	char		driver_name[128];
};

/* odbc_driver.c */
extern void odbc_touch(FdwConn *c);
extern void odbc_set_error(FdwConn *c, SQLSMALLINT htype, SQLHANDLE h,
						   const char *context, FdwError *err);
extern bool odbc_exec_direct(FdwConn *c, SQLHSTMT stmt, const char *sql,
							 FdwError *err);
extern bool odbc_to_utf8(FdwConn *c, const char *in, size_t inlen,
						 char **out, size_t *outcap, size_t *outlen);
extern void odbc_end_implicit_xact(FdwConn *c);

/* odbc_cursor.c */
extern FdwCursor *odbc_open_cursor(FdwConn *c, const char *sql,
								   const FdwParam *params, int nparams,
								   int fetch_size, int flags,
								   const FdwColumnDesc **cols,
								   int *ncols, FdwError *err);
extern int	odbc_fetch(FdwCursor *cur, FdwCell *cells, FdwError *err);
extern void odbc_close_cursor(FdwCursor *cur);
extern void odbc_cancel_cursor(FdwCursor *cur);
extern FdwTypeKind odbc_type_kind(SQLSMALLINT sqltype, bool is_unsigned,
								  SQLULEN size, int *length);

/* odbc_catalog.c */
extern FdwColumnDesc *odbc_describe_table(FdwConn *c, const char *schema,
										  const char *table, int *ncols,
										  FdwError *err);
extern FdwTableDesc *odbc_list_tables(FdwConn *c, const char *schema,
									  const char *const *only, int nonly,
									  int *ntables, FdwError *err);
extern bool odbc_last_insert_id(FdwConn *c, uint64_t *id, FdwError *err);

/* odbc_text.c */
extern bool odbc_utf16_to_utf8(const SQLWCHAR *in, size_t n, char *out,
							   size_t *outlen);
extern SQLWCHAR *odbc_utf8_to_utf16(const char *in, size_t len,
									size_t *nunits);
extern char *odbc_iconv(iconv_t cd, const char *in, size_t len,
						size_t *outlen);
extern bool odbc_is_utf8_name(const char *encoding);
extern bool odbc_conversion_keeps(const char *in, size_t inlen,
								  const char *out, size_t outlen,
								  const char *specials);

/* bytes that end or escape a quoted literal or identifier in SQL */
#define ODBC_SQL_SPECIALS "'\"\\`[]"
/* bytes that end or escape a value in a connection string */
#define ODBC_CONNSTR_SPECIALS "{};="


#endif							/* ODBC_DRIVER_H */
