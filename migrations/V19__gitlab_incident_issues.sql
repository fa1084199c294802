-- GitLab incident issues (the gitlab module): which incident each issue feeds, and when each scoped label was first
-- applied to it, so a label taken off and put back keeps its first time (the incident's mitigated/resolved times).

CREATE TABLE gitlab_incident_issue (
    project_id       BIGINT      NOT NULL CHECK (project_id > 0),
    issue_iid        BIGINT      NOT NULL CHECK (issue_iid > 0),
    incident_id      BIGINT      NOT NULL UNIQUE REFERENCES incident (id) ON DELETE CASCADE,
    web_url          TEXT        NOT NULL CHECK (length(web_url) <= 2000),
    -- The issue's updated_at as of the last event applied: an older event arriving late changes nothing.
    issue_updated_at TIMESTAMPTZ NOT NULL,
    -- Labels the last event carried that match nothing here (an unknown service or root cause), for the coordinator.
    unmatched        TEXT        NOT NULL DEFAULT '',
    synced_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, issue_iid)
);

CREATE TABLE gitlab_incident_label (
    project_id       BIGINT      NOT NULL,
    issue_iid        BIGINT      NOT NULL,
    label            TEXT        NOT NULL CHECK (length(label) BETWEEN 1 AND 255),
    first_applied_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (project_id, issue_iid, label)
);
