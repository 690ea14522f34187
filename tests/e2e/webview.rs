//! The webview is closed to the outside, in the real window: the Content Security Policy refuses
//! inline and remote script, remote images, requests and sockets; no remote page can replace the
//! app's page or open beside it, whether by script, `window.open` or a clicked link. (Report text
//! that tries to run script is `hostile.rs`.)
//!
//! The app has no links to other sites, so nothing is ever opened in the system browser: a link to
//! a web address, clicked in the window, does nothing.

use crate::harness::*;
use crate::webdriver::{poll, Result, Session};
use std::time::{Duration, Instant};

/// Records every Content Security Policy violation of the page, then tries each kind of content
/// the policy must refuse. Each attempt would set a `window.__ran…` flag if it got through.
const ATTEMPTS: &str = "
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
        window.__violations.push({
            directive: event.effectiveDirective || event.violatedDirective,
            blocked: String(event.blockedURI),
        });
    });
    const inline = document.createElement('script');
    inline.textContent = 'window.__ranInline = true;';
    document.head.appendChild(inline);
    const remote = document.createElement('script');
    remote.src = 'https://example.com/remote.js';
    document.head.appendChild(remote);
    const image = document.createElement('img');
    image.src = 'https://example.com/pixel.png';
    document.body.appendChild(image);
    window.__fetch = 'pending';
    fetch('https://example.com/data.json').then(
        () => { window.__fetch = 'resolved'; },
        () => { window.__fetch = 'rejected'; },
    );
    window.__socket = 'pending';
    try {
        const socket = new WebSocket('wss://example.com/socket');
        socket.onopen = () => { window.__socket = 'open'; };
        socket.onerror = () => { window.__socket = 'failed'; };
    } catch (error) {
        window.__socket = 'refused';
    }
    try {
        eval('window.__ranEval = true;');
    } catch (error) {
        window.__eval = 'refused';
    }
";

#[test]
fn the_content_security_policy_refuses_inline_and_remote_content() -> Result<()> {
    let fixture = Fixture::new();
    let driver = start_driver(&fixture.database)?;
    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;

    session.execute(ATTEMPTS, vec![])?;
    // Each refused load is reported to the page as a violation naming what was blocked.
    let wanted = [
        ("inline script", "inline"),
        ("remote script", "remote.js"),
        ("remote image", "pixel.png"),
        ("remote request", "data.json"),
        ("remote socket", "example.com/socket"),
        ("eval", "eval"),
    ];
    let mut violations = serde_json::Value::Null;
    poll(STEP_TIMEOUT, "a violation for every attempt", || {
        violations = session.execute("return window.__violations", vec![])?;
        let blocked: Vec<String> = violations
            .as_array()
            .map(|list| {
                list.iter()
                    .map(|v| v["blocked"].as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default();
        Ok(wanted
            .iter()
            .all(|(_, part)| blocked.iter().any(|b| b.contains(part))))
    })
    .map_err(|error| crate::webdriver::Error::new(format!("{error}; violations: {violations}")))?;
    poll(STEP_TIMEOUT, "the request to settle", || {
        Ok(session.execute("return window.__fetch", vec![])? != serde_json::json!("pending"))
    })?;

    let outcome = session.execute(
        "return {
            inline: window.__ranInline === true,
            eval: window.__ranEval === true,
            fetch: window.__fetch,
            socket: window.__socket,
            image: document.querySelector('img[src*=\"pixel.png\"]').naturalWidth,
        }",
        vec![],
    )?;
    assert_eq!(outcome["inline"], serde_json::json!(false), "{outcome}");
    assert_eq!(outcome["eval"], serde_json::json!(false), "{outcome}");
    assert_eq!(outcome["fetch"], serde_json::json!("rejected"), "{outcome}");
    assert_ne!(outcome["socket"], serde_json::json!("open"), "{outcome}");
    assert_eq!(outcome["image"], serde_json::json!(0), "{outcome}");
    eprintln!("content security policy violations: {violations}");
    session.end()?;
    Ok(())
}

/// How long the window is watched after each attempt to leave the app's page. A navigation that is
/// let through replaces the page well within this (there is no network, so the remote page fails
/// at once and WebKit shows its error page instead of the app).
const WATCH: Duration = Duration::from_secs(3);

/// Fails as soon as the window shows another page than `home`, or another window opens; passes
/// when the app's page stayed for [`WATCH`].
fn stays_home(session: &Session<'_>, home: &str, attempt: &str) -> Result<()> {
    let until = Instant::now() + WATCH;
    while Instant::now() < until {
        let url = session.url()?;
        assert_eq!(url, home, "{attempt}: the window left the app for {url}");
        let marker = session.execute("return window.__home === true", vec![])?;
        assert_eq!(
            marker,
            serde_json::json!(true),
            "{attempt}: the app's page was replaced"
        );
        let windows = session.window_handles()?;
        assert_eq!(windows.len(), 1, "{attempt}: another window opened");
        std::thread::sleep(Duration::from_millis(100));
    }
    // The app still works.
    session.wait_for("[data-testid=new-report]", STEP_TIMEOUT)?;
    Ok(())
}

#[test]
fn no_remote_page_loads_in_the_window_by_script_window_open_or_link() -> Result<()> {
    let fixture = Fixture::new();
    let driver = start_driver(&fixture.database)?;
    let session = driver.new_session(&fixture.app)?;
    wait_until_ready(&session)?;
    let home = session.url()?;
    assert!(
        !home.starts_with("http://") || home.contains("localhost"),
        "the app is served locally: {home}"
    );
    session.execute("window.__home = true;", vec![])?;

    session.execute(
        "setTimeout(() => { window.location = 'https://example.com/'; }, 0);",
        vec![],
    )?;
    stays_home(&session, &home, "window.location")?;

    session.execute(
        "setTimeout(() => { window.__opened = window.open('https://example.com/', '_blank'); }, 0);",
        vec![],
    )?;
    stays_home(&session, &home, "window.open")?;

    // Links as report text never become links (hostile.rs); these are made by script, to prove
    // that even a real link cannot take the window away.
    for (name, target) in [("same-window", "_self"), ("new-window", "_blank")] {
        session.execute(
            "const [name, target] = arguments;
             const link = document.createElement('a');
             link.href = 'https://example.com/' + name;
             link.target = target;
             link.textContent = 'An outside page';
             link.dataset.testid = 'outside-' + name;
             link.style = 'position: fixed; top: 0; left: 0; z-index: 10000; background: white;';
             document.body.appendChild(link);",
            vec![serde_json::json!(name), serde_json::json!(target)],
        )?;
        click(&session, &format!("[data-testid=outside-{name}]"))?;
        stays_home(&session, &home, &format!("a clicked {name} link"))?;
    }
    session.end()?;
    Ok(())
}
