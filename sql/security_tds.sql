-- tds suite: the safety model (DESIGN.md).  No tds_fdw option names a local
-- file or turns on tracing (FreeTDS's dump file and freetds.conf are the
-- DBA's), so a role with USAGE on the wrapper may set every option; but
-- nobody may put the password in a server or a foreign table, which every
-- role can read.
\getenv tds_host TDS_HOST
\getenv tds_port TDS_PORT
\getenv tds_user TDS_USER
\getenv tds_password TDS_PASSWORD
\getenv tds_database TDS_DATABASE
\set VERBOSITY default
\set SHOW_CONTEXT never

CREATE ROLE regress_fdw_user LOGIN;
GRANT USAGE ON FOREIGN DATA WRAPPER tds_fdw TO regress_fdw_user;
GRANT CREATE ON SCHEMA public TO regress_fdw_user;

SET ROLE regress_fdw_user;
CREATE SERVER sec_bad FOREIGN DATA WRAPPER tds_fdw
  OPTIONS (servername :'tds_host', password 'hunter2');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE SERVER sec_own FOREIGN DATA WRAPPER tds_fdw
  OPTIONS (servername :'tds_host', port :'tds_port', database :'tds_database',
           tds_version '7.4');
ALTER SERVER sec_own OPTIONS (ADD password 'hunter2');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE FOREIGN TABLE sec_bad_t (id int) SERVER sec_own
  OPTIONS (table_name 't1', password 'hunter2');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the user mapping is its place
CREATE USER MAPPING FOR CURRENT_USER SERVER sec_own
  OPTIONS (username :'tds_user', password :'tds_password');
CREATE FOREIGN TABLE sec_t (id int, name text) SERVER sec_own
  OPTIONS (table_name 't1');
SELECT count(*) > 0 AS reads FROM sec_t;
RESET ROLE;

-- not even a superuser may put it in a server
ALTER SERVER sec_own OPTIONS (ADD password 'hunter2');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- password_required (as postgres_fdw's): a role that is not a superuser
-- logs in with the user name and password of its mapping; without a user
-- name FreeTDS would try the backend's Kerberos ticket
CREATE SERVER sec_pw FOREIGN DATA WRAPPER tds_fdw
  OPTIONS (servername :'tds_host', port :'tds_port', database :'tds_database');
GRANT USAGE ON FOREIGN SERVER sec_pw TO regress_fdw_user;
SET ROLE regress_fdw_user;
CREATE USER MAPPING FOR CURRENT_USER SERVER sec_pw OPTIONS (username :'tds_user');
CREATE FOREIGN TABLE sec_pw_t (id int, name text) SERVER sec_pw OPTIONS (table_name 't1');
SELECT count(*) FROM sec_pw_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER USER MAPPING FOR CURRENT_USER SERVER sec_pw
  OPTIONS (DROP username, ADD password :'tds_password');
SELECT count(*) FROM sec_pw_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER USER MAPPING FOR CURRENT_USER SERVER sec_pw OPTIONS (ADD username :'tds_user');
SELECT count(*) > 0 AS reads FROM sec_pw_t;
RESET ROLE;
DROP SERVER sec_pw CASCADE;

DROP OWNED BY regress_fdw_user;
DROP ROLE regress_fdw_user;
