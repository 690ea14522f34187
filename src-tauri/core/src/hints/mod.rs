//! The hint engine: points out blaming, biased or vague wording and gaps in a report, explains why,
//! and offers a better phrasing where there is one.
//!
//! Rules are data (`rules.toml`, compiled into the binary): each names its category, severity,
//! message, explanation and one of a small closed set of check kinds. The engine compiles them once
//! per context (the participants' names) into a [`Linter`], which is then cheap to run on every
//! keystroke. A rule can be turned off or re-levelled with [`RuleSettings`] without touching code.
//! The engine never fails on text: any input gives a (possibly empty) list of hints whose spans are
//! always inside the text and on character boundaries.

mod checks;
mod rules;
mod structure;
pub mod text;

pub use rules::{rule_book, rule_book_source, RuleBook, RuleDefinition};

use crate::model::{ImpactScope, Postmortem, Role};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use ts_rs::TS;

/// How strongly a hint asks for a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum HintSeverity {
    Suggestion,
    Warning,
    Error,
}

impl HintSeverity {
    pub fn as_str(self) -> &'static str {
        match self {
            HintSeverity::Suggestion => "suggestion",
            HintSeverity::Warning => "warning",
            HintSeverity::Error => "error",
        }
    }
}

/// What a hint's suggestion is: words that replace the matched ones, or advice to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum SuggestionKind {
    /// A literal replacement for the matched words: the editor can apply it in one click.
    Rewrite,
    /// What to write instead, in a sentence for the author to read.
    Advice,
}

impl SuggestionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SuggestionKind::Rewrite => "rewrite",
            SuggestionKind::Advice => "advice",
        }
    }
}

/// What a hint is about. The names are part of the command line's JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    HumanError,
    RootCause,
    Outage,
    Blame,
    Character,
    Hindsight,
    Counterfactual,
    WhoWhy,
    Negativity,
    Naming,
    NotActionable,
    NotSpecific,
    NotBounded,
    Leak,
    Structure,
}

impl Category {
    pub const ALL: [Category; 15] = [
        Category::HumanError,
        Category::RootCause,
        Category::Outage,
        Category::Blame,
        Category::Character,
        Category::Hindsight,
        Category::Counterfactual,
        Category::WhoWhy,
        Category::Negativity,
        Category::Naming,
        Category::NotActionable,
        Category::NotSpecific,
        Category::NotBounded,
        Category::Leak,
        Category::Structure,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::HumanError => "human-error",
            Category::RootCause => "root-cause",
            Category::Outage => "outage",
            Category::Blame => "blame",
            Category::Character => "character",
            Category::Hindsight => "hindsight",
            Category::Counterfactual => "counterfactual",
            Category::WhoWhy => "who-why",
            Category::Negativity => "negativity",
            Category::Naming => "naming",
            Category::NotActionable => "not-actionable",
            Category::NotSpecific => "not-specific",
            Category::NotBounded => "not-bounded",
            Category::Leak => "leak",
            Category::Structure => "structure",
        }
    }
}

/// The part of a report a text belongs to; rules apply to some sections only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    Summary,
    Impact,
    Timeline,
    Analysis,
    Questions,
    WentWell,
    ActionItems,
    External,
    Glossary,
}

impl Section {
    pub const ALL: [Section; 9] = [
        Section::Summary,
        Section::Impact,
        Section::Timeline,
        Section::Analysis,
        Section::Questions,
        Section::WentWell,
        Section::ActionItems,
        Section::External,
        Section::Glossary,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::Summary => "summary",
            Section::Impact => "impact",
            Section::Timeline => "timeline",
            Section::Analysis => "analysis",
            Section::Questions => "questions",
            Section::WentWell => "went-well",
            Section::ActionItems => "action-items",
            Section::External => "external",
            Section::Glossary => "glossary",
        }
    }

    pub fn parse(text: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// One hint on one field.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Hint {
    pub rule: &'static str,
    pub category: Category,
    pub severity: HintSeverity,
    /// The field of the report the hint is on, such as `summary` or `actionItems.<id>.description`.
    pub field: String,
    /// Byte offsets of the span in the field's text.
    pub start: usize,
    pub end: usize,
    /// The same span in UTF-16 code units, as the UI's text fields count.
    pub start_utf16: usize,
    pub end_utf16: usize,
    /// The text the hint is about: the matched words.
    pub matched: String,
    /// The sentence around the match. A dismissal remembers it, so the hint stays dismissed after
    /// edits elsewhere and comes back when this sentence changes.
    pub context: String,
    pub message: String,
    pub explanation: &'static str,
    pub suggestion: Option<String>,
    /// Whether the suggestion replaces the matched words or advises; null when there is none.
    pub suggestion_kind: Option<SuggestionKind>,
    /// The author's reason, when the hint was dismissed.
    pub dismissed: Option<String>,
}

