//! The library as the app shows it: one page of reports at a time, in the library's order (most
//! recent incident first) or, for a search, best match first, narrowed by status, severity,
//! service and tag. A page costs the same in a library of ten reports or ten thousand: only its
//! own rows are built, and only its own search snippets are made.

use super::history::count;
use super::{fts_query, rows, Store};
use crate::ids::PostmortemId;
use crate::model::{PostmortemSummary, Severity, Status};
use crate::Result;
use rusqlite::types::Value;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::Ordering;
use ts_rs::TS;

/// Rows in a page when the query does not say.
pub const DEFAULT_PAGE_SIZE: u32 = 100;

/// The most rows one page may hold.
pub const MAX_PAGE_SIZE: u32 = 500;

/// What part of the library to show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct LibraryQuery {
    /// Words to search for: every word must occur, each as the start of a word. Blank for the
    /// whole library.
    pub text: String,
    pub status: Option<Status>,
    pub severity: Option<Severity>,
    /// Only reports naming this service (exactly as written).
    pub service: Option<String>,
    /// Only reports with this tag (exactly as written).
    pub tag: Option<String>,
    /// How many matching rows come before the page.
    pub offset: u32,
    /// How many rows at most; 0 means [`DEFAULT_PAGE_SIZE`]; at most [`MAX_PAGE_SIZE`].
    pub limit: u32,
}

/// One row of the library.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LibraryRow {
    pub report: PostmortemSummary,
    /// For a search: a short extract of the matching text, the matches between `[` and `]`.
    pub snippet: Option<String>,
}

/// A page of the library.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LibraryPage {
    pub rows: Vec<LibraryRow>,
    /// How many reports match the query in all, on every page.
    pub total: u32,
    /// How many reports the library holds.
    pub library_size: u32,
}

/// The services and tags used in the library, for the filter menus; each sorted, ignoring case.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LibraryFacets {
    pub services: Vec<String>,
    pub tags: Vec<String>,
}

/// The filters of a query as SQL over `postmortems p`, with their parameters.
fn filters(query: &LibraryQuery) -> (String, Vec<Value>) {
    let mut clauses = Vec::new();
    let mut values = Vec::new();
    if let Some(status) = query.status {
        clauses.push("p.status = ?");
        values.push(Value::Text(status.as_str().to_string()));
    }
    if let Some(severity) = query.severity {
        clauses.push("p.severity = ?");
        values.push(Value::Text(severity.as_str().to_string()));
    }
    if let Some(service) = &query.service {
        clauses
            .push("EXISTS (SELECT 1 FROM services s WHERE s.name = ? AND s.postmortem_id = p.id)");
        values.push(Value::Text(service.clone()));
    }
    if let Some(tag) = &query.tag {
        clauses.push("EXISTS (SELECT 1 FROM tags t WHERE t.postmortem_id = p.id AND t.name = ?)");
        values.push(Value::Text(tag.clone()));
    }
    (clauses.join(" AND "), values)
}

/// A search that matches at least this many reports, and at least half of the library, is a
/// search for common words, ordered without bm25 (see `Store::search_page`).
const COMMON_MATCHES: usize = 1_000;

/// The rows a page takes from an ordered list of matches.
#[derive(Debug, Clone, Copy)]
struct Window {
    offset: usize,
    limit: usize,
}

impl Window {
    fn of<T: Copy>(self, ordered: &[T]) -> Vec<T> {
        ordered
            .iter()
            .skip(self.offset)
            .take(self.limit)
            .copied()
            .collect()
    }
}

/// A search's page: the total, the ids of the page's reports in order, and their snippets.
struct Found {
    total: u32,
    ids: Vec<String>,
    snippets: HashMap<String, String>,
}

/// The id and snippet of each row of a page, by rowid.
type PageSnippets = HashMap<i64, (String, String)>;

