//! `export`: a report rendered for its audience, to a file or to standard output.

use super::{find_report, Outcome};
use crate::cli::{Audience, ExportArgs, Format};
use crate::database::Database;
use crate::failure::input;
use crate::output::write_file;
use chrono::{DateTime, Utc};
use debrief_core::export::markdown;
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
    let report = find_report(database, &args.id, now)?;
    let text = match args.audience {
        Audience::Internal => markdown::internal(&report),
        Audience::External => markdown::external(&report),
    };
    match &args.output {
        Some(path) if path.as_os_str() != "-" => write_file(path, text.as_bytes())?,
        _ => out.write_all(text.as_bytes())?,
    }
    Ok(Outcome::Done)
}
