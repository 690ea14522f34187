//! Commands for looking back over the library: related incidents of a report, the action-item
//! tracker with its status changes, and trends.

use super::{CommandResult, Library};
use chrono::{DateTime, NaiveDate, Utc};
use debrief_core::history::{
    related, ActionFilter, ActionItemList, ActionStatusChange, RelatedIncident, Trends, TrendsQuery,
};
use debrief_core::store::Store;
use debrief_core::{Postmortem, PostmortemId};
use serde::Deserialize;
use tauri::State;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRelatedIncidentsRequest {
    pub report_id: String,
    /// How many to return at most; 5 when absent.
    #[serde(default)]
    pub limit: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListActionItemsRequest {
    #[serde(default)]
    pub filter: ActionFilter,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetActionStatusRequest {
    pub change: ActionStatusChange,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetTrendsRequest {
    #[serde(default)]
    pub query: TrendsQuery,
}

/// The past reports most like this one, best first, each with why it was picked.
pub fn related(
    store: &Store,
    request: ListRelatedIncidentsRequest,
) -> CommandResult<Vec<RelatedIncident>> {
    let id: PostmortemId = request.report_id.parse()?;
    let limit = request
        .limit
        .map_or(related::DEFAULT_LIMIT, |limit| limit as usize);
    Ok(store.related_incidents(id, limit)?)
}

/// The action items of the library, open and overdue first; overdue is judged against `today`.
pub fn action_items(
    store: &Store,
    request: ListActionItemsRequest,
    today: NaiveDate,
) -> CommandResult<ActionItemList> {
    Ok(store.action_items(&request.filter, today)?)
}

/// Marks an item done, won't do (with a reason) or open again; a stale revision is a `conflict`.
pub fn set_status(
    store: &Store,
    request: SetActionStatusRequest,
    now: DateTime<Utc>,
) -> CommandResult<Postmortem> {
    Ok(store.set_action_status(&request.change, now)?)
}

pub fn trends(store: &Store, request: GetTrendsRequest, today: NaiveDate) -> CommandResult<Trends> {
    Ok(store.trends(&request.query, today)?)
}

/// Today where the person is: the day they would call today.
fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

#[tauri::command]
#[allow(
    clippy::needless_borrow,
    reason = "the library's store may come as a lock guard; a borrow suits a guard and a reference alike"
)]
pub async fn list_related_incidents(
    library: State<'_, Library>,
    request: ListRelatedIncidentsRequest,
) -> CommandResult<Vec<RelatedIncident>> {
    let store = library.store()?;
    related(&store, request)
}

#[tauri::command]
#[allow(
    clippy::needless_borrow,
    reason = "the library's store may come as a lock guard; a borrow suits a guard and a reference alike"
)]
pub async fn list_action_items(
    library: State<'_, Library>,
    request: ListActionItemsRequest,
) -> CommandResult<ActionItemList> {
    let store = library.store()?;
    action_items(&store, request, today())
}

#[tauri::command]
#[allow(
    clippy::needless_borrow,
    reason = "the library's store may come as a lock guard; a borrow suits a guard and a reference alike"
)]
pub async fn set_action_status(
    library: State<'_, Library>,
    request: SetActionStatusRequest,
) -> CommandResult<Postmortem> {
    let store = library.store()?;
    set_status(&store, request, Utc::now())
}

#[tauri::command]
#[allow(
    clippy::needless_borrow,
    reason = "the library's store may come as a lock guard; a borrow suits a guard and a reference alike"
)]
pub async fn get_trends(
    library: State<'_, Library>,
    request: GetTrendsRequest,
) -> CommandResult<Trends> {
    let store = library.store()?;
    trends(&store, request, today())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use debrief_core::{ActionItem, ActionItemId, ActionKind, ActionStatus, ErrorCode};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 12, 9, 0, 0).unwrap()
    }

    /// Two reports on the checkout service; the first has one committed item due on 1 March.
    fn library() -> (Store, Postmortem, Postmortem) {
        let store = Store::open_in_memory().unwrap();
        let mut first = Postmortem::new("Checkout timeouts", "UTC", now());
        first.incident.started = Some(now() - chrono::Duration::days(30));
        first.services = vec!["checkout".into()];
        first.action_items = vec![ActionItem {
            id: ActionItemId::new(now()),
            description: "Add an alert on pool wait time".into(),
            owner: "Service owner".into(),
            due: NaiveDate::from_ymd_opt(2026, 3, 1),
            priority: None,
            kind: ActionKind::Detect,
            status: ActionStatus::Committed,
            status_reason: String::new(),
            tracking: String::new(),
            done_when: String::new(),
        }];
        let first = store.insert(&first, now()).unwrap();
        let mut second = Postmortem::new("Checkout errors", "UTC", now());
        second.incident.started = Some(now());
        second.services = vec!["checkout".into()];
        let second = store.insert(&second, now()).unwrap();
        (store, first, second)
    }

    #[test]
    fn related_incidents_come_with_their_reasons() {
        let (store, first, second) = library();
        let request = ListRelatedIncidentsRequest {
            report_id: second.id.to_string(),
            limit: None,
        };
        let found = related(&store, request).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].report.id, first.id);
        assert!(found[0].explanation.starts_with("shares service checkout"));
        let bad = ListRelatedIncidentsRequest {
            report_id: "not an id".into(),
            limit: Some(3),
        };
        assert_eq!(related(&store, bad).unwrap_err().code, ErrorCode::Invalid);
    }

    #[test]
    fn the_tracker_lists_and_marks_items() {
        let (store, first, _) = library();
        let today = NaiveDate::from_ymd_opt(2026, 3, 12).unwrap();
        let request: ListActionItemsRequest = serde_json::from_str("{}").unwrap();
        let list = action_items(&store, request, today).unwrap();
        assert_eq!(list.items.len(), 1);
        assert_eq!(list.items[0].days_overdue, Some(11));

        let change = ActionStatusChange {
            report_id: first.id,
            revision: first.revision,
            item_id: first.action_items[0].id,
            status: ActionStatus::WontDo,
            reason: "The pool is replaced next month".into(),
        };
        let saved = set_status(
            &store,
            SetActionStatusRequest {
                change: change.clone(),
            },
            now(),
        )
        .unwrap();
        assert_eq!(saved.revision, first.revision + 1);
        let stale = set_status(&store, SetActionStatusRequest { change }, now()).unwrap_err();
        assert_eq!(stale.code, ErrorCode::Conflict);
        let request: ListActionItemsRequest =
            serde_json::from_str(r#"{"filter": {"overdueOnly": true}}"#).unwrap();
        assert!(action_items(&store, request, today)
            .unwrap()
            .items
            .is_empty());
    }

    #[test]
    fn trends_cover_the_library() {
        let (store, _, _) = library();
        let request: GetTrendsRequest =
            serde_json::from_str(r#"{"query": {"from": "2026-03-01"}}"#).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 3, 12).unwrap();
        let trends = trends(&store, request, today).unwrap();
        assert_eq!(trends.reports, 1, "only the incident of March");
        assert_eq!(trends.services[0].name, "checkout");
    }
}
