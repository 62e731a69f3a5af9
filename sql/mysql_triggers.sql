-- mysql suite: local row triggers on a foreign table.  What a BEFORE ROW
-- trigger changes must reach the remote (every column is sent, the row is
-- still found by its old key), no UPDATE or DELETE with row triggers is sent
-- whole, INSERTs with row triggers are not batched, and RETURNING and AFTER
-- ROW triggers see the row as the remote stored it.  The remote computes
-- label from name and dept, so each read-back shows what arrived.
\set SHOW_CONTEXT never

CREATE FOREIGN TABLE staff (id int, name text, dept int, label text)
  SERVER mysql_svr OPTIONS (dbname 'fdw_write', table_name 'staff');
SELECT * FROM staff ORDER BY id;

CREATE FUNCTION staff_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.name := NEW.name || ' (checked)';
  RETURN NEW;
END $$;
CREATE FUNCTION staff_renumber() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.id := NEW.id + 10;
  RETURN NEW;
END $$;
CREATE FUNCTION staff_skip_bob() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.name LIKE 'bob%' THEN
    RETURN NULL;
  END IF;
  RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE FUNCTION staff_show() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE '% % %: OLD %, NEW %', TG_WHEN, TG_OP, TG_NAME, OLD, NEW;
  RETURN NULL;
END $$;

-- ---------------------------------------------------------------- BEFORE UPDATE
-- without row triggers, the UPDATE is sent whole
EXPLAIN (VERBOSE, COSTS OFF) UPDATE staff SET dept = 201 WHERE id = 1;
-- a trigger changing a column the statement does not set: every column is
-- sent, row by row, and the row is named by the key it was read with
CREATE TRIGGER staff_check BEFORE UPDATE ON staff
  FOR EACH ROW EXECUTE FUNCTION staff_check();
EXPLAIN (VERBOSE, COSTS OFF) UPDATE staff SET dept = 201 WHERE id = 1;
UPDATE staff SET dept = 201 WHERE id = 1;
SELECT * FROM staff ORDER BY id;
-- RETURNING shows the row the remote stored, the trigger's change included
EXPLAIN (VERBOSE, COSTS OFF) UPDATE staff SET dept = 202 WHERE id = 2 RETURNING *;
UPDATE staff SET dept = 202 WHERE id = 2 RETURNING *;
SELECT * FROM staff ORDER BY id;
DROP TRIGGER staff_check ON staff;

-- a trigger changing the key: the old key finds the row, SET sends the new
CREATE TRIGGER staff_renumber BEFORE UPDATE ON staff
  FOR EACH ROW EXECUTE FUNCTION staff_renumber();
UPDATE staff SET dept = 300 WHERE id = 3;
SELECT * FROM staff ORDER BY id;
-- RETURNING reads the row back by its new key
UPDATE staff SET name = 'cyd' WHERE id = 13 RETURNING *;
SELECT * FROM staff ORDER BY id;
-- every row of a multi-row UPDATE moves
UPDATE staff SET dept = dept + 1;
SELECT * FROM staff ORDER BY id;
DROP TRIGGER staff_renumber ON staff;

-- a trigger returning NULL skips the row: nothing is sent for it
CREATE TRIGGER staff_skip_bob BEFORE UPDATE OR DELETE ON staff
  FOR EACH ROW EXECUTE FUNCTION staff_skip_bob();
UPDATE staff SET dept = 400;
SELECT * FROM staff ORDER BY id;
UPDATE staff SET dept = 401 WHERE name LIKE 'bob%' RETURNING *;
SELECT * FROM staff ORDER BY id;

-- ---------------------------------------------------------------- DELETE
-- with a row trigger, a DELETE goes row by row too
EXPLAIN (VERBOSE, COSTS OFF) DELETE FROM staff WHERE dept = 400;
DELETE FROM staff WHERE dept = 400 AND id = 11;
SELECT * FROM staff ORDER BY id;
DELETE FROM staff WHERE name LIKE 'bob%';
SELECT * FROM staff ORDER BY id;
DROP TRIGGER staff_skip_bob ON staff;

