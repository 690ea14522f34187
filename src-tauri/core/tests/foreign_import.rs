//! Imports real public postmortems (see `fixtures/foreign/SOURCES.md`) and checks that every
//! sentence of each original is somewhere in the imported report, and that the structure each one
//! has (timeline, action items, front matter) was recognised rather than dumped in the notes.

use chrono::{TimeZone, Utc};
use debrief_core::import::{from_bytes, section_for_heading};
use debrief_core::model::{ActionStatus, Postmortem};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/foreign")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn import(name: &str) -> Postmortem {
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();
    from_bytes(fixture(name).as_bytes(), now).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The body of a document without its `---` or `+++` front matter, and the front matter lines.
fn split_front(text: &str) -> (Vec<String>, &str) {
    for fence in ["---\n", "+++\n"] {
        if let Some(rest) = text.strip_prefix(fence) {
            if let Some(end) = rest.find(&format!("\n{}", fence)) {
                let lines = rest[..end].lines().map(str::to_string).collect();
                return (lines, &rest[end + fence.len() + 1..]);
            }
        }
    }
    (Vec::new(), text)
}

/// The text of Markdown as its text events give it, one string per block (heading, paragraph,
/// list item, table cell, code block), with line breaks as spaces. Headings and table header
/// cells, the labels of what follows them, are marked.
fn text_blocks(markdown: &str) -> Vec<(bool, String)> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut in_heading = false;
    let mut in_table_head = false;
    let mut flush = |current: &mut String, heading: bool| {
        let text = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            blocks.push((heading, text));
        }
        current.clear();
    };
    for event in debrief_core::markdown::parse(markdown) {
        match event {
            Event::Text(text) | Event::Code(text) => current.push_str(&text),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut current, in_heading);
                in_heading = true;
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut current, true);
                in_heading = false;
            }
            Event::Start(Tag::TableHead) => in_table_head = true,
            Event::End(TagEnd::TableHead) => in_table_head = false,
            Event::Start(
                Tag::Paragraph
                | Tag::Item
                | Tag::List(_)
                | Tag::TableCell
                | Tag::CodeBlock(_)
                | Tag::BlockQuote(_),
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::List(_)
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => flush(&mut current, in_heading || in_table_head),
            _ => {}
        }
    }
    flush(&mut current, in_heading || in_table_head);
    blocks
}

/// Sentences: a block split after ". ", "! " and "? ", and at pipes (a table that the parser did
/// not read as one still has its cells).
fn sentences(block: &str) -> Vec<String> {
    if block.contains(" | ") || block.starts_with("| ") {
        return block.split('|').flat_map(sentences).collect();
    }
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = block.as_bytes();
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(byte, b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ') {
            out.push(block[start..=i].trim().to_string());
            start = i + 1;
        }
    }
    out.push(block[start..].trim().to_string());
    out.into_iter()
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .collect()
}

/// Text that only says when: a date, a time, a zone. It becomes a timeline entry's time.
fn only_a_time(sentence: &str) -> bool {
    let words: Vec<String> = sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_uppercase)
        .collect();
    words.iter().all(|word| {
        word.chars().all(|c| c.is_ascii_digit())
            || ["AM", "PM", "UTC", "PST", "CET", "IST", "T"].contains(&word.as_str())
    })
}

/// Every text of the report, as text events give it.
fn report_text(report: &Postmortem) -> String {
    let mut fields: Vec<&str> = vec![
        &report.title,
        &report.summary,
        &report.customer_impact,
        &report.monitoring,
        &report.single_factor_reason,
        &report.went_well,
        &report.got_lucky,
        &report.notes,
        &report.external.summary,
        &report.external.what_happened,
        &report.external.what_we_are_doing,
    ];
    fields.extend(report.questions.answers().iter().map(|a| a.as_str()));
    fields.extend(report.services.iter().map(String::as_str));
    fields.extend(report.tags.iter().map(String::as_str));
    fields.extend(report.participants.iter().map(|p| p.name.as_str()));
    for entry in &report.timeline {
        fields.extend([entry.description.as_str(), entry.evidence.as_str()]);
    }
    for factor in &report.contributing_factors {
        fields.extend([
            factor.description.as_str(),
            factor.why_it_made_sense.as_str(),
        ]);
    }
    for item in &report.action_items {
        fields.extend([
            item.description.as_str(),
            item.owner.as_str(),
            item.tracking.as_str(),
            item.done_when.as_str(),
            item.status_reason.as_str(),
        ]);
    }
    for entry in &report.glossary {
        fields.extend([entry.term.as_str(), entry.definition.as_str()]);
    }
    // Words read into the report's closed sets ("prevent" in a Type column) are kept as those.
    let words: Vec<&str> = report
        .action_items
        .iter()
        .flat_map(|item| [item.kind.as_str(), item.status.as_str()])
        .chain(report.severity.map(|s| s.label()))
        .collect();
    fields.extend(words);
    let mut all = String::new();
    for field in fields {
        for (_, block) in text_blocks(field) {
            all.push_str(&block);
            all.push('\n');
        }
    }
    all
}

