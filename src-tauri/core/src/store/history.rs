//! The queries behind looking back (see `history/`): related incidents, the action-item tracker
//! and its status changes, and trends. Figures are computed by SQL over the report tables.

use super::{json_array, rows, Store};
use crate::history::actions::{days_overdue, is_open, owner_key};
use crate::history::related::{self, Candidate, RelatedIncident, RelatedReason};
use crate::history::trends::{self, MonthCount};
use crate::history::{
    ActionCounts, ActionFilter, ActionItemList, ActionStatusChange, CategoryCount, DurationStats,
    ServiceCount, TrackedActionItem, Trends, TrendsQuery,
};
use crate::ids::PostmortemId;
use crate::model::{ActionStatus, FactorCategory, Postmortem, Severity, Status};
use crate::{Error, Result};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};
use std::collections::HashMap;

/// How many of the best full-text matches are considered as related incidents.
const TEXT_CANDIDATES: i64 = 60;

/// How many of the report's most frequent words are weighed for salience.
const FREQUENT_WORDS: usize = 40;

/// The date a report counts at in history: when the incident started, or else when the report
/// was written. As stored (UTC, RFC 3339), its text sorts in time order.
const REPORT_TIME: &str = "coalesce(p.started_at, p.created_at)";

/// Whether action item `a` is still to be done.
const OPEN: &str = "a.status IN ('proposed', 'committed')";

fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// A count from SQL as the UI's number type (never negative, capped).
pub(super) fn count(value: i64) -> u32 {
    u32::try_from(value.max(0)).unwrap_or(u32::MAX)
}

