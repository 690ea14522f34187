//! Reads a Markdown postmortem that Debrief did not write: the Google SRE book's template,
//! PagerDuty's, GitLab's incident review, or a free-form document.
//!
//! YAML (`---`) or TOML (`+++`) front matter gives the metadata it holds. Headings are mapped to
//! sections by their meaning ("Root causes" and "Trigger" are contributing factors, "Follow-ups"
//! are action items, …); timelines written as tables, lists, time headings or lines that start
//! with a time become entries; action-item tables, lists and task lists become action items. A
//! heading below a mapped one belongs to it unless it names a section of its own. Everything that
//! finds no place is kept in the notes, under its heading: import never drops text.

use super::timeline_text::{find_date, leading_stamp, zone_hint, Stamp, Zone};
use crate::document;
use crate::ids::*;
use crate::model::*;
use crate::{Error, Result};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
use std::ops::Range;

/// Where the text under a heading goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Summary,
    Impact,
    Timeline,
    Detection,
    Resolution,
    Factors,
    WentWell,
    WentWrong,
    GotLucky,
    Lessons,
    Actions,
    Glossary,
    Date,
    Authors,
    Status,
    Severity,
    Owner,
    People,
    Notes,
}

/// Section names, in the order they are tried: the first phrase found in a heading wins.
const PHRASES: [(&str, Target); 65] = [
    ("went well", Target::WentWell),
    ("what worked", Target::WentWell),
    ("went right", Target::WentWell),
    ("lucky", Target::GotLucky),
    ("near miss", Target::GotLucky),
    ("went wrong", Target::WentWrong),
    ("went poorly", Target::WentWrong),
    ("go well", Target::WentWrong),
    ("go so well", Target::WentWrong),
    ("could have gone better", Target::WentWrong),
    ("could be improved", Target::WentWrong),
    ("can be improved", Target::WentWrong),
    ("went badly", Target::WentWrong),
    ("didn t go", Target::WentWrong),
    ("did not go", Target::WentWrong),
    ("lessons", Target::Lessons),
    ("how d we do", Target::Lessons),
    ("retrospective", Target::Lessons),
    ("takeaways", Target::Lessons),
    ("timeline", Target::Timeline),
    ("chronology", Target::Timeline),
    ("sequence of events", Target::Timeline),
    ("incident log", Target::Timeline),
    ("action item", Target::Actions),
    ("actions", Target::Actions),
    ("corrective", Target::Actions),
    ("follow up", Target::Actions),
    ("followup", Target::Actions),
    ("remediation", Target::Actions),
    ("next steps", Target::Actions),
    ("preventative", Target::Actions),
    ("preventive", Target::Actions),
    ("prevention", Target::Actions),
    ("to do", Target::Actions),
    ("todo", Target::Actions),
    ("root cause", Target::Factors),
    ("contributing factor", Target::Factors),
    ("trigger", Target::Factors),
    ("causes", Target::Factors),
    ("cause", Target::Factors),
    ("why it happened", Target::Factors),
    ("detection", Target::Detection),
    ("detected", Target::Detection),
    ("monitoring", Target::Detection),
    ("alerting", Target::Detection),
    ("resolution", Target::Resolution),
    ("mitigation", Target::Resolution),
    ("recovery", Target::Resolution),
    ("how we fixed", Target::Resolution),
    ("impact", Target::Impact),
    ("summary", Target::Summary),
    ("overview", Target::Summary),
    ("tl dr", Target::Summary),
    ("tldr", Target::Summary),
    ("what happened", Target::Summary),
    ("description", Target::Summary),
    ("background", Target::Summary),
    ("glossary", Target::Glossary),
    ("severity", Target::Severity),
    ("authors", Target::Authors),
    ("author", Target::Authors),
    ("owner", Target::Owner),
    ("attendees", Target::People),
    ("participants", Target::People),
    ("responders", Target::People),
];

/// Headings that name a section only when they say nothing else ("Date", not "Update the date").
const EXACT: [(&str, Target); 4] = [
    ("date", Target::Date),
    ("status", Target::Status),
    ("people", Target::People),
    ("notes", Target::Notes),
];

/// Lower-case words of a heading, without numbering, punctuation or footnote numbers.
fn heading_words(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| {
            if c.is_alphabetic() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The section a heading names, if it names one.
pub fn section_for_heading(text: &str) -> Option<Target> {
    let words = heading_words(text);
    if words.is_empty() {
        return None;
    }
    if let Some((_, target)) = EXACT.iter().find(|(name, _)| words == *name) {
        return Some(*target);
    }
    // A phrase matches at the start of a word: "action item" in "Action items", "trigger" in
    // "Triggered by".
    let padded = format!(" {words}");
    PHRASES
        .iter()
        .find(|(phrase, _)| padded.contains(&format!(" {phrase}")))
        .map(|(_, target)| *target)
}

/// A heading of the body, with the byte range of its line.
struct Heading {
    level: u8,
    text: String,
    range: Range<usize>,
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The top-level headings of a body (not those inside lists or quotes).
fn headings(body: &str) -> Vec<Heading> {
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<Heading> = None;
    for (event, range) in crate::markdown::parse(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) if depth == 0 => {
                current = Some(Heading {
                    level: level_number(level),
                    text: String::new(),
                    range,
                });
                depth += 1;
            }
            Event::Start(_) => depth += 1,
            Event::End(TagEnd::Heading(_)) if depth == 1 => {
                depth = 0;
                if let Some(heading) = current.take() {
                    found.push(heading);
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Text(text) | Event::Code(text) => {
                if let Some(heading) = &mut current {
                    heading.text.push_str(&text);
                }
            }
            _ => {}
        }
    }
    for heading in &mut found {
        heading.text = heading.text.trim().to_string();
    }
    found
}

/// One block of a section's body.
#[derive(Debug)]
enum Block {
    Paragraph(Range<usize>),
    List(Vec<Item>),
    Table(Vec<Vec<String>>),
    Other(Range<usize>),
}

#[derive(Debug)]
struct Item {
    range: Range<usize>,
    checked: Option<bool>,
}

/// The top-level blocks of `text`.
fn blocks(text: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut items: Vec<Item> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (event, range) in crate::markdown::parse(text).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                match (&tag, depth) {
                    (Tag::List(_), 0) => items.clear(),
                    (Tag::Table(_), 0) => rows.clear(),
                    (Tag::Item, 1) => items.push(Item {
                        range: range.clone(),
                        checked: None,
                    }),
                    (Tag::TableHead | Tag::TableRow, 1) => rows.push(Vec::new()),
                    (Tag::TableCell, 2) => {
                        if let Some(row) = rows.last_mut() {
                            row.push(cell_text(&text[range.clone()]));
                        }
                    }
                    (Tag::Paragraph, 0) => found.push(Block::Paragraph(range.clone())),
                    (Tag::List(_) | Tag::Table(_), _) => {}
                    (_, 0) => found.push(Block::Other(range.clone())),
                    _ => {}
                }
                depth += 1;
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    match tag {
                        TagEnd::List(_) => found.push(Block::List(std::mem::take(&mut items))),
                        TagEnd::Table => found.push(Block::Table(std::mem::take(&mut rows))),
                        _ => {}
                    }
                }
            }
            Event::TaskListMarker(checked) => {
                if let Some(item) = items.last_mut() {
                    if item.checked.is_none() {
                        item.checked = Some(checked);
                    }
                }
            }
            Event::Html(_) | Event::Rule | Event::DisplayMath(_) if depth == 0 => {
                found.push(Block::Other(range));
            }
            _ => {}
        }
    }
    found
}

