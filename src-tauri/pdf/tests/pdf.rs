//! The PDFs, read back as text: what each audience's PDF contains, and that report text is
//! shown as text and never run.

mod common;

use common::{full_report, long_report};
use debrief_core::Postmortem;
use debrief_pdf::{render, Audience};

/// The text of a PDF, as a reader's copy and paste would give it.
fn text_of(pdf: &[u8]) -> String {
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    pdf_extract::extract_text_from_mem(pdf).unwrap_or_else(|e| panic!("unreadable PDF: {e}"))
}

/// Text without white space, so that line and page breaks do not matter.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn pdf_text(report: &Postmortem, audience: Audience) -> String {
    let pdf = render(report, audience).unwrap_or_else(|e| panic!("{e}"));
    squeezed(&text_of(&pdf))
}

fn assert_contains(haystack: &str, needle: &str) {
    assert!(
        haystack.contains(&squeezed(needle)),
        "{needle:?} is missing from:\n{haystack}"
    );
}

/// A report whose every field, internal or external, holds its own marker.
fn marked_report() -> (Postmortem, Vec<String>, Vec<String>) {
    let mut report = full_report();
    let mut internal = Vec::new();
    let mut next = |prefix: &str| {
        let marker = format!("{prefix}{}Q", internal.len() + 1);
        internal.push(marker.clone());
        marker
    };
    report.summary = next("MARK");
    report.customer_impact = next("MARK");
    report.monitoring = next("MARK");
    report.single_factor_reason = next("MARK");
    report.went_well = next("MARK");
    report.got_lucky = next("MARK");
    report.notes = next("MARK");
    for answer in report.questions.answers_mut() {
        *answer = next("MARK");
    }
    report.services = vec![next("MARK")];
    report.tags = vec![next("MARK")];
    for participant in &mut report.participants {
        participant.name = next("MARK");
    }
    for entry in &mut report.timeline {
        entry.description = next("MARK");
        entry.evidence = next("MARK");
    }
    for factor in &mut report.contributing_factors {
        factor.description = next("MARK");
        factor.why_it_made_sense = next("MARK");
    }
    for item in &mut report.action_items {
        item.description = next("MARK");
        item.owner = next("MARK");
        item.done_when = next("MARK");
        item.tracking = next("MARK");
        item.status_reason = next("MARK");
    }
    for entry in &mut report.glossary {
        entry.term = next("MARK");
        entry.definition = next("MARK");
    }
    for item in &mut report.review_checklist {
        item.question = next("MARK");
        item.note = next("MARK");
    }
    for dismissal in &mut report.dismissals {
        dismissal.rule = next("MARK");
        dismissal.field = next("MARK");
        dismissal.matched_text = next("MARK");
        dismissal.reason = next("MARK");
    }
    if let Some(owner) = &mut report.owner {
        owner.note = next("MARK");
    }
    report.title = "EXTTITLEQ".into();
    report.external.summary = "EXTSUMMARYQ".into();
    report.external.what_happened = "EXTHAPPENEDQ".into();
    report.external.what_we_are_doing = "EXTDOINGQ".into();
    let external = ["EXTTITLEQ", "EXTSUMMARYQ", "EXTHAPPENEDQ", "EXTDOINGQ"]
        .map(String::from)
        .to_vec();
    (report, internal, external)
}

#[test]
fn every_field_reaches_the_internal_pdf() {
    let (report, internal, external) = marked_report();
    let text = pdf_text(&report, Audience::Internal);
    for marker in internal.iter().chain(&external) {
        assert_contains(&text, marker);
    }
    for heading in [
        "Summary",
        "Customer impact",
        "Timeline",
        "Monitoring",
        "Contributing factors",
        "Why one factor tells the story",
        "Helpful questions",
        "Is this incident isolated, or part of a trend?",
        "What went well",
        "Where we got lucky",
        "Action items",
        "External message",
        "What we are doing about it",
        "Glossary",
        "Review checklist",
        "Dismissed hints",
        "Page 1 of",
        "INTERNAL",
    ] {
        assert_contains(&text, heading);
    }
}

