//! Live hints: underlines and the hints panel as the author types, a one-click rewrite, action
//! item checks, and a dismissal that is still there after a restart.

use crate::harness::*;
use crate::webdriver::{poll, Result, Session};

/// The underlined words in the field matching `css`.
fn underlined(session: &Session<'_>, css: &str) -> Result<Vec<String>> {
    session
        .find_all(&format!(".hinted:has({css}) .backdrop mark"))?
        .iter()
        .map(|mark| {
            // The backdrop's text is transparent, so WebDriver's visible text is empty.
            Ok(session
                .property(mark, "textContent")?
                .as_str()
                .unwrap_or_default()
                .to_string())
        })
        .collect()
}

#[test]
fn analysis_wording_gets_both_hints_and_a_suggestion_rewrites_it() -> Result<()> {
    let fixture = Fixture::new();
    let driver = start_driver(&fixture.database)?;
    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;
    new_report(&session, "Checkout latency")?;
    go_to_step(&session, "analysis")?;

    let monitoring = type_into(
        &session,
        "[data-testid=monitoring-input]",
        "the root cause was human error",
    )?;
    wait_for_hint(&session, "root-cause")?;
    wait_for_hint(&session, "human-error")?;
    poll(STEP_TIMEOUT, "both phrases to be underlined", || {
        Ok(
            underlined(&session, "[data-testid=monitoring-input]")?
                == ["root cause", "human error"],
        )
    })?;
    let hints = open_hints(&session)?;
    assert!(
        hints.contains(&("root-cause".into(), "monitoring".into())),
        "{hints:?}"
    );
    assert!(
        hints.contains(&("human-error".into(), "monitoring".into())),
        "{hints:?}"
    );

    // The rewrite of "root cause" is one click; "human error" gets advice instead.
    let root_cause = wait_for_hint(&session, "root-cause")?;
    click_in(&session, &root_cause, "[data-testid=apply-suggestion]")?;
    poll(STEP_TIMEOUT, "the suggestion to be applied", || {
        Ok(value_of(&session, &monitoring)? == "the contributing factor was human error")
    })?;
    poll(STEP_TIMEOUT, "the root-cause hint to go", || {
        let rules: Vec<String> = open_hints(&session)?
            .into_iter()
            .map(|(rule, _)| rule)
            .collect();
        Ok(rules == ["human-error"])
    })?;
    let human_error = wait_for_hint(&session, "human-error")?;
    assert!(find_in(&session, &human_error, "[data-testid=apply-suggestion]").is_err());
    assert!(session.text(&human_error)?.contains("Try:"));
    wait_for_save_state(&session, "saved")?;
    session.end()?;
    Ok(())
}

#[test]
fn the_action_item_be_more_careful_gets_its_hints() -> Result<()> {
    let fixture = Fixture::new();
    let driver = start_driver(&fixture.database)?;
    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;
    new_report(&session, "Firewall rule change")?;
    go_to_step(&session, "actionItems")?;

    type_into(
        &session,
        "[data-testid=new-action-input]",
        &format!("Be more careful{ENTER}"),
    )?;
    let row = session.wait_for("[data-testid=action-item]", STEP_TIMEOUT)?;
    let description = find_in(&session, &row, "[data-testid=action-description]")?;
    assert_eq!(value_of(&session, &description)?, "Be more careful");

    let hint = wait_for_hint(&session, "be-careful")?;
    let message = session.text(&hint)?;
    assert!(message.contains("try harder"), "{message}");
    let field = session.attribute(&hint, "data-field")?.unwrap_or_default();
    assert!(
        field.starts_with("actionItems.") && field.ends_with(".description"),
        "{field}"
    );
    poll(STEP_TIMEOUT, "the item to be underlined", || {
        Ok(underlined(&session, "[data-testid=action-description]")? == ["Be more careful"])
    })?;
    let step_count = text_of(
        &session,
        "[data-testid=step-actionItems] [data-testid=step-hint-count]",
    )?;
    assert!(step_count.starts_with('1'), "{step_count}");

    // Committing it without an owner or a date is a row hint of its own.
    choose(&session, "[data-testid=action-status]", "committed")?;
    wait_for_text(
        &session,
        "[data-testid=action-item-hints]",
        "has no owner or no due date",
    )?;
    wait_for_hint(&session, "committed-action-incomplete")?;
    session.end()?;
    Ok(())
}

#[test]
fn a_dismissed_hint_stays_dismissed_with_its_reason_after_a_restart() -> Result<()> {
    let fixture = Fixture::new();
    let driver = start_driver(&fixture.database)?;
    let reason = "We quote the vendor's incident report here";

    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;
    new_report(&session, "Vendor outage")?;
    go_to_step(&session, "analysis")?;
    type_into(
        &session,
        "[data-testid=monitoring-input]",
        "The vendor wrote that the root cause was human error.",
    )?;
    let card = wait_for_hint(&session, "human-error")?;
    click_in(&session, &card, "[data-testid=dismiss-hint]")?;
    let input = find_in(&session, &card, "[data-testid=dismiss-reason]")?;
    session.send_keys(&input, reason)?;
    click_in(&session, &card, "[data-testid=confirm-dismiss]")?;
    poll(STEP_TIMEOUT, "the hint to be dismissed", || {
        Ok(!open_hints(&session)?
            .iter()
            .any(|(rule, _)| rule == "human-error"))
    })?;
    wait_for_save_state(&session, "saved")?;
    session.end()?;
    driver.wait_for_exit(&fixture.app, STEP_TIMEOUT)?;

    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;
    open_report(&session, "Vendor outage")?;
    go_to_step(&session, "analysis")?;
    wait_for_hint(&session, "root-cause")?;
    assert!(!open_hints(&session)?
        .iter()
        .any(|(rule, _)| rule == "human-error"));
    click(&session, "[data-testid=dismissed-hints] summary")?;
    wait_for_text(&session, "[data-testid=hint-dismissed-reason]", reason)?;
    poll(STEP_TIMEOUT, "only the open hint to be underlined", || {
        Ok(underlined(&session, "[data-testid=monitoring-input]")? == ["root cause"])
    })?;
    session.end()?;
    Ok(())
}
