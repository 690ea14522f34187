//! The check before an external export: details that customers must not see (DESIGN.md §5).
//!
//! The external export leaves the organisation, so every `leak` hint of severity `error` in the
//! text it carries must be reworded away, or dismissed by the author with a reason, first. The
//! settings apply as everywhere else: a leak rule the team turned off or re-levelled below `error`
//! does not block, and one raised to `error` does. The internal export is never gated.

use crate::hints::{mark_dismissed, people_of, Category, Hint, HintSeverity, LintContext, Linter};
use crate::hints::{RuleSettings, Section};
use crate::model::Postmortem;

/// The undismissed `leak` hints of severity `error` in the text of the external export: the three
/// parts of the external message (fields `external.summary`, `external.whatHappened` and
/// `external.whatWeAreDoing`, as `lint_report` names them) and the title, which heads the export
/// (field `title`). Empty when the report may go out.
pub fn external_blockers(report: &Postmortem, settings: &RuleSettings) -> Vec<Hint> {
    let people = people_of(report);
    let linter = Linter::new(&people, settings);
    let context = LintContext {
        section: Section::External,
        impact: report.impact_scope,
        people,
    };
    let message = &report.external;
    let mut hints = Vec::new();
    for (field, text) in [
        ("title", &report.title),
        ("external.summary", &message.summary),
        ("external.whatHappened", &message.what_happened),
        ("external.whatWeAreDoing", &message.what_we_are_doing),
    ] {
        if !text.trim().is_empty() {
            hints.extend(linter.lint(text, field, &context));
        }
    }
    mark_dismissed(&mut hints, report);
    hints.retain(|hint| {
        hint.category == Category::Leak
            && hint.severity == HintSeverity::Error
            && hint.dismissed.is_none()
    });
    hints
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "a test fails loudly at its first surprise"
)]
mod tests {
    use super::*;
    use crate::hints::{lint_report, RuleSetting};
    use crate::model::HintDismissal;
    use crate::testing::full_report;

    fn blockers(report: &Postmortem) -> Vec<Hint> {
        external_blockers(report, &RuleSettings::default())
    }

    fn dismiss(report: &mut Postmortem, hint: &Hint, reason: &str) {
        report.dismissals.push(HintDismissal {
            rule: hint.rule.to_string(),
            field: hint.field.clone(),
            matched_text: hint.context.clone(),
            reason: reason.into(),
        });
    }

    #[test]
    fn a_clean_external_message_is_not_blocked() {
        assert_eq!(blockers(&full_report()), Vec::new());
    }

    #[test]
    fn a_participant_or_an_internal_host_in_the_message_blocks_it() {
        let mut report = full_report();
        report.external.what_happened =
            "Ben Okafor restarted db-prod-03.eu.internal after the cache filled up.".into();
        let found = blockers(&report);
        let summary: Vec<(&str, &str, &str)> = found
            .iter()
            .map(|h| (h.rule, h.field.as_str(), h.matched.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                ("leak-name", "external.whatHappened", "Ben Okafor"),
                (
                    "leak-host",
                    "external.whatHappened",
                    "db-prod-03.eu.internal"
                ),
            ]
        );
        assert!(found.iter().all(|h| h.severity == HintSeverity::Error));
        let text = &report.external.what_happened;
        for hint in &found {
            assert_eq!(&text[hint.start..hint.end], hint.matched);
        }
    }

    #[test]
    fn each_part_of_the_message_and_the_title_are_checked() {
        let mut report = full_report();
        report.title = "Cache outage on 10.20.3.14".into();
        report.external.summary = "Write to ana.lima@example.com with questions.".into();
        report.external.what_we_are_doing = "Chen is changing the rollout.".into();
        let fields: Vec<String> = blockers(&report).into_iter().map(|h| h.field).collect();
        assert_eq!(
            fields,
            ["title", "external.summary", "external.whatWeAreDoing"]
        );
    }

    #[test]
    fn a_dismissal_with_a_reason_lets_the_message_go() {
        let mut report = full_report();
        report.external.what_happened =
            "Ben Okafor restarted db-prod-03.eu.internal after the cache filled up.".into();
        let found = blockers(&report);
        assert_eq!(found.len(), 2);
        dismiss(
            &mut report,
            &found[0],
            "Ben agreed to be named in this message",
        );
        let left = blockers(&report);
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].rule, "leak-host");
        dismiss(
            &mut report,
            &left[0],
            "The host name is on our public status page",
        );
        assert_eq!(blockers(&report), Vec::new());

        // The dismissal holds for that sentence only: a new sentence with a name blocks again.
        report.external.summary = "Ben Okafor was paged at 14:05.".into();
        assert_eq!(blockers(&report).len(), 1);
    }

    #[test]
    fn a_dismissal_on_another_field_does_not_count() {
        let mut report = full_report();
        report.external.what_happened = "Ben Okafor restarted the cache.".into();
        let hint = blockers(&report).remove(0);
        let mut elsewhere = hint.clone();
        elsewhere.field = "external.summary".into();
        dismiss(&mut report, &elsewhere, "Not this field");
        assert_eq!(blockers(&report).len(), 1);
    }

    #[test]
    fn names_outside_the_external_message_do_not_block() {
        let mut report = full_report();
        report.monitoring = "Ben Okafor saw the hit rate fall on db-prod-03.eu.internal.".into();
        assert_eq!(blockers(&report), Vec::new());
    }

    #[test]
    fn only_leaks_at_error_level_block_and_settings_apply() {
        let mut report = full_report();
        report.external.what_we_are_doing =
            "The fix is tracked in PLAT-1234; Ben Okafor leads it. This was a disaster.".into();
        let rules: Vec<&str> = blockers(&report).into_iter().map(|h| h.rule).collect();
        // `leak-ticket` is a warning and `negativity` is not a leak: neither blocks.
        assert_eq!(rules, ["leak-name"]);

        let settings = RuleSettings::from_toml(
            "[rules.leak-ticket]\nseverity = \"error\"\n[rules.leak-name]\nenabled = false\n",
        )
        .unwrap();
        let rules: Vec<&str> = external_blockers(&report, &settings)
            .into_iter()
            .map(|h| h.rule)
            .collect();
        assert_eq!(rules, ["leak-ticket"]);

        let mut lowered = RuleSettings::default();
        lowered.rules.insert(
            "leak-name".into(),
            RuleSetting {
                enabled: None,
                severity: Some(HintSeverity::Warning),
            },
        );
        assert_eq!(external_blockers(&report, &lowered), Vec::new());
    }

    #[test]
    fn the_gate_sees_the_external_hints_that_the_report_shows() {
        // The author dismisses what `lint_report` shows, so both must name the fields alike.
        let mut report = full_report();
        report.external.summary = "Ana Lima paged the team.".into();
        report.external.what_happened = "Traffic to 10.20.3.14 was dropped.".into();
        report.external.what_we_are_doing = "Questions go to ben@example.com.".into();
        let shown: Vec<Hint> = lint_report(&report, &RuleSettings::default())
            .into_iter()
            .filter(|h| {
                h.field.starts_with("external.")
                    && h.category == Category::Leak
                    && h.severity == HintSeverity::Error
            })
            .collect();
        assert_eq!(shown.len(), 3);
        assert_eq!(blockers(&report), shown);
    }
}
