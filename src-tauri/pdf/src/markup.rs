//! Report text (Markdown) as Typst markup.
//!
//! The text is read through `debrief_core::markdown::parse`, the one Markdown configuration of
//! Debrief. Structure becomes calls to Typst functions written here or in the template (`#par[…]`,
//! `#list(…)`, `#text-table(…)`), and every piece of the author's text goes through
//! [`escape::content`] or, inside a string literal, [`escape::string`]. Nothing the author typed
//! is ever copied into the source unescaped. Links become clickable only for `http`, `https` and
//! `mailto`; raw HTML is shown as the text it is.

use crate::escape;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Tag, TagEnd};

/// How deep blocks and spans may nest before further nesting is flattened. Real reports stay far
/// below it; it keeps hostile text (thousands of `>`) from exhausting the typesetter's stack.
const MAX_DEPTH: usize = 24;

/// The most text of one field a PDF shows: about a hundred pages. A longer field (a pasted log,
/// say) is cut at a line end before this, with a note where the rest would be; the Markdown
/// export keeps it whole. Without the cut, 10 MB of text makes a PDF of thousands of pages that
/// takes minutes and gigabytes to typeset.
pub const MAX_FIELD_BYTES: usize = 256 * 1024;

/// `markdown`, cut to [`MAX_FIELD_BYTES`] with a note saying so when it is longer.
fn within_limit(markdown: &str) -> std::borrow::Cow<'_, str> {
    if markdown.len() <= MAX_FIELD_BYTES {
        return std::borrow::Cow::Borrowed(markdown);
    }
    let mut end = MAX_FIELD_BYTES;
    while !markdown.is_char_boundary(end) {
        end -= 1;
    }
    let kept = &markdown[..end];
    let kept = kept.rfind('\n').map_or(kept, |line_end| &kept[..line_end]);
    let left_out = (markdown.len() - kept.len()).div_ceil(1024);
    std::borrow::Cow::Owned(format!(
        "{kept}\n\n---\n\n*The rest of this text ({left_out} KB) is too long for a PDF and is left \
         out here. Export the report as Markdown to read it whole.*\n"
    ))
}

/// Appends `markdown` as block-level Typst markup. Headings the author wrote become
/// `text-heading`s starting at `heading_level` (1 is a report section).
pub fn push_blocks(out: &mut String, markdown: &str, heading_level: u8) {
    let markdown = within_limit(markdown);
    let mut writer = Writer::new(out, heading_level);
    for event in debrief_core::markdown::parse(&markdown) {
        writer.event(event);
    }
    writer.finish();
}

/// `markdown` as Typst markup for a short field such as a table cell: a single paragraph is
/// written as its text alone, so it sits on the cell's first line.
pub fn push_cell(out: &mut String, markdown: &str, heading_level: u8) {
    let markdown = within_limit(markdown);
    let mut writer = Writer::new(out, heading_level);
    writer.single_paragraph_bare = is_single_paragraph(&markdown);
    for event in debrief_core::markdown::parse(&markdown) {
        writer.event(event);
    }
    writer.finish();
}

/// A whole document in Markdown, such as the external message: its first level-1 heading is the
/// document's title, a paragraph right after it the line under the title, and level-2 headings
/// are sections.
pub fn push_document(out: &mut String, markdown: &str) {
    let markdown = within_limit(markdown);
    let mut writer = Writer::new(out, 3);
    writer.document = Some(DocumentState::default());
    for event in debrief_core::markdown::parse(&markdown) {
        writer.event(event);
    }
    writer.finish();
}

/// Plain text, escaped, with bare web addresses made into links.
pub fn push_plain(out: &mut String, text: &str) {
    match text.char_indices().nth(MAX_FIELD_BYTES / 4) {
        Some((end, _)) => {
            push_text_with_links(out, &text[..end]);
            out.push('…');
        }
        None => push_text_with_links(out, text),
    }
}

/// The template's function for a table cell kept whole on one page.
pub const KEEP_CELL: &str = "keep";
/// The template's function for a table cell that may be taller than a page; the same length as
/// [`KEEP_CELL`], so that one can be put in place of the other.
pub const TALL_CELL: &str = "tall";

