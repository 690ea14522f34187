//! Typed identifiers. Each is a UUIDv7 made from a time the caller passes in, so ids sort by creation.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use ts_rs::TS;
use uuid::{NoContext, Timestamp, Uuid};

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[serde(transparent)]
        #[ts(type = "string")]
        pub struct $name(Uuid);

        impl $name {
            /// A new id whose time part is `now`.
            pub fn new(now: DateTime<Utc>) -> Self {
                Self(new_v7(now))
            }

            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = crate::Error;

            fn from_str(text: &str) -> crate::Result<Self> {
                Uuid::parse_str(text.trim()).map(Self).map_err(|_| {
                    crate::Error::Invalid(format!(
                        "'{text}' is not a valid id; ids look like 0193a0c4-5b7e-7c3d-9f10-2b4c6d8e0f12"
                    ))
                })
            }
        }
    };
}

typed_id!(
    /// Identifies one postmortem.
    PostmortemId
);
typed_id!(
    /// Identifies a participant within a postmortem.
    ParticipantId
);
typed_id!(
    /// Identifies a timeline entry.
    TimelineEntryId
);
typed_id!(
    /// Identifies a contributing factor.
    ContributingFactorId
);
typed_id!(
    /// Identifies an action item.
    ActionItemId
);
typed_id!(
    /// Identifies a glossary entry, so that its hints and their dismissals stay with it when
    /// other entries are added, removed or moved.
    GlossaryEntryId
);

impl GlossaryEntryId {
    /// The id of an entry that was stored before glossary entries had ids, made from its
    /// position: the same every time the stored report is read, until a save gives it for good.
    /// A UUIDv7 whose time is the epoch, so it never equals an id made at a real time.
    pub fn for_position(position: usize) -> Self {
        let mut bytes = [0u8; 10];
        bytes[2..].copy_from_slice(&(position as u64).to_be_bytes());
        Self(uuid::Builder::from_unix_timestamp_millis(0, &bytes).into_uuid())
    }
}

fn new_v7(now: DateTime<Utc>) -> Uuid {
    let seconds = u64::try_from(now.timestamp()).unwrap_or(0);
    Uuid::new_v7(Timestamp::from_unix(
        NoContext,
        seconds,
        now.timestamp_subsec_nanos(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn ids_carry_the_time_they_were_made_and_differ() {
        let now = Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).unwrap();
        let a = PostmortemId::new(now);
        let b = PostmortemId::new(now);
        assert_ne!(a, b);
        assert_eq!(a.as_uuid().get_version_num(), 7);
        let (seconds, _) = a.as_uuid().get_timestamp().unwrap().to_unix();
        assert_eq!(seconds as i64, now.timestamp());
    }

    #[test]
    fn glossary_ids_for_positions_are_stable_distinct_and_version_7() {
        let first = GlossaryEntryId::for_position(0);
        assert_eq!(first, GlossaryEntryId::for_position(0));
        assert_ne!(first, GlossaryEntryId::for_position(1));
        assert_eq!(first.as_uuid().get_version_num(), 7);
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        assert_ne!(GlossaryEntryId::new(now), first);
    }

    #[test]
    fn ids_round_trip_through_text_and_reject_garbage() {
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let id = ActionItemId::new(now);
        assert_eq!(id.to_string().parse::<ActionItemId>().unwrap(), id);
        assert!("not-an-id".parse::<ActionItemId>().is_err());
    }
}
