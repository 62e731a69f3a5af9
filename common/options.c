/*-------------------------------------------------------------------------
 *
 * options.c
 *		  Validation of FDW options against each FDW's option catalog, and
 *		  the typed, merged view of a foreign table's options.
 *
 * Every FDW declares its options once as a table of FdwOptionDef (name,
 * levels, kind, range, role).  The validator checks CREATE/ALTER options
 * against that table, so each FDW gets the same clear errors without a
 * validator of its own, and the planner reads options through
 * fdw_table_options() once per planned relation, not per scan or row.
 *
 * The validator is also where the safety model is enforced (DESIGN.md): a
 * role with USAGE on a wrapper can create servers, user mappings and foreign
 * tables, so an option that would let it make the backend read or write a
 * local file, load a library, run SQL at connect time or switch on client
 * tracing is refused unless the current user is a superuser, and passwords
 * are accepted only in user mappings, whose options only their user and the
 * server's owner can read.
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/reloptions.h"
#include "access/table.h"
#include "catalog/pg_attribute.h"
#include "catalog/pg_class.h"
#include "catalog/pg_foreign_data_wrapper.h"
#include "catalog/pg_foreign_server.h"
#include "catalog/pg_foreign_table.h"
#include "catalog/pg_user_mapping.h"
#include "commands/defrem.h"
#include "foreign/foreign.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#include "fdw_core.h"
#include "options.h"

static int
level_of_catalog(Oid catalog)
{
	switch (catalog)
	{
		case ForeignDataWrapperRelationId:
			return FDW_OPT_WRAPPER;
		case ForeignServerRelationId:
			return FDW_OPT_SERVER;
		case UserMappingRelationId:
			return FDW_OPT_USER;
		case ForeignTableRelationId:
			return FDW_OPT_TABLE;
		case AttributeRelationId:
			return FDW_OPT_COLUMN;
	}
	return 0;
}

static bool
def_matches(const FdwOptionDef *def, const char *name)
{
	if (def->is_prefix)
		return strncmp(name, def->name, strlen(def->name)) == 0 &&
			name[strlen(def->name)] != '\0';
	return strcmp(name, def->name) == 0;
}

/*
 * Options the core gives every FDW, with the same name and meaning in each:
 * declared here once instead of in three catalogs.
 *
 * password_required is postgres_fdw's: a non-superuser connects only with
 * the password of its user mapping, so that it cannot borrow an identity
 * the backend has without one (the OS user over a Unix socket, a Kerberos
 * ticket).  Only a superuser may turn it off, on one mapping.
 */
static const FdwOptionDef core_options[] = {
	{"password_required", FDW_OPT_USER, FDW_KIND_BOOL, FDW_ROLE_PASSWORD_REQUIRED},
	/* postgres_fdw's planning and write switches, on a server or a table */
	{"use_remote_estimate", FDW_OPT_SERVER | FDW_OPT_TABLE, FDW_KIND_BOOL,
	FDW_ROLE_USE_REMOTE_ESTIMATE},
	{"fdw_startup_cost", FDW_OPT_SERVER | FDW_OPT_TABLE, FDW_KIND_REAL,
	FDW_ROLE_STARTUP_COST, 0, 1e10},
	{"fdw_tuple_cost", FDW_OPT_SERVER | FDW_OPT_TABLE, FDW_KIND_REAL,
	FDW_ROLE_TUPLE_COST, 0, 1e10},
	{"updatable", FDW_OPT_SERVER | FDW_OPT_TABLE, FDW_KIND_BOOL, FDW_ROLE_UPDATABLE},
	{"truncatable", FDW_OPT_SERVER | FDW_OPT_TABLE, FDW_KIND_BOOL, FDW_ROLE_TRUNCATABLE},
	/* postgres_fdw's: scans of an Append run concurrently (scan_async.c) */
	{"async_capable", FDW_OPT_SERVER | FDW_OPT_TABLE, FDW_KIND_BOOL,
	FDW_ROLE_ASYNC_CAPABLE},
	{NULL}
};

