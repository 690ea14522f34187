//! The Typst source of a report: the template, then calls to its functions with the report's
//! text, escaped. This is the only place that decides what a PDF contains.

use crate::escape;
use crate::markup;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use debrief_core::export::markdown::{human_duration, incident_window};
use debrief_core::{ActionStatus, HelpfulQuestions, Postmortem};

/// The look of every report, compiled into the binary.
pub const TEMPLATE: &str = include_str!("template.typ");

/// The whole report, for the team.
pub fn internal(report: &Postmortem) -> String {
    let mut doc = Doc::new("Internal", "Postmortem", &report.title);
    doc.title_block(report);
    let zone = report.tz();

    doc.section("Summary");
    doc.markdown(&report.summary, 2);
    doc.section("Customer impact");
    doc.markdown(&report.customer_impact, 2);

    doc.section("Timeline");
    doc.timeline(report, zone);

    doc.section("Monitoring");
    doc.markdown(&report.monitoring, 2);

    doc.section("Contributing factors");
    doc.table(
        "(1fr, auto, 1.15fr)",
        &["Factor", "Category", "Why it made sense at the time"],
        report.contributing_factors.iter().map(|factor| {
            vec![
                Cell::Markdown(&factor.description),
                Cell::Plain(factor.category.label()),
                Cell::Markdown(&factor.why_it_made_sense),
            ]
        }),
    );
    if !report.single_factor_reason.trim().is_empty() {
        doc.subsection("Why one factor tells the story");
        doc.markdown(&report.single_factor_reason, 3);
    }

    doc.section("Helpful questions");
    for ((_, question), answer) in HelpfulQuestions::QUESTIONS
        .iter()
        .zip(report.questions.answers())
    {
        doc.subsection(question);
        doc.markdown_or(answer, 3, "Not answered.");
    }

    doc.section("What went well");
    doc.markdown(&report.went_well, 2);
    doc.section("Where we got lucky");
    doc.markdown(&report.got_lucky, 2);

    doc.section("Action items");
    doc.action_items(report);

    // Notes hold what fits no other section, such as the parts of an imported document that
    // found no place; the section is left out when there are none.
    if !report.notes.trim().is_empty() {
        doc.section("Notes");
        doc.markdown(&report.notes, 2);
    }

    doc.section("External message");
    for (heading, text) in [
        ("Summary", &report.external.summary),
        ("What happened", &report.external.what_happened),
        (
            "What we are doing about it",
            &report.external.what_we_are_doing,
        ),
    ] {
        doc.subsection(heading);
        doc.markdown_or(text, 3, "Not written yet.");
    }

    doc.section("Glossary");
    doc.table(
        "(auto, 1fr)",
        &["Term", "Definition"],
        report
            .glossary
            .iter()
            .map(|entry| vec![Cell::Strong(&entry.term), Cell::Markdown(&entry.definition)]),
    );

    doc.section("Review checklist");
    doc.table(
        "(auto, 1fr, 1fr)",
        &["Done", "Question", "Note"],
        report.review_checklist.iter().map(|item| {
            vec![
                Cell::Checkbox(item.checked),
                Cell::Markdown(&item.question),
                Cell::Markdown(&item.note),
            ]
        }),
    );

    doc.section("Dismissed hints");
    doc.table(
        "(auto, auto, 1fr, 1.2fr)",
        &["Rule", "Field", "Text", "Reason"],
        report.dismissals.iter().map(|dismissal| {
            vec![
                Cell::Code(&dismissal.rule),
                Cell::Plain(&dismissal.field),
                Cell::Plain(&dismissal.matched_text),
                Cell::Markdown(&dismissal.reason),
            ]
        }),
    );
    doc.out
}

/// The message for customers, from the external Markdown export and nothing else: its title, the
/// line with the date and duration, and its sections.
pub fn external(markdown: &str) -> String {
    let title = debrief_core::markdown::first_heading(markdown).unwrap_or_default();
    let mut doc = Doc::new("External", "Incident report", &title);
    doc.out.push_str("#doc-kind[Incident report]\n");
    markup::push_document(&mut doc.out, markdown);
    doc.out
}

