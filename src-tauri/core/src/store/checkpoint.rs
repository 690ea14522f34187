//! Checkpoints of the write-ahead log, away from saves.
//!
//! A save appends its pages to the write-ahead log (WAL) and syncs only the log. Now and then the
//! log's pages must be copied back into the database file: a checkpoint. SQLite runs one by
//! itself in the connection whose commit took the log past 1,000 pages, so every so many saves one
//! save also copies the log and syncs the database file: tens of milliseconds instead of a few.
//! [`Store::checkpoint`] does that copy on a connection of its own, from a thread that is not
//! waiting for a save; once it has been called, the store's own connection checkpoints only when
//! the log has grown past [`LATE_CHECKPOINT_PAGES`], as a safety net should the calls stop.
//!
//! Even on its own connection, a checkpoint's sync of the database file can hold up a save's sync
//! of the log (the file system commits both in one journal), so [`Store::checkpoint_if_due`]
//! waits for a pause in the writes ([`QUIET`]); during a long run of writes it goes ahead at the
//! latest [`LATEST`] after the first of them.

use super::Store;
use crate::Result;
use rusqlite::{Connection, OpenFlags};
use std::time::{Duration, Instant};

/// A checkpoint waits for writes to pause this long.
pub const QUIET: Duration = Duration::from_secs(2);

/// ... but not longer than this after the first write it has not copied.
pub const LATEST: Duration = Duration::from_secs(30);

/// The writes not yet checkpointed: when the first and the last of them began.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct PendingWrites {
    first: Option<Instant>,
    last: Option<Instant>,
}

impl PendingWrites {
    pub(super) fn record(&mut self, at: Instant) {
        self.first.get_or_insert(at);
        self.last = Some(at);
    }

    /// Whether a checkpoint is due at `now`.
    fn due(&self, now: Instant) -> bool {
        match (self.first, self.last) {
            (Some(first), Some(last)) => {
                now.saturating_duration_since(last) >= QUIET
                    || now.saturating_duration_since(first) >= LATEST
            }
            _ => false,
        }
    }
}

/// How many pages the log may hold before a save checkpoints it itself, once checkpoints are
/// made by [`Store::checkpoint`] (SQLite's default is 1,000): 32 MiB with 4 KiB pages.
pub const LATE_CHECKPOINT_PAGES: u32 = 8_000;

/// What one call of [`Store::checkpoint`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Checkpoint {
    /// Pages in the log.
    pub log_pages: u32,
    /// Pages of the log that are now in the database file.
    pub copied_pages: u32,
    /// Nothing was done: the file is being checked or was found damaged, or the store has no
    /// file.
    pub skipped: bool,
}

impl Store {
    /// Checkpoints (as [`Store::checkpoint`] does) when writes have paused for [`QUIET`], or
    /// [`LATEST`] after the first write not yet copied; `None` when none is due at `now`.
    pub fn checkpoint_if_due(&self, now: Instant) -> Result<Option<Checkpoint>> {
        let pending = *self.pending_writes();
        if !pending.due(now) {
            return Ok(None);
        }
        let done = self.checkpoint()?;
        if !done.skipped {
            // Only what was pending when this began is known to be copied.
            let mut writes = self.pending_writes();
            if *writes == pending {
                *writes = PendingWrites::default();
            }
        }
        Ok(Some(done))
    }

    /// The writes not yet checkpointed; each write records itself (`Store::writer`).
    pub(super) fn pending_writes(&self) -> std::sync::MutexGuard<'_, PendingWrites> {
        self.pending_writes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Copies into the database file the pages that writes have added to its write-ahead log,
    /// without waiting for readers or writers and without holding them up (a passive checkpoint
    /// on a connection of its own). Call it from a background thread now and then; see the
    /// module's documentation. Skipped while the file is being checked or after it was found
    /// damaged: nothing is then written to it.
    pub fn checkpoint(&self) -> Result<Checkpoint> {
        let Some(path) = self.path.as_ref().filter(|_| self.gate.is_open()) else {
            return Ok(Checkpoint {
                skipped: true,
                ..Checkpoint::default()
            });
        };
        let mut checkpointer = self
            .checkpointer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let connection = match &mut *checkpointer {
            Some(connection) => connection,
            none => {
                let connection = Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
                .map_err(|error| {
                    crate::Error::database(path, format!("cannot open it to checkpoint: {error}"))
                })?;
                // From now on the saves leave checkpoints to these calls.
                self.connection().pragma_update(
                    None,
                    "wal_autocheckpoint",
                    LATE_CHECKPOINT_PAGES,
                )?;
                none.insert(connection)
            }
        };
        let (_busy, log, copied): (i64, i64, i64) =
            connection.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })?;
        let pages = |value: i64| u32::try_from(value.max(0)).unwrap_or(u32::MAX);
        Ok(Checkpoint {
            log_pages: pages(log),
            copied_pages: pages(copied),
            // -1: the file is not in WAL mode (nothing to copy).
            skipped: log < 0,
        })
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "a test fails loudly at its first surprise"
)]
mod tests {
    use super::*;
    use crate::testing::{at, full_report};

