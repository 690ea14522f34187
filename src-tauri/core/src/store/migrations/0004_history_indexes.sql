-- Narrow indexes for looking back over a large library. The `postmortems` table is wide (every
-- text section is a column), so a scan of it reads a page or more per report; these indexes hold
-- only what the library list, the trends and the tracker read, and SQLite reads them instead of
-- the table. They are built here from the existing rows and kept in step by SQLite on every write.

-- The library list in its order (most recent incident first), with every column it shows, and
-- the times the trends read.
CREATE INDEX postmortems_library ON postmortems (
    coalesce(started_at, created_at) DESC, id DESC,
    title, status, severity, started_at, created_at, time_zone, updated_at, revision,
    owner_participant, detected_at, resolved_at
);

-- Counts by service, by factor category and by action-item status, each with its report.
CREATE INDEX services_report ON services (name, postmortem_id);
CREATE INDEX contributing_factors_category ON contributing_factors (category, postmortem_id);
CREATE INDEX action_items_status_report ON action_items (status, due, postmortem_id);
