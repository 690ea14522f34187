//! Which database file a command uses, and how it is opened.
//!
//! Commands that only read never create a file: with no database yet, the library is simply empty.
//! Commands that write create the file on first use. Only the default location's folder is
//! created on the way; a folder named by `--db` or `DEBRIEF_DB` must already exist, so that a typo
//! in a path never scatters new directories.

use anyhow::Context;
use chrono::{DateTime, Utc};
use debrief_core::store::{resolve_database_path, Store};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The database file chosen for this run.
#[derive(Debug, Clone)]
pub struct Database {
    pub path: PathBuf,
    /// True when neither `--db` nor `DEBRIEF_DB` named a file.
    is_default: bool,
}

impl Database {
    /// `explicit` is `--db` (which clap also fills from `DEBRIEF_DB`).
    pub fn locate(explicit: Option<OsString>) -> anyhow::Result<Database> {
        // An empty `DEBRIEF_DB=` means "not set", as it does for the desktop app.
        let explicit = explicit.filter(|path| !path.is_empty()).map(PathBuf::from);
        let is_default = explicit.is_none();
        let path = resolve_database_path(explicit.as_deref())?;
        Ok(Database { path, is_default })
    }

    /// Opens the database to write to it, creating the file (and, at the default location only,
    /// its folder) when it does not exist yet.
    pub fn open_for_writing(&self, now: DateTime<Utc>) -> anyhow::Result<Store> {
        if self.is_default {
            if let Some(folder) = self.path.parent() {
                std::fs::create_dir_all(folder).with_context(|| {
                    format!(
                        "cannot create the data folder {}: check its permissions, or choose a \
                         database with --db",
                        folder.display()
                    )
                })?;
            }
        }
        Ok(Store::open(&self.path, now)?)
    }

    /// Opens the database to read it. When there is no file yet, the library is empty and an empty
    /// store in memory stands in for it, so that nothing is created on disk.
    pub fn open_for_reading(&self, now: DateTime<Utc>) -> anyhow::Result<Store> {
        if self.exists() || (!self.is_default && !folder_exists(&self.path)) {
            // A missing folder for an explicit path is a mistake worth reporting; the store's open
            // says so (naming the file) before it touches anything.
            return Ok(Store::open(&self.path, now)?);
        }
        Ok(Store::open_in_memory()?)
    }

    /// Opens a database that must already exist, for commands that make no sense on an empty one.
    pub fn open_existing(&self, now: DateTime<Utc>) -> anyhow::Result<Store> {
        if !self.exists() && (self.is_default || folder_exists(&self.path)) {
            return Err(crate::failure::input(format!(
                "{}: there is no database here yet, so nothing was done: check the path, or \
                 start a report with `debrief-cli new` first",
                self.path.display()
            )));
        }
        Ok(Store::open(&self.path, now)?)
    }

    fn exists(&self) -> bool {
        self.path.exists()
    }
}

fn folder_exists(path: &Path) -> bool {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.is_dir(),
        _ => true,
    }
}
