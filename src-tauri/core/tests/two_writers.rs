//! Two windows or two processes on one library: both keep saving at the same time, and neither
//! ever sees "database is locked" (the busy timeout makes a writer wait its turn), nor loses a
//! save.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly at its first surprise"
)]

use chrono::{TimeZone, Utc};
use debrief_core::store::Store;

const SAVES: usize = 150;

#[test]
fn two_connections_saving_at_once_never_see_a_locked_database() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("library.db");
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();
    let ids: Vec<_> = {
        let store = Store::open(&path, now).unwrap();
        ["First window", "Second window"]
            .iter()
            .map(|title| store.create(title, "UTC", now).unwrap().id)
            .collect()
    };

    let writers: Vec<_> = ids
        .iter()
        .map(|&id| {
            let path = path.clone();
            std::thread::spawn(move || {
                // Each writer has its own connection, as another window or process would.
                let store = Store::open(&path, now).unwrap();
                let mut failures = Vec::new();
                for save in 0..SAVES {
                    let mut report = store.get(id).unwrap();
                    report.summary = format!("Save number {save}");
                    report.tags = vec![format!("tag-{save}")];
                    if let Err(error) = store.save(&report, now) {
                        failures.push(error.to_string());
                    }
                    // Readers run between the writes, as the library list does.
                    store.list().unwrap();
                }
                failures
            })
        })
        .collect();
    for writer in writers {
        let failures = writer.join().unwrap();
        assert!(failures.is_empty(), "saves failed: {failures:?}");
    }

    let store = Store::open(&path, now).unwrap();
    for id in ids {
        let report = store.get(id).unwrap();
        assert_eq!(report.summary, format!("Save number {}", SAVES - 1));
        assert_eq!(report.revision, SAVES as i64 + 1, "every save was kept");
    }
    assert!(store.check().unwrap().is_healthy());
}
