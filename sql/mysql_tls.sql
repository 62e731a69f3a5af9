-- mysql suite: TLS and option ssl_mode (libpq's sslmode: disable, prefer,
-- require, verify-ca, verify-full).  First against a server that offers no
-- TLS (test/lib/plain_mysql_server.py), then against the MariaDB the
-- harness started with certificates made for this run (test/lib/sources.sh,
-- _mariadb_make_tls): its certificate is signed by ca.pem and names IP
-- 127.0.0.1 only, so host 'localhost' does not match it; wrong_ca.pem is an
-- unrelated CA.  Whether a session is encrypted, the server says
-- (SESSION_STATUS, Ssl_cipher).  With an external server (no MYSQL_TLS_DIR)
-- only the first part runs (expected/mysql_tls_1.out).
\getenv mysql_host MYSQL_HOST
\getenv mysql_port MYSQL_PORT
\getenv mysql_user MYSQL_USER
\getenv mysql_password MYSQL_PASSWORD
\getenv tls_dir MYSQL_TLS_DIR
\set VERBOSITY default
\set SHOW_CONTEXT never

-- a server option with five values, checked when it is set
CREATE SERVER tls_bad FOREIGN DATA WRAPPER mysql_fdw OPTIONS (ssl_mode 'verify_identity');
CREATE SERVER tls_bad FOREIGN DATA WRAPPER mysql_fdw OPTIONS (ssl_mode 'Verify-Full');
DROP SERVER tls_bad;

-- a server without TLS: it answers a login packet with an error saying it
-- got one, so an error of the client's own shows the credentials never
-- left.  require, verify-ca and verify-full refuse it before logging in
-- (verify-ca's ssl_ca is not even read: no TLS, no certificate).
\set plain_port `python3 "$FDW_REPO/test/lib/plain_mysql_server.py"`
CREATE SERVER tls_plain FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host '127.0.0.1', port :'plain_port', ssl_mode 'require');
CREATE USER MAPPING FOR CURRENT_USER SERVER tls_plain
  OPTIONS (username 'tls_probe', password 'secret');
CREATE FOREIGN TABLE tls_plain_t (x int) SERVER tls_plain OPTIONS (dbname 'd', table_name 't');
SELECT * FROM tls_plain_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER SERVER tls_plain OPTIONS (SET ssl_mode 'verify-ca', ADD ssl_ca '/nonexistent/ca.pem');
SELECT * FROM tls_plain_t;
ALTER SERVER tls_plain OPTIONS (SET ssl_mode 'verify-full');
SELECT * FROM tls_plain_t;
-- prefer goes on in clear, as libpq's does, and so does no ssl_mode with
-- an ssl_* option (EDB's mysql_fdw) or without one
ALTER SERVER tls_plain OPTIONS (SET ssl_mode 'prefer');
SELECT * FROM tls_plain_t;
ALTER SERVER tls_plain OPTIONS (DROP ssl_mode);
SELECT * FROM tls_plain_t;
ALTER SERVER tls_plain OPTIONS (DROP ssl_ca);
SELECT * FROM tls_plain_t;
DROP SERVER tls_plain CASCADE;

\if :{?tls_dir}
\else
\echo MYSQL_TLS_DIR is not set (an external server): the tests against a TLS server are skipped
\quit
\endif

\set ca :tls_dir/ca.pem
\set wrong_ca :tls_dir/wrong_ca.pem
\set capath :tls_dir/capath
\set client_cert :tls_dir/client.pem
\set client_key :tls_dir/client.key

CREATE SERVER tls_svr FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host :'mysql_host', port :'mysql_port');
CREATE USER MAPPING FOR CURRENT_USER SERVER tls_svr
  OPTIONS (username :'mysql_user', password :'mysql_password');
CREATE FOREIGN TABLE tls_status (variable_name text, variable_value text)
  SERVER tls_svr OPTIONS (dbname 'information_schema', table_name 'SESSION_STATUS');
-- every ALTER SERVER below closes the connection; the next query opens one
CREATE VIEW tls_session AS
  SELECT variable_value <> '' AS encrypted FROM tls_status
   WHERE upper(variable_name) = 'SSL_CIPHER';

