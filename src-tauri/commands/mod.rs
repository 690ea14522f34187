//! The Tauri commands, one module per area, and what they share: the library state and the error
//! that crosses IPC.
//!
//! A command is a thin adapter. Its body is a plain function over `&Store` (tested here with an
//! in-memory store and no window); the `#[tauri::command]` wrapper only fetches the state, takes the
//! time, and calls it.

pub mod export;
pub mod hints;
pub mod import;
pub mod reports;

use debrief_core::store::Store;
use debrief_core::ErrorCode;
use std::path::PathBuf;

/// A failed command as the UI receives it: `{ code, message }`. Defined in the core so its
/// TypeScript type is generated with the others.
pub use debrief_core::IpcError;

pub type CommandResult<T> = Result<T, IpcError>;

/// The database the window works on, or why it could not be opened when the app started.
///
/// A database that cannot be opened (damaged, foreign, written by a newer version) is not an
/// error that stops the app: the window opens and says what is wrong, and every command answers
/// with that reason. The file itself is never touched.
pub enum Library {
    Open(Store),
    Unavailable {
        path: Option<PathBuf>,
        reason: String,
    },
}

impl Library {
    /// The store, or the reason there is none as a `database` error.
    pub fn store(&self) -> CommandResult<&Store> {
        match self {
            Library::Open(store) => Ok(store),
            Library::Unavailable { reason, .. } => Err(IpcError {
                code: ErrorCode::Database,
                message: reason.clone(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unavailable_library_answers_every_command_with_its_reason() {
        let library = Library::Unavailable {
            path: None,
            reason: "this database was written by a newer version of Debrief".to_string(),
        };
        let Err(error) = library.store() else {
            panic!("an unavailable library has no store");
        };
        assert_eq!(error.code, ErrorCode::Database);
        assert!(error.message.contains("newer version"));
    }
}
