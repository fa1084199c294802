-- A request can carry several shifts (issue 15): the requester's whole block, a range of dates, or one shift; a swap
-- can give a block for another person's block. Each shift of the set is a row here: GIVE rows are the requester's,
-- TAKE rows the counterpart's shifts taken in exchange, each with the version it had when asked (so an accept checks
-- every one is still as asked) and, once accepted, the version it became (so an undo checks nothing moved since).
-- swap_request.shift_id / counterpart_shift_id keep naming the first shift of each side, so single-shift requests
-- and everything that reads those columns work as before.
ALTER TABLE swap_request
    ADD COLUMN scope      TEXT NOT NULL DEFAULT 'SHIFT' CHECK (scope IN ('SHIFT', 'BLOCK', 'RANGE')),
    ADD COLUMN range_from DATE,
    ADD COLUMN range_to   DATE,
    ADD CONSTRAINT swap_request_range CHECK ((scope = 'RANGE') = (range_from IS NOT NULL AND range_to IS NOT NULL)
        AND (range_from IS NULL OR range_to >= range_from)),
    ADD CONSTRAINT swap_request_part_of_one_shift CHECK (part_start IS NULL OR scope = 'SHIFT');

CREATE TABLE swap_request_shift (
    request_id     BIGINT  NOT NULL REFERENCES swap_request (id) ON DELETE CASCADE,
    side           TEXT    NOT NULL CHECK (side IN ('GIVE', 'TAKE')),
    position       INTEGER NOT NULL CHECK (position >= 0),
    shift_id       BIGINT  NOT NULL REFERENCES shift (id),
    shift_version  BIGINT  NOT NULL,
    result_version BIGINT,
    -- the request is waiting for an answer (kept in step with swap_request.state by the trigger below)
    open           BOOLEAN NOT NULL DEFAULT TRUE,
    PRIMARY KEY (request_id, side, position),
    UNIQUE (request_id, shift_id)
);

-- A shift is given away by at most one request waiting for an answer, whichever position it has in its set.
CREATE UNIQUE INDEX swap_request_shift_one_open_per_shift ON swap_request_shift (shift_id)
    WHERE open AND side = 'GIVE';
CREATE INDEX swap_request_shift_shift ON swap_request_shift (shift_id);

INSERT INTO swap_request_shift (request_id, side, position, shift_id, shift_version, result_version, open)
SELECT id, 'GIVE', 0, shift_id, shift_version, result_shift_version, state IN ('PENDING', 'APPROVAL_PENDING')
FROM swap_request;
INSERT INTO swap_request_shift (request_id, side, position, shift_id, shift_version, result_version, open)
SELECT id, 'TAKE', 0, counterpart_shift_id, counterpart_shift_version, result_counterpart_version,
       state IN ('PENDING', 'APPROVAL_PENDING')
FROM swap_request WHERE counterpart_shift_id IS NOT NULL;

CREATE FUNCTION swap_request_shift_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE swap_request_shift SET open = NEW.state IN ('PENDING', 'APPROVAL_PENDING')
    WHERE request_id = NEW.id AND open IS DISTINCT FROM (NEW.state IN ('PENDING', 'APPROVAL_PENDING'));
    RETURN NULL;
END
$$;

CREATE TRIGGER swap_request_state_opens_shifts AFTER UPDATE OF state ON swap_request
    FOR EACH ROW EXECUTE FUNCTION swap_request_shift_open();

-- The swap pages and the layout's counts read the set (V9).
CREATE TRIGGER swap_request_shift_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON swap_request_shift
    FOR EACH STATEMENT EXECUTE FUNCTION imoc_data_changed();
