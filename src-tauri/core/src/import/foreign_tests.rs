//! The mapping of foreign postmortems, one way of writing at a time.

use super::*;
use crate::model::*;
use crate::testing::at;
use chrono::{NaiveDate, TimeZone, Utc};

fn read(text: &str) -> Postmortem {
    from_markdown(text, at(12, 0)).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

#[test]
fn a_timeline_table_takes_its_zone_from_the_header_and_its_date_from_the_heading() {
    let report = read(
        "# Queue backlog\n\n## Timeline, 2024-03-01\n\n\
         | Time (UTC+02:00) | Event | Link |\n| --- | --- | --- |\n\
         | 09:15 | Consumers stall | [graph](http://g) |\n| 09:40 | Queue drained |  |\n",
    );
    assert_eq!(report.timeline.len(), 2);
    assert_eq!(report.timeline[0].at, utc(2024, 3, 1, 7, 15));
    assert_eq!(report.timeline[0].description, "Consumers stall");
    assert_eq!(report.timeline[0].evidence, "Link: [graph](http://g)");
    assert_eq!(report.timeline[1].at, utc(2024, 3, 1, 7, 40));
}

#[test]
fn a_bullet_timeline_with_the_date_given_once_rolls_over_midnight() {
    let report = read(
        "# Night deploy\n\n## Timeline\n\nAll times in UTC.\n\n2024-03-01\n\n\
         - 23:50 Deploy starts\n- 23:58 - Error rate rises\n  to 5 %\n- 00:05 Rollback\n\
         - not a time, kept\n",
    );
    let times: Vec<_> = report.timeline.iter().map(|e| e.at).collect();
    assert_eq!(
        times,
        [
            utc(2024, 3, 1, 23, 50),
            utc(2024, 3, 1, 23, 58),
            utc(2024, 3, 2, 0, 5)
        ]
    );
    assert_eq!(report.timeline[1].description, "Error rate rises\nto 5 %");
    assert!(report.notes.contains("not a time, kept"));
    assert!(report.notes.contains("All times in UTC."));
}

#[test]
fn time_headings_carry_the_text_below_them() {
    let report = read(
        "# Cache\n\n## Timeline (all times CET)\n\n### 2024-03-01 14:02\n\nAlert fired.\n\n\
         ```\nerror rate 5%\n```\n\n### 14:30\n\nFixed.\n\n## Impact\n\nSlow pages.\n",
    );
    assert_eq!(report.time_zone, "Europe/Berlin");
    assert_eq!(report.timeline.len(), 2);
    assert_eq!(report.timeline[0].at, utc(2024, 3, 1, 13, 2));
    assert!(report.timeline[0]
        .description
        .contains("```\nerror rate 5%\n```"));
    assert_eq!(report.timeline[1].at, utc(2024, 3, 1, 13, 30));
    assert_eq!(report.customer_impact, "Slow pages.");
}

#[test]
fn zones_written_on_an_entry_win_over_the_section_zone() {
    let report = read(
        "# Zones\n\n## Timeline\n\nAll times in UTC\n\n\
         - 2024-07-04 14:02 PST first\n- 14:03 PDT second\n- 14:04 +05:30 third\n\
         - 14:05 Europe/Berlin fourth\n- 2024-07-04T14:06:00Z fifth\n",
    );
    let times: Vec<_> = report
        .timeline
        .iter()
        .map(|e| (e.description.as_str(), e.at))
        .collect();
    assert_eq!(
        times,
        [
            ("third", utc(2024, 7, 4, 8, 34)),
            ("fourth", utc(2024, 7, 4, 12, 5)),
            ("fifth", utc(2024, 7, 4, 14, 6)),
            ("second", utc(2024, 7, 4, 21, 3)),
            ("first", utc(2024, 7, 4, 22, 2)),
        ]
    );
}

#[test]
fn twelve_hour_times_and_worded_dates() {
    let report = read(
        "# Power\n\n## Timeline\n\nAll times in IST\n\n\
         **30 July 2012, 02:33 IST.** The line tripped.\n\n08:52 PM Restored.\n",
    );
    assert_eq!(report.timeline[0].at, utc(2012, 7, 29, 21, 3));
    assert_eq!(report.timeline[0].description, "The line tripped.");
    assert_eq!(report.timeline[1].at, utc(2012, 7, 30, 15, 22));
    assert_eq!(report.time_zone, "Asia/Kolkata");
}

#[test]
fn task_lists_become_action_items_with_owner_due_date_and_status() {
    let report = read(
        "# Checkout\n\n## Follow-ups\n\n\
         - [ ] Add an alert on queue depth (owner: Ana Lima, due 2026-01-10)\n\
         - [x] Roll back the cache change @ben\n\
         - Write the runbook\n\nEvery item has an issue.\n",
    );
    let items = &report.action_items;
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].owner, "Ana Lima");
    assert_eq!(items[0].due, NaiveDate::from_ymd_opt(2026, 1, 10));
    assert_eq!(items[0].status, ActionStatus::Committed);
    assert!(items[0]
        .description
        .starts_with("Add an alert on queue depth"));
    assert_eq!(items[1].status, ActionStatus::Done);
    assert_eq!(items[1].owner, "@ben");
    assert_eq!(items[2].status, ActionStatus::Proposed);
    assert!(report.notes.contains("Every item has an issue."));
}

