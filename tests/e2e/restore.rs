//! The way out of a damaged library, in the real window: the screen lists the backups, a restore
//! asks first, keeps the damaged file, and opens the restored library.

use crate::harness::*;
use chrono::Utc;
use debrief_core::store::{list_backups, BackupKind, Store};

#[test]
fn a_damaged_library_is_restored_from_a_backup_shown_on_the_error_screen(
) -> crate::webdriver::Result<()> {
    let _running = shared();
    let directory = tempfile::tempdir().expect("a temporary directory");
    let folder = directory.path().join("data");
    std::fs::create_dir(&folder).expect("the data folder is made");
    let database = folder.join("library.db");

    // Yesterday's daily copy holds one report; then the library file is damaged.
    {
        let store = Store::open(&database, Utc::now()).expect("a library");
        store
            .create("Queue backlog after a broker upgrade", "UTC", Utc::now())
            .expect("a report");
        store
            .daily_backup(Utc::now() - chrono::Duration::days(1))
            .expect("a copy")
            .expect("a copy is due");
    }
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", database.display()));
    }
    let damaged = b"these bytes replaced the header of the library".repeat(64);
    std::fs::write(&database, &damaged).expect("the damaged file is written");

    let app = app_binary();
    let driver = start_driver_in(&database, &directory.path().join("webview"), &[])?;
    let session = driver.new_session(&app)?;
    session.wait_for("[data-testid=startup-error-message]", START_TIMEOUT)?;
    session.wait_for("[data-testid=backup-row]", STEP_TIMEOUT)?;
    assert_eq!(session.find_all("[data-testid=backup-row]")?.len(), 1);
    assert!(
        std::fs::read(&database).expect("the file") == damaged,
        "nothing written yet"
    );

    click(&session, "[data-testid=backup-restore]")?;
    wait_for_text(
        &session,
        "[data-testid=restore-confirm]",
        "copied to the backups folder first",
    )?;
    click(&session, "[data-testid=restore-confirm-button]")?;

    // The library opens with the report of the backup, and says what happened.
    crate::webdriver::poll(STEP_TIMEOUT, "the restored report in the library", || {
        Ok(listed_titles(&session)? == ["Queue backlog after a broker upgrade"])
    })?;
    wait_for_text(&session, "[data-testid=toast]", "Restored 1 report")?;
    session.end()?;
    driver.wait_for_exit(&app, STEP_TIMEOUT)?;

    let kept: Vec<_> = list_backups(&database)
        .expect("the backups")
        .into_iter()
        .filter(|backup| backup.kind == BackupKind::BeforeRestore)
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        std::fs::read(&kept[0].path).expect("the kept copy"),
        damaged,
        "the damaged file is kept byte for byte"
    );
    Ok(())
}
