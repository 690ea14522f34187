//! Running one compiled rule over a text.

use super::rules::{Kind, RuleDefinition};
use super::text;
use super::{rule_book, Category, HintSeverity, LintContext, Person};
use regex::{Regex, RegexBuilder};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Mutex, OnceLock};

/// A text with the regions wording rules skip, computed once for all rules, and its ASCII lower
/// case (same byte offsets) for the rules that match without regard to case.
pub struct Prepared<'a> {
    pub text: &'a str,
    pub lower: String,
    pub skipped: Vec<Range<usize>>,
}

impl<'a> Prepared<'a> {
    pub fn new(text: &'a str) -> Self {
        Prepared {
            text,
            lower: text.to_ascii_lowercase(),
            skipped: text::skipped_regions(text),
        }
    }
}

/// A hint before its offsets are converted and its context is taken.
pub struct RawHint {
    pub rule: &'static RuleDefinition,
    pub category: Category,
    pub severity: HintSeverity,
    pub range: Range<usize>,
    pub message: String,
    pub suggestion: Option<String>,
}

enum Matcher {
    Regex(Regex),
    Question(Regex),
    Names(Regex, Vec<Person>),
    ActionStart,
    Structure,
}

pub struct CompiledRule {
    pub definition: &'static RuleDefinition,
    pub severity: HintSeverity,
    matcher: Matcher,
    except: Option<Regex>,
    /// For rules that can run on the lower-case text: the rule's alternation, case-sensitive, as
    /// source (for the linter's combined expression) and compiled anchored at its start.
    pub fast: Option<(String, Regex)>,
    /// `unless_before` phrases, split into words.
    unless_before: Vec<Vec<String>>,
}

fn escape_names(people: &[Person]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for person in people {
        let full = person.name.trim();
        if full.chars().count() < 2 {
            continue;
        }
        names.push(regex::escape(full));
        // The first name alone, when it is a real word (not an initial).
        if let Some(first) = full.split_whitespace().next() {
            if first != full && first.chars().count() >= 3 {
                names.push(regex::escape(first));
            }
        }
    }
    // Longer names first, so that "Ana Lima" wins over "Ana".
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    names
}

/// Expands `{agents}` and `{names}` in a pattern.
fn expand(pattern: &str, agents: &str, names: &str) -> String {
    pattern
        .replace("{agents}", agents)
        .replace("{names}", names)
}

/// Compiles the alternation of `patterns`. Compiling is the slow part of building a [`Linter`]
/// (milliseconds per rule), so compiled expressions are kept, keyed by their source; the cache is
/// emptied if it ever grows large (many different sets of names in one session).
fn build(patterns: &[String], case_sensitive: bool) -> Option<Regex> {
    static CACHE: OnceLock<Mutex<HashMap<(String, bool), Regex>>> = OnceLock::new();
    if patterns.is_empty() {
        return None;
    }
    let alternation = patterns
        .iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|");
    let key = (alternation, case_sensitive);
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(regex) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return Some(regex);
    }
    let regex = RegexBuilder::new(&key.0)
        .case_insensitive(!case_sensitive)
        .size_limit(1 << 24)
        .build()
        .ok()?;
    if let Ok(mut cache) = cache.lock() {
        if cache.len() > 512 {
            cache.clear();
        }
        cache.insert(key, regex.clone());
    }
    Some(regex)
}

