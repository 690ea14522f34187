//! How well the wording hints do on real text.
//!
//! `tests/corpus/` holds sentences and action items quoted from public postmortems and from public
//! guides on blameless writing, each with its source and the categories a careful reviewer would
//! flag. This test lints every item, compares the categories that fired with the expected ones and
//! fails when precision or recall drops below the bar. It also keeps the generated parts of
//! `docs/HINTS.md` (the rule list and the results table) in step: run it with `UPDATE_DOCS=1` to
//! rewrite them.
//!
//! `cargo test -p debrief-core --test hint_corpus -- --nocapture` prints the table and every miss.

use debrief_core::hints::{
    rule_book, Category, LintContext, Linter, Person, RuleSettings, Section, SuggestionKind,
};
use debrief_core::ImpactScope;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const MIN_PRECISION: f64 = 0.90;
const MIN_RECALL: f64 = 0.80;
const MIN_SENTENCES: usize = 300;
const MIN_ACTION_ITEMS: usize = 100;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CorpusFile {
    item: Vec<Item>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Item {
    text: String,
    section: String,
    #[serde(default)]
    impact: Option<String>,
    #[serde(default)]
    names: Vec<String>,
    expect: Vec<String>,
    source: String,
}

struct Loaded {
    file: &'static str,
    item: Item,
    section: Section,
    impact: ImpactScope,
    expected: BTreeSet<&'static str>,
}

fn core_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn category_name(name: &str) -> Option<&'static str> {
    Category::ALL
        .iter()
        .map(|c| c.as_str())
        .find(|c| *c == name)
}

/// Reads both corpus files; every problem with an item is collected so one run shows them all.
fn load() -> (Vec<Loaded>, Vec<String>) {
    let mut loaded = Vec::new();
    let mut problems = Vec::new();
    for file in ["sentences.toml", "action_items.toml"] {
        let path = core_dir().join("tests/corpus").join(file);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let parsed: CorpusFile = toml::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not a valid corpus file: {e}", path.display()));
        for item in parsed.item {
            let at = format!("{file}: “{}”", item.text);
            let source = item.source.trim();
            if !(source.starts_with("https://") || source.starts_with("http://"))
                || source.len() < 12
            {
                problems.push(format!("{at}: the source must be an http(s) address"));
            }
            if item.text.trim().is_empty() {
                problems.push(format!("{file}: an item has no text"));
            }
            let Some(section) = Section::parse(&item.section) else {
                problems.push(format!("{at}: unknown section {}", item.section));
                continue;
            };
            if (file == "action_items.toml") != (section == Section::ActionItems) {
                problems.push(format!(
                    "{at}: action items go in action_items.toml, sentences in sentences.toml"
                ));
            }
            if section == Section::ActionItems && item.text.contains('\n') {
                problems.push(format!("{at}: an action item is one line"));
            }
            let impact = match item.impact.as_deref() {
                None => ImpactScope::Partial,
                Some(word) => match ImpactScope::parse(word) {
                    Some(impact) => impact,
                    None => {
                        problems.push(format!("{at}: unknown impact {word}"));
                        continue;
                    }
                },
            };
            let mut expected = BTreeSet::new();
            for name in &item.expect {
                match category_name(name) {
                    Some("structure") | None => {
                        problems.push(format!("{at}: {name} is not a wording category"))
                    }
                    Some(category) => {
                        expected.insert(category);
                    }
                }
            }
            loaded.push(Loaded {
                file,
                item,
                section,
                impact,
                expected,
            });
        }
    }
    (loaded, problems)
}

