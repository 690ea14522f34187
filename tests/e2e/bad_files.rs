//! A library file the app cannot use, in the real window: a real library with damaged pages, one
//! cut in half, and one written by a newer Debrief. Each is reported on the start-up screen, which
//! names the file, says what to do and offers the ways out; the file is never written and nothing
//! is created beside it. Then the ways out themselves: quit, and open another library through the
//! native file dialog (driven with `xdotool` on the test's own X display, since WebDriver cannot
//! reach a GTK dialog).

use crate::harness::*;
use crate::webdriver::{poll, Driver, Result};
use chrono::Utc;
use debrief_core::store::{Store, LATEST_VERSION};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The kinds of file that must be refused, besides one that is not SQLite at all (covered by
/// `a_damaged_database_is_reported_in_the_window_and_left_untouched`).
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// A real library whose header is intact but whose b-tree pages after the first are garbage
    /// (the schema can no longer be read).
    DamagedPages,
    /// A real library whose schema pages are intact but whose last pages (the reports written
    /// last, their index and search rows) are garbage.
    DamagedDataPages,
    /// A real library file cut in half.
    Truncated,
    /// A real library whose schema version is above the one this build knows.
    Newer,
}

/// A real library with enough reports to span many pages, closed cleanly (no WAL beside it).
fn real_library(path: &Path) -> Vec<u8> {
    {
        let store = Store::open(path, Utc::now()).expect("a library");
        for number in 0..40 {
            let mut report = store
                .create(&format!("Queue backlog {number}"), "UTC", Utc::now())
                .expect("a report");
            report.summary = "The consumers fell behind after the broker upgrade. ".repeat(20);
            store.save(&report, Utc::now()).expect("a save");
        }
    }
    for suffix in ["-wal", "-shm"] {
        assert!(
            !Path::new(&format!("{}{suffix}", path.display())).exists(),
            "the library was closed cleanly"
        );
    }
    std::fs::read(path).expect("the library is readable")
}

/// Writes a file of `kind` at `path` and returns its bytes.
fn write_bad_file(kind: Kind, path: &Path) -> Vec<u8> {
    let mut bytes = real_library(path);
    let page_size = match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65_536,
        size => usize::from(size),
    };
    assert!(bytes.len() >= 8 * page_size, "the library spans many pages");
    match kind {
        Kind::DamagedPages => {
            // Page 1 (the header and the schema) stays readable; every other page is overwritten.
            let garbage: Vec<u8> = (0..bytes.len() - page_size)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 7) as u8)
                .collect();
            bytes[page_size..].copy_from_slice(&garbage);
        }
        Kind::DamagedDataPages => {
            let pages = bytes.len() / page_size;
            let from = (pages - pages / 3) * page_size;
            let garbage: Vec<u8> = (from..bytes.len())
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 7) as u8)
                .collect();
            bytes[from..].copy_from_slice(&garbage);
        }
        Kind::Truncated => bytes.truncate(bytes.len() / 2),
        Kind::Newer => {
            // SQLite keeps `user_version` at offset 60 of the header, big-endian.
            let newer = u32::try_from(LATEST_VERSION + 1).expect("a small version");
            bytes[60..64].copy_from_slice(&newer.to_be_bytes());
        }
    }
    std::fs::write(path, &bytes).expect("the bad file is written");
    bytes
}

/// What the screen must tell the person to do about each kind.
fn advice(kind: Kind) -> &'static str {
    match kind {
        Kind::DamagedPages | Kind::DamagedDataPages | Kind::Truncated => "restore a backup",
        Kind::Newer => "update Debrief",
    }
}

/// A folder holding only the bad file, and the webview's own files beside it.
struct BadLibrary {
    directory: tempfile::TempDir,
    folder: PathBuf,
    database: PathBuf,
    bytes: Vec<u8>,
}

impl BadLibrary {
    fn new(kind: Kind) -> BadLibrary {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let folder = directory.path().join("data");
        std::fs::create_dir(&folder).expect("the data folder is made");
        let database = folder.join("library.db");
        let bytes = write_bad_file(kind, &database);
        BadLibrary {
            directory,
            folder,
            database,
            bytes,
        }
    }

