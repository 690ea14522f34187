use super::*;
use crate::export::markdown::{external, internal};
use crate::ids::*;
use crate::model::*;
use crate::testing::{at, full_report};
use crate::ErrorCode;
use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

/// The report as import gives it back: ids are new, everything else is kept.
fn same_content(a: &Postmortem, b: &Postmortem) {
    assert_eq!(internal(a), internal(b));
    assert_eq!(a.participants.len(), b.participants.len());
    assert_eq!(a.owner_name(), b.owner_name());
}

#[test]
fn the_internal_export_imports_back_to_the_same_report() {
    let report = full_report();
    let text = internal(&report);
    let imported = from_markdown(&text, at(12, 0)).unwrap();
    assert_ne!(imported.id, report.id);
    same_content(&report, &imported);
    assert_eq!(imported.title, report.title);
    assert_eq!(imported.incident, report.incident);
    assert_eq!(imported.created_at, report.created_at);
    assert_eq!(imported.timeline.len(), 2);
    assert_eq!(imported.timeline[0].at, report.timeline[0].at);
    assert_eq!(imported.action_items[0].due, report.action_items[0].due);
    assert_eq!(
        imported.contributing_factors[0].why_it_made_sense,
        report.contributing_factors[0].why_it_made_sense
    );
    assert_eq!(imported.review_checklist, report.review_checklist);
    assert_eq!(imported.dismissals, report.dismissals);
    let facilitator = imported
        .review
        .facilitator
        .and_then(|id| imported.participant(id));
    assert_eq!(facilitator.map(|p| p.name.as_str()), Some("Chen Wei"));
}

#[test]
fn the_internal_export_reads_well() {
    let text = internal(&full_report());
    assert!(text.starts_with("---\ntitle: Checkout latency"));
    assert!(text.contains("\n# Checkout latency after a cache configuration change\n"));
    assert!(text.contains("| 2026-11-20 13:40 +01:00 | trigger | Cache eviction setting"));
    assert!(text.contains("started: 2026-11-20T14:02:00+01:00"));
    assert!(text.contains("| Stage config rollouts one region at a time | Platform team | 2026-12-15 | p1 | prevent | committed |"));
    assert!(text.contains("Latency alerts were<br>thought to be enough"));
    assert!(text.contains("never needed a staged rollout before \\| ever"));
}

#[test]
fn show_json_imports_back() {
    let report = full_report();
    let json = serde_json::to_string_pretty(&report).unwrap();
    let imported = from_json(&json, at(12, 0)).unwrap();
    assert_eq!(imported.revision, 0);
    let mut expected = report.clone();
    expected.id = imported.id;
    expected.revision = 0;
    assert_eq!(imported, expected);
}

