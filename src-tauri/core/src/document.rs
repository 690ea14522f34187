//! Debrief's own Markdown document format, shared by the exporter and the importer.
//!
//! The document is YAML front matter, a level-1 title, and one level-2 heading per section, in a
//! fixed order. Section text is the author's Markdown, copied as it is, except that a line which
//! reads exactly like one of our section headings gets one more leading backslash (and loses one
//! on import), so the author's text can never end a section early. Structured rows are tables
//! whose cells escape `\`, `|` and `<`, and write line breaks as `<br>`.

use crate::model::HelpfulQuestions;

pub const SUMMARY: &str = "## Summary";
pub const CUSTOMER_IMPACT: &str = "## Customer impact";
pub const TIMELINE: &str = "## Timeline";
pub const MONITORING: &str = "## Monitoring";
pub const CONTRIBUTING_FACTORS: &str = "## Contributing factors";
pub const HELPFUL_QUESTIONS: &str = "## Helpful questions";
pub const WENT_WELL: &str = "## What went well";
pub const GOT_LUCKY: &str = "## Where we got lucky";
pub const ACTION_ITEMS: &str = "## Action items";
pub const NOTES: &str = "## Notes";
pub const EXTERNAL_MESSAGE: &str = "## External message";
pub const GLOSSARY: &str = "## Glossary";
pub const REVIEW_CHECKLIST: &str = "## Review checklist";
pub const DISMISSED_HINTS: &str = "## Dismissed hints";

pub const SINGLE_FACTOR_REASON: &str = "### Why one factor tells the story";

pub const EXTERNAL_SUMMARY: &str = "### Summary";
pub const EXTERNAL_WHAT_HAPPENED: &str = "### What happened";
pub const EXTERNAL_WHAT_WE_ARE_DOING: &str = "### What we are doing about it";

pub const SECTIONS: [&str; 14] = [
    SUMMARY,
    CUSTOMER_IMPACT,
    TIMELINE,
    MONITORING,
    CONTRIBUTING_FACTORS,
    HELPFUL_QUESTIONS,
    WENT_WELL,
    GOT_LUCKY,
    ACTION_ITEMS,
    NOTES,
    EXTERNAL_MESSAGE,
    GLOSSARY,
    REVIEW_CHECKLIST,
    DISMISSED_HINTS,
];

pub const EXTERNAL_PARTS: [&str; 3] = [
    EXTERNAL_SUMMARY,
    EXTERNAL_WHAT_HAPPENED,
    EXTERNAL_WHAT_WE_ARE_DOING,
];

pub const TIMELINE_COLUMNS: [&str; 4] = ["Time", "Kind", "Event", "Evidence"];
pub const FACTOR_COLUMNS: [&str; 3] = ["Factor", "Category", "Why it made sense at the time"];
pub const ACTION_COLUMNS: [&str; 9] = [
    "Action",
    "Owner",
    "Due",
    "Priority",
    "Type",
    "Status",
    "Done when",
    "Tracking",
    "Status note",
];
pub const GLOSSARY_COLUMNS: [&str; 2] = ["Term", "Definition"];
pub const CHECKLIST_COLUMNS: [&str; 3] = ["Done", "Question", "Note"];
pub const DISMISSAL_COLUMNS: [&str; 4] = ["Rule", "Field", "Text", "Reason"];

/// The heading line of helpful question `index`.
pub fn question_heading(index: usize) -> String {
    format!("### {}", HelpfulQuestions::QUESTIONS[index].1)
}

/// Whether `line` reads as one of the document's own headings.
pub fn is_structural(line: &str) -> bool {
    let line = line.trim_end();
    SECTIONS.contains(&line)
        || EXTERNAL_PARTS.contains(&line)
        || line == SINGLE_FACTOR_REASON
        || (0..HelpfulQuestions::QUESTIONS.len()).any(|index| question_heading(index) == line)
}