/*
 * Walk all options of this FDW, its own catalog then the core's: start with
 * def = NULL; NULL at the end.
 */
const FdwOptionDef *
fdw_next_option(const FdwOptionDef *def)
{
	def = def ? def + 1 : fdw_instance->options;
	if (def->name == NULL &&
		!(def >= core_options && def < core_options + lengthof(core_options)))
		def = core_options;
	return def->name ? def : NULL;
}

/*
 * Find the definition of option "name" valid at "level" (0: any level).
 */
const FdwOptionDef *
fdw_find_option(const char *name, int level)
{
	const FdwOptionDef *def;

	for (def = fdw_next_option(NULL); def; def = fdw_next_option(def))
	{
		if (def_matches(def, name) && (level == 0 || (def->levels & level)))
			return def;
	}
	return NULL;
}

static const char *
level_names(int levels)
{
	StringInfoData buf;

	initStringInfo(&buf);
	if (levels & FDW_OPT_WRAPPER)
		appendStringInfoString(&buf, "foreign-data wrappers, ");
	if (levels & FDW_OPT_SERVER)
		appendStringInfoString(&buf, "servers, ");
	if (levels & FDW_OPT_USER)
		appendStringInfoString(&buf, "user mappings, ");
	if (levels & FDW_OPT_TABLE)
		appendStringInfoString(&buf, "foreign tables, ");
	if (levels & FDW_OPT_COLUMN)
		appendStringInfoString(&buf, "columns, ");
	if (buf.len >= 2)
		buf.data[buf.len - 2] = '\0';
	return buf.data;
}

static const char *
valid_names(int level)
{
	const FdwOptionDef *def;
	StringInfoData buf;

	initStringInfo(&buf);
	for (def = fdw_next_option(NULL); def; def = fdw_next_option(def))
	{
		if (!(def->levels & level))
			continue;
		appendStringInfo(&buf, "%s%s%s", buf.len ? ", " : "", def->name,
						 def->is_prefix ? "*" : "");
	}
	return buf.data;
}

/* Parse a whole integer; false on junk or overflow. */
static bool
parse_int64(const char *s, int64 *result)
{
	char	   *end;
	long long	v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (end == s || errno != 0)
		return false;
	while (*end == ' ')
		end++;
	if (*end != '\0')
		return false;
	*result = v;
	return true;
}

bool
fdw_defGetBool(DefElem *def)
{
	bool		result;

	if (!parse_bool(defGetString(def), &result))
		ereport(ERROR,
				(errcode(ERRCODE_FDW_INVALID_ATTRIBUTE_VALUE),
				 errmsg("option \"%s\" requires a Boolean value", def->defname),
				 errdetail("Got \"%s\".", defGetString(def))));
	return result;
}

