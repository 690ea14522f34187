//! Looking back over the library: related incidents, the action-item tracker and trends.
//!
//! The types the UI and the CLI receive live here, with the logic that needs no database: picking
//! a report's salient words, scoring and explaining related incidents, ordering and filtering
//! action items, and filling the months of a trend. The queries themselves are in
//! `store/history.rs`; they run through [`crate::store::Store`] like every other read and write.

pub mod actions;
pub mod related;
pub mod trends;

pub use actions::{ActionFilter, ActionItemList, ActionStatusChange, TrackedActionItem};
pub use related::{RelatedIncident, RelatedReason};
pub use trends::{
    ActionCounts, CategoryCount, DurationStats, MonthCount, ServiceCount, Trends, TrendsQuery,
};

#[cfg(test)]
mod tests;
