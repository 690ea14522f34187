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
use serde::{Deserialize, Serialize};
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

impl Store {
    /// One page of the library for `query`.
    pub fn library_page(&self, query: &LibraryQuery) -> Result<LibraryPage> {
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
                // Without filters the index alone answers; with them, each match is looked up.
                let join = if filter.is_empty() {
                    String::new()
                } else {
                    format!("JOIN postmortems p ON p.id = postmortem_search.id AND {filter}")
                };
                let mut all = vec![Value::Text(text.clone())];
                all.extend(values.iter().cloned());
                let mut statement = connection.prepare_cached(&format!(
                    "SELECT count(*) FROM postmortem_search {join}
                      WHERE postmortem_search MATCH ?"
                ))?;
                // The match goes last: the join's parameters come first in the statement.
                all.rotate_left(1);
                let total =
                    count(statement.query_row(rusqlite::params_from_iter(&all), |row| row.get(0))?);
                let mut statement = connection.prepare_cached(&format!(
                    "SELECT postmortem_search.rowid, postmortem_search.id FROM postmortem_search {join}
                      WHERE postmortem_search MATCH ?
                      ORDER BY bm25(postmortem_search, 0.0, 5.0, 1.0), postmortem_search.rowid
                      LIMIT ? OFFSET ?"
                ))?;
                all.push(Value::Integer(i64::from(limit)));
                all.push(Value::Integer(i64::from(query.offset)));
                let found = statement
                    .query_map(rusqlite::params_from_iter(&all), |row| {
                        Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                // Snippets only for this page, in one statement: a snippet reads and tokenises
                // its report's text, the costly part of a search, so none is made for the rows
                // of other pages.
                let rowids = serde_json::to_string(
                    &found.iter().map(|(rowid, _)| *rowid).collect::<Vec<_>>(),
                )
                .map_err(|error| crate::Error::Internal(error.to_string()))?;
                let mut statement = connection.prepare_cached(
                    "SELECT id, snippet(postmortem_search, -1, '[', ']', '…', 12)
                       FROM postmortem_search
                      WHERE postmortem_search MATCH ?1
                        AND rowid IN (SELECT value FROM json_each(?2))",
                )?;
                let mut snippets: std::collections::HashMap<String, String> = statement
                    .query_map(rusqlite::params![text, rowids], |row| {
                        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                let ids: Vec<String> = found.into_iter().map(|(_, id)| id).collect();
                for id in &ids {
                    snippets.entry(id.clone()).or_default();
                }
                (total, ids, Some(snippets))
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
    fn facets_list_each_service_and_tag_once_ignoring_case_in_the_order() {
        let (store, _) = library();
        let facets = store.library_facets().unwrap();
        assert_eq!(facets.services, ["api", "checkout", "Search"]);
        assert_eq!(facets.tags, ["db", "Network"]);
    }
}
