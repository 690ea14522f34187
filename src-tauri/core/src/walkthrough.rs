//! The guided walkthrough of DESIGN.md §3: its steps in order, the step each field of a report
//! belongs to, and the one check the editor runs after every edit (every hint, placed on its
//! step, the readiness of the report, and what stops the external export).

use crate::export::gate::external_blockers;
use crate::hints::{lint_report, Hint, RuleSettings};
use crate::model::Postmortem;
use crate::readiness::{self, Readiness};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One step of the walkthrough. The wire names are the field names the step's fields start with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Step {
    Basics,
    Summary,
    Impact,
    Timeline,
    Analysis,
    Questions,
    WentWell,
    ActionItems,
    External,
    Glossary,
    Review,
}

impl Step {
    /// The steps in the order the walkthrough visits them.
    pub const ALL: [Step; 11] = [
        Step::Basics,
        Step::Summary,
        Step::Impact,
        Step::Timeline,
        Step::Analysis,
        Step::Questions,
        Step::WentWell,
        Step::ActionItems,
        Step::External,
        Step::Glossary,
        Step::Review,
    ];

    /// The step where a field is edited. `field` is a hint's field name: the report's JSON field,
    /// then row ids or keys after dots (`timeline.<id>.description`, `questions.bugOrClass`).
    /// Metadata and anything unknown belong to Basics.
    pub fn of_field(field: &str) -> Step {
        let head = field.split('.').next().unwrap_or_default();
        match head {
            "summary" => Step::Summary,
            "customerImpact" => Step::Impact,
            "timeline" => Step::Timeline,
            "monitoring" | "contributingFactors" | "singleFactorReason" => Step::Analysis,
            "questions" => Step::Questions,
            "wentWell" | "gotLucky" => Step::WentWell,
            "actionItems" => Step::ActionItems,
            "external" => Step::External,
            "glossary" => Step::Glossary,
            "review" | "reviewChecklist" | "status" => Step::Review,
            _ => Step::Basics,
        }
    }
}

/// A hint with the step it is shown on.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StepHint {
    pub step: Step,
    #[serde(flatten)]
    pub hint: Hint,
}

impl From<Hint> for StepHint {
    fn from(hint: Hint) -> Self {
        StepHint {
            step: Step::of_field(&hint.field),
            hint,
        }
    }
}

/// Everything the editor shows about a report as it stands, edits included.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportCheck {
    /// Every hint of the report (dismissed ones too, marked), each on its step.
    pub hints: Vec<StepHint>,
    pub readiness: Readiness,
    /// What must be reworded or dismissed before the external message may be exported.
    pub external_blockers: Vec<StepHint>,
    /// Hints not in `hints` because their field already has [`MAX_HINTS_PER_FIELD`]: a pasted
    /// text of megabytes can draw tens of thousands, more than anyone reads and more than the
    /// window can take at once. The readiness counts them all.
    pub hints_left_out: u32,
}

/// The most hints of one field that a check returns.
pub const MAX_HINTS_PER_FIELD: usize = 500;

/// Checks a report: its hints, its readiness, and the blockers of its external export.
pub fn check_report(report: &Postmortem, settings: &RuleSettings) -> ReportCheck {
    let hints = lint_report(report, settings);
    let blockers = external_blockers(report, settings);
    let readiness = readiness::assess(report, &hints, &blockers);
    let mut per_field: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut left_out: u32 = 0;
    let hints = hints
        .into_iter()
        .filter(|hint| {
            let count = per_field.entry(hint.field.clone()).or_default();
            *count += 1;
            let kept = *count <= MAX_HINTS_PER_FIELD;
            if !kept {
                left_out = left_out.saturating_add(1);
            }
            kept
        })
        .map(StepHint::from)
        .collect();
    ReportCheck {
        hints,
        readiness,
        external_blockers: blockers.into_iter().map(StepHint::from).collect(),
        hints_left_out: left_out,
    }
}

/// What the walkthrough shows that the core defines: the helpful questions. (Whether a hint's
/// suggestion can be applied in one click travels on the hint itself, as its `suggestionKind`.)
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WalkthroughReference {
    pub questions: Vec<QuestionText>,
}

/// One helpful question and the key of its answer in `HelpfulQuestions`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuestionText {
    pub key: String,
    pub text: String,
}

pub fn reference() -> WalkthroughReference {
    WalkthroughReference {
        questions: crate::model::HelpfulQuestions::QUESTIONS
            .iter()
            .map(|(key, text)| QuestionText {
                key: (*key).to_string(),
                text: (*text).to_string(),
            })
            .collect(),
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "a test fails loudly at its first surprise"
)]
mod tests {
    use super::*;
    use crate::hints::Category;
    use crate::testing::full_report;

