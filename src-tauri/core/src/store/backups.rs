//! Backups of the database file, and restoring one.
//!
//! Three kinds of copy keep a library safe, all made with SQLite's online backup API (a
//! consistent snapshot even while the app writes) and written whole or not at all:
//! - a **daily** copy, taken when the app starts and the newest daily copy is a day old or more;
//!   the last [`DAILY_KEPT`] are kept;
//! - a copy **before every migration** (`<file>.v<N>-<time>.bak` beside the database, made by
//!   [`Store::open`]);
//! - a copy **before every restore**, so that restoring never loses the file it replaces, even a
//!   damaged one (which is copied byte for byte, with its journal).
//!
//! Daily and before-restore copies live in a `backups` folder beside the database, named after
//! the database file, so several libraries in one folder keep their copies apart.

use super::{backup_connection, inspect_file, read_version, uri_path, Store, LATEST_VERSION};
use crate::files::{self, Existing};
use crate::{Error, Result};
use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// How many daily copies are kept.
pub const DAILY_KEPT: usize = 7;

/// The time format in backup file names: sortable, and valid in file names everywhere.
const STAMP: &str = "%Y%m%dT%H%M%SZ";

/// Why a backup was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BackupKind {
    /// The copy taken at most once a day when the app starts.
    Daily,
    /// The copy taken before the schema of the database was upgraded.
    BeforeMigration,
    /// The copy of the file a restore replaced.
    BeforeRestore,
}

impl BackupKind {
    fn label(self) -> &'static str {
        match self {
            BackupKind::Daily => "daily",
            BackupKind::BeforeMigration => "before-migration",
            BackupKind::BeforeRestore => "before-restore",
        }
    }
}

/// One backup file of a database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupFile {
    #[ts(type = "string")]
    pub path: PathBuf,
    pub kind: BackupKind,
    pub taken_at: DateTime<Utc>,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreOutcome {
    /// Where the replaced file was copied first; `None` when there was no file to replace.
    #[ts(type = "string | null")]
    pub previous_copy: Option<PathBuf>,
    /// How many reports the restored database holds.
    #[ts(type = "number")]
    pub reports: i64,
}

/// The library's file as the app shows it: where it is, whether it opened, and its backups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LibraryFile {
    /// The database file, if one is chosen.
    #[ts(type = "string | null")]
    pub path: Option<PathBuf>,
    /// Why it cannot be opened; `None` when it is open.
    pub problem: Option<String>,
    /// Its backups, newest first.
    pub backups: Vec<BackupFile>,
}

/// The folder that holds the daily and before-restore copies of `database`.
pub fn backup_folder(database: &Path) -> PathBuf {
    match database.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.join("backups"),
        _ => PathBuf::from("backups"),
    }
}

fn file_name(database: &Path) -> String {
    database
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "debrief.db".to_string())
}

/// Every backup of `database`, newest first. A missing backup folder means no backups.
pub fn list_backups(database: &Path) -> Result<Vec<BackupFile>> {
    let name = file_name(database);
    let mut found = Vec::new();
    let folder = backup_folder(database);
    for kind in [BackupKind::Daily, BackupKind::BeforeRestore] {
        let prefix = format!("{name}.{}-", kind.label());
        found.extend(backups_in(&folder, &prefix, ".db", kind)?);
    }
    // Migration copies sit beside the database: `<file>.v<N>-<time>.bak`.
    let beside = database
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    found.extend(backups_in(
        beside,
        &format!("{name}.v"),
        ".bak",
        BackupKind::BeforeMigration,
    )?);
    found.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(a.path.cmp(&b.path)));
    Ok(found)
}

fn backups_in(
    folder: &Path,
    prefix: &str,
    suffix: &str,
    kind: BackupKind,
) -> Result<Vec<BackupFile>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(Error::Io {
                context: format!("cannot list the backups in {}", folder.display()),
                source,
            })
        }
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(text) = file_name.to_str() else {
            continue;
        };
        let Some(middle) = text
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(suffix))
        else {
            continue;
        };
        // Migration copies carry the version first: `3-20261127T101500Z`.
        let stamp = match kind {
            BackupKind::BeforeMigration => match middle.split_once('-') {
                Some((version, stamp)) if version.bytes().all(|b| b.is_ascii_digit()) => stamp,
                _ => continue,
            },
            _ => middle,
        };
        let Ok(taken) = NaiveDateTime::parse_from_str(stamp, STAMP) else {
            continue;
        };
        let Ok(metadata) = entry.metadata() else {
            continue;
        };
        if !metadata.is_file() {
            continue;
        }
        found.push(BackupFile {
            path: entry.path(),
            kind,
            taken_at: taken.and_utc(),
            bytes: metadata.len(),
        });
    }
    Ok(found)
}

