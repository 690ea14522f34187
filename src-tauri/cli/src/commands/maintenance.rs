//! Commands that look after the database file itself: backup, the list of backups, restore and
//! check.

use super::Outcome;
use crate::cli::{BackupArgs, BackupsArgs, CheckArgs, RestoreArgs};
use crate::database::Database;
use crate::failure::input;
use crate::output::{already_exists, printable_line, table, write_atomically, Existing};
use chrono::{DateTime, Utc};
use debrief_core::store::{list_backups, restore_backup, BackupKind, CheckReport};
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
        store.backup_to(temporary.path())
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

/// `backups`: the copies of the database that Debrief keeps, newest first.
pub fn backups(
    database: &Database,
    args: BackupsArgs,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let backups = list_backups(&database.path)?;
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&backups)?)?;
        return Ok(Outcome::Done);
    }
    if backups.is_empty() {
        writeln!(
            out,
            "No backups of {} yet. The app takes one each day it starts; `debrief-cli backup -o \
             FILE` takes one now.",
            database.path.display()
        )?;
        return Ok(Outcome::Done);
    }
    let rows: Vec<Vec<String>> = backups
        .iter()
        .map(|backup| {
            vec![
                backup.taken_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                match backup.kind {
                    BackupKind::Daily => "daily",
                    BackupKind::BeforeMigration => "before upgrade",
                    BackupKind::BeforeRestore => "before restore",
                }
                .to_string(),
                format!("{} KB", backup.bytes.div_ceil(1024)),
                printable_line(&backup.path.display().to_string()),
            ]
        })
        .collect();
    write!(out, "{}", table(&["TAKEN", "KIND", "SIZE", "FILE"], &rows))?;
    Ok(Outcome::Done)
}

/// `restore FILE`: the database replaced by a backup, after a copy of the current file.
pub fn restore(
    database: &Database,
    args: RestoreArgs,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let outcome = restore_backup(&database.path, &args.backup, now)?;
    let reports = match outcome.reports {
        1 => "1 report".to_string(),
        n => format!("{n} reports"),
    };
    writeln!(
        out,
        "Restored {} from {} ({reports}).",
        database.path.display(),
        args.backup.display()
    )?;
    if let Some(copy) = outcome.previous_copy {
        writeln!(out, "The file it replaced was kept as {}.", copy.display())?;
    }
    Ok(Outcome::Done)
}
