-- Sessions kept in memory per node (issue 17, item 1: web.security.CachedSessions): every node keeps the sessions it
-- has read, and forgets them all when a session changes anywhere. A change is anything a request could see: a session
-- ended (signed out, expired and cleaned up), a new id (sign-in), a new timeout or principal, or an attribute written
-- (the security context, a CSRF token, a flash message). Not a change: the last-access time and expiry moving on,
-- written about once a minute per active session, which would otherwise empty every node's memory several times a
-- second at 1,000 people. PostgreSQL delivers the notification at commit to every listening node (database.DataChanges,
-- channel imoc_session_changed); several in one transaction are folded into one.
CREATE FUNCTION imoc_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('imoc_session_changed', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER spring_session_ended AFTER DELETE ON spring_session
    FOR EACH ROW EXECUTE FUNCTION imoc_session_changed();
CREATE TRIGGER spring_session_changed AFTER UPDATE ON spring_session
    FOR EACH ROW WHEN (OLD.session_id IS DISTINCT FROM NEW.session_id
        OR OLD.max_inactive_interval IS DISTINCT FROM NEW.max_inactive_interval
        OR OLD.principal_name IS DISTINCT FROM NEW.principal_name)
    EXECUTE FUNCTION imoc_session_changed();
CREATE TRIGGER spring_session_attributes_changed AFTER INSERT OR UPDATE OR DELETE ON spring_session_attributes
    FOR EACH ROW EXECUTE FUNCTION imoc_session_changed();
