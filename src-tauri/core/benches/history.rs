//! How long looking back takes on a library of 10,000 reports: the library list (whole, and the
//! pages the app shows), search, related incidents, trends, the action-item tracker, a save and
//! opening the file.
//!
//! The library is made by a seeded generator, so every run measures the same data: incidents
//! spread over four years, 1–3 services of 40 and 0–3 tags of 30 per report, 2–4 contributing
//! factors, 2–6 action items with owners among 60 people and roles, and a few hundred words of
//! text per report drawn from a vocabulary of 5,000 words with the skewed frequencies of real
//! text (a few words are everywhere, most are rare).
//!
//! Run with `cargo bench -p debrief-core --bench history`; figures are in docs/PERFORMANCE.md.

#![allow(clippy::expect_used)] // A benchmark whose library cannot be built has nothing to measure.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use debrief_core::history::{ActionFilter, ActionStatusChange, TrendsQuery};
use debrief_core::store::{LibraryQuery, Store};
use debrief_core::*;
use std::hint::black_box;

const REPORTS: usize = 10_000;
const VOCABULARY: usize = 5_000;

/// A small, fast, seeded generator (SplitMix64): the same library on every run and machine.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A rank from 0 to n - 1 with frequencies falling like 1 / rank, as words do in text.
    fn skewed(&mut self, n: usize) -> usize {
        (((n as f64 + 1.0).powf(self.unit()) - 1.0) as usize).min(n - 1)
    }
}

/// Made-up words of two to four syllables, all different.
fn vocabulary() -> Vec<String> {
    const SYLLABLES: [&str; 24] = [
        "ka", "lo", "mer", "sta", "ti", "ven", "dra", "pol", "qu", "ris", "nat", "bel", "cor",
        "fen", "gal", "hul", "jor", "mis", "nor", "pra", "sel", "tor", "ux", "zan",
    ];
    let mut random = Random(7);
    let mut words = std::collections::BTreeSet::new();
    let mut ordered = Vec::with_capacity(VOCABULARY);
    while ordered.len() < VOCABULARY {
        let syllables = 2 + random.below(3);
        let word: String = (0..syllables)
            .map(|_| SYLLABLES[random.below(SYLLABLES.len())])
            .collect();
        if words.insert(word.clone()) {
            ordered.push(word);
        }
    }
    ordered
}

fn sentence(random: &mut Random, words: &[String], length: usize) -> String {
    let mut text: Vec<&str> = (0..length)
        .map(|_| words[random.skewed(words.len())].as_str())
        .collect();
    text.push("the");
    text.rotate_right(1);
    format!("{}.", text.join(" "))
}

