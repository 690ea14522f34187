//! How long the hint engine takes on a large report.
//!
//! - `report`: 100 KB made of the real sentences of the labelled corpus (tests/corpus), about one
//!   in three of which draws a hint: already far denser in hints than a real report.
//! - `dense`: 100 KB of sentences most of which draw a hint (about one hint per 130 bytes), the
//!   worst case, in three sections.
//! - a 10 MB paste, and building a linter for a set of names.
//!
//! Run with `cargo bench -p debrief-core --bench lint`; figures are in docs/PERFORMANCE.md.

#![allow(clippy::expect_used)] // A benchmark that cannot read its own corpus has nothing to measure.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use debrief_core::hints::{LintContext, Linter, Person, RuleSettings, Section};
use debrief_core::ImpactScope;
use std::hint::black_box;

/// Sentences of the kind a report holds, some with hints and most without.
const SENTENCES: &[&str] = &[
    "At 13:02 the p95 latency of checkout-api rose from 300 ms to 6 s.",
    "The root cause was a cache setting that reached every region at once.",
    "Ana Lima declared the incident and paged the database team.",
    "The on-call engineer forgot to check the replica lag before the failover.",
    "Obviously the rollout should have been staged.",
    "A canary would have caught the bad configuration within minutes.",
    "Search results were stale for about a third of users, an outage for some of them.",
    "The queue drained within ten minutes once the consumers were restarted.",
    "See `kubectl rollout undo` and https://wiki.example.internal/runbooks/cache for details.",
    "We tested the disaster recovery plan in March and it worked as expected.",
    "Why did the health check pass while the node was failing?",
    "Lazy loading delayed the first query until the page rendered, which was negligible.",
    "It was a complete fiasco for the support team, who answered 400 tickets.",
    "The config change applied to every region at once because the tool had no staging step.",
    "Latency alerts fired nine minutes after the change, which matched our detection target.",
    "Human error is not a useful explanation here: the tool accepted a destructive flag.",
];

/// The corpus sentences, in order, as paragraphs of five sentences.
fn corpus_text(bytes: usize) -> String {
    #[derive(serde::Deserialize)]
    struct Corpus {
        item: Vec<Item>,
    }
    #[derive(serde::Deserialize)]
    struct Item {
        text: String,
    }
    let corpus: Corpus =
        toml::from_str(include_str!("../tests/corpus/sentences.toml")).expect("the corpus parses");
    let mut text = String::with_capacity(bytes + 400);
    for (index, item) in corpus.item.iter().cycle().enumerate() {
        if text.len() >= bytes {
            break;
        }
        text.push_str(&item.text);
        text.push_str(if index % 5 == 4 { "\n\n" } else { " " });
    }
    text
}

fn report_text(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 200);
    let mut index = 0;
    while text.len() < bytes {
        text.push_str(SENTENCES[index % SENTENCES.len()]);
        text.push(if index % 5 == 4 { '\n' } else { ' ' });
        if index % 20 == 19 {
            text.push('\n');
        }
        index += 1;
    }
    text
}

fn people() -> Vec<Person> {
    ["Ana Lima", "Ben Okafor", "Chen Wei", "Dana Reyes"]
        .into_iter()
        .map(|name| Person {
            name: name.to_string(),
            role: None,
        })
        .collect()
}

fn bench_lint(c: &mut Criterion) {
    let people = people();
    let linter = Linter::new(&people, &RuleSettings::default());
    let mut group = c.benchmark_group("lint");
    let report = corpus_text(100 * 1024);
    let analysis = LintContext {
        section: Section::Analysis,
        impact: ImpactScope::Partial,
        people: people.clone(),
    };
    group.throughput(Throughput::Bytes(report.len() as u64));
    group.bench_with_input(BenchmarkId::new("report", "100KB"), &report, |b, text| {
        b.iter(|| linter.lint(black_box(text), "field", &analysis))
    });
    for (name, section) in [
        ("analysis", Section::Analysis),
        ("external", Section::External),
        ("action-items", Section::ActionItems),
    ] {
        let text = report_text(100 * 1024);
        let context = LintContext {
            section,
            impact: ImpactScope::Partial,
            people: people.clone(),
        };
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::new(format!("dense/{name}"), "100KB"),
            &text,
            |b, text| b.iter(|| linter.lint(black_box(text), "field", &context)),
        );
    }
    group.finish();

    c.bench_function("linter/new with 4 names (cached patterns)", |b| {
        b.iter(|| Linter::new(black_box(&people), &RuleSettings::default()))
    });
}

fn bench_large(c: &mut Criterion) {
    let people = people();
    let linter = Linter::new(&people, &RuleSettings::default());
    let text = report_text(10 * 1024 * 1024);
    let context = LintContext {
        section: Section::Analysis,
        impact: ImpactScope::Partial,
        people,
    };
    let mut group = c.benchmark_group("lint-large");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("analysis/10MB", |b| {
        b.iter(|| linter.lint(black_box(&text), "field", &context))
    });
    group.finish();
}

criterion_group!(benches, bench_lint, bench_large);
criterion_main!(benches);
