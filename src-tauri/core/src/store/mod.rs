//! The store: every postmortem in one SQLite file.
//!
//! One connection behind a mutex. The file is checked before anything is written to it: a file that
//! is not SQLite, is truncated, or was written by a newer Debrief is refused and left untouched.
//! Durability: WAL with `synchronous = FULL`, so a save that returned survives a killed process and a
//! power cut. Every write is one transaction, and the search index is rewritten in that same
//! transaction. Saves carry the revision they were based on; a stale revision is a conflict.

mod backups;
mod checkpoint;
mod file_check;
mod history;
mod library;
mod migrations;
mod rows;
mod scores;

pub use backups::{
    backup_folder, list_backups, restore_backup, verify_backup, BackupFile, BackupKind,
    LibraryFile, RestoreOutcome, DAILY_KEPT,
};
pub use checkpoint::{Checkpoint, LATEST, LATE_CHECKPOINT_PAGES, QUIET};
pub use file_check::FileCheck;
pub use library::{
    LibraryFacets, LibraryPage, LibraryQuery, LibraryRow, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE,
};
pub use migrations::LATEST_VERSION;

use crate::hints::RuleSettings;
use crate::ids::PostmortemId;
use crate::model::{Postmortem, PostmortemSummary};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;
use ts_rs::TS;

pub use scores::ScoreOfRevision;

/// A list of ids (or other values) as one JSON array, for `IN (SELECT value FROM json_each(?))`:
/// one statement, looked up by primary key, serves any number of them.
fn json_array<T: ToString>(items: &[T]) -> Result<String> {
    serde_json::to_string(&items.iter().map(ToString::to_string).collect::<Vec<_>>())
        .map_err(|error| Error::Internal(error.to_string()))
}

/// The environment variable that points every Debrief program at another database file.
pub const DATABASE_ENV: &str = "DEBRIEF_DB";

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

const HINT_SETTINGS_KEY: &str = "hints.rules";

pub struct Store {
    connection: Mutex<Connection>,
    path: Option<PathBuf>,
    /// Holds writes back while the file is being checked (see `check_file_later`).
    gate: std::sync::Arc<file_check::WriteGate>,
    /// The connection that checkpoints the write-ahead log, once `checkpoint` has been called.
    checkpointer: Mutex<Option<Connection>>,
    /// The writes since the last checkpoint (see `checkpoint_if_due`).
    pending_writes: Mutex<checkpoint::PendingWrites>,
    /// Set once every row of the search index was found at the rowid derived from its report's
    /// id (see `rows::search_rowid`); writes only ever put rows there, so it stays true.
    search_rowids_derived: std::sync::atomic::AtomicBool,
    /// Word counts kept for related incidents (see `history::WordCounts`).
    word_counts: Mutex<history::WordCounts>,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub report: PostmortemSummary,
    /// A short extract of the matching text, with the matches between `[` and `]`.
    pub snippet: String,
}

/// The result of `check`: empty lists mean a healthy database.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
    pub schema_version: i64,
    pub integrity: Vec<String>,
    pub foreign_keys: Vec<String>,
    pub search_index: Vec<String>,
}

impl CheckReport {
    pub fn is_healthy(&self) -> bool {
        self.integrity.is_empty() && self.foreign_keys.is_empty() && self.search_index.is_empty()
    }
}

/// Where the database lives when neither `--db` nor `DEBRIEF_DB` says otherwise: the platform's
/// data directory (on Linux `~/.local/share/debrief/debrief.db`).
pub fn default_database_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "debrief").map(|dirs| dirs.data_dir().join("debrief.db"))
}