#[test]
fn the_internal_pdf_shows_the_metadata() {
    let report = full_report();
    let text = pdf_text(&report, Audience::Internal);
    for fact in [
        "In review",
        "SEV2",
        "Partial degradation",
        "checkout",
        "session-cache",
        "rollout",
        "Europe/Berlin",
        // 13:02 UTC is 14:02 in Berlin in November.
        "20 Nov 2026, 14:02 CET",
        "20 Nov 2026, 15:10 CET",
        "1 h 8 min",
        "Ana Lima",
        "Led the response",
        "Incident commander",
        "Dana Kovač",
        "Scribe",
        "23 Nov 2026, 15:00 CET",
        "Facilitator",
        "Chen Wei",
        "Devil's advocate",
        "Ben Okafor",
        "PLAT-1234",
        "Stage config rollouts one region at a time",
        "The deploy tool refuses an all-region config push",
        "Too large for the benefit",
        "Won't do",
        "p95",
        "Timeline checked against the logs",
        "Quoting the customer's words",
    ] {
        assert_contains(&text, fact);
    }
}

#[test]
fn no_internal_field_reaches_the_external_pdf() {
    let (report, internal, external) = marked_report();
    let text = pdf_text(&report, Audience::External);
    for marker in &internal {
        assert!(
            !text.contains(marker.as_str()),
            "{marker} leaked into:\n{text}"
        );
    }
    for marker in &external {
        assert_contains(&text, marker);
    }
    assert_contains(&text, "EXTERNAL");
    assert!(!text.contains("INTERNAL"));
}

#[test]
fn the_external_pdf_holds_what_the_external_markdown_holds() {
    let report = full_report();
    let text = pdf_text(&report, Audience::External);
    for part in [
        "Checkout latency after a cache configuration change",
        "20 November 2026, 14:02–15:10 CET (1 h 8 min)",
        "Summary",
        "checkout was slow for some customers",
        "What happened",
        "reversed the change",
        "What we are doing about it",
        "one region at a time",
        "Page 1 of 1",
    ] {
        assert_contains(&text, part);
    }
    for internal in ["Ana Lima", "SEV2", "PLAT-1234", "session-cache", "Timeline"] {
        assert!(!text.contains(&squeezed(internal)), "{internal} leaked");
    }
}

/// Text that means something to Typst, in fields that are plain text and in Markdown fields
/// where Markdown leaves it alone.
const HOSTILE: [&str; 12] = [
    "#read(\"/etc/passwd\")",
    "#import \"x.typ\": *",
    "$x^2$",
    "*a*",
    "<label>",
    "@ref",
    "a\\b",
    "]",
    "// not a comment",
    "`raw`",
    "#set page(width: 1cm)",
    "= not a heading",
];

#[test]
fn typst_syntax_in_report_text_is_shown_literally() {
    let mut report = full_report();
    report.title = HOSTILE.join(" ");
    report.services = HOSTILE.iter().map(|s| s.to_string()).collect();
    report.dismissals[0].matched_text = HOSTILE.join(" ");
    // In Markdown, a code span shows its text as it is.
    report.summary = HOSTILE
        .iter()
        .map(|s| format!("`` {s} ``"))
        .collect::<Vec<_>>()
        .join(" and ");
    // These mean nothing to Markdown either.
    report.monitoring = "#read(\"/etc/passwd\") $x$ <label> @ref ] // \\".into();
    let text = pdf_text(&report, Audience::Internal);
    for hostile in HOSTILE {
        let count = text.matches(&squeezed(hostile)).count();
        assert!(count >= 4, "{hostile:?} shown {count} times in:\n{text}");
    }
    assert_contains(&text, "#read(\"/etc/passwd\") $x$ <label> @ref ] // \\");
    assert!(!text.contains("root:x:0"), "a file was read");

    report.external.summary = report.monitoring.clone();
    let text = pdf_text(&report, Audience::External);
    assert_contains(&text, "#read(\"/etc/passwd\") $x$ <label> @ref ] // \\");
    assert!(!text.contains("root:x:0"), "a file was read");
}

#[test]
fn links_are_followed_only_to_the_web_and_mail() {
    let mut report = full_report();
    report.summary = "[web](https://example.com/a) [mail](mailto:a@example.com) \
        [file](file:///etc/passwd) [script](javascript:alert(1)) <b>html</b>"
        .into();
    let pdf = render(&report, Audience::Internal).unwrap_or_else(|e| panic!("{e}"));
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("https://example.com/a"));
    assert!(raw.contains("mailto:a@example.com"));
    assert!(!raw.contains("/URI (file:"), "a file link was made");
    assert!(!raw.contains("/URI (javascript:"), "a script link was made");
    let text = squeezed(&text_of(&pdf));
    assert_contains(&text, "file (file:///etc/passwd)");
    assert_contains(&text, "script (javascript:alert(1))");
    assert_contains(&text, "<b>html</b>");
}

