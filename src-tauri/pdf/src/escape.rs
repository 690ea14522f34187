//! The two escapers every piece of report text passes through before it reaches Typst: one for
//! markup (content) mode and one for string literals.
//!
//! Typst source mixes text with code: `#` starts an expression, `$` math, `<` a label, `@` a
//! reference, `*`, `_` and `` ` `` open markup, `//` a comment, `=` at a line start a heading, and
//! so on. Rather than chase that list, the content escaper puts a backslash before every ASCII
//! punctuation character, which Typst reads as that character and nothing else, and turns line
//! breaks and control characters into plain spaces (structure such as paragraphs and line breaks
//! is written by the generator as function calls, never taken from the text). Letters, digits and
//! every non-ASCII character are text to Typst as they are.

/// `text` as Typst markup that shows exactly that text.
pub fn content(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_content(&mut out, text);
    out
}

/// Appends `text`, escaped for markup, to `out`.
pub fn push_content(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
            out.push(c);
        } else if c.is_control() || typst_syntax::is_newline(c) {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
}

/// `text` as the inside of a Typst string literal (without the quotes).
#[cfg(test)]
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_string(&mut out, text);
    out
}

/// Appends `text`, escaped for a string literal, to `out`.
pub fn push_string(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use typst_syntax::{SyntaxKind, SyntaxNode};

    /// Every node kind found in the tree under `node`.
    fn kinds(node: &SyntaxNode, found: &mut Vec<SyntaxKind>) {
        found.push(node.kind());
        for child in node.children() {
            kinds(child, found);
        }
    }

    fn markup_kinds(text: &str) -> Vec<SyntaxKind> {
        let mut found = Vec::new();
        kinds(&typst_syntax::parse(&content(text)), &mut found);
        found
    }

    /// What escaped text may parse to: text, escapes and spaces in one markup node.
    fn only_text(found: &[SyntaxKind]) -> bool {
        found.iter().all(|kind| {
            matches!(
                kind,
                SyntaxKind::Markup | SyntaxKind::Text | SyntaxKind::Escape | SyntaxKind::Space
            )
        })
    }

    /// Strings made to hit Typst's syntax: its markup characters, keywords and shorthands.
    fn hostile() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            Just("#".to_string()),
            Just("#read(\"/etc/passwd\")".to_string()),
            Just("#import \"x.typ\": *".to_string()),
            Just("$x^2$".to_string()),
            Just("*a*".to_string()),
            Just("_b_".to_string()),
            Just("<label>".to_string()),
            Just("@ref".to_string()),
            Just("```rust\ncode\n```".to_string()),
            Just("`x`".to_string()),
            Just("//".to_string()),
            Just("/* c */".to_string()),
            Just("\\".to_string()),
            Just("\\u{41}".to_string()),
            Just("[]".to_string()),
            Just("]".to_string()),
            Just("= Heading".to_string()),
            Just("- item".to_string()),
            Just("+ item".to_string()),
            Just("/ term: x".to_string()),
            Just("1. item".to_string()),
            Just("https://example.com".to_string()),
            Just("--- -- -? ... ~ -1".to_string()),
            Just("\n\n".to_string()),
            Just("\r\n".to_string()),
            Just("\u{2028}\u{2029}\u{85}".to_string()),
            Just("'\"".to_string()),
            Just(";".to_string()),
            Just("#let x = 1;".to_string()),
            "\\PC{0,12}",
            "[ -~]{0,12}",
            any::<String>(),
        ];
        prop::collection::vec(pieces, 0..12).prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn escaped_text_parses_to_text_only(text in hostile()) {
            let found = markup_kinds(&text);
            prop_assert!(only_text(&found), "{text:?} parsed to {found:?}");
        }

        #[test]
        fn escaped_text_inside_a_content_block_stays_inside(text in hostile()) {
            // The way the generator uses it: as the body of a call it wrote itself.
            let source = format!("#strong[{}]", content(&text));
            let root = typst_syntax::parse(&source);
            prop_assert!(!root.diagnosis().either(), "{source:?}");
            let markup = root.children().collect::<Vec<_>>();
            // One embedded expression: `#`, then the call; nothing after it.
            prop_assert_eq!(markup.len(), 2, "{:?}", source);
        }

        #[test]
        fn escaped_strings_stay_one_string_literal(text in hostile()) {
            let source = format!("\"{}\"", string(&text));
            let root = typst_syntax::parse_code(&source);
            prop_assert!(!root.diagnosis().either(), "{source:?}");
            let children = root.children().collect::<Vec<_>>();
            prop_assert_eq!(children.len(), 1);
            prop_assert_eq!(children[0].kind(), SyntaxKind::Str);
            let literal = children[0].cast::<typst_syntax::ast::Str>();
            prop_assert_eq!(literal.map(|s| s.get().to_string()), Some(text));
        }
    }

    #[test]
    fn markup_characters_become_escapes() {
        assert_eq!(content("#read(\"x\")"), "\\#read\\(\\\"x\\\"\\)");
        assert_eq!(content("a\nb\r\nc"), "a b  c");
        assert_eq!(content("日本語 عربى"), "日本語 عربى");
        assert!(only_text(&markup_kinds(
            "= Heading\n\n- item\n+ item\n/ term: x"
        )));
    }
}
