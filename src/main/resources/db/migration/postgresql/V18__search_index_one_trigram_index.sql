-- One pg_trgm GIN index over all the indexed text of a message instead of one per column (docs/search.md): a message
-- holds a trigram once however many of its columns hold it. A search asks the expression indexed here for the
-- value (the index offers candidates) and its columns for the match; PostgreSQL checks both on the stored text. The
-- subject is not in the expression: the header lines hold it as it is.
DROP INDEX message_text_headers;
DROP INDEX message_text_body;
DROP INDEX message_text_subject;
DROP INDEX message_text_from;
DROP INDEX message_text_to;
DROP INDEX message_text_cc;
DROP INDEX message_text_bcc;
CREATE INDEX message_text_all ON message_text
    USING gin ((headers || hdr_from || hdr_to || hdr_cc || hdr_bcc || body) gin_trgm_ops);