impl CompiledRule {
    /// Compiles a rule for these people; `None` when the rule cannot run (no names to look for, or
    /// a pattern that does not compile, which the tests rule out for built-in rules).
    pub fn new(
        definition: &'static RuleDefinition,
        severity: HintSeverity,
        people: &[Person],
    ) -> Option<CompiledRule> {
        let names = escape_names(people);
        let names_alternation = if names.is_empty() {
            // Matches nothing: a class with no characters.
            "[^\\s\\S]".to_string()
        } else {
            format!("(?-i:{})", names.join("|"))
        };
        let agent_words = &rule_book().vocabulary.agents;
        let agents = format!(
            "(?:{names_alternation}|{})",
            agent_words
                .iter()
                .map(|a| a.replace(' ', "\\s+"))
                .collect::<Vec<_>>()
                .join("|")
        );
        let patterns: Vec<String> = definition
            .patterns
            .iter()
            .map(|p| expand(p, &agents, &names_alternation))
            .collect();
        // A phrase rule that names no people, ignores case and has no upper-case letter in its
        // patterns (escapes such as \\S have one) matches the same on the ASCII lower-case text,
        // so the linter can run it within one combined search.
        let fast = if definition.kind == Kind::Phrase
            && !definition.case_sensitive
            && definition
                .patterns
                .iter()
                .all(|p| !p.contains('{') && !p.bytes().any(|b| b.is_ascii_uppercase()))
        {
            let alternation = definition
                .patterns
                .iter()
                .map(|p| format!("(?:{p})"))
                .collect::<Vec<_>>()
                .join("|");
            let anchored = build(&[format!("^(?:{alternation})")], true)?;
            Some((alternation, anchored))
        } else {
            None
        };
        let matcher = match definition.kind {
            Kind::Phrase => Matcher::Regex(build(&patterns, definition.case_sensitive)?),
            Kind::Question => {
                let anchored: Vec<String> = patterns.iter().map(|p| format!("^(?:{p})")).collect();
                Matcher::Question(build(&anchored, false)?)
            }
            Kind::Names => {
                if names.is_empty() {
                    return None;
                }
                Matcher::Names(build(&[names.join("|")], true)?, people.to_vec())
            }
            Kind::ActionStart => Matcher::ActionStart,
            Kind::Structure => Matcher::Structure,
        };
        let except = if definition.except.is_empty() {
            None
        } else {
            let whole: Vec<String> = definition
                .except
                .iter()
                .map(|e| format!("^(?:{e})$"))
                .collect();
            Some(build(&whole, true)?)
        };
        let unless_before = definition
            .unless_before
            .iter()
            .map(|phrase| phrase.split_whitespace().map(str::to_string).collect())
            .collect();
        Some(CompiledRule {
            definition,
            severity,
            matcher,
            except,
            fast,
            unless_before,
        })
    }

    pub fn applies(&self, context: &LintContext) -> bool {
        let rule = self.definition;
        (rule.sections.is_empty() || rule.sections.contains(&context.section))
            && !rule.skip_sections.contains(&context.section)
            && (rule.impact.is_empty() || rule.impact.contains(&context.impact))
    }

    /// Whether the rule should look at this item at all (vague-wording rules skip concrete ones).
    pub fn wants(&self, prepared: &Prepared<'_>, range: &Range<usize>) -> bool {
        !(self.definition.unless_concrete && is_concrete(&prepared.text[range.clone()]))
    }

    /// For a fast rule: adds its hint if it matches exactly at `start` of the lower-case text.
    pub fn check_at(
        &self,
        prepared: &Prepared<'_>,
        start: usize,
        end: usize,
        out: &mut Vec<RawHint>,
    ) {
        let Some((_, anchored)) = &self.fast else {
            return;
        };
        if let Some(found) = anchored.find(&prepared.lower[start..end]) {
            let span = start..start + found.end();
            if self.accept(prepared, &span) {
                out.push(self.hint(prepared.text, span, None));
            }
        }
    }

    /// Adds this rule's hints for `range` of the prepared text.
    pub fn check(
        &self,
        prepared: &Prepared<'_>,
        range: Range<usize>,
        context: &LintContext,
        out: &mut Vec<RawHint>,
    ) {
        if !self.applies(context) {
            return;
        }
        let text = prepared.text;
        let rule = self.definition;
        if rule.unless_concrete && is_concrete(&text[range.clone()]) {
            return;
        }
        match &self.matcher {
            Matcher::Regex(regex) => {
                for found in regex.find_iter(&text[range.clone()]) {
                    let span = range.start + found.start()..range.start + found.end();
                    if self.accept(prepared, &span) {
                        out.push(self.hint(text, span, None));
                    }
                }
            }
            Matcher::Names(regex, people) => {
                for found in regex.find_iter(&text[range.clone()]) {
                    let span = range.start + found.start()..range.start + found.end();
                    if self.accept(prepared, &span) {
                        let role = role_for(people, found.as_str());
                        out.push(self.hint(text, span, Some(role)));
                    }
                }
            }
            Matcher::Question(regex) => {
                let slice = &text[range.clone()];
                for (index, _) in slice.match_indices('?') {
                    let mark = range.start + index;
                    let sentence = text::sentence_around(text, &(mark..mark + 1));
                    let sentence = sentence.start.max(range.start)..sentence.end.min(range.end);
                    let body =
                        text[sentence.clone()].trim_start_matches(|c: char| !c.is_alphanumeric());
                    let offset = sentence.end - body.len();
                    if let Some(found) = regex.find(body) {
                        let span = offset + found.start()..offset + found.end();
                        if self.accept(prepared, &span) {
                            out.push(self.hint(text, span, None));
                        }
                    }
                }
            }
            Matcher::ActionStart => {
                if let Some(span) = non_actionable_start(rule, text, range) {
                    out.push(self.hint(text, span, None));
                }
            }
            Matcher::Structure => {}
        }
    }

