//! The history figures on a small fixture library whose numbers can be checked by hand.
//!
//! | report | incident (UTC)   | sev  | services        | detect | resolve | action items |
//! | ------ | ---------------- | ---- | --------------- | -----: | ------: | ------------ |
//! | R1     | 2026-01-10 10:00 | sev2 | checkout, cache | 10 min | 60 min  | A1 committed, due 02-01, Ana Lima, prevent; A2 done, Ben |
//! | R2     | 2026-01-25 08:00 | sev1 | login           | 30 min | 90 min  | A3 proposed, no date, "ana lima", detect; A4 won't do, Chen |
//! | R3     | 2026-03-05 12:00 | sev2 | checkout, cache |  5 min | 25 min  | A5 committed, due 06-20, Ben, mitigate; A6 committed, due 06-01, Chen, prevent |
//! | R4     | 2026-03-20 16:00 | sev3 | search          |   —    | 120 min | A7 done, Ana Lima |
//! | R5     | none (created 2026-04-02) | — | checkout  |   —    |   —     | — |
//!
//! Today is 2026-06-15.

use crate::history::related::RelatedReason;
use crate::history::{ActionFilter, ActionStatusChange, TrendsQuery};
use crate::ids::*;
use crate::model::*;
use crate::store::Store;
use crate::ErrorCode;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

fn time(month: u32, day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, day, hour, 0, 0).unwrap()
}

fn date(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, day).unwrap()
}

fn today() -> NaiveDate {
    date(6, 15)
}

fn item(description: &str, owner: &str, status: ActionStatus, kind: ActionKind) -> ActionItem {
    ActionItem {
        id: ActionItemId::new(time(1, 1, 0)),
        description: description.into(),
        owner: owner.into(),
        due: None,
        priority: None,
        kind,
        status,
        status_reason: if status == ActionStatus::WontDo {
            "The job is retired next quarter".into()
        } else {
            String::new()
        },
        tracking: String::new(),
        done_when: String::new(),
    }
}

fn due(mut item: ActionItem, due: NaiveDate) -> ActionItem {
    item.due = Some(due);
    item
}

fn factor(category: FactorCategory, description: &str) -> ContributingFactor {
    ContributingFactor {
        id: ContributingFactorId::new(time(1, 1, 0)),
        description: description.into(),
        category,
        why_it_made_sense: String::new(),
    }
}

#[allow(clippy::too_many_arguments)]
fn report(
    title: &str,
    started: Option<DateTime<Utc>>,
    severity: Option<Severity>,
    services: &[&str],
    tags: &[&str],
    detect_minutes: Option<i64>,
    resolve_minutes: Option<i64>,
    factors: Vec<ContributingFactor>,
    action_items: Vec<ActionItem>,
) -> Postmortem {
    let created = started.unwrap_or(time(4, 2, 9));
    let mut report = Postmortem::new(title, "UTC", created);
    report.severity = severity;
    report.services = services.iter().map(|s| s.to_string()).collect();
    report.tags = tags.iter().map(|s| s.to_string()).collect();
    report.incident.started = started;
    if let Some(started) = started {
        report.incident.detected = detect_minutes.map(|m| started + Duration::minutes(m));
        report.incident.resolved = resolve_minutes.map(|m| started + Duration::minutes(m));
    }
    report.contributing_factors = factors;
    report.action_items = action_items;
    report
}

struct Library {
    store: Store,
    ids: Vec<PostmortemId>,
}

