/*
 * tds_sql.c - T-SQL tokenizer, batch splitter and T-SQL -> SQLite rewriter.
 *
 * Everything works on tokens (strings, quoted identifiers, numbers, words,
 * variables, operators), never on raw text, so literals and identifiers are
 * never mangled.  The rewriter streams tokens to the output and keeps a
 * small stack of open parentheses ("frames") for constructs whose output
 * is only known at the closing parenthesis: TOP -> LIMIT, CAST/CONVERT ->
 * __tds_cast(x,'type',n,s,try).  Two pre-passes decide which '+' are string
 * concatenations and which '/' '%' right operands get a divide-by-zero check.
 */
#include "tds.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ */
/* tokenizer                                                           */
/* ------------------------------------------------------------------ */

static void push(Toks *o, TokType ty, const char *s, int len)
{
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 64;
        o->t = realloc(o->t, sizeof(Tok) * (size_t)o->cap);
        if (!o->t)
            abort();
    }
    o->t[o->n++] = (Tok){ty, s, len};
}

static int is_word_start(int ch) { return isalpha(ch) || ch == '_' || ch == '#' || ch >= 0x80; }
static int is_word_char(int ch) { return isalnum(ch) || ch == '_' || ch == '#' || ch == '$' || ch == '@' || ch >= 0x80; }

int sql_tokenize(const char *sql, Toks *o)
{
    const unsigned char *p = (const unsigned char *)sql;
    o->n = 0;
    while (*p) {
        const unsigned char *s = p;
        if (isspace(*p)) {
            p++;
        } else if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                p++;
        } else if (p[0] == '/' && p[1] == '*') {
            int depth = 0; /* T-SQL block comments nest */
            while (*p) {
                if (p[0] == '/' && p[1] == '*') depth++, p += 2;
                else if (p[0] == '*' && p[1] == '/') { p += 2; if (--depth == 0) break; }
                else p++;
            }
            if (depth)
                return -1;
        } else if (*p == '\'' || ((*p == 'N' || *p == 'n') && p[1] == '\'')) {
            TokType ty = *p == '\'' ? T_STRING : T_NSTRING;
            p += ty == T_STRING ? 1 : 2;
            for (;;) {
                if (!*p)
                    return -1;
                if (*p == '\'' && p[1] == '\'') { p += 2; continue; }
                if (*p++ == '\'')
                    break;
            }
            push(o, ty, (const char *)s, (int)(p - s));
        } else if (*p == '[' || *p == '"') {
            unsigned char close = *p == '[' ? ']' : '"';
            p++;
            for (;;) {
                if (!*p)
                    return -1;
                if (*p == close && p[1] == close) { p += 2; continue; }
                if (*p++ == close)
                    break;
            }
            push(o, T_QIDENT, (const char *)s, (int)(p - s));
        } else if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
            p += 2;
            while (isxdigit(*p))
                p++;
            push(o, T_BLOB, (const char *)s, (int)(p - s));
        } else if (isdigit(*p) || (*p == '.' && isdigit(p[1]))) {
            while (isdigit(*p)) p++;
            if (*p == '.') { p++; while (isdigit(*p)) p++; }
            if ((*p == 'e' || *p == 'E') && (isdigit(p[1]) || ((p[1] == '+' || p[1] == '-') && isdigit(p[2])))) {
                p += 2;
                while (isdigit(*p)) p++;
            }
            push(o, T_NUMBER, (const char *)s, (int)(p - s));
        } else if (*p == '@') {
            TokType ty = p[1] == '@' ? T_GVAR : T_PARAM;
            p += ty == T_GVAR ? 2 : 1;
            while (is_word_char(*p))
                p++;
            push(o, ty, (const char *)s, (int)(p - s));
        } else if (is_word_start(*p)) {
            while (is_word_char(*p))
                p++;
            push(o, T_WORD, (const char *)s, (int)(p - s));
        } else {
            static const char *two[] = {"<=", ">=", "<>", "!=", "!<", "!>", "||", "::", "+=", "-=", "*=", "/=", NULL};
            int len = 1;
            for (int i = 0; two[i]; i++)
                if (p[0] == (unsigned char)two[i][0] && p[1] == (unsigned char)two[i][1])
                    len = 2;
            p += len;
            push(o, T_OP, (const char *)s, len);
        }
    }
    return 0;
}

int tok_is(const Tok *t, const char *kw)
{
    if (t->type != T_WORD && t->type != T_OP)
        return 0;
    size_t n = strlen(kw);
    return (size_t)t->len == n && strncasecmp(t->s, kw, n) == 0;
}

void tok_value(const Tok *t, Buf *out)
{
    if (t->type == T_QIDENT || t->type == T_STRING || t->type == T_NSTRING) {
        int skip = t->type == T_NSTRING ? 2 : 1;
        char close = t->s[0] == '[' ? ']' : t->s[skip - 1];
        for (int i = skip; i < t->len - 1; i++) {
            buf_addc(out, t->s[i]);
            if (t->s[i] == close && i + 1 < t->len - 1 && t->s[i + 1] == close)
                i++;
        }
    } else
        buf_add(out, t->s, (size_t)t->len);
    buf_cstr(out);
}

/* identifier or keyword value compare (handles [x] and "x") */
static int tok_name_is(const Tok *t, const char *name)
{
    if (t->type == T_WORD)
        return tok_is(t, name);
    if (t->type != T_QIDENT)
        return 0;
    Buf b = {0};
    tok_value(t, &b);
    int r = strcasecmp(buf_cstr(&b), name) == 0;
    buf_free(&b);
    return r;
}

/* ------------------------------------------------------------------ */
/* batch splitting                                                     */
/* ------------------------------------------------------------------ */

static const char *stmt_starters[] = {"USE", "BEGIN", "COMMIT", "ROLLBACK", "SAVE", "TRUNCATE", "PRINT", "EXEC",
                                      "EXECUTE", "DECLARE", "ALTER", "DROP", "CREATE", "INSERT", "DELETE", "UPDATE",
                                      "SET", "SELECT", "WITH", "IF", "RAISERROR", "THROW", "WAITFOR", "MERGE", "KILL", NULL};

static int is_starter(const Tok *t)
{
    for (int i = 0; stmt_starters[i]; i++)
        if (tok_is(t, stmt_starters[i]))
            return 1;
    return 0;
}

/* T-SQL does not need ';' between statements, so a new statement also
 * starts at a top-level statement keyword that cannot continue the current
 * one (e.g. "SET NOCOUNT ON SELECT 1", "INSERT ... VALUES (1) SELECT ..."). */
