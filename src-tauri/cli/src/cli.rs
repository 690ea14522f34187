//! The command line's grammar: every command, option and help text, as clap types.
//!
//! The names, options and JSON fields described here are a contract (DESIGN.md §7): scripts rely on
//! them, so a change here is a change for every user.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit status:
  0  success
  1  `lint` found hints, or `check` found problems in the database
  2  the command or its input is wrong (unknown option, unreadable or invalid file, unknown id)
  3  the database file cannot be used (missing directory, not a Debrief database, damaged,
     or written by a newer version); it is left unchanged
  4  any other failure, such as a disk that cannot be written

Errors are printed on standard error, and a command that fails writes nothing.";

/// Debrief's postmortem library, from the command line.
///
/// Every command works on one database file: `--db`, else the `DEBRIEF_DB` environment variable,
/// else `debrief.db` in this computer's data directory for Debrief (the one the desktop app uses).
#[derive(Debug, Parser)]
#[command(name = "debrief-cli", version, after_long_help = EXIT_CODES)]
pub struct Cli {
    /// The database file to use.
    // Read as an OS string, not a path, so that an empty `DEBRIEF_DB=` counts as unset rather
    // than as a missing value.
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        env = debrief_core::store::DATABASE_ENV,
        value_parser = clap::builder::OsStringValueParser::new()
    )]
    pub db: Option<OsString>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Lint(LintArgs),
    New(NewArgs),
    Import(ImportArgs),
    List(ListArgs),
    Show(ShowArgs),
    Search(SearchArgs),
    Actions(ActionsArgs),
    Export(ExportArgs),
    Backup(BackupArgs),
    Backups(BackupsArgs),
    Restore(RestoreArgs),
    Check(CheckArgs),
}

/// Point out blaming, biased or vague wording in a text or a stored report.
///
/// Reads FILE (or standard input for `-` or no FILE) as the text of one section of a report, runs
/// the hint rules on it and prints one line per hint. With --report, checks every field of a
/// stored report instead, together with the checks on the report as a whole. Reads the database
/// only for --report, and never changes or creates it.
#[derive(Debug, Args)]
#[command(after_long_help = LINT_HELP)]
pub struct LintArgs {
    /// The text to check, or `-` for standard input [default: standard input]
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Print a JSON array of hints instead of one line per hint.
    #[arg(long)]
    pub json: bool,

    /// The section the text belongs to: some rules apply to some sections only. In
    /// action-items, every non-empty line is one action item.
    #[arg(
        long,
        value_name = "NAME",
        default_value = "analysis",
        value_parser = section_names()
    )]
    pub section: String,

    /// How much of the service the incident took down; "outage" is flagged unless it is full.
    #[arg(
        long,
        value_name = "SCOPE",
        default_value = "partial",
        value_parser = ["none", "partial", "full"]
    )]
    pub impact: String,

    /// The participants' names, separated by commas ("Ana Lima, Ben Okafor"): where a name
    /// should not appear, it is flagged, with a role suggested instead.
    #[arg(long, value_name = "NAMES")]
    pub names: Option<String>,

    /// A TOML file that turns rules off or changes their severity (see below).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Check the stored report with this id instead of a text; dismissed hints are shown as
    /// such and do not count.
    #[arg(
        long,
        value_name = "ID",
        conflicts_with_all = ["file", "section", "impact", "names"]
    )]
    pub report: Option<String>,
}

/// The section names `--section` accepts, as the hint engine spells them.
fn section_names() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(
        debrief_core::hints::Section::ALL.map(debrief_core::hints::Section::as_str),
    )
}