fn library() -> Library {
    use ActionKind::{Detect, Mitigate, Prevent};
    use ActionStatus::*;
    use FactorCategory::{Technical, Tooling};
    let reports = [
        report(
            "Checkout latency after a configuration change",
            Some(time(1, 10, 10)),
            Some(Severity::Sev2),
            &["checkout", "cache"],
            &["config"],
            Some(10),
            Some(60),
            vec![
                factor(
                    Technical,
                    "Cache eviction setting reached every region at once",
                ),
                factor(
                    FactorCategory::Process,
                    "Configuration rollout had no canary stage",
                ),
            ],
            vec![
                due(
                    item("A1 add a canary stage", "Ana Lima", Committed, Prevent),
                    date(2, 1),
                ),
                item("A2 roll back the setting", "Ben", Done, Mitigate),
            ],
        ),
        report(
            "Login errors when a certificate expired",
            Some(time(1, 25, 8)),
            Some(Severity::Sev1),
            &["login"],
            &["certificates"],
            Some(30),
            Some(90),
            vec![
                factor(FactorCategory::Process, "Certificate renewal was manual"),
                factor(Tooling, "No alert on certificate expiry"),
            ],
            vec![
                item(
                    "A3 alert before certificates expire",
                    "ana lima",
                    Proposed,
                    Detect,
                ),
                item(
                    "A4 automate the old renewal job",
                    "Chen",
                    WontDo,
                    ActionKind::Process,
                ),
            ],
        ),
        report(
            "Checkout errors during a failover",
            Some(time(3, 5, 12)),
            Some(Severity::Sev2),
            &["checkout", "cache"],
            &["failover"],
            Some(5),
            Some(25),
            vec![factor(
                Technical,
                "The eviction setting of the cache dropped every session at failover",
            )],
            vec![
                due(
                    item(
                        "A5 keep sessions across failover",
                        "Ben",
                        Committed,
                        Mitigate,
                    ),
                    date(6, 20),
                ),
                due(
                    item("A6 test failover monthly", "Chen", Committed, Prevent),
                    date(6, 1),
                ),
            ],
        ),
        report(
            "Search results lagged behind",
            Some(time(3, 20, 16)),
            Some(Severity::Sev3),
            &["search"],
            &[],
            None,
            Some(120),
            vec![factor(Technical, "Index queue backed up")],
            vec![item("A7 size the index queue", "Ana Lima", Done, Prevent)],
        ),
        report(
            "Checkout draft",
            None,
            None,
            &["checkout"],
            &[],
            None,
            None,
            Vec::new(),
            Vec::new(),
        ),
    ];
    let store = Store::open_in_memory().unwrap();
    let ids = reports
        .iter()
        .map(|report| store.insert(report, report.created_at).unwrap().id)
        .collect();
    Library { store, ids }
}

/// The descriptions of the tracker's items start with their names (A1, A2, ...).
fn names(list: &crate::history::ActionItemList) -> Vec<String> {
    list.items
        .iter()
        .map(|tracked| tracked.item.description[..2].to_string())
        .collect()
}

#[test]
fn months_count_incidents_by_severity_with_empty_months_filled() {
    let library = library();
    let trends = library
        .store
        .trends(&TrendsQuery::default(), today())
        .unwrap();
    assert_eq!(trends.reports, 5);
    let months: Vec<(&str, [u32; 7])> = trends
        .months
        .iter()
        .map(|m| {
            (
                m.month.as_str(),
                [m.sev1, m.sev2, m.sev3, m.sev4, m.sev5, m.unrated, m.total],
            )
        })
        .collect();
    assert_eq!(
        months,
        [
            ("2026-01", [1, 1, 0, 0, 0, 0, 2]),
            ("2026-02", [0, 0, 0, 0, 0, 0, 0]),
            ("2026-03", [0, 1, 1, 0, 0, 0, 2]),
            ("2026-04", [0, 0, 0, 0, 0, 1, 1]),
        ]
    );
}

