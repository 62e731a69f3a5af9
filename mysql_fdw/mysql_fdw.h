/*-------------------------------------------------------------------------
 *
 * mysql_fdw.h
 *		  What the parts of mysql_fdw share: its driver and its dialects.
 *
 * Plain C on purpose: mysql_driver.c includes it next to Connector/C and
 * must not see PostgreSQL's headers (see common/fdw_driver.h).
 *
 *-------------------------------------------------------------------------
 */
#ifndef MYSQL_FDW_H
#define MYSQL_FDW_H

#include "fdw_driver.h"
#include "dialects.h"

extern const FdwDriver mysql_driver;

#define MYSQL_FDW_VERSION 10200	/* 1.2.0 */

#endif							/* MYSQL_FDW_H */