/// How many lines of a table cell's text a page holds at the least: the page's text is 25 cm
/// high, and a line of a cell's text (8.8 pt) takes less than 11 pt, so a cell on a fresh page,
/// below the table's header row, has room for about 60; ten are left for headings, code blocks
/// and the like inside the cell.
pub const CELL_LINES_PER_PAGE: usize = 50;

/// The fewest characters a line of a cell's text holds, for [`cell_lines`]: a column about 80 pt
/// wide, narrower than any column of the report's tables holding text.
const NARROW_LINE: usize = 12;

/// At most how many lines `text` takes in a table cell, counted generously so that a cell counted
/// at no more than [`CELL_LINES_PER_PAGE`] lines surely fits on a page: each line of the text
/// counts 2 (for the space between paragraphs or list items, or a line of its own), plus one for
/// every [`NARROW_LINE`] characters in it; a character outside ASCII counts twice, for wide
/// scripts. Counting stops once the count is past [`CELL_LINES_PER_PAGE`], so a long text costs no
/// more than a short one.
///
/// A cell counted past it is written with [`TALL_CELL`]; the template then measures it, and lets
/// it continue on the next page only when it is really taller than a page. The count only picks
/// which cells are measured.
pub fn cell_lines(text: &str) -> usize {
    let mut lines = 0;
    let mut width = 0;
    for c in text.chars() {
        if c == '\n' {
            lines += 2 + width / NARROW_LINE;
            width = 0;
        } else {
            width += if c.is_ascii() { 1 } else { 2 };
        }
        if lines + width / NARROW_LINE > CELL_LINES_PER_PAGE {
            return CELL_LINES_PER_PAGE + 1;
        }
    }
    lines + 2 + width / NARROW_LINE
}

fn is_single_paragraph(markdown: &str) -> bool {
    let mut blocks = 0;
    let mut depth = 0usize;
    for event in debrief_core::markdown::parse(markdown) {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    if !matches!(tag, Tag::Paragraph) {
                        return false;
                    }
                    blocks += 1;
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Rule | Event::Html(_) if depth == 0 => return false,
            _ => {}
        }
    }
    blocks <= 1
}

/// What an open Markdown element needs when it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    /// A call whose content block or argument list must be closed with this text.
    Closes(&'static str),
    /// An element written without a wrapper (flattened, or bare).
    Nothing,
    /// A link to a scheme we do not follow: its address is shown after its text.
    ShownLink,
    /// A list: its items are arguments, so each item is a content block.
    List,
    /// A list that was flattened: its items are written as lines.
    FlatList,
    /// A table and how many columns it has.
    Table(usize),
    TableHead,
    TableRow,
    /// A cell of a table's body, whose markup starts at this offset with [`KEEP_CELL`].
    TableCell(usize),
}

struct Writer<'o> {
    out: &'o mut String,
    heading_level: u8,
    stack: Vec<Open>,
    /// Addresses of the links being written, shown after links that are not followed.
    shown_links: Vec<String>,
    /// The text of the code or HTML block being read; written whole when it ends.
    code: Option<(String, String)>,
    cells_in_row: usize,
    single_paragraph_bare: bool,
    /// How many links are open: an address inside a link's text is not made a second link.
    links: usize,
    /// Set when the text is a whole document (see [`push_document`]).
    document: Option<DocumentState>,
}

#[derive(Debug, Default)]
struct DocumentState {
    has_title: bool,
    title_open: bool,
    /// The title has just ended, so a paragraph now is the line under it.
    after_title: bool,
}

impl<'o> Writer<'o> {
    fn new(out: &'o mut String, heading_level: u8) -> Self {
        Writer {
            out,
            heading_level: heading_level.clamp(1, 6),
            stack: Vec::new(),
            shown_links: Vec::new(),
            code: None,
            cells_in_row: 0,
            single_paragraph_bare: false,
            links: 0,
            document: None,
        }
    }

