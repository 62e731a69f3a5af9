/*-------------------------------------------------------------------------
 *
 * tds_fdw.h
 *		  What the parts of tds_fdw share: its driver and its dialects.
 *
 * Plain C on purpose: tds_driver.c includes it next to FreeTDS's db-lib
 * headers and must not see PostgreSQL's (see common/fdw_driver.h).
 *
 *-------------------------------------------------------------------------
 */
#ifndef TDS_FDW_H
#define TDS_FDW_H

#include "fdw_driver.h"
#include "fdw_dialect.h"

extern const FdwDriver tds_driver;

/* Microsoft SQL Server (TDS 7.x) */
extern const FdwDialect tsql_dialect;

/* Sybase ASE (TDS 5.0): the same spelling, without row limits */
extern const FdwDialect sybase_dialect;

#define TDS_FDW_VERSION 10000	/* 1.0.0 */

#endif							/* TDS_FDW_H */