    #[test]
    fn every_field_the_hints_name_belongs_to_its_step() {
        let cases = [
            ("title", Step::Basics),
            ("owner", Step::Basics),
            ("participants", Step::Basics),
            ("summary", Step::Summary),
            ("customerImpact", Step::Impact),
            ("timeline", Step::Timeline),
            (
                "timeline.0193a0c4-5b7e-7c3d-9f10-2b4c6d8e0f12",
                Step::Timeline,
            ),
            ("timeline.x.description", Step::Timeline),
            ("monitoring", Step::Analysis),
            ("contributingFactors", Step::Analysis),
            ("contributingFactors.x.whyItMadeSense", Step::Analysis),
            ("questions.bugOrClass", Step::Questions),
            ("wentWell", Step::WentWell),
            ("gotLucky", Step::WentWell),
            ("actionItems.x.description", Step::ActionItems),
            ("actionItems.x", Step::ActionItems),
            ("external.whatHappened", Step::External),
            ("glossary.0.definition", Step::Glossary),
            ("review", Step::Review),
            ("somethingNew", Step::Basics),
        ];
        for (field, step) in cases {
            assert_eq!(Step::of_field(field), step, "{field}");
        }
    }

    #[test]
    fn steps_cross_ipc_by_their_field_names() {
        let names: Vec<String> = Step::ALL
            .iter()
            .map(|step| {
                serde_json::to_value(step)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(
            names,
            [
                "basics",
                "summary",
                "impact",
                "timeline",
                "analysis",
                "questions",
                "wentWell",
                "actionItems",
                "external",
                "glossary",
                "review"
            ]
        );
    }

    #[test]
    fn a_check_places_each_hint_on_its_step_and_flattens_it() {
        let mut report = full_report();
        report.monitoring = "The root cause was human error.".into();
        report.went_well = String::new();
        let check = check_report(&report, &RuleSettings::default());
        let analysis: Vec<&str> = check
            .hints
            .iter()
            .filter(|h| h.hint.field == "monitoring")
            .map(|h| h.hint.rule)
            .collect();
        assert_eq!(analysis, ["root-cause", "human-error"]);
        assert!(check
            .hints
            .iter()
            .all(|h| h.step == Step::of_field(&h.hint.field)));
        let went_well = check
            .hints
            .iter()
            .find(|h| h.hint.rule == "went-well-empty")
            .unwrap();
        assert_eq!(went_well.step, Step::WentWell);
        assert_eq!(went_well.hint.category, Category::Structure);

        let json = serde_json::to_value(&check.hints[0]).unwrap();
        assert_eq!(json["step"], "analysis");
        assert_eq!(json["rule"], "root-cause");
        assert!(
            json.get("hint").is_none(),
            "the hint's fields sit beside the step"
        );
    }

    #[test]
    fn the_blockers_of_the_external_export_come_with_the_check() {
        let mut report = full_report();
        assert!(check_report(&report, &RuleSettings::default())
            .external_blockers
            .is_empty());
        report.external.summary = "Ana Lima restored the service.".into();
        let check = check_report(&report, &RuleSettings::default());
        let blockers: Vec<(&str, Step)> = check
            .external_blockers
            .iter()
            .map(|h| (h.hint.rule, h.step))
            .collect();
        assert_eq!(blockers, [("leak-name", Step::External)]);
    }

    #[test]
    fn the_reference_lists_the_questions_by_answer_key() {
        let reference = reference();
        let keys: Vec<&str> = reference.questions.iter().map(|q| q.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "isolatedOrTrend",
                "bugOrClass",
                "workNotDone",
                "similarIncidents",
                "growsWithScale"
            ]
        );
        let answers = serde_json::to_value(crate::model::HelpfulQuestions::default()).unwrap();
        for key in keys {
            assert!(
                answers.get(key).is_some(),
                "{key} is a field of the answers"
            );
        }
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "a test fails loudly at its first surprise"
)]
mod limit_tests {
    use super::*;
    use crate::testing::full_report;

    #[test]
    fn a_field_with_very_many_hints_sends_the_first_and_counts_the_rest() {
        let mut report = full_report();
        report.went_well = "It was a disaster. ".repeat(MAX_HINTS_PER_FIELD + 40);
        let all = lint_report(&report, &RuleSettings::default());
        let in_field = all.iter().filter(|h| h.field == "wentWell").count();
        assert!(in_field > MAX_HINTS_PER_FIELD, "{in_field}");
        let check = check_report(&report, &RuleSettings::default());
        let sent = check
            .hints
            .iter()
            .filter(|h| h.hint.field == "wentWell")
            .count();
        assert_eq!(sent, MAX_HINTS_PER_FIELD);
        assert_eq!(
            check.hints_left_out as usize,
            in_field - MAX_HINTS_PER_FIELD
        );
        assert_eq!(check.hints.len() + check.hints_left_out as usize, all.len());
        let first = check
            .hints
            .iter()
            .find(|h| h.hint.field == "wentWell")
            .unwrap();
        let earliest = all
            .iter()
            .filter(|h| h.field == "wentWell")
            .map(|h| h.start)
            .min();
        assert_eq!(
            Some(first.hint.start),
            earliest,
            "the first hints of the field are the ones sent"
        );
        assert_eq!(
            check.readiness,
            readiness::assess(
                &report,
                &all,
                &external_blockers(&report, &RuleSettings::default())
            ),
            "the readiness counts every hint"
        );
    }
}