    fn wal_pages(path: &std::path::Path) -> u64 {
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        std::fs::metadata(wal).map_or(0, |meta| meta.len()) / 4096
    }

    #[test]
    fn saves_leave_the_log_to_the_checkpoint_which_copies_all_of_it() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("library.db");
        let store = Store::open(&path, at(9, 0)).unwrap();
        assert!(!store.checkpoint().unwrap().skipped);
        let autocheckpoint: u32 = store
            .connection()
            .query_row("PRAGMA wal_autocheckpoint", [], |row| row.get(0))
            .unwrap();
        assert_eq!(autocheckpoint, LATE_CHECKPOINT_PAGES);

        // Enough writes to pass SQLite's own threshold of 1,000 pages: no save copies the log.
        let mut report = full_report();
        report.summary = "The consumers fell behind after the broker upgrade. ".repeat(400);
        let mut stored = store.insert(&report, at(9, 0)).unwrap();
        for _ in 0..2_000 {
            if wal_pages(&path) >= 1_500 {
                break;
            }
            stored.summary.push_str(" Again.");
            stored = store.save(&stored, at(9, 1)).unwrap();
        }
        assert!(
            wal_pages(&path) >= 1_500,
            "a save checkpointed the log itself"
        );

        let done = store.checkpoint().unwrap();
        assert!(done.log_pages >= 1_500, "{done:?}");
        assert_eq!(done.copied_pages, done.log_pages, "{done:?}");
        assert!(!done.skipped);
        // What was copied reads back from the file alone, without its log.
        drop(store);
        let copy = folder.path().join("copy.db");
        std::fs::copy(&path, &copy).unwrap();
        let reopened = Store::open(&copy, at(9, 2)).unwrap();
        assert_eq!(reopened.get(stored.id).unwrap().summary, stored.summary);
    }

    #[test]
    fn a_checkpoint_waits_for_a_pause_in_the_writes_or_for_the_latest_time() {
        let start = Instant::now();
        let mut writes = PendingWrites::default();
        assert!(
            !writes.due(start + LATEST * 2),
            "nothing written, nothing due"
        );
        writes.record(start);
        assert!(!writes.due(start + QUIET / 2));
        assert!(writes.due(start + QUIET));
        // Writes that keep coming put it off, up to the latest time after the first of them.
        let mut at = start;
        while at < start + LATEST {
            at += QUIET / 2;
            writes.record(at);
            let now = at + QUIET / 4;
            assert_eq!(
                writes.due(now),
                now >= start + LATEST,
                "at {:?}",
                now - start
            );
        }
    }

    #[test]
    fn a_due_checkpoint_copies_the_writes_and_then_nothing_is_due() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("library.db");
        let store = Store::open(&path, at(9, 0)).unwrap();
        assert_eq!(
            store.checkpoint_if_due(Instant::now() + LATEST).unwrap(),
            None
        );
        store.create("Written", "UTC", at(9, 0)).unwrap();
        assert_eq!(store.checkpoint_if_due(Instant::now()).unwrap(), None);
        let done = store
            .checkpoint_if_due(Instant::now() + QUIET)
            .unwrap()
            .unwrap();
        assert!(
            done.log_pages > 0 && done.copied_pages == done.log_pages,
            "{done:?}"
        );
        assert_eq!(
            store.checkpoint_if_due(Instant::now() + QUIET).unwrap(),
            None
        );
    }

    #[test]
    fn nothing_is_checkpointed_while_the_file_is_checked_or_in_memory() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("library.db");
        let store = Store::open(&path, at(9, 0)).unwrap();
        store.create("Checked first", "UTC", at(9, 0)).unwrap();
        let check = store.check_file_later().unwrap();
        assert!(store.checkpoint().unwrap().skipped);
        assert_eq!(check.run(), None);
        assert!(!store.checkpoint().unwrap().skipped);

        let memory = Store::open_in_memory().unwrap();
        assert!(memory.checkpoint().unwrap().skipped);
    }
}
