//! How long a PDF takes: a 10-page internal report (60 timeline entries, 30 action items and
//! long sections), warm, that is with the fonts and Typst's library already loaded. The caches of
//! the typesetter are emptied after every export, so each run typesets the document from scratch.
//!
//! Run with `cargo bench -p debrief-pdf --bench pdf`. The target is 300 ms.

#![allow(clippy::expect_used)] // A benchmark whose report does not render has nothing to measure.

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use debrief_pdf::{render, Audience};
use std::hint::black_box;

fn pdf(c: &mut Criterion) {
    let report = common::long_report(60);
    let internal = render(&report, Audience::Internal).expect("the report renders");
    let pages = lopdf::Document::load_mem(&internal)
        .expect("the PDF reads back")
        .get_pages()
        .len();
    eprintln!("internal PDF: {pages} pages, {} bytes", internal.len());
    assert!(
        pages >= 10,
        "the benchmark report has {pages} pages, not 10"
    );
    // Wall-clock time depends on what else the machine runs; the processor time the export
    // itself takes (all its threads) much less so. Printed beside criterion's figures.
    if let Some(before) = cpu_seconds() {
        const RUNS: u32 = 10;
        for _ in 0..RUNS {
            black_box(render(&report, Audience::Internal).expect("renders"));
        }
        if let Some(after) = cpu_seconds() {
            eprintln!(
                "internal PDF: {:.0} ms of processor time per export (mean of {RUNS})",
                (after - before) * 1000.0 / f64::from(RUNS)
            );
        }
    }
    let mut group = c.benchmark_group("pdf");
    group.sample_size(20);
    group.bench_function("internal_10_pages", |b| {
        b.iter(|| render(black_box(&report), Audience::Internal).expect("renders"))
    });
    group.bench_function("external", |b| {
        b.iter(|| render(black_box(&report), Audience::External).expect("renders"))
    });
    group.finish();
}

/// The processor time this process has used (user and system, all threads), from
/// `/proc/self/stat`, in seconds; `None` where there is no such file.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces): utime and
    // stime are the 12th and 13th, in clock ticks of 1/100 s (USER_HZ on Linux).
    let fields: Vec<&str> = stat[stat.rfind(')')? + 1..].split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

criterion_group!(benches, pdf);
criterion_main!(benches);