impl Found {
    /// The page of `total` matches whose rows are `page`, in order, with their ids and snippets.
    fn of(total: u32, page: Vec<i64>, mut snippets: PageSnippets) -> Found {
        let mut ids = Vec::with_capacity(page.len());
        let mut by_id = HashMap::with_capacity(page.len());
        for rowid in page {
            if let Some((id, snippet)) = snippets.remove(&rowid) {
                by_id.insert(id.clone(), snippet);
                ids.push(id);
            }
        }
        Found {
            total,
            ids,
            snippets: by_id,
        }
    }
}

/// The rowids of a list as a JSON array, for `json_each`.
fn json_rowids(rowids: &[i64]) -> Result<String> {
    serde_json::to_string(rowids).map_err(|error| crate::Error::Internal(error.to_string()))
}

fn rowid_list(
    connection: &Connection,
    sql: &str,
    parameters: impl rusqlite::Params,
) -> Result<Vec<i64>> {
    let mut statement = connection.prepare_cached(sql)?;
    let rowids = statement
        .query_map(parameters, |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(rowids)
}

impl Store {
    /// Whether every row of the search index sits at the rowid derived from its report's id
    /// (`rows::search_rowid`), so that the rows of the reports passing a filter are known from
    /// their ids without reading the index's stored text (a read of every column of the row,
    /// whole report texts, for each match). Rows written before rowids were derived sit elsewhere
    /// until their report is saved again. Checked once: FTS5's table of row sizes (`_docsize`)
    /// lists every rowid of the index.
    fn search_rowids_derived(&self, connection: &Connection) -> Result<bool> {
        if self.search_rowids_derived.load(Ordering::Relaxed) {
            return Ok(true);
        }
        let mut statement = connection.prepare_cached("SELECT id FROM postmortems")?;
        let derived = statement
            .query_map([], |row| row.get::<_, String>(0))?
            .map(|id| Ok(rows::search_rowid(id?.parse::<PostmortemId>()?)))
            .collect::<Result<HashSet<i64>>>()?;
        let mut statement =
            connection.prepare_cached("SELECT id FROM postmortem_search_docsize")?;
        let mut indexed = statement.query([])?;
        while let Some(row) = indexed.next()? {
            if !derived.contains(&row.get::<_, i64>(0)?) {
                return Ok(false);
            }
        }
        self.search_rowids_derived.store(true, Ordering::Relaxed);
        Ok(true)
    }

    /// One page of a search for the FTS5 query `text` among the reports passing `filter` (over
    /// `postmortems p`, with its `values`).
    ///
    /// The order: best match first by bm25 (a word in the title counts five times one in the
    /// text), ties by rowid. A search for words so common that it matches half the library or
    /// more (and at least `common_from` reports) is ordered otherwise: bm25 gives a word held by
    /// half the reports or more no weight (its idf is clamped to a tiny constant), so its ranking
    /// would only say which reports use the words most densely, and computing it costs a read of
    /// every match's positions and length. Such a search lists the reports whose title holds the
    /// words first, then the others, each in the library's order (most recent incident first).
    ///
    /// Matches are read from the index alone (rowids); the reports passing the filters are known
    /// by the rowids derived from their ids, and snippets are made only for the page's rows.
    #[allow(clippy::too_many_arguments)]
    fn search_page(
        &self,
        connection: &Connection,
        text: &str,
        filter: &str,
        values: &[Value],
        window: Window,
        library_size: u32,
        common_from: usize,
    ) -> Result<Found> {
        if !self.search_rowids_derived(connection)? {
            return search_by_join(connection, text, filter, values, window);
        }
        // Whether the search is common, counted only as far as that needs.
        let common_from = common_from.max((library_size as usize).div_ceil(2));
        let counted: usize = connection
            .prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM postmortem_search
                                        WHERE postmortem_search MATCH ?1 LIMIT ?2)",
            )?
            .query_row(
                rusqlite::params![text, i64::try_from(common_from).unwrap_or(i64::MAX)],
                |row| row.get::<_, i64>(0),
            )?
            .try_into()
            .unwrap_or(0);
        let common = counted >= common_from;
        // The rows of the reports passing the filters, in the library's order (the covering
        // index `postmortems_library`, schema 4).
        let library_order = if filter.is_empty() {
            String::new()
        } else {
            format!("WHERE {filter}")
        };
        let library_order = format!(
            "SELECT p.id FROM postmortems p {library_order}
              ORDER BY coalesce(p.started_at, p.created_at) DESC, p.id DESC"
        );
        let passing = || -> Result<Vec<i64>> {
            let mut statement = connection.prepare_cached(&library_order)?;
            let rowids = statement
                .query_map(rusqlite::params_from_iter(values), |row| {
                    row.get::<_, String>(0)
                })?
                .map(|id| Ok(rows::search_rowid(id?.parse::<PostmortemId>()?)))
                .collect::<Result<Vec<i64>>>()?;
            Ok(rowids)
        };
        let (total, page, snippets) = if common {
            let in_title: HashSet<i64> = rowid_list(
                connection,
                "SELECT rowid FROM postmortem_search WHERE postmortem_search MATCH ?1",
                [format!("{{title}} : ({text})")],
            )?
            .into_iter()
            .collect();
            // Without filters, a page within the title matches is found by reading the library's
            // order only up to it; the matches are then walked once, for their number and the
            // page's snippets.
            let wanted = window.offset.saturating_add(window.limit);
            let titled = if filter.is_empty() && in_title.len() >= wanted {
                let mut statement = connection.prepare_cached(&library_order)?;
                let mut ids = statement.query([])?;
                let mut titled = Vec::with_capacity(wanted);
                while titled.len() < wanted {
                    let Some(row) = ids.next()? else { break };
                    let rowid = rows::search_rowid(row.get::<_, String>(0)?.parse()?);
                    if in_title.contains(&rowid) {
                        titled.push(rowid);
                    }
                }
                (titled.len() == wanted).then_some(titled)
            } else {
                None
            };
            match titled {
                Some(titled) => {
                    let page = window.of(&titled);
                    let (total, snippets) = count_and_snippets(connection, text, &page)?;
                    (total, page, snippets)
                }
                None => {
                    let matched: HashSet<i64> = rowid_list(
                        connection,
                        "SELECT rowid FROM postmortem_search WHERE postmortem_search MATCH ?1",
                        [text],
                    )?
                    .into_iter()
                    .collect();
                    let (title, rest): (Vec<i64>, Vec<i64>) = passing()?
                        .into_iter()
                        .filter(|rowid| matched.contains(rowid))
                        .partition(|rowid| in_title.contains(rowid));
                    let total = title.len() + rest.len();
                    let ordered: Vec<i64> = title.into_iter().chain(rest).collect();
                    let page = window.of(&ordered);
                    let snippets = page_snippets(connection, text, &page)?;
                    (total, page, snippets)
                }
            }
        } else {
            // bm25 for the matches passing the filters only: the `+` keeps the rowid list a
            // filter on the walk of the matches (as a constraint FTS5 would run the query once
            // for each listed rowid).
            let mut ranked: Vec<(f64, i64)> = if filter.is_empty() {
                let mut statement = connection.prepare_cached(
                    "SELECT bm25(postmortem_search, 0.0, 5.0, 1.0), rowid
                       FROM postmortem_search WHERE postmortem_search MATCH ?1",
                )?;
                let ranked = statement
                    .query_map([text], |row| Ok((row.get(0)?, row.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?;
                ranked
            } else {
                let mut statement = connection.prepare_cached(
                    "SELECT bm25(postmortem_search, 0.0, 5.0, 1.0), rowid
                       FROM postmortem_search WHERE postmortem_search MATCH ?1
                        AND +rowid IN (SELECT value FROM json_each(?2))",
                )?;
                let ranked = statement
                    .query_map(rusqlite::params![text, json_rowids(&passing()?)?], |row| {
                        Ok((row.get(0)?, row.get(1)?))
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                ranked
            };
            ranked.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let ordered: Vec<i64> = ranked.into_iter().map(|(_, rowid)| rowid).collect();
            let page = window.of(&ordered);
            let snippets = page_snippets(connection, text, &page)?;
            (ordered.len(), page, snippets)
        };
        Ok(Found::of(
            count(i64::try_from(total).unwrap_or(i64::MAX)),
            page,
            snippets,
        ))
    }
}

/// The number of the matches and the ids and snippets of the page's rows, in one walk.
fn count_and_snippets(
    connection: &Connection,
    text: &str,
    page: &[i64],
) -> Result<(usize, PageSnippets)> {
    let mut statement = connection.prepare_cached(
        "SELECT rowid,
                CASE WHEN +rowid IN (SELECT value FROM json_each(?2)) THEN id END,
                CASE WHEN +rowid IN (SELECT value FROM json_each(?2))
                     THEN snippet(postmortem_search, -1, '[', ']', '…', 12) END
           FROM postmortem_search WHERE postmortem_search MATCH ?1",
    )?;
    let mut rows = statement.query(rusqlite::params![text, json_rowids(page)?])?;
    let mut total = 0;
    let mut snippets = HashMap::with_capacity(page.len());
    while let Some(row) = rows.next()? {
        total += 1;
        if let (Some(id), Some(snippet)) = (
            row.get::<_, Option<String>>(1)?,
            row.get::<_, Option<String>>(2)?,
        ) {
            snippets.insert(row.get(0)?, (id, snippet));
        }
    }
    Ok((total, snippets))
}

/// The ids and snippets of the page's rows, by rowid, in one walk of the matches. A snippet
/// reads and tokenises its report's text, so none is made for the rows of other pages. The `+`
/// keeps the rowid list a filter: as a constraint, FTS5 would run the query once per rowid,
/// merging the lists of every word a prefix stands for each time.
fn page_snippets(connection: &Connection, text: &str, page: &[i64]) -> Result<PageSnippets> {
    if page.is_empty() {
        return Ok(HashMap::new());
    }
    let mut statement = connection.prepare_cached(
        "SELECT rowid, id, snippet(postmortem_search, -1, '[', ']', '…', 12)
           FROM postmortem_search
          WHERE postmortem_search MATCH ?1
            AND +rowid IN (SELECT value FROM json_each(?2))",
    )?;
    let snippets = statement
        .query_map(rusqlite::params![text, json_rowids(page)?], |row| {
            Ok((row.get(0)?, (row.get(1)?, row.get(2)?)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(snippets)
}

/// A search over an index with rows from before rowids were derived from report ids: each
/// match's report is looked up by the id stored in the index, and the matches are ranked by
/// bm25 (ties by rowid).
fn search_by_join(
    connection: &Connection,
    text: &str,
    filter: &str,
    values: &[Value],
    window: Window,
) -> Result<Found> {
    let join = if filter.is_empty() {
        String::new()
    } else {
        format!("JOIN postmortems p ON p.id = postmortem_search.id AND {filter}")
    };
    // The join's parameters come first in the statement, the match last.
    let mut all: Vec<Value> = values.to_vec();
    all.push(Value::Text(text.to_string()));
    let mut statement = connection.prepare_cached(&format!(
        "SELECT count(*) FROM postmortem_search {join}
          WHERE postmortem_search MATCH ?"
    ))?;
    let total = count(statement.query_row(rusqlite::params_from_iter(&all), |row| row.get(0))?);
    let mut statement = connection.prepare_cached(&format!(
        "SELECT postmortem_search.rowid FROM postmortem_search {join}
          WHERE postmortem_search MATCH ?
          ORDER BY bm25(postmortem_search, 0.0, 5.0, 1.0), postmortem_search.rowid
          LIMIT ? OFFSET ?"
    ))?;
    all.push(Value::Integer(
        i64::try_from(window.limit).unwrap_or(i64::MAX),
    ));
    all.push(Value::Integer(
        i64::try_from(window.offset).unwrap_or(i64::MAX),
    ));
    let page = statement
        .query_map(rusqlite::params_from_iter(&all), |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    let snippets = page_snippets(connection, text, &page)?;
    Ok(Found::of(total, page, snippets))
}

impl Store {
    /// One page of the library for `query`.
    pub fn library_page(&self, query: &LibraryQuery) -> Result<LibraryPage> {
        self.page(query, COMMON_MATCHES)
    }

    /// [`Store::library_page`], with searches of at least `common_from` matches (and half the
    /// library) ordered as common ones.
    fn page(&self, query: &LibraryQuery, common_from: usize) -> Result<LibraryPage> {
        let limit = match query.limit {
            0 => DEFAULT_PAGE_SIZE,
            limit => limit.min(MAX_PAGE_SIZE),
        };
        let connection = self.connection();
        let library_size =
            count(connection.query_row("SELECT count(*) FROM postmortems", [], |row| row.get(0))?);
        let (filter, mut values) = filters(query);
        let text = fts_query(&query.text);
        let (total, ids, snippets) = match &text {
            None => {
                let filter = if filter.is_empty() {
                    String::new()
                } else {
                    format!("WHERE {filter}")
                };
                let total = if filter.is_empty() {
                    library_size
                } else {
                    let mut statement = connection
                        .prepare_cached(&format!("SELECT count(*) FROM postmortems p {filter}"))?;
                    count(
                        statement
                            .query_row(rusqlite::params_from_iter(&values), |row| row.get(0))?,
                    )
                };
                // The order of the covering index `postmortems_library` (schema 4).
                let mut statement = connection.prepare_cached(&format!(
                    "SELECT p.id FROM postmortems p {filter}
                      ORDER BY coalesce(p.started_at, p.created_at) DESC, p.id DESC
                      LIMIT ? OFFSET ?"
                ))?;
                values.push(Value::Integer(i64::from(limit)));
                values.push(Value::Integer(i64::from(query.offset)));
                let ids = statement
                    .query_map(rusqlite::params_from_iter(&values), |row| {
                        row.get::<_, String>(0)
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                (total, ids, None)
            }
            Some(text) => {
                let found = self.search_page(
                    &connection,
                    text,
                    &filter,
                    &values,
                    Window {
                        offset: query.offset as usize,
                        limit: limit as usize,
                    },
                    library_size,
                    common_from,
                )?;
                (found.total, found.ids, Some(found.snippets))
            }
        };
        let ids = ids
            .iter()
            .map(|id| id.parse::<PostmortemId>())
            .collect::<Result<Vec<_>>>()?;
        let mut snippets = snippets;
        let rows = rows::list_summaries(&connection, Some(&ids))?
            .into_iter()
            .map(|report| LibraryRow {
                snippet: snippets
                    .as_mut()
                    .map(|s| s.remove(&report.id.to_string()).unwrap_or_default()),
                report,
            })
            .collect();
        Ok(LibraryPage {
            rows,
            total,
            library_size,
        })
    }

    /// Every service and tag named in the library.
    pub fn library_facets(&self) -> Result<LibraryFacets> {
        let connection = self.connection();
        let names = |table: &str| -> Result<Vec<String>> {
            let mut statement = connection.prepare_cached(&format!(
                "SELECT DISTINCT name FROM {table} ORDER BY lower(name), name"
            ))?;
            let names = statement
                .query_map([], |row| row.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            Ok(names)
        };
        Ok(LibraryFacets {
            services: names("services")?,
            tags: names("tags")?,
        })
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "a test fails loudly at its first surprise"
)]
mod tests {
    use super::*;
    use crate::testing::at;
    use chrono::Duration;

    /// Twelve reports, one a day; the newest last. Every third is reviewed and SEV2, every
    /// fourth names the service `Search` and has the tag `db`; report 7 speaks of a cache.
    fn library() -> (Store, Vec<PostmortemId>) {
        let store = Store::open_in_memory().unwrap();
        let mut ids = Vec::new();
        for index in 0..12 {
            let mut report = store
                .create(&format!("Incident {index:02}"), "UTC", at(9, 0))
                .unwrap();
            report.incident.started = Some(at(8, 0) + Duration::days(index));
            if index % 3 == 0 {
                report.status = Status::Reviewed;
                report.severity = Some(Severity::Sev2);
            }
            if index % 4 == 0 {
                report.services = vec!["Search".into(), "api".into()];
                report.tags = vec!["db".into()];
            } else {
                report.services = vec!["checkout".into()];
                report.tags = vec!["Network".into()];
            }
            report.summary = if index == 7 {
                "The cache evicted every session; the cache was cold for an hour.".into()
            } else {
                format!("Queue {index} backed up and the cache warmed slowly.")
            };
            ids.push(store.save(&report, at(9, 1)).unwrap().id);
        }
        (store, ids)
    }

    fn titles(page: &LibraryPage) -> Vec<String> {
        page.rows
            .iter()
            .map(|row| row.report.title.clone())
            .collect()
    }

    #[test]
    fn pages_follow_the_library_order_and_count_everything() {
        let (store, _) = library();
        let first = store
            .library_page(&LibraryQuery {
                limit: 5,
                ..LibraryQuery::default()
            })
            .unwrap();
        assert_eq!(
            titles(&first),
            [
                "Incident 11",
                "Incident 10",
                "Incident 09",
                "Incident 08",
                "Incident 07"
            ]
        );
        assert_eq!((first.total, first.library_size), (12, 12));
        assert!(first.rows.iter().all(|row| row.snippet.is_none()));
        let last = store
            .library_page(&LibraryQuery {
                limit: 5,
                offset: 10,
                ..LibraryQuery::default()
            })
            .unwrap();
        assert_eq!(titles(&last), ["Incident 01", "Incident 00"]);
        let past_the_end = store
            .library_page(&LibraryQuery {
                offset: 40,
                ..LibraryQuery::default()
            })
            .unwrap();
        assert!(past_the_end.rows.is_empty());
        assert_eq!(past_the_end.total, 12);
        // No limit: the default page, which holds the whole of this small library.
        let all = store.library_page(&LibraryQuery::default()).unwrap();
        assert_eq!(all.rows.len(), 12);
        assert_eq!(
            all.rows
                .iter()
                .map(|row| row.report.clone())
                .collect::<Vec<_>>(),
            store.list().unwrap(),
            "a page has the same rows as the full list"
        );
    }

    #[test]
    fn filters_narrow_the_page_and_its_total() {
        let (store, _) = library();
        let page = |query: LibraryQuery| store.library_page(&query).unwrap();
        let reviewed = page(LibraryQuery {
            status: Some(Status::Reviewed),
            ..LibraryQuery::default()
        });
        assert_eq!(
            titles(&reviewed),
            ["Incident 09", "Incident 06", "Incident 03", "Incident 00"]
        );
        assert_eq!((reviewed.total, reviewed.library_size), (4, 12));
        let search_service = page(LibraryQuery {
            service: Some("Search".into()),
            ..LibraryQuery::default()
        });
        assert_eq!(
            titles(&search_service),
            ["Incident 08", "Incident 04", "Incident 00"]
        );
        let both = page(LibraryQuery {
            service: Some("Search".into()),
            severity: Some(Severity::Sev2),
            tag: Some("db".into()),
            ..LibraryQuery::default()
        });
        assert_eq!(titles(&both), ["Incident 00"]);
        assert_eq!(both.total, 1);
        let exact = page(LibraryQuery {
            service: Some("search".into()),
            ..LibraryQuery::default()
        });
        assert_eq!(exact.total, 0, "a service is matched as written");
        let second_page = page(LibraryQuery {
            tag: Some("Network".into()),
            offset: 6,
            limit: 2,
            ..LibraryQuery::default()
        });
        assert_eq!(titles(&second_page), ["Incident 03", "Incident 02"]);
        assert_eq!(second_page.total, 9);
    }

    #[test]
    fn a_search_ranks_matches_pages_them_and_gives_each_its_snippet() {
        let (store, ids) = library();
        let page = |query: LibraryQuery| store.library_page(&query).unwrap();
        let cache = page(LibraryQuery {
            text: "cach".into(),
            limit: 3,
            ..LibraryQuery::default()
        });
        assert_eq!(cache.total, 12, "every summary speaks of the cache");
        assert_eq!(cache.rows[0].report.id, ids[7], "twice is the best match");
        for row in &cache.rows {
            let snippet = row.snippet.as_deref().unwrap();
            assert!(snippet.contains("[cache]"), "{snippet}");
        }
        let rest = page(LibraryQuery {
            text: "cach".into(),
            offset: 3,
            ..LibraryQuery::default()
        });
        assert_eq!(rest.rows.len(), 9);
        let mut seen: Vec<PostmortemId> = cache
            .rows
            .iter()
            .chain(&rest.rows)
            .map(|row| row.report.id)
            .collect();
        seen.sort();
        let mut all = ids.clone();
        all.sort();
        assert_eq!(seen, all, "the pages of a search hold every match once");

        let filtered = page(LibraryQuery {
            text: "queue".into(),
            status: Some(Status::Reviewed),
            ..LibraryQuery::default()
        });
        assert_eq!(
            filtered.total, 4,
            "report 9, 6, 3 and 0 are reviewed; 7 has no queue"
        );
        assert!(filtered
            .rows
            .iter()
            .all(|row| row.report.status == Status::Reviewed));
        let nothing = page(LibraryQuery {
            text: "kubernetes".into(),
            ..LibraryQuery::default()
        });
        assert_eq!((nothing.total, nothing.rows.len()), (0, 0));
        let punctuation = page(LibraryQuery {
            text: " \"* -".into(),
            ..LibraryQuery::default()
        });
        assert_eq!(punctuation.total, 12, "no words: the whole library");
    }

    #[test]
    fn a_search_for_common_words_lists_title_matches_first_then_the_library_order() {
        let (store, ids) = library();
        // Reports 2 and 5 name the cache in their title too.
        for index in [2, 5] {
            let mut report = store.get(ids[index]).unwrap();
            report.title = format!("Cache incident {index:02}");
            store.save(&report, at(9, 2)).unwrap();
        }
        // Every report speaks of the cache: with the threshold at one report, the search is common.
        let page = |query: LibraryQuery| store.page(&query, 1).unwrap();
        let cache = page(LibraryQuery {
            text: "cach".into(),
            limit: 4,
            ..LibraryQuery::default()
        });
        assert_eq!(cache.total, 12);
        assert_eq!(
            titles(&cache),
            [
                "Cache incident 05",
                "Cache incident 02",
                "Incident 11",
                "Incident 10"
            ]
        );
        assert!(cache.rows.iter().all(|row| row
            .snippet
            .as_deref()
            .unwrap()
            .to_lowercase()
            .contains("[cache]")));
        // Pages within the title matches (found without walking every match's report).
        for (offset, title) in [(0, "Cache incident 05"), (1, "Cache incident 02")] {
            let within = page(LibraryQuery {
                text: "cach".into(),
                offset,
                limit: 1,
                ..LibraryQuery::default()
            });
            assert_eq!(
                (titles(&within), within.total),
                (vec![title.to_string()], 12)
            );
            assert!(within.rows[0]
                .snippet
                .as_deref()
                .unwrap()
                .to_lowercase()
                .contains("[cache]"));
        }
        // The page after the title matches, and a page that starts among them.
        let later = page(LibraryQuery {
            text: "cach".into(),
            offset: 1,
            limit: 3,
            ..LibraryQuery::default()
        });
        assert_eq!(
            titles(&later),
            ["Cache incident 02", "Incident 11", "Incident 10"]
        );
        let rest = page(LibraryQuery {
            text: "cach".into(),
            offset: 4,
            ..LibraryQuery::default()
        });
        assert_eq!(rest.rows.len(), 8);
        assert_eq!(rest.rows[0].report.title, "Incident 09");
        // Filters narrow the total and the page alike.
        let reviewed = page(LibraryQuery {
            text: "cach".into(),
            status: Some(Status::Reviewed),
            ..LibraryQuery::default()
        });
        assert_eq!(reviewed.total, 4);
        assert_eq!(
            titles(&reviewed),
            ["Incident 09", "Incident 06", "Incident 03", "Incident 00"]
        );
        let tagged = page(LibraryQuery {
            text: "cach".into(),
            tag: Some("Network".into()),
            ..LibraryQuery::default()
        });
        assert_eq!(tagged.total, 9);
        assert_eq!(tagged.rows[0].report.title, "Cache incident 05");
        assert_eq!(tagged.rows[1].report.title, "Cache incident 02");
        // Below the threshold the same search is ranked by bm25: the title matches first (a word
        // in the title counts five times), then report 7, which says "cache" twice.
        let ranked = store
            .page(
                &LibraryQuery {
                    text: "cach".into(),
                    limit: 3,
                    ..LibraryQuery::default()
                },
                13,
            )
            .unwrap();
        let mut best: Vec<PostmortemId> =
            ranked.rows[..2].iter().map(|row| row.report.id).collect();
        best.sort();
        let mut titled = vec![ids[2], ids[5]];
        titled.sort();
        assert_eq!(best, titled);
        assert_eq!(ranked.rows[2].report.id, ids[7]);
    }

    #[test]
    fn index_rows_from_before_derived_rowids_are_still_found_and_filtered() {
        let (store, ids) = library();
        // Report 3's index row moves to another rowid, as rows written before rowids were
        // derived from report ids sit.
        let id = ids[3].to_string();
        store
            .connection()
            .execute_batch(&format!(
                "INSERT INTO postmortem_search (rowid, id, title, body)
                    SELECT 77, id, title, body FROM postmortem_search WHERE id = '{id}';
                 DELETE FROM postmortem_search WHERE id = '{id}' AND rowid <> 77;"
            ))
            .unwrap();
        let reviewed_queues = || {
            let page = store
                .library_page(&LibraryQuery {
                    text: "queue".into(),
                    status: Some(Status::Reviewed),
                    ..LibraryQuery::default()
                })
                .unwrap();
            let mut found: Vec<PostmortemId> = page.rows.iter().map(|row| row.report.id).collect();
            found.sort();
            (page, found)
        };
        let mut expected = vec![ids[0], ids[3], ids[6], ids[9]];
        expected.sort();
        let (queue, found) = reviewed_queues();
        assert_eq!(queue.total, 4);
        assert_eq!(found, expected);
        assert!(queue
            .rows
            .iter()
            .all(|row| row.snippet.as_deref().unwrap().contains("[Queue]")));
        // Saving the report puts its row at the derived rowid; the search is the same.
        let report = store.get(ids[3]).unwrap();
        store.save(&report, at(9, 3)).unwrap();
        let (saved, found) = reviewed_queues();
        assert_eq!(saved.total, 4);
        assert_eq!(found, expected);
    }

    #[test]
    fn a_ranked_search_counts_and_pages_only_the_filtered_matches() {
        let (store, ids) = library();
        let page = |query: LibraryQuery| store.library_page(&query).unwrap();
        let query = LibraryQuery {
            text: "cach".into(),
            service: Some("Search".into()),
            limit: 2,
            ..LibraryQuery::default()
        };
        let first = page(query.clone());
        let second = page(LibraryQuery {
            offset: 2,
            ..query.clone()
        });
        assert_eq!((first.total, second.total), (3, 3));
        assert_eq!((first.rows.len(), second.rows.len()), (2, 1));
        let mut found: Vec<PostmortemId> = first
            .rows
            .iter()
            .chain(&second.rows)
            .map(|row| row.report.id)
            .collect();
        found.sort();
        let mut expected = vec![ids[0], ids[4], ids[8]];
        expected.sort();
        assert_eq!(found, expected);
        // Two matches equally good: the order between them is the same on every page asked.
        assert_eq!(titles(&page(query.clone())), titles(&first));
    }

    #[test]
    fn facets_list_each_service_and_tag_once_ignoring_case_in_the_order() {
        let (store, _) = library();
        let facets = store.library_facets().unwrap();
        assert_eq!(facets.services, ["api", "checkout", "Search"]);
        assert_eq!(facets.tags, ["db", "Network"]);
    }
}
