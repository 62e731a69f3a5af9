/*-------------------------------------------------------------------------
 *
 * compat.h
 *		  The differences between the PostgreSQL majors we build against
 *		  (15 to 19), and nowhere else.
 *
 * Every header of the core includes this right after postgres.h, so the
 * rest of the code is written against one API: where a newer major renamed
 * or moved something, this file gives the old majors the new spelling (or
 * a small inline function that hides the difference).  A version test
 * anywhere else in the tree is a bug.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_COMPAT_H
#define FDW_COMPAT_H

#include "postgres.h"

#include "compat.h"

#if PG_VERSION_NUM < 150000
#error "the FDWs of this suite need PostgreSQL 15 or later"
#endif

/* 16 moved the varlena macros (VARDATA, SET_VARSIZE, ...) out of postgres.h */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/* 18 split ExplainState and the ExplainProperty* functions out of explain.h */
#include "commands/explain.h"
#if PG_VERSION_NUM >= 180000
#include "commands/explain_format.h"
#include "commands/explain_state.h"
#endif

/*
 * 18 replaced the trailing pg_attribute_noreturn() with a leading
 * pg_noreturn; GCC and clang accept the attribute in front as well.
 */
#ifndef pg_noreturn
#define pg_noreturn pg_attribute_noreturn()
#endif

#include "access/stratnum.h"
#include "executor/executor.h"
#include "miscadmin.h"
#include "nodes/pathnodes.h"
#include "optimizer/pathnode.h"
#include "optimizer/restrictinfo.h"
#include "parser/parse_relation.h"
#include "parser/parsetree.h"
#include "utils/pg_locale.h"

/*
 * Foreign paths.  17 added fdw_restrictinfo, 18 the count of disabled nodes
 * (ours never are).  A join path's fdw_restrictinfo is how 17 and later
 * learn of the join's pseudoconstant quals, which they then check in a
 * gating Result above the scan; before 17 a join with such quals must not
 * be pushed (FDW_JOIN_GATES_PSEUDOCONSTANTS is false), or the quals are
 * lost.  Base and upper paths pass none.
 */
#if PG_VERSION_NUM >= 180000
#define FDW_PATH_ROWS(rows) (rows), 0
#else
#define FDW_PATH_ROWS(rows) (rows)
#endif
#if PG_VERSION_NUM >= 170000
#define FDW_JOIN_GATES_PSEUDOCONSTANTS true
#define FDW_PATH_RESTRICTINFO(list) (list),
#else
#define FDW_JOIN_GATES_PSEUDOCONSTANTS false
#define FDW_PATH_RESTRICTINFO(list)
#endif

#define fdw_create_foreignscan_path(root, rel, target, rows, startup, total, \
									pathkeys, required_outer, outerpath, private) \
	create_foreignscan_path((root), (rel), (target), FDW_PATH_ROWS(rows), \
							(startup), (total), (pathkeys), (required_outer), \
							(outerpath), FDW_PATH_RESTRICTINFO(NIL) (private))
#define fdw_create_foreign_join_path(root, rel, target, rows, startup, total, \
									 pathkeys, required_outer, outerpath, \
									 restrictinfo, private) \
	create_foreign_join_path((root), (rel), (target), FDW_PATH_ROWS(rows), \
							 (startup), (total), (pathkeys), (required_outer), \
							 (outerpath), FDW_PATH_RESTRICTINFO(restrictinfo) (private))
#define fdw_create_foreign_upper_path(root, rel, target, rows, startup, total, \
									  pathkeys, outerpath, private) \
	create_foreign_upper_path((root), (rel), (target), FDW_PATH_ROWS(rows), \
							  (startup), (total), (pathkeys), (outerpath), \
							  FDW_PATH_RESTRICTINFO(NIL) (private))

/* A pushed-down, not pseudoconstant qual (16 added has_clone/is_clone). */
static inline RestrictInfo *
fdw_make_restrictinfo(PlannerInfo *root, Expr *clause, Relids required_relids)
{
#if PG_VERSION_NUM >= 160000
	return make_restrictinfo(root, clause, true, false, false, false,
							 root->qual_security_level, required_relids,
							 NULL, NULL);
#else
	return make_restrictinfo(root, clause, true, false, false,
							 root->qual_security_level, required_relids,
							 NULL, NULL);
#endif
}

/* Does a sort key sort descending?  (18 replaced pk_strategy by pk_cmptype) */
static inline bool
fdw_pathkey_is_desc(const PathKey *pk)
{
#if PG_VERSION_NUM >= 180000
	return pk->pk_cmptype == COMPARE_GT;
#else
	return pk->pk_strategy == BTGreaterStrategyNumber;
#endif
}

/*
 * Walk the members of an equivalence class, with the child members of
 * relids (a partition's, an appendrel child's) too: 18 keeps child members
 * out of ec_members and hands them out through an iterator.
 */
#if PG_VERSION_NUM >= 180000
#include "optimizer/paths.h"
typedef EquivalenceMemberIterator FdwEcMemberIter;
#define fdw_ec_members_begin(it, ec, relids) \
	setup_eclass_member_iterator((it), (ec), (relids))
#define fdw_ec_members_next(it) eclass_member_iterator_next(it)
#else
typedef struct FdwEcMemberIter
{
	List	   *members;
	int			next;
} FdwEcMemberIter;

