//! The glossary: a hint on a definition and its dismissal stay with their entry when another entry
//! is removed, in the window and in the stored report.

use crate::harness::*;
use crate::samples;
use crate::webdriver::{poll, Result};
use chrono::Utc;
use debrief_core::store::Store;
use debrief_core::*;

#[test]
fn a_dismissed_glossary_hint_stays_with_its_entry_when_an_entry_before_it_is_removed() -> Result<()>
{
    let fixture = Fixture::new();
    let now = samples::at(20, 9, 0);
    let mut report = Postmortem::new("Cache eviction change", "Europe/Berlin", now);
    report.glossary = vec![
        GlossaryEntry {
            id: GlossaryEntryId::new(now),
            term: "p95".into(),
            definition: "The time within which 95% of requests complete.".into(),
        },
        GlossaryEntry {
            id: GlossaryEntryId::new(now),
            term: "RCA".into(),
            definition: "What some teams call finding the root cause.".into(),
        },
    ];
    let stored = samples::store_all(&fixture.database, vec![report]);
    let id = stored[0].id;
    let rca = stored[0].glossary[1].id;
    let field = format!("glossary.{rca}.definition");

    let driver = start_driver(&fixture.database)?;
    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;
    open_report(&session, "Cache eviction change")?;
    go_to_step(&session, "glossary")?;
    let card = wait_for_hint(&session, "root-cause")?;
    assert_eq!(session.attribute(&card, "data-field")?, Some(field.clone()));
    click_in(&session, &card, "[data-testid=dismiss-hint]")?;
    let input = find_in(&session, &card, "[data-testid=dismiss-reason]")?;
    session.send_keys(&input, "The definition names the practice")?;
    click_in(&session, &card, "[data-testid=confirm-dismiss]")?;
    poll(STEP_TIMEOUT, "the hint to be dismissed", || {
        Ok(open_hints(&session)?.is_empty())
    })?;

    // The entry before it goes; the dismissal stays with the RCA entry, now the first.
    click(&session, "[data-testid=glossary-remove]")?;
    poll(STEP_TIMEOUT, "one glossary entry left", || {
        Ok(session.find_all("[data-testid=glossary-entry]")?.len() == 1)
    })?;
    wait_for_save_state(&session, "saved")?;
    let store = Store::open(&fixture.database, Utc::now()).expect("the database opens");
    poll(STEP_TIMEOUT, "the removal to be stored", || {
        Ok(store.get(id).expect("the report is stored").glossary.len() == 1)
    })?;
    let saved = store.get(id).expect("the report is stored");
    assert_eq!(saved.glossary[0].id, rca);
    assert_eq!(saved.dismissals.len(), 1);
    assert_eq!(saved.dismissals[0].field, field);
    assert!(open_hints(&session)?.is_empty(), "nothing came back");

    // A new term gets an id of its own, and its hint names it.
    click(&session, "[data-testid=add-term]")?;
    poll(STEP_TIMEOUT, "a second glossary entry", || {
        Ok(session.find_all("[data-testid=glossary-entry]")?.len() == 2)
    })?;
    let entries = session.find_all("[data-testid=glossary-entry]")?;
    let last = entries.last().expect("the new entry");
    let term = find_in(&session, last, "[data-testid=glossary-term]")?;
    session.send_keys(&term, "Cutover")?;
    let definition = find_in(&session, last, "textarea")?;
    session.send_keys(&definition, "The moment the outage began for everyone.")?;
    let card = wait_for_hint(&session, "outage")?;
    let new_field = session.attribute(&card, "data-field")?.unwrap_or_default();
    assert!(
        new_field.starts_with("glossary.") && new_field != field,
        "{new_field}"
    );
    wait_for_save_state(&session, "saved")?;
    poll(STEP_TIMEOUT, "the new entry to be stored", || {
        let stored = store.get(id).expect("the report is stored");
        Ok(stored
            .glossary
            .get(1)
            .is_some_and(|entry| format!("glossary.{}.definition", entry.id) == new_field))
    })?;
    session.end()?;
    Ok(())
}
