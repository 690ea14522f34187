//! A 10 MB paste into a report field, in the real window: the text is saved, checked for hints and
//! exported, and the window keeps answering while that work runs (the commands run off the main
//! thread, and the field does not draw megabytes of hints at once).
//!
//! Typing 10 MB through WebDriver would take hours, so the page does what a paste does: it sends
//! the `paste` event, puts the text in the field and sends the `input` event of a paste.

use crate::harness::*;
use crate::webdriver::{poll, Result};
use chrono::Utc;
use debrief_core::store::Store;
use debrief_core::PostmortemId;
use std::time::Duration;

/// The pasted text: 10 MiB of notes in which every paragraph has words the hints flag.
const PASTE_BYTES: usize = 10 * 1024 * 1024;
const PARAGRAPH: &str = "At 09:12 the consumers of the billing queue fell behind after the broker \
upgrade; the backlog grew to 40,000 messages before paging fired. The incident was caused by human \
error during the deploy. We should have noticed the lag earlier. The on-call engineer drained one \
node at a time and the backlog cleared by 10:05.\n\n";

/// The longest the page may go without running its timer while the paste is saved, checked and
/// exported. Generous, so that a machine busy with other tests does not fail it: each check of the
/// report brings back tens of thousands of hints for this text, which the page reads in one go
/// (measured: 3.0 to 8.6 s over four runs). A frozen window misses it by far: before
/// the field stopped laying out megabytes, the page did not answer WebDriver for 90 s.
const LONGEST_STALL_ALLOWED_MS: f64 = 20_000.0;
/// Saving, checking and exporting 10 MB in a debug build on a busy machine.
const WORK_TIMEOUT: Duration = Duration::from_secs(120);

/// Starts a timer in the page that records the longest gap between two of its runs.
const PROBE: &str = "
    const probe = { longest: 0, last: performance.now(), ticks: 0 };
    window.__stallProbe = probe;
    const tick = () => {
        const now = performance.now();
        probe.longest = Math.max(probe.longest, now - probe.last);
        probe.last = now;
        probe.ticks += 1;
        setTimeout(tick, 10);
    };
    setTimeout(tick, 10);
";

/// Pastes `arguments[1]` repeated to `arguments[2]` characters into the field `arguments[0]`, on
/// the page's next turn (so that this script returns first), as the browser does for a paste.
const PASTE: &str = "
    const [selector, unit, size] = arguments;
    const field = document.querySelector(selector);
    const text = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
    setTimeout(() => {
        field.focus();
        const data = new DataTransfer();
        data.setData('text/plain', text);
        const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
        if (field.dispatchEvent(paste)) {
            field.value = text;
            field.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
        }
        window.__pasted = true;
    }, 0);
    return text.length;
";

#[test]
fn a_ten_megabyte_paste_is_saved_checked_and_exported_while_the_window_keeps_answering(
) -> Result<()> {
    let fixture = Fixture::new();
    let target = fixture.path("pasted.md");
    let driver = start_driver_with(
        &fixture.database,
        &[("DEBRIEF_AUTOMATION_EXPORT_PATH", target.as_os_str())],
    )?;
    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;
    new_report(&session, "Billing queue backlog")?;
    wait_for_save_state(&session, "saved")?;
    go_to_step(&session, "wentWell")?;
    let editor = session.find("[data-testid=editor]")?;
    let id: PostmortemId = session
        .attribute(&editor, "data-report-id")?
        .expect("the editor names its report")
        .parse()
        .expect("a report id");

    session.execute(PROBE, vec![])?;
    let pasted = session.execute(
        PASTE,
        vec![
            serde_json::json!("[data-testid=went-well-input]"),
            serde_json::json!(PARAGRAPH),
            serde_json::json!(PASTE_BYTES),
        ],
    )?;
    assert_eq!(pasted, serde_json::json!(PASTE_BYTES));
    poll(WORK_TIMEOUT, "the paste to happen", || {
        Ok(session.execute("return window.__pasted === true", vec![])? == serde_json::json!(true))
    })?;

    // While the paste is saved and checked, typing in another field of the step works.
    let typed = "Paging reached the right person within a minute.";
    let lucky = type_into(&session, "[data-testid=got-lucky-input]", typed)?;
    assert_eq!(value_of(&session, &lucky)?, typed);
    let state_after_typing =
        session.attribute(&session.find("[data-testid=save-status]")?, "data-state")?;

    // The paste is saved: the store holds all of it, and the other field's words too.
    let store = Store::open(&fixture.database, Utc::now()).expect("the database opens");
    poll(
        WORK_TIMEOUT,
        "the paste and the typing to be stored",
        || {
            let stored = store.get(id).expect("the report is stored");
            Ok(stored.went_well.len() == PASTE_BYTES && stored.got_lucky == typed)
        },
    )?;
    let stored = store.get(id).expect("the report is stored");
    assert!(stored.went_well.starts_with(PARAGRAPH));
    wait_for_save_state(&session, "saved")?;

    // The paste is checked: its words get hints.
    poll(WORK_TIMEOUT, "hints on the pasted text", || {
        let field = session.find("[data-testid=went-well-input]")?;
        let hints = session.attribute(&field, "data-hints")?.unwrap_or_default();
        Ok(hints.parse::<u64>().unwrap_or(0) > 0)
    })?;

    // And exported, through the export dialog.
    click(&session, "[data-testid=export-open]")?;
    click(&session, "[data-testid=export-audience-internal]")?;
    click(&session, "[data-testid=export-format-markdown]")?;
    click(&session, "[data-testid=export-run]")?;
    poll(WORK_TIMEOUT, "the export to be written", || {
        Ok(target.exists())
    })?;
    wait_for_text(&session, "[data-testid=toast]", "pasted.md")?;
    let exported = std::fs::read_to_string(&target).expect("the export is readable");
    assert!(exported.len() > PASTE_BYTES, "the whole paste is exported");
    assert!(exported.contains(PARAGRAPH.trim_end()));
    assert!(exported.contains(typed));

    // The window never went long without running its timer.
    let probe = session.execute(
        "return [window.__stallProbe.longest, window.__stallProbe.ticks]",
        vec![],
    )?;
    let longest = probe[0].as_f64().unwrap_or(f64::INFINITY);
    let ticks = probe[1].as_u64().unwrap_or(0);
    eprintln!(
        "10 MB paste: longest stall of the page {longest:.0} ms over {ticks} timer runs; the save \
         state when the typing in the other field was done: {state_after_typing:?}"
    );
    assert!(ticks > 0, "the probe ran");
    assert!(
        longest < LONGEST_STALL_ALLOWED_MS,
        "the window froze for {longest:.0} ms"
    );
    session.end()?;
    Ok(())
}
