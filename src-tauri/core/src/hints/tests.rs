use super::rules::{parse_builtin, parse_text, Kind};
use super::*;
use crate::model::ImpactScope;
use crate::testing::full_report;
use proptest::prelude::*;

fn context_for(section: Section, impact: ImpactScope, names: &[String]) -> LintContext {
    LintContext {
        section,
        impact,
        people: names
            .iter()
            .map(|name| Person {
                name: name.clone(),
                role: None,
            })
            .collect(),
    }
}

fn lint(text: &str, section: Section, impact: ImpactScope, names: &[String]) -> Vec<Hint> {
    let context = context_for(section, impact, names);
    Linter::new(&context.people, &RuleSettings::default()).lint(text, "field", &context)
}

#[test]
fn the_built_in_rules_parse_and_cover_every_category() {
    let book = parse_builtin().unwrap();
    for category in Category::ALL {
        assert!(
            book.rules().iter().any(|r| r.category == category),
            "no rule for {}",
            category.as_str()
        );
    }
    for rule in book.rules() {
        assert!(
            !rule.explanation.trim().is_empty(),
            "{} has no explanation",
            rule.id
        );
        if rule.kind == Kind::Structure {
            assert!(rule.check.is_some(), "{} names no check", rule.id);
        }
    }
}

#[test]
fn every_rule_with_a_suggestion_says_whether_it_rewrites_or_advises() {
    let book = parse_builtin().unwrap();
    for rule in book.rules() {
        let suggests = rule.suggestion.is_some() || !rule.swap.is_empty();
        assert_eq!(
            rule.suggestion_kind.is_some(),
            suggests,
            "{}: a suggestion_kind goes with a suggestion, and only with one",
            rule.id
        );
        if rule.kind == Kind::Structure {
            assert_ne!(
                rule.suggestion_kind,
                Some(SuggestionKind::Rewrite),
                "{}: a whole-report check has no words to rewrite",
                rule.id
            );
        }
    }
    let kind_of = |id: &str| book.get(id).and_then(|rule| rule.suggestion_kind);
    for id in ["root-cause", "outage", "naming", "leak-name"] {
        assert_eq!(kind_of(id), Some(SuggestionKind::Rewrite), "{id}");
    }
    for id in [
        "human-error",
        "blame-agent",
        "not-actionable",
        "be-careful",
        "no-owner",
    ] {
        assert_eq!(kind_of(id), Some(SuggestionKind::Advice), "{id}");
    }
}

#[test]
fn a_rule_file_without_a_suggestion_kind_is_refused() {
    let rule = |extra: &str| {
        format!(
            "[vocabulary]\nagents = []\n[[rule]]\nid = \"x\"\ncategory = \"outage\"\n\
             severity = \"warning\"\nkind = \"phrase\"\nmessage = \"m\"\nexplanation = \"e\"\n\
             patterns = [\"outage\"]\n{extra}"
        )
    };
    let missing = parse_text(&rule("suggestion = \"degradation\"\n"))
        .err()
        .unwrap();
    assert!(missing.contains("suggestion_kind"), "{missing}");
    let swap_only = parse_text(&rule("swap = { \"outage\" = \"degradation\" }\n"))
        .err()
        .unwrap();
    assert!(swap_only.contains("suggestion_kind"), "{swap_only}");
    let alone = parse_text(&rule("suggestion_kind = \"advice\"\n"))
        .err()
        .unwrap();
    assert!(alone.contains("no suggestion"), "{alone}");
    assert!(parse_text(&rule(
        "suggestion = \"degradation\"\nsuggestion_kind = \"rewrite\"\n"
    ))
    .is_ok());
}

