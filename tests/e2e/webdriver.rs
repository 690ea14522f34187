//! A small WebDriver client: the few calls the end-to-end tests need, as JSON over HTTP to
//! WebKitWebDriver on localhost, with timeouts everywhere and polling waits.
//!
//! The driver runs in a process group of its own and starts the app inside it, so dropping the
//! [`Driver`] kills the driver, the app and the app's web processes together, even when a test fails
//! halfway. Each driver has an X server of its own (Xvfb), so that the windows of tests running
//! at the same time never take the keyboard focus from one another.

use serde_json::{json, Value};
use std::ffi::OsStr;
use std::fmt;
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How often a wait looks again.
const POLL_INTERVAL: Duration = Duration::from_millis(50);
/// The longest any one HTTP request may take (starting the app is the slowest).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(90);
/// The key under which WebDriver returns an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl Error {
    pub fn new(message: impl Into<String>) -> Self {
        Error(message.into())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

fn fail<T>(message: impl Into<String>) -> Result<T> {
    Err(Error(message.into()))
}

/// A running WebKitWebDriver, on an X server of its own.
pub struct Driver {
    process: Child,
    base_url: String,
    agent: ureq::Agent,
    /// Dropped after the driver's group is killed (fields drop after [`Driver::drop`]).
    display: VirtualDisplay,
}

/// An Xvfb server on a display number it picks itself, stopped on drop.
struct VirtualDisplay {
    process: Child,
    name: String,
}

impl VirtualDisplay {
    fn start() -> Result<VirtualDisplay> {
        let mut process = Command::new("Xvfb")
            // Xvfb picks a free display and writes its number to descriptor 1 once it accepts
            // connections.
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .or_else(|error| {
                fail(format!(
                    "cannot start Xvfb: {error}; install it (Debian: `apt-get install xvfb`)"
                ))
            })?;
        let mut line = String::new();
        let read = process
            .stdout
            .take()
            .map(|stdout| BufReader::new(stdout).read_line(&mut line));
        let number = line.trim();
        if !matches!(read, Some(Ok(_)))
            || number.is_empty()
            || !number.bytes().all(|b| b.is_ascii_digit())
        {
            let _ = process.kill();
            let _ = process.wait();
            return fail(format!(
                "Xvfb did not report its display (it wrote {line:?})"
            ));
        }
        Ok(VirtualDisplay {
            name: format!(":{number}"),
            process,
        })
    }
}

impl Drop for VirtualDisplay {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

impl Driver {
    /// The X display the driver's windows open on, such as `:5`.
    pub fn display(&self) -> &str {
        &self.display.name
    }

    /// Starts the driver on a free local port and a new X display, with `env` added to its
    /// environment (the app it launches inherits it), and waits until it answers.
    pub fn start(
        driver_binary: &Path,
        env: &[(&str, &OsStr)],
        timeout: Duration,
    ) -> Result<Driver> {
        let display = VirtualDisplay::start()?;
        let port = free_port()?;
        let mut command = Command::new(driver_binary);
        command
            .env("DISPLAY", &display.name)
            .arg(format!("--port={port}"))
            .arg("--host=127.0.0.1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            // Its own process group, so the whole tree can be ended at once.
            .process_group(0);
        for (key, value) in env {
            command.env(key, value);
        }
        let process = command
            .spawn()
            .or_else(|error| fail(format!("cannot start {}: {error}", driver_binary.display())))?;
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(REQUEST_TIMEOUT))
            .http_status_as_error(false)
            .proxy(None)
            .build()
            .into();
        let mut driver = Driver {
            process,
            base_url: format!("http://127.0.0.1:{port}"),
            agent,
            display,
        };
        driver.wait_until_ready(timeout)?;
        Ok(driver)
    }

    fn wait_until_ready(&mut self, timeout: Duration) -> Result<()> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(Some(status)) = self.process.try_wait() {
                return fail(format!("WebKitWebDriver exited at start: {status}"));
            }
            let ready = self
                .agent
                .get(format!("{}/status", self.base_url))
                .config()
                .timeout_global(Some(Duration::from_secs(2)))
                .build()
                .call()
                .ok()
                .and_then(|mut response| response.body_mut().read_json::<Value>().ok())
                .is_some_and(|body| body["value"]["ready"] == json!(true));
            if ready {
                return Ok(());
            }
            if Instant::now() > deadline {
                return fail(format!("WebKitWebDriver did not answer within {timeout:?}"));
            }
            std::thread::sleep(POLL_INTERVAL);
        }
    }

    /// Starts the app at `application` in a new session.
    pub fn new_session(&self, application: &Path) -> Result<Session<'_>> {
        let capabilities = json!({
            "capabilities": {
                "alwaysMatch": {
                    "webkitgtk:browserOptions": { "binary": application, "args": [] }
                }
            }
        });
        let value = self.send("POST", "/session", Some(capabilities))?;
        let Some(id) = value["sessionId"].as_str() else {
            return fail(format!("the new session has no id: {value}"));
        };
        Ok(Session {
            driver: self,
            id: id.to_string(),
            ended: false,
        })
    }

    /// The processes of the driver's group that run `binary` (the app under test).
    pub fn processes_running(&self, binary: &Path) -> Vec<u32> {
        let group = self.process.id();
        let wanted = binary
            .canonicalize()
            .unwrap_or_else(|_| binary.to_path_buf());
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return Vec::new();
        };
        entries
            .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
            .filter(|pid| process_group_of(*pid) == Some(group))
            .filter(|pid| {
                std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == wanted)
            })
            .collect()
    }

    /// Waits until no process of the driver's group runs `binary`.
    pub fn wait_for_exit(&self, binary: &Path, timeout: Duration) -> Result<()> {
        poll(timeout, &format!("{} to exit", binary.display()), || {
            Ok(self.processes_running(binary).is_empty())
        })
    }

    fn send(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value> {
        let url = format!("{}{path}", self.base_url);
        let outcome = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, Some(body)) => self.agent.post(&url).send_json(body),
            (_, None) => self.agent.post(&url).send_json(json!({})),
        };
        let mut response = outcome.or_else(|error| fail(format!("{method} {path}: {error}")))?;
        let status = response.status();
        let reply: Value = response
            .body_mut()
            .read_json()
            .or_else(|error| fail(format!("{method} {path}: unreadable reply: {error}")))?;
        let value = reply.get("value").cloned().unwrap_or(Value::Null);
        if status.is_success() {
            return Ok(value);
        }
        fail(format!(
            "{method} {path}: {} ({}): {}",
            value["error"].as_str().unwrap_or("error"),
            status.as_u16(),
            value["message"].as_str().unwrap_or("")
        ))
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // Ends the driver, the app it launched and the app's web processes: the whole group.
        let group = format!("-{}", self.process.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// One WebDriver session: one run of the app.
pub struct Session<'driver> {
    driver: &'driver Driver,
    id: String,
    ended: bool,
}

