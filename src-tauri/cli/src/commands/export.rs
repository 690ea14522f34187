//! `export`: a report rendered for its audience, to a file or to standard output.
//!
//! An external export first passes the gate of DESIGN.md §5: a detail that customers must not see
//! (a `leak` hint of severity error) stops it until the author rewords it or dismisses the hint
//! with a reason. There is deliberately no option to skip the gate. The internal export is never
//! gated.

use super::{find_report_in, Outcome};
use crate::cli::{Audience, ExportArgs, Format};
use crate::database::Database;
use crate::failure::input;
use crate::output::{printable_line, write_file};
use chrono::{DateTime, Utc};
use debrief_core::export::{gate, markdown};
use debrief_core::hints::Hint;
use debrief_core::{Postmortem, PostmortemId};
use std::io::Write;

pub fn export(
    database: &Database,
    args: ExportArgs,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    if args.format == Format::Pdf {
        return Err(input(
            "PDF export is not available in this build yet; nothing was written: use --format md",
        ));
    }
    let id: PostmortemId = args.id.parse()?;
    let store = database.open_for_reading(now)?;
    let report = find_report_in(&store, database, id)?;
    let text = match args.audience {
        Audience::Internal => markdown::internal(&report),
        Audience::External => {
            let blockers = gate::external_blockers(&report, &store.hint_settings()?);
            if !blockers.is_empty() {
                return Err(input(refusal(&report, &blockers)));
            }
            markdown::external(&report)
        }
    };
    match &args.output {
        Some(path) if path.as_os_str() != "-" => write_file(path, text.as_bytes())?,
        _ => out.write_all(text.as_bytes())?,
    }
    Ok(Outcome::Done)
}

/// Why an external export was refused: each detail, where it is, and how to clear it.
fn refusal(report: &Postmortem, blockers: &[Hint]) -> String {
    let mut text = format!(
        "the external message of {} is not ready for customers; nothing was written. It shows \
         {} that must stay inside:",
        report.id,
        match blockers.len() {
            1 => "one detail".to_string(),
            n => format!("{n} details"),
        }
    );
    for hint in blockers {
        let matched = printable_line(&hint.matched);
        let message = printable_line(&hint.message);
        // Most leak messages quote the words already; the others get them in front.
        if message.contains(&matched) {
            text.push_str(&format!("\n  {}: {message}", hint.field));
        } else {
            text.push_str(&format!("\n  {}: “{matched}”: {message}", hint.field));
        }
    }
    text.push_str(
        "\nTo fix it, reword each one in the report (in the app, or in a file that you import \
         again), or, if it is fine to share, dismiss the hint in the app with a reason; then \
         export again.",
    );
    text
}
