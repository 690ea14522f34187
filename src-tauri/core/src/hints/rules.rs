//! The rule registry: `rules.toml`, compiled into the binary and read once.

use super::{Category, HintSeverity, Section, SuggestionKind};
use crate::model::ImpactScope;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The closed set of check kinds a rule can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Regular expressions over the text (words outside code, links and quotations).
    Phrase,
    /// Questions (sentences ending in `?`) that begin with one of the patterns.
    Question,
    /// The participants' own names.
    Names,
    /// The first word of an action item.
    ActionStart,
    /// A check over the whole report, named by `check`.
    Structure,
}

/// One rule as written in `rules.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDefinition {
    pub id: String,
    pub category: Category,
    pub severity: HintSeverity,
    pub kind: Kind,
    /// Shown on the hint; `{match}` is replaced by the matched words, `{role}` by a role.
    pub message: String,
    /// Teaches the idea behind the rule.
    pub explanation: String,
    /// A fixed rewrite, with the same placeholders as `message`.
    #[serde(default)]
    pub suggestion: Option<String>,
    /// Rewrites by matched words (lower case): the first that matches gives the suggestion.
    #[serde(default)]
    pub swap: BTreeMap<String, String>,
    /// Whether the suggestion (or a swap) replaces the matched words (`rewrite`, applied in one
    /// click) or tells the author what to write instead (`advice`). Required with a suggestion.
    #[serde(default)]
    pub suggestion_kind: Option<SuggestionKind>,
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Words that, just before the match in the same sentence, mean the phrase is being rejected
    /// or used in another sense ("not human error").
    #[serde(default)]
    pub unless_before: Vec<String>,
    /// Words that, right after the match, mean another sense ("disaster recovery").
    #[serde(default)]
    pub unless_after: Vec<String>,
    /// Match letter case exactly (for ticket ids and the like).
    #[serde(default)]
    pub case_sensitive: bool,
    /// Look into code, links and quotations too (the leak detectors need this).
    #[serde(default)]
    pub include_quoted: bool,
    /// Skip items that name something concrete (a number, an identifier, a code span).
    #[serde(default)]
    pub unless_concrete: bool,
    /// For `ip`: a match that looks like an IPv4 address must have octets up to 255.
    #[serde(default)]
    pub validate: Option<String>,
    /// Matches that are fine after all: each is a whole-match regular expression.
    #[serde(default)]
    pub except: Vec<String>,
    /// For `action-start`: first words that make an item actionable.
    #[serde(default)]
    pub verbs: Vec<String>,
    /// For `action-start`: first words that make it not actionable.
    #[serde(default)]
    pub non_starts: Vec<String>,
    /// For `structure`: which check.
    #[serde(default)]
    pub check: Option<String>,
    /// Only in these sections (empty: all).
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Never in these sections.
    #[serde(default)]
    pub skip_sections: Vec<Section>,
    /// Only when the report's impact scope is one of these (empty: any).
    #[serde(default)]
    pub impact: Vec<ImpactScope>,
    /// Examples that must fire and must not fire; they are tests and documentation.
    #[serde(default)]
    pub examples: Examples,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub section: Option<Section>,
    #[serde(default)]
    pub impact: Option<ImpactScope>,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub fires: Vec<String>,
    #[serde(default)]
    pub quiet: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    vocabulary: Vocabulary,
    rule: Vec<RuleDefinition>,
}

/// Word lists shared by several rules; `{agents}` in a pattern stands for the people words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    /// Words that name a person without a name: pronouns and roles.
    pub agents: Vec<String>,
}

pub struct RuleBook {
    pub vocabulary: Vocabulary,
    rules: Vec<RuleDefinition>,
}

impl RuleBook {
    pub fn rules(&self) -> &[RuleDefinition] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<&RuleDefinition> {
        self.rules.iter().find(|rule| rule.id == id)
    }
}

const RULES: &str = include_str!("rules.toml");

fn parse(text: &str) -> Result<RuleBook, String> {
    let file: RulesFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut seen = std::collections::HashSet::new();
    for rule in &file.rule {
        if !seen.insert(rule.id.clone()) {
            return Err(format!("rule id {} is used twice", rule.id));
        }
        check_suggestion_kind(rule)?;
    }
    Ok(RuleBook {
        vocabulary: file.vocabulary,
        rules: file.rule,
    })
}

/// A rule that suggests something says whether it is a rewrite or advice, and only a rule that
/// suggests something says so. A rewrite replaces words, so a whole-report check cannot have one.
fn check_suggestion_kind(rule: &RuleDefinition) -> Result<(), String> {
    let suggests = rule.suggestion.is_some() || !rule.swap.is_empty();
    match (suggests, rule.suggestion_kind) {
        (true, None) => Err(format!(
            "rule {} has a suggestion but no suggestion_kind: add suggestion_kind = \"rewrite\" \
             (it replaces the matched words) or \"advice\" (it says what to write instead)",
            rule.id
        )),
        (false, Some(_)) => Err(format!(
            "rule {} has a suggestion_kind but no suggestion or swap: remove it or add the suggestion",
            rule.id
        )),
        (_, Some(SuggestionKind::Rewrite)) if rule.kind == Kind::Structure => Err(format!(
            "rule {} is a whole-report check, which has no words to rewrite: its suggestion_kind \
             must be \"advice\"",
            rule.id
        )),
        _ => Ok(()),
    }
}

/// The built-in rules. They are checked by the tests; should the embedded file ever fail to parse,
/// the engine runs with no rules rather than fail while someone types.
pub fn rule_book() -> &'static RuleBook {
    static BOOK: OnceLock<RuleBook> = OnceLock::new();
    BOOK.get_or_init(|| {
        parse(RULES).unwrap_or(RuleBook {
            vocabulary: Vocabulary { agents: Vec::new() },
            rules: Vec::new(),
        })
    })
}

/// The text of the built-in rules, as embedded: what kept readiness scores were computed with.
pub fn rule_book_source() -> &'static str {
    RULES
}

#[cfg(test)]
pub(crate) fn parse_builtin() -> Result<RuleBook, String> {
    parse(RULES)
}

#[cfg(test)]
pub(crate) fn parse_text(text: &str) -> Result<RuleBook, String> {
    parse(text)
}
