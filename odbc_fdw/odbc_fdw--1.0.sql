/* odbc_fdw--1.0.sql */

\echo Use "CREATE EXTENSION odbc_fdw" to load this file. \quit

CREATE FUNCTION odbc_fdw_handler()
RETURNS fdw_handler
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT;

CREATE FUNCTION odbc_fdw_validator(text[], oid)
RETURNS void
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT;

CREATE FOREIGN DATA WRAPPER odbc_fdw
  HANDLER odbc_fdw_handler
  VALIDATOR odbc_fdw_validator;

-- the version as an integer: 10000 for 1.0.0
CREATE FUNCTION odbc_fdw_version()
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT;

-- one row per open connection; valid = false: re-opened at its next use
CREATE FUNCTION odbc_fdw_get_connections(OUT server_name text, OUT valid boolean)
RETURNS SETOF record
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT PARALLEL RESTRICTED;

-- close the connections to one server (those not in use by this transaction)
CREATE FUNCTION odbc_fdw_disconnect(text)
RETURNS boolean
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT PARALLEL RESTRICTED;

-- close every connection not in use by this transaction
CREATE FUNCTION odbc_fdw_disconnect_all()
RETURNS boolean
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT PARALLEL RESTRICTED;
