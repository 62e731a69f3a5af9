/*-------------------------------------------------------------------------
 *
 * tds_fdw.h
 *		  What the parts of tds_fdw share: its driver and its dialects.
 *
 * Plain C on purpose: tds_driver.c includes it next to FreeTDS's db-lib
 * headers and must not see PostgreSQL's (see common/fdw_driver.h).
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef TDS_FDW_H
#define TDS_FDW_H

#include "fdw_driver.h"
#include "fdw_dialect.h"
#include "dialects.h"			/* tsql_dialect, sybase_dialect */

extern const FdwDriver tds_driver;

#define TDS_FDW_VERSION 10000	/* 1.0.0 */

#endif							/* TDS_FDW_H */
