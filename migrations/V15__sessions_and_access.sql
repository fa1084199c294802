-- Trust at the edges (issue 11, access and hardening).

-- Spring Session JDBC's own schema (spring-session-jdbc's schema-postgresql.sql, unchanged): sessions live in the
-- shared database, so every node sees the same sessions and a restart signs nobody out.
-- spring.session.jdbc.initialize-schema=never: Flyway owns it.
CREATE TABLE SPRING_SESSION (
    PRIMARY_ID CHAR(36) NOT NULL,
    SESSION_ID CHAR(36) NOT NULL,
    CREATION_TIME BIGINT NOT NULL,
    LAST_ACCESS_TIME BIGINT NOT NULL,
    MAX_INACTIVE_INTERVAL INT NOT NULL,
    EXPIRY_TIME BIGINT NOT NULL,
    PRINCIPAL_NAME VARCHAR(100),
    CONSTRAINT SPRING_SESSION_PK PRIMARY KEY (PRIMARY_ID)
);

CREATE UNIQUE INDEX SPRING_SESSION_IX1 ON SPRING_SESSION (SESSION_ID);
CREATE INDEX SPRING_SESSION_IX2 ON SPRING_SESSION (EXPIRY_TIME);
CREATE INDEX SPRING_SESSION_IX3 ON SPRING_SESSION (PRINCIPAL_NAME);

CREATE TABLE SPRING_SESSION_ATTRIBUTES (
    SESSION_PRIMARY_ID CHAR(36) NOT NULL,
    ATTRIBUTE_NAME VARCHAR(200) NOT NULL,
    ATTRIBUTE_BYTES BYTEA NOT NULL,
    CONSTRAINT SPRING_SESSION_ATTRIBUTES_PK PRIMARY KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME),
    CONSTRAINT SPRING_SESSION_ATTRIBUTES_FK FOREIGN KEY (SESSION_PRIMARY_ID) REFERENCES SPRING_SESSION(PRIMARY_ID) ON DELETE CASCADE
);

-- Every session remembers the security version it was signed in with; a password change or reset, a
-- deactivation and "sign out everywhere" move it on, which ends every older session on its next request.
-- (person already has the data-change trigger of V9, so every node's cache of it is renewed at commit.)
ALTER TABLE person ADD COLUMN security_version BIGINT NOT NULL DEFAULT 0;

-- "Sign in with GitLab": the GitLab account (OpenID Connect issuer and subject) linked on first use.
ALTER TABLE person ADD COLUMN oidc_issuer TEXT;
ALTER TABLE person ADD COLUMN oidc_subject TEXT;
ALTER TABLE person ADD CONSTRAINT person_oidc_both CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL));
CREATE UNIQUE INDEX person_oidc_account ON person (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;

-- Personal access tokens expire. Tokens made before expiry existed get 90 days from now.
ALTER TABLE access_token ADD COLUMN expires_at TIMESTAMPTZ;
UPDATE access_token SET expires_at = greatest(now(), created_at) + INTERVAL '90 days' WHERE expires_at IS NULL;
ALTER TABLE access_token ALTER COLUMN expires_at SET NOT NULL;
ALTER TABLE access_token ADD CONSTRAINT access_token_expires_after_creation CHECK (expires_at > created_at);

-- Throttles shared by every node (database.Throttles): one row per key (an account, a client address), counting
-- hits within a window that starts at the first hit, and the end of a lock-out once the limit was reached.
-- Not shown on any page, so no data-change trigger.
CREATE TABLE throttle_counter (
    key          TEXT        PRIMARY KEY CHECK (length(key) <= 400),
    window_start TIMESTAMPTZ NOT NULL,
    hits         INTEGER     NOT NULL CHECK (hits >= 0),
    locked_until TIMESTAMPTZ
);
CREATE INDEX throttle_counter_window ON throttle_counter (window_start);