static void
check_value(const FdwOptionDef *def, DefElem *elem)
{
	const char *value = defGetString(elem);

	switch (def->kind)
	{
		case FDW_KIND_STRING:
			break;
		case FDW_KIND_BOOL:
			(void) fdw_defGetBool(elem);
			break;
		case FDW_KIND_INT:
			{
				int64		v;

				if (!parse_int64(value, &v))
					ereport(ERROR,
							(errcode(ERRCODE_FDW_INVALID_ATTRIBUTE_VALUE),
							 errmsg("option \"%s\" requires an integer value",
									elem->defname),
							 errdetail("Got \"%s\".", value)));
				if (v < def->min || v > def->max)
					ereport(ERROR,
							(errcode(ERRCODE_FDW_INVALID_ATTRIBUTE_VALUE),
							 errmsg("value %lld is out of range for option \"%s\"",
									(long long) v, elem->defname),
							 errdetail("Valid values are between %.0f and %.0f.",
									   def->min, def->max)));
				break;
			}
		case FDW_KIND_REAL:
			{
				char	   *end;
				double		v;

				errno = 0;
				v = strtod(value, &end);
				if (end == value || *end != '\0' || errno != 0 || isnan(v))
					ereport(ERROR,
							(errcode(ERRCODE_FDW_INVALID_ATTRIBUTE_VALUE),
							 errmsg("option \"%s\" requires a numeric value",
									elem->defname),
							 errdetail("Got \"%s\".", value)));
				if (v < def->min || v > def->max)
					ereport(ERROR,
							(errcode(ERRCODE_FDW_INVALID_ATTRIBUTE_VALUE),
							 errmsg("value %g is out of range for option \"%s\"",
									v, elem->defname),
							 errdetail("Valid values are between %g and %g.",
									   def->min, def->max)));
				break;
			}
		case FDW_KIND_ENUM:
			{
				const char *const *ev;
				StringInfoData buf;

				for (ev = def->enum_values; *ev; ev++)
					if (pg_strcasecmp(*ev, value) == 0)
						return;
				initStringInfo(&buf);
				for (ev = def->enum_values; *ev; ev++)
					appendStringInfo(&buf, "%s\"%s\"", buf.len ? ", " : "", *ev);
				ereport(ERROR,
						(errcode(ERRCODE_FDW_INVALID_ATTRIBUTE_VALUE),
						 errmsg("invalid value for option \"%s\"", elem->defname),
						 errdetail("Got \"%s\".", value),
						 errhint("Valid values are: %s.", buf.data)));
			}
	}
}

/* The FDW_OPTFLAG_* bits of one option: its catalog entry's and the FDW's. */
static int
option_flags(const FdwOptionDef *def, const char *name, const char *value)
{
	int			flags = 0;
	bool		b;

	if (def->superuser_only)
		flags |= FDW_OPTFLAG_SUPERUSER_ONLY;
	if (def->secret)
		flags |= FDW_OPTFLAG_SECRET;
	/* turning the password check off is what a superuser decides */
	if (def->role == FDW_ROLE_PASSWORD_REQUIRED &&
		parse_bool(value, &b) && !b)
		flags |= FDW_OPTFLAG_SUPERUSER_ONLY;
	if (fdw_instance->option_flags)
		flags |= fdw_instance->option_flags(name, value);
	return flags;
}

/* The FDW_OPTFLAG_* bits of option name = value at level; 0 if unknown. */
int
fdw_option_flags(const char *name, const char *value, int level)
{
	const FdwOptionDef *def = fdw_find_option(name, level);

	return def ? option_flags(def, name, value) : 0;
}

/*
 * A password given where every role can read it (pg_foreign_server and
 * pg_foreign_table are world-readable) is refused even from a superuser.
 * The value is never part of the message.
 */
static void
refuse_secret(const char *name, int level)
{
	ereport(ERROR,
			(errcode(ERRCODE_FDW_INVALID_OPTION_NAME),
			 errmsg("option \"%s\" is not valid for %s", name, level_names(level)),
			 errdetail("The options of servers and foreign tables can be read by every role."),
			 errhint("Give \"%s\" in a user mapping.", name)));
}

/* Does an options array (a catalog's text[] datum) hold name = value? */
static bool
options_datum_has(Datum options, const char *name, const char *value)
{
	ListCell   *lc;

	foreach(lc, untransformRelOptions(options))
	{
		DefElem    *elem = (DefElem *) lfirst(lc);

		if (strcmp(elem->defname, name) == 0 &&
			strcmp(defGetString(elem), value) == 0)
			return true;
	}
	return false;
}

/* Is the server one of this FDW's (same validator), owned by a role we are? */
static bool
server_is_ours(Oid serverid, Oid validator, bool need_owner)
{
	ForeignServer *server = GetForeignServerExtended(serverid, FSV_MISSING_OK);

	if (server == NULL ||
		GetForeignDataWrapper(server->fdwid)->fdwvalidator != validator)
		return false;
	return !need_owner || has_privs_of_role(GetUserId(), server->owner);
}

