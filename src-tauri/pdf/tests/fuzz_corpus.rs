//! Every committed fuzz corpus input still passes its fuzz target (issue 7, item 6).
//!
//! The targets' bodies live in `tests/fuzz/src/lib.rs`, which the fuzz binaries call and this test
//! includes, so the inputs that once found a bug, and the inputs the fuzzer kept for the coverage
//! they reach, run on every `cargo test`. The fuzz project itself is a workspace of its own (it
//! needs libFuzzer), so this test, in the crate that depends on both the core and the PDF export,
//! is where `cargo test --workspace` replays it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly at its first surprise"
)]

#[path = "../../../tests/fuzz/src/lib.rs"]
mod targets;

use std::path::{Path, PathBuf};

fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("cannot read the corpus {}: {error}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

/// Runs every input of `target`'s corpus, and names each one that panics.
fn replay(target: &str, run: fn(&[u8])) {
    let files = corpus(target);
    assert!(!files.is_empty(), "the corpus of {target} is empty");
    let mut failed = Vec::new();
    for file in &files {
        let data = std::fs::read(file).unwrap();
        if std::panic::catch_unwind(|| run(&data)).is_err() {
            failed.push(file.display().to_string());
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} inputs of {target} fail; reproduce one with `cargo +stable fuzz run {target} \
         --fuzz-dir tests/fuzz --sanitizer none <file>`: {failed:#?}",
        failed.len(),
        files.len()
    );
}

#[test]
fn the_import_corpus_passes() {
    replay("import", targets::import);
}

#[test]
fn the_hints_corpus_passes() {
    replay("hints", targets::hints);
}

#[test]
fn the_markdown_export_corpus_passes() {
    replay("markdown_export", targets::markdown_export);
}

#[test]
fn the_typst_export_corpus_passes() {
    replay("typst_export", targets::typst_export);
}
