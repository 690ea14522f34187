//! Reading and writing a whole postmortem: the main row, its child rows and its search-index row.

use crate::ids::*;
use crate::model::*;
use crate::{Error, Result};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

pub(super) fn time_text(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn optional_time_text(time: Option<DateTime<Utc>>) -> Option<String> {
    time.map(time_text)
}

pub(super) fn parse_time(text: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|time| time.with_timezone(&Utc))
        .map_err(|error| corrupt(format!("bad time '{text}': {error}")))
}

pub(super) fn parse_optional_time(text: Option<String>) -> rusqlite::Result<Option<DateTime<Utc>>> {
    text.as_deref().map(parse_time).transpose()
}

pub(super) fn corrupt(message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        Box::<dyn std::error::Error + Send + Sync>::from(message),
    )
}

pub(super) fn parse_word<T>(text: &str, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    parse(text).ok_or_else(|| corrupt(format!("unknown value '{text}'")))
}

pub(super) fn parse_id<T: std::str::FromStr>(text: &str) -> rusqlite::Result<T> {
    text.parse()
        .map_err(|_| corrupt(format!("bad id '{text}'")))
}

/// The stored version of report `id`, loaded to be saved over: an error when there is none, and
/// a conflict (nothing written) when it is not at `revision`, the revision the edit was based on.
pub fn load_at_revision(
    connection: &Connection,
    id: PostmortemId,
    revision: i64,
) -> Result<Postmortem> {
    let Some(stored) = load(connection, id)? else {
        return Err(Error::NotFound(id.to_string()));
    };
    if stored.revision != revision {
        return Err(Error::Conflict {
            expected: revision,
            actual: stored.revision,
        });
    }
    Ok(stored)
}

/// What the store holds of a report about to be written.
#[derive(Clone, Copy)]
pub enum Previous<'a> {
    /// Nothing: the report is new (or was deleted).
    Nothing,
    /// This version, loaded in the same transaction: a list of child rows equal to its list is
    /// left as it is stored. An autosave usually changes one field, and rewriting every row of a
    /// report (with the indexes over them) was most of a save's pages.
    Loaded(&'a Postmortem),
}

