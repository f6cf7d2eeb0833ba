-- The search index of the SQLite migration of the same version (docs/search.md), with pg_trgm GIN indexes in place of
-- FTS5's trigram tokenizer: they answer LIKE '%substring%' from the index. pg_trgm is a trusted extension (the
-- database owner may create it) shipped with PostgreSQL's contrib modules.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE message_text (
    rowid       BIGINT NOT NULL PRIMARY KEY REFERENCES message (id) ON DELETE CASCADE,
    headers     TEXT   NOT NULL,
    body        TEXT   NOT NULL,
    hdr_subject TEXT   NOT NULL,
    hdr_from    TEXT   NOT NULL,
    hdr_to      TEXT   NOT NULL,
    hdr_cc      TEXT   NOT NULL,
    hdr_bcc     TEXT   NOT NULL
);
CREATE INDEX message_text_headers ON message_text USING gin (headers gin_trgm_ops);
CREATE INDEX message_text_body ON message_text USING gin (body gin_trgm_ops);
CREATE INDEX message_text_subject ON message_text USING gin (hdr_subject gin_trgm_ops);
CREATE INDEX message_text_from ON message_text USING gin (hdr_from gin_trgm_ops);
CREATE INDEX message_text_to ON message_text USING gin (hdr_to gin_trgm_ops);
CREATE INDEX message_text_cc ON message_text USING gin (hdr_cc gin_trgm_ops);
CREATE INDEX message_text_bcc ON message_text USING gin (hdr_bcc gin_trgm_ops);

CREATE TABLE message_search (
    message_pk BIGINT  NOT NULL PRIMARY KEY REFERENCES message (id) ON DELETE CASCADE,
    format     INTEGER NOT NULL,
    sent_day   INTEGER,
    -- 1: the body text went beyond what is indexed; text keys scan this message
    body_beyond_index INTEGER NOT NULL DEFAULT 0
);
