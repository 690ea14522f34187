//! The one error type of the core, with a stable code that the UI and the CLI branch on.

use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

/// What kind of failure an [`Error`] is. It crosses IPC as the `code` of the error object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The thing asked for does not exist.
    NotFound,
    /// The input is not acceptable; the message says what to change.
    Invalid,
    /// The report was changed elsewhere since it was loaded; nothing was overwritten.
    Conflict,
    /// The database file cannot be used (damaged, foreign or from a newer version).
    Database,
    /// Anything else: a bug or an I/O failure.
    Internal,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Invalid(String),

    #[error("no postmortem with id {0}")]
    NotFound(String),

    #[error(
        "this postmortem was changed elsewhere (your copy is revision {expected}, the saved one is \
         revision {actual}); nothing was overwritten: reload it to see the latest version"
    )]
    Conflict { expected: i64, actual: i64 },

    #[error("{} already exists; nothing was written: choose another file", .0.display())]
    Exists(PathBuf),

    #[error("{path}: {reason}")]
    Database { path: PathBuf, reason: String },

    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },

    #[error("{0}")]
    Internal(String),
}

impl Error {
    /// Whether SQLite found the file damaged while reading it (a malformed page, or not a
    /// database at all where one was).
    pub fn is_damaged_file(&self) -> bool {
        matches!(
            self,
            Error::Sqlite(rusqlite::Error::SqliteFailure(failure, _))
                if matches!(
                    failure.code,
                    rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
                )
        )
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid(_) | Error::Exists(_) => ErrorCode::Invalid,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Conflict { .. } => ErrorCode::Conflict,
            Error::Database { .. } => ErrorCode::Database,
            Error::Sqlite(_) | Error::Io { .. } | Error::Internal(_) => ErrorCode::Internal,
        }
    }

    pub(crate) fn database(path: &std::path::Path, reason: impl Into<String>) -> Self {
        Error::Database {
            path: path.to_path_buf(),
            reason: reason.into(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error as it crosses to the UI: the UI branches on `code` and shows `message`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<&Error> for IpcError {
    fn from(error: &Error) -> Self {
        IpcError {
            code: error.code(),
            message: error.to_string(),
        }
    }
}

impl From<Error> for IpcError {
    fn from(error: Error) -> Self {
        IpcError::from(&error)
    }
}
