//! Related incidents: which past reports are most like this one, and why.
//!
//! The store gathers the candidates (reports sharing a service or a tag, and the best full-text
//! matches for this report's salient words, ranked by FTS5's bm25); this module scores them and
//! says in words why each was picked. Scores add up: each shared service counts more than a shared
//! tag, a similar contributing factor more than a merely shared category, and the wording counts
//! by its bm25 rank relative to the best match.

use crate::ids::PostmortemId;
use crate::model::{FactorCategory, PostmortemSummary};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

/// How many related incidents are shown when no limit is given.
pub const DEFAULT_LIMIT: usize = 5;

/// How many of the report's words are searched for.
pub const SALIENT_WORDS: usize = 12;

const SERVICE_WEIGHT: f64 = 3.0;
const TAG_WEIGHT: f64 = 2.0;
const SIMILAR_FACTOR_WEIGHT: f64 = 1.5;
/// Only the first few similar factors count, so that one long list does not outweigh the rest.
const SIMILAR_FACTORS_COUNTED: usize = 3;
const CATEGORY_WEIGHT: f64 = 0.5;
/// The most that contributing factors can add to a score: similar factors, counted up to their
/// cap (shared categories alone add less, at most 0.5 for each of the seven).
pub const MAX_FACTOR_BONUS: f64 = SIMILAR_FACTOR_WEIGHT * SIMILAR_FACTORS_COUNTED as f64;
const WORDING_WEIGHT: f64 = 4.0;
/// Below this share of the best match's rank, the wording alone is not a reason.
const WORDING_THRESHOLD: f64 = 0.25;
/// Two factors of the same category are similar when they share this many salient words.
const SHARED_FACTOR_WORDS: usize = 2;

/// A past report like this one, with the reasons it was picked.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RelatedIncident {
    pub report: PostmortemSummary,
    /// Higher is more alike; only the order means something.
    pub score: f64,
    pub reasons: Vec<RelatedReason>,
    /// The reasons in one line, such as "shares services checkout, cache; 2 similar contributing
    /// factors; similar wording (eviction, replica)".
    pub explanation: String,
}

/// One reason a report was picked.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum RelatedReason {
    /// Both reports name these services.
    SharedServices { names: Vec<String> },
    /// Both reports carry these tags.
    SharedTags { names: Vec<String> },
    /// This many of the other report's contributing factors resemble one of this report's: the
    /// same category and words in common.
    SimilarFactors { count: u32 },
    /// Both reports have contributing factors of these categories.
    SharedFactorCategories { categories: Vec<FactorCategory> },
    /// The full-text search for this report's salient words ranks the other report high; these
    /// are the words both share.
    SimilarWording { words: Vec<String> },
}

/// What the store found out about one candidate report.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: PostmortemId,
    pub shared_services: Vec<String>,
    pub shared_tags: Vec<String>,
    /// The candidate's contributing factors: category and description.
    pub factors: Vec<(FactorCategory, String)>,
    /// The bm25 rank of the candidate for this report's salient words (lower is better, as FTS5
    /// gives it), if it was among the best matches.
    pub text_rank: Option<f64>,
}

/// A candidate that passed, with its score and reasons (wording words are added by the store
/// once it has the few texts to compare).
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub id: PostmortemId,
    pub score: f64,
    pub reasons: Vec<RelatedReason>,
}

const STOP_WORDS: &[&str] = &[
    "about", "after", "again", "also", "been", "before", "being", "both", "because", "could",
    "does", "doing", "done", "during", "each", "from", "have", "having", "here", "into", "just",
    "more", "most", "much", "must", "only", "other", "ours", "over", "same", "should", "some",
    "such", "than", "that", "their", "them", "then", "there", "these", "they", "this", "those",
    "through", "under", "until", "very", "were", "what", "when", "where", "which", "while", "will",
    "with", "would", "your",
];

/// The words of a text as the search index splits them: runs of letters and digits, lower case.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    lowered_words(text).map(Cow::into_owned)
}

/// [`words`], borrowing the words already in lower case (most are) instead of copying them.
fn lowered_words(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| {
            if word
                .bytes()
                .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
            {
                Cow::Borrowed(word)
            } else {
                Cow::Owned(word.to_lowercase())
            }
        })
}

/// The longest stop word, in bytes: a longer word is none.
const LONGEST_STOP_WORD: usize = 7;

/// Whether a word can carry meaning: four characters or more, not only digits, not a stop word.
pub fn is_content_word(word: &str) -> bool {
    word.chars().count() >= 4
        && !word.chars().all(|c| c.is_ascii_digit())
        && (word.len() > LONGEST_STOP_WORD || !STOP_WORDS.contains(&word))
}

