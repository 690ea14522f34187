//! Readiness: how close a report is to being reviewed, as a score from 0 to 100 and the list of
//! what is still missing, each gap on the walkthrough step where it is fixed.
//!
//! The score weighs a fixed set of checks (the sections a good report needs, an owner, the people,
//! the review) and every open problem the hints found: structure hints of level warning or error,
//! wording hints of those levels, and leaks that stop the external export. A dismissed hint is not
//! a gap: the author gave a reason. A report scores 100 only when nothing is missing.

use crate::export::gate::external_blockers;
use crate::hints::{lint_report, Category, Hint, HintSeverity, RuleSettings};
use crate::ids::PostmortemId;
use crate::model::Postmortem;
use crate::store::{ScoreOfRevision, Store};
use crate::walkthrough::Step;
use crate::Result;
use serde::Serialize;
use ts_rs::TS;

/// The readiness of one report.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Readiness {
    /// From 0 (nothing written) to 100 (nothing missing).
    pub score: u8,
    /// What is missing, in the order of the walkthrough.
    pub missing: Vec<Gap>,
}

/// One thing a report still needs.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Gap {
    pub step: Step,
    /// The field to go to, named as hints name fields.
    pub field: String,
    pub message: String,
    /// The gap is an open hint (listed with the hints too), not a missing part.
    pub from_hint: bool,
}

/// The readiness score of one report of the library.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportScore {
    pub id: PostmortemId,
    pub score: u8,
}

/// Structure rules that the fixed checks below already cover, so that a gap is listed once.
const COVERED_RULES: [&str; 5] = [
    "no-owner",
    "went-well-empty",
    "external-incomplete",
    "no-factors",
    "no-devils-advocate",
];

struct Tally {
    total: u32,
    missed: u32,
    missing: Vec<(u32, Gap)>,
}

impl Tally {
    fn check(&mut self, weight: u32, passed: bool, field: &str, message: impl Into<String>) {
        self.total += weight;
        if !passed {
            self.gap(weight, field, message.into(), false);
        }
    }

    /// A problem found by a hint: it weighs only while it is there.
    fn problem(&mut self, weight: u32, field: &str, message: String) {
        self.total += weight;
        self.gap(weight, field, message, true);
    }

    fn gap(&mut self, weight: u32, field: &str, message: String, from_hint: bool) {
        self.missed += weight;
        let step = Step::of_field(field);
        let order = Step::ALL.iter().position(|s| *s == step).unwrap_or(0) as u32;
        self.missing.push((
            order,
            Gap {
                step,
                field: field.to_string(),
                message,
                from_hint,
            },
        ));
    }
}

fn filled(text: &str) -> bool {
    !text.trim().is_empty()
}