/// A reference to an element of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element(String);

impl Session<'_> {
    fn send(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value> {
        self.driver
            .send(method, &format!("/session/{}{path}", self.id), body)
    }

    /// The first element that matches `css`, now.
    pub fn find(&self, css: &str) -> Result<Element> {
        let value = self.send(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        )?;
        element_of(&value)
    }

    /// The first element inside `within` that matches `css`, now.
    pub fn find_from(&self, within: &Element, css: &str) -> Result<Element> {
        let value = self.send(
            "POST",
            &format!("/element/{}/element", within.0),
            Some(json!({ "using": "css selector", "value": css })),
        )?;
        element_of(&value)
    }

    /// Every element that matches `css`, now.
    pub fn find_all(&self, css: &str) -> Result<Vec<Element>> {
        let value = self.send(
            "POST",
            "/elements",
            Some(json!({ "using": "css selector", "value": css })),
        )?;
        let Some(items) = value.as_array() else {
            return fail(format!("not a list of elements: {value}"));
        };
        items.iter().map(element_of).collect()
    }

    /// Waits until an element matches `css`.
    pub fn wait_for(&self, css: &str, timeout: Duration) -> Result<Element> {
        let mut found = None;
        poll(timeout, &format!("an element matching `{css}`"), || {
            found = self.find(css).ok();
            Ok(found.is_some())
        })?;
        found.ok_or_else(|| Error(format!("no element matches `{css}`")))
    }

    /// The element that has the keyboard focus.
    pub fn active_element(&self) -> Result<Element> {
        element_of(&self.send("GET", "/element/active", None)?)
    }

    pub fn click(&self, element: &Element) -> Result<()> {
        self.send("POST", &format!("/element/{}/click", element.0), None)
            .map(drop)
    }

    pub fn clear(&self, element: &Element) -> Result<()> {
        self.send("POST", &format!("/element/{}/clear", element.0), None)
            .map(drop)
    }

    /// Types `text` into the element, key by key.
    pub fn send_keys(&self, element: &Element, text: &str) -> Result<()> {
        self.send(
            "POST",
            &format!("/element/{}/value", element.0),
            Some(json!({ "text": text })),
        )
        .map(drop)
    }

    /// The element's rendered text.
    pub fn text(&self, element: &Element) -> Result<String> {
        let value = self.send("GET", &format!("/element/{}/text", element.0), None)?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    /// A DOM property such as `value` or `disabled`.
    pub fn property(&self, element: &Element, name: &str) -> Result<Value> {
        self.send(
            "GET",
            &format!("/element/{}/property/{name}", element.0),
            None,
        )
    }

    /// An HTML attribute, such as `data-state`.
    pub fn attribute(&self, element: &Element, name: &str) -> Result<Option<String>> {
        let value = self.send(
            "GET",
            &format!("/element/{}/attribute/{name}", element.0),
            None,
        )?;
        Ok(value.as_str().map(str::to_string))
    }

    /// Runs `script` in the page (a function body; `arguments` holds `args`) and returns its result.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.send(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// The handles of the session's open windows.
    pub fn window_handles(&self) -> Result<Vec<String>> {
        let value = self.send("GET", "/window/handles", None)?;
        let Some(handles) = value.as_array() else {
            return fail(format!("not a list of window handles: {value}"));
        };
        Ok(handles
            .iter()
            .filter_map(|handle| handle.as_str().map(str::to_string))
            .collect())
    }

    /// The address of the page the window shows.
    pub fn url(&self) -> Result<String> {
        let value = self.send("GET", "/url", None)?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    /// A PNG of what the window shows.
    pub fn screenshot(&self) -> Result<Vec<u8>> {
        let value = self.send("GET", "/screenshot", None)?;
        let Some(encoded) = value.as_str() else {
            return fail(format!("the screenshot is not text: {value}"));
        };
        decode_base64(encoded)
    }

    /// Ends the session, which closes the app's window and so the app.
    pub fn end(mut self) -> Result<()> {
        self.ended = true;
        self.send("DELETE", "", None).map(drop)
    }
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        if !self.ended {
            // A failing test: keep a picture of the window to see why, then end the session
            // (best effort; the driver's drop kills whatever is left).
            if let Ok(png) = self.screenshot() {
                let path = std::env::temp_dir().join(format!("debrief-e2e-{}.png", self.id));
                if std::fs::write(&path, png).is_ok() {
                    eprintln!("the window when the test failed: {}", path.display());
                }
            }
            let _ = self.send("DELETE", "", None);
        }
    }
}

/// Calls `check` until it says yes, fails, or `timeout` passes.
pub fn poll(
    timeout: Duration,
    waiting_for: &str,
    mut check: impl FnMut() -> Result<bool>,
) -> Result<()> {
    let deadline = Instant::now() + timeout;
    loop {
        if check()? {
            return Ok(());
        }
        if Instant::now() > deadline {
            return fail(format!(
                "timed out after {timeout:?} waiting for {waiting_for}"
            ));
        }
        std::thread::sleep(POLL_INTERVAL);
    }
}

fn element_of(value: &Value) -> Result<Element> {
    match value[ELEMENT_KEY].as_str() {
        Some(id) => Ok(Element(id.to_string())),
        None => fail(format!("not an element: {value}")),
    }
}

fn decode_base64(text: &str) -> Result<Vec<u8>> {
    fn value(byte: u8) -> Option<u32> {
        match byte {
            b'A'..=b'Z' => Some(u32::from(byte - b'A')),
            b'a'..=b'z' => Some(u32::from(byte - b'a') + 26),
            b'0'..=b'9' => Some(u32::from(byte - b'0') + 52),
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        }
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for byte in text
        .bytes()
        .filter(|b| !b.is_ascii_whitespace() && *b != b'=')
    {
        let Some(six) = value(byte) else {
            return fail("the screenshot is not base64");
        };
        buffer = (buffer << 6) | six;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

fn free_port() -> Result<u16> {
    // The port is free when the listener closes; the driver takes it a moment later.
    let listener = TcpListener::bind("127.0.0.1:0")
        .or_else(|error| fail(format!("no free local port: {error}")))?;
    listener
        .local_addr()
        .map(|address| address.port())
        .or_else(|error| fail(format!("no free local port: {error}")))
}

fn process_group_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) is in parentheses and may hold spaces; the fields after it are
    // state, parent id, then the process group.
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(2)?.parse().ok()
}

/// Where WebKitWebDriver is: `WEBKIT_WEBDRIVER` if set, else the Debian location.
pub fn driver_binary() -> PathBuf {
    std::env::var_os("WEBKIT_WEBDRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/WebKitWebDriver"))
}
