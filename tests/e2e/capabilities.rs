//! The window may do only what the UI does: every permission granted in
//! `src-tauri/capabilities/` is needed by a call the UI makes, and every command the shell
//! registers is called by the UI. A permission or command that nothing uses fails this test, so
//! the webview never holds a power that a script injected into it could borrow. (This reads the
//! sources; no window is needed.)

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The UI's own source files, without tests and generated types.
fn ui_sources() -> Vec<(PathBuf, String)> {
    fn walk(folder: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(folder).expect("a readable folder") {
            let path = entry.expect("an entry").path();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if path.is_dir() {
                if name != "bindings" {
                    walk(&path, out);
                }
            } else if (name.ends_with(".ts") || name.ends_with(".svelte"))
                && !name.contains(".test.")
                && name != "fixtures.ts"
            {
                let text = std::fs::read_to_string(&path).expect("a readable source file");
                out.push((path, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("ui/src"), &mut out);
    assert!(out.len() > 10, "the UI's sources were found");
    out
}

/// The names imported from `module` in `source`, in `import { a, b as c } from 'module'`.
fn imported_from(source: &str, module: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let quoted = format!("'{module}'");
    let mut rest = source;
    while let Some(at) = rest.find(&quoted) {
        let before = &rest[..at];
        if let (Some(open), Some(close)) = (before.rfind('{'), before.rfind('}')) {
            if open < close && before[..open].trim_end().ends_with("import") {
                for name in before[open + 1..close].split(',') {
                    let name = name.split(" as ").next().unwrap_or_default().trim();
                    if !name.is_empty() && !name.starts_with("type ") {
                        names.insert(name.to_string());
                    }
                }
            }
        }
        rest = &rest[at + quoted.len()..];
    }
    names
}

/// Every permission the capabilities grant, with permission sets written out.
fn granted_permissions() -> BTreeSet<String> {
    let mut granted = BTreeSet::new();
    for entry in std::fs::read_dir(root().join("src-tauri/capabilities")).expect("the folder") {
        let path = entry.expect("an entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a readable capability");
        let capability: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        for permission in capability["permissions"]
            .as_array()
            .expect("a list of permissions")
        {
            let name = permission
                .as_str()
                .or_else(|| permission["identifier"].as_str())
                .expect("a permission name");
            match name {
                // The plugin's default set (tauri-plugin-dialog's permissions/default.toml).
                "dialog:default" => granted.extend(
                    [
                        "dialog:allow-message",
                        "dialog:allow-save",
                        "dialog:allow-open",
                    ]
                    .map(str::to_string),
                ),
                other => {
                    granted.insert(other.to_string());
                }
            }
        }
    }
    granted
}

/// Whether the UI makes a call that needs `permission`, or `None` for a permission this test does
/// not know (add the UI call that needs it below).
fn used_by_ui(permission: &str, sources: &[(PathBuf, String)]) -> Option<bool> {
    let any = |needles: &[&str]| {
        sources
            .iter()
            .any(|(_, text)| needles.iter().any(|needle| text.contains(needle)))
    };
    let dialog = |function: &str| {
        sources.iter().any(|(_, text)| {
            imported_from(text, "@tauri-apps/plugin-dialog").contains(function)
                && text.contains(&format!("{function}("))
        })
    };
    Some(match permission {
        // `listen` and the window's and webview's `on…` helpers subscribe to events and hand back
        // the function that unsubscribes.
        "core:event:allow-listen" | "core:event:allow-unlisten" => {
            any(&["listen(", ".onCloseRequested(", ".onDragDropEvent("])
        }
        // Quit, and closing after the last save (`onCloseRequested` destroys the window itself).
        "core:window:allow-destroy" => any(&[".destroy()", ".onCloseRequested("]),
        "dialog:allow-open" => dialog("open"),
        "dialog:allow-save" => dialog("save"),
        "dialog:allow-message" => dialog("message") || dialog("ask") || dialog("confirm"),
        _ => return None,
    })
}

#[test]
fn every_permission_of_the_window_is_used_by_the_ui() {
    let sources = ui_sources();
    let granted = granted_permissions();
    assert!(!granted.is_empty(), "the capabilities were read");
    let mut unused = Vec::new();
    for permission in &granted {
        match used_by_ui(permission, &sources) {
            Some(true) => {}
            Some(false) => unused.push(permission.clone()),
            None => panic!(
                "{permission} is granted but this test does not know which UI call needs it: add \
                 the call to `used_by_ui`, or remove the permission"
            ),
        }
    }
    assert!(
        unused.is_empty(),
        "granted but never used by the UI, remove them from src-tauri/capabilities: {unused:?}"
    );

    // And what the UI uses is granted (a missing permission breaks the app at run time).
    for needed in [
        "core:event:allow-listen",
        "core:event:allow-unlisten",
        "core:window:allow-destroy",
        "dialog:allow-open",
        "dialog:allow-save",
        "dialog:allow-message",
    ] {
        if used_by_ui(needed, &sources) == Some(true) {
            assert!(granted.contains(needed), "the UI needs {needed}");
        }
    }
}

/// The commands registered in `src-tauri/lib.rs`'s `generate_handler!`.
fn registered_commands() -> BTreeSet<String> {
    let lib = std::fs::read_to_string(root().join("src-tauri/lib.rs")).expect("lib.rs");
    let start =
        lib.find("generate_handler![").expect("the command list") + "generate_handler![".len();
    let end = start + lib[start..].find(']').expect("the end of the list");
    lib[start..end]
        .split(',')
        .map(|path| {
            path.trim()
                .rsplit("::")
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .filter(|name| !name.is_empty())
        .collect()
}

/// The command names the UI passes to `call` (`ui/src/lib/ipc.ts` is the only caller of
/// `invoke`).
fn commands_called_by_ui(sources: &[(PathBuf, String)]) -> BTreeSet<String> {
    let mut called = BTreeSet::new();
    for (_, text) in sources {
        let mut rest = text.as_str();
        while let Some(at) = rest.find("call") {
            rest = &rest[at + "call".len()..];
            // `call<Type>('name'` or `call('name'`.
            let after_generic = if rest.starts_with('<') {
                let Some(close) = rest.find(">(") else {
                    continue;
                };
                &rest[close + 1..]
            } else {
                rest
            };
            if let Some(quoted) = after_generic.strip_prefix("('") {
                if let Some(end) = quoted.find('\'') {
                    called.insert(quoted[..end].to_string());
                }
            }
        }
    }
    called
}

#[test]
fn every_command_the_shell_registers_is_called_by_the_ui_and_no_other() {
    let sources = ui_sources();
    let invokers: Vec<_> = sources
        .iter()
        .filter(|(_, text)| imported_from(text, "@tauri-apps/api/core").contains("invoke"))
        .map(|(path, _)| path.strip_prefix(root()).unwrap_or(path).to_path_buf())
        .collect();
    assert_eq!(
        invokers,
        [PathBuf::from("ui/src/lib/ipc.ts")],
        "only ipc.ts calls invoke"
    );
    let registered = registered_commands();
    let called = commands_called_by_ui(&sources);
    assert!(
        registered.len() > 10,
        "the commands were read: {registered:?}"
    );
    let unused: Vec<_> = registered.difference(&called).collect();
    assert!(
        unused.is_empty(),
        "registered but never called by the UI: {unused:?}"
    );
    let unknown: Vec<_> = called.difference(&registered).collect();
    assert!(
        unknown.is_empty(),
        "called by the UI but not registered: {unknown:?}"
    );
}
