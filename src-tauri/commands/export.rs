//! Commands of the export: the preview of the external message, the formats on offer, and the
//! export itself (Markdown, or PDF through `debrief-pdf`), written to the file the person chose in
//! the native save dialog.
//!
//! The file appears whole or not at all: the text goes to a temporary file in the same folder,
//! which is synced and then renamed over the target.

use super::{CommandResult, Library};
use debrief_core::export::markdown;
use debrief_core::export_request::{self, Audience, ExportFormat};
use debrief_core::files::{self, Existing};
use debrief_core::store::Store;
use debrief_core::{Error, Postmortem, PostmortemId};
use serde::Deserialize;
use std::path::PathBuf;
use tauri::State;

/// Set by the end-to-end tests to the file an export writes, because WebDriver cannot drive the
/// native save dialog. Honoured only when `TAURI_WEBVIEW_AUTOMATION` is `true`, which is how the
/// tests start the app under WebKitWebDriver; a normal start ignores it.
pub const AUTOMATION_EXPORT_PATH_ENV: &str = "DEBRIEF_AUTOMATION_EXPORT_PATH";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewExternalRequest {
    pub report: Postmortem,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportReportRequest {
    /// The stored report; the editor saves its edits before it exports.
    pub id: String,
    pub audience: Audience,
    pub format: ExportFormat,
    /// The file chosen in the save dialog.
    pub path: PathBuf,
}

/// The external message exactly as the Markdown export writes it.
pub fn preview_external(request: PreviewExternalRequest) -> String {
    markdown::external(&request.report)
}

/// The formats this build can write.
pub fn formats() -> Vec<ExportFormat> {
    vec![ExportFormat::Markdown, ExportFormat::Pdf]
}

/// Exports the stored report to `request.path` and returns that path. An external export is
/// refused while it would leak (the message lists what), and nothing is written then.
pub fn export(store: &Store, request: ExportReportRequest) -> CommandResult<String> {
    let id: PostmortemId = request.id.parse()?;
    let report = store.get(id)?;
    let settings = store.hint_settings()?;
    let bytes = match request.format {
        ExportFormat::Markdown => {
            export_request::markdown(&report, request.audience, &settings)?.into_bytes()
        }
        ExportFormat::Pdf => {
            export_request::check_gate(&report, request.audience, &settings)?;
            debrief_pdf::render(&report, request.audience)
                .map_err(|error| Error::Internal(error.to_string()))?
        }
    };
    // The save dialog has already asked whether to replace an existing file.
    files::write_file(&request.path, &bytes, Existing::Replace)?;
    Ok(request.path.display().to_string())
}

/// The export target the end-to-end tests set, if the app runs under WebDriver.
pub fn automation_path(
    automation: Option<&str>,
    path: Option<std::ffi::OsString>,
) -> Option<String> {
    if automation != Some("true") {
        return None;
    }
    path.filter(|p| !p.is_empty())
        .map(|p| PathBuf::from(p).display().to_string())
}

#[tauri::command]
pub async fn preview_external_message(request: PreviewExternalRequest) -> CommandResult<String> {
    Ok(preview_external(request))
}

#[tauri::command]
pub async fn list_export_formats() -> CommandResult<Vec<ExportFormat>> {
    Ok(formats())
}

#[tauri::command]
pub async fn export_report(
    library: State<'_, Library>,
    request: ExportReportRequest,
) -> CommandResult<String> {
    export(&*library.store()?, request)
}

#[tauri::command]
pub async fn automation_export_path() -> CommandResult<Option<String>> {
    Ok(automation_path(
        std::env::var("TAURI_WEBVIEW_AUTOMATION").ok().as_deref(),
        std::env::var_os(AUTOMATION_EXPORT_PATH_ENV),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use debrief_core::ErrorCode;
    use std::path::Path;

    fn stored(store: &Store, external_summary: &str) -> Postmortem {
        let now = Utc.with_ymd_and_hms(2026, 3, 12, 9, 0, 0).unwrap();
        let mut report = store.create("Queue backlog", "UTC", now).unwrap();
        report.external.summary = external_summary.into();
        report.participants.push(debrief_core::Participant {
            id: debrief_core::ParticipantId::new(now),
            name: "Ana Lima".into(),
            role: debrief_core::Role::IncidentCommander,
        });
        store.save(&report, now).unwrap()
    }

    fn request(report: &Postmortem, audience: Audience, path: &Path) -> ExportReportRequest {
        ExportReportRequest {
            id: report.id.to_string(),
            audience,
            format: ExportFormat::Markdown,
            path: path.to_path_buf(),
        }
    }

    #[test]
    fn an_external_export_writes_the_message_and_nothing_else() {
        let store = Store::open_in_memory().unwrap();
        let report = stored(&store, "Orders were delayed for an hour.");
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("message.md");
        let written = export(&store, request(&report, Audience::External, &path)).unwrap();
        assert_eq!(written, path.display().to_string());
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, markdown::external(&report));
        assert!(!text.contains("Ana Lima"));
        let names: Vec<_> = std::fs::read_dir(folder.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["message.md"], "no temporary file is left");
    }

    #[test]
    fn a_leaking_message_is_refused_and_nothing_is_written() {
        let store = Store::open_in_memory().unwrap();
        let report = stored(&store, "Ana Lima restored the service.");
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("message.md");
        std::fs::write(&path, "an older export").unwrap();
        let error = export(&store, request(&report, Audience::External, &path)).unwrap_err();
        assert_eq!(error.code, ErrorCode::Invalid);
        assert!(error.message.contains("Ana Lima"), "{}", error.message);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "an older export");

        // The internal report is for the team and is never gated.
        export(&store, request(&report, Audience::Internal, &path)).unwrap();
        assert!(std::fs::read_to_string(&path).unwrap().contains("Ana Lima"));
    }

    #[test]
    fn a_pdf_is_written_for_either_audience_and_gated_like_markdown() {
        let store = Store::open_in_memory().unwrap();
        let report = stored(&store, "Orders were delayed for an hour.");
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("message.pdf");
        for audience in [Audience::Internal, Audience::External] {
            let request = ExportReportRequest {
                format: ExportFormat::Pdf,
                ..request(&report, audience, &path)
            };
            export(&store, request).unwrap();
            assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF-"));
        }

        let leaking = stored(&store, "Ana Lima restored the service.");
        let refused = folder.path().join("refused.pdf");
        let request = ExportReportRequest {
            format: ExportFormat::Pdf,
            ..request(&leaking, Audience::External, &refused)
        };
        assert_eq!(
            export(&store, request).unwrap_err().code,
            ErrorCode::Invalid
        );
        assert!(!refused.exists());
    }

    #[test]
    fn a_missing_folder_is_refused() {
        let store = Store::open_in_memory().unwrap();
        let report = stored(&store, "");
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("nowhere").join("report.md");
        let error = export(&store, request(&report, Audience::Internal, &path)).unwrap_err();
        assert_eq!(error.code, ErrorCode::Invalid);
        assert!(!folder.path().join("nowhere").exists());
    }

    #[test]
    fn the_automation_path_is_honoured_only_under_webdriver() {
        let path = || Some(std::ffi::OsString::from("/tmp/out.md"));
        assert_eq!(
            automation_path(Some("true"), path()),
            Some("/tmp/out.md".to_string())
        );
        assert_eq!(automation_path(None, path()), None);
        assert_eq!(automation_path(Some("1"), path()), None);
        assert_eq!(automation_path(Some("true"), None), None);
    }

    #[test]
    fn the_preview_is_the_external_export() {
        let store = Store::open_in_memory().unwrap();
        let report = stored(&store, "Orders were delayed for an hour.");
        let preview = preview_external(PreviewExternalRequest {
            report: report.clone(),
        });
        assert_eq!(preview, markdown::external(&report));
    }
}
