//! The export: the external message written as Markdown, held back while it would leak.
//!
//! WebDriver cannot drive the native save dialog, so the app is started with the target file in
//! `DEBRIEF_AUTOMATION_EXPORT_PATH`, which it honours only under WebDriver (see
//! `src-tauri/commands/export.rs`).

use crate::harness::*;
use crate::samples;
use crate::webdriver::{poll, Result};

#[test]
fn the_external_message_is_exported_as_markdown_once_it_leaks_nothing() -> Result<()> {
    let fixture = Fixture::new();
    let stored = samples::store_all(&fixture.database, vec![samples::checkout_latency()]);
    let target = fixture.path("message.md");
    let driver = start_driver_with(
        &fixture.database,
        &[("DEBRIEF_AUTOMATION_EXPORT_PATH", target.as_os_str())],
    )?;
    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;
    open_report(&session, &stored[0].title)?;
    go_to_step(&session, "external")?;

    // A participant's name in the message holds the export back.
    let doing = type_into(
        &session,
        "[data-testid=external-what-we-are-doing]",
        " Ana Lima leads the work.",
    )?;
    wait_for_hint(&session, "leak-name")?;
    session.wait_for("[data-testid=external-blocked]", STEP_TIMEOUT)?;
    click(&session, "[data-testid=export-open]")?;
    click(&session, "[data-testid=export-audience-external]")?;
    session.wait_for("[data-testid=export-blockers]", STEP_TIMEOUT)?;
    let run = session.find("[data-testid=export-run]")?;
    assert_eq!(session.property(&run, "disabled")?, serde_json::json!(true));
    click(&session, "[data-testid=export-dialog] button:not(.primary)")?;

    // Reworded, it goes out.
    session.clear(&doing)?;
    session.send_keys(
        &doing,
        "We are changing how configuration reaches our regions, one region at a time.",
    )?;
    poll(STEP_TIMEOUT, "the leak hint to go", || {
        Ok(!open_hints(&session)?
            .iter()
            .any(|(rule, _)| rule == "leak-name"))
    })?;
    wait_for_text(
        &session,
        "[data-testid=external-preview]",
        "one region at a time",
    )?;
    click(&session, "[data-testid=export-open]")?;
    click(&session, "[data-testid=export-audience-external]")?;
    click(&session, "[data-testid=export-format-markdown]")?;
    click(&session, "[data-testid=export-run]")?;
    poll(STEP_TIMEOUT, "the export to be written", || {
        Ok(target.exists())
    })?;
    wait_for_text(&session, "[data-testid=toast]", "Exported to")?;

    let text = std::fs::read_to_string(&target).expect("the export is readable");
    assert!(
        text.starts_with("# Checkout latency after a cache configuration change\n"),
        "{text}"
    );
    assert!(text.contains("## What we are doing about it"), "{text}");
    assert!(text.contains("one region at a time."), "{text}");
    for internal in ["Ana Lima", "Ben Okafor", "root cause", "PLAT-1234"] {
        assert!(!text.contains(internal), "{internal} leaked into: {text}");
    }
    let preview = text_of(&session, "[data-testid=external-preview]")?;
    assert_eq!(preview.trim(), text.trim(), "the preview is the export");
    let leftovers: Vec<_> = std::fs::read_dir(fixture.directory.path())
        .expect("the folder is readable")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary file is left: {leftovers:?}"
    );
    session.end()?;
    Ok(())
}

#[test]
fn the_internal_report_is_exported_as_a_pdf() -> Result<()> {
    let fixture = Fixture::new();
    let stored = samples::store_all(&fixture.database, vec![samples::checkout_latency()]);
    let target = fixture.path("report.pdf");
    let driver = start_driver_with(
        &fixture.database,
        &[("DEBRIEF_AUTOMATION_EXPORT_PATH", target.as_os_str())],
    )?;
    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;
    open_report(&session, &stored[0].title)?;

    click(&session, "[data-testid=export-open]")?;
    click(&session, "[data-testid=export-audience-internal]")?;
    click(&session, "[data-testid=export-format-pdf]")?;
    click(&session, "[data-testid=export-run]")?;
    poll(
        STEP_TIMEOUT,
        "the PDF to be written",
        || Ok(target.exists()),
    )?;
    let bytes = std::fs::read(&target).expect("the PDF is readable");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    wait_for_text(&session, "[data-testid=toast]", "report.pdf")?;
    session.end()?;
    Ok(())
}
