//! What the commands write: files that appear whole or not at all, and text that is safe to print
//! on a terminal.

use crate::failure::input;
pub use debrief_core::files::Existing;
use debrief_core::files::{self};
use std::io::Write;
use std::path::Path;
use tempfile::NamedTempFile;

/// Writes `path` atomically (see [`debrief_core::files`]); a refusal to replace an existing file
/// says how to replace it.
pub fn write_atomically(
    path: &Path,
    existing: Existing,
    fill: impl FnOnce(&mut NamedTempFile) -> debrief_core::Result<()>,
) -> anyhow::Result<()> {
    files::write_atomically(path, existing, fill).map_err(|error| match error {
        debrief_core::Error::Exists(path) => already_exists(&path),
        other => other.into(),
    })
}

/// Writes `bytes` to `path` atomically.
pub fn write_file(path: &Path, bytes: &[u8], existing: Existing) -> anyhow::Result<()> {
    write_atomically(path, existing, |file| {
        file.write_all(bytes)
            .map_err(|source| debrief_core::Error::Io {
                context: format!("cannot write {}; nothing was written", path.display()),
                source,
            })
    })
}

/// The refusal to replace `path` without `--force`.
pub fn already_exists(path: &Path) -> anyhow::Error {
    input(format!(
        "{} already exists; nothing was written: choose another file, or add --force to replace it",
        path.display()
    ))
}

/// Text from a report, made safe for a terminal: control characters (which could move the cursor,
/// recolour or retitle the terminal) are replaced; line breaks and tabs are kept.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Like [`printable`], on one line: line breaks and tabs become spaces.
pub fn printable_line(text: &str) -> String {
    printable(text)
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect()
}

/// Formats rows as columns separated by two spaces. The last column is not padded, so put the one
/// with free text (whose width on screen can differ from its length) last.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|title| title.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut text = String::new();
    let header_row: Vec<String> = header.iter().map(|title| title.to_string()).collect();
    for row in std::iter::once(&header_row).chain(rows) {
        let mut line = String::new();
        for (index, cell) in row.iter().enumerate().take(columns) {
            if index + 1 == columns {
                line.push_str(cell);
            } else {
                line.push_str(cell);
                let padding = widths[index] - cell.chars().count() + 2;
                line.extend(std::iter::repeat_n(' ', padding));
            }
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "a test fails loudly at its first surprise"
)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_replaced_but_lines_kept() {
        assert_eq!(
            printable("a\u{1b}[2Jb\nc\td\u{9b}"),
            "a\u{FFFD}[2Jb\nc\td\u{FFFD}"
        );
        assert_eq!(printable_line("one\ntwo\tthree"), "one two three");
        assert_eq!(printable("Zürich ☕ 東京"), "Zürich ☕ 東京");
    }

    #[test]
    fn tables_align_every_column_but_the_last() {
        let text = table(
            &["ID", "STATUS", "TITLE"],
            &[
                vec!["a".into(), "draft".into(), "Short".into()],
                vec!["bbbb".into(), "in_review".into(), "Longer title".into()],
            ],
        );
        assert_eq!(
            text,
            "ID    STATUS     TITLE\n\
             a     draft      Short\n\
             bbbb  in_review  Longer title\n"
        );
    }

    #[test]
    fn refusing_to_replace_says_how_to_replace() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("backup.db");
        std::fs::write(&path, b"keep me").unwrap();
        let error = write_file(&path, b"new", Existing::Refuse).unwrap_err();
        assert!(error.to_string().contains("--force"), "{error}");
        assert_eq!(crate::failure::exit_status(&error), crate::failure::INPUT);
        assert_eq!(std::fs::read(&path).unwrap(), b"keep me");
        write_file(&path, b"new", Existing::Replace).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }
}
