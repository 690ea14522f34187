//! Commands over the library of reports: new, import, list, show and search.

use super::{find_report, Outcome};
use crate::cli::{ImportArgs, ListArgs, NewArgs, SearchArgs, ShowArgs};
use crate::database::Database;
use crate::output::{printable, printable_line, table};
use anyhow::Context;
use chrono::{DateTime, Utc};
use debrief_core::store::local_time_zone;
use debrief_core::{Postmortem, PostmortemSummary};
use std::io::Write;

pub fn new(
    database: &Database,
    args: NewArgs,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let time_zone = args.time_zone.unwrap_or_else(local_time_zone);
    // Checked before the database is opened, so that a bad title or zone creates no file.
    Postmortem::new(&args.title, &time_zone, now).validate()?;
    let store = database.open_for_writing(now)?;
    let report = store.create(&args.title, &time_zone, now)?;
    // The id is printed only once the report is committed: a printed id is a stored report.
    writeln!(out, "{}", report.id)?;
    Ok(Outcome::Done)
}

pub fn import(
    database: &Database,
    args: ImportArgs,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let several = args.files.len() > 1;
    if args.files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        return Err(crate::failure::input(
            "standard input (-) can be read only once; nothing was imported",
        ));
    }
    // Every file is read and checked before the database is opened: refusing all of them creates
    // no file.
    let mut ready = Vec::new();
    let mut refused = Vec::new();
    for file in &args.files {
        match read_report(file, now) {
            Ok(found) => ready.push(found),
            Err(error) => refused.push(error),
        }
    }
    if !several {
        if let Some(error) = refused.pop() {
            return Err(error);
        }
    }
    let mut imported = 0;
    if !ready.is_empty() {
        let store = database.open_for_writing(now)?;
        for (name, report) in ready {
            // One transaction per report: a report is stored whole or not at all.
            let stored = store
                .insert(&report, now)
                .with_context(|| format!("{name} was not imported"))?;
            if several {
                writeln!(out, "{}\t{}", stored.id, printable_line(&name))?;
            } else {
                writeln!(out, "{}", stored.id)?;
            }
            imported += 1;
        }
    }
    if refused.is_empty() {
        return Ok(Outcome::Done);
    }
    for error in &refused {
        eprintln!("debrief-cli: {error:#}");
    }
    Err(crate::failure::input(format!(
        "{} of {} files were not imported (see above); {imported} {} imported",
        refused.len(),
        args.files.len(),
        if imported == 1 { "was" } else { "were" }
    )))
}

/// Reads one file into a report, or says why it is not one.
fn read_report(file: &std::path::Path, now: DateTime<Utc>) -> anyhow::Result<(String, Postmortem)> {
    let input = crate::input::read(file, "it was not imported")?;
    let (name, bytes) = (input.name, input.bytes);
    let not_imported = || format!("{name} was not imported");
    // The core tells JSON from Markdown, and refuses JSON that is not a report object.
    let report = debrief_core::import::from_bytes(&bytes, now).with_context(not_imported)?;
    report.validate().with_context(not_imported)?;
    Ok((name, report))
}

pub fn list(
    database: &Database,
    args: ListArgs,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let store = database.open_for_reading(now)?;
    let reports = store.list()?;
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&reports)?)?;
        return Ok(Outcome::Done);
    }
    if reports.is_empty() {
        eprintln!(
            "There are no postmortems in {} yet: start one with `debrief-cli new --title TEXT`.",
            database.path.display()
        );
        return Ok(Outcome::Done);
    }
    let rows: Vec<Vec<String>> = reports.iter().map(summary_row).collect();
    let text = table(&["ID", "STATUS", "SEVERITY", "INCIDENT", "TITLE"], &rows);
    out.write_all(text.as_bytes())?;
    Ok(Outcome::Done)
}

/// One line of the `list` table: the incident's date is the day it started in the report's own
/// time zone, as the people involved would name it.
fn summary_row(report: &PostmortemSummary) -> Vec<String> {
    let date = match report.started {
        Some(started) => match report.time_zone.parse::<chrono_tz::Tz>() {
            Ok(zone) => started.with_timezone(&zone).format("%Y-%m-%d").to_string(),
            Err(_) => started.format("%Y-%m-%d").to_string(),
        },
        None => "-".to_string(),
    };
    vec![
        report.id.to_string(),
        report.status.as_str().to_string(),
        report
            .severity
            .map_or("-", |severity| severity.as_str())
            .to_string(),
        date,
        printable_line(&report.title),
    ]
}

pub fn show(
    database: &Database,
    args: ShowArgs,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let report = find_report(database, &args.id, now)?;
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        let text = printable(&debrief_core::export::markdown::internal(&report));
        out.write_all(text.as_bytes())?;
        if !text.ends_with('\n') {
            writeln!(out)?;
        }
    }
    Ok(Outcome::Done)
}

pub fn search(
    database: &Database,
    args: SearchArgs,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let store = database.open_for_reading(now)?;
    let hits = store.search(&args.query)?;
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&hits)?)?;
        return Ok(Outcome::Done);
    }
    if hits.is_empty() {
        eprintln!("No postmortem matches {:?}.", args.query);
        return Ok(Outcome::Done);
    }
    for hit in &hits {
        writeln!(
            out,
            "{}  {}\n    {}",
            hit.report.id,
            printable_line(&hit.report.title),
            printable_line(&hit.snippet)
        )?;
    }
    Ok(Outcome::Done)
}
