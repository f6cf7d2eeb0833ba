-- The text index becomes a word index (docs/search.md, "Size"): the trigram index of V18 kept positions for every
-- trigram of the text, three times the bytes of the mail, and about a third of the pages an APPEND writes.
--  * message_text: per message, each distinct word (a run of characters other than white space) of each column
--    once, tagged with its column (io.syncstore.backend.search.IndexTerms); contentless, no positions (detail=none).
--  * search_term: every word indexed so far, with a trigram index, to find the words that contain a search value.
--    Words are not removed with the messages: a word no message holds any more finds nothing.
-- The old index has no text to carry over: its rows go, and so do message_search's, so that the start-up pass
-- indexes every message again from its stored content (io.syncstore.backend.search.SearchIndexRows.rebuild).
DROP TRIGGER message_search_released;
DROP TABLE message_text;
DELETE FROM message_search;

CREATE VIRTUAL TABLE message_text USING fts5(
    terms,
    content = '', contentless_delete = 1, detail = none,
    tokenize = 'ascii'
);

CREATE TABLE search_term (
    id   INTEGER PRIMARY KEY,
    term TEXT NOT NULL UNIQUE
);

CREATE VIRTUAL TABLE search_term_trigrams USING fts5(
    term,
    content = '', detail = none, columnsize = 0,
    tokenize = 'trigram case_sensitive 1'
);

CREATE TRIGGER search_term_added AFTER INSERT ON search_term
BEGIN
    INSERT INTO search_term_trigrams (rowid, term) VALUES (NEW.id, NEW.term);
END;

CREATE TRIGGER message_search_released AFTER DELETE ON message
BEGIN
    DELETE FROM message_text WHERE rowid = OLD.id;
    DELETE FROM message_search WHERE message_pk = OLD.id;
END;
