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

    // The filters: by owner, by kind, and back to everything.
    let rows = |session: &crate::webdriver::Session<'_>| -> Result<usize> {
        Ok(session.find_all("[data-testid=action-row]")?.len())
    };
    let all = rows(&session)?;
    assert!(all >= 2, "every sample report's items: {all}");
    choose(&session, "[data-testid=filter-owner]", "Platform team")?;
    poll(STEP_TIMEOUT, "the platform team's item alone", || {
        Ok(rows(&session)? == 1 && session.find(&staged_row).is_ok())
    })?;
    wait_for_text(&session, "[data-testid=actions-count]", "1 action item")?;
    choose(&session, "[data-testid=filter-owner]", "")?;
    choose(&session, "[data-testid=filter-kind]", "detect")?;
    poll(
        STEP_TIMEOUT,
        "no prevent item among the detect ones",
        || Ok(session.find_all(&staged_row)?.is_empty() && session.find(&monitoring_row).is_ok()),
    )?;
    choose(&session, "[data-testid=filter-kind]", "")?;
    poll(STEP_TIMEOUT, "every item again", || {
        Ok(rows(&session)? == all)
    })?;

    // Done, from the list.
    let row = session.find(&staged_row)?;
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

/// Unnamed controls and low-contrast text in the window as it is now.
fn problems(session: &crate::webdriver::Session<'_>, place: &str) -> Result<Vec<String>> {
    let mut found = Vec::new();
    for (check, script) in [
        ("no name", crate::accessibility::UNNAMED_CONTROLS),
        ("low contrast", crate::accessibility::LOW_CONTRAST),
    ] {
        let value = session.execute(script, Vec::new())?;
        for item in value.as_array().cloned().unwrap_or_default() {
            found.push(format!(
                "{place}: {check}: {}",
                item.as_str().unwrap_or_default()
            ));
        }
    }
    Ok(found)
}

/// Each chart's accessible name and the number of rows of its table, in page order.
const CHARTS: &str = "return [...document.querySelectorAll('figure')].map((figure) => {\
       const svg = figure.querySelector('svg[role=img]');\
       const name = svg ? svg.getAttribute('aria-labelledby').split(/\\s+/)\
         .map((id) => document.getElementById(id)?.textContent || '').join(' ').trim() : '';\
       const table = figure.querySelector('table');\
       return [name, table ? table.querySelectorAll('tbody tr').length : -1,\
         table?.querySelector('caption')?.textContent.trim() || ''];\
     });";

