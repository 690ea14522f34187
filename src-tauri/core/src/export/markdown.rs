//! Markdown exports: the internal document (Debrief's own format, which imports back to the same
//! report) and the external message for customers.

use crate::document::{self, escape_block, escape_cell, table};
use crate::model::*;
use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// The metadata block at the top of the internal document.
#[derive(Debug, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct FrontMatter {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub impact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    pub services: Vec<String>,
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    pub incident: FrontMatterTimes,
    pub participants: Vec<FrontMatterParticipant>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<FrontMatterOwner>,
    pub review: FrontMatterReview,
}

#[derive(Debug, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct FrontMatterTimes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detected: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mitigated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct FrontMatterParticipant {
    pub name: String,
    pub role: String,
}

#[derive(Debug, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct FrontMatterOwner {
    pub name: String,
    pub criterion: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Debug, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct FrontMatterReview {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facilitator: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub devils_advocate: Option<String>,
}

/// A time in the report's zone, as RFC 3339 with its offset.
pub(crate) fn zoned(time: DateTime<Utc>, zone: Tz) -> String {
    time.with_timezone(&zone)
        .to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

/// A timeline time for the table: local date and time with the offset, seconds only when set.
pub(crate) fn table_time(time: DateTime<Utc>, zone: Tz) -> String {
    let local = time.with_timezone(&zone);
    if local.timestamp_subsec_nanos() != 0 {
        local.format("%Y-%m-%d %H:%M:%S%.f %:z").to_string()
    } else if local.format("%S").to_string() != "00" {
        local.format("%Y-%m-%d %H:%M:%S %:z").to_string()
    } else {
        local.format("%Y-%m-%d %H:%M %:z").to_string()
    }
}

fn front_matter(report: &Postmortem) -> FrontMatter {
    let zone = report.tz();
    let name_of = |id| report.participant(id).map(|p| p.name.clone());
    FrontMatter {
        title: report.title.clone(),
        status: Some(report.status.as_str().to_string()),
        severity: report.severity.map(|s| s.as_str().to_string()),
        impact: Some(report.impact_scope.as_str().to_string()),
        time_zone: Some(report.time_zone.clone()),
        services: report.services.clone(),
        tags: report.tags.clone(),
        created: Some(zoned(report.created_at, zone)),
        incident: FrontMatterTimes {
            started: report.incident.started.map(|t| zoned(t, zone)),
            detected: report.incident.detected.map(|t| zoned(t, zone)),
            mitigated: report.incident.mitigated.map(|t| zoned(t, zone)),
            resolved: report.incident.resolved.map(|t| zoned(t, zone)),
        },
        participants: report
            .participants
            .iter()
            .map(|p| FrontMatterParticipant {
                name: p.name.clone(),
                role: p.role.as_str().to_string(),
            })
            .collect(),
        owner: report.owner.as_ref().and_then(|owner| {
            Some(FrontMatterOwner {
                name: name_of(owner.participant)?,
                criterion: owner.criterion.as_str().to_string(),
                note: owner.note.clone(),
            })
        }),
        review: FrontMatterReview {
            at: report.review.at.map(|t| zoned(t, zone)),
            facilitator: report.review.facilitator.and_then(name_of),
            devils_advocate: report.review.devils_advocate.and_then(name_of),
        },
    }
}

/// Appends a section: its heading, a blank line, and its text when there is any.
fn section(out: &mut String, heading: &str, body: &str) {
    out.push('\n');
    out.push_str(heading);
    out.push('\n');
    if !body.is_empty() {
        out.push('\n');
        out.push_str(body);
        out.push('\n');
    }
}

/// The whole report for the team, in Debrief's own format.
pub fn internal(report: &Postmortem) -> String {
    let zone = report.tz();
    let yaml = serde_norway::to_string(&front_matter(report))
        .unwrap_or_else(|error| format!("# the metadata could not be written: {error}\n"));
    let mut out = format!("---\n{yaml}---\n\n# {}\n", one_line(&report.title));

    section(&mut out, document::SUMMARY, &escape_block(&report.summary));
    section(
        &mut out,
        document::CUSTOMER_IMPACT,
        &escape_block(&report.customer_impact),
    );
    let timeline: Vec<Vec<String>> = report
        .timeline
        .iter()
        .map(|entry| {
            vec![
                table_time(entry.at, zone),
                entry.kind.as_str().to_string(),
                escape_cell(&entry.description),
                escape_cell(&entry.evidence),
            ]
        })
        .collect();
    section(
        &mut out,
        document::TIMELINE,
        &table(&document::TIMELINE_COLUMNS, &timeline),
    );
    section(
        &mut out,
        document::MONITORING,
        &escape_block(&report.monitoring),
    );
    let factors: Vec<Vec<String>> = report
        .contributing_factors
        .iter()
        .map(|factor| {
            vec![
                escape_cell(&factor.description),
                factor.category.as_str().to_string(),
                escape_cell(&factor.why_it_made_sense),
            ]
        })
        .collect();
    section(
        &mut out,
        document::CONTRIBUTING_FACTORS,
        &table(&document::FACTOR_COLUMNS, &factors),
    );
    if !report.single_factor_reason.trim().is_empty() {
        section(
            &mut out,
            document::SINGLE_FACTOR_REASON,
            &escape_block(&report.single_factor_reason),
        );
    }
    section(&mut out, document::HELPFUL_QUESTIONS, "");
    for (index, answer) in report.questions.answers().iter().enumerate() {
        section(
            &mut out,
            &document::question_heading(index),
            &escape_block(answer),
        );
    }
    section(
        &mut out,
        document::WENT_WELL,
        &escape_block(&report.went_well),
    );
    section(
        &mut out,
        document::GOT_LUCKY,
        &escape_block(&report.got_lucky),
    );
    let actions: Vec<Vec<String>> = report
        .action_items
        .iter()
        .map(|item| {
            vec![
                escape_cell(&item.description),
                escape_cell(&item.owner),
                item.due.map(|d| d.to_string()).unwrap_or_default(),
                item.priority
                    .map(|p| p.as_str().to_string())
                    .unwrap_or_default(),
                item.kind.as_str().to_string(),
                item.status.as_str().to_string(),
                escape_cell(&item.done_when),
                escape_cell(&item.tracking),
                escape_cell(&item.status_reason),
            ]
        })
        .collect();
    section(
        &mut out,
        document::ACTION_ITEMS,
        &table(&document::ACTION_COLUMNS, &actions),
    );
    section(&mut out, document::NOTES, &escape_block(&report.notes));
    section(&mut out, document::EXTERNAL_MESSAGE, "");
    let external = &report.external;
    for (heading, text) in document::EXTERNAL_PARTS.iter().zip([
        &external.summary,
        &external.what_happened,
        &external.what_we_are_doing,
    ]) {
        section(&mut out, heading, &escape_block(text));
    }
    let glossary: Vec<Vec<String>> = report
        .glossary
        .iter()
        .map(|entry| vec![escape_cell(&entry.term), escape_cell(&entry.definition)])
        .collect();
    section(
        &mut out,
        document::GLOSSARY,
        &table(&document::GLOSSARY_COLUMNS, &glossary),
    );
    let checklist: Vec<Vec<String>> = report
        .review_checklist
        .iter()
        .map(|item| {
            vec![
                if item.checked { "[x]" } else { "[ ]" }.to_string(),
                escape_cell(&item.question),
                escape_cell(&item.note),
            ]
        })
        .collect();
    section(
        &mut out,
        document::REVIEW_CHECKLIST,
        &table(&document::CHECKLIST_COLUMNS, &checklist),
    );
    let dismissals: Vec<Vec<String>> = report
        .dismissals
        .iter()
        .map(|d| {
            vec![
                escape_cell(&d.rule),
                escape_cell(&d.field),
                escape_cell(&d.matched_text),
                escape_cell(&d.reason),
            ]
        })
        .collect();
    section(
        &mut out,
        document::DISMISSED_HINTS,
        &table(&document::DISMISSAL_COLUMNS, &dismissals),
    );
    out
}

/// A title on one line (a heading cannot span lines).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "1 h 8 min", "3 d 2 h", "45 min".
pub fn human_duration(duration: chrono::Duration) -> String {
    let minutes = duration.num_minutes().max(0);
    let (days, hours, minutes) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(format!("{days} d"));
    }
    if hours > 0 {
        parts.push(format!("{hours} h"));
    }
    if minutes > 0 && days == 0 {
        parts.push(format!("{minutes} min"));
    }
    if parts.is_empty() {
        "under a minute".to_string()
    } else {
        parts.join(" ")
    }
}

