//! Glossary entries keep their hints and dismissals when other entries are removed or moved, and
//! reports stored before entries had ids still load, with their dismissals moved to the ids.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly at its first surprise"
)]

use chrono::{DateTime, TimeZone, Utc};
use debrief_core::hints::{lint_report, Hint, RuleSettings};
use debrief_core::store::Store;
use debrief_core::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap()
}

fn entry(term: &str, definition: &str) -> GlossaryEntry {
    GlossaryEntry {
        id: GlossaryEntryId::new(now()),
        term: term.into(),
        definition: definition.into(),
    }
}

/// A report whose second and third glossary definitions each get a hint.
fn report() -> Postmortem {
    let mut report = Postmortem::new("Checkout latency", "Europe/Berlin", now());
    report.glossary = vec![
        entry("p95", "The time within which 95% of requests complete."),
        entry("RCA", "What some teams call finding the root cause."),
        entry("Cutover", "The moment the outage began for everyone."),
    ];
    report
}

fn glossary_hints(report: &Postmortem) -> Vec<Hint> {
    lint_report(report, &RuleSettings::default())
        .into_iter()
        .filter(|hint| hint.field.starts_with("glossary."))
        .collect()
}

fn dismiss(report: &mut Postmortem, hint: &Hint) {
    report.dismissals.push(HintDismissal {
        rule: hint.rule.to_string(),
        field: hint.field.clone(),
        matched_text: hint.context.clone(),
        reason: "a definition, not a finding".into(),
    });
}

#[test]
fn glossary_hints_name_the_entry_by_id_and_follow_it_when_others_move() {
    let mut report = report();
    let hints = glossary_hints(&report);
    let root_cause = hints.iter().find(|h| h.rule == "root-cause").unwrap();
    assert_eq!(
        root_cause.field,
        format!("glossary.{}.definition", report.glossary[1].id)
    );
    dismiss(&mut report, &root_cause.clone());

    // The first entry goes, so the others move up: the dismissal stays with its entry.
    report.glossary.remove(0);
    let hints = glossary_hints(&report);
    let root_cause = hints.iter().find(|h| h.rule == "root-cause").unwrap();
    assert_eq!(
        root_cause.dismissed.as_deref(),
        Some("a definition, not a finding")
    );
    let outage = hints.iter().find(|h| h.rule == "outage").unwrap();
    assert_eq!(outage.dismissed, None, "the other entry's hint stays open");
}

#[test]
fn a_report_stored_before_glossary_ids_loads_with_stable_ids_and_keeps_its_dismissals() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("library.db");
    let store = Store::open(&path, now()).unwrap();
    let mut report = store.insert(&report(), now()).unwrap();
    let root_cause = glossary_hints(&report)
        .into_iter()
        .find(|h| h.rule == "root-cause")
        .unwrap();
    dismiss(&mut report, &root_cause);
    report = store.save(&report, now()).unwrap();
    drop(store);

    // What an older version left behind: rows without ids, a dismissal keyed by position.
    {
        let connection = rusqlite::Connection::open(&path).unwrap();
        connection
            .execute("UPDATE glossary_entries SET id = NULL", [])
            .unwrap();
        connection
            .execute(
                "UPDATE hint_dismissals SET field = 'glossary.1.definition'",
                [],
            )
            .unwrap();
    }

    let store = Store::open(&path, now()).unwrap();
    let loaded = store.get(report.id).unwrap();
    let ids: Vec<GlossaryEntryId> = loaded.glossary.iter().map(|e| e.id).collect();
    assert_eq!(
        ids,
        (0..3)
            .map(GlossaryEntryId::for_position)
            .collect::<Vec<_>>()
    );
    assert_eq!(
        store.get(report.id).unwrap().glossary,
        loaded.glossary,
        "the same ids on every read"
    );
    assert_eq!(
        loaded.dismissals[0].field,
        format!("glossary.{}.definition", ids[1])
    );
    let hint = glossary_hints(&loaded)
        .into_iter()
        .find(|h| h.rule == "root-cause")
        .unwrap();
    assert!(
        hint.dismissed.is_some(),
        "still dismissed after the upgrade"
    );

    // Once saved, the ids are stored: removing the first entry moves nothing.
    let mut edited = loaded.clone();
    edited.glossary.remove(0);
    let saved = store.save(&edited, now()).unwrap();
    let reloaded = store.get(saved.id).unwrap();
    assert_eq!(reloaded.glossary[0].id, ids[1]);
    let hint = glossary_hints(&reloaded)
        .into_iter()
        .find(|h| h.rule == "root-cause")
        .unwrap();
    assert!(hint.dismissed.is_some());
    assert_eq!(hint.field, format!("glossary.{}.definition", ids[1]));
}