    fn start(&self) -> Result<Driver> {
        start_driver_in(&self.database, &self.directory.path().join("webview"), &[])
    }

    /// Fails unless the file is byte for byte as written and alone in its folder.
    fn assert_untouched(&self, kind: Kind) {
        let now = std::fs::read(&self.database).expect("the file is still there");
        assert!(now == self.bytes, "{kind:?}: the file was changed");
        let mut files: Vec<_> = std::fs::read_dir(&self.folder)
            .expect("the folder is readable")
            .map(|entry| entry.expect("an entry").file_name())
            .collect();
        files.sort();
        assert_eq!(
            files,
            ["library.db"],
            "{kind:?}: nothing is created beside the file"
        );
    }
}

/// Waits for the start-up screen and checks what it says and offers for `kind`.
fn check_screen(session: &crate::webdriver::Session<'_>, kind: Kind) -> Result<()> {
    let message = session.wait_for("[data-testid=startup-error-message]", START_TIMEOUT)?;
    let text = session.text(&message)?;
    assert!(
        text.contains("library.db"),
        "{kind:?}: the message names the file: {text}"
    );
    assert!(
        text.contains(advice(kind)),
        "{kind:?}: the message says to {}: {text}",
        advice(kind)
    );
    for option in [
        "[data-testid=backups]",
        "[data-testid=backup-pick]",
        "[data-testid=open-other-library]",
        "[data-testid=new-library]",
        "[data-testid=quit]",
    ] {
        let button = session
            .wait_for(option, STEP_TIMEOUT)
            .map_err(|error| crate::webdriver::Error::new(format!("{kind:?}: {error}")))?;
        assert_eq!(
            session.property(&button, "disabled")?,
            if option == "[data-testid=backups]" {
                serde_json::Value::Null
            } else {
                serde_json::json!(false)
            },
            "{kind:?}: {option} can be used"
        );
    }
    Ok(())
}

#[test]
fn a_library_with_damaged_pages_cut_short_or_from_a_newer_version_is_reported_and_untouched(
) -> Result<()> {
    let _running = shared();
    let app = app_binary();
    for kind in [
        Kind::DamagedPages,
        Kind::DamagedDataPages,
        Kind::Truncated,
        Kind::Newer,
    ] {
        let library = BadLibrary::new(kind);
        let driver = library.start()?;
        let session = driver.new_session(&app)?;
        check_screen(&session, kind)?;
        assert!(
            session.find("[data-testid=new-report]").is_err(),
            "{kind:?}: no library is shown"
        );
        session.end()?;
        driver.wait_for_exit(&app, STEP_TIMEOUT)?;
        library.assert_untouched(kind);
    }
    Ok(())
}

#[test]
fn quit_on_the_error_screen_ends_the_app_and_leaves_the_file_untouched() -> Result<()> {
    let _running = shared();
    let app = app_binary();
    let library = BadLibrary::new(Kind::Truncated);
    let driver = library.start()?;
    let session = driver.new_session(&app)?;
    check_screen(&session, Kind::Truncated)?;
    assert!(!driver.processes_running(&app).is_empty());
    // The window closes while the click is answered, so the driver may report the click as failed;
    // what counts is that the app ends.
    let quit = session.wait_for("[data-testid=quit]", STEP_TIMEOUT)?;
    let _ = session.click(&quit);
    driver.wait_for_exit(&app, STEP_TIMEOUT)?;
    // The window is gone with the app; ending the session only tidies the driver up.
    let _ = session.end();
    library.assert_untouched(Kind::Truncated);
    Ok(())
}

