/*-------------------------------------------------------------------------
 *
 * mysql_fdw.h
 *		  What the parts of mysql_fdw share: its driver and its dialects.
 *
 * Plain C on purpose: mysql_driver.c includes it next to Connector/C and
 * must not see PostgreSQL's headers (see common/fdw_driver.h).
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MYSQL_FDW_H
#define MYSQL_FDW_H

#include "fdw_driver.h"
#include "dialects.h"

extern const FdwDriver mysql_driver;

/*
 * What mysql_fdw_version() reports.  Scripts written for EDB mysql_fdw test
 * it against EDB's releases (">= 20800" for 2.8's features); we do all of
 * those, so it is above every EDB release.  Our own version is the
 * extension's (\dx) and the package's.
 */
#define MYSQL_FDW_VERSION 30000

#endif							/* MYSQL_FDW_H */