/// A table cell as written, without the pipes around it.
fn cell_text(raw: &str) -> String {
    raw.trim()
        .trim_start_matches('|')
        .trim_end_matches('|')
        .trim()
        .replace("\\|", "|")
}

/// The text of a list item without its marker ("- ", "1. ", "- [ ] "), continuation lines
/// de-indented.
fn item_text(raw: &str) -> String {
    let first_len = raw.find('\n').unwrap_or(raw.len());
    let first = &raw[..first_len];
    let trimmed = first.trim_start();
    let marker_len = if let Some(rest) = trimmed.strip_prefix(['-', '*', '+']) {
        trimmed.len() - rest.len()
    } else {
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        match trimmed[digits..].chars().next() {
            Some('.' | ')') if digits > 0 => digits + 1,
            _ => 0,
        }
    };
    let mut content = trimmed[marker_len..].trim_start();
    for box_marker in ["[ ]", "[x]", "[X]"] {
        if let Some(rest) = content.strip_prefix(box_marker) {
            content = rest.trim_start();
        }
    }
    let indent = first.len() - content.len();
    let mut lines = vec![content.to_string()];
    for line in raw[first_len..].split('\n').skip(1) {
        let strip = line
            .char_indices()
            .take_while(|(i, c)| *i < indent && *c == ' ')
            .count();
        lines.push(line[strip..].to_string());
    }
    document::normalize_block(&lines.join("\n"))
}

/// What the timeline has said so far: the date and zone that apply to entries below.
struct Clock {
    date: Option<NaiveDate>,
    zone: Option<Zone>,
    last: Option<DateTime<Utc>>,
}

impl Clock {
    /// The instant of a stamp, completed from what came before. A time earlier than the previous
    /// entry by more than half a day, without a date of its own, is on the next day.
    fn instant(&mut self, stamp: &Stamp, fallback: Zone) -> Option<DateTime<Utc>> {
        let zone = stamp.zone.or(self.zone).unwrap_or(fallback);
        let date = stamp.date.or(self.date)?;
        let time = stamp.time.unwrap_or(NaiveTime::MIN);
        let mut instant = zone.instant(date.and_time(time))?;
        // Only a bare time rolls over: one with its own zone may well be earlier in UTC.
        if stamp.date.is_none() && stamp.zone.is_none() {
            if let Some(last) = self.last {
                if instant < last - Duration::hours(12) {
                    instant = zone.instant((date + Duration::days(1)).and_time(time))?;
                    self.date = Some(date + Duration::days(1));
                }
            }
        }
        if stamp.date.is_some() {
            self.date = stamp.date;
        }
        self.last = Some(instant);
        Some(instant)
    }

    fn year(&self) -> Option<i32> {
        use chrono::Datelike;
        self.date.map(|d| d.year())
    }
}

/// The state of one import.
struct Mapper<'a> {
    source: &'a str,
    report: Postmortem,
    now: DateTime<Utc>,
    clock: Clock,
    fallback_zone: Zone,
    zone_name: Option<String>,
    notes: Vec<String>,
    groups: Vec<String>,
    summary: Vec<String>,
}

fn join(parts: &mut String, text: &str) {
    let text = document::normalize_block(text);
    if text.is_empty() {
        return;
    }
    if !parts.is_empty() {
        parts.push_str("\n\n");
    }
    parts.push_str(&text);
}

/// A heading line and the text under it, as one block.
fn titled(line: &str, body: &str) -> String {
    let mut text = String::new();
    join(&mut text, line);
    join(&mut text, body);
    text
}

fn guess_kind(text: &str) -> TimelineKind {
    let lower = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&[
        "resolved",
        "outage ends",
        "incident ends",
        "incident closed",
        "all clear",
    ]) {
        TimelineKind::Resolution
    } else if has(&["mitigat", "rolled back", " rollback", "rolling back"]) {
        TimelineKind::Mitigation
    } else if has(&["escalat", "declare", "incident commander", "paged in"]) {
        TimelineKind::Escalation
    } else if has(&["detect", "alert", "paged", "pager", "noticed", "reported"]) {
        TimelineKind::Detection
    } else {
        TimelineKind::Note
    }
}

fn action_kind(text: &str) -> Option<ActionKind> {
    let words = heading_words(text);
    ActionKind::parse(text).or(if words.contains("process") || words.contains("training") {
        Some(ActionKind::Process)
    } else if words.contains("detect") || words.contains("monitor") || words.contains("alert") {
        Some(ActionKind::Detect)
    } else if words.contains("mitigat") || words.contains("repair") {
        Some(ActionKind::Mitigate)
    } else if words.contains("prevent") {
        Some(ActionKind::Prevent)
    } else {
        None
    })
}

fn action_status(text: &str) -> Option<ActionStatus> {
    let words = heading_words(text);
    let padded = format!(" {words} ");
    let has = |w: &str| padded.contains(&format!(" {w} "));
    if has("won t do") || has("wontfix") || has("wont do") || has("cancelled") || has("canceled") {
        Some(ActionStatus::WontDo)
    } else if has("done")
        || has("complete")
        || has("completed")
        || has("fixed")
        || has("closed")
        || has("resolved")
        || text.contains('✅')
    {
        Some(ActionStatus::Done)
    } else if has("in progress") || has("started") || has("ongoing") || has("committed") {
        Some(ActionStatus::Committed)
    } else if has("todo") || has("to do") || has("open") || has("proposed") || has("planned") {
        Some(ActionStatus::Proposed)
    } else {
        None
    }
}

fn parse_due(text: &str) -> Option<NaiveDate> {
    let stamp = leading_stamp(text, None)?;
    (stamp.len >= text.trim_end().len() && stamp.time.is_none())
        .then_some(stamp.date)
        .flatten()
}