/// Writes `report` in the open transaction: the main row (inserted or updated), then every list of
/// child rows that differs from `previous` replaced, then the search-index row replaced.
pub fn write(connection: &Connection, report: &Postmortem, previous: Previous<'_>) -> Result<()> {
    let insert = matches!(previous, Previous::Nothing);
    // Whether a list of child rows is stored as it is in `report` already.
    let kept = |same: fn(&Postmortem, &Postmortem) -> bool| match previous {
        Previous::Loaded(stored) => same(stored, report),
        Previous::Nothing => false,
    };
    let id = report.id.to_string();
    let owner = report.owner.as_ref();
    let answers = report.questions.answers();
    let main_row = params![
        id,
        report.revision,
        time_text(report.created_at),
        time_text(report.updated_at),
        report.title,
        report.status.as_str(),
        report.severity.map(Severity::as_str),
        report.time_zone,
        optional_time_text(report.incident.started),
        optional_time_text(report.incident.detected),
        optional_time_text(report.incident.mitigated),
        optional_time_text(report.incident.resolved),
        report.impact_scope.as_str(),
        owner.map(|o| o.participant.to_string()),
        owner.map(|o| o.criterion.as_str()),
        owner.map(|o| o.note.as_str()).unwrap_or_default(),
        optional_time_text(report.review.at),
        report.review.facilitator.map(|p| p.to_string()),
        report.review.devils_advocate.map(|p| p.to_string()),
        report.summary,
        report.customer_impact,
        report.monitoring,
        report.single_factor_reason,
        answers[0],
        answers[1],
        answers[2],
        answers[3],
        answers[4],
        report.went_well,
        report.got_lucky,
        report.external.summary,
        report.external.what_happened,
        report.external.what_we_are_doing,
        report.notes,
    ];
    const COLUMNS: &str = "id, revision, created_at, updated_at, title, status, severity, \
        time_zone, started_at, detected_at, mitigated_at, resolved_at, impact_scope, \
        owner_participant, owner_criterion, owner_note, review_at, review_facilitator, \
        review_devils_advocate, summary, customer_impact, monitoring, single_factor_reason, q_isolated_or_trend, \
        q_bug_or_class, q_work_not_done, q_similar_incidents, q_grows_with_scale, went_well, \
        got_lucky, external_summary, external_what_happened, external_what_we_are_doing, notes";
    let placeholders = (1..=34)
        .map(|n| format!("?{n}"))
        .collect::<Vec<_>>()
        .join(", ");
    if insert {
        connection
            .prepare_cached(&format!(
                "INSERT INTO postmortems ({COLUMNS}) VALUES ({placeholders})"
            ))?
            .execute(main_row)?;
    } else {
        // REPLACE would delete the row and cascade to the children; an upsert keeps it.
        let updates = COLUMNS
            .split(", ")
            .skip(1)
            .map(|column| format!("{column} = excluded.{column}"))
            .collect::<Vec<_>>()
            .join(", ");
        connection
            .prepare_cached(&format!(
                "INSERT INTO postmortems ({COLUMNS}) VALUES ({placeholders}) \
                 ON CONFLICT (id) DO UPDATE SET {updates}"
            ))?
            .execute(main_row)?;
    }

    // Each list's rows are replaced (deleted, then inserted in order) unless they are kept.
    let replace = |table: &str, same: fn(&Postmortem, &Postmortem) -> bool| -> Result<bool> {
        if kept(same) {
            return Ok(false);
        }
        connection
            .prepare_cached(&format!("DELETE FROM {table} WHERE postmortem_id = ?1"))?
            .execute([&id])?;
        Ok(true)
    };

    if replace("participants", |a, b| a.participants == b.participants)? {
        let mut statement = connection.prepare_cached(
            "INSERT INTO participants (postmortem_id, position, id, name, role) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (position, p) in report.participants.iter().enumerate() {
            statement.execute(params![
                id,
                position as i64,
                p.id.to_string(),
                p.name,
                p.role.as_str()
            ])?;
        }
    }
    let services = replace("services", |a, b| a.services == b.services)?;
    let tags = replace("tags", |a, b| a.tags == b.tags)?;
    for (table, names, changed) in [
        ("services", &report.services, services),
        ("tags", &report.tags, tags),
    ] {
        if !changed {
            continue;
        }
        let mut statement = connection.prepare_cached(&format!(
            "INSERT INTO {table} (postmortem_id, position, name) VALUES (?1, ?2, ?3)"
        ))?;
        for (position, name) in names.iter().enumerate() {
            statement.execute(params![id, position as i64, name])?;
        }
    }
    if replace("timeline_entries", |a, b| a.timeline == b.timeline)? {
        let mut statement = connection.prepare_cached(
            "INSERT INTO timeline_entries (postmortem_id, position, id, at, description, evidence, kind)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (position, e) in report.timeline.iter().enumerate() {
            statement.execute(params![
                id,
                position as i64,
                e.id.to_string(),
                time_text(e.at),
                e.description,
                e.evidence,
                e.kind.as_str()
            ])?;
        }
    }
    if replace("contributing_factors", |a, b| {
        a.contributing_factors == b.contributing_factors
    })? {
        let mut statement = connection.prepare_cached(
            "INSERT INTO contributing_factors (postmortem_id, position, id, description, category, why_it_made_sense)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (position, f) in report.contributing_factors.iter().enumerate() {
            statement.execute(params![
                id,
                position as i64,
                f.id.to_string(),
                f.description,
                f.category.as_str(),
                f.why_it_made_sense
            ])?;
        }
    }
    if replace("action_items", |a, b| a.action_items == b.action_items)? {
        let mut statement = connection.prepare_cached(
            "INSERT INTO action_items (postmortem_id, position, id, description, owner, due, priority,
                 kind, status, status_reason, tracking, done_when)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for (position, a) in report.action_items.iter().enumerate() {
            statement.execute(params![
                id,
                position as i64,
                a.id.to_string(),
                a.description,
                a.owner,
                a.due.map(|d| d.format("%Y-%m-%d").to_string()),
                a.priority.map(Priority::as_str),
                a.kind.as_str(),
                a.status.as_str(),
                a.status_reason,
                a.tracking,
                a.done_when
            ])?;
        }
    }
    if replace("glossary_entries", |a, b| a.glossary == b.glossary)? {
        let mut statement = connection.prepare_cached(
            "INSERT INTO glossary_entries (postmortem_id, position, id, term, definition) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (position, g) in report.glossary.iter().enumerate() {
            statement.execute(params![
                id,
                position as i64,
                g.id.to_string(),
                g.term,
                g.definition
            ])?;
        }
    }
    if replace("checklist_items", |a, b| {
        a.review_checklist == b.review_checklist
    })? {
        let mut statement = connection.prepare_cached(
            "INSERT INTO checklist_items (postmortem_id, position, question, checked, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (position, c) in report.review_checklist.iter().enumerate() {
            statement.execute(params![id, position as i64, c.question, c.checked, c.note])?;
        }
    }
    // A dismissal stored before glossary entries had ids names its entry by position, which the
    // load turns into the entry's id: such rows are rewritten with the ids whenever the glossary
    // changes, so they are kept only while it is kept too.
    if replace("hint_dismissals", |a, b| {
        a.glossary == b.glossary && a.dismissals == b.dismissals
    })? {
        let mut statement = connection.prepare_cached(
            "INSERT INTO hint_dismissals (postmortem_id, position, rule, field, matched_text, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (position, d) in report.dismissals.iter().enumerate() {
            statement.execute(params![
                id,
                position as i64,
                d.rule,
                d.field,
                d.matched_text,
                d.reason
            ])?;
        }
    }

    delete_search_row(connection, report.id, insert)?;
    connection
        .prepare_cached(
            "INSERT INTO postmortem_search (rowid, id, title, body) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            search_rowid(report.id),
            id,
            report.title,
            report.searchable_text()
        ])?;
    Ok(())
}