    /// Whole words only, outside skipped regions, and not in a context the rule excludes.
    fn accept(&self, prepared: &Prepared<'_>, span: &Range<usize>) -> bool {
        let text = prepared.text;
        let rule = self.definition;
        if span.is_empty() || !is_word_edge(text, span.start) || !is_word_edge(text, span.end) {
            return false;
        }
        if !rule.include_quoted && text::overlaps(&prepared.skipped, span) {
            return false;
        }
        if self
            .except
            .as_ref()
            .is_some_and(|except| except.is_match(&text[span.clone()]))
        {
            return false;
        }
        if let Some(validate) = &rule.validate {
            if !validates(validate, &text[span.clone()]) {
                return false;
            }
        }
        if !self.unless_before.is_empty() {
            // The last four words before the match, within its sentence.
            let sentence_start = text::sentence_start(text, span.start);
            let window_start =
                floor_boundary(text, span.start.saturating_sub(48)).max(sentence_start);
            // The ASCII lower case has the same offsets, and the phrases are ASCII.
            let before = &prepared.lower[window_start..span.start];
            let mut last: [&str; 4] = [""; 4];
            let mut count = 0;
            for word in before
                .rsplit(|c: char| !(c.is_alphanumeric() || c == '\''))
                .filter(|w| !w.is_empty())
                .take(4)
            {
                count += 1;
                last[4 - count] = word;
            }
            let last = &last[4 - count..];
            let rejected = self.unless_before.iter().any(|phrase| {
                !phrase.is_empty()
                    && last
                        .windows(phrase.len())
                        .any(|window| window.iter().zip(phrase).all(|(a, b)| a == b))
            });
            if rejected {
                return false;
            }
        }
        if !rule.unless_after.is_empty() {
            let window_end = ceil_boundary(text, (span.end + 32).min(text.len()));
            let after = prepared.lower[span.end..window_end].trim_start_matches([' ', '-', '\t']);
            if rule.unless_after.iter().any(|w| {
                after.starts_with(w.as_str())
                    && after[w.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric())
            }) {
                return false;
            }
        }
        true
    }

    fn hint(&self, text: &str, range: Range<usize>, role: Option<String>) -> RawHint {
        let rule = self.definition;
        let matched = &text[range.clone()];
        let fill = |template: &str| fill_template(template, matched, role.as_deref());
        let key = matched
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let suggestion = rule
            .swap
            .iter()
            .find(|(from, _)| **from == key)
            .map(|(_, to)| match_case(matched, to))
            .or_else(|| rule.suggestion.as_deref().map(fill));
        RawHint {
            rule,
            category: rule.category,
            severity: self.severity,
            range,
            message: fill(&rule.message),
            suggestion,
        }
    }
}