#[test]
fn hints_carry_the_kind_of_their_suggestion() {
    let hints = lint(
        "The root cause was human error.",
        Section::Analysis,
        ImpactScope::Partial,
        &[],
    );
    let kinds: Vec<(&str, Option<SuggestionKind>)> = hints
        .iter()
        .map(|hint| (hint.rule, hint.suggestion_kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("root-cause", Some(SuggestionKind::Rewrite)),
            ("human-error", Some(SuggestionKind::Advice))
        ]
    );
    let json = serde_json::to_value(&hints[0]).unwrap();
    assert_eq!(json["suggestionKind"], "rewrite");
    let quiet = lint(
        "Disk usage rose after the deploy.",
        Section::Analysis,
        ImpactScope::Partial,
        &[],
    );
    assert!(quiet.is_empty());
    let mut report = full_report();
    report.went_well = String::new();
    let structure = lint_report(&report, &RuleSettings::default());
    let went_well = structure
        .iter()
        .find(|hint| hint.rule == "went-well-empty")
        .unwrap();
    assert_eq!(went_well.suggestion_kind, Some(SuggestionKind::Advice));
    assert!(structure
        .iter()
        .all(|hint| hint.suggestion.is_some() == hint.suggestion_kind.is_some()));
}

#[test]
fn every_built_in_pattern_compiles() {
    let people = [Person {
        name: "Ana Lima".into(),
        role: None,
    }];
    for rule in rule_book().rules() {
        assert!(
            checks::CompiledRule::new(rule, rule.severity, &people).is_some(),
            "{} does not compile",
            rule.id
        );
    }
}

/// A Unicode `\b` makes the lazy DFA give up on any text with a non-ASCII character (a curly quote
/// or a dash is enough), and the search falls back to a much slower engine: a third of the time of
/// a full lint. Matches are checked for whole words with Unicode afterwards (`accept`), so the
/// patterns use the ASCII boundary `(?-u:\b)`.
#[test]
fn no_pattern_uses_a_unicode_word_boundary() {
    let unicode_boundary = |pattern: &str| {
        pattern
            .match_indices("\\b")
            .any(|(index, _)| !pattern[..index].ends_with("(?-u:"))
    };
    let book = rule_book();
    for rule in book.rules() {
        for pattern in rule.patterns.iter().chain(&rule.except) {
            assert!(
                !unicode_boundary(pattern),
                "rule {} uses \\b in {pattern:?}: write (?-u:\\b)",
                rule.id
            );
        }
    }
    for word in &book.vocabulary.agents {
        assert!(!unicode_boundary(word), "the agent word {word:?} uses \\b");
    }
}

