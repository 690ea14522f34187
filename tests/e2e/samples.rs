//! Sample reports for the tests and the README screenshots, stored straight through the core.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use debrief_core::store::Store;
use debrief_core::*;

pub fn at(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, minute, 0)
        .single()
        .expect("a valid time")
}

fn person(name: &str, role: Role) -> Participant {
    Participant {
        id: ParticipantId::new(at(20, 9, 0)),
        name: name.into(),
        role,
    }
}

fn entry(time: DateTime<Utc>, kind: TimelineKind, description: &str) -> TimelineEntry {
    TimelineEntry {
        id: TimelineEntryId::new(time),
        at: time,
        description: description.into(),
        evidence: String::new(),
        kind,
    }
}

/// A report in the middle of being written: most steps done, a few hints open.
pub fn checkout_latency() -> Postmortem {
    let now = at(20, 9, 0);
    let mut report = Postmortem::new(
        "Checkout latency after a cache configuration change",
        "Europe/Berlin",
        now,
    );
    let ana = person("Ana Lima", Role::IncidentCommander);
    let ben = person("Ben Okafor", Role::Responder);
    let chen = person("Chen Wei", Role::EngineeringManager);
    report.owner = Some(Owner {
        participant: ana.id,
        criterion: OwnerCriterion::LedResponse,
        note: String::new(),
    });
    report.review.facilitator = Some(chen.id);
    report.participants = vec![ana, ben, chen];
    report.severity = Some(Severity::Sev2);
    report.services = vec!["checkout".into(), "session-cache".into()];
    report.tags = vec!["cache".into(), "config".into()];
    report.impact_scope = ImpactScope::Partial;
    report.incident = IncidentTimes {
        started: Some(at(20, 13, 2)),
        detected: Some(at(20, 13, 11)),
        mitigated: Some(at(20, 13, 48)),
        resolved: Some(at(20, 14, 10)),
    };
    report.summary = "For 68 minutes, about a third of checkout requests took longer than five \
        seconds, and roughly 4% timed out before the order was placed. A change to the session \
        cache's eviction setting reached every region at once; rolling it back restored normal \
        latency."
        .into();
    report.customer_impact =
        "31% of checkouts were slower than 5 s for 68 minutes; 4% timed out and were retried. \
         No orders were lost."
            .into();
    report.timeline = vec![
        entry(
            at(20, 12, 40),
            TimelineKind::Trigger,
            "Eviction setting of the session cache changed in the shared config repository",
        ),
        entry(
            at(20, 13, 2),
            TimelineKind::Note,
            "The new setting reaches every region; cache hit rate starts to fall",
        ),
        entry(
            at(20, 13, 11),
            TimelineKind::Detection,
            "Latency alert for checkout pages the on-call engineer",
        ),
        entry(
            at(20, 13, 30),
            TimelineKind::Escalation,
            "Incident declared; the incident commander joins",
        ),
        entry(
            at(20, 13, 48),
            TimelineKind::Mitigation,
            "Setting rolled back in all regions",
        ),
        entry(
            at(20, 14, 10),
            TimelineKind::Resolution,
            "Latency back at its baseline for 20 minutes",
        ),
    ];
    report.monitoring = "p95 latency rose from 300 ms to 6 s at 13:02, while the cache hit rate \
        flatlined at 12%. The root cause was human error: Ben forgot to stage the rollout."
        .into();
    report.contributing_factors = vec![
        ContributingFactor {
            id: ContributingFactorId::new(now),
            description: "The config change applied to every region at once".into(),
            category: FactorCategory::Process,
            why_it_made_sense: "Cache settings had never needed a staged rollout before".into(),
        },
        ContributingFactor {
            id: ContributingFactorId::new(now),
            description: "No alert on the cache hit rate".into(),
            category: FactorCategory::Tooling,
            why_it_made_sense: "Latency alerts were thought to be enough".into(),
        },
    ];
    report.questions.isolated_or_trend = "The second config-related incident this quarter.".into();
    report.went_well = "The rollback took four minutes.".into();
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
            description: "Improve monitoring".into(),
            owner: String::new(),
            due: None,
            priority: None,
            kind: ActionKind::Detect,
            status: ActionStatus::Proposed,
            status_reason: String::new(),
            tracking: String::new(),
            done_when: String::new(),
        },
    ];
    report.external = ExternalMessage {
        summary: "On 20 November, checkout was slow for about an hour.".into(),
        what_happened: "A configuration change made a cache much less effective.".into(),
        what_we_are_doing: "We are changing how configuration reaches our regions.".into(),
    };
    report
}