/// Assesses a report. `hints` are its hints from `lint_report` and `blockers` those of
/// `export::gate::external_blockers`, both with dismissals marked.
pub fn assess(report: &Postmortem, hints: &[Hint], blockers: &[Hint]) -> Readiness {
    let mut tally = Tally {
        total: 0,
        missed: 0,
        missing: Vec::new(),
    };
    let t = &mut tally;

    t.check(
        1,
        report.severity.is_some(),
        "severity",
        "No severity is set.",
    );
    t.check(
        1,
        !report.services.is_empty(),
        "services",
        "No affected service is named.",
    );
    t.check(
        2,
        report.incident.started.is_some(),
        "incident.started",
        "The time the incident started is missing.",
    );
    t.check(
        1,
        report.incident.resolved.is_some(),
        "incident.resolved",
        "The time the incident was resolved is missing.",
    );
    t.check(
        2,
        !report.participants.is_empty(),
        "participants",
        "Nobody is listed as a participant.",
    );
    t.check(
        2,
        report.owner.is_some(),
        "owner",
        "The postmortem has no owner yet.",
    );
    t.check(
        3,
        filled(&report.summary),
        "summary",
        "The summary is empty.",
    );
    t.check(
        2,
        filled(&report.customer_impact),
        "customerImpact",
        "The impact on customers is not described.",
    );
    t.check(
        3,
        !report.timeline.is_empty(),
        "timeline",
        "The timeline has no entries.",
    );
    t.check(
        1,
        filled(&report.monitoring),
        "monitoring",
        "Nothing says what the monitoring showed.",
    );
    t.check(
        3,
        !report.contributing_factors.is_empty(),
        "contributingFactors",
        "No contributing factors are listed.",
    );
    t.check(
        1,
        report
            .questions
            .answers()
            .iter()
            .any(|answer| filled(answer)),
        "questions",
        "None of the helpful questions is answered.",
    );
    t.check(
        2,
        filled(&report.went_well),
        "wentWell",
        "Nothing is listed under what went well.",
    );
    t.check(
        3,
        !report.action_items.is_empty(),
        "actionItems",
        "No action items are listed.",
    );
    for (field, text, part) in [
        ("external.summary", &report.external.summary, "summary"),
        (
            "external.whatHappened",
            &report.external.what_happened,
            "“what happened”",
        ),
        (
            "external.whatWeAreDoing",
            &report.external.what_we_are_doing,
            "“what we are doing”",
        ),
    ] {
        t.check(
            1,
            filled(text),
            field,
            format!("The external message has no {part}."),
        );
    }
    t.check(
        1,
        report.review.at.is_some(),
        "review.at",
        "No time is set for the review meeting.",
    );
    t.check(
        1,
        report.review.facilitator.is_some(),
        "review.facilitator",
        "No facilitator is named for the review meeting.",
    );
    t.check(
        1,
        report.review.devils_advocate.is_some(),
        "review.devilsAdvocate",
        "No devil's advocate is named for the review meeting.",
    );
    for item in &report.review_checklist {
        t.check(
            1,
            item.checked,
            "reviewChecklist",
            format!("Not yet checked: {}", item.question),
        );
    }

    let open = |hint: &&Hint| hint.dismissed.is_none() && hint.severity >= HintSeverity::Warning;
    for hint in hints.iter().filter(open) {
        if hint.category == Category::Structure && !COVERED_RULES.contains(&hint.rule) {
            t.problem(2, &hint.field, hint.message.clone());
        }
    }
    for hint in blockers.iter().filter(|hint| hint.dismissed.is_none()) {
        t.problem(
            3,
            &hint.field,
            format!("Must not reach customers: {}", hint.message),
        );
    }
    // Wording hints count once per step: the hints panel lists them one by one.
    let mut wording: Vec<(Step, &str, usize)> = Vec::new();
    for hint in hints.iter().filter(open) {
        let blocking = hint.category == Category::Leak && hint.severity == HintSeverity::Error;
        if hint.category == Category::Structure || blocking {
            continue;
        }
        let step = Step::of_field(&hint.field);
        match wording.iter_mut().find(|(s, _, _)| *s == step) {
            Some((_, _, count)) => *count += 1,
            None => wording.push((step, &hint.field, 1)),
        }
    }
    for (_, field, count) in wording {
        let message = match count {
            1 => "One wording hint is neither addressed nor dismissed.".to_string(),
            n => format!("{n} wording hints are neither addressed nor dismissed."),
        };
        t.problem(1, field, message);
    }

    let Tally {
        total,
        missed,
        mut missing,
    } = tally;
    missing.sort_by_key(|(order, _)| *order);
    // No checks at all (not possible today) would mean nothing is missing.
    let share = ((total - missed.min(total)) * 100)
        .checked_div(total)
        .unwrap_or(100);
    // Rounded down, and never 100 while something is missing.
    let score = if missed > 0 { share.min(99) } else { share };
    Readiness {
        score: u8::try_from(score).unwrap_or(100),
        missing: missing.into_iter().map(|(_, gap)| gap).collect(),
    }
}

/// The readiness of a report under the hint settings.
pub fn of_report(report: &Postmortem, settings: &RuleSettings) -> Readiness {
    assess(
        report,
        &lint_report(report, settings),
        &external_blockers(report, settings),
    )
}

/// Raised whenever [`assess`] scores differently, so that scores kept under the old way of
/// scoring are computed again.
const SCORING_REVISION: u32 = 1;

