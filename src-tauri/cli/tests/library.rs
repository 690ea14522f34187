//! The commands' happy paths, run through the real binary on a private database each.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly at its first surprise"
)]

mod common;

use common::*;
use predicates::prelude::*;
use serde_json::Value;

#[test]
fn new_prints_only_the_id_and_the_report_is_listed() {
    let workspace = Workspace::new();
    let id = workspace.new_report("Login page returned errors");
    let reports = workspace.list_json();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0]["id"], id.as_str());
    assert_eq!(reports[0]["title"], "Login page returned errors");
    assert_eq!(reports[0]["status"], "draft");
    assert_eq!(reports[0]["revision"], 1);
}

#[test]
fn new_uses_the_time_zone_given() {
    let workspace = Workspace::new();
    let id = workspace.run(&[
        "new",
        "--title",
        "Queue backlog",
        "--time-zone",
        "Asia/Tokyo",
    ]);
    let report = workspace.show_json(single_id(&id).as_str());
    assert_eq!(report["timeZone"], "Asia/Tokyo");
}

#[test]
fn the_database_can_be_named_by_the_environment() {
    let workspace = Workspace::new();
    let output = workspace
        .bare()
        .env("DEBRIEF_DB", &workspace.db)
        .args(["new", "--title", "From the environment"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let id = single_id(&String::from_utf8(output.stdout).unwrap());
    assert!(workspace.db.is_file());
    assert_eq!(workspace.list_json()[0]["id"], id.as_str());
}

#[test]
fn the_default_database_lives_in_the_data_folder_which_is_created_on_first_write() {
    let workspace = Workspace::new();
    let default = workspace.path("data").join("debrief").join("debrief.db");

    // Reading an empty library creates nothing.
    workspace
        .bare()
        .args(["list", "--json"])
        .assert()
        .success()
        .stdout("[]\n");
    assert!(!workspace.path("data").exists());

    workspace
        .bare()
        .args(["new", "--title", "Default location"])
        .assert()
        .success();
    assert!(default.is_file(), "no database at {}", default.display());
}

#[test]
fn an_empty_environment_variable_counts_as_unset() {
    let workspace = Workspace::new();
    workspace
        .bare()
        .env("DEBRIEF_DB", "")
        .args(["new", "--title", "Default location"])
        .assert()
        .success();
    assert!(workspace
        .path("data")
        .join("debrief")
        .join("debrief.db")
        .is_file());
}

#[test]
fn reading_commands_never_create_a_database() {
    let workspace = Workspace::new();
    workspace.cli().args(["list"]).assert().success().stdout("");
    workspace
        .cli()
        .args(["list", "--json"])
        .assert()
        .success()
        .stdout("[]\n");
    workspace
        .cli()
        .args(["search", "anything", "--json"])
        .assert()
        .success()
        .stdout("[]\n");
    workspace
        .cli()
        .args(["show", "0193a0c4-5b7e-7c3d-9f10-2b4c6d8e0f12"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("run `debrief-cli list`"));
    assert_eq!(file_names(workspace.folder()), Vec::<String>::new());
}

#[test]
fn list_prints_an_aligned_table() {
    let workspace = Workspace::new();
    let draft = workspace.new_report("Draft without dates");
    let imported = workspace.import_fixture();
    let table = workspace.run(&["list"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(lines[0].starts_with("ID"), "{table}");
    let title_column = lines[0].find("TITLE").unwrap();
    for line in &lines[1..] {
        assert!(line.len() > title_column, "{table}");
    }
    let imported_line = lines
        .iter()
        .find(|line| line.starts_with(&imported))
        .unwrap();
    assert!(imported_line.contains("in_review"), "{table}");
    assert!(imported_line.contains("sev2"), "{table}");
    // The incident started at 14:02 in Berlin on 1 March.
    assert!(imported_line.contains("2026-03-01"), "{table}");
    assert_eq!(
        &imported_line[title_column..],
        "Checkout requests timed out after a connection pool change"
    );
    let draft_line = lines.iter().find(|line| line.starts_with(&draft)).unwrap();
    assert_eq!(&draft_line[title_column..], "Draft without dates");
}

#[test]
fn show_prints_the_report_as_readable_text() {
    let workspace = Workspace::new();
    let id = workspace.import_fixture();
    let text = workspace.run(&["show", &id]);
    assert!(text.contains("Checkout requests timed out"), "{text}");
    assert!(text.contains("Ingrid Okafor"), "{text}");
    assert!(
        text.contains("Add an alert on connection pool wait time"),
        "{text}"
    );
}

#[test]
fn show_does_not_pass_terminal_control_sequences_through() {
    let workspace = Workspace::new();
    let id = workspace.new_report("Title with \u{1b}]0;owned\u{7} escape");
    let shown = workspace.run(&["show", &id]);
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
    let listed = workspace.run(&["list"]);
    assert!(!listed.contains('\u{1b}'), "{listed:?}");
    // The JSON keeps the exact title, escaped.
    assert_eq!(
        workspace.show_json(&id)["title"],
        "Title with \u{1b}]0;owned\u{7} escape"
    );
}

#[test]
fn show_json_imports_back_as_the_same_report() {
    let workspace = Workspace::new();
    let original = workspace.import_fixture();
    let json = workspace.run(&["show", &original, "--json"]);
    let exported = workspace.path("report.json");
    std::fs::write(&exported, &json).unwrap();

    let copy = single_id(&workspace.run(&["import", exported.to_str().unwrap()]));
    assert_ne!(copy, original);
    let before: Value = serde_json::from_str(&json).unwrap();
    let after = workspace.show_json(&copy);
    assert_eq!(after["id"], copy.as_str());
    assert_eq!(after["revision"], 1);
    assert_eq!(without_identity(after), without_identity(before));
}

#[test]
fn the_fixture_is_stored_as_written() {
    let workspace = Workspace::new();
    let id = workspace.import_fixture();
    let fixture: Value = serde_json::from_str(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap();
    assert_eq!(
        without_identity(workspace.show_json(&id)),
        without_identity(fixture)
    );
}

#[test]
fn import_reads_standard_input() {
    let workspace = Workspace::new();
    let id = single_id(
        &String::from_utf8(
            workspace
                .cli()
                .args(["import", "-"])
                .pipe_stdin(FIXTURE)
                .unwrap()
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap(),
    );
    assert_eq!(
        workspace.show_json(&id)["title"],
        "Checkout requests timed out after a connection pool change"
    );
}

#[test]
fn the_internal_markdown_export_imports_back_as_the_same_report() {
    let workspace = Workspace::new();
    let original = workspace.import_fixture();
    let markdown = workspace.path("internal.md");
    workspace.run(&[
        "export",
        &original,
        "--audience",
        "internal",
        "--format",
        "md",
        "-o",
        markdown.to_str().unwrap(),
    ]);
    let copy = single_id(&workspace.run(&["import", markdown.to_str().unwrap()]));
    assert_eq!(
        by_content(workspace.show_json(&copy)),
        by_content(workspace.show_json(&original))
    );
}

#[test]
fn a_new_report_round_trips_through_markdown_too() {
    let workspace = Workspace::new();
    let original = workspace.new_report("Nearly empty");
    let markdown = workspace.run(&["export", &original, "--audience", "internal"]);
    let copy = single_id(
        &String::from_utf8(
            workspace
                .cli()
                .args(["import", "-"])
                .write_stdin(markdown)
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap(),
    );
    assert_eq!(
        by_content(workspace.show_json(&copy)),
        by_content(workspace.show_json(&original))
    );
}

#[test]
fn the_internal_export_holds_everything() {
    let workspace = Workspace::new();
    let id = workspace.import_fixture();
    let text = workspace.run(&["export", &id, "--audience", "internal", "--format", "md"]);
    for expected in [
        "Checkout requests timed out after a connection pool change",
        "Ingrid Okafor",
        "The checkout error-rate alert fires.",
        "No alert watches pool saturation",
        "Add an alert on connection pool wait time above 500 ms",
        "Connection pool",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} is missing from:\n{text}"
        );
    }
}

#[test]
fn the_external_export_holds_the_customer_message_and_no_participant() {
    let workspace = Workspace::new();
    let id = workspace.import_fixture();
    let text = workspace.run(&["export", &id, "--audience", "external", "--format", "md"]);
    assert!(text.contains("Checkout requests timed out after a connection pool change"));
    assert!(text.contains("On 1 March some checkouts failed for a little over an hour."));
    assert!(text.contains("We restored the earlier setting"));
    for name in PARTICIPANT_NAMES {
        assert!(
            !text.contains(name),
            "{name} appears in the external export:\n{text}"
        );
    }
    for internal in [
        "OPS-1234",
        "No alert watches pool saturation",
        "example.com/releases",
    ] {
        assert!(
            !text.contains(internal),
            "{internal} appears in the external export:\n{text}"
        );
    }
}

#[test]
fn export_to_a_file_writes_what_standard_output_shows() {
    let workspace = Workspace::new();
    let id = workspace.import_fixture();
    for audience in ["internal", "external"] {
        let printed = workspace.run(&["export", &id, "--audience", audience]);
        let file = workspace.path(&format!("{audience}.md"));
        let args = [
            "export",
            &id,
            "--audience",
            audience,
            "-o",
            file.to_str().unwrap(),
        ];
        workspace.cli().args(args).assert().success().stdout("");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), printed);
    }
    // An existing file is replaced only with --force, and no temporary file is left behind.
    let file = workspace.path("internal.md");
    std::fs::write(&file, "old content").unwrap();
    let args = [
        "export",
        &id,
        "--audience",
        "internal",
        "-o",
        file.to_str().unwrap(),
    ];
    workspace
        .cli()
        .args(args)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(file.to_str().unwrap()))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "old content");
    workspace.cli().args(args).arg("--force").assert().success();
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .contains("Checkout requests"));
    assert_eq!(
        file_names(workspace.folder()),
        ["external.md", "internal.md", "library.db"]
    );
}

/// The text of a PDF, as a reader's copy and paste would give it, without white space (so that
/// line and page breaks do not matter).
fn pdf_text(pdf: &[u8]) -> String {
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    pdf_extract::extract_text_from_mem(pdf)
        .unwrap_or_else(|e| panic!("unreadable PDF: {e}"))
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn both_audiences_export_as_pdf() {
    let workspace = Workspace::new();
    let id = workspace.import_fixture();
    let internal = workspace.path("internal.pdf");
    let external = workspace.path("external.pdf");
    for (audience, file) in [("internal", &internal), ("external", &external)] {
        workspace
            .cli()
            .args([
                "export",
                &id,
                "--audience",
                audience,
                "--format",
                "pdf",
                "-o",
            ])
            .arg(file)
            .assert()
            .success()
            .stdout("");
    }

    let text = pdf_text(&std::fs::read(&internal).unwrap());
    for expected in [
        "Checkout requests timed out after a connection pool change",
        "Ingrid Okafor",
        "No alert watches pool saturation",
        "INTERNAL · For the team: not for customers",
    ] {
        assert!(
            text.contains(&squeezed(expected)),
            "{expected:?} is missing"
        );
    }

    let text = pdf_text(&std::fs::read(&external).unwrap());
    assert!(text.contains(&squeezed("We restored the earlier setting")));
    assert!(text.contains(&squeezed("EXTERNAL · Written for customers")));
    for internal in PARTICIPANT_NAMES
        .into_iter()
        .chain(["OPS-1234", "No alert watches pool saturation"])
    {
        assert!(
            !text.contains(&squeezed(internal)),
            "{internal} appears in the external PDF"
        );
    }

    // `-o -` sends the PDF to standard output, for a pipe.
    let piped = workspace
        .cli()
        .args([
            "export",
            &id,
            "--audience",
            "external",
            "--format",
            "pdf",
            "-o",
            "-",
        ])
        .output()
        .unwrap();
    assert!(piped.status.success());
    assert_eq!(
        pdf_text(&piped.stdout),
        pdf_text(&std::fs::read(&external).unwrap())
    );
}

#[test]
fn search_finds_reports_by_their_text() {
    let workspace = Workspace::new();
    let id = workspace.import_fixture();
    workspace.new_report("Unrelated disk alert");

    let text = workspace.run(&["search", "saturation"]);
    assert!(text.starts_with(&id), "{text}");
    assert!(text.contains("Checkout requests timed out"), "{text}");
    assert!(text.to_lowercase().contains("[saturation]"), "{text}");

    let hits: Value = serde_json::from_str(&workspace.run(&["search", "satur", "--json"])).unwrap();
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["report"]["id"], id.as_str());
    assert!(hits[0]["snippet"].as_str().unwrap().contains('['));

    workspace
        .cli()
        .args(["search", "nothing-like-this"])
        .assert()
        .success()
        .stdout("");
    // Search syntax in the query is taken as plain words.
    workspace
        .cli()
        .args(["search", "pool\" OR \"x", "--json"])
        .assert()
        .success();
}

#[test]
fn backup_copies_every_report_to_a_standalone_file() {
    let workspace = Workspace::new();
    workspace.import_fixture();
    workspace.new_report("Second report");
    let backup = workspace.path("backup.db");
    workspace
        .cli()
        .args(["backup", "-o", backup.to_str().unwrap()])
        .assert()
        .success();
    assert!(!workspace.path("backup.db-wal").exists());

    let restored = Workspace::new();
    std::fs::copy(&backup, &restored.db).unwrap();
    assert_eq!(restored.list_json(), workspace.list_json());
    restored.cli().arg("check").assert().success();
}

#[test]
fn backup_refuses_to_replace_a_file_unless_forced() {
    let workspace = Workspace::new();
    workspace.new_report("Worth keeping");
    let target = workspace.path("backup.db");
    std::fs::write(&target, b"an older backup").unwrap();

    workspace
        .cli()
        .args(["backup", "-o", target.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(target.to_str().unwrap()))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read(&target).unwrap(), b"an older backup");

    workspace
        .cli()
        .args(["backup", "-o", target.to_str().unwrap(), "--force"])
        .assert()
        .success();
    let restored = Workspace::new();
    std::fs::copy(&target, &restored.db).unwrap();
    assert_eq!(restored.list_json().len(), 1);
}

#[test]
fn backup_refuses_to_overwrite_the_database_itself() {
    let workspace = Workspace::new();
    workspace.new_report("Only copy");
    let before = std::fs::read(&workspace.db).unwrap();
    workspace
        .cli()
        .args(["backup", "--force", "-o", workspace.db.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the database itself"));
    assert_eq!(std::fs::read(&workspace.db).unwrap(), before);
}

#[test]
fn check_reports_a_healthy_database() {
    let workspace = Workspace::new();
    workspace.import_fixture();
    workspace
        .cli()
        .arg("check")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("healthy"));
    let report: Value = serde_json::from_str(&workspace.run(&["check", "--json"])).unwrap();
    assert_eq!(report["healthy"], true);
    assert!(report["schemaVersion"].as_i64().unwrap() >= 1);
    for list in ["integrity", "foreignKeys", "searchIndex"] {
        assert_eq!(report[list], Value::Array(Vec::new()), "{report}");
    }
    assert_eq!(report["database"], workspace.db.to_str().unwrap());
}

#[test]
fn check_exits_with_1_when_it_finds_problems() {
    let workspace = Workspace::new();
    let id = workspace.import_fixture();
    // Damage the database the way a bug could: a report loses its row in the search index.
    // This reaches into the core's schema on purpose; only `check` is under test here.
    let connection = rusqlite::Connection::open(&workspace.db).unwrap();
    let removed = connection
        .execute("DELETE FROM postmortem_search WHERE id = ?1", [&id])
        .unwrap();
    assert_eq!(removed, 1);
    drop(connection);

    workspace
        .cli()
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(id.as_str()));
    let output = workspace.cli().args(["check", "--json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["healthy"], false);
    assert_eq!(report["searchIndex"].as_array().unwrap().len(), 1);
}

#[test]
fn check_and_backup_need_an_existing_database() {
    let workspace = Workspace::new();
    for args in [vec!["check"], vec!["backup", "-o", "copy.db"]] {
        workspace
            .cli()
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(workspace.db.to_str().unwrap()));
    }
    assert_eq!(file_names(workspace.folder()), Vec::<String>::new());
}

#[test]
fn each_command_documents_its_json_output() {
    let workspace = Workspace::new();
    let expectations: [(&str, &[&str]); 4] = [
        (
            "list",
            &[
                "id",
                "title",
                "status",
                "severity",
                "started",
                "timeZone",
                "updatedAt",
            ],
        ),
        ("search", &["report", "snippet"]),
        (
            "show",
            &[
                "participants",
                "timeline",
                "actionItems",
                "external",
                "import",
            ],
        ),
        (
            "check",
            &[
                "healthy",
                "schemaVersion",
                "integrity",
                "foreignKeys",
                "searchIndex",
            ],
        ),
    ];
    for (command, fields) in expectations {
        let help = String::from_utf8(
            workspace
                .bare()
                .args([command, "--help"])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap();
        assert!(help.contains("--json"), "{command} --help:\n{help}");
        for field in fields {
            assert!(
                help.contains(field),
                "{command} --help does not mention {field}:\n{help}"
            );
        }
    }
    let help = String::from_utf8(workspace.bare().arg("--help").output().unwrap().stdout).unwrap();
    assert!(help.contains("DEBRIEF_DB"), "{help}");
    assert!(help.contains("Exit status"), "{help}");
}
