//! What every end-to-end test does: start the app on a database of its own, wait for it, find,
//! click and type, and move through the walkthrough.

use crate::webdriver::{self, poll, Driver, Element, Result, Session};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Tests take this for reading while they run; a test that measures speed takes it for writing,
/// so that it runs alone and the others' windows do not slow it down.
pub static SOLO: std::sync::RwLock<()> = std::sync::RwLock::new(());

/// Lets the test run beside others (but not beside a measuring one) until the guard is dropped.
pub fn shared() -> std::sync::RwLockReadGuard<'static, ()> {
    SOLO.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Lets the test run alone until the guard is dropped.
pub fn alone() -> std::sync::RwLockWriteGuard<'static, ()> {
    SOLO.write()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Long enough for a cold start of the app on a slow machine; a passing run takes far less.
pub const START_TIMEOUT: Duration = Duration::from_secs(60);
pub const STEP_TIMEOUT: Duration = Duration::from_secs(15);

/// The app under test: the binary cargo built, or the one `DEBRIEF_E2E_APP` names (the package
/// test points it at the installed `/usr/bin/debrief`).
pub fn app_binary() -> PathBuf {
    std::env::var_os("DEBRIEF_E2E_APP")
        .filter(|path| !path.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_debrief")))
}

/// Fails (never skips) when the test cannot run here, and says what to do.
fn require_environment() -> PathBuf {
    let driver = webdriver::driver_binary();
    assert!(
        driver.exists(),
        "{} is missing: install WebKitWebDriver (Debian: `apt-get install webkit2gtk-driver`) or \
         set WEBKIT_WEBDRIVER to its path",
        driver.display()
    );
    driver
}

/// Starts WebKitWebDriver for an app on `database`, with `extra` added to the app's environment.
/// The webview keeps its storage (the remembered editor mode) in a `webview` folder beside the
/// database, so that tests running at the same time do not share it.
pub fn start_driver_with(database: &Path, extra: &[(&str, &OsStr)]) -> Result<Driver> {
    let home = database.parent().unwrap_or(Path::new(".")).join("webview");
    start_driver_in(database, &home, extra)
}

/// Like [`start_driver_with`], with the webview's files in `data_home`.
pub fn start_driver_in(
    database: &Path,
    data_home: &Path,
    extra: &[(&str, &OsStr)],
) -> Result<Driver> {
    let driver = require_environment();
    let mut environment: Vec<(&str, &OsStr)> = vec![
        // Lets WebKitWebDriver drive the Tauri webview.
        ("TAURI_WEBVIEW_AUTOMATION", OsStr::new("true")),
        // The app under test works on a database of its own.
        ("DEBRIEF_DB", database.as_os_str()),
        ("XDG_DATA_HOME", data_home.as_os_str()),
        ("XDG_CACHE_HOME", data_home.as_os_str()),
    ];
    environment.extend_from_slice(extra);
    Driver::start(&driver, &environment, START_TIMEOUT)
}

pub fn start_driver(database: &Path) -> Result<Driver> {
    start_driver_with(database, &[])
}

/// Waits until the library has loaded (the "New postmortem" button is enabled).
pub fn wait_until_ready(session: &Session<'_>) -> Result<()> {
    poll(START_TIMEOUT, "the library to load", || {
        let Ok(button) = session.find("[data-testid=new-report]") else {
            return Ok(false);
        };
        Ok(session.property(&button, "disabled")? == serde_json::json!(false))
    })
}

/// The titles in the library, top to bottom, read in one go (the list may be redrawn meanwhile).
pub fn listed_titles(session: &Session<'_>) -> Result<Vec<String>> {
    let value = session.execute(
        "return [...document.querySelectorAll('[data-testid=report-item-title]')]\
           .map((element) => element.textContent.trim());",
        Vec::new(),
    )?;
    Ok(strings(&value))
}

fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|item| item.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

pub fn click(session: &Session<'_>, css: &str) -> Result<Element> {
    let element = session.wait_for(css, STEP_TIMEOUT)?;
    session.click(&element)?;
    Ok(element)
}

/// Clicks an element inside `within`.
pub fn click_in(session: &Session<'_>, within: &Element, css: &str) -> Result<Element> {
    let element = find_in(session, within, css)?;
    session.click(&element)?;
    Ok(element)
}

/// The first element matching `css` inside `within`.
pub fn find_in(session: &Session<'_>, within: &Element, css: &str) -> Result<Element> {
    session.find_from(within, css)
}

/// Types into the field matching `css`, after the text it has.
pub fn type_into(session: &Session<'_>, css: &str, text: &str) -> Result<Element> {
    let element = session.wait_for(css, STEP_TIMEOUT)?;
    session.click(&element)?;
    session.send_keys(&element, text)?;
    Ok(element)
}

/// Replaces the text of the field matching `css` as a person does: select all, then type.
pub fn replace_text(session: &Session<'_>, css: &str, text: &str) -> Result<Element> {
    let element = session.wait_for(css, STEP_TIMEOUT)?;
    session.click(&element)?;
    // Modifiers are released at the end of each call, so Ctrl+A goes alone.
    session.send_keys(&element, SELECT_ALL)?;
    session.send_keys(&element, &format!("{BACKSPACE}{text}"))?;
    Ok(element)
}

/// Clicks the option with `value` in the select matching `css`, as a person picks it.
pub fn pick(session: &Session<'_>, css: &str, value: &str) -> Result<Element> {
    let select = session.wait_for(css, STEP_TIMEOUT)?;
    let option = session.find_from(&select, &format!("option[value=\"{value}\"]"))?;
    session.click(&option)?;
    Ok(select)
}

/// Chooses the option with `value` in the select matching `css`, and waits until it is chosen.
pub fn choose(session: &Session<'_>, css: &str, value: &str) -> Result<()> {
    let select = pick(session, css, value)?;
    poll(
        STEP_TIMEOUT,
        &format!("`{value}` to be chosen in `{css}`"),
        || Ok(session.property(&select, "value")? == serde_json::json!(value)),
    )
}

/// Waits until the save indicator is in `state`.
pub fn wait_for_save_state(session: &Session<'_>, state: &str) -> Result<()> {
    poll(STEP_TIMEOUT, &format!("the save state `{state}`"), || {
        let status = session.find("[data-testid=save-status]")?;
        Ok(session.attribute(&status, "data-state")?.as_deref() == Some(state))
    })
}

/// Goes to a step through the rail and waits until it shows.
pub fn go_to_step(session: &Session<'_>, step: &str) -> Result<()> {
    click(session, &format!("[data-testid=step-{step}]"))?;
    wait_for_step(session, step)
}

/// Waits until `step` is the step shown.
pub fn wait_for_step(session: &Session<'_>, step: &str) -> Result<()> {
    session.wait_for(
        &format!("[data-testid=step-section][data-step={step}][data-shown=true]"),
        STEP_TIMEOUT,
    )?;
    Ok(())
}

/// Opens the report with this title from the library.
pub fn open_report(session: &Session<'_>, title: &str) -> Result<()> {
    poll(
        STEP_TIMEOUT,
        &format!("“{title}” in the library"),
        || Ok(listed_titles(session)?.iter().any(|t| t == title)),
    )?;
    for row in session.find_all("[data-testid=report-item]")? {
        let name = session.text(&find_in(session, &row, "[data-testid=report-item-title]")?)?;
        if name == title {
            click_in(session, &row, "[data-testid=report-open]")?;
            session.wait_for("[data-testid=editor]", STEP_TIMEOUT)?;
            return Ok(());
        }
    }
    Err(webdriver::Error::new(format!(
        "no report “{title}” to open"
    )))
}

/// The open hints of the current step, as (rule, field) pairs, read in one go.
pub fn open_hints(session: &Session<'_>) -> Result<Vec<(String, String)>> {
    let value = session.execute(
        "return [...document.querySelectorAll(\
           '[data-testid=hints-panel] [data-testid=hint][data-dismissed=false]')]\
           .map((card) => [card.dataset.rule, card.dataset.field]);",
        Vec::new(),
    )?;
    Ok(value
        .as_array()
        .map(|pairs| {
            pairs
                .iter()
                .map(|pair| {
                    let text = strings(pair);
                    (
                        text.first().cloned().unwrap_or_default(),
                        text.get(1).cloned().unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default())
}

/// Waits until the hints panel shows an open hint of `rule`, and returns its card.
pub fn wait_for_hint(session: &Session<'_>, rule: &str) -> Result<Element> {
    session.wait_for(
        &format!(
            "[data-testid=hints-panel] [data-testid=hint][data-dismissed=false][data-rule={rule}]"
        ),
        STEP_TIMEOUT,
    )
}

/// The value of a form field.
pub fn value_of(session: &Session<'_>, element: &Element) -> Result<String> {
    Ok(session
        .property(element, "value")?
        .as_str()
        .unwrap_or_default()
        .to_string())
}

/// A test's own folder and database, with the app started on it.
pub struct Fixture {
    pub directory: tempfile::TempDir,
    pub database: PathBuf,
    pub app: PathBuf,
    _guard: Guard,
}

/// Held while the test runs, for its drop.
#[allow(dead_code, reason = "a guard is kept for its drop and never read")]
enum Guard {
    Shared(std::sync::RwLockReadGuard<'static, ()>),
    Alone(std::sync::RwLockWriteGuard<'static, ()>),
}

impl Fixture {
    /// A folder and database for a test that may run beside others.
    pub fn new() -> Fixture {
        Fixture::with_guard(Guard::Shared(shared()))
    }

    /// A folder and database for a test that must run alone.
    pub fn alone() -> Fixture {
        Fixture::with_guard(Guard::Alone(alone()))
    }

    fn with_guard(guard: Guard) -> Fixture {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let database = directory.path().join("e2e.db");
        Fixture {
            directory,
            database,
            app: app_binary(),
            _guard: guard,
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.directory.path().join(name)
    }
}

/// Starts a new postmortem from the library and waits for the walkthrough's first step.
pub fn new_report(session: &Session<'_>, title: &str) -> Result<()> {
    click(session, "[data-testid=new-report]")?;
    wait_for_step(session, "basics")?;
    let title_input = wait_for_selected_title(session)?;
    session.send_keys(&title_input, title)?;
    Ok(())
}

/// Waits until a new report's title field has the focus and its whole placeholder text is
/// selected, so that typing replaces it, and returns the field.
pub fn wait_for_selected_title(session: &Session<'_>) -> Result<Element> {
    let title_input = session.wait_for("[data-testid=title-input]", STEP_TIMEOUT)?;
    poll(
        STEP_TIMEOUT,
        "the new report's title to be focused and selected",
        || {
            if session.active_element().ok().as_ref() != Some(&title_input) {
                return Ok(false);
            }
            let length = value_of(session, &title_input)?.encode_utf16().count();
            let start = session.property(&title_input, "selectionStart")?;
            let end = session.property(&title_input, "selectionEnd")?;
            Ok(length > 0 && start.as_u64() == Some(0) && end.as_u64() == Some(length as u64))
        },
    )?;
    Ok(title_input)
}

/// The text of the element matching `css`.
pub fn text_of(session: &Session<'_>, css: &str) -> Result<String> {
    let element = session.wait_for(css, STEP_TIMEOUT)?;
    session.text(&element)
}

/// Waits until the text of the element matching `css` contains `wanted`.
pub fn wait_for_text(session: &Session<'_>, css: &str, wanted: &str) -> Result<()> {
    poll(STEP_TIMEOUT, &format!("“{wanted}” in `{css}`"), || {
        Ok(session.find_all(css)?.iter().any(|element| {
            session
                .text(element)
                .is_ok_and(|text| text.contains(wanted))
        }))
    })
}

/// Keys WebDriver sends for Enter and Tab.
pub const ENTER: &str = "\u{E007}";
pub const TAB: &str = "\u{E004}";
/// Ctrl+A.
pub const SELECT_ALL: &str = "\u{E009}a";
pub const BACKSPACE: &str = "\u{E003}";