#[test]
fn services_and_factor_categories_are_counted() {
    let library = library();
    let trends = library
        .store
        .trends(&TrendsQuery::default(), today())
        .unwrap();
    let services: Vec<(&str, u32)> = trends
        .services
        .iter()
        .map(|s| (s.name.as_str(), s.reports))
        .collect();
    assert_eq!(
        services,
        [("checkout", 3), ("cache", 2), ("login", 1), ("search", 1)]
    );
    let categories: Vec<(FactorCategory, u32, u32)> = trends
        .factor_categories
        .iter()
        .map(|c| (c.category, c.factors, c.reports))
        .collect();
    assert_eq!(
        categories,
        [
            (FactorCategory::Technical, 3, 3),
            (FactorCategory::Process, 2, 2),
            (FactorCategory::Tooling, 1, 1),
            (FactorCategory::Communication, 0, 0),
            (FactorCategory::External, 0, 0),
            (FactorCategory::Organisational, 0, 0),
            (FactorCategory::Other, 0, 0),
        ]
    );
}

#[test]
fn medians_of_detection_and_resolution_are_computed() {
    let library = library();
    let trends = library
        .store
        .trends(&TrendsQuery::default(), today())
        .unwrap();
    // Detection: 5, 10 and 30 minutes: the middle one is 10 minutes.
    assert_eq!(trends.time_to_detect.median_seconds, Some(600.0));
    assert_eq!(trends.time_to_detect.reports, 3);
    // Resolution: 25, 60, 90 and 120 minutes: the mean of 60 and 90 is 75 minutes.
    assert_eq!(trends.time_to_resolve.median_seconds, Some(4500.0));
    assert_eq!(trends.time_to_resolve.reports, 4);
}

#[test]
fn action_items_are_counted_by_status_with_the_overdue_ones() {
    let library = library();
    let actions = library
        .store
        .trends(&TrendsQuery::default(), today())
        .unwrap()
        .actions;
    assert_eq!(
        [
            actions.proposed,
            actions.committed,
            actions.done,
            actions.wont_do,
            actions.overdue
        ],
        [1, 3, 2, 1, 2],
        "{actions:?}"
    );
}

#[test]
fn a_date_range_limits_every_figure() {
    let library = library();
    let march = TrendsQuery {
        from: Some(date(3, 1)),
        to: Some(date(3, 31)),
    };
    let trends = library.store.trends(&march, today()).unwrap();
    assert_eq!(trends.reports, 2);
    assert_eq!(trends.months.len(), 1);
    assert_eq!(trends.months[0].month, "2026-03");
    assert_eq!(trends.services[0].name, "cache");
    assert_eq!(trends.time_to_detect.median_seconds, Some(300.0));
    assert_eq!(
        trends.time_to_resolve.median_seconds,
        Some((25.0 + 120.0) / 2.0 * 60.0)
    );
    assert_eq!(trends.actions.committed, 2);
    assert_eq!(trends.actions.overdue, 1);

    let empty = library
        .store
        .trends(
            &TrendsQuery {
                from: Some(date(12, 1)),
                to: None,
            },
            today(),
        )
        .unwrap();
    assert_eq!(empty.reports, 0);
    assert!(empty.months.is_empty());
    assert_eq!(empty.time_to_detect.median_seconds, None);
}

#[test]
fn the_tracker_puts_open_and_overdue_items_first() {
    let library = library();
    let list = library
        .store
        .action_items(&ActionFilter::default(), today())
        .unwrap();
    assert_eq!(names(&list), ["A1", "A6", "A5", "A3", "A7", "A4", "A2"]);
    assert_eq!(list.total, 7);
    assert_eq!(list.overdue, 2);
    let overdue: Vec<Option<i64>> = list.items.iter().map(|t| t.days_overdue).collect();
    assert_eq!(overdue, [Some(134), Some(14), None, None, None, None, None]);
    assert_eq!(list.items[0].report_id, library.ids[0]);
    assert_eq!(list.items[0].report_revision, 1);
    assert!(list.items[3].open && !list.items[4].open);
    assert_eq!(list.owners, ["Ana Lima", "Ben", "Chen"]);
}