/// Every sentence of the original is in the report; front matter values are too.
fn assert_nothing_lost(name: &str) -> Postmortem {
    let original = fixture(name);
    let report = import(name);
    let haystack = report_text(&report);
    let (front, body) = split_front(&original);
    let mut missing = Vec::new();
    let mut checked = 0;
    for (heading, block) in text_blocks(body) {
        // A heading that names a section becomes that section of the report; a table's header
        // cells name the parts of each row (its time, its description).
        if heading && (section_for_heading(&block).is_some() || !haystack.contains(&block)) {
            let is_label = section_for_heading(&block).is_some()
                || ["Time", "Event"].contains(&block.as_str());
            if is_label {
                continue;
            }
        }
        for sentence in sentences(&block) {
            if only_a_time(&sentence) {
                continue;
            }
            checked += 1;
            // "2:54 PM PST: bad config uploaded": the time before the colon is the entry's time.
            let text = match sentence.split_once(": ") {
                Some((when, rest)) if only_a_time(when) => rest.to_string(),
                _ => sentence,
            };
            if !haystack.contains(&text) {
                missing.push(text);
            }
        }
    }
    for line in front {
        let value = line
            .split_once([':', '='])
            .map(|(_, v)| v)
            .unwrap_or(&line)
            .trim()
            .trim_matches(['"', '[', ']', ' ']);
        for part in value.split("\", \"") {
            if !part.is_empty() && !haystack.contains(part) {
                missing.push(format!("front matter: {part}"));
            }
        }
    }
    assert!(checked > 3, "{name}: only {checked} sentences found");
    assert!(
        missing.is_empty(),
        "{name}: {} of {checked} sentences missing:\n{}\n\nreport text:\n{haystack}",
        missing.len(),
        missing.join("\n")
    );
    report
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

#[test]
fn the_sre_template_with_dates_between_the_timeline_lists() {
    let report = assert_nothing_lost("kubernetes-test-infra-2019-01-23-prow-outage.md");
    assert_eq!(report.title, "January 23rd, 2019 Prow Outage");
    assert_eq!(report.time_zone, "America/Los_Angeles");
    // Eleven "H:MM AM/PM" items under the two dates, all times in PST (UTC-8).
    let times: Vec<_> = report.timeline.iter().map(|e| e.at).collect();
    assert_eq!(
        times,
        [
            utc(2019, 1, 22, 22, 54),
            utc(2019, 1, 22, 23, 28),
            utc(2019, 1, 23, 12, 49),
            utc(2019, 1, 23, 15, 10),
            utc(2019, 1, 23, 15, 18),
            utc(2019, 1, 23, 16, 2),
            utc(2019, 1, 23, 16, 4),
            utc(2019, 1, 23, 16, 7),
            utc(2019, 1, 23, 16, 12),
            utc(2019, 1, 23, 16, 27),
            utc(2019, 1, 23, 16, 36),
        ]
    );
    assert!(report.timeline[0].description.ends_with(") merged"));
    assert!(report.timeline[5].description.contains("503 responses"));
    assert_eq!(report.action_items.len(), 2);
    assert!(report
        .action_items
        .iter()
        .all(|a| a.status == ActionStatus::Proposed && a.owner.is_empty()));
    assert!(report.action_items[1].description.contains("stackdriver"));
    assert!(report.customer_impact.contains("slash commands"));
    assert!(report.monitoring.contains("project members noticing"));
    assert!(report.went_well.contains("previuosly\nvalid configuration"));
    assert!(report.got_lucky.contains("config repair script"));
    assert!(report
        .contributing_factors
        .iter()
        .any(|f| f.description.contains("duplicated preset label")));
    assert!(report
        .contributing_factors
        .iter()
        .any(|f| f.description == "This should have been caught in review."));
    assert!(report.notes.contains("TODO: k-dev email"));
}

#[test]
fn time_headings_in_pst_with_the_date_in_the_first() {
    let report = assert_nothing_lost("mybinder-2018-01-18-reddit-hug.md");
    assert_eq!(report.time_zone, "America/Los_Angeles");
    assert_eq!(report.timeline.len(), 25);
    assert_eq!(report.timeline[0].at, utc(2018, 1, 18, 12, 19));
    assert_eq!(report.timeline[24].at, utc(2018, 1, 18, 17, 14));
    assert!(report.timeline[1].description.contains("GoogleMusicFavs"));
    assert_eq!(report.action_items.len(), 6);
}

#[test]
fn time_headings_over_two_days_in_cet() {
    let report = assert_nothing_lost("mybinder-2022-01-27-prime-version.md");
    assert_eq!(report.timeline.len(), 5);
    assert_eq!(report.timeline[0].at, utc(2022, 1, 27, 10, 0));
    assert_eq!(report.timeline[2].at, utc(2022, 1, 27, 17, 0));
    assert_eq!(report.timeline[3].at, utc(2022, 1, 28, 8, 0));
    assert!(report.timeline[3].description.contains("resource.type"));
    assert!(report.went_well.contains("Cluster healed itself"));
    assert!(report.got_lucky.contains("handled the traffic okay"));
    assert_eq!(report.action_items.len(), 4);
    assert_eq!(report.contributing_factors.len(), 3);
}

#[test]
fn twelve_hour_time_headings_in_ist_dated_by_the_title() {
    let report = assert_nothing_lost("2i2c-2020-10-28-memory-overload.md");
    assert_eq!(report.time_zone, "Asia/Kolkata");
    assert_eq!(report.timeline.len(), 6);
    assert_eq!(report.timeline[0].at, utc(2020, 8, 28, 15, 22));
    assert_eq!(report.action_items.len(), 5);
}

#[test]
fn a_timeline_table_with_dates_on_every_row() {
    let report = assert_nothing_lost("dfds-pm2021-011-log4shell.md");
    assert_eq!(report.timeline.len(), 26);
    assert_eq!(report.timeline[0].at, utc(2021, 12, 10, 0, 0));
    assert_eq!(report.timeline[25].at, utc(2022, 1, 4, 11, 3));
    assert_eq!(report.action_items.len(), 6);
}

#[test]
fn a_timeline_table_with_broken_rows_and_contributing_factors() {
    let report = assert_nothing_lost("dfds-pm2023-001-total-node-failure.md");
    assert_eq!(report.timeline.len(), 16);
    assert_eq!(report.contributing_factors.len(), 4);
    assert_eq!(report.action_items.len(), 5);
}

#[test]
fn yaml_front_matter_and_free_form_text() {
    let report = assert_nothing_lost("rust-2022-05-10-malicious-crate-rustdecimal.md");
    assert_eq!(
        report.title,
        "Security advisory: malicious crate rustdecimal"
    );
    assert_eq!(report.participants[0].name, "The Rust Security Response WG");
    assert!(report.summary.contains("typosquatting"));
}

#[test]
fn toml_front_matter_without_headings() {
    let report = assert_nothing_lost("rust-2025-09-12-crates-io-phishing-campaign.md");
    assert_eq!(report.title, "crates.io phishing campaign");
    assert_eq!(report.participants.len(), 2);
    assert!(report
        .notes
        .contains("2025/09/12/crates-io-phishing-campaign"));
}

#[test]
fn notes_are_stored_and_searchable() {
    let report = import("dfds-pm2021-011-log4shell.md");
    assert!(report.notes.contains("Attendees"));
    let store = debrief_core::store::Store::open_in_memory().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();
    let saved = store.insert(&report, now).unwrap();
    let loaded = store.get(saved.id).unwrap();
    assert_eq!(loaded.notes, report.notes);
    // The same report without its notes is not found by a word that only the notes hold.
    let mut without = report.clone();
    without.id = debrief_core::PostmortemId::new(now);
    without.notes.clear();
    store.insert(&without, now).unwrap();
    let hits = store.search("Attendees").unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].report.id, saved.id);
}