/// The rowid of a report's row in the search index, derived from the report's id (its random low
/// 62 bits), so that a save finds the row directly instead of reading the whole index for it.
pub(super) fn search_rowid(id: PostmortemId) -> i64 {
    let bits = id.as_uuid().as_u128() & ((1u128 << 62) - 1);
    i64::try_from(bits).unwrap_or_default()
}

/// Removes a report's row from the search index. `new` says the report was never stored (or was
/// deleted), so only a row at its derived rowid could be there. Rows written before rowids were
/// derived from ids are found by id, which reads the whole index once for each such report.
pub(super) fn delete_search_row(
    connection: &Connection,
    id: PostmortemId,
    new: bool,
) -> Result<()> {
    let removed = connection
        .prepare_cached("DELETE FROM postmortem_search WHERE rowid = ?1 AND id = ?2")?
        .execute(params![search_rowid(id), id.to_string()])?;
    if removed == 0 && !new {
        connection
            .prepare_cached("DELETE FROM postmortem_search WHERE id = ?1")?
            .execute([id.to_string()])?;
    }
    Ok(())
}

/// Collects the rows of one child table, in order.
fn children<T>(
    connection: &Connection,
    sql: &str,
    id: &str,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    connection
        .prepare_cached(sql)?
        .query_map([id], map)?
        .collect()
}