/// Makes the author's text safe to place inside a section (see the module comment).
pub fn escape_block(text: &str) -> String {
    let normalized = normalize_block(text);
    normalized
        .split('\n')
        .map(|line| {
            if is_structural(line.trim_start_matches('\\')) {
                format!("\\{line}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Undoes [`escape_block`] on one line.
pub fn unescape_line(line: &str) -> &str {
    match line.strip_prefix('\\') {
        Some(rest) if is_structural(rest.trim_start_matches('\\')) => rest,
        _ => line,
    }
}

/// Section text as it is stored in a document: no blank lines before it, no white space after it,
/// Unix line ends.
pub fn normalize_block(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<&str> = text.split('\n').collect();
    let leading_blank = lines.iter().take_while(|l| l.trim().is_empty()).count();
    lines.drain(..leading_blank);
    lines.join("\n").trim_end().to_string()
}

/// Cell text as it is stored in a document: trimmed, Unix line ends, no trailing space on a line.
pub fn normalize_cell(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

pub fn escape_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in normalize_cell(text).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '<' => out.push_str("\\<"),
            '\n' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

pub fn unescape_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            let mut chars = rest.chars();
            chars.next();
            match chars.next() {
                Some(next) => {
                    out.push(next);
                    rest = &rest[1 + next.len_utf8()..];
                }
                None => {
                    out.push('\\');
                    rest = "";
                }
            }
        } else if let Some(after) = rest.strip_prefix("<br>") {
            out.push('\n');
            rest = after;
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// One table row from its cells.
pub fn table_row<S: AsRef<str>>(cells: &[S]) -> String {
    let mut row = String::from("|");
    for cell in cells {
        row.push(' ');
        row.push_str(cell.as_ref());
        row.push_str(" |");
    }
    row
}

/// A whole table: header, separator and rows of already escaped cells.
pub fn table(columns: &[&str], rows: &[Vec<String>]) -> String {
    let mut lines = vec![
        table_row(columns),
        table_row(&columns.iter().map(|_| "---").collect::<Vec<_>>()),
    ];
    lines.extend(rows.iter().map(|row| table_row(row)));
    lines.join("\n")
}

/// Splits a table line into unescaped cells, or `None` if the line is not a table row.
pub fn split_row(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    let inner = line.strip_prefix('|')?;
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut chars = inner.chars();
    let mut closed = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                current.push('\\');
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            '|' => {
                cells.push(unescape_cell(current.trim()));
                current.clear();
                closed = true;
                continue;
            }
            _ => current.push(c),
        }
        closed = false;
    }
    if !closed && !current.trim().is_empty() {
        cells.push(unescape_cell(current.trim()));
    }
    Some(cells)
}

/// Whether a table line is the `| --- | --- |` separator.
pub fn is_separator_row(line: &str) -> bool {
    let line = line.trim();
    line.starts_with('|')
        && line.contains('-')
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn structural_lines_in_text_are_escaped_and_restored() {
        let text = "intro\n## Timeline\n\\## Timeline\n## Timelines";
        let escaped = escape_block(text);
        assert_eq!(
            escaped,
            "intro\n\\## Timeline\n\\\\## Timeline\n## Timelines"
        );
        let restored: Vec<&str> = escaped.split('\n').map(unescape_line).collect();
        assert_eq!(restored.join("\n"), text);
    }

    #[test]
    fn cells_keep_pipes_breaks_and_backslashes() {
        let text = "a | b\nc \\ <br> d";
        let escaped = escape_cell(text);
        assert!(!escaped.contains('\n'));
        let row = table_row(&[escaped.clone(), "x".to_string()]);
        assert_eq!(
            split_row(&row).unwrap(),
            vec![text.to_string(), "x".to_string()]
        );
    }

    #[test]
    fn empty_cells_are_kept() {
        assert_eq!(
            split_row("|  | b |  |").unwrap(),
            vec!["".to_string(), "b".to_string(), "".to_string()]
        );
    }

    proptest! {
        #[test]
        fn any_cell_survives_a_table_row(text in "\\PC*") {
            let cell = normalize_cell(&text);
            let row = table_row(&[escape_cell(&cell), escape_cell("end")]);
            prop_assert_eq!(split_row(&row).unwrap(), vec![cell, "end".to_string()]);
        }

        #[test]
        fn any_block_survives_escaping(text in "(\\PC|\n|## Summary|\\\\)*") {
            let block = normalize_block(&text);
            let escaped = escape_block(&block);
            prop_assert!(escaped.split('\n').all(|line| !is_structural(line)));
            let restored: Vec<&str> = escaped.split('\n').map(unescape_line).collect();
            prop_assert_eq!(restored.join("\n"), block);
        }
    }
}
