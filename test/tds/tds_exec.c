/*
 * tds_exec.c - executes T-SQL batches on SQLite and streams the results.
 *
 * A batch is split into statements; session statements (SET, USE, BEGIN
 * TRAN, COMMIT, ...) are handled here, everything else is translated by
 * tds_sql.c and run by SQLite.  Rows go straight from sqlite3_step() into
 * the packet writer; between rows (and inside long SQLite steps via the
 * progress handler) the socket is polled for an ATTENTION packet.
 */
#include "tds.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define CMD_SELECT 0xC1
#define CMD_INSERT 0xC3
#define CMD_DELETE 0xC4
#define CMD_UPDATE 0xC5

typedef struct {
    int in_rpc;
    int errors;
    int nstmts, idx; /* statement index, for DONE_MORE */
} Ctx;

void log_sql(Conn *c, const char *prefix, const char *sql)
{
    if (c->log_fd < 0)
        return;
    Buf b = {0};
    buf_adds(&b, prefix);
    for (const char *p = sql; *p; p++)
        buf_addc(&b, (*p == '\n' || *p == '\r') ? ' ' : *p); /* one line per batch */
    buf_addc(&b, '\n');
    /* single write() on an O_APPEND descriptor: lines from concurrent
     * connections do not interleave */
    ssize_t w = write(c->log_fd, b.p, b.len);
    (void)w;
    buf_free(&b);
}

static void done(Conn *c, Ctx *x, unsigned status, unsigned cmd, uint64_t rows)
{
    int last = x->idx >= x->nstmts - 1;
    if (x->in_rpc)
        tok_done(c, TOK_DONEINPROC, status | DONE_MORE, cmd, rows);
    else
        tok_done(c, TOK_DONE, status | (last ? 0 : DONE_MORE), cmd, rows);
}

static void error_done(Conn *c, Ctx *x, int number, int cls, const char *msg)
{
    tok_error(c, number, 1, cls, msg);
    x->errors++;
    done(c, x, DONE_ERROR, 0, 0);
}

/* Map SQLite error text to the SQL Server error a client would expect. */
static void sqlite_error(Conn *c, Ctx *x, const char *m)
{
    char msg[1024];
    const char *p;
    int num = 50000;
    if ((p = strstr(m, "no such table: "))) {
        p += 15;
        if (strncmp(p, "main.", 5) == 0) p += 5;
        snprintf(msg, sizeof msg, "Invalid object name '%s'.", p);
        num = 208;
    } else if ((p = strstr(m, "no such column: "))) {
        p += 16;
        const char *dot = strrchr(p, '.');
        snprintf(msg, sizeof msg, "Invalid column name '%s'.", dot ? dot + 1 : p);
        num = 207;
    } else if ((p = strstr(m, "UNIQUE constraint failed: "))) {
        char tbl[256] = "", col[256] = "";
        sscanf(p + 26, "%255[^.].%255[^, ]", tbl, col);
        int pk = 0;
        sqlite3_table_column_metadata(c->db, NULL, tbl, col, NULL, NULL, NULL, &pk, NULL);
        if (pk)
            snprintf(msg, sizeof msg, "Violation of PRIMARY KEY constraint 'PK_%s'. Cannot insert duplicate key in object 'dbo.%s'.", tbl, tbl);
        else
            snprintf(msg, sizeof msg, "Violation of UNIQUE KEY constraint 'UQ_%s_%s'. Cannot insert duplicate key in object 'dbo.%s'.", tbl, col, tbl);
        num = 2627;
    } else if ((p = strstr(m, "NOT NULL constraint failed: "))) {
        char tbl[256] = "", col[256] = "";
        sscanf(p + 28, "%255[^.].%255s", tbl, col);
        snprintf(msg, sizeof msg, "Cannot insert the value NULL into column '%s', table '%s.dbo.%s'; column does not allow nulls. INSERT fails.",
                 col, c->dbname, tbl);
        num = 515;
    } else if (strstr(m, "Divide by zero")) {
        snprintf(msg, sizeof msg, "Divide by zero error encountered.");
        num = 8134;
    } else if (strstr(m, "FOREIGN KEY constraint failed")) {
        snprintf(msg, sizeof msg, "The statement conflicted with a FOREIGN KEY constraint.");
        num = 547;
    } else if (strstr(m, "CHECK constraint failed: __tds_prec_")) {
        snprintf(msg, sizeof msg, "Arithmetic overflow error converting numeric to data type numeric.");
        num = 8115;
    } else if ((p = strstr(m, "CHECK constraint failed"))) {
        snprintf(msg, sizeof msg, "The statement conflicted with the CHECK constraint. (%s)", m);
        num = 547;
    } else if ((p = strstr(m, "already exists"))) {
        char name[256] = "";
        const char *q = strstr(m, "table ");
        if (!q) q = strstr(m, "view ");
        if (!q) q = strstr(m, "index ");
        if (q) sscanf(strchr(q, ' ') + 1, "%255[^ ]", name);
        if (name[0] == '"') memmove(name, name + 1, strlen(name));
        size_t nl = strlen(name);
        if (nl && name[nl - 1] == '"') name[nl - 1] = 0;
        snprintf(msg, sizeof msg, "There is already an object named '%s' in the database.", name);
        num = 2714;
    } else if (strncmp(m, "Conversion failed", 17) == 0) {
        snprintf(msg, sizeof msg, "%s", m);
        num = 245;
    } else if ((p = strstr(m, "syntax error")) && (p = strstr(m, "near \""))) {
        char near[200] = "";
        sscanf(p + 6, "%199[^\"]", near);
        snprintf(msg, sizeof msg, "Incorrect syntax near '%s'.", near);
        num = 102;
    } else {
        snprintf(msg, sizeof msg, "%s", m);
    }
    error_done(c, x, num, 16, msg);
}

/* ---------------- helper temp tables: INFORMATION_SCHEMA / sys ---------------- */

