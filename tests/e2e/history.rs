//! Looking back: the action-item tracker marks an item done and won't do (with a reason) from the
//! list, and the store has the change; the trends cover the period chosen; the similar past
//! incidents of the open report follow what is saved.

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
        // The custom period's date fields, and the message of a period that ends before it starts.
        choose(&session, "[data-testid=trends-preset]", "custom")?;
        set_date(&session, "[data-testid=trends-from]", "2026-10-31")?;
        set_date(&session, "[data-testid=trends-to]", "2026-09-01")?;
        click(&session, "[data-testid=trends-apply]")?;
        session.wait_for("[data-testid=trends-period-problem]", STEP_TIMEOUT)?;
        found.extend(problems(&session, &format!("{theme} trends period"))?);
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
        // The editor is built anew for the other report: an element found a moment ago may be
        // gone by the time it is read, so it is looked up on every try.
        let Ok(editor) = session.find("[data-testid=editor]") else {
            return Ok(false);
        };
        Ok(session
            .attribute(&editor, "data-report-id")
            .ok()
            .flatten()
            .as_deref()
            == Some(stored[1].id.to_string().as_str()))
    })?;
    go_to_step(&session, "questions")?;
    session.wait_for("[data-testid=related-empty]", STEP_TIMEOUT)?;
    session.end()?;
    driver.wait_for_exit(&fixture.app, STEP_TIMEOUT)?;
    Ok(())
}

/// Puts a day in a date field and tells the page, as the field does when a day is picked from its
/// calendar (the calendar itself is drawn by the toolkit, out of the page's reach). Returns the
/// field's value afterwards.
fn set_date(session: &crate::webdriver::Session<'_>, css: &str, day: &str) -> Result<String> {
    session.wait_for(css, STEP_TIMEOUT)?;
    let value = session.execute(
        "const input = document.querySelector(arguments[0]);\
         const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;\
         setter.call(input, arguments[1]);\
         input.dispatchEvent(new Event('input', { bubbles: true }));\
         input.dispatchEvent(new Event('change', { bubbles: true }));\
         return input.value;",
        vec![serde_json::json!(css), serde_json::json!(day)],
    )?;
    Ok(value.as_str().unwrap_or_default().to_string())
}

