/*-------------------------------------------------------------------------
 *
 * import.c
 *		  IMPORT FOREIGN SCHEMA from the catalog rows a driver reports, and
 *		  the mapping of remote column types to PostgreSQL types.
 *
 * The driver lists the tables and views of the remote schema with their
 * columns (driver->list_tables, a couple of catalog queries, not one per
 * table); this file turns each into a CREATE FOREIGN TABLE statement.
 * Names are quoted with quote_identifier and option values with
 * quote_literal, so any remote name survives, and every statement names
 * its remote schema and table explicitly.
 *
 * Types map to the PostgreSQL type that holds every remote value without
 * loss: unsigned integers to the next wider type (bigint unsigned to
 * numeric(20)), year to smallint, binary strings to bytea, enum and set to
 * text, bit(1) to boolean and bit(n) to bit(n), datetime to timestamp and
 * MySQL's timestamp (an instant) to timestamptz.  MySQL's time ranges over
 * +-838 hours; values outside 00:00-24:00 fail to read into time.
 *
 * IMPORT options (not catalog options, so parsed here):
 *	import_default (false)	 copy remote defaults of table columns that are
 *							 literals or the current timestamp; other
 *							 expressions are left out with a NOTICE
 *	import_not_null (true)	 copy NOT NULL
 *	import_generated (true)	 import remote generated columns (read-only:
 *							 writes never send them); false leaves them out
 *	import_enum_as_text (false) true: enum columns as text.  false (EDB
 *							 mysql_fdw's default): an enum column gets the
 *							 local enum type named <table>_<column>_t when
 *							 one with the same labels exists (in the target
 *							 schema, else on the search path); otherwise
 *							 text, and a NOTICE gives the CREATE TYPE
 *	import_tinyint1_as_boolean (true) MySQL's tinyint(1) (its BOOLEAN) as
 *							 boolean; false: smallint
 *
 * Copyright (c) 2026, Seed 9cc30ed8 maintainers.  The PostgreSQL License:
 * see LICENSE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>

#include "access/htup_details.h"
#include "commands/defrem.h"
#include "foreign/foreign.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "catalog/namespace.h"
#include "catalog/pg_enum.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/catcache.h"
#include "utils/formatting.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "connection.h"
#include "describe.h"
#include "fdw_core.h"
#include "import.h"
#include "options.h"

/* Maximum length of character(n) and character varying(n). */
#define PG_MAX_CHAR_LENGTH 10485760

static bool *
option_slot(FdwImportOptions *o, const char *name)
{
	if (strcmp(name, "import_default") == 0)
		return &o->import_default;
	if (strcmp(name, "import_not_null") == 0)
		return &o->import_not_null;
	if (strcmp(name, "import_enum_as_text") == 0)
		return &o->import_enum_as_text;
	if (strcmp(name, "import_generated") == 0)
		return &o->import_generated;
	if (strcmp(name, "import_tinyint1_as_boolean") == 0)
		return &o->import_tinyint1_as_boolean;
	return NULL;
}

static void
parse_options(List *options, FdwImportOptions *o)
{
	ListCell   *lc;

	o->import_default = false;
	o->import_not_null = true;
	o->import_enum_as_text = false;
	o->import_generated = true;
	o->import_tinyint1_as_boolean = true;

	foreach(lc, options)
	{
		DefElem    *def = (DefElem *) lfirst(lc);
		bool	   *slot = option_slot(o, def->defname);

		if (slot == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_FDW_INVALID_OPTION_NAME),
					 errmsg("invalid option \"%s\" for IMPORT FOREIGN SCHEMA",
							def->defname),
					 errhint("Valid options are: import_default, import_not_null, import_generated, import_enum_as_text, import_tinyint1_as_boolean.")));
		*slot = fdw_defGetBool(def);
	}
}

/*
 * The labels of a remote enum from the driver's list of standard SQL
 * literals ('a','it''s'), or NIL when the list cannot be read.
 */
static List *
enum_labels(const char *list)
{
	List	   *labels = NIL;
	const char *p = list;

	while (p && *p)
	{
		StringInfoData buf;

		if (*p++ != '\'')
			return NIL;
		initStringInfo(&buf);
		for (;;)
		{
			if (*p == '\0')
				return NIL;
			if (*p == '\'' && p[1] == '\'')
				p++;
			else if (*p == '\'')
				break;
			appendStringInfoChar(&buf, *p++);
		}
		labels = lappend(labels, pg_any_to_server(buf.data, buf.len, PG_UTF8));
		p++;
		if (*p == ',')
			p++;
		else if (*p != '\0')
			return NIL;
	}
	return labels;
}

