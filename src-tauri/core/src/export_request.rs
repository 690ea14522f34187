//! An export as the app asks for it: who it is for, in which format, and the Markdown text,
//! refused while the external message would leak (DESIGN.md §5).

use crate::export::{gate, markdown};
use crate::hints::RuleSettings;
use crate::model::Postmortem;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who an export is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Audience {
    /// The team: the whole report.
    Internal,
    /// Customers: the title, when it happened, and the external message.
    External,
}

/// The file format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ExportFormat {
    Markdown,
    Pdf,
}

impl ExportFormat {
    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "md",
            ExportFormat::Pdf => "pdf",
        }
    }
}

/// Checks the external gate: an external export of a report that would show customers what must
/// stay inside is refused, with each detail and where it is. The internal export always passes.
pub fn check_gate(report: &Postmortem, audience: Audience, settings: &RuleSettings) -> Result<()> {
    if audience == Audience::Internal {
        return Ok(());
    }
    let blockers = gate::external_blockers(report, settings);
    if blockers.is_empty() {
        return Ok(());
    }
    let details: Vec<String> = blockers
        .iter()
        .map(|hint| format!("{} ({})", hint.message, hint.field))
        .collect();
    Err(Error::Invalid(format!(
        "the external message is not ready for customers, so nothing was written: {}. Reword \
         each one, or dismiss its hint with a reason if it is fine to share, then export again",
        details.join("; ")
    )))
}

/// The report as Markdown for `audience`, after the gate.
pub fn markdown(
    report: &Postmortem,
    audience: Audience,
    settings: &RuleSettings,
) -> Result<String> {
    check_gate(report, audience, settings)?;
    Ok(match audience {
        Audience::Internal => markdown::internal(report),
        Audience::External => markdown::external(report),
    })
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "a test fails loudly at its first surprise"
)]
mod tests {
    use super::*;
    use crate::testing::full_report;
    use crate::ErrorCode;

    #[test]
    fn each_audience_gets_its_own_text() {
        let report = full_report();
        let settings = RuleSettings::default();
        let internal = markdown(&report, Audience::Internal, &settings).unwrap();
        let external = markdown(&report, Audience::External, &settings).unwrap();
        assert_eq!(internal, markdown::internal(&report));
        assert_eq!(external, markdown::external(&report));
        assert!(internal.contains("Ana Lima"));
        assert!(!external.contains("Ana Lima"));
    }

    #[test]
    fn a_leak_refuses_the_external_export_only() {
        let mut report = full_report();
        report.external.what_happened = "Ben Okafor restarted db-prod-03.eu.internal.".into();
        let settings = RuleSettings::default();
        let error = markdown(&report, Audience::External, &settings).unwrap_err();
        assert_eq!(error.code(), ErrorCode::Invalid);
        let message = error.to_string();
        assert!(message.contains("Ben Okafor"), "{message}");
        assert!(message.contains("db-prod-03.eu.internal"), "{message}");
        assert!(message.contains("external.whatHappened"), "{message}");
        assert!(markdown(&report, Audience::Internal, &settings).is_ok());
    }

    #[test]
    fn formats_and_audiences_cross_ipc_in_camel_case() {
        assert_eq!(
            serde_json::to_value(ExportFormat::Markdown).unwrap(),
            "markdown"
        );
        assert_eq!(
            serde_json::to_value(Audience::External).unwrap(),
            "external"
        );
        assert_eq!(ExportFormat::Pdf.extension(), "pdf");
    }
}
