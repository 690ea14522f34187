//! `debrief-cli`: the headless command line over the postmortem library (DESIGN.md §7).
//!
//! This is the program's edge: it parses the arguments, reads the clock once, runs one command and
//! turns its result into an exit status. Everything below works with the time it is given.

mod cli;
mod commands;
mod database;
mod failure;
mod input;
mod output;

use clap::Parser;
use commands::Outcome;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    let now = chrono::Utc::now();
    match commands::run(cli, now) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::ProblemsFound) => ExitCode::from(failure::PROBLEMS_FOUND),
        // The reader went away (as with `| head`): nothing is wrong with the work itself.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => failure::report(&error),
    }
}

/// Help and version go to standard output; real usage errors are printed like every other error,
/// as `debrief-cli: <message>`, with the status for a wrong command line.
fn usage_error(error: &clap::Error) -> ExitCode {
    if !error.use_stderr() {
        let _ = error.print();
        return ExitCode::SUCCESS;
    }
    let text = error.render().to_string();
    let message = text.strip_prefix("error: ").unwrap_or(&text);
    eprint!("debrief-cli: {message}");
    ExitCode::from(failure::INPUT)
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
