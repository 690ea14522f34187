//! `lint`: the hint engine over a text or a stored report, printed for people, editors or scripts.
//!
//! A text is checked as one section of a report; a stored report is checked field by field, with
//! the checks on the report as a whole. Only `--report` reads the database, and nothing here writes
//! to it.

use super::{find_report_in, Outcome};
use crate::cli::LintArgs;
use crate::database::Database;
use crate::failure::input;
use crate::input::{into_text, read};
use crate::output::printable_line;
use chrono::{DateTime, Utc};
use debrief_core::hints::{
    field_text, lint_report, Hint, HintSeverity, LintContext, Linter, Person, RuleSettings, Section,
};
use debrief_core::{ImpactScope, PostmortemId};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

const NOTHING_CHECKED: &str = "nothing was checked";

pub fn lint(
    args: LintArgs,
    locate: impl FnOnce() -> anyhow::Result<Database>,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let text_from_stdin =
        args.report.is_none() && args.file.as_ref().is_none_or(|f| f.as_os_str() == "-");
    if text_from_stdin && args.config.as_ref().is_some_and(|f| f.as_os_str() == "-") {
        return Err(input(
            "standard input cannot hold both the text and the settings; nothing was checked: \
             give the settings as a file",
        ));
    }
    let config = args.config.as_deref().map(read_settings).transpose()?;
    match &args.report {
        Some(id) => lint_stored(id, config, &args, locate, now, out),
        None => lint_text(config.unwrap_or_default(), &args, out),
    }
}

/// Reads `--config`: an unreadable or invalid file, or an unknown rule id, is the user's to fix.
fn read_settings(path: &Path) -> anyhow::Result<RuleSettings> {
    let text = into_text(read(path, NOTHING_CHECKED)?, NOTHING_CHECKED)?;
    RuleSettings::from_toml(&text).map_err(|error| {
        // The core's message says what is wrong (a TOML error, or an unknown rule and the list of
        // rules); it only lacks the file's name.
        input(format!(
            "{}: {}",
            path.display(),
            error.to_string().trim_end()
        ))
    })
}

fn lint_text(
    settings: RuleSettings,
    args: &LintArgs,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let section = Section::parse(&args.section)
        .ok_or_else(|| input(format!("there is no section '{}'", args.section)))?;
    let impact = ImpactScope::parse(&args.impact)
        .ok_or_else(|| input(format!("there is no impact scope '{}'", args.impact)))?;
    let people = participants(args.names.as_deref());

    let file = args.file.clone().unwrap_or_else(|| PathBuf::from("-"));
    if file == Path::new("-") && std::io::stdin().is_terminal() {
        let end = if cfg!(windows) {
            "Ctrl-Z, Enter"
        } else {
            "Ctrl-D"
        };
        eprintln!("Reading the text from standard input; end it with {end}.");
    }
    let source = read(&file, NOTHING_CHECKED)?;
    let label = if source.is_stdin {
        "<stdin>".to_string()
    } else {
        printable_line(&source.name)
    };
    let text = into_text(source, NOTHING_CHECKED)?;

    let linter = Linter::new(&people, &settings);
    let context = LintContext {
        section,
        impact,
        people,
    };
    let hints = linter.lint(&text, section.as_str(), &context);
    let mut places = Places::new(&text);
    print(&hints, args.json, out, |hint| {
        (label.clone(), places.of(hint))
    })
}

fn lint_stored(
    id: &str,
    config: Option<RuleSettings>,
    args: &LintArgs,
    locate: impl FnOnce() -> anyhow::Result<Database>,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let id: PostmortemId = id.parse()?;
    let database = locate()?;
    // `open_existing`: a missing database is an error here, and no file is created for it.
    let store = database.open_existing(now)?;
    let report = find_report_in(&store, &database, id)?;
    let mut settings = store.hint_settings()?;
    if let Some(config) = config {
        // Rule by rule: what the file says about a rule replaces what was saved for it.
        settings.rules.extend(config.rules);
    }
    let hints = lint_report(&report, &settings);
    // The hints of one field come together, so one field's text is indexed at a time.
    let mut current: Option<(String, Option<Places>)> = None;
    print(&hints, args.json, out, |hint| {
        let file = format!("{}/{}", report.id, printable_line(&hint.field));
        if current
            .as_ref()
            .is_none_or(|(field, _)| *field != hint.field)
        {
            let places = field_text(&report, &hint.field).map(Places::new);
            current = Some((hint.field.clone(), places));
        }
        let place = match &mut current {
            Some((_, Some(places))) => places.of(hint),
            _ => (1, 1),
        };
        (file, place)
    })
}

