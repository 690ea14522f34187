//! The action-item tracker: every action item of every report, open and overdue first.

use crate::ids::{ActionItemId, PostmortemId};
use crate::model::{ActionItem, ActionKind, ActionStatus, Status};
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which action items to show. Every part is optional; an empty filter shows them all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ActionFilter {
    /// Only the items of this owner (compared ignoring case and surrounding spaces).
    pub owner: Option<String>,
    pub status: Option<ActionStatus>,
    pub kind: Option<ActionKind>,
    /// Only open items whose due date is before `today`.
    pub overdue_only: bool,
    /// At most this many items (the count of all matching items is still given).
    pub limit: Option<u32>,
}

/// One action item with the report it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrackedActionItem {
    pub report_id: PostmortemId,
    pub report_title: String,
    pub report_status: Status,
    /// The report's revision: a status change must name it (see [`ActionStatusChange`]).
    pub report_revision: i64,
    pub item: ActionItem,
    /// Proposed or committed: still to be done.
    pub open: bool,
    /// For an open item due before today: how many days ago it was due.
    pub days_overdue: Option<i64>,
}

/// The tracker's answer: the items in order, how many matched, and every owner for the filter.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActionItemList {
    pub items: Vec<TrackedActionItem>,
    /// How many items match the filter (more than `items` holds when a limit cut the list).
    pub total: u32,
    /// How many of the matching items are open and overdue.
    pub overdue: u32,
    /// Every owner named by an action item in the library, sorted ignoring case, once each.
    pub owners: Vec<String>,
}

/// Marks one action item done or won't do (or open again), from the tracker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActionStatusChange {
    pub report_id: PostmortemId,
    /// The revision of the report the change was based on; a stale one is a conflict.
    pub revision: i64,
    pub item_id: ActionItemId,
    pub status: ActionStatus,
    /// Why the team decided not to do it: required for `wont_do`, ignored otherwise.
    pub reason: String,
}

impl ActionStatusChange {
    /// The reason to store with the new status: the trimmed reason for `wont_do` (which must not
    /// be empty), and nothing for the other statuses, whose old reason no longer applies.
    pub fn stored_reason(&self) -> Result<String> {
        match self.status {
            ActionStatus::WontDo => {
                let reason = self.reason.trim();
                if reason.is_empty() {
                    Err(Error::Invalid(
                        "say why the team decided not to do this action item: a won't-do needs \
                         a reason; nothing was changed"
                            .to_string(),
                    ))
                } else {
                    Ok(reason.to_string())
                }
            }
            ActionStatus::Proposed | ActionStatus::Committed | ActionStatus::Done => {
                Ok(String::new())
            }
        }
    }
}

/// Whether an item with this status is still to be done.
pub fn is_open(status: ActionStatus) -> bool {
    matches!(status, ActionStatus::Proposed | ActionStatus::Committed)
}

/// Days since an open item was due, when it was due before `today`.
pub fn days_overdue(status: ActionStatus, due: Option<NaiveDate>, today: NaiveDate) -> Option<i64> {
    match due {
        Some(due) if is_open(status) && due < today => Some((today - due).num_days()),
        _ => None,
    }
}

/// An owner as the filter compares it.
pub fn owner_key(owner: &str) -> String {
    owner.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn only_open_items_due_before_today_are_overdue() {
        let today = date("2026-11-20");
        assert_eq!(
            days_overdue(ActionStatus::Committed, Some(date("2026-11-17")), today),
            Some(3)
        );
        assert_eq!(
            days_overdue(ActionStatus::Proposed, Some(date("2026-11-19")), today),
            Some(1)
        );
        assert_eq!(
            days_overdue(ActionStatus::Committed, Some(today), today),
            None,
            "due today is not late yet"
        );
        assert_eq!(
            days_overdue(ActionStatus::Done, Some(date("2026-01-01")), today),
            None
        );
        assert_eq!(days_overdue(ActionStatus::Committed, None, today), None);
    }

    #[test]
    fn a_wont_do_needs_a_reason_and_other_statuses_drop_it() {
        let mut change = ActionStatusChange {
            report_id: PostmortemId::new(chrono::DateTime::UNIX_EPOCH),
            revision: 1,
            item_id: ActionItemId::new(chrono::DateTime::UNIX_EPOCH),
            status: ActionStatus::WontDo,
            reason: "   ".into(),
        };
        let error = change.stored_reason().unwrap_err();
        assert_eq!(error.code(), crate::ErrorCode::Invalid);
        change.reason = "  The service is retired in March. ".into();
        assert_eq!(
            change.stored_reason().unwrap(),
            "The service is retired in March."
        );
        change.status = ActionStatus::Done;
        assert_eq!(change.stored_reason().unwrap(), "");
    }
}