/* The labels of a local enum type, in their sort order. */
static List *
local_enum_labels(Oid typid)
{
	CatCList   *list = SearchSysCacheList1(ENUMTYPOIDNAME, ObjectIdGetDatum(typid));
	Form_pg_enum *members = palloc(sizeof(Form_pg_enum) * Max(list->n_members, 1));
	List	   *labels = NIL;
	int			i;
	int			j;

	for (i = 0; i < list->n_members; i++)
		members[i] = (Form_pg_enum) GETSTRUCT(&list->members[i]->tuple);
	/* insertion sort by enumsortorder: enums are short */
	for (i = 1; i < list->n_members; i++)
		for (j = i; j > 0 && members[j - 1]->enumsortorder > members[j]->enumsortorder; j--)
		{
			Form_pg_enum tmp = members[j];

			members[j] = members[j - 1];
			members[j - 1] = tmp;
		}
	for (i = 0; i < list->n_members; i++)
		labels = lappend(labels, pstrdup(NameStr(members[i]->enumlabel)));
	ReleaseSysCacheList(list);
	return labels;
}

static bool
same_labels(List *a, List *b)
{
	ListCell   *la;
	ListCell   *lb;

	if (list_length(a) != list_length(b))
		return false;
	forboth(la, a, lb, b)
		if (strcmp(lfirst(la), lfirst(lb)) != 0)
			return false;
	return true;
}

/*
 * The local type for a remote enum column, as EDB mysql_fdw names it:
 * lower(<table>_<column>_t), looked for in the target schema, then on the
 * search path.  Used only when it is an enum with the remote labels in the
 * remote order (comparisons and ORDER BY follow that order on both sides);
 * otherwise NULL, after a NOTICE that says what to create.
 */
static char *
local_enum_type(const FdwColumnDesc *col, const char *tabname,
				const char *colname, ImportForeignSchemaStmt *stmt)
{
	char	   *typname = asc_tolower(psprintf("%s_%s_t", tabname, colname),
									  strlen(tabname) + strlen(colname) + 3);
	List	   *remote = col->enum_values ? enum_labels(col->enum_values) : NIL;
	Oid			nsp = get_namespace_oid(stmt->local_schema, true);
	Oid			typid = InvalidOid;
	StringInfoData labels;
	ListCell   *lc;

	if (remote == NIL)
		return NULL;
	if (OidIsValid(nsp))
		typid = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
								CStringGetDatum(typname), ObjectIdGetDatum(nsp));
	if (!OidIsValid(typid))
		typid = TypenameGetTypid(typname);
	if (OidIsValid(typid) && get_typtype(typid) == TYPTYPE_ENUM &&
		same_labels(remote, local_enum_labels(typid)))
		return format_type_be_qualified(typid);

	initStringInfo(&labels);
	foreach(lc, remote)
		appendStringInfo(&labels, "%s%s", labels.len ? ", " : "",
						 quote_literal_cstr(lfirst(lc)));
	ereport(NOTICE,
			(errmsg("enum column \"%s\" of remote table \"%s\" imported as text",
					colname, tabname),
			 OidIsValid(typid) ?
			 errdetail("Type %s exists but is not an enum with the remote labels in the remote order.",
					   format_type_be_qualified(typid)) :
			 errdetail("No enum type %s was found in schema %s or on the search path.",
					   quote_identifier(typname), quote_identifier(stmt->local_schema)),
			 errhint("To import it as an enum: CREATE TYPE %s.%s AS ENUM (%s); then import the table again. import_enum_as_text 'true' imports enums as text without this notice.",
					 quote_identifier(stmt->local_schema), quote_identifier(typname),
					 labels.data)));
	return NULL;
}

/* Is the remote's tinyint(1)-style boolean an integer underneath? */
static bool
integer_backed_bool(const FdwColumnDesc *col)
{
	return col->length == 1;
}

