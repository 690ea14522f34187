//! Readiness scores kept between lookups (`readiness_scores`, schema 7), so that the library can
//! show the scores of the rows it lists without linting each report again. The scores are
//! computed in [`crate::readiness`]; the store keeps each one for the revision of its report it
//! was computed from and for its basis (the hint settings and rules it was computed under), so a
//! save, a change of settings or a new version of the rules makes it count no more.

use super::{json_array, Store};
use crate::ids::PostmortemId;
use crate::Result;
use rusqlite::params;
use std::collections::HashMap;

/// A score computed from one revision of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoreOfRevision {
    pub id: PostmortemId,
    pub revision: i64,
    pub score: u8,
}

impl Store {
    /// The kept scores among `ids` that were computed under `basis` from the report as it is
    /// now (its current revision).
    pub fn kept_scores(
        &self,
        ids: &[PostmortemId],
        basis: &str,
    ) -> Result<HashMap<PostmortemId, u8>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let connection = self.connection();
        let mut statement = connection.prepare_cached(
            "SELECT s.postmortem_id, s.score FROM readiness_scores s
               JOIN postmortems p ON p.id = s.postmortem_id AND p.revision = s.revision
              WHERE s.basis = ?1 AND s.postmortem_id IN (SELECT value FROM json_each(?2))",
        )?;
        let rows = statement
            .query_map(params![basis, json_array(ids)?], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, u8>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(id, score)| Ok((id.parse()?, score)))
            .collect()
    }

    /// Keeps `scores`, computed under `basis`, in place of what was kept for those reports; a
    /// report deleted meanwhile is left out. Kept scores only save work, so nothing is written
    /// (and the answer is `false`) while writes would have to wait for the check of the file.
    pub fn keep_scores(&self, basis: &str, scores: &[ScoreOfRevision]) -> Result<bool> {
        if scores.is_empty() || !self.gate.is_open() {
            return Ok(false);
        }
        let mut connection = self.writer()?;
        let transaction = connection.transaction()?;
        {
            let mut keep = transaction.prepare_cached(
                "INSERT INTO readiness_scores (postmortem_id, revision, basis, score)
                 SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM postmortems WHERE id = ?1)
                 ON CONFLICT (postmortem_id) DO UPDATE
                    SET revision = excluded.revision, basis = excluded.basis,
                        score = excluded.score",
            )?;
            for kept in scores {
                keep.execute(params![
                    kept.id.to_string(),
                    kept.revision,
                    basis,
                    kept.score
                ])?;
            }
        }
        transaction.commit()?;
        Ok(true)
    }
}
