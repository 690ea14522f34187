//! A writer killed while the author types loses no acknowledged edit and never damages the
//! database (issue 7, item 1; DESIGN.md §8).
//!
//! This test binary is two programs. Run with `writer <database> <report id>`, it does what the
//! app does while someone edits a report: it opens the store, then without end loads the report,
//! changes it (the summary, the timeline, the action items, the external message, the tags) and
//! saves it with the revision it loaded, and after each save returns it prints one line,
//! `saved <revision> <stamp>`, and flushes it: that line is the acknowledgement the editor would
//! show. Run without arguments (as `cargo test` does), it is the harness: it starts the writer in
//! a process group of its own, kills the group with SIGKILL at a random moment (from a fixed
//! seed), and checks the file after every kill:
//!
//! - the stored report holds the last acknowledged edit, or the one after it (a save can commit
//!   and be killed before it prints), never an older one, and it is exactly the report that edit
//!   wrote, with every row, never a mix of two;
//! - on even rounds through `Store::open`, as the next start of the app would (which recovers the
//!   log and, on close, checkpoints it), with the search index finding the last edit's words; on
//!   odd rounds through a plain connection that leaves the log in place, so the next writer starts
//!   on the log of a killed one and its checkpoints are killed too;
//! - at the end, `Store::check` (integrity, foreign keys, one search row per report) and FTS5's
//!   own integrity check pass.
//!
//! `KILLS` sets the number of kills (100 by default, `make stress` runs 1,000); `SEED` the seed.
//! It is a test without the standard harness (`harness = false`), so that the same binary can be
//! started as the writer with nothing else on its standard output.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly at its first surprise"
)]

#[cfg(unix)]
fn main() {
    stress::main();
}

#[cfg(not(unix))]
fn main() {
    eprintln!("edit_crash: process groups and SIGKILL are Unix only; nothing was run");
}

#[cfg(unix)]
mod stress {
    use chrono::{DateTime, Duration as Span, NaiveDate, TimeZone, Utc};
    use debrief_core::store::Store;
    use debrief_core::*;
    use rand::{Rng, SeedableRng};
    use rusqlite::config::DbConfig;
    use rusqlite::{Connection, OpenFlags};
    use rustix::process::{kill_process_group, Pid, Signal};
    use std::io::Write;
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    use std::path::{Path, PathBuf};
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    const NAME: &str = "killing_the_editor_at_random_moments_loses_no_acknowledged_edit";
    const WRITER: &str = "writer";
    const DEFAULT_KILLS: usize = 100;
    const DEFAULT_SEED: u64 = 0x00ed_17c4_a5e0_0001;
    /// The test proves too little if the saves acknowledged are fewer than half the kills. The
    /// kill window lets the writer acknowledge about six per kill on average, so that a busy
    /// machine still passes.
    const MIN_KILLS_PER_SAVE: usize = 2;
    /// Saves the writer acknowledges, from its start, within the calibrated kill window.
    const SAVES_PER_WINDOW: usize = 12;

    pub fn main() {
        let args: Vec<String> = std::env::args().skip(1).collect();
        if args.first().map(String::as_str) == Some(WRITER) {
            let (Some(db), Some(id)) = (args.get(1), args.get(2)) else {
                eprintln!("usage: edit_crash writer <database> <report id>");
                std::process::exit(2);
            };
            if let Err(error) = writer(Path::new(db), id) {
                eprintln!("the writer stopped: {error}");
                std::process::exit(1);
            }
            return;
        }
        // Behave like the standard harness towards `cargo test` options: list, and filter by
        // name.
        if args.iter().any(|arg| arg == "--list") {
            println!("{NAME}: test");
            return;
        }
        let filters: Vec<&String> = args.iter().filter(|arg| !arg.starts_with('-')).collect();
        if !filters.is_empty() && !filters.iter().any(|filter| NAME.contains(filter.as_str())) {
            println!("running 0 tests (filtered out: {NAME})");
            return;
        }
        println!("running 1 test: {NAME}");
        harness();
        println!("test {NAME} ... ok");
    }

    // ----------------------------------------------------------------------------------------
    // The writer: what the app does while the author types.

    fn writer(db: &Path, id: &str) -> Result<(), Box<dyn std::error::Error>> {
        let id: PostmortemId = id.parse()?;
        let store = Store::open(db, Utc::now())?;
        let mut out = std::io::stdout().lock();
        loop {
            let mut report = store.get(id)?;
            let based_on = report.revision;
            edit(&mut report, based_on);
            let saved = store.save(&report, Utc::now())?;
            writeln!(out, "saved {} {}", saved.revision, stamp(based_on))?;
            out.flush()?;
        }
    }

    /// A word found nowhere else, which the edit on top of `revision` writes into the summary.
    fn stamp(revision: i64) -> String {
        format!("stamp{revision}z")
    }

    fn uuid(kind: u8, index: usize) -> String {
        format!("00000000-0000-7000-8{kind:03x}-{index:012x}")
    }