/*
 * May a non-superuser keep superuser-only option name = value?
 *
 * PostgreSQL hands the validator the whole option list an object will have,
 * not the object or what changed: ALTER SERVER s OPTIONS (SET fetch_size
 * '10') on a server a superuser gave an init_command re-validates that
 * init_command too.  Its owner must still be able to change the other
 * options, so a value is accepted when an object of the same kind, of this
 * FDW, that the current user may alter already holds exactly that value.
 * This grants nothing new: the user could keep the value by altering that
 * object instead.  Any other value, a new one or a changed one, needs a
 * superuser.
 */
static bool
value_already_granted(Oid catalog, Oid validator, const char *name,
					  const char *value)
{
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tuple;
	bool		found = false;
	AttrNumber	optattr;

	if (!OidIsValid(validator))
		return false;
	switch (catalog)
	{
		case ForeignServerRelationId:
			optattr = Anum_pg_foreign_server_srvoptions;
			break;
		case UserMappingRelationId:
			optattr = Anum_pg_user_mapping_umoptions;
			break;
		case ForeignTableRelationId:
			optattr = Anum_pg_foreign_table_ftoptions;
			break;
		default:
			return false;
	}

	rel = table_open(catalog, AccessShareLock);
	scan = systable_beginscan(rel, InvalidOid, false, NULL, 0, NULL);
	while (!found && HeapTupleIsValid(tuple = systable_getnext(scan)))
	{
		bool		isnull;
		Datum		options = heap_getattr(tuple, optattr, RelationGetDescr(rel),
										   &isnull);
		bool		may_alter = false;

		if (isnull || !options_datum_has(options, name, value))
			continue;
		if (catalog == ForeignServerRelationId)
		{
			Form_pg_foreign_server srv = (Form_pg_foreign_server) GETSTRUCT(tuple);

			may_alter = server_is_ours(srv->oid, validator, true);
		}
		else if (catalog == UserMappingRelationId)
		{
			Form_pg_user_mapping um = (Form_pg_user_mapping) GETSTRUCT(tuple);

			/* a mapping is altered by its user or by the server's owner */
			may_alter = server_is_ours(um->umserver, validator, false) &&
				((OidIsValid(um->umuser) && has_privs_of_role(GetUserId(), um->umuser)) ||
				 server_is_ours(um->umserver, validator, true));
		}
		else
		{
			Form_pg_foreign_table ft = (Form_pg_foreign_table) GETSTRUCT(tuple);
			HeapTuple	reltup = SearchSysCache1(RELOID, ObjectIdGetDatum(ft->ftrelid));

			if (HeapTupleIsValid(reltup))
			{
				Oid			owner = ((Form_pg_class) GETSTRUCT(reltup))->relowner;

				may_alter = server_is_ours(ft->ftserver, validator, false) &&
					has_privs_of_role(GetUserId(), owner);
				ReleaseSysCache(reltup);
			}
		}
		found = may_alter;
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return found;
}

/*
 * The validator: every option must be known, given at a level where it is
 * valid, and carry a value of its kind; passwords only in user mappings;
 * superuser-only options only from a superuser.  validator is the OID of
 * the FDW's validator function (fcinfo->flinfo->fn_oid), which tells this
 * FDW's objects from other wrappers' in the catalogs.
 */
void
fdw_validate_options(List *options_list, Oid catalog, Oid validator)
{
	int			level = level_of_catalog(catalog);
	bool		has_table = false;
	bool		has_query = false;
	ListCell   *lc;

	foreach(lc, options_list)
	{
		DefElem    *elem = (DefElem *) lfirst(lc);
		const FdwOptionDef *def = fdw_find_option(elem->defname, level);
		int			flags;

		if (def == NULL)
		{
			const FdwOptionDef *elsewhere = fdw_find_option(elem->defname, 0);

			if (elsewhere && elsewhere->secret)
				refuse_secret(elem->defname, level);
			if (elsewhere)
				ereport(ERROR,
						(errcode(ERRCODE_FDW_INVALID_OPTION_NAME),
						 errmsg("option \"%s\" is not valid for %s",
								elem->defname, level_names(level)),
						 errhint("Option \"%s\" is valid for %s.",
								 elem->defname, level_names(elsewhere->levels))));
			ereport(ERROR,
					(errcode(ERRCODE_FDW_INVALID_OPTION_NAME),
					 errmsg("invalid option \"%s\"", elem->defname),
					 errhint("Valid options in this context are: %s",
							 valid_names(level))));
		}
		flags = option_flags(def, elem->defname, defGetString(elem));
		if ((flags & FDW_OPTFLAG_SECRET) && level != FDW_OPT_USER)
			refuse_secret(elem->defname, level);
		/*
		 * password_required 'false' is never "already granted": copied to
		 * another mapping it would let that one log in without a password.
		 * As in postgres_fdw, a mapping that has it is the superuser's to
		 * alter (the user may still drop it: we cannot see the old options).
		 */
		if ((flags & FDW_OPTFLAG_SUPERUSER_ONLY) && !superuser() &&
			(def->role == FDW_ROLE_PASSWORD_REQUIRED ||
			 !value_already_granted(catalog, validator, elem->defname,
									defGetString(elem))))
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("only superuser can set option \"%s\"", elem->defname),
					 def->role == FDW_ROLE_PASSWORD_REQUIRED ?
					 errdetail("User mappings with password_required 'false' may be created or modified only by a superuser.") :
					 errdetail("Options that name a local file, directory or library, run SQL at connect time, turn on client tracing or run a user-written query in an in-process engine may be set only by a superuser."),
					 errhint("Ask a superuser to set it.")));
		check_value(def, elem);
		if (def->role == FDW_ROLE_TABLE)
			has_table = true;
		if (def->role == FDW_ROLE_QUERY)
			has_query = true;
	}

	if (has_table && has_query)
		ereport(ERROR,
				(errcode(ERRCODE_FDW_INVALID_OPTION_NAME),
				 errmsg("a foreign table cannot have both a remote table and a remote query"),
				 errhint("Give either the table option or the query option.")));
}