-- ---------------------------------------------------------------- AFTER ROW
-- AFTER triggers see OLD as read and NEW as the remote stored it (label is
-- the remote's).  An AFTER trigger alone sends only the columns set, but
-- row by row, and reads the row back
CREATE TRIGGER staff_show AFTER INSERT OR UPDATE OR DELETE ON staff
  FOR EACH ROW EXECUTE FUNCTION staff_show();
EXPLAIN (VERBOSE, COSTS OFF) UPDATE staff SET dept = 500 WHERE id = 33;
UPDATE staff SET dept = 500 WHERE id = 33 RETURNING id, label;
SELECT * FROM staff ORDER BY id;
-- a key set to the value it has (the SET list keeps it: nothing else to set)
UPDATE staff SET id = id WHERE id = 33;
-- after BEFORE triggers changed name and key
CREATE TRIGGER staff_check BEFORE UPDATE ON staff
  FOR EACH ROW EXECUTE FUNCTION staff_check();
CREATE TRIGGER staff_renumber BEFORE UPDATE ON staff
  FOR EACH ROW EXECUTE FUNCTION staff_renumber();
UPDATE staff SET dept = 501 WHERE id = 33;
SELECT * FROM staff ORDER BY id;
DROP TRIGGER staff_check ON staff;
DROP TRIGGER staff_renumber ON staff;
DELETE FROM staff WHERE id = 12;
SELECT * FROM staff ORDER BY id;

-- ---------------------------------------------------------------- BEFORE INSERT
-- the inserted remote row has the trigger's values
CREATE FUNCTION staff_defaults() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.name := upper(NEW.name);
  NEW.dept := coalesce(NEW.dept, 900);
  RETURN NEW;
END $$;
CREATE TRIGGER staff_defaults BEFORE INSERT ON staff
  FOR EACH ROW EXECUTE FUNCTION staff_defaults();
INSERT INTO staff (id, name) VALUES (4, 'dee') RETURNING *;
SELECT * FROM staff ORDER BY id;
DROP TRIGGER staff_show ON staff;
DROP TRIGGER staff_defaults ON staff;

-- batched INSERTs: batch_size holds only without row triggers, which might
-- look at the rows inserted before theirs
ALTER FOREIGN TABLE staff OPTIONS (ADD batch_size '10');
EXPLAIN (VERBOSE, COSTS OFF) INSERT INTO staff (id, name) VALUES (5, 'eve');
CREATE FUNCTION staff_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.dept := (SELECT count(*) FROM staff);
  RETURN NEW;
END $$;
CREATE TRIGGER staff_count BEFORE INSERT ON staff
  FOR EACH ROW EXECUTE FUNCTION staff_count();
EXPLAIN (VERBOSE, COSTS OFF) INSERT INTO staff (id, name) VALUES (5, 'eve');
INSERT INTO staff (id, name) SELECT g, 'n' || g FROM generate_series(5, 7) g;
SELECT * FROM staff ORDER BY id;
-- COPY FROM too
COPY staff (id, name) FROM STDIN;
10	c10
11	c11
\.
SELECT * FROM staff ORDER BY id;
DROP TRIGGER staff_count ON staff;
-- an AFTER trigger alone turns batching off as well
CREATE TRIGGER staff_show AFTER INSERT ON staff
  FOR EACH ROW EXECUTE FUNCTION staff_show();
EXPLAIN (VERBOSE, COSTS OFF) INSERT INTO staff (id, name) VALUES (8, 'h');
INSERT INTO staff (id, name, dept) SELECT g, 'n' || g, g FROM generate_series(8, 9) g;
SELECT * FROM staff ORDER BY id;
DROP TRIGGER staff_show ON staff;

DROP FOREIGN TABLE staff;
DROP FUNCTION staff_check(), staff_renumber(), staff_skip_bob(), staff_show(),
  staff_defaults(), staff_count();
