//! Commands of the walkthrough's checks: the hints and readiness of the report being edited, the
//! readiness of every report of the library, and the reference texts the walkthrough shows.

use super::{CommandResult, Library};
use debrief_core::readiness::{self, ReportScore};
use debrief_core::store::Store;
use debrief_core::walkthrough::{self, ReportCheck, WalkthroughReference};
use debrief_core::{Postmortem, PostmortemId};
use serde::Deserialize;
use tauri::State;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckReportRequest {
    /// The report as it reads in the editor, saved or not.
    pub report: Postmortem,
}

/// Every hint of the report, each on its step, its readiness, and what blocks its external export,
/// under the hint settings of the library.
pub fn check(store: &Store, request: CheckReportRequest) -> CommandResult<ReportCheck> {
    let settings = store.hint_settings()?;
    Ok(walkthrough::check_report(&request.report, &settings))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadinessRequest {
    /// The reports the library shows.
    pub ids: Vec<String>,
}

/// The readiness of the reports the library shows (not of the whole library: it can hold
/// thousands).
pub fn scores(store: &Store, request: ReadinessRequest) -> CommandResult<Vec<ReportScore>> {
    let ids = request
        .ids
        .iter()
        .map(|id| id.parse())
        .collect::<Result<Vec<PostmortemId>, _>>()?;
    Ok(readiness::scores(store, &ids)?)
}

#[tauri::command]
pub async fn check_report(
    library: State<'_, Library>,
    request: CheckReportRequest,
) -> CommandResult<ReportCheck> {
    check(&*library.store()?, request)
}

#[tauri::command]
pub async fn list_readiness(
    library: State<'_, Library>,
    request: ReadinessRequest,
) -> CommandResult<Vec<ReportScore>> {
    scores(&*library.store()?, request)
}

/// Needs no database: it answers even when the library could not be opened.
#[tauri::command]
pub async fn get_walkthrough_reference() -> CommandResult<WalkthroughReference> {
    Ok(walkthrough::reference())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use debrief_core::hints::{RuleSetting, RuleSettings};
    use debrief_core::walkthrough::Step;

    fn report(store: &Store) -> Postmortem {
        let now = Utc.with_ymd_and_hms(2026, 3, 12, 9, 0, 0).unwrap();
        store.create("Queue backlog", "UTC", now).unwrap()
    }

    #[test]
    fn an_unsaved_edit_is_checked_as_it_reads() {
        let store = Store::open_in_memory().unwrap();
        let mut edited = report(&store);
        edited.monitoring = "The root cause was human error.".into();
        let check = check(&store, CheckReportRequest { report: edited }).unwrap();
        let rules: Vec<&str> = check
            .hints
            .iter()
            .filter(|h| h.step == Step::Analysis)
            .map(|h| h.hint.rule)
            .collect();
        assert_eq!(rules, ["root-cause", "human-error"]);
        assert!(check.readiness.score < 50);
    }

    #[test]
    fn the_library_settings_apply() {
        let store = Store::open_in_memory().unwrap();
        let mut settings = RuleSettings::default();
        settings.rules.insert(
            "root-cause".into(),
            RuleSetting {
                enabled: Some(false),
                severity: None,
            },
        );
        store.set_hint_settings(&settings).unwrap();
        let mut edited = report(&store);
        edited.monitoring = "The root cause was human error.".into();
        let check = check(&store, CheckReportRequest { report: edited }).unwrap();
        assert!(check.hints.iter().all(|h| h.hint.rule != "root-cause"));
    }

    #[test]
    fn each_report_shown_has_a_score() {
        let store = Store::open_in_memory().unwrap();
        let stored = report(&store);
        report(&store);
        let request = ReadinessRequest {
            ids: vec![stored.id.to_string()],
        };
        let scores = scores(&store, request).unwrap();
        assert_eq!(scores.len(), 1);
        assert_eq!(scores[0].id, stored.id);
    }
}
