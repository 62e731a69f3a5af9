/*
 * tds.h - shared declarations of the TDS 7.4 test server.
 *
 * The server speaks enough of MS-TDS for FreeTDS (db-lib, tsql) and pytds
 * and executes the SQL on SQLite.  Each file owns one job; this header is the
 * glue: the per-connection state (Conn), the packet writer API, token
 * writers, SQL Server type descriptors and the translator/executor entry
 * points.
 */
#ifndef TDS_H
#define TDS_H

#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <sqlite3.h>

/* ---- packet types and token ids (MS-TDS 2.2.3.1.1 / 2.2.4) ---- */
#define PKT_SQLBATCH 0x01
#define PKT_RPC 0x03
#define PKT_REPLY 0x04
#define PKT_ATTENTION 0x06
#define PKT_TRANSMGR 0x0E
#define PKT_LOGIN7 0x10
#define PKT_PRELOGIN 0x12

#define TOK_COLMETADATA 0x81
#define TOK_ERROR 0xAA
#define TOK_INFO 0xAB
#define TOK_RETURNVALUE 0xAC
#define TOK_LOGINACK 0xAD
#define TOK_ROW 0xD1
#define TOK_NBCROW 0xD2
#define TOK_ENVCHANGE 0xE3
#define TOK_RETURNSTATUS 0x79
#define TOK_DONE 0xFD
#define TOK_DONEPROC 0xFE
#define TOK_DONEINPROC 0xFF

#define DONE_FINAL 0x00
#define DONE_MORE 0x01
#define DONE_ERROR 0x02
#define DONE_INXACT 0x04
#define DONE_COUNT 0x10
#define DONE_ATTN 0x20

#define SERVER_NAME "TDSTEST"

/* ---- growable byte/string buffer ---- */
typedef struct {
    char *p;
    size_t len, cap;
} Buf;
void buf_reserve(Buf *b, size_t extra);
void buf_add(Buf *b, const void *d, size_t n);
void buf_adds(Buf *b, const char *s);
void buf_addf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_addc(Buf *b, char c);
void buf_free(Buf *b);
const char *buf_cstr(Buf *b); /* NUL-terminates (not counted in len) */

/* ---- RPC parameter values, already converted to SQLite storage ---- */
typedef struct {
    char name[130];  /* lower-cased, including the leading '@' */
    int stype;       /* SQLITE_INTEGER/FLOAT/TEXT/BLOB/NULL */
    int64_t i;
    double d;
    char *data;      /* text (UTF-8, NUL-terminated) or blob */
    size_t len;
    int output;      /* OUTPUT parameter (by-reference) */
} Param;

/* ---- per-connection state ---- */
typedef struct Conn {
    int fd;
    sqlite3 *db;
    int packet_size;
    uint32_t tds_version; /* as sent in LOGINACK (big-endian value) */
    /* output: one packet being assembled */
    unsigned char *out;
    int out_len;
    int out_type;
    int pkt_id;
    /* input message (all packets up to EOM, payload only) */
    Buf in;
    int in_type;
    int in_status;
    int dead;       /* socket failed; abandon all work */
    int attention;  /* client sent ATTENTION; stop current result */
    int rows_since_poll;
    /* session */
    int spid;
    char user[130];
    char dbname[130];
    char appname[130];
    int trancount;
    int implicit_tx;
    int nocount;
    int textsize;
    int xact_abort;
    int64_t last_rowcount;
    int last_error;
    uint64_t tran_id;
    /* current RPC parameters (sp_executesql) */
    Param *params;
    int nparams;
    /* config */
    const char *cfg_user;
    const char *cfg_password;
    int log_fd;
    const char *dbfile;
} Conn;

/* tds_main.c: end another session (KILL); 0 ok, -1 no such spid */
int session_kill(int spid);

/* tds_net.c: packet framing over the socket */
int net_read_message(Conn *c);            /* fills c->in / c->in_type; 0 ok, -1 eof/error */
void net_begin(Conn *c, int type);        /* start a reply message */
void net_put(Conn *c, const void *d, size_t n);
void net_put_u8(Conn *c, unsigned v);
void net_put_u16(Conn *c, unsigned v);
void net_put_u32(Conn *c, uint32_t v);
void net_put_u64(Conn *c, uint64_t v);
void net_put_ucs2(Conn *c, const char *utf8, int max_chars); /* no length prefix */
void net_put_bvarchar(Conn *c, const char *utf8);  /* 1-byte char count + UCS-2 */
void net_put_usvarchar(Conn *c, const char *utf8); /* 2-byte char count + UCS-2 */
void net_flush(Conn *c);                  /* send final packet with EOM */
int net_poll_attention(Conn *c);          /* non-blocking: 1 if attention seen/dead */

