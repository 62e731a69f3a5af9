/*-------------------------------------------------------------------------
 *
 * collation.c
 *		  Which PostgreSQL collations order strings by their bytes.
 *
 * The dialects compare strings remotely as bytes (MySQL's own collations
 * ignore case, accents and trailing spaces).  Byte order is PostgreSQL's
 * order only under a collation that compares with strcmp: C and POSIX,
 * which PostgreSQL itself recognises, and glibc's C.UTF-8, whose
 * LC_COLLATE is "codepoint_collation" (strcmp) from glibc 2.35 on.  In UTF-8
 * byte order and code point order agree, so for a UTF-8 database C.UTF-8
 * orders exactly as a binary comparison does.  That is the common default
 * of initdb on Debian and of container images, so it is worth knowing.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#ifdef __GLIBC__
#include <gnu/libc-version.h>
#endif

#include "access/htup_details.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_database.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/pg_locale.h"
#include "utils/syscache.h"

#include "fdw_planner.h"

/* Is this process's C library one whose C.UTF-8 collates with strcmp? */
static bool
libc_c_utf8_is_codepoint(void)
{
#ifdef __GLIBC__
	static int	known = -1;

	if (known < 0)
	{
		int			major = 0,
					minor = 0;

		known = sscanf(gnu_get_libc_version(), "%d.%d", &major, &minor) == 2 &&
			(major > 2 || (major == 2 && minor >= 35));
	}
	return known == 1;
#else
	return false;
#endif
}

static bool
is_c_utf8_name(const char *name)
{
	return name != NULL &&
		(pg_strcasecmp(name, "C.UTF-8") == 0 || pg_strcasecmp(name, "C.utf8") == 0);
}

/* The libc locale name behind a collation, or NULL if not a libc one. */
static char *
libc_collate_name(Oid collid)
{
	HeapTuple	tup;
	char	   *name = NULL;

	if (collid == DEFAULT_COLLATION_OID)
	{
		Form_pg_database db;

		tup = SearchSysCache1(DATABASEOID, ObjectIdGetDatum(MyDatabaseId));
		if (!HeapTupleIsValid(tup))
			return NULL;
		db = (Form_pg_database) GETSTRUCT(tup);
		if (db->datlocprovider == COLLPROVIDER_LIBC)
		{
			bool		isnull;
			Datum		d = SysCacheGetAttr(DATABASEOID, tup,
											Anum_pg_database_datcollate, &isnull);

			if (!isnull)
				name = TextDatumGetCString(d);
		}
	}
	else
	{
		Form_pg_collation coll;

		tup = SearchSysCache1(COLLOID, ObjectIdGetDatum(collid));
		if (!HeapTupleIsValid(tup))
			return NULL;
		coll = (Form_pg_collation) GETSTRUCT(tup);
		if (coll->collprovider == COLLPROVIDER_LIBC)
		{
			bool		isnull;
			Datum		d = SysCacheGetAttr(COLLOID, tup,
											Anum_pg_collation_collcollate, &isnull);

			if (!isnull)
				name = TextDatumGetCString(d);
		}
	}
	ReleaseSysCache(tup);
	return name;
}

/*
 * Does collation collid order strings exactly as their bytes compare?  Then
 * an ordering comparison, ORDER BY, min() and max() of strings may run
 * remotely as a binary comparison.
 */
bool
fdw_collation_is_bytewise(Oid collid)
{
	if (!OidIsValid(collid))
		return false;
	if (fdw_collation_is_c(collid))
		return true;
	if (GetDatabaseEncoding() != PG_UTF8 || !libc_c_utf8_is_codepoint())
		return false;
	return is_c_utf8_name(libc_collate_name(collid));
}