const LINT_HELP: &str = "\
Output:
  One line per hint, in the form compilers use, so that editors can jump to it:
    FILE:LINE:COL: SEVERITY CATEGORY: MESSAGE
  FILE is the path given, or <stdin>. With --report it is ID/FIELD, and LINE and COL count within
  that field's text. LINE and COL start at 1, and COL counts characters. A hint on the report as a
  whole (category structure) has no place in a text and is shown at 1:1. Indented lines may follow:
    suggestion: a better wording
    dismissed: the reason the author gave for dismissing the hint (with --report)
  A count of the hints goes to standard error.

With --json, prints an array with one object per hint, in the order of the text (with --report,
field by field):
  rule          the rule that gave the hint: the id that --config uses
  category      what the hint is about: human-error, root-cause, outage, blame, character,
                hindsight, counterfactual, who-why, negativity, naming, not-actionable,
                not-specific, not-bounded, leak or structure
  severity      suggestion, warning or error
  field         where the text is: the section's name for a FILE; with --report, the report's
                field, such as summary, external.whatHappened or actionItems.<id>.description
  start, end    the words the hint is about, as byte offsets into the text (the input, or the
                field's text with --report); end is not included. Both are 0 for a hint on the
                report as a whole.
  startUtf16, endUtf16    the same place, counted in UTF-16 code units (as JavaScript counts)
  matched       the words the hint is about (the text from start to end)
  context       the sentence around them
  message       what is wrong, in one sentence
  explanation   the idea behind the rule: why the wording matters
  suggestion    a better wording, or null when there is none
  suggestionKind
                rewrite (the suggestion replaces the matched words as it stands) or advice
                (it says what to write instead); null when there is no suggestion
  dismissed     with --report, the author's reason for dismissing the hint; otherwise null

Settings:
  --config reads a TOML file with one table per rule to change, for example:
    [rules.outage]
    enabled = false
    [rules.hindsight]
    severity = \"error\"
  A rule id that does not exist is refused. With --report, the settings saved in the app apply,
  and each rule named in the file replaces the saved setting for that rule.

Exit status:
  0  no hints (dismissed hints do not count)
  1  at least one hint
  2  the command or its input is wrong: an unknown section or scope, a file that cannot be read
     or is not UTF-8 text, invalid settings, an unknown report id
  3  with --report, the database file cannot be used
  4  any other failure";

/// Start a new, empty draft and print its id.
///
/// Prints the id of the new report on a line by itself, and nothing else, so that a script can
/// capture it.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The report's title.
    #[arg(long, value_name = "TEXT")]
    pub title: String,

    /// The IANA time zone the report's times are shown in, such as Europe/Berlin [default: this
    /// computer's time zone]
    #[arg(long, value_name = "ZONE")]
    pub time_zone: Option<String>,
}

/// Add reports from files and print their new ids.
///
/// Reads the app's own Markdown export, a Markdown postmortem written elsewhere (front matter,
/// sections, timelines and action items are recognised; text that fits no section is kept in the
/// report's notes), or the JSON that `show --json` prints. Each report is stored as a new one with
/// a fresh id, whatever id the file carries.
///
/// With one file, the new id is printed on a line by itself. With several, each imported file
/// gives a line `ID<TAB>FILE`, and each file that cannot be read as a report is refused with its
/// own message on standard error; the others are still imported, each whole or not at all. The
/// exit status is 0 when every file was imported, and 2 when any was refused.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The files to read; `-` reads standard input (at most once).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

/// List every report, most recent incident first.
#[derive(Debug, Args)]
#[command(after_long_help = LIST_JSON)]
pub struct ListArgs {
    /// Print a JSON array instead of a table.
    #[arg(long)]
    pub json: bool,
}

const LIST_JSON: &str = "\
With --json, prints an array with one object per report:
  id          the report's id
  title       the title
  status      draft, in_review, reviewed or closed
  severity    sev1 (worst) to sev5, or null
  started     when the incident started (UTC, RFC 3339), or null
  timeZone    the IANA time zone the report's times are shown in
  owner       the name of the postmortem's owner, or null
  services    the affected services (array of strings)
  tags        the report's tags (array of strings)
  updatedAt   when the report was last saved (UTC, RFC 3339)
  revision    the number of times the report has been saved";