/// `--names "Ana Lima, Ben Okafor"`: the names, trimmed, without empty ones.
fn participants(names: Option<&str>) -> Vec<Person> {
    names
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| Person {
            name: name.to_string(),
            role: None,
        })
        .collect()
}

/// Turns the byte offsets of hints into 1-based lines and columns (in characters) as an editor
/// counts them, without a byte order mark. Each line's start is found by a binary search, and
/// within a line the count goes on from the previous hint when it is further along, so that many
/// hints in a long text cost no more than one pass over it.
struct Places<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// The last place given: its byte offset, line and column.
    last: Option<(usize, usize, usize)>,
}

impl<'a> Places<'a> {
    fn new(text: &'a str) -> Places<'a> {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(index, _)| index + 1))
            .collect();
        Places {
            text,
            line_starts,
            last: None,
        }
    }

    /// Where `hint` starts. A hint without a place in this text (a check on the whole report, or
    /// a span that does not fit) is at 1:1 rather than at a guess.
    fn of(&mut self, hint: &Hint) -> (usize, usize) {
        let text = self.text;
        let fits = hint.start <= hint.end
            && hint.end <= text.len()
            && text.is_char_boundary(hint.start)
            && text.is_char_boundary(hint.end)
            && text[hint.start..hint.end] == hint.matched;
        if !fits {
            return (1, 1);
        }
        let offset = hint.start;
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        let (from, column) = match self.last {
            Some((last, last_line, column)) if last_line == line && last <= offset => {
                (last, column)
            }
            _ => (line_start, 1),
        };
        let column = column + text[from..offset].chars().count();
        self.last = Some((offset, line, column));
        if line == 1 && column > 1 && text.starts_with('\u{FEFF}') {
            (line, column - 1)
        } else {
            (line, column)
        }
    }
}

/// Prints the hints as JSON, or as one line each with the file and place that `locate` gives.
/// The outcome counts the hints that were not dismissed.
fn print(
    hints: &[Hint],
    json: bool,
    out: &mut dyn Write,
    mut locate: impl FnMut(&Hint) -> (String, (usize, usize)),
) -> anyhow::Result<Outcome> {
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(hints)?)?;
    } else {
        for hint in hints {
            let (file, (line, column)) = locate(hint);
            writeln!(
                out,
                "{file}:{line}:{column}: {} {}: {}",
                hint.severity.as_str(),
                hint.category.as_str(),
                printable_line(&hint.message)
            )?;
            if let Some(suggestion) = &hint.suggestion {
                writeln!(out, "  suggestion: {}", printable_line(suggestion))?;
            }
            if let Some(reason) = &hint.dismissed {
                writeln!(out, "  dismissed: {}", printable_line(reason))?;
            }
        }
        if let Some(count) = count(hints) {
            eprintln!("{count}");
        }
    }
    let open = hints.iter().filter(|h| h.dismissed.is_none()).count();
    Ok(if open == 0 {
        Outcome::Done
    } else {
        Outcome::ProblemsFound
    })
}

/// "3 hints (1 error, 2 warnings); 1 dismissed", or nothing when there are none at all.
fn count(hints: &[Hint]) -> Option<String> {
    if hints.is_empty() {
        return None;
    }
    let open: Vec<&Hint> = hints.iter().filter(|h| h.dismissed.is_none()).collect();
    let dismissed = hints.len() - open.len();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut text = if open.is_empty() {
        "no hints".to_string()
    } else {
        let levels: Vec<String> = [
            (HintSeverity::Error, "error"),
            (HintSeverity::Warning, "warning"),
            (HintSeverity::Suggestion, "suggestion"),
        ]
        .into_iter()
        .filter_map(|(severity, word)| {
            let n = open.iter().filter(|h| h.severity == severity).count();
            (n > 0).then(|| plural(n, word))
        })
        .collect();
        format!("{} ({})", plural(open.len(), "hint"), levels.join(", "))
    };
    if dismissed > 0 {
        text.push_str(&format!("; {dismissed} dismissed"));
    }
    Some(text)
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly at its first surprise"
)]
mod tests {
    use super::*;