static const char *infoschema_ddl =
    "CREATE TEMP TABLE IF NOT EXISTS INFORMATION_SCHEMA_TABLES (TABLE_CATALOG nvarchar(128), TABLE_SCHEMA nvarchar(128),"
    " TABLE_NAME nvarchar(128), TABLE_TYPE varchar(10));"
    "CREATE TEMP TABLE IF NOT EXISTS INFORMATION_SCHEMA_COLUMNS (TABLE_CATALOG nvarchar(128), TABLE_SCHEMA nvarchar(128),"
    " TABLE_NAME nvarchar(128), COLUMN_NAME nvarchar(128), ORDINAL_POSITION int, COLUMN_DEFAULT nvarchar(4000),"
    " IS_NULLABLE varchar(3), DATA_TYPE nvarchar(128), CHARACTER_MAXIMUM_LENGTH int, CHARACTER_OCTET_LENGTH int,"
    " NUMERIC_PRECISION tinyint, NUMERIC_PRECISION_RADIX smallint, NUMERIC_SCALE int, DATETIME_PRECISION smallint,"
    " CHARACTER_SET_NAME nvarchar(128), COLLATION_NAME nvarchar(128));"
    "CREATE TEMP TABLE IF NOT EXISTS INFORMATION_SCHEMA_VIEWS (TABLE_CATALOG nvarchar(128), TABLE_SCHEMA nvarchar(128),"
    " TABLE_NAME nvarchar(128), VIEW_DEFINITION nvarchar(4000));"
    "CREATE TEMP TABLE IF NOT EXISTS sys_tables (name nvarchar(128), object_id int, schema_id int, type char(2),"
    " type_desc nvarchar(60));"
    "CREATE TEMP TABLE IF NOT EXISTS sys_schemas (name nvarchar(128), schema_id int, principal_id int);"
    "CREATE TEMP TABLE IF NOT EXISTS INFORMATION_SCHEMA_TABLE_CONSTRAINTS (CONSTRAINT_CATALOG nvarchar(128),"
    " CONSTRAINT_SCHEMA nvarchar(128), CONSTRAINT_NAME nvarchar(128), TABLE_CATALOG nvarchar(128),"
    " TABLE_SCHEMA nvarchar(128), TABLE_NAME nvarchar(128), CONSTRAINT_TYPE varchar(11));"
    "CREATE TEMP TABLE IF NOT EXISTS INFORMATION_SCHEMA_KEY_COLUMN_USAGE (CONSTRAINT_CATALOG nvarchar(128),"
    " CONSTRAINT_SCHEMA nvarchar(128), CONSTRAINT_NAME nvarchar(128), TABLE_CATALOG nvarchar(128),"
    " TABLE_SCHEMA nvarchar(128), TABLE_NAME nvarchar(128), COLUMN_NAME nvarchar(128), ORDINAL_POSITION int);";

/* PRIMARY KEY and UNIQUE constraints from SQLite's indexes (an INTEGER
 * PRIMARY KEY has none: it is the rowid); SQLite keeps no constraint
 * names, so they are made up as PK_table and UQ_table_n. */
static const char *constraints_sql =
    "INSERT INTO temp.INFORMATION_SCHEMA_TABLE_CONSTRAINTS "
    "SELECT ?1, 'dbo', CASE WHEN il.origin = 'pk' THEN 'PK_' || m.name ELSE 'UQ_' || m.name || '_' || il.seq END,"
    " ?1, 'dbo', m.name, CASE WHEN il.origin = 'pk' THEN 'PRIMARY KEY' ELSE 'UNIQUE' END"
    " FROM main.sqlite_schema m JOIN pragma_index_list(m.name) il"
    " WHERE m.type = 'table' AND il.origin IN ('pk', 'u') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    " UNION ALL SELECT ?1, 'dbo', 'PK_' || m.name, ?1, 'dbo', m.name, 'PRIMARY KEY'"
    " FROM main.sqlite_schema m JOIN pragma_table_info(m.name) p"
    " WHERE m.type = 'table' AND p.pk = 1 AND p.type = 'INTEGER'"
    " AND NOT EXISTS (SELECT 1 FROM pragma_table_info(m.name) p2 WHERE p2.pk > 1);"
    "INSERT INTO temp.INFORMATION_SCHEMA_KEY_COLUMN_USAGE "
    "SELECT ?1, 'dbo', CASE WHEN il.origin = 'pk' THEN 'PK_' || m.name ELSE 'UQ_' || m.name || '_' || il.seq END,"
    " ?1, 'dbo', m.name, ii.name, ii.seqno + 1"
    " FROM main.sqlite_schema m JOIN pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii"
    " WHERE m.type = 'table' AND il.origin IN ('pk', 'u') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    " UNION ALL SELECT ?1, 'dbo', 'PK_' || m.name, ?1, 'dbo', m.name, p.name, 1"
    " FROM main.sqlite_schema m JOIN pragma_table_info(m.name) p"
    " WHERE m.type = 'table' AND p.pk = 1 AND p.type = 'INTEGER'"
    " AND NOT EXISTS (SELECT 1 FROM pragma_table_info(m.name) p2 WHERE p2.pk > 1);";

static void refresh_constraints(Conn *c)
{
    const char *tail = constraints_sql;
    while (tail && *tail) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(c->db, tail, -1, &st, &tail) != SQLITE_OK || !st)
            return;
        sqlite3_bind_text(st, 1, c->dbname, -1, SQLITE_TRANSIENT);
        sqlite3_step(st);
        sqlite3_finalize(st);
    }
}

static void numeric_info(const SqlType *t, int *prec, int *radix, int *scale, int *dtprec)
{
    *prec = *radix = *scale = *dtprec = -1;
    switch (t->kind) {
    case K_TINYINT: *prec = 3; *radix = 10; *scale = 0; break;
    case K_SMALLINT: *prec = 5; *radix = 10; *scale = 0; break;
    case K_INT: *prec = 10; *radix = 10; *scale = 0; break;
    case K_BIGINT: *prec = 19; *radix = 10; *scale = 0; break;
    case K_REAL: *prec = 24; *radix = 2; break;
    case K_FLOAT: *prec = 53; *radix = 2; break;
    case K_DECIMAL: case K_NUMERIC: *prec = t->prec; *radix = 10; *scale = t->scale; break;
    case K_MONEY: *prec = 19; *radix = 10; *scale = 4; break;
    case K_SMALLMONEY: *prec = 10; *radix = 10; *scale = 4; break;
    case K_DATETIME: *dtprec = 3; break;
    case K_SMALLDATETIME: case K_DATE: *dtprec = 0; break;
    case K_DATETIME2: case K_TIME: case K_DTO: *dtprec = t->scale; break;
    default: break;
    }
}