#[test]
fn an_action_item_table_maps_its_columns() {
    let report = read(
        "# DNS\n\n## Corrective actions\n\n\
         | Action | Owner | Due date | Status | Priority | Ticket | Notes |\n\
         | --- | --- | --- | --- | --- | --- | --- |\n\
         | Lower the TTL | Ops | 2026-02-01 | In progress | P2 | OPS-12 | cheap |\n\
         | Add a second resolver | Net | someday | Won't do |  |  |  |\n",
    );
    let items = &report.action_items;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].description, "Lower the TTL");
    assert_eq!(items[0].owner, "Ops");
    assert_eq!(items[0].due, NaiveDate::from_ymd_opt(2026, 2, 1));
    assert_eq!(items[0].status, ActionStatus::Committed);
    assert_eq!(items[0].priority, Some(Priority::P2));
    assert_eq!(items[0].tracking, "OPS-12\nNotes: cheap");
    assert_eq!(items[1].status, ActionStatus::WontDo);
    assert_eq!(items[1].due, None);
    assert_eq!(items[1].tracking, "Due date: someday");
}

#[test]
fn action_item_groups_give_the_type_and_are_named_in_the_notes() {
    let report = read(
        "# X\n\n## Action items\n\n### Process\n\n- Update the runbook\n\n\
         ### Monitoring\n\n- Alert on lag\n",
    );
    assert_eq!(report.action_items[0].kind, ActionKind::Process);
    assert_eq!(report.action_items[1].kind, ActionKind::Detect);
    assert!(report.notes.contains("Process, Monitoring"));
}

#[test]
fn toml_front_matter_gives_the_metadata() {
    let report = read(
        "+++\ntitle = \"Login outage\"\ndate = 2024-05-02T10:00:00Z\nseverity = \"SEV-2\"\n\
         status = \"final\"\nservices = [\"auth\", \"gateway\"]\ntags = [\"oauth\"]\n\
         owner = \"Ana Lima\"\nlayout = \"post\"\n+++\n\nLogins failed.\n\n\
         ## Timeline\n\n- 10:05 Alert\n",
    );
    assert_eq!(report.title, "Login outage");
    assert_eq!(report.severity, Some(Severity::Sev2));
    assert_eq!(report.status, Status::Reviewed);
    assert_eq!(report.services, ["auth", "gateway"]);
    assert_eq!(report.tags, ["oauth"]);
    assert_eq!(report.owner_name(), Some("Ana Lima"));
    assert_eq!(report.incident.started, Some(utc(2024, 5, 2, 10, 0)));
    assert_eq!(report.timeline[0].at, utc(2024, 5, 2, 10, 5));
    assert_eq!(report.summary, "Logins failed.");
    assert!(report.notes.contains("- layout: post"));
}

#[test]
fn yaml_front_matter_that_does_not_parse_is_kept() {
    let report = read("---\ntitle: [unclosed\n---\n\n# Real title\n\nText.\n");
    assert_eq!(report.title, "Real title");
    assert!(report.notes.contains("title: [unclosed"));
}

