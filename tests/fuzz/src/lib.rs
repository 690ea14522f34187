//! The fuzz targets' bodies: each takes the fuzzer's bytes, feeds them to one part of Debrief and
//! checks what must hold for any input. A crash or a failed check is a bug.
//!
//! The binaries in `fuzz_targets/` call these functions; the test `fuzz_corpus` of debrief-pdf
//! includes this file and replays every committed corpus input through them, so a corpus input
//! that once found a bug keeps guarding its fix in `cargo test --workspace`.
//!
//! Reports are built from the bytes with `arbitrary`: every text field, row and choice the model
//! has, with texts mixed from arbitrary Unicode and the characters that mean something to
//! Markdown, Typst, our document format and the hint rules.

use arbitrary::{Result, Unstructured};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use debrief_core::export::markdown;
use debrief_core::hints::{self, LintContext, Linter, Person, RuleSettings, Section};
use debrief_core::*;
use std::sync::OnceLock;

/// The time every target runs at, so that a run is repeatable.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 4, 5, 6, 7)
        .single()
        .unwrap_or_default()
}

/// Pieces of text that steer the fuzzer towards the syntax the code under test interprets.
const FRAGMENTS: &[&str] = &[
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "  \n",
    "# ",
    "## ",
    "### ",
    "###### ",
    "#",
    "*",
    "**",
    "_",
    "__",
    "~~",
    "`",
    "```",
    "~~~",
    "    ",
    "> ",
    ">",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "1) ",
    "- [ ] ",
    "- [x] ",
    "|",
    " | ",
    "|---|",
    "| --- | --- |",
    "---",
    "***",
    "===",
    "[",
    "]",
    "](",
    ")",
    "![",
    "<",
    ">",
    "</",
    "<!--",
    "-->",
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:",
    "&amp;",
    "&#",
    ";",
    "\\",
    "\\\\",
    "$",
    "$$",
    "#let ",
    "#import ",
    "#set ",
    "#show ",
    "#{",
    "}",
    "{",
    "@",
    "=",
    "==",
    "//",
    "/*",
    "*/",
    "\"",
    "'",
    "^",
    "%",
    "https://",
    "http://x.internal/",
    "10.0.0.1",
    "db-prod-03.eu.internal",
    "root cause",
    "human error",
    "should have",
    "just",
    "obviously",
    "outage",
    "Ana Lima",
    "Zoë",
    "he ",
    "she ",
    "?",
    ":",
    "timeZone: ",
    "impact: ",
    "title: ",
    "\u{feff}",
    "\u{0}",
    "\u{301}",
    "\u{200b}",
    "\u{202e}",
    "😀",
    "👩‍👩‍👧",
    "\u{10ffff}",
    "ß",
    "İ",
    "Σ",
    "中文",
    "العربية",
    "[^1]",
    "[^1]: ",
    "<br>",
];

const TIME_ZONES: &[&str] = &[
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/St_Johns",
];

/// A text made of arbitrary strings and syntax fragments.
fn text(u: &mut Unstructured<'_>) -> Result<String> {
    let mut out = String::new();
    let pieces = u.int_in_range(0..=24)?;
    for _ in 0..pieces {
        if u.ratio(1, 2)? {
            out.push_str(u.choose(FRAGMENTS)?);
        } else {
            out.push_str(&u.arbitrary::<String>()?);
        }
    }
    Ok(out)
}

/// A text that is not blank (the model requires it for names and action items).
fn some_text(u: &mut Unstructured<'_>, fallback: &str) -> Result<String> {
    let text = text(u)?;
    Ok(if text.trim().is_empty() {
        fallback.to_string()
    } else {
        text
    })
}

fn pick<T: Copy>(u: &mut Unstructured<'_>, all: &[T]) -> Result<T> {
    u.choose(all).copied()
}

/// A time within a few days of `base`, to the second, or far from it now and then.
fn time_after(u: &mut Unstructured<'_>, base: DateTime<Utc>) -> Result<DateTime<Utc>> {
    let seconds = if u.ratio(1, 16)? {
        u.int_in_range(0..=i64::from(u32::MAX))?
    } else {
        u.int_in_range(0..=4 * 86_400)?
    };
    Ok(base + Duration::seconds(seconds))
}

/// A typed id from fuzz bytes: ids are only compared, so any UUID will do.
fn id<T: std::str::FromStr>(u: &mut Unstructured<'_>) -> Result<T> {
    let bits: u128 = u.arbitrary()?;
    format!(
        "{:08x}-{:04x}-7{:03x}-8{:03x}-{:012x}",
        bits >> 96,
        (bits >> 80) & 0xffff,
        (bits >> 68) & 0xfff,
        (bits >> 56) & 0xfff,
        bits & 0xffff_ffff_ffff
    )
    .parse()
    .map_err(|_| arbitrary::Error::IncorrectFormat)
}

