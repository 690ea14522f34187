//! What the commands write: files that appear whole or not at all, and text that is safe to print
//! on a terminal.

use crate::failure::input;
use anyhow::Context;
use std::io::Write;
use std::path::Path;
use tempfile::NamedTempFile;

/// What to do when the target file already exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    Replace,
    Refuse,
}

/// Writes `path` atomically: `fill` writes a temporary file in the same folder, which is synced
/// and then renamed over `path`. If anything fails, the temporary file is removed and `path` is
/// as it was, so a reader never sees half a file, even after a crash.
pub fn write_atomically(
    path: &Path,
    existing: Existing,
    fill: impl FnOnce(&mut NamedTempFile) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(input(format!(
            "{}: the folder {} does not exist; nothing was written: create it or choose another \
             file",
            path.display(),
            folder.display()
        )));
    }
    if path.is_dir() {
        return Err(input(format!(
            "{} is a folder; nothing was written: give the path of a file",
            path.display()
        )));
    }
    if existing == Existing::Refuse && path.symlink_metadata().is_ok() {
        return Err(already_exists(path));
    }
    let cannot_write = || {
        format!(
            "cannot write {}; nothing was written: check that its folder is writable and the disk \
             has room",
            path.display()
        )
    };
    let mut temporary = tempfile::Builder::new()
        .prefix(".debrief-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .with_context(cannot_write)?;
    // A replaced file keeps its permissions; a new one stays private to its owner (tempfile's
    // default), since reports hold internal details.
    if let Ok(metadata) = std::fs::metadata(path) {
        let _ = temporary.as_file().set_permissions(metadata.permissions());
    }
    fill(&mut temporary)?;
    temporary.as_file().sync_all().with_context(cannot_write)?;
    match existing {
        Existing::Replace => temporary.persist(path).map(drop),
        Existing::Refuse => temporary.persist_noclobber(path).map(drop),
    }
    .map_err(|error| {
        if error.error.kind() == std::io::ErrorKind::AlreadyExists {
            already_exists(path)
        } else {
            anyhow::Error::new(error.error).context(cannot_write())
        }
    })?;
    sync_folder(folder);
    Ok(())
}

/// Writes `bytes` to `path` atomically, replacing any file there.
pub fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomically(path, Existing::Replace, |file| {
        file.write_all(bytes)
            .with_context(|| format!("cannot write {}; nothing was written", path.display()))
    })
}

fn already_exists(path: &Path) -> anyhow::Error {
    input(format!(
        "{} already exists; nothing was written: choose another file, or add --force to replace it",
        path.display()
    ))
}

/// Makes the rename itself durable. Best effort: not every platform can sync a folder.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = std::fs::File::open(folder) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
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
    fn an_atomic_write_replaces_the_whole_file_or_nothing() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("out.md");
        write_file(&path, b"first").unwrap();
        write_file(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");

        let failed = write_atomically(&path, Existing::Replace, |file| {
            file.write_all(b"half")?;
            anyhow::bail!("interrupted")
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(folder.path()).unwrap().collect();
        assert_eq!(
            names.len(),
            1,
            "the temporary file is left behind: {names:?}"
        );
    }

    #[test]
    fn refusing_to_replace_leaves_the_file_alone() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("backup.db");
        std::fs::write(&path, b"keep me").unwrap();
        let error = write_atomically(&path, Existing::Refuse, |_| Ok(())).unwrap_err();
        assert!(error.to_string().contains("--force"), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), b"keep me");
    }

    #[test]
    fn a_missing_folder_is_named() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("nowhere").join("out.md");
        let error = write_file(&path, b"x").unwrap_err();
        assert!(error.to_string().contains("does not exist"), "{error}");
        assert!(!path.parent().unwrap().exists());
    }
}