/* Apply one option with a core role to the typed struct. */
static void
apply_role(FdwTableOptions *opts, const FdwOptionDef *def, DefElem *elem)
{
	const char *value = defGetString(elem);

	switch (def->role)
	{
		case FDW_ROLE_SCHEMA:
			opts->schema = pstrdup(value);
			break;
		case FDW_ROLE_TABLE:
			opts->table = pstrdup(value);
			opts->query = NULL;
			break;
		case FDW_ROLE_QUERY:
			opts->query = pstrdup(value);
			break;
		case FDW_ROLE_FETCH_SIZE:
			/* a batch is capped below INT_MAX anyway (scan.c) */
			opts->fetch_size = (int) Min(strtoll(value, NULL, 10), INT_MAX);
			break;
		case FDW_ROLE_BATCH_SIZE:
			opts->batch_size = (int) strtol(value, NULL, 10);
			break;
		case FDW_ROLE_BULK_ROWS:
			opts->bulk_rows = (int) strtol(value, NULL, 10);
			break;
		case FDW_ROLE_USE_REMOTE_ESTIMATE:
			opts->use_remote_estimate = fdw_defGetBool(elem);
			break;
		case FDW_ROLE_STARTUP_COST:
			opts->fdw_startup_cost = strtod(value, NULL);
			break;
		case FDW_ROLE_TUPLE_COST:
			opts->fdw_tuple_cost = strtod(value, NULL);
			break;
		case FDW_ROLE_TRUNCATABLE:
			opts->truncatable = fdw_defGetBool(elem);
			break;
		case FDW_ROLE_UPDATABLE:
			opts->updatable = fdw_defGetBool(elem);
			break;
		case FDW_ROLE_ASYNC_CAPABLE:
			opts->async_capable = fdw_defGetBool(elem);
			break;
		case FDW_ROLE_ZERO_DATE:
			opts->zero_date_null = (pg_strcasecmp(value, "null") == 0);
			break;
		case FDW_ROLE_MAX_BLOB_SIZE:
			opts->max_blob_size = strtoll(value, NULL, 10);
			break;
		case FDW_ROLE_TUPLE_ESTIMATE:
			opts->tuple_estimate = strtod(value, NULL);
			break;
		case FDW_ROLE_ENABLE_JOIN_PUSHDOWN:
			opts->no_join_pushdown = !fdw_defGetBool(elem);
			break;
		case FDW_ROLE_ENABLE_AGGREGATE_PUSHDOWN:
			opts->no_aggregate_pushdown = !fdw_defGetBool(elem);
			break;
		case FDW_ROLE_ENABLE_ORDER_BY_PUSHDOWN:
			opts->no_order_by_pushdown = !fdw_defGetBool(elem);
			break;
		case FDW_ROLE_ENABLE_LIMIT_PUSHDOWN:
			opts->no_limit_pushdown = !fdw_defGetBool(elem);
			break;
		default:
			break;
	}
}

