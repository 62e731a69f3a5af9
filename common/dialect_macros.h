/*-------------------------------------------------------------------------
 *
 * dialect_macros.h
 *		  Building blocks the per-database dialect files share (plain C).
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FDW_DIALECT_MACROS_H
#define FDW_DIALECT_MACROS_H

#include "fdw_dialect.h"

/* comparisons spelled with a template per operator */
/* the integer comparison functions of every pair of integer types */
#define INT_CMPS(l, r) \
	FDW_CMP_T(int2, "", l, r), FDW_CMP_T(int4, "", l, r), FDW_CMP_T(int8, "", l, r), \
	FDW_CMP_T(int24, "", l, r), FDW_CMP_T(int42, "", l, r), FDW_CMP_T(int28, "", l, r), \
	FDW_CMP_T(int82, "", l, r), FDW_CMP_T(int48, "", l, r), FDW_CMP_T(int84, "", l, r)

#define FLOAT_CMPS \
	FDW_CMP(float4, ""), FDW_CMP(float8, ""), FDW_CMP(float48, ""), FDW_CMP(float84, "")

#define INT_ARITHS \
	FDW_ARITH(int2), FDW_ARITH(int4), FDW_ARITH(int8), FDW_ARITH(int24), FDW_ARITH(int42), \
	FDW_ARITH(int28), FDW_ARITH(int82), FDW_ARITH(int48), FDW_ARITH(int84)

#endif							/* FDW_DIALECT_MACROS_H */
