//! A check of every page of the library file, run in the background while the app starts.
//!
//! Opening a library reads only its header and schema, which is quick at any size. Damage further
//! in (a bad disk sector, a file copied while it was written) shows only when those pages are
//! read; a save into a damaged b-tree could make it worse. Reading every page takes seconds on a
//! library of thousands of reports, too long to wait for before the window shows anything. So the
//! store lets reads go on at once and holds every write back until the check has passed; when it
//! finds damage, every write is refused with what was found, and the file is left as it is.

use super::Store;
use crate::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};

/// Whether writes may go ahead.
#[derive(Debug, Clone, PartialEq)]
enum Gate {
    Open,
    Checking,
    Damaged(String),
}

/// Holds writes back while the file is being checked.
#[derive(Debug)]
pub(super) struct WriteGate {
    gate: Mutex<Gate>,
    changed: Condvar,
}

impl WriteGate {
    pub(super) fn open() -> Arc<WriteGate> {
        Arc::new(WriteGate {
            gate: Mutex::new(Gate::Open),
            changed: Condvar::new(),
        })
    }

    fn set(&self, gate: Gate) {
        let mut current = self.gate.lock().unwrap_or_else(|p| p.into_inner());
        *current = gate;
        self.changed.notify_all();
    }

    /// Whether writes may go ahead now (the file is not being checked and was not found damaged).
    pub(super) fn is_open(&self) -> bool {
        *self.gate.lock().unwrap_or_else(|p| p.into_inner()) == Gate::Open
    }

    /// Waits while the file is being checked; an error when it was found damaged.
    pub(super) fn wait(&self, path: Option<&std::path::Path>) -> Result<()> {
        let mut gate = self.gate.lock().unwrap_or_else(|p| p.into_inner());
        while *gate == Gate::Checking {
            gate = self.changed.wait(gate).unwrap_or_else(|p| p.into_inner());
        }
        match &*gate {
            Gate::Damaged(detail) => {
                let message = format!(
                    "this database is damaged ({detail}); nothing was written to it: restore a \
                     backup or choose another file"
                );
                Err(match path {
                    Some(path) => Error::database(path, message),
                    None => Error::Internal(message),
                })
            }
            Gate::Open | Gate::Checking => Ok(()),
        }
    }
}

/// The check of a library's file; writes wait until it has run. See [`Store::check_file_later`].
#[derive(Debug)]
pub struct FileCheck {
    path: PathBuf,
    gate: Arc<WriteGate>,
    done: bool,
}

impl FileCheck {
    /// The file this check reads.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Reads every page of the file on a read-only connection of its own (SQLite's
    /// `quick_check`), so the store's own reads are not held up. Returns what is wrong, or `None`
    /// when the file is sound; writes go ahead in the first case and are refused in the second.
    pub fn run(mut self) -> Option<String> {
        let damage = quick_check(&self.path);
        self.done = true;
        self.gate.set(match &damage {
            None => Gate::Open,
            Some(detail) => Gate::Damaged(detail.clone()),
        });
        damage
    }
}

impl Drop for FileCheck {
    /// A check that never ran leaves the writes refused rather than waiting for ever.
    fn drop(&mut self) {
        if !self.done {
            self.gate
                .set(Gate::Damaged("the file could not be checked".to_string()));
        }
    }
}

fn quick_check(path: &std::path::Path) -> Option<String> {
    let connection = match Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) {
        Ok(connection) => connection,
        Err(error) => return Some(format!("it could not be read: {error}")),
    };
    let found = connection
        .prepare("PRAGMA quick_check")
        .and_then(|mut statement| {
            statement
                .query_map([], |row| row.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<String>>>()
        });
    match found {
        Ok(lines) if lines == ["ok"] => None,
        Ok(lines) => {
            let more = lines.len().saturating_sub(1);
            lines.first().map(|first| match more {
                0 => first.clone(),
                more => format!("{first}, and {more} more problems"),
            })
        }
        Err(error) => Some(error.to_string()),
    }
}

impl Store {
    /// Holds every write back until the returned check has read the whole file; run it on
    /// another thread (reads go on meanwhile). `None` for a store in memory, which has no file.
    pub fn check_file_later(&self) -> Option<FileCheck> {
        let path = self.path.clone()?;
        self.gate.set(Gate::Checking);
        Some(FileCheck {
            path,
            gate: Arc::clone(&self.gate),
            done: false,
        })
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "a test fails loudly at its first surprise"
)]
mod tests {
    use super::*;
    use crate::testing::{at, full_report};
    use std::time::Duration;

    fn library(reports: usize) -> (tempfile::TempDir, PathBuf) {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("library.db");
        let store = Store::open(&path, at(9, 0)).unwrap();
        for _ in 0..reports {
            let mut report = full_report();
            report.id = crate::PostmortemId::new(at(9, 0));
            store.insert(&report, at(9, 0)).unwrap();
        }
        drop(store);
        (folder, path)
    }

    #[test]
    fn writes_wait_for_the_check_and_go_ahead_when_the_file_is_sound() {
        let (_folder, path) = library(3);
        let store = Arc::new(Store::open(&path, at(9, 0)).unwrap());
        let check = store.check_file_later().unwrap();
        // Reads do not wait.
        assert_eq!(store.list().unwrap().len(), 3);
        let writer = {
            let store = Arc::clone(&store);
            std::thread::spawn(move || store.create("Written after the check", "UTC", at(9, 5)))
        };
        std::thread::sleep(Duration::from_millis(50));
        assert!(!writer.is_finished(), "the write waits for the check");
        assert_eq!(store.list().unwrap().len(), 3);
        assert_eq!(check.run(), None);
        writer.join().unwrap().unwrap();
        assert_eq!(store.list().unwrap().len(), 4);
    }

    #[test]
    fn damage_found_by_the_check_refuses_every_write_and_leaves_the_file_unchanged() {
        let (_folder, path) = library(40);
        let store = Store::open(&path, at(9, 0)).unwrap();
        // Damage pages past the schema, as a bad sector would, once the store is open.
        let mut bytes = std::fs::read(&path).unwrap();
        let page = 4096;
        let pages = bytes.len() / page;
        for index in pages / 2..pages {
            bytes[index * page..(index + 1) * page - 8].fill(0x5a);
        }
        std::fs::write(&path, &bytes).unwrap();
        let check = store.check_file_later().unwrap();
        let damage = check.run().expect("the damage is found");
        assert!(!damage.is_empty());
        let error = store.create("Not written", "UTC", at(9, 5)).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("damaged"), "{message}");
        assert!(message.contains("library.db"), "names the file: {message}");
        assert!(
            message.contains("restore a backup"),
            "says what to do: {message}"
        );
        drop(store);
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "nothing was written");
    }

    #[test]
    fn a_check_that_never_runs_refuses_writes_instead_of_holding_them_for_ever() {
        let (_folder, path) = library(1);
        let store = Store::open(&path, at(9, 0)).unwrap();
        drop(store.check_file_later());
        let error = store.create("Not written", "UTC", at(9, 5)).unwrap_err();
        assert!(
            error.to_string().contains("could not be checked"),
            "{error}"
        );
    }

    #[test]
    fn a_store_in_memory_has_nothing_to_check() {
        let store = Store::open_in_memory().unwrap();
        assert!(store.check_file_later().is_none());
        store.create("Written at once", "UTC", at(9, 0)).unwrap();
    }
}