/// Print one report.
///
/// Without --json the report is printed as the internal Markdown export, for reading.
#[derive(Debug, Args)]
#[command(after_long_help = SHOW_JSON)]
pub struct ShowArgs {
    /// The report's id, as `list` prints it.
    #[arg(value_name = "ID")]
    pub id: String,

    /// Print the whole report as JSON.
    #[arg(long)]
    pub json: bool,
}

const SHOW_JSON: &str = "\
With --json, prints one object holding the whole report; `import` reads it back as a copy.
Field names are in camelCase; times are UTC in RFC 3339, dates are YYYY-MM-DD, and absent values
are null. The main fields:
  id, revision, createdAt, updatedAt      identity and save history
  title, status, severity, services, tags, timeZone, impactScope
  incident      started, detected, mitigated, resolved
  participants  objects with id, name and role
  owner         participant (an id from participants), criterion and note; or null
  review        the review meeting: at, facilitator, devilsAdvocate
  summary, customerImpact, monitoring, wentWell, gotLucky    Markdown text
  timeline      objects with id, at, description, evidence and kind
  contributingFactors   objects with id, description, category and whyItMadeSense
  questions     answers to the helpful questions: isolatedOrTrend, bugOrClass, workNotDone,
                similarIncidents, growsWithScale
  actionItems   objects with id, description, owner, due, priority, kind, status,
                statusReason, tracking and doneWhen
  external      the customer message: summary, whatHappened, whatWeAreDoing
  glossary      objects with term and definition
  reviewChecklist   objects with question, checked and note
  dismissals    dismissed hints: rule, field, matchedText and reason";

/// Search the text of every report.
///
/// Each word of the query must occur in a report, as a word or the start of one; case does not
/// matter. The best matches come first.
#[derive(Debug, Args)]
#[command(after_long_help = SEARCH_JSON)]
pub struct SearchArgs {
    /// The words to look for.
    #[arg(value_name = "QUERY")]
    pub query: String,

    /// Print a JSON array instead of text.
    #[arg(long)]
    pub json: bool,
}

const SEARCH_JSON: &str = "\
With --json, prints an array with one object per matching report, best first:
  report    the report, with the fields that `list --json` prints for each report: id, title,
            status, severity, started, timeZone, owner, services, tags, updatedAt, revision
  snippet   a short extract of the matching text, each match between [ and ]";

/// List the action items of every report: open and overdue first.
///
/// Open items (proposed or committed) come first: those past their due date first, the most
/// overdue at the top, then by due date, then those without one. Done and won't-do items follow,
/// the most recent incident first. Reads the database only, and never changes or creates it.
#[derive(Debug, Args)]
#[command(after_long_help = ACTIONS_JSON)]
pub struct ActionsArgs {
    /// Only open items whose due date has passed.
    #[arg(long)]
    pub overdue: bool,

    /// Only the items of this owner (a person or a role; case does not matter).
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,

    /// Only the items with this status.
    #[arg(long, value_name = "STATUS", value_parser = ["proposed", "committed", "done", "wont_do"])]
    pub status: Option<String>,

    /// Only the items of this kind.
    #[arg(long, value_name = "KIND", value_parser = ["mitigate", "prevent", "detect", "process"])]
    pub kind: Option<String>,

    /// The day that decides what is overdue, as YYYY-MM-DD [default: today, in this computer's
    /// time zone]
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,

    /// Print a JSON array instead of a table.
    #[arg(long)]
    pub json: bool,
}

const ACTIONS_JSON: &str = "\
Output:
  A table with one line per action item: its due date, how many days late it is, its status,
  owner and description, and the id of its report (for `show`). The number of items, and of
  overdue ones, goes to standard error.