pub fn load(connection: &Connection, id: PostmortemId) -> Result<Option<Postmortem>> {
    let key = id.to_string();
    let main = connection
        .prepare_cached(
            "SELECT revision, created_at, updated_at, title, status, severity, time_zone,
                started_at, detected_at, mitigated_at, resolved_at, impact_scope,
                owner_participant, owner_criterion, owner_note, review_at, review_facilitator,
                review_devils_advocate, summary, customer_impact, monitoring, single_factor_reason,
                q_isolated_or_trend,
                q_bug_or_class, q_work_not_done, q_similar_incidents, q_grows_with_scale,
                went_well, got_lucky, external_summary, external_what_happened,
                external_what_we_are_doing, notes
             FROM postmortems WHERE id = ?1",
        )?
        .query_row([&key], |row| {
            let owner = match (
                row.get::<_, Option<String>>(12)?,
                row.get::<_, Option<String>>(13)?,
            ) {
                (Some(participant), Some(criterion)) => Some(Owner {
                    participant: parse_id(&participant)?,
                    criterion: parse_word(&criterion, OwnerCriterion::parse)?,
                    note: row.get(14)?,
                }),
                _ => None,
            };
            let optional_id = |index: usize| -> rusqlite::Result<Option<ParticipantId>> {
                row.get::<_, Option<String>>(index)?
                    .as_deref()
                    .map(parse_id)
                    .transpose()
            };
            Ok(Postmortem {
                id,
                revision: row.get(0)?,
                created_at: parse_time(&row.get::<_, String>(1)?)?,
                updated_at: parse_time(&row.get::<_, String>(2)?)?,
                title: row.get(3)?,
                status: parse_word(&row.get::<_, String>(4)?, Status::parse)?,
                severity: row
                    .get::<_, Option<String>>(5)?
                    .map(|s| parse_word(&s, Severity::parse))
                    .transpose()?,
                services: Vec::new(),
                tags: Vec::new(),
                time_zone: row.get(6)?,
                incident: IncidentTimes {
                    started: parse_optional_time(row.get(7)?)?,
                    detected: parse_optional_time(row.get(8)?)?,
                    mitigated: parse_optional_time(row.get(9)?)?,
                    resolved: parse_optional_time(row.get(10)?)?,
                },
                impact_scope: parse_word(&row.get::<_, String>(11)?, ImpactScope::parse)?,
                participants: Vec::new(),
                owner,
                review: ReviewMeeting {
                    at: parse_optional_time(row.get(15)?)?,
                    facilitator: optional_id(16)?,
                    devils_advocate: optional_id(17)?,
                },
                summary: row.get(18)?,
                customer_impact: row.get(19)?,
                monitoring: row.get(20)?,
                single_factor_reason: row.get(21)?,
                questions: HelpfulQuestions {
                    isolated_or_trend: row.get(22)?,
                    bug_or_class: row.get(23)?,
                    work_not_done: row.get(24)?,
                    similar_incidents: row.get(25)?,
                    grows_with_scale: row.get(26)?,
                },
                went_well: row.get(27)?,
                got_lucky: row.get(28)?,
                notes: row.get(32)?,
                timeline: Vec::new(),
                contributing_factors: Vec::new(),
                action_items: Vec::new(),
                external: ExternalMessage {
                    summary: row.get(29)?,
                    what_happened: row.get(30)?,
                    what_we_are_doing: row.get(31)?,
                },
                glossary: Vec::new(),
                review_checklist: Vec::new(),
                dismissals: Vec::new(),
            })
        })
        .optional()?;
    let Some(mut report) = main else {
        return Ok(None);
    };
    report.participants = children(
        connection,
        "SELECT id, name, role FROM participants WHERE postmortem_id = ?1 ORDER BY position",
        &key,
        |row| {
            Ok(Participant {
                id: parse_id(&row.get::<_, String>(0)?)?,
                name: row.get(1)?,
                role: parse_word(&row.get::<_, String>(2)?, Role::parse)?,
            })
        },
    )?;
    report.services = children(
        connection,
        "SELECT name FROM services WHERE postmortem_id = ?1 ORDER BY position",
        &key,
        |row| row.get(0),
    )?;
    report.tags = children(
        connection,
        "SELECT name FROM tags WHERE postmortem_id = ?1 ORDER BY position",
        &key,
        |row| row.get(0),
    )?;
    report.timeline = children(
        connection,
        "SELECT id, at, description, evidence, kind FROM timeline_entries
          WHERE postmortem_id = ?1 ORDER BY position",
        &key,
        |row| {
            Ok(TimelineEntry {
                id: parse_id(&row.get::<_, String>(0)?)?,
                at: parse_time(&row.get::<_, String>(1)?)?,
                description: row.get(2)?,
                evidence: row.get(3)?,
                kind: parse_word(&row.get::<_, String>(4)?, TimelineKind::parse)?,
            })
        },
    )?;
    report.contributing_factors = children(
        connection,
        "SELECT id, description, category, why_it_made_sense FROM contributing_factors
          WHERE postmortem_id = ?1 ORDER BY position",
        &key,
        |row| {
            Ok(ContributingFactor {
                id: parse_id(&row.get::<_, String>(0)?)?,
                description: row.get(1)?,
                category: parse_word(&row.get::<_, String>(2)?, FactorCategory::parse)?,
                why_it_made_sense: row.get(3)?,
            })
        },
    )?;
    report.action_items = children(
        connection,
        "SELECT id, description, owner, due, priority, kind, status, status_reason, tracking,
                done_when
           FROM action_items WHERE postmortem_id = ?1 ORDER BY position",
        &key,
        |row| action_item(row, 0),
    )?;
    report.glossary = children(
        connection,
        "SELECT position, id, term, definition FROM glossary_entries WHERE postmortem_id = ?1
          ORDER BY position",
        &key,
        |row| {
            // Rows written before entries had ids get one from their position.
            let id = match row.get::<_, Option<String>>(1)? {
                Some(text) => parse_id(&text)?,
                None => GlossaryEntryId::for_position(
                    usize::try_from(row.get::<_, i64>(0)?).unwrap_or_default(),
                ),
            };
            Ok(GlossaryEntry {
                id,
                term: row.get(2)?,
                definition: row.get(3)?,
            })
        },
    )?;
    report.review_checklist = children(
        connection,
        "SELECT question, checked, note FROM checklist_items WHERE postmortem_id = ?1 ORDER BY position",
        &key,
        |row| {
            Ok(ChecklistItem {
                question: row.get(0)?,
                checked: row.get(1)?,
                note: row.get(2)?,
            })
        },
    )?;
    report.dismissals = children(
        connection,
        "SELECT rule, field, matched_text, reason FROM hint_dismissals
          WHERE postmortem_id = ?1 ORDER BY position",
        &key,
        |row| {
            Ok(HintDismissal {
                rule: row.get(0)?,
                field: row.get(1)?,
                matched_text: row.get(2)?,
                reason: row.get(3)?,
            })
        },
    )?;
    report.key_glossary_dismissals_by_id();
    Ok(Some(report))
}