/// The categories the engine finds in one item (structure checks are not about wording).
fn fired(item: &Loaded) -> BTreeSet<&'static str> {
    let people: Vec<Person> = item
        .item
        .names
        .iter()
        .map(|name| Person {
            name: name.clone(),
            role: None,
        })
        .collect();
    let context = LintContext {
        section: item.section,
        impact: item.impact,
        people: people.clone(),
    };
    Linter::new(&people, &RuleSettings::default())
        .lint(&item.item.text, "corpus", &context)
        .into_iter()
        .map(|hint| hint.category.as_str())
        .filter(|category| *category != "structure")
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn support(self) -> usize {
        self.tp + self.fn_
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

struct Evaluation {
    per_category: BTreeMap<&'static str, Counts>,
    overall: Counts,
    misses: Vec<String>,
    sentences: usize,
    action_items: usize,
    flagged: usize,
    sources: BTreeMap<String, usize>,
}

fn evaluate(items: &[Loaded]) -> Evaluation {
    let mut per_category: BTreeMap<&'static str, Counts> = Category::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| *c != "structure")
        .map(|c| (c, Counts::default()))
        .collect();
    let mut misses = Vec::new();
    let mut sources = BTreeMap::new();
    for item in items {
        *sources.entry(item.item.source.clone()).or_insert(0) += 1;
        let got = fired(item);
        for category in got.union(&item.expected) {
            let counts = per_category.entry(category).or_default();
            match (got.contains(category), item.expected.contains(category)) {
                (true, true) => counts.tp += 1,
                (true, false) => {
                    counts.fp += 1;
                    misses.push(format!(
                        "FP {category:<15} [{}] {}",
                        item.item.section, item.item.text
                    ));
                }
                (false, true) => {
                    counts.fn_ += 1;
                    misses.push(format!(
                        "FN {category:<15} [{}] {}",
                        item.item.section, item.item.text
                    ));
                }
                (false, false) => {}
            }
        }
    }
    let mut overall = Counts::default();
    for counts in per_category.values() {
        overall.tp += counts.tp;
        overall.fp += counts.fp;
        overall.fn_ += counts.fn_;
    }
    misses.sort();
    Evaluation {
        per_category,
        overall,
        misses,
        sentences: items.iter().filter(|i| i.file == "sentences.toml").count(),
        action_items: items
            .iter()
            .filter(|i| i.file == "action_items.toml")
            .count(),
        flagged: items.iter().filter(|i| !i.expected.is_empty()).count(),
        sources,
    }
}

fn percent(value: f64) -> String {
    format!("{:.1}%", value * 100.0)
}

/// The results as a Markdown table (part of docs/HINTS.md).
fn results_table(evaluation: &Evaluation) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} items: {} sentences and {} action items from {} sources; {} items should get at least \
         one hint, {} should get none.\n",
        evaluation.sentences + evaluation.action_items,
        evaluation.sentences,
        evaluation.action_items,
        evaluation.sources.len(),
        evaluation.flagged,
        evaluation.sentences + evaluation.action_items - evaluation.flagged,
    );
    out.push_str(
        "| category | support | true pos. | false pos. | false neg. | precision | recall |\n",
    );
    out.push_str("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (category, counts) in &evaluation.per_category {
        let _ = writeln!(
            out,
            "| `{category}` | {} | {} | {} | {} | {} | {} |",
            counts.support(),
            counts.tp,
            counts.fp,
            counts.fn_,
            percent(counts.precision()),
            percent(counts.recall())
        );
    }
    let o = evaluation.overall;
    let _ = writeln!(
        out,
        "| **all (micro-average)** | {} | {} | {} | {} | **{}** | **{}** |",
        o.support(),
        o.tp,
        o.fp,
        o.fn_,
        percent(o.precision()),
        percent(o.recall())
    );
    out
}

