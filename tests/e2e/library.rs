//! The library: reports listed with their facts, search as you type, filters, a new report that
//! is there after a restart, duplicate, and delete with confirmation and undo.

use crate::harness::*;
use crate::samples;
use crate::webdriver::{poll, Result};

#[test]
fn a_new_report_is_saved_as_typed_and_is_there_after_a_restart() -> Result<()> {
    let fixture = Fixture::new();
    let driver = start_driver(&fixture.database)?;
    let title = "Checkout errors after the payment provider rotated its certificate";

    // First run: create a report and give it a title.
    let session = driver.new_session(&fixture.app)?;
    assert!(
        !driver.processes_running(&fixture.app).is_empty(),
        "the app runs in the driver's process group, where the test can watch it exit"
    );
    wait_until_ready(&session)?;
    click(&session, "[data-testid=new-report]")?;
    let title_input = wait_for_selected_title(&session)?;
    assert_eq!(value_of(&session, &title_input)?, "Untitled postmortem");
    // The title is selected: typing replaces it.
    session.send_keys(&title_input, title)?;

    // "Saved" means the save came back from the store; the library shows the new title.
    poll(STEP_TIMEOUT, "the title to be saved", || {
        let status = session.find("[data-testid=save-status]")?;
        Ok(
            session.attribute(&status, "data-state")?.as_deref() == Some("saved")
                && session.text(&status)? == "Saved",
        )
    })?;
    click(&session, "[data-testid=back-to-library]")?;
    poll(STEP_TIMEOUT, "the new title in the library", || {
        Ok(listed_titles(&session)? == [title])
    })?;
    session.end()?;
    driver.wait_for_exit(&fixture.app, STEP_TIMEOUT)?;

    // Second run on the same database: the report is listed, and search finds it.
    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;
    poll(STEP_TIMEOUT, "the saved report to be listed", || {
        Ok(listed_titles(&session)? == [title])
    })?;
    type_into(&session, "[data-testid=search-input]", "certif")?;
    poll(STEP_TIMEOUT, "the search to find the report", || {
        Ok(!session
            .find_all("[data-testid=report-item] mark")?
            .is_empty())
    })?;
    assert_eq!(listed_titles(&session)?, [title]);
    session.end()?;
    driver.wait_for_exit(&fixture.app, STEP_TIMEOUT)?;
    Ok(())
}

#[test]
fn the_library_filters_searches_duplicates_and_deletes_with_undo() -> Result<()> {
    let fixture = Fixture::new();
    let mut reports = samples::others();
    reports.insert(0, samples::checkout_latency());
    samples::store_all(&fixture.database, reports);
    let driver = start_driver(&fixture.database)?;
    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;
    poll(STEP_TIMEOUT, "the five reports", || {
        Ok(listed_titles(&session)?.len() == 5)
    })?;

    // Each row shows its facts.
    let row = session.find("[data-testid=report-item]")?;
    let text = session.text(&row)?;
    for fact in ["Checkout latency", "Draft", "SEV2", "2026", "Ana Lima"] {
        assert!(text.contains(fact), "{fact} in {text}");
    }
    session.wait_for("[data-testid=report-item-score]", STEP_TIMEOUT)?;

    // Filters by status, severity, service and tag.
    choose(&session, "[data-testid=filter-status]", "closed")?;
    poll(STEP_TIMEOUT, "the closed reports", || {
        Ok(listed_titles(&session)?.len() == 2)
    })?;
    choose(&session, "[data-testid=filter-severity]", "sev1")?;
    poll(STEP_TIMEOUT, "the closed SEV1 report", || {
        Ok(listed_titles(&session)?
            == ["Partner API refused connections after a certificate expired"])
    })?;
    click(&session, "[data-testid=clear-filters]")?;
    choose(&session, "[data-testid=filter-service]", "search")?;
    poll(STEP_TIMEOUT, "the search service's report", || {
        Ok(listed_titles(&session)? == ["Search index rebuild filled the disks of two nodes"])
    })?;
    click(&session, "[data-testid=clear-filters]")?;
    choose(&session, "[data-testid=filter-tag]", "sso")?;
    poll(STEP_TIMEOUT, "the report tagged sso", || {
        Ok(listed_titles(&session)?.len() == 1)
    })?;
    click(&session, "[data-testid=clear-filters]")?;

    // Full-text search as you type, over every section.
    type_into(&session, "[data-testid=search-input]", "rollback")?;
    poll(STEP_TIMEOUT, "the search results", || {
        Ok(listed_titles(&session)? == ["Checkout latency after a cache configuration change"])
    })?;
    replace_text(&session, "[data-testid=search-input]", "")?;
    poll(STEP_TIMEOUT, "the whole list again", || {
        Ok(listed_titles(&session)?.len() == 5)
    })?;

    // Duplicate.
    let first = session.find("[data-testid=report-item]")?;
    click_in(&session, &first, "[data-testid=report-duplicate]")?;
    poll(STEP_TIMEOUT, "the copy", || {
        Ok(listed_titles(&session)?
            .iter()
            .any(|t| t == "Checkout latency after a cache configuration change (copy)"))
    })?;

    // Delete asks first, then can be undone.
    let victim = "Order confirmation e-mails delayed while the mail queue was paused";
    for row in session.find_all("[data-testid=report-item]")? {
        if session.text(&row)?.contains(victim) {
            click_in(&session, &row, "[data-testid=report-delete]")?;
            break;
        }
    }
    session.wait_for("[data-testid=delete-dialog][open]", STEP_TIMEOUT)?;
    assert!(
        listed_titles(&session)?.iter().any(|t| t == victim),
        "nothing is deleted yet"
    );
    click(&session, "[data-testid=confirm-delete]")?;
    poll(STEP_TIMEOUT, "the report to be deleted", || {
        Ok(!listed_titles(&session)?.iter().any(|t| t == victim))
    })?;
    click(&session, "[data-testid=toast-action]")?;
    poll(STEP_TIMEOUT, "the report to come back", || {
        Ok(listed_titles(&session)?.iter().any(|t| t == victim))
    })?;
    assert_eq!(listed_titles(&session)?.len(), 6);
    session.end()?;
    Ok(())
}

