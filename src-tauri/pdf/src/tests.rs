//! Tests that look inside the crate: the sandbox, and the glyphs on the laid-out pages.

use super::*;
use typst::layout::{Frame, FrameItem};

fn compile(source: &str) -> Result<PagedDocument> {
    layout(format!("{}\n{source}", source::TEMPLATE))
}

fn error_of(source: &str) -> String {
    match compile(source) {
        Ok(_) => panic!("{source} compiled"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn the_sandbox_reads_no_file_no_package_and_no_clock() {
    assert!(error_of("#read(\"/etc/passwd\")").contains("access denied"));
    assert!(error_of("#read(\"template.typ\")").contains("access denied"));
    assert!(error_of("#import \"other.typ\": *").contains("access denied"));
    assert!(error_of("#image(\"/usr/share/pixmaps/debian-logo.png\")").contains("access denied"));
    assert!(!error_of("#import \"@preview/cetz:0.3.0\"").is_empty());
    assert!(!error_of("#datetime.today()").is_empty());
    assert!(!error_of("#sys.inputs.at(\"secret\")").is_empty());
}

/// Calls `visit` on every glyph of every text on `frame`, with the font's family.
fn glyphs(frame: &Frame, visit: &mut dyn FnMut(&str, u16, &str)) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => glyphs(&group.frame, visit),
            FrameItem::Text(text) => {
                for glyph in &text.glyphs {
                    let cluster = text.text.get(glyph.range()).unwrap_or_default();
                    visit(&text.font.font().info().family, glyph.id, cluster);
                }
            }
            _ => {}
        }
    }
}

#[test]
fn no_glyph_is_an_empty_box() {
    let mut report =
        debrief_core::Postmortem::new("多言語 مرحبا 😀", "UTC", chrono::DateTime::UNIX_EPOCH);
    report.summary = "中文字符 日本語のテキスト 한국어 — العربية نص — emoji 😀🚀👍🏽 \
        — unassigned \u{0378} — private \u{E000} — family 👨\u{200D}👩\u{200D}👧"
        .into();
    for audience in [Audience::Internal, Audience::External] {
        let document = layout(source_of(&report, audience)).unwrap_or_else(|e| panic!("{e}"));
        let mut checked = 0;
        for page in document.pages() {
            glyphs(&page.frame, &mut |family, id, cluster| {
                checked += 1;
                assert_ne!(id, 0, "{cluster:?} in {family} has no glyph");
            });
        }
        assert!(checked > 100);
    }
}

#[test]
fn the_generated_source_has_no_syntax_error() {
    let mut report = debrief_core::Postmortem::new("t", "UTC", chrono::DateTime::UNIX_EPOCH);
    report.summary = "# H\n\n> quote\n\n```rust\nfn main() {}\n```\n\n1. a\n2. b\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n\n<div>html</div>\n\n- [ ] task\n- [x] done\n\n![alt](x.png) [l](https://e.com) ~~s~~ **b** _i_ `c`".into();
    for audience in [Audience::Internal, Audience::External] {
        let source = source_of(&report, audience);
        let (errors, _) = typst_syntax::parse(&source).errors_and_warnings();
        assert!(errors.is_empty(), "{errors:?}");
        compile("").unwrap_or_else(|e| panic!("{e}"));
        layout(source).unwrap_or_else(|e| panic!("{e}"));
    }
}
