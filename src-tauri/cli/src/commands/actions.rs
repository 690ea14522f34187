//! `actions`: the action items of every report, open and overdue first.

use super::Outcome;
use crate::cli::ActionsArgs;
use crate::database::Database;
use crate::failure::input;
use crate::output::{printable_line, table};
use chrono::{DateTime, NaiveDate, Utc};
use debrief_core::history::{ActionFilter, TrackedActionItem};
use debrief_core::store::local_time_zone;
use debrief_core::{ActionKind, ActionStatus};
use std::io::Write;

pub fn actions(
    database: &Database,
    args: ActionsArgs,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    // Checked before the database is opened, so that a mistake touches nothing.
    let today = match &args.today {
        Some(text) => NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
            input(format!(
                "--today {text:?} is not a date: write it as YYYY-MM-DD, such as 2026-11-20"
            ))
        })?,
        None => local_today(now),
    };
    let filter = ActionFilter {
        owner: args.owner.clone(),
        status: args.status.as_deref().and_then(ActionStatus::parse),
        kind: args.kind.as_deref().and_then(ActionKind::parse),
        overdue_only: args.overdue,
        limit: None,
    };
    let store = database.open_for_reading(now)?;
    let list = store.action_items(&filter, today)?;
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&list.items)?)?;
        return Ok(Outcome::Done);
    }
    if list.items.is_empty() {
        eprintln!("No action item matches.");
        return Ok(Outcome::Done);
    }
    let rows: Vec<Vec<String>> = list.items.iter().map(item_row).collect();
    let text = table(
        &["DUE", "LATE", "STATUS", "OWNER", "REPORT", "ACTION ITEM"],
        &rows,
    );
    out.write_all(text.as_bytes())?;
    eprintln!(
        "{} action {}, {} overdue.",
        list.total,
        if list.total == 1 { "item" } else { "items" },
        list.overdue
    );
    Ok(Outcome::Done)
}

/// Today's date where this computer is, which is the day its user calls today.
fn local_today(now: DateTime<Utc>) -> NaiveDate {
    match local_time_zone().parse::<chrono_tz::Tz>() {
        Ok(zone) => now.with_timezone(&zone).date_naive(),
        Err(_) => now.date_naive(),
    }
}

/// One line of the table; the description, free text of any width, goes last.
fn item_row(tracked: &TrackedActionItem) -> Vec<String> {
    let item = &tracked.item;
    let owner = item.owner.trim();
    vec![
        item.due
            .map_or_else(|| "-".to_string(), |due| due.format("%Y-%m-%d").to_string()),
        tracked
            .days_overdue
            .map_or_else(|| "-".to_string(), |days| format!("{days}d")),
        item.status.as_str().to_string(),
        if owner.is_empty() {
            "-".to_string()
        } else {
            printable_line(owner)
        },
        tracked.report_id.to_string(),
        printable_line(&item.description),
    ]
}
