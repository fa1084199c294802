-- Publishing (issue "a year of daily operation", part m). The coordinator publishes a rotation's schedule up to a
-- boundary; shifts starting before it are published, later ones are drafts (TENTATIVE in calendars, marked on the
-- pages). GitLab's changes take effect on a Monday 00:00 UTC, so the boundary is always one; the database refuses
-- anything else. The rotation table already fires imoc_data_changed (V9), so pages and feeds see a new boundary.

-- The first Monday 00:00 UTC on or after a date.
CREATE FUNCTION imoc_monday_on_or_after(day DATE) RETURNS TIMESTAMPTZ LANGUAGE sql IMMUTABLE AS $$
    SELECT (day + (8 - extract(isodow FROM day)::INTEGER) % 7)::TIMESTAMP AT TIME ZONE 'UTC'
$$;

-- What a rotation starts published up to: the Monday after the end of next month (the publish form's default), so a
-- new install, the demo and a newly created rotation are not all drafts.
CREATE FUNCTION imoc_first_publication(at TIMESTAMPTZ) RETURNS TIMESTAMPTZ LANGUAGE sql STABLE AS $$
    SELECT imoc_monday_on_or_after((date_trunc('month', at AT TIME ZONE 'UTC') + INTERVAL '2 months')::DATE)
$$;

ALTER TABLE rotation
    ADD COLUMN published_until TIMESTAMPTZ NOT NULL DEFAULT imoc_first_publication(now()),
    ADD CONSTRAINT rotation_published_until_monday CHECK (
        extract(isodow FROM published_until AT TIME ZONE 'UTC') = 1
        AND (published_until AT TIME ZONE 'UTC')::TIME = TIME '00:00');

-- An install that already shows its shifts as final keeps them so: its boundary covers every shift it has.
UPDATE rotation r
SET published_until = greatest(r.published_until, imoc_monday_on_or_after(last.day + 1))
FROM (SELECT rotation_id, max((starts_at AT TIME ZONE 'UTC')::DATE) AS day
      FROM shift WHERE state = 'SCHEDULED' GROUP BY rotation_id) last
WHERE last.rotation_id = r.id;
