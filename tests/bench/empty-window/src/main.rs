//! An empty Tauri v2 window showing one static page: what any Tauri app costs before it does
//! anything, the baseline of the app's start and memory figures.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(error) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("empty-window: the window could not be started: {error}");
        std::process::exit(1);
    }
}
