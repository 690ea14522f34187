//! The README's screenshots, made in the real window over WebDriver. Not a check: run it with
//! `scripts/screenshot.sh`, which sets `DEBRIEF_SCREENSHOT_DIR`.

use crate::harness::*;
use crate::samples;
use crate::webdriver::Result;
use std::path::PathBuf;

#[test]
#[ignore = "makes the README screenshots; run scripts/screenshot.sh"]
fn readme_screenshots() -> Result<()> {
    let output = std::env::var_os("DEBRIEF_SCREENSHOT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots"));
    std::fs::create_dir_all(&output).expect("the screenshot folder can be made");
    let fixture = Fixture::new();
    let mut reports = samples::others();
    reports.insert(0, samples::checkout_latency());
    samples::store_all(&fixture.database, reports);

    let driver = start_driver(&fixture.database)?;
    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;
    // The scores arrive a moment after the list.
    session.wait_for("[data-testid=report-item-score]", STEP_TIMEOUT)?;
    settle();
    save(&output.join("library.png"), &session.screenshot()?);

    open_report(
        &session,
        "Checkout latency after a cache configuration change",
    )?;
    go_to_step(&session, "timeline")?;
    settle();
    save(&output.join("walkthrough.png"), &session.screenshot()?);

    go_to_step(&session, "analysis")?;
    let first = wait_for_hint(&session, "root-cause")?;
    wait_for_hint(&session, "human-error")?;
    // The first hint with its explanation open, as when the author asks why.
    click_in(&session, &first, "details summary")?;
    settle();
    save(&output.join("hints.png"), &session.screenshot()?);
    session.end()?;
    Ok(())
}

/// Lets the last frame paint.
fn settle() {
    std::thread::sleep(std::time::Duration::from_millis(600));
}

fn save(path: &std::path::Path, png: &[u8]) {
    std::fs::write(path, png).expect("the screenshot is written");
    println!("wrote {}", path.display());
}
