//! The Debrief desktop shell: opens the library, registers the commands and plugins, runs the
//! window. Everything that is not glue lives in `debrief-core`.

pub mod commands;

use chrono::{DateTime, Utc};
use commands::{Library, LibraryState};
use debrief_core::store::{self, Store};
use std::path::PathBuf;

/// Starts the app and returns when its last window closes.
pub fn run() {
    draw_without_gpu_compositing();
    let library = open_library(Utc::now());
    if let Err(error) = library.store() {
        let shown = library
            .path()
            .map_or_else(|| "(no path)".to_string(), |p| p.display().to_string());
        eprintln!(
            "debrief: the database {shown} could not be opened: {}",
            error.message
        );
    }

    let instance = instance_id(library.path().as_deref());
    let outcome = tauri::Builder::default()
        // First, so that a second start stops before it opens anything.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(instance)
                .callback(|app, _args, _cwd| focus_main_window(app))
                .build(),
        )
        .plugin(tauri_plugin_dialog::init())
        .plugin(navigation_guard())
        .manage(library)
        .invoke_handler(tauri::generate_handler![
            commands::reports::library_page,
            commands::reports::library_facets,
            commands::reports::create_report,
            commands::reports::get_report,
            commands::reports::save_report,
            commands::reports::duplicate_report,
            commands::reports::delete_report,
            commands::reports::restore_report,
            commands::hints::check_report,
            commands::hints::list_readiness,
            commands::hints::get_walkthrough_reference,
            commands::history::list_related_incidents,
            commands::history::list_action_items,
            commands::history::set_action_status,
            commands::history::get_trends,
            commands::export::preview_external_message,
            commands::export::list_export_formats,
            commands::export::export_report,
            commands::export::automation_export_path,
            commands::backups::get_library_file,
            commands::backups::restore_library,
            commands::backups::open_library_file,
            commands::import::import_files,
            commands::import::automation_import_paths,
        ])
        .setup(|app| {
            // The whole file is checked, and then the daily copy taken, in the background, so
            // the window does not wait for either; writes wait for the check.
            check_library_in_background(app.handle(), AfterCheck::DailyBackup);
            checkpoint_in_background(app.handle());
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(error) = outcome {
        // Start-up failed before any window could show it (no display, no webview).
        eprintln!("debrief: the window could not be started: {error}");
        std::process::exit(1);
    }
}

/// Asks WebKitGTK to draw the page without accelerated compositing, unless the user has chosen
/// otherwise (`WEBKIT_DISABLE_COMPOSITING_MODE=0` turns compositing back on). The app's page is
/// forms, lists and text: composited layers buy it nothing, while they cost the web process about
/// 100 MiB and delay the first frame by about 200 ms (docs/PERFORMANCE.md, "Start and memory").
/// Called first, before any thread exists and before WebKit reads its environment.
fn draw_without_gpu_compositing() {
    const VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if cfg!(target_os = "linux") && std::env::var_os(VARIABLE).is_none() {
        std::env::set_var(VARIABLE, "1");
    }
}

/// Keeps the window on the app's own page. A script, a link or a form that tries to load another
/// address (a web page, a file) in the window is refused; the app has no links to other sites, so
/// nothing is handed to the system browser either. New windows are never opened: the webview's
/// default for `window.open` and `target=_blank` is to refuse them, and the guard refuses their
/// navigation too.
fn navigation_guard<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation-guard")
        .on_navigation(|_webview, url| {
            let allowed = is_app_page(url, tauri::is_dev());
            if !allowed {
                eprintln!("debrief: refused to load {url} in the window");
            }
            allowed
        })
        .build()
}

/// Whether `url` is a page of the app itself: the bundled UI (`tauri://localhost` on Linux and
/// macOS, `http://tauri.localhost` on Windows) or, in development, the UI's dev server.
pub fn is_app_page(url: &tauri::Url, dev: bool) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => {
            url.host_str() == Some("tauri.localhost")
                || (dev && url.host_str() == Some("localhost") && url.port() == Some(5173))
        }
        _ => false,
    }
}

/// The name under which the app is the one instance for its database: a second start of Debrief
/// on the same file hands over to the window already open (which comes to the front) and exits,
/// so that two windows never edit one library side by side. Another database gets another name.
/// Without a session bus (D-Bus on Linux) every start opens its own window, and revisions still
/// keep one window from overwriting the other's edits.
pub fn instance_id(database: Option<&std::path::Path>) -> String {
    const BASE: &str = "org.debrief.app";
    let Some(database) = database else {
        return BASE.to_string();
    };
    let path = database
        .canonicalize()
        .unwrap_or_else(|_| database.to_path_buf());
    // FNV-1a: stable across runs and versions, unlike the standard library's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in path.to_string_lossy().as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{BASE}.db{hash:016x}")
}

