-- Public holidays per region (issue "a year of daily operation", b and i). A person's region picks the holidays
-- that count as holiday work for them (people.WorkCalendar: holiday hours in fairness and time in lieu).
--
-- region_holiday_calendar: which country's (or subdivision's) public holidays a region's holidays are seeded from,
-- as an ISO country code the Jollyday library knows, optionally with a subdivision: 'GB', 'US-NY', 'AU'. Rows are added at start-up from imoc.holidays.countries
-- and edited by the coordinator afterwards (the stored value wins).
CREATE TABLE region_holiday_calendar (
    region     TEXT PRIMARY KEY CHECK (region IN ('APAC', 'EMEA', 'AMER')),
    country    TEXT NOT NULL CHECK (country ~ '^[A-Z]{2}(-[A-Z0-9]{1,8}){0,2}$'),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The holidays themselves: seeded from the holiday library (source LIBRARY) or entered by the coordinator
-- (COORDINATOR). One holiday per region and day.
CREATE TABLE public_holiday (
    id         BIGSERIAL PRIMARY KEY,
    region     TEXT NOT NULL CHECK (region IN ('APAC', 'EMEA', 'AMER')),
    day        DATE NOT NULL,
    name       TEXT NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
    source     TEXT NOT NULL CHECK (source IN ('LIBRARY', 'COORDINATOR')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT public_holiday_one_per_day UNIQUE (region, day)
);

-- Which (region, year) the library has seeded, and from which country: seeding never runs twice for a year, so a
-- holiday the coordinator deleted stays deleted.
CREATE TABLE public_holiday_seeding (
    region    TEXT NOT NULL CHECK (region IN ('APAC', 'EMEA', 'AMER')),
    year      INT NOT NULL CHECK (year BETWEEN 2000 AND 2200),
    country   TEXT NOT NULL,
    seeded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (region, year)
);

-- Shown on pages (the holiday admin page, fairness, time in lieu): the V9 change trigger.
CREATE TRIGGER region_holiday_calendar_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON region_holiday_calendar
    FOR EACH STATEMENT EXECUTE FUNCTION imoc_data_changed();
CREATE TRIGGER public_holiday_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON public_holiday
    FOR EACH STATEMENT EXECUTE FUNCTION imoc_data_changed();
