/*-------------------------------------------------------------------------
 *
 * odbc_fdw.h
 *		  What the parts of odbc_fdw share: the driver, the dialects chosen
 *		  by the remote DBMS, and the connection-string builder.
 *
 * Plain C on purpose: odbc_driver.c includes it next to unixODBC's headers
 * and must not see PostgreSQL's (see common/fdw_driver.h), and odbc_fdw.c
 * includes it next to PostgreSQL's and must not see unixODBC's.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef ODBC_FDW_H
#define ODBC_FDW_H

#include <stdbool.h>
#include <stddef.h>

#include "fdw_driver.h"
#include "fdw_dialect.h"
#include "dialects.h"

#define ODBC_FDW_VERSION 10100	/* 1.1.0 */

/*
 * The database systems odbc_fdw knows by the name the ODBC driver reports
 * (SQL_DBMS_NAME).  Each gets a dialect tuned to its semantics and, in the
 * driver, its own session set-up; every other one is ODBC_DBMS_OTHER and
 * gets a conservative ANSI dialect.
 */
typedef enum OdbcDbms
{
	ODBC_DBMS_OTHER = 0,
	ODBC_DBMS_SQLITE,
	ODBC_DBMS_MYSQL,			/* MySQL and MariaDB */
	ODBC_DBMS_POSTGRES,
	ODBC_DBMS_MSSQL,			/* Microsoft SQL Server (also via FreeTDS) */
	ODBC_DBMS_SYBASE			/* Sybase ASE: T-SQL without row limits */
} OdbcDbms;

/* What the driver learned at connect time that changes the SQL spelling. */
typedef struct OdbcDialectFacts
{
	OdbcDbms	dbms;
	char		quote;			/* SQL_IDENTIFIER_QUOTE_CHAR, ' ' if none */
	bool		nulls_high;		/* SQL_NULL_COLLATION is SQL_NC_HIGH */
	bool		backslash_escapes;	/* string literals treat \ as escape */
} OdbcDialectFacts;

/* odbc_dialect.c */
extern OdbcDbms odbc_dbms_of(const char *dbms_name);
extern const char *odbc_dbms_label(OdbcDbms dbms);
extern const FdwDialect *odbc_dialect_for(const OdbcDialectFacts *facts);

/* odbc_connstr.c */
extern const char *odbc_option(const FdwOption *opts, int nopts,
							   const char *name);
extern char *odbc_connstr_build(const FdwOption *opts, int nopts,
								const char *extra, char *errbuf,
								size_t errlen);
extern bool odbc_connstr_has_key(const char *connstr, const char *key);
extern bool odbc_connstr_uses_password(const FdwOption *opts, int nopts,
									   char *errbuf, size_t errlen);
extern bool odbc_attr_name_ok(const char *name);

/* odbc_driver.c */
extern const FdwDriver odbc_driver;

/* the MySQL dialects, compiled from mysql_fdw's own table */
/* the MySQL and T-SQL dialects are the core's (common/dialects.h) */

#endif							/* ODBC_FDW_H */
