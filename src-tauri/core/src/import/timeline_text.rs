//! Dates, times and time zones as people write them in postmortems: "14:02 UTC", "4:19",
//! "08:52 PM", "2021-12-10 15:40", "30 July 2012, 02:33 IST", "2015-10-21T14:51:00-07:00", and
//! the lines that set them for what follows ("All times in PST", "2015-10-21 (all times UTC)").

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// A time zone as written: a fixed offset (from an abbreviation such as PST or an offset such as
/// +01:00) or an IANA zone, which knows its own daylight saving time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Zone {
    Fixed(FixedOffset),
    Named(Tz),
}

impl Zone {
    /// The instant of a local date and time in this zone (the earlier one when a clock change
    /// makes it ambiguous).
    pub fn instant(self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        match self {
            Zone::Fixed(offset) => offset
                .from_local_datetime(&local)
                .earliest()
                .map(|t| t.with_timezone(&Utc)),
            Zone::Named(tz) => tz
                .from_local_datetime(&local)
                .earliest()
                .map(|t| t.with_timezone(&Utc)),
        }
    }
}

/// Abbreviations in common use, with their offset in minutes and the IANA zone a report written in
/// them is best shown in. IST is read as India Standard Time.
const ABBREVIATIONS: [(&str, i32, &str); 26] = [
    ("UTC", 0, "UTC"),
    ("GMT", 0, "UTC"),
    ("Z", 0, "UTC"),
    ("PST", -8 * 60, "America/Los_Angeles"),
    ("PDT", -7 * 60, "America/Los_Angeles"),
    ("MST", -7 * 60, "America/Denver"),
    ("MDT", -6 * 60, "America/Denver"),
    ("CST", -6 * 60, "America/Chicago"),
    ("CDT", -5 * 60, "America/Chicago"),
    ("EST", -5 * 60, "America/New_York"),
    ("EDT", -4 * 60, "America/New_York"),
    ("AKST", -9 * 60, "America/Anchorage"),
    ("HST", -10 * 60, "Pacific/Honolulu"),
    ("WET", 0, "Europe/Lisbon"),
    ("WEST", 60, "Europe/Lisbon"),
    ("BST", 60, "Europe/London"),
    ("CET", 60, "Europe/Berlin"),
    ("CEST", 2 * 60, "Europe/Berlin"),
    ("EET", 2 * 60, "Europe/Helsinki"),
    ("EEST", 3 * 60, "Europe/Helsinki"),
    ("MSK", 3 * 60, "Europe/Moscow"),
    ("IST", 5 * 60 + 30, "Asia/Kolkata"),
    ("SGT", 8 * 60, "Asia/Singapore"),
    ("JST", 9 * 60, "Asia/Tokyo"),
    ("AEST", 10 * 60, "Australia/Sydney"),
    ("AEDT", 11 * 60, "Australia/Sydney"),
];

/// Names for whole regions, which follow daylight saving time.
const REGIONS: [(&str, &str); 5] = [
    ("PACIFIC", "America/Los_Angeles"),
    ("PT", "America/Los_Angeles"),
    ("ET", "America/New_York"),
    ("EASTERN", "America/New_York"),
    ("CT", "America/Chicago"),
];

/// The zone of an abbreviation, offset or IANA name, with the IANA name to show the report in.
pub fn zone_of(word: &str) -> Option<(Zone, Option<&'static str>)> {
    let upper = word.to_ascii_uppercase();
    for (name, minutes, iana) in ABBREVIATIONS {
        if upper == name {
            return Some((
                Zone::Fixed(FixedOffset::east_opt(minutes * 60)?),
                Some(iana),
            ));
        }
    }
    for (name, iana) in REGIONS {
        if upper == name {
            return Some((Zone::Named(iana.parse().ok()?), Some(iana)));
        }
    }
    if word.contains('/') {
        if let Ok(tz) = word.parse::<Tz>() {
            return Some((Zone::Named(tz), None));
        }
    }
    // UTC+2, GMT-05:00, +01:00, -0800
    let rest = upper
        .strip_prefix("UTC")
        .or_else(|| upper.strip_prefix("GMT"))
        .unwrap_or(&upper);
    offset(rest).map(|offset| (Zone::Fixed(offset), None))
}

