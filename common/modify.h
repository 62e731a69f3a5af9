/*-------------------------------------------------------------------------
 *
 * modify.h
 *		  INSERT, UPDATE and DELETE through foreign tables (modify.c), and
 *		  TRUNCATE (truncate.c).
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_MODIFY_H
#define FDW_MODIFY_H

#include "postgres.h"

#include "compat.h"

#include "foreign/fdwapi.h"
#include "nodes/execnodes.h"
#include "nodes/pathnodes.h"
#include "nodes/plannodes.h"
#include "utils/relcache.h"

/* modify.c */
extern int	fdw_is_foreign_rel_updatable(Relation rel);
extern void fdw_add_foreign_update_targets(PlannerInfo *root, Index rtindex,
										   RangeTblEntry *target_rte,
										   Relation target_relation);
extern List *fdw_plan_foreign_modify(PlannerInfo *root, ModifyTable *plan,
									 Index resultRelation, int subplan_index);
extern void fdw_begin_foreign_modify(ModifyTableState *mtstate,
									 ResultRelInfo *rinfo, List *fdw_private,
									 int subplan_index, int eflags);
extern TupleTableSlot *fdw_exec_foreign_insert(EState *estate,
											   ResultRelInfo *rinfo,
											   TupleTableSlot *slot,
											   TupleTableSlot *planSlot);
extern TupleTableSlot *fdw_exec_foreign_update(EState *estate,
											   ResultRelInfo *rinfo,
											   TupleTableSlot *slot,
											   TupleTableSlot *planSlot);
extern TupleTableSlot *fdw_exec_foreign_delete(EState *estate,
											   ResultRelInfo *rinfo,
											   TupleTableSlot *slot,
											   TupleTableSlot *planSlot);
extern TupleTableSlot **fdw_exec_foreign_batch_insert(EState *estate,
													  ResultRelInfo *rinfo,
													  TupleTableSlot **slots,
													  TupleTableSlot **planSlots,
													  int *numSlots);
extern int	fdw_get_foreign_modify_batch_size(ResultRelInfo *rinfo);
extern void fdw_end_foreign_modify(EState *estate, ResultRelInfo *rinfo);
extern void fdw_begin_foreign_insert(ModifyTableState *mtstate,
									 ResultRelInfo *rinfo);
extern void fdw_end_foreign_insert(EState *estate, ResultRelInfo *rinfo);
extern void fdw_explain_foreign_modify(ModifyTableState *mtstate,
									   ResultRelInfo *rinfo, List *fdw_private,
									   int subplan_index,
									   struct ExplainState *es);

/* truncate.c */
extern void fdw_exec_foreign_truncate(List *rels, DropBehavior behavior,
									  bool restart_seqs);

#endif							/* FDW_MODIFY_H */