fn focus_main_window(app: &tauri::AppHandle) {
    use tauri::{Emitter, Manager};
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    let _ = app.emit("debrief://second-start", ());
}

/// Opens the database that `DEBRIEF_DB` or the platform data directory names. Failure is kept as
/// [`LibraryState::Unavailable`] so the window can say what went wrong instead of the app crashing.
pub fn open_library(now: DateTime<Utc>) -> Library {
    let path = match store::resolve_database_path(None) {
        Ok(path) => path,
        Err(error) => {
            return Library::new(LibraryState::Unavailable {
                path: None,
                reason: error.to_string(),
            })
        }
    };
    open_library_at(path, now)
}

/// Opens the database at `path`. The default data directory is created on first use; a path
/// chosen by the person (through `DEBRIEF_DB`) must already have its directory.
pub fn open_library_at(path: PathBuf, now: DateTime<Utc>) -> Library {
    Library::new(open_library_state(path, now))
}

/// Opens the database at `path` as [`open_library_at`] does, as the state of a [`Library`].
pub fn open_library_state(path: PathBuf, now: DateTime<Utc>) -> LibraryState {
    if Some(&path) == store::default_database_path().as_ref() {
        if let Some(directory) = path.parent() {
            if let Err(error) = std::fs::create_dir_all(directory) {
                return LibraryState::Unavailable {
                    reason: format!(
                        "the data directory {} could not be created: {error}",
                        directory.display()
                    ),
                    path: Some(path),
                };
            }
        }
    }
    match Store::open(&path, now) {
        // Its pages are checked in the background (`check_library_in_background`).
        Ok(store) => LibraryState::Open(Box::new(store)),
        Err(error) => LibraryState::Unavailable {
            path: Some(path),
            reason: error.to_string(),
        },
    }
}

/// What to do once the library's file has been found sound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterCheck {
    Nothing,
    /// Take the day's backup copy (at start; a damaged file is never copied over a good backup).
    DailyBackup,
}

/// The event the window hears when the library's file turns out to be damaged; its payload is
/// the message to show.
pub const LIBRARY_DAMAGED_EVENT: &str = "debrief://library-damaged";

/// Checks every page of the open library's file on a thread of its own. Opening a library reads
/// only its header and schema; damage further in (a bad disk sector, a file copied while it was
/// written) would otherwise show only when those pages are read. Reads go on meanwhile; writes
/// wait for the check. A damaged file is then closed unchanged, and the window is told why.
pub fn check_library_in_background(app: &tauri::AppHandle, after: AfterCheck) {
    use tauri::{Emitter, Manager};
    let Some(check) = app.state::<Library>().check_file() else {
        return;
    };
    let handle = app.clone();
    let spawned = std::thread::Builder::new()
        .name(CHECK_THREAD.to_string())
        .spawn(move || {
            let library = handle.state::<Library>();
            let path = check.path().to_path_buf();
            // Checking a large file keeps a processor busy for seconds; the window starting at the
            // same time must not wait for it, so the pages are read on a thread of the idle
            // scheduling class. That thread holds no lock others wait for (it reads on a
            // connection of its own); what follows (closing a damaged library, the daily copy)
            // takes the library's locks and runs here, at the usual priority, so that it is never
            // held up by other work while commands wait for it.
            let pages = std::thread::Builder::new()
                .name(format!("{CHECK_THREAD}-pages"))
                .spawn(move || {
                    run_when_idle();
                    check.run()
                })
                .map(std::thread::JoinHandle::join);
            let found = match pages {
                Ok(Ok(found)) => found,
                // The check did not run (no thread) or stopped: writes stay refused.
                _ => Some("the file could not be checked".to_string()),
            };
            match found {
                Some(detail) => {
                    if let Some(message) = library.mark_damaged(&path, &detail) {
                        eprintln!("debrief: {message}");
                        let _ = handle.emit(LIBRARY_DAMAGED_EVENT, message);
                    }
                }
                None => {
                    if after == AfterCheck::DailyBackup {
                        if let Err(error) = commands::backups::daily_backup(&library, Utc::now()) {
                            if error.code != debrief_core::ErrorCode::Database {
                                eprintln!(
                                    "debrief: the daily backup was not taken: {}",
                                    error.message
                                );
                            }
                        }
                    }
                    // The readiness scores of the rows a start shows, kept for the next start
                    // (until now writes waited for the check, so they could not be kept).
                    if let Ok(store) = library.store() {
                        if let Err(error) = debrief_core::readiness::keep_first_page(&store) {
                            eprintln!("debrief: the readiness scores were not kept: {error}");
                        }
                    }
                }
            }
        });
    if let Err(error) = spawned {
        // Without a thread the check cannot run: writes stay refused until the app restarts.
        eprintln!("debrief: the check of the library's file could not be started: {error}");
    }
}

