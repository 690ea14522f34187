//! Files that appear whole or not at all: exports and backups are written to a temporary file in
//! the target's folder, synced, and then renamed over the target. If anything fails, the temporary
//! file is removed and the target is as it was, so a reader never sees half a file, even after a
//! crash.

use crate::{Error, Result};
use std::io::Write;
use std::path::Path;
use tempfile::NamedTempFile;

/// What to do when the target file already exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Replace it (atomically).
    Replace,
    /// Leave it alone and fail with [`Error::Exists`]. The check and the rename are one step, so a
    /// file that appears meanwhile is not replaced either.
    Refuse,
}

/// Writes `path` atomically: `fill` writes the temporary file (whose path it may also hand to
/// another writer, such as SQLite's backup), which then takes the place of `path`.
pub fn write_atomically(
    path: &Path,
    existing: Existing,
    fill: impl FnOnce(&mut NamedTempFile) -> Result<()>,
) -> Result<()> {
    let folder = folder_of(path);
    if !folder.is_dir() {
        return Err(Error::Invalid(format!(
            "{}: the folder {} does not exist; nothing was written: create it or choose another \
             file",
            path.display(),
            folder.display()
        )));
    }
    if path.is_dir() {
        return Err(Error::Invalid(format!(
            "{} is a folder; nothing was written: give the path of a file",
            path.display()
        )));
    }
    if existing == Existing::Refuse && path.symlink_metadata().is_ok() {
        return Err(Error::Exists(path.to_path_buf()));
    }
    let mut temporary = tempfile::Builder::new()
        .prefix(".debrief-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(|source| cannot_write(path, source))?;
    // A replaced file keeps its permissions; a new one stays private to its owner (tempfile's
    // default), since reports hold internal details.
    if let Ok(metadata) = std::fs::metadata(path) {
        let _ = temporary.as_file().set_permissions(metadata.permissions());
    }
    fill(&mut temporary)?;
    temporary
        .as_file()
        .sync_all()
        .map_err(|source| cannot_write(path, source))?;
    match existing {
        Existing::Replace => temporary.persist(path).map(drop),
        Existing::Refuse => temporary.persist_noclobber(path).map(drop),
    }
    .map_err(|error| {
        if error.error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Exists(path.to_path_buf())
        } else {
            cannot_write(path, error.error)
        }
    })?;
    sync_folder(folder);
    Ok(())
}

/// Writes `bytes` to `path` atomically.
pub fn write_file(path: &Path, bytes: &[u8], existing: Existing) -> Result<()> {
    write_atomically(path, existing, |file| {
        file.write_all(bytes)
            .map_err(|source| cannot_write(path, source))
    })
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    }
}

fn cannot_write(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        context: format!(
            "cannot write {}; nothing was written: check that its folder is writable and the disk \
             has room",
            path.display()
        ),
        source,
    }
}

/// Makes the rename itself durable. Best effort: not every platform can sync a folder.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = std::fs::File::open(folder) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "a test fails loudly at its first surprise"
)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// The files in `folder`: no temporary file may be left behind.
    fn names_in(folder: &Path) -> Vec<PathBuf> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn an_atomic_write_replaces_the_whole_file_or_nothing() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("out.md");
        write_file(&path, b"first", Existing::Replace).unwrap();
        write_file(&path, b"second", Existing::Replace).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");

        let failed = write_atomically(&path, Existing::Replace, |file| {
            file.write_all(b"half").unwrap();
            Err(Error::Internal("interrupted".into()))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        assert_eq!(names_in(folder.path()), [path], "a temporary file is left");
    }

    #[test]
    fn refusing_to_replace_leaves_the_file_alone() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("backup.db");
        std::fs::write(&path, b"keep me").unwrap();
        let error = write_file(&path, b"new", Existing::Refuse).unwrap_err();
        assert!(matches!(&error, Error::Exists(p) if *p == path), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), b"keep me");
        assert_eq!(names_in(folder.path()), [path], "a temporary file is left");
    }

    #[test]
    fn a_file_that_appears_while_writing_is_not_replaced() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("report.pdf");
        let error = write_atomically(&path, Existing::Refuse, |file| {
            std::fs::write(&path, b"someone else's").unwrap();
            file.write_all(b"ours").unwrap();
            Ok(())
        })
        .unwrap_err();
        assert!(matches!(error, Error::Exists(_)), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), b"someone else's");
    }

    #[test]
    fn a_new_file_is_private_and_a_replaced_one_keeps_its_permissions() {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let folder = tempfile::tempdir().unwrap();
            let path = folder.path().join("out.md");
            write_file(&path, b"x", Existing::Refuse).unwrap();
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            write_file(&path, b"y", Existing::Replace).unwrap();
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o644);
        }
    }

    #[test]
    fn a_missing_folder_or_a_folder_as_target_is_named() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("nowhere").join("out.md");
        let error = write_file(&path, b"x", Existing::Replace).unwrap_err();
        assert!(error.to_string().contains("does not exist"), "{error}");
        assert!(!path.parent().unwrap().exists());

        let error = write_file(folder.path(), b"x", Existing::Replace).unwrap_err();
        assert!(error.to_string().contains("is a folder"), "{error}");
    }
}