#[test]
fn headings_map_by_meaning_and_unknown_ones_go_to_the_notes() {
    let report = read(
        "# Outage\n\n**Date**: 2024-01-02\n**Severity**: SEV1\n\nIntro.\n\n\
         ## Root causes\n\n- Disk full\n- No alert on disk\n\n## Trigger\n\nA log storm.\n\n\
         ## Detection\n\nA customer told us.\n\n## Resolution\n\nWe cleaned the disk.\n\n\
         ## Lessons learned\n\n### What went well\n\nFast rollback.\n\n### What went wrong\n\n\
         - Slow paging\n\n### Where we got lucky\n\nLow traffic.\n\n\
         ## Glossary\n\n- WAL: write-ahead log\n\n## Appendix: graphs\n\nSee the dashboard.\n",
    );
    assert_eq!(report.severity, Some(Severity::Sev1));
    let factors: Vec<(&str, FactorCategory)> = report
        .contributing_factors
        .iter()
        .map(|f| (f.description.as_str(), f.category))
        .collect();
    assert_eq!(
        factors,
        [
            ("Disk full", FactorCategory::Other),
            ("No alert on disk", FactorCategory::Other),
            ("A log storm.", FactorCategory::Other),
            ("Slow paging", FactorCategory::Process),
        ]
    );
    assert_eq!(report.monitoring, "A customer told us.");
    assert!(report.summary.starts_with("**Date**: 2024-01-02"));
    assert!(report
        .summary
        .contains("### Resolution\n\nWe cleaned the disk."));
    assert_eq!(report.went_well, "Fast rollback.");
    assert_eq!(report.got_lucky, "Low traffic.");
    assert_eq!(report.glossary[0].term, "WAL");
    assert_eq!(report.notes, "## Appendix: graphs\n\nSee the dashboard.");
}

#[test]
fn own_documents_are_told_from_foreign_ones() {
    let own = crate::export::markdown::internal(&crate::testing::full_report());
    assert!(is_own_format(&own));
    // Our section names without our front matter or tables are a foreign document.
    assert!(!is_own_format(
        "# T\n\n## Summary\n\nx\n\n## Timeline\n\n- 10:00 y\n"
    ));
    assert!(!is_own_format("---\ntitle: t\nimpact: big\n---\n"));
}

#[test]
fn a_timeline_without_any_date_is_kept_as_text() {
    let report = read("# No date\n\n## Timeline\n\n- 10:00 Alert\n- 10:05 Fix\n");
    assert!(report.timeline.is_empty());
    assert!(report.notes.contains("10:00 Alert"));
}

#[test]
fn reference_links_are_kept_when_their_section_moves() {
    let report = read(
        "# Links\n\n## Action items\n\n- Fix the [bug][b]\n\n## Other\n\nText.\n\n[b]: https://example.org/1\n",
    );
    assert_eq!(
        report.action_items[0].description,
        "Fix the [bug](https://example.org/1)"
    );
}

#[test]
fn the_pagerduty_and_gitlab_headings_find_their_sections() {
    for (heading, target) in [
        ("What Didn't Go So Well?", Target::WentWrong),
        ("What can be improved", Target::WentWrong),
        ("How'd We Do?", Target::Lessons),
        ("Overview", Target::Summary),
        ("What Happened", Target::Summary),
        ("Contributing Factors", Target::Factors),
        ("Root Cause Analysis", Target::Factors),
        ("Detection and Response", Target::Detection),
        ("Resolution and recovery", Target::Resolution),
        ("Responders", Target::People),
        ("Corrective actions", Target::Actions),
        ("Follow-up actions", Target::Actions),
        ("Impact", Target::Impact),
        ("Timeline (UTC)", Target::Timeline),
        ("Date", Target::Date),
        ("Update the date", Target::Notes),
    ] {
        let found = section_for_heading(heading).unwrap_or(Target::Notes);
        assert_eq!(found, target, "{heading}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, ..Default::default() })]

    /// Any mix of headings, tables, lists, times and zones imports without a panic.
    #[test]
    fn foreign_markdown_never_panics(
        text in "(# |## Timeline\n|## Action items\n|### |\\| Time \\| Event \\|\n\\| --- \\| --- \\|\n|\\| 10:00 \\| x \\|\n|- \\[ \\] |- \\[x\\] |- 14:02 PST |2024-03-01 |08:52 PM|UTC\\+2|ü|\\*\\*|\\[a\\]\\[b\\]|\\[b\\]: /x\n|\n|\\PC){0,120}"
    ) {
        let _ = from_markdown(&text, at(12, 0));
    }
}
