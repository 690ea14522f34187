use super::*;
use crate::testing::{at, full_report};
use crate::ErrorCode;

fn temp_store() -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("debrief.db");
    let store = Store::open(&path, at(9, 0)).unwrap();
    (dir, path, store)
}

#[test]
fn a_new_database_is_at_the_latest_version_with_wal() {
    let (_dir, _path, store) = temp_store();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let mode: String = store
        .connection()
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let foreign_keys: i64 = store
        .connection()
        .query_row("PRAGMA foreign_keys", [], |row| row.get(0))
        .unwrap();
    assert_eq!(foreign_keys, 1);
    let synchronous: i64 = store
        .connection()
        .query_row("PRAGMA synchronous", [], |row| row.get(0))
        .unwrap();
    assert_eq!(synchronous, 2, "FULL");
}

#[test]
fn a_full_report_survives_a_save_and_a_reopen() {
    let (_dir, path, store) = temp_store();
    let stored = store.insert(&full_report(), at(10, 0)).unwrap();
    assert_eq!(stored.revision, 1);
    drop(store);
    let store = Store::open(&path, at(11, 0)).unwrap();
    let loaded = store.get(stored.id).unwrap();
    assert_eq!(loaded, stored);
    let list = store.list().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].owner.as_deref(), Some("Ana Lima"));
    assert_eq!(list[0].services, vec!["checkout", "session-cache"]);
}

/// The child rows each save deleted, by table, counted by temporary triggers on the store's own
/// connection.
fn count_rewrites(store: &Store) {
    let connection = store.connection();
    connection
        .execute_batch(
            "CREATE TEMP TABLE rewritten (tab TEXT NOT NULL);
             CREATE TEMP TRIGGER timeline_rewritten AFTER DELETE ON main.timeline_entries
               BEGIN INSERT INTO rewritten VALUES ('timeline_entries'); END;
             CREATE TEMP TRIGGER actions_rewritten AFTER DELETE ON main.action_items
               BEGIN INSERT INTO rewritten VALUES ('action_items'); END;
             CREATE TEMP TRIGGER dismissals_rewritten AFTER DELETE ON main.hint_dismissals
               BEGIN INSERT INTO rewritten VALUES ('hint_dismissals'); END;",
        )
        .unwrap();
}

fn rewritten(store: &Store) -> Vec<String> {
    let connection = store.connection();
    let tables = connection
        .prepare("SELECT DISTINCT tab FROM rewritten ORDER BY tab")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<rusqlite::Result<Vec<String>>>()
        .unwrap();
    connection.execute("DELETE FROM rewritten", []).unwrap();
    tables
}

#[test]
fn a_save_rewrites_only_the_lists_it_changes() {
    let store = Store::open_in_memory().unwrap();
    let report = store.insert(&full_report(), at(10, 0)).unwrap();
    assert!(!report.timeline.is_empty() && !report.action_items.is_empty());
    assert!(!report.glossary.is_empty() && !report.dismissals.is_empty());
    count_rewrites(&store);

    let mut edited = report.clone();
    edited.title.push_str(" (edited)");
    let saved = store.save(&edited, at(10, 1)).unwrap();
    assert_eq!(
        rewritten(&store),
        Vec::<String>::new(),
        "a new title rewrites no list"
    );

    let mut edited = saved.clone();
    edited.timeline[0].description.push_str(" Later confirmed.");
    let saved = store.save(&edited, at(10, 2)).unwrap();
    assert_eq!(rewritten(&store), ["timeline_entries"]);

    let mut edited = saved.clone();
    edited.action_items.pop();
    edited.glossary.pop();
    let saved = store.save(&edited, at(10, 3)).unwrap();
    // Dismissals are rewritten with the glossary (they may name its entries).
    assert_eq!(rewritten(&store), ["action_items", "hint_dismissals"]);
    assert_eq!(store.get(saved.id).unwrap(), saved, "every list as saved");
}

#[test]
fn saves_bump_the_revision_and_stale_saves_conflict_without_writing() {
    let store = Store::open_in_memory().unwrap();
    let created = store.create("First title", "UTC", at(9, 0)).unwrap();
    let mut edit = created.clone();
    edit.title = "Second title".into();
    let saved = store.save(&edit, at(9, 1)).unwrap();
    assert_eq!(saved.revision, created.revision + 1);
    assert_eq!(saved.updated_at, at(9, 1));

    let mut stale = created.clone();
    stale.title = "Lost update".into();
    let error = store.save(&stale, at(9, 2)).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Conflict);
    assert_eq!(store.get(created.id).unwrap().title, "Second title");
}

#[test]
fn invalid_reports_are_refused_and_nothing_is_written() {
    let store = Store::open_in_memory().unwrap();
    let created = store.create("Title", "UTC", at(9, 0)).unwrap();
    let mut edit = created.clone();
    edit.title = "  ".into();
    assert_eq!(
        store.save(&edit, at(9, 1)).unwrap_err().code(),
        ErrorCode::Invalid
    );
    assert_eq!(store.get(created.id).unwrap(), created);
    assert_eq!(
        store.create("", "UTC", at(9, 0)).unwrap_err().code(),
        ErrorCode::Invalid
    );
    assert_eq!(store.list().unwrap().len(), 1);
}

