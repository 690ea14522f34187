//! Bad input: database files that must be refused without a byte changed, files that must not be
//! imported, and mistakes on the command line. Each gives a clear message and a non-zero status,
//! and writes nothing.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly at its first surprise"
)]

mod common;

use common::*;
use predicates::prelude::*;
use rand::{Rng, SeedableRng};
use std::path::Path;

/// Status for a database file that cannot be used.
const DATABASE: i32 = 3;
/// Status for a mistake in the command or its input.
const INPUT: i32 = 2;

/// A real database written by the CLI, with a few reports in it.
fn real_database(workspace: &Workspace) -> Vec<u8> {
    workspace.import_fixture();
    workspace.new_report("Second");
    workspace.new_report("Third");
    std::fs::read(&workspace.db).unwrap()
}

fn seeded_bytes(seed: u64, length: usize) -> Vec<u8> {
    let mut random = rand::rngs::StdRng::seed_from_u64(seed);
    (0..length).map(|_| random.random()).collect()
}

/// Runs every command that opens the database against `file` and checks that each one refuses it
/// with a message naming it, and that the file and its folder are exactly as they were.
fn assert_refused(file: &Path, expected_message: &str) {
    let folder = file.parent().unwrap();
    let bytes_before = std::fs::read(file).unwrap();
    let files_before = file_names(folder);
    let backup = folder.join("refused-backup.db");
    let export = folder.join("refused-export.md");
    let commands: [&[&str]; 8] = [
        &["list"],
        &["list", "--json"],
        &["new", "--title", "Must not be written"],
        &["import", FIXTURE],
        &["search", "pool"],
        &["check"],
        &["backup", "-o", backup.to_str().unwrap()],
        &[
            "export",
            "0193a0c4-5b7e-7c3d-9f10-2b4c6d8e0f12",
            "--audience",
            "internal",
            "-o",
            export.to_str().unwrap(),
        ],
    ];
    for args in commands {
        let workspace = Workspace::new();
        let output = workspace
            .bare()
            .arg("--db")
            .arg(file)
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(DATABASE),
            "{args:?} on {}: {stderr}",
            file.display()
        );
        assert!(
            output.stdout.is_empty(),
            "{args:?} printed {:?}",
            output.stdout
        );
        assert!(
            stderr.starts_with("debrief-cli: ") && stderr.contains(file.to_str().unwrap()),
            "{args:?}: the message does not name the file: {stderr}"
        );
        assert!(
            stderr.contains(expected_message),
            "{args:?}: expected {expected_message:?} in: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            std::fs::read(file).unwrap() == bytes_before,
            "{args:?} changed {}",
            file.display()
        );
        assert_eq!(
            file_names(folder),
            files_before,
            "{args:?} left files behind"
        );
    }
}

#[test]
fn a_database_path_in_a_missing_folder_is_refused_and_the_folder_not_created() {
    let workspace = Workspace::new();
    let missing = workspace.path("no-such-folder").join("library.db");
    for args in [
        &["new", "--title", "x"][..],
        &["import", FIXTURE],
        &["list"],
        &["check"],
    ] {
        workspace
            .bare()
            .arg("--db")
            .arg(&missing)
            .args(args)
            .assert()
            .code(DATABASE)
            .stderr(predicate::str::starts_with("debrief-cli: "))
            .stderr(predicate::str::contains(missing.to_str().unwrap()))
            .stderr(predicate::str::contains("does not exist"));
        // The same through the environment.
        workspace
            .bare()
            .env("DEBRIEF_DB", &missing)
            .args(args)
            .assert()
            .code(DATABASE)
            .stderr(predicate::str::contains(missing.to_str().unwrap()));
    }
    assert!(!workspace.path("no-such-folder").exists());
}

#[test]
fn a_text_file_is_not_taken_for_a_database() {
    let workspace = Workspace::new();
    let file = workspace.path("notes.db");
    std::fs::write(
        &file,
        "Shopping list\n- milk\n- a new pager battery\n".repeat(20),
    )
    .unwrap();
    assert_refused(&file, "not a Debrief database");
}

#[test]
fn a_garbage_file_is_refused() {
    let workspace = Workspace::new();
    let file = workspace.path("garbage.db");
    std::fs::write(&file, seeded_bytes(7, 16 * 1024)).unwrap();
    assert_refused(&file, "not a Debrief database");
}

#[test]
fn a_truncated_database_is_refused() {
    let source = Workspace::new();
    let mut bytes = real_database(&source);
    assert!(
        bytes.len() >= 3 * 4096,
        "the database is unexpectedly small"
    );
    bytes.truncate(bytes.len() / 2);

    let workspace = Workspace::new();
    let file = workspace.path("truncated.db");
    std::fs::write(&file, &bytes).unwrap();
    assert_refused(&file, "truncated");

    // Cut inside the 100-byte header, too.
    let file = workspace.path("stub.db");
    std::fs::write(&file, &bytes[..60]).unwrap();
    assert_refused(&file, "truncated");
}

