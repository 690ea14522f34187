//! The postmortem report: every field of a report and the rules that keep one consistent.
//!
//! Times are stored in UTC and shown in the report's IANA time zone. Free text is Markdown.

use crate::ids::*;
use crate::{Error, Result};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Declares a closed set of words with their wire names (also used in Markdown and SQL) and labels.
macro_rules! word_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $wire:literal / $label:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]

        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $wire)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable name used in JSON, Markdown and the database.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            /// A label for people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Reads a wire name or a label, ignoring case, spaces and dashes.
            pub fn parse(text: &str) -> Option<Self> {
                // The wire name as stored, without folding: what the database always holds.
                if let Some(exact) = Self::ALL.iter().copied().find(|v| v.as_str() == text) {
                    return Some(exact);
                }
                let wanted = crate::model::fold_word(text);
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| fold_word(v.as_str()) == wanted || fold_word(v.label()) == wanted)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) fn fold_word(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

word_enum!(
    /// Where the report is in its life.
    Status {
        Draft = "draft" / "Draft",
        InReview = "in_review" / "In review",
        Reviewed = "reviewed" / "Reviewed",
        Closed = "closed" / "Closed",
    }
);

word_enum!(
    /// How bad the incident was; SEV1 is the worst.
    Severity {
        Sev1 = "sev1" / "SEV1",
        Sev2 = "sev2" / "SEV2",
        Sev3 = "sev3" / "SEV3",
        Sev4 = "sev4" / "SEV4",
        Sev5 = "sev5" / "SEV5",
    }
);

word_enum!(
    /// How much of the service customers lost. Only `full` is an outage.
    ImpactScope {
        None = "none" / "No customer impact",
        Partial = "partial" / "Partial degradation",
        Full = "full" / "Full outage",
    }
);

word_enum!(
    /// Why the owner of the postmortem was chosen.
    OwnerCriterion {
        LedResponse = "led_response" / "Led the response",
        StabilisedService = "stabilised_service" / "Stabilised the service",
        PrimaryOnCall = "primary_on_call" / "Primary on-call of the most affected service",
        DeclaredIncident = "declared_incident" / "Declared the incident",
        Other = "other" / "Other",
    }
);

word_enum!(
    /// The part a participant played.
    Role {
        IncidentCommander = "incident_commander" / "Incident commander",
        IcShadow = "ic_shadow" / "Incident commander shadow",
        Scribe = "scribe" / "Scribe",
        Deputy = "deputy" / "Deputy",
        Liaison = "liaison" / "Liaison",
        ServiceOwner = "service_owner" / "Service owner",
        ProductManager = "product_manager" / "Product manager",
        EngineeringManager = "engineering_manager" / "Engineering manager",
        Responder = "responder" / "Responder",
        Other = "other" / "Other",
    }
);

word_enum!(
    /// What a timeline entry marks.
    TimelineKind {
        Trigger = "trigger" / "Trigger",
        Detection = "detection" / "Detection",
        Escalation = "escalation" / "Escalation",
        Mitigation = "mitigation" / "Mitigation",
        Resolution = "resolution" / "Resolution",
        Note = "note" / "Note",
    }
);

word_enum!(
    /// The broad kind of a contributing factor, used to see patterns across reports.
    FactorCategory {
        Technical = "technical" / "Technical",
        Process = "process" / "Process",
        Communication = "communication" / "Communication",
        Tooling = "tooling" / "Tooling",
        External = "external" / "External",
        Organisational = "organisational" / "Organisational",
        Other = "other" / "Other",
    }
);

word_enum!(
    /// How urgent an action item is.
    Priority {
        P1 = "p1" / "P1",
        P2 = "p2" / "P2",
        P3 = "p3" / "P3",
    }
);

word_enum!(
    /// What an action item does about the incident.
    ActionKind {
        Mitigate = "mitigate" / "Mitigate",
        Prevent = "prevent" / "Prevent",
        Detect = "detect" / "Detect",
        Process = "process" / "Process",
    }
);

word_enum!(
    /// Where an action item stands. Proposed items are ideas; committed items have an owner and a date.
    ActionStatus {
        Proposed = "proposed" / "Proposed",
        Committed = "committed" / "Committed",
        Done = "done" / "Done",
        WontDo = "wont_do" / "Won't do",
    }
);

/// One postmortem report. Sections missing from JSON (written by an older version) read as empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Postmortem {
    pub id: PostmortemId,
    /// Increases by one on every save; a save must name the revision it was based on.
    pub revision: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,

    pub title: String,
    pub status: Status,
    #[serde(default)]
    pub severity: Option<Severity>,
    #[serde(default)]
    pub services: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// The IANA time zone the report's times are shown in, such as `Europe/Berlin`.
    pub time_zone: String,
    #[serde(default)]
    pub incident: IncidentTimes,
    pub impact_scope: ImpactScope,

    #[serde(default)]
    pub participants: Vec<Participant>,
    #[serde(default)]
    pub owner: Option<Owner>,
    #[serde(default)]
    pub review: ReviewMeeting,

    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub customer_impact: String,
    #[serde(default)]
    pub timeline: Vec<TimelineEntry>,
    /// What the monitoring showed: deviations from the baseline such as spikes or flatlines.
    #[serde(default)]
    pub monitoring: String,
    #[serde(default)]
    pub contributing_factors: Vec<ContributingFactor>,
    /// Why one contributing factor tells the whole story, when only one is listed.
    #[serde(default)]
    pub single_factor_reason: String,
    #[serde(default)]
    pub questions: HelpfulQuestions,
    #[serde(default)]
    pub went_well: String,
    #[serde(default)]
    pub got_lucky: String,
    /// Anything else worth keeping: text that fits no other section, such as the parts of an
    /// imported document that could not be placed.
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub action_items: Vec<ActionItem>,
    #[serde(default)]
    pub external: ExternalMessage,
    /// Entries stored before glossary entries had ids get one from their position.
    #[serde(default, deserialize_with = "glossary_with_ids")]
    pub glossary: Vec<GlossaryEntry>,
    #[serde(default)]
    pub review_checklist: Vec<ChecklistItem>,
    #[serde(default)]
    pub dismissals: Vec<HintDismissal>,
}

