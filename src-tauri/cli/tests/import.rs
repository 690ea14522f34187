//! `import` with several files: each is imported or refused with its own message, and the exit
//! status says whether any was refused.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly at its first surprise"
)]

mod common;

use common::{is_id, Workspace};
use std::path::PathBuf;

fn foreign(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/foreign")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn several_files_are_imported_and_the_bad_ones_refused_one_by_one() {
    let workspace = Workspace::new();
    let binary = workspace.path("picture.png");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    let empty = workspace.path("empty.md");
    std::fs::write(&empty, "  \n").unwrap();
    let k8s = foreign("kubernetes-test-infra-2019-01-23-prow-outage.md");
    let toml = foreign("rust-2025-09-12-crates-io-phishing-campaign.md");
    let output = workspace
        .cli()
        .args(["import", &k8s])
        .arg(&binary)
        .arg(&toml)
        .arg(&empty)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<(&str, &str)> = stdout
        .lines()
        .map(|line| line.split_once('\t').unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(lines.iter().all(|(id, _)| is_id(id)));
    assert_eq!(lines[0].1, k8s);
    assert_eq!(lines[1].1, toml);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("picture.png was not imported"), "{stderr}");
    assert!(stderr.contains("not UTF-8 text"), "{stderr}");
    assert!(stderr.contains("empty.md was not imported"), "{stderr}");
    assert!(
        stderr.contains("2 of 4 files were not imported (see above); 2 were imported"),
        "{stderr}"
    );
    let titles: Vec<String> = workspace
        .list_json()
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles.len(), 2);
    assert!(titles.contains(&"crates.io phishing campaign".to_string()));
    let report = workspace.show_json(lines[0].0);
    assert_eq!(report["timeline"].as_array().unwrap().len(), 11);
    assert!(report["notes"].as_str().unwrap().contains("## Appendix"));
}

#[test]
fn when_every_file_is_refused_no_database_is_created() {
    let workspace = Workspace::new();
    let output = workspace
        .cli()
        .args(["import", "missing-one.md", "missing-two.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("missing-one.md"), "{stderr}");
    assert!(stderr.contains("missing-two.md"), "{stderr}");
    assert!(!workspace.db.exists());
}

#[test]
fn one_file_prints_only_its_id() {
    let workspace = Workspace::new();
    let output = workspace.run(&["import", &foreign("dfds-pm2021-011-log4shell.md")]);
    assert!(is_id(output.trim()), "{output}");
}

#[test]
fn standard_input_is_read_once_at_most() {
    let workspace = Workspace::new();
    let output = workspace.cli().args(["import", "-", "-"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("only once"));
    assert!(!workspace.db.exists());
}
