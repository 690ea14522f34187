//! `lint` and the external export's gate, through the real binary: the JSON contract, the
//! compiler-style lines, the exit statuses, the options that change what is flagged, the hints of
//! a stored report, and an external export that is refused while it would leak internal details.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly at its first surprise"
)]

mod common;

use common::*;
use predicates::prelude::*;
use serde_json::Value;
use std::process::Output;

/// Status when `lint` found hints.
const HINTS: i32 = 1;
/// Status for a mistake in the command or its input.
const INPUT: i32 = 2;

/// A text with hints on several lines, characters of several byte lengths before them, and a
/// Windows line end in the middle.
const NOTES: &str = "Ünïcödé first line, all calm ☕.\n\
                     東京: the outage lasted an hour.\r\n\
                     We should have known. Zoë wrote it up.\n";

impl Workspace {
    /// Runs `lint` with `args`, feeding `stdin` to it.
    fn lint(&self, args: &[&str], stdin: &str) -> Output {
        self.cli()
            .arg("lint")
            .args(args)
            .write_stdin(stdin)
            .output()
            .unwrap()
    }

    /// Runs `lint --json` and returns the hints, checking the status against them.
    fn lint_json(&self, args: &[&str], stdin: &str) -> Vec<Value> {
        let output = self.lint(&[&["--json"], args].concat(), stdin);
        let hints = json_array(&output);
        let open = hints.iter().filter(|h| h["dismissed"].is_null()).count();
        let expected = if open == 0 { 0 } else { HINTS };
        assert_eq!(
            output.status.code(),
            Some(expected),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        hints
    }

    /// Imports a report given as JSON and returns its id.
    fn import_json(&self, report: &Value) -> String {
        let file = self.path("report-to-import.json");
        std::fs::write(&file, serde_json::to_string_pretty(report).unwrap()).unwrap();
        single_id(&self.run(&["import", file.to_str().unwrap()]))
    }
}

fn json_array(output: &Output) -> Vec<Value> {
    let text = String::from_utf8(output.stdout.clone()).unwrap();
    match serde_json::from_str(&text) {
        Ok(Value::Array(items)) => items,
        other => panic!(
            "expected a JSON array, got {other:?} from {text:?}; stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        ),
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn rules(hints: &[Value]) -> Vec<&str> {
    hints.iter().map(|h| h["rule"].as_str().unwrap()).collect()
}

fn categories(hints: &[Value]) -> Vec<&str> {
    hints
        .iter()
        .map(|h| h["category"].as_str().unwrap())
        .collect()
}

/// 1-based line and column in characters of a byte offset, counted here independently of the
/// program.
fn place(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.split('\n').count();
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, column)
}

/// The fixture report as JSON, to be changed by a test and imported.
fn fixture() -> Value {
    serde_json::from_str(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap()
}

#[test]
fn the_json_holds_the_contract_fields_and_its_offsets_slice_the_input() {
    let workspace = Workspace::new();
    let hints = workspace.lint_json(&["--names", "Zoë"], NOTES);
    assert!(hints.len() >= 3, "{hints:#?}");
    let utf16: Vec<u16> = NOTES.encode_utf16().collect();
    for hint in &hints {
        for key in ["rule", "category", "severity", "message", "explanation"] {
            assert!(
                hint[key].as_str().is_some_and(|s| !s.is_empty()),
                "{key} is missing from {hint}"
            );
        }
        assert!(
            ["suggestion", "warning", "error"].contains(&hint["severity"].as_str().unwrap()),
            "{hint}"
        );
        assert!(
            hint["suggestion"].is_null() || hint["suggestion"].is_string(),
            "{hint}"
        );
        assert!(hint["dismissed"].is_null(), "{hint}");
        let start = hint["start"].as_u64().unwrap() as usize;
        let end = hint["end"].as_u64().unwrap() as usize;
        assert!(start < end && end <= NOTES.len(), "{hint}");
        // Byte offsets into exactly what was read, even after multi-byte characters.
        let matched = &NOTES.as_bytes()[start..end];
        assert_eq!(
            std::str::from_utf8(matched).unwrap(),
            hint["matched"].as_str().unwrap()
        );
        let start16 = hint["startUtf16"].as_u64().unwrap() as usize;
        let end16 = hint["endUtf16"].as_u64().unwrap() as usize;
        assert_eq!(
            String::from_utf16(&utf16[start16..end16]).unwrap(),
            hint["matched"].as_str().unwrap()
        );
    }
    let matched: Vec<&str> = hints
        .iter()
        .map(|h| h["matched"].as_str().unwrap())
        .collect();
    for expected in ["outage", "should have known", "Zoë"] {
        assert!(matched.contains(&expected), "{expected}: {matched:?}");
    }
}

#[test]
fn each_hint_is_a_compiler_style_line_at_its_line_and_character_column() {
    let workspace = Workspace::new();
    let file = workspace.path("notes.md");
    std::fs::write(&file, NOTES).unwrap();
    let path = file.to_str().unwrap();
    let hints = workspace.lint_json(&["--names", "Zoë", path], "");
    let output = workspace.lint(&["--names", "Zoë", path], "");
    assert_eq!(output.status.code(), Some(HINTS), "{}", stderr(&output));
    let text = stdout(&output);
    let first_lines: Vec<&str> = text.lines().filter(|l| !l.starts_with("  ")).collect();
    assert_eq!(first_lines.len(), hints.len(), "{text}");
    for (line, hint) in first_lines.iter().zip(&hints) {
        let (row, column) = place(NOTES, hint["start"].as_u64().unwrap() as usize);
        let expected = format!(
            "{path}:{row}:{column}: {} {}: {}",
            hint["severity"].as_str().unwrap(),
            hint["category"].as_str().unwrap(),
            hint["message"].as_str().unwrap()
        );
        assert_eq!(*line, expected);
    }
    // Columns count characters, not bytes: "東京: the " is 8 characters but 12 bytes.
    assert!(
        text.contains(&format!("{path}:2:9: warning outage: ")),
        "{text}"
    );
    assert!(
        text.contains(&format!("{path}:3:4: warning hindsight: ")),
        "{text}"
    );
    assert!(
        text.contains(&format!("{path}:3:23: warning naming: ")),
        "{text}"
    );
    // Every other line is an indented note on the hint above it.
    for line in text.lines().filter(|l| l.starts_with("  ")) {
        assert!(
            line.starts_with("  suggestion: ") || line.starts_with("  dismissed: "),
            "{line:?}"
        );
    }
    assert!(text.contains("\n  suggestion: "), "{text}");

    // The same text from standard input is named <stdin>; `-` and no FILE both mean it.
    for args in [&["-"][..], &[]] {
        let output = workspace.lint(args, NOTES);
        let text = stdout(&output);
        assert!(text.starts_with("<stdin>:"), "{text}");
        assert!(text.contains("<stdin>:2:9: warning outage: "), "{text}");
    }
}

#[test]
fn a_byte_order_mark_is_not_counted_as_a_column() {
    let workspace = Workspace::new();
    let output = workspace.lint(&[], "\u{FEFF}The outage was short.");
    assert!(
        stdout(&output).starts_with("<stdin>:1:5: warning outage: "),
        "{}",
        stdout(&output)
    );
    let hints = workspace.lint_json(&[], "\u{FEFF}The outage was short.");
    assert_eq!(
        hints[0]["start"], 7,
        "offsets still count the mark's 3 bytes"
    );
}

#[test]
fn the_exit_status_says_whether_there_were_hints() {
    let workspace = Workspace::new();
    let clean = workspace.lint(&[], "The connection pool ran out under the weekend peak.\n");
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    assert_eq!(stdout(&clean), "");
    assert_eq!(stderr(&clean), "");
    let clean_json = workspace.lint(&["--json"], "The pool ran out.\n");
    assert_eq!(clean_json.status.code(), Some(0));
    assert_eq!(json_array(&clean_json), Vec::<Value>::new());

    let found = workspace.lint(&[], "It was human error.\n");
    assert_eq!(found.status.code(), Some(HINTS));
    assert!(stdout(&found).contains("human-error"), "{}", stdout(&found));
    assert!(stderr(&found).contains("1 hint"), "{}", stderr(&found));
    // An empty text has nothing to flag.
    assert_eq!(workspace.lint(&[], "").status.code(), Some(0));
}

#[test]
fn a_wrong_command_line_or_unreadable_input_exits_with_2_and_says_why() {
    let workspace = Workspace::new();
    let binary = workspace.path("image.png");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap();
    let latin1 = workspace.path("latin1.md");
    std::fs::write(&latin1, b"The caf\xe9 was closed.\n").unwrap();
    let missing = workspace.path("missing.md");
    let folder = workspace.path("a-folder");
    std::fs::create_dir(&folder).unwrap();
    let cases: [(&[&str], &str); 8] = [
        (&["--section", "conclusions"], "conclusions"),
        (&["--section", "conclusions"], "action-items"),
        (&["--impact", "total"], "total"),
        (&[binary.to_str().unwrap()], "image.png"),
        (&[latin1.to_str().unwrap()], "latin1.md"),
        (&[missing.to_str().unwrap()], "missing.md"),
        (&[folder.to_str().unwrap()], "a-folder"),
        (&["--json", "one.md", "two.md"], "two.md"),
    ];
    for (args, expected) in cases {
        let output = workspace.lint(args, "");
        assert_eq!(output.status.code(), Some(INPUT), "{args:?}");
        assert_eq!(stdout(&output), "", "{args:?}");
        let message = stderr(&output);
        assert!(message.starts_with("debrief-cli: "), "{args:?}: {message}");
        assert!(message.contains(expected), "{args:?}: {message}");
    }
    let message = stderr(&workspace.lint(&[binary.to_str().unwrap()], ""));
    assert!(message.contains("binary"), "{message}");
    let message = stderr(&workspace.lint(&[latin1.to_str().unwrap()], ""));
    assert!(message.contains("UTF-8"), "{message}");
    let message = stderr(&workspace.lint(&[], "ok\u{0}\u{0}"));
    assert!(message.contains("standard input"), "{message}");
    // Nothing was created along the way.
    assert_eq!(
        file_names(workspace.folder()),
        ["a-folder", "image.png", "latin1.md"]
    );
}

#[test]
fn in_action_items_every_non_empty_line_is_one_item() {
    let workspace = Workspace::new();
    let items = "Improve monitoring\n\
                 \n\
                 Add an alert on connection pool wait time above 500 ms\r\n\
                 be more careful\n";
    let hints = workspace.lint_json(&["--section", "action-items"], items);
    let lines: Vec<usize> = hints
        .iter()
        .map(|h| place(items, h["start"].as_u64().unwrap() as usize).0)
        .collect();
    assert!(
        lines.contains(&1) && lines.contains(&4),
        "{lines:?}: {hints:#?}"
    );
    assert!(
        !lines.contains(&3),
        "a specific, actionable item is flagged: {hints:#?}"
    );
    // No hint spans two items.
    for hint in &hints {
        assert!(!hint["matched"].as_str().unwrap().contains('\n'), "{hint}");
    }
    assert!(categories(&hints).contains(&"not-specific"), "{hints:#?}");

    // The same text as analysis is not judged as action items.
    let analysis = workspace.lint_json(&[], items);
    assert!(
        !categories(&analysis).iter().any(|c| c.starts_with("not-")),
        "{analysis:#?}"
    );
}

#[test]
fn outage_is_flagged_unless_the_impact_was_full() {
    let workspace = Workspace::new();
    let text = "The outage lasted 40 minutes.\n";
    assert_eq!(categories(&workspace.lint_json(&[], text)), ["outage"]);
    for scope in ["none", "partial"] {
        assert_eq!(
            categories(&workspace.lint_json(&["--impact", scope], text)),
            ["outage"],
            "{scope}"
        );
    }
    let full = workspace.lint(&["--impact", "full"], text);
    assert_eq!(full.status.code(), Some(0), "{}", stdout(&full));
    assert_eq!(stdout(&full), "");
}

#[test]
fn names_given_make_participants_recognised() {
    let workspace = Workspace::new();
    let text = "Ingrid restarted the pool, and Tomasz Rivera watched the error rate.\n";
    assert_eq!(workspace.lint_json(&[], text), Vec::<Value>::new());
    let hints = workspace.lint_json(&["--names", " Ingrid Okafor ,Tomasz Rivera,, "], text);
    let naming: Vec<&str> = hints
        .iter()
        .filter(|h| h["category"] == "naming")
        .map(|h| h["matched"].as_str().unwrap())
        .collect();
    assert_eq!(naming, ["Ingrid", "Tomasz Rivera"], "{hints:#?}");
    assert!(hints
        .iter()
        .all(|h| h["category"] != "naming" || h["suggestion"].is_string()));
}

#[test]
fn a_settings_file_turns_rules_off_and_changes_their_severity() {
    let workspace = Workspace::new();
    let text = "The outage was long, and we should have known.\n";
    assert_eq!(
        rules(&workspace.lint_json(&[], text)),
        ["outage", "hindsight"]
    );
    let config = workspace.path("hints.toml");
    std::fs::write(
        &config,
        "[rules.outage]\nenabled = false\n\n[rules.hindsight]\nseverity = \"error\"\n",
    )
    .unwrap();
    let config = config.to_str().unwrap();
    let hints = workspace.lint_json(&["--config", config], text);
    assert_eq!(rules(&hints), ["hindsight"]);
    assert_eq!(hints[0]["severity"], "error");
    let line = stdout(&workspace.lint(&["--config", config], text));
    assert!(
        line.starts_with("<stdin>:1:29: error hindsight: "),
        "{line}"
    );

    // A rule that does not exist, or a file that is not TOML, is refused and named.
    for (name, content, expected) in [
        ("typo.toml", "[rules.outgae]\nenabled = false\n", "outgae"),
        ("broken.toml", "[rules.outage\n", "TOML"),
        (
            "level.toml",
            "[rules.outage]\nseverity = \"fatal\"\n",
            "fatal",
        ),
    ] {
        let file = workspace.path(name);
        std::fs::write(&file, content).unwrap();
        let output = workspace.lint(&["--config", file.to_str().unwrap()], text);
        assert_eq!(output.status.code(), Some(INPUT), "{name}");
        assert_eq!(stdout(&output), "");
        let message = stderr(&output);
        assert!(
            message.contains(name) && message.contains(expected),
            "{message}"
        );
    }
    let output = workspace.lint(&["--config", "-", "-"], text);
    assert_eq!(output.status.code(), Some(INPUT), "{}", stderr(&output));
}

/// The fixture with a blaming sentence on the second line of a contributing factor, and a summary
/// sentence whose `root-cause` hint the author dismissed.
fn blaming_report() -> Value {
    let mut report = fixture();
    report["contributingFactors"][0]["description"] = Value::from(
        "The pool size was tuned against weekday traffic.\n\
         On Sunday Tomasz Rivera forgot to check the weekend peak.",
    );
    report["summary"] = Value::from(
        "For 78 minutes checkouts timed out. The root cause was a smaller connection pool.",
    );
    report["dismissals"] = serde_json::json!([{
        "rule": "root-cause",
        "field": "summary",
        "matchedText": "The root cause was a smaller connection pool.",
        "reason": "Quoted from the vendor's report."
    }]);
    report
}

#[test]
fn a_stored_report_is_checked_field_by_field() {
    let workspace = Workspace::new();
    let id = workspace.import_json(&blaming_report());
    let hints = workspace.lint_json(&["--report", &id], "");
    let factor = "contributingFactors.0193a0c4-5b7e-7c3d-9f10-2b4c6d8e0c01.description";
    let blame = hints
        .iter()
        .find(|h| h["category"] == "blame")
        .unwrap_or_else(|| panic!("no blame hint: {hints:#?}"));
    assert_eq!(blame["field"], factor);
    assert_eq!(blame["matched"], "Tomasz Rivera forgot");
    let description = blaming_report()["contributingFactors"][0]["description"]
        .as_str()
        .unwrap()
        .to_string();
    let start = blame["start"].as_u64().unwrap() as usize;
    let end = blame["end"].as_u64().unwrap() as usize;
    assert_eq!(&description[start..end], "Tomasz Rivera forgot");
    assert!(hints
        .iter()
        .any(|h| h["category"] == "naming" && h["field"] == factor));

    let output = workspace.lint(&["--report", &id], "");
    assert_eq!(output.status.code(), Some(HINTS));
    let text = stdout(&output);
    assert!(
        text.contains(&format!("{id}/{factor}:2:11: warning blame: ")),
        "{text}"
    );
    // The dismissed hint is shown with its reason.
    assert!(
        text.contains(&format!("{id}/summary:1:41: warning root-cause: ")),
        "{text}"
    );
    assert!(
        text.contains("\n  dismissed: Quoted from the vendor's report.\n"),
        "{text}"
    );
    assert!(
        stderr(&output).contains("1 dismissed"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_dismissed_hint_does_not_count() {
    let workspace = Workspace::new();
    let mut report = blaming_report();
    report["contributingFactors"][0]["description"] =
        Value::from("The pool size was tuned against weekday traffic.");
    let id = workspace.import_json(&report);
    // `lint_json` checks that the status is 0 when every hint is dismissed.
    let hints = workspace.lint_json(&["--report", &id], "");
    assert_eq!(rules(&hints), ["root-cause"], "{hints:#?}");
    assert_eq!(hints[0]["dismissed"], "Quoted from the vendor's report.");
    assert_eq!(hints[0]["field"], "summary");
    let output = workspace.lint(&["--report", &id], "");
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("  dismissed: "));
}

/// Writes the hint settings the app saves, straight into the database's settings table.
fn save_settings(workspace: &Workspace, json: &str) {
    let connection = rusqlite::Connection::open(&workspace.db).unwrap();
    connection
        .execute(
            "INSERT INTO settings (key, value) VALUES ('hints.rules', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [json],
        )
        .unwrap();
}

#[test]
fn a_stored_report_uses_the_saved_settings_and_the_file_overrides_them_rule_by_rule() {
    let workspace = Workspace::new();
    let id = workspace.import_json(&blaming_report());
    let before = rules(&workspace.lint_json(&["--report", &id], "")).len();
    save_settings(
        &workspace,
        r#"{"rules":{"blame-agent":{"enabled":false},"naming":{"severity":"error"}}}"#,
    );
    let saved = workspace.lint_json(&["--report", &id], "");
    assert!(!rules(&saved).contains(&"blame-agent"), "{saved:#?}");
    assert!(saved
        .iter()
        .filter(|h| h["rule"] == "naming")
        .all(|h| h["severity"] == "error"));
    assert_eq!(rules(&saved).len(), before - 1);

    // The file's word on blame-agent replaces the saved one; naming keeps its saved level.
    let config = workspace.path("hints.toml");
    std::fs::write(&config, "[rules.blame-agent]\nseverity = \"error\"\n").unwrap();
    let both = workspace.lint_json(&["--report", &id, "--config", config.to_str().unwrap()], "");
    let blame = both.iter().find(|h| h["rule"] == "blame-agent").unwrap();
    assert_eq!(blame["severity"], "error");
    assert!(both
        .iter()
        .filter(|h| h["rule"] == "naming")
        .all(|h| h["severity"] == "error"));
}

#[test]
fn lint_never_creates_or_changes_a_database() {
    let workspace = Workspace::new();
    // A text needs no database at all, not even a data folder.
    let output = workspace
        .bare()
        .args(["lint", "-"])
        .write_stdin("The outage lasted an hour.")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(HINTS));
    assert_eq!(file_names(workspace.folder()), Vec::<String>::new());

    // --report with no database is an error that names the file, and creates nothing.
    let id = "0193a0c4-5b7e-7c3d-9f10-2b4c6d8e0f12";
    for command in [workspace.cli(), workspace.bare()] {
        let mut command = command;
        let output = command.args(["lint", "--report", id]).output().unwrap();
        assert_eq!(output.status.code(), Some(INPUT), "{}", stderr(&output));
        assert!(
            stderr(&output).contains("no database"),
            "{}",
            stderr(&output)
        );
    }
    assert_eq!(file_names(workspace.folder()), Vec::<String>::new());

    // With a database, an unknown id is named, and the file is left as it was.
    let stored = workspace.import_fixture();
    let bytes = std::fs::read(&workspace.db).unwrap();
    workspace
        .cli()
        .args(["lint", "--report", id])
        .assert()
        .code(INPUT)
        .stderr(predicate::str::contains(id));
    workspace
        .cli()
        .args(["lint", "--report", "not-an-id"])
        .assert()
        .code(INPUT)
        .stderr(predicate::str::contains("not-an-id"));
    workspace
        .cli()
        .args(["lint", "--report", &stored])
        .assert()
        .success();
    assert_eq!(std::fs::read(&workspace.db).unwrap(), bytes);
    // --report checks a stored report, so it takes no text and no text options.
    for extra in [
        &["notes.md"][..],
        &["--section", "summary"],
        &["--names", "A"],
    ] {
        workspace
            .cli()
            .args(["lint", "--report", &stored])
            .args(extra)
            .assert()
            .code(INPUT)
            .stderr(predicate::str::contains("cannot be used with"));
    }
}

#[test]
fn lint_help_describes_the_output_and_the_json_fields() {
    let workspace = Workspace::new();
    let help = stdout(&workspace.bare().args(["lint", "--help"]).output().unwrap());
    for expected in [
        "FILE:LINE:COL: SEVERITY CATEGORY: MESSAGE",
        "--json",
        "--section",
        "--impact",
        "--names",
        "--config",
        "--report",
        "action-items",
        "rule",
        "category",
        "severity",
        "message",
        "explanation",
        "start, end",
        "byte offsets",
        "suggestion",
        "dismissed",
        "enabled = false",
        "Exit status",
    ] {
        assert!(
            help.contains(expected),
            "lint --help does not mention {expected}:\n{help}"
        );
    }
}

/// The fixture with a participant's name and an internal host in its external message.
fn leaking_report() -> Value {
    let mut report = fixture();
    report["external"]["whatHappened"] = Value::from(
        "Ingrid Okafor restarted db-prod-03.eu.internal after a configuration change limited \
         our checkout service.",
    );
    report
}

#[test]
fn an_external_export_that_would_leak_is_refused_and_writes_nothing() {
    let workspace = Workspace::new();
    let id = workspace.import_json(&leaking_report());
    let target = workspace.path("customers.md");
    let output = workspace
        .cli()
        .args(["export", &id, "--audience", "external", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(INPUT));
    assert_eq!(stdout(&output), "");
    assert!(!target.exists());
    let message = stderr(&output);
    assert!(message.starts_with("debrief-cli: "), "{message}");
    for expected in [
        "nothing was written",
        "external.whatHappened",
        "“Ingrid Okafor”",
        "“db-prod-03.eu.internal”",
        "reword",
        "dismiss",
        "reason",
    ] {
        assert!(message.contains(expected), "{expected}: {message}");
    }

    // An existing file is left alone even with --force, and standard output gets nothing either.
    std::fs::write(&target, "the previous export").unwrap();
    workspace
        .cli()
        .args(["export", &id, "--audience", "external", "--force", "-o"])
        .arg(&target)
        .assert()
        .code(INPUT)
        .stderr(predicate::str::contains("“Ingrid Okafor”"));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "the previous export"
    );
    // The PDF passes the same gate.
    let pdf = workspace.path("customers.pdf");
    workspace
        .cli()
        .args([
            "export",
            &id,
            "--audience",
            "external",
            "--format",
            "pdf",
            "-o",
        ])
        .arg(&pdf)
        .assert()
        .code(INPUT)
        .stderr(predicate::str::contains("“db-prod-03.eu.internal”"));
    assert!(!pdf.exists());
    workspace
        .cli()
        .args(["export", &id, "--audience", "external"])
        .assert()
        .code(INPUT)
        .stdout("");

    // The internal export is never gated.
    let internal = workspace.run(&["export", &id, "--audience", "internal"]);
    assert!(internal.contains("db-prod-03.eu.internal"));
    // There is no way around the gate from the command line.
    workspace
        .cli()
        .args(["export", &id, "--audience", "external", "--allow-leaks"])
        .assert()
        .code(INPUT)
        .stderr(predicate::str::contains("--allow-leaks"));
}

#[test]
fn a_reworded_or_dismissed_leak_lets_the_external_export_through() {
    let workspace = Workspace::new();
    let target = workspace.path("customers.md");
    let export = |id: &str| {
        workspace
            .cli()
            .args(["export", id, "--audience", "external", "-o"])
            .arg(&target)
            .output()
            .unwrap()
    };
    let blocked = workspace.import_json(&leaking_report());
    assert_eq!(export(&blocked).status.code(), Some(INPUT));

    // Reworded, and imported again.
    let mut fixed = leaking_report();
    fixed["external"]["whatHappened"] = Value::from(
        "Our team restarted a database server after a configuration change limited our \
         checkout service.",
    );
    let id = workspace.import_json(&fixed);
    let output = export(&id);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(
        text.contains("Our team restarted a database server"),
        "{text}"
    );
    std::fs::remove_file(&target).unwrap();

    // Or each hint dismissed with a reason: the name stays, the host is reworded.
    let mut dismissed = leaking_report();
    let sentence = "Ingrid Okafor restarted our database after a configuration change limited \
                    our checkout service.";
    dismissed["external"]["whatHappened"] = Value::from(sentence);
    dismissed["dismissals"] = serde_json::json!([{
        "rule": "leak-name",
        "field": "external.whatHappened",
        "matchedText": sentence,
        "reason": "Ingrid is our public status page contact and agreed to be named."
    }]);
    let id = workspace.import_json(&dismissed);
    let output = export(&id);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .contains("Ingrid Okafor restarted our database"));
    // `lint --report` still shows the dismissed hint, and it does not count.
    let hints = workspace.lint_json(&["--report", &id], "");
    assert_eq!(rules(&hints), ["leak-name"]);
    assert!(hints[0]["dismissed"].is_string());
}