impl Store {
    /// Takes the daily copy if the newest one is a day old or more (or there is none), and keeps
    /// the last [`DAILY_KEPT`]. Returns the new copy, or `None` when none was due or the store is
    /// in memory.
    pub fn daily_backup(&self, now: DateTime<Utc>) -> Result<Option<BackupFile>> {
        let Some(database) = self.path() else {
            return Ok(None);
        };
        let daily: Vec<BackupFile> = list_backups(database)?
            .into_iter()
            .filter(|backup| backup.kind == BackupKind::Daily)
            .collect();
        if daily
            .first()
            .is_some_and(|newest| now - newest.taken_at < chrono::Duration::days(1))
        {
            return Ok(None);
        }
        let folder = backup_folder(database);
        create_folder(&folder)?;
        let target = folder.join(format!(
            "{}.{}-{}.db",
            file_name(database),
            BackupKind::Daily.label(),
            now.format(STAMP)
        ));
        files::write_atomically(&target, Existing::Refuse, |temporary| {
            self.backup_to(temporary.path())
        })?;
        // The oldest copies beyond the last seven go; a copy that cannot be removed stays.
        let mut daily = list_backups(database)?
            .into_iter()
            .filter(|backup| backup.kind == BackupKind::Daily);
        let mut taken = None;
        for (index, backup) in daily.by_ref().enumerate() {
            if backup.path == target {
                taken = Some(backup.clone());
            }
            if index >= DAILY_KEPT {
                let _ = std::fs::remove_file(&backup.path);
            }
        }
        Ok(taken)
    }
}

fn create_folder(folder: &Path) -> Result<()> {
    std::fs::create_dir_all(folder).map_err(|source| Error::Io {
        context: format!(
            "cannot create the backup folder {}: check that its parent is writable",
            folder.display()
        ),
        source,
    })
}

/// Checks that `backup` is a readable Debrief database this version can open, and returns how
/// many reports it holds. The file is read as immutable: nothing is written, not even a journal.
pub fn verify_backup(backup: &Path) -> Result<i64> {
    let refuse = |reason: String| {
        Error::Invalid(format!(
            "{} cannot be restored: {reason}; nothing was changed: choose another backup",
            backup.display()
        ))
    };
    match inspect_file(backup) {
        Ok(true) => {}
        Ok(false) => return Err(refuse("the file is missing or empty".to_string())),
        Err(error) => return Err(refuse(reason_of(error))),
    }
    let version = read_version(backup).map_err(|error| refuse(reason_of(error)))?;
    if version == 0 {
        return Err(refuse("it holds no Debrief library".to_string()));
    }
    if version > LATEST_VERSION {
        return Err(refuse(format!(
            "it was written by a newer version of Debrief (schema {version}; this version knows \
             up to {LATEST_VERSION}); update Debrief to restore it"
        )));
    }
    let connection = open_immutable(backup).map_err(|error| refuse(error.to_string()))?;
    let integrity: String = connection
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .map_err(|error| refuse(error.to_string()))?;
    if integrity != "ok" {
        return Err(refuse(format!("it is damaged ({integrity})")));
    }
    connection
        .query_row("SELECT count(*) FROM postmortems", [], |row| row.get(0))
        .map_err(|error| refuse(error.to_string()))
}

fn reason_of(error: Error) -> String {
    match error {
        Error::Database { reason, .. } => reason,
        other => other.to_string(),
    }
}

fn open_immutable(path: &Path) -> rusqlite::Result<Connection> {
    Connection::open_with_flags(
        format!("file:{}?immutable=1", uri_path(path)),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )
}