/// The content words of a text with how often each occurs, most frequent first (ties in
/// alphabetical order), at most `max`.
pub fn frequent_words(text: &str, max: usize) -> Vec<(String, u32)> {
    let mut counts: HashMap<Cow<'_, str>, u32> = HashMap::new();
    for word in lowered_words(text).filter(|word| is_content_word(word)) {
        *counts.entry(word).or_default() += 1;
    }
    let mut counted: Vec<(String, u32)> = counts
        .into_iter()
        .map(|(word, count)| (word.into_owned(), count))
        .collect();
    counted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counted.truncate(max);
    counted
}

/// The number of reports above which a word is too common to tell reports apart: a word in more
/// than a quarter of them tells little and makes the search slow; in a small library every shared
/// word counts.
pub fn common_above(reports: u32) -> f64 {
    (f64::from(reports.max(1)) * 0.25).max(10.0)
}

/// Picks the words that tell this report apart: frequent in it, found in other reports too (a
/// word only this report has finds nothing), and not in so many that it says nothing. Each word
/// comes with its frequency here and the number of reports holding it (this one included).
pub fn salient_words(counted: &[(String, u32, u32)], reports: u32, max: usize) -> Vec<String> {
    let common_above = common_above(reports);
    let reports = f64::from(reports.max(1));
    let mut scored: Vec<(f64, &str)> = counted
        .iter()
        .filter(|(_, _, holding)| *holding >= 2 && f64::from(*holding) <= common_above)
        .map(|(word, frequency, holding)| {
            let holding = f64::from(*holding);
            let rarity = ((reports - holding + 0.5) / (holding + 0.5)).ln_1p();
            (f64::from(*frequency).sqrt() * rarity, word.as_str())
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(max)
        .map(|(_, word)| word.to_string())
        .collect()
}

/// The FTS5 query that finds reports holding any of the words; each is quoted, so nothing in it
/// is read as query syntax.
pub fn any_word_query(words: &[String]) -> Option<String> {
    let quoted: Vec<String> = words
        .iter()
        .map(|word| format!("\"{}\"", word.replace('"', "\"\"")))
        .collect();
    (!quoted.is_empty()).then(|| quoted.join(" OR "))
}

fn content_word_set(text: &str) -> HashSet<String> {
    words(text).filter(|word| is_content_word(word)).collect()
}

/// This report's contributing factors as the comparison needs them: each category with the
/// content words of its description, worked out once for all the candidates.
#[derive(Debug, Clone, Default)]
pub struct OurFactors {
    factors: Vec<(FactorCategory, HashSet<String>)>,
}

impl OurFactors {
    pub fn new(factors: &[(FactorCategory, String)]) -> OurFactors {
        OurFactors {
            factors: factors
                .iter()
                .map(|(category, text)| (*category, content_word_set(text)))
                .collect(),
        }
    }

    fn has_category(&self, category: FactorCategory) -> bool {
        self.factors.iter().any(|(ours, _)| *ours == category)
    }
}

/// How many of `theirs` resemble one of `ours`: the same category and at least two content words
/// in common. Only the factors of a category we have are read word by word, each only until two
/// shared words are found.
pub fn similar_factor_count(ours: &OurFactors, theirs: &[(FactorCategory, String)]) -> usize {
    theirs
        .iter()
        .filter(|(category, text)| {
            let alike: Vec<&HashSet<String>> = ours
                .factors
                .iter()
                .filter(|(our_category, _)| our_category == category)
                .map(|(_, words)| words)
                .collect();
            if alike.is_empty() {
                return false;
            }
            // The shared words found so far, for each of our factors of the category.
            let mut shared: Vec<Vec<Cow<'_, str>>> = vec![Vec::new(); alike.len()];
            for word in lowered_words(text) {
                for (our_words, found) in alike.iter().zip(shared.iter_mut()) {
                    if our_words.contains(word.as_ref()) && !found.contains(&word) {
                        found.push(word.clone());
                        if found.len() >= SHARED_FACTOR_WORDS {
                            return true;
                        }
                    }
                }
            }
            false
        })
        .count()
}

/// Scores a candidate against this report's factors. `best_rank` is the best (lowest) bm25 rank
/// among all candidates. A candidate with nothing but common factor categories is not related.
pub fn score(ours: &OurFactors, candidate: &Candidate, best_rank: Option<f64>) -> Option<Scored> {
    let mut score = 0.0;
    let mut reasons = Vec::new();
    let mut related = false;
    if !candidate.shared_services.is_empty() {
        score += SERVICE_WEIGHT * candidate.shared_services.len() as f64;
        reasons.push(RelatedReason::SharedServices {
            names: candidate.shared_services.clone(),
        });
        related = true;
    }
    if !candidate.shared_tags.is_empty() {
        score += TAG_WEIGHT * candidate.shared_tags.len() as f64;
        reasons.push(RelatedReason::SharedTags {
            names: candidate.shared_tags.clone(),
        });
        related = true;
    }
    let similar = similar_factor_count(ours, &candidate.factors);
    if similar > 0 {
        score += SIMILAR_FACTOR_WEIGHT * similar.min(SIMILAR_FACTORS_COUNTED) as f64;
        reasons.push(RelatedReason::SimilarFactors {
            count: u32::try_from(similar).unwrap_or(u32::MAX),
        });
        related = true;
    } else {
        let shared: Vec<FactorCategory> = FactorCategory::ALL
            .iter()
            .copied()
            .filter(|category| ours.has_category(*category))
            .filter(|category| candidate.factors.iter().any(|(c, _)| c == category))
            .collect();
        if !shared.is_empty() {
            score += CATEGORY_WEIGHT * shared.len() as f64;
            reasons.push(RelatedReason::SharedFactorCategories { categories: shared });
        }
    }
    if let (Some(rank), Some(best)) = (candidate.text_rank, best_rank) {
        // bm25 ranks are negative, the best the most negative: the share of the best is in (0, 1].
        let share = if best < 0.0 {
            (rank / best).clamp(0.0, 1.0)
        } else {
            0.0
        };
        if share >= WORDING_THRESHOLD {
            score += WORDING_WEIGHT * share;
            reasons.push(RelatedReason::SimilarWording { words: Vec::new() });
            related = true;
        }
    }
    related.then_some(Scored {
        id: candidate.id,
        score,
        reasons,
    })
}

/// The salient words that also occur in `text`, in the order of `salient`.
pub fn shared_words(salient: &[String], text: &str) -> Vec<String> {
    let present = content_word_set(text);
    salient
        .iter()
        .filter(|word| present.contains(*word))
        .cloned()
        .collect()
}

/// The reasons in one line.
pub fn explain(reasons: &[RelatedReason]) -> String {
    let parts: Vec<String> = reasons
        .iter()
        .map(|reason| match reason {
            RelatedReason::SharedServices { names } => {
                format!(
                    "shares {} {}",
                    plural(names.len(), "service", "services"),
                    names.join(", ")
                )
            }
            RelatedReason::SharedTags { names } => {
                format!(
                    "shares {} {}",
                    plural(names.len(), "tag", "tags"),
                    names.join(", ")
                )
            }
            RelatedReason::SimilarFactors { count } => format!(
                "{count} similar {}",
                plural(
                    *count as usize,
                    "contributing factor",
                    "contributing factors"
                )
            ),
            RelatedReason::SharedFactorCategories { categories } => format!(
                "contributing factors of the same {} ({})",
                plural(categories.len(), "kind", "kinds"),
                categories
                    .iter()
                    .map(|category| category.label().to_lowercase())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            RelatedReason::SimilarWording { words } if words.is_empty() => {
                "similar wording".to_string()
            }
            RelatedReason::SimilarWording { words } => {
                format!("similar wording ({})", words.join(", "))
            }
        })
        .collect();
    parts.join("; ")
}

fn plural(count: usize, one: &'static str, many: &'static str) -> &'static str {
    if count == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn candidate() -> Candidate {
        Candidate {
            id: PostmortemId::new(DateTime::UNIX_EPOCH),
            shared_services: Vec::new(),
            shared_tags: Vec::new(),
            factors: Vec::new(),
            text_rank: None,
        }
    }

    #[test]
    fn words_are_split_and_lowered_like_the_index_does() {
        let found: Vec<String> = words("Cache-eviction didn't REPLICATE, 2026").collect();
        assert_eq!(
            found,
            ["cache", "eviction", "didn", "t", "replicate", "2026"]
        );
        assert!(!is_content_word("2026"));
        assert!(!is_content_word("were"));
        assert!(!is_content_word("db"));
        assert!(is_content_word("cache"));
    }

    #[test]
    fn frequent_words_count_content_words_only() {
        let counted = frequent_words("The cache and the cache; the replica lagged.", 10);
        assert_eq!(
            counted,
            [
                ("cache".to_string(), 2),
                ("lagged".to_string(), 1),
                ("replica".to_string(), 1)
            ]
        );
    }

    #[test]
    fn salient_words_skip_unique_and_common_words() {
        let counted = vec![
            ("cache".to_string(), 5, 400),   // in 40% of reports: says nothing
            ("eviction".to_string(), 3, 12), // rare and frequent here: first
            ("replica".to_string(), 1, 12),  // as rare, less frequent here
            ("zanzibar".to_string(), 9, 1),  // only in this report: finds nothing
            ("latency".to_string(), 3, 200), // in 20%: kept, but after the rare ones
        ];
        assert_eq!(
            salient_words(&counted, 1000, 10),
            ["eviction", "replica", "latency"]
        );
        assert_eq!(salient_words(&counted, 1000, 1), ["eviction"]);
    }

    #[test]
    fn queries_quote_every_word() {
        let query = any_word_query(&["cache".into(), "a\"b".into()]).unwrap();
        assert_eq!(query, "\"cache\" OR \"a\"\"b\"");
        assert_eq!(any_word_query(&[]), None);
    }

    #[test]
    fn factors_are_similar_with_the_same_category_and_two_shared_words() {
        let ours = vec![(
            FactorCategory::Technical,
            "The cache eviction setting reached every region at once".to_string(),
        )];
        let theirs = vec![
            (
                FactorCategory::Technical,
                "An eviction setting was too low".to_string(),
            ),
            (
                FactorCategory::Process,
                "The eviction setting had no review".to_string(),
            ),
            (FactorCategory::Technical, "The cache was cold".to_string()),
        ];
        assert_eq!(similar_factor_count(&OurFactors::new(&ours), &theirs), 1);
    }

    #[test]
    fn shared_factor_words_are_counted_once_each_whatever_their_case() {
        let ours = OurFactors::new(&[(
            FactorCategory::Technical,
            "The réplica eviction stalled".to_string(),
        )]);
        let theirs = |text: &str| vec![(FactorCategory::Technical, text.to_string())];
        assert_eq!(
            similar_factor_count(&ours, &theirs("Eviction, EVICTION and eviction again")),
            0,
            "one word shared three times is one shared word"
        );
        assert_eq!(similar_factor_count(&ours, &theirs("RÉPLICA EVICTION")), 1);
        assert_eq!(
            similar_factor_count(&ours, &theirs("The the the stalled")),
            0,
            "stop words and short words are not content words"
        );
        assert_eq!(
            frequent_words("Réplica RÉPLICA réplica Cache", 2),
            [("réplica".to_string(), 3), ("cache".to_string(), 1)]
        );
    }

    #[test]
    fn shared_services_tags_and_wording_add_up_and_explain_themselves() {
        let ours = vec![(
            FactorCategory::Process,
            "Config rollout went everywhere".to_string(),
        )];
        let mut other = candidate();
        other.shared_services = vec!["checkout".into(), "cache".into()];
        other.shared_tags = vec!["config".into()];
        other.factors = vec![(
            FactorCategory::Process,
            "Rollout went everywhere at once".into(),
        )];
        other.text_rank = Some(-4.0);
        let scored = score(&OurFactors::new(&ours), &other, Some(-8.0)).unwrap();
        assert!(
            (scored.score - (6.0 + 2.0 + 1.5 + 2.0)).abs() < 1e-9,
            "{}",
            scored.score
        );
        assert_eq!(
            explain(&scored.reasons),
            "shares services checkout, cache; shares tag config; 1 similar contributing factor; \
             similar wording"
        );
    }

    #[test]
    fn common_categories_alone_or_weak_wording_are_not_enough() {
        let ours = vec![(FactorCategory::Technical, "Disk filled up".to_string())];
        let mut other = candidate();
        other.factors = vec![(FactorCategory::Technical, "Certificate expired".into())];
        other.text_rank = Some(-1.0);
        assert_eq!(score(&OurFactors::new(&ours), &other, Some(-10.0)), None);
        other.shared_tags = vec!["storage".into()];
        let scored = score(&OurFactors::new(&ours), &other, Some(-10.0)).unwrap();
        assert_eq!(
            explain(&scored.reasons),
            "shares tag storage; contributing factors of the same kind (technical)"
        );
    }

    #[test]
    fn wording_reasons_name_the_shared_words() {
        let salient = vec![
            "eviction".to_string(),
            "replica".to_string(),
            "quota".to_string(),
        ];
        let words = shared_words(&salient, "The replica lagged after an eviction storm.");
        assert_eq!(words, ["eviction", "replica"]);
        assert_eq!(
            explain(&[RelatedReason::SimilarWording { words }]),
            "similar wording (eviction, replica)"
        );
    }
}