/// Owner and due date written inside an action item's text ("@ana", "owner: Ana", "due 2026-01-10").
fn owner_and_due(text: &str) -> (String, Option<NaiveDate>) {
    let mut owner = String::new();
    let mut due = None;
    // ASCII lower case keeps byte offsets, so positions found in it index `text` too.
    let lower = text.to_ascii_lowercase();
    for key in ["owner:", "owner -", "assignee:", "assigned to"] {
        if let Some(at) = lower.find(key) {
            let rest = &text[at + key.len()..];
            owner = rest
                .split([',', ';', ')', '\n', '|'])
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches('*')
                .trim()
                .to_string();
            break;
        }
    }
    if owner.is_empty() {
        if let Some(at) = text.find('@') {
            let handle: String = text[at + 1..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
                .collect();
            let before_is_word = text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            if !handle.is_empty() && !before_is_word {
                owner = format!("@{}", handle.trim_end_matches('.'));
            }
        }
    }
    for key in ["due:", "due ", "due by ", "by ", "deadline:"] {
        let mut from = 0;
        while let Some(found) = lower[from..].find(key) {
            let at = from + found + key.len();
            if let Some(stamp) = leading_stamp(&text[at..], None) {
                if stamp.time.is_none() {
                    due = stamp.date;
                }
            }
            if due.is_some() {
                break;
            }
            from = at;
        }
        if due.is_some() {
            break;
        }
    }
    (owner, due)
}

impl<'a> Mapper<'a> {
    fn slice(&self, range: &Range<usize>) -> &'a str {
        self.source.get(range.clone()).unwrap_or("")
    }

    fn note(&mut self, text: &str) {
        let text = document::normalize_block(text);
        if !text.is_empty() {
            self.notes.push(text);
        }
    }

    fn add_person(&mut self, name: &str, role: Role) -> Option<ParticipantId> {
        let name = name
            .trim()
            .trim_matches(|c: char| matches!(c, '*' | '_' | '`' | '"' | '\''))
            .trim();
        if name.is_empty() || name.chars().count() > 80 {
            return None;
        }
        if let Some(existing) = self.report.participant_by_name(name) {
            return Some(existing.id);
        }
        let id = ParticipantId::new(self.now);
        self.report.participants.push(Participant {
            id,
            name: name.to_string(),
            role,
        });
        Some(id)
    }

    fn set_owner(&mut self, name: &str) {
        if self.report.owner.is_some() {
            return;
        }
        if let Some(participant) = self.add_person(name, Role::Other) {
            self.report.owner = Some(Owner {
                participant,
                criterion: OwnerCriterion::Other,
                note: "Named as the owner in the imported document.".to_string(),
            });
        }
    }

    fn set_zone(&mut self, zone: Zone, name: Option<&'static str>) {
        self.clock.zone = Some(zone);
        if self.zone_name.is_none() {
            self.zone_name = Some(match (name, zone) {
                (Some(name), _) => name.to_string(),
                (None, Zone::Named(tz)) => tz.name().to_string(),
                (None, Zone::Fixed(offset)) if offset.local_minus_utc() == 0 => "UTC".to_string(),
                (None, Zone::Fixed(_)) => return,
            });
        }
    }

    fn set_date(&mut self, text: &str) {
        if let Some(date) = find_date(text) {
            self.clock.date = Some(date);
        }
    }

    /// Reads the metadata a short text gives (a value under a "Severity" heading, a front matter
    /// value, a "**Date**: …" line). The text itself is kept by the caller.
    fn metadata(&mut self, target: Target, value: &str) {
        let value = value.trim();
        match target {
            Target::Date => self.set_date(value),
            Target::Severity => {
                if let Some(severity) = value
                    .split([',', ' ', '(', '/', '|'])
                    .find_map(Severity::parse)
                    .or_else(|| Severity::parse(value))
                {
                    self.report.severity = Some(severity);
                }
            }
            Target::Status => {
                if let Some(status) = status_word(value) {
                    self.report.status = status;
                }
            }
            Target::Authors | Target::People => {
                for line in value.lines() {
                    let line = item_text(line);
                    for name in line.split([',', ';']).flat_map(|n| n.split(" and ")) {
                        self.add_person(name, Role::Other);
                    }
                }
            }
            Target::Owner => {
                let name = value.lines().next().map(item_text).unwrap_or_default();
                self.set_owner(&name);
            }
            _ => {}
        }
    }

    /// "**Date**: 2015-10-21", "Severity: SEV2" lines in a paragraph.
    fn key_value_lines(&mut self, text: &str) {
        for line in text.lines() {
            let line = line.trim().trim_start_matches(['-', '*', '>', ' ']);
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().trim_matches(['*', '_']).trim();
            let value = value.trim().trim_matches(['*', '_']).trim();
            if key.split_whitespace().count() > 3 || value.is_empty() {
                continue;
            }
            let target = match heading_words(key).as_str() {
                "date" | "incident date" | "date time" => Target::Date,
                "severity" | "sev" | "priority" => Target::Severity,
                "status" => Target::Status,
                "authors" | "author" => Target::Authors,
                "owner" | "postmortem owner" | "incident owner" => Target::Owner,
                "time zone" | "timezone" => {
                    if let Some((zone, name)) = zone_hint(value) {
                        self.set_zone(zone, name);
                    }
                    continue;
                }
                _ => continue,
            };
            self.metadata(target, value);
        }
    }

    fn timeline_entry(&mut self, at: DateTime<Utc>, description: String, evidence: String) {
        let kind = guess_kind(&description);
        self.report.timeline.push(TimelineEntry {
            id: TimelineEntryId::new(self.now),
            at,
            description,
            evidence,
            kind,
        });
    }

    /// A line or heading that starts with a time becomes an entry: the time from its start,
    /// the description from the rest and `body`. Gives false when there is no usable time.
    fn stamped_entry(&mut self, text: &str, body: &str) -> bool {
        self.stamped_entry_joined(text, body, "\n\n")
    }

    /// As [`Self::stamped_entry`], with the rest of the line and the body joined by `separator`.
    fn stamped_entry_joined(&mut self, text: &str, body: &str, separator: &str) -> bool {
        let Some(stamp) = leading_stamp(text, self.clock.year()) else {
            return false;
        };
        let Some(at) = self.clock.instant(&stamp, self.fallback_zone) else {
            return false;
        };
        if let (Some(zone), name) = (stamp.zone, stamp.zone_name) {
            if self.zone_name.is_none() {
                self.set_zone(zone, name);
            }
        }
        let mut description = String::new();
        let rest = text[stamp.len..].trim();
        // "8:20 - 8:24": the end of a range stays with the entry.
        let rest = match leading_stamp(rest, self.clock.year()) {
            Some(end) if end.len >= rest.len() && end.time.is_some() => {
                format!("Until {}.", rest.trim_end_matches(['.', ' ']))
            }
            _ => rest.to_string(),
        };
        let body = document::normalize_block(body);
        description.push_str(&document::normalize_block(&rest));
        if !body.is_empty() {
            if !description.is_empty() {
                description.push_str(separator);
            }
            description.push_str(&body);
        }
        let evidence = if stamp.time.is_none() {
            "The source gives only the date of this event.".to_string()
        } else {
            String::new()
        };
        self.timeline_entry(at, description, evidence);
        true
    }

    fn timeline_table(&mut self, rows: &[Vec<String>], heading: &str) {
        let Some((header, body)) = rows.split_first() else {
            return;
        };
        let folded: Vec<String> = header.iter().map(|h| heading_words(h)).collect();
        let find = |words: &[&str]| {
            folded
                .iter()
                .position(|h| words.iter().any(|w| h.split(' ').any(|part| part == *w)))
        };
        let time_column = find(&["time", "when", "timestamp", "utc"]);
        // "Time (UTC)" in the header gives the zone of the column.
        if let Some(zone) = time_column.and_then(|c| zone_hint(&header[c])) {
            self.set_zone(zone.0, zone.1);
        }
        let date_column = find(&["date", "day"]).filter(|d| Some(*d) != time_column);
        let (time_column, header_row) = match time_column.or(date_column) {
            Some(column) => (column, None),
            // No header names the time: the first column holds it, and the first row is data.
            None => (0, Some(header)),
        };
        let text_columns: Vec<usize> = (0..header.len())
            .filter(|c| *c != time_column && Some(*c) != date_column)
            .collect();
        let mut unplaced = Vec::new();
        for row in header_row.into_iter().chain(body.iter()) {
            let cell = |i: usize| row.get(i).map(String::as_str).unwrap_or("");
            if row.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let when = match date_column {
                Some(d) if d != time_column => format!("{} {}", cell(d), cell(time_column)),
                _ => cell(time_column).to_string(),
            };
            let description = text_columns
                .first()
                .map(|c| cell(*c).to_string())
                .unwrap_or_default();
            let evidence = text_columns
                .iter()
                .skip(1)
                .filter(|c| !cell(**c).is_empty())
                .map(|c| match header.get(*c) {
                    Some(name) if !name.is_empty() => format!("{name}: {}", cell(*c)),
                    _ => cell(*c).to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n");
            let placed = leading_stamp(&when, self.clock.year())
                .filter(|stamp| stamp.len >= when.trim_end().len())
                .and_then(|stamp| {
                    let at = self.clock.instant(&stamp, self.fallback_zone)?;
                    Some((stamp, at))
                });
            match placed {
                Some((stamp, at)) => {
                    let mut evidence = evidence;
                    if stamp.time.is_none() {
                        join(
                            &mut evidence,
                            "The source gives only the date of this event.",
                        );
                    }
                    self.timeline_entry(at, description, evidence);
                }
                None => unplaced.push(document::table_row(row)),
            }
        }
        if !unplaced.is_empty() {
            let mut text = format!("{heading}\n\n{}", document::table_row(header));
            text.push('\n');
            text.push_str(&document::table_row(
                &header.iter().map(|_| "---").collect::<Vec<_>>(),
            ));
            for row in unplaced {
                text.push('\n');
                text.push_str(&row);
            }
            self.note(&text);
        }
    }

    /// The body of a timeline section: tables, lists and lines that start with a time become
    /// entries; lines that set the date or zone set it; the rest is kept in the notes.
    fn timeline(&mut self, heading_line: &str, body: &str) {
        let mut leftovers = String::new();
        for block in blocks(body) {
            match block {
                Block::Table(rows) => self.timeline_table(&rows, heading_line),
                Block::List(items) => {
                    for item in items {
                        let text = item_text(&body[item.range.clone()]);
                        let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
                        if !self.stamped_entry_joined(first, rest, "\n") {
                            join(&mut leftovers, &body[item.range]);
                        }
                    }
                }
                Block::Paragraph(range) => {
                    let text = &body[range];
                    let mut pending: Option<(String, String)> = None;
                    for line in text.lines() {
                        // "2015-10-21 (all times UTC)" sets the date and zone; "14:51 News…" and
                        // "2021-12-17 log4j 2.17 published" are entries.
                        let starts_entry =
                            leading_stamp(line, self.clock.year()).is_some_and(|s| {
                                let rest = line[s.len..].trim();
                                s.time.is_some()
                                    || (!rest.is_empty()
                                        && zone_hint(rest).is_none()
                                        && !line[..s.len].trim_end().ends_with('('))
                            });
                        if starts_entry {
                            if let Some((first, rest)) = pending.take() {
                                if !self.stamped_entry(&first, &rest) {
                                    join(&mut leftovers, &format!("{first}\n{rest}"));
                                }
                            }
                            pending = Some((line.to_string(), String::new()));
                        } else if let Some((_, rest)) = &mut pending {
                            rest.push_str(line);
                            rest.push('\n');
                        } else {
                            // A line before any entry: it may set the date or the zone.
                            if let Some((zone, name)) = zone_hint(line) {
                                self.set_zone(zone, name);
                            }
                            self.set_date(line);
                            join(&mut leftovers, line);
                        }
                    }
                    if let Some((first, rest)) = pending {
                        if !self.stamped_entry(&first, &rest) {
                            join(&mut leftovers, &format!("{first}\n{rest}"));
                        }
                    }
                }
                Block::Other(range) => {
                    let text = &body[range];
                    match self.report.timeline.last_mut() {
                        Some(entry) => join(&mut entry.description, text),
                        None => join(&mut leftovers, text),
                    }
                }
            }
        }
        if !leftovers.is_empty() {
            self.note(&format!("{heading_line}\n\n{leftovers}"));
        }
    }

    fn action_item(
        &mut self,
        description: &str,
        kind: Option<ActionKind>,
    ) -> Option<&mut ActionItem> {
        let description = document::normalize_block(description);
        if description.is_empty() {
            return None;
        }
        self.report.action_items.push(ActionItem {
            id: ActionItemId::new(self.now),
            description,
            owner: String::new(),
            due: None,
            priority: None,
            kind: kind.unwrap_or(ActionKind::Prevent),
            status: ActionStatus::Proposed,
            status_reason: String::new(),
            tracking: String::new(),
            done_when: String::new(),
        });
        self.report.action_items.last_mut()
    }

    fn action_table(&mut self, rows: &[Vec<String>], kind: Option<ActionKind>) {
        let Some((header, body)) = rows.split_first() else {
            return;
        };
        #[derive(Clone, Copy, PartialEq)]
        enum Column {
            Description,
            Owner,
            Due,
            Status,
            Priority,
            Type,
            Tracking,
            Other,
        }
        let mut columns: Vec<Column> = header
            .iter()
            .map(|name| {
                let words = format!(" {} ", heading_words(name));
                let has = |list: &[&str]| list.iter().any(|w| words.contains(&format!(" {w} ")));
                if has(&[
                    "owner",
                    "owners",
                    "assignee",
                    "who",
                    "responsible",
                    "assigned",
                ]) {
                    Column::Owner
                } else if has(&["due", "deadline", "eta", "when", "target"]) {
                    Column::Due
                } else if has(&["status", "state", "done"]) {
                    Column::Status
                } else if has(&["priority", "prio", "severity"]) {
                    Column::Priority
                } else if has(&["type", "kind", "category"]) {
                    Column::Type
                } else if has(&["bug", "ticket", "issue", "tracking", "link", "jira", "pr"]) {
                    Column::Tracking
                } else if has(&[
                    "action",
                    "item",
                    "task",
                    "what",
                    "description",
                    "remediation",
                    "follow",
                ]) {
                    Column::Description
                } else {
                    Column::Other
                }
            })
            .collect();
        if !columns.contains(&Column::Description) {
            if let Some(first) = columns.iter_mut().find(|c| **c == Column::Other) {
                *first = Column::Description;
            } else if let Some(first) = columns.first_mut() {
                *first = Column::Description;
            }
        }
        for row in body {
            if row.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let mut description = String::new();
            let mut owner = String::new();
            let mut due = None;
            let mut status = None;
            let mut priority = None;
            let mut item_kind = kind;
            let mut tracking = String::new();
            for (index, value) in row.iter().enumerate() {
                let value = value.trim();
                if value.is_empty() {
                    continue;
                }
                let column = columns.get(index).copied().unwrap_or(Column::Other);
                let name = header.get(index).map(String::as_str).unwrap_or("");
                let keep = |tracking: &mut String| {
                    if !tracking.is_empty() {
                        tracking.push('\n');
                    }
                    tracking.push_str(&format!("{name}: {value}"));
                };
                match column {
                    Column::Description => join(&mut description, value),
                    Column::Owner => owner = value.to_string(),
                    Column::Due => match parse_due(value) {
                        Some(date) => due = Some(date),
                        None => keep(&mut tracking),
                    },
                    Column::Status => match action_status(value) {
                        Some(found) if heading_words(value).split(' ').count() <= 3 => {
                            status = Some(found)
                        }
                        found => {
                            status = status.or(found);
                            keep(&mut tracking);
                        }
                    },
                    Column::Priority => match Priority::parse(value) {
                        Some(found) => priority = Some(found),
                        None => keep(&mut tracking),
                    },
                    Column::Type => match action_kind(value) {
                        Some(found) if ActionKind::parse(value).is_some() => {
                            item_kind = Some(found)
                        }
                        found => {
                            item_kind = found.or(item_kind);
                            keep(&mut tracking);
                        }
                    },
                    Column::Tracking => {
                        // "Bug 123 **DONE**": the status written beside the ticket counts too.
                        status = status.or_else(|| action_status(value));
                        if !tracking.is_empty() {
                            tracking.push('\n');
                        }
                        tracking.push_str(value);
                    }
                    Column::Other => keep(&mut tracking),
                }
            }
            if description.is_empty() {
                description = row
                    .iter()
                    .filter(|c| !c.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" | ");
            }
            let committed = !owner.is_empty() && due.is_some();
            if let Some(item) = self.action_item(&description, item_kind) {
                item.owner = owner;
                item.due = due;
                item.priority = priority;
                item.tracking = tracking;
                item.status = status.unwrap_or(if committed {
                    ActionStatus::Committed
                } else {
                    ActionStatus::Proposed
                });
            }
        }
    }

    fn actions(&mut self, heading_line: &str, body: &str, kind: Option<ActionKind>) {
        let mut leftovers = String::new();
        for block in blocks(body) {
            match block {
                Block::Table(rows) => self.action_table(&rows, kind),
                Block::List(items) => {
                    for item in items {
                        let text = item_text(&body[item.range.clone()]);
                        let (owner, due) = owner_and_due(&text);
                        let status = match item.checked {
                            Some(true) => ActionStatus::Done,
                            Some(false) | None if !owner.is_empty() && due.is_some() => {
                                ActionStatus::Committed
                            }
                            _ => ActionStatus::Proposed,
                        };
                        if let Some(action) = self.action_item(&text, kind) {
                            action.owner = owner;
                            action.due = due;
                            action.status = status;
                        }
                    }
                }
                Block::Paragraph(range) | Block::Other(range) => join(&mut leftovers, &body[range]),
            }
        }
        if !leftovers.is_empty() {
            self.note(&format!("{heading_line}\n\n{leftovers}"));
        }
    }

    fn factors(&mut self, body: &str, category: FactorCategory) {
        let push = |mapper: &mut Self, text: &str| {
            let description = document::normalize_block(text);
            if !description.is_empty() {
                mapper.report.contributing_factors.push(ContributingFactor {
                    id: ContributingFactorId::new(mapper.now),
                    description,
                    category,
                    why_it_made_sense: String::new(),
                });
            }
        };
        for block in blocks(body) {
            match block {
                Block::List(items) => {
                    for item in items {
                        push(self, &item_text(&body[item.range]));
                    }
                }
                Block::Table(rows) => {
                    for row in rows.iter().skip(1) {
                        push(self, &row.join(" | "));
                    }
                }
                Block::Paragraph(range) | Block::Other(range) => {
                    let text = &body[range];
                    match self.report.contributing_factors.last_mut() {
                        // Code or a quote under a factor belongs to it.
                        Some(last)
                            if !text
                                .trim_start()
                                .chars()
                                .next()
                                .is_some_and(char::is_alphanumeric) =>
                        {
                            join(&mut last.description, text)
                        }
                        _ => push(self, text),
                    }
                }
            }
        }
    }

    fn glossary(&mut self, heading_line: &str, body: &str) {
        let mut leftovers = String::new();
        for block in blocks(body) {
            match block {
                Block::Table(rows) => {
                    for row in rows.iter().skip(1) {
                        self.report.glossary.push(GlossaryEntry {
                            id: GlossaryEntryId::new(self.now),
                            term: row.first().cloned().unwrap_or_default(),
                            definition: row.get(1..).map(|r| r.join(" | ")).unwrap_or_default(),
                        });
                    }
                }
                Block::List(items) => {
                    for item in items {
                        let text = item_text(&body[item.range]);
                        let split = text
                            .split_once(": ")
                            .or_else(|| text.split_once(" - "))
                            .or_else(|| text.split_once(" – "));
                        match split {
                            Some((term, definition)) => self.report.glossary.push(GlossaryEntry {
                                id: GlossaryEntryId::new(self.now),
                                term: term.trim().trim_matches('*').trim().to_string(),
                                definition: definition.trim().to_string(),
                            }),
                            None => join(&mut leftovers, &text),
                        }
                    }
                }
                Block::Paragraph(range) | Block::Other(range) => join(&mut leftovers, &body[range]),
            }
        }
        if !leftovers.is_empty() {
            self.note(&format!("{heading_line}\n\n{leftovers}"));
        }
    }

    /// Places one section: its own heading (already classified), the line it was written on, and
    /// the text up to the next heading.
    fn place(&mut self, target: Target, inherited: bool, heading: &Heading, body: &str) {
        let line = self.slice(&heading.range).trim().to_string();
        // A heading that belongs to its parent is kept in the text of the parent's field, one level
        // below the field's own heading.
        let sub_heading = format!("### {}", heading.text);
        let with_heading = |body: &str| {
            let mut text = String::new();
            if inherited {
                join(&mut text, &sub_heading);
            }
            join(&mut text, body);
            text
        };
        match target {
            Target::Summary => self.summary.push(with_heading(body)),
            Target::Resolution => {
                let mut text = sub_heading.clone();
                join(&mut text, body);
                self.summary.push(text);
            }
            Target::Impact => join(&mut self.report.customer_impact, &with_heading(body)),
            Target::Detection => join(&mut self.report.monitoring, &with_heading(body)),
            Target::WentWell => join(&mut self.report.went_well, &with_heading(body)),
            Target::GotLucky => join(&mut self.report.got_lucky, &with_heading(body)),
            Target::Timeline => {
                if inherited && self.stamped_entry(&heading.text, body) {
                    return;
                }
                if let Some((zone, name)) = zone_hint(&heading.text) {
                    self.set_zone(zone, name);
                }
                self.set_date(&heading.text);
                self.timeline(&line, body);
            }
            Target::Factors | Target::WentWrong => {
                if inherited {
                    self.groups.push(heading.text.clone());
                }
                let category = if target == Target::WentWrong {
                    FactorCategory::Process
                } else {
                    FactorCategory::Other
                };
                self.factors(body, category);
            }
            Target::Actions => {
                if inherited {
                    self.groups.push(heading.text.clone());
                }
                self.actions(
                    &line,
                    body,
                    action_kind(&heading.text).filter(|_| inherited),
                );
            }
            Target::Glossary => self.glossary(&line, body),
            Target::Date
            | Target::Authors
            | Target::Status
            | Target::Severity
            | Target::Owner
            | Target::People => {
                self.metadata(target, body);
                self.note(&titled(&line, body));
            }
            // "Lessons learned" is only a label when its sub-sections carry all the text.
            Target::Lessons if body.trim().is_empty() => {}
            Target::Lessons | Target::Notes => self.note(&titled(&line, body)),
        }
    }
}

fn status_word(text: &str) -> Option<Status> {
    Status::parse(text).or_else(|| {
        let words = heading_words(text);
        let first = words.split(' ').next().unwrap_or("");
        match first {
            "draft" | "wip" => Some(Status::Draft),
            "review" | "reviewing" => Some(Status::InReview),
            "final" | "complete" | "completed" | "published" | "reviewed" => Some(Status::Reviewed),
            "closed" | "done" => Some(Status::Closed),
            _ => None,
        }
    })
}

/// The front matter of a document, its kind, and the body after it.
fn split_front_matter(text: &str) -> (Option<(char, &str)>, &str) {
    for fence in ["---", "+++"] {
        let Some(rest) = text.strip_prefix(fence).and_then(|rest| {
            rest.strip_prefix('\n')
                .or_else(|| rest.strip_prefix("\r\n"))
        }) else {
            continue;
        };
        let mut offset = 0;
        for line in rest.split_inclusive('\n') {
            if line.trim_end() == fence {
                let kind = if fence == "---" { 'y' } else { 't' };
                return (Some((kind, &rest[..offset])), &rest[offset + line.len()..]);
            }
            offset += line.len();
        }
    }
    (None, text)
}

fn toml_to_json(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => serde_json::Value::String(s),
        toml::Value::Integer(i) => serde_json::Value::from(i),
        toml::Value::Float(f) => serde_json::Value::from(f),
        toml::Value::Boolean(b) => serde_json::Value::Bool(b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(items) => {
            serde_json::Value::Array(items.into_iter().map(toml_to_json).collect())
        }
        toml::Value::Table(table) => serde_json::Value::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}

/// The strings of a front matter value: a list's items, or a comma-separated string.
fn strings(value: &serde_json::Value) -> Vec<String> {
    match value {
        serde_json::Value::Array(items) => items.iter().flat_map(strings).collect(),
        serde_json::Value::String(s) => s
            .split(',')
            .map(|part| part.trim().to_string())
            .filter(|part| !part.is_empty())
            .collect(),
        serde_json::Value::Null => Vec::new(),
        serde_json::Value::Object(map) => map
            .get("name")
            .map(strings)
            .unwrap_or_else(|| vec![value.to_string()]),
        other => vec![other.to_string()],
    }
}

fn scalar(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A date, or a date and time, from front matter ("2024-03-01", "2024-03-01T10:00:00Z").
fn front_time(text: &str, zone: Zone) -> (Option<NaiveDate>, Option<DateTime<Utc>>) {
    if let Ok(time) = DateTime::parse_from_rfc3339(text.trim()) {
        return (Some(time.date_naive()), Some(time.with_timezone(&Utc)));
    }
    match leading_stamp(text, None) {
        Some(stamp) if stamp.len >= text.trim_end().len() => {
            let instant = match (stamp.date, stamp.time) {
                (Some(date), Some(time)) => stamp.zone.unwrap_or(zone).instant(date.and_time(time)),
                _ => None,
            };
            (stamp.date, instant)
        }
        _ => (None, None),
    }
}

impl Mapper<'_> {
    /// Maps front matter keys to metadata. Keys that map to nothing are kept in the notes.
    fn front_matter(&mut self, kind: char, raw: &str) {
        let parsed: std::result::Result<serde_json::Value, String> = if kind == 'y' {
            serde_norway::from_str(raw).map_err(|e| e.to_string())
        } else {
            toml::from_str::<toml::Table>(raw)
                .map(|table| toml_to_json(toml::Value::Table(table)))
                .map_err(|e| e.to_string())
        };
        let map = match parsed {
            Ok(serde_json::Value::Object(map)) => map,
            Ok(serde_json::Value::Null) => return,
            // Front matter that does not parse is kept as it was written.
            _ => {
                let fence = if kind == 'y' { "---" } else { "+++" };
                self.note(&format!("Front matter:\n\n```\n{fence}\n{raw}{fence}\n```"));
                return;
            }
        };
        // The zone first: the times below are read in it.
        for (key, value) in &map {
            if matches!(fold(key).as_str(), "timezone" | "tz" | "zone") {
                if let Some((zone, name)) = scalar(value).as_deref().and_then(zone_hint_word) {
                    self.set_zone(zone, name);
                    self.fallback_zone = zone;
                }
            }
        }
        let mut kept = Vec::new();
        let mut started: Option<DateTime<Utc>> = None;
        let mut ended: Option<DateTime<Utc>> = None;
        for (key, value) in &map {
            let text = scalar(value);
            let used = match fold(key).as_str() {
                "timezone" | "tz" | "zone" => self.zone_name.is_some(),
                "title" | "name" => match &text {
                    Some(title) if !title.trim().is_empty() => {
                        self.report.title = title.trim().to_string();
                        true
                    }
                    _ => false,
                },
                "date" | "incidentdate" | "starttime" | "start" | "started" | "startedat"
                | "startdate" | "began" => {
                    let (date, instant) = text
                        .as_deref()
                        .map(|t| front_time(t, self.fallback_zone))
                        .unwrap_or((None, None));
                    if let Some(date) = date {
                        self.clock.date = Some(date);
                    }
                    started = started.or(instant);
                    date.is_some()
                }
                "endtime" | "end" | "ended" | "endedat" | "resolved" | "resolvedat" => {
                    let (_, instant) = text
                        .as_deref()
                        .map(|t| front_time(t, self.fallback_zone))
                        .unwrap_or((None, None));
                    ended = ended.or(instant);
                    instant.is_some()
                }
                "severity" | "sev" => {
                    self.report.severity = text.as_deref().and_then(|t| {
                        t.split([',', ' ', '(', '/'])
                            .find_map(Severity::parse)
                            .or_else(|| Severity::parse(t))
                    });
                    self.report.severity.is_some()
                }
                "status" | "state" => match text.as_deref().and_then(status_word) {
                    Some(status) => {
                        self.report.status = status;
                        true
                    }
                    None => false,
                },
                "services" | "service" | "servicesaffected" | "affectedservices" | "components"
                | "component" | "systems" | "product" | "products" => {
                    self.report.services.extend(strings(value));
                    true
                }
                "tags" | "tag" | "categories" | "category" | "keywords" | "labels" => {
                    self.report.tags.extend(strings(value));
                    true
                }
                "authors" | "author" | "writtenby" => {
                    for name in strings(value) {
                        self.add_person(&name, Role::Other);
                    }
                    true
                }
                "owner" | "postmortemowner" | "incidentowner" => {
                    if let Some(name) = strings(value).first() {
                        self.set_owner(name);
                    }
                    true
                }
                "incidentcommander" | "ic" => {
                    for name in strings(value) {
                        self.add_person(&name, Role::IncidentCommander);
                    }
                    true
                }
                "summary" | "description" | "tldr" => match &text {
                    Some(summary) => {
                        self.summary.push(summary.clone());
                        true
                    }
                    None => false,
                },
                "impact" | "customerimpact" => match &text {
                    Some(impact) => {
                        join(&mut self.report.customer_impact, impact);
                        true
                    }
                    None => false,
                },
                _ => false,
            };
            let empty = matches!(value, serde_json::Value::Array(a) if a.is_empty())
                || matches!(value, serde_json::Value::Null);
            if !used && !empty {
                let shown = text.unwrap_or_else(|| strings(value).join(", "));
                kept.push(format!("- {key}: {shown}"));
            }
        }
        if let Some(started) = started {
            self.report.incident.started = Some(started);
            if let Some(ended) = ended.filter(|e| *e >= started) {
                self.report.incident.resolved = Some(ended);
            }
        }
        if !kept.is_empty() {
            self.note(&format!("Front matter:\n\n{}", kept.join("\n")));
        }
    }
}

/// Keeps only the first entry marked as the detection, and reads the incident's moments from the
/// entries when the front matter did not give them: the start from an entry that says the outage
/// or incident began, the detection, the first mitigation and the last resolution.
fn mark_moments(report: &mut Postmortem) {
    let mut seen_detection = false;
    for entry in &mut report.timeline {
        if entry.kind == TimelineKind::Detection {
            if seen_detection {
                entry.kind = TimelineKind::Note;
            }
            seen_detection = true;
        }
    }
    if report.incident != IncidentTimes::default() {
        return;
    }
    let first = |kind: TimelineKind| {
        report
            .timeline
            .iter()
            .find(|entry| entry.kind == kind)
            .map(|entry| entry.at)
    };
    let started = report
        .timeline
        .iter()
        .find(|entry| {
            let lower = entry.description.to_lowercase();
            [
                "outage begins",
                "incident begins",
                "impact begins",
                "outage began",
                "impact began",
            ]
            .iter()
            .any(|phrase| lower.contains(phrase))
        })
        .map(|entry| entry.at);
    let times = IncidentTimes {
        started,
        detected: first(TimelineKind::Detection),
        mitigated: first(TimelineKind::Mitigation),
        resolved: report
            .timeline
            .iter()
            .rev()
            .find(|entry| entry.kind == TimelineKind::Resolution)
            .map(|entry| entry.at),
    };
    let mut candidate = report.clone();
    candidate.incident = times.clone();
    if started.is_some() && candidate.validate().is_ok() {
        report.incident = times;
    }
}

/// Joins a table row that was broken over two lines, its closing pipe alone on the next line (as
/// some editors write a row whose last cell ends in a line break).
fn repair_table_rows(body: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in body.split('\n') {
        let previous_open = lines.last().is_some_and(|last| {
            let last = last.trim_end();
            last.trim_start().starts_with('|') && !last.ends_with('|')
        });
        if line.trim() == "|" && previous_open {
            if let Some(last) = lines.last_mut() {
                let trimmed = last.trim_end().len();
                last.truncate(trimmed);
                last.push_str(" |");
            }
        } else {
            lines.push(line.to_string());
        }
    }
    lines.join("\n")
}

/// Turns reference links ("[fixed][fix-pr]", "[advisory]") into inline links, so that a section
/// placed apart from the definitions at the end of the document keeps its links.
fn inline_references(body: &str) -> String {
    let parser = crate::markdown::parse(body);
    let definitions: Vec<(String, String)> = parser
        .reference_definitions()
        .iter()
        .map(|(label, definition)| (label.to_ascii_lowercase(), definition.dest.to_string()))
        .collect();
    let mut out = body.to_string();
    for (label, url) in definitions {
        let wanted = format!("[{label}]");
        let mut result = String::with_capacity(out.len());
        let mut rest = out.as_str();
        loop {
            // ASCII lower case keeps byte offsets, so positions found in it index `rest` too.
            let lower = rest.to_ascii_lowercase();
            let Some(at) = lower.find(&wanted) else {
                result.push_str(rest);
                break;
            };
            let end = at + wanted.len();
            let before = rest[..at].chars().next_back();
            let after = rest[end..].chars().next();
            let line_start = rest[..at]
                .rsplit('\n')
                .next()
                .is_some_and(|l| l.trim().is_empty());
            result.push_str(&rest[..at]);
            if before == Some(']') {
                result.push_str(&format!("({url})"));
            } else if line_start && after == Some(':') || matches!(after, Some('(' | '[')) {
                result.push_str(&rest[at..end]);
            } else {
                result.push_str(&format!("{}({url})", &rest[at..end]));
            }
            rest = &rest[end..];
        }
        out = result;
    }
    out
}

fn fold(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn zone_hint_word(text: &str) -> Option<(Zone, Option<&'static str>)> {
    super::timeline_text::zone_of(text.trim()).or_else(|| zone_hint(text))
}

/// Reads a Markdown postmortem in any layout into a new report made at `now`.
pub fn from_foreign(text: &str, now: DateTime<Utc>) -> Result<Postmortem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (front, body) = split_front_matter(text);
    let body = inline_references(&repair_table_rows(body));
    let body = body.as_str();
    let mut mapper = Mapper {
        source: body,
        report: Postmortem::new("Imported postmortem", "UTC", now),
        now,
        clock: Clock {
            date: None,
            zone: None,
            last: None,
        },
        fallback_zone: Zone::Named(chrono_tz::UTC),
        zone_name: None,
        notes: Vec::new(),
        groups: Vec::new(),
        summary: Vec::new(),
    };
    let mut has_title = false;
    if let Some((kind, raw)) = front {
        mapper.front_matter(kind, raw);
        has_title = mapper.report.title != "Imported postmortem";
    }

    let all = headings(body);
    // The title: the first level-1 heading, unless the front matter gave one.
    let title_index = all.iter().position(|h| h.level == 1).filter(|_| !has_title);
    if let Some(index) = title_index {
        let title = all[index].text.clone();
        if !title.is_empty() {
            mapper.report.title = title;
        }
        mapper.set_date(&all[index].text);
    } else if !has_title {
        if let Some(first) = all.first() {
            mapper.report.title = first.text.clone();
        }
    }
    if mapper.clock.date.is_none() {
        let title = mapper.report.title.clone();
        mapper.set_date(&title);
    }

    // Text before the first section heading is the start of the summary; key-value lines in it
    // ("**Date**: …") give metadata too.
    let first_section = all
        .iter()
        .enumerate()
        .find(|(i, _)| Some(*i) != title_index)
        .map(|(_, h)| h.range.start)
        .unwrap_or(body.len());
    let mut preamble = String::new();
    match title_index {
        Some(index) if all[index].range.start < first_section => {
            join(&mut preamble, &body[..all[index].range.start]);
            join(&mut preamble, &body[all[index].range.end..first_section]);
        }
        _ => join(&mut preamble, &body[..first_section]),
    }
    if !preamble.is_empty() {
        mapper.key_value_lines(&preamble);
        mapper.summary.insert(0, preamble);
    }

    // Each heading's section, in document order, with the target of the nearest mapped heading
    // above it when it names none itself.
    let mut stack: Vec<(u8, Target)> = Vec::new();
    let mut inherit_groups_of: Option<Target> = None;
    for (index, heading) in all.iter().enumerate() {
        if Some(index) == title_index {
            continue;
        }
        let end = all
            .get(index + 1)
            .map(|next| next.range.start)
            .unwrap_or(body.len());
        let section_body = body.get(heading.range.end..end).unwrap_or("");
        while stack
            .last()
            .is_some_and(|(level, _)| *level >= heading.level)
        {
            stack.pop();
        }
        let parent = stack.last().map(|(_, target)| *target);
        let own = section_for_heading(&heading.text);
        let date_in_heading = find_date(&heading.text);
        let (target, inherited) = match (own, parent) {
            // Under action items, every heading groups action items ("### Monitoring").
            (Some(own), Some(Target::Actions)) if own != Target::Actions => (Target::Actions, true),
            // "### What went wrong" under "## Lessons learned" names its own section.
            (Some(own), _) => (own, false),
            (None, Some(parent)) if parent != Target::Lessons && parent != Target::Notes => {
                (parent, true)
            }
            (None, _) if leading_stamp(&heading.text, mapper.clock.year()).is_some() => {
                (Target::Timeline, true)
            }
            (None, _) => (Target::Notes, false),
        };
        if date_in_heading.is_some() && !(target == Target::Timeline && inherited) {
            mapper.clock.date = date_in_heading;
        }
        let groups_before = mapper.groups.len();
        mapper.place(target, inherited, heading, section_body);
        if mapper.groups.len() > groups_before {
            inherit_groups_of = Some(target);
        }
        stack.push((heading.level, target));
    }

    let mut report = mapper.report;
    if !mapper.groups.is_empty() {
        let what = match inherit_groups_of {
            Some(Target::Actions) | None => "Action items",
            Some(_) => "Contributing factors",
        };
        mapper.notes.push(format!(
            "{what} in the original were grouped under these headings: {}.",
            mapper.groups.join(", ")
        ));
    }
    let mut summary = String::new();
    for part in &mapper.summary {
        join(&mut summary, part);
    }
    report.summary = summary;
    report.notes = mapper.notes.join("\n\n");
    if let Some(zone) = mapper.zone_name {
        if zone.parse::<chrono_tz::Tz>().is_ok() {
            report.time_zone = zone;
        }
    }
    report.timeline.sort_by_key(|entry| entry.at);
    mark_moments(&mut report);
    // Front matter times that contradict each other are kept as text, not as times.
    if report.validate().is_err() {
        report.incident = IncidentTimes::default();
    }
    report.validate().map_err(|error| {
        Error::Invalid(format!(
            "this document could not be read as a postmortem: {error}"
        ))
    })?;
    Ok(report)
}
