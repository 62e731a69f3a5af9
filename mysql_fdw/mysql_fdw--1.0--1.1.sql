/* mysql_fdw--1.0--1.1.sql: list and close this backend's cached connections */

\echo Use "ALTER EXTENSION mysql_fdw UPDATE TO '1.1'" to load this file. \quit

-- Every update script runs on EDB mysql_fdw's extension of the same version
-- as well as on ours, whose objects differ (EDB 1.0 has no
-- mysql_fdw_version(), EDB 1.1 none of our connection functions, EDB 1.2
-- only its pushdown list): each creates what its version has with CREATE
-- OR REPLACE, so whichever objects are there, the result is ours.
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
