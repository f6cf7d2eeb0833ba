-- The search index (docs/search.md). Per message row (shared by its mailbox entries; flags, keywords, modseq and
-- dates are already columns of mailbox_message and message):
--  * message_text: the decoded, case-folded text that IMAP SEARCH matches by substring (RFC 3501 section 6.4.4), in an
--    FTS5 table with the trigram tokenizer, which answers substrings of 3 characters or more from its index.
--  * message_search: what else a search reads per message (the day of the Date: header as written) and the format
--    version the row was made with; a message without a row, or with a row of an older format, is indexed again at
--    start-up. Existing messages are indexed by that start-up pass.
-- Both rows are written in the transaction that stores the message and go with the message row.
CREATE VIRTUAL TABLE message_text USING fts5(
    headers, body, hdr_subject, hdr_from, hdr_to, hdr_cc, hdr_bcc,
    tokenize = 'trigram case_sensitive 0'
);

CREATE TABLE message_search (
    message_pk INTEGER NOT NULL PRIMARY KEY REFERENCES message (id) ON DELETE CASCADE,
    format     INTEGER NOT NULL,
    sent_day   INTEGER,
    -- 1: the body text went beyond what is indexed; text keys scan this message
    body_beyond_index INTEGER NOT NULL DEFAULT 0
);

CREATE TRIGGER message_search_released AFTER DELETE ON message
BEGIN
    DELETE FROM message_text WHERE rowid = OLD.id;
    DELETE FROM message_search WHERE message_pk = OLD.id;
END;