/// Smaller reports around it, so the library has something to show.
pub fn others() -> Vec<Postmortem> {
    let mut reports = Vec::new();
    let mut add = |title: &str,
                   status: Status,
                   severity: Severity,
                   zone: &str,
                   started: DateTime<Utc>,
                   owner: (&str, Role, OwnerCriterion),
                   services: &[&str],
                   tags: &[&str],
                   summary: &str| {
        let mut report = Postmortem::new(title, zone, started);
        let person = person(owner.0, owner.1);
        report.owner = Some(Owner {
            participant: person.id,
            criterion: owner.2,
            note: String::new(),
        });
        report.participants = vec![person];
        report.status = status;
        report.severity = Some(severity);
        report.incident.started = Some(started);
        report.services = services.iter().map(|s| s.to_string()).collect();
        report.tags = tags.iter().map(|s| s.to_string()).collect();
        report.summary = summary.into();
        reports.push(report);
    };
    add(
        "Sign-in failures for SSO users during identity provider maintenance",
        Status::Draft,
        Severity::Sev3,
        "America/New_York",
        at(12, 14, 30),
        ("Dana Reyes", Role::IncidentCommander, OwnerCriterion::DeclaredIncident),
        &["auth-gateway"],
        &["sso", "third-party"],
        "Customers who sign in through their company's identity provider could not sign in for 40 minutes.",
    );
    add(
        "Search index rebuild filled the disks of two nodes",
        Status::Reviewed,
        Severity::Sev2,
        "Europe/Berlin",
        Utc.with_ymd_and_hms(2026, 10, 8, 1, 15, 0).single().expect("a time"),
        ("Farah Haddad", Role::ServiceOwner, OwnerCriterion::StabilisedService),
        &["search"],
        &["capacity", "storage"],
        "A scheduled rebuild needed twice the disk space of the old index; search results were stale for three hours.",
    );
    add(
        "Order confirmation e-mails delayed while the mail queue was paused",
        Status::Closed,
        Severity::Sev3,
        "Europe/London",
        Utc.with_ymd_and_hms(2026, 9, 14, 10, 20, 0).single().expect("a time"),
        ("Gus Novak", Role::Responder, OwnerCriterion::PrimaryOnCall),
        &["notifications"],
        &["queue"],
        "Order confirmations went out up to two hours late after a maintenance pause was not lifted.",
    );
    add(
        "Partner API refused connections after a certificate expired",
        Status::Closed,
        Severity::Sev1,
        "UTC",
        Utc.with_ymd_and_hms(2026, 7, 2, 0, 0, 0).single().expect("a time"),
        ("Ines Costa", Role::IncidentCommander, OwnerCriterion::LedResponse),
        &["partner-api"],
        &["certificates"],
        "Every partner integration failed for 52 minutes because the API's TLS certificate expired at midnight.",
    );
    reports
}

/// A report whose timeline has `count` entries, a minute apart.
pub fn long_timeline(count: usize) -> Postmortem {
    let mut report = checkout_latency();
    report.title = format!("A report with {count} timeline entries");
    let start = at(20, 10, 0);
    report.timeline = (0..count)
        .map(|index| {
            let time = start + Duration::minutes(index as i64);
            let mut row = entry(
                time,
                if index == 0 {
                    TimelineKind::Trigger
                } else {
                    TimelineKind::Note
                },
                &format!("Step {index}: the queue depth was checked and the graph noted"),
            );
            row.evidence = format!("https://grafana.example.com/d/queue?from={index}");
            row
        })
        .collect();
    report
}

/// Stores the reports and returns them as stored.
pub fn store_all(database: &std::path::Path, reports: Vec<Postmortem>) -> Vec<Postmortem> {
    let store = Store::open(database, Utc::now()).expect("the test database opens");
    reports
        .into_iter()
        .map(|report| {
            store
                .insert(&report, Utc::now())
                .expect("a sample report is stored")
        })
        .collect()
}