    fn deep(&self) -> bool {
        self.stack.len() >= MAX_DEPTH
    }

    /// Inside a list whose items are call arguments (code mode), where text cannot go.
    fn in_argument_list(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Open::List | Open::Table(_) | Open::TableHead | Open::TableRow)
        )
    }

    fn open(&mut self, markup: &str, closes: &'static str) {
        if self.deep() {
            self.stack.push(Open::Nothing);
        } else {
            self.out.push_str(markup);
            self.stack.push(Open::Closes(closes));
        }
    }

    fn event(&mut self, event: Event<'_>) {
        if let Some((_, text)) = &mut self.code {
            match event {
                Event::Text(part) | Event::Html(part) => {
                    text.push_str(&part);
                    return;
                }
                Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                    self.end_code();
                    return;
                }
                _ => {}
            }
        }
        let inline = !matches!(event, Event::Start(_) | Event::End(_));
        if inline && self.in_argument_list() {
            // Between the items of a list or the cells of a table only white space can arrive,
            // and there is nowhere to show it.
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => {
                self.out.push_str("#raw(\"");
                escape::push_string(self.out, &code);
                self.out.push_str("\")");
            }
            Event::InlineMath(text) => self.text(&format!("${text}$")),
            Event::DisplayMath(text) => self.text(&format!("$${text}$$")),
            Event::Html(html) | Event::InlineHtml(html) => self.text(&html),
            Event::FootnoteReference(name) => self.text(&format!("[^{name}]")),
            Event::SoftBreak => self.out.push(' '),
            Event::HardBreak => self.out.push_str("#linebreak()"),
            Event::Rule => self.out.push_str("#rule()\n"),
            Event::TaskListMarker(checked) => {
                self.out.push_str(if checked {
                    "#checkbox(true)"
                } else {
                    "#checkbox(false)"
                });
                self.out.push_str("#h(0.45em)");
            }
        }
    }

    fn text(&mut self, text: &str) {
        if self.links > 0 {
            escape::push_content(self.out, text);
        } else {
            push_text_with_links(self.out, text);
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        if let Some(document) = &mut self.document {
            let after_title = std::mem::take(&mut document.after_title);
            let top = self.stack.is_empty();
            match &tag {
                Tag::Heading {
                    level: HeadingLevel::H1,
                    ..
                } if top && !document.has_title => {
                    document.has_title = true;
                    document.title_open = true;
                    return self.open("#doc-title[", "]\n");
                }
                Tag::Heading {
                    level: HeadingLevel::H2,
                    ..
                } if top => {
                    return self.open("#section[", "]\n");
                }
                Tag::Paragraph if top && after_title => {
                    return self.open("#doc-subtitle[", "]\n");
                }
                _ => {}
            }
        }
        match tag {
            Tag::Paragraph => {
                let bare = self.single_paragraph_bare && self.stack.is_empty();
                if bare {
                    self.stack.push(Open::Nothing);
                } else {
                    self.open("#par[", "]\n");
                }
            }
            Tag::Heading { level, .. } => {
                let level = (self.heading_level + heading_number(level) - 1).min(6);
                let markup = format!("#text-heading({level})[");
                self.open(&markup, "]\n");
            }
            Tag::BlockQuote(_) => self.open("#quote-block[", "]\n"),
            Tag::CodeBlock(kind) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((language, String::new()));
            }
            Tag::HtmlBlock => self.code = Some((String::new(), String::new())),
            Tag::List(start) => {
                if self.deep() {
                    self.stack.push(Open::FlatList);
                } else {
                    match start {
                        Some(number) => {
                            self.out
                                .push_str(&format!("#enum(tight: true, start: {number}, "));
                        }
                        None => self.out.push_str("#list(tight: true, "),
                    }
                    self.stack.push(Open::List);
                }
            }
            Tag::Item => match self.stack.last() {
                Some(Open::List) => {
                    self.out.push('[');
                    self.stack.push(Open::Closes("], "));
                }
                _ => {
                    self.out.push_str("#linebreak()– ");
                    self.stack.push(Open::Nothing);
                }
            },
            Tag::Table(alignments) => {
                if self.deep() {
                    self.stack.push(Open::Nothing);
                    return;
                }
                let columns = alignments.len().max(1);
                self.out.push_str("#text-table(align: (");
                for alignment in &alignments {
                    self.out.push_str(match alignment {
                        pulldown_cmark::Alignment::Center => "center, ",
                        pulldown_cmark::Alignment::Right => "right, ",
                        _ => "left, ",
                    });
                }
                if alignments.is_empty() {
                    self.out.push_str("left, ");
                }
                self.out.push_str("), ");
                self.stack.push(Open::Table(columns));
            }
            Tag::TableHead => self.start_row("header: (", Open::TableHead),
            Tag::TableRow => self.start_row("", Open::TableRow),
            Tag::TableCell => match self.stack.last() {
                Some(Open::TableHead) => {
                    self.cells_in_row += 1;
                    self.out.push('[');
                    self.stack.push(Open::Closes("], "));
                }
                Some(Open::TableRow) => {
                    self.cells_in_row += 1;
                    self.stack.push(Open::TableCell(self.out.len()));
                    self.out.push_str(KEEP_CELL);
                    self.out.push('[');
                }
                _ => {
                    self.out.push(' ');
                    self.stack.push(Open::Nothing);
                }
            },
            Tag::Emphasis => self.open("#emph[", "]"),
            Tag::Strong => self.open("#strong[", "]"),
            Tag::Strikethrough => self.open("#strike[", "]"),
            Tag::Superscript => self.open("#super[", "]"),
            Tag::Subscript => self.open("#sub[", "]"),
            Tag::Link { dest_url, .. } => {
                self.links += 1;
                if followed(&dest_url) && !self.deep() {
                    self.out.push_str("#link(\"");
                    escape::push_string(self.out, dest_url.trim());
                    self.out.push_str("\")[");
                    self.stack.push(Open::Closes("]"));
                } else {
                    self.shown_links.push(dest_url.to_string());
                    self.stack.push(Open::ShownLink);
                }
            }
            // The PDF reads no files: an image is shown as its description.
            Tag::Image { .. } => self.open("#picture[", "]"),
            Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => self.open("#par[", "]\n"),
            Tag::MetadataBlock(_) => self.code = Some((String::new(), String::new())),
        }
    }

    fn start_row(&mut self, opening: &str, open: Open) {
        if matches!(self.stack.last(), Some(Open::Table(_))) {
            self.out.push_str(opening);
            self.cells_in_row = 0;
            self.stack.push(open);
        } else {
            self.out.push_str("#linebreak()");
            self.stack.push(Open::Nothing);
        }
    }

    fn end(&mut self, tag: TagEnd) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        if matches!(tag, TagEnd::Link) {
            self.links = self.links.saturating_sub(1);
        }
        if let Some(document) = &mut self.document {
            if document.title_open && self.stack.is_empty() {
                document.title_open = false;
                document.after_title = true;
            }
        }
        match open {
            Open::Closes(closing) => self.out.push_str(closing),
            Open::TableCell(start) => {
                self.out.push_str("], ");
                // A table cell's text holds no line breaks, so its markup, a little longer than
                // the text, stands for it.
                if cell_lines(&self.out[start..]) > CELL_LINES_PER_PAGE {
                    self.out
                        .replace_range(start..start + KEEP_CELL.len(), TALL_CELL);
                }
            }
            Open::Nothing | Open::FlatList => {
                if matches!(tag, TagEnd::Paragraph) && !self.stack.is_empty() {
                    self.out.push(' ');
                }
            }
            Open::ShownLink => {
                let address = self.shown_links.pop().unwrap_or_default();
                if !address.trim().is_empty() {
                    escape::push_content(self.out, &format!(" ({})", address.trim()));
                }
            }
            Open::List => self.out.push_str(")\n"),
            Open::Table(_) => self.out.push_str(")\n"),
            Open::TableHead | Open::TableRow => {
                let columns = self
                    .stack
                    .iter()
                    .rev()
                    .find_map(|open| match open {
                        Open::Table(columns) => Some(*columns),
                        _ => None,
                    })
                    .unwrap_or(1);
                let empty = if open == Open::TableHead {
                    "[], "
                } else {
                    "keep[], "
                };
                for _ in self.cells_in_row..columns {
                    self.out.push_str(empty);
                }
                if open == Open::TableHead {
                    self.out.push_str("), ");
                }
            }
        }
    }

    fn end_code(&mut self) {
        let Some((language, text)) = self.code.take() else {
            return;
        };
        if self.in_argument_list() {
            return;
        }
        let text = text.strip_suffix('\n').unwrap_or(&text);
        self.out.push_str("#raw(block: true, ");
        if !language.is_empty() {
            self.out.push_str("lang: \"");
            escape::push_string(self.out, &language);
            self.out.push_str("\", ");
        }
        self.out.push('"');
        escape::push_string(self.out, text);
        self.out.push_str("\")\n");
    }

    /// Closes whatever the parser left open (it balances its events, so this is a safeguard).
    fn finish(&mut self) {
        if self.code.is_some() {
            self.end_code();
        }
        while !self.stack.is_empty() {
            self.end(TagEnd::Paragraph);
        }
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Whether a link to `address` is made clickable: web pages and e-mail only.
fn followed(address: &str) -> bool {
    let address = address.trim();
    let scheme = address.split(':').next().unwrap_or_default();
    let scheme = scheme.to_ascii_lowercase();
    let rest = &address[scheme.len().min(address.len())..];
    match scheme.as_str() {
        "http" | "https" => rest.starts_with("://") && rest.len() > 3,
        "mailto" => rest.len() > 1,
        _ => false,
    }
}

/// Writes `text` escaped, with bare `http(s)://` addresses as links.
fn push_text_with_links(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(start) = find_address(rest) {
        let (before, from) = rest.split_at(start);
        escape::push_content(out, before);
        let length = address_length(from);
        let (address, after) = from.split_at(length);
        out.push_str("#link(\"");
        escape::push_string(out, address);
        out.push_str("\")[");
        escape::push_content(out, address);
        out.push(']');
        rest = after;
    }
    escape::push_content(out, rest);
}

/// The longest bare address made into a link; longer ones are rare and stay text.
const MAX_ADDRESS: usize = 2048;

/// Where the next bare web address starts: `http://` or `https://` at the start of a word.
fn find_address(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find("http") {
        let start = from + found;
        let tail = &text[start..];
        let at_word_start = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let scheme_length = if tail.starts_with("https://") {
            8
        } else if tail.starts_with("http://") {
            7
        } else {
            0
        };
        if at_word_start && scheme_length > 0 && address_length(tail) > scheme_length {
            return Some(start);
        }
        from = start + 4;
    }
    None
}

/// How long the address at the start of `text` is: up to white space or an angle bracket, without
/// the punctuation that usually ends a sentence, and without a closing bracket it did not open.
/// An address longer than [`MAX_ADDRESS`] bytes is left as text.
fn address_length(text: &str) -> usize {
    let mut end = text.len();
    for (index, c) in text.char_indices() {
        if index > MAX_ADDRESS {
            return 0;
        }
        if c.is_whitespace() || matches!(c, '<' | '>' | '"') {
            end = index;
            break;
        }
    }
    let mut address = &text[..end];
    while let Some(last) = address.chars().next_back() {
        let unbalanced = match last {
            ')' => address.matches('(').count() < address.matches(')').count(),
            ']' => address.matches('[').count() < address.matches(']').count(),
            _ => false,
        };
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_') || unbalanced {
            address = &address[..address.len() - last.len_utf8()];
        } else {
            break;
        }
    }
    address.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(markdown: &str) -> String {
        let mut out = String::new();
        push_blocks(&mut out, markdown, 3);
        out
    }

    #[test]
    fn structure_becomes_calls_and_text_is_escaped() {
        assert_eq!(
            blocks("Hello *world* `#x`"),
            "#par[Hello #emph[world] #raw(\"#x\")]\n"
        );
        assert_eq!(
            blocks("- a\n- [x] b\n"),
            "#list(tight: true, [a], [#checkbox(true)#h(0.45em)b], )\n"
        );
        assert_eq!(blocks("# Top"), "#text-heading(3)[Top]\n");
        assert_eq!(
            blocks("| a | b |\n|:-|-:|\n| 1 |\n"),
            "#text-table(align: (left, right, ), header: ([a], [b], ), keep[1], keep[], )\n"
        );
    }

    #[test]
    fn only_web_and_mail_links_are_followed() {
        assert_eq!(
            blocks("[site](https://example.com) [x](javascript:alert(1)) [f](file:///etc/passwd)"),
            "#par[#link(\"https://example.com\")[site] x \\(javascript\\:alert\\(1\\)\\) f \\(file\\:\\/\\/\\/etc\\/passwd\\)]\n"
        );
        assert!(followed("mailto:oncall@example.com"));
        assert!(!followed("https:"));
        assert!(!followed("ftp://example.com"));
    }

    #[test]
    fn bare_addresses_become_links_without_trailing_punctuation() {
        let mut out = String::new();
        push_plain(&mut out, "see https://example.com/a_(b). Done");
        assert_eq!(
            out,
            "see #link(\"https://example.com/a_(b)\")[https\\:\\/\\/example\\.com\\/a\\_\\(b\\)]\\. Done"
        );
        let mut out = String::new();
        push_plain(&mut out, "xhttps://no and http:// alone");
        assert!(!out.contains("#link"), "{out}");
    }

    #[test]
    fn raw_html_is_text() {
        assert_eq!(
            blocks("<script>alert(1)</script>\n"),
            "#raw(block: true, \"<script>alert(1)</script>\")\n"
        );
        assert_eq!(blocks("a <b>bold</b>"), "#par[a \\<b\\>bold\\<\\/b\\>]\n");
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let text = format!("{}deep", ">".repeat(5000));
        let out = blocks(&text);
        assert!(out.matches("#quote-block[").count() <= MAX_DEPTH);
        assert!(out.contains("deep"));
        let list = (0..200)
            .map(|depth| format!("{}- item{depth}\n", "  ".repeat(depth)))
            .collect::<String>();
        let out = blocks(&list);
        assert!(out.contains("item199"));
        assert!(
            typst_syntax::parse(&out).errors_and_warnings().0.is_empty(),
            "{out}"
        );
    }

    #[test]
    fn cells_that_may_be_taller_than_a_page_are_counted_past_a_page() {
        // An ordinary cell: a sentence or two.
        let sentence = "The cache served stale sessions for longer than expected. ";
        assert!(cell_lines(&sentence.repeat(3)) <= CELL_LINES_PER_PAGE);
        assert!(cell_lines("") <= CELL_LINES_PER_PAGE);
        // Many short lines, one long line, or wide characters.
        assert!(cell_lines(&"- a\n".repeat(30)) > CELL_LINES_PER_PAGE);
        assert!(cell_lines(&"word ".repeat(130)) > CELL_LINES_PER_PAGE);
        assert!(cell_lines(&"障".repeat(320)) > CELL_LINES_PER_PAGE);
        // Counting stops early, whatever the length.
        assert_eq!(cell_lines(&"x".repeat(1 << 20)), CELL_LINES_PER_PAGE + 1);
    }

    #[test]
    fn a_long_markdown_table_cell_is_given_to_tall() {
        let long = "word ".repeat(200);
        let out = blocks(&format!("| a | b |\n|---|---|\n| short | {long} |\n"));
        assert!(out.contains("keep[short], tall["), "{out}");
        assert_eq!(out.matches("tall[").count(), 1, "{out}");
    }

    #[test]
    fn a_single_paragraph_cell_is_bare() {
        let mut out = String::new();
        push_cell(&mut out, "just *this*", 3);
        assert_eq!(out, "just #emph[this]");
        let mut out = String::new();
        push_cell(&mut out, "one\n\ntwo", 3);
        assert_eq!(out, "#par[one]\n#par[two]\n");
    }
}
