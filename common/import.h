/*-------------------------------------------------------------------------
 *
 * import.h
 *		  IMPORT FOREIGN SCHEMA from the driver's catalog rows.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_IMPORT_H
#define FDW_IMPORT_H

#include "postgres.h"

#include "compat.h"

#include "nodes/parsenodes.h"

#include "fdw_driver.h"

/* The options of IMPORT FOREIGN SCHEMA ... OPTIONS (...). */
typedef struct FdwImportOptions
{
	bool		import_default;
	bool		import_not_null;
	bool		import_enum_as_text;
	bool		import_generated;
	bool		import_tinyint1_as_boolean;
} FdwImportOptions;

extern List *fdw_import_foreign_schema(ImportForeignSchemaStmt *stmt,
									   Oid serverOid);
extern char *fdw_import_type_name(const FdwColumnDesc *col,
								  const FdwImportOptions *opts);

#endif							/* FDW_IMPORT_H */
