//! The one place that configures the Markdown parser. Everything that reads Markdown as Markdown
//! (import of foreign documents, previews, PDF) goes through [`parse`], so all of Debrief agrees on
//! what a piece of text means.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The dialect: CommonMark plus tables, strikethrough and task lists (GitHub's flavour).
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// A parser over `text` with Debrief's fixed options.
pub fn parse(text: &str) -> Parser<'_> {
    Parser::new_ext(text, options())
}

/// The text of the first level-1 heading, if there is one.
pub fn first_heading(text: &str) -> Option<String> {
    let mut inside = false;
    let mut title = String::new();
    for event in parse(text) {
        match event {
            Event::Start(Tag::Heading {
                level: pulldown_cmark::HeadingLevel::H1,
                ..
            }) => {
                inside = true;
            }
            Event::End(TagEnd::Heading(_)) if inside => {
                let title = title.trim().to_string();
                return (!title.is_empty()).then_some(title);
            }
            Event::Text(part) | Event::Code(part) if inside => title.push_str(&part),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_title_heading_and_ignores_code() {
        assert_eq!(
            first_heading("```\n# not this\n```\n\n# Cache `miss` storm\n\ntext").as_deref(),
            Some("Cache miss storm")
        );
        assert_eq!(first_heading("no heading here"), None);
    }
}