/// A report that passes `validate`, as every stored report does, with every field filled from the
/// bytes.
pub fn report(u: &mut Unstructured<'_>) -> Result<Postmortem> {
    let created = now() - Duration::days(u.int_in_range(0..=3650)?);
    let mut report = Postmortem::new(&some_text(u, "Untitled")?, pick(u, TIME_ZONES)?, created);
    report.status = pick(u, Status::ALL)?;
    report.severity = if u.arbitrary()? {
        Some(pick(u, Severity::ALL)?)
    } else {
        None
    };
    report.impact_scope = pick(u, ImpactScope::ALL)?;
    for _ in 0..u.int_in_range(0..=3)? {
        report.services.push(text(u)?);
    }
    for _ in 0..u.int_in_range(0..=3)? {
        report.tags.push(text(u)?);
    }

    // Incident times in order, each one optional.
    let started = time_after(u, created - Duration::days(7))?;
    let mut last = started;
    let mut next = |u: &mut Unstructured<'_>| -> Result<Option<DateTime<Utc>>> {
        if u.arbitrary()? {
            last = time_after(u, last)?;
            Ok(Some(last))
        } else {
            Ok(None)
        }
    };
    report.incident.detected = next(u)?;
    report.incident.mitigated = next(u)?;
    report.incident.resolved = next(u)?;
    // The later times follow the start even when it is left out.
    if u.arbitrary()? {
        report.incident.started = Some(started);
    }

    for index in 0..u.int_in_range(0..=4)? {
        let name = some_text(u, "Someone")?;
        let name = if report.participant_by_name(&name).is_some() {
            format!("{name} {index}")
        } else {
            name
        };
        report.participants.push(Participant {
            id: id(u)?,
            name,
            role: pick(u, Role::ALL)?,
        });
    }
    let people: Vec<ParticipantId> = report.participants.iter().map(|p| p.id).collect();
    if !people.is_empty() {
        if u.arbitrary()? {
            report.owner = Some(Owner {
                participant: pick(u, &people)?,
                criterion: pick(u, OwnerCriterion::ALL)?,
                note: text(u)?,
            });
        }
        if u.arbitrary()? {
            report.review.facilitator = Some(pick(u, &people)?);
        }
        if u.arbitrary()? {
            report.review.devils_advocate = Some(pick(u, &people)?);
        }
    }
    if u.arbitrary()? {
        report.review.at = Some(time_after(u, started)?);
    }

    report.summary = text(u)?;
    report.customer_impact = text(u)?;
    report.monitoring = text(u)?;
    report.single_factor_reason = text(u)?;
    report.went_well = text(u)?;
    report.got_lucky = text(u)?;
    for answer in report.questions.answers_mut() {
        *answer = text(u)?;
    }
    for _ in 0..u.int_in_range(0..=6)? {
        report.timeline.push(TimelineEntry {
            id: id(u)?,
            at: time_after(u, started - Duration::hours(2))?,
            description: text(u)?,
            evidence: text(u)?,
            kind: pick(u, TimelineKind::ALL)?,
        });
    }
    for _ in 0..u.int_in_range(0..=3)? {
        report.contributing_factors.push(ContributingFactor {
            id: id(u)?,
            description: text(u)?,
            category: pick(u, FactorCategory::ALL)?,
            why_it_made_sense: text(u)?,
        });
    }
    for _ in 0..u.int_in_range(0..=3)? {
        let due = if u.arbitrary()? {
            NaiveDate::from_num_days_from_ce_opt(u.int_in_range(730_000..=750_000)?)
        } else {
            None
        };
        report.action_items.push(ActionItem {
            id: id(u)?,
            description: some_text(u, "Do something")?,
            owner: text(u)?,
            due,
            priority: if u.arbitrary()? {
                Some(pick(u, Priority::ALL)?)
            } else {
                None
            },
            kind: pick(u, ActionKind::ALL)?,
            status: pick(u, ActionStatus::ALL)?,
            status_reason: text(u)?,
            tracking: text(u)?,
            done_when: text(u)?,
        });
    }
    report.external.summary = text(u)?;
    report.external.what_happened = text(u)?;
    report.external.what_we_are_doing = text(u)?;
    for _ in 0..u.int_in_range(0..=3)? {
        report.glossary.push(GlossaryEntry {
            id: id(u)?,
            term: text(u)?,
            definition: text(u)?,
        });
    }
    for item in &mut report.review_checklist {
        item.checked = u.arbitrary()?;
        item.note = text(u)?;
    }
    for _ in 0..u.int_in_range(0..=2)? {
        report.dismissals.push(HintDismissal {
            rule: pick(u, &["root-cause", "leak-host", "outage", "blame-name", "x"])?.to_string(),
            field: text(u)?,
            matched_text: text(u)?,
            reason: text(u)?,
        });
    }
    Ok(report)
}