#[test]
fn the_tracker_filters_by_owner_status_kind_and_lateness() {
    let library = library();
    let list = |filter: ActionFilter| library.store.action_items(&filter, today()).unwrap();
    let by_owner = list(ActionFilter {
        owner: Some(" ANA LIMA ".into()),
        ..ActionFilter::default()
    });
    assert_eq!(
        names(&by_owner),
        ["A1", "A3", "A7"],
        "case and spaces are ignored"
    );
    let committed = list(ActionFilter {
        status: Some(ActionStatus::Committed),
        ..ActionFilter::default()
    });
    assert_eq!(names(&committed), ["A1", "A6", "A5"]);
    let prevent = list(ActionFilter {
        kind: Some(ActionKind::Prevent),
        ..ActionFilter::default()
    });
    assert_eq!(names(&prevent), ["A1", "A6", "A7"]);
    let overdue = list(ActionFilter {
        overdue_only: true,
        ..ActionFilter::default()
    });
    assert_eq!(names(&overdue), ["A1", "A6"]);
    assert_eq!(overdue.total, 2);
    let first_two = list(ActionFilter {
        limit: Some(2),
        ..ActionFilter::default()
    });
    assert_eq!(names(&first_two), ["A1", "A6"]);
    assert_eq!(
        (first_two.total, first_two.overdue),
        (7, 2),
        "counts ignore the limit"
    );
    let nobody = list(ActionFilter {
        owner: Some("Dana".into()),
        ..ActionFilter::default()
    });
    assert!(nobody.items.is_empty());
    assert_eq!(nobody.total, 0);
}

fn change(library: &Library, name: &str, status: ActionStatus, reason: &str) -> ActionStatusChange {
    let list = library
        .store
        .action_items(&ActionFilter::default(), today())
        .unwrap();
    let tracked = list
        .items
        .iter()
        .find(|t| t.item.description.starts_with(name))
        .unwrap();
    ActionStatusChange {
        report_id: tracked.report_id,
        revision: tracked.report_revision,
        item_id: tracked.item.id,
        status,
        reason: reason.into(),
    }
}

#[test]
fn marking_an_item_done_saves_the_report_at_a_new_revision() {
    let library = library();
    let done = change(&library, "A6", ActionStatus::Done, "");
    let saved = library
        .store
        .set_action_status(&done, time(6, 15, 9))
        .unwrap();
    assert_eq!(saved.revision, 2);
    assert_eq!(saved.updated_at, time(6, 15, 9));
    assert_eq!(library.store.get(done.report_id).unwrap(), saved);
    let list = library
        .store
        .action_items(&ActionFilter::default(), today())
        .unwrap();
    assert_eq!(names(&list), ["A1", "A5", "A3", "A7", "A6", "A4", "A2"]);
    assert_eq!(list.overdue, 1);

    // The same change based on the old revision is stale: a conflict, and nothing is written.
    let mut stale = change(&library, "A5", ActionStatus::Done, "");
    stale.revision = 1;
    let error = library
        .store
        .set_action_status(&stale, time(6, 15, 10))
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Conflict);
    assert_eq!(library.store.get(done.report_id).unwrap(), saved);
}

#[test]
fn a_wont_do_keeps_its_reason_in_the_report_and_the_search_index() {
    let library = library();
    let wont = change(&library, "A5", ActionStatus::WontDo, "  ");
    let error = library
        .store
        .set_action_status(&wont, time(6, 15, 9))
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Invalid);
    assert!(library.store.search("redesign").unwrap().is_empty());

    let wont = ActionStatusChange {
        reason: "Replaced by the session redesign".into(),
        ..wont
    };
    let saved = library
        .store
        .set_action_status(&wont, time(6, 15, 9))
        .unwrap();
    let item = saved
        .action_items
        .iter()
        .find(|i| i.id == wont.item_id)
        .unwrap();
    assert_eq!(item.status, ActionStatus::WontDo);
    assert_eq!(item.status_reason, "Replaced by the session redesign");
    let hits = library.store.search("redesign").unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].report.id, library.ids[2]);
    assert!(library.store.check().unwrap().is_healthy());

    // Opened again, the reason no longer applies and leaves the index too.
    let reopen = change(&library, "A5", ActionStatus::Committed, "ignored");
    let saved = library
        .store
        .set_action_status(&reopen, time(6, 15, 10))
        .unwrap();
    let item = saved
        .action_items
        .iter()
        .find(|i| i.id == wont.item_id)
        .unwrap();
    assert_eq!(
        (item.status, item.status_reason.as_str()),
        (ActionStatus::Committed, "")
    );
    assert!(library.store.search("redesign").unwrap().is_empty());
}