fn paragraph(random: &mut Random, words: &[String], sentences: usize) -> String {
    (0..sentences)
        .map(|_| {
            let length = 8 + random.below(10);
            sentence(random, words, length)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn report(random: &mut Random, words: &[String], index: usize) -> Postmortem {
    let first = Utc
        .with_ymd_and_hms(2023, 1, 1, 0, 0, 0)
        .single()
        .expect("a valid time");
    let started: DateTime<Utc> = first + Duration::minutes(random.below(4 * 365 * 24 * 60) as i64);
    let mut report = Postmortem::new(
        &format!("Incident {index}: {}", sentence(random, words, 5)),
        "Europe/Berlin",
        started,
    );
    report.severity = match random.below(12) {
        0 => None,
        n => Severity::ALL.get(n % 5).copied(),
    };
    report.status = Status::ALL[random.below(Status::ALL.len())];
    report.incident.started = Some(started);
    if random.below(10) > 0 {
        report.incident.detected = Some(started + Duration::minutes(1 + random.below(90) as i64));
    }
    if random.below(10) > 1 {
        report.incident.resolved = Some(started + Duration::minutes(30 + random.below(600) as i64));
    }
    let mut services: Vec<String> = (0..1 + random.below(3))
        .map(|_| format!("service-{}", random.skewed(40)))
        .collect();
    services.dedup();
    report.services = services;
    let mut tags: Vec<String> = (0..random.below(4))
        .map(|_| format!("tag-{}", random.skewed(30)))
        .collect();
    tags.dedup();
    report.tags = tags;
    report.summary = paragraph(random, words, 4);
    report.customer_impact = paragraph(random, words, 2);
    report.monitoring = paragraph(random, words, 2);
    report.went_well = paragraph(random, words, 2);
    report.timeline = (0..4 + random.below(8))
        .map(|step| TimelineEntry {
            id: TimelineEntryId::new(started),
            at: started + Duration::minutes(step as i64 * 7),
            description: sentence(random, words, 10),
            evidence: String::new(),
            kind: TimelineKind::Note,
        })
        .collect();
    report.contributing_factors = (0..2 + random.below(3))
        .map(|_| ContributingFactor {
            id: ContributingFactorId::new(started),
            description: sentence(random, words, 12),
            category: FactorCategory::ALL[random.skewed(FactorCategory::ALL.len())],
            why_it_made_sense: sentence(random, words, 10),
        })
        .collect();
    report.action_items = (0..2 + random.below(5))
        .map(|_| {
            let status = ActionStatus::ALL[random.below(ActionStatus::ALL.len())];
            ActionItem {
                id: ActionItemId::new(started),
                description: sentence(random, words, 8),
                owner: format!("Owner {}", random.skewed(60)),
                due: (random.below(4) > 0)
                    .then(|| started.date_naive() + Duration::days(7 + random.below(120) as i64)),
                priority: None,
                kind: ActionKind::ALL[random.below(ActionKind::ALL.len())],
                status,
                status_reason: if status == ActionStatus::WontDo {
                    sentence(random, words, 6)
                } else {
                    String::new()
                },
                tracking: String::new(),
                done_when: String::new(),
            }
        })
        .collect();
    report
}

/// The generated library, in memory (the whole file would be in the page cache anyway).
fn library() -> (Store, Vec<Postmortem>) {
    let words = vocabulary();
    let mut random = Random(2026);
    let store = Store::open_in_memory().expect("an in-memory store");
    let now = Utc
        .with_ymd_and_hms(2027, 1, 1, 0, 0, 0)
        .single()
        .expect("a valid time");
    let reports = (0..REPORTS)
        .map(|index| {
            let report = report(&mut random, &words, index);
            store.insert(&report, now).expect("a valid report")
        })
        .collect();
    (store, reports)
}

fn bench_history(c: &mut Criterion) {
    let (store, reports) = library();
    // To look at the generated library with other tools (such as the sqlite3 shell's EXPLAIN
    // QUERY PLAN), name a file to copy it to.
    if let Some(path) = std::env::var_os("HISTORY_BENCH_COPY") {
        store
            .backup_to(std::path::Path::new(&path))
            .expect("a copy of the library");
    }
    let words = vocabulary();
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).expect("a valid date");
    // The report looked at: one from the last year, so it has a long past.
    let open = &reports[REPORTS / 2];
    let mut group = c.benchmark_group("history/10k");
    group.sample_size(10);

    group.bench_function("list", |b| {
        b.iter(|| black_box(store.list().expect("list")))
    });
    // A frequent word (in most reports), a middling one, and two rarer ones together.
    let frequent = words[1].clone();
    let middling = words[60].clone();
    let rare = format!("{} {}", words[400], words[900]);
    for (name, query) in [
        ("search/frequent word", frequent.clone()),
        ("search/middling word", middling.clone()),
        ("search/two rare words", rare.clone()),
        ("search/prefix of two letters", "ka".to_string()),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| black_box(store.search(black_box(&query)).expect("search")))
        });
    }
    // What the app asks for: a page of the library, 100 rows of the list or 25 of a search (each
    // with its snippet), as `ui/src/lib/library.svelte.ts` does.
    let page = |text: &str| LibraryQuery {
        text: text.to_string(),
        limit: if text.is_empty() { 100 } else { 25 },
        ..LibraryQuery::default()
    };
    for (name, query) in [
        ("page/list", page("")),
        (
            "page/list of one service",
            LibraryQuery {
                service: Some("service-7".into()),
                ..page("")
            },
        ),
        (
            "page/list, fifth page",
            LibraryQuery {
                offset: 400,
                ..page("")
            },
        ),
        ("page/search frequent word", page(&frequent)),
        ("page/search middling word", page(&middling)),
        ("page/search two rare words", page(&rare)),
        ("page/search prefix of two letters", page("ka")),
        (
            "page/search middling word, one status",
            LibraryQuery {
                status: Some(debrief_core::Status::Draft),
                ..page(&middling)
            },
        ),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| black_box(store.library_page(black_box(&query)).expect("a page")))
        });
    }
    group.bench_function("page/facets", |b| {
        b.iter(|| black_box(store.library_facets().expect("facets")))
    });
    // Saving a report with one word changed: what every autosave does.
    let mut edited = store
        .get(reports[REPORTS / 3].id)
        .expect("a report of the library");
    let mut toggle = false;
    group.bench_function("save", |b| {
        b.iter(|| {
            toggle = !toggle;
            edited.summary.push_str(if toggle { " x" } else { " y" });
            edited = store.save(&edited, Utc::now()).expect("a save");
        })
    });
    // Opening the library file as the app does at start (checks, no migration to run).
    let folder = tempfile::tempdir().expect("a temporary folder");
    let file = folder.path().join("library.db");
    store.backup_to(&file).expect("a copy of the library");
    group.bench_function("open", |b| {
        b.iter(|| black_box(Store::open(&file, Utc::now()).expect("the library opens")))
    });
    group.bench_function("related", |b| {
        b.iter(|| black_box(store.related_incidents(open.id, 5).expect("related")))
    });
    // A different report each time, as when looking through reports one after another: the
    // counts of the words they share are known from the reports before, their own are not.
    let mut next = 0;
    group.bench_function("related, a different report each time", |b| {
        b.iter(|| {
            next = (next + 1) % 1_000;
            let other = &reports[REPORTS / 2 + next];
            black_box(store.related_incidents(other.id, 5).expect("related"))
        })
    });
    group.bench_function("trends/all", |b| {
        b.iter(|| {
            black_box(
                store
                    .trends(&TrendsQuery::default(), today)
                    .expect("trends"),
            )
        })
    });
    let last_year = TrendsQuery {
        from: NaiveDate::from_ymd_opt(2025, 11, 21),
        to: Some(today),
    };
    group.bench_function("trends/last year", |b| {
        b.iter(|| black_box(store.trends(&last_year, today).expect("trends")))
    });
    let first_page = ActionFilter {
        limit: Some(200),
        ..ActionFilter::default()
    };
    group.bench_function("actions/first 200", |b| {
        b.iter(|| black_box(store.action_items(&first_page, today).expect("actions")))
    });
    group.bench_function("actions/all", |b| {
        b.iter(|| {
            black_box(
                store
                    .action_items(&ActionFilter::default(), today)
                    .expect("actions"),
            )
        })
    });
    let overdue_of_one = ActionFilter {
        owner: Some("Owner 7".into()),
        overdue_only: true,
        ..ActionFilter::default()
    };
    group.bench_function("actions/overdue of one owner", |b| {
        b.iter(|| black_box(store.action_items(&overdue_of_one, today).expect("actions")))
    });
    // Marking an item done and open again: each a save of the whole report in one transaction.
    let item = open.action_items[0].id;
    let mut revision = open.revision;
    let mut done = false;
    let now = Utc
        .with_ymd_and_hms(2027, 1, 2, 0, 0, 0)
        .single()
        .expect("a valid time");
    group.bench_function("actions/mark done", |b| {
        b.iter(|| {
            done = !done;
            let change = ActionStatusChange {
                report_id: open.id,
                revision,
                item_id: item,
                status: if done {
                    ActionStatus::Done
                } else {
                    ActionStatus::Committed
                },
                reason: String::new(),
            };
            revision = store
                .set_action_status(&change, now)
                .expect("a status change")
                .revision;
        })
    });
    group.finish();
}

criterion_group!(benches, bench_history);
criterion_main!(benches);
