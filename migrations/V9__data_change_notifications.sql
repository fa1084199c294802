-- Cross-node cache invalidation (issue 9). Every statement that changes data a page or a feed shows sends one
-- NOTIFY on the channel imoc_data_changed, delivered by PostgreSQL to every listening app node when (and only if)
-- the transaction commits, several in one transaction folded into one. Each node's DataChanges listener counts them
-- into its cache generation. The trigger also marks the transaction (a transaction-local setting), so the node that
-- commits it can move its own generation on synchronously, before its response leaves.
--
-- Left out on purpose: audit_entry (written next to every real change anyway, and by every sign-in), Quartz's
-- tables, and the bookkeeping columns written when a calendar client polls or a bot calls the API
-- (feed_token.last_fetched_at/last_client/fetch_count, access_token.last_used_at): those change nothing anyone sees
-- on a page or in a feed, and polling must not empty the caches it is served from.
CREATE FUNCTION imoc_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('imoc_data_changed', '');
    PERFORM set_config('imoc.data_changed', 'yes', true);
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['person', 'app_setting', 'rotation', 'rotation_slot', 'rotation_layer',
            'rotation_participant', 'unavailability', 'shift', 'service', 'incident', 'incident_service',
            'incident_page', 'availability_month', 'feed_tombstone', 'notification', 'notification_preference',
            'shift_reminder', 'coverage_gap_alert', 'handover_note', 'swap_request']
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION imoc_data_changed()', t || '_changed', t);
    END LOOP;
END
$$;

CREATE TRIGGER feed_token_changed AFTER INSERT OR DELETE OR TRUNCATE ON feed_token
    FOR EACH STATEMENT EXECUTE FUNCTION imoc_data_changed();
CREATE TRIGGER feed_token_revoked AFTER UPDATE OF kind, person_id, rotation_id, token_hash, revoked_at ON feed_token
    FOR EACH STATEMENT EXECUTE FUNCTION imoc_data_changed();
CREATE TRIGGER access_token_changed AFTER INSERT OR DELETE OR TRUNCATE ON access_token
    FOR EACH STATEMENT EXECUTE FUNCTION imoc_data_changed();
CREATE TRIGGER access_token_revoked AFTER UPDATE OF person_id, name, token_hash, revoked_at ON access_token
    FOR EACH STATEMENT EXECUTE FUNCTION imoc_data_changed();