/// Replaces the database at `database` with a copy of `backup`, after copying the current file
/// (if there is one) into the backup folder. The database must not be open in this process; if
/// another program has it open, nothing is changed and the error says so.
///
/// A current file that SQLite can read is copied with the backup API; one that it cannot read
/// (damaged, or not a database at all) is copied byte for byte together with its journal files,
/// so that nothing is lost either way. The restored database is opened afterwards as usual, which
/// upgrades an older backup (after its own before-migration copy).
pub fn restore_backup(
    database: &Path,
    backup: &Path,
    now: DateTime<Utc>,
) -> Result<RestoreOutcome> {
    if let (Ok(a), Ok(b)) = (database.canonicalize(), backup.canonicalize()) {
        if a == b {
            return Err(Error::Invalid(format!(
                "{} is the database itself; nothing was changed: choose a backup file",
                backup.display()
            )));
        }
    }
    let reports = verify_backup(backup)?;
    let previous_copy = copy_current(database, now)?;
    // The copy of the backup takes the database's place in one rename. Journal files of the old
    // database were copied above and must not be applied to the restored one.
    files::write_atomically(database, Existing::Replace, |temporary| {
        let mut source = std::fs::File::open(backup).map_err(|source| Error::Io {
            context: format!("cannot read {}", backup.display()),
            source,
        })?;
        std::io::copy(&mut source, temporary.as_file_mut()).map_err(|source| Error::Io {
            context: format!("cannot copy {}", backup.display()),
            source,
        })?;
        for suffix in ["-wal", "-shm", "-journal"] {
            let journal = sibling(database, suffix);
            match std::fs::remove_file(&journal) {
                Ok(()) => {}
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => {
                    return Err(Error::Io {
                        context: format!(
                            "cannot remove {} of the replaced database; nothing was changed",
                            journal.display()
                        ),
                        source,
                    })
                }
            }
        }
        Ok(())
    })?;
    Ok(RestoreOutcome {
        previous_copy,
        reports,
    })
}

fn sibling(database: &Path, suffix: &str) -> PathBuf {
    let mut name = database.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Copies the database about to be replaced into the backup folder; `None` if there is none.
fn copy_current(database: &Path, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
    let exists = std::fs::metadata(database).is_ok_and(|m| m.is_file() && m.len() > 0);
    if !exists {
        return Ok(None);
    }
    let folder = backup_folder(database);
    create_folder(&folder)?;
    let target = folder.join(format!(
        "{}.{}-{}.db",
        file_name(database),
        BackupKind::BeforeRestore.label(),
        now.format(STAMP)
    ));
    let readable = inspect_file(database).is_ok() && read_version(database).is_ok();
    if readable {
        // Leaving WAL mode needs every other connection closed: it is how a restore learns that
        // another window or command still has the database open. It also folds the WAL into the
        // file, so the copy and the file agree.
        let connection = Connection::open_with_flags(
            database,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|error| {
            Error::database(database, format!("cannot open it to copy it: {error}"))
        })?;
        let mode: String = connection
            .query_row("PRAGMA journal_mode = DELETE", [], |row| row.get(0))
            .map_err(|error| in_use(database, error))?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(in_use(database, rusqlite::Error::InvalidQuery));
        }
        files::write_atomically(&target, Existing::Refuse, |temporary| {
            backup_connection(&connection, temporary.path())
        })?;
    } else {
        files::write_atomically(&target, Existing::Refuse, |temporary| {
            let mut source = std::fs::File::open(database).map_err(|source| Error::Io {
                context: format!("cannot read {}", database.display()),
                source,
            })?;
            std::io::copy(&mut source, temporary.as_file_mut())
                .map(drop)
                .map_err(|source| Error::Io {
                    context: format!("cannot copy {}", database.display()),
                    source,
                })
        })?;
        for suffix in ["-wal", "-journal"] {
            let journal = sibling(database, suffix);
            if journal.exists() {
                let mut copy = target.clone().into_os_string();
                copy.push(suffix);
                std::fs::copy(&journal, PathBuf::from(copy)).map_err(|source| Error::Io {
                    context: format!("cannot copy {}; nothing was changed", journal.display()),
                    source,
                })?;
            }
        }
    }
    Ok(Some(target))
}