#[test]
fn bad_input_is_refused_with_a_clear_message() {
    let now = at(12, 0);
    let cases: [(&[u8], &str); 7] = [
        (b"[1, 2]", "a report is a JSON object"),
        (b"\"just a string\"", "a report is a JSON object"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", "not UTF-8"),
        (b"caf\xe9 au lait", "not UTF-8"),
        (b"text\0with\0nul\0bytes", "binary"),
        (b"{\"title\": 3}", "not a Debrief report"),
        (b"  \n ", "empty"),
    ];
    for (bytes, expected) in cases {
        let error = from_bytes(bytes, now).unwrap_err();
        assert_eq!(error.code(), ErrorCode::Invalid);
        assert!(error.to_string().contains(expected), "{error}");
    }
    let bad_time = internal(&full_report()).replace("2026-11-20 13:40 +01:00", "yesterday");
    assert!(from_markdown(&bad_time, now)
        .unwrap_err()
        .to_string()
        .contains("'yesterday'"));
    let bad_yaml = "---\ntitle: [unclosed\ntimeZone: UTC\nimpact: partial\n---\n# x\n";
    assert!(from_markdown(bad_yaml, now)
        .unwrap_err()
        .to_string()
        .contains("front matter"));
}

#[test]
fn plain_markdown_keeps_all_its_text() {
    let text = "# Database failover\n\nIntro paragraph.\n\n## Summary\n\nThe primary failed over.\n\n## Notes\n\nSomething else.\n";
    let report = from_markdown(text, at(12, 0)).unwrap();
    assert_eq!(report.title, "Database failover");
    assert!(report.summary.contains("Intro paragraph."));
    assert!(report.summary.contains("The primary failed over."));
    assert!(report.notes.contains("## Notes\n\nSomething else."));
}

#[test]
fn the_external_export_holds_only_the_message() {
    let report = full_report();
    let text = external(&report);
    assert!(text.starts_with("# Checkout latency after a cache configuration change\n\n20 November 2026, 14:02–15:10 CET (1 h 8 min)\n"));
    assert!(text.contains(
        "## What we are doing about it\n\nWe are changing how configuration is rolled out."
    ));
    for secret in [
        "Ana Lima",
        "Ben Okafor",
        "PLAT-1234",
        "git.example.internal",
        "cache hit rate",
        "sales peak",
    ] {
        assert!(!text.contains(secret), "{secret} leaked");
    }
}

/// Fills every field the external export must not show with `next()`.
fn fill_internal_fields(report: &mut Postmortem, mut next: impl FnMut() -> String) {
    report.summary = next();
    report.customer_impact = next();
    report.monitoring = next();
    report.single_factor_reason = next();
    report.went_well = next();
    report.got_lucky = next();
    report.notes = next();
    for answer in report.questions.answers_mut() {
        *answer = next();
    }
    report.services = vec![next()];
    report.tags = vec![next()];
    for p in &mut report.participants {
        p.name = next();
    }
    for e in &mut report.timeline {
        e.description = next();
        e.evidence = next();
    }
    for f in &mut report.contributing_factors {
        f.description = next();
        f.why_it_made_sense = next();
    }
    for a in &mut report.action_items {
        a.description = next();
        a.owner = next();
        a.done_when = next();
        a.tracking = next();
        a.status_reason = next();
    }
    for g in &mut report.glossary {
        g.term = next();
        g.definition = next();
    }
    for c in &mut report.review_checklist {
        c.question = next();
        c.note = next();
    }
    for d in &mut report.dismissals {
        d.matched_text = next();
        d.reason = next();
    }
    if let Some(owner) = &mut report.owner {
        owner.note = next();
    }
}

#[test]
fn no_internal_field_reaches_the_external_export() {
    let mut report = full_report();
    let marker = |n: usize| format!("MARKER{n}X");
    let mut n = 0;
    fill_internal_fields(&mut report, || {
        n += 1;
        marker(n)
    });
    let text = external(&report);
    for k in 1..=n {
        assert!(
            !text.contains(&marker(k)),
            "marker {k} leaked into:\n{text}"
        );
    }
}

proptest! {
    /// Whatever an internal field holds (Markdown that could close a section or open a new one,
    /// table pipes, HTML, line breaks of any kind), none of it reaches the external export: each
    /// field's text starts with a marker of its own, and no marker appears.
    #[test]
    fn no_internal_field_reaches_the_external_export_whatever_it_holds(
        texts in proptest::collection::vec(text_strategy(), 64),
    ) {
        let mut report = full_report();
        let mut n = 0;
        fill_internal_fields(&mut report, || {
            n += 1;
            format!("QZMARK{n}Q{}", texts[n % texts.len()])
        });
        let text = external(&report);
        for k in 1..=n {
            prop_assert!(!text.contains(&format!("QZMARK{k}Q")), "field {k} leaked into:\n{text}");
        }
    }
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 .,]{1,40}",
        "(\\PC|\n|## Summary|### What happened|\\||\\\\|<br>|---|\r\n){0,30}",
    ]
}

fn one_line_strategy() -> impl Strategy<Value = String> {
    "[a-zA-Z][a-zA-Z0-9 ._-]{0,20}".prop_map(|s| s.trim().to_string())
}

