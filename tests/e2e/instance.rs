//! One window per library: a second start of Debrief on the same database hands over to the
//! window already open, which says so, and exits.

use crate::harness::*;
use crate::webdriver::{poll, Error, Result};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// A private D-Bus session bus, stopped on drop: the channel through which a second start finds
/// the first.
struct SessionBus {
    process: Child,
    address: String,
}

impl SessionBus {
    fn start() -> Result<SessionBus> {
        let mut process = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile", "--print-address=1"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|error| {
                Error::new(format!(
                    "cannot start dbus-daemon: {error}; install it (Debian: `apt-get install dbus`)"
                ))
            })?;
        let mut address = String::new();
        if let Some(stdout) = process.stdout.take() {
            let _ = BufReader::new(stdout).read_line(&mut address);
        }
        let address = address.trim().to_string();
        if address.is_empty() {
            let _ = process.kill();
            let _ = process.wait();
            return Err(Error::new("dbus-daemon did not print its address"));
        }
        Ok(SessionBus { process, address })
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

#[test]
fn a_second_start_on_the_same_library_hands_over_to_the_open_window() -> Result<()> {
    let fixture = Fixture::new();
    let bus = SessionBus::start()?;
    let address = std::ffi::OsString::from(&bus.address);
    let driver = start_driver_with(
        &fixture.database,
        &[("DBUS_SESSION_BUS_ADDRESS", address.as_os_str())],
    )?;
    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;
    new_report(&session, "Written in the first window")?;
    wait_for_save_state(&session, "saved")?;

    // The second start, as a person would make it: same database, same desktop session.
    let mut second = Command::new(&fixture.app)
        .env("DISPLAY", driver.display())
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
        .env("DEBRIEF_DB", &fixture.database)
        .env("XDG_DATA_HOME", fixture.path("second-webview"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| Error::new(format!("cannot start the app again: {error}")))?;
    let mut status = None;
    poll(
        START_TIMEOUT,
        "the second start to hand over and exit",
        || {
            status = second
                .try_wait()
                .map_err(|error| Error::new(error.to_string()))?;
            Ok(status.is_some())
        },
    )
    .inspect_err(|_| {
        let _ = second.kill();
        let _ = second.wait();
    })?;
    assert!(
        status.is_some_and(|status| status.success()),
        "the second start ended with {status:?}"
    );

    // The first window is still there, with its report, and says what happened.
    wait_for_text(
        &session,
        "[data-testid=toast]",
        "already open on this library",
    )?;
    let title = session.find("[data-testid=title-input]")?;
    assert_eq!(value_of(&session, &title)?, "Written in the first window");
    assert!(!driver.processes_running(&fixture.app).is_empty());
    session.end()?;
    Ok(())
}
