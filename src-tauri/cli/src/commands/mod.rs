//! The body of each command: read the arguments, make one call into the core, print the result.
//!
//! Every command checks its input before it opens the database, so a mistake on the command line
//! never creates or changes a file.

mod actions;
mod export;
mod lint;
mod maintenance;
mod reports;

use crate::cli::{Cli, Command};
use crate::database::Database;
use chrono::{DateTime, Utc};
use debrief_core::store::Store;
use std::io::Write;

/// How a command that did not fail ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// `lint` found hints, or `check` found problems.
    ProblemsFound,
}

/// Runs one command. `now` is the only clock reading of the run, taken in `main`.
pub fn run(cli: Cli, now: DateTime<Utc>) -> anyhow::Result<Outcome> {
    let Cli { db, command } = cli;
    // Located on demand: `lint` on a text needs no database, so it works even where no data
    // folder can be found.
    let locate = move || Database::locate(db);
    let mut stdout = std::io::stdout().lock();
    let out: &mut dyn Write = &mut stdout;
    let outcome = match command {
        Command::Lint(args) => lint::lint(args, locate, now, out),
        Command::New(args) => reports::new(&locate()?, args, now, out),
        Command::Import(args) => reports::import(&locate()?, args, now, out),
        Command::List(args) => reports::list(&locate()?, args, now, out),
        Command::Show(args) => reports::show(&locate()?, args, now, out),
        Command::Search(args) => reports::search(&locate()?, args, now, out),
        Command::Actions(args) => actions::actions(&locate()?, args, now, out),
        Command::Export(args) => export::export(&locate()?, args, now, out),
        Command::Backup(args) => maintenance::backup(&locate()?, args, now),
        Command::Backups(args) => maintenance::backups(&locate()?, args, out),
        Command::Restore(args) => maintenance::restore(&locate()?, args, now, out),
        Command::Check(args) => maintenance::check(&locate()?, args, now, out),
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
    find_report_in(&store, database, id)
}

/// Loads one report from an open store; an unknown id is the user's mistake.
fn find_report_in(
    store: &Store,
    database: &Database,
    id: debrief_core::PostmortemId,
) -> anyhow::Result<debrief_core::Postmortem> {
    match store.get(id) {
        Err(debrief_core::Error::NotFound(_)) => Err(crate::failure::input(format!(
            "there is no postmortem with id {id} in {}: run `debrief-cli list` to see the ids",
            database.path.display()
        ))),
        found => Ok(found?),
    }
}
