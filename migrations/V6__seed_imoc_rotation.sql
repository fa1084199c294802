-- Every install starts with the real IMOC rotation (DOMAIN.md): five UTC slots, 4-day blocks,
-- "weekdays and weekends" plus the "weekdays-only" layer, which takes precedence. All of it is data,
-- editable on the rotation's settings page. Blocks are counted from a Monday.
INSERT INTO rotation (name, time_zone, block_days, anchor_date, min_rest_minutes, horizon_weeks, freeze_days,
                      fairness_window_days)
VALUES ('IMOC', 'UTC', 4, DATE '2026-01-05', 8 * 60, 6, 1, 90);

INSERT INTO rotation_slot (rotation_id, label, start_time, end_time, position)
SELECT r.id, s.label, s.start_time, s.end_time, s.position
FROM rotation r,
     (VALUES ('23:00-05:00', TIME '23:00', TIME '05:00', 0),
             ('05:00-11:00', TIME '05:00', TIME '11:00', 1),
             ('11:00-15:00', TIME '11:00', TIME '15:00', 2),
             ('15:00-19:00', TIME '15:00', TIME '19:00', 3),
             ('19:00-23:00', TIME '19:00', TIME '23:00', 4)) AS s (label, start_time, end_time, position)
WHERE r.name = 'IMOC';

INSERT INTO rotation_layer (rotation_id, name, days, precedence)
SELECT r.id, l.name, l.days, l.precedence
FROM rotation r,
     (VALUES ('weekdays and weekends', ARRAY[1,2,3,4,5,6,7], 0),
             ('weekdays-only', ARRAY[1,2,3,4,5], 1)) AS l (name, days, precedence)
WHERE r.name = 'IMOC';
