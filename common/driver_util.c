/*-------------------------------------------------------------------------
 *
 * driver_util.c
 *		  Small helpers every driver needs: option lookup and error filling.
 *
 * Plain C without PostgreSQL's headers, like the drivers that call it
 * (see fdw_driver.h).
 *
 *-------------------------------------------------------------------------
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fdw_driver.h"

/* The value of the last option called name, or NULL. */
const char *
fdw_option_get(const FdwOption *opts, int n, const char *name)
{
	const char *v = NULL;
	int			i;

	for (i = 0; i < n; i++)
		if (strcmp(opts[i].name, name) == 0)
			v = opts[i].value;
	return v;
}

/* Is a Boolean option value (already checked by the validator) true? */
bool
fdw_option_true(const char *value)
{
	return value && (strcasecmp(value, "true") == 0 || strcasecmp(value, "on") == 0 ||
					 strcasecmp(value, "yes") == 0 || strcmp(value, "1") == 0 ||
					 strcasecmp(value, "t") == 0 || strcasecmp(value, "y") == 0);
}

/* Fill an error; strings are cut to fit. */
void
fdw_error_set(FdwError *err, FdwErrorKind kind, int code, const char *sqlstate,
			  const char *message)
{
	size_t		n;

	err->kind = kind;
	err->remote_code = code;
	err->severity = 0;
	n = sqlstate ? strnlen(sqlstate, sizeof(err->sqlstate) - 1) : 0;
	if (n)
		memcpy(err->sqlstate, sqlstate, n);
	err->sqlstate[n] = '\0';
	n = message ? strnlen(message, sizeof(err->message) - 1) : 0;
	if (n)
		memcpy(err->message, message, n);
	err->message[n] = '\0';
}

/* Free a column description array as describe_table/list_tables return it. */
void
fdw_free_columns(FdwColumnDesc *cols, int ncols)
{
	int			i;

	if (cols == NULL)
		return;
	for (i = 0; i < ncols; i++)
	{
		free(cols[i].default_expr);
		free(cols[i].enum_values);
	}
	free(cols);
}
