//! Report text is always text in the window: markup, script and `javascript:` links typed into a
//! report are shown as written in the preview of the customer message, and nothing runs.

use crate::harness::*;
use crate::webdriver::Result;

/// Each payload would set `window.__debriefRan` if the window ever ran it.
const PAYLOADS: [&str; 3] = [
    "<script>window.__debriefRan = 'script'</script>",
    "<img src=x onerror=\"window.__debriefRan = 'onerror'\">",
    "[status page](javascript:window.__debriefRan='link')",
];

#[test]
fn markup_and_script_in_a_report_are_shown_as_text_and_never_run() -> Result<()> {
    let fixture = Fixture::new();
    let driver = start_driver(&fixture.database)?;
    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;
    new_report(&session, "Checkout latency")?;
    let elements_before = session.execute(
        "return document.querySelectorAll('script, img, iframe, object, embed').length",
        vec![],
    )?;

    go_to_step(&session, "external")?;
    for (field, payload) in [
        "[data-testid=external-summary]",
        "[data-testid=external-what-happened]",
        "[data-testid=external-what-we-are-doing]",
    ]
    .into_iter()
    .zip(PAYLOADS)
    {
        type_into(&session, field, payload)?;
    }
    for payload in PAYLOADS {
        wait_for_text(&session, "[data-testid=external-preview]", payload)?;
    }
    wait_for_save_state(&session, "saved")?;

    let ran = session.execute(
        "return window.__debriefRan === undefined ? null : String(window.__debriefRan)",
        vec![],
    )?;
    assert_eq!(ran, serde_json::Value::Null, "a payload ran: {ran}");
    let elements_after = session.execute(
        "return document.querySelectorAll('script, img, iframe, object, embed').length",
        vec![],
    )?;
    assert_eq!(elements_after, elements_before, "the text made elements");
    let links = session.execute(
        "return Array.from(document.querySelectorAll('a[href]')).filter(a => a.href.startsWith('javascript:')).length",
        vec![],
    )?;
    assert_eq!(links, serde_json::json!(0));
    session.end()?;
    Ok(())
}