/// When the incident happened, for the external message: "20 November 2026, 14:02–15:10 CET
/// (1 h 8 min)". Nothing when the start is not known.
pub fn incident_window(report: &Postmortem) -> Option<String> {
    let zone = report.tz();
    let started = report.incident.started?.with_timezone(&zone);
    let ended = report
        .incident
        .resolved
        .or(report.incident.mitigated)
        .map(|t| t.with_timezone(&zone));
    let day = started.format("%-d %B %Y").to_string();
    Some(match ended {
        Some(ended) if ended.date_naive() == started.date_naive() => format!(
            "{day}, {}–{} {} ({})",
            started.format("%H:%M"),
            ended.format("%H:%M"),
            ended.format("%Z"),
            human_duration(ended - started)
        ),
        Some(ended) => format!(
            "{day} {} {} to {} ({})",
            started.format("%H:%M"),
            started.format("%Z"),
            ended.format("%-d %B %Y %H:%M %Z"),
            human_duration(ended - started)
        ),
        None => format!(
            "{day}, from {} {}",
            started.format("%H:%M"),
            started.format("%Z")
        ),
    })
}

/// The customer-facing message: title, date and duration, and the three parts of the external
/// message. It reads no other field of the report.
pub fn external(report: &Postmortem) -> String {
    let mut out = format!("# {}\n", one_line(&report.title));
    if let Some(window) = incident_window(report) {
        out.push('\n');
        out.push_str(&window);
        out.push('\n');
    }
    let message = &report.external;
    for (heading, text) in [
        ("## Summary", &message.summary),
        ("## What happened", &message.what_happened),
        ("## What we are doing about it", &message.what_we_are_doing),
    ] {
        section(&mut out, heading, &document::normalize_block(text));
    }
    out
}
