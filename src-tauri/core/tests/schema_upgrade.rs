//! Every earlier schema version upgrades to this one: each fixture database in `tests/fixtures/`
//! (at the repository's root) is backed up first, then migrated, and every report it holds reads
//! back as the version that wrote it stored it, the search index finds each report, and the
//! history and a new write work on it.
//!
//! `tests/fixtures/schema-<N>.db` was written by the `debrief-cli` of schema version N, and
//! `schema-<N>.json` is what that version's `show --json` printed for each of its reports; both
//! are made by `scripts/schema-fixtures.sh`. A new migration needs a fixture of the version before
//! it: `every_earlier_schema_version_has_a_fixture` fails until the script has made it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly at its first surprise"
)]

use chrono::{NaiveDate, TimeZone, Utc};
use debrief_core::history::{ActionFilter, ActionStatusChange, TrendsQuery};
use debrief_core::ids::PostmortemId;
use debrief_core::store::{Store, LATEST_VERSION};
use debrief_core::ActionStatus;
use serde_json::Value;
use std::path::{Path, PathBuf};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");

/// One fixture: the database written at `version` and the reports that version stored in it.
struct Fixture {
    version: i64,
    database: PathBuf,
    reports: Vec<Value>,
}

/// Every `schema-<N>.db` in the fixtures folder with its dump, in version order.
fn fixtures() -> Vec<Fixture> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(FIXTURES).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(version) = name
            .strip_prefix("schema-")
            .and_then(|rest| rest.strip_suffix(".db"))
        else {
            continue;
        };
        let version: i64 = version
            .parse()
            .unwrap_or_else(|_| panic!("{name}: the version in the name is not a number"));
        let dump = path.with_extension("json");
        let text = std::fs::read_to_string(&dump)
            .unwrap_or_else(|error| panic!("{name} has no dump {}: {error}", dump.display()));
        let reports: Vec<Value> = serde_json::from_str(&text).unwrap();
        found.push(Fixture {
            version,
            database: path,
            reports,
        });
    }
    found.sort_by_key(|fixture| fixture.version);
    found
}

/// The schema version and the number of reports of a database file, read without changing it.
fn version_and_reports(path: &Path) -> (i64, usize) {
    let connection = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .unwrap();
    let version = connection
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    let reports: i64 = connection
        .query_row("SELECT count(*) FROM postmortems", [], |row| row.get(0))
        .unwrap();
    (version, usize::try_from(reports).unwrap())
}

/// Records where `actual` differs from `expected`, for every field present in `expected`: fields
/// that a later version added (and the old one could not write) are not compared.
fn compare(expected: &Value, actual: &Value, at: &str, differences: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(expected), Value::Object(actual)) => {
            for (key, value) in expected {
                match actual.get(key) {
                    Some(found) => compare(value, found, &format!("{at}.{key}"), differences),
                    None => differences.push(format!("{at}.{key} is missing")),
                }
            }
        }
        (Value::Array(expected), Value::Array(actual)) if expected.len() == actual.len() => {
            for (index, (value, found)) in expected.iter().zip(actual).enumerate() {
                compare(value, found, &format!("{at}[{index}]"), differences);
            }
        }
        _ if expected == actual => {}
        _ => differences.push(format!("{at}: stored {expected}, read back {actual}")),
    }
}

/// The words of a text that the search index can be asked for: the longest one of letters only.
fn longest_word(text: &str) -> Option<&str> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|word| word.chars().count() >= 4)
        .max_by_key(|word| word.chars().count())
}

fn text<'a>(report: &'a Value, field: &str) -> &'a str {
    report[field].as_str().unwrap_or_default()
}

#[test]
fn every_earlier_schema_version_has_a_fixture() {
    let fixtures = fixtures();
    let versions: Vec<i64> = fixtures.iter().map(|fixture| fixture.version).collect();
    assert_eq!(
        versions,
        (1..LATEST_VERSION).collect::<Vec<_>>(),
        "tests/fixtures needs a database of every schema version before {LATEST_VERSION}: make \
         the missing ones with scripts/schema-fixtures.sh"
    );
    for fixture in &fixtures {
        let (version, reports) = version_and_reports(&fixture.database);
        assert_eq!(
            version,
            fixture.version,
            "{} holds schema version {version}",
            fixture.database.display()
        );
        assert_eq!(
            reports,
            fixture.reports.len(),
            "{}",
            fixture.database.display()
        );
        assert!(reports >= 3, "a fixture holds several reports");
    }
}

