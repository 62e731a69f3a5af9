/* mysql_fdw--1.1--1.2.sql: list and settle in-doubt two-phase commit branches */

\echo Use "ALTER EXTENSION mysql_fdw UPDATE TO '1.2'" to load this file. \quit

-- (EDB's 1.1 has none of 1.1's connection functions: see 1.0--1.1)
-- one row per open connection; valid = false: re-opened at its next use
CREATE OR REPLACE FUNCTION mysql_fdw_get_connections(OUT server_name text, OUT valid boolean)
RETURNS SETOF record
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT PARALLEL RESTRICTED;

-- close the connections to one server (those not in use by this transaction)
CREATE OR REPLACE FUNCTION mysql_fdw_disconnect(text)
RETURNS boolean
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT PARALLEL RESTRICTED;

-- close every connection not in use by this transaction
CREATE OR REPLACE FUNCTION mysql_fdw_disconnect_all()
RETURNS boolean
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT PARALLEL RESTRICTED;

-- this cluster's prepared XA branches on a server, with their local
-- transaction and its status (committed, aborted, in progress; NULL unknown)
CREATE OR REPLACE FUNCTION mysql_fdw_in_doubt_transactions(server text,
    OUT xid text, OUT transaction xid8, OUT status text)
RETURNS SETOF record
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT VOLATILE PARALLEL RESTRICTED;

-- settle them by their local transaction's outcome; action is 'commit',
-- 'rollback', or NULL for a branch left as it is
CREATE OR REPLACE FUNCTION mysql_fdw_resolve_in_doubt(server text,
    OUT xid text, OUT transaction xid8, OUT status text, OUT action text)
RETURNS SETOF record
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT VOLATILE PARALLEL UNSAFE;
