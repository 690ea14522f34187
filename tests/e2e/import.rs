//! Import: several files picked at once, each imported or refused with its reason, and the text
//! that fitted no section found in the report's notes.
//!
//! WebDriver cannot drive the native open dialog, so the app is started with the files in
//! `DEBRIEF_AUTOMATION_IMPORT_PATHS`, which it honours only under WebDriver (see
//! `src-tauri/commands/import.rs`).

use crate::harness::*;
use crate::webdriver::{poll, Result};
use std::path::PathBuf;

fn foreign(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("src-tauri/core/tests/fixtures/foreign")
        .join(name)
}

#[test]
fn picked_files_are_imported_or_refused_and_the_notes_keep_the_rest() -> Result<()> {
    let fixture = Fixture::new();
    let empty = fixture.path("empty.md");
    std::fs::write(&empty, "  \n").expect("the empty file is written");
    let paths = std::env::join_paths([
        foreign("kubernetes-test-infra-2019-01-23-prow-outage.md"),
        empty.clone(),
        foreign("rust-2025-09-12-crates-io-phishing-campaign.md"),
    ])
    .expect("paths join");
    let driver = start_driver_with(
        &fixture.database,
        &[("DEBRIEF_AUTOMATION_IMPORT_PATHS", paths.as_os_str())],
    )?;
    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;

    click(&session, "[data-testid=import-files]")?;
    session.wait_for("[data-testid=import-results]", STEP_TIMEOUT)?;
    wait_for_text(
        &session,
        "[data-testid=import-results]",
        "Imported 2 postmortems; 1 file was refused.",
    )?;
    wait_for_text(&session, "[data-testid=import-refused]", "empty.md")?;
    wait_for_text(&session, "[data-testid=import-refused]", "empty")?;
    wait_for_text(
        &session,
        "[data-testid=import-imported]",
        "January 23rd, 2019 Prow Outage",
    )?;
    poll(STEP_TIMEOUT, "both reports in the library", || {
        let titles = listed_titles(&session)?;
        Ok(titles.len() == 2 && titles.iter().any(|t| t == "crates.io phishing campaign"))
    })?;

    // The imported report opens from the list, with its timeline and its notes.
    click(&session, "[data-testid=import-imported] button")?;
    session.wait_for("[data-testid=editor]", STEP_TIMEOUT)?;
    go_to_step(&session, "analysis")?;
    let notes = session.wait_for("[data-testid=notes-input]", STEP_TIMEOUT)?;
    let text = value_of(&session, &notes)?;
    assert!(text.contains("## Appendix"), "{text}");
    session.end()?;
    Ok(())
}