    /// A report whose summary draws several hints (which fields hold them is the core's test).
    fn report_with_hints() -> debrief_core::Postmortem {
        let fixture = include_str!("../../tests/fixtures/report.json");
        let mut report = debrief_core::import::from_bytes(fixture.as_bytes(), chrono::Utc::now())
            .expect("the fixture");
        report.summary = "Then Ingrid Okafor forgot to check, a human error. \
                          It was a disaster; we should have known."
            .into();
        report
    }

    /// A hint on `text[start..end]`.
    fn hint_on(text: &str, start: usize, end: usize) -> Hint {
        Hint {
            rule: "x",
            category: debrief_core::hints::Category::Blame,
            severity: HintSeverity::Warning,
            field: "analysis".into(),
            start,
            end,
            start_utf16: 0,
            end_utf16: 0,
            matched: text[start..end].into(),
            context: String::new(),
            message: String::new(),
            explanation: "",
            suggestion: None,
            suggestion_kind: None,
            dismissed: None,
        }
    }

    fn place_in(text: &str, hint: &Hint) -> (usize, usize) {
        Places::new(text).of(hint)
    }

    #[test]
    fn places_are_lines_and_characters_from_one() {
        let text = "Zoë wrote it.\nThen Ingrid forgot.";
        let hint = |start, end| hint_on(text, start, end);
        assert_eq!(place_in(text, &hint(0, 4)), (1, 1));
        assert_eq!(place_in(text, &hint(5, 10)), (1, 5));
        let ingrid = text.find("Ingrid").unwrap();
        assert_eq!(place_in(text, &hint(ingrid, ingrid + 6)), (2, 6));
        // A byte order mark is not a column an editor shows.
        let marked = format!("\u{FEFF}{text}");
        assert_eq!(place_in(&marked, &hint_on(&marked, 8, 13)), (1, 5));
        // A span that does not fit the text is placed at the start rather than guessed.
        let mut stray = hint(0, 4);
        stray.matched = "other".into();
        assert_eq!(place_in(text, &stray), (1, 1));
        let mut outside = hint(0, 4);
        outside.end = text.len() + 1;
        assert_eq!(place_in(text, &outside), (1, 1));
    }

    #[test]
    fn places_agree_with_the_core_in_any_order() {
        let text = "Zoë wrote it.\r\nThen 東京 ☕ forgot.\n\n\nlast line, no end";
        let offsets: Vec<usize> = text
            .char_indices()
            .map(|(index, _)| index)
            .chain([text.len()])
            .collect();
        let forwards = offsets.iter();
        let backwards = offsets.iter().rev();
        let jumping = offsets.iter().step_by(3).chain(offsets.iter().step_by(2));
        let mut places = Places::new(text);
        for &offset in forwards.chain(backwards).chain(jumping) {
            assert_eq!(
                places.of(&hint_on(text, offset, offset)),
                debrief_core::hints::text::line_column(text, offset),
                "at byte {offset}"
            );
        }
    }

    #[test]
    fn names_are_split_on_commas_and_trimmed() {
        let names: Vec<String> = participants(Some(" Ana Lima ,Ben,, ,Zoë Ødegård "))
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(names, ["Ana Lima", "Ben", "Zoë Ødegård"]);
        assert!(participants(None).is_empty());
    }

    #[test]
    fn the_count_names_each_level_and_the_dismissed() {
        let report = report_with_hints();
        let mut hints = lint_report(&report, &RuleSettings::default());
        assert!(count(&[]).is_none());
        hints.truncate(3);
        hints[0].severity = HintSeverity::Error;
        hints[1].severity = HintSeverity::Warning;
        hints[2].severity = HintSeverity::Warning;
        assert_eq!(count(&hints).unwrap(), "3 hints (1 error, 2 warnings)");
        hints[0].dismissed = Some("quoted".into());
        assert_eq!(count(&hints).unwrap(), "2 hints (2 warnings); 1 dismissed");
        hints[1].dismissed = Some("quoted".into());
        hints[2].dismissed = Some("quoted".into());
        assert_eq!(count(&hints).unwrap(), "no hints; 3 dismissed");
    }
}
