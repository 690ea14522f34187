//! End-to-end tests: the real `debrief` binary in a real window, driven over WebDriver.
//!
//! They need Xvfb and WebKitWebDriver (Debian: `xvfb`, `webkit2gtk-driver`); each test starts an
//! X server of its own, so no display is needed. Run them with `cargo test -p debrief --test e2e`.

// The helpers are test code too: a surprise in the set-up should stop the test loudly.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test helpers fail the test at their first surprise"
)]

mod accessibility;
mod bad_files;
mod capabilities;
mod export;
mod glossary;
mod harness;
mod hints;
mod history;
mod hostile;
mod import;
mod instance;
mod library;
mod paste;
mod restore;
mod samples;
mod screenshots;
mod walkthrough;
mod webdriver;
mod webview;

use chrono::Utc;
use debrief_core::store::Store;
use debrief_core::PostmortemId;
use harness::*;
use webdriver::{poll, Result};

#[test]
fn a_report_changed_elsewhere_is_a_conflict_that_overwrites_nothing() -> Result<()> {
    let _running = shared();
    let directory = tempfile::tempdir().expect("a temporary directory");
    let database = directory.path().join("e2e.db");
    let app = app_binary();
    let driver = start_driver(&database)?;

    let session = driver.new_session(&app)?;
    wait_until_ready(&session)?;
    session.click(&session.find("[data-testid=new-report]")?)?;
    let title_input = session.wait_for("[data-testid=title-input]", STEP_TIMEOUT)?;
    session.clear(&title_input)?;
    session.send_keys(&title_input, "Build cache disk pressure")?;
    wait_for_save_state(&session, "saved")?;

    // Someone else saves the same report meanwhile (another window, the command line).
    let editor = session.find("[data-testid=editor]")?;
    let id: PostmortemId = session
        .attribute(&editor, "data-report-id")?
        .expect("the editor names its report")
        .parse()
        .expect("a report id");
    let store = Store::open(&database, Utc::now()).expect("the database opens a second time");
    let mut elsewhere = store.get(id).expect("the report is stored");
    elsewhere.title = "Build cache disk pressure (edited elsewhere)".to_string();
    store.save(&elsewhere, Utc::now()).expect("the other save");

    // The next edit in the window is refused, shown as a conflict, and overwrites nothing.
    session.send_keys(&title_input, " on Monday")?;
    wait_for_save_state(&session, "conflict")?;
    let conflict = session.find("[data-testid=save-conflict]")?;
    assert!(session.text(&conflict)?.contains("changed elsewhere"));
    assert_eq!(
        store.get(id).expect("the report is stored").title,
        "Build cache disk pressure (edited elsewhere)"
    );

    // Reload shows the stored version, and saving works again from there.
    // The editor is built anew for the reloaded report, so the field is looked up each time.
    session.click(&session.find("[data-testid=reload-report]")?)?;
    poll(STEP_TIMEOUT, "the stored title after reload", || {
        let Ok(title_input) = session.find("[data-testid=title-input]") else {
            return Ok(false);
        };
        Ok(session.property(&title_input, "value").ok()
            == Some(serde_json::json!(
                "Build cache disk pressure (edited elsewhere)"
            )))
    })?;
    let title_input = session.find("[data-testid=title-input]")?;
    session.send_keys(&title_input, "!")?;
    poll(STEP_TIMEOUT, "the edit after reload to be saved", || {
        Ok(store.get(id).expect("the report is stored").title
            == "Build cache disk pressure (edited elsewhere)!")
    })?;
    wait_for_save_state(&session, "saved")?;
    session.end()?;
    driver.wait_for_exit(&app, STEP_TIMEOUT)?;
    Ok(())
}

#[test]
fn a_damaged_database_is_reported_in_the_window_and_left_untouched() -> Result<()> {
    let _running = shared();
    let directory = tempfile::tempdir().expect("a temporary directory");
    // The webview keeps its own files beside the database's folder, not in it.
    let folder = directory.path().join("data");
    std::fs::create_dir(&folder).expect("the data folder is made");
    let database = folder.join("damaged.db");
    let content = b"these bytes are not a Debrief database".repeat(64);
    std::fs::write(&database, &content).expect("the damaged file is written");
    let app = app_binary();
    let driver = start_driver_in(&database, &directory.path().join("webview"), &[])?;

    let session = driver.new_session(&app)?;
    let message = session.wait_for("[data-testid=startup-error-message]", START_TIMEOUT)?;
    let text = session.text(&message)?;
    assert!(
        text.contains("damaged.db"),
        "the message names the file: {text}"
    );
    session.end()?;
    driver.wait_for_exit(&app, STEP_TIMEOUT)?;

    assert_eq!(
        std::fs::read(&database).expect("the file is still there"),
        content
    );
    let files: Vec<_> = std::fs::read_dir(&folder)
        .expect("the directory is readable")
        .map(|entry| entry.expect("an entry").file_name())
        .collect();
    assert_eq!(files, ["damaged.db"], "nothing was created beside the file");
    Ok(())
}