/// Builds a report from the bytes; `None` when the bytes cannot make a valid one (rare: only
/// names that clash after every fallback).
fn report_from(data: &[u8]) -> Option<Postmortem> {
    let mut u = Unstructured::new(data);
    let report = report(&mut u).ok()?;
    report.validate().ok()?;
    Some(report)
}

/// Markdown and JSON import: any bytes give a report or an error, and an imported report is valid
/// and survives both exports and a second import of its internal document.
pub fn import(data: &[u8]) {
    let Ok(report) = import::from_bytes(data, now()) else {
        return;
    };
    if let Err(error) = report.validate() {
        panic!("an imported report does not validate: {error}");
    }
    let internal = markdown::internal(&report);
    let _ = markdown::external(&report);
    if let Err(error) = import::from_markdown(&internal, now()) {
        panic!("the internal export of an imported report cannot be imported again: {error}");
    }
}

/// Checks the spans of every hint against the text it was found in.
fn check_spans(text: &str, found: &[hints::Hint]) {
    let utf16_length = text.encode_utf16().count();
    for hint in found {
        assert!(
            hint.start <= hint.end && hint.end <= text.len(),
            "hint {} spans {}..{} of a text of {} bytes",
            hint.rule,
            hint.start,
            hint.end,
            text.len()
        );
        assert!(
            text.is_char_boundary(hint.start) && text.is_char_boundary(hint.end),
            "hint {} cuts a character",
            hint.rule
        );
        assert!(hint.start_utf16 <= hint.end_utf16 && hint.end_utf16 <= utf16_length);
        assert_eq!(&text[hint.start..hint.end], hint.matched);
        let before = &text[..hint.start];
        assert_eq!(before.encode_utf16().count(), hint.start_utf16);
    }
}

/// A linter without names, compiled once: building one per input would spend the run compiling.
fn plain_linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| Linter::new(&[], &RuleSettings::default()))
}

/// A linter that knows two people's names (one with letters outside ASCII), compiled once.
fn named_linter() -> &'static (Linter, Vec<Person>) {
    static LINTER: OnceLock<(Linter, Vec<Person>)> = OnceLock::new();
    LINTER.get_or_init(|| {
        let people = vec![
            Person {
                name: "Ana Lima".to_string(),
                role: Some(Role::IncidentCommander),
            },
            Person {
                name: "Zoë".to_string(),
                role: None,
            },
        ];
        (Linter::new(&people, &RuleSettings::default()), people)
    })
}

/// The hint engine: one arbitrary text in each section (with and without people's names), or a
/// whole arbitrary report through the editor's `check_report` (every hint, the export gate, the
/// readiness).
pub fn hints(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(mode) = u.int_in_range(0u8..=2) else {
        return;
    };
    match mode {
        0 | 1 => {
            let Ok(text) = text(&mut u) else { return };
            let (linter, people) = if mode == 0 {
                (plain_linter(), Vec::new())
            } else {
                let (linter, people) = named_linter();
                (linter, people.clone())
            };
            let impact = pick(&mut u, ImpactScope::ALL).unwrap_or(ImpactScope::Partial);
            for section in Section::ALL {
                let context = LintContext {
                    section,
                    impact,
                    people: people.clone(),
                };
                check_spans(&text, &linter.lint(&text, "summary", &context));
            }
        }
        _ => {
            let Ok(report) = report(&mut u) else { return };
            let found = hints::lint_report(&report, &RuleSettings::default());
            for hint in &found {
                assert!(
                    hint.start <= hint.end,
                    "hint {} has a reversed span",
                    hint.rule
                );
            }
            let check = walkthrough::check_report(&report, &RuleSettings::default());
            assert!(check.readiness.score <= 100);
        }
    }
}

/// The Markdown exports of any valid report: both are written, and the internal document reads
/// back as a valid report.
pub fn markdown_export(data: &[u8]) {
    let Some(report) = report_from(data) else {
        return;
    };
    let internal = markdown::internal(&report);
    let _ = markdown::external(&report);
    match import::from_markdown(&internal, now()) {
        Ok(back) => {
            if let Err(error) = back.validate() {
                panic!("the internal export reads back as an invalid report: {error}");
            }
        }
        Err(error) => panic!("the internal export cannot be imported again: {error}"),
    }
}

/// The PDF export (Typst) of any valid report, for the team and for customers: it typesets.
pub fn typst_export(data: &[u8]) {
    let Some(report) = report_from(data) else {
        return;
    };
    for audience in [
        debrief_pdf::Audience::Internal,
        debrief_pdf::Audience::External,
    ] {
        if let Err(error) = debrief_pdf::render(&report, audience) {
            panic!("the {audience:?} PDF of a valid report failed: {error}");
        }
    }
}
