/*-------------------------------------------------------------------------
 *
 * dialects.h
 *		  SQL dialects that more than one FDW speaks.
 *
 * MySQL spells SQL the same whether it is reached through Connector/C
 * (mysql_fdw) or an ODBC driver (odbc_fdw), and T-SQL the same through
 * db-lib (tds_fdw) or ODBC: each dialect is data in the core, written once.  Plain C, like fdw_dialect.h, so driver files may
 * include it.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_DIALECTS_H
#define FDW_DIALECTS_H

#include "fdw_dialect.h"

/* dialect_mysql.c: backslashes escape in literals unless NO_BACKSLASH_ESCAPES */
extern const FdwDialect mysql_dialect;
extern const FdwDialect mysql_dialect_no_backslash;
/* ... and the class of a MySQL/MariaDB native error code */
extern FdwErrorKind fdw_mysql_error_kind(unsigned int code);

/* dialect_tsql.c: SQL Server (TDS 7+); Sybase ASE, which has no LIMIT */
extern const FdwDialect tsql_dialect;
extern const FdwDialect sybase_dialect;
/* ... and the class of a SQL Server / Sybase error number */
extern FdwErrorKind fdw_tsql_error_kind(int code, const char *text);
/* ... and the session settings the T-SQL we send depends on */
extern const char *fdw_tsql_session_setup(bool sybase, bool ansi_mode);

/* dialect_sqlite.c, and the class of an SQLite error message */
extern const FdwDialect sqlite_dialect;
extern FdwErrorKind fdw_sqlite_error_kind(const char *msg);

/* dialect_postgres.c: standard_conforming_strings on / off */
extern const FdwDialect postgres_dialect;
extern const FdwDialect postgres_dialect_backslash;

/* dialect_ansi.c: identifier quote " or `, NULLs sorting low or high */
extern const FdwDialect ansi_dq_low;
extern const FdwDialect ansi_dq_high;
extern const FdwDialect ansi_bq_low;
extern const FdwDialect ansi_bq_high;

#endif							/* FDW_DIALECTS_H */
