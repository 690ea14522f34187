-- Glossary entries get ids, as timeline entries and action items have, so that a hint or a
-- dismissal stays with its entry when others are removed or moved. Rows written before have none;
-- reading gives them one from their position until the report is saved again.
ALTER TABLE glossary_entries ADD COLUMN id TEXT;
