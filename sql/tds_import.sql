-- tds suite: IMPORT FOREIGN SCHEMA reads INFORMATION_SCHEMA (tables, views,
-- columns, keys) through the shared import code.
SET datestyle = ISO;
CREATE SCHEMA imp;
IMPORT FOREIGN SCHEMA dbo LIMIT TO (alltypes, t1, v_t1, w_keys, odd_names)
  FROM SERVER tds_svr INTO imp;
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
 WHERE c.relnamespace = 'imp'::regnamespace AND a.attnum > 0
 ORDER BY c.relname, a.attnum;
SELECT c.relname, ft.ftoptions
  FROM pg_foreign_table ft JOIN pg_class c ON c.oid = ft.ftrelid
 WHERE c.relnamespace = 'imp'::regnamespace ORDER BY 1;

-- the imported tables read the same rows as the hand-written ones
SELECT * FROM imp.t1 ORDER BY id;
SELECT * FROM imp.v_t1 ORDER BY id;
SELECT id, nvc, dto, u FROM imp.alltypes ORDER BY id;
SELECT * FROM imp."odd_names" ORDER BY "Id";

-- EXCEPT, and a schema that does not exist
CREATE SCHEMA imp2;
IMPORT FOREIGN SCHEMA dbo EXCEPT (alltypes, bigvals, big, nums, carry, digits, w_plain,
                                  w_keys, w_child, w_parent, strs, odd_names)
  FROM SERVER tds_svr INTO imp2;
SELECT relname FROM pg_class WHERE relnamespace = 'imp2'::regnamespace ORDER BY 1;
IMPORT FOREIGN SCHEMA no_such_schema FROM SERVER tds_svr INTO imp2;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
