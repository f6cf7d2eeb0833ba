-- The search index keeps no copy of the text (docs/search.md): message_text becomes a contentless FTS5 table
-- (content='', its rows deletable with contentless_delete=1, SQLite 3.43 or later). A phrase of 3 characters or more
-- is answered by the index as before; a shorter value is checked against the text made again from the message. The
-- columns stay, so rows are written as before; the existing rows are carried over from the text the old table kept.
DROP TRIGGER message_search_released;
CREATE VIRTUAL TABLE message_trigrams USING fts5(
    headers, body, hdr_subject, hdr_from, hdr_to, hdr_cc, hdr_bcc,
    content = '', contentless_delete = 1,
    tokenize = 'trigram case_sensitive 0'
);
INSERT INTO message_trigrams (rowid, headers, body, hdr_subject, hdr_from, hdr_to, hdr_cc, hdr_bcc)
    SELECT rowid, headers, body, hdr_subject, hdr_from, hdr_to, hdr_cc, hdr_bcc FROM message_text;
DROP TABLE message_text;
ALTER TABLE message_trigrams RENAME TO message_text;

CREATE TRIGGER message_search_released AFTER DELETE ON message
BEGIN
    DELETE FROM message_text WHERE rowid = OLD.id;
    DELETE FROM message_search WHERE message_pk = OLD.id;
END;