-- no ssl_mode and no ssl_* option: no TLS, though the server offers it
SELECT * FROM tls_session;
-- disable: none, even with an ssl_* option, which alone would turn TLS on
ALTER SERVER tls_svr OPTIONS (ADD ssl_mode 'disable', ADD ssl_ca :'ca');
SELECT * FROM tls_session;
-- no ssl_mode with an ssl_* option is "prefer", as with EDB's mysql_fdw,
-- and the CA given is checked
ALTER SERVER tls_svr OPTIONS (DROP ssl_mode);
SELECT * FROM tls_session;
ALTER SERVER tls_svr OPTIONS (SET ssl_ca :'wrong_ca');
SELECT * FROM tls_session;
ALTER SERVER tls_svr OPTIONS (DROP ssl_ca, ADD ssl_mode 'prefer');
SELECT * FROM tls_session;
-- require encrypts; it checks no certificate (ca.pem is no CA the system
-- trusts) unless given a CA, as libpq's require does with a root certificate
ALTER SERVER tls_svr OPTIONS (SET ssl_mode 'require');
SELECT * FROM tls_session;
ALTER SERVER tls_svr OPTIONS (ADD ssl_ca :'wrong_ca');
SELECT * FROM tls_session;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- verify-ca needs a CA, checks the certificate against it, not the host name
ALTER SERVER tls_svr OPTIONS (SET ssl_mode 'verify-ca', DROP ssl_ca);
SELECT * FROM tls_session;
ALTER SERVER tls_svr OPTIONS (ADD ssl_ca :'wrong_ca');
SELECT * FROM tls_session;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER SERVER tls_svr OPTIONS (SET ssl_ca :'ca', SET host 'localhost');
SELECT * FROM tls_session;
-- verify-full checks the host name too: the certificate names 127.0.0.1
ALTER SERVER tls_svr OPTIONS (SET ssl_mode 'verify-full');
SELECT * FROM tls_session;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ALTER SERVER tls_svr OPTIONS (SET host '127.0.0.1');
SELECT * FROM tls_session;
ALTER SERVER tls_svr OPTIONS (SET ssl_ca :'wrong_ca');
SELECT * FROM tls_session;
-- the CA from a hashed directory
ALTER SERVER tls_svr OPTIONS (DROP ssl_ca, ADD ssl_capath :'capath');
SELECT * FROM tls_session;
-- without ssl_ca or ssl_capath, against the system's trusted CAs
ALTER SERVER tls_svr OPTIONS (DROP ssl_capath);
SELECT * FROM tls_session;

-- the server's own word: fdw_tls may log in over TLS only
ALTER SERVER tls_svr OPTIONS (SET ssl_mode 'disable');
ALTER USER MAPPING FOR CURRENT_USER SERVER tls_svr
  OPTIONS (SET username 'fdw_tls', SET password 'tls_pass');
SELECT * FROM tls_session;
ALTER SERVER tls_svr OPTIONS (SET ssl_mode 'verify-full', ADD ssl_ca :'ca');
SELECT * FROM tls_session;
-- statement_timeout's KILL QUERY goes over a second connection, also TLS:
-- without it fdw_tls could not log in, and the query would run on
CREATE FOREIGN TABLE tls_slow (s int) SERVER tls_svr OPTIONS (dbname 'fdw_regress', table_name 'slow');
SET statement_timeout = '500ms';
SELECT clock_timestamp() AS t0 \gset
SELECT * FROM tls_slow;
RESET statement_timeout;
SELECT clock_timestamp() - :'t0'::timestamptz < interval '4 seconds' AS interrupted_quickly;
SELECT * FROM tls_session;

-- a client certificate (ssl_cert, ssl_key): fdw_x509 needs one from ca.pem
ALTER USER MAPPING FOR CURRENT_USER SERVER tls_svr
  OPTIONS (SET username 'fdw_x509', SET password 'x509_pass');
SELECT * FROM tls_session;
ALTER SERVER tls_svr OPTIONS (ADD ssl_cert :'client_cert', ADD ssl_key :'client_key');
SELECT * FROM tls_session;

-- ssl_mode is anyone's: a role with USAGE demands TLS on its own server;
-- the files stay a superuser's (security_mysql)
CREATE ROLE regress_tls_user LOGIN;
GRANT USAGE ON FOREIGN DATA WRAPPER mysql_fdw TO regress_tls_user;
GRANT CREATE ON SCHEMA public TO regress_tls_user;
SET ROLE regress_tls_user;
CREATE SERVER tls_own FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host :'mysql_host', port :'mysql_port', ssl_mode 'require');
CREATE USER MAPPING FOR CURRENT_USER SERVER tls_own
  OPTIONS (username 'fdw_tls', password 'tls_pass');
CREATE FOREIGN TABLE tls_own_status (variable_name text, variable_value text)
  SERVER tls_own OPTIONS (dbname 'information_schema', table_name 'SESSION_STATUS');
SELECT variable_value <> '' AS encrypted FROM tls_own_status
 WHERE upper(variable_name) = 'SSL_CIPHER';
ALTER SERVER tls_own OPTIONS (SET ssl_mode 'verify-full');
SELECT variable_value <> '' AS encrypted FROM tls_own_status
 WHERE upper(variable_name) = 'SSL_CIPHER';
ALTER SERVER tls_own OPTIONS (ADD ssl_ca :'ca');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;

DROP OWNED BY regress_tls_user;
DROP ROLE regress_tls_user;
DROP SERVER tls_svr CASCADE;