/// How often the thread that checkpoints the library's write-ahead log looks whether one is due.
const CHECKPOINT_POLL: std::time::Duration = std::time::Duration::from_millis(250);

/// Copies what saves add to the library's write-ahead log into its file on a thread of its own,
/// in the pauses between saves, so that no save pays for that copy (`Store::checkpoint_if_due`).
/// Follows the library when another file is opened or a backup restored.
pub fn checkpoint_in_background(app: &tauri::AppHandle) {
    use tauri::Manager;
    let handle = app.clone();
    let spawned = std::thread::Builder::new()
        .name("library-checkpoint".to_string())
        .spawn(move || {
            // At the usual priority: a checkpoint holds locks that saves may wait for.
            let mut last_problem: Option<String> = None;
            loop {
                std::thread::sleep(CHECKPOINT_POLL);
                let library = handle.state::<Library>();
                let Ok(store) = library.store() else {
                    continue;
                };
                match store.checkpoint_if_due(std::time::Instant::now()) {
                    Ok(_) => last_problem = None,
                    Err(error) => {
                        // Saves then checkpoint the log themselves, later: said once.
                        let problem = error.to_string();
                        if last_problem.as_ref() != Some(&problem) {
                            eprintln!("debrief: the library's log was not checkpointed: {problem}");
                            last_problem = Some(problem);
                        }
                    }
                }
            }
        });
    if let Err(error) = spawned {
        eprintln!("debrief: saves will checkpoint the library's log themselves: {error}");
    }
}

/// The name of the thread that checks the library's file (and then takes the daily backup); the
/// benchmark of the real app waits until it has ended before it measures saves.
pub const CHECK_THREAD: &str = "library-check";

