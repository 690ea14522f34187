//! Debrief's core: the postmortem model, the SQLite store, Markdown handling and exports.
//!
//! Nothing here knows about Tauri or a window. The desktop shell and the command line are thin
//! layers over the functions of this crate, and every function that needs the current time takes it
//! as an argument.

pub mod document;
pub mod error;
pub mod export;
pub mod export_request;
pub mod files;
pub mod hints;
pub mod history;
pub mod ids;
pub mod import;
pub mod markdown;
pub mod model;
pub mod readiness;
pub mod store;
#[cfg(test)]
pub(crate) mod testing;
pub mod walkthrough;

pub use error::{Error, ErrorCode, IpcError, Result};
pub use ids::*;
pub use model::*;