/// Runs `xdotool` with `args` on the driver's X display.
fn xdotool(driver: &Driver, args: &[&str]) -> Result<String> {
    let output = Command::new("xdotool")
        .env("DISPLAY", driver.display())
        .args(args)
        .output()
        .map_err(|error| {
            crate::webdriver::Error::new(format!(
                "cannot run xdotool: {error}; install it (Debian: `apt-get install xdotool`)"
            ))
        })?;
    if !output.status.success() {
        return Err(crate::webdriver::Error::new(format!(
            "xdotool {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The id of the visible window titled `title`, if there is one.
fn find_window(driver: &Driver, title: &str) -> Option<String> {
    xdotool(driver, &["search", "--onlyvisible", "--name", title])
        .ok()?
        .lines()
        .next()
        .map(str::to_string)
}

/// Waits for the native dialog titled `title`, gives it the keyboard, and types `path` into its
/// location field (Ctrl+L opens it in an Open dialog; in a Save dialog it is the name field,
/// which takes a whole path too), replacing what the field held, then Return. The dialog may take
/// keys only once it is fully drawn, so this is tried again while the dialog stays open.
fn answer_file_dialog(driver: &Driver, title: &str, path: &Path) -> Result<()> {
    let mut window = None;
    poll(START_TIMEOUT, &format!("the dialog “{title}”"), || {
        window = find_window(driver, title);
        Ok(window.is_some())
    })?;
    let window = window.unwrap_or_default();
    for _attempt in 0..5 {
        xdotool(driver, &["windowfocus", "--sync", &window])?;
        xdotool(driver, &["key", "--clearmodifiers", "ctrl+l"])?;
        xdotool(driver, &["key", "--clearmodifiers", "ctrl+a"])?;
        xdotool(
            driver,
            &["type", "--delay", "20", &path.display().to_string()],
        )?;
        xdotool(driver, &["key", "Return"])?;
        if poll(
            STEP_TIMEOUT / 3,
            &format!("the dialog “{title}” to close"),
            || Ok(find_window(driver, title).is_none()),
        )
        .is_ok()
        {
            return Ok(());
        }
    }
    Err(crate::webdriver::Error::new(format!(
        "the dialog “{title}” did not take the path {}",
        path.display()
    )))
}

#[test]
fn open_another_library_on_the_error_screen_shows_that_library() -> Result<()> {
    let _running = shared();
    let app = app_binary();
    let library = BadLibrary::new(Kind::DamagedPages);
    let other_folder = library.directory.path().join("other");
    std::fs::create_dir(&other_folder).expect("the other folder is made");
    let other = other_folder.join("team.db");
    {
        let store = Store::open(&other, Utc::now()).expect("the other library");
        store
            .create("Certificate expiry on the edge proxies", "UTC", Utc::now())
            .expect("a report");
    }

    let driver = library.start()?;
    let session = driver.new_session(&app)?;
    check_screen(&session, Kind::DamagedPages)?;
    click(&session, "[data-testid=open-other-library]")?;
    answer_file_dialog(&driver, "Open another library", &other)?;

    poll(STEP_TIMEOUT, "the other library's report", || {
        Ok(listed_titles(&session)? == ["Certificate expiry on the edge proxies"])
    })?;
    wait_for_text(&session, "[data-testid=toast]", "team.db")?;
    session.end()?;
    driver.wait_for_exit(&app, STEP_TIMEOUT)?;
    library.assert_untouched(Kind::DamagedPages);
    Ok(())
}

#[test]
fn start_a_new_library_on_the_error_screen_makes_an_empty_one() -> Result<()> {
    let _running = shared();
    let app = app_binary();
    let library = BadLibrary::new(Kind::Newer);
    let fresh = library.directory.path().join("fresh.db");

    let driver = library.start()?;
    let session = driver.new_session(&app)?;
    check_screen(&session, Kind::Newer)?;
    click(&session, "[data-testid=new-library]")?;
    answer_file_dialog(&driver, "Start a new library", &fresh)?;

    wait_until_ready(&session)?;
    assert!(
        listed_titles(&session)?.is_empty(),
        "a new library is empty"
    );
    new_report(&session, "Disk full on the build agents")?;
    wait_for_save_state(&session, "saved")?;
    session.end()?;
    driver.wait_for_exit(&app, STEP_TIMEOUT)?;

    let titles: Vec<String> = Store::open(&fresh, Utc::now())
        .expect("the new library opens")
        .list()
        .expect("its reports")
        .into_iter()
        .map(|report| report.title)
        .collect();
    assert_eq!(titles, ["Disk full on the build agents"]);
    library.assert_untouched(Kind::Newer);
    Ok(())
}
