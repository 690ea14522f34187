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

criterion_group!(benches, pdf);
criterion_main!(benches);