/// Fills `{match}` and `{role}` in a message or suggestion, in one pass.
fn fill_template(template: &str, matched: &str, role: Option<&str>) -> String {
    let mut out = String::with_capacity(template.len() + matched.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        if let Some(after) = tail.strip_prefix("{match}") {
            out.push_str(matched);
            rest = after;
        } else if let Some(after) = tail.strip_prefix("{role}") {
            out.push_str(role.unwrap_or("their role"));
            rest = after;
        } else {
            out.push('{');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

fn role_for(people: &[Person], matched: &str) -> String {
    people
        .iter()
        .find(|p| p.name == matched || p.name.split_whitespace().next() == Some(matched))
        .and_then(|p| p.role)
        .map(|role| format!("the {}", role.label().to_lowercase()))
        .unwrap_or_else(|| "a responder".to_string())
}

/// Keeps the first letter's case of the original words.
fn match_case(original: &str, replacement: &str) -> String {
    if original.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = replacement.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    } else {
        replacement.to_string()
    }
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn ceil_boundary(text: &str, mut index: usize) -> usize {
    while index < text.len() && !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

/// True at the start or end of the text, or between a word character and a non-word character.
fn is_word_edge(text: &str, index: usize) -> bool {
    let before = text[..index].chars().next_back();
    let after = text[index..].chars().next();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    word(before) != word(after) || (!word(before) && !word(after))
}

fn validates(kind: &str, matched: &str) -> bool {
    match kind {
        "ip" if !matched.contains(':') => matched
            .split('.')
            .all(|part| part.parse::<u16>().is_ok_and(|n| n <= 255)),
        _ => true,
    }
}

/// Whether an action item names something concrete: a number, a code span, an identifier with
/// punctuation inside (`checkout-api`, `config.yaml`, `/var/log`), or a proper noun after the first
/// word.
fn is_concrete(item: &str) -> bool {
    let item = &item[item_start(item)..];
    if item.contains('`') || item.chars().any(|c| c.is_ascii_digit()) {
        return true;
    }
    item.split_whitespace().skip(1).any(|word| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        let inner_punctuation = word
            .char_indices()
            .any(|(i, c)| i > 0 && i + 1 < word.len() && matches!(c, '-' | '_' | '.' | '/' | ':'));
        let capitalised = word.chars().next().is_some_and(char::is_uppercase) && word != "I";
        inner_punctuation || capitalised
    })
}

/// The first word of an action item, if it shows the item is not an action.
fn non_actionable_start(
    rule: &RuleDefinition,
    text: &str,
    range: Range<usize>,
) -> Option<Range<usize>> {
    let item = &text[range.clone()];
    let start = item_start(item);
    let rest = &item[start..];
    let length = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map_or(rest.len(), |(i, _)| i);
    if length == 0 {
        return None;
    }
    let word = rest[..length].to_lowercase();
    // "Before retrying, ensure…" and "When the alert fires, page…" lead up to an instruction.
    const LEAD_INS: [&str; 7] = ["before", "after", "when", "once", "if", "until", "whenever"];
    // "Retry limits: cap retries in the proxy" is a heading, even when its first word can be a
    // verb; "Document the steps: …" is not (a heading has no article or preposition).
    const FUNCTION_WORDS: [&str; 14] = [
        "the", "a", "an", "our", "this", "that", "these", "those", "to", "for", "on", "in", "of",
        "with",
    ];
    let labelled = rest.find(':').is_some_and(|colon| {
        let label: Vec<String> = rest[..colon]
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .collect();
        !label.is_empty()
            && label.len() <= 4
            && !label.iter().any(|w| FUNCTION_WORDS.contains(&w.as_str()))
    });
    if !labelled && (rule.verbs.contains(&word) || LEAD_INS.contains(&word.as_str())) {
        return None;
    }
    let nominal = |word: &str| {
        [
            "ing", "tion", "ment", "ness", "ity", "ance", "ence", "ed", "ly",
        ]
        .iter()
        .any(|suffix| word.len() > suffix.len() + 2 && word.ends_with(suffix))
    };
    // A name followed by a noun of activity ("Prometheus monitoring for backups") or by an
    // auxiliary ("DevOps will…") describes a state or a promise, not a step.
    let words: Vec<String> = rest
        .split_whitespace()
        .take(2)
        .map(|w| w.to_lowercase())
        .collect();
    let second = words
        .get(1)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string());
    const AUXILIARIES: [&str; 14] = [
        "will", "shall", "should", "must", "need", "needs", "has", "have", "is", "are", "was",
        "were", "can", "may",
    ];
    let noun_phrase = second
        .as_deref()
        .is_some_and(|second| AUXILIARIES.contains(&second) || nominal(second));
    if rule.non_starts.contains(&word) || nominal(&word) || labelled || noun_phrase {
        let begin = range.start + start;
        Some(begin..begin + length)
    } else {
        None
    }
}

/// Where the words of an action item begin, after list markers and check boxes ("- ", "1. ",
/// "[ ] ").
fn item_start(item: &str) -> usize {
    let mut start = 0;
    let bytes = item.as_bytes();
    loop {
        while start < bytes.len() && (bytes[start] == b' ' || bytes[start] == b'\t') {
            start += 1;
        }
        let rest = &item[start..];
        if rest.starts_with("- ") || rest.starts_with("* ") || rest.starts_with("+ ") {
            start += 2;
        } else if rest.starts_with("[ ]") || rest.starts_with("[x]") || rest.starts_with("[X]") {
            start += 3;
        } else if let Some(digits) = rest
            .find(['.', ')'])
            .filter(|&n| n > 0 && n <= 3 && rest[..n].bytes().all(|b| b.is_ascii_digit()))
        {
            start += digits + 1;
        } else {
            break;
        }
    }
    start
}