/// What a score depends on besides the report: this version's rules and way of scoring, and the
/// hint settings. Scores kept under another basis are computed again.
pub fn basis(settings: &RuleSettings) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    crate::hints::rule_book_source().hash(&mut hasher);
    SCORING_REVISION.hash(&mut hasher);
    // Settings are a sorted map: the same settings always print the same.
    serde_json::to_string(settings)
        .unwrap_or_default()
        .hash(&mut hasher);
    format!("{}:{:016x}", env!("CARGO_PKG_VERSION"), hasher.finish())
}

/// The scores of the reports `ids` (the rows the library shows), in that order. A report deleted
/// meanwhile is left out. Scores kept from an earlier lookup count while the report and the
/// basis are unchanged; the others are computed and kept for the next lookup.
pub fn scores(store: &Store, ids: &[PostmortemId]) -> Result<Vec<ReportScore>> {
    let settings = store.hint_settings()?;
    let basis = basis(&settings);
    let kept = store.kept_scores(ids, &basis)?;
    let mut scores = Vec::with_capacity(ids.len());
    let mut computed = Vec::new();
    for &id in ids {
        if let Some(&score) = kept.get(&id) {
            scores.push(ReportScore { id, score });
            continue;
        }
        match store.get(id) {
            Ok(report) => {
                let score = of_report(&report, &settings).score;
                computed.push(ScoreOfRevision {
                    id,
                    revision: report.revision,
                    score,
                });
                scores.push(ReportScore { id, score });
            }
            Err(crate::Error::NotFound(_)) => {}
            Err(error) => return Err(error),
        }
    }
    // Keeping them only saves work next time: a score that could not be kept is computed again.
    let _kept = store.keep_scores(&basis, &computed);
    Ok(scores)
}

/// Computes and keeps the scores of the library's first page (the rows shown at start) where
/// none is kept for the report as it is; run once the file's check has ended, so that the next
/// start finds them.
pub fn keep_first_page(store: &Store) -> Result<()> {
    let page = store.library_page(&crate::store::LibraryQuery::default())?;
    let ids: Vec<PostmortemId> = page.rows.iter().map(|row| row.report.id).collect();
    scores(store, &ids).map(|_| ())
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "a test fails loudly at its first surprise"
)]
mod tests {
    use super::*;
    use crate::model::{ActionStatus, HintDismissal};
    use crate::testing::{at, full_report};

    fn readiness(report: &Postmortem) -> Readiness {
        of_report(report, &RuleSettings::default())
    }

    fn messages(readiness: &Readiness) -> Vec<&str> {
        readiness
            .missing
            .iter()
            .map(|gap| gap.message.as_str())
            .collect()
    }

    fn ready_report() -> Postmortem {
        let mut report = full_report();
        for item in &mut report.review_checklist {
            item.checked = true;
        }
        report
    }

    #[test]
    fn a_finished_report_scores_100_with_nothing_missing() {
        let readiness = readiness(&ready_report());
        assert_eq!(messages(&readiness), Vec::<&str>::new());
        assert_eq!(readiness.score, 100);
    }

    #[test]
    fn a_blank_report_scores_low_and_lists_every_section_in_step_order() {
        let report = Postmortem::new("Untitled postmortem", "UTC", at(9, 0));
        let readiness = readiness(&report);
        assert!(readiness.score < 10, "{}", readiness.score);
        let steps: Vec<Step> = readiness.missing.iter().map(|gap| gap.step).collect();
        let mut sorted = steps.clone();
        sorted.sort();
        assert_eq!(steps, sorted, "in walkthrough order");
        let found = messages(&readiness);
        for expected in [
            "The postmortem has no owner yet.",
            "Nobody is listed as a participant.",
            "The summary is empty.",
            "The timeline has no entries.",
            "No contributing factors are listed.",
            "Nothing is listed under what went well.",
            "No action items are listed.",
            "The external message has no summary.",
        ] {
            assert!(found.contains(&expected), "{expected} in {found:?}");
        }
        // Each gap is listed once, even where a structure hint says the same.
        let owner = found.iter().filter(|m| m.contains("owner")).count();
        assert_eq!(owner, 1, "{found:?}");
        assert_eq!(
            readiness
                .missing
                .iter()
                .filter(|gap| gap.field == "reviewChecklist")
                .count(),
            report.review_checklist.len()
        );
    }