static void
apply_list(FdwTableOptions *opts, List *options, int level)
{
	ListCell   *lc;

	foreach(lc, options)
	{
		DefElem    *elem = (DefElem *) lfirst(lc);
		const FdwOptionDef *def = fdw_find_option(elem->defname, level);

		if (def)
			apply_role(opts, def, elem);
	}
}

/*
 * Typed options for a foreign table: defaults, then the server's options,
 * then the table's, so a table option overrides its server's.
 */
void
fdw_table_options(Oid foreigntableid, FdwTableOptions *opts)
{
	ForeignTable *table = GetForeignTable(foreigntableid);
	ForeignServer *server = GetForeignServer(table->serverid);

	memset(opts, 0, sizeof(*opts));
	opts->fetch_size = FDW_DEFAULT_FETCH_SIZE;
	opts->batch_size = FDW_DEFAULT_BATCH_SIZE;
	opts->bulk_rows = FDW_DEFAULT_BULK_ROWS;
	opts->fdw_startup_cost = FDW_DEFAULT_STARTUP_COST;
	opts->fdw_tuple_cost = FDW_DEFAULT_TUPLE_COST;
	opts->truncatable = true;
	opts->updatable = true;

	apply_list(opts, server->options, FDW_OPT_SERVER);
	apply_list(opts, table->options, FDW_OPT_TABLE);

	if (opts->query == NULL && opts->table && fdw_instance->resolve_table)
		fdw_instance->resolve_table(opts);
	if (opts->query == NULL)
	{
		if (opts->table == NULL)
			opts->table = get_rel_name(foreigntableid);
		if (opts->schema == NULL && fdw_instance->schema_defaults_to_local)
			opts->schema = get_namespace_name(get_rel_namespace(foreigntableid));
	}
}

/* The remote name of a column: its column_name option, or its own name. */
char *
fdw_column_remote_name(Oid relid, AttrNumber attnum)
{
	List	   *options = GetForeignColumnOptions(relid, attnum);
	ListCell   *lc;

	foreach(lc, options)
	{
		DefElem    *elem = (DefElem *) lfirst(lc);
		const FdwOptionDef *def = fdw_find_option(elem->defname, FDW_OPT_COLUMN);

		if (def && def->role == FDW_ROLE_COLUMN_NAME)
			return pstrdup(defGetString(elem));
	}
	return get_attname(relid, attnum, false);
}

/* Does the column carry the key 'true' option? */
bool
fdw_column_is_key(Oid relid, AttrNumber attnum)
{
	List	   *options = GetForeignColumnOptions(relid, attnum);
	ListCell   *lc;

	foreach(lc, options)
	{
		DefElem    *elem = (DefElem *) lfirst(lc);
		const FdwOptionDef *def = fdw_find_option(elem->defname, FDW_OPT_COLUMN);

		if (def && def->role == FDW_ROLE_KEY)
			return fdw_defGetBool(elem);
	}
	return false;
}
