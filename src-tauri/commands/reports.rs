//! Commands over the reports of the library: a page of the list or of a search, the filters'
//! choices, create, open, save, duplicate, delete and restore (the undo of a delete).

use super::{CommandResult, Library};
use chrono::{DateTime, Utc};
use debrief_core::store::{local_time_zone, LibraryFacets, LibraryPage, LibraryQuery, Store};
use debrief_core::{Postmortem, PostmortemId};
use serde::Deserialize;
use tauri::State;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateReportRequest {
    pub title: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetReportRequest {
    pub id: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SaveReportRequest {
    /// The edited report; its `revision` is the one it was loaded (or last saved) at.
    pub report: Postmortem,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LibraryPageRequest {
    pub query: LibraryQuery,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportIdRequest {
    pub id: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RestoreReportRequest {
    /// The report as it was when it was deleted.
    pub report: Postmortem,
}

/// One page of the library: its order or a search, with the filters.
pub fn page(store: &Store, request: LibraryPageRequest) -> debrief_core::Result<LibraryPage> {
    store.library_page(&request.query)
}

pub fn facets(store: &Store) -> debrief_core::Result<LibraryFacets> {
    store.library_facets()
}

/// A new draft in this computer's time zone.
pub fn create(
    store: &Store,
    request: CreateReportRequest,
    now: DateTime<Utc>,
) -> CommandResult<Postmortem> {
    Ok(store.create(&request.title, &local_time_zone(), now)?)
}

pub fn get(store: &Store, request: GetReportRequest) -> CommandResult<Postmortem> {
    let id: PostmortemId = request.id.parse()?;
    Ok(store.get(id)?)
}

/// Saves the report and returns it at its new revision; a stale revision is a `conflict`.
pub fn save(
    store: &Store,
    request: SaveReportRequest,
    now: DateTime<Utc>,
) -> CommandResult<Postmortem> {
    Ok(store.save(&request.report, now)?)
}

/// A copy of the report as a new draft.
pub fn duplicate(
    store: &Store,
    request: ReportIdRequest,
    now: DateTime<Utc>,
) -> CommandResult<Postmortem> {
    let id: PostmortemId = request.id.parse()?;
    Ok(store.duplicate(id, now)?)
}

pub fn delete(store: &Store, request: ReportIdRequest) -> CommandResult<()> {
    let id: PostmortemId = request.id.parse()?;
    Ok(store.delete(id)?)
}

/// Puts a deleted report back with its id, revision and content.
pub fn restore(store: &Store, request: RestoreReportRequest) -> CommandResult<Postmortem> {
    Ok(store.restore(&request.report)?)
}

// The wrappers are `async` so that Tauri runs them off the main thread: a save waits for the disk,
// and the window must not freeze meanwhile.

#[tauri::command]
pub async fn library_page(
    library: State<'_, Library>,
    request: LibraryPageRequest,
) -> CommandResult<LibraryPage> {
    library.read(|store| page(store, request))
}

#[tauri::command]
pub async fn library_facets(library: State<'_, Library>) -> CommandResult<LibraryFacets> {
    library.read(facets)
}

#[tauri::command]
pub async fn create_report(
    library: State<'_, Library>,
    request: CreateReportRequest,
) -> CommandResult<Postmortem> {
    create(&*library.store()?, request, Utc::now())
}

#[tauri::command]
pub async fn get_report(
    library: State<'_, Library>,
    request: GetReportRequest,
) -> CommandResult<Postmortem> {
    get(&*library.store()?, request)
}

#[tauri::command]
pub async fn save_report(
    library: State<'_, Library>,
    request: SaveReportRequest,
) -> CommandResult<Postmortem> {
    save(&*library.store()?, request, Utc::now())
}

#[tauri::command]
pub async fn duplicate_report(
    library: State<'_, Library>,
    request: ReportIdRequest,
) -> CommandResult<Postmortem> {
    duplicate(&*library.store()?, request, Utc::now())
}

#[tauri::command]
pub async fn delete_report(
    library: State<'_, Library>,
    request: ReportIdRequest,
) -> CommandResult<()> {
    delete(&*library.store()?, request)
}

#[tauri::command]
pub async fn restore_report(
    library: State<'_, Library>,
    request: RestoreReportRequest,
) -> CommandResult<Postmortem> {
    restore(&*library.store()?, request)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::IpcError;
    use chrono::TimeZone;
    use debrief_core::ErrorCode;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 12, 9, minute, 0).unwrap()
    }

    fn store() -> Store {
        Store::open_in_memory().unwrap()
    }

    /// The titles of the first page of the library, or of a search.
    fn titles(store: &Store, text: &str) -> Vec<String> {
        let request = LibraryPageRequest {
            query: LibraryQuery {
                text: text.to_string(),
                ..LibraryQuery::default()
            },
        };
        page(store, request)
            .unwrap()
            .rows
            .into_iter()
            .map(|row| row.report.title)
            .collect()
    }

    fn new_report(store: &Store, title: &str) -> Postmortem {
        let request = CreateReportRequest {
            title: title.to_string(),
        };
        create(store, request, at(0)).unwrap()
    }

    #[test]
    fn a_created_report_is_listed_and_can_be_opened() {
        let store = store();
        let created = new_report(&store, "Checkout latency");
        assert_eq!(created.revision, 1);

        let request = LibraryPageRequest {
            query: LibraryQuery::default(),
        };
        let listed = page(&store, request).unwrap();
        assert_eq!((listed.total, listed.library_size), (1, 1));
        assert_eq!(listed.rows[0].report.title, "Checkout latency");
        assert_eq!(listed.rows[0].report.id, created.id);
        assert_eq!(listed.rows[0].snippet, None);

        let request = GetReportRequest {
            id: created.id.to_string(),
        };
        assert_eq!(get(&store, request).unwrap(), created);
    }

    #[test]
    fn saving_returns_the_next_revision() {
        let store = store();
        let mut report = new_report(&store, "Untitled postmortem");
        report.title = "Queue backlog".to_string();
        report.summary = "Orders waited up to 40 minutes.".to_string();

        let saved = save(&store, SaveReportRequest { report }, at(5)).unwrap();
        assert_eq!(saved.revision, 2);
        assert_eq!(saved.updated_at, at(5));
        assert_eq!(titles(&store, ""), ["Queue backlog"]);
    }

    #[test]
    fn a_stale_save_is_a_conflict_and_overwrites_nothing() {
        let store = store();
        let loaded = new_report(&store, "First title");

        let mut here = loaded.clone();
        here.title = "Saved here".to_string();
        save(&store, SaveReportRequest { report: here }, at(1)).unwrap();

        let mut elsewhere = loaded;
        elsewhere.title = "Saved from an old copy".to_string();
        let error = save(&store, SaveReportRequest { report: elsewhere }, at(2)).unwrap_err();
        assert_eq!(error.code, ErrorCode::Conflict);
        assert!(!error.message.is_empty());
        assert_eq!(titles(&store, ""), ["Saved here"]);
    }

    #[test]
    fn opening_a_bad_or_unknown_id_says_which_it_is() {
        let store = store();
        let garbage = GetReportRequest {
            id: "not-an-id".to_string(),
        };
        assert_eq!(get(&store, garbage).unwrap_err().code, ErrorCode::Invalid);

        let unknown = GetReportRequest {
            id: PostmortemId::new(at(0)).to_string(),
        };
        assert_eq!(get(&store, unknown).unwrap_err().code, ErrorCode::NotFound);
    }

    #[test]
    fn search_finds_reports_by_their_words() {
        let store = store();
        new_report(&store, "Cache stampede after deploy");
        new_report(&store, "Certificate expiry");

        assert_eq!(titles(&store, "stamp"), ["Cache stampede after deploy"]);
        assert_eq!(titles(&store, "  ").len(), 2, "blank: the whole library");
        store
            .save(
                &Postmortem {
                    services: vec!["edge-proxy".into()],
                    tags: vec!["tls".into()],
                    ..new_report(&store, "Proxy restarts")
                },
                at(4),
            )
            .unwrap();
        let facets = facets(&store).unwrap();
        assert_eq!(facets.services, ["edge-proxy"]);
        assert_eq!(facets.tags, ["tls"]);
    }

    #[test]
    fn a_duplicate_is_listed_beside_its_original() {
        let store = store();
        let original = new_report(&store, "Disk full on the build cache");
        let request = ReportIdRequest {
            id: original.id.to_string(),
        };
        let copy = duplicate(&store, request, at(3)).unwrap();
        assert_ne!(copy.id, original.id);
        assert_eq!(copy.title, "Disk full on the build cache (copy)");
        assert_eq!(titles(&store, "").len(), 2);
    }

    #[test]
    fn a_deleted_report_comes_back_with_undo() {
        let store = store();
        let report = new_report(&store, "Queue backlog");
        let id = || ReportIdRequest {
            id: report.id.to_string(),
        };
        delete(&store, id()).unwrap();
        assert!(titles(&store, "").is_empty());
        assert_eq!(delete(&store, id()).unwrap_err().code, ErrorCode::NotFound);

        let request = RestoreReportRequest {
            report: report.clone(),
        };
        assert_eq!(restore(&store, request).unwrap(), report);
        assert_eq!(titles(&store, ""), ["Queue backlog"]);
        let again = RestoreReportRequest {
            report: report.clone(),
        };
        assert_eq!(restore(&store, again).unwrap_err().code, ErrorCode::Invalid);
    }

    #[test]
    fn requests_read_the_json_the_ui_sends() {
        let request: CreateReportRequest =
            serde_json::from_value(serde_json::json!({ "title": "Untitled postmortem" })).unwrap();
        assert_eq!(request.title, "Untitled postmortem");
        let request: LibraryPageRequest = serde_json::from_value(serde_json::json!({
            "query": { "text": "cache", "status": "in_review", "service": "api", "offset": 100, "limit": 100 }
        }))
        .unwrap();
        assert_eq!(request.query.status, Some(debrief_core::Status::InReview));
        assert_eq!(
            (
                request.query.offset,
                request.query.severity,
                request.query.tag
            ),
            (100, None, None)
        );

        let store = store();
        let report = new_report(&store, "Round trip");
        let json = serde_json::json!({ "report": serde_json::to_value(&report).unwrap() });
        let request: SaveReportRequest = serde_json::from_value(json).unwrap();
        assert_eq!(request.report, report);
    }

    #[test]
    fn errors_cross_ipc_as_code_and_message() {
        let error = IpcError::from(debrief_core::Error::NotFound("abc".to_string()));
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(json["code"], "not_found");
        assert_eq!(json["message"], error.message);
        assert_eq!(json.as_object().unwrap().len(), 2);
    }
}
