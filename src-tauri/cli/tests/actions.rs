//! `actions`: the action items of every report, run through the real binary.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly at its first surprise"
)]

mod common;

use common::*;
use predicates::prelude::*;
use serde_json::{json, Value};

/// An action item as `show --json` prints it.
fn item(description: &str, owner: &str, due: Option<&str>, kind: &str, status: &str) -> Value {
    json!({
        "id": null,
        "description": description,
        "owner": owner,
        "due": due,
        "priority": null,
        "kind": kind,
        "status": status,
        "statusReason": if status == "wont_do" { "The queue is retired" } else { "" },
        "tracking": "",
        "doneWhen": "",
    })
}

/// Imports the fixture report with `title`, incident start and these action items; returns the id.
fn import(
    workspace: &Workspace,
    name: &str,
    title: &str,
    started: &str,
    items: Vec<Value>,
) -> String {
    let mut report: Value =
        serde_json::from_str(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap();
    report["title"] = json!(title);
    report["incident"] =
        json!({ "started": started, "detected": null, "mitigated": null, "resolved": null });
    let items: Vec<Value> = items
        .into_iter()
        .enumerate()
        .map(|(index, mut item)| {
            item["id"] = json!(format!("0193a0c4-5b7e-7c3d-9f10-2b4c6d8e0e{index:02}"));
            item
        })
        .collect();
    report["actionItems"] = Value::Array(items);
    let path = workspace.path(name);
    std::fs::write(&path, report.to_string()).unwrap();
    single_id(&workspace.run(&["import", path.to_str().unwrap()]))
}

/// Two reports with four items between them; "today" is 2026-06-15 in every run.
fn library(workspace: &Workspace) -> (String, String) {
    let first = import(
        workspace,
        "first.json",
        "Queue backlog",
        "2026-01-10T10:00:00Z",
        vec![
            item(
                "Add a canary stage",
                "Ana Lima",
                Some("2026-02-01"),
                "prevent",
                "committed",
            ),
            item("Drain the queue", "Ben", None, "mitigate", "done"),
        ],
    );
    let second = import(
        workspace,
        "second.json",
        "Cache failover",
        "2026-03-05T12:00:00Z",
        vec![
            item(
                "Test failover monthly",
                "ana lima",
                Some("2026-06-20"),
                "prevent",
                "committed",
            ),
            item(
                "Page on replica lag",
                "Chen",
                Some("2026-06-01"),
                "detect",
                "proposed",
            ),
        ],
    );
    (first, second)
}

fn actions_json(workspace: &Workspace, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["actions", "--json", "--today", "2026-06-15"];
    all.extend_from_slice(args);
    match serde_json::from_str(&workspace.run(&all)).expect("actions --json prints JSON") {
        Value::Array(items) => items,
        other => panic!("actions --json printed {other}"),
    }
}

fn descriptions(items: &[Value]) -> Vec<&str> {
    items
        .iter()
        .map(|tracked| tracked["item"]["description"].as_str().unwrap())
        .collect()
}

#[test]
fn open_and_overdue_items_come_first_with_their_report() {
    let workspace = Workspace::new();
    let (first, second) = library(&workspace);
    let items = actions_json(&workspace, &[]);
    assert_eq!(
        descriptions(&items),
        [
            "Add a canary stage",
            "Page on replica lag",
            "Test failover monthly",
            "Drain the queue"
        ]
    );
    assert_eq!(items[0]["reportId"], first.as_str());
    assert_eq!(items[0]["reportTitle"], "Queue backlog");
    assert_eq!(items[0]["reportRevision"], 1);
    assert_eq!(items[0]["daysOverdue"], 134);
    assert_eq!(items[1]["reportId"], second.as_str());
    assert_eq!(items[1]["daysOverdue"], 14);
    assert_eq!(items[2]["daysOverdue"], Value::Null);
    assert_eq!(items[2]["open"], true);
    assert_eq!(items[3]["open"], false);
    assert_eq!(items[3]["item"]["status"], "done");
}

#[test]
fn filters_combine() {
    let workspace = Workspace::new();
    library(&workspace);
    assert_eq!(
        descriptions(&actions_json(&workspace, &["--overdue"])),
        ["Add a canary stage", "Page on replica lag"]
    );
    assert_eq!(
        descriptions(&actions_json(&workspace, &["--owner", "ANA LIMA"])),
        ["Add a canary stage", "Test failover monthly"]
    );
    assert_eq!(
        descriptions(&actions_json(&workspace, &["--status", "done"])),
        ["Drain the queue"]
    );
    assert_eq!(
        descriptions(&actions_json(
            &workspace,
            &["--kind", "prevent", "--overdue"]
        )),
        ["Add a canary stage"]
    );
    assert!(actions_json(&workspace, &["--owner", "Dana"]).is_empty());
}

#[test]
fn the_table_shows_lateness_and_counts_on_standard_error() {
    let workspace = Workspace::new();
    let (first, _) = library(&workspace);
    let output = workspace
        .cli()
        .args(["actions", "--today", "2026-06-15"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert!(lines[0].starts_with("DUE"), "{text}");
    assert!(lines[0].ends_with("ACTION ITEM"), "{text}");
    assert!(
        lines[1].starts_with("2026-02-01  134d  committed"),
        "{text}"
    );
    assert!(
        lines[1].contains(&first) && lines[1].ends_with("Add a canary stage"),
        "{text}"
    );
    assert!(lines[4].contains("  -     done"), "{text}");
    let errors = String::from_utf8(output.stderr).unwrap();
    assert_eq!(errors.trim(), "4 action items, 2 overdue.");
}

#[test]
fn an_empty_library_has_no_items_and_no_file_is_created() {
    let workspace = Workspace::new();
    workspace
        .cli()
        .arg("actions")
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("No action item matches"));
    assert_eq!(
        actions_json(&workspace, &["--overdue"]),
        Vec::<Value>::new()
    );
    assert!(!workspace.db.exists());
}

#[test]
fn a_bad_date_or_status_is_refused_before_the_database_is_opened() {
    let workspace = Workspace::new();
    workspace
        .cli()
        .args(["actions", "--today", "15/06/2026"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("YYYY-MM-DD"));
    workspace
        .cli()
        .args(["actions", "--status", "finished"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("finished"));
    assert!(!workspace.db.exists());
}

#[test]
fn the_help_documents_the_json_fields() {
    let workspace = Workspace::new();
    workspace
        .bare()
        .args(["actions", "--help"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("--overdue")
                .and(predicate::str::contains("--owner <NAME>"))
                .and(predicate::str::contains("reportRevision"))
                .and(predicate::str::contains("daysOverdue")),
        );
}
