//! What the commands read: a file or standard input, bounded in size, and checked to be text.

use crate::failure::input;
use std::io::Read;
use std::path::Path;

/// Files larger than this are refused before they are parsed: a postmortem is text, and even a
/// long one is far smaller.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// The bytes of a file, or of standard input for `-`, with a name for messages.
pub struct Input {
    /// The path as given, or `standard input`.
    pub name: String,
    pub is_stdin: bool,
    pub bytes: Vec<u8>,
}

/// Reads `file`, or standard input for `-`. `nothing_done` ends each error message, so that it
/// says what did not happen ("nothing was imported").
pub fn read(file: &Path, nothing_done: &str) -> anyhow::Result<Input> {
    let mut bytes = Vec::new();
    let is_stdin = file.as_os_str() == "-";
    let name = if is_stdin {
        let read = std::io::stdin()
            .lock()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes);
        read.map_err(|error| {
            input(format!(
                "cannot read standard input ({error}); {nothing_done}"
            ))
        })?;
        "standard input".to_string()
    } else {
        let name = file.display().to_string();
        let read = std::fs::File::open(file)
            .and_then(|handle| handle.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes));
        read.map_err(|error| {
            input(format!(
                "cannot read {name} ({error}); {nothing_done}: check the path"
            ))
        })?;
        name
    };
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(input(format!(
            "{name} is larger than {} MiB, far too large for a postmortem; {nothing_done}: check \
             that it is the right file",
            MAX_INPUT_BYTES / 1024 / 1024
        )));
    }
    Ok(Input {
        name,
        is_stdin,
        bytes,
    })
}

/// The input as UTF-8 text, or an error that names it and says what is wrong with it: binary
/// data, a UTF-16 file, or bytes that are not UTF-8.
pub fn into_text(input_file: Input, nothing_done: &str) -> anyhow::Result<String> {
    let Input { name, bytes, .. } = input_file;
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(input(format!(
            "{name} is UTF-16 text; {nothing_done}: save it as UTF-8 and try again"
        )));
    }
    if let Some(offset) = bytes.iter().position(|&byte| byte == 0) {
        return Err(input(format!(
            "{name} looks like a binary file, not text (a zero byte at offset {offset}); \
             {nothing_done}: give a text file"
        )));
    }
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let (line, _) = debrief_core::hints::text::line_column(
            // The valid prefix is UTF-8, so this cannot fail; the line is only for the message.
            std::str::from_utf8(&error.as_bytes()[..offset]).unwrap_or_default(),
            offset,
        );
        input(format!(
            "{name} is not UTF-8 text (an invalid byte at offset {offset}, on line {line}); \
             {nothing_done}: save it as UTF-8 and try again"
        ))
    })
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "a test fails loudly at its first surprise"
)]
mod tests {
    use super::*;

    fn text_of(bytes: &[u8]) -> anyhow::Result<String> {
        into_text(
            Input {
                name: "notes.md".into(),
                is_stdin: false,
                bytes: bytes.to_vec(),
            },
            "nothing was checked",
        )
    }

    #[test]
    fn utf8_text_is_kept_as_it_is() {
        assert_eq!(
            text_of("Zürich\r\n東京".as_bytes()).unwrap(),
            "Zürich\r\n東京"
        );
        assert_eq!(text_of(b"").unwrap(), "");
    }

    #[test]
    fn binary_and_foreign_encodings_are_named() {
        let error = text_of(b"PK\x03\x04\x00\x00").unwrap_err().to_string();
        assert!(
            error.contains("notes.md") && error.contains("binary"),
            "{error}"
        );
        let error = text_of(b"\xFF\xFEa\x00b\x00").unwrap_err().to_string();
        assert!(error.contains("UTF-16"), "{error}");
        let error = text_of(b"one\ntwo \xE9t\xE9\n").unwrap_err().to_string();
        assert!(
            error.contains("not UTF-8") && error.contains("offset 8") && error.contains("line 2"),
            "{error}"
        );
        assert!(error.contains("nothing was checked"), "{error}");
    }
}
