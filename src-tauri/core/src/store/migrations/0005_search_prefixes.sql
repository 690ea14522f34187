-- The search index gets prefix indexes for the first two and three letters of each word. Search
-- matches every word typed as a prefix, and the short prefixes people type first otherwise make
-- SQLite merge the lists of every word that starts with them. The index is built anew from the
-- rows of the old one (the same rowids, ids and text), which is then dropped.
CREATE VIRTUAL TABLE postmortem_search_prefixed USING fts5 (
    id UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO postmortem_search_prefixed (rowid, id, title, body)
    SELECT rowid, id, title, body FROM postmortem_search;
DROP TABLE postmortem_search;
ALTER TABLE postmortem_search_prefixed RENAME TO postmortem_search;
