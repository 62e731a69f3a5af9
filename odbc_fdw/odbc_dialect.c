/*-------------------------------------------------------------------------
 *
 * odbc_dialect.c
 *		  How the database behind an ODBC data source spells SQL, chosen at
 *		  connect time from the name the driver reports (SQL_DBMS_NAME).
 *
 * Known systems get the dialect of their database, which lives in common/
 * (dialect_sqlite.c, dialect_mysql.c, dialect_postgres.c, dialect_tsql.c),
 * one file per database; anything else gets the conservative ANSI one
 * (dialect_ansi.c) that ships only what SQL-92 guarantees: comparisons of
 * numbers and dates.  The core caches shippability per dialect pointer,
 * so every dialect is a const struct, one per combination of the facts
 * that change it (quote character, NULL order, backslash escapes), never an
 * allocation per connection.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "odbc_fdw.h"

/* ---------------------------------------------------------------- choice */

static const struct
{
	const char *prefix;			/* SQL_DBMS_NAME starts with it */
	OdbcDbms	dbms;
	const char *label;
}			known_dbms[] = {
	{"SQLite", ODBC_DBMS_SQLITE, "SQLite"},
	{"MariaDB", ODBC_DBMS_MYSQL, "MySQL"},
	{"MySQL", ODBC_DBMS_MYSQL, "MySQL"},
	{"PostgreSQL", ODBC_DBMS_POSTGRES, "PostgreSQL"},
	{"Microsoft SQL Server", ODBC_DBMS_MSSQL, "Microsoft SQL Server"},
	/* Sybase's ODBC driver reports "Adaptive Server Enterprise" */
	{"Adaptive Server", ODBC_DBMS_SYBASE, "Sybase ASE"},
	{NULL, ODBC_DBMS_OTHER, NULL}
};

/* Which known system a driver's SQL_DBMS_NAME names. */
OdbcDbms
odbc_dbms_of(const char *dbms_name)
{
	int			i;

	for (i = 0; known_dbms[i].prefix; i++)
		if (strncasecmp(dbms_name, known_dbms[i].prefix,
						strlen(known_dbms[i].prefix)) == 0)
			return known_dbms[i].dbms;
	return ODBC_DBMS_OTHER;
}

const char *
odbc_dbms_label(OdbcDbms dbms)
{
	int			i;

	for (i = 0; known_dbms[i].prefix; i++)
		if (known_dbms[i].dbms == dbms)
			return known_dbms[i].label;
	return "other";
}

const FdwDialect *
odbc_dialect_for(const OdbcDialectFacts *facts)
{
	switch (facts->dbms)
	{
		case ODBC_DBMS_SQLITE:
			return &sqlite_dialect;
		case ODBC_DBMS_MYSQL:
			return facts->backslash_escapes ? &mysql_dialect :
				&mysql_dialect_no_backslash;
		case ODBC_DBMS_POSTGRES:
			return facts->backslash_escapes ? &postgres_dialect_backslash :
				&postgres_dialect;
		case ODBC_DBMS_MSSQL:
			return &tsql_dialect;
		case ODBC_DBMS_SYBASE:
			return &sybase_dialect;
		case ODBC_DBMS_OTHER:
			break;
	}
	/* a driver without identifier quoting reports ' ': the standard's " */
	if (facts->quote == '`')
		return facts->nulls_high ? &ansi_bq_high : &ansi_bq_low;
	return facts->nulls_high ? &ansi_dq_high : &ansi_dq_low;
}
