//! How long the Markdown exports take on a long report (about ten printed pages).
//!
//! Run with `cargo bench -p debrief-core --bench export`; figures are in docs/PERFORMANCE.md.

#![allow(clippy::expect_used)] // A benchmark whose sample report is invalid has nothing to measure.

use chrono::{Duration, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use debrief_core::export::markdown::{external, internal};
use debrief_core::*;
use std::hint::black_box;

const PARAGRAPH: &str = "The cache eviction setting reached every region at once, so the session \
    service fell back to the database, which was not sized for that load. Latency rose from 300 ms \
    to 6 s at the 95th percentile, and about a third of checkout requests took longer than five \
    seconds before the rollback restored normal service.";

/// A report of about ten printed pages: long sections, 60 timeline entries, 8 factors, 20 items.
fn long_report() -> Postmortem {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
        .single()
        .expect("a valid time");
    let mut report = Postmortem::new(
        "Checkout latency after a cache change",
        "Europe/Berlin",
        now,
    );
    let long = |n: usize| vec![PARAGRAPH; n].join("\n\n");
    report.summary = long(3);
    report.customer_impact = long(2);
    report.monitoring = long(3);
    report.went_well = long(2);
    report.got_lucky = long(1);
    for answer in report.questions.answers_mut() {
        *answer = long(1);
    }
    report.external = ExternalMessage {
        summary: long(1),
        what_happened: long(2),
        what_we_are_doing: long(1),
    };
    report.participants = (0..8)
        .map(|i| Participant {
            id: ParticipantId::new(now),
            name: format!("Person {i}"),
            role: Role::Responder,
        })
        .collect();
    report.timeline = (0..60)
        .map(|i| TimelineEntry {
            id: TimelineEntryId::new(now),
            at: now + Duration::minutes(i),
            description: format!(
                "Step {i}: the responders checked the replica lag and the queue depth."
            ),
            evidence: format!("https://dashboards.example.com/d/{i}"),
            kind: TimelineKind::Note,
        })
        .collect();
    report.contributing_factors = (0..8)
        .map(|i| ContributingFactor {
            id: ContributingFactorId::new(now),
            description: format!("Factor {i}: {PARAGRAPH}"),
            category: FactorCategory::Process,
            why_it_made_sense: PARAGRAPH.to_string(),
        })
        .collect();
    report.action_items = (0..20)
        .map(|i| ActionItem {
            id: ActionItemId::new(now),
            description: format!("Add a staged rollout step {i} to the config deploy tool"),
            owner: "Platform team".into(),
            due: chrono::NaiveDate::from_ymd_opt(2026, 12, 15),
            priority: Some(Priority::P2),
            kind: ActionKind::Prevent,
            status: ActionStatus::Committed,
            status_reason: String::new(),
            tracking: format!("PLAT-{i}"),
            done_when: "The tool refuses an all-region push".into(),
        })
        .collect();
    report.glossary = (0..10)
        .map(|i| GlossaryEntry {
            id: GlossaryEntryId::for_position(i),
            term: format!("term {i}"),
            definition: PARAGRAPH.to_string(),
        })
        .collect();
    report
}

fn bench_markdown(c: &mut Criterion) {
    let report = long_report();
    c.bench_function("markdown/internal/10 pages", |b| {
        b.iter(|| internal(black_box(&report)))
    });
    c.bench_function("markdown/external/10 pages", |b| {
        b.iter(|| external(black_box(&report)))
    });
    let text = internal(&report);
    c.bench_function("markdown/import/10 pages", |b| {
        b.iter(|| import::from_markdown(black_box(&text), Utc::now()))
    });
}

criterion_group!(benches, bench_markdown);
criterion_main!(benches);