/// An action item from ten columns starting at `first`: id, description, owner, due, priority,
/// kind, status, status_reason, tracking, done_when.
pub(super) fn action_item(row: &Row<'_>, first: usize) -> rusqlite::Result<ActionItem> {
    Ok(ActionItem {
        id: parse_id(&row.get::<_, String>(first)?)?,
        description: row.get(first + 1)?,
        owner: row.get(first + 2)?,
        due: row
            .get::<_, Option<String>>(first + 3)?
            .map(|d| {
                NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                    .map_err(|e| corrupt(format!("bad date '{d}': {e}")))
            })
            .transpose()?,
        priority: row
            .get::<_, Option<String>>(first + 4)?
            .map(|p| parse_word(&p, Priority::parse))
            .transpose()?,
        kind: parse_word(&row.get::<_, String>(first + 5)?, ActionKind::parse)?,
        status: parse_word(&row.get::<_, String>(first + 6)?, ActionStatus::parse)?,
        status_reason: row.get(first + 7)?,
        tracking: row.get(first + 8)?,
        done_when: row.get(first + 9)?,
    })
}

const SUMMARY_COLUMNS: &str = "SELECT p.id, p.title, p.status, p.severity, p.started_at,
        p.time_zone, p.updated_at, p.revision,
        (SELECT name FROM participants o
          WHERE o.postmortem_id = p.id AND o.id = p.owner_participant),
        (SELECT json_group_array(name) FROM
            (SELECT name FROM services s WHERE s.postmortem_id = p.id ORDER BY position)),
        (SELECT json_group_array(name) FROM
            (SELECT name FROM tags t WHERE t.postmortem_id = p.id ORDER BY position))
   FROM postmortems p";

