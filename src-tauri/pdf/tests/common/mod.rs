//! Sample reports for the tests and the benchmark.

#![allow(
    dead_code,
    reason = "each test file uses a different part of this module"
)]

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use debrief_core::*;

pub fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, hour, minute, 0)
        .single()
        .unwrap_or_default()
}

fn person(name: &str, role: Role) -> Participant {
    Participant {
        id: ParticipantId::new(at(9, 0)),
        name: name.into(),
        role,
    }
}

fn entry(
    time: DateTime<Utc>,
    kind: TimelineKind,
    description: &str,
    evidence: &str,
) -> TimelineEntry {
    TimelineEntry {
        id: TimelineEntryId::new(at(9, 0)),
        at: time,
        description: description.into(),
        evidence: evidence.into(),
        kind,
    }
}

/// A report with every field set, in the spirit of a real incident.
pub fn full_report() -> Postmortem {
    let now = at(9, 0);
    let mut report = Postmortem::new(
        "Checkout latency after a cache configuration change",
        "Europe/Berlin",
        now,
    );
    let ana = person("Ana Lima", Role::IncidentCommander);
    let ben = person("Ben Okafor", Role::Responder);
    let chen = person("Chen Wei", Role::EngineeringManager);
    let dana = person("Dana Kovač", Role::Scribe);
    report.owner = Some(Owner {
        participant: ana.id,
        criterion: OwnerCriterion::LedResponse,
        note: String::new(),
    });
    report.review = ReviewMeeting {
        at: Some(at(14, 0) + Duration::days(3)),
        facilitator: Some(chen.id),
        devils_advocate: Some(ben.id),
    };
    report.participants = vec![ana, ben, chen, dana];
    report.severity = Some(Severity::Sev2);
    report.status = Status::InReview;
    report.services = vec!["checkout".into(), "session-cache".into()];
    report.tags = vec!["cache".into(), "config".into(), "rollout".into()];
    report.impact_scope = ImpactScope::Partial;
    report.incident = IncidentTimes {
        started: Some(at(13, 2)),
        detected: Some(at(13, 11)),
        mitigated: Some(at(13, 48)),
        resolved: Some(at(14, 10)),
    };
    report.summary = "For 68 minutes, about a third of checkout requests took longer than 5 s. \
        A change to the session cache's eviction setting was rolled out to all regions at once, \
        and the cache's hit rate fell from 94% to 12%.\n\n\
        The on-call engineer was paged by the latency alert nine minutes after the change; \
        rolling the setting back restored normal latency within four minutes of the decision."
        .into();
    report.customer_impact = "- 31% of checkouts slower than 5 s, peaking at 14 s\n\
        - 2.4% of checkout attempts abandoned (about 1,900 sessions)\n\
        - **no orders lost** and no payment taken twice"
        .into();
    report.timeline = vec![
        entry(
            at(12, 40),
            TimelineKind::Trigger,
            "Cache eviction setting changed in the shared config repository",
            "https://git.example.com/config/commit/4f2a",
        ),
        entry(
            at(13, 2),
            TimelineKind::Note,
            "p95 latency of `checkout-api` starts to climb",
            "Dashboard *Checkout overview*",
        ),
        entry(
            at(13, 11),
            TimelineKind::Detection,
            "Latency alert pages the on-call engineer",
            "",
        ),
        entry(
            at(13, 19),
            TimelineKind::Escalation,
            "Incident declared; Ana Lima takes command",
            "#inc-2291",
        ),
        entry(
            at(13, 44),
            TimelineKind::Mitigation,
            "Eviction setting rolled back in all regions",
            "https://git.example.com/config/commit/9b1c",
        ),
        entry(
            at(14, 10),
            TimelineKind::Resolution,
            "Latency back to baseline for 20 minutes; incident closed",
            "",
        ),
    ];
    report.monitoring =
        "p95 latency rose from 300 ms to 6 s at 13:02; the cache hit rate flatlined at 12%. \
        Error rates stayed flat, which is why no error-rate alert fired."
            .into();
    report.contributing_factors = vec![
        ContributingFactor {
            id: ContributingFactorId::new(now),
            description: "The config change applied to every region at once".into(),
            category: FactorCategory::Process,
            why_it_made_sense: "Config changes had never needed a staged rollout before, and the \
                tool offered no option for one."
                .into(),
        },
        ContributingFactor {
            id: ContributingFactorId::new(now),
            description: "No alert on the cache hit rate".into(),
            category: FactorCategory::Tooling,
            why_it_made_sense: "Latency alerts were thought to be enough.".into(),
        },
    ];
    report.questions.isolated_or_trend =
        "Part of a trend: the second config-related incident this quarter.".into();
    report.questions.bug_or_class =
        "A kind we had planned for in code deploys, but not in config changes.".into();
    report.questions.grows_with_scale = "Yes: more regions mean a larger blast radius.".into();
    report.went_well =
        "- The rollback took four minutes.\n- The scribe kept a timeline from the first page."
            .into();
    report.got_lucky = "It happened outside the evening sales peak.".into();
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
            description: "Alert when the session cache hit rate drops below 70%".into(),
            owner: "Ben Okafor".into(),
            due: NaiveDate::from_ymd_opt(2026, 12, 1),
            priority: Some(Priority::P2),
            kind: ActionKind::Detect,
            status: ActionStatus::Done,
            status_reason: String::new(),
            tracking: "OBS-88".into(),
            done_when: "The alert fires in the staging drill".into(),
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
        summary: "On 20 November, between 14:02 and 15:10 CET, checkout was slow for some \
            customers. No orders were lost."
            .into(),
        what_happened: "A configuration change reduced the effectiveness of a cache that \
            checkout relies on. We reversed the change, and checkout has been working normally \
            since 15:10 CET."
            .into(),
        what_we_are_doing: "- We now roll out configuration changes gradually, one region at \
            a time.\n- We added monitoring that warns us before customers notice a slowdown."
            .into(),
    };
    report.glossary = vec![GlossaryEntry {
        id: GlossaryEntryId::for_position(0),
        term: "p95".into(),
        definition: "The time within which 95% of requests complete.".into(),
    }];
    report.review_checklist[0].checked = true;
    report.review_checklist[0].note = "Timeline checked against the logs".into();
    report.review_checklist[1].checked = true;
    report.dismissals = vec![HintDismissal {
        rule: "outage".into(),
        field: "summary".into(),
        matched_text: "outage".into(),
        reason: "Quoting the customer's words".into(),
    }];
    report
}

/// A long report: `entries` timeline entries and action items, and long sections.
pub fn long_report(entries: usize) -> Postmortem {
    let mut report = full_report();
    let paragraph = "The cache served stale sessions for longer than expected, and the retry \
        policy of the checkout client multiplied the load on the origin. ";
    report.summary = (0..6)
        .map(|_| paragraph.repeat(3))
        .collect::<Vec<_>>()
        .join("\n\n");
    report.timeline = (0..entries)
        .map(|index| {
            entry(
                at(12, 0) + Duration::minutes(index as i64 * 3),
                TimelineKind::ALL[index % TimelineKind::ALL.len()],
                &format!("Step {index}: {}", paragraph.trim()),
                "https://logs.example.com/query?id=42",
            )
        })
        .collect();
    let item = report.action_items[0].clone();
    report.action_items = (0..entries / 2)
        .map(|index| ActionItem {
            id: ActionItemId::new(at(9, 0)),
            description: format!("Action {index}: {}", paragraph.trim()),
            ..item.clone()
        })
        .collect();
    report
}