#[test]
fn history_the_trends_cover_the_chosen_period_and_keep_it() -> Result<()> {
    let fixture = Fixture::new();
    let mut reports = samples::others();
    reports.insert(0, samples::checkout_latency());
    let stored = samples::store_all(&fixture.database, reports);
    assert_eq!(stored.len(), 5);
    // Two of them started in September and October 2026: the mail queue and the search index.
    let (autumn, rest): (Vec<&debrief_core::Postmortem>, Vec<_>) =
        stored.iter().partition(|report| {
            report.incident.started.is_some_and(|started| {
                let day = started.date_naive().to_string();
                ("2026-09-01".."2026-11-01").contains(&day.as_str())
            })
        });
    assert_eq!((autumn.len(), rest.len()), (2, 3));

    let driver = start_driver(&fixture.database)?;
    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;
    click(&session, "[data-testid=show-trends]")?;
    wait_for_text(
        &session,
        "[data-testid=trends-scope]",
        "Over 5 postmortems in the whole library",
    )?;
    let month_chart = |session: &crate::webdriver::Session<'_>| -> Result<String> {
        let charts = session.execute(CHARTS, Vec::new())?;
        Ok(charts[0][0].as_str().unwrap_or_default().to_string())
    };
    let service_rows = |session: &crate::webdriver::Session<'_>| -> Result<i64> {
        let charts = session.execute(CHARTS, Vec::new())?;
        Ok(charts[1][1].as_i64().unwrap_or(-1))
    };
    assert!(month_chart(&session)?.contains("5 incidents from Jul 2026 to Nov 2026"));
    assert_eq!(service_rows(&session)?, 6);

    // A first day after the last is refused, said so, and the trends stay as they were.
    choose(&session, "[data-testid=trends-preset]", "custom")?;
    assert_eq!(
        set_date(&session, "[data-testid=trends-from]", "2026-10-31")?,
        "2026-10-31"
    );
    assert_eq!(
        set_date(&session, "[data-testid=trends-to]", "2026-09-01")?,
        "2026-09-01"
    );
    click(&session, "[data-testid=trends-apply]")?;
    wait_for_text(
        &session,
        "[data-testid=trends-period-problem]",
        "The period starts on 31 Oct 2026, after its end on 1 Sep 2026",
    )?;
    let from = session.find("[data-testid=trends-from]")?;
    assert_eq!(
        session.attribute(&from, "aria-invalid")?.as_deref(),
        Some("true")
    );
    assert!(text_of(&session, "[data-testid=trends-scope]")?
        .contains("Over 5 postmortems in the whole library"));

    // September and October: two incidents, each with its own service.
    set_date(&session, "[data-testid=trends-from]", "2026-09-01")?;
    set_date(&session, "[data-testid=trends-to]", "2026-10-31")?;
    click(&session, "[data-testid=trends-apply]")?;
    wait_for_text(
        &session,
        "[data-testid=trends-scope]",
        "Over 2 postmortems from 1 Sep 2026 to 31 Oct 2026",
    )?;
    assert!(session
        .find_all("[data-testid=trends-period-problem]")?
        .is_empty());
    let months = month_chart(&session)?;
    assert!(
        months.contains("2 incidents from Sep 2026 to Oct 2026"),
        "{months}"
    );
    assert_eq!(service_rows(&session)?, 2);

    // The period is kept on the way to the action items and back.
    click(&session, "[data-testid=trends-to-actions]")?;
    session.wait_for("[data-testid=action-row]", STEP_TIMEOUT)?;
    click(&session, "[data-testid=actions-to-trends]")?;
    wait_for_text(
        &session,
        "[data-testid=trends-scope]",
        "Over 2 postmortems from 1 Sep 2026 to 31 Oct 2026",
    )?;
    let preset = session.find("[data-testid=trends-preset]")?;
    assert_eq!(
        session.property(&preset, "value")?,
        serde_json::json!("custom")
    );
    assert_eq!(
        value_of(&session, &session.find("[data-testid=trends-from]")?)?,
        "2026-09-01"
    );

    // A period with no incident says so and keeps the picker; all time brings every report back.
    set_date(&session, "[data-testid=trends-from]", "2026-01-01")?;
    set_date(&session, "[data-testid=trends-to]", "2026-01-31")?;
    click(&session, "[data-testid=trends-apply]")?;
    wait_for_text(
        &session,
        "[data-testid=trends-empty]",
        "No incident started from 1 Jan 2026 to 31 Jan 2026",
    )?;
    choose(&session, "[data-testid=trends-preset]", "all")?;
    wait_for_text(
        &session,
        "[data-testid=trends-scope]",
        "Over 5 postmortems in the whole library",
    )?;
    assert_eq!(service_rows(&session)?, 6);
    session.end()?;
    driver.wait_for_exit(&fixture.app, STEP_TIMEOUT)?;
    Ok(())
}

#[test]
fn history_similar_incidents_follow_the_saved_services_of_the_open_report() -> Result<()> {
    let fixture = Fixture::new();
    let mut reports = samples::others();
    reports.insert(0, samples::checkout_latency());
    let stored = samples::store_all(&fixture.database, reports);
    let search = "Search index rebuild filled the disks of two nodes";
    assert!(stored.iter().any(|report| report.title == search));

    let driver = start_driver(&fixture.database)?;
    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;
    open_report(&session, &stored[0].title)?;
    go_to_step(&session, "questions")?;
    poll(STEP_TIMEOUT, "the similar incidents looked for", || {
        Ok(!session.find_all("[data-testid=related-empty]")?.is_empty()
            || !session
                .find_all("[data-testid=related-incident]")?
                .is_empty())
    })?;
    let listed = |session: &crate::webdriver::Session<'_>| -> Result<Vec<String>> {
        let mut texts = Vec::new();
        for item in session.find_all("[data-testid=related-incident]")? {
            texts.push(session.text(&item)?);
        }
        Ok(texts)
    };
    assert!(
        !listed(&session)?.iter().any(|text| text.contains(search)),
        "no service in common yet: {:?}",
        listed(&session)?
    );

    // The questions step stays built while the basics are edited; its list follows the save.
    go_to_step(&session, "basics")?;
    replace_text(
        &session,
        "[data-testid=services-input]",
        "checkout, session-cache, search",
    )?;
    wait_for_save_state(&session, "saved")?;
    let store =
        Store::open(&fixture.database, Utc::now()).expect("the database opens a second time");
    let saved = store.get(stored[0].id).expect("the report is stored");
    assert_eq!(saved.services, ["checkout", "session-cache", "search"]);
    go_to_step(&session, "questions")?;
    poll(
        STEP_TIMEOUT,
        "the search incident listed with its reason",
        || {
            Ok(listed(&session)?
                .iter()
                .any(|text| text.contains(search) && text.contains("shares service search")))
        },
    )?;
    session.end()?;
    driver.wait_for_exit(&fixture.app, STEP_TIMEOUT)?;
    Ok(())
}