/// The four moments of an incident, each optional while the report is being written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IncidentTimes {
    pub started: Option<DateTime<Utc>>,
    pub detected: Option<DateTime<Utc>>,
    pub mitigated: Option<DateTime<Utc>>,
    pub resolved: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Participant {
    pub id: ParticipantId,
    pub name: String,
    pub role: Role,
}

/// The single person accountable for driving the postmortem to completion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Owner {
    pub participant: ParticipantId,
    pub criterion: OwnerCriterion,
    /// Free text, mostly for the `other` criterion.
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewMeeting {
    pub at: Option<DateTime<Utc>>,
    pub facilitator: Option<ParticipantId>,
    /// Takes the opposing view on purpose, against confirmation bias.
    pub devils_advocate: Option<ParticipantId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntry {
    pub id: TimelineEntryId,
    pub at: DateTime<Utc>,
    pub description: String,
    pub evidence: String,
    pub kind: TimelineKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContributingFactor {
    pub id: ContributingFactorId,
    pub description: String,
    pub category: FactorCategory,
    /// Why the decisions involved made sense to the people at the time.
    pub why_it_made_sense: String,
}

/// Answers to the questions that widen the view beyond this one incident.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HelpfulQuestions {
    pub isolated_or_trend: String,
    pub bug_or_class: String,
    pub work_not_done: String,
    pub similar_incidents: String,
    pub grows_with_scale: String,
}

impl HelpfulQuestions {
    /// The questions in order, with the field each answer lives in.
    pub const QUESTIONS: [(&'static str, &'static str); 5] = [
        ("isolatedOrTrend", "Is this incident isolated, or part of a trend?"),
        ("bugOrClass", "Was it one specific bug, a kind of failure we had planned for, or a kind we had not foreseen?"),
        ("workNotDone", "Did work we decided not to do earlier play a part?"),
        ("similarIncidents", "Have similar incidents happened before?"),
        ("growsWithScale", "Will this kind of problem grow more likely as the service grows?"),
    ];

    pub fn answers(&self) -> [&String; 5] {
        [
            &self.isolated_or_trend,
            &self.bug_or_class,
            &self.work_not_done,
            &self.similar_incidents,
            &self.grows_with_scale,
        ]
    }

    pub fn answers_mut(&mut self) -> [&mut String; 5] {
        [
            &mut self.isolated_or_trend,
            &mut self.bug_or_class,
            &mut self.work_not_done,
            &mut self.similar_incidents,
            &mut self.grows_with_scale,
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActionItem {
    pub id: ActionItemId,
    pub description: String,
    /// A person or a role.
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub priority: Option<Priority>,
    pub kind: ActionKind,
    pub status: ActionStatus,
    /// Why the team decided not to do it (for `wont_do`).
    pub status_reason: String,
    pub tracking: String,
    /// How everyone will know the item is finished.
    pub done_when: String,
}

/// The customer-facing message, in three parts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExternalMessage {
    pub summary: String,
    pub what_happened: String,
    pub what_we_are_doing: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GlossaryEntry {
    pub id: GlossaryEntryId,
    pub term: String,
    pub definition: String,
}

/// A glossary entry as older versions wrote it: perhaps without an id.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredGlossaryEntry {
    #[serde(default)]
    id: Option<GlossaryEntryId>,
    term: String,
    definition: String,
}

fn glossary_with_ids<'de, D>(deserializer: D) -> std::result::Result<Vec<GlossaryEntry>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let stored = Vec::<StoredGlossaryEntry>::deserialize(deserializer)?;
    Ok(stored
        .into_iter()
        .enumerate()
        .map(|(position, entry)| GlossaryEntry {
            id: entry
                .id
                .unwrap_or_else(|| GlossaryEntryId::for_position(position)),
            term: entry.term,
            definition: entry.definition,
        })
        .collect())
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItem {
    pub question: String,
    pub checked: bool,
    pub note: String,
}

/// A hint the author chose to dismiss, kept with the reason so that reviewers can see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HintDismissal {
    pub rule: String,
    pub field: String,
    pub matched_text: String,
    pub reason: String,
}

/// One row of the library list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PostmortemSummary {
    pub id: PostmortemId,
    pub title: String,
    pub status: Status,
    pub severity: Option<Severity>,
    pub started: Option<DateTime<Utc>>,
    pub time_zone: String,
    pub owner: Option<String>,
    pub services: Vec<String>,
    pub tags: Vec<String>,
    pub updated_at: DateTime<Utc>,
    pub revision: i64,
}

/// The review questions every report starts with.
pub const DEFAULT_REVIEW_QUESTIONS: [&str; 6] = [
    "Does the report give enough detail to follow what happened?",
    "Does it go past what broke to the conditions that allowed it?",
    "Is what happened kept apart from how we will fix it?",
    "Do the action items make sense, and is each one scoped tightly enough?",
    "Is the report clearly written and easy to understand?",
    "Will the external message build trust with customers rather than upset them?",
];

impl Postmortem {
    /// A new, empty draft with the given title, made at `now`.
    pub fn new(title: &str, time_zone: &str, now: DateTime<Utc>) -> Self {
        Postmortem {
            id: PostmortemId::new(now),
            revision: 0,
            created_at: now,
            updated_at: now,
            title: title.trim().to_string(),
            status: Status::Draft,
            severity: None,
            services: Vec::new(),
            tags: Vec::new(),
            time_zone: time_zone.to_string(),
            incident: IncidentTimes::default(),
            impact_scope: ImpactScope::Partial,
            participants: Vec::new(),
            owner: None,
            review: ReviewMeeting::default(),
            summary: String::new(),
            customer_impact: String::new(),
            timeline: Vec::new(),
            monitoring: String::new(),
            contributing_factors: Vec::new(),
            single_factor_reason: String::new(),
            questions: HelpfulQuestions::default(),
            went_well: String::new(),
            got_lucky: String::new(),
            notes: String::new(),
            action_items: Vec::new(),
            external: ExternalMessage::default(),
            glossary: Vec::new(),
            review_checklist: DEFAULT_REVIEW_QUESTIONS
                .iter()
                .map(|question| ChecklistItem {
                    question: (*question).to_string(),
                    checked: false,
                    note: String::new(),
                })
                .collect(),
            dismissals: Vec::new(),
        }
    }

    pub fn participant(&self, id: ParticipantId) -> Option<&Participant> {
        self.participants.iter().find(|p| p.id == id)
    }

    pub fn participant_by_name(&self, name: &str) -> Option<&Participant> {
        let wanted = name.trim().to_lowercase();
        self.participants
            .iter()
            .find(|p| p.name.trim().to_lowercase() == wanted)
    }

    /// The parsed time zone; an unknown name falls back to UTC (validation reports it).
    pub fn tz(&self) -> chrono_tz::Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::UTC)
    }

    /// All the problems that make this report unfit to save, in one list.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.title.trim().is_empty() {
            problems.push("the title is empty: give the postmortem a short title".to_string());
        }
        if self.time_zone.parse::<chrono_tz::Tz>().is_err() {
            problems.push(format!(
                "'{}' is not a known IANA time zone; use a name such as Europe/Berlin or UTC",
                self.time_zone
            ));
        }
        let times = &self.incident;
        let ordered = [
            ("detected", times.detected),
            ("mitigated", times.mitigated),
            ("resolved", times.resolved),
        ];
        if let Some(started) = times.started {
            for (name, time) in ordered {
                if let Some(time) = time {
                    if time < started {
                        problems.push(format!(
                            "the incident is {name} before it started: check the start and {name} times"
                        ));
                    }
                }
            }
        }
        if let (Some(mitigated), Some(resolved)) = (times.mitigated, times.resolved) {
            if resolved < mitigated {
                problems.push(
                    "the incident is resolved before it was mitigated: check both times"
                        .to_string(),
                );
            }
        }
        let mut seen = std::collections::HashSet::new();
        for participant in &self.participants {
            let name = participant.name.trim();
            if name.is_empty() {
                problems.push("a participant has no name: name them or remove the row".to_string());
            } else if !seen.insert(name.to_lowercase()) {
                problems.push(format!(
                    "'{name}' is listed twice among the participants: keep one row per person"
                ));
            }
        }
        if let Some(owner) = &self.owner {
            if self.participant(owner.participant).is_none() {
                problems.push(
                    "the owner is not among the participants: add them as a participant first"
                        .to_string(),
                );
            }
        }
        for (label, person) in [
            ("facilitator", self.review.facilitator),
            ("devil's advocate", self.review.devils_advocate),
        ] {
            if let Some(person) = person {
                if self.participant(person).is_none() {
                    problems.push(format!(
                        "the review's {label} is not among the participants: add them first"
                    ));
                }
            }
        }
        for item in &self.action_items {
            if item.description.trim().is_empty() {
                problems.push(
                    "an action item has no description: describe it or remove the row".to_string(),
                );
            }
        }
        problems
    }

    /// Checks the report; the error lists every problem found.
    pub fn validate(&self) -> Result<()> {
        let problems = self.problems();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(problems.join("; ")))
        }
    }

    /// The name of the owner, if one is set and known.
    pub fn owner_name(&self) -> Option<&str> {
        self.owner
            .as_ref()
            .and_then(|owner| self.participant(owner.participant))
            .map(|p| p.name.as_str())
    }

    pub fn summary_row(&self) -> PostmortemSummary {
        PostmortemSummary {
            id: self.id,
            title: self.title.clone(),
            status: self.status,
            severity: self.severity,
            started: self.incident.started,
            time_zone: self.time_zone.clone(),
            owner: self.owner_name().map(str::to_string),
            services: self.services.clone(),
            tags: self.tags.clone(),
            updated_at: self.updated_at,
            revision: self.revision,
        }
    }

    /// Moves dismissals of glossary hints that name an entry by its position (as older versions
    /// did, `glossary.2.definition`) to the entry's id (`glossary.<id>.definition`), so that they
    /// stay with the entry from now on. Positions that name no entry are left as they are.
    pub fn key_glossary_dismissals_by_id(&mut self) {
        for dismissal in &mut self.dismissals {
            let Some(rest) = dismissal.field.strip_prefix("glossary.") else {
                continue;
            };
            let Some((position, leaf)) = rest.split_once('.') else {
                continue;
            };
            if position.is_empty() || !position.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let entry = position
                .parse::<usize>()
                .ok()
                .and_then(|index| self.glossary.get(index));
            if let Some(entry) = entry {
                dismissal.field = format!("glossary.{}.{leaf}", entry.id);
            }
        }
    }

    /// All the free text of the report, for the search index.
    pub fn searchable_text(&self) -> String {
        let mut parts: Vec<&str> = vec![
            &self.summary,
            &self.customer_impact,
            &self.monitoring,
            &self.single_factor_reason,
            &self.went_well,
            &self.got_lucky,
            &self.notes,
            &self.external.summary,
            &self.external.what_happened,
            &self.external.what_we_are_doing,
        ];
        parts.extend(self.questions.answers().iter().map(|s| s.as_str()));
        parts.extend(self.services.iter().map(String::as_str));
        parts.extend(self.tags.iter().map(String::as_str));
        parts.extend(self.participants.iter().map(|p| p.name.as_str()));
        for entry in &self.timeline {
            parts.push(&entry.description);
            parts.push(&entry.evidence);
        }
        for factor in &self.contributing_factors {
            parts.push(&factor.description);
            parts.push(&factor.why_it_made_sense);
        }
        for item in &self.action_items {
            parts.extend([
                item.description.as_str(),
                &item.owner,
                &item.done_when,
                &item.status_reason,
                &item.tracking,
            ]);
        }
        for entry in &self.glossary {
            parts.push(&entry.term);
            parts.push(&entry.definition);
        }
        for item in &self.review_checklist {
            parts.push(&item.note);
        }
        parts
            .into_iter()
            .filter(|part| !part.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap()
    }

    fn person(name: &str) -> Participant {
        Participant {
            id: ParticipantId::new(now()),
            name: name.into(),
            role: Role::Responder,
        }
    }

    #[test]
    fn a_new_report_is_valid() {
        let report = Postmortem::new("Checkout latency", "Europe/Berlin", now());
        assert_eq!(report.validate().ok(), Some(()));
        assert_eq!(
            report.review_checklist.len(),
            DEFAULT_REVIEW_QUESTIONS.len()
        );
    }

    #[test]
    fn an_empty_title_is_refused() {
        let report = Postmortem::new("   ", "UTC", now());
        let error = report.validate().unwrap_err();
        assert_eq!(error.code(), crate::ErrorCode::Invalid);
        assert!(error.to_string().contains("title is empty"));
    }

    #[test]
    fn resolved_before_started_is_refused() {
        let mut report = Postmortem::new("t", "UTC", now());
        report.incident.started = Some(now());
        report.incident.resolved = Some(now() - chrono::Duration::hours(1));
        assert!(report
            .validate()
            .unwrap_err()
            .to_string()
            .contains("resolved before it started"));
    }

    #[test]
    fn the_owner_must_be_a_participant() {
        let mut report = Postmortem::new("t", "UTC", now());
        let stranger = person("Ana");
        report.owner = Some(Owner {
            participant: stranger.id,
            criterion: OwnerCriterion::LedResponse,
            note: String::new(),
        });
        assert!(report
            .validate()
            .unwrap_err()
            .to_string()
            .contains("owner is not among the participants"));
        report.participants.push(stranger);
        assert!(report.validate().is_ok());
    }

    #[test]
    fn unknown_time_zones_and_duplicate_names_are_refused() {
        let mut report = Postmortem::new("t", "Mars/Olympus", now());
        report.participants = vec![person("Ana"), person("ana ")];
        let problems = report.problems();
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    #[test]
    fn glossary_entries_without_ids_get_one_from_their_position() {
        let mut json = serde_json::to_value(Postmortem::new("t", "UTC", now())).unwrap();
        let given = GlossaryEntryId::new(now());
        json["glossary"] = serde_json::json!([
            { "term": "p95", "definition": "A percentile." },
            { "id": given.to_string(), "term": "SLO", "definition": "A target." },
            { "term": "WAL", "definition": "A log." },
        ]);
        let report: Postmortem = serde_json::from_value(json.clone()).unwrap();
        let ids: Vec<GlossaryEntryId> = report.glossary.iter().map(|entry| entry.id).collect();
        assert_eq!(
            ids,
            [
                GlossaryEntryId::for_position(0),
                given,
                GlossaryEntryId::for_position(2)
            ]
        );
        let again: Postmortem = serde_json::from_value(json).unwrap();
        assert_eq!(again.glossary, report.glossary, "the same ids every time");
        let written = serde_json::to_value(&report).unwrap();
        assert_eq!(written["glossary"][0]["id"], ids[0].to_string());
    }

    #[test]
    fn dismissals_by_glossary_position_move_to_the_entry_id() {
        let mut report = Postmortem::new("t", "UTC", now());
        report.glossary = ["p95", "SLO"]
            .iter()
            .map(|term| GlossaryEntry {
                id: GlossaryEntryId::new(now()),
                term: (*term).into(),
                definition: String::new(),
            })
            .collect();
        let dismissal = |field: &str| HintDismissal {
            rule: "leak-name".into(),
            field: field.into(),
            matched_text: "x".into(),
            reason: "fine".into(),
        };
        let keyed = format!("glossary.{}.definition", report.glossary[0].id);
        report.dismissals = vec![
            dismissal("glossary.1.definition"),
            dismissal("glossary.7.definition"),
            dismissal(&keyed),
            dismissal("summary"),
        ];
        report.key_glossary_dismissals_by_id();
        let fields: Vec<String> = report.dismissals.iter().map(|d| d.field.clone()).collect();
        assert_eq!(
            fields,
            [
                format!("glossary.{}.definition", report.glossary[1].id),
                "glossary.7.definition".to_string(),
                keyed,
                "summary".to_string()
            ]
        );
    }

    #[test]
    fn words_parse_from_wire_names_and_labels() {
        assert_eq!(
            Role::parse("incident_commander"),
            Some(Role::IncidentCommander)
        );
        assert_eq!(
            Role::parse("Incident Commander"),
            Some(Role::IncidentCommander)
        );
        assert_eq!(ActionStatus::parse("won't do"), Some(ActionStatus::WontDo));
        assert_eq!(Severity::parse("SEV2"), Some(Severity::Sev2));
        assert_eq!(Severity::parse("sev9"), None);
    }
}