#[test]
fn the_search_index_follows_every_write() {
    let store = Store::open_in_memory().unwrap();
    let report = store.insert(&full_report(), at(10, 0)).unwrap();
    assert_eq!(store.search("eviction").unwrap().len(), 1);
    assert_eq!(store.search("evic").unwrap().len(), 1, "prefix match");
    assert_eq!(
        store.search("Checkout latency").unwrap()[0].report.id,
        report.id
    );

    let mut edit = report.clone();
    edit.timeline.clear();
    edit.summary = "rewritten".into();
    store.save(&edit, at(10, 5)).unwrap();
    assert!(store.search("eviction").unwrap().is_empty());
    assert_eq!(store.search("rewritten").unwrap().len(), 1);

    store.delete(report.id).unwrap();
    assert!(store.search("rewritten").unwrap().is_empty());
    assert_eq!(count_rows(&store, "postmortem_search"), 0);
    assert_eq!(count_rows(&store, "timeline_entries"), 0);
    assert!(store.check().unwrap().is_healthy());
}

#[test]
fn search_treats_fts_syntax_as_words() {
    let store = Store::open_in_memory().unwrap();
    store.insert(&full_report(), at(10, 0)).unwrap();
    for query in [
        "\"",
        "AND OR NOT",
        "title:*",
        "(",
        "-",
        "NEAR(a b)",
        "'",
        "",
    ] {
        assert!(store.search(query).is_ok(), "{query}");
    }
}

#[test]
fn check_reports_a_healthy_database() {
    let (_dir, _path, store) = temp_store();
    store.insert(&full_report(), at(10, 0)).unwrap();
    let report = store.check().unwrap();
    assert!(report.is_healthy(), "{report:?}");
    assert_eq!(report.schema_version, LATEST_VERSION);
}

#[test]
fn check_finds_a_missing_search_row() {
    let store = Store::open_in_memory().unwrap();
    store.insert(&full_report(), at(10, 0)).unwrap();
    store
        .connection()
        .execute("DELETE FROM postmortem_search", [])
        .unwrap();
    assert_eq!(store.check().unwrap().search_index.len(), 1);
}

#[test]
fn a_backup_is_a_complete_standalone_copy() {
    let (dir, _path, store) = temp_store();
    let report = store.insert(&full_report(), at(10, 0)).unwrap();
    let copy = dir.path().join("copy.db");
    store.backup_to(&copy).unwrap();
    let restored = Store::open(&copy, at(11, 0)).unwrap();
    assert_eq!(restored.get(report.id).unwrap(), report);
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

fn assert_refused_untouched(path: &Path, expected: &str) {
    let before = bytes(path);
    let error = match Store::open(path, at(9, 0)) {
        Ok(_) => panic!("{} was opened", path.display()),
        Err(error) => error,
    };
    assert_eq!(error.code(), ErrorCode::Database);
    let message = error.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains(expected), "{message}");
    assert_eq!(bytes(path), before, "the file was changed");
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    assert!(!wal.exists(), "a WAL file was created");
}

#[test]
fn a_missing_directory_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope").join("debrief.db");
    let error = Store::open(&path, at(9, 0)).err().unwrap();
    assert!(error.to_string().contains("does not exist"), "{error}");
    assert!(!path.parent().unwrap().exists());
}