/// Byte offsets of the database header that SQLite rewrites whenever it writes a file (SQLite's
/// file format, section 1.3): the journal mode (18, 19), the change counter (24..28), the schema
/// cookie (40..44), and the counter and library version of the last write (92..100).
fn is_header_bookkeeping(offset: usize) -> bool {
    matches!(offset, 18 | 19 | 24..=27 | 40..=43 | 92..=99)
}

#[test]
fn every_fixture_is_backed_up_then_upgraded_with_every_report_in_it() {
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let fixtures = fixtures();
    assert!(!fixtures.is_empty());
    for fixture in fixtures {
        let name = format!("schema-{}.db", fixture.version);
        let original = std::fs::read(&fixture.database).unwrap();
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("library.db");
        std::fs::write(&path, &original).unwrap();

        let store = Store::open(&path, now).unwrap();
        assert_eq!(store.schema_version().unwrap(), LATEST_VERSION, "{name}");

        // The backup before the migration is the old file: every page as it was, only SQLite's
        // bookkeeping in the header rewritten by the copy.
        let backup = folder.path().join(format!(
            "library.db.v{}-20261127T090000Z.bak",
            fixture.version
        ));
        let copy = std::fs::read(&backup)
            .unwrap_or_else(|error| panic!("{name}: no backup {}: {error}", backup.display()));
        assert_eq!(copy.len(), original.len(), "{name}: the backup's size");
        let changed: Vec<usize> = (0..copy.len())
            .filter(|&offset| copy[offset] != original[offset])
            .collect();
        assert!(
            changed.iter().all(|&offset| is_header_bookkeeping(offset)),
            "{name}: the backup differs from the old file at bytes {changed:?}"
        );
        assert_eq!(
            version_and_reports(&backup),
            (fixture.version, fixture.reports.len()),
            "{name}: the backup holds the old version, whole"
        );

        let check = store.check().unwrap();
        assert!(check.is_healthy(), "{name}: {check:?}");
        assert_eq!(store.list().unwrap().len(), fixture.reports.len(), "{name}");

        // Every field the old version stored reads back the same.
        for stored in &fixture.reports {
            let id: PostmortemId = text(stored, "id").parse().unwrap();
            let report = store.get(id).unwrap();
            let mut differences = Vec::new();
            compare(
                stored,
                &serde_json::to_value(&report).unwrap(),
                &format!("{name} {id}"),
                &mut differences,
            );
            assert!(differences.is_empty(), "{differences:#?}");

            // The search index (rebuilt by a migration) finds the report by its words.
            for field in ["title", "summary", "monitoring"] {
                let Some(word) = longest_word(text(stored, field)) else {
                    continue;
                };
                let hits = store.search(word).unwrap();
                assert!(
                    hits.iter().any(|hit| hit.report.id == id),
                    "{name}: searching for {word:?} (from the {field}) does not find {id}"
                );
            }
        }

        // The history reads the upgraded rows.
        let items: usize = fixture
            .reports
            .iter()
            .map(|report| report["actionItems"].as_array().map_or(0, Vec::len))
            .sum();
        let actions = store.action_items(&ActionFilter::default(), today).unwrap();
        assert_eq!(actions.total as usize, items, "{name}");
        let trends = store.trends(&TrendsQuery::default(), today).unwrap();
        assert_eq!(trends.reports as usize, fixture.reports.len(), "{name}");

        // A write after the upgrade is kept across a reopen.
        let open = actions
            .items
            .iter()
            .find(|tracked| tracked.item.status != ActionStatus::Done)
            .expect("the fixture has an open action item");
        let change = ActionStatusChange {
            report_id: open.report_id,
            revision: open.report_revision,
            item_id: open.item.id,
            status: ActionStatus::Done,
            reason: String::new(),
        };
        store.set_action_status(&change, now).unwrap();
        drop(store);
        let store = Store::open(&path, now).unwrap();
        let report = store.get(change.report_id).unwrap();
        let item = report
            .action_items
            .iter()
            .find(|item| item.id == change.item_id)
            .unwrap();
        assert_eq!(item.status, ActionStatus::Done, "{name}");
        assert_eq!(report.revision, change.revision + 1, "{name}");
        assert!(store.check().unwrap().is_healthy(), "{name}");
    }
}
