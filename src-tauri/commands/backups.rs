//! Commands of the Backups view and of the screen shown when the database cannot be opened: the
//! list of backups, a restore, another database file, and the daily copy taken at start.

use super::{CommandResult, IpcError, Library};
use chrono::{DateTime, Utc};
use debrief_core::store::{self, BackupFile, LibraryFile, RestoreOutcome};
use debrief_core::ErrorCode;
use serde::Deserialize;
use std::path::PathBuf;
use tauri::State;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PathRequest {
    pub path: PathBuf,
}

/// The library's file, whether it is open, and its backups.
pub fn library_file(library: &Library) -> CommandResult<LibraryFile> {
    let path = library.path();
    let backups = match &path {
        Some(path) => store::list_backups(path)?,
        None => Vec::new(),
    };
    Ok(LibraryFile {
        problem: library.store().err().map(|error| error.message),
        path,
        backups,
    })
}

/// Replaces the library with the backup at `request.path` (after a copy of the current file) and
/// opens it.
pub fn restore(
    library: &Library,
    request: PathRequest,
    now: DateTime<Utc>,
) -> CommandResult<RestoreOutcome> {
    let outcome = library.with_file_closed(now, |database| {
        store::restore_backup(database, &request.path, now)
    })?;
    // The restored file opened as usual, or the library says why not.
    library.store().map(drop)?;
    Ok(outcome)
}

/// Opens the database at `request.path` instead (created if it does not exist).
pub fn open_other(
    library: &Library,
    request: PathRequest,
    now: DateTime<Utc>,
) -> CommandResult<()> {
    if request.path.is_dir() {
        return Err(IpcError {
            code: ErrorCode::Invalid,
            message: format!(
                "{} is a folder; choose a database file",
                request.path.display()
            ),
        });
    }
    library.open_other(request.path, now)
}

/// The daily copy, if one is due. Taken in the background at start; a failure is reported and
/// changes nothing.
pub fn daily_backup(library: &Library, now: DateTime<Utc>) -> CommandResult<Option<BackupFile>> {
    Ok(library.store()?.daily_backup(now)?)
}

#[tauri::command]
pub async fn get_library_file(library: State<'_, Library>) -> CommandResult<LibraryFile> {
    library_file(&library)
}

#[tauri::command]
pub async fn restore_library(
    app: tauri::AppHandle,
    library: State<'_, Library>,
    request: PathRequest,
) -> CommandResult<RestoreOutcome> {
    let outcome = restore(&library, request, Utc::now());
    crate::check_library_in_background(&app, crate::AfterCheck::Nothing);
    outcome
}

#[tauri::command]
pub async fn open_library_file(
    app: tauri::AppHandle,
    library: State<'_, Library>,
    request: PathRequest,
) -> CommandResult<()> {
    open_other(&library, request, Utc::now())?;
    crate::check_library_in_background(&app, crate::AfterCheck::Nothing);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::open_library_at;
    use chrono::TimeZone;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap()
    }

    fn titles(library: &Library) -> Vec<String> {
        let mut titles: Vec<String> = library
            .store()
            .unwrap()
            .list()
            .unwrap()
            .into_iter()
            .map(|report| report.title)
            .collect();
        titles.sort();
        titles
    }

    #[test]
    fn an_open_library_is_restored_from_its_daily_copy_and_opened_again() {
        let folder = tempfile::tempdir().unwrap();
        let library = open_library_at(folder.path().join("library.db"), at(1));
        library
            .store()
            .unwrap()
            .create("Before", "UTC", at(1))
            .unwrap();
        let daily = daily_backup(&library, at(1)).unwrap().unwrap();
        assert_eq!(daily_backup(&library, at(1)).unwrap(), None, "once a day");
        library
            .store()
            .unwrap()
            .create("After", "UTC", at(1))
            .unwrap();

        let file = library_file(&library).unwrap();
        assert_eq!(file.problem, None);
        assert_eq!(file.backups, std::slice::from_ref(&daily));

        let outcome = restore(&library, PathRequest { path: daily.path }, at(2)).unwrap();
        assert_eq!(outcome.reports, 1);
        assert_eq!(
            titles(&library),
            ["Before"],
            "the window works on the restored file"
        );
        assert!(outcome.previous_copy.is_some());
        assert_eq!(library_file(&library).unwrap().backups.len(), 2);
    }

    #[test]
    fn a_damaged_library_is_replaced_by_a_backup_and_then_opens() {
        let good = tempfile::tempdir().unwrap();
        let source = open_library_at(good.path().join("good.db"), at(1));
        source
            .store()
            .unwrap()
            .create("Saved", "UTC", at(1))
            .unwrap();
        let backup = good.path().join("copy.db");
        source.store().unwrap().backup_to(&backup).unwrap();

        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("library.db");
        std::fs::write(&path, b"damaged".repeat(200)).unwrap();
        let library = open_library_at(path, at(2));
        let file = library_file(&library).unwrap();
        assert!(file.problem.unwrap().contains("not SQLite"));

        restore(&library, PathRequest { path: backup }, at(2)).unwrap();
        assert_eq!(titles(&library), ["Saved"]);
    }

    #[test]
    fn a_bad_backup_leaves_the_open_library_as_it_was() {
        let folder = tempfile::tempdir().unwrap();
        let library = open_library_at(folder.path().join("library.db"), at(1));
        library
            .store()
            .unwrap()
            .create("Keep me", "UTC", at(1))
            .unwrap();
        let garbage = folder.path().join("garbage.db");
        std::fs::write(&garbage, b"garbage".repeat(100)).unwrap();

        let error = restore(&library, PathRequest { path: garbage }, at(2)).unwrap_err();
        assert_eq!(error.code, ErrorCode::Invalid);
        assert!(
            error.message.contains("nothing was changed"),
            "{}",
            error.message
        );
        assert_eq!(titles(&library), ["Keep me"], "still open and unchanged");
    }

    #[test]
    fn another_file_can_be_opened_and_a_bad_one_changes_nothing() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("damaged.db");
        std::fs::write(&path, b"damaged".repeat(200)).unwrap();
        let library = open_library_at(path, at(1));
        assert!(library.store().is_err());

        let other = folder.path().join("other.db");
        open_other(
            &library,
            PathRequest {
                path: other.clone(),
            },
            at(1),
        )
        .unwrap();
        assert_eq!(library.path(), Some(other.clone()));
        assert!(library.store().unwrap().list().unwrap().is_empty());

        let error = open_other(
            &library,
            PathRequest {
                path: folder.path().to_path_buf(),
            },
            at(1),
        )
        .unwrap_err();
        assert!(error.message.contains("is a folder"));
        let garbage = folder.path().join("damaged.db");
        assert!(open_other(&library, PathRequest { path: garbage }, at(1)).is_err());
        assert_eq!(library.path(), Some(other), "still the file that opened");
    }
}
