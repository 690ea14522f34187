-- Version 1: the postmortem and its rows, hint dismissals, settings, and the full-text index.

CREATE TABLE postmortems (
    id                  TEXT PRIMARY KEY NOT NULL,
    revision            INTEGER NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    title               TEXT NOT NULL,
    status              TEXT NOT NULL,
    severity            TEXT,
    time_zone           TEXT NOT NULL,
    started_at          TEXT,
    detected_at         TEXT,
    mitigated_at        TEXT,
    resolved_at         TEXT,
    impact_scope        TEXT NOT NULL,
    owner_participant   TEXT,
    owner_criterion     TEXT,
    owner_note          TEXT NOT NULL DEFAULT '',
    review_at           TEXT,
    review_facilitator  TEXT,
    review_devils_advocate TEXT,
    summary             TEXT NOT NULL DEFAULT '',
    customer_impact     TEXT NOT NULL DEFAULT '',
    monitoring          TEXT NOT NULL DEFAULT '',
    single_factor_reason TEXT NOT NULL DEFAULT '',
    q_isolated_or_trend TEXT NOT NULL DEFAULT '',
    q_bug_or_class      TEXT NOT NULL DEFAULT '',
    q_work_not_done     TEXT NOT NULL DEFAULT '',
    q_similar_incidents TEXT NOT NULL DEFAULT '',
    q_grows_with_scale  TEXT NOT NULL DEFAULT '',
    went_well           TEXT NOT NULL DEFAULT '',
    got_lucky           TEXT NOT NULL DEFAULT '',
    external_summary    TEXT NOT NULL DEFAULT '',
    external_what_happened TEXT NOT NULL DEFAULT '',
    external_what_we_are_doing TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX postmortems_started ON postmortems (started_at);

CREATE TABLE participants (
    postmortem_id TEXT NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    id            TEXT NOT NULL,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    PRIMARY KEY (postmortem_id, position)
) STRICT;

CREATE TABLE services (
    postmortem_id TEXT NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    PRIMARY KEY (postmortem_id, position)
) STRICT;
CREATE INDEX services_name ON services (name);

CREATE TABLE tags (
    postmortem_id TEXT NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    PRIMARY KEY (postmortem_id, position)
) STRICT;
CREATE INDEX tags_name ON tags (name);

CREATE TABLE timeline_entries (
    postmortem_id TEXT NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    id            TEXT NOT NULL,
    at            TEXT NOT NULL,
    description   TEXT NOT NULL,
    evidence      TEXT NOT NULL,
    kind          TEXT NOT NULL,
    PRIMARY KEY (postmortem_id, position)
) STRICT;

CREATE TABLE contributing_factors (
    postmortem_id     TEXT NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    id                TEXT NOT NULL,
    description       TEXT NOT NULL,
    category          TEXT NOT NULL,
    why_it_made_sense TEXT NOT NULL,
    PRIMARY KEY (postmortem_id, position)
) STRICT;

CREATE TABLE action_items (
    postmortem_id TEXT NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    id            TEXT NOT NULL,
    description   TEXT NOT NULL,
    owner         TEXT NOT NULL,
    due           TEXT,
    priority      TEXT,
    kind          TEXT NOT NULL,
    status        TEXT NOT NULL,
    status_reason TEXT NOT NULL,
    tracking      TEXT NOT NULL,
    done_when     TEXT NOT NULL,
    PRIMARY KEY (postmortem_id, position)
) STRICT;
CREATE INDEX action_items_open ON action_items (status, due);

CREATE TABLE glossary_entries (
    postmortem_id TEXT NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    term          TEXT NOT NULL,
    definition    TEXT NOT NULL,
    PRIMARY KEY (postmortem_id, position)
) STRICT;

CREATE TABLE checklist_items (
    postmortem_id TEXT NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    question      TEXT NOT NULL,
    checked       INTEGER NOT NULL,
    note          TEXT NOT NULL,
    PRIMARY KEY (postmortem_id, position)
) STRICT;

CREATE TABLE hint_dismissals (
    postmortem_id TEXT NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    rule          TEXT NOT NULL,
    field         TEXT NOT NULL,
    matched_text  TEXT NOT NULL,
    reason        TEXT NOT NULL,
    PRIMARY KEY (postmortem_id, position)
) STRICT;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- The search index holds a copy of each report's text; the store rewrites a report's row in the
-- same transaction as every save, so the index never lags behind the data.
CREATE VIRTUAL TABLE postmortem_search USING fts5 (
    id UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
