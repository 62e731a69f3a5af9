/* mysql_fdw--1.2--1.3.sql: EDB's pushdown list; any 1.2 (EDB's or ours) to ours */

\echo Use "ALTER EXTENSION mysql_fdw UPDATE TO '1.3'" to load this file. \quit

-- EDB's 1.2 has none of our 1.1 and 1.2 functions, ours not EDB's list:
-- every function of 1.3 but the handler and validator, created or replaced
-- above every EDB release: the features scripts test for are all here
CREATE OR REPLACE FUNCTION mysql_fdw_version()
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT;

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

-- EDB's: the built-in functions and operators evaluated remotely (reload
-- is accepted and changes nothing: the list is compiled in)
CREATE OR REPLACE FUNCTION mysql_fdw_display_pushdown_list(IN reload boolean DEFAULT false,
    OUT object_type text, OUT object_name text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'mysql_display_pushdown_list'
LANGUAGE C PARALLEL SAFE;