/* The PostgreSQL type for a remote column, as SQL text. */
char *
fdw_import_type_name(const FdwColumnDesc *col, const FdwImportOptions *o)
{
	int			p = col->precision;
	int			s = col->scale;

	switch (col->kind)
	{
		case FDW_TYPE_BOOL:
			if (integer_backed_bool(col) && !o->import_tinyint1_as_boolean)
				return pstrdup("smallint");
			return pstrdup("boolean");
		case FDW_TYPE_INT:
			switch (col->length)
			{
				case 1:
					return pstrdup("smallint");
				case 2:
					return pstrdup(col->is_unsigned ? "integer" : "smallint");
				case 3:
					return pstrdup("integer");
				case 4:
					return pstrdup(col->is_unsigned ? "bigint" : "integer");
				default:
					return pstrdup(col->is_unsigned ? "numeric(20,0)" : "bigint");
			}
		case FDW_TYPE_DECIMAL:
			if (p < 1 || p > 1000)
				return pstrdup("numeric");
			return psprintf("numeric(%d,%d)", p, Max(0, Min(s, p)));
		case FDW_TYPE_FLOAT4:
			return pstrdup("real");
		case FDW_TYPE_FLOAT8:
			return pstrdup("double precision");
		case FDW_TYPE_MONEY:
			return pstrdup("numeric(19,4)");
		case FDW_TYPE_CHAR:
			if (col->length >= 1 && col->length <= PG_MAX_CHAR_LENGTH)
				return psprintf("character(%d)", col->length);
			return pstrdup("text");
		case FDW_TYPE_VARCHAR:
			if (col->length >= 1 && col->length <= PG_MAX_CHAR_LENGTH)
				return psprintf("character varying(%d)", col->length);
			return pstrdup("text");
		case FDW_TYPE_TEXT:
		case FDW_TYPE_ENUM:
		case FDW_TYPE_SET:
			return pstrdup("text");
		case FDW_TYPE_BINARY:
		case FDW_TYPE_BLOB:
			return pstrdup("bytea");
		case FDW_TYPE_DATE:
			return pstrdup("date");
		case FDW_TYPE_TIME:
			if (s >= 0 && s <= 6)
				return psprintf("time(%d) without time zone", s);
			return pstrdup("time without time zone");
		case FDW_TYPE_TIMESTAMP:
			if (s >= 0 && s <= 6)
				return psprintf("timestamp(%d) without time zone", s);
			return pstrdup("timestamp without time zone");
		case FDW_TYPE_TIMESTAMPTZ:
			if (s >= 0 && s <= 6)
				return psprintf("timestamp(%d) with time zone", s);
			return pstrdup("timestamp with time zone");
		case FDW_TYPE_YEAR:
			return pstrdup("smallint");
		case FDW_TYPE_BIT:
			if (col->length == 1)
				return pstrdup("boolean");
			if (col->length > 1)
				return psprintf("bit(%d)", col->length);
			return pstrdup("bit varying");
		case FDW_TYPE_JSON:
			return pstrdup("json");
		case FDW_TYPE_UUID:
			return pstrdup("uuid");
		case FDW_TYPE_XML:
			return pstrdup("xml");
		case FDW_TYPE_INTERVAL:
			return pstrdup("interval");
		case FDW_TYPE_UNKNOWN:
			break;
	}
	/* a type we do not know reads as its text */
	return pstrdup("text");
}

/* Does the column import as a boolean? */
static bool
imports_as_bool(const FdwColumnDesc *col, const FdwImportOptions *o)
{
	return (col->kind == FDW_TYPE_BOOL &&
			(!integer_backed_bool(col) || o->import_tinyint1_as_boolean)) ||
		(col->kind == FDW_TYPE_BIT && col->length == 1);
}

static bool
is_number(const char *s)
{
	const char *p = s;
	bool		digits = false;

	if (*p == '-' || *p == '+')
		p++;
	while (isdigit((unsigned char) *p))
		p++, digits = true;
	if (*p == '.')
		for (p++; isdigit((unsigned char) *p); p++)
			digits = true;
	if (digits && (*p == 'e' || *p == 'E'))
	{
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (!isdigit((unsigned char) *p))
			return false;
		while (isdigit((unsigned char) *p))
			p++;
	}
	return digits && *p == '\0';
}