#[test]
fn markdown_structure_renders() {
    let mut report = full_report();
    report.summary = "# Heading one\n\nA paragraph with **bold**, _italic_, ~~struck~~ and \
        `code`.\n\n> A quotation\n\n1. first\n2. second\n   - nested\n\n- [x] done task\n- [ ] open task\n\n\
        | Left | Right |\n|:-----|------:|\n| a | 1 |\n| b | 2 |\n\n```rust\nfn main() {\n    println!(\"hi\");\n}\n```\n\n---\n\n\
        ![a diagram](diagram.png)"
        .into();
    let text = pdf_text(&report, Audience::Internal);
    for part in [
        "Heading one",
        "A paragraph with bold, italic, struck and code.",
        "A quotation",
        "first",
        "nested",
        "done task",
        "Left",
        "Right",
        "println!(\"hi\");",
        "[image: a diagram]",
    ] {
        assert_contains(&text, part);
    }
}

#[test]
fn other_scripts_render() {
    let mut report = full_report();
    report.title = "障害報告 — تقرير الحادث — 🚨".into();
    report.summary = "中文：缓存配置错误。日本語：キャッシュ。한국어: 캐시. \
        العربية: خطأ في الإعدادات. עברית: שגיאה. Ελληνικά. Русский. हिन्दी. ไทย. \
        Emoji 😀🔥👍🏽👨‍👩‍👧 and a symbol no font has: \u{0378}."
        .into();
    report.external.summary = report.summary.clone();
    for audience in [Audience::Internal, Audience::External] {
        let pdf = render(&report, audience).unwrap_or_else(|e| panic!("{e}"));
        let text = text_of(&pdf);
        assert!(
            text.contains('\u{FFFD}'),
            "the uncovered character is not replaced visibly"
        );
        assert!(text.contains("Русский"));
    }
}

#[test]
fn deep_nesting_and_odd_input_render() {
    let mut report = full_report();
    report.summary = format!("{}deep", "> ".repeat(3000));
    report.monitoring = (0..300)
        .map(|depth| format!("{}- level {depth}\n", "  ".repeat(depth)))
        .collect();
    report.went_well = format!("{}text{}", "*_".repeat(2000), "_*".repeat(2000));
    report.got_lucky = "\u{0}\u{1}\u{7f}\r\n\u{2028}\u{feff}tab\there".into();
    report.customer_impact = format!(
        "| {} |\n|{}|\n",
        vec!["c"; 200].join(" | "),
        vec!["-"; 200].join("|")
    );
    let text = pdf_text(&report, Audience::Internal);
    assert_contains(&text, "deep");
    assert_contains(&text, "level 299");
}

#[test]
fn a_ten_megabyte_field_does_not_panic() {
    let mut report = full_report();
    let sentence = "The retry storm grew as every client retried at once; ";
    let paragraph = sentence.repeat(40);
    let mut text = String::with_capacity(10 * 1024 * 1024 + paragraph.len());
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(&paragraph);
        text.push_str("\n\n");
    }
    report.monitoring = text;
    let started = std::time::Instant::now();
    let result = render(&report, Audience::Internal);
    eprintln!(
        "10 MB field: {:?} in {:?}",
        result.as_ref().map(Vec::len),
        started.elapsed()
    );
    assert!(result.is_ok(), "{result:?}");
}

fn page_count(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf)
        .unwrap_or_else(|e| panic!("unreadable PDF: {e}"))
        .get_pages()
        .len()
}

/// The page's bottom margin in the template (2.2 cm), in points: the footer sits in it.
const BOTTOM_MARGIN: f64 = 2.2 / 2.54 * 72.0;

/// Collects the text of each page that lies in the page's body: on the page and above the
/// footer. Text that runs over the footer or off the page is not there for a reader.
#[derive(Default)]
struct Visible {
    pages: Vec<String>,
    bottom: f64,
}

