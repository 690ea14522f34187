//! The body of each command: read the arguments, make one call into the core, print the result.
//!
//! Every command checks its input before it opens the database, so a mistake on the command line
//! never creates or changes a file.

mod export;
mod maintenance;
mod reports;

use crate::cli::{Cli, Command};
use crate::database::Database;
use chrono::{DateTime, Utc};
use std::io::Write;

/// How a command that did not fail ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// `check` ran and found problems.
    ProblemsFound,
}

/// Runs one command. `now` is the only clock reading of the run, taken in `main`.
pub fn run(cli: Cli, now: DateTime<Utc>) -> anyhow::Result<Outcome> {
    let database = Database::locate(cli.db)?;
    let mut stdout = std::io::stdout().lock();
    let out: &mut dyn Write = &mut stdout;
    let outcome = match cli.command {
        Command::New(args) => reports::new(&database, args, now, out),
        Command::Import(args) => reports::import(&database, args, now, out),
        Command::List(args) => reports::list(&database, args, now, out),
        Command::Show(args) => reports::show(&database, args, now, out),
        Command::Search(args) => reports::search(&database, args, now, out),
        Command::Export(args) => export::export(&database, args, now, out),
        Command::Backup(args) => maintenance::backup(&database, args, now),
        Command::Check(args) => maintenance::check(&database, args, now, out),
    }?;
    stdout.flush()?;
    Ok(outcome)
}

/// Loads one report by the id typed on the command line.
fn find_report(
    database: &Database,
    id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<debrief_core::Postmortem> {
    let id: debrief_core::PostmortemId = id.parse()?;
    let store = database.open_for_reading(now)?;
    match store.get(id) {
        Err(debrief_core::Error::NotFound(_)) => Err(crate::failure::input(format!(
            "there is no postmortem with id {id} in {}: run `debrief-cli list` to see the ids",
            database.path.display()
        ))),
        found => Ok(found?),
    }
}