fn offset(text: &str) -> Option<FixedOffset> {
    let (sign, digits) = if let Some(rest) = text.strip_prefix('+') {
        (1, rest)
    } else if let Some(rest) = text.strip_prefix('-').or_else(|| text.strip_prefix('−')) {
        (-1, rest)
    } else {
        return None;
    };
    // Only ASCII from here on, so that slicing by bytes is safe.
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == ':') {
        return None;
    }
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h.parse::<i32>().ok()?, m.parse::<i32>().ok()?),
        None if digits.len() == 4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        None if digits.len() <= 2 => (digits.parse().ok()?, 0),
        None => return None,
    };
    if hours > 14 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// A date, time and zone read from the start of a text, each part optional but not all absent.
#[derive(Debug, Clone, PartialEq)]
pub struct Stamp {
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    pub zone: Option<Zone>,
    /// The IANA zone to show the report in, when the zone was written as an abbreviation.
    pub zone_name: Option<&'static str>,
    /// Bytes of the text the stamp took, with the separators after it.
    pub len: usize,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month by its name or an abbreviation of at least three letters ("Oct", "Sept.").
fn month(word: &str) -> Option<u32> {
    let lower = word.to_ascii_lowercase();
    let lower = lower.trim_end_matches('.');
    if lower.len() < 3 {
        return None;
    }
    if lower == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|name| name.starts_with(lower))
        .and_then(|index| u32::try_from(index + 1).ok())
}

/// A small scanner over the bytes of a text.
struct Scan<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Scan<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn skip(&mut self, chars: &[char]) {
        let rest = self.rest();
        let trimmed = rest.trim_start_matches(|c: char| chars.contains(&c));
        self.at += rest.len() - trimmed.len();
    }

    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let rest = self.rest();
        let count = rest.bytes().take_while(u8::is_ascii_digit).count();
        if count < min || count > max {
            return None;
        }
        let value = rest[..count].parse().ok()?;
        self.at += count;
        Some(value)
    }

    fn word(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        let count = rest
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '/' || *c == '_' || *c == '.'))
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        let word = rest[..count].trim_end_matches('.');
        if word.is_empty() {
            return None;
        }
        self.at += word.len();
        Some(word)
    }

    fn eat(&mut self, prefix: &str) -> bool {
        if self.rest().starts_with(prefix) {
            self.at += prefix.len();
            true
        } else {
            false
        }
    }
}

fn iso_date(scan: &mut Scan) -> Option<NaiveDate> {
    let start = scan.at;
    let result = (|| {
        let year = scan.digits(4, 4)?;
        let separator = if scan.eat("-") {
            '-'
        } else if scan.eat("/") {
            '/'
        } else {
            return None;
        };
        let month = scan.digits(1, 2)?;
        if !scan.eat(&separator.to_string()) {
            return None;
        }
        let day = scan.digits(1, 2)?;
        NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
    })();
    if result.is_none() {
        scan.at = start;
    }
    result
}

/// "30 July 2012", "July 30, 2012", "Oct 21" (the year from `year`).
fn worded_date(scan: &mut Scan, year: Option<i32>) -> Option<NaiveDate> {
    let start = scan.at;
    let result = (|| {
        let (day, month) = if let Some(day) = scan.digits(1, 2) {
            scan.skip(&[' ']);
            let month = month(scan.word()?)?;
            (day, month)
        } else {
            let month = month(scan.word()?)?;
            scan.skip(&[' ']);
            let day = scan.digits(1, 2)?;
            let _ordinal = scan.eat("st") || scan.eat("nd") || scan.eat("rd") || scan.eat("th");
            (day, month)
        };
        let before_year = scan.at;
        scan.skip(&[',', ' ']);
        let year = match scan.digits(4, 4) {
            Some(found) => i32::try_from(found).ok()?,
            None => {
                scan.at = before_year;
                year?
            }
        };
        NaiveDate::from_ymd_opt(year, month, day)
    })();
    if result.is_none() {
        scan.at = start;
    }
    result
}