impl pdf_extract::OutputDev for Visible {
    fn begin_page(
        &mut self,
        _: u32,
        media_box: &pdf_extract::MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.pages.push(String::new());
        // Half a point of slack: the last line's baseline sits on the body's bottom edge.
        self.bottom = media_box.lly + BOTTOM_MARGIN - 0.5;
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        _: f64,
        _: f64,
        _: f64,
        char: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        if trm.m32 >= self.bottom {
            if let Some(page) = self.pages.last_mut() {
                page.extend(char.chars().filter(|c| !c.is_whitespace()));
            }
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

/// The text a reader sees on each page, squeezed.
fn visible_pages(pdf: &[u8]) -> Vec<String> {
    let document =
        pdf_extract::Document::load_mem(pdf).unwrap_or_else(|e| panic!("unreadable PDF: {e}"));
    let mut visible = Visible::default();
    pdf_extract::output_doc(&document, &mut visible)
        .unwrap_or_else(|e| panic!("unreadable PDF: {e}"));
    visible.pages
}

/// `count` markers, joined by `separator`.
fn markers(prefix: &str, count: usize, separator: &str) -> (String, Vec<String>) {
    let lines: Vec<String> = (1..=count).map(|n| format!("{prefix}{n}Q")).collect();
    (lines.join(separator), lines)
}

/// A table cell taller than a page continues on the next pages: every line of it is on a page,
/// above the footer, and the PDF has the pages it takes.
fn assert_a_tall_cell_is_whole(change: impl Fn(&mut Postmortem, &str)) {
    let mut report = full_report();
    let pdf = render(&report, Audience::Internal).unwrap_or_else(|e| panic!("{e}"));
    let pages_before = page_count(&pdf);
    // 150 short paragraphs: about 65 lines of cell text fit on a page.
    let (text, lines) = markers("TALL", 150, "\n\n");
    change(&mut report, &text);
    let pdf = render(&report, Audience::Internal).unwrap_or_else(|e| panic!("{e}"));
    let visible = visible_pages(&pdf).concat();
    for line in &lines {
        assert!(
            visible.contains(line.as_str()),
            "{line} is not on a page above the footer"
        );
    }
    let pages = page_count(&pdf);
    assert!(
        pages >= pages_before + 2,
        "{pages} pages, {pages_before} without the tall cell"
    );
}

#[test]
fn a_timeline_entry_taller_than_a_page_is_printed_whole() {
    assert_a_tall_cell_is_whole(|report, text| report.timeline[2].description = text.into());
}

#[test]
fn an_action_item_taller_than_a_page_is_printed_whole() {
    assert_a_tall_cell_is_whole(|report, text| report.action_items[1].description = text.into());
}

#[test]
fn a_markdown_table_cell_taller_than_a_page_is_printed_whole() {
    let mut report = full_report();
    // One line of about 12,000 characters in a table as wide as the page: some 130 lines.
    let (text, markers) = markers("WIDE", 1500, " ");
    report.summary = format!("| Notes |\n|---|\n| {text} |\n");
    let pdf = render(&report, Audience::Internal).unwrap_or_else(|e| panic!("{e}"));
    let visible = visible_pages(&pdf).concat();
    for marker in &markers {
        assert!(
            visible.contains(marker.as_str()),
            "{marker} is not on a page above the footer"
        );
    }
}

#[test]
fn rows_that_fit_on_a_page_are_not_split() {
    let mut report = long_report(60);
    for (index, entry) in report.timeline.iter_mut().enumerate() {
        // Every seventh row is half a page high: long enough to be measured before it is placed
        // (see `markup::cell_lines`), short enough to be kept whole.
        let middle = if index % 7 == 3 {
            markers(&format!("ROW{index}LINE"), 35, "\n\n").0
        } else {
            entry.description.clone()
        };
        entry.description = format!("ROW{index}FIRSTQ\n\n{middle}\n\nROW{index}LASTQ");
    }
    let pdf = render(&report, Audience::Internal).unwrap_or_else(|e| panic!("{e}"));
    let pages = visible_pages(&pdf);
    let page_of = |marker: &str| {
        let pages: Vec<usize> = (0..pages.len())
            .filter(|&page| pages[page].contains(marker))
            .collect();
        assert_eq!(pages.len(), 1, "{marker} is on pages {pages:?}");
        pages[0]
    };
    let mut pages_used = std::collections::BTreeSet::new();
    for index in 0..report.timeline.len() {
        let first = page_of(&format!("ROW{index}FIRSTQ"));
        assert_eq!(
            first,
            page_of(&format!("ROW{index}LASTQ")),
            "timeline row {index} is split across pages"
        );
        pages_used.insert(first);
    }
    // The table crosses page breaks, so a row could have been split.
    assert!(pages_used.len() >= 3, "the timeline fills {pages_used:?}");
}
