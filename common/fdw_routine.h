/*-------------------------------------------------------------------------
 *
 * fdw_routine.h
 *		  The one FdwRoutine all our FDWs return from their handler.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_ROUTINE_H
#define FDW_ROUTINE_H

#include "postgres.h"

#include "compat.h"

#include "foreign/fdwapi.h"

extern FdwRoutine *fdw_make_routine(void);

/* planner.c */
extern void fdw_get_rel_size(PlannerInfo *root, RelOptInfo *baserel,
							 Oid foreigntableid);
extern void fdw_get_paths(PlannerInfo *root, RelOptInfo *baserel,
						  Oid foreigntableid);
extern void fdw_get_join_paths(PlannerInfo *root, RelOptInfo *joinrel,
							   RelOptInfo *outerrel, RelOptInfo *innerrel,
							   JoinType jointype, JoinPathExtraData *extra);
extern void fdw_get_upper_paths(PlannerInfo *root, UpperRelationKind stage,
								RelOptInfo *input_rel, RelOptInfo *output_rel,
								void *extra);
extern ForeignScan *fdw_get_plan(PlannerInfo *root, RelOptInfo *baserel,
								 Oid foreigntableid, ForeignPath *best_path,
								 List *tlist, List *scan_clauses,
								 Plan *outer_plan);

/* analyze.c */
extern bool fdw_analyze_foreign_table(Relation relation,
									  AcquireSampleRowsFunc *func,
									  BlockNumber *totalpages);

#endif							/* FDW_ROUTINE_H */