/// Library rows: all reports, most recent incident first; or only the reports `only`, in that
/// order (ids not found are left out). Owner, services and tags are gathered in one query.
pub fn list_summaries(
    connection: &Connection,
    only: Option<&[PostmortemId]>,
) -> Result<Vec<PostmortemSummary>> {
    let Some(only) = only else {
        return list_all_summaries(connection);
    };
    if only.is_empty() {
        return Ok(Vec::new());
    }
    let ids = super::json_array(only)?;
    let mut statement = connection.prepare_cached(&format!(
        "{SUMMARY_COLUMNS} WHERE p.id IN (SELECT value FROM json_each(?1))"
    ))?;
    let mut found: std::collections::HashMap<PostmortemId, PostmortemSummary> = statement
        .query_map([ids], summary)?
        .map(|row| row.map(|summary| (summary.id, summary)))
        .collect::<rusqlite::Result<_>>()?;
    Ok(only.iter().filter_map(|id| found.remove(id)).collect())
}

/// Every library row, most recent incident first. Services and tags are read in one pass over
/// each table rather than by two subqueries per report, which matters in a large library.
fn list_all_summaries(connection: &Connection) -> Result<Vec<PostmortemSummary>> {
    let names_of = |table: &str| -> Result<std::collections::HashMap<String, Vec<String>>> {
        let mut names: std::collections::HashMap<String, Vec<String>> =
            std::collections::HashMap::new();
        let mut statement = connection.prepare_cached(&format!(
            "SELECT postmortem_id, name FROM {table} ORDER BY postmortem_id, position"
        ))?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            names.entry(row.get(0)?).or_default().push(row.get(1)?);
        }
        Ok(names)
    };
    let mut services = names_of("services")?;
    let mut tags = names_of("tags")?;
    let mut statement = connection.prepare_cached(
        "SELECT p.id, p.title, p.status, p.severity, p.started_at, p.time_zone, p.updated_at,
                p.revision,
                (SELECT name FROM participants o
                  WHERE o.postmortem_id = p.id AND o.id = p.owner_participant)
           FROM postmortems p
          ORDER BY coalesce(p.started_at, p.created_at) DESC, p.id DESC",
    )?;
    let rows = statement
        .query_map([], |row| {
            let key: String = row.get(0)?;
            summary_with(
                row,
                services.remove(&key).unwrap_or_default(),
                tags.remove(&key).unwrap_or_default(),
            )
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn summary(row: &Row<'_>) -> rusqlite::Result<PostmortemSummary> {
    let names = |index: usize| -> rusqlite::Result<Vec<String>> {
        let json: String = row.get(index)?;
        serde_json::from_str(&json).map_err(|e| corrupt(e.to_string()))
    };
    summary_with(row, names(9)?, names(10)?)
}

/// A library row from the first nine summary columns (id, title, status, severity, started,
/// time zone, updated, revision, owner), with its services and tags read elsewhere.
fn summary_with(
    row: &Row<'_>,
    services: Vec<String>,
    tags: Vec<String>,
) -> rusqlite::Result<PostmortemSummary> {
    Ok(PostmortemSummary {
        id: parse_id(&row.get::<_, String>(0)?)?,
        title: row.get(1)?,
        status: parse_word(&row.get::<_, String>(2)?, Status::parse)?,
        severity: row
            .get::<_, Option<String>>(3)?
            .map(|s| parse_word(&s, Severity::parse))
            .transpose()?,
        started: parse_optional_time(row.get(4)?)?,
        time_zone: row.get(5)?,
        updated_at: parse_time(&row.get::<_, String>(6)?)?,
        revision: row.get(7)?,
        owner: row.get(8)?,
        services,
        tags,
    })
}
