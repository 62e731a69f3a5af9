-- mysql suite: extension, server and user mapping used by the other files.
-- The harness exports MYSQL_HOST/PORT/USER/PASSWORD (a local throw-away
-- MariaDB, or any external server).
\getenv mysql_host MYSQL_HOST
\getenv mysql_port MYSQL_PORT
\getenv mysql_user MYSQL_USER
\getenv mysql_password MYSQL_PASSWORD

CREATE EXTENSION mysql_fdw;
SELECT mysql_fdw_version() >= 10000 AS version_ok;
SELECT fdwname, fdwhandler::regproc, fdwvalidator::regproc
  FROM pg_foreign_data_wrapper WHERE fdwname = 'mysql_fdw';

CREATE SERVER mysql_svr FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host :'mysql_host', port :'mysql_port');
CREATE USER MAPPING FOR CURRENT_USER SERVER mysql_svr
  OPTIONS (username :'mysql_user', password :'mysql_password');

-- the demo's table, read end to end
CREATE FOREIGN TABLE mysql_tab (id int, name varchar(30))
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 't1m');
SELECT * FROM mysql_tab ORDER BY id;

-- dbname defaults to the local schema's name, table_name to the table's
CREATE SCHEMA fdw_regress;
CREATE FOREIGN TABLE fdw_regress.t1m (id int, name text) SERVER mysql_svr;
SELECT * FROM fdw_regress.t1m ORDER BY id;

-- column_name maps a local column to a differently named remote one
CREATE FOREIGN TABLE renamed (key int OPTIONS (column_name 'id'), label text OPTIONS (column_name 'name'))
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 't1m');
SELECT label FROM renamed WHERE key = 2;

-- the table core_behaviour.sql (shared by every suite) runs on
CREATE FOREIGN TABLE core_big (id int, grp int)
  SERVER mysql_svr OPTIONS (dbname 'fdw_regress', table_name 'big');
