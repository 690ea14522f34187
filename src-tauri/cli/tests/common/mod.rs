//! Helpers shared by the integration tests: a private folder and database per test, and ways to
//! run the real `debrief-cli` binary against it.

#![allow(
    dead_code,
    reason = "each test file uses a different part of these helpers"
)]

use assert_cmd::Command;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The rich report the tests import: participants, timeline, factors, action items and an
/// external message.
pub const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/report.json");

/// The names of the fixture's participants, which an external export must never show.
pub const PARTICIPANT_NAMES: [&str; 3] = ["Ingrid Okafor", "Tomasz Rivera", "Priya Halvorsen"];

/// A temporary folder holding one test's database and files. Removed when dropped.
pub struct Workspace {
    folder: TempDir,
    pub db: PathBuf,
}

impl Workspace {
    pub fn new() -> Workspace {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let db = folder.path().join("library.db");
        Workspace { folder, db }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.folder.path().join(name)
    }

    pub fn folder(&self) -> &Path {
        self.folder.path()
    }

    /// The binary, isolated from the person running the tests: no inherited `DEBRIEF_DB`, and
    /// the data folder inside this workspace, so the real library is never touched.
    pub fn bare(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_debrief-cli"));
        command
            .env_remove("DEBRIEF_DB")
            .env("HOME", self.folder.path())
            .env("XDG_DATA_HOME", self.folder.path().join("data"))
            .current_dir(self.folder.path());
        command
    }

    /// The binary, on this workspace's database through `--db`.
    pub fn cli(&self) -> Command {
        let mut command = self.bare();
        command.arg("--db").arg(&self.db);
        command
    }

    /// Runs a command that must succeed and returns its standard output.
    pub fn run(&self, args: &[&str]) -> String {
        let output = self.cli().args(args).output().expect("the binary runs");
        assert!(
            output.status.success(),
            "debrief-cli {args:?} failed with {}: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8 output")
    }

    /// `new --title TITLE`, returning the printed id.
    pub fn new_report(&self, title: &str) -> String {
        single_id(&self.run(&["new", "--title", title]))
    }

    /// Imports the fixture and returns the new id.
    pub fn import_fixture(&self) -> String {
        single_id(&self.run(&["import", FIXTURE]))
    }

    pub fn list_json(&self) -> Vec<Value> {
        let text = self.run(&["list", "--json"]);
        match serde_json::from_str(&text).expect("list --json prints JSON") {
            Value::Array(reports) => reports,
            other => panic!("list --json printed {other}"),
        }
    }

    pub fn show_json(&self, id: &str) -> Value {
        serde_json::from_str(&self.run(&["show", id, "--json"])).expect("show --json prints JSON")
    }
}

/// Checks that the output is one line holding one id, and returns the id.
pub fn single_id(output: &str) -> String {
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines.len(), 1, "expected only an id, got {output:?}");
    let id = lines[0];
    assert!(is_id(id), "expected an id, got {id:?}");
    id.to_string()
}

/// Whether the text is a report id (a hyphenated UUID).
pub fn is_id(text: &str) -> bool {
    text.len() == 36
        && text.char_indices().all(|(index, c)| match index {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// A report's JSON without what a copy is expected to change: its id, revision and timestamps.
pub fn without_identity(mut report: Value) -> Value {
    let object = report.as_object_mut().expect("a report is a JSON object");
    for key in ["id", "revision", "createdAt", "updatedAt"] {
        object.remove(key);
    }
    report
}

/// A report's JSON with every id removed, and each reference to a participant replaced by that
/// participant's name: the form in which two reports that say the same thing are equal, even if
/// one of them was given fresh ids (as a Markdown import does).
pub fn by_content(report: Value) -> Value {
    let names: HashMap<String, String> = report["participants"]
        .as_array()
        .map(|participants| {
            participants
                .iter()
                .map(|p| {
                    (
                        p["id"].as_str().unwrap_or_default().to_string(),
                        p["name"].to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    strip_ids(without_identity(report), &names)
}

fn strip_ids(value: Value, names: &HashMap<String, String>) -> Value {
    match value {
        Value::Object(object) => Value::Object(
            object
                .into_iter()
                .filter(|(key, _)| key != "id")
                .map(|(key, value)| (key, strip_ids(value, names)))
                .collect(),
        ),
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|v| strip_ids(v, names)).collect())
        }
        Value::String(text) => match names.get(&text) {
            Some(name) => Value::String(format!("participant {name}")),
            None => Value::String(text),
        },
        other => other,
    }
}

/// The files in a folder, by name, so that a test can tell that nothing new appeared.
pub fn file_names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("a readable folder")
        .map(|entry| {
            entry
                .expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}