/// The database the programs use: an explicit path, else `DEBRIEF_DB`, else the default.
pub fn resolve_database_path(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = explicit {
        return Ok(path.to_path_buf());
    }
    if let Some(path) = std::env::var_os(DATABASE_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    default_database_path().ok_or_else(|| {
        Error::Internal(format!(
            "no data directory was found for this user; set {DATABASE_ENV} to a database file path"
        ))
    })
}

/// The IANA name of this computer's time zone, or `UTC` when it cannot be told.
pub fn local_time_zone() -> String {
    iana_time_zone::get_timezone()
        .ok()
        .filter(|name| name.parse::<chrono_tz::Tz>().is_ok())
        .unwrap_or_else(|| "UTC".to_string())
}

impl Store {
    /// Opens the database at `path`, creating it if the file does not exist (its directory must).
    /// An existing file is checked first and never written to unless it is a Debrief database of
    /// this or an older version; an older one is backed up before it is migrated.
    pub fn open(path: &Path, now: DateTime<Utc>) -> Result<Store> {
        let exists = inspect_file(path)?;
        if exists {
            let version = read_version(path)?;
            if version > LATEST_VERSION {
                return Err(Error::database(
                    path,
                    format!(
                        "this database was written by a newer version of Debrief (schema {version}; \
                         this version knows up to {LATEST_VERSION}); it was not opened or changed: \
                         update Debrief to open it"
                    ),
                ));
            }
            if version > 0 && version < LATEST_VERSION {
                backup_before_migration(path, version, now)?;
            }
        }
        let connection = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|error| Error::database(path, format!("cannot open the database: {error}")))?;
        Self::prepare(connection, Some(path.to_path_buf()))
    }

    /// A private database in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    fn prepare(mut connection: Connection, path: Option<PathBuf>) -> Result<Store> {
        let describe = |error: rusqlite::Error| match &path {
            Some(path) => Error::database(path, format!("cannot prepare the database: {error}")),
            None => Error::Sqlite(error),
        };
        connection
            .busy_timeout(Duration::from_secs(5))
            .map_err(describe)?;
        // WAL lets readers work while a save is written; FULL syncs the log on every commit so
        // that a save that returned is on disk even if the machine loses power right after.
        connection
            .pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
            .map_err(describe)?;
        connection
            .pragma_update(None, "synchronous", "FULL")
            .map_err(describe)?;
        connection
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(describe)?;
        // Every transaction takes the write lock when it begins, so another window or process
        // that is writing makes it wait (the busy timeout) instead of failing with "database is
        // locked" when a read turns into a write halfway through.
        connection.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        // Sorting and grouping a large library (the history's figures) would otherwise spill to
        // temporary files.
        connection
            .pragma_update(None, "temp_store", "MEMORY")
            .map_err(describe)?;
        // The version was checked before opening; this catches a newer schema that was still in
        // the WAL at that moment.
        let version = migrations::user_version(&connection).map_err(describe)?;
        if version > LATEST_VERSION {
            return Err(match &path {
                Some(path) => Error::database(
                    path,
                    format!("this database was written by a newer version of Debrief (schema {version}); update Debrief to open it"),
                ),
                None => Error::Internal(format!("unknown schema version {version}")),
            });
        }
        migrations::migrate(&mut connection).map_err(describe)?;
        Ok(Store {
            connection: Mutex::new(connection),
            path,
            gate: file_check::WriteGate::open(),
            checkpointer: Mutex::new(None),
            pending_writes: Mutex::new(checkpoint::PendingWrites::default()),
            search_rowids_derived: std::sync::atomic::AtomicBool::new(false),
            word_counts: Mutex::new(history::WordCounts::default()),
        })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn connection(&self) -> MutexGuard<'_, Connection> {
        // A panic while the lock was held cannot leave a transaction half-applied (SQLite rolls it
        // back), so the connection is still sound to use.
        self.connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The connection for a write: once the check of the file, if one is running, has passed.
    fn writer(&self) -> Result<MutexGuard<'_, Connection>> {
        self.gate.wait(self.path.as_deref())?;
        self.pending_writes().record(std::time::Instant::now());
        Ok(self.connection())
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(migrations::user_version(&self.connection())?)
    }

    /// Every report, most recently started (or created) first.
    pub fn list(&self) -> Result<Vec<PostmortemSummary>> {
        let connection = self.connection();
        rows::list_summaries(&connection, None)
    }

    pub fn get(&self, id: PostmortemId) -> Result<Postmortem> {
        let connection = self.connection();
        rows::load(&connection, id)?.ok_or_else(|| Error::NotFound(id.to_string()))
    }

    /// Creates an empty draft.
    pub fn create(&self, title: &str, time_zone: &str, now: DateTime<Utc>) -> Result<Postmortem> {
        self.insert(&Postmortem::new(title, time_zone, now), now)
    }

    /// Stores a complete report as a new one (import, duplicate): it gets a fresh id and
    /// revision 1, and keeps its content and creation time.
    pub fn insert(&self, report: &Postmortem, now: DateTime<Utc>) -> Result<Postmortem> {
        let mut report = report.clone();
        report.id = PostmortemId::new(now);
        report.revision = 1;
        report.updated_at = now;
        report.validate()?;
        let mut connection = self.writer()?;
        let transaction = connection.transaction()?;
        rows::write(&transaction, &report, rows::Previous::Nothing)?;
        transaction.commit()?;
        Ok(report)
    }

    /// Saves an edited report. `report.revision` must be the revision it was loaded at; otherwise
    /// the save is refused with a conflict and nothing is written. Returns the saved report with
    /// its new revision.
    pub fn save(&self, report: &Postmortem, now: DateTime<Utc>) -> Result<Postmortem> {
        report.validate()?;
        let mut connection = self.writer()?;
        let transaction = connection.transaction()?;
        // The stored version, so that the lists the edit left alone keep their rows.
        let stored = rows::load_at_revision(&transaction, report.id, report.revision)?;
        let mut saved = report.clone();
        saved.revision = stored.revision + 1;
        saved.updated_at = now;
        rows::write(&transaction, &saved, rows::Previous::Loaded(&stored))?;
        transaction.commit()?;
        Ok(saved)
    }

    /// Stores a copy of the report `id` as a new draft: a fresh id, "(copy)" after the title, and
    /// created now. Everything else (text, rows, dismissals) is kept.
    pub fn duplicate(&self, id: PostmortemId, now: DateTime<Utc>) -> Result<Postmortem> {
        let mut copy = self.get(id)?;
        copy.title = format!("{} (copy)", copy.title.trim());
        copy.status = crate::model::Status::Draft;
        copy.created_at = now;
        self.insert(&copy, now)
    }

    /// Puts back a report that was deleted, exactly as it was: same id, revision and times (the
    /// undo of [`Store::delete`]). Refused if a report with that id exists.
    pub fn restore(&self, report: &Postmortem) -> Result<Postmortem> {
        report.validate()?;
        let mut connection = self.writer()?;
        let transaction = connection.transaction()?;
        let exists: bool = transaction.query_row(
            "SELECT EXISTS (SELECT 1 FROM postmortems WHERE id = ?1)",
            [report.id.to_string()],
            |row| row.get(0),
        )?;
        if exists {
            return Err(Error::Invalid(format!(
                "the postmortem {} is already in the library; nothing was restored",
                report.id
            )));
        }
        rows::write(&transaction, report, rows::Previous::Nothing)?;
        transaction.commit()?;
        Ok(report.clone())
    }

    pub fn delete(&self, id: PostmortemId) -> Result<()> {
        let mut connection = self.writer()?;
        let transaction = connection.transaction()?;
        let removed =
            transaction.execute("DELETE FROM postmortems WHERE id = ?1", [id.to_string()])?;
        if removed == 0 {
            return Err(Error::NotFound(id.to_string()));
        }
        rows::delete_search_row(&transaction, id, false)?;
        transaction.commit()?;
        Ok(())
    }

    /// The hint rules' switches and levels; the defaults when none were saved.
    pub fn hint_settings(&self) -> Result<RuleSettings> {
        let connection = self.connection();
        let stored: Option<String> = connection
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [HINT_SETTINGS_KEY],
                |row| row.get(0),
            )
            .optional()?;
        match stored {
            None => Ok(RuleSettings::default()),
            Some(json) => serde_json::from_str(&json).map_err(|error| {
                Error::Internal(format!("the saved hint settings cannot be read: {error}"))
            }),
        }
    }

    /// Saves the hint rules' switches and levels; unknown rule ids are refused.
    pub fn set_hint_settings(&self, settings: &RuleSettings) -> Result<()> {
        settings.check_known()?;
        let json =
            serde_json::to_string(settings).map_err(|error| Error::Internal(error.to_string()))?;
        let mut connection = self.writer()?;
        let transaction = connection.transaction()?;
        transaction.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [HINT_SETTINGS_KEY, json.as_str()],
        )?;
        transaction.commit()?;
        Ok(())
    }

    /// Full-text search over every report's text. Words are matched as prefixes, all must occur.
    pub fn search(&self, query: &str) -> Result<Vec<SearchHit>> {
        let Some(fts_query) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let connection = self.connection();
        let mut statement = connection.prepare_cached(
            "SELECT id, snippet(postmortem_search, -1, '[', ']', '…', 12)
               FROM postmortem_search WHERE postmortem_search MATCH ?1
              ORDER BY bm25(postmortem_search, 0.0, 5.0, 1.0) LIMIT 200",
        )?;
        let found = statement
            .query_map([fts_query], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut snippets = std::collections::HashMap::with_capacity(found.len());
        let mut ids = Vec::with_capacity(found.len());
        for (id, snippet) in found {
            let id: PostmortemId = id.parse()?;
            ids.push(id);
            snippets.insert(id, snippet);
        }
        // One query for all the hits' library rows, in the order of the ranking.
        let hits = rows::list_summaries(&connection, Some(&ids))?
            .into_iter()
            .map(|report| SearchHit {
                snippet: snippets.remove(&report.id).unwrap_or_default(),
                report,
            })
            .collect();
        Ok(hits)
    }

    /// Copies the whole database to `destination` with SQLite's online backup, which gives a
    /// consistent snapshot even while the app is writing. An existing file there is replaced.
    pub fn backup_to(&self, destination: &Path) -> Result<()> {
        let connection = self.connection();
        backup_connection(&connection, destination)
    }

    /// `PRAGMA integrity_check` and `foreign_key_check`, plus a check that every report has
    /// exactly one row in the search index.
    pub fn check(&self) -> Result<CheckReport> {
        let connection = self.connection();
        let integrity = connection
            .prepare("PRAGMA integrity_check")?
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter(|line| line != "ok")
            .collect();
        let foreign_keys = connection
            .prepare("PRAGMA foreign_key_check")?
            .query_map([], |row| {
                Ok(format!(
                    "{} row {} refers to a missing {}",
                    row.get::<_, String>(0)?,
                    row.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                    row.get::<_, String>(2)?
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let search_index = connection
            .prepare(
                "SELECT p.id, count(s.id) FROM postmortems p
                   LEFT JOIN postmortem_search s ON s.id = p.id
                  GROUP BY p.id HAVING count(s.id) <> 1
                 UNION ALL
                 SELECT s.id, 0 FROM postmortem_search s
                  WHERE NOT EXISTS (SELECT 1 FROM postmortems p WHERE p.id = s.id)",
            )?
            .query_map([], |row| {
                Ok(format!(
                    "report {} has {} search index rows instead of 1",
                    row.get::<_, String>(0)?,
                    row.get::<_, i64>(1)?
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(CheckReport {
            schema_version: migrations::user_version(&connection)?,
            integrity,
            foreign_keys,
            search_index,
        })
    }
}

/// Turns what a person typed into an FTS5 query: each word quoted (so no FTS syntax is ever
/// interpreted) and matched as a prefix.
fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| format!("\"{word}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Refuses paths that cannot be a usable database, without writing anything. Returns whether the
/// file already exists (and holds data).
fn inspect_file(path: &Path) -> Result<bool> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !parent.is_dir() {
            return Err(Error::database(
                path,
                format!(
                    "the directory {} does not exist: create it or choose another database path",
                    parent.display()
                ),
            ));
        }
    }
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(error) => {
            return Err(Error::database(
                path,
                format!("cannot read the file: {error}"),
            ));
        }
    };
    if metadata.is_dir() {
        return Err(Error::database(
            path,
            "this is a directory, not a database file: give the path of a file",
        ));
    }
    if metadata.len() == 0 {
        // SQLite treats an empty file as a new database; nothing is lost by creating one.
        return Ok(false);
    }
    let mut header = [0u8; 100];
    let mut file = std::fs::File::open(path)
        .map_err(|error| Error::database(path, format!("cannot read the file: {error}")))?;
    let read = read_up_to(&mut file, &mut header)
        .map_err(|error| Error::database(path, format!("cannot read the file: {error}")))?;
    if read < 16 || &header[..16] != SQLITE_HEADER {
        return Err(Error::database(
            path,
            "this file is not a Debrief database (it is not SQLite); it was left unchanged: \
             choose another file or restore a backup",
        ));
    }
    if read < 100 {
        return Err(Error::database(
            path,
            "this database file is truncated (its header is incomplete); it was left unchanged: \
             restore a backup",
        ));
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        size => u64::from(size),
    };
    let change_counter = u32::from_be_bytes([header[24], header[25], header[26], header[27]]);
    let page_count = u32::from_be_bytes([header[28], header[29], header[30], header[31]]);
    let valid_for = u32::from_be_bytes([header[92], header[93], header[94], header[95]]);
    let plausible_page_size = page_size.is_power_of_two() && (512..=65_536).contains(&page_size);
    if !plausible_page_size {
        return Err(Error::database(
            path,
            "this database file is damaged (its header is not valid); it was left unchanged: \
             restore a backup",
        ));
    }
    // A WAL or rollback journal beside the file may still hold pages the header already counts
    // (a process killed while checkpointing leaves exactly that); SQLite completes the file from
    // it, so the size only proves truncation when there is no such journal.
    let pending_journal = ["-wal", "-journal"].iter().any(|suffix| {
        std::fs::metadata(format!("{}{suffix}", path.display())).is_ok_and(|m| m.len() > 0)
    });
    if !pending_journal
        && change_counter == valid_for
        && u64::from(page_count) * page_size > metadata.len()
    {
        return Err(Error::database(
            path,
            format!(
                "this database file is truncated ({} bytes of the {} its header announces); it \
                 was left unchanged: restore a backup",
                metadata.len(),
                u64::from(page_count) * page_size
            ),
        ));
    }
    Ok(true)
}

fn read_up_to(file: &mut std::fs::File, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match file.read(&mut buffer[filled..])? {
            0 => break,
            read => filled += read,
        }
    }
    Ok(filled)
}

/// Reads the schema version through a read-only connection, which also proves that SQLite can
/// read the file. Nothing is written.
fn read_version(path: &Path) -> Result<i64> {
    let damaged = |error: rusqlite::Error| {
        Error::database(
            path,
            format!(
                "this database cannot be read ({error}); it was left unchanged: restore a backup \
                 or choose another file"
            ),
        )
    };
    // A cleanly closed database has no WAL file: open it as immutable, which creates no -wal or
    // -shm file beside it. Otherwise the WAL holds recent commits and must be read through.
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    let connection = if wal.exists() {
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    } else {
        Connection::open_with_flags(
            format!("file:{}?immutable=1", uri_path(path)),
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )
    }
    .map_err(damaged)?;
    // Reading the schema makes SQLite parse the first page; garbage fails here.
    connection
        .query_row("SELECT count(*) FROM sqlite_schema", [], |row| {
            row.get::<_, i64>(0)
        })
        .map_err(damaged)?;
    let version = migrations::user_version(&connection).map_err(damaged)?;
    if version == 0 {
        let tables: i64 = connection
            .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
            .map_err(damaged)?;
        if tables > 0 {
            return Err(Error::database(
                path,
                "this SQLite file belongs to another program (it has tables but no Debrief \
                 schema version); it was left unchanged: choose another file",
            ));
        }
    }
    Ok(version)
}

/// A path written for an SQLite `file:` URI: the characters that URIs give a meaning are escaped.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => out.push_str(&format!("%{:02X}", c as u32)),
            _ => out.push(c),
        }
    }
    out
}

/// Copies the database to `<file>.v<N>-<time>.bak` beside it before a migration changes it.
fn backup_before_migration(path: &Path, version: i64, now: DateTime<Utc>) -> Result<PathBuf> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".v{version}-{}.bak", now.format("%Y%m%dT%H%M%SZ")));
    let destination = path.with_file_name(name);
    let connection = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|error| Error::database(path, format!("cannot open it to back it up: {error}")))?;
    backup_connection(&connection, &destination)?;
    Ok(destination)
}

fn backup_connection(connection: &Connection, destination: &Path) -> Result<()> {
    if let Some(parent) = destination.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !parent.is_dir() {
            return Err(Error::Invalid(format!(
                "the directory {} does not exist: create it or choose another backup path",
                parent.display()
            )));
        }
    }
    let mut target = Connection::open(destination).map_err(|error| {
        Error::Invalid(format!(
            "cannot write the backup to {}: {error}",
            destination.display()
        ))
    })?;
    let backup = rusqlite::backup::Backup::new(connection, &mut target)?;
    backup.run_to_completion(256, Duration::from_millis(0), None)?;
    drop(backup);
    // The copy is a standalone file: no WAL, so it can be mailed or copied as one file.
    target.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))?;
    Ok(())
}

/// The text of the stored row count for tests and `check`.
#[cfg(test)]
pub(crate) fn count_rows(store: &Store, table: &str) -> i64 {
    store
        .connection()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
            row.get(0)
        })
        .unwrap_or(-1)
}

#[cfg(test)]
mod tests;
