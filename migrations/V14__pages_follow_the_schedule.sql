-- A page counts for whoever held the IMOC rotation's primary shift at the page instant, read from the schedule as it
-- stands (a swap or cover recorded after the incident counts). The person stored with each page (the IMOC recorded
-- at declaration) was a second, stale answer to that question, so it goes; a page is now an incident and an instant.

ALTER TABLE incident_page DROP CONSTRAINT incident_page_pkey;

-- The same instant recorded for two people becomes one page.
DELETE FROM incident_page a
USING incident_page b
WHERE a.incident_id = b.incident_id AND a.paged_at = b.paged_at AND a.ctid > b.ctid;

ALTER TABLE incident_page DROP COLUMN person_id;

ALTER TABLE incident_page ADD PRIMARY KEY (incident_id, paged_at);

-- The time-in-lieu report looks pages up by time; S1/S2 declarations are found through incident_declared.
CREATE INDEX incident_page_time ON incident_page (paged_at);