int sql_split(const Toks *tk, int *starts, int *ends, int max)
{
    int n = 0, depth = 0, cur = -1, seen_set = 0, seen_values = 0, in_if = 0, if_body = 0;
    const Tok *first = NULL;
    for (int i = 0; i < tk->n; i++) {
        const Tok *t = &tk->t[i];
        const Tok *prev = i > 0 ? &tk->t[i - 1] : NULL;
        if (t->type == T_OP && t->s[0] == ';' && depth == 0) {
            if (cur >= 0 && n < max) { starts[n] = cur; ends[n] = i; n++; }
            cur = -1;
            continue;
        }
        int split = 0;
        if (cur >= 0 && depth == 0 && t->type == T_WORD && is_starter(t) && !in_if && !if_body &&
            !(prev && tok_is(prev, "ELSE"))) {
            const char *k = NULL;
            for (int s = 0; stmt_starters[s]; s++)
                if (tok_is(first, stmt_starters[s])) k = stmt_starters[s];
            int prev_on = prev && (tok_is(prev, "ON") || tok_is(prev, "FOR") || tok_is(prev, "OF"));
            int prev_setop = prev && (tok_is(prev, "UNION") || tok_is(prev, "ALL") || tok_is(prev, "EXCEPT") ||
                                      tok_is(prev, "INTERSECT") || tok_is(prev, "AS") || tok_is(prev, "("));
            if (tok_is(t, "SELECT")) {
                if (k && strcmp(k, "INSERT") == 0) split = seen_values;
                else if (k && (strcmp(k, "WITH") == 0 || strcmp(k, "CREATE") == 0 || strcmp(k, "ALTER") == 0 ||
                               strcmp(k, "DECLARE") == 0))
                    split = 0;
                else split = !prev_setop;
            } else if (tok_is(t, "SET")) {
                split = !(k && strcmp(k, "UPDATE") == 0 && !seen_set) && !(prev && (tok_is(prev, "DELETE") || tok_is(prev, "UPDATE")));
                if (k && strcmp(k, "UPDATE") == 0 && !seen_set) seen_set = 1;
            } else if (tok_is(t, "WITH")) {
                split = i + 1 < tk->n && tk->t[i + 1].type != T_OP && !(k && strcmp(k, "CREATE") == 0) &&
                        !tok_is(&tk->t[i + 1], "TIES");
            } else if (tok_is(t, "DELETE") || tok_is(t, "UPDATE") || tok_is(t, "INSERT")) {
                split = !prev_on;
            } else if (tok_is(t, "BEGIN") || tok_is(t, "COMMIT") || tok_is(t, "ROLLBACK")) {
                split = !(prev && (tok_is(prev, "END") || tok_is(prev, "ELSE")));
            } else if (tok_is(t, "EXEC") || tok_is(t, "EXECUTE")) {
                split = !(k && strcmp(k, "INSERT") == 0 && !seen_values);
            } else if (tok_is(t, "IF")) {
                split = !(prev && (tok_is(prev, "TABLE") || tok_is(prev, "VIEW") || tok_is(prev, "INDEX") ||
                                   tok_is(prev, "PROCEDURE") || tok_is(prev, "PROC") || tok_is(prev, "FUNCTION") ||
                                   tok_is(prev, "TRIGGER") || tok_is(prev, "SCHEMA") || tok_is(prev, "COLUMN") ||
                                   tok_is(prev, "CONSTRAINT") || tok_is(prev, "DATABASE")));
            } else if (tok_is(t, "CREATE") || tok_is(t, "ALTER")) {
                split = 1;
            } else
                split = 1;
        }
        if_body = 0;
        if (split) {
            if (n < max) { starts[n] = cur; ends[n] = i; n++; }
            cur = -1;
        }
        if (cur < 0) {
            cur = i;
            first = t;
            seen_set = 0;
            seen_values = 0;
            in_if = tok_is(t, "IF");
        }
        if (depth == 0 && tok_is(t, "VALUES"))
            seen_values = 1;
        if (tok_is(t, "UPDATE") && cur == i)
            seen_set = 0;
        if (t->type == T_OP && t->s[0] == '(') depth++;
        if (t->type == T_OP && t->s[0] == ')' && depth > 0) depth--;
        /* IF <condition> <statement>: the condition ends at the first
         * top-level statement keyword; that statement stays with the IF */
        if (in_if && depth == 0 && i > cur && i + 1 < tk->n && is_starter(&tk->t[i + 1])) {
            in_if = 0;
            if_body = 1;
        }
    }
    if (cur >= 0 && n < max) { starts[n] = cur; ends[n] = tk->n; n++; }
    return n;
}

/* ------------------------------------------------------------------ */
/* translation                                                         */
/* ------------------------------------------------------------------ */

enum { F_PAREN, F_CAST, F_CONVERT, F_SKIP };

typedef struct {
    int kind;
    int state;          /* CONVERT: 0 before the expression comma, 1 after */
    char limit[160];    /* " LIMIT n OFFSET m" emitted before ')' / end */
    char suffix[96];    /* CAST/CONVERT argument tail */
    int is_try;
    int open;           /* token index of the '(' */
} Frame;

typedef struct {
    Conn *c;
    const Toks *tk;
    int a, b;
    Buf *out;
    int *match;          /* index of matching paren, -1 otherwise */
    unsigned char *concat;
    int *closers;
    unsigned char *nzwrap;
    Frame fr[128];
    int nfr;
    int uses_is;
    char *err;
    size_t errlen;
    int failed;
} Tr;

static void emit(Tr *tr, const char *s, size_t n)
{
    Buf *o = tr->out;
    if (n == 0)
        return;
    char last = o->len ? o->p[o->len - 1] : '(';
    if (last != '(' && last != ' ' && last != '.' && s[0] != ')' && s[0] != ',' && s[0] != '.')
        buf_addc(o, ' ');
    buf_add(o, s, n);
}
static void emits(Tr *tr, const char *s) { emit(tr, s, strlen(s)); }

static void fail(Tr *tr, const char *msg)
{
    if (!tr->failed)
        snprintf(tr->err, tr->errlen, "%s", msg);
    tr->failed = 1;
}

