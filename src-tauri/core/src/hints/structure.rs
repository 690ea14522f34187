//! Checks over a whole report (category `structure`): the gaps that the seed's biases warn about.

use super::{Category, Hint, Linter};
use crate::model::{ActionStatus, Postmortem, TimelineKind};

/// One finding of a structure check: the field it concerns and, for rows, which row.
struct Finding {
    field: String,
    detail: Option<String>,
}

fn findings(check: &str, report: &Postmortem) -> Vec<Finding> {
    let at = |field: &str| Finding {
        field: field.to_string(),
        detail: None,
    };
    match check {
        "timeline-before-start" => {
            let Some(first) = report.timeline.iter().min_by_key(|e| e.at) else {
                return Vec::new();
            };
            match report.incident.started {
                Some(started) if first.at >= started => vec![at("timeline")],
                None if first.kind == TimelineKind::Detection => vec![at("timeline")],
                _ => Vec::new(),
            }
        }
        "timeline-order" => report
            .timeline
            .windows(2)
            .filter(|pair| pair[1].at < pair[0].at)
            .map(|pair| Finding {
                field: format!("timeline.{}", pair[1].id),
                detail: Some(pair[1].description.clone()),
            })
            .collect(),
        "single-factor" => {
            if report.contributing_factors.len() == 1
                && report.single_factor_reason.trim().is_empty()
            {
                vec![at("contributingFactors")]
            } else {
                Vec::new()
            }
        }
        "no-factors" => {
            if report.contributing_factors.is_empty() && !report.timeline.is_empty() {
                vec![at("contributingFactors")]
            } else {
                Vec::new()
            }
        }
        "committed-action-incomplete" => report
            .action_items
            .iter()
            .filter(|item| {
                item.status == ActionStatus::Committed
                    && (item.owner.trim().is_empty() || item.due.is_none())
            })
            .map(|item| Finding {
                field: format!("actionItems.{}", item.id),
                detail: Some(item.description.clone()),
            })
            .collect(),
        "wont-do-without-reason" => report
            .action_items
            .iter()
            .filter(|item| {
                item.status == ActionStatus::WontDo && item.status_reason.trim().is_empty()
            })
            .map(|item| Finding {
                field: format!("actionItems.{}", item.id),
                detail: Some(item.description.clone()),
            })
            .collect(),
        "went-well-empty" => {
            if report.went_well.trim().is_empty() {
                vec![at("wentWell")]
            } else {
                Vec::new()
            }
        }
        "no-devils-advocate" => {
            if report.review.devils_advocate.is_none() {
                vec![at("review")]
            } else {
                Vec::new()
            }
        }
        "no-owner" => {
            if report.owner.is_none() {
                vec![at("owner")]
            } else {
                Vec::new()
            }
        }
        "external-incomplete" => {
            let parts = [
                ("external.summary", &report.external.summary),
                ("external.whatHappened", &report.external.what_happened),
                (
                    "external.whatWeAreDoing",
                    &report.external.what_we_are_doing,
                ),
            ];
            parts
                .iter()
                .filter(|(_, text)| text.trim().is_empty())
                .map(|(field, _)| at(field))
                .collect()
        }
        _ => Vec::new(),
    }
}

/// The structure hints of a report, for the structure rules the linter has enabled.
pub fn check(report: &Postmortem, linter: &Linter) -> Vec<Hint> {
    let mut hints = Vec::new();
    for rule in super::rule_book().rules() {
        if rule.category != Category::Structure {
            continue;
        }
        let (Some(check), Some(severity)) = (&rule.check, linter.structure_enabled(&rule.id))
        else {
            continue;
        };
        for finding in findings(check, report) {
            let message = match &finding.detail {
                Some(detail) if !detail.trim().is_empty() => {
                    let short: String = detail.chars().take(60).collect();
                    rule.message.replace("{match}", short.trim())
                }
                _ => rule
                    .message
                    .replace("“{match}”", "this item")
                    .replace("{match}", "this item"),
            };
            hints.push(Hint {
                rule: &rule.id,
                category: Category::Structure,
                severity,
                // The check itself is the context: a dismissal holds until the finding goes away.
                context: format!("{}:{}", rule.id, finding.field),
                field: finding.field,
                start: 0,
                end: 0,
                start_utf16: 0,
                end_utf16: 0,
                matched: String::new(),
                message,
                explanation: &rule.explanation,
                suggestion: rule.suggestion.clone(),
                suggestion_kind: rule.suggestion.as_ref().and(rule.suggestion_kind),
                dismissed: None,
            });
        }
    }
    hints
}