static inline void
fdw_ec_members_begin(FdwEcMemberIter *it, EquivalenceClass *ec, Relids relids)
{
	(void) relids;
	it->members = ec->ec_members;
	it->next = 0;
}

static inline EquivalenceMember *
fdw_ec_members_next(FdwEcMemberIter *it)
{
	if (it->next >= list_length(it->members))
		return NULL;
	return (EquivalenceMember *) list_nth(it->members, it->next++);
}
#endif

/* An ascending, NULLS LAST pathkey (18 names the direction by CompareType) */
#if PG_VERSION_NUM >= 180000
#define fdw_make_ascending_pathkey(root, ec, opfamily) \
	make_canonical_pathkey((root), (ec), (opfamily), COMPARE_LT, false)
#else
#define fdw_make_ascending_pathkey(root, ec, opfamily) \
	make_canonical_pathkey((root), (ec), (opfamily), BTLessStrategyNumber, false)
#endif

/* Does a (valid) collation compare as "C"?  (18 removed lc_collate_is_c) */
static inline bool
fdw_collation_is_c(Oid collid)
{
#if PG_VERSION_NUM >= 180000
	return pg_newlocale_from_collation(collid)->collate_is_c;
#else
	return lc_collate_is_c(collid);
#endif
}

/* ANALYZE's cost-based delay (18 tells it apart from VACUUM's) */
#if PG_VERSION_NUM >= 180000
#define fdw_analyze_delay_point() vacuum_delay_point(true)
#else
#define fdw_analyze_delay_point() vacuum_delay_point()
#endif

/*
 * Which user's mapping a query uses: the view owner's when the foreign
 * table is read through a view (checkAsUser), else the current user.  16
 * moved checkAsUser from the range table entry into RTEPermissionInfo,
 * RelOptInfo.userid and ForeignScan.checkAsUser.
 */

/* ... for a base relation being planned */
static inline Oid
fdw_planned_rel_userid(PlannerInfo *root, RelOptInfo *baserel)
{
#if PG_VERSION_NUM >= 160000
	return OidIsValid(baserel->userid) ? baserel->userid : GetUserId();
#else
	RangeTblEntry *rte = planner_rt_fetch(baserel->relid, root);

	return OidIsValid(rte->checkAsUser) ? rte->checkAsUser : GetUserId();
#endif
}

/* ... for a range table entry of the query being planned */
static inline Oid
fdw_planned_rte_userid(PlannerInfo *root, RangeTblEntry *rte)
{
#if PG_VERSION_NUM >= 160000
	if (rte->perminfoindex != 0)
	{
		RTEPermissionInfo *perm = getRTEPermissionInfo(root->parse->rteperminfos, rte);

		if (OidIsValid(perm->checkAsUser))
			return perm->checkAsUser;
	}
	return GetUserId();
#else
	return OidIsValid(rte->checkAsUser) ? rte->checkAsUser : GetUserId();
#endif
}

/* ... for an executing foreign scan (of a base relation, join or upper rel) */
static inline Oid
fdw_scan_userid(ForeignScan *fsplan, EState *estate)
{
#if PG_VERSION_NUM >= 160000
	return OidIsValid(fsplan->checkAsUser) ? fsplan->checkAsUser : GetUserId();
#else
	int			rtindex = fsplan->scan.scanrelid > 0 ? (int) fsplan->scan.scanrelid :
	bms_next_member(fsplan->fs_relids, -1);
	RangeTblEntry *rte = exec_rt_fetch(rtindex, estate);

	return OidIsValid(rte->checkAsUser) ? rte->checkAsUser : GetUserId();
#endif
}

/* ... for an executing result relation (also a partition routed to) */
static inline Oid
fdw_result_rel_userid(ResultRelInfo *rinfo, EState *estate)
{
#if PG_VERSION_NUM >= 160000
	return ExecGetResultRelCheckAsUser(rinfo, estate);
#else
	Index		rti = rinfo->ri_RangeTableIndex;

	/* a partition routed to has no range table entry: use its root's */
	if (rti == 0 && rinfo->ri_RootResultRelInfo)
		rti = rinfo->ri_RootResultRelInfo->ri_RangeTableIndex;
	if (rti != 0)
	{
		RangeTblEntry *rte = exec_rt_fetch(rti, estate);

		if (OidIsValid(rte->checkAsUser))
			return rte->checkAsUser;
	}
	return GetUserId();
#endif
}

/*
 * The base relations a foreign scan computes.  16 added the outer joins'
 * range table indexes to fs_relids (an outer join of partitions carries its
 * parent join's, lower than the partitions') and keeps the base relations
 * alone in fs_base_relids.
 */
#if PG_VERSION_NUM >= 160000
#define fdw_scan_base_relids(fsplan) ((fsplan)->fs_base_relids)
#else
#define fdw_scan_base_relids(fsplan) ((fsplan)->fs_relids)
#endif

/* May roleid use a foreign server?  (16 folded the per-kind checks into one) */
#include "catalog/pg_foreign_server.h"
#include "utils/acl.h"

static inline AclResult
fdw_server_aclcheck(Oid serverid, Oid roleid, AclMode mode)
{
#if PG_VERSION_NUM >= 160000
	return object_aclcheck(ForeignServerRelationId, serverid, roleid, mode);
#else
	return pg_foreign_server_aclcheck(serverid, roleid, mode);
#endif
}

#endif							/* FDW_COMPAT_H */