static void bind_opt_int(sqlite3_stmt *st, int idx, int v)
{
    if (v < 0 && v != -1)
        sqlite3_bind_null(st, idx);
    else if (v == -1)
        sqlite3_bind_null(st, idx);
    else
        sqlite3_bind_int(st, idx, v);
}

/* Rebuilt before each statement that references them, from SQLite's own
 * schema: the declared type text of every column is the SQL Server type. */
static void refresh_infoschema(Conn *c)
{
    sqlite3_int64 last_id = sqlite3_last_insert_rowid(c->db); /* keep @@IDENTITY */
    sqlite3_exec(c->db, "DELETE FROM temp.INFORMATION_SCHEMA_TABLES; DELETE FROM temp.INFORMATION_SCHEMA_COLUMNS;"
                        "DELETE FROM temp.INFORMATION_SCHEMA_VIEWS; DELETE FROM temp.sys_tables; DELETE FROM temp.sys_schemas;"
                        "DELETE FROM temp.INFORMATION_SCHEMA_TABLE_CONSTRAINTS; DELETE FROM temp.INFORMATION_SCHEMA_KEY_COLUMN_USAGE;"
                        "INSERT INTO temp.sys_schemas VALUES ('dbo', 1, 1), ('sys', 4, 4), ('INFORMATION_SCHEMA', 3, 3);",
                 NULL, NULL, NULL);
    sqlite3_stmt *q, *it, *ic, *iv, *ist;
    if (sqlite3_prepare_v2(c->db,
                           "SELECT m.name, m.type, m.sql, m.rowid, p.cid, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk "
                           "FROM main.sqlite_schema m JOIN pragma_table_info(m.name) p "
                           "WHERE m.type IN ('table','view') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                           "ORDER BY m.name, p.cid",
                           -1, &q, NULL) != SQLITE_OK)
        return;
    sqlite3_prepare_v2(c->db, "INSERT INTO temp.INFORMATION_SCHEMA_TABLES VALUES (?1, 'dbo', ?2, ?3)", -1, &it, NULL);
    sqlite3_prepare_v2(c->db, "INSERT INTO temp.INFORMATION_SCHEMA_COLUMNS VALUES (?1, 'dbo', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                       -1, &ic, NULL);
    sqlite3_prepare_v2(c->db, "INSERT INTO temp.INFORMATION_SCHEMA_VIEWS VALUES (?1, 'dbo', ?2, ?3)", -1, &iv, NULL);
    sqlite3_prepare_v2(c->db, "INSERT INTO temp.sys_tables VALUES (?1, ?2, 1, 'U ', 'USER_TABLE')", -1, &ist, NULL);
    char last[256] = "";
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *tname = (const char *)sqlite3_column_text(q, 0);
        const char *ttype = (const char *)sqlite3_column_text(q, 1);
        if (strcmp(last, tname) != 0) {
            snprintf(last, sizeof last, "%s", tname);
            sqlite3_bind_text(it, 1, c->dbname, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(it, 2, tname, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(it, 3, strcmp(ttype, "view") == 0 ? "VIEW" : "BASE TABLE", -1, SQLITE_STATIC);
            sqlite3_step(it);
            sqlite3_reset(it);
            if (strcmp(ttype, "view") == 0) {
                sqlite3_bind_text(iv, 1, c->dbname, -1, SQLITE_TRANSIENT);
                sqlite3_bind_text(iv, 2, tname, -1, SQLITE_TRANSIENT);
                sqlite3_bind_value(iv, 3, sqlite3_column_value(q, 2));
                sqlite3_step(iv);
                sqlite3_reset(iv);
            } else {
                sqlite3_bind_text(ist, 1, tname, -1, SQLITE_TRANSIENT);
                sqlite3_bind_int64(ist, 2, sqlite3_column_int64(q, 3));
                sqlite3_step(ist);
                sqlite3_reset(ist);
            }
        }
        SqlType t;
        const char *decl = (const char *)sqlite3_column_text(q, 6);
        if (!type_parse(decl, &t))
            type_parse("nvarchar(max)", &t);
        int prec, radix, scale, dtprec;
        numeric_info(&t, &prec, &radix, &scale, &dtprec);
        int charlen = -2, octlen = -2;
        if (type_is_char(t.kind) || t.kind == K_BINARY || t.kind == K_VARBINARY || t.kind == K_IMAGE) {
            charlen = t.len;
            octlen = t.len < 0 ? -1 : (t.kind == K_NCHAR || t.kind == K_NVARCHAR) ? t.len * 2 : t.len;
            if (t.kind == K_TEXT || t.kind == K_IMAGE) charlen = octlen = 2147483647;
            if (t.kind == K_NTEXT) { charlen = 1073741823; octlen = 2147483646; }
        }
        sqlite3_bind_text(ic, 1, c->dbname, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ic, 2, tname, -1, SQLITE_TRANSIENT);
        sqlite3_bind_value(ic, 3, sqlite3_column_value(q, 5));
        sqlite3_bind_int(ic, 4, sqlite3_column_int(q, 4) + 1);
        sqlite3_bind_value(ic, 5, sqlite3_column_value(q, 8));
        sqlite3_bind_text(ic, 6, sqlite3_column_int(q, 7) ? "NO" : "YES", -1, SQLITE_STATIC);
        sqlite3_bind_text(ic, 7, type_name(t.kind), -1, SQLITE_STATIC);
        if (charlen == -2) sqlite3_bind_null(ic, 8); else sqlite3_bind_int(ic, 8, charlen);
        if (octlen == -2) sqlite3_bind_null(ic, 9); else sqlite3_bind_int(ic, 9, octlen);
        bind_opt_int(ic, 10, prec);
        bind_opt_int(ic, 11, radix);
        bind_opt_int(ic, 12, scale);
        bind_opt_int(ic, 13, dtprec);
        if (type_is_char(t.kind)) {
            sqlite3_bind_text(ic, 14, (t.kind == K_NCHAR || t.kind == K_NVARCHAR || t.kind == K_NTEXT) ? "UNICODE" : "iso_1", -1, SQLITE_STATIC);
            sqlite3_bind_text(ic, 15, "SQL_Latin1_General_CP1_CI_AS", -1, SQLITE_STATIC);
        } else {
            sqlite3_bind_null(ic, 14);
            sqlite3_bind_null(ic, 15);
        }
        sqlite3_step(ic);
        sqlite3_reset(ic);
    }
    sqlite3_finalize(q);
    sqlite3_finalize(it);
    sqlite3_finalize(ic);
    sqlite3_finalize(iv);
    sqlite3_finalize(ist);
    refresh_constraints(c);
    sqlite3_set_last_insert_rowid(c->db, last_id);
}

static int progress_cb(void *arg)
{
    return net_poll_attention((Conn *)arg);
}

int exec_open_db(Conn *c)
{
    if (sqlite3_open_v2(c->dbfile, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        return -1;
    sqlite3_busy_timeout(c->db, 30000);
    /* "name" is an identifier, never a string: an unknown column must fail with 207 */
    sqlite3_db_config(c->db, SQLITE_DBCONFIG_DQS_DML, 0, (int *)NULL);
    sqlite3_db_config(c->db, SQLITE_DBCONFIG_DQS_DDL, 0, (int *)NULL);
    sqlite3_exec(c->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", NULL, NULL, NULL);
    funcs_register(c);
    sqlite3_exec(c->db, infoschema_ddl, NULL, NULL, NULL);
    sqlite3_progress_handler(c->db, 20000, progress_cb, c);
    return 0;
}

/* ---------------- result streaming ---------------- */

static void describe_column(Conn *c, sqlite3_stmt *st, int i, int have_row, SqlType *t)
{
    const char *decl = sqlite3_column_decltype(st, i);
    const char *tbl = sqlite3_column_table_name(st, i);
    memset(t, 0, sizeof *t);
    if (decl && strcmp(decl, "REAL") == 0)
        decl = "float"; /* tables created directly in SQLite: REAL is a double */
    else if (decl && strcmp(decl, "TEXT") == 0)
        decl = "nvarchar(max)";
    else if (decl && strcmp(decl, "BLOB") == 0)
        decl = "varbinary(max)";
    if (decl && type_parse(decl, t)) {
        int notnull = 0;
        if (tbl)
            sqlite3_table_column_metadata(c->db, sqlite3_column_database_name(st, i), tbl,
                                          sqlite3_column_origin_name(st, i), NULL, NULL, &notnull, NULL, NULL);
        t->nullable = !notnull;
        return;
    }
    /* expression: type from the first row's value */
    int vt = have_row ? sqlite3_column_type(st, i) : SQLITE_NULL;
    const char *name = sqlite3_column_name(st, i);
    switch (vt) {
    case SQLITE_INTEGER:
        if (name && strncasecmp(name, "count(", 6) == 0)
            type_parse("int", t);
        else
            type_parse("bigint", t);
        break;
    case SQLITE_FLOAT: type_parse("float", t); break;
    case SQLITE_BLOB: type_parse("varbinary(max)", t); break;
    case SQLITE_TEXT:
        type_parse(sqlite3_column_bytes(st, i) > 4000 ? "nvarchar(max)" : "nvarchar(4000)", t);
        break;
    default: type_parse("nvarchar(4000)", t); break;
    }
    t->nullable = 1;
}

static void send_colmetadata(Conn *c, sqlite3_stmt *st, int ncol, SqlType *types)
{
    net_put_u8(c, TOK_COLMETADATA);
    net_put_u16(c, (unsigned)ncol);
    for (int i = 0; i < ncol; i++) {
        net_put_u32(c, 0); /* user type */
        net_put_u16(c, (types[i].nullable ? 0x01 : 0) | 0x08);
        type_put_info(c, &types[i]);
        const char *name = sqlite3_column_name(st, i);
        net_put_bvarchar(c, name ? name : "");
    }
}

static void send_row(Conn *c, sqlite3_stmt *st, int ncol, SqlType *types, unsigned char *bitmap)
{
    int nbytes = (ncol + 7) / 8, anynull = 0;
    memset(bitmap, 0, (size_t)nbytes);
    for (int i = 0; i < ncol; i++)
        if (sqlite3_column_type(st, i) == SQLITE_NULL) {
            bitmap[i / 8] |= (unsigned char)(1 << (i % 8));
            anynull = 1;
        }
    if (anynull) {
        net_put_u8(c, TOK_NBCROW);
        net_put(c, bitmap, (size_t)nbytes);
    } else
        net_put_u8(c, TOK_ROW);
    for (int i = 0; i < ncol; i++)
        if (!(bitmap[i / 8] & (1 << (i % 8))))
            type_put_value(c, &types[i], st, i);
}

static int bind_params(Conn *c, Ctx *x, sqlite3_stmt *st)
{
    int n = sqlite3_bind_parameter_count(st);
    for (int i = 1; i <= n; i++) {
        const char *name = sqlite3_bind_parameter_name(st, i);
        Param *p = NULL;
        for (int k = 0; name && k < c->nparams; k++)
            if (strcasecmp(c->params[k].name, name) == 0)
                p = &c->params[k];
        if (!p) {
            char msg[300];
            snprintf(msg, sizeof msg, "Must declare the scalar variable \"%s\".", name ? name : "?");
            error_done(c, x, 137, 15, msg);
            return -1;
        }
        switch (p->stype) {
        case SQLITE_INTEGER: sqlite3_bind_int64(st, i, p->i); break;
        case SQLITE_FLOAT: sqlite3_bind_double(st, i, p->d); break;
        case SQLITE_TEXT: sqlite3_bind_text(st, i, p->data, (int)p->len, SQLITE_STATIC); break;
        case SQLITE_BLOB: sqlite3_bind_blob(st, i, p->data ? p->data : "", (int)p->len, SQLITE_STATIC); break;
        default: sqlite3_bind_null(st, i); break;
        }
    }
    return 0;
}

/* Run translated SQL (possibly several SQLite statements), streaming any
 * result set.  cmd decides whether a row count is reported. */
static void run_sql(Conn *c, Ctx *x, const char *sql, unsigned cmd)
{
    const char *tail = sql;
    int produced = 0;
    while (tail && *tail && !c->dead && !c->attention) {
        sqlite3_stmt *st = NULL;
        const char *next = NULL;
        int rc = sqlite3_prepare_v2(c->db, tail, -1, &st, &next);
        if (rc != SQLITE_OK) {
            sqlite_error(c, x, sqlite3_errmsg(c->db));
            return;
        }
        if (!st) /* only whitespace/comments left */
            break;
        tail = next;
        if (bind_params(c, x, st) < 0) {
            sqlite3_finalize(st);
            return;
        }
        int ncol = sqlite3_column_count(st);
        rc = sqlite3_step(st);
        if (c->attention || c->dead) {
            sqlite3_finalize(st);
            return;
        }
        if (ncol > 0 && (rc == SQLITE_ROW || rc == SQLITE_DONE)) {
            SqlType *types = calloc((size_t)ncol, sizeof(SqlType));
            unsigned char *bitmap = malloc((size_t)(ncol + 7) / 8);
            for (int i = 0; i < ncol; i++)
                describe_column(c, st, i, rc == SQLITE_ROW, &types[i]);
            send_colmetadata(c, st, ncol, types);
            uint64_t rows = 0;
            while (rc == SQLITE_ROW) {
                send_row(c, st, ncol, types, bitmap);
                rows++;
                if (++c->rows_since_poll >= 64) {
                    c->rows_since_poll = 0;
                    if (net_poll_attention(c))
                        break;
                }
                rc = sqlite3_step(st);
            }
            free(types);
            free(bitmap);
            if (c->attention || c->dead) {
                sqlite3_finalize(st);
                return;
            }
            c->last_rowcount = (int64_t)rows;
            if (rc != SQLITE_DONE) {
                sqlite_error(c, x, sqlite3_errmsg(c->db));
                sqlite3_finalize(st);
                return;
            }
            done(c, x, c->nocount ? 0 : DONE_COUNT, CMD_SELECT, rows);
            produced = 1;
        } else if (rc == SQLITE_DONE) {
            if (cmd == CMD_INSERT || cmd == CMD_UPDATE || cmd == CMD_DELETE)
                c->last_rowcount = sqlite3_changes64(c->db);
        } else {
            sqlite_error(c, x, sqlite3_errmsg(c->db));
            sqlite3_finalize(st);
            return;
        }
        sqlite3_finalize(st);
    }
    if (!produced && !c->attention && !c->dead) {
        int dml = cmd == CMD_INSERT || cmd == CMD_UPDATE || cmd == CMD_DELETE;
        done(c, x, dml && !c->nocount ? DONE_COUNT : 0, cmd, dml ? (uint64_t)c->last_rowcount : 0);
    }
    if (c->trancount > 0 && sqlite3_get_autocommit(c->db))
        c->trancount = 0; /* SQLite rolled back on its own (e.g. disk full) */
}

/* ---------------- session statements ---------------- */

static int word_at(const Toks *tk, int i, int e, const char *kw) { return i < e && tok_is(&tk->t[i], kw); }

static void tran_begin(Conn *c)
{
    if (c->trancount == 0) {
        sqlite3_exec(c->db, "BEGIN", NULL, NULL, NULL);
        c->tran_id++;
        tok_env_tran(c, 8, c->tran_id, 0);
    }
    c->trancount++;
}

static void tran_end(Conn *c, int commit)
{
    sqlite3_exec(c->db, commit ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
    c->trancount = 0;
    tok_env_tran(c, commit ? 9 : 10, 0, c->tran_id);
}

static void implicit_begin(Conn *c)
{
    if (c->implicit_tx && c->trancount == 0)
        tran_begin(c);
}

static void exec_set(Conn *c, Ctx *x, const Toks *tk, int s, int e)
{
    int i = s + 1;
    if (i < e && tk->t[i].type == T_PARAM) {
        error_done(c, x, 50000, 16, "Variables are not supported by tds_test_server.");
        return;
    }
    int on = word_at(tk, e - 1, e, "ON");
    if (word_at(tk, i, e, "NOCOUNT"))
        c->nocount = on;
    else if (word_at(tk, i, e, "IMPLICIT_TRANSACTIONS"))
        c->implicit_tx = on;
    else if (word_at(tk, i, e, "XACT_ABORT"))
        c->xact_abort = on;
    else if (word_at(tk, i, e, "TEXTSIZE") && i + 1 < e)
        c->textsize = atoi(tk->t[i + 1].s);
    /* everything else (ANSI_*, QUOTED_IDENTIFIER, LANGUAGE, DATEFORMAT,
     * ARITHABORT, TRANSACTION ISOLATION LEVEL, ...) is accepted as a no-op */
    done(c, x, 0, 0xB9, 0);
}

static void exec_tran(Conn *c, Ctx *x, const Toks *tk, int s, int e)
{
    const Tok *f = &tk->t[s];
    int i = s + 1;
    if (word_at(tk, i, e, "DISTRIBUTED")) i++;
    if (word_at(tk, i, e, "TRAN") || word_at(tk, i, e, "TRANSACTION") || word_at(tk, i, e, "WORK")) i++;
    Buf name = {0};
    if (i < e && (tk->t[i].type == T_WORD || tk->t[i].type == T_QIDENT))
        tok_value(&tk->t[i], &name);
    if (tok_is(f, "BEGIN")) {
        tran_begin(c);
        done(c, x, 0, 0xD4, 0);
    } else if (tok_is(f, "COMMIT")) {
        if (c->trancount == 0)
            error_done(c, x, 3902, 16, "The COMMIT TRANSACTION request has no corresponding BEGIN TRANSACTION.");
        else {
            if (--c->trancount == 0) {
                c->trancount = 1;
                if (sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
                    sqlite_error(c, x, sqlite3_errmsg(c->db));
                    buf_free(&name);
                    return;
                }
                c->trancount = 0;
                tok_env_tran(c, 9, 0, c->tran_id);
            }
            done(c, x, 0, 0xD5, 0);
        }
    } else if (tok_is(f, "ROLLBACK")) {
        if (c->trancount == 0)
            error_done(c, x, 3903, 16, "The ROLLBACK TRANSACTION request has no corresponding BEGIN TRANSACTION.");
        else {
            int to_savepoint = 0;
            if (name.len) {
                char *q = sqlite3_mprintf("ROLLBACK TO \"%w\"", buf_cstr(&name));
                to_savepoint = sqlite3_exec(c->db, q, NULL, NULL, NULL) == SQLITE_OK;
                sqlite3_free(q);
            }
            if (!to_savepoint)
                tran_end(c, 0);
            done(c, x, 0, 0xD2, 0);
        }
    } else { /* SAVE TRAN name */
        if (c->trancount == 0)
            error_done(c, x, 628, 16, "Cannot issue SAVE TRANSACTION when there is no active transaction.");
        else {
            char *q = sqlite3_mprintf("SAVEPOINT \"%w\"", buf_cstr(&name));
            sqlite3_exec(c->db, q, NULL, NULL, NULL);
            sqlite3_free(q);
            done(c, x, 0, 0xD6, 0);
        }
    }
    buf_free(&name);
}

static void exec_use(Conn *c, Ctx *x, const Toks *tk, int s, int e)
{
    if (s + 1 >= e) {
        error_done(c, x, 102, 15, "Incorrect syntax near 'USE'.");
        return;
    }
    Buf name = {0};
    tok_value(&tk->t[s + 1], &name);
    char old[130], msg[300];
    snprintf(old, sizeof old, "%s", c->dbname);
    snprintf(c->dbname, sizeof c->dbname, "%s", buf_cstr(&name));
    tok_env_str(c, 1, c->dbname, old);
    snprintf(msg, sizeof msg, "Changed database context to '%s'.", c->dbname);
    tok_info(c, 5701, 1, 0, msg);
    done(c, x, 0, 0, 0);
    buf_free(&name);
}

/* Evaluate a scalar T-SQL expression [s,e) through SQLite. */
static int eval_scalar(Conn *c, const Toks *tk, int s, int e, Buf *out, char *err, size_t errlen)
{
    Buf q = {0};
    buf_adds(&q, "SELECT ");
    int rc = sql_translate(c, tk, s, e, &q, NULL, err, errlen);
    sqlite3_stmt *st = NULL;
    if (rc == 0 && sqlite3_prepare_v2(c->db, buf_cstr(&q), -1, &st, NULL) == SQLITE_OK) {
        for (int i = 1; i <= sqlite3_bind_parameter_count(st); i++)
            for (int k = 0; k < c->nparams; k++)
                if (sqlite3_bind_parameter_name(st, i) && strcasecmp(c->params[k].name, sqlite3_bind_parameter_name(st, i)) == 0) {
                    Param *p = &c->params[k];
                    if (p->stype == SQLITE_INTEGER) sqlite3_bind_int64(st, i, p->i);
                    else if (p->stype == SQLITE_FLOAT) sqlite3_bind_double(st, i, p->d);
                    else if (p->stype == SQLITE_TEXT) sqlite3_bind_text(st, i, p->data, (int)p->len, SQLITE_STATIC);
                }
        int r = sqlite3_step(st);
        if (r == SQLITE_ROW) {
            const char *v = (const char *)sqlite3_column_text(st, 0);
            buf_adds(out, v ? v : "");
        } else {
            snprintf(err, errlen, "%s", sqlite3_errmsg(c->db));
            rc = -1;
        }
        buf_cstr(out);
    } else if (rc == 0) {
        snprintf(err, errlen, "%s", sqlite3_errmsg(c->db));
        rc = -1;
    }
    sqlite3_finalize(st);
    buf_free(&q);
    return rc;
}

static void exec_stmt(Conn *c, Ctx *x, const Toks *tk, int s, int e);

static void exec_if(Conn *c, Ctx *x, const Toks *tk, int s, int e)
{
    /* IF <cond> <stmt> [ELSE <stmt>] with the same boundary rule as sql_split */
    int depth = 0, body = -1, els = -1;
    for (int i = s + 1; i < e; i++) {
        if (tok_is(&tk->t[i], "(")) depth++;
        if (tok_is(&tk->t[i], ")")) depth--;
        if (depth == 0 && i + 1 < e && body < 0) {
            static const char *st[] = {"SELECT", "INSERT", "UPDATE", "DELETE", "DROP", "CREATE", "ALTER", "SET",
                                       "PRINT", "RAISERROR", "BEGIN", "COMMIT", "ROLLBACK", "TRUNCATE", "EXEC",
                                       "EXECUTE", "THROW", "SAVE", NULL};
            for (int k = 0; st[k]; k++)
                if (tok_is(&tk->t[i + 1], st[k]))
                    body = i + 1;
        }
        if (depth == 0 && body >= 0 && i > body && tok_is(&tk->t[i], "ELSE")) {
            els = i;
            break;
        }
    }
    if (body < 0) {
        error_done(c, x, 102, 15, "Incorrect syntax near 'IF'.");
        return;
    }
    Buf v = {0};
    char err[512] = "";
    int rc = 0;
    { /* wrapped in CASE so that a boolean expression yields 0/1 */
        Buf q = {0};
        buf_adds(&q, "SELECT CASE WHEN ");
        rc = sql_translate(c, tk, s + 1, body, &q, NULL, err, sizeof err);
        buf_adds(&q, " THEN 1 ELSE 0 END");
        sqlite3_stmt *st = NULL;
        if (rc == 0 && sqlite3_prepare_v2(c->db, buf_cstr(&q), -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            buf_adds(&v, sqlite3_column_int(st, 0) ? "1" : "0");
        else if (rc == 0) {
            snprintf(err, sizeof err, "%s", sqlite3_errmsg(c->db));
            rc = -1;
        }
        sqlite3_finalize(st);
        buf_free(&q);
    }
    if (rc < 0) {
        sqlite_error(c, x, err);
        buf_free(&v);
        return;
    }
    int truth = v.len && v.p[0] == '1';
    buf_free(&v);
    if (truth)
        exec_stmt(c, x, tk, body, els >= 0 ? els : e);
    else if (els >= 0)
        exec_stmt(c, x, tk, els + 1, e);
    else
        done(c, x, 0, 0, 0);
}

/* KILL <spid>: end another session, as a server restart would for it. */
static void exec_kill(Conn *c, Ctx *x, const Toks *tk, int s, int e)
{
    char msg[128];
    int spid = s + 1 < e && tk->t[s + 1].type == T_NUMBER ? atoi(tk->t[s + 1].s) : 0;
    if (spid == c->spid)
        error_done(c, x, 6104, 16, "Cannot use KILL to kill your own process.");
    else if (spid <= 0 || session_kill(spid) < 0) {
        snprintf(msg, sizeof msg, "Process ID %d is not an active process ID.", spid);
        error_done(c, x, 6106, 16, msg);
    } else
        done(c, x, 0, 0, 0);
}

static void exec_waitfor(Conn *c, Ctx *x, const Toks *tk, int s, int e)
{
    if (!(word_at(tk, s + 1, e, "DELAY") && s + 2 < e)) {
        error_done(c, x, 102, 15, "Only WAITFOR DELAY 'hh:mm:ss' is supported.");
        return;
    }
    Buf v = {0};
    tok_value(&tk->t[s + 2], &v);
    int h = 0, m = 0;
    double sec = 0;
    sscanf(buf_cstr(&v), "%d:%d:%lf", &h, &m, &sec);
    buf_free(&v);
    double total = h * 3600 + m * 60 + sec;
    struct timespec t0, now;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        double el = (double)(now.tv_sec - t0.tv_sec) + (double)(now.tv_nsec - t0.tv_nsec) / 1e9;
        if (el >= total || net_poll_attention(c))
            break;
        usleep(10000);
    }
    if (!c->attention && !c->dead)
        done(c, x, 0, 0, 0);
}

static void exec_raiserror(Conn *c, Ctx *x, const Toks *tk, int s, int e)
{
    /* RAISERROR('msg', severity, state) / RAISERROR(N'msg', ...) / THROW n, 'msg', state */
    int i = s + 1, number = 50000, sev = 16;
    if (word_at(tk, i, e, "(")) i++;
    Buf msg = {0};
    if (tok_is(&tk->t[s], "THROW")) {
        if (i < e && tk->t[i].type == T_NUMBER) number = atoi(tk->t[i].s), i += 2;
        if (i < e) tok_value(&tk->t[i], &msg);
    } else {
        if (i < e) tok_value(&tk->t[i], &msg);
        if (i + 2 < e && tk->t[i + 2].type == T_NUMBER) sev = atoi(tk->t[i + 2].s);
    }
    if (sev <= 10) {
        tok_info(c, number, 1, sev, buf_cstr(&msg));
        done(c, x, 0, 0, 0);
    } else
        error_done(c, x, number, sev > 25 ? 16 : sev, buf_cstr(&msg));
    buf_free(&msg);
}

static void exec_drop(Conn *c, Ctx *x, const Toks *tk, int s, int e)
{
    /* DROP TABLE|VIEW [IF EXISTS] a [, b ...]: SQLite takes one name each */
    const char *what = word_at(tk, s + 1, e, "VIEW") ? "VIEW" : "TABLE";
    int i = s + 2, ifex = 0;
    if (word_at(tk, i, e, "IF") && word_at(tk, i + 1, e, "EXISTS")) ifex = 1, i += 2;
    int start = i;
    for (int k = i; k <= e; k++) {
        if (k < e && !tok_is(&tk->t[k], ","))
            continue;
        Buf q = {0};
        char err[512] = "";
        buf_addf(&q, "DROP %s %s", what, ifex ? "IF EXISTS " : "");
        if (sql_translate(c, tk, start, k, &q, NULL, err, sizeof err) < 0) {
            error_done(c, x, 102, 15, err);
            buf_free(&q);
            return;
        }
        if (sqlite3_exec(c->db, buf_cstr(&q), NULL, NULL, NULL) != SQLITE_OK) {
            Buf n = {0};
            if (start < k) tok_value(&tk->t[k - 1], &n);
            char msg[512];
            snprintf(msg, sizeof msg, "Cannot drop the %s '%s', because it does not exist or you do not have permission.",
                     strcmp(what, "VIEW") == 0 ? "view" : "table", buf_cstr(&n));
            if (strstr(sqlite3_errmsg(c->db), "no such"))
                error_done(c, x, 3701, 11, msg);
            else
                sqlite_error(c, x, sqlite3_errmsg(c->db));
            buf_free(&n);
            buf_free(&q);
            return;
        }
        buf_free(&q);
        start = k + 1;
    }
    done(c, x, 0, 0, 0);
}

static void exec_generic(Conn *c, Ctx *x, const Toks *tk, int s, int e, unsigned cmd)
{
    Buf q = {0};
    char err[512] = "";
    int uses_is = 0, rc;
    const Tok *f = &tk->t[s];
    if (tok_is(f, "CREATE") && word_at(tk, s + 1, e, "TABLE"))
        rc = sql_translate_create_table(c, tk, s, e, &q, err, sizeof err);
    else if (tok_is(f, "TRUNCATE")) {
        buf_adds(&q, "DELETE FROM ");
        rc = sql_translate(c, tk, s + 2, e, &q, &uses_is, err, sizeof err);
        cmd = 0;
    } else if (tok_is(f, "ALTER") && word_at(tk, s + 1, e, "TABLE")) {
        /* ALTER TABLE t ADD col type ... -> ADD COLUMN with the same column
         * translation as CREATE TABLE */
        int add = -1;
        for (int i = s + 2; i < e; i++)
            if (tok_is(&tk->t[i], "ADD")) { add = i; break; }
        if (add > 0 && !word_at(tk, add + 1, e, "CONSTRAINT") && !word_at(tk, add + 1, e, "COLUMN")) {
            Buf ct = {0};
            buf_adds(&ct, "CREATE TABLE x (");
            for (int i = add + 1; i < e; i++) {
                buf_add(&ct, tk->t[i].s, (size_t)tk->t[i].len);
                buf_addc(&ct, ' ');
            }
            buf_adds(&ct, ")");
            Toks t2 = {0};
            sql_tokenize(buf_cstr(&ct), &t2);
            Buf col = {0};
            rc = sql_translate_create_table(c, &t2, 0, t2.n, &col, err, sizeof err);
            if (rc == 0) {
                const char *body = strchr(buf_cstr(&col), '(');
                buf_adds(&q, "ALTER TABLE ");
                rc = sql_translate(c, tk, s + 2, add, &q, NULL, err, sizeof err);
                buf_adds(&q, " ADD COLUMN ");
                buf_add(&q, body + 1, strlen(body + 1) - 1);
            }
            buf_free(&col);
            buf_free(&ct);
            free(t2.t);
        } else
            rc = sql_translate(c, tk, s, e, &q, &uses_is, err, sizeof err);
    } else
        rc = sql_translate(c, tk, s, e, &q, &uses_is, err, sizeof err);
    if (rc < 0) {
        error_done(c, x, 102, 15, err[0] ? err : "Incorrect syntax.");
        buf_free(&q);
        return;
    }
    if (uses_is)
        refresh_infoschema(c);
    implicit_begin(c);
    run_sql(c, x, buf_cstr(&q), cmd);
    buf_free(&q);
}

static void exec_stmt(Conn *c, Ctx *x, const Toks *tk, int s, int e)
{
    const Tok *f = &tk->t[s];
    if (tok_is(f, "SET"))
        exec_set(c, x, tk, s, e);
    else if ((tok_is(f, "BEGIN") && (word_at(tk, s + 1, e, "TRAN") || word_at(tk, s + 1, e, "TRANSACTION") ||
                                      word_at(tk, s + 1, e, "DISTRIBUTED") || s + 1 == e)) ||
             tok_is(f, "COMMIT") || tok_is(f, "ROLLBACK") || tok_is(f, "SAVE"))
        exec_tran(c, x, tk, s, e);
    else if (tok_is(f, "USE"))
        exec_use(c, x, tk, s, e);
    else if (tok_is(f, "PRINT")) {
        Buf v = {0};
        char err[512] = "";
        if (eval_scalar(c, tk, s + 1, e, &v, err, sizeof err) < 0)
            sqlite_error(c, x, err);
        else {
            tok_info(c, 0, 1, 0, buf_cstr(&v));
            done(c, x, 0, 0, 0);
        }
        buf_free(&v);
    } else if (tok_is(f, "RAISERROR") || tok_is(f, "THROW"))
        exec_raiserror(c, x, tk, s, e);
    else if (tok_is(f, "WAITFOR"))
        exec_waitfor(c, x, tk, s, e);
    else if (tok_is(f, "KILL"))
        exec_kill(c, x, tk, s, e);
    else if (tok_is(f, "IF"))
        exec_if(c, x, tk, s, e);
    else if (tok_is(f, "DROP") && (word_at(tk, s + 1, e, "TABLE") || word_at(tk, s + 1, e, "VIEW")))
        exec_drop(c, x, tk, s, e);
    else if (tok_is(f, "DECLARE") || tok_is(f, "EXEC") || tok_is(f, "EXECUTE") || tok_is(f, "BEGIN")) {
        char msg[300];
        if (tok_is(f, "DECLARE") || tok_is(f, "BEGIN"))
            snprintf(msg, sizeof msg, "%.*s is not supported by tds_test_server.", f->len, f->s);
        else {
            Buf n = {0};
            if (s + 1 < e) tok_value(&tk->t[s + 1], &n);
            snprintf(msg, sizeof msg, "Could not find stored procedure '%s'.", buf_cstr(&n));
            buf_free(&n);
        }
        error_done(c, x, tok_is(f, "DECLARE") || tok_is(f, "BEGIN") ? 50000 : 2812, 16, msg);
    } else {
        unsigned cmd = tok_is(f, "INSERT") ? CMD_INSERT : tok_is(f, "UPDATE") ? CMD_UPDATE
                     : tok_is(f, "DELETE") ? CMD_DELETE : tok_is(f, "MERGE") ? CMD_UPDATE
                     : tok_is(f, "SELECT") || tok_is(f, "WITH") ? CMD_SELECT : 0;
        exec_generic(c, x, tk, s, e, cmd);
    }
}

int exec_batch(Conn *c, const char *sql, int in_rpc)
{
    Ctx x = {.in_rpc = in_rpc};
    Toks tk = {0};
    c->attention = 0;
    c->rows_since_poll = 0;
    if (!in_rpc)
        net_begin(c, PKT_REPLY);
    if (sql_tokenize(sql, &tk) < 0) {
        x.nstmts = 1;
        error_done(c, &x, 105, 15, "Unclosed quotation mark or comment in the SQL text.");
    } else {
        int maxs = tk.n + 1;
        int *starts = malloc(sizeof(int) * (size_t)maxs), *ends = malloc(sizeof(int) * (size_t)maxs);
        x.nstmts = sql_split(&tk, starts, ends, maxs);
        for (x.idx = 0; x.idx < x.nstmts && !c->attention && !c->dead; x.idx++)
            exec_stmt(c, &x, &tk, starts[x.idx], ends[x.idx]);
        if (x.nstmts == 0 && !in_rpc)
            tok_done(c, TOK_DONE, 0, 0, 0);
        free(starts);
        free(ends);
    }
    free(tk.t);
    int result = x.errors;
    if (c->attention) {
        /* the reply to ATTENTION ends the message; the batch is abandoned */
        tok_done(c, TOK_DONE, DONE_ATTN, 0, 0);
        c->attention = 0;
        result = -1;
    }
    if (!in_rpc)
        net_flush(c);
    return result;
}
