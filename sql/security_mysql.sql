-- mysql suite: the safety model (DESIGN.md).  A role with USAGE on the
-- wrapper, as a DBA grants it for postgres_fdw, may not set an option that
-- makes the backend read a local file, connect through a local socket or
-- run SQL at connect time (42501, naming the option); nobody may put a
-- password where every role can read it; and no connection answers LOAD
-- DATA LOCAL INFILE with a local file.
\getenv mysql_host MYSQL_HOST
\getenv mysql_port MYSQL_PORT
\getenv mysql_user MYSQL_USER
\getenv mysql_password MYSQL_PASSWORD
\set VERBOSITY default
\set SHOW_CONTEXT never

CREATE ROLE regress_fdw_user LOGIN;
GRANT USAGE ON FOREIGN DATA WRAPPER mysql_fdw TO regress_fdw_user;
GRANT CREATE ON SCHEMA public TO regress_fdw_user;
-- a server a superuser configured, then handed to the user
CREATE SERVER sec_given FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host :'mysql_host', port :'mysql_port', init_command 'SET @a = 1');
ALTER SERVER sec_given OWNER TO regress_fdw_user;

SET ROLE regress_fdw_user;
-- each superuser-only option on CREATE SERVER
CREATE SERVER sec_bad FOREIGN DATA WRAPPER mysql_fdw OPTIONS (init_command 'SET @b = 1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE SERVER sec_bad FOREIGN DATA WRAPPER mysql_fdw OPTIONS (mysql_default_file '/etc/mysql/my.cnf');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE SERVER sec_bad FOREIGN DATA WRAPPER mysql_fdw OPTIONS (socket '/run/mysqld/mysqld.sock');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE SERVER sec_bad FOREIGN DATA WRAPPER mysql_fdw OPTIONS (ssl_key '/etc/ssl/private/key.pem');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE SERVER sec_bad FOREIGN DATA WRAPPER mysql_fdw OPTIONS (ssl_cert '/etc/ssl/certs/cert.pem');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE SERVER sec_bad FOREIGN DATA WRAPPER mysql_fdw OPTIONS (ssl_ca '/etc/ssl/certs/ca.pem');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE SERVER sec_bad FOREIGN DATA WRAPPER mysql_fdw OPTIONS (ssl_capath '/etc/ssl/certs');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- the same options on ALTER SERVER of the user's own server
CREATE SERVER sec_own FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host :'mysql_host', port :'mysql_port', ssl_cipher 'AES256-SHA');
ALTER SERVER sec_own OPTIONS (ADD init_command 'SET @b = 1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER SERVER sec_own OPTIONS (ADD mysql_default_file '/etc/mysql/my.cnf');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER SERVER sec_own OPTIONS (ADD socket '/run/mysqld/mysqld.sock');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER SERVER sec_own OPTIONS (ADD ssl_key '/etc/ssl/private/key.pem');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER SERVER sec_own OPTIONS (ADD ssl_cert '/etc/ssl/certs/cert.pem');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER SERVER sec_own OPTIONS (ADD ssl_ca '/etc/ssl/certs/ca.pem');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER SERVER sec_own OPTIONS (ADD ssl_capath '/etc/ssl/certs');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- a password in a server's options could be read by every role
CREATE SERVER sec_bad FOREIGN DATA WRAPPER mysql_fdw OPTIONS (password 'hunter2');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER SERVER sec_own OPTIONS (ADD password 'hunter2');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE FOREIGN TABLE sec_bad_t (id int) SERVER sec_own OPTIONS (password 'hunter2');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the user mapping is its place; mysql_fdw has no superuser-only option there
CREATE USER MAPPING FOR CURRENT_USER SERVER sec_own
  OPTIONS (username :'mysql_user', password :'mysql_password');
CREATE FOREIGN TABLE sec_t1m (id int, name text)
  SERVER sec_own OPTIONS (dbname 'fdw_regress', table_name 't1m');
SELECT count(*) > 0 AS reads FROM sec_t1m;

-- the superuser's init_command stays while the owner changes other options,
-- but the owner may not change it
ALTER SERVER sec_given OPTIONS (ADD fetch_size '50', SET port :'mysql_port');
ALTER SERVER sec_given OPTIONS (SET init_command 'SET @a = 2');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT srvname, array_agg(o) AS options_but_address
  FROM pg_foreign_server, unnest(srvoptions) o
  WHERE srvname = 'sec_given' AND o !~ '^(host|port)=' GROUP BY srvname;
-- The validator is given the options the object will have, not the object:
-- a value is kept when an object of this FDW that the user may alter
-- already holds it, so the same value on the user's other server is
-- accepted too (the user could as well point sec_given elsewhere), while a
-- value no such object holds is not.
CREATE SERVER sec_copy FOREIGN DATA WRAPPER mysql_fdw OPTIONS (init_command 'SET @a = 1');
DROP SERVER sec_copy;
-- once dropped, it is gone for good
ALTER SERVER sec_given OPTIONS (DROP init_command);
ALTER SERVER sec_given OPTIONS (ADD init_command 'SET @a = 1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

RESET ROLE;
-- a superuser may set each of them, also on a server another role owns
ALTER SERVER sec_own OPTIONS (ADD init_command 'SET @a = 1',
  ADD mysql_default_file '/dev/null', ADD socket '/run/mysqld/mysqld.sock',
  ADD ssl_key 'k.pem', ADD ssl_cert 'c.pem', ADD ssl_ca 'ca.pem',
  ADD ssl_capath '/etc/ssl/certs');
SELECT srvname, array_agg(o) AS options_but_address
  FROM pg_foreign_server, unnest(srvoptions) o
  WHERE srvname = 'sec_own' AND o !~ '^(host|port)=' GROUP BY srvname;
-- but not a password in a server
ALTER SERVER sec_own OPTIONS (ADD password 'hunter2');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- LOAD DATA LOCAL INFILE is refused even from a superuser's init_command:
-- the remote side can never pull a file from the backend
CREATE SERVER sec_infile FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host :'mysql_host', port :'mysql_port',
           init_command 'LOAD DATA LOCAL INFILE ''/dev/null'' INTO TABLE fdw_regress.t1m');
CREATE USER MAPPING FOR CURRENT_USER SERVER sec_infile
  OPTIONS (username :'mysql_user', password :'mysql_password');
CREATE FOREIGN TABLE sec_infile_t (id int, name text)
  SERVER sec_infile OPTIONS (dbname 'fdw_regress', table_name 't1m');
SELECT count(*) FROM sec_infile_t;
DROP SERVER sec_infile CASCADE;

-- password_required (as postgres_fdw's): a role that is not a superuser
-- connects only with the password of its user mapping, so it cannot log in
-- as an account that needs none, nor through a Unix socket where the server
-- may take the backend's OS user.  Refused before anything is sent.
CREATE SERVER sec_pw FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host :'mysql_host', port :'mysql_port');
CREATE SERVER sec_sock FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host :'mysql_host', port :'mysql_port', socket '/nonexistent/mysqld.sock');
GRANT USAGE ON FOREIGN SERVER sec_pw, sec_sock TO regress_fdw_user;
SET ROLE regress_fdw_user;
CREATE USER MAPPING FOR CURRENT_USER SERVER sec_pw OPTIONS (username 'fdw_nopass');
CREATE FOREIGN TABLE sec_pw_t (id int, name text)
  SERVER sec_pw OPTIONS (dbname 'fdw_regress', table_name 't1m');