/* tds_tokens.c: response token writers */
void tok_error(Conn *c, int number, int state, int cls, const char *msg);
void tok_info(Conn *c, int number, int state, int cls, const char *msg);
void tok_done(Conn *c, int token, unsigned status, unsigned curcmd, uint64_t rows);
void tok_env_str(Conn *c, int type, const char *newv, const char *oldv);
void tok_env_collation(Conn *c);
void tok_env_tran(Conn *c, int type, uint64_t newid, uint64_t oldid);
void tok_loginack(Conn *c);
void tok_returnstatus(Conn *c, int32_t v);
extern const unsigned char COLLATION[5];

/* tds_login.c */
int login_handshake(Conn *c); /* 0 on success, -1 to close the connection */

/* ---- SQL Server types (tds_types.c) ---- */
typedef enum {
    K_NONE = 0, K_TINYINT, K_SMALLINT, K_INT, K_BIGINT, K_BIT, K_REAL, K_FLOAT,
    K_DECIMAL, K_NUMERIC, K_MONEY, K_SMALLMONEY, K_DATETIME, K_SMALLDATETIME,
    K_DATETIME2, K_DATE, K_TIME, K_DTO, K_CHAR, K_VARCHAR, K_NCHAR, K_NVARCHAR,
    K_BINARY, K_VARBINARY, K_GUID, K_TEXT, K_NTEXT, K_IMAGE
} Kind;

typedef struct {
    Kind kind;
    int len;   /* chars/bytes for char and binary types; -1 = max */
    int prec;  /* decimal precision */
    int scale; /* decimal scale, or fractional digits of time types */
    int nullable;
} SqlType;

int type_parse(const char *text, SqlType *t);          /* "nvarchar(50)" -> t; 0 if unknown */
int type_parse_name(const char *name, int a1, int a2, int nargs, SqlType *t);
const char *type_name(Kind k);
int type_is_char(Kind k);
void type_format(const SqlType *t, Buf *b); /* declared type text for SQLite DDL */
void type_put_info(Conn *c, const SqlType *t);         /* TYPE_INFO of COLMETADATA */
void type_put_value(Conn *c, const SqlType *t, sqlite3_stmt *st, int col); /* non-NULL value */
int type_put_value_null(Conn *c, const SqlType *t);    /* NULL in ROW form */

/* date/time helpers shared with SQL functions */
typedef struct {
    int y, mo, d, h, mi, s;
    int64_t frac; /* 100ns units */
    int off;      /* offset minutes */
    int has_date, has_time, has_off;
} DateTime;
int dt_parse(const char *s, DateTime *dt);
void dt_format(const DateTime *dt, Kind k, int scale, Buf *out);
int64_t days_from_civil(int y, int m, int d);
void civil_from_days(int64_t z, int *y, int *m, int *d);

/* UTF helpers */
size_t utf8_to_utf16(const char *s, size_t n, Buf *out);       /* returns units */
void utf16_to_utf8(const unsigned char *p, size_t bytes, Buf *out);
void utf8_to_cp1252(const char *s, size_t n, Buf *out);
void cp1252_to_utf8(const unsigned char *p, size_t n, Buf *out);

/* ---- SQL text: tokenizer and translation (tds_sql.c) ---- */
typedef enum { T_WORD, T_QIDENT, T_STRING, T_NSTRING, T_NUMBER, T_BLOB, T_PARAM, T_GVAR, T_OP } TokType;
typedef struct {
    TokType type;
    const char *s;
    int len;
} Tok;
typedef struct {
    Tok *t;
    int n, cap;
} Toks;

int sql_tokenize(const char *sql, Toks *out);   /* 0 ok, -1 unterminated */
int tok_is(const Tok *t, const char *kw);       /* keyword/operator match, case-insensitive */
void tok_value(const Tok *t, Buf *out);         /* unquoted identifier / string value */
int sql_split(const Toks *tk, int *starts, int *ends, int max); /* statements -> count */
/* translate tokens [a,b) to SQLite SQL; returns 0 or -1 with errmsg set */
int sql_translate(Conn *c, const Toks *tk, int a, int b, Buf *out, int *uses_infoschema, char *err, size_t errlen);
int sql_translate_create_table(Conn *c, const Toks *tk, int a, int b, Buf *out, char *err, size_t errlen);

/* ---- execution (tds_exec.c) ---- */
/* returns the number of errors, or -1 when an ATTENTION ended it (DONE_ATTN sent) */
int exec_batch(Conn *c, const char *sql, int in_rpc);
int exec_open_db(Conn *c);
void log_sql(Conn *c, const char *prefix, const char *sql);

/* tds_rpc.c */
void rpc_handle(Conn *c);
void tm_handle(Conn *c);

/* tds_funcs.c */
void funcs_register(Conn *c);

#endif