/// What the rules know about the text they check.
#[derive(Debug, Clone, PartialEq)]
pub struct LintContext {
    pub section: Section,
    pub impact: ImpactScope,
    /// Participants' names, each with a role to suggest instead of the name.
    pub people: Vec<Person>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub name: String,
    pub role: Option<Role>,
}

impl LintContext {
    pub fn new(section: Section) -> Self {
        LintContext {
            section,
            impact: ImpactScope::Partial,
            people: Vec::new(),
        }
    }
}

/// Per-rule switches and levels, stored in the database settings or read from a file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct RuleSettings {
    pub rules: BTreeMap<String, RuleSetting>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct RuleSetting {
    pub enabled: Option<bool>,
    pub severity: Option<HintSeverity>,
}

impl RuleSettings {
    /// Reads settings from TOML, e.g. `[rules.outage]\nseverity = "error"`. Unknown rule ids are
    /// refused so that a typo does not silently do nothing.
    pub fn from_toml(text: &str) -> crate::Result<RuleSettings> {
        let settings: RuleSettings = toml::from_str(text).map_err(|error| {
            crate::Error::Invalid(format!("the hint settings are not valid: {error}"))
        })?;
        settings.check_known()?;
        Ok(settings)
    }

    pub fn check_known(&self) -> crate::Result<()> {
        let book = rule_book();
        for id in self.rules.keys() {
            if book.get(id).is_none() {
                return Err(crate::Error::Invalid(format!(
                    "there is no hint rule '{id}'; the rules are: {}",
                    book.rules()
                        .iter()
                        .map(|r| r.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
        }
        Ok(())
    }
}

/// Rules compiled for one set of people, ready to run many times.
pub struct Linter {
    compiled: Vec<checks::CompiledRule>,
    /// For each section and impact scope: one expression that finds every place where any fast
    /// rule that applies there could match, so the text is searched once instead of once per rule.
    combined: Vec<OnceLock<Option<regex_automata::meta::Regex>>>,
}

fn context_slot(context: &LintContext) -> usize {
    let section = Section::ALL
        .iter()
        .position(|s| *s == context.section)
        .unwrap_or(0);
    let impact = ImpactScope::ALL
        .iter()
        .position(|i| *i == context.impact)
        .unwrap_or(0);
    section * ImpactScope::ALL.len() + impact
}

impl Linter {
    pub fn new(people: &[Person], settings: &RuleSettings) -> Linter {
        let book = rule_book();
        let compiled = book
            .rules()
            .iter()
            .filter_map(|rule| {
                let setting = settings.rules.get(&rule.id);
                if setting.and_then(|s| s.enabled) == Some(false) {
                    return None;
                }
                let severity = setting.and_then(|s| s.severity).unwrap_or(rule.severity);
                checks::CompiledRule::new(rule, severity, people)
            })
            .collect();
        Linter {
            compiled,
            combined: (0..Section::ALL.len() * ImpactScope::ALL.len())
                .map(|_| OnceLock::new())
                .collect(),
        }
    }

    fn combined(&self, context: &LintContext) -> Option<&regex_automata::meta::Regex> {
        self.combined
            .get(context_slot(context))?
            .get_or_init(|| {
                let sources: Vec<&str> = self
                    .compiled
                    .iter()
                    .filter(|rule| rule.applies(context))
                    .filter_map(|rule| rule.fast.as_ref().map(|(source, _)| source.as_str()))
                    .collect();
                if sources.is_empty() {
                    return None;
                }
                // No literal prefilter: with short people words ("he", "she") among the patterns it
                // would stop at nearly every word, and one pass of the lazy DFA is faster.
                regex_automata::meta::Regex::builder()
                    .configure(
                        regex_automata::meta::Config::new()
                            .auto_prefilter(false)
                            .nfa_size_limit(Some(1 << 25)),
                    )
                    .build(&sources.join("|"))
                    .ok()
            })
            .as_ref()
    }

    /// Hints for one text. `field` names it in the hints. Never fails.
    pub fn lint(&self, text: &str, field: &str, context: &LintContext) -> Vec<Hint> {
        let prepared = checks::Prepared::new(text);
        let mut hints = Vec::new();
        if context.section == Section::ActionItems {
            // Every non-empty line is one action item.
            let mut offset = 0;
            for line in text.split_inclusive('\n') {
                let body = line.trim_end_matches(['\n', '\r']);
                if !body.trim().is_empty() {
                    self.lint_range(&prepared, offset..offset + body.len(), context, &mut hints);
                }
                offset += line.len();
            }
        } else {
            self.lint_range(&prepared, 0..text.len(), context, &mut hints);
        }
        finish(text, field, hints)
    }

    fn lint_range(
        &self,
        prepared: &checks::Prepared<'_>,
        range: std::ops::Range<usize>,
        context: &LintContext,
        hints: &mut Vec<checks::RawHint>,
    ) {
        let fast: Vec<&checks::CompiledRule> = self
            .compiled
            .iter()
            .filter(|rule| {
                rule.fast.is_some() && rule.applies(context) && rule.wants(prepared, &range)
            })
            .collect();
        if let (false, Some(combined)) = (fast.is_empty(), self.combined(context)) {
            // Every position where some rule matches is visited, so rules whose matches overlap
            // are all found; each rule then checks its own match there.
            let haystack = &prepared.lower[..range.end];
            let mut position = range.start;
            while let Some(found) =
                combined.search(&regex_automata::Input::new(haystack).range(position..))
            {
                let start = found.start();
                for rule in &fast {
                    rule.check_at(prepared, start, range.end, hints);
                }
                position = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
                if position >= range.end {
                    break;
                }
            }
        }
        for rule in &self.compiled {
            if rule.fast.is_none() {
                rule.check(prepared, range.clone(), context, hints);
            }
        }
    }

    pub fn structure_enabled(&self, rule_id: &str) -> Option<HintSeverity> {
        self.compiled
            .iter()
            .find(|rule| rule.definition.id == rule_id)
            .map(|rule| rule.severity)
    }
}

/// Orders hints, drops duplicates (two rules on the same words keep the stronger one), and fills
/// in the UTF-16 offsets.
fn finish(text: &str, field: &str, mut hints: Vec<checks::RawHint>) -> Vec<Hint> {
    hints.sort_by(|a, b| {
        a.range
            .start
            .cmp(&b.range.start)
            .then(b.severity.cmp(&a.severity))
            .then(a.range.end.cmp(&b.range.end))
    });
    let mut kept: Vec<checks::RawHint> = Vec::with_capacity(hints.len());
    for hint in hints {
        let duplicate = kept.iter().rev().take(8).any(|k| {
            k.category == hint.category
                && k.range.start < hint.range.end
                && hint.range.start < k.range.end
        });
        if !duplicate {
            kept.push(hint);
        }
    }
    let mut utf16 = text::Utf16Index::new(text);
    kept.into_iter()
        .map(|raw| {
            let start_utf16 = utf16.at(raw.range.start);
            let end_utf16 = utf16.at(raw.range.end);
            let context_range = text::sentence_around(text, &raw.range);
            Hint {
                rule: &raw.rule.id,
                category: raw.category,
                severity: raw.severity,
                field: field.to_string(),
                matched: text[raw.range.clone()].to_string(),
                context: text[context_range].to_string(),
                start: raw.range.start,
                end: raw.range.end,
                start_utf16,
                end_utf16,
                message: raw.message,
                explanation: &raw.rule.explanation,
                suggestion_kind: raw.suggestion.as_ref().and(raw.rule.suggestion_kind),
                suggestion: raw.suggestion,
                dismissed: None,
            }
        })
        .collect()
}

/// The people of a report, for the rules that recognise names.
pub fn people_of(report: &Postmortem) -> Vec<Person> {
    report
        .participants
        .iter()
        .filter(|p| !p.name.trim().is_empty())
        .map(|p| Person {
            name: p.name.trim().to_string(),
            role: Some(p.role),
        })
        .collect()
}

/// Every hint of a report: each text field in its section, then the structure checks. Dismissed
/// hints are kept, marked with their reason, so that reviewers can see them.
pub fn lint_report(report: &Postmortem, settings: &RuleSettings) -> Vec<Hint> {
    let people = people_of(report);
    let linter = Linter::new(&people, settings);
    let mut hints = Vec::new();
    let context = |section| LintContext {
        section,
        impact: report.impact_scope,
        people: people.clone(),
    };
    let mut add = |text: &str, field: String, section: Section| {
        if !text.trim().is_empty() {
            hints.extend(linter.lint(text, &field, &context(section)));
        }
    };
    // The title travels with the external message too, so the leak checks apply to it.
    add(&report.title, "title".into(), Section::External);
    add(&report.summary, "summary".into(), Section::Summary);
    add(
        &report.customer_impact,
        "customerImpact".into(),
        Section::Impact,
    );
    for entry in &report.timeline {
        add(
            &entry.description,
            format!("timeline.{}.description", entry.id),
            Section::Timeline,
        );
    }
    add(&report.monitoring, "monitoring".into(), Section::Analysis);
    for factor in &report.contributing_factors {
        add(
            &factor.description,
            format!("contributingFactors.{}.description", factor.id),
            Section::Analysis,
        );
        add(
            &factor.why_it_made_sense,
            format!("contributingFactors.{}.whyItMadeSense", factor.id),
            Section::Analysis,
        );
    }
    for ((key, _), answer) in crate::model::HelpfulQuestions::QUESTIONS
        .iter()
        .zip(report.questions.answers())
    {
        add(answer, format!("questions.{key}"), Section::Questions);
    }
    add(&report.went_well, "wentWell".into(), Section::WentWell);
    add(&report.got_lucky, "gotLucky".into(), Section::WentWell);
    add(
        &report.external.summary,
        "external.summary".into(),
        Section::External,
    );
    add(
        &report.external.what_happened,
        "external.whatHappened".into(),
        Section::External,
    );
    add(
        &report.external.what_we_are_doing,
        "external.whatWeAreDoing".into(),
        Section::External,
    );
    for entry in &report.glossary {
        add(
            &entry.definition,
            format!("glossary.{}.definition", entry.id),
            Section::Glossary,
        );
    }
    for item in &report.action_items {
        let field = format!("actionItems.{}.description", item.id);
        let mut item_hints = if item.description.trim().is_empty() {
            Vec::new()
        } else {
            linter.lint(&item.description, &field, &context(Section::ActionItems))
        };
        // A "done when" criterion bounds the item, whatever its wording.
        if !item.done_when.trim().is_empty() {
            item_hints.retain(|h| h.category != Category::NotBounded);
        }
        hints.extend(item_hints);
    }
    hints.extend(structure::check(report, &linter));
    mark_dismissed(&mut hints, report);
    hints
}

/// The text of a report's field, by the name that [`lint_report`] gives it in hints (`summary`,
/// `timeline.<id>.description`, `glossary.<id>.term`, …); `None` for a name no field has.
pub fn field_text<'a>(report: &'a Postmortem, field: &str) -> Option<&'a str> {
    let whole = match field {
        "title" => Some(&report.title),
        "summary" => Some(&report.summary),
        "customerImpact" => Some(&report.customer_impact),
        "monitoring" => Some(&report.monitoring),
        "wentWell" => Some(&report.went_well),
        "gotLucky" => Some(&report.got_lucky),
        "external.summary" => Some(&report.external.summary),
        "external.whatHappened" => Some(&report.external.what_happened),
        "external.whatWeAreDoing" => Some(&report.external.what_we_are_doing),
        _ => None,
    };
    if let Some(text) = whole {
        return Some(text);
    }
    let parts: Vec<&str> = field.split('.').collect();
    let text = match parts.as_slice() {
        ["timeline", id, "description"] => {
            &report
                .timeline
                .iter()
                .find(|e| e.id.to_string() == *id)?
                .description
        }
        ["contributingFactors", id, part] => {
            let factor = report
                .contributing_factors
                .iter()
                .find(|f| f.id.to_string() == *id)?;
            match *part {
                "description" => &factor.description,
                "whyItMadeSense" => &factor.why_it_made_sense,
                _ => return None,
            }
        }
        ["actionItems", id, "description"] => {
            &report
                .action_items
                .iter()
                .find(|a| a.id.to_string() == *id)?
                .description
        }
        ["glossary", id, part] => {
            let entry = report.glossary.iter().find(|g| g.id.to_string() == *id)?;
            match *part {
                "term" => &entry.term,
                "definition" => &entry.definition,
                _ => return None,
            }
        }
        ["questions", key] => {
            let index = crate::model::HelpfulQuestions::QUESTIONS
                .iter()
                .position(|(name, _)| name == key)?;
            report.questions.answers()[index]
        }
        _ => return None,
    };
    Some(text)
}

/// Marks the hints the author dismissed: same rule, same field, same sentence.
pub fn mark_dismissed(hints: &mut [Hint], report: &Postmortem) {
    for hint in hints {
        hint.dismissed = report
            .dismissals
            .iter()
            .find(|d| {
                d.rule == hint.rule && d.field == hint.field && d.matched_text == hint.context
            })
            .map(|d| d.reason.clone());
    }
}

#[cfg(test)]
mod tests;