fn clock(scan: &mut Scan) -> Option<NaiveTime> {
    let start = scan.at;
    let result = (|| {
        let hour = scan.digits(1, 2)?;
        if !scan.eat(":") {
            return None;
        }
        let minute = scan.digits(2, 2)?;
        let mut second = 0;
        let mut nanos = 0;
        let before_seconds = scan.at;
        if scan.eat(":") {
            match scan.digits(2, 2) {
                Some(found) => {
                    second = found;
                    if scan.eat(".") {
                        let digits_start = scan.at;
                        let fraction = scan.digits(1, 9)?;
                        let width = u32::try_from(scan.at - digits_start).ok()?;
                        nanos = fraction * 10u32.pow(9 - width);
                    }
                }
                None => scan.at = before_seconds,
            }
        }
        let before_meridiem = scan.at;
        scan.skip(&[' ']);
        let lower = scan.rest().to_ascii_lowercase();
        let mut hour = hour;
        let meridiem = ["a.m.", "p.m.", "am", "pm", "a", "p"]
            .into_iter()
            .find(|m| {
                lower.starts_with(m)
                    && !lower[m.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            });
        match meridiem {
            Some(m) if hour <= 12 => {
                scan.at += m.len();
                let pm = m.starts_with('p');
                hour = match (hour, pm) {
                    (12, false) => 0,
                    (12, true) => 12,
                    (h, true) => h + 12,
                    (h, false) => h,
                };
            }
            _ => scan.at = before_meridiem,
        }
        NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
    })();
    if result.is_none() {
        scan.at = start;
    }
    result
}

fn zone_word(scan: &mut Scan) -> Option<(Zone, Option<&'static str>)> {
    let start = scan.at;
    scan.skip(&[' ', '(']);
    if scan.eat("Z") && !scan.rest().starts_with(|c: char| c.is_alphanumeric()) {
        return zone_of("Z");
    }
    let rest = scan.rest();
    // An offset, or a word such as UTC, UTC+2 or Europe/Berlin.
    let count = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || matches!(c, '/' | '_' | '+' | '-' | ':')))
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    let word = rest[..count].trim_end_matches([':', '-']);
    match zone_of(word) {
        Some(zone) if !word.is_empty() => {
            scan.at += word.len();
            scan.eat(")");
            Some(zone)
        }
        _ => {
            scan.at = start;
            None
        }
    }
}

/// Reads a stamp at the start of `text`, after any emphasis or brackets. `year` completes dates
/// written without one. A date alone or a time alone is a stamp; so is a full date and time with
/// its zone.
pub fn leading_stamp(text: &str, year: Option<i32>) -> Option<Stamp> {
    let mut scan = Scan { text, at: 0 };
    scan.skip(&[' ', '\t', '*', '_', '[', '(', '`', '~', '|']);
    if scan.rest().starts_with(|c: char| !c.is_alphanumeric()) {
        return None;
    }
    let date = iso_date(&mut scan).or_else(|| worded_date(&mut scan, year));
    if date.is_some() {
        if !scan.eat("T") {
            scan.skip(&[' ', ',', '\t']);
        }
        scan.eat("at ");
    }
    let time = clock(&mut scan);
    if date.is_none() && time.is_none() {
        return None;
    }
    // A date followed by more digits or a joined word is something else (a version, a tag).
    if time.is_none()
        && scan
            .rest()
            .starts_with(|c: char| !(c.is_whitespace() || ",.;):*_|]`".contains(c)))
    {
        return None;
    }
    let (zone, zone_name) = match time.and_then(|_| zone_word(&mut scan)) {
        Some((zone, name)) => (Some(zone), name),
        None => (None, None),
    };
    // The stamp must end at a word boundary.
    if scan.rest().starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    scan.skip(&[
        ' ', '\t', '*', '_', ']', ')', '`', '~', ':', '-', '–', '—', '|', ',', '.',
    ]);
    Some(Stamp {
        date,
        time,
        zone,
        zone_name,
        len: scan.at,
    })
}

/// The first full date anywhere in a text ("Incident on 2021-05-01", "2018-01-18, reddit hugs").
pub fn find_date(text: &str) -> Option<NaiveDate> {
    let mut starts = vec![0];
    starts.extend(
        text.char_indices()
            .filter(|(i, c)| {
                c.is_alphanumeric()
                    && text[..*i]
                        .chars()
                        .next_back()
                        .is_some_and(|p| !p.is_alphanumeric())
            })
            .map(|(i, _)| i),
    );
    starts.into_iter().find_map(|start| {
        let mut scan = Scan { text, at: start };
        let date = iso_date(&mut scan).or_else(|| worded_date(&mut scan, None))?;
        (!scan.rest().starts_with(|c: char| c.is_ascii_digit())).then_some(date)
    })
}

