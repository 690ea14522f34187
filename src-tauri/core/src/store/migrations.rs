//! Numbered, add-only schema migrations, tracked in SQLite's `user_version`.
//!
//! A migration is never edited once released: a change to the schema is a new file appended to
//! [`MIGRATIONS`]. Version N of the schema is the state after the first N migrations.

use rusqlite::Connection;

/// Each entry brings the schema from version `index` to `index + 1`.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_report_notes.sql"),
    include_str!("migrations/0003_glossary_entry_ids.sql"),
    include_str!("migrations/0004_history_indexes.sql"),
    include_str!("migrations/0005_search_prefixes.sql"),
    include_str!("migrations/0006_filter_indexes.sql"),
    include_str!("migrations/0007_readiness_scores.sql"),
];

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn user_version(connection: &Connection) -> rusqlite::Result<i64> {
    connection.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Applies every migration above the current version, each in its own transaction together with
/// the version bump, so a crash leaves the database at a whole version.
pub fn migrate(connection: &mut Connection) -> rusqlite::Result<()> {
    let current = user_version(connection)?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current.max(0) as usize) {
        let transaction = connection.transaction()?;
        transaction.execute_batch(sql)?;
        transaction.pragma_update(None, "user_version", index as i64 + 1)?;
        transaction.commit()?;
    }
    Ok(())
}