SELECT count(*) FROM sec_pw_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- an empty password is none
ALTER USER MAPPING FOR CURRENT_USER SERVER sec_pw OPTIONS (ADD password '');
SELECT count(*) FROM sec_pw_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- 'true' is anyone's to say (who may turn it off: core_behaviour.sql)
CREATE USER MAPPING FOR CURRENT_USER SERVER sec_sock
  OPTIONS (username :'mysql_user', password :'mysql_password', password_required 'true');
-- a password does not make a Unix socket safe
CREATE FOREIGN TABLE sec_sock_t (id int, name text)
  SERVER sec_sock OPTIONS (dbname 'fdw_regress', table_name 't1m');
SELECT count(*) FROM sec_sock_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;
ALTER USER MAPPING FOR regress_fdw_user SERVER sec_pw
  OPTIONS (DROP password, ADD password_required 'false');
SET ROLE regress_fdw_user;
-- now the account without a password is the user's to use
SELECT count(*) FROM sec_pw_t;
-- once a superuser turned it on again, the connection is refused again
RESET ROLE;
ALTER USER MAPPING FOR regress_fdw_user SERVER sec_pw OPTIONS (SET password_required 'true');
SET ROLE regress_fdw_user;
SELECT count(*) FROM sec_pw_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;
-- a superuser's own connections are not checked
CREATE USER MAPPING FOR CURRENT_USER SERVER sec_pw OPTIONS (username 'fdw_nopass');
SELECT count(*) FROM sec_pw_t;
DROP SERVER sec_pw, sec_sock CASCADE;

DROP OWNED BY regress_fdw_user;
REVOKE CREATE ON SCHEMA public FROM regress_fdw_user;
REVOKE USAGE ON FOREIGN DATA WRAPPER mysql_fdw FROM regress_fdw_user;
DROP ROLE regress_fdw_user;