    #[test]
    fn filling_a_section_raises_the_score() {
        let mut report = Postmortem::new("Cache latency", "UTC", at(9, 0));
        let before = readiness(&report).score;
        report.summary = "Checkout was slow for an hour.".into();
        let after = readiness(&report);
        assert!(after.score > before, "{before} → {}", after.score);
        assert!(!messages(&after).contains(&"The summary is empty."));
    }

    #[test]
    fn unchecked_review_questions_are_listed() {
        let readiness = readiness(&full_report());
        let unchecked: Vec<&Gap> = readiness
            .missing
            .iter()
            .filter(|gap| gap.field == "reviewChecklist")
            .collect();
        assert_eq!(unchecked.len(), 5);
        assert!(unchecked.iter().all(|gap| gap.step == Step::Review));
        assert!(
            readiness.score < 100 && readiness.score > 80,
            "{}",
            readiness.score
        );
    }

    #[test]
    fn open_structure_hints_are_gaps_until_fixed_or_dismissed() {
        let mut report = ready_report();
        report.action_items[0].status = ActionStatus::Committed;
        report.action_items[0].due = None;
        let readiness_now = readiness(&report);
        let gap = readiness_now
            .missing
            .iter()
            .find(|gap| gap.field.starts_with("actionItems."))
            .unwrap();
        assert_eq!(gap.step, Step::ActionItems);
        assert!(
            gap.message.contains("no owner or no due date"),
            "{}",
            gap.message
        );

        let hint = lint_report(&report, &RuleSettings::default())
            .into_iter()
            .find(|h| h.rule == "committed-action-incomplete")
            .unwrap();
        report.dismissals.push(HintDismissal {
            rule: hint.rule.to_string(),
            field: hint.field.clone(),
            matched_text: hint.context.clone(),
            reason: "The date is set at the planning meeting".into(),
        });
        assert_eq!(readiness(&report).score, 100);
    }

    #[test]
    fn out_of_order_timeline_entries_are_a_gap_on_the_timeline() {
        let mut report = ready_report();
        report.timeline.swap(0, 1);
        let readiness = readiness(&report);
        assert!(readiness
            .missing
            .iter()
            .any(|gap| gap.step == Step::Timeline && gap.message.contains("earlier than")));
    }

    #[test]
    fn suggestions_do_not_count_but_warnings_do_once_per_step() {
        let mut report = ready_report();
        // `negativity` is a suggestion: not a gap.
        report.went_well = "The rollback worked although the day was a fiasco.".into();
        assert_eq!(readiness(&report).score, 100);
        report.monitoring = "The root cause was human error.".into();
        let readiness = readiness(&report);
        let analysis: Vec<&Gap> = readiness
            .missing
            .iter()
            .filter(|gap| gap.step == Step::Analysis)
            .collect();
        assert_eq!(analysis.len(), 1, "{analysis:?}");
        assert_eq!(
            analysis[0].message,
            "2 wording hints are neither addressed nor dismissed."
        );
        assert_eq!(analysis[0].field, "monitoring");
        assert!(analysis[0].from_hint);
        assert!(readiness
            .missing
            .iter()
            .filter(|gap| gap.field == "reviewChecklist")
            .all(|gap| !gap.from_hint));
    }

    #[test]
    fn a_leak_in_the_external_message_is_a_gap_and_counted_once() {
        let mut report = ready_report();
        report.external.what_happened = "Ben Okafor restarted the cache.".into();
        let readiness = readiness(&report);
        let external: Vec<&Gap> = readiness
            .missing
            .iter()
            .filter(|gap| gap.step == Step::External)
            .collect();
        assert_eq!(external.len(), 1, "{external:?}");
        assert!(external[0].message.starts_with("Must not reach customers"));
        assert_eq!(external[0].field, "external.whatHappened");
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "a test fails loudly at its first surprise"
)]
mod library_tests {
    use super::*;
    use crate::testing::{at, full_report};

