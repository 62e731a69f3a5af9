/* odbc_fdw--1.0--1.1.sql: list and settle in-doubt two-phase commit branches */

\echo Use "ALTER EXTENSION odbc_fdw UPDATE TO '1.1'" to load this file. \quit

-- this cluster's prepared XA branches on a server, with their local
-- transaction and its status (committed, aborted, in progress; NULL unknown)
CREATE FUNCTION odbc_fdw_in_doubt_transactions(server text,
    OUT xid text, OUT transaction xid8, OUT status text)
RETURNS SETOF record
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT VOLATILE PARALLEL RESTRICTED;

-- settle them by their local transaction's outcome; action is 'commit',
-- 'rollback', or NULL for a branch left as it is
CREATE FUNCTION odbc_fdw_resolve_in_doubt(server text,
    OUT xid text, OUT transaction xid8, OUT status text, OUT action text)
RETURNS SETOF record
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT VOLATILE PARALLEL UNSAFE;
