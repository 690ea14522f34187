//! The UI's TypeScript types are generated from the Rust types and committed under
//! `ui/src/lib/bindings/`. This test fails when they are stale; run it with `UPDATE_BINDINGS=1`
//! (or `make bindings`) to write them anew.

use debrief_core::export_request::{Audience, ExportFormat};
use debrief_core::hints::{
    Category, Hint, HintSeverity, RuleSetting, RuleSettings, Section, SuggestionKind,
};
use debrief_core::history::{
    ActionCounts, ActionFilter, ActionItemList, ActionStatusChange, CategoryCount, DurationStats,
    MonthCount, RelatedIncident, RelatedReason, ServiceCount, TrackedActionItem, Trends,
    TrendsQuery,
};
use debrief_core::import::FileImport;
use debrief_core::readiness::{Gap, Readiness, ReportScore};
use debrief_core::store::{
    BackupFile, BackupKind, CheckReport, LibraryFacets, LibraryFile, LibraryPage, LibraryQuery,
    LibraryRow, RestoreOutcome,
};
use debrief_core::walkthrough::{QuestionText, ReportCheck, Step, StepHint, WalkthroughReference};
use debrief_core::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use ts_rs::{Config, TS};

fn bindings_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings")
}

/// Every type the UI sees, by file name.
fn generated() -> BTreeMap<String, String> {
    // JSON numbers are what serde writes for i64; the UI never needs more than 2^53.
    let config = Config::new().with_large_int("number");
    let mut files = BTreeMap::new();
    macro_rules! add {
        ($($ty:ty),+ $(,)?) => {$(
            let name = <$ty as TS>::output_path().expect("exportable").display().to_string();
            let text = <$ty as TS>::export_to_string(&config).expect("exportable");
            for dependency in <$ty as TS>::dependencies(&config) {
                files.entry(format!("needs:{}", dependency.output_path.display())).or_insert_with(String::new);
            }
            files.insert(name, text);
        )+};
    }
    add!(
        Postmortem,
        PostmortemSummary,
        LibraryQuery,
        LibraryPage,
        LibraryRow,
        LibraryFacets,
        FileImport,
        IncidentTimes,
        Participant,
        Owner,
        ReviewMeeting,
        TimelineEntry,
        ContributingFactor,
        HelpfulQuestions,
        ActionItem,
        ExternalMessage,
        GlossaryEntry,
        ChecklistItem,
        HintDismissal,
        Status,
        Severity,
        ImpactScope,
        OwnerCriterion,
        Role,
        TimelineKind,
        FactorCategory,
        Priority,
        ActionKind,
        ActionStatus,
        PostmortemId,
        ParticipantId,
        TimelineEntryId,
        ContributingFactorId,
        ActionItemId,
        GlossaryEntryId,
        ErrorCode,
        IpcError,
        CheckReport,
        Hint,
        HintSeverity,
        SuggestionKind,
        Category,
        Section,
        RuleSettings,
        RuleSetting,
        Step,
        StepHint,
        ReportCheck,
        Readiness,
        Gap,
        ReportScore,
        WalkthroughReference,
        QuestionText,
        Audience,
        ExportFormat,
        RelatedIncident,
        RelatedReason,
        ActionFilter,
        ActionItemList,
        TrackedActionItem,
        ActionStatusChange,
        TrendsQuery,
        Trends,
        MonthCount,
        ServiceCount,
        CategoryCount,
        DurationStats,
        ActionCounts,
        BackupFile,
        BackupKind,
        LibraryFile,
        RestoreOutcome,
    );
    let needed: Vec<String> = files
        .keys()
        .filter_map(|key| key.strip_prefix("needs:").map(str::to_string))
        .collect();
    for file in &needed {
        assert!(
            files.contains_key(file),
            "{file} is used by an exported type: add its type to the list in this test"
        );
        files.remove(&format!("needs:{file}"));
    }
    files
}

#[test]
fn typescript_bindings_are_up_to_date() {
    let dir = bindings_dir();
    let expected = generated();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(&dir).expect("create the bindings directory");
        for entry in std::fs::read_dir(&dir)
            .expect("read the bindings directory")
            .flatten()
        {
            if entry.path().extension().is_some_and(|e| e == "ts") {
                std::fs::remove_file(entry.path()).expect("remove an old binding");
            }
        }
        for (name, text) in &expected {
            std::fs::write(dir.join(name), text).expect("write a binding");
        }
        return;
    }
    let mut stale = Vec::new();
    for (name, text) in &expected {
        match std::fs::read_to_string(dir.join(name)) {
            Ok(committed) if &committed == text => {}
            Ok(_) => stale.push(format!("{name} differs")),
            Err(_) => stale.push(format!("{name} is missing")),
        }
    }
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.ends_with(".ts") && !expected.contains_key(&name) {
                stale.push(format!("{name} has no Rust type any more"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "the TypeScript bindings are stale ({}); run `make bindings` and commit the result",
        stale.join(", ")
    );
}