    #[test]
    fn each_report_asked_for_gets_its_score_in_order() {
        let store = Store::open_in_memory().unwrap();
        let blank = store.create("Blank", "UTC", at(9, 0)).unwrap();
        let full = store.insert(&full_report(), at(10, 0)).unwrap();
        let other = store.create("Not asked for", "UTC", at(9, 0)).unwrap();
        let gone = store.create("Deleted", "UTC", at(9, 0)).unwrap();
        store.delete(gone.id).unwrap();
        let scores = scores(&store, &[full.id, gone.id, blank.id]).unwrap();
        assert_eq!(
            scores.iter().map(|s| s.id).collect::<Vec<_>>(),
            [full.id, blank.id],
            "in the order asked, without the deleted one"
        );
        assert!(scores.iter().all(|s| s.id != other.id));
        let of = |id| scores.iter().find(|s| s.id == id).unwrap().score;
        assert!(of(blank.id) < of(full.id));
        assert_eq!(
            of(full.id),
            of_report(&full, &RuleSettings::default()).score
        );
    }

    fn score_of(store: &Store, id: PostmortemId) -> u8 {
        scores(store, &[id]).unwrap()[0].score
    }

    #[test]
    fn a_kept_score_counts_until_the_report_or_the_settings_change() {
        let store = Store::open_in_memory().unwrap();
        let report = store.insert(&full_report(), at(10, 0)).unwrap();
        let computed = of_report(&report, &RuleSettings::default()).score;
        assert_eq!(
            score_of(&store, report.id),
            computed,
            "computed the first time"
        );
        let basis = basis(&RuleSettings::default());
        assert_eq!(
            store.kept_scores(&[report.id], &basis).unwrap()[&report.id],
            computed
        );

        // A score kept for this revision and basis is what the library is given.
        let marker = ScoreOfRevision {
            id: report.id,
            revision: report.revision,
            score: computed.wrapping_add(1) % 101,
        };
        assert!(store.keep_scores(&basis, &[marker]).unwrap());
        assert_eq!(score_of(&store, report.id), marker.score);

        // A save makes a new revision: the kept score no longer counts.
        let mut edited = report.clone();
        edited.summary = String::new();
        let saved = store.save(&edited, at(11, 0)).unwrap();
        let after_save = of_report(&saved, &RuleSettings::default()).score;
        assert_eq!(score_of(&store, report.id), after_save);
        assert!(after_save < computed, "the emptied summary counts");

        // Other settings are another basis.
        assert!(store
            .keep_scores(
                &basis,
                &[ScoreOfRevision {
                    revision: saved.revision,
                    ..marker
                }]
            )
            .unwrap());
        let mut settings = RuleSettings::default();
        settings.rules.insert(
            "no-owner".into(),
            crate::hints::RuleSetting {
                enabled: Some(false),
                severity: None,
            },
        );
        assert_ne!(basis, super::basis(&settings));
        store.set_hint_settings(&settings).unwrap();
        assert_eq!(
            score_of(&store, report.id),
            of_report(&saved, &settings).score
        );
    }

    #[test]
    fn a_score_of_a_report_deleted_meanwhile_is_not_kept() {
        let store = Store::open_in_memory().unwrap();
        let kept = store.create("Kept", "UTC", at(9, 0)).unwrap();
        let gone = store.create("Deleted", "UTC", at(9, 0)).unwrap();
        store.delete(gone.id).unwrap();
        let basis = basis(&RuleSettings::default());
        let of = |report: &Postmortem| ScoreOfRevision {
            id: report.id,
            revision: report.revision,
            score: 40,
        };
        assert!(store.keep_scores(&basis, &[of(&gone), of(&kept)]).unwrap());
        let found = store.kept_scores(&[kept.id, gone.id], &basis).unwrap();
        assert_eq!(found.into_iter().collect::<Vec<_>>(), [(kept.id, 40)]);
    }

    #[test]
    fn the_first_page_is_scored_and_kept() {
        let store = Store::open_in_memory().unwrap();
        let ids: Vec<PostmortemId> = (0..3)
            .map(|n| {
                store
                    .create(&format!("Report {n}"), "UTC", at(9, n))
                    .unwrap()
                    .id
            })
            .collect();
        let basis = basis(&RuleSettings::default());
        assert!(store.kept_scores(&ids, &basis).unwrap().is_empty());
        keep_first_page(&store).unwrap();
        assert_eq!(store.kept_scores(&ids, &basis).unwrap().len(), 3);
    }
}