/// One cell of a table.
enum Cell<'a> {
    Markdown(&'a str),
    Plain(&'a str),
    Strong(&'a str),
    Code(&'a str),
    Checkbox(bool),
    /// Written already as markup by the caller, with how many lines its text may take (see
    /// [`markup::cell_lines`]).
    Markup(String, usize),
}

impl Cell<'_> {
    /// At most how many lines the cell's text takes (see [`markup::cell_lines`]).
    fn lines(&self) -> usize {
        match self {
            Cell::Markdown(text) | Cell::Plain(text) | Cell::Strong(text) | Cell::Code(text) => {
                markup::cell_lines(text)
            }
            Cell::Checkbox(_) => 1,
            Cell::Markup(_, lines) => *lines,
        }
    }
}

struct Doc {
    out: String,
}

impl Doc {
    fn new(marking: &str, kind: &str, title: &str) -> Doc {
        let mut out = String::with_capacity(TEMPLATE.len() + 16 * 1024);
        out.push_str(TEMPLATE);
        out.push_str("\n#show: report.with(marking: \"");
        escape::push_string(&mut out, marking);
        out.push_str("\", kind: \"");
        escape::push_string(&mut out, kind);
        out.push_str("\", title: \"");
        escape::push_string(&mut out, &one_line(title));
        out.push_str("\")\n\n");
        Doc { out }
    }

    fn plain(&mut self, text: &str) {
        escape::push_content(&mut self.out, text);
    }

    /// `[text]`, a content argument.
    fn plain_arg(&mut self, text: &str) {
        self.out.push('[');
        self.plain(text);
        self.out.push(']');
    }

    fn section(&mut self, title: &str) {
        self.out.push_str("\n#section");
        self.plain_arg(title);
        self.out.push('\n');
    }

    fn subsection(&mut self, title: &str) {
        self.out.push_str("#subsection");
        self.plain_arg(title);
        self.out.push('\n');
    }

    fn markdown(&mut self, text: &str, heading_level: u8) {
        self.markdown_or(text, heading_level, "Nothing recorded.");
    }

    fn markdown_or(&mut self, text: &str, heading_level: u8, empty: &str) {
        if text.trim().is_empty() {
            self.nothing(empty);
        } else {
            markup::push_blocks(&mut self.out, text, heading_level);
        }
    }

    fn nothing(&mut self, words: &str) {
        self.out.push_str("#par[#nothing(words: \"");
        escape::push_string(&mut self.out, words);
        self.out.push_str("\")]\n");
    }

    /// A table cell: kept whole on one page, or, when its text may be taller than a page, given
    /// to the template's `tall`, which lets it continue on the next page if it must.
    fn cell(&mut self, cell: Cell<'_>) {
        self.out
            .push_str(if cell.lines() > markup::CELL_LINES_PER_PAGE {
                markup::TALL_CELL
            } else {
                markup::KEEP_CELL
            });
        self.out.push('[');
        match cell {
            Cell::Markdown(text) => markup::push_cell(&mut self.out, text, 4),
            Cell::Plain(text) => markup::push_plain(&mut self.out, text),
            Cell::Strong(text) => {
                self.out.push_str("#strong[");
                self.plain(text);
                self.out.push(']');
            }
            Cell::Code(text) => {
                self.out.push_str("#raw(\"");
                escape::push_string(&mut self.out, text);
                self.out.push_str("\")");
            }
            Cell::Checkbox(checked) => {
                self.out.push_str(if checked {
                    "#checkbox(true)"
                } else {
                    "#checkbox(false)"
                });
            }
            Cell::Markup(markup, _) => self.out.push_str(&markup),
        }
        self.out.push_str("], ");
    }

    /// A table with a header row repeated on every page, or a note when there are no rows.
    fn table<'a>(
        &mut self,
        columns: &str,
        header: &[&str],
        rows: impl Iterator<Item = Vec<Cell<'a>>>,
    ) {
        let mut rows = rows.peekable();
        if rows.peek().is_none() {
            self.nothing("None.");
            return;
        }
        self.out.push_str("#data-table(columns: ");
        self.out.push_str(columns);
        self.out.push_str(", header: (");
        for label in header {
            self.plain_arg(label);
            self.out.push_str(", ");
        }
        self.out.push_str("), ");
        for row in rows {
            for cell in row {
                self.cell(cell);
            }
        }
        self.out.push_str(")\n");
    }

    fn title_block(&mut self, report: &Postmortem) {
        let zone = report.tz();
        self.out.push_str("#doc-kind[Postmortem]\n#doc-title");
        self.plain_arg(&one_line(&report.title));
        self.out.push('\n');
        if let Some(window) = incident_window(report) {
            self.out.push_str("#doc-subtitle");
            self.plain_arg(&window);
            self.out.push('\n');
        }

        let mut incident = Facts::default();
        incident.plain("Status", report.status.label());
        incident.plain_or(
            "Severity",
            report.severity.map(|severity| severity.label()),
            "Not set",
        );
        incident.plain("Customer impact", report.impact_scope.label());
        incident.pills("Services", &report.services);
        incident.pills("Tags", &report.tags);

        let mut timing = Facts::default();
        let times = &report.incident;
        timing.plain_or(
            "Started",
            times.started.map(|t| long_time(t, zone)).as_deref(),
            "Not known",
        );
        for (label, time) in [
            ("Detected", times.detected),
            ("Mitigated", times.mitigated),
            ("Resolved", times.resolved),
        ] {
            let value = time.map(|time| {
                let mut value = String::new();
                escape::push_content(&mut value, &long_time(time, zone));
                if let Some(started) = times.started.filter(|started| *started <= time) {
                    value.push_str("#h(0.4em)#note[");
                    escape::push_content(
                        &mut value,
                        &format!("+{}", human_duration(time - started)),
                    );
                    value.push(']');
                }
                value
            });
            timing.markup_or(label, value, "Not known");
        }
        let end = times.resolved.or(times.mitigated);
        timing.plain_or(
            "Duration",
            times
                .started
                .zip(end)
                .map(|(started, ended)| human_duration(ended - started))
                .as_deref(),
            "Not known",
        );
        timing.plain("Time zone", &report.time_zone);

        let mut people = Facts::default();
        let owner = report.owner.as_ref().map(|owner| {
            let mut value = String::new();
            escape::push_content(&mut value, report.owner_name().unwrap_or("Unknown person"));
            value.push_str("#linebreak()#note[");
            escape::push_content(&mut value, owner.criterion.label());
            value.push(']');
            if !owner.note.trim().is_empty() {
                value.push_str("#linebreak()#note[");
                markup::push_cell(&mut value, &owner.note, 4);
                value.push(']');
            }
            value
        });
        people.markup_or("Owner", owner, "Not chosen");
        let participants = (!report.participants.is_empty()).then(|| {
            let mut value = String::new();
            for (index, participant) in report.participants.iter().enumerate() {
                if index > 0 {
                    value.push_str("#linebreak()");
                }
                escape::push_content(&mut value, participant.name.trim());
                value.push_str("#h(0.4em)#note[");
                escape::push_content(&mut value, participant.role.label());
                value.push(']');
            }
            value
        });
        people.markup_or("Participants", participants, "None listed");
        let review = &report.review;
        let review_value = (review.at.is_some()
            || review.facilitator.is_some()
            || review.devils_advocate.is_some())
        .then(|| {
            let mut value = String::new();
            let mut lines = Vec::new();
            if let Some(at) = review.at {
                let mut line = String::new();
                escape::push_content(&mut line, &long_time(at, zone));
                lines.push(line);
            }
            for (label, person) in [
                ("Facilitator", review.facilitator),
                ("Devil's advocate", review.devils_advocate),
            ] {
                if let Some(person) = person.and_then(|id| report.participant(id)) {
                    let mut line = String::from("#note[");
                    escape::push_content(&mut line, label);
                    line.push_str("]#h(0.4em)");
                    escape::push_content(&mut line, person.name.trim());
                    lines.push(line);
                }
            }
            value.push_str(&lines.join("#linebreak()"));
            value
        });
        people.markup_or("Review meeting", review_value, "Not planned");

        self.out.push_str("#facts(");
        for (name, facts) in [
            ("Incident", incident),
            ("Timing", timing),
            ("People", people),
        ] {
            self.out.push_str("(\"");
            escape::push_string(&mut self.out, name);
            self.out.push_str("\", (");
            for (label, value) in facts.0 {
                self.out.push('(');
                self.plain_arg(&label);
                self.out.push_str(", [");
                self.out.push_str(&value);
                self.out.push_str("]), ");
            }
            self.out.push_str(")), ");
        }
        self.out.push_str(")\n");
    }

    fn timeline(&mut self, report: &Postmortem, zone: Tz) {
        if report.timeline.is_empty() {
            self.nothing("No events yet.");
            return;
        }
        let mut entries: Vec<_> = report.timeline.iter().collect();
        entries.sort_by_key(|entry| entry.at);
        let first_day = entries
            .first()
            .map(|entry| entry.at.with_timezone(&zone).date_naive());
        let one_day = entries
            .iter()
            .all(|entry| Some(entry.at.with_timezone(&zone).date_naive()) == first_day);
        let mut intro = String::from("Times are in ");
        intro.push_str(&report.time_zone);
        if one_day {
            if let Some(entry) = entries.first() {
                intro.push_str(
                    &entry
                        .at
                        .with_timezone(&zone)
                        .format(", on %-d %B %Y")
                        .to_string(),
                );
            }
        }
        intro.push('.');
        self.out.push_str("#par[#note[");
        self.plain(&intro);
        self.out.push_str("]]\n");
        self.table(
            "(auto, auto, 1fr, 0.8fr)",
            &["Time", "Kind", "Event", "Evidence"],
            entries.into_iter().map(|entry| {
                let local = entry.at.with_timezone(&zone);
                let format = match (one_day, local.format("%S").to_string() != "00") {
                    (true, false) => "%H:%M",
                    (true, true) => "%H:%M:%S",
                    (false, false) => "%-d %b %H:%M",
                    (false, true) => "%-d %b %H:%M:%S",
                };
                let mut time = String::from("#box[");
                escape::push_content(&mut time, &local.format(format).to_string());
                time.push(']');
                let mut kind = String::from("#pill[");
                escape::push_content(&mut kind, entry.kind.label());
                kind.push(']');
                vec![
                    Cell::Markup(time, 1),
                    Cell::Markup(kind, 1),
                    Cell::Markdown(&entry.description),
                    Cell::Markdown(&entry.evidence),
                ]
            }),
        );
    }

    fn action_items(&mut self, report: &Postmortem) {
        self.table(
            "(1fr, auto, auto, auto, auto)",
            &["Action", "Owner", "Due", "Priority", "Status"],
            report.action_items.iter().map(|item| {
                let mut action = String::new();
                markup::push_cell(&mut action, &item.description, 4);
                let mut lines = markup::cell_lines(&item.description);
                let mut details: Vec<(&str, &str)> = vec![("Type", item.kind.label())];
                if !item.done_when.trim().is_empty() {
                    details.push(("Done when", &item.done_when));
                }
                if !item.tracking.trim().is_empty() {
                    details.push(("Tracking", &item.tracking));
                }
                if !item.status_reason.trim().is_empty() {
                    details.push(("Status note", &item.status_reason));
                }
                action.push_str("#details(");
                for (label, text) in details {
                    lines = lines.saturating_add(markup::cell_lines(text));
                    action.push_str("([");
                    escape::push_content(&mut action, label);
                    action.push_str("], [");
                    markup::push_cell(&mut action, text, 4);
                    action.push_str("]), ");
                }
                action.push(')');
                let due = item.due.map(|due| due.format("%-d %b %Y").to_string());
                let mut status = String::from("#pill[");
                escape::push_content(&mut status, item.status.label());
                status.push(']');
                if item.status == ActionStatus::WontDo {
                    status = format!("#text(fill: muted)[{status}]");
                }
                vec![
                    Cell::Markup(action, lines),
                    Cell::Markdown(&item.owner),
                    Cell::Markup(due.map(|due| escape::content(&due)).unwrap_or_default(), 1),
                    Cell::Plain(item.priority.map(|p| p.label()).unwrap_or("")),
                    Cell::Markup(status, 1),
                ]
            }),
        );
    }
}

/// Labelled values for the title block, each already written as markup.
#[derive(Default)]
struct Facts(Vec<(String, String)>);

impl Facts {
    fn plain(&mut self, label: &str, value: &str) {
        self.0.push((label.to_string(), escape::content(value)));
    }

    fn plain_or(&mut self, label: &str, value: Option<&str>, missing: &str) {
        self.markup_or(label, value.map(escape::content), missing);
    }

    fn markup_or(&mut self, label: &str, value: Option<String>, missing: &str) {
        let value = value.unwrap_or_else(|| {
            let mut markup = String::from("#nothing(words: \"");
            escape::push_string(&mut markup, missing);
            markup.push_str("\")");
            markup
        });
        self.0.push((label.to_string(), value));
    }

    fn pills(&mut self, label: &str, words: &[String]) {
        let words: Vec<&String> = words.iter().filter(|w| !w.trim().is_empty()).collect();
        let value = (!words.is_empty()).then(|| {
            let mut markup = String::new();
            for word in words {
                markup.push_str("#pill[");
                escape::push_content(&mut markup, word.trim());
                markup.push_str("] ");
            }
            markup
        });
        self.markup_or(label, value, "None");
    }
}

/// "20 Nov 2026, 14:02 CET": a moment in the report's zone.
fn long_time(time: DateTime<Utc>, zone: Tz) -> String {
    time.with_timezone(&zone)
        .format("%-d %b %Y, %H:%M %Z")
        .to_string()
}

/// The longest title shown; it is repeated in every page's footer.
const MAX_TITLE_CHARS: usize = 500;

/// A title on one line, cut with an ellipsis if it is absurdly long.
fn one_line(text: &str) -> String {
    let mut line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some((end, _)) = line.char_indices().nth(MAX_TITLE_CHARS) {
        line.truncate(end);
        line.push('…');
    }
    line
}