fn in_use(database: &Path, error: rusqlite::Error) -> Error {
    Error::Invalid(format!(
        "{} is open in another Debrief window or command ({error}); nothing was changed: close \
         it and restore again",
        database.display()
    ))
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "a test fails loudly at its first surprise"
)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
    }

    fn library(folder: &Path, titles: &[&str]) -> PathBuf {
        let path = folder.join("library.db");
        let store = Store::open(&path, at(1, 8)).unwrap();
        for title in titles {
            store.create(title, "UTC", at(1, 8)).unwrap();
        }
        path
    }

    fn titles(path: &Path) -> Vec<String> {
        let store = Store::open(path, at(28, 0)).unwrap();
        let mut titles: Vec<String> = store.list().unwrap().into_iter().map(|s| s.title).collect();
        titles.sort();
        titles
    }

    #[test]
    fn a_daily_copy_is_taken_at_most_once_a_day_and_the_last_seven_are_kept() {
        let folder = tempfile::tempdir().unwrap();
        let path = library(folder.path(), &["Queue backlog"]);
        let store = Store::open(&path, at(1, 9)).unwrap();

        let first = store.daily_backup(at(1, 9)).unwrap().unwrap();
        assert_eq!(first.kind, BackupKind::Daily);
        assert_eq!(first.taken_at, at(1, 9));
        assert!(first.path.starts_with(folder.path().join("backups")));
        assert_eq!(
            store.daily_backup(at(1, 23)).unwrap(),
            None,
            "not twice a day"
        );
        assert_eq!(
            store.daily_backup(at(2, 8)).unwrap(),
            None,
            "23 hours later"
        );
        assert!(
            store.daily_backup(at(2, 9)).unwrap().is_some(),
            "a day later"
        );

        for day in 3..=12 {
            assert!(store.daily_backup(at(day, 9)).unwrap().is_some());
        }
        let kept = list_backups(&path).unwrap();
        assert_eq!(kept.len(), DAILY_KEPT);
        assert_eq!(kept[0].taken_at, at(12, 9), "newest first");
        assert_eq!(kept[DAILY_KEPT - 1].taken_at, at(6, 9));
        // Each copy is a standalone, healthy database with the reports.
        assert_eq!(verify_backup(&kept[0].path).unwrap(), 1);
        let names: Vec<_> = std::fs::read_dir(folder.path().join("backups"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names
                .iter()
                .all(|n| !n.ends_with("-wal") && !n.ends_with(".tmp")),
            "{names:?}"
        );
    }

    #[test]
    fn an_in_memory_store_takes_no_copy() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.daily_backup(at(1, 9)).unwrap(), None);
    }

    #[test]
    fn the_list_holds_every_kind_and_ignores_other_files() {
        let folder = tempfile::tempdir().unwrap();
        let path = library(folder.path(), &["One"]);
        let store = Store::open(&path, at(1, 9)).unwrap();
        store.daily_backup(at(1, 9)).unwrap();
        drop(store);
        std::fs::write(
            folder.path().join("library.db.v1-20261101T070000Z.bak"),
            b"x",
        )
        .unwrap();
        std::fs::write(folder.path().join("backups/notes.txt"), b"x").unwrap();
        std::fs::write(
            folder
                .path()
                .join("backups/other.db.daily-20261101T070000Z.db"),
            b"x",
        )
        .unwrap();
        std::fs::write(
            folder.path().join("backups/library.db.daily-garbage.db"),
            b"x",
        )
        .unwrap();
        let backups = list_backups(&path).unwrap();
        let kinds: Vec<_> = backups.iter().map(|b| (b.kind, b.taken_at)).collect();
        assert_eq!(
            kinds,
            [
                (BackupKind::Daily, at(1, 9)),
                (BackupKind::BeforeMigration, at(1, 7))
            ]
        );
    }

    #[test]
    fn a_restore_copies_the_current_file_first_then_replaces_it() {
        let folder = tempfile::tempdir().unwrap();
        let path = library(folder.path(), &["First", "Second"]);
        let store = Store::open(&path, at(2, 9)).unwrap();
        let daily = store.daily_backup(at(2, 9)).unwrap().unwrap();
        store
            .create("Written after the backup", "UTC", at(2, 10))
            .unwrap();
        drop(store);

        let outcome = restore_backup(&path, &daily.path, at(3, 9)).unwrap();
        assert_eq!(outcome.reports, 2);
        assert_eq!(titles(&path), ["First", "Second"]);
        let previous = outcome.previous_copy.unwrap();
        assert_eq!(
            titles(&previous),
            ["First", "Second", "Written after the backup"],
            "the replaced file is kept"
        );
        assert_eq!(
            list_backups(&path).unwrap()[0].kind,
            BackupKind::BeforeRestore
        );
        assert!(daily.path.exists(), "the backup itself is left as it was");
    }

    #[test]
    fn a_database_open_elsewhere_is_not_replaced() {
        let folder = tempfile::tempdir().unwrap();
        let path = library(folder.path(), &["First"]);
        let store = Store::open(&path, at(2, 9)).unwrap();
        let daily = store.daily_backup(at(2, 9)).unwrap().unwrap();
        store
            .create("Still being written", "UTC", at(2, 10))
            .unwrap();

        let error = restore_backup(&path, &daily.path, at(3, 9)).unwrap_err();
        assert!(error.to_string().contains("open in another"), "{error}");
        assert_eq!(
            store.list().unwrap().len(),
            2,
            "the open library is untouched"
        );
        drop(store);
        assert_eq!(titles(&path), ["First", "Still being written"]);
    }

    #[test]
    fn a_damaged_database_is_kept_byte_for_byte_before_the_restore() {
        let folder = tempfile::tempdir().unwrap();
        let good = tempfile::tempdir().unwrap();
        let source = library(good.path(), &["Recovered"]);
        let path = folder.path().join("library.db");
        let garbage = b"not a database, but someone's only copy".repeat(50);
        std::fs::write(&path, &garbage).unwrap();
        std::fs::write(sibling(&path, "-wal"), b"a journal").unwrap();

        let outcome = restore_backup(&path, &source, at(3, 9)).unwrap();
        let previous = outcome.previous_copy.unwrap();
        assert_eq!(std::fs::read(&previous).unwrap(), garbage);
        assert_eq!(
            std::fs::read(sibling(&previous, "-wal")).unwrap(),
            b"a journal"
        );
        assert!(
            !sibling(&path, "-wal").exists(),
            "the old journal is not applied"
        );
        assert_eq!(titles(&path), ["Recovered"]);
    }

    #[test]
    fn a_bad_backup_is_refused_and_nothing_changes() {
        let folder = tempfile::tempdir().unwrap();
        let path = library(folder.path(), &["Keep me"]);
        let before = std::fs::read(&path).unwrap();
        let cases: [(&str, Vec<u8>, &str); 3] = [
            ("garbage.db", b"garbage".repeat(100), "not SQLite"),
            ("empty.db", Vec::new(), "missing or empty"),
            (
                "truncated.db",
                before[..before.len() / 2].to_vec(),
                "truncated",
            ),
        ];
        for (name, bytes, expected) in cases {
            let backup = folder.path().join(name);
            std::fs::write(&backup, bytes).unwrap();
            let error = restore_backup(&path, &backup, at(3, 9)).unwrap_err();
            assert!(error.to_string().contains(expected), "{name}: {error}");
        }
        let error = restore_backup(&path, &path, at(3, 9)).unwrap_err();
        assert!(error.to_string().contains("the database itself"), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert!(
            !folder.path().join("backups").exists(),
            "no copy was needed"
        );
    }

    #[test]
    fn a_backup_from_a_newer_version_is_refused() {
        let folder = tempfile::tempdir().unwrap();
        let path = library(folder.path(), &["Keep me"]);
        let newer = folder.path().join("newer.db");
        {
            let connection = Connection::open(&newer).unwrap();
            connection
                .execute_batch(&format!(
                    "CREATE TABLE postmortems (id TEXT); PRAGMA user_version = {};",
                    LATEST_VERSION + 1
                ))
                .unwrap();
        }
        let error = restore_backup(&path, &newer, at(3, 9)).unwrap_err();
        assert!(error.to_string().contains("newer version"), "{error}");
        assert_eq!(titles(&path), ["Keep me"]);
    }
}