#[test]
fn every_rule_fires_on_its_examples_and_stays_quiet_on_the_others() {
    let mut failures = Vec::new();
    for rule in rule_book().rules() {
        let examples = &rule.examples;
        let section = examples.section.unwrap_or(Section::Analysis);
        let impact = examples.impact.unwrap_or(ImpactScope::Partial);
        for text in &examples.fires {
            let hints = lint(text, section, impact, &examples.names);
            if !hints.iter().any(|h| h.rule == rule.id) {
                failures.push(format!("{} should fire on: {text}", rule.id));
            }
        }
        for text in &examples.quiet {
            let hints = lint(text, section, impact, &examples.names);
            let noisy: Vec<String> = hints
                .iter()
                .filter(|h| h.category == rule.category)
                .map(|h| format!("{} on “{}”", h.rule, h.matched))
                .collect();
            if !noisy.is_empty() {
                failures.push(format!(
                    "{} should be quiet on: {text} (got {noisy:?})",
                    rule.id
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn outage_is_fine_for_a_full_outage() {
    let text = "The outage lasted an hour.";
    assert!(lint(text, Section::Summary, ImpactScope::Full, &[]).is_empty());
    let hints = lint(text, Section::Summary, ImpactScope::Partial, &[]);
    assert_eq!(hints.len(), 1);
    assert_eq!(hints[0].suggestion.as_deref(), Some("degradation"));
}

#[test]
fn suggestions_keep_the_capital_letter() {
    let hints = lint(
        "Root cause: a bad config.",
        Section::Analysis,
        ImpactScope::Partial,
        &[],
    );
    assert_eq!(hints[0].suggestion.as_deref(), Some("Contributing factor"));
}

#[test]
fn spans_are_bytes_and_utf16() {
    let text = "😀 Ünïcode: the root cause was DNS.";
    let hints = lint(text, Section::Analysis, ImpactScope::Partial, &[]);
    let hint = hints.iter().find(|h| h.rule == "root-cause").unwrap();
    assert_eq!(&text[hint.start..hint.end], "root cause");
    let utf16: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(
        String::from_utf16(&utf16[hint.start_utf16..hint.end_utf16]).unwrap(),
        "root cause"
    );
    assert_eq!(hint.context, text);
}

#[test]
fn each_action_item_line_is_checked_on_its_own() {
    let text = "Add an alert on queue depth above 10000\nBetter monitoring\n\n- Investigate the database\n";
    let hints = lint(text, Section::ActionItems, ImpactScope::Partial, &[]);
    let lines: Vec<(&str, &str)> = hints
        .iter()
        .map(|h| (h.category.as_str(), h.matched.as_str()))
        .collect();
    assert!(lines.contains(&("not-actionable", "Better")), "{lines:?}");
    assert!(
        lines.contains(&("not-specific", "Better monitoring")),
        "{lines:?}"
    );
    assert!(
        lines.contains(&("not-specific", "Investigate")),
        "{lines:?}"
    );
    assert!(!lines.iter().any(|(_, m)| m.contains("Add")), "{lines:?}");
}

#[test]
fn headings_and_noun_phrases_are_not_actions() {
    let not_actionable = |item: &str| {
        lint(item, Section::ActionItems, ImpactScope::Partial, &[])
            .iter()
            .any(|h| h.category == Category::NotActionable)
    };
    // A label before a colon, a name followed by a noun of activity or by an auxiliary.
    assert!(not_actionable("Retry limits: capped retries in the proxy"));
    assert!(not_actionable("Prometheus monitoring for backups"));
    assert!(not_actionable("DevOps will rotate the keys next month"));
    // Verbs, and lead-ins before an instruction, are fine.
    assert!(!not_actionable("Setup alerting for file watch usage"));
    assert!(!not_actionable(
        "Before retrying, ensure the old job is stopped"
    ));
    assert!(!not_actionable("Clear the cache after each deploy"));
    assert!(!not_actionable(
        "Document the restore steps: where the backups are and how to load them"
    ));
}

#[test]
fn rules_can_be_turned_off_and_relevelled() {
    let mut settings = RuleSettings::default();
    settings.rules.insert(
        "root-cause".into(),
        RuleSetting {
            enabled: Some(false),
            severity: None,
        },
    );
    settings.rules.insert(
        "human-error".into(),
        RuleSetting {
            enabled: None,
            severity: Some(HintSeverity::Error),
        },
    );
    let context = LintContext::new(Section::Analysis);
    let hints =
        Linter::new(&[], &settings).lint("The root cause was human error.", "summary", &context);
    assert_eq!(hints.len(), 1, "{hints:?}");
    assert_eq!(hints[0].rule, "human-error");
    assert_eq!(hints[0].severity, HintSeverity::Error);
}

#[test]
fn settings_files_are_checked() {
    let settings = RuleSettings::from_toml("[rules.outage]\nseverity = \"error\"\n").unwrap();
    assert_eq!(settings.rules["outage"].severity, Some(HintSeverity::Error));
    assert!(
        RuleSettings::from_toml("[rules.no-such-rule]\nenabled = false\n")
            .unwrap_err()
            .to_string()
            .contains("no hint rule 'no-such-rule'")
    );
    assert!(RuleSettings::from_toml("rules = 3").is_err());
}

#[test]
fn a_full_report_gets_field_and_structure_hints() {
    let mut report = full_report();
    report.summary =
        "Ben Okafor forgot to stage the rollout; the root cause was the config.".into();
    report.went_well.clear();
    report.action_items[0].owner.clear();
    let hints = lint_report(&report, &RuleSettings::default());
    let found = |rule: &str, field: &str| hints.iter().any(|h| h.rule == rule && h.field == field);
    assert!(found("blame-agent", "summary"), "{hints:#?}");
    assert!(found("root-cause", "summary"));
    assert!(found("naming", "summary"));
    assert!(found("went-well-empty", "wentWell"));
    assert!(found(
        "committed-action-incomplete",
        &format!("actionItems.{}", report.action_items[0].id)
    ));
    // The report starts its timeline before the incident, names a devil's advocate and an owner.
    assert!(!hints.iter().any(|h| h.rule == "timeline-before-start"));
    assert!(!hints.iter().any(|h| h.rule == "no-devils-advocate"));
    assert!(!hints.iter().any(|h| h.rule == "no-owner"));
}

#[test]
fn structure_checks_find_a_late_or_unordered_timeline() {
    let mut report = full_report();
    let rules = |r: &Postmortem| -> Vec<String> {
        lint_report(r, &RuleSettings::default())
            .into_iter()
            .map(|h| h.rule.to_string())
            .collect()
    };
    // The sample's timeline begins 22 minutes before the incident started.
    assert!(!rules(&report).contains(&"timeline-before-start".to_string()));
    let earliest = report.timeline[0].at;
    report.incident.started = Some(earliest);
    assert!(rules(&report).contains(&"timeline-before-start".to_string()));
    report.incident.started = Some(earliest + chrono::Duration::minutes(1));
    assert!(!rules(&report).contains(&"timeline-before-start".to_string()));

    report.timeline.swap(0, 1);
    report.review.devils_advocate = None;
    let found = rules(&report);
    assert!(found.contains(&"timeline-order".to_string()), "{found:?}");
    assert!(
        found.contains(&"no-devils-advocate".to_string()),
        "{found:?}"
    );
}

#[test]
fn a_single_factor_needs_a_reason() {
    let mut report = full_report();
    report.contributing_factors.truncate(1);
    let has = |r: &Postmortem| {
        lint_report(r, &RuleSettings::default())
            .iter()
            .any(|h| h.rule == "single-factor")
    };
    assert!(has(&report));
    report.single_factor_reason = "The expired certificate alone stopped every request.".into();
    assert!(!has(&report));
}

#[test]
fn a_dismissed_hint_stays_dismissed_until_its_sentence_changes() {
    let mut report = full_report();
    report.summary = "Intro. The root cause was DNS. Outro.".into();
    let hints = lint_report(&report, &RuleSettings::default());
    let hint = hints
        .iter()
        .find(|h| h.rule == "root-cause")
        .unwrap()
        .clone();
    assert_eq!(hint.context, "The root cause was DNS.");
    report.dismissals.push(crate::model::HintDismissal {
        rule: hint.rule.to_string(),
        field: hint.field.clone(),
        matched_text: hint.context.clone(),
        reason: "Quoting the vendor's report".into(),
    });
    let dismissed = |r: &Postmortem| {
        lint_report(r, &RuleSettings::default())
            .into_iter()
            .find(|h| h.rule == "root-cause")
            .map(|h| h.dismissed)
    };
    assert_eq!(
        dismissed(&report),
        Some(Some("Quoting the vendor's report".into()))
    );
    report.summary = "A new intro, longer. The root cause was DNS. Another outro.".into();
    assert_eq!(
        dismissed(&report),
        Some(Some("Quoting the vendor's report".into()))
    );
    report.summary = "Intro. The root cause was the resolver. Outro.".into();
    assert_eq!(dismissed(&report), Some(None));
}

proptest! {
    #[test]
    fn hints_are_always_inside_the_text(
        text in "(\\PC|\r\n|\n|\u{301}|😀|root cause|Ana|\"|`|> |https://x.internal/|10.0.0.1|#a-b|\\?){0,60}",
        section in proptest::sample::select(Section::ALL.to_vec()),
    ) {
        let names = vec!["Ana Lima".to_string(), "Zoë".to_string()];
        let hints = lint(&text, section, ImpactScope::Partial, &names);
        let utf16_length = text.encode_utf16().count();
        for hint in hints {
            prop_assert!(hint.start <= hint.end && hint.end <= text.len());
            prop_assert!(text.is_char_boundary(hint.start) && text.is_char_boundary(hint.end));
            prop_assert!(hint.start_utf16 <= hint.end_utf16 && hint.end_utf16 <= utf16_length);
            prop_assert_eq!(&text[hint.start..hint.end], hint.matched.as_str());
        }
    }
}

#[test]
fn the_title_is_checked_like_the_external_message() {
    let mut report = full_report();
    report.title = "Outage of db-prod-03.eu.internal".into();
    let hints = lint_report(&report, &RuleSettings::default());
    let on_title: Vec<&str> = hints
        .iter()
        .filter(|h| h.field == "title")
        .map(|h| h.rule)
        .collect();
    assert!(on_title.contains(&"leak-host"), "{on_title:?}");
    assert!(on_title.contains(&"outage"), "{on_title:?}");
}

/// Every field name a hint carries leads back to its text with `field_text`, and the hint's span
/// is the matched words there: the command line places hints in a report with it.
#[test]
fn every_field_a_hint_names_is_found_and_the_span_matches() {
    let mut report = full_report();
    let blaming = "Zoë wrote it.\nThen Ingrid Okafor forgot to check, a human error. \
                   It was a disaster; we should have known.";
    report.participants[0].name = "Ingrid Okafor".into();
    report.title = "Ingrid Okafor restarted db-prod-03.eu.internal".into();
    report.summary = blaming.into();
    report.customer_impact = blaming.into();
    report.monitoring = blaming.into();
    report.went_well = blaming.into();
    report.got_lucky = blaming.into();
    for entry in &mut report.timeline {
        entry.description = blaming.into();
    }
    for factor in &mut report.contributing_factors {
        factor.description = blaming.into();
        factor.why_it_made_sense = blaming.into();
    }
    for answer in report.questions.answers_mut() {
        *answer = blaming.into();
    }
    for item in &mut report.action_items {
        item.description = "Improve monitoring\nbe more careful".into();
    }
    for entry in &mut report.glossary {
        entry.definition = blaming.into();
    }
    report.external.summary = "Écoute: Ingrid Okafor restarted db-prod-03.eu.internal.".into();
    report.external.what_happened = report.external.summary.clone();
    report.external.what_we_are_doing = report.external.summary.clone();

    let hints = lint_report(&report, &RuleSettings::default());
    let mut fields = std::collections::BTreeSet::new();
    for hint in &hints {
        if hint.matched.is_empty() {
            continue;
        }
        let text = field_text(&report, &hint.field)
            .unwrap_or_else(|| panic!("no text for the field {}", hint.field));
        assert_eq!(&text[hint.start..hint.end], hint.matched, "{hint:?}");
        fields.insert(hint.field.split('.').next().unwrap().to_string());
    }
    for expected in [
        "title",
        "summary",
        "customerImpact",
        "timeline",
        "monitoring",
        "contributingFactors",
        "questions",
        "wentWell",
        "gotLucky",
        "actionItems",
        "external",
        "glossary",
    ] {
        assert!(
            fields.contains(expected),
            "no hint on {expected}: {fields:?}"
        );
    }
    let term = &report.glossary[0];
    assert_eq!(
        field_text(&report, &format!("glossary.{}.term", term.id)),
        Some(term.term.as_str())
    );
    assert_eq!(field_text(&report, "timeline.nope.description"), None);
    assert_eq!(field_text(&report, "nothing"), None);
}
