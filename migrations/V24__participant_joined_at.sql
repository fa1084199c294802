-- When someone joined a rotation (issue #14, fairness over a year): the assigner counts a newcomer's load only from
-- then, crediting the part of the fairness window before they joined at the rate the members carried it
-- (schedule.planning.JoinCredit). Unknown for people who joined before this column existed: null counts as "before any
-- window". A layer move keeps the date (Rotations.join updates the layer only).
ALTER TABLE rotation_participant ADD COLUMN joined_at TIMESTAMPTZ;

-- The fairness window's default becomes a year (was 90 days): with 80 people each holds a 4-day block about every
-- five weeks, so 90 days saw two or three of a person's blocks and forgot a difference within a quarter; the year's
-- simulation (docs/SIMULATION.md) evens weighted hours better with the whole year remembered. Rotations still on the
-- old default move with it; a window the coordinator chose stays.
UPDATE rotation SET fairness_window_days = 365 WHERE fairness_window_days = 90;
