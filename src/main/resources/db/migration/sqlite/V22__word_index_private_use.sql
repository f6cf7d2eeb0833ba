-- The word index's tokens (io.syncstore.backend.search.IndexTerms) move ASCII punctuation to U+E000 + its code; until
-- now a character of the text in that range was written as it is, so "a.b" and "a" U+E02E "b" had the same token and
-- a search for one found the other. Such characters are now escaped (after U+E080). The tokens stored are of the old
-- form: when the vocabulary holds a word with a character in U+E000..U+E080, every message is indexed again (in the
-- background after start-up, SearchIndexRows.rebuild; SEARCH stays exact meanwhile). Otherwise no token changes.
UPDATE message_search SET format = 0
WHERE EXISTS (SELECT 1 FROM search_term WHERE term GLOB '*[' || char(57344) || '-' || char(57472) || ']*');
