//! Exports of a report: the internal document for the team and the external message for customers.

pub mod gate;
pub mod markdown;