/* The text of a standard SQL string literal ('it''s'), or NULL. */
static char *
unquote_literal(const char *s)
{
	size_t		len = strlen(s);
	StringInfoData buf;
	size_t		i;

	if (len < 2 || s[0] != '\'' || s[len - 1] != '\'')
		return NULL;
	initStringInfo(&buf);
	for (i = 1; i < len - 1; i++)
	{
		if (s[i] == '\'')
		{
			if (s[i + 1] != '\'' || i + 1 >= len - 1)
				return NULL;
			i++;
		}
		appendStringInfoChar(&buf, s[i]);
	}
	return buf.data;
}

/* The bits of b'0101' or B'0101', or NULL. */
static char *
bit_literal(const char *s)
{
	size_t		len = strlen(s);

	if (len >= 3 && (s[0] == 'b' || s[0] == 'B') && s[1] == '\'' &&
		s[len - 1] == '\'' && strspn(s + 2, "01") == len - 3)
		return pnstrdup(s + 2, len - 3);
	return NULL;
}

static bool
is_current_timestamp(const char *s)
{
	static const char *const names[] = {
		"current_timestamp", "now", "localtimestamp", "localtime", NULL
	};
	int			i;

	for (i = 0; names[i]; i++)
	{
		size_t		n = strlen(names[i]);

		if (pg_strncasecmp(s, names[i], n) != 0)
			continue;
		s += n;
		if (*s == '\0')
			return true;
		/* optional (precision) */
		if (*s++ != '(')
			return false;
		while (isdigit((unsigned char) *s))
			s++;
		return strcmp(s, ")") == 0;
	}
	return false;
}

/*
 * The local DEFAULT for a remote default, or NULL when it has none we can
 * carry over faithfully.  Literals become quoted literals, which PostgreSQL
 * converts to the column's type when the table is created.
 */
static char *
translate_default(const FdwColumnDesc *col, const FdwImportOptions *o)
{
	const char *expr = col->default_expr;
	bool		as_bool = imports_as_bool(col, o);
	char	   *value;

	if (expr == NULL)
		return NULL;
	if ((value = unquote_literal(expr)) == NULL &&
		(value = bit_literal(expr)) == NULL &&
		is_number(expr))
		value = pstrdup(expr);

	if (value != NULL)
	{
		if (as_bool)
		{
			bool		b;

			if (is_number(value))
				return strtod(value, NULL) != 0 ? "true" : "false";
			if (!parse_bool(value, &b))
				return NULL;
			return b ? "true" : "false";
		}
		/* MySQL's zero dates have no PostgreSQL value */
		if ((col->kind == FDW_TYPE_DATE || col->kind == FDW_TYPE_TIMESTAMP ||
			 col->kind == FDW_TYPE_TIMESTAMPTZ) &&
			strncmp(value, "0000-00-00", 10) == 0)
			return NULL;
		if (col->kind == FDW_TYPE_BIT)
		{
			/* MySQL bit defaults are numbers or b'...' */
			if (strspn(value, "01") != strlen(value))
				return NULL;
		}
		return quote_literal_cstr(value);
	}

	if (is_current_timestamp(expr))
	{
		/* the remote session's time zone is UTC */
		if (col->kind == FDW_TYPE_TIMESTAMPTZ)
			return "CURRENT_TIMESTAMP";
		if (col->kind == FDW_TYPE_TIMESTAMP)
			return "(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')";
	}
	return NULL;
}

/* Remote text (UTF-8) in the database encoding. */
static char *
server_name(const char *name)
{
	return pg_any_to_server(name, strlen(name), PG_UTF8);
}

static bool
name_listed(const char *name, List *tables)
{
	ListCell   *lc;

	foreach(lc, tables)
		if (strcmp(name, ((RangeVar *) lfirst(lc))->relname) == 0)
			return true;
	return false;
}

static void
append_option(StringInfo buf, bool *first, const char *name, const char *value)
{
	if (name == NULL)
		return;
	appendStringInfo(buf, "%s%s %s", *first ? "" : ", ", quote_identifier(name),
					 quote_literal_cstr(value));
	*first = false;
}