/// A file with a real database's header and garbage after it, as after damage on disk.
fn scrambled_database(file: &Path, wal_mode: bool) {
    let source = Workspace::new();
    let real = real_database(&source);
    let mut bytes = seeded_bytes(11, real.len());
    bytes[..100].copy_from_slice(&real[..100]);
    // Bytes 18 and 19 of the header say whether the file is in WAL mode (2) or not (1).
    let mode = if wal_mode { 2 } else { 1 };
    bytes[18] = mode;
    bytes[19] = mode;
    std::fs::write(file, &bytes).unwrap();
}

#[test]
fn a_database_with_a_valid_header_and_garbage_after_it_is_refused() {
    let workspace = Workspace::new();
    let file = workspace.path("scrambled.db");
    scrambled_database(&file, false);
    assert_refused(&file, "left unchanged");
}

#[test]
fn another_programs_sqlite_file_is_refused() {
    let workspace = Workspace::new();
    let file = workspace.path("other.sqlite");
    let connection = rusqlite::Connection::open(&file).unwrap();
    connection
        .execute_batch("CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('a');")
        .unwrap();
    drop(connection);
    assert_refused(&file, "another program");
}

/// Writes a copy of a real database whose schema version is beyond what this build knows, in the
/// given journal mode.
fn newer_database(file: &Path, journal_mode: &str) {
    let source = Workspace::new();
    std::fs::write(file, real_database(&source)).unwrap();
    let connection = rusqlite::Connection::open(file).unwrap();
    connection
        .pragma_update_and_check(None, "journal_mode", journal_mode, |_| Ok(()))
        .unwrap();
    connection.pragma_update(None, "user_version", 999).unwrap();
    drop(connection);
    assert_eq!(
        file_names(file.parent().unwrap()),
        [file.file_name().unwrap().to_str().unwrap()]
    );
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let workspace = Workspace::new();
    let file = workspace.path("newer.db");
    newer_database(&file, "DELETE");
    assert_refused(&file, "newer version");
}

#[test]
fn a_refused_wal_mode_database_gets_no_side_files() {
    let workspace = Workspace::new();
    let file = workspace.path("newer.db");
    newer_database(&file, "WAL");
    assert_refused(&file, "newer version");

    let workspace = Workspace::new();
    let file = workspace.path("scrambled.db");
    scrambled_database(&file, true);
    assert_refused(&file, "left unchanged");
}

#[test]
fn an_empty_import_file_is_refused() {
    let workspace = Workspace::new();
    let file = workspace.path("empty.md");
    std::fs::write(&file, "").unwrap();
    assert_not_imported(&workspace, &file, "empty");
}

/// Imports `file` into a fresh database and checks that it is refused, with a message that names
/// it, and that no database was even created.
fn assert_not_imported(workspace: &Workspace, file: &Path, expected_message: &str) {
    workspace
        .cli()
        .arg("import")
        .arg(file)
        .assert()
        .code(INPUT)
        .stdout("")
        .stderr(predicate::str::starts_with("debrief-cli: "))
        .stderr(predicate::str::contains(file.to_str().unwrap()))
        .stderr(predicate::str::contains(expected_message));
    assert!(
        !workspace.db.exists(),
        "a database was created for a failed import"
    );
    assert!(workspace.list_json().is_empty());
}

#[test]
fn a_binary_file_is_not_imported() {
    let workspace = Workspace::new();
    let file = workspace.path("screenshot.png");
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend(seeded_bytes(3, 4096));
    std::fs::write(&file, bytes).unwrap();
    assert_not_imported(&workspace, &file, "not imported");

    // Valid UTF-8 that is still not text: NUL bytes and other control characters.
    let file = workspace.path("dump.bin");
    std::fs::write(&file, "\0\u{1}\u{2}\u{3}title\0\0".repeat(100)).unwrap();
    assert_not_imported(&workspace, &file, "binary");
}

#[test]
fn a_file_that_is_not_utf8_is_not_imported() {
    let workspace = Workspace::new();
    let file = workspace.path("latin1.md");
    std::fs::write(&file, b"# Panne du caf\xe9\n\nLe r\xe9seau est tomb\xe9.\n").unwrap();
    assert_not_imported(&workspace, &file, "UTF-8");
}

