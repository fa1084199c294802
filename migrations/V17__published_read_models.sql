-- Read models each module publishes for the others (issue 18). A module's SQL names only its own tables, and
-- another module's data only through the views below: the columns listed are that module's promise to the rest of
-- the application, so a column of person, rotation or shift can change (or go) while nothing outside its module
-- notices, as long as the view still shows it. Each view reads one module's tables only (the owner of every table:
-- src/test/java/com/example/imoc/TableOwners.java; the check: SqlOwnershipTests).
--
-- Plain views over one table: PostgreSQL expands them into the query that names them, so a join through a view is
-- planned exactly like the join on the table (same indexes, one statement per feed or page); locking clauses such as
-- FOR UPDATE OF reach the table too. Views have no triggers of their own: a write to the table underneath sends
-- imoc_data_changed (V9), and caches declare the tables, not the views (database.CacheDependencies).

-- people: who someone is, as other modules show and address them.
CREATE VIEW person_view AS
SELECT id, name, email, time_zone, active, onboarding_state, updated_at
FROM person;

-- rotation: a rotation's name, zone and published boundary, its slots and its layers.
CREATE VIEW rotation_view AS
SELECT id, name, time_zone, version, published_until
FROM rotation;

CREATE VIEW rotation_slot_view AS
SELECT id, rotation_id, label, position
FROM rotation_slot;

CREATE VIEW rotation_layer_view AS
SELECT id, rotation_id, name
FROM rotation_layer;

-- schedule: the shifts, as feeds, notices and swaps read them.
CREATE VIEW shift_view AS
SELECT id, rotation_id, layer_id, slot_id, local_date, starts_at, ends_at, assignee_id, shadow, state, reason,
       sequence, version, created_at, updated_at
FROM shift;