static const Tok *T(Tr *tr, int i) { return (i >= tr->a && i < tr->b) ? &tr->tk->t[i] : NULL; }
static int is_op(const Tok *t, char ch) { return t && t->type == T_OP && t->len == 1 && t->s[0] == ch; }
static int is_name_tok(const Tok *t) { return t && (t->type == T_WORD || t->type == T_QIDENT); }

/* SQL keywords that end an operand chain (see mark_concat) */
static const char *kw_list[] = {
    "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "ON", "AS", "WHEN", "THEN", "ELSE", "END", "CASE", "SET",
    "VALUES", "BY", "HAVING", "IS", "IN", "LIKE", "BETWEEN", "JOIN", "UNION", "ORDER", "GROUP", "INTO", "DISTINCT",
    "TOP", "ASC", "DESC", "NULL", "EXISTS", "LEFT", "RIGHT", "INNER", "OUTER", "CROSS", "FULL", "ALL", "ESCAPE",
    "OFFSET", "FETCH", "ROWS", "ONLY", "NEXT", "UPDATE", "DELETE", "INSERT", "COLLATE", "OVER", "PARTITION", NULL};

static int is_kw(const Tok *t)
{
    if (!t || t->type != T_WORD)
        return 0;
    for (int i = 0; kw_list[i]; i++)
        if (tok_is(t, kw_list[i]))
            return 1;
    return 0;
}

/* a word that ends an operand chain; LEFT( and RIGHT( are functions */
static int is_breaker(Tr *tr, int i);

static const char *string_funcs[] = {"SUBSTRING", "LEFT", "RIGHT", "UPPER", "LOWER", "LTRIM", "RTRIM", "TRIM",
                                     "REPLACE", "CONCAT", "STR", "CHAR", "NCHAR", "REPLICATE", "SPACE", "FORMAT",
                                     "REVERSE", "STUFF", "QUOTENAME", "DB_NAME", "SCHEMA_NAME", "USER_NAME",
                                     "SUSER_SNAME", "NEWID", NULL};

static int is_breaker(Tr *tr, int i)
{
    const Tok *t = T(tr, i);
    if (!is_kw(t))
        return 0;
    return !((tok_is(t, "LEFT") || tok_is(t, "RIGHT")) && is_op(T(tr, i + 1), '('));
}

/* ---- schema lookup: is this name a char-typed column somewhere? ---- */

static char **char_cols;
static int n_char_cols;
static int char_cols_version = -1;