/// A library larger than a page: the first hundred rows, the count of all, the rest when the
/// end of the list is reached; a search and a filter count what they find in the whole library.
#[test]
fn a_large_library_is_shown_a_page_at_a_time() -> Result<()> {
    let fixture = Fixture::new();
    let reports: Vec<_> = (0..130)
        .map(|index| {
            let mut report = debrief_core::Postmortem::new(
                &format!("Queue stall number {index:03}"),
                "UTC",
                samples::at(1, 9, 0),
            );
            report.incident.started = Some(samples::at(1, 9, 0) + chrono::Duration::minutes(index));
            if index % 10 == 0 {
                report.services = vec!["billing".into()];
            }
            report
        })
        .collect();
    samples::store_all(&fixture.database, reports);
    let driver = start_driver(&fixture.database)?;
    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;
    wait_for_text(
        &session,
        "[data-testid=library-count]",
        "Showing 100 of 130 postmortems",
    )?;
    // The rows that fill the window come first; the rest of the page in the next frames.
    poll(STEP_TIMEOUT, "the whole first page of rows", || {
        Ok(listed_titles(&session)?.len() >= 100)
    })?;
    let titles = listed_titles(&session)?;
    assert_eq!(titles.len(), 100);
    assert_eq!(
        titles[0], "Queue stall number 129",
        "the latest incident first"
    );

    // Scrolling to the end of the list brings the rest.
    session.execute(
        "document.querySelector('[data-testid=show-more]').scrollIntoView()",
        vec![],
    )?;
    poll(STEP_TIMEOUT, "the second page", || {
        Ok(listed_titles(&session)?.len() == 130)
    })?;
    wait_for_text(&session, "[data-testid=library-count]", "130 postmortems")?;
    assert!(session.find_all("[data-testid=show-more]")?.is_empty());
    assert_eq!(
        listed_titles(&session)?.last().map(String::as_str),
        Some("Queue stall number 000")
    );

    choose(&session, "[data-testid=filter-service]", "billing")?;
    wait_for_text(
        &session,
        "[data-testid=library-count]",
        "13 of 130 postmortems found",
    )?;
    click(&session, "[data-testid=clear-filters]")?;
    type_into(&session, "[data-testid=search-input]", "stall")?;
    // A search comes 25 rows at a time (each with its snippet).
    wait_for_text(
        &session,
        "[data-testid=library-count]",
        "130 of 130 postmortems found, showing 25",
    )?;
    // The next 25 (or more, if the end of the list scrolled into view meanwhile). The button is
    // disabled while a page is on its way, so it is clicked again until the rows come.
    poll(STEP_TIMEOUT, "the next page of the search", || {
        if listed_titles(&session)?.len() >= 50 {
            return Ok(true);
        }
        if let Ok(more) = session.find("[data-testid=show-more]") {
            let _ = session.click(&more);
        }
        Ok(false)
    })?;
    session.end()?;
    Ok(())
}
