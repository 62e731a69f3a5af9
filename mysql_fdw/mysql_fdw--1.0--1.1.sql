/* mysql_fdw--1.0--1.1.sql: list and close this backend's cached connections */

\echo Use "ALTER EXTENSION mysql_fdw UPDATE TO '1.1'" to load this file. \quit

-- one row per open connection; valid = false: re-opened at its next use
CREATE FUNCTION mysql_fdw_get_connections(OUT server_name text, OUT valid boolean)
RETURNS SETOF record
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT PARALLEL RESTRICTED;

-- close the connections to one server (those not in use by this transaction)
CREATE FUNCTION mysql_fdw_disconnect(text)
RETURNS boolean
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT PARALLEL RESTRICTED;

-- close every connection not in use by this transaction
CREATE FUNCTION mysql_fdw_disconnect_all()
RETURNS boolean
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT PARALLEL RESTRICTED;
