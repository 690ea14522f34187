//! End-to-end tests: the real `debrief` binary in a real window, driven over WebDriver.
//!
//! They need an X display and WebKitWebDriver (Debian: `webkit2gtk-driver`). Run them with
//! `xvfb-run -a cargo test -p debrief --test e2e`.

mod webdriver;

use chrono::Utc;
use debrief_core::store::Store;
use debrief_core::PostmortemId;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::Duration;
use webdriver::{poll, Driver, Result, Session};

/// Long enough for a cold start of the app on a slow machine; a passing run takes far less.
const START_TIMEOUT: Duration = Duration::from_secs(60);
const STEP_TIMEOUT: Duration = Duration::from_secs(15);

fn app_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_debrief"))
}

/// Fails (never skips) when the test cannot run here, and says what to do.
fn require_environment() -> PathBuf {
    let has_display = std::env::var_os("DISPLAY").is_some_and(|display| !display.is_empty());
    assert!(
        has_display,
        "the end-to-end tests open a real window and need an X display, but DISPLAY is not set: \
         run them under Xvfb, e.g. `xvfb-run -a cargo test -p debrief --test e2e`"
    );
    let driver = webdriver::driver_binary();
    assert!(
        driver.exists(),
        "{} is missing: install WebKitWebDriver (Debian: `apt-get install webkit2gtk-driver`) or \
         set WEBKIT_WEBDRIVER to its path",
        driver.display()
    );
    driver
}

fn start_driver(database: &Path) -> Result<Driver> {
    let driver = require_environment();
    let environment: [(&str, &OsStr); 2] = [
        // Lets WebKitWebDriver drive the Tauri webview.
        ("TAURI_WEBVIEW_AUTOMATION", OsStr::new("true")),
        // The app under test works on a database of its own.
        ("DEBRIEF_DB", database.as_os_str()),
    ];
    Driver::start(&driver, &environment, START_TIMEOUT)
}

/// Waits until the library has loaded (the "New postmortem" button is enabled).
fn wait_until_ready(session: &Session<'_>) -> Result<()> {
    poll(START_TIMEOUT, "the library to load", || {
        let Ok(button) = session.find("[data-testid=new-report]") else {
            return Ok(false);
        };
        Ok(session.property(&button, "disabled")? == serde_json::json!(false))
    })
}

/// The titles in the report list, top to bottom.
fn listed_titles(session: &Session<'_>) -> Result<Vec<String>> {
    session
        .find_all("[data-testid=report-item-title]")?
        .iter()
        .map(|element| session.text(element))
        .collect()
}

#[test]
fn a_new_report_is_saved_as_typed_and_is_there_after_a_restart() -> Result<()> {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let database = directory.path().join("e2e.db");
    let app = app_binary();
    let driver = start_driver(&database)?;
    let title = "Checkout errors after the payment provider rotated its certificate";

    // First run: create a report and give it a title.
    let session = driver.new_session(&app)?;
    assert!(
        !driver.processes_running(&app).is_empty(),
        "the app runs in the driver's process group, where the test can watch it exit"
    );
    wait_until_ready(&session)?;
    let new_report = session.find("[data-testid=new-report]")?;
    session.click(&new_report)?;

    let title_input = session.wait_for("[data-testid=title-input]", STEP_TIMEOUT)?;
    poll(STEP_TIMEOUT, "the new report's title to be focused", || {
        Ok(session.active_element().ok().as_ref() == Some(&title_input))
    })?;
    assert_eq!(
        session.property(&title_input, "value")?,
        serde_json::json!("Untitled postmortem")
    );
    session.clear(&title_input)?;
    session.send_keys(&title_input, title)?;

    // "Saved" with the list showing the new title means the save came back from the store.
    poll(STEP_TIMEOUT, "the title to be saved", || {
        let status = session.find("[data-testid=save-status]")?;
        let saved = session.attribute(&status, "data-state")?.as_deref() == Some("saved")
            && session.text(&status)? == "Saved";
        Ok(saved && listed_titles(&session)? == [title])
    })?;
    session.end()?;
    driver.wait_for_exit(&app, STEP_TIMEOUT)?;

    // Second run on the same database: the report is listed, and search finds it.
    let session = driver.new_session(&app)?;
    wait_until_ready(&session)?;
    poll(STEP_TIMEOUT, "the saved report to be listed", || {
        Ok(listed_titles(&session)? == [title])
    })?;

    let search = session.find("[data-testid=search-input]")?;
    session.send_keys(&search, "certif")?;
    poll(STEP_TIMEOUT, "the search to find the report", || {
        Ok(!session
            .find_all("[data-testid=report-item] mark")?
            .is_empty())
    })?;
    assert_eq!(listed_titles(&session)?, [title]);
    session.end()?;
    driver.wait_for_exit(&app, STEP_TIMEOUT)?;
    Ok(())
}

/// Waits until the save indicator is in `state`.
fn wait_for_save_state(session: &Session<'_>, state: &str) -> Result<()> {
    poll(STEP_TIMEOUT, &format!("the save state `{state}`"), || {
        let status = session.find("[data-testid=save-status]")?;
        Ok(session.attribute(&status, "data-state")?.as_deref() == Some(state))
    })
}

#[test]
fn a_report_changed_elsewhere_is_a_conflict_that_overwrites_nothing() -> Result<()> {
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
    poll(STEP_TIMEOUT, "the title to be saved", || {
        Ok(listed_titles(&session)? == ["Build cache disk pressure"])
    })?;
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
    session.click(&session.find("[data-testid=reload-report]")?)?;
    let title_input = session.wait_for("[data-testid=title-input]", STEP_TIMEOUT)?;
    poll(STEP_TIMEOUT, "the stored title after reload", || {
        Ok(session.property(&title_input, "value")?
            == serde_json::json!("Build cache disk pressure (edited elsewhere)"))
    })?;
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
    let directory = tempfile::tempdir().expect("a temporary directory");
    let database = directory.path().join("damaged.db");
    let content = b"these bytes are not a Debrief database".repeat(64);
    std::fs::write(&database, &content).expect("the damaged file is written");
    let app = app_binary();
    let driver = start_driver(&database)?;

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
    let files: Vec<_> = std::fs::read_dir(directory.path())
        .expect("the directory is readable")
        .map(|entry| entry.expect("an entry").file_name())
        .collect();
    assert_eq!(files, ["damaged.db"], "nothing was created beside the file");
    Ok(())
}