#[test]
fn json_of_the_wrong_shape_is_not_imported() {
    let workspace = Workspace::new();
    let fixture: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap();
    let mut missing_field = fixture.clone();
    missing_field.as_object_mut().unwrap().remove("status");
    let mut wrong_type = fixture.clone();
    wrong_type["participants"] = serde_json::json!("Ingrid, Tomasz");
    let mut unknown_word = fixture;
    unknown_word["status"] = serde_json::json!("finished");

    let cases = [
        ("title-is-a-number.json", r#"{"title": 3}"#.to_string()),
        ("array.json", "[1, 2, 3]".to_string()),
        ("string.json", r#""just a string""#.to_string()),
        ("missing-field.json", missing_field.to_string()),
        ("wrong-type.json", wrong_type.to_string()),
        ("unknown-status.json", unknown_word.to_string()),
        ("cut-short.json", r#"{"title": "Half a rep"#.to_string()),
    ];
    for (name, text) in cases {
        let file = workspace.path(name);
        std::fs::write(&file, text).unwrap();
        assert_not_imported(&workspace, &file, "not imported");
    }
}

#[test]
fn a_report_that_breaks_the_rules_is_not_imported() {
    let workspace = Workspace::new();
    let mut report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap();
    report["title"] = serde_json::json!("   ");
    let file = workspace.path("untitled.json");
    std::fs::write(&file, report.to_string()).unwrap();
    assert_not_imported(&workspace, &file, "title");
}

#[test]
fn a_missing_import_file_is_named() {
    let workspace = Workspace::new();
    let file = workspace.path("does-not-exist.md");
    assert_not_imported(&workspace, &file, "check the path");
}

#[test]
fn a_bad_import_from_standard_input_is_refused() {
    let workspace = Workspace::new();
    workspace
        .cli()
        .args(["import", "-"])
        .write_stdin(vec![0xff, 0xfe, 0x00, 0x41])
        .assert()
        .code(INPUT)
        .stderr(predicate::str::contains("standard input"));
    assert!(!workspace.db.exists());
}

#[test]
fn a_failed_import_leaves_an_existing_library_as_it_was() {
    let workspace = Workspace::new();
    workspace.new_report("Already here");
    let before = workspace.list_json();
    let file = workspace.path("bad.json");
    std::fs::write(&file, "[]").unwrap();
    workspace
        .cli()
        .arg("import")
        .arg(&file)
        .assert()
        .code(INPUT);
    assert_eq!(workspace.list_json(), before);
}

#[test]
fn an_invalid_new_report_creates_no_database() {
    let workspace = Workspace::new();
    workspace
        .cli()
        .args(["new", "--title", "   "])
        .assert()
        .code(INPUT)
        .stderr(predicate::str::contains("title"));
    workspace
        .cli()
        .args(["new", "--title", "Fine", "--time-zone", "Mars/Olympus_Mons"])
        .assert()
        .code(INPUT)
        .stderr(predicate::str::contains("Mars/Olympus_Mons"));
    assert!(!workspace.db.exists());
}

#[test]
fn unknown_and_malformed_ids_are_input_errors() {
    let workspace = Workspace::new();
    workspace.new_report("Present");
    for args in [
        &["show", "not-an-id"][..],
        &["show", "0193a0c4-5b7e-7c3d-9f10-2b4c6d8e0f12"],
        &["export", "not-an-id", "--audience", "external"],
        &[
            "export",
            "0193a0c4-5b7e-7c3d-9f10-2b4c6d8e0f12",
            "--audience",
            "external",
        ],
    ] {
        workspace
            .cli()
            .args(args)
            .assert()
            .code(INPUT)
            .stdout("")
            .stderr(predicate::str::starts_with("debrief-cli: "));
    }
}

#[test]
fn a_failed_export_writes_no_file() {
    let workspace = Workspace::new();
    let id = workspace.import_fixture();
    // A PDF is never printed on a terminal: it needs a file (or `-o -` for a pipe).
    workspace
        .cli()
        .args(["export", &id, "--audience", "internal", "--format", "pdf"])
        .assert()
        .code(INPUT)
        .stdout("")
        .stderr(predicate::str::contains("-o FILE"));

    let nowhere = workspace.path("missing-folder").join("report.md");
    workspace
        .cli()
        .args(["export", &id, "--audience", "internal", "-o"])
        .arg(&nowhere)
        .assert()
        .code(INPUT)
        .stderr(predicate::str::contains(nowhere.to_str().unwrap()));
    assert!(!workspace.path("missing-folder").exists());

    let unknown = workspace.path("unknown.md");
    workspace
        .cli()
        .args([
            "export",
            "0193a0c4-5b7e-7c3d-9f10-2b4c6d8e0f12",
            "--audience",
            "internal",
            "-o",
        ])
        .arg(&unknown)
        .assert()
        .code(INPUT);
    assert!(!unknown.exists());
    assert_eq!(file_names(workspace.folder()), ["library.db"]);
}

#[test]
fn usage_errors_exit_with_2_and_say_what_to_do() {
    let workspace = Workspace::new();
    for args in [
        &["frobnicate"][..],
        &["new"],
        &["export", "0193a0c4-5b7e-7c3d-9f10-2b4c6d8e0f12"],
        &[
            "export",
            "0193a0c4-5b7e-7c3d-9f10-2b4c6d8e0f12",
            "--audience",
            "everyone",
        ],
        &["backup"],
    ] {
        workspace
            .cli()
            .args(args)
            .assert()
            .code(INPUT)
            .stdout("")
            .stderr(predicate::str::starts_with("debrief-cli: "))
            .stderr(predicate::str::contains("--help"));
    }
    assert!(!workspace.db.exists());
    workspace.bare().arg("--help").assert().success();
    workspace.bare().arg("--version").assert().success();
}
