//! Commands that look after the database file itself: backup and check.

use super::Outcome;
use crate::cli::{BackupArgs, CheckArgs};
use crate::database::Database;
use crate::failure::input;
use crate::output::{already_exists, printable_line, write_atomically, Existing};
use chrono::{DateTime, Utc};
use debrief_core::store::CheckReport;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

pub fn backup(
    database: &Database,
    args: BackupArgs,
    now: DateTime<Utc>,
) -> anyhow::Result<Outcome> {
    let existing = if args.force {
        Existing::Replace
    } else {
        Existing::Refuse
    };
    if same_file(&args.output, &database.path) {
        return Err(input(format!(
            "{} is the database itself; nothing was written: choose another file for the backup",
            args.output.display()
        )));
    }
    if existing == Existing::Refuse && args.output.symlink_metadata().is_ok() {
        // Said before the database is opened, so that the refusal costs nothing.
        return Err(already_exists(&args.output));
    }
    let store = database.open_existing(now)?;
    // SQLite writes the copy into a fresh temporary file, which then replaces the target whole: an
    // interrupted backup never leaves a half-written file under the name asked for.
    write_atomically(&args.output, existing, |temporary| {
        Ok(store.backup_to(temporary.path())?)
    })?;
    Ok(Outcome::Done)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The JSON that `check --json` prints.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CheckOutput<'a> {
    database: &'a Path,
    healthy: bool,
    #[serde(flatten)]
    report: &'a CheckReport,
}

pub fn check(
    database: &Database,
    args: CheckArgs,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let store = database.open_existing(now)?;
    let report = store.check()?;
    let healthy = report.is_healthy();
    if args.json {
        let output = CheckOutput {
            database: &database.path,
            healthy,
            report: &report,
        };
        writeln!(out, "{}", serde_json::to_string_pretty(&output)?)?;
    } else {
        writeln!(out, "database:       {}", database.path.display())?;
        writeln!(out, "schema version: {}", report.schema_version)?;
        for (label, problems) in [
            ("integrity:     ", &report.integrity),
            ("foreign keys:  ", &report.foreign_keys),
            ("search index:  ", &report.search_index),
        ] {
            if problems.is_empty() {
                writeln!(out, "{label} ok")?;
            } else {
                writeln!(out, "{label} {} problem(s)", problems.len())?;
                for problem in problems {
                    writeln!(out, "  - {}", printable_line(problem))?;
                }
            }
        }
        if healthy {
            writeln!(out, "The database is healthy.")?;
        } else {
            writeln!(
                out,
                "Problems were found: keep a copy of this file, then restore a recent backup or \
                 export the reports you need."
            )?;
        }
    }
    Ok(if healthy {
        Outcome::Done
    } else {
        Outcome::ProblemsFound
    })
}