    /// The edit made on top of `revision`. It depends on the revision alone, so the harness knows
    /// what any stored revision must hold. Rows come and go (the timeline grows and shrinks,
    /// action items change status), and the summary's length varies so saves span pages.
    fn edit(report: &mut Postmortem, revision: i64) {
        let n = usize::try_from(revision).unwrap();
        let base: DateTime<Utc> = Utc.with_ymd_and_hms(2026, 2, 3, 4, 5, 6).unwrap();
        report.summary = format!(
            "Edit number {n}, {}.\n\n{}",
            stamp(revision),
            "The cache stopped answering while the new configuration rolled out, and requests \
             waited on the database instead. "
                .repeat(n % 13 + 1)
        );
        report.timeline = (0..n % 9 + 1)
            .map(|index| TimelineEntry {
                id: uuid(1, index).parse().unwrap(),
                at: base + Span::minutes(i64::try_from(index * 7).unwrap()),
                description: format!("Step {index}, as written in edit {n}."),
                evidence: if index % 2 == 0 {
                    format!("https://dashboards.example/{n}/{index}")
                } else {
                    String::new()
                },
                kind: TimelineKind::ALL[(n + index) % TimelineKind::ALL.len()],
            })
            .collect();
        report.action_items = (0..n % 4)
            .map(|index| ActionItem {
                id: uuid(2, index).parse().unwrap(),
                description: format!("Alert on cache misses (item {index}, edit {n})"),
                owner: "Platform team".to_string(),
                due: NaiveDate::from_ymd_opt(2026, 3, 1 + u32::try_from(n % 28).unwrap()),
                priority: Some(Priority::ALL[n % Priority::ALL.len()]),
                kind: ActionKind::ALL[index % ActionKind::ALL.len()],
                status: ActionStatus::ALL[(n + index) % ActionStatus::ALL.len()],
                status_reason: String::new(),
                tracking: format!("OPS-{n}"),
                done_when: "An alert fires within a minute of the first miss.".to_string(),
            })
            .collect();
        report.external.what_happened = format!("Some pages loaded slowly (update {n}).");
        report.tags = vec![format!("edit-{}", n % 5)];
    }

    // ----------------------------------------------------------------------------------------
    // The harness.

    fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
        match std::env::var(name) {
            Ok(value) => value
                .trim()
                .parse()
                .unwrap_or_else(|_| panic!("{name}={value} is not a number")),
            Err(_) => default,
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 2, 3, 12, 0, 0).unwrap()
    }

    struct Setup {
        _dir: tempfile::TempDir,
        db: PathBuf,
        id: PostmortemId,
        /// The report as created: every edit applies to it.
        base: Postmortem,
    }

    fn setup() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("edits.db");
        let store = Store::open(&db, now()).unwrap();
        let mut report =
            Postmortem::new("Cache stampede after a configuration change", "UTC", now());
        report.participants.push(Participant {
            id: uuid(3, 0).parse().unwrap(),
            name: "Ana Lima".to_string(),
            role: Role::IncidentCommander,
        });
        let base = store.insert(&report, now()).unwrap();
        assert_eq!(base.revision, 1);
        Setup {
            id: base.id,
            base,
            db,
            _dir: dir,
        }
    }

    fn expected(base: &Postmortem, revision: i64) -> Postmortem {
        let mut report = base.clone();
        if revision > 1 {
            edit(&mut report, revision - 1);
        }
        report.revision = revision;
        report
    }

    fn spawn_writer(setup: &Setup) -> std::process::Child {
        Command::new(std::env::current_exe().unwrap())
            .arg(WRITER)
            .arg(&setup.db)
            .arg(setup.id.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // Its own process group, so that one signal reaches everything it runs.
            .process_group(0)
            .spawn()
            .expect("the writer starts")
    }

    /// Kills the writer's group and returns the revisions it acknowledged, checking each line.
    fn kill_and_read(writer: std::process::Child, round: usize) -> Vec<i64> {
        // If the writer already stopped by itself, the status check below says why.
        let _ = kill_process_group(Pid::from_child(&writer), Signal::KILL);
        let output = writer
            .wait_with_output()
            .expect("the writer can be waited for");
        assert_eq!(
            output.status.signal(),
            Some(Signal::KILL.as_raw()),
            "round {round}: the writer stopped by itself ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        let stdout = String::from_utf8(output.stdout).expect("the writer prints text");
        let mut revisions = Vec::new();
        // Only complete lines are acknowledgements; a line cut by the kill does not count.
        for line in stdout.split_inclusive('\n') {
            let Some(line) = line.strip_suffix('\n') else {
                continue;
            };
            let mut words = line.split(' ');
            assert_eq!(words.next(), Some("saved"), "unexpected output: {line:?}");
            let revision: i64 = words.next().unwrap().parse().unwrap();
            assert_eq!(
                words.next(),
                Some(stamp(revision - 1).as_str()),
                "round {round}: the acknowledgement of revision {revision} names another edit"
            );
            if let Some(previous) = revisions.last() {
                assert_eq!(
                    revision,
                    previous + 1,
                    "round {round}: revisions skip: {line:?}"
                );
            }
            revisions.push(revision);
        }
        revisions
    }

    /// Reads the stored revision and summary through a plain connection that does not
    /// checkpoint the log when it closes, so the next writer starts on the killed one's log.
    fn peek(db: &Path, id: PostmortemId) -> (i64, String) {
        let connection = Connection::open_with_flags(
            db,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .unwrap();
        connection
            .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
            .unwrap();
        connection
            .query_row(
                "SELECT revision, summary FROM postmortems WHERE id = ?1",
                [id.to_string()],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .unwrap()
    }

    /// What the app sees on its next start: the whole report, and the search index's words.
    fn reopen(setup: &Setup) -> i64 {
        let store = Store::open(&setup.db, now()).unwrap();
        let stored = store.get(setup.id).unwrap();
        let revision = stored.revision;
        let mut wanted = expected(&setup.base, revision);
        // The time of the save is the writer's clock; everything else is the edit's.
        wanted.updated_at = stored.updated_at;
        assert_eq!(
            stored, wanted,
            "revision {revision} is not what its edit wrote"
        );
        if revision > 1 {
            let hits = store.search(&stamp(revision - 1)).unwrap();
            assert!(
                hits.iter().any(|hit| hit.report.id == setup.id),
                "the search index does not hold revision {revision}'s words"
            );
        }
        revision
    }

    /// The kill window: long enough for several saves after the writer has opened the store.
    fn calibrate(setup: &Setup) -> Duration {
        let mut writer = spawn_writer(setup);
        let started = Instant::now();
        let stdout = writer.stdout.take().unwrap();
        let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stdout));
        for _ in 0..SAVES_PER_WINDOW {
            if lines.next().is_none() {
                break;
            }
        }
        let elapsed = started.elapsed();
        drop(lines);
        kill_and_read(writer, 0);
        elapsed.clamp(Duration::from_millis(20), Duration::from_millis(2000))
    }

    fn harness() {
        let kills: usize = env_number("KILLS", DEFAULT_KILLS);
        let seed: u64 = env_number("SEED", DEFAULT_SEED);
        let setup = setup();
        let timer = Instant::now();
        let window = calibrate(&setup);
        let mut stored = reopen(&setup);
        let mut random = rand::rngs::StdRng::seed_from_u64(seed);
        let mut acknowledged = 0;
        let mut unacknowledged_commits = 0;
        for round in 1..=kills {
            let writer = spawn_writer(&setup);
            // Now and then a long run, so that the log grows until SQLite checkpoints it.
            let limit = if random.random_ratio(1, 20) {
                window * 8
            } else {
                window
            };
            std::thread::sleep(random.random_range(Duration::ZERO..=limit));
            let revisions = kill_and_read(writer, round);
            acknowledged += revisions.len();
            if let Some(first) = revisions.first() {
                assert_eq!(
                    *first,
                    stored + 1,
                    "round {round}: the first save was not based on the stored revision"
                );
            }
            let last = revisions.last().copied().unwrap_or(stored);
            assert!(
                last >= stored,
                "round {round}: acknowledged {last} after {stored} was stored"
            );
            let now_stored = if round % 2 == 0 {
                reopen(&setup)
            } else {
                let (revision, summary) = peek(&setup.db, setup.id);
                assert_eq!(
                    summary,
                    expected(&setup.base, revision).summary,
                    "round {round}: revision {revision} holds another edit's summary"
                );
                revision
            };
            assert!(
                now_stored == last || now_stored == last + 1,
                "round {round}: revision {last} was acknowledged, but {now_stored} is stored"
            );
            if now_stored == last + 1 {
                unacknowledged_commits += 1;
            }
            stored = now_stored;
        }

        let store = Store::open(&setup.db, now()).unwrap();
        let check = store.check().unwrap();
        assert!(
            check.is_healthy(),
            "the database fails its check: {check:?}"
        );
        drop(store);
        let connection = Connection::open(&setup.db).unwrap();
        connection
            .execute(
                "INSERT INTO postmortem_search (postmortem_search) VALUES ('integrity-check')",
                [],
            )
            .expect("the full-text index matches its rows");
        drop(connection);
        assert!(
            acknowledged * MIN_KILLS_PER_SAVE >= kills,
            "only {acknowledged} saves were acknowledged in {kills} kills: the kill window \
             ({window:?}) is too short to prove anything"
        );
        eprintln!(
            "{kills} kills (seed {seed:#x}, window {window:?}), {acknowledged} saves acknowledged, \
             none lost; {unacknowledged_commits} saves committed just before their kill; last \
             revision {stored}; {:.1} s",
            timer.elapsed().as_secs_f64()
        );
    }
}
