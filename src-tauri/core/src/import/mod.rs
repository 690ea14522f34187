//! Reading reports from files: Debrief's own Markdown, other Markdown documents, and the JSON that
//! `show --json` prints. Every function returns a new report (fresh id, revision 0) or a clear error.

mod files;
mod foreign;
mod markdown;
mod timeline_text;

pub use files::{import_files, FileImport, MAX_FILE_BYTES};
pub use foreign::{section_for_heading, Target};

/// Reads a Markdown document into a new report made at `now`. Debrief's own format is recognised
/// first and read back exactly; any other document goes through the mapper of foreign postmortems.
pub fn from_markdown(text: &str, now: DateTime<Utc>) -> Result<Postmortem> {
    if is_own_format(text) {
        markdown::from_own_markdown(text, now)
    } else {
        foreign::from_foreign(text, now)
    }
}

/// Whether a document is in Debrief's own format: its front matter has the keys the internal
/// export writes, or its timeline is our table.
pub fn is_own_format(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let front_keys = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
        .map(|rest| {
            rest.lines()
                .take_while(|line| line.trim_end() != "---")
                .filter(|line| line.starts_with("timeZone:") || line.starts_with("impact:"))
                .count()
        })
        .unwrap_or(0);
    let own_timeline = crate::document::table_row(&crate::document::TIMELINE_COLUMNS);
    front_keys == 2 || text.lines().any(|line| line.trim_end() == own_timeline)
}

use crate::ids::PostmortemId;
use crate::model::Postmortem;
use crate::{Error, Result};
use chrono::{DateTime, Utc};

/// Reads a report from the JSON printed by `show --json`.
pub fn from_json(text: &str, now: DateTime<Utc>) -> Result<Postmortem> {
    let mut report: Postmortem = serde_json::from_str(text).map_err(|error| {
        Error::Invalid(format!(
            "this JSON is not a Debrief report ({error}); import the output of `debrief-cli show --json`"
        ))
    })?;
    report.id = PostmortemId::new(now);
    report.revision = 0;
    report.validate()?;
    Ok(report)
}

/// Reads a report from a file's bytes, telling JSON from Markdown, and refusing anything that is not
/// text.
pub fn from_bytes(bytes: &[u8], now: DateTime<Utc>) -> Result<Postmortem> {
    let text = std::str::from_utf8(bytes).map_err(|error| {
        Error::Invalid(format!(
            "this file is not UTF-8 text (invalid byte at offset {}); import a Markdown or JSON file",
            error.valid_up_to()
        ))
    })?;
    if looks_binary(text) {
        return Err(Error::Invalid(
            "this file looks binary, not like text; import a Markdown or JSON file".to_string(),
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Error::Invalid(
            "this file is empty; there is nothing to import".to_string(),
        ));
    }
    // Any JSON document is read as JSON (and refused unless it is a report), never as Markdown.
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(_)) => from_json(text, now),
        Ok(_) => Err(Error::Invalid(
            "this JSON is not a Debrief report (a report is a JSON object); import the output of \
             `debrief-cli show --json`"
                .to_string(),
        )),
        Err(_) if text.trim_start().starts_with('{') => from_json(text, now),
        Err(_) => from_markdown(text, now),
    }
}

/// Text files do not contain NUL or many other control characters.
fn looks_binary(text: &str) -> bool {
    let controls = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    text.contains('\0') || controls * 100 > text.chars().count().max(1)
}

#[cfg(test)]
mod foreign_tests;
#[cfg(test)]
mod tests;
