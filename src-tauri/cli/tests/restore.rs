//! `backups` and `restore` through the real binary: a restore checks the backup, keeps a copy of
//! the file it replaces, and changes nothing when it cannot be done.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly at its first surprise"
)]

mod common;

use common::*;
use predicates::prelude::*;
use serde_json::Value;

fn titles(workspace: &Workspace) -> Vec<String> {
    let mut titles: Vec<String> = workspace
        .list_json()
        .iter()
        .map(|report| report["title"].as_str().unwrap().to_string())
        .collect();
    titles.sort();
    titles
}

#[test]
fn a_backup_is_restored_after_a_copy_of_the_current_file() {
    let workspace = Workspace::new();
    workspace.new_report("Written before the backup");
    let backup = workspace.path("friday.db");
    workspace.run(&["backup", "-o", backup.to_str().unwrap()]);
    workspace.new_report("Written after the backup");

    let printed = workspace.run(&["restore", backup.to_str().unwrap()]);
    assert!(printed.contains("(1 report)"), "{printed}");
    assert!(printed.contains("was kept as"), "{printed}");
    assert_eq!(titles(&workspace), ["Written before the backup"]);

    let listed: Value = serde_json::from_str(&workspace.run(&["backups", "--json"])).unwrap();
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["kind"], "beforeRestore");
    let kept = listed[0]["path"].as_str().unwrap();
    let previous = Workspace::new();
    std::fs::copy(kept, &previous.db).unwrap();
    assert_eq!(
        titles(&previous),
        ["Written after the backup", "Written before the backup"]
    );

    let text = workspace.run(&["backups"]);
    assert!(text.starts_with("TAKEN"), "{text}");
    assert!(text.contains("before restore"), "{text}");
    workspace.cli().arg("check").assert().success();
}

#[test]
fn a_bad_backup_is_refused_and_the_database_is_left_as_it_was() {
    let workspace = Workspace::new();
    workspace.new_report("Keep me");
    let before = std::fs::read(&workspace.db).unwrap();
    let garbage = workspace.path("garbage.db");
    std::fs::write(&garbage, b"not a database".repeat(100)).unwrap();
    for (backup, expected) in [
        (garbage.clone(), "not SQLite"),
        (workspace.path("missing.db"), "missing or empty"),
        (workspace.db.clone(), "the database itself"),
    ] {
        workspace
            .cli()
            .arg("restore")
            .arg(&backup)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(expected))
            .stderr(predicate::str::contains("nothing was changed"));
    }
    assert_eq!(std::fs::read(&workspace.db).unwrap(), before);
    assert!(!workspace.path("backups").exists());
    assert_eq!(titles(&workspace), ["Keep me"]);
}

#[test]
fn a_damaged_database_can_be_replaced_by_a_backup_and_is_kept() {
    let healthy = Workspace::new();
    healthy.new_report("From the backup");
    let backup = healthy.path("backup.db");
    healthy.run(&["backup", "-o", backup.to_str().unwrap()]);

    let workspace = Workspace::new();
    let damaged = b"the header of this file was overwritten".repeat(40);
    std::fs::write(&workspace.db, &damaged).unwrap();
    workspace.cli().arg("list").assert().code(3);

    workspace.run(&["restore", backup.to_str().unwrap()]);
    assert_eq!(titles(&workspace), ["From the backup"]);
    let listed: Value = serde_json::from_str(&workspace.run(&["backups", "--json"])).unwrap();
    let kept = listed[0]["path"].as_str().unwrap();
    assert_eq!(std::fs::read(kept).unwrap(), damaged);
}

#[test]
fn no_backups_yet_is_said_plainly() {
    let workspace = Workspace::new();
    workspace.new_report("Alone");
    let text = workspace.run(&["backups"]);
    assert!(text.starts_with("No backups of"), "{text}");
    assert_eq!(workspace.run(&["backups", "--json"]).trim(), "[]");
}