static char *
create_statement(const FdwTableDesc *t, ImportForeignSchemaStmt *stmt,
				 const FdwImportOptions *o)
{
	const char *schema_opt = fdw_option_name_for_role(FDW_ROLE_SCHEMA, FDW_OPT_TABLE);
	const char *table_opt = fdw_option_name_for_role(FDW_ROLE_TABLE, FDW_OPT_TABLE);
	const char *column_opt = fdw_option_name_for_role(FDW_ROLE_COLUMN_NAME, FDW_OPT_COLUMN);
	char	   *tabname = server_name(t->name);
	StringInfoData buf;
	bool		first = true;
	int			i;

	initStringInfo(&buf);
	appendStringInfo(&buf, "CREATE FOREIGN TABLE %s (",
					 quote_identifier(tabname));
	for (i = 0; i < t->ncols; i++)
	{
		const FdwColumnDesc *col = &t->cols[i];
		char	   *colname = server_name(col->name);
		char	   *def;

		char	   *type = NULL;

		if (col->is_generated && !o->import_generated)
			continue;
		if (col->kind == FDW_TYPE_ENUM && !o->import_enum_as_text)
			type = local_enum_type(col, tabname, colname, stmt);
		if (type == NULL)
			type = fdw_import_type_name(col, o);
		appendStringInfo(&buf, "%s\n  %s %s", first ? "" : ",",
						 quote_identifier(colname), type);
		first = false;
		/* a name PostgreSQL would truncate keeps its remote spelling */
		if (strlen(colname) >= NAMEDATALEN && column_opt)
			appendStringInfo(&buf, " OPTIONS (%s %s)", quote_identifier(column_opt),
							 quote_literal_cstr(colname));
		if (o->import_not_null && !col->nullable)
			appendStringInfoString(&buf, " NOT NULL");
		/* a view's columns report their base columns' defaults: not theirs */
		if (o->import_default && !t->is_view && !col->is_generated &&
			col->default_expr)
		{
			def = translate_default(col, o);
			if (def)
				appendStringInfo(&buf, " DEFAULT %s", def);
			else
				ereport(NOTICE,
						(errmsg("default of column \"%s\" of remote table \"%s\" not imported: %s",
								colname, tabname, col->default_expr)));
		}
	}
	appendStringInfo(&buf, "\n) SERVER %s", quote_identifier(stmt->server_name));
	if (schema_opt || table_opt)
	{
		bool		firstopt = true;

		appendStringInfoString(&buf, "\nOPTIONS (");
		append_option(&buf, &firstopt, schema_opt, stmt->remote_schema);
		append_option(&buf, &firstopt, table_opt, tabname);
		appendStringInfoChar(&buf, ')');
	}
	return buf.data;
}

static void
free_tables(FdwTableDesc *tables, int ntables)
{
	int			i;

	for (i = 0; i < ntables; i++)
		fdw_free_columns(tables[i].cols, tables[i].ncols);
	free(tables);
}

List *
fdw_import_foreign_schema(ImportForeignSchemaStmt *stmt, Oid serverOid)
{
	const FdwDriver *drv = fdw_instance->driver;
	FdwImportOptions o;
	UserMapping *user;
	FdwConnEntry *entry;
	FdwTableDesc *tables;
	int			ntables = 0;
	const char **only = NULL;
	int			nonly = 0;
	List	   *commands = NIL;
	int			i;

	parse_options(stmt->options, &o);
	if (drv->list_tables == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s does not support IMPORT FOREIGN SCHEMA",
						fdw_instance->fdw_name)));

	if (stmt->list_type == FDW_IMPORT_SCHEMA_LIMIT_TO)
	{
		ListCell   *lc;

		only = palloc(sizeof(char *) * Max(list_length(stmt->table_list), 1));
		foreach(lc, stmt->table_list)
			only[nonly++] = pg_server_to_any(((RangeVar *) lfirst(lc))->relname,
											 strlen(((RangeVar *) lfirst(lc))->relname),
											 PG_UTF8);
	}

	user = GetUserMapping(GetUserId(), serverOid);
	entry = fdw_get_connection_for(user, FDW_XACT_NONE, stmt->remote_schema);
	tables = fdw_list_remote_tables(entry, stmt->remote_schema, only, nonly,
									&ntables);

	PG_TRY();
	{
		for (i = 0; i < ntables; i++)
		{
			if (stmt->list_type == FDW_IMPORT_SCHEMA_EXCEPT &&
				name_listed(server_name(tables[i].name), stmt->table_list))
				continue;
			commands = lappend(commands, create_statement(&tables[i], stmt, &o));
		}
	}
	PG_FINALLY();
	{
		free_tables(tables, ntables);
	}
	PG_END_TRY();
	return commands;
}
