-- What each feed last said about each event, so SEQUENCE and LAST-MODIFIED move whenever anything the event shows
-- changes, not only its own shift row: the "Hand over to …" of a neighbour, a part label after a split, a renamed
-- rotation. Written while a feed is rendered (calendar.FeedRevisions), derived from the schedule, so it has no
-- data-change trigger (V9): rendering must never invalidate the caches it fills.
CREATE TABLE feed_event_revision (
    -- token.feedKey(): 'person:<id>' or 'rotation:<id>', one history per feed, shared by all of its URLs
    feed       TEXT        NOT NULL,
    shift_id   BIGINT      NOT NULL REFERENCES shift (id) ON DELETE CASCADE,
    -- SHA-256 of what the event shows (times, status, summary, description, URL)
    digest     TEXT        NOT NULL,
    sequence   INTEGER     NOT NULL CHECK (sequence >= 0),
    changed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (feed, shift_id)
);