/// A time zone named anywhere in a short text such as "All times in PST" or "Timeline (UTC)".
pub fn zone_hint(text: &str) -> Option<(Zone, Option<&'static str>)> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '/' | '_' | '+' | '-' | ':')))
        .map(|word| word.trim_matches([':', '-']))
        .filter(|word| word.len() >= 2 || *word == "Z")
        .filter(|word| *word != "Z")
        .find_map(|word| {
            let upper = word.to_ascii_uppercase();
            // Short region words count only when written in capitals ("ET", not "et").
            if word.len() <= 3 && upper != word {
                return None;
            }
            if word.starts_with(['+', '-']) && !word.contains(':') {
                return None;
            }
            zone_of(word)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(text: &str) -> Option<Stamp> {
        leading_stamp(text, Some(2026))
    }

    fn hm(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    #[test]
    fn reads_the_common_ways_of_writing_a_time() {
        let s = stamp("14:02 UTC - Alert fires").unwrap();
        assert_eq!(s.time, hm(14, 2));
        assert_eq!(s.zone, Some(Zone::Fixed(FixedOffset::east_opt(0).unwrap())));
        assert_eq!(&"14:02 UTC - Alert fires"[s.len..], "Alert fires");

        let s = stamp("08:52 PM").unwrap();
        assert_eq!(s.time, hm(20, 52));
        assert_eq!(stamp("12:05 am").unwrap().time, hm(0, 5));

        let s = stamp("**30 July 2012, 02:33 IST.** The line tripped").unwrap();
        assert_eq!(s.date, NaiveDate::from_ymd_opt(2012, 7, 30));
        assert_eq!(s.time, hm(2, 33));
        assert_eq!(s.zone_name, Some("Asia/Kolkata"));
        assert_eq!(
            &"**30 July 2012, 02:33 IST.** The line tripped"[s.len..],
            "The line tripped"
        );

        let s = stamp("2021-12-10   15:40").unwrap();
        assert_eq!(s.date, NaiveDate::from_ymd_opt(2021, 12, 10));
        assert_eq!(s.time, hm(15, 40));

        let s = stamp("2015-10-21T14:51:30-07:00 deploy").unwrap();
        assert_eq!(s.time, NaiveTime::from_hms_opt(14, 51, 30));
        assert_eq!(
            s.zone,
            Some(Zone::Fixed(FixedOffset::west_opt(7 * 3600).unwrap()))
        );

        let s = stamp("Oct 21 14:51 PDT").unwrap();
        assert_eq!(s.date, NaiveDate::from_ymd_opt(2026, 10, 21));
        assert_eq!(
            s.zone,
            Some(Zone::Fixed(FixedOffset::west_opt(7 * 3600).unwrap()))
        );

        let s = stamp("2021-12-10").unwrap();
        assert_eq!(s.time, None);
        assert_eq!(stamp("09:00 (Europe/Berlin)").unwrap().zone_name, None);
        assert!(matches!(
            stamp("09:00 Europe/Berlin").unwrap().zone,
            Some(Zone::Named(_))
        ));
    }

    #[test]
    fn text_that_merely_starts_with_numbers_is_not_a_time() {
        for text in [
            "404 error means",
            "12 of the maximum 15 nodes",
            "10x capacity",
            "2nd call",
            "1.21B queries",
            "2021-12-10-rc1",
            "Maybe later",
            "",
            "4:5",
        ] {
            assert_eq!(stamp(text), None, "{text}");
        }
    }

    #[test]
    fn zone_hints_and_dates_in_running_text() {
        assert_eq!(
            zone_hint("All times in PST").unwrap().1,
            Some("America/Los_Angeles")
        );
        assert_eq!(
            zone_hint("2015-10-21 (*all times UTC*)").unwrap().1,
            Some("UTC")
        );
        assert_eq!(zone_hint("Timeline (UTC+02:00)").unwrap().1, None);
        assert!(zone_hint("Timeline").is_none());
        assert!(zone_hint("what went wrong at the et cetera").is_none());
        assert_eq!(
            find_date("# 2018-01-18, reddit hugs mybinder"),
            NaiveDate::from_ymd_opt(2018, 1, 18)
        );
        assert_eq!(
            find_date("Outage on March 3, 2024 in eu-west"),
            NaiveDate::from_ymd_opt(2024, 3, 3)
        );
        assert_eq!(find_date("Timeline167"), None);
    }
}
