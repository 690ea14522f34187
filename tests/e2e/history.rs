//! Looking back: the action-item tracker marks an item done and won't do (with a reason) from the
//! list, and the store has the change.

use chrono::Utc;
use debrief_core::model::ActionStatus;
use debrief_core::store::Store;

use crate::harness::*;
use crate::samples;
use crate::webdriver::{poll, Result};

#[test]
fn history_the_tracker_marks_items_done_and_wont_do_with_a_reason() -> Result<()> {
    let fixture = Fixture::new();
    let mut reports = samples::others();
    reports.insert(0, samples::checkout_latency());
    let stored = samples::store_all(&fixture.database, reports);
    let report = stored[0].clone();
    let staged = report.action_items[0].id;
    let monitoring = report.action_items[1].id;

    let driver = start_driver(&fixture.database)?;
    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;
    click(&session, "[data-testid=show-actions]")?;
    let staged_row = format!("[data-testid=action-row][data-item-id='{staged}']");
    let monitoring_row = format!("[data-testid=action-row][data-item-id='{monitoring}']");
    let row = session.wait_for(&staged_row, STEP_TIMEOUT)?;
    assert!(session
        .text(&row)?
        .contains("Stage config rollouts one region at a time"));
    assert!(text_of(&session, "[data-testid=actions-count]")?.contains("action item"));

    // Done, from the list.
    click_in(&session, &row, "[data-testid=mark-done]")?;
    let store =
        Store::open(&fixture.database, Utc::now()).expect("the database opens a second time");
    poll(STEP_TIMEOUT, "the item stored as done", || {
        let saved = store.get(report.id).expect("the report is stored");
        Ok(saved
            .action_items
            .iter()
            .any(|item| item.id == staged && item.status == ActionStatus::Done))
    })?;
    poll(STEP_TIMEOUT, "the row shown as done", || {
        let Ok(row) = session.find(&staged_row) else {
            return Ok(false);
        };
        Ok(session.text(&find_in(&session, &row, "[data-testid=action-status]")?)? == "Done")
    })?;

    // Won't do asks for a reason and saves nothing without one.
    let row = session.wait_for(&monitoring_row, STEP_TIMEOUT)?;
    click_in(&session, &row, "[data-testid=mark-wont-do]")?;
    click(&session, "[data-testid=confirm-wont-do]")?;
    session.wait_for("[data-testid=wont-do-dialog] [role=alert]", STEP_TIMEOUT)?;
    let unchanged = store.get(report.id).expect("the report is stored");
    assert!(unchanged
        .action_items
        .iter()
        .any(|item| item.id == monitoring && item.status == ActionStatus::Proposed));
    type_into(
        &session,
        "[data-testid=wont-do-reason]",
        "  Another action item covers it  ",
    )?;
    click(&session, "[data-testid=confirm-wont-do]")?;
    poll(
        STEP_TIMEOUT,
        "the item stored as won't do with its reason",
        || {
            let saved = store.get(report.id).expect("the report is stored");
            Ok(saved.action_items.iter().any(|item| {
                item.id == monitoring
                    && item.status == ActionStatus::WontDo
                    && item.status_reason == "Another action item covers it"
            }))
        },
    )?;

    // Back to the library.
    click(&session, "[data-testid=close-actions]")?;
    session.wait_for("[data-testid=library]", STEP_TIMEOUT)?;
    session.end()?;
    driver.wait_for_exit(&fixture.app, STEP_TIMEOUT)?;
    Ok(())
}