static void load_char_cols(Conn *c)
{
    sqlite3_stmt *st;
    int ver = -1;
    if (sqlite3_prepare_v2(c->db, "PRAGMA schema_version", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            ver = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    if (ver == char_cols_version)
        return;
    for (int i = 0; i < n_char_cols; i++)
        free(char_cols[i]);
    free(char_cols);
    char_cols = NULL;
    n_char_cols = 0;
    char_cols_version = ver;
    const char *q = "SELECT DISTINCT p.name, p.type FROM sqlite_schema m, pragma_table_info(m.name) p "
                    "WHERE m.type IN ('table','view')";
    if (sqlite3_prepare_v2(c->db, q, -1, &st, NULL) != SQLITE_OK)
        return;
    while (sqlite3_step(st) == SQLITE_ROW) {
        SqlType ty;
        if (type_parse((const char *)sqlite3_column_text(st, 1), &ty) && type_is_char(ty.kind)) {
            char_cols = realloc(char_cols, sizeof(char *) * (size_t)(n_char_cols + 1));
            char_cols[n_char_cols++] = strdup((const char *)sqlite3_column_text(st, 0));
        }
    }
    sqlite3_finalize(st);
}

static int is_char_col(Tr *tr, const Tok *t)
{
    load_char_cols(tr->c);
    Buf b = {0};
    tok_value(t, &b);
    int r = 0;
    for (int i = 0; i < n_char_cols && !r; i++)
        r = strcasecmp(char_cols[i], buf_cstr(&b)) == 0;
    buf_free(&b);
    return r;
}

static int type_word_is_char(const Tok *t)
{
    if (!is_name_tok(t))
        return 0;
    Buf b = {0};
    tok_value(t, &b);
    SqlType ty;
    int r = type_parse(buf_cstr(&b), &ty) && type_is_char(ty.kind);
    buf_free(&b);
    return r;
}

/* Is the operand that ends at token e (or starts at s) a string? */
static int operand_is_string(Tr *tr, int s, int e)
{
    const Tok *ts = T(tr, s), *te = T(tr, e);
    if (!ts || !te)
        return 0;
    if (ts->type == T_STRING || ts->type == T_NSTRING)
        return 1;
    if (is_name_tok(ts) && s == e)
        return is_char_col(tr, ts);
    if (is_name_tok(ts) && is_op(T(tr, s + 1), '(')) {
        if (tok_is(ts, "CAST")) {
            for (int k = s + 2; k < tr->match[s + 1]; k++)
                if (tok_is(T(tr, k), "AS"))
                    return type_word_is_char(T(tr, k + 1));
            return 0;
        }
        if (tok_is(ts, "CONVERT"))
            return type_word_is_char(T(tr, s + 2));
        for (int i = 0; string_funcs[i]; i++)
            if (tok_is(ts, string_funcs[i]))
                return 1;
        return 0;
    }
    /* dotted name: the last part names the column */
    if (is_name_tok(ts) && is_op(T(tr, s + 1), '.')) {
        int k = s;
        while (is_op(T(tr, k + 1), '.') && (is_name_tok(T(tr, k + 2)) || is_op(T(tr, k + 2), '.')))
            k += is_op(T(tr, k + 2), '.') ? 1 : 2;
        return is_name_tok(T(tr, k)) && is_char_col(tr, T(tr, k));
    }
    return 0;
}

/* Walk one chain of '+'-joined operands and turn all '+' into '||' when
 * any operand is a string.  Limits: column types are guessed by name. */
static void mark_concat(Tr *tr)
{
    for (int i = tr->a; i < tr->b; i++) {
        const Tok *t = T(tr, i);
        if (!is_op(t, '+') || tr->concat[i])
            continue;
        /* find chain start: go left over operand tokens at this level */
        int s = i;
        while (s - 1 >= tr->a) {
            const Tok *p = T(tr, s - 1);
            if (is_op(p, ')')) {
                int m = -1;
                for (int k = s - 2; k >= tr->a; k--)
                    if (tr->match[k] == s - 1) { m = k; break; }
                if (m < 0) break;
                s = m;
                if (m - 1 >= tr->a && is_name_tok(T(tr, m - 1)) && !is_breaker(tr, m - 1))
                    s = m - 1;
                continue;
            }
            if ((p->type == T_OP && strchr("+-*/%.", p->s[0]) && p->len == 1) || p->type == T_STRING ||
                p->type == T_NSTRING || p->type == T_NUMBER || p->type == T_PARAM || p->type == T_GVAR ||
                p->type == T_QIDENT || (p->type == T_WORD && !is_breaker(tr, s - 1))) {
                s--;
                continue;
            }
            break;
        }
        /* collect operands from s to chain end */
        int pluses[256], np = 0, stringy = 0, k = s, opstart = s;
        while (k < tr->b) {
            const Tok *p = T(tr, k);
            if (is_op(p, '(')) {
                k = tr->match[k] + 1;
                if (k <= 0) break;
                continue;
            }
            if (is_op(p, '+')) {
                if (k > opstart && operand_is_string(tr, opstart, k - 1)) stringy = 1;
                if (np < 256) pluses[np++] = k;
                opstart = k + 1;
                k++;
                continue;
            }
            if ((p->type == T_OP && strchr("-*/%.", p->s[0]) && p->len == 1) || p->type == T_STRING ||
                p->type == T_NSTRING || p->type == T_NUMBER || p->type == T_PARAM || p->type == T_GVAR ||
                p->type == T_QIDENT || (p->type == T_WORD && !is_breaker(tr, k))) {
                k++;
                continue;
            }
            break;
        }
        if (k > opstart && operand_is_string(tr, opstart, k - 1))
            stringy = 1;
        for (int q = 0; q < np; q++)
            tr->concat[pluses[q]] = stringy ? 1 : 2; /* 2 = checked, numeric */
    }
}

/* Right operand of '/' or '%': wrap it in __tds_nz() so that x/0 raises
 * error 8134 instead of SQLite's NULL.  '/' binds tighter than '+' '-', so
 * the operand is just the next primary expression. */
static void mark_divisions(Tr *tr)
{
    for (int i = tr->a; i < tr->b; i++) {
        if (!(is_op(T(tr, i), '/') || is_op(T(tr, i), '%')))
            continue;
        int j = i + 1;
        while (is_op(T(tr, j), '-') || is_op(T(tr, j), '+'))
            j++;
        const Tok *t = T(tr, j);
        if (!t)
            continue;
        int end = j;
        if (is_op(t, '(')) {
            end = tr->match[j];
        } else if (t->type == T_NUMBER) {
            if (strtod(t->s, NULL) != 0)
                continue; /* nonzero literal: no check needed */
        } else if (tok_is(t, "CASE")) {
            int nest = 0;
            for (end = j; end < tr->b; end++) {
                if (tok_is(T(tr, end), "CASE")) nest++;
                if (tok_is(T(tr, end), "END") && --nest == 0) break;
            }
        } else if (is_name_tok(t)) {
            while (is_op(T(tr, end + 1), '.') && T(tr, end + 2))
                end += 2;
            if (is_op(T(tr, end + 1), '('))
                end = tr->match[end + 1];
        }
        if (end < 0 || end >= tr->b)
            continue;
        tr->nzwrap[i] = 1;
        tr->closers[end]++;
    }
}

static void emit_quoted_ident(Tr *tr, const Tok *t)
{
    Buf v = {0}, q = {0};
    tok_value(t, &v);
    buf_addc(&q, '"');
    for (size_t i = 0; i < v.len; i++) {
        if (v.p[i] == '"')
            buf_addc(&q, '"');
        buf_addc(&q, v.p[i]);
    }
    buf_addc(&q, '"');
    emit(tr, q.p, q.len);
    buf_free(&v);
    buf_free(&q);
}

static void emit_name_part(Tr *tr, const Tok *t)
{
    if (t->type == T_QIDENT || (t->type == T_WORD && t->s[0] == '#'))
        emit_quoted_ident(tr, t);
    else
        emit(tr, t->s, (size_t)t->len);
}

static const char *hint_words[] = {"NOLOCK", "READUNCOMMITTED", "UPDLOCK", "ROWLOCK", "HOLDLOCK", "TABLOCK",
                                   "TABLOCKX", "NOWAIT", "READPAST", "INDEX", "XLOCK", "PAGLOCK", "SERIALIZABLE",
                                   "REPEATABLEREAD", "READCOMMITTED", "FORCESEEK", "PAD_INDEX", "FILLFACTOR",
                                   "STATISTICS_NORECOMPUTE", "IGNORE_DUP_KEY", "ALLOW_ROW_LOCKS",
                                   "ALLOW_PAGE_LOCKS", "OPTIMIZE_FOR_SEQUENTIAL_KEY", "DATA_COMPRESSION",
                                   "SNAPSHOT", "NOEXPAND", "FORCESCAN", NULL};

/* gather raw text of tokens [s,e) for TOP/OFFSET expressions */
static void raw_range(Tr *tr, int s, int e, char *dst, size_t n)
{
    Buf b = {0};
    for (int k = s; k < e; k++) {
        const Tok *t = T(tr, k);
        if (b.len) buf_addc(&b, ' ');
        if (t->type == T_PARAM)
            for (int q = 0; q < t->len; q++) buf_addc(&b, (char)tolower((unsigned char)t->s[q]));
        else
            buf_add(&b, t->s, (size_t)t->len);
    }
    snprintf(dst, n, "%s", b.len ? buf_cstr(&b) : "0");
    buf_free(&b);
}

/* parse "type [ ( a [, b] ) ]" at i; returns next index, fills cast suffix */
static int parse_cast_type(Tr *tr, int i, char *suffix, size_t n, int is_try)
{
    const Tok *t = T(tr, i);
    if (!is_name_tok(t)) {
        fail(tr, "Incorrect syntax near CAST/CONVERT type.");
        return i + 1;
    }
    Buf name = {0};
    tok_value(t, &name);
    int a1 = 0, a2 = 0, nargs = 0;
    i++;
    if (is_op(T(tr, i), '(')) {
        int close = tr->match[i];
        for (int k = i + 1; k < close && nargs < 2; k++) {
            const Tok *x = T(tr, k);
            if (x->type == T_NUMBER) (nargs ? (a2 = atoi(x->s)) : (a1 = atoi(x->s))), nargs++;
            else if (tok_is(x, "MAX")) { a1 = -1; nargs++; }
        }
        i = close + 1;
    }
    SqlType ty;
    if (!type_parse_name(buf_cstr(&name), a1, a2, nargs, &ty)) {
        char m[200];
        snprintf(m, sizeof m, "Type %s is not a defined system type.", buf_cstr(&name));
        fail(tr, m);
    }
    snprintf(suffix, n, ", '%s', %d, %d, %d)", type_name(ty.kind),
             type_is_char(ty.kind) || ty.kind == K_BINARY || ty.kind == K_VARBINARY ? ty.len : ty.prec,
             ty.scale, is_try);
    buf_free(&name);
    return i;
}

static Frame *top(Tr *tr) { return &tr->fr[tr->nfr - 1]; }

static void push_frame(Tr *tr, int kind, int open)
{
    if (tr->nfr >= 128) {
        fail(tr, "Expression nesting too deep.");
        return;
    }
    Frame *f = &tr->fr[tr->nfr++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->open = open;
}

static int skip_group(Tr *tr, int i) { return tr->match[i] >= 0 ? tr->match[i] + 1 : i + 1; }

/* Multi-part name starting at i: strips dbo / database prefixes and maps
 * INFORMATION_SCHEMA.X and sys.X to the per-connection helper tables. */
static int do_name(Tr *tr, int i)
{
    int parts[8], np = 0, k = i;
    parts[np++] = k;
    while (np < 8 && is_op(T(tr, k + 1), '.')) {
        if (is_op(T(tr, k + 2), '.')) { /* db..t: empty schema part */
            parts[np++] = -1;
            k += 1;
            continue;
        }
        const Tok *n = T(tr, k + 2);
        if (!n || !(is_name_tok(n) || is_op(n, '*')))
            break;
        parts[np++] = k + 2;
        k += 2;
    }
    int next = k + 1, from = 0;
    for (int p = 0; p < np - 1; p++)
        if (parts[p] < 0 || tok_name_is(T(tr, parts[p]), "dbo"))
            from = p + 1;
    for (int p = 0; p < np - 1; p++) {
        if (parts[p] < 0)
            continue;
        const Tok *sch = T(tr, parts[p]);
        int is_is = tok_name_is(sch, "INFORMATION_SCHEMA"), is_sys = tok_name_is(sch, "sys");
        if ((is_is || is_sys) && parts[p + 1] >= 0) {
            Buf v = {0};
            tok_value(T(tr, parts[p + 1]), &v);
            char nm[200];
            snprintf(nm, sizeof nm, "%s_%s", is_is ? "INFORMATION_SCHEMA" : "sys", buf_cstr(&v));
            for (char *q = nm; *q; q++)
                *q = (char)toupper((unsigned char)*q);
            if (is_sys)
                memcpy(nm, "sys", 3);
            emits(tr, nm);
            tr->uses_is = 1;
            buf_free(&v);
            for (int r = p + 2; r < np; r++) {
                emits(tr, ".");
                emit_name_part(tr, T(tr, parts[r]));
            }
            return next;
        }
    }
    for (int p = from; p < np; p++) {
        if (p > from)
            emits(tr, ".");
        if (parts[p] >= 0)
            emit_name_part(tr, T(tr, parts[p]));
    }
    return next;
}

static const struct {
    const char *tsql, *sqlite;
} fn_rename[] = {
    {"ISNULL", "ifnull"}, {"LEFT", "__tds_left"}, {"RIGHT", "__tds_right"}, {"SUBSTRING", "substr"},
    {"COUNT_BIG", "count"}, {"LOG", "ln"}, {"CEILING", "ceil"}, {"LEN", "len"}, {"GETDATE", "getdate"},
    {"CHAR", "char"}, {"SCOPE_IDENTITY", "last_insert_rowid"}, {"IDENT_CURRENT", "__tds_ident_current"},
    {"REPLACE", "replace"}, {NULL, NULL}};

static int do_word(Tr *tr, int i)
{
    const Tok *t = T(tr, i);
    const Tok *nx = T(tr, i + 1);
    int call = is_op(nx, '(');

    if (is_op(nx, '.'))
        return do_name(tr, i);
    if (t->type == T_QIDENT) {
        emit_quoted_ident(tr, t);
        return i + 1;
    }
    if (tok_is(t, "SELECT") || tok_is(t, "DELETE") || tok_is(t, "UPDATE")) {
        emit(tr, t->s, (size_t)t->len);
        int j = i + 1;
        if (tok_is(T(tr, j), "DISTINCT") || tok_is(T(tr, j), "ALL"))
            emit(tr, T(tr, j)->s, (size_t)T(tr, j)->len), j++;
        if (tok_is(T(tr, j), "TOP")) {
            char expr[120];
            int e;
            if (is_op(T(tr, j + 1), '(')) {
                e = tr->match[j + 1];
                raw_range(tr, j + 2, e, expr, sizeof expr);
                e++;
            } else {
                raw_range(tr, j + 1, j + 2, expr, sizeof expr);
                e = j + 2;
            }
            if (tok_is(T(tr, e), "PERCENT")) e++;
            if (tok_is(T(tr, e), "WITH") && tok_is(T(tr, e + 1), "TIES")) e += 2;
            snprintf(top(tr)->limit, sizeof top(tr)->limit, " LIMIT %s", expr);
            j = e;
        }
        return j;
    }
    if (tok_is(t, "OFFSET")) {
        int j = i + 1, s = j;
        while (j < tr->b && !tok_is(T(tr, j), "ROWS") && !tok_is(T(tr, j), "ROW"))
            j++;
        char off[120], lim[120] = "-1";
        raw_range(tr, s, j, off, sizeof off);
        j++;
        if (j < tr->b && tok_is(T(tr, j), "FETCH")) { /* OFFSET may end the statement */
            j += 2; /* FETCH NEXT|FIRST */
            s = j;
            while (j < tr->b && !tok_is(T(tr, j), "ROWS") && !tok_is(T(tr, j), "ROW"))
                j++;
            raw_range(tr, s, j, lim, sizeof lim);
            j += 2; /* ROWS ONLY */
        }
        snprintf(top(tr)->limit, sizeof top(tr)->limit, " LIMIT %s OFFSET %s", lim, off);
        return j;
    }
    if (tok_is(t, "WITH") && call && is_name_tok(T(tr, i + 2))) {
        for (int h = 0; hint_words[h]; h++)
            if (tok_is(T(tr, i + 2), hint_words[h]))
                return skip_group(tr, i + 1);
    }
    if ((tok_is(t, "OPTION") || tok_is(t, "INCLUDE")) && call)
        return skip_group(tr, i + 1);
    if (tok_is(t, "COLLATE"))
        return i + 2;
    if (tok_is(t, "CLUSTERED") || tok_is(t, "NONCLUSTERED"))
        return i + 1;
    if (tok_is(t, "CURRENT_TIMESTAMP")) {
        emits(tr, "getdate()");
        return i + 1;
    }
    if (tok_is(t, "SYSTEM_USER") || tok_is(t, "CURRENT_USER") || tok_is(t, "SESSION_USER")) {
        emits(tr, "suser_sname()");
        return i + 1;
    }
    if (call && (tok_is(t, "CAST") || tok_is(t, "TRY_CAST"))) {
        emits(tr, "__tds_cast(");
        push_frame(tr, F_CAST, i + 1);
        top(tr)->is_try = tok_is(t, "TRY_CAST");
        return i + 2;
    }
    if (call && (tok_is(t, "CONVERT") || tok_is(t, "TRY_CONVERT"))) {
        emits(tr, "__tds_cast(");
        push_frame(tr, F_CONVERT, i + 1);
        Frame *f = top(tr);
        f->is_try = tok_is(t, "TRY_CONVERT");
        return parse_cast_type(tr, i + 2, f->suffix, sizeof f->suffix, f->is_try);
    }
    if (call && (tok_is(t, "DATEADD") || tok_is(t, "DATEDIFF") || tok_is(t, "DATEPART") || tok_is(t, "DATENAME") ||
                 tok_is(t, "DATEDIFF_BIG"))) {
        char fn[64];
        snprintf(fn, sizeof fn, "__tds_%.*s(", t->len, t->s);
        for (char *q = fn; *q; q++)
            *q = (char)tolower((unsigned char)*q);
        emits(tr, fn);
        push_frame(tr, F_PAREN, i + 1);
        Buf v = {0};
        tok_value(T(tr, i + 2), &v);
        Buf q = {0};
        buf_addf(&q, "'%s'", buf_cstr(&v));
        emit(tr, q.p, q.len);
        buf_free(&v);
        buf_free(&q);
        return i + 3;
    }
    if (call)
        for (int k = 0; fn_rename[k].tsql; k++)
            if (tok_is(t, fn_rename[k].tsql)) {
                emits(tr, fn_rename[k].sqlite);
                return i + 1;
            }
    if (tok_is(t, "AS") && tr->nfr > 0 && top(tr)->kind == F_CAST && top(tr)->suffix[0] == 0) {
        Frame *f = top(tr);
        return parse_cast_type(tr, i + 1, f->suffix, sizeof f->suffix, f->is_try);
    }
    emit_name_part(tr, t);
    return i + 1;
}

static void emit_gvar(Tr *tr, const Tok *t)
{
    Conn *c = tr->c;
    char v[256];
    if (tok_is(&(Tok){T_WORD, t->s + 2, t->len - 2}, "VERSION"))
        snprintf(v, sizeof v, "'Microsoft SQL Server 2019 (RTM) - 15.0.2000.5 (X64) - tds_test_server (SQLite %s backend)'",
                 sqlite3_libversion());
    else if (t->len == 6 && strncasecmp(t->s, "@@SPID", 6) == 0)
        snprintf(v, sizeof v, "%d", c->spid);
    else if (strncasecmp(t->s, "@@TRANCOUNT", 11) == 0 && t->len == 11)
        snprintf(v, sizeof v, "%d", c->trancount);
    else if (strncasecmp(t->s, "@@ROWCOUNT", 10) == 0 && t->len == 10)
        snprintf(v, sizeof v, "%lld", (long long)c->last_rowcount);
    else if (strncasecmp(t->s, "@@IDENTITY", 10) == 0 && t->len == 10)
        snprintf(v, sizeof v, "last_insert_rowid()");
    else if (strncasecmp(t->s, "@@SERVERNAME", 12) == 0 && t->len == 12)
        snprintf(v, sizeof v, "'%s'", SERVER_NAME);
    else if (strncasecmp(t->s, "@@SERVICENAME", 13) == 0 && t->len == 13)
        snprintf(v, sizeof v, "'MSSQLSERVER'");
    else if (strncasecmp(t->s, "@@LANGUAGE", 10) == 0 && t->len == 10)
        snprintf(v, sizeof v, "'us_english'");
    else if (strncasecmp(t->s, "@@MAX_PRECISION", 15) == 0 && t->len == 15)
        snprintf(v, sizeof v, "38");
    else if (strncasecmp(t->s, "@@TEXTSIZE", 10) == 0 && t->len == 10)
        snprintf(v, sizeof v, "%d", c->textsize);
    else if (strncasecmp(t->s, "@@ERROR", 7) == 0 && t->len == 7)
        snprintf(v, sizeof v, "%d", c->last_error);
    else if (strncasecmp(t->s, "@@MICROSOFTVERSION", 18) == 0 && t->len == 18)
        snprintf(v, sizeof v, "251660240");
    else
        snprintf(v, sizeof v, "NULL");
    emits(tr, v);
}

static int translate_range(Tr *tr)
{
    for (int i = tr->a; i < tr->b && !tr->failed;) {
        const Tok *t = T(tr, i);
        int next = i + 1;
        switch (t->type) {
        case T_STRING:
            emit(tr, t->s, (size_t)t->len);
            break;
        case T_NSTRING:
            emit(tr, t->s + 1, (size_t)t->len - 1);
            break;
        case T_NUMBER:
            emit(tr, t->s, (size_t)t->len);
            break;
        case T_BLOB: {
            Buf b = {0};
            buf_adds(&b, "X'");
            if ((t->len - 2) % 2)
                buf_addc(&b, '0');
            buf_add(&b, t->s + 2, (size_t)t->len - 2);
            buf_addc(&b, '\'');
            emit(tr, b.p, b.len);
            buf_free(&b);
            break;
        }
        case T_PARAM: {
            char nm[140];
            int n = t->len < 139 ? t->len : 139;
            for (int k = 0; k < n; k++)
                nm[k] = (char)tolower((unsigned char)t->s[k]);
            nm[n] = 0;
            emits(tr, nm);
            break;
        }
        case T_GVAR:
            emit_gvar(tr, t);
            break;
        case T_WORD:
        case T_QIDENT:
            next = do_word(tr, i);
            break;
        case T_OP:
            if (is_op(t, '(')) {
                emits(tr, "(");
                push_frame(tr, F_PAREN, i);
            } else if (is_op(t, ')')) {
                if (tr->nfr <= 1) {
                    fail(tr, "Incorrect syntax near ')'.");
                    break;
                }
                Frame *f = top(tr);
                if (f->limit[0])
                    buf_adds(tr->out, f->limit);
                if (f->kind == F_CAST || f->kind == F_CONVERT) {
                    if (!f->suffix[0])
                        fail(tr, "Incorrect syntax near CAST.");
                    buf_adds(tr->out, f->suffix);
                } else
                    emits(tr, ")");
                tr->nfr--;
            } else if (is_op(t, ',') && tr->nfr > 1 && top(tr)->kind == F_CONVERT) {
                if (top(tr)->state++ > 0) /* style argument: dropped */
                    next = tr->match[top(tr)->open];
            } else if (is_op(t, '+') && tr->concat[i] == 1) {
                emits(tr, "||");
            } else if (is_op(t, '/') || is_op(t, '%')) {
                emit(tr, t->s, 1);
                if (tr->nzwrap[i])
                    emits(tr, "__tds_nz(");
            } else if (tok_is(t, "!<")) {
                emits(tr, ">=");
            } else if (tok_is(t, "!>")) {
                emits(tr, "<=");
            } else if (is_op(t, ';')) {
                /* statement separators were handled by the splitter */
            } else {
                emit(tr, t->s, (size_t)t->len);
            }
            break;
        }
        for (int k = i; k < next && k < tr->b; k++)
            for (int q = 0; q < tr->closers[k]; q++)
                buf_addc(tr->out, ')');
        i = next;
    }
    return tr->failed ? -1 : 0;
}

static int tr_init(Tr *tr, Conn *c, const Toks *tk, int a, int b, Buf *out, char *err, size_t errlen)
{
    memset(tr, 0, sizeof *tr);
    tr->c = c;
    tr->tk = tk;
    tr->a = a;
    tr->b = b;
    tr->out = out;
    tr->err = err;
    tr->errlen = errlen;
    int n = tk->n + 1;
    tr->match = malloc(sizeof(int) * (size_t)n);
    tr->closers = calloc((size_t)n, sizeof(int));
    tr->concat = calloc((size_t)n, 1);
    tr->nzwrap = calloc((size_t)n, 1);
    int stack[256], sp = 0;
    for (int i = 0; i < n; i++)
        tr->match[i] = -1;
    for (int i = a; i < b; i++) {
        if (is_op(&tk->t[i], '(')) {
            if (sp >= 256) { fail(tr, "Expression nesting too deep."); return -1; }
            stack[sp++] = i;
        } else if (is_op(&tk->t[i], ')')) {
            if (sp == 0) { fail(tr, "Incorrect syntax near ')'."); return -1; }
            int o = stack[--sp];
            tr->match[o] = i;
            tr->match[i] = o;
        }
    }
    if (sp) {
        fail(tr, "Incorrect syntax: missing ')'.");
        return -1;
    }
    push_frame(tr, F_PAREN, -1); /* statement level */
    return 0;
}

static void tr_free(Tr *tr)
{
    free(tr->match);
    free(tr->closers);
    free(tr->concat);
    free(tr->nzwrap);
}

int sql_translate(Conn *c, const Toks *tk, int a, int b, Buf *out, int *uses_is, char *err, size_t errlen)
{
    Tr tr;
    int rc = tr_init(&tr, c, tk, a, b, out, err, errlen);
    if (rc == 0) {
        mark_concat(&tr);
        mark_divisions(&tr);
        rc = translate_range(&tr);
        if (rc == 0 && tr.fr[0].limit[0])
            buf_adds(out, tr.fr[0].limit);
    }
    if (uses_is)
        *uses_is |= tr.uses_is;
    tr_free(&tr);
    buf_cstr(out);
    return rc;
}

/* ------------------------------------------------------------------ */
/* CREATE TABLE                                                        */
/* ------------------------------------------------------------------ */

static int sub_translate(Tr *tr, int s, int e)
{
    if (s >= e)
        return 0;
    Buf tmp = {0};
    int rc = sql_translate(tr->c, tr->tk, s, e, &tmp, NULL, tr->err, tr->errlen);
    if (rc == 0)
        emit(tr, tmp.p, tmp.len);
    else
        tr->failed = 1;
    buf_free(&tmp);
    return rc;
}

static int in_list(Tr *tr, const Tok *name, int *pk, int npk)
{
    Buf a = {0}, b = {0};
    tok_value(name, &a);
    int r = 0;
    for (int k = 0; k < npk && !r; k++) {
        b.len = 0;
        tok_value(T(tr, pk[k]), &b);
        r = strcasecmp(buf_cstr(&a), buf_cstr(&b)) == 0;
    }
    buf_free(&a);
    buf_free(&b);
    return r;
}

/* Column definitions keep the SQL Server type text as the SQLite declared
 * type (e.g. "nvarchar(50)", "varbinary(-1)"): SQLite derives a fitting
 * affinity from it and the executor reads it back with
 * sqlite3_column_decltype to describe result columns. */
int sql_translate_create_table(Conn *c, const Toks *tk, int a, int b, Buf *out, char *err, size_t errlen)
{
    Tr tr;
    if (tr_init(&tr, c, tk, a, b, out, err, errlen) < 0) {
        tr_free(&tr);
        return -1;
    }
    int i = a + 2; /* CREATE TABLE */
    int open = i;
    while (open < b && !is_op(T(&tr, open), '('))
        open++;
    if (open >= b || tr.match[open] < 0) {
        fail(&tr, "Incorrect syntax near CREATE TABLE.");
        tr_free(&tr);
        return -1;
    }
    int close = tr.match[open];
    int temp = T(&tr, open - 1)->s[0] == '#' || (T(&tr, open - 1)->type == T_QIDENT && T(&tr, open - 1)->s[1] == '#');
    emits(&tr, temp ? "CREATE TEMP TABLE" : "CREATE TABLE");
    sub_translate(&tr, i, open);
    emits(&tr, "(");

    /* item boundaries and table-level PRIMARY KEY columns */
    int items[512], nitems = 0, pkcols[64], npk = 0;
    items[nitems++] = open + 1;
    for (int k = open + 1; k < close; k++) {
        if (is_op(T(&tr, k), '(')) { k = tr.match[k]; continue; }
        if (is_op(T(&tr, k), ',') && nitems < 511)
            items[nitems++] = k + 1;
    }
    items[nitems] = close + 1;
    int has_pk = 0;
    for (int it = 0; it < nitems; it++)
        for (int k = items[it]; k < items[it + 1] - 1; k++) {
            if (tok_is(T(&tr, k), "PRIMARY"))
                has_pk = 1;
            if (tok_is(T(&tr, k), "PRIMARY") && k == items[it] + (tok_is(T(&tr, items[it]), "CONSTRAINT") ? 2 : 0)) {
                int p = k + 2;
                while (p < close && !is_op(T(&tr, p), '('))
                    p++;
                if (p < close)
                    for (int q = p + 1; q < tr.match[p]; q++)
                        if (is_name_tok(T(&tr, q)) && !tok_is(T(&tr, q), "ASC") && !tok_is(T(&tr, q), "DESC") && npk < 64)
                            pkcols[npk++] = q;
            }
        }

    for (int it = 0; it < nitems && !tr.failed; it++) {
        int s = items[it], e = items[it + 1] - 1;
        if (s >= e)
            continue;
        if (it > 0)
            emits(&tr, ",");
        const Tok *first = T(&tr, s);
        if (tok_is(first, "CONSTRAINT") || tok_is(first, "PRIMARY") || tok_is(first, "UNIQUE") ||
            tok_is(first, "FOREIGN") || tok_is(first, "CHECK")) {
            /* table constraint: drop a trailing filegroup clause */
            int stop = e;
            for (int k = s; k < e; k++)
                if (tok_is(T(&tr, k), "ON") && tok_name_is(T(&tr, k + 1), "PRIMARY"))
                    stop = k;
            sub_translate(&tr, s, stop);
            continue;
        }
        /* column: name type [ (args) ] constraints... */
        emit_name_part(&tr, first);
        int k = s + 1;
        const Tok *tt = T(&tr, k);
        if (!is_name_tok(tt)) {
            fail(&tr, "Column definition without a data type.");
            break;
        }
        Buf tname = {0};
        tok_value(tt, &tname);
        k++;
        int a1 = 0, a2 = 0, nargs = 0;
        if (tok_is(tt, "double") && tok_is(T(&tr, k), "precision"))
            k++;
        if (is_op(T(&tr, k), '(')) {
            for (int q = k + 1; q < tr.match[k] && nargs < 2; q++) {
                const Tok *x = T(&tr, q);
                if (x->type == T_NUMBER) { if (nargs) a2 = atoi(x->s); else a1 = atoi(x->s); nargs++; }
                else if (tok_is(x, "MAX")) { a1 = -1; nargs++; }
            }
            k = tr.match[k] + 1;
        }
        SqlType ty;
        if (!type_parse_name(buf_cstr(&tname), a1, a2, nargs, &ty)) {
            char m[200];
            snprintf(m, sizeof m, "Column, parameter, or variable #%d: Cannot find data type %s.", it + 1, buf_cstr(&tname));
            fail(&tr, m);
            buf_free(&tname);
            break;
        }
        buf_free(&tname);
        int identity = 0, col_pk = 0, notnull = 0;
        for (int q = k; q < e; q++) {
            if (tok_is(T(&tr, q), "IDENTITY")) identity = 1;
            if (tok_is(T(&tr, q), "PRIMARY")) col_pk = 1;
            if (tok_is(T(&tr, q), "NOT") && tok_is(T(&tr, q + 1), "NULL")) notnull = 1;
        }
        int in_pk = col_pk || in_list(&tr, first, pkcols, npk);
        Buf decl = {0};
        if (identity && (ty.kind == K_INT || ty.kind == K_BIGINT || ty.kind == K_SMALLINT) && (in_pk || !has_pk)) {
            /* only an INTEGER PRIMARY KEY auto-numbers in SQLite */
            buf_adds(&decl, "INTEGER");
            if (!in_pk)
                buf_adds(&decl, " PRIMARY KEY");
        } else
            type_format(&ty, &decl);
        if (ty.kind == K_GUID)
            buf_adds(&decl, " COLLATE NOCASE");
        if (ty.kind == K_DECIMAL || ty.kind == K_NUMERIC) {
            /* SQL Server rejects values beyond the precision (error 8115);
             * clients size the wire value by precision, so enforce it */
            Buf cn = {0};
            tok_value(first, &cn);
            char *ck = sqlite3_mprintf(" CONSTRAINT \"__tds_prec_%w\" CHECK (\"%w\" IS NULL OR abs(\"%w\") < 1e%d)",
                                       buf_cstr(&cn), buf_cstr(&cn), buf_cstr(&cn), ty.prec - ty.scale);
            buf_adds(&decl, ck);
            sqlite3_free(ck);
            buf_free(&cn);
        }
        if (in_pk && !notnull)
            buf_adds(&decl, " NOT NULL");
        emit(&tr, decl.p, decl.len);
        buf_free(&decl);
        /* remaining constraints */
        int run = k;
        for (int q = k; q <= e && !tr.failed;) {
            const Tok *x = q < e ? T(&tr, q) : NULL;
            int skip_to = -1;
            if (!x) {
                sub_translate(&tr, run, q);
                break;
            }
            if (tok_is(x, "IDENTITY"))
                skip_to = is_op(T(&tr, q + 1), '(') ? tr.match[q + 1] + 1 : q + 1;
            else if (tok_is(x, "ROWGUIDCOL") || tok_is(x, "SPARSE") || tok_is(x, "FILESTREAM"))
                skip_to = q + 1;
            else if (tok_is(x, "DEFAULT")) {
                sub_translate(&tr, run, q);
                emits(&tr, "DEFAULT");
                int v = q + 1, ve;
                if (is_op(T(&tr, v), '(')) {
                    ve = tr.match[v] + 1;
                    sub_translate(&tr, v, ve);
                } else if (is_name_tok(T(&tr, v)) && is_op(T(&tr, v + 1), '(')) {
                    ve = tr.match[v + 1] + 1;
                    emits(&tr, "(");
                    sub_translate(&tr, v, ve);
                    emits(&tr, ")");
                } else {
                    ve = v + 1;
                    if (is_op(T(&tr, v), '-') || is_op(T(&tr, v), '+'))
                        ve++;
                    sub_translate(&tr, v, ve);
                }
                q = run = ve;
                continue;
            }
            if (skip_to >= 0) {
                sub_translate(&tr, run, q);
                q = run = skip_to;
                continue;
            }
            q++;
        }
    }
    emits(&tr, ")");
    int rc = tr.failed ? -1 : 0;
    tr_free(&tr);
    buf_cstr(out);
    return rc;
}
