//! Runs tauri-build: reads `tauri.conf.json`, checks the capabilities, and prepares the context
//! that `tauri::generate_context!` embeds.

fn main() {
    // tauri-build looks for capabilities in ./capabilities by default; ours sit beside the shell.
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    // The app's binary packs its relative relocations (RELR, glibc 2.36 and later): its dynamic
    // relocation table shrinks from megabytes to kilobytes, which the loader no longer has to read
    // and apply at every start.
    let target = std::env::var("TARGET").unwrap_or_default();
    if target.ends_with("-linux-gnu") {
        println!("cargo:rustc-link-arg-bin=debrief=-Wl,-z,pack-relative-relocs");
    }
    let attributes =
        tauri_build::Attributes::new().capabilities_path_pattern("src-tauri/capabilities/**/*");
    if let Err(error) = tauri_build::try_build(attributes) {
        // A build script reports failure by exiting non-zero with a message.
        eprintln!("tauri-build failed: {error:#}");
        std::process::exit(1);
    }
}
