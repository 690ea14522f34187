//! Sample reports for tests: one fully filled in, and a generator of arbitrary ones.

use crate::ids::*;
use crate::model::*;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

pub fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, hour, minute, 0)
        .single()
        .unwrap_or_default()
}

/// A report with every field set, in the spirit of a real incident.
pub fn full_report() -> Postmortem {
    let now = at(9, 0);
    let mut report = Postmortem::new(
        "Checkout latency after a cache configuration change",
        "Europe/Berlin",
        now,
    );
    let ana = Participant {
        id: ParticipantId::new(now),
        name: "Ana Lima".into(),
        role: Role::IncidentCommander,
    };
    let ben = Participant {
        id: ParticipantId::new(now),
        name: "Ben Okafor".into(),
        role: Role::Responder,
    };
    let chen = Participant {
        id: ParticipantId::new(now),
        name: "Chen Wei".into(),
        role: Role::EngineeringManager,
    };
    report.owner = Some(Owner {
        participant: ana.id,
        criterion: OwnerCriterion::LedResponse,
        note: String::new(),
    });
    report.review = ReviewMeeting {
        at: Some(at(15, 0) + chrono::Duration::days(3)),
        facilitator: Some(chen.id),
        devils_advocate: Some(ben.id),
    };
    report.participants = vec![ana, ben, chen];
    report.severity = Some(Severity::Sev2);
    report.status = Status::InReview;
    report.services = vec!["checkout".into(), "session-cache".into()];
    report.tags = vec!["cache".into(), "config".into()];
    report.impact_scope = ImpactScope::Partial;
    report.incident = IncidentTimes {
        started: Some(at(13, 2)),
        detected: Some(at(13, 11)),
        mitigated: Some(at(13, 48)),
        resolved: Some(at(14, 10)),
    };
    report.summary = "For 68 minutes, about a third of checkout requests took longer than 5 s.\n\n\
        A cache setting rolled out to all regions at once."
        .into();
    report.customer_impact = "- 31% of checkouts slower than 5 s\n- no orders lost".into();
    report.timeline = vec![
        TimelineEntry {
            id: TimelineEntryId::new(now),
            at: at(12, 40),
            description: "Cache eviction setting changed in the shared config repository".into(),
            evidence: "https://git.example.internal/config/commit/4f2a".into(),
            kind: TimelineKind::Trigger,
        },
        TimelineEntry {
            id: TimelineEntryId::new(now),
            at: at(13, 11),
            description: "Latency alert for `checkout-api` pages the on-call engineer".into(),
            evidence: String::new(),
            kind: TimelineKind::Detection,
        },
    ];
    report.monitoring =
        "p95 latency rose from 300 ms to 6 s at 13:02; cache hit rate flatlined at 12%.".into();
    report.contributing_factors = vec![
        ContributingFactor {
            id: ContributingFactorId::new(now),
            description: "The config change applied to every region at once".into(),
            category: FactorCategory::Process,
            why_it_made_sense: "Config changes had never needed a staged rollout before | ever"
                .into(),
        },
        ContributingFactor {
            id: ContributingFactorId::new(now),
            description: "No alert on cache hit rate".into(),
            category: FactorCategory::Tooling,
            why_it_made_sense: "Latency alerts were\nthought to be enough".into(),
        },
    ];
    report.questions.isolated_or_trend = "Second config-related incident this quarter.".into();
    report.questions.grows_with_scale = "Yes: more regions, more blast radius.".into();
    report.went_well = "The rollback took four minutes.".into();
    report.got_lucky = "It happened outside the sales peak.".into();
    report.action_items = vec![
        ActionItem {
            id: ActionItemId::new(now),
            description: "Stage config rollouts one region at a time".into(),
            owner: "Platform team".into(),
            due: NaiveDate::from_ymd_opt(2026, 12, 15),
            priority: Some(Priority::P1),
            kind: ActionKind::Prevent,
            status: ActionStatus::Committed,
            status_reason: String::new(),
            tracking: "PLAT-1234".into(),
            done_when: "The deploy tool refuses an all-region config push".into(),
        },
        ActionItem {
            id: ActionItemId::new(now),
            description: "Rewrite the cache layer".into(),
            owner: String::new(),
            due: None,
            priority: None,
            kind: ActionKind::Prevent,
            status: ActionStatus::WontDo,
            status_reason: "Too large for the benefit; staged rollouts cover the risk".into(),
            tracking: String::new(),
            done_when: String::new(),
        },
    ];
    report.external = ExternalMessage {
        summary: "On 20 November, checkout was slow for about an hour.".into(),
        what_happened: "A configuration change reduced the effectiveness of a cache.".into(),
        what_we_are_doing: "We are changing how configuration is rolled out.".into(),
    };
    report.glossary = vec![GlossaryEntry {
        id: GlossaryEntryId::new(now),
        term: "p95".into(),
        definition: "The time within which 95% of requests complete.".into(),
    }];
    report.review_checklist[0].checked = true;
    report.review_checklist[0].note = "Timeline checked against the logs".into();
    report.dismissals = vec![HintDismissal {
        rule: "outage".into(),
        field: "summary".into(),
        matched_text: "outage".into(),
        reason: "Quoting the customer's words".into(),
    }];
    report
}
