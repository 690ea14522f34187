//! A killed process loses no acknowledged write and never damages the database (DESIGN.md §8).
//!
//! First, the write that creates a database is killed at random moments: whatever is left must be
//! usable by the next run. Then a shell loop writes through the real binary without pause (`new` and `import`, one process
//! each) and is killed with SIGKILL, together with the write in progress, at a random moment; then
//! the next loop starts on the same file. After every round, each id that was printed is a write
//! the CLI acknowledged, so it must be in the library; at the end the database must pass `check`.
//! The random delays come from a fixed seed.

#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly at its first surprise"
)]

mod common;

use common::*;
use rand::{Rng, SeedableRng};
use rustix::process::{kill_process_group, Pid, Signal};
use std::collections::BTreeSet;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const KILLS: usize = 200;
/// Enough acknowledged writes that the check is not vacuous.
const ACKNOWLEDGED: usize = 50;
/// A bound on the rounds, should writes stop succeeding altogether.
const MAX_ROUNDS: usize = 1000;
/// Fresh databases whose first write is killed.
const CREATION_ROUNDS: usize = 25;

/// Writes forever: `$0` is the binary, `$1` the database, `$2` a report to import.
const WRITER: &str = r#"
while :; do
    "$0" --db "$1" new --title "Written while being killed" || exit 1
    "$0" --db "$1" import "$2" || exit 1
done
"#;

/// Runs a command to the end and returns how long it took.
fn timed(workspace: &Workspace, args: &[&str]) -> Duration {
    let timer = Instant::now();
    workspace.run(args);
    timer.elapsed()
}

#[test]
fn a_database_killed_while_being_created_is_usable() {
    let workspace = Workspace::new();
    let binary = env!("CARGO_BIN_EXE_debrief-cli");
    let creation = {
        let scratch = Workspace::new();
        timed(&scratch, &["new", "--title", "Calibration"])
    };
    let window = (creation * 2).max(Duration::from_millis(30));
    let mut random = rand::rngs::StdRng::seed_from_u64(0x00c4_ea7e_0000_0001);
    for round in 0..CREATION_ROUNDS {
        let db = workspace.path(&format!("created-{round}.db"));
        let mut writer = Command::new(binary)
            .arg("--db")
            .arg(&db)
            .args(["new", "--title", "First report"])
            .env_remove("DEBRIEF_DB")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("debrief-cli runs");
        std::thread::sleep(random.random_range(Duration::ZERO..=window));
        let _ = writer.kill();
        let output = writer
            .wait_with_output()
            .expect("the writer can be waited for");
        let first = String::from_utf8(output.stdout).expect("ids are text");

        // Whatever the kill left behind, the next run uses it, and an id printed before the
        // kill is there.
        let next = workspace
            .bare()
            .arg("--db")
            .arg(&db)
            .args(["new", "--title", "After the kill"])
            .output()
            .expect("debrief-cli runs");
        assert!(
            next.status.success(),
            "round {round}: the database left by a kill after {:?} cannot be used: {}",
            output.status,
            String::from_utf8_lossy(&next.stderr)
        );
        let listed = workspace
            .bare()
            .arg("--db")
            .arg(&db)
            .args(["list", "--json"])
            .output()
            .expect("debrief-cli runs");
        let listed = String::from_utf8(listed.stdout).expect("JSON is text");
        if let Some(id) = first.strip_suffix('\n') {
            assert!(
                listed.contains(id),
                "round {round}: the acknowledged {id} is missing"
            );
        }
        workspace
            .bare()
            .arg("--db")
            .arg(&db)
            .arg("check")
            .assert()
            .code(0);
    }
}

#[test]
fn killing_writers_at_random_moments_loses_no_acknowledged_write() {
    let workspace = Workspace::new();
    let binary = env!("CARGO_BIN_EXE_debrief-cli");
    let started = Instant::now();

    // The kill window must be long enough for writes to finish, or none ever would on a slow
    // machine: twice the typical time of a write to this library, measured here.
    workspace.new_report("Written before the kills");
    let mut writes: Vec<Duration> = (0..5)
        .map(|_| timed(&workspace, &["import", FIXTURE]))
        .collect();
    writes.sort();
    let window =
        (writes[writes.len() / 2] * 2).clamp(Duration::from_millis(30), Duration::from_millis(300));

    let mut random = rand::rngs::StdRng::seed_from_u64(0x00de_b71e_f5ee_d001);
    let mut acknowledged = BTreeSet::new();
    let mut kills = 0;
    let mut rounds = 0;
    while kills < KILLS || acknowledged.len() < ACKNOWLEDGED {
        assert!(
            rounds < MAX_ROUNDS,
            "after {rounds} rounds only {} writes were acknowledged",
            acknowledged.len()
        );
        rounds += 1;
        let writer = Command::new("sh")
            .arg("-c")
            .arg(WRITER)
            .arg(binary)
            .arg(&workspace.db)
            .arg(FIXTURE)
            .env_remove("DEBRIEF_DB")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // Its own process group, so that one signal reaches the shell and the write it runs.
            .process_group(0)
            .spawn()
            .expect("sh runs");
        std::thread::sleep(random.random_range(Duration::ZERO..=window));
        // If the loop already stopped by itself, the status check below says why.
        let _ = kill_process_group(Pid::from_child(&writer), Signal::KILL);
        let output = writer
            .wait_with_output()
            .expect("the writer can be waited for");
        let stdout = String::from_utf8(output.stdout).expect("ids are text");
        assert_eq!(
            output.status.signal(),
            Some(Signal::KILL.as_raw()),
            "the writing loop stopped by itself ({}) in round {rounds}: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        kills += 1;
        // A complete line is an id printed after its write was committed. A line cut short
        // cannot happen for a write this small to a pipe, but would not count.
        for line in stdout.split_inclusive('\n') {
            if let Some(id) = line.strip_suffix('\n') {
                assert!(is_id(id), "unexpected output from the writer: {line:?}");
                acknowledged.insert(id.to_string());
            }
        }
    }

    workspace.cli().arg("check").assert().code(0);
    let stored: BTreeSet<String> = workspace
        .list_json()
        .iter()
        .map(|report| report["id"].as_str().unwrap().to_string())
        .collect();
    let lost: Vec<&String> = acknowledged.difference(&stored).collect();
    assert!(lost.is_empty(), "acknowledged writes are missing: {lost:?}");
    // The newest acknowledged reports load whole.
    for id in acknowledged.iter().rev().take(3) {
        assert!(!workspace.show_json(id)["title"]
            .as_str()
            .unwrap()
            .is_empty());
    }
    eprintln!(
        "{kills} kills in {rounds} rounds (window {window:?}), {} writes acknowledged, {} stored, \
         {:.1} s",
        acknowledged.len(),
        stored.len(),
        started.elapsed().as_secs_f64()
    );
}