#[test]
fn garbage_and_foreign_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "these are my notes, not a database\n".repeat(100)).unwrap();
    assert_refused_untouched(&text, "not SQLite");

    let garbage = dir.path().join("garbage.db");
    let mut noise = b"SQLite format 3\0".to_vec();
    noise.extend((0..8192u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    std::fs::write(&garbage, &noise).unwrap();
    let before = bytes(&garbage);
    assert!(Store::open(&garbage, at(9, 0)).is_err());
    assert_eq!(bytes(&garbage), before);

    let foreign = dir.path().join("foreign.db");
    {
        let connection = Connection::open(&foreign).unwrap();
        connection
            .execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');")
            .unwrap();
    }
    assert_refused_untouched(&foreign, "another program");
}

#[test]
fn a_truncated_database_is_refused_untouched() {
    let (dir, path, store) = temp_store();
    for n in 0..50 {
        let mut report = full_report();
        report.summary = format!("{n} {}", "long text ".repeat(200));
        store.insert(&report, at(10, 0)).unwrap();
    }
    drop(store);
    let whole = bytes(&path);
    assert!(whole.len() > 3 * 4096);
    let cut = dir.path().join("cut.db");
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    assert_refused_untouched(&cut, "truncated");
    let header_only = dir.path().join("header.db");
    std::fs::write(&header_only, &whole[..60]).unwrap();
    assert_refused_untouched(&header_only, "truncated");
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let (_dir, path, store) = temp_store();
    store
        .connection()
        .pragma_update(None, "user_version", LATEST_VERSION + 1)
        .unwrap();
    drop(store);
    assert_refused_untouched(&path, "newer version");
}

#[test]
fn migrations_run_in_order_and_back_up_an_older_database_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    // A database at version 0 with no tables is a new one: migrated without a backup.
    let store = Store::open(&path, at(9, 0)).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    drop(store);
    let backups = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".bak"))
            .count()
    };
    assert_eq!(backups(), 0);

    // Every released version opens at the latest one; older ones are backed up first.
    for version in 1..=LATEST_VERSION {
        let path = dir.path().join(format!("v{version}.db"));
        let connection = Connection::open(&path).unwrap();
        for sql in &migrations::MIGRATIONS[..version as usize] {
            connection.execute_batch(sql).unwrap();
        }
        connection
            .pragma_update(None, "user_version", version)
            .unwrap();
        drop(connection);
        let before = backups();
        let store = Store::open(&path, at(9, 0)).unwrap();
        assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
        let expected = if version < LATEST_VERSION { 1 } else { 0 };
        assert_eq!(backups(), before + expected);
        assert!(store.check().unwrap().is_healthy());
    }
    let _ = Connection::open_in_memory().map(|mut c| migrations::migrate(&mut c).unwrap());
}

#[test]
fn the_backup_before_a_migration_holds_the_old_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("debrief.db");
    let store = Store::open(&path, at(9, 0)).unwrap();
    let report = store.insert(&full_report(), at(10, 0)).unwrap();
    drop(store);
    let backup = backup_before_migration(&path, 1, at(12, 0)).unwrap();
    assert!(backup
        .to_string_lossy()
        .ends_with(".v1-20261120T120000Z.bak"));
    let copy = Store::open(&backup, at(12, 0)).unwrap();
    assert_eq!(copy.get(report.id).unwrap(), report);
}

#[test]
fn hint_settings_are_saved_and_checked() {
    use crate::hints::{HintSeverity, RuleSetting, RuleSettings};
    let store = Store::open_in_memory().unwrap();
    assert_eq!(store.hint_settings().unwrap(), RuleSettings::default());
    let mut settings = RuleSettings::default();
    settings.rules.insert(
        "outage".into(),
        RuleSetting {
            enabled: Some(false),
            severity: Some(HintSeverity::Error),
        },
    );
    store.set_hint_settings(&settings).unwrap();
    assert_eq!(store.hint_settings().unwrap(), settings);
    settings
        .rules
        .insert("made-up".into(), RuleSetting::default());
    assert_eq!(
        store.set_hint_settings(&settings).unwrap_err().code(),
        ErrorCode::Invalid
    );
}

#[test]
fn a_duplicate_is_a_new_draft_with_the_same_content() {
    let store = Store::open_in_memory().unwrap();
    let original = store.insert(&full_report(), at(10, 0)).unwrap();
    let copy = store.duplicate(original.id, at(11, 0)).unwrap();
    assert_ne!(copy.id, original.id);
    assert_eq!(copy.revision, 1);
    assert_eq!(copy.status, crate::model::Status::Draft);
    assert_eq!(copy.title, format!("{} (copy)", original.title));
    assert_eq!(copy.created_at, at(11, 0));
    assert_eq!(copy.timeline, original.timeline);
    assert_eq!(copy.dismissals, original.dismissals);
    assert_eq!(store.list().unwrap().len(), 2);
    assert_eq!(store.get(copy.id).unwrap(), copy);
    assert_eq!(
        store.search("rollback").unwrap().len(),
        2,
        "both hold the text"
    );
    assert_eq!(store.search("copy").unwrap().len(), 1);
    assert_eq!(
        store
            .duplicate(PostmortemId::new(at(0, 0)), at(11, 0))
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
}

#[test]
fn a_deleted_report_is_restored_with_its_id_and_is_found_again() {
    let store = Store::open_in_memory().unwrap();
    let stored = store.insert(&full_report(), at(10, 0)).unwrap();
    store.delete(stored.id).unwrap();
    assert!(store.search("checkout").unwrap().is_empty());

    let restored = store.restore(&stored).unwrap();
    assert_eq!(restored, stored);
    assert_eq!(store.get(stored.id).unwrap(), stored);
    assert_eq!(store.search("checkout").unwrap().len(), 1);
    assert!(store.check().unwrap().is_healthy());

    // Saving continues from the restored revision.
    let mut edit = restored.clone();
    edit.summary = "Restored and edited.".into();
    assert_eq!(
        store.save(&edit, at(12, 0)).unwrap().revision,
        stored.revision + 1
    );

    let error = store.restore(&stored).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Invalid);
    assert_eq!(
        store.get(stored.id).unwrap().summary,
        "Restored and edited."
    );
}
