//! Import of files into the library: the files the author picked in the open dialog or dropped on
//! the window, each imported or refused on its own.

use super::{CommandResult, Library};
use chrono::{DateTime, Utc};
use debrief_core::import::FileImport;
use debrief_core::store::Store;
use serde::Deserialize;
use std::path::PathBuf;
use tauri::State;

/// Under WebDriver the native open dialog cannot be driven; the end-to-end tests name the files
/// to import here instead (a list in the platform's path-list form, like `PATH`).
pub const AUTOMATION_IMPORT_PATHS_ENV: &str = "DEBRIEF_AUTOMATION_IMPORT_PATHS";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportFilesRequest {
    pub paths: Vec<String>,
}

/// Imports each file as a new report and says what became of each.
pub fn import(store: &Store, request: ImportFilesRequest, now: DateTime<Utc>) -> Vec<FileImport> {
    let paths: Vec<PathBuf> = request.paths.iter().map(PathBuf::from).collect();
    debrief_core::import::import_files(store, &paths, now)
}

/// The files the end-to-end tests set, if the app runs under WebDriver.
pub fn automation_paths(
    automation: Option<&str>,
    paths: Option<std::ffi::OsString>,
) -> Option<Vec<String>> {
    if automation != Some("true") {
        return None;
    }
    let paths = paths.filter(|p| !p.is_empty())?;
    Some(
        std::env::split_paths(&paths)
            .map(|p| p.display().to_string())
            .collect(),
    )
}

#[tauri::command]
pub async fn import_files(
    library: State<'_, Library>,
    request: ImportFilesRequest,
) -> CommandResult<Vec<FileImport>> {
    Ok(import(&*library.store()?, request, Utc::now()))
}

#[tauri::command]
pub async fn automation_import_paths() -> CommandResult<Option<Vec<String>>> {
    Ok(automation_paths(
        std::env::var("TAURI_WEBVIEW_AUTOMATION").ok().as_deref(),
        std::env::var_os(AUTOMATION_IMPORT_PATHS_ENV),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn each_file_has_its_outcome() {
        let folder = tempfile::tempdir().unwrap();
        let good = folder.path().join("good.md");
        std::fs::write(&good, "# Disk full\n\n## Summary\n\nThe disk filled up.\n").unwrap();
        let store = Store::open_in_memory().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 3, 12, 9, 0, 0).unwrap();
        let request = ImportFilesRequest {
            paths: vec![
                good.display().to_string(),
                folder.path().join("nope.md").display().to_string(),
            ],
        };
        let outcomes = import(&store, request, now);
        assert_eq!(
            outcomes[0].report.as_ref().map(|r| r.title.as_str()),
            Some("Disk full")
        );
        assert!(outcomes[1]
            .error
            .as_deref()
            .unwrap_or("")
            .contains("nope.md"));
        assert_eq!(store.list().unwrap().len(), 1);
    }

    #[test]
    fn automation_paths_only_under_webdriver() {
        let list = std::env::join_paths(["/a/one.md", "/b/two.md"]).unwrap();
        assert_eq!(automation_paths(None, Some(list.clone())), None);
        assert_eq!(
            automation_paths(Some("true"), Some(list)),
            Some(vec!["/a/one.md".to_string(), "/b/two.md".to_string()])
        );
        assert_eq!(automation_paths(Some("true"), Some("".into())), None);
    }
}
