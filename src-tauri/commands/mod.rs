//! The Tauri commands, one module per area, and what they share: the library state and the error
//! that crosses IPC.
//!
//! A command is a thin adapter. Its body is a plain function over `&Store` (tested here with an
//! in-memory store and no window); the `#[tauri::command]` wrapper only fetches the state, takes the
//! time, and calls it.

pub mod backups;
pub mod export;
pub mod hints;
pub mod history;
pub mod import;
pub mod reports;

use chrono::{DateTime, Utc};
use debrief_core::store::{FileCheck, Store};
use debrief_core::ErrorCode;
use parking_lot::{MappedRwLockReadGuard, RwLock, RwLockReadGuard};
use std::path::{Path, PathBuf};

/// A failed command as the UI receives it: `{ code, message }`. Defined in the core so its
/// TypeScript type is generated with the others.
pub use debrief_core::IpcError;

pub type CommandResult<T> = Result<T, IpcError>;

/// The database the window works on, or why it could not be opened.
///
/// A database that cannot be opened (damaged, foreign, written by a newer version) is not an
/// error that stops the app: the window opens and says what is wrong, and every command answers
/// with that reason. The file itself is never touched. The window can then restore a backup over
/// it or open another file, which is why the state can change while the app runs.
pub struct Library(RwLock<LibraryState>);

pub enum LibraryState {
    Open(Box<Store>),
    Unavailable {
        path: Option<PathBuf>,
        reason: String,
    },
}

impl LibraryState {
    fn path(&self) -> Option<&Path> {
        match self {
            LibraryState::Open(store) => store.path(),
            LibraryState::Unavailable { path, .. } => path.as_deref(),
        }
    }
}

impl Library {
    pub fn new(state: LibraryState) -> Library {
        Library(RwLock::new(state))
    }

    /// The database file, whether or not it could be opened.
    pub fn path(&self) -> Option<PathBuf> {
        self.0.read().path().map(Path::to_path_buf)
    }

    /// The store, or the reason there is none as a `database` error. Commands hold it only while
    /// they run; a restore waits for them.
    pub fn store(&self) -> CommandResult<MappedRwLockReadGuard<'_, Store>> {
        RwLockReadGuard::try_map(self.0.read(), |state| match state {
            LibraryState::Open(store) => Some(&**store),
            LibraryState::Unavailable { .. } => None,
        })
        .map_err(|state| match &*state {
            LibraryState::Unavailable { reason, .. } => IpcError {
                code: ErrorCode::Database,
                message: reason.clone(),
            },
            LibraryState::Open(_) => IpcError {
                code: ErrorCode::Internal,
                message: "the library could not be read; try again".to_string(),
            },
        })
    }

    /// Runs `read` on the open store. A read that finds the file damaged (a malformed page read
    /// before the check that follows the start got that far) closes the library as the check
    /// would (`mark_damaged`), and the answer says what to do.
    pub fn read<T>(
        &self,
        read: impl FnOnce(&Store) -> debrief_core::Result<T>,
    ) -> CommandResult<T> {
        let outcome = read(&*self.store()?);
        match outcome {
            Err(error) if error.is_damaged_file() => {
                let reason = self
                    .path()
                    .and_then(|path| self.mark_damaged(&path, &error.to_string()));
                Err(match reason {
                    Some(message) => IpcError {
                        code: ErrorCode::Database,
                        message,
                    },
                    None => error.into(),
                })
            }
            outcome => Ok(outcome?),
        }
    }

    /// Starts a check of the open library's file: writes wait for it. `None` when no file is
    /// open.
    pub fn check_file(&self) -> Option<FileCheck> {
        match &*self.0.read() {
            LibraryState::Open(store) => store.check_file_later(),
            LibraryState::Unavailable { .. } => None,
        }
    }

    /// Closes the library at `path`, found damaged by its check, leaving the file as it is; every
    /// command then answers with the returned message. `None` when another file is open by now.
    pub fn mark_damaged(&self, path: &Path, detail: &str) -> Option<String> {
        let mut state = self.0.write();
        if state.path() != Some(path) || !matches!(*state, LibraryState::Open(_)) {
            return None;
        }
        let reason = format!(
            "{}: this database is damaged ({detail}); it was left unchanged: restore a backup or \
             choose another file",
            path.display()
        );
        // Dropping the store closes it; the check refused every write, so nothing was written.
        *state = LibraryState::Unavailable {
            path: Some(path.to_path_buf()),
            reason: reason.clone(),
        };
        Some(reason)
    }

    /// Closes the database, runs `change` on its file, and opens the file again, whatever
    /// `change` returned (so a refused restore leaves the library as it was).
    pub fn with_file_closed<T>(
        &self,
        now: DateTime<Utc>,
        change: impl FnOnce(&Path) -> debrief_core::Result<T>,
    ) -> CommandResult<T> {
        let mut state = self.0.write();
        let Some(path) = state.path().map(Path::to_path_buf) else {
            return Err(IpcError {
                code: ErrorCode::Invalid,
                message: "no database file is in use, so there is nothing to restore over: choose \
                          a database file first"
                    .to_string(),
            });
        };
        // Dropping the store closes its connection to the file.
        *state = LibraryState::Unavailable {
            path: Some(path.clone()),
            reason: "the library is being restored; try again in a moment".to_string(),
        };
        let outcome = change(&path);
        *state = crate::open_library_state(path, now);
        Ok(outcome?)
    }

    /// Opens another database file instead of this one. On failure the library stays as it was
    /// and the error says why.
    pub fn open_other(&self, path: PathBuf, now: DateTime<Utc>) -> CommandResult<()> {
        match crate::open_library_state(path, now) {
            LibraryState::Unavailable { reason, .. } => Err(IpcError {
                code: ErrorCode::Database,
                message: reason,
            }),
            open => {
                *self.0.write() = open;
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unavailable_library_answers_every_command_with_its_reason() {
        let library = Library::new(LibraryState::Unavailable {
            path: None,
            reason: "this database was written by a newer version of Debrief".to_string(),
        });
        let Err(error) = library.store() else {
            panic!("an unavailable library has no store");
        };
        assert_eq!(error.code, ErrorCode::Database);
        assert!(error.message.contains("newer version"));
    }
}
