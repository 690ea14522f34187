//! Reads Debrief's own Markdown format back into a report.
//!
//! The internal export (front matter, fixed section headings, tables) comes back exactly. A document
//! in our format that was edited by hand is read as well as it can be: sections with our headings
//! into their fields, and all other text kept in the summary, so nothing is dropped.

use crate::document::{self, is_separator_row, split_row, unescape_line};
use crate::export::markdown::FrontMatter;
use crate::ids::*;
use crate::model::*;
use crate::{Error, Result};
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use std::collections::BTreeMap;

/// Splits a document into its front matter (if any) and the rest.
fn split_front_matter(text: &str) -> (Option<&str>, &str) {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (None, text);
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return (Some(&rest[..offset]), &rest[offset + line.len()..]);
        }
        offset += line.len();
    }
    (None, text)
}

/// The text under each of our headings, keyed by the heading path ("## A" or "## A\n### B").
struct Sections {
    title_line: Option<String>,
    preamble: Vec<String>,
    blocks: BTreeMap<String, Vec<String>>,
}

fn split_sections(body: &str) -> Sections {
    let mut sections = Sections {
        title_line: None,
        preamble: Vec::new(),
        blocks: BTreeMap::new(),
    };
    let mut current_h2: Option<String> = None;
    let mut current_key: Option<String> = None;
    for raw in body.split('\n') {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed = line.trim_end();
        if document::SECTIONS.contains(&trimmed) {
            current_h2 = Some(trimmed.to_string());
            current_key = Some(trimmed.to_string());
            sections.blocks.entry(trimmed.to_string()).or_default();
            continue;
        }
        if document::is_structural(trimmed) {
            let key = match &current_h2 {
                Some(h2) => format!("{h2}\n{trimmed}"),
                None => trimmed.to_string(),
            };
            sections.blocks.entry(key.clone()).or_default();
            current_key = Some(key);
            continue;
        }
        match &current_key {
            Some(key) => sections
                .blocks
                .entry(key.clone())
                .or_default()
                .push(unescape_line(line).to_string()),
            None => {
                if sections.title_line.is_none()
                    && line.starts_with("# ")
                    && sections.preamble.iter().all(|l| l.trim().is_empty())
                {
                    sections.title_line = Some(line[2..].trim().to_string());
                } else {
                    sections.preamble.push(unescape_line(line).to_string());
                }
            }
        }
    }
    sections
}

impl Sections {
    fn text(&self, key: &str) -> String {
        self.blocks
            .get(key)
            .map(|lines| document::normalize_block(&lines.join("\n")))
            .unwrap_or_default()
    }

    fn rows(&self, key: &str) -> Vec<Vec<String>> {
        let Some(lines) = self.blocks.get(key) else {
            return Vec::new();
        };
        let table: Vec<&String> = lines
            .iter()
            .filter(|line| line.trim_start().starts_with('|'))
            .collect();
        // The first line is the header, and the line below it the separator; a data row made
        // only of dashes is still data.
        let skip = match table.get(1) {
            Some(line) if is_separator_row(line) => 2,
            _ => 1,
        };
        table
            .into_iter()
            .skip(skip)
            .filter_map(|line| split_row(line))
            .collect()
    }

    /// Lines under a table heading that are not part of the table (kept, not dropped).
    fn prose_around_table(&self, key: &str) -> String {
        let Some(lines) = self.blocks.get(key) else {
            return String::new();
        };
        document::normalize_block(
            &lines
                .iter()
                .filter(|line| !line.trim_start().starts_with('|'))
                .cloned()
                .collect::<Vec<_>>()
                .join("\n"),
        )
    }
}

fn cell(row: &[String], index: usize) -> &str {
    row.get(index).map(String::as_str).unwrap_or("")
}

fn parse_instant(text: &str, zone: Tz, what: &str) -> Result<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Ok(time.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%d %H:%M:%S%.f %:z", "%Y-%m-%d %H:%M %:z"] {
        if let Ok(time) = DateTime::parse_from_str(text, format) {
            return Ok(time.with_timezone(&Utc));
        }
    }
    for format in [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(local) = NaiveDateTime::parse_from_str(text, format) {
            if let Some(time) = zone.from_local_datetime(&local).earliest() {
                return Ok(time.with_timezone(&Utc));
            }
        }
    }
    Err(Error::Invalid(format!(
        "the {what} time '{text}' is not a date and time; write it like 2026-11-20 14:05 +01:00"
    )))
}

fn parse_optional_instant(
    text: &Option<String>,
    zone: Tz,
    what: &str,
) -> Result<Option<DateTime<Utc>>> {
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => parse_instant(text, zone, what).map(Some),
    }
}

fn parse_word<T>(text: &str, parse: fn(&str) -> Option<T>, what: &str, allowed: &[T]) -> Result<T>
where
    T: Copy + std::fmt::Display,
{
    parse(text).ok_or_else(|| {
        let names: Vec<String> = allowed.iter().map(|v| v.to_string()).collect();
        Error::Invalid(format!(
            "'{text}' is not a known {what}; use one of: {}",
            names.join(", ")
        ))
    })
}