impl Store {
    /// The past reports most like report `id` (at most `limit`, best first), each with the
    /// reasons it was picked. "Past" means an incident that started (or, with no start time, a
    /// report created) no later than this one.
    pub fn related_incidents(
        &self,
        id: PostmortemId,
        limit: usize,
    ) -> Result<Vec<RelatedIncident>> {
        let connection = self.connection();
        let report = rows::load(&connection, id)?.ok_or_else(|| Error::NotFound(id.to_string()))?;
        if limit == 0 {
            return Ok(Vec::new());
        }
        let key = id.to_string();
        let time: String = connection.query_row(
            &format!("SELECT {REPORT_TIME} FROM postmortems p WHERE p.id = ?1"),
            [&key],
            |row| row.get(0),
        )?;

        let mut candidates: HashMap<PostmortemId, Candidate> = HashMap::new();
        fn candidate(
            candidates: &mut HashMap<PostmortemId, Candidate>,
            id: PostmortemId,
        ) -> &mut Candidate {
            candidates.entry(id).or_insert_with(|| Candidate {
                id,
                shared_services: Vec::new(),
                shared_tags: Vec::new(),
                factors: Vec::new(),
                text_rank: None,
            })
        }
        for (table, names) in [("services", &report.services), ("tags", &report.tags)] {
            if names.is_empty() {
                continue;
            }
            let mut statement = connection.prepare_cached(&format!(
                "SELECT n.postmortem_id, n.name FROM {table} n
                   JOIN postmortems p ON p.id = n.postmortem_id
                  WHERE n.name IN (SELECT value FROM json_each(?1))
                    AND n.postmortem_id <> ?2 AND {REPORT_TIME} <= ?3
                  ORDER BY n.postmortem_id, n.position"
            ))?;
            let shared = statement
                .query_map(params![json_array(names)?, key, time], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for (other, name) in shared {
                let entry = candidate(&mut candidates, other.parse()?);
                let list = if table == "services" {
                    &mut entry.shared_services
                } else {
                    &mut entry.shared_tags
                };
                if !list.contains(&name) {
                    list.push(name);
                }
            }
        }

        let salient = salient_words(&connection, &report, &self.word_counts)?;
        let mut text_rows: HashMap<PostmortemId, i64> = HashMap::new();
        if let Some(query) = related::any_word_query(&salient) {
            // The best matches are ranked from the index alone, and only the best `window` of
            // them are looked up to keep the past reports: reading each match's report for the
            // filter first costs a lookup per match, thousands for common words. When too few of
            // the window are in the past, the window grows until it holds enough or every match.
            let mut statement = connection.prepare_cached(&format!(
                "SELECT s.rowid, s.id, t.rank
                   FROM (SELECT rowid, bm25(postmortem_search, 0.0, 2.0, 1.0) AS rank
                           FROM postmortem_search WHERE postmortem_search MATCH ?1
                          ORDER BY rank LIMIT ?4) t
                   JOIN postmortem_search s ON s.rowid = t.rowid
                   JOIN postmortems p ON p.id = s.id
                  WHERE s.id <> ?2 AND {REPORT_TIME} <= ?3
                  ORDER BY t.rank LIMIT ?5"
            ))?;
            let mut window = TEXT_CANDIDATES * 4;
            let mut all_matches: Option<i64> = None;
            let matches = loop {
                let matches = statement
                    .query_map(params![query, key, time, window, TEXT_CANDIDATES], |row| {
                        Ok((
                            row.get::<_, i64>(0)?,
                            row.get::<_, String>(1)?,
                            row.get::<_, f64>(2)?,
                        ))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                if matches.len() as i64 >= TEXT_CANDIDATES {
                    break matches;
                }
                let total = match all_matches {
                    Some(total) => total,
                    None => {
                        let total = connection
                            .prepare_cached(
                                "SELECT count(*) FROM postmortem_search
                                  WHERE postmortem_search MATCH ?1",
                            )?
                            .query_row([&query], |row| row.get(0))?;
                        *all_matches.insert(total)
                    }
                };
                if window >= total {
                    break matches;
                }
                window *= 4;
            };
            for (rowid, other, rank) in matches {
                let other: PostmortemId = other.parse()?;
                candidate(&mut candidates, other).text_rank = Some(rank);
                text_rows.insert(other, rowid);
            }
        }
        if candidates.is_empty() {
            return Ok(Vec::new());
        }

        let best_rank = candidates
            .values()
            .filter_map(|c| c.text_rank)
            .min_by(f64::total_cmp);
        let ours = related::OurFactors::new(
            &report
                .contributing_factors
                .iter()
                .map(|factor| (factor.category, factor.description.clone()))
                .collect::<Vec<_>>(),
        );
        // The factors only add to a score, by at most `MAX_FACTOR_BONUS`: a candidate whose score
        // without them cannot reach the `limit`-th best is not worth loading its factors for.
        let mut base: Vec<(f64, PostmortemId)> = candidates
            .values()
            .map(|c| {
                (
                    related::score(&related::OurFactors::default(), c, best_rank)
                        .map_or(0.0, |s| s.score),
                    c.id,
                )
            })
            .collect();
        base.sort_by(|a, b| b.0.total_cmp(&a.0));
        let threshold = base.get(limit - 1).map_or(f64::NEG_INFINITY, |b| b.0);
        let worth: Vec<PostmortemId> = base
            .iter()
            .filter(|(score, _)| score + related::MAX_FACTOR_BONUS >= threshold)
            .map(|(_, id)| *id)
            .collect();
        let mut statement = connection.prepare_cached(
            "SELECT postmortem_id, category, description FROM contributing_factors
              WHERE postmortem_id IN (SELECT value FROM json_each(?1))
              ORDER BY postmortem_id, position",
        )?;
        let factors = statement
            .query_map([json_array(&worth)?], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (other, category, description) in factors {
            let category = FactorCategory::parse(&category).unwrap_or(FactorCategory::Other);
            if let Some(entry) = candidates.get_mut(&other.parse()?) {
                entry.factors.push((category, description));
            }
        }

        let mut scored: Vec<related::Scored> = worth
            .iter()
            .filter_map(|id| candidates.get(id))
            .filter_map(|c| related::score(&ours, c, best_rank))
            .collect();
        scored.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| b.id.cmp(&a.id)));
        scored.truncate(limit);

        let ids: Vec<PostmortemId> = scored.iter().map(|s| s.id).collect();
        let mut summaries: HashMap<PostmortemId, _> =
            rows::list_summaries(&connection, Some(&ids))?
                .into_iter()
                .map(|summary| (summary.id, summary))
                .collect();
        let mut text = connection.prepare_cached(
            "SELECT title || ' ' || body FROM postmortem_search WHERE rowid = ?1",
        )?;
        let mut related_incidents = Vec::with_capacity(scored.len());
        for mut found in scored {
            for reason in &mut found.reasons {
                if let RelatedReason::SimilarWording { words } = reason {
                    if let Some(rowid) = text_rows.get(&found.id) {
                        let other: String = text.query_row([rowid], |row| row.get(0))?;
                        *words = related::shared_words(&salient, &other);
                    }
                }
            }
            if let Some(summary) = summaries.remove(&found.id) {
                related_incidents.push(RelatedIncident {
                    explanation: related::explain(&found.reasons),
                    report: summary,
                    score: found.score,
                    reasons: found.reasons,
                });
            }
        }
        Ok(related_incidents)
    }

    /// Every action item of the library that passes `filter`: open items first, the overdue
    /// among them first (most overdue first), then by due date; done and won't-do items last,
    /// the most recent incident first. Overdue means due before `today`.
    pub fn action_items(&self, filter: &ActionFilter, today: NaiveDate) -> Result<ActionItemList> {
        let connection = self.connection();
        let owners = action_owners(&connection)?;
        // Owners are compared ignoring case in Rust (SQLite's lower() only folds ASCII); the
        // matching spellings go to SQL as a list.
        let owner_spellings: Option<Vec<String>> = match &filter.owner {
            Some(owner) => {
                let wanted = owner_key(owner);
                let mut statement =
                    connection.prepare_cached("SELECT DISTINCT owner FROM action_items")?;
                let spellings = statement
                    .query_map([], |row| row.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Some(
                    spellings
                        .into_iter()
                        .filter(|spelling| owner_key(spelling) == wanted)
                        .collect(),
                )
            }
            None => None,
        };
        let today_text = date_text(today);
        let owner_list = owner_spellings.as_deref().map(json_array).transpose()?;
        let limit = filter.limit.map_or(-1, i64::from);
        // The items that pass the filter. The counts and the page are two statements: a window
        // count over the sorted page would make SQLite keep and sort every row in full.
        let matching = format!(
            "FROM action_items a JOIN postmortems p ON p.id = a.postmortem_id
             WHERE (?1 IS NULL OR a.owner IN (SELECT value FROM json_each(?1)))
               AND (?2 IS NULL OR a.status = ?2)
               AND (?3 IS NULL OR a.kind = ?3)
               AND (NOT ?4 OR ({OPEN} AND a.due < ?5))"
        );
        let parameters = params![
            owner_list,
            filter.status.map(ActionStatus::as_str),
            filter.kind.map(|kind| kind.as_str()),
            filter.overdue_only,
            today_text,
        ];
        let (total, overdue): (i64, Option<i64>) = connection
            .prepare_cached(&format!(
                "SELECT count(*), sum({OPEN} AND a.due < ?5) {matching}"
            ))?
            .query_row(parameters, |row| Ok((row.get(0)?, row.get(1)?)))?;
        let mut statement = connection.prepare_cached(&format!(
            "SELECT p.id, p.title, p.status, p.revision,
                    a.id, a.description, a.owner, a.due, a.priority, a.kind, a.status,
                    a.status_reason, a.tracking, a.done_when
             {matching}
             ORDER BY {OPEN} DESC, ({OPEN} AND a.due < ?5) DESC,
                      CASE WHEN {OPEN} THEN a.due IS NULL END, CASE WHEN {OPEN} THEN a.due END,
                      {REPORT_TIME} DESC, p.id DESC, a.position
             LIMIT ?6"
        ))?;
        let items = statement
            .query_map(
                params![
                    owner_list,
                    filter.status.map(ActionStatus::as_str),
                    filter.kind.map(|kind| kind.as_str()),
                    filter.overdue_only,
                    today_text,
                    limit
                ],
                |row| {
                    let item = rows::action_item(row, 4)?;
                    Ok(TrackedActionItem {
                        report_id: rows::parse_id(&row.get::<_, String>(0)?)?,
                        report_title: row.get(1)?,
                        report_status: rows::parse_word(&row.get::<_, String>(2)?, Status::parse)?,
                        report_revision: row.get(3)?,
                        open: is_open(item.status),
                        days_overdue: days_overdue(item.status, item.due, today),
                        item,
                    })
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let overdue = overdue.unwrap_or(0);
        Ok(ActionItemList {
            items,
            total: count(total),
            overdue: count(overdue),
            owners,
        })
    }

    /// Marks one action item done, won't do (with a reason) or open again, in one transaction
    /// that also rewrites the report's search row. `change.revision` must be the report's
    /// current revision: otherwise nothing is written and the answer is a conflict. Returns the
    /// report at its new revision.
    pub fn set_action_status(
        &self,
        change: &ActionStatusChange,
        now: DateTime<Utc>,
    ) -> Result<Postmortem> {
        let reason = change.stored_reason()?;
        let mut connection = self.writer()?;
        let transaction = connection.transaction()?;
        let before = rows::load_at_revision(&transaction, change.report_id, change.revision)?;
        let mut report = before.clone();
        let Some(item) = report
            .action_items
            .iter_mut()
            .find(|item| item.id == change.item_id)
        else {
            return Err(Error::NotFound(format!(
                "{} (no action item {} in this postmortem; it may have been removed: reload the list)",
                change.report_id, change.item_id
            )));
        };
        item.status = change.status;
        item.status_reason = reason;
        report.validate()?;
        report.revision = before.revision + 1;
        report.updated_at = now;
        rows::write(&transaction, &report, rows::Previous::Loaded(&before))?;
        transaction.commit()?;
        Ok(report)
    }

    /// Trends over the reports whose incident falls within `query` (all reports by default).
    /// Overdue action items are those still open and due before `today`.
    pub fn trends(&self, query: &TrendsQuery, today: NaiveDate) -> Result<Trends> {
        let connection = self.connection();
        let from = query.from.map(date_text);
        let to = query.to.map(date_text);
        // Every figure is over the same reports: those whose incident day is in the range.
        let scope = format!(
            "WITH r AS MATERIALIZED (SELECT p.id, p.severity, p.started_at, p.detected_at, p.resolved_at,
                               {REPORT_TIME} AS at FROM postmortems p
                         WHERE (?1 IS NULL OR substr({REPORT_TIME}, 1, 10) >= ?1)
                           AND (?2 IS NULL OR substr({REPORT_TIME}, 1, 10) <= ?2))"
        );

        // Over the whole library, the counts of services, factors and action items need no join
        // with the reports in scope: every row of those tables belongs to a report.
        let whole_library = from.is_none() && to.is_none();
        let in_scope = |alias: &str| {
            if whole_library {
                String::new()
            } else {
                format!("JOIN r ON r.id = {alias}.postmortem_id")
            }
        };
        let (s_scope, f_scope, a_scope) = (in_scope("s"), in_scope("f"), in_scope("a"));
        let reports: i64 = connection
            .prepare_cached(&format!("{scope} SELECT count(*) FROM r"))?
            .query_row(params![from, to], |row| row.get(0))?;

        let mut months: Vec<MonthCount> = Vec::new();
        let mut statement = connection.prepare_cached(&format!(
            "{scope} SELECT substr(at, 1, 7) AS month, severity, count(*) FROM r
                      GROUP BY month, severity ORDER BY month"
        ))?;
        let rows = statement
            .query_map(params![from, to], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, Option<String>>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (month, severity, number) in rows {
            if months.last().is_none_or(|last| last.month != month) {
                months.push(MonthCount {
                    month,
                    ..MonthCount::default()
                });
            }
            if let Some(last) = months.last_mut() {
                last.add(severity.as_deref().and_then(Severity::parse), count(number));
            }
        }

        let services = connection
            .prepare_cached(&format!(
                "{scope} SELECT s.name, count(DISTINCT s.postmortem_id) AS reports
                           FROM services s {s_scope}
                          GROUP BY s.name ORDER BY reports DESC, s.name LIMIT 10"
            ))?
            .query_map(params![from, to], |row| {
                Ok(ServiceCount {
                    name: row.get(0)?,
                    reports: count(row.get(1)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;

        let mut by_category: HashMap<String, (i64, i64)> = connection
            .prepare_cached(&format!(
                "{scope} SELECT f.category, count(*), count(DISTINCT f.postmortem_id)
                           FROM contributing_factors f {f_scope}
                          GROUP BY f.category"
            ))?
            .query_map(params![from, to], |row| {
                Ok((row.get::<_, String>(0)?, (row.get(1)?, row.get(2)?)))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut factor_categories: Vec<CategoryCount> = FactorCategory::ALL
            .iter()
            .map(|category| {
                let (factors, reports) = by_category.remove(category.as_str()).unwrap_or((0, 0));
                CategoryCount {
                    category: *category,
                    factors: count(factors),
                    reports: count(reports),
                }
            })
            .collect();
        // Stable: equal counts keep the categories' own order.
        factor_categories.sort_by_key(|count| std::cmp::Reverse(count.factors));

        let time_to_detect = median_duration(&connection, &scope, "detected_at", &from, &to)?;
        let time_to_resolve = median_duration(&connection, &scope, "resolved_at", &from, &to)?;

        let mut actions = ActionCounts::default();
        let mut statement = connection.prepare_cached(&format!(
            "{scope} SELECT a.status, count(*),
                            sum(a.status IN ('proposed', 'committed') AND a.due < ?3)
                       FROM action_items a {a_scope}
                      GROUP BY a.status"
        ))?;
        let rows = statement
            .query_map(params![from, to, date_text(today)], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, Option<i64>>(2)?.unwrap_or(0),
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (status, number, late) in rows {
            let number = count(number);
            match ActionStatus::parse(&status) {
                Some(ActionStatus::Proposed) => actions.proposed += number,
                Some(ActionStatus::Committed) => actions.committed += number,
                Some(ActionStatus::Done) => actions.done += number,
                Some(ActionStatus::WontDo) => actions.wont_do += number,
                None => {}
            }
            actions.overdue += count(late);
        }

        Ok(Trends {
            reports: count(reports),
            months: trends::fill_months(months),
            services,
            factor_categories,
            time_to_detect,
            time_to_resolve,
            actions,
        })
    }
}

/// Every owner of an action item, once each (the first spelling met of those equal ignoring
/// case), sorted ignoring case.
fn action_owners(connection: &Connection) -> Result<Vec<String>> {
    let mut statement = connection.prepare_cached(
        "SELECT DISTINCT trim(owner) FROM action_items WHERE trim(owner) <> '' ORDER BY 1",
    )?;
    let spellings = statement
        .query_map([], |row| row.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut seen = std::collections::HashSet::new();
    let mut owners: Vec<String> = spellings
        .into_iter()
        .filter(|owner| seen.insert(owner_key(owner)))
        .collect();
    owners.sort_by_key(|owner| owner_key(owner));
    Ok(owners)
}

/// The median, in seconds, of `column` minus `started_at` over the reports in scope that have
/// both times, computed in SQL: the middle value in order, or the mean of the two middle values.
fn median_duration(
    connection: &Connection,
    scope: &str,
    column: &str,
    from: &Option<String>,
    to: &Option<String>,
) -> Result<DurationStats> {
    let (median, reports) = connection
        .prepare_cached(&format!(
            "{scope},
             d AS MATERIALIZED (
                SELECT round((julianday({column}) - julianday(started_at)) * 86400.0) AS seconds
                  FROM r WHERE {column} IS NOT NULL AND started_at IS NOT NULL),
             c AS (SELECT count(*) AS n FROM d)
             SELECT (SELECT avg(seconds) FROM
                        (SELECT seconds FROM d ORDER BY seconds
                          LIMIT 2 - (SELECT n FROM c) % 2 OFFSET ((SELECT n FROM c) - 1) / 2)),
                    (SELECT n FROM c)"
        ))?
        .query_row(params![from, to], |row| {
            Ok((row.get::<_, Option<f64>>(0)?, row.get::<_, i64>(1)?))
        })?;
    Ok(DurationStats {
        median_seconds: median,
        reports: count(reports),
    })
}

/// How far past the most a salient word may have a count goes: a word counted this many reports
/// above it is known to stay too common through as many changed rows.
const COUNT_MARGIN: i64 = 500;

/// The number of reports holding each word, as counted by the search index for earlier related
/// incidents, so that the common words most reports share (the costly ones to count: each is
/// counted up to the most a salient word may have) are not counted again for every report looked
/// at. A count holds exactly while nothing was written; a count above the salient limit stays
/// above it while fewer rows changed than its margin, as each changed row of the search index
/// adds or removes at most one report holding the word. The connection's total of changed rows
/// says what this connection wrote; `PRAGMA data_version`, whether another connection wrote.
#[derive(Debug, Default)]
pub(super) struct WordCounts {
    data_version: i64,
    /// Each word's count, capped, with the connection's total of changed rows when counted.
    counts: HashMap<String, (i64, u64)>,
}

/// The most words kept; past it the counts start over.
const WORD_COUNTS_KEPT: usize = 20_000;

/// The report's salient words: its most frequent content words, weighed by how few reports of
/// the library hold them (counted by the search index, or known from `counts`).
fn salient_words(
    connection: &Connection,
    report: &Postmortem,
    counts: &std::sync::Mutex<WordCounts>,
) -> Result<Vec<String>> {
    let text = format!("{}\n{}", report.title, report.searchable_text());
    let frequent = related::frequent_words(&text, FREQUENT_WORDS);
    let reports: i64 = connection
        .prepare_cached("SELECT count(*) FROM postmortems")?
        .query_row([], |row| row.get(0))?;
    // How many reports hold each word, counted by the search index and only up to one more than
    // the most a salient word may have (plus the margin): counting every report that holds a
    // common word would read its whole list of reports, and the exact number of a common word
    // is never used.
    let enough = related::common_above(count(reports)).floor() as i64 + 1;
    let data_version: i64 = connection.query_row("PRAGMA data_version", [], |row| row.get(0))?;
    let changes = connection.total_changes();
    let mut counts = counts
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if counts.data_version != data_version || counts.counts.len() > WORD_COUNTS_KEPT {
        counts.counts.clear();
        counts.data_version = data_version;
    }
    let mut statement = connection.prepare_cached(
        "SELECT count(*) FROM (SELECT 1 FROM postmortem_search
                                WHERE postmortem_search MATCH ?1 LIMIT ?2)",
    )?;
    let mut counted = Vec::with_capacity(frequent.len());
    for (word, frequency) in frequent {
        let known = counts.counts.get(&word).and_then(|&(holding, at)| {
            let changed = i64::try_from(changes.saturating_sub(at)).unwrap_or(i64::MAX);
            if changed == 0 {
                Some(holding)
            } else if holding.saturating_sub(changed) >= enough {
                // Still more than a salient word may have, which is all that is used.
                Some(enough)
            } else {
                None
            }
        });
        let holding = match known {
            Some(holding) => holding,
            None => {
                let phrase = format!("\"{}\"", word.replace('"', "\"\""));
                let holding: i64 = statement.query_row(
                    params![phrase, enough.saturating_add(COUNT_MARGIN)],
                    |row| row.get(0),
                )?;
                counts.counts.insert(word.clone(), (holding, changes));
                holding
            }
        };
        counted.push((word, frequency, count(holding)));
    }
    Ok(related::salient_words(
        &counted,
        count(reports),
        related::SALIENT_WORDS,
    ))
}
