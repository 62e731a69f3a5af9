/*-------------------------------------------------------------------------
 *
 * direct_modify.h
 *		  UPDATE and DELETE sent to the remote as one statement.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_DIRECT_MODIFY_H
#define FDW_DIRECT_MODIFY_H

#include "postgres.h"

#include "compat.h"

#include "commands/explain.h"
#include "foreign/fdwapi.h"

extern bool fdw_plan_direct_modify(PlannerInfo *root, ModifyTable *plan,
								   Index resultRelation, int subplan_index);
extern void fdw_begin_direct_modify(ForeignScanState *node, int eflags);
extern TupleTableSlot *fdw_iterate_direct_modify(ForeignScanState *node);
extern void fdw_end_direct_modify(ForeignScanState *node);
extern void fdw_explain_direct_modify(ForeignScanState *node, ExplainState *es);

#endif							/* FDW_DIRECT_MODIFY_H */