fn parse_optional_word<T>(
    text: &str,
    parse: fn(&str) -> Option<T>,
    what: &str,
    allowed: &[T],
) -> Result<Option<T>>
where
    T: Copy + std::fmt::Display,
{
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse_word(text, parse, what, allowed).map(Some)
    }
}

/// Reads a document in Debrief's own Markdown format into a new report made at `now`.
pub(crate) fn from_own_markdown(text: &str, now: DateTime<Utc>) -> Result<Postmortem> {
    let (front, body) = split_front_matter(text);
    let front: FrontMatter = match front {
        Some(yaml) if !yaml.trim().is_empty() => serde_norway::from_str(yaml).map_err(|error| {
            Error::Invalid(format!(
                "the front matter (the block between the --- lines at the top) is not valid: {error}"
            ))
        })?,
        _ => FrontMatter::default(),
    };
    let sections = split_sections(body);

    let time_zone = front.time_zone.clone().unwrap_or_else(|| "UTC".to_string());
    let zone: Tz = time_zone.parse().map_err(|_| {
        Error::Invalid(format!(
            "'{time_zone}' is not a known IANA time zone; use a name such as Europe/Berlin or UTC"
        ))
    })?;
    let title = [
        Some(front.title.trim().to_string()),
        sections.title_line.clone(),
        crate::markdown::first_heading(body),
    ]
    .into_iter()
    .flatten()
    .find(|t| !t.is_empty())
    .unwrap_or_else(|| "Imported postmortem".to_string());
    let mut report = Postmortem::new(&title, &time_zone, now);
    if !front.title.trim().is_empty() {
        // Keep the title exactly as written in the metadata.
        report.title = front.title.clone();
    }
    if let Some(created) = &front.created {
        report.created_at = parse_instant(created, zone, "created")?;
    }
    if let Some(status) = &front.status {
        report.status = parse_word(status, Status::parse, "status", Status::ALL)?;
    }
    if let Some(severity) = &front.severity {
        report.severity =
            parse_optional_word(severity, Severity::parse, "severity", Severity::ALL)?;
    }
    if let Some(impact) = &front.impact {
        report.impact_scope =
            parse_word(impact, ImpactScope::parse, "impact scope", ImpactScope::ALL)?;
    }
    report.services = front.services.clone();
    report.tags = front.tags.clone();
    report.incident = IncidentTimes {
        started: parse_optional_instant(&front.incident.started, zone, "start")?,
        detected: parse_optional_instant(&front.incident.detected, zone, "detection")?,
        mitigated: parse_optional_instant(&front.incident.mitigated, zone, "mitigation")?,
        resolved: parse_optional_instant(&front.incident.resolved, zone, "resolution")?,
    };
    for person in &front.participants {
        report.participants.push(Participant {
            id: ParticipantId::new(now),
            name: person.name.clone(),
            role: parse_word(&person.role, Role::parse, "role", Role::ALL)?,
        });
    }
    let find = |name: &str, what: &str| -> Result<ParticipantId> {
        report
            .participant_by_name(name)
            .map(|p| p.id)
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "the {what} '{name}' is not among the participants; add them to the participants list"
                ))
            })
    };
    let owner = match &front.owner {
        Some(owner) => Some(Owner {
            participant: find(&owner.name, "owner")?,
            criterion: parse_word(
                &owner.criterion,
                OwnerCriterion::parse,
                "owner criterion",
                OwnerCriterion::ALL,
            )?,
            note: owner.note.clone(),
        }),
        None => None,
    };
    let review = ReviewMeeting {
        at: parse_optional_instant(&front.review.at, zone, "review")?,
        facilitator: front
            .review
            .facilitator
            .as_deref()
            .map(|n| find(n, "facilitator"))
            .transpose()?,
        devils_advocate: front
            .review
            .devils_advocate
            .as_deref()
            .map(|n| find(n, "devil's advocate"))
            .transpose()?,
    };
    report.owner = owner;
    report.review = review;

    // Text that sits before the first section is kept at the start of the summary.
    let preamble = document::normalize_block(&sections.preamble.join("\n"));
    let summary = sections.text(document::SUMMARY);
    report.summary = [preamble, summary]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    report.customer_impact = sections.text(document::CUSTOMER_IMPACT);
    report.monitoring = sections.text(document::MONITORING);
    report.single_factor_reason = sections.text(&format!(
        "{}\n{}",
        document::CONTRIBUTING_FACTORS,
        document::SINGLE_FACTOR_REASON
    ));
    report.went_well = sections.text(document::WENT_WELL);
    report.got_lucky = sections.text(document::GOT_LUCKY);
    report.notes = sections.text(document::NOTES);
    let questions_intro = sections.text(document::HELPFUL_QUESTIONS);
    for (index, answer) in report.questions.answers_mut().into_iter().enumerate() {
        *answer = sections.text(&format!(
            "{}\n{}",
            document::HELPFUL_QUESTIONS,
            document::question_heading(index)
        ));
    }
    let external_intro = sections.text(document::EXTERNAL_MESSAGE);
    let parts = document::EXTERNAL_PARTS
        .map(|part| sections.text(&format!("{}\n{part}", document::EXTERNAL_MESSAGE)));
    let [summary, what_happened, what_we_are_doing] = parts;
    report.external = ExternalMessage {
        summary,
        what_happened,
        what_we_are_doing,
    };

    for row in sections.rows(document::TIMELINE) {
        report.timeline.push(TimelineEntry {
            id: TimelineEntryId::new(now),
            at: parse_instant(cell(&row, 0), zone, "timeline")?,
            kind: parse_optional_word(
                cell(&row, 1),
                TimelineKind::parse,
                "timeline kind",
                TimelineKind::ALL,
            )?
            .unwrap_or(TimelineKind::Note),
            description: cell(&row, 2).to_string(),
            evidence: cell(&row, 3).to_string(),
        });
    }
    for row in sections.rows(document::CONTRIBUTING_FACTORS) {
        report.contributing_factors.push(ContributingFactor {
            id: ContributingFactorId::new(now),
            description: cell(&row, 0).to_string(),
            category: parse_optional_word(
                cell(&row, 1),
                FactorCategory::parse,
                "factor category",
                FactorCategory::ALL,
            )?
            .unwrap_or(FactorCategory::Other),
            why_it_made_sense: cell(&row, 2).to_string(),
        });
    }
    for row in sections.rows(document::ACTION_ITEMS) {
        let due = cell(&row, 2).trim();
        report.action_items.push(ActionItem {
            id: ActionItemId::new(now),
            description: cell(&row, 0).to_string(),
            owner: cell(&row, 1).to_string(),
            due: if due.is_empty() {
                None
            } else {
                Some(NaiveDate::parse_from_str(due, "%Y-%m-%d").map_err(|_| {
                    Error::Invalid(format!(
                        "the due date '{due}' is not a date; write it like 2026-12-01"
                    ))
                })?)
            },
            priority: parse_optional_word(
                cell(&row, 3),
                Priority::parse,
                "priority",
                Priority::ALL,
            )?,
            kind: parse_optional_word(
                cell(&row, 4),
                ActionKind::parse,
                "action type",
                ActionKind::ALL,
            )?
            .unwrap_or(ActionKind::Prevent),
            status: parse_optional_word(
                cell(&row, 5),
                ActionStatus::parse,
                "action status",
                ActionStatus::ALL,
            )?
            .unwrap_or(ActionStatus::Proposed),
            done_when: cell(&row, 6).to_string(),
            tracking: cell(&row, 7).to_string(),
            status_reason: cell(&row, 8).to_string(),
        });
    }
    report.glossary = sections
        .rows(document::GLOSSARY)
        .iter()
        .map(|row| GlossaryEntry {
            id: GlossaryEntryId::new(now),
            term: cell(row, 0).to_string(),
            definition: cell(row, 1).to_string(),
        })
        .collect();
    if sections.blocks.contains_key(document::REVIEW_CHECKLIST) {
        report.review_checklist = sections
            .rows(document::REVIEW_CHECKLIST)
            .iter()
            .map(|row| ChecklistItem {
                checked: matches!(cell(row, 0).trim(), "[x]" | "[X]" | "x" | "X" | "yes"),
                question: cell(row, 1).to_string(),
                note: cell(row, 2).to_string(),
            })
            .collect();
    }
    report.dismissals = sections
        .rows(document::DISMISSED_HINTS)
        .iter()
        .map(|row| HintDismissal {
            rule: cell(row, 0).to_string(),
            field: cell(row, 1).to_string(),
            matched_text: cell(row, 2).to_string(),
            reason: cell(row, 3).to_string(),
        })
        .collect();

    // Prose written around tables or under group headings is kept rather than dropped.
    let mut leftovers = Vec::new();
    for (key, label) in [
        (document::TIMELINE, "Timeline"),
        (document::CONTRIBUTING_FACTORS, "Contributing factors"),
        (document::ACTION_ITEMS, "Action items"),
        (document::GLOSSARY, "Glossary"),
        (document::REVIEW_CHECKLIST, "Review checklist"),
        (document::DISMISSED_HINTS, "Dismissed hints"),
    ] {
        let prose = sections.prose_around_table(key);
        if !prose.is_empty() {
            leftovers.push(format!("{label}:\n\n{prose}"));
        }
    }
    for (label, prose) in [
        ("Helpful questions", questions_intro),
        ("External message", external_intro),
    ] {
        if !prose.is_empty() {
            leftovers.push(format!("{label}:\n\n{prose}"));
        }
    }
    if !leftovers.is_empty() {
        let notes = leftovers.join("\n\n");
        report.summary = if report.summary.is_empty() {
            notes
        } else {
            format!("{}\n\n{notes}", report.summary)
        };
    }

    report.validate()?;
    Ok(report)
}
