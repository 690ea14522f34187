//! A database written by the first released schema (version 1) opens in this version: it is
//! backed up first, then migrated, and every report, the search index and the history figures
//! still work on it.
//!
//! `fixtures/schema-1.db` was made by `debrief-cli` at schema version 1: three reports imported
//! from JSON (two sharing the services checkout and payments-gateway) and one new draft.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly at its first surprise"
)]

use chrono::{NaiveDate, TimeZone, Utc};
use debrief_core::history::{ActionFilter, TrendsQuery};
use debrief_core::store::{Store, LATEST_VERSION};
use debrief_core::ActionStatus;
use std::path::Path;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema-1.db");

fn version_and_reports(path: &Path) -> (i64, i64) {
    let connection =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let version = connection
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    let reports = connection
        .query_row("SELECT count(*) FROM postmortems", [], |row| row.get(0))
        .unwrap();
    (version, reports)
}

#[test]
fn a_version_1_database_is_backed_up_then_upgraded_with_everything_in_it() {
    assert_eq!(version_and_reports(Path::new(FIXTURE)), (1, 4));
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("library.db");
    std::fs::copy(FIXTURE, &path).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();

    let store = Store::open(&path, now).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let backup = folder.path().join("library.db.v1-20261127T090000Z.bak");
    assert_eq!(
        version_and_reports(&backup),
        (1, 4),
        "the backup holds the old version, whole"
    );

    let reports = store.list().unwrap();
    let titles: Vec<&str> = reports.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Draft: queue consumer restarts",
            "Checkout pool exhausted again during a sale",
            "Search results lagged behind the catalogue",
            "Checkout requests timed out after a connection pool change",
        ]
    );
    let first = store.get(reports[3].id).unwrap();
    assert_eq!(first.participants.len(), 3);
    assert_eq!(first.action_items.len(), 2);
    assert_eq!(first.services, ["checkout", "payments-gateway"]);
    assert!(store.check().unwrap().is_healthy());
    assert_eq!(store.search("pool").unwrap().len(), 3);

    // The history works on the upgraded data.
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let actions = store.action_items(&ActionFilter::default(), today).unwrap();
    assert_eq!((actions.total, actions.overdue), (6, 2));
    let trends = store.trends(&TrendsQuery::default(), today).unwrap();
    assert_eq!(trends.reports, 4);
    assert_eq!(trends.services[0].name, "checkout");
    assert_eq!(trends.services[0].reports, 2);
    let related = store.related_incidents(reports[1].id, 5).unwrap();
    assert_eq!(related[0].report.id, reports[3].id, "{related:#?}");

    // And a write after the upgrade is kept across a reopen.
    let tracked = &actions.items[0];
    let change = debrief_core::history::ActionStatusChange {
        report_id: tracked.report_id,
        revision: tracked.report_revision,
        item_id: tracked.item.id,
        status: ActionStatus::Done,
        reason: String::new(),
    };
    store.set_action_status(&change, now).unwrap();
    drop(store);
    let store = Store::open(&path, now).unwrap();
    let actions = store.action_items(&ActionFilter::default(), today).unwrap();
    assert_eq!(actions.overdue, 1);
    assert!(store.check().unwrap().is_healthy());
}
