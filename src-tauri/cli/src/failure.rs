//! How a failed command ends: the exit status each kind of error gives, and the one-line message.

use debrief_core::ErrorCode;
use std::fmt;
use std::process::ExitCode;

/// `check` ran and found problems.
pub const PROBLEMS_FOUND: u8 = 1;
/// The command line or its input is wrong; clap uses the same status for usage errors.
pub const INPUT: u8 = 2;
/// The database file cannot be used; it was left unchanged.
pub const DATABASE: u8 = 3;
/// Anything else: I/O failures and bugs.
pub const OTHER: u8 = 4;

/// A mistake in the command or its input that the person can fix; the message says how.
#[derive(Debug)]
pub struct InputError(pub String);

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

/// Builds an [`InputError`] as an `anyhow::Error`.
pub fn input(message: impl Into<String>) -> anyhow::Error {
    InputError(message.into()).into()
}

/// The exit status for an error, from the most specific cause found in its chain.
pub fn exit_status(error: &anyhow::Error) -> u8 {
    for cause in error.chain() {
        if cause.is::<InputError>() {
            return INPUT;
        }
        if let Some(core) = cause.downcast_ref::<debrief_core::Error>() {
            return match core.code() {
                ErrorCode::Invalid | ErrorCode::NotFound | ErrorCode::Conflict => INPUT,
                ErrorCode::Database => DATABASE,
                ErrorCode::Internal => OTHER,
            };
        }
    }
    OTHER
}

/// Prints the error as `debrief-cli: <message>` and gives its exit status.
pub fn report(error: &anyhow::Error) -> ExitCode {
    // `{:#}` joins the context and its causes on one line: "FILE: what is wrong: what to do".
    eprintln!("debrief-cli: {error:#}");
    ExitCode::from(exit_status(error))
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "a test fails loudly at its first surprise"
)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn core_errors_map_to_statuses_by_code() {
        let invalid = anyhow::Error::from(debrief_core::Error::Invalid("bad".into()));
        assert_eq!(exit_status(&invalid), INPUT);
        let database = anyhow::Error::from(debrief_core::Error::Database {
            path: "x.db".into(),
            reason: "damaged".into(),
        });
        assert_eq!(exit_status(&database), DATABASE);
        let internal = anyhow::Error::from(debrief_core::Error::Internal("bug".into()));
        assert_eq!(exit_status(&internal), OTHER);
    }

    #[test]
    fn context_does_not_hide_the_cause() {
        let error = Err::<(), _>(debrief_core::Error::NotFound("abc".into()))
            .context("report.md")
            .unwrap_err();
        assert_eq!(exit_status(&error), INPUT);
        assert_eq!(exit_status(&input("wrong")), INPUT);
        assert_eq!(exit_status(&anyhow::anyhow!("disk full")), OTHER);
    }
}