#[test]
fn a_change_to_a_missing_report_or_item_is_not_found() {
    let library = library();
    let mut missing_item = change(&library, "A1", ActionStatus::Done, "");
    missing_item.item_id = ActionItemId::new(time(1, 1, 0));
    let error = library
        .store
        .set_action_status(&missing_item, time(6, 15, 9))
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotFound);
    let mut missing_report = change(&library, "A1", ActionStatus::Done, "");
    missing_report.report_id = PostmortemId::new(time(1, 1, 0));
    let error = library
        .store
        .set_action_status(&missing_report, time(6, 15, 9))
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotFound);
}

#[test]
fn related_incidents_are_past_reports_with_their_reasons() {
    let library = library();
    // R3 shares both services with R1 and has a factor like one of R1's; R4 and R5 came later.
    let related = library.store.related_incidents(library.ids[2], 5).unwrap();
    let ids: Vec<PostmortemId> = related.iter().map(|r| r.report.id).collect();
    assert_eq!(ids.first(), Some(&library.ids[0]), "{related:#?}");
    assert!(!ids.contains(&library.ids[3]) && !ids.contains(&library.ids[4]));
    assert!(!ids.contains(&library.ids[2]), "never itself");
    let first = &related[0];
    assert_eq!(
        first.reasons[..2],
        [
            RelatedReason::SharedServices {
                names: vec!["checkout".into(), "cache".into()]
            },
            RelatedReason::SimilarFactors { count: 1 },
        ]
    );
    assert!(
        first
            .explanation
            .starts_with("shares services checkout, cache; 1 similar contributing factor"),
        "{}",
        first.explanation
    );

    // The draft has no start time: it counts at its creation, after every other incident.
    let related = library.store.related_incidents(library.ids[4], 5).unwrap();
    let mut ids: Vec<PostmortemId> = related.iter().map(|r| r.report.id).collect();
    ids.sort();
    let mut expected = vec![library.ids[0], library.ids[2]];
    expected.sort();
    assert_eq!(ids, expected, "the reports sharing the checkout service");

    // The first report has no past.
    assert!(library
        .store
        .related_incidents(library.ids[0], 5)
        .unwrap()
        .is_empty());
    assert_eq!(
        library
            .store
            .related_incidents(PostmortemId::new(time(1, 1, 0)), 5)
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
}

/// The fixture library with two more reports that share only wording (the earlier one first).
fn library_with_similar_wording() -> (Library, Postmortem, Postmortem) {
    let library = library();
    let mut earlier = Postmortem::new("Nightly reindex stalled", "UTC", time(5, 1, 9));
    earlier.incident.started = Some(time(5, 1, 9));
    earlier.summary = "The nightly reindex stalled behind a backlog of thumbnails.".into();
    let mut later = Postmortem::new("Thumbnails missing", "UTC", time(5, 20, 9));
    later.incident.started = Some(time(5, 20, 9));
    later.summary = "A backlog of thumbnails grew while the reindex ran twice.".into();
    let earlier = library.store.insert(&earlier, time(5, 1, 9)).unwrap();
    let later = library.store.insert(&later, time(5, 20, 9)).unwrap();
    (library, earlier, later)
}

#[test]
fn similar_wording_alone_relates_reports_and_names_the_words() {
    let (library, earlier, later) = library_with_similar_wording();

    let related = library.store.related_incidents(later.id, 5).unwrap();
    assert_eq!(related.len(), 1, "{related:#?}");
    assert_eq!(related[0].report.id, earlier.id);
    let RelatedReason::SimilarWording { words } = &related[0].reasons[0] else {
        panic!("expected a wording reason: {:?}", related[0].reasons);
    };
    let mut words = words.clone();
    words.sort();
    assert_eq!(words, ["backlog", "reindex", "thumbnails"]);
    assert!(related[0].explanation.starts_with("similar wording ("));
}

#[test]
fn a_limit_keeps_the_best() {
    let library = library();
    let related = library.store.related_incidents(library.ids[4], 1).unwrap();
    assert_eq!(related.len(), 1);
    assert!(library
        .store
        .related_incidents(library.ids[4], 0)
        .unwrap()
        .is_empty());
}

#[test]
fn a_past_report_is_found_behind_many_better_matches_from_later_incidents() {
    let library = library();
    let mut earlier = Postmortem::new("Reindex slow", "UTC", time(5, 1, 9));
    earlier.incident.started = Some(time(5, 1, 9));
    earlier.summary = "The reindex took longer than planned during the night.".into();
    let earlier = library.store.insert(&earlier, time(5, 1, 9)).unwrap();
    let mut open = Postmortem::new("Thumbnails missing", "UTC", time(5, 20, 9));
    open.incident.started = Some(time(5, 20, 9));
    open.summary = "A backlog of thumbnails grew while the reindex ran twice.".into();
    let open = library.store.insert(&open, time(5, 20, 9)).unwrap();
    // More later reports than the first ranked window (240), each a better match for the words;
    // and enough other reports that the words stay rare enough to count (in at most a quarter).
    for index in 0..800 {
        let at = time(2, 1, 9) + Duration::minutes(index);
        let other = Postmortem::new("Disk full on a build host", "UTC", at);
        library.store.insert(&other, at).unwrap();
    }
    for index in 0..250 {
        let at = time(5, 21, 9) + Duration::minutes(index);
        let mut later = Postmortem::new("Thumbnails reindex backlog", "UTC", at);
        later.incident.started = Some(at);
        later.summary = "Thumbnails backlog: the reindex of thumbnails grew the backlog.".into();
        library.store.insert(&later, at).unwrap();
    }

    let related = library.store.related_incidents(open.id, 5).unwrap();
    assert!(
        related.iter().any(|found| found.report.id == earlier.id),
        "{related:#?}"
    );
    assert!(related
        .iter()
        .all(|found| found.report.started.is_some_and(|at| at <= time(5, 20, 9))));
}

#[test]
fn word_counts_kept_between_lookups_follow_every_write() {
    let (library, earlier, later) = library_with_similar_wording();
    let related = |store: &Store| -> Vec<PostmortemId> {
        store
            .related_incidents(later.id, 5)
            .unwrap()
            .into_iter()
            .map(|found| found.report.id)
            .collect()
    };
    assert_eq!(related(&library.store), [earlier.id]);
    // Later reports that use the same words make them too common to tell reports apart (held by
    // more than ten reports in a small library): the wording no longer relates the two.
    let mut common = Vec::new();
    for index in 0..12 {
        let at = time(6, 1, 9) + Duration::hours(index);
        let mut other = Postmortem::new("Thumbnails reindex backlog", "UTC", at);
        other.incident.started = Some(at);
        common.push(library.store.insert(&other, at).unwrap().id);
    }
    assert_eq!(related(&library.store), Vec::<PostmortemId>::new());
    // And rare again once they are gone.
    for id in common {
        library.store.delete(id).unwrap();
    }
    assert_eq!(related(&library.store), [earlier.id]);
}