#[test]
fn history_the_trends_and_the_tracker_are_named_and_readable_in_both_themes() -> Result<()> {
    let fixture = Fixture::new();
    let mut reports = samples::others();
    reports.insert(0, samples::checkout_latency());
    let stored = samples::store_all(&fixture.database, reports);
    let services: std::collections::BTreeSet<&String> =
        stored.iter().flat_map(|report| &report.services).collect();

    let driver = start_driver(&fixture.database)?;
    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;
    click(&session, "[data-testid=show-trends]")?;
    session.wait_for("[data-testid=chart-months]", STEP_TIMEOUT)?;

    // Every chart has a name, a description, and its figures as a table.
    let charts = session.execute(CHARTS, Vec::new())?;
    let charts = charts.as_array().cloned().unwrap_or_default();
    assert_eq!(charts.len(), 4, "{charts:?}");
    for chart in &charts {
        let name = chart[0].as_str().unwrap_or_default();
        assert!(
            name.len() > 20,
            "a chart with a name and a description: {chart:?}"
        );
        assert!(
            !chart[2].as_str().unwrap_or_default().is_empty(),
            "{chart:?}"
        );
        assert!(chart[1].as_i64().unwrap_or(-1) > 0, "{chart:?}");
    }
    assert!(charts[0][0]
        .as_str()
        .unwrap_or_default()
        .contains(&format!("{} incidents", stored.len())));
    assert_eq!(charts[1][1].as_i64(), Some(services.len().min(10) as i64));
    assert_eq!(charts[2][1].as_i64(), Some(7), "every factor category");

    let mut found = Vec::new();
    for theme in ["light", "dark"] {
        if theme == "dark" {
            session.execute(crate::accessibility::FORCE_DARK, Vec::new())?;
        }
        session.wait_for("[data-testid=chart-months]", STEP_TIMEOUT)?;
        found.extend(problems(&session, &format!("{theme} trends"))?);
        click(&session, "[data-testid=trends-to-actions]")?;
        session.wait_for("[data-testid=action-row]", STEP_TIMEOUT)?;
        found.extend(problems(&session, &format!("{theme} actions"))?);
        click(&session, "[data-testid=mark-wont-do]")?;
        session.wait_for("[data-testid=wont-do-dialog][open]", STEP_TIMEOUT)?;
        found.extend(problems(&session, &format!("{theme} won't do dialog"))?);
        session.execute(
            "document.querySelector('dialog[open]').dispatchEvent(new Event('cancel', { cancelable: true })); return true;",
            Vec::new(),
        )?;
        click(&session, "[data-testid=actions-to-trends]")?;
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    session.end()?;
    driver.wait_for_exit(&fixture.app, STEP_TIMEOUT)?;
    Ok(())
}

#[test]
fn history_a_report_saved_elsewhere_is_a_conflict_that_refreshes_the_tracker() -> Result<()> {
    let fixture = Fixture::new();
    let stored = samples::store_all(&fixture.database, vec![samples::checkout_latency()]);
    let report = stored[0].clone();
    let staged = report.action_items[0].id;

    let driver = start_driver(&fixture.database)?;
    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;
    click(&session, "[data-testid=show-actions]")?;
    let staged_row = format!("[data-testid=action-row][data-item-id='{staged}']");
    let row = session.wait_for(&staged_row, STEP_TIMEOUT)?;

    // The report is saved elsewhere after the list was loaded.
    let store =
        Store::open(&fixture.database, Utc::now()).expect("the database opens a second time");
    let mut elsewhere = store.get(report.id).expect("the report is stored");
    elsewhere.title = "Checkout latency (edited elsewhere)".to_string();
    store.save(&elsewhere, Utc::now()).expect("the other save");

    // Done is refused, said so, and nothing is overwritten; the list shows the new state.
    click_in(&session, &row, "[data-testid=mark-done]")?;
    wait_for_text(
        &session,
        "[data-testid=actions-problem]",
        "changed since this list was loaded",
    )?;
    let unchanged = store.get(report.id).expect("the report is stored");
    assert_eq!(unchanged.title, "Checkout latency (edited elsewhere)");
    assert!(unchanged
        .action_items
        .iter()
        .any(|item| item.id == staged && item.status == ActionStatus::Committed));
    wait_for_text(&session, &staged_row, "Checkout latency (edited elsewhere)")?;

    // From the refreshed list, the same click works.
    let row = session.find(&staged_row)?;
    click_in(&session, &row, "[data-testid=mark-done]")?;
    poll(STEP_TIMEOUT, "the item stored as done", || {
        let saved = store.get(report.id).expect("the report is stored");
        Ok(saved.title == "Checkout latency (edited elsewhere)"
            && saved
                .action_items
                .iter()
                .any(|item| item.id == staged && item.status == ActionStatus::Done))
    })?;
    session.end()?;
    driver.wait_for_exit(&fixture.app, STEP_TIMEOUT)?;
    Ok(())
}

#[test]
fn history_the_questions_step_lists_a_similar_past_incident_that_opens() -> Result<()> {
    let fixture = Fixture::new();
    let current = samples::checkout_latency();
    // The same kind of incident, ten days earlier.
    let mut earlier = samples::checkout_latency();
    earlier.id = debrief_core::PostmortemId::new(samples::at(1, 9, 0));
    earlier.title = "Checkout slow after an earlier cache setting change".to_string();
    let shift = |time: Option<chrono::DateTime<Utc>>| time.map(|t| t - chrono::Duration::days(10));
    earlier.incident.started = shift(earlier.incident.started);
    earlier.incident.detected = shift(earlier.incident.detected);
    earlier.incident.mitigated = shift(earlier.incident.mitigated);
    earlier.incident.resolved = shift(earlier.incident.resolved);
    for entry in &mut earlier.timeline {
        entry.at -= chrono::Duration::days(10);
    }
    let stored = samples::store_all(&fixture.database, vec![current, earlier]);

    let driver = start_driver(&fixture.database)?;
    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;
    open_report(&session, &stored[0].title)?;
    go_to_step(&session, "questions")?;
    wait_for_text(
        &session,
        "[data-testid=related-incident]",
        "Checkout slow after an earlier cache setting change",
    )?;
    let item = session.find("[data-testid=related-incident]")?;
    assert!(
        session.text(&item)?.contains("shares services"),
        "the reason is shown: {}",
        session.text(&item)?
    );

    // The later report is not a past incident of the earlier one.
    click_in(&session, &item, "button")?;
    poll(STEP_TIMEOUT, "the earlier report open", || {
        let Ok(editor) = session.find("[data-testid=editor]") else {
            return Ok(false);
        };
        Ok(session.attribute(&editor, "data-report-id")?.as_deref()
            == Some(stored[1].id.to_string().as_str()))
    })?;
    go_to_step(&session, "questions")?;
    session.wait_for("[data-testid=related-empty]", STEP_TIMEOUT)?;
    session.end()?;
    driver.wait_for_exit(&fixture.app, STEP_TIMEOUT)?;
    Ok(())
}