prop_compose! {
    fn time_strategy()(minutes in 0i64..(60 * 24 * 400), seconds in prop_oneof![Just(0i64), 0i64..60]) -> chrono::DateTime<chrono::Utc> {
        at(0, 0) + Duration::minutes(minutes) + Duration::seconds(seconds)
    }
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

prop_compose! {
    fn report_strategy()(
        title in one_line_strategy(),
        zone in pick(&["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]),
        texts in proptest::collection::vec(text_strategy(), 17),
        names in proptest::collection::btree_set("[A-Z][a-z]{2,8}", 0..4),
        roles in proptest::collection::vec(pick(Role::ALL), 4),
        times in proptest::collection::vec(proptest::option::of(time_strategy()), 5),
        entries in proptest::collection::vec((time_strategy(), pick(TimelineKind::ALL), text_strategy(), text_strategy()), 0..4),
        factors in proptest::collection::vec((text_strategy(), pick(FactorCategory::ALL), text_strategy()), 0..3),
        items in proptest::collection::vec((text_strategy(), text_strategy(), proptest::option::of(0u32..800), proptest::option::of(pick(Priority::ALL)), pick(ActionKind::ALL), pick(ActionStatus::ALL)), 0..3),
        glossary in proptest::collection::vec((text_strategy(), text_strategy()), 0..3),
        checks in proptest::collection::vec((any::<bool>(), text_strategy(), text_strategy()), 0..3),
        status in pick(Status::ALL),
        severity in proptest::option::of(pick(Severity::ALL)),
        impact in pick(ImpactScope::ALL),
        labels in proptest::collection::vec(one_line_strategy(), 0..3),
        owner_pick in any::<proptest::sample::Index>(),
    ) -> Postmortem {
        let now = at(8, 0);
        let mut report = Postmortem::new(&title, zone, now);
        if report.title.is_empty() {
            report.title = "Untitled".into();
        }
        report.status = status;
        report.severity = severity;
        report.impact_scope = impact;
        report.services = labels.clone();
        report.tags = labels.into_iter().rev().collect();
        let mut sorted: Vec<_> = times[..4].iter().flatten().copied().collect();
        sorted.sort();
        let mut iter = sorted.into_iter();
        report.incident = IncidentTimes { started: iter.next(), detected: iter.next(), mitigated: iter.next(), resolved: iter.next() };
        report.participants = names.iter().zip(roles.iter()).map(|(name, role)| Participant { id: ParticipantId::new(now), name: name.clone(), role: *role }).collect();
        if !report.participants.is_empty() {
            let chosen = report.participants[owner_pick.index(report.participants.len())].id;
            report.owner = Some(Owner { participant: chosen, criterion: OwnerCriterion::Other, note: texts[15].lines().next().unwrap_or("").to_string() });
            report.review.devils_advocate = Some(chosen);
            report.review.at = times[4];
        }
        [report.summary, report.customer_impact, report.monitoring, report.went_well, report.got_lucky] =
            [texts[0].clone(), texts[1].clone(), texts[2].clone(), texts[3].clone(), texts[4].clone()];
        for (index, answer) in report.questions.answers_mut().into_iter().enumerate() {
            *answer = texts[5 + index].clone();
        }
        report.single_factor_reason = texts[14].clone();
        report.notes = texts[16].clone();
        report.external = ExternalMessage { summary: texts[10].clone(), what_happened: texts[11].clone(), what_we_are_doing: texts[12].clone() };
        report.timeline = entries.into_iter().map(|(at, kind, description, evidence)| TimelineEntry { id: TimelineEntryId::new(now), at, kind, description, evidence }).collect();
        report.contributing_factors = factors.into_iter().map(|(description, category, why)| ContributingFactor { id: ContributingFactorId::new(now), description, category, why_it_made_sense: why }).collect();
        report.action_items = items.into_iter().map(|(description, owner, due, priority, kind, status)| ActionItem {
            id: ActionItemId::new(now),
            description: if description.trim().is_empty() { "Add a check".into() } else { description },
            owner,
            due: due.and_then(|d| NaiveDate::from_ymd_opt(2026, 1, 1).map(|base| base + Duration::days(i64::from(d)))),
            priority, kind, status,
            status_reason: texts[13].clone(),
            tracking: texts[14].clone(),
            done_when: texts[15].clone(),
        }).collect();
        report.glossary = glossary.into_iter().map(|(term, definition)| GlossaryEntry { id: GlossaryEntryId::new(now), term, definition }).collect();
        report.review_checklist = checks.into_iter().map(|(checked, question, note)| ChecklistItem { checked, question, note }).collect();
        report
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn export_import_export_is_identical(report in report_strategy()) {
        prop_assume!(report.validate().is_ok());
        let first = internal(&report);
        let imported = from_markdown(&first, at(12, 0)).map_err(|e| TestCaseError::fail(format!("{e}\n{first}")))?;
        let second = internal(&imported);
        prop_assert_eq!(&first, &second);
    }

    #[test]
    fn any_text_imports_without_panicking(text in "(\\PC|\n|---|## Timeline|\\| a \\| b \\|){0,80}") {
        let _ = from_bytes(text.as_bytes(), at(12, 0));
    }
}

#[test]
fn json_from_an_older_version_without_some_sections_imports() {
    let mut value = serde_json::to_value(full_report()).unwrap();
    let object = value.as_object_mut().unwrap();
    for key in ["singleFactorReason", "glossary", "dismissals", "questions"] {
        object.remove(key);
    }
    let imported = from_bytes(value.to_string().as_bytes(), at(12, 0)).unwrap();
    assert!(imported.glossary.is_empty());
    assert_eq!(imported.title, full_report().title);
}

#[test]
fn the_internal_markdown_of_the_sample_report() {
    insta::assert_snapshot!("internal", internal(&full_report()));
}

#[test]
fn the_external_markdown_of_the_sample_report() {
    insta::assert_snapshot!("external", external(&full_report()));
}
