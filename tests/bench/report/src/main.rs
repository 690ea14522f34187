//! Writes the report of the PDF benchmark (`long_report(60)` of src-tauri/pdf/tests/common, about
//! ten printed pages) as its internal Markdown export or as its internal PDF.
//!
//! Usage: `bench-report markdown FILE` or `bench-report pdf FILE`.

#[path = "../../../../src-tauri/pdf/tests/common/mod.rs"]
mod common;

use std::process::ExitCode;

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let [format, file] = arguments.as_slice() else {
        eprintln!("usage: bench-report markdown|pdf FILE");
        return ExitCode::from(2);
    };
    let report = common::long_report(60);
    let bytes = match format.as_str() {
        "markdown" => debrief_core::export::markdown::internal(&report).into_bytes(),
        "pdf" => match debrief_pdf::render(&report, debrief_pdf::Audience::Internal) {
            Ok(pdf) => pdf,
            Err(error) => {
                eprintln!("bench-report: the PDF could not be made: {error}");
                return ExitCode::FAILURE;
            }
        },
        other => {
            eprintln!("bench-report: unknown format {other:?}: use markdown or pdf");
            return ExitCode::from(2);
        }
    };
    if let Err(error) = std::fs::write(file, bytes) {
        eprintln!("bench-report: {file} could not be written: {error}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
