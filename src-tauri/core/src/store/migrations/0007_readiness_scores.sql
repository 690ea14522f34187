-- The readiness score of each report as last computed, so that the library can show the scores
-- of the reports it lists without linting each of them. A kept score counts only for the
-- revision of the report it was computed from and for the hint settings and rules it was
-- computed under (`basis`); any other is computed again when asked for, and kept in its place.
CREATE TABLE readiness_scores (
    postmortem_id TEXT PRIMARY KEY NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    revision      INTEGER NOT NULL,
    basis         TEXT NOT NULL,
    score         INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100)
) WITHOUT ROWID;
