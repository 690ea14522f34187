//! Importing files into the library: each file is read, recognised and stored on its own, so one
//! bad file never stops the others and a report is stored whole or not at all.

use crate::model::PostmortemSummary;
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;
use ts_rs::TS;

/// Files larger than this are refused before they are parsed: even a long postmortem is far
/// smaller.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What became of one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FileImport {
    /// The path as given.
    pub path: String,
    /// The file's name, for messages.
    pub name: String,
    /// The new report's library row, when the file was imported.
    pub report: Option<PostmortemSummary>,
    /// Why the file was refused, when it was, and what to do about it.
    pub error: Option<String>,
}

fn read(path: &Path, name: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|error| {
            format!("{name} could not be read ({error}); check that the file exists and that you may read it")
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "{name} is larger than {} MiB, far too large for a postmortem; check that it is the right file",
            MAX_FILE_BYTES / 1024 / 1024
        ));
    }
    Ok(bytes)
}

/// Imports each file as a new report made at `now`, in the order given.
pub fn import_files(
    store: &Store,
    paths: &[impl AsRef<Path>],
    now: DateTime<Utc>,
) -> Vec<FileImport> {
    paths
        .iter()
        .map(|path| {
            let path = path.as_ref();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string());
            let outcome = read(path, &name).and_then(|bytes| {
                let report = super::from_bytes(&bytes, now).map_err(|e| e.to_string())?;
                store
                    .insert(&report, now)
                    .map(|stored| stored.summary_row())
                    .map_err(|e| e.to_string())
            });
            let (report, error) = match outcome {
                Ok(summary) => (Some(summary), None),
                Err(error) => (None, Some(error)),
            };
            FileImport {
                path: path.display().to_string(),
                name,
                report,
                error,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::at;

    #[test]
    fn each_file_is_imported_or_refused_on_its_own() {
        let folder = tempfile::tempdir().unwrap();
        let good = folder.path().join("outage.md");
        std::fs::write(
            &good,
            "# Queue outage\n\n## Timeline\n\n2024-03-01\n\n- 10:00 UTC Alert fired\n",
        )
        .unwrap();
        let binary = folder.path().join("photo.png");
        std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0").unwrap();
        let missing = folder.path().join("missing.md");
        let store = Store::open_in_memory().unwrap();
        let outcomes = import_files(&store, &[&good, &binary, &missing], at(12, 0));
        assert_eq!(outcomes.len(), 3);
        let report = outcomes[0].report.as_ref().unwrap();
        assert_eq!(report.title, "Queue outage");
        assert_eq!(outcomes[0].name, "outage.md");
        assert!(outcomes[1].report.is_none());
        assert!(outcomes[1].error.as_deref().unwrap().contains("not UTF-8"));
        assert!(outcomes[2]
            .error
            .as_deref()
            .unwrap()
            .contains("missing.md could not be read"));
        let stored = store.list().unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(store.get(report.id).unwrap().timeline.len(), 1);
    }
}
