//! Trends across the library: incidents per month by severity, the most affected services,
//! contributing-factor categories, median times to detect and resolve, and action items.
//!
//! The figures are computed by SQL in `store/history.rs`; this module holds their types and fills
//! the months without incidents, so that a chart's axis has no holes.

use crate::model::{FactorCategory, Severity};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which incidents the trends cover, by the day they started (UTC), both ends included. A report
/// with no start time counts by the day it was created.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct TrendsQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Trends {
    /// How many reports the figures cover.
    pub reports: u32,
    /// Every month from the first incident to the last, oldest first, months without incidents
    /// included.
    pub months: Vec<MonthCount>,
    /// The services named by the most reports, most first (at most ten).
    pub services: Vec<ServiceCount>,
    /// Every contributing-factor category, the most frequent first.
    pub factor_categories: Vec<CategoryCount>,
    /// From the start of the incident to its detection.
    pub time_to_detect: DurationStats,
    /// From the start of the incident to its resolution.
    pub time_to_resolve: DurationStats,
    pub actions: ActionCounts,
}

/// The incidents that started in one month (UTC), by severity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthCount {
    /// The month as `YYYY-MM`.
    pub month: String,
    pub sev1: u32,
    pub sev2: u32,
    pub sev3: u32,
    pub sev4: u32,
    pub sev5: u32,
    /// Reports with no severity set.
    pub unrated: u32,
    pub total: u32,
}

impl MonthCount {
    pub fn add(&mut self, severity: Option<Severity>, count: u32) {
        let slot = match severity {
            Some(Severity::Sev1) => &mut self.sev1,
            Some(Severity::Sev2) => &mut self.sev2,
            Some(Severity::Sev3) => &mut self.sev3,
            Some(Severity::Sev4) => &mut self.sev4,
            Some(Severity::Sev5) => &mut self.sev5,
            None => &mut self.unrated,
        };
        *slot += count;
        self.total += count;
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceCount {
    pub name: String,
    /// How many reports name the service.
    pub reports: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryCount {
    pub category: FactorCategory,
    /// How many contributing factors have the category.
    pub factors: u32,
    /// How many reports have at least one factor of the category.
    pub reports: u32,
}

/// The median of a duration over the reports that have both times.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DurationStats {
    /// The median in seconds, or null when no report has both times.
    pub median_seconds: Option<f64>,
    /// How many reports have both times.
    pub reports: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActionCounts {
    pub proposed: u32,
    pub committed: u32,
    pub done: u32,
    pub wont_do: u32,
    /// Open (proposed or committed) items due before today.
    pub overdue: u32,
}

/// The months from the first to the last of `counted` (sorted by month), with empty months added
/// between them.
pub fn fill_months(counted: Vec<MonthCount>) -> Vec<MonthCount> {
    let (Some(first), Some(last)) = (counted.first(), counted.last()) else {
        return counted;
    };
    let (Some(mut month), Some(end)) = (month_start(&first.month), month_start(&last.month)) else {
        return counted;
    };
    let mut by_month: std::collections::HashMap<String, MonthCount> = counted
        .into_iter()
        .map(|count| (count.month.clone(), count))
        .collect();
    let mut filled = Vec::new();
    while month <= end {
        let name = month.format("%Y-%m").to_string();
        filled.push(by_month.remove(&name).unwrap_or_else(|| MonthCount {
            month: name,
            ..MonthCount::default()
        }));
        let Some(next) = next_month(month) else { break };
        month = next;
    }
    filled
}

fn month_start(month: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()
}

fn next_month(date: NaiveDate) -> Option<NaiveDate> {
    if date.month() == 12 {
        NaiveDate::from_ymd_opt(date.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(date.year(), date.month() + 1, 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(name: &str, total: u32) -> MonthCount {
        let mut count = MonthCount {
            month: name.into(),
            ..MonthCount::default()
        };
        count.add(Some(Severity::Sev2), total);
        count
    }

    #[test]
    fn months_without_incidents_are_filled_in_across_a_year_end() {
        let filled = fill_months(vec![month("2025-11", 2), month("2026-02", 1)]);
        let names: Vec<&str> = filled.iter().map(|m| m.month.as_str()).collect();
        assert_eq!(names, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        let totals: Vec<u32> = filled.iter().map(|m| m.total).collect();
        assert_eq!(totals, [2, 0, 0, 1]);
        assert!(fill_months(Vec::new()).is_empty());
    }
}