fn sources_list(evaluation: &Evaluation) -> String {
    let mut out = String::new();
    for (source, count) in &evaluation.sources {
        let _ = writeln!(
            out,
            "- <{source}> ({count} item{})",
            if *count == 1 { "" } else { "s" }
        );
    }
    out
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Every rule with its category, level, message and examples (part of docs/HINTS.md).
fn rules_table() -> String {
    let mut out = String::new();
    for rule in rule_book().rules() {
        let _ = writeln!(out, "#### `{}`\n", rule.id);
        let _ = writeln!(
            out,
            "Category `{}`, {} by default. Message: {}\n",
            rule.category.as_str(),
            rule.severity.as_str(),
            cell(&rule.message)
        );
        let mut where_ = Vec::new();
        if !rule.sections.is_empty() {
            let names: Vec<&str> = rule.sections.iter().map(|s| s.as_str()).collect();
            where_.push(format!("only in {}", names.join(", ")));
        }
        if !rule.skip_sections.is_empty() {
            let names: Vec<&str> = rule.skip_sections.iter().map(|s| s.as_str()).collect();
            where_.push(format!("not in {}", names.join(", ")));
        }
        if !rule.impact.is_empty() {
            let names: Vec<&str> = rule.impact.iter().map(|s| s.as_str()).collect();
            where_.push(format!("when the impact is {}", names.join(" or ")));
        }
        if !where_.is_empty() {
            let _ = writeln!(out, "Applies {}.\n", where_.join("; "));
        }
        match (rule.suggestion_kind, rule.suggestion.as_deref()) {
            (Some(SuggestionKind::Rewrite), _) => {
                let replacements: Vec<String> = rule
                    .swap
                    .iter()
                    .take(3)
                    .map(|(from, to)| format!("“{from}” → “{to}”"))
                    .collect();
                let shown = match rule.suggestion.as_deref() {
                    Some(fixed) if replacements.is_empty() => {
                        format!("“{}”", fixed.replace("{role}", "the person's role"))
                    }
                    _ => replacements.join(", "),
                };
                let _ = writeln!(out, "Rewrite, applied in one click: {}.\n", cell(&shown));
            }
            (Some(SuggestionKind::Advice), Some(advice)) => {
                let _ = writeln!(out, "Advice: {}.\n", cell(advice));
            }
            _ => {}
        }
        let examples = &rule.examples;
        if let Some(fires) = examples.fires.first() {
            let _ = writeln!(out, "- Fires on: “{}”", cell(fires));
        }
        if let Some(quiet) = examples.quiet.first() {
            let _ = writeln!(out, "- Quiet on: “{}”", cell(quiet));
        }
        if examples.fires.is_empty() && examples.quiet.is_empty() {
            let _ = writeln!(
                out,
                "- A whole-report check: {}",
                cell(&rule.explanation_line())
            );
        }
        out.push('\n');
    }
    out
}

trait FirstLine {
    fn explanation_line(&self) -> String;
}

impl FirstLine for debrief_core::hints::RuleDefinition {
    /// The first sentence of the explanation.
    fn explanation_line(&self) -> String {
        let text = self
            .explanation
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        match text.find(". ") {
            Some(end) => text[..=end].to_string(),
            None => text,
        }
    }
}

/// Replaces the text between `<!-- generated:NAME -->` and `<!-- end:NAME -->`.
fn splice(document: &str, name: &str, content: &str) -> Option<String> {
    let open = format!("<!-- generated:{name} -->\n");
    let close = format!("<!-- end:{name} -->");
    let start = document.find(&open)? + open.len();
    let end = start + document[start..].find(&close)?;
    Some(format!(
        "{}{}{}",
        &document[..start],
        content,
        &document[end..]
    ))
}

fn docs_path() -> PathBuf {
    core_dir().join("../../docs/HINTS.md")
}

fn expected_docs(current: &str, evaluation: &Evaluation) -> Option<String> {
    let with_rules = splice(current, "rules", &rules_table())?;
    let with_results = splice(&with_rules, "results", &results_table(evaluation))?;
    splice(&with_results, "sources", &sources_list(evaluation))
}

#[test]
fn the_hints_are_precise_and_find_most_problems_in_real_text() {
    let (items, problems) = load();
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    let evaluation = evaluate(&items);
    println!("{}", evaluation.misses.join("\n"));
    println!("\n{}", results_table(&evaluation));
    assert!(
        evaluation.sentences >= MIN_SENTENCES && evaluation.action_items >= MIN_ACTION_ITEMS,
        "the corpus shrank: {} sentences, {} action items",
        evaluation.sentences,
        evaluation.action_items
    );
    let overall = evaluation.overall;
    assert!(
        overall.precision() >= MIN_PRECISION,
        "precision {} is below {}",
        percent(overall.precision()),
        percent(MIN_PRECISION)
    );
    assert!(
        overall.recall() >= MIN_RECALL,
        "recall {} is below {}",
        percent(overall.recall()),
        percent(MIN_RECALL)
    );
}

#[test]
fn every_wording_category_is_in_the_corpus() {
    let (items, _) = load();
    let mut missing = Vec::new();
    for category in Category::ALL.iter().map(|c| c.as_str()) {
        if category == "structure" {
            continue;
        }
        let flagged = items
            .iter()
            .filter(|i| i.expected.contains(category))
            .count();
        if flagged < 3 {
            missing.push(format!("{category}: only {flagged} flagged items"));
        }
    }
    assert!(missing.is_empty(), "\n{}", missing.join("\n"));
}

#[test]
fn docs_hints_md_is_up_to_date() {
    let (items, problems) = load();
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    let evaluation = evaluate(&items);
    let path = docs_path();
    let current = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let expected = expected_docs(&current, &evaluation).unwrap_or_else(|| {
        panic!(
            "{} lacks a <!-- generated:NAME --> … <!-- end:NAME --> block for rules, results or sources",
            path.display()
        )
    });
    if expected == current {
        return;
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, expected).expect("write docs/HINTS.md");
        return;
    }
    panic!(
        "{} is out of date; run `UPDATE_DOCS=1 cargo test -p debrief-core --test hint_corpus` \
         and commit the result",
        Path::new("docs/HINTS.md").display()
    );
}
