//! `export`: a report rendered for its audience, to a file or to standard output.
//!
//! An external export first passes the gate of DESIGN.md §5: a detail that customers must not see
//! (a `leak` hint of severity error) stops it until the author rewords it or dismisses the hint
//! with a reason. There is deliberately no option to skip the gate. The internal export is never
//! gated. The PDF is typeset by `debrief-pdf` from the same report (the external one from the
//! external Markdown alone).

use super::{find_report_in, Outcome};
use crate::cli::{Audience, ExportArgs, Format};
use crate::database::Database;
use crate::failure::input;
use crate::output::{already_exists, printable_line, write_file, Existing};
use chrono::{DateTime, Utc};
use debrief_core::export::{gate, markdown};
use debrief_core::export_request;
use debrief_core::hints::Hint;
use debrief_core::{Postmortem, PostmortemId};
use std::io::Write;

pub fn export(
    database: &Database,
    args: ExportArgs,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let target = args
        .output
        .as_deref()
        .filter(|path| path.as_os_str() != "-");
    if args.format == Format::Pdf && args.output.is_none() {
        return Err(input(
            "a PDF is not text and is not printed on the terminal; nothing was written: give the \
             file to write with -o FILE (or -o - to send it to a pipe)",
        ));
    }
    let existing = if args.force {
        Existing::Replace
    } else {
        Existing::Refuse
    };
    if let Some(path) = target {
        if existing == Existing::Refuse && path.symlink_metadata().is_ok() {
            // Said before any work, so that the refusal costs nothing.
            return Err(already_exists(path));
        }
    }
    let id: PostmortemId = args.id.parse()?;
    let store = database.open_for_reading(now)?;
    let report = find_report_in(&store, database, id)?;
    let audience = match args.audience {
        Audience::Internal => export_request::Audience::Internal,
        Audience::External => {
            let blockers = gate::external_blockers(&report, &store.hint_settings()?);
            if !blockers.is_empty() {
                return Err(input(refusal(&report, &blockers)));
            }
            export_request::Audience::External
        }
    };
    let bytes = match args.format {
        Format::Md => match audience {
            export_request::Audience::Internal => markdown::internal(&report),
            export_request::Audience::External => markdown::external(&report),
        }
        .into_bytes(),
        Format::Pdf => debrief_pdf::render(&report, audience)?,
    };
    match target {
        Some(path) => write_file(path, &bytes, existing)?,
        None => out.write_all(&bytes)?,
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