/// Moves the calling thread into the idle scheduling class (Linux `SCHED_IDLE`): it runs only on a
/// processor nothing else wants. Elsewhere, and where the system refuses, it keeps its priority.
fn run_when_idle() {
    #[cfg(target_os = "linux")]
    {
        use thread_priority::unix::{
            set_thread_priority_and_policy, thread_native_id, NormalThreadSchedulePolicy,
            ThreadSchedulePolicy,
        };
        let idle = ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Idle);
        if let Err(error) = set_thread_priority_and_policy(
            thread_native_id(),
            thread_priority::ThreadPriority::Min,
            idle,
        ) {
            eprintln!("debrief: the file check keeps its priority ({error:?})");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use debrief_core::ErrorCode;

    #[cfg(target_os = "linux")]
    #[test]
    fn the_file_check_runs_in_the_idle_scheduling_class() {
        use thread_priority::unix::{
            thread_schedule_policy, NormalThreadSchedulePolicy, ThreadSchedulePolicy,
        };
        let policy = std::thread::spawn(|| {
            run_when_idle();
            thread_schedule_policy()
        })
        .join()
        .unwrap()
        .unwrap();
        assert_eq!(
            policy,
            ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Idle)
        );
    }

    #[test]
    fn a_new_database_file_is_created_and_opened() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("library.db");
        let library = open_library_at(path.clone(), Utc::now());
        let store = library.store().unwrap();
        assert!(store.list().unwrap().is_empty());
        assert!(path.exists());
    }

    #[test]
    fn a_damaged_file_is_reported_and_left_untouched() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("damaged.db");
        let content = b"this is not a database, but it is someone's file".repeat(100);
        std::fs::write(&path, &content).unwrap();

        let library = open_library_at(path.clone(), Utc::now());
        let Err(error) = library.store() else {
            panic!("a damaged file must not open");
        };
        assert_eq!(error.code, ErrorCode::Database);
        assert!(
            error.message.contains("damaged.db"),
            "the message names the file: {}",
            error.message
        );
        assert_eq!(std::fs::read(&path).unwrap(), content);
        let names: Vec<_> = std::fs::read_dir(directory.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(
            names,
            ["damaged.db"],
            "no -wal, -shm or other file was made"
        );
    }

    #[test]
    fn a_library_with_damaged_pages_is_found_by_its_check_and_left_untouched() {
        let (directory, path, bytes) = library_with_damaged_pages();

        // It opens (only its header and schema are read), and its check finds the damage.
        let library = open_library_at(path.clone(), Utc::now());
        let check = library
            .check_file()
            .expect("an open library has a file to check");
        let detail = check.run().expect("the check finds the damage");
        let write = library
            .store()
            .unwrap()
            .create("Not written", "UTC", Utc::now());
        assert!(
            write.is_err(),
            "a write is refused once the damage is found"
        );
        let message = library.mark_damaged(&path, &detail).unwrap();
        let Err(error) = library.store() else {
            panic!("a damaged library is closed");
        };
        assert_eq!(error.message, message);
        assert_damaged_and_untouched(&error, library, &directory, &bytes);
    }

    #[test]
    fn a_read_that_finds_damaged_pages_before_the_check_closes_the_library_and_says_why() {
        let (directory, path, bytes) = library_with_damaged_pages();
        let library = open_library_at(path, Utc::now());
        let _check = library.check_file();
        let Err(error) = library.read(|store| store.list()) else {
            panic!("the whole list reads the damaged pages");
        };
        let Err(closed) = library.store() else {
            panic!("a damaged library is closed");
        };
        assert_eq!(closed, error, "every command now answers the same");
        assert_damaged_and_untouched(&error, library, &directory, &bytes);
    }

    fn assert_damaged_and_untouched(
        error: &commands::IpcError,
        library: Library,
        directory: &tempfile::TempDir,
        bytes: &[u8],
    ) {
        assert_eq!(error.code, ErrorCode::Database);
        assert!(
            error.message.contains("library.db") && error.message.contains("restore a backup"),
            "the message names the file and says what to do: {}",
            error.message
        );
        drop(library);
        assert!(
            std::fs::read(directory.path().join("library.db")).unwrap() == bytes,
            "the file is unchanged"
        );
        let names: Vec<_> = std::fs::read_dir(directory.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["library.db"], "nothing is left beside the file");
    }

    /// A library of 40 reports whose last third of pages is overwritten, and its bytes.
    fn library_with_damaged_pages() -> (tempfile::TempDir, PathBuf, Vec<u8>) {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("library.db");
        {
            let store = Store::open(&path, Utc::now()).unwrap();
            for number in 0..40 {
                let mut report = store
                    .create(&format!("Report {number}"), "UTC", Utc::now())
                    .unwrap();
                report.summary = "Consumers fell behind after the upgrade. ".repeat(20);
                store.save(&report, Utc::now()).unwrap();
            }
        }
        // The schema pages stay readable; the last third of the pages (the reports written last,
        // their index and search rows) is overwritten.
        let mut bytes = std::fs::read(&path).unwrap();
        let page_size = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
        let pages = bytes.len() / page_size;
        let from = (pages - pages / 3) * page_size;
        for (offset, byte) in bytes[from..].iter_mut().enumerate() {
            *byte = (offset.wrapping_mul(2_654_435_761) >> 7) as u8;
        }
        std::fs::write(&path, &bytes).unwrap();
        (directory, path, bytes)
    }

    #[test]
    fn only_the_apps_own_pages_may_load_in_the_window() {
        let url = |text: &str| tauri::Url::parse(text).unwrap();
        for own in [
            "tauri://localhost",
            "tauri://localhost/index.html#report",
            "http://tauri.localhost/",
        ] {
            assert!(is_app_page(&url(own), false), "{own}");
        }
        for foreign in [
            "https://example.com/",
            "http://example.com/tauri.localhost",
            "https://tauri.localhost.example.com/",
            "tauri://example.com/",
            "file:///etc/passwd",
            "data:text/html,<p>hi</p>",
            "javascript:alert(1)",
            "mailto:someone@example.com",
            "about:blank",
            "http://localhost:5173/",
        ] {
            assert!(!is_app_page(&url(foreign), false), "{foreign}");
        }
        assert!(is_app_page(&url("http://localhost:5173/"), true));
        assert!(!is_app_page(&url("http://localhost:8080/"), true));
    }

    #[test]
    fn a_missing_directory_chosen_by_the_person_is_not_created() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("nowhere").join("library.db");
        let library = open_library_at(path, Utc::now());
        assert!(library.store().is_err());
        assert!(!directory.path().join("nowhere").exists());
    }
}