With --json, prints an array with one object per action item, in the order above:
  reportId        the id of the report the item belongs to
  reportTitle     that report's title
  reportStatus    that report's status: draft, in_review, reviewed or closed
  reportRevision  that report's revision
  item            the action item, as `show --json` prints it: id, description, owner, due
                  (YYYY-MM-DD or null), priority (p1 to p3 or null), kind (mitigate, prevent,
                  detect or process), status (proposed, committed, done or wont_do),
                  statusReason, tracking and doneWhen
  open            true for a proposed or committed item
  daysOverdue     for an open item due before today, how many days ago it was due; otherwise
                  null";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Audience {
    /// The whole report, for the people inside the organisation.
    Internal,
    /// The customer message only: title, dates and the three parts of the external message.
    External,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown.
    Md,
    /// PDF, typeset for printing and sharing (needs -o).
    Pdf,
}

/// Export a report for sharing.
///
/// Writes the file whole or not at all: the export goes to a temporary file beside FILE, which is
/// renamed over FILE only once it is complete. An existing FILE is replaced only with --force.
/// Without -o a Markdown export goes to standard output; a PDF needs -o (`-o -` writes it to
/// standard output, for a pipe).
///
/// An external export is refused while its title or external message holds a detail that
/// customers must not see (a `leak` hint of severity error, such as a participant's name or an
/// internal host name): reword it, or dismiss the hint in the app with a reason, first.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The report's id, as `list` prints it.
    #[arg(value_name = "ID")]
    pub id: String,

    /// Who the export is for.
    #[arg(long, value_enum)]
    pub audience: Audience,

    /// The file format.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,

    /// The file to write; `-` means standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace FILE if it already exists.
    #[arg(long)]
    pub force: bool,
}

/// Copy the whole database to a new file.
///
/// The copy is a consistent snapshot even while the desktop app is writing, and a single file
/// that can be opened with `--db`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The file to write.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,

    /// Replace FILE if it already exists.
    #[arg(long)]
    pub force: bool,
}

/// List the backups of the database, newest first.
///
/// The app copies the database each day it starts (the last 7 daily copies are kept, in a
/// `backups` folder beside the database), before upgrading it to a new version (beside it, as
/// `<file>.v<N>-<time>.bak`), and before every restore.
#[derive(Debug, Args)]
#[command(after_long_help = BACKUPS_JSON)]
pub struct BackupsArgs {
    /// Print a JSON array instead of text.
    #[arg(long)]
    pub json: bool,
}

const BACKUPS_JSON: &str = "\
With --json, prints an array with one object per backup, newest first:
  path      the backup file
  kind      daily, beforeMigration or beforeRestore
  takenAt   when it was taken (UTC, RFC 3339)
  bytes     its size";

/// Replace the database with a backup.
///
/// The backup is checked first (a readable Debrief database this version can open, with no
/// damage); then the current database is copied into the `backups` folder beside it (a damaged
/// one byte for byte), and only then replaced. Close the app first: a database that is open
/// elsewhere is not replaced.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup to restore, as `backups` lists it or as `backup -o` wrote it.
    #[arg(value_name = "FILE")]
    pub backup: PathBuf,
}

/// Check the database for damage.
///
/// Runs SQLite's integrity and foreign key checks and verifies that every report is in the search
/// index exactly once. Exits with 0 when the database is healthy and 1 when problems were found.
#[derive(Debug, Args)]
#[command(after_long_help = CHECK_JSON)]
pub struct CheckArgs {
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

const CHECK_JSON: &str = "\
With --json, prints one object:
  database        the path of the database file checked
  healthy         true when no problem was found
  schemaVersion   the version of the database's layout
  integrity       problems SQLite found in the file's structure (array of strings)
  foreignKeys     rows that refer to something missing (array of strings)
  searchIndex     reports missing from, or repeated in, the search index (array of strings)";

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_grammar_is_consistent() {
        Cli::command().debug_assert();
    }
}
