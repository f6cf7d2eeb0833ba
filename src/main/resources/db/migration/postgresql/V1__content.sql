-- Content-addressed storage: one row per distinct message body or attachment, by SHA-256. Same tables as on SQLite
-- except for types (64-bit integers, bytea) and where large content lives: data holds parts up to the inline
-- threshold; NULL means the bytes are in content_chunk, so that every node sharing the database reads them and a
-- large part is written and read one chunk at a time, never whole in memory.
CREATE TABLE content (
    hash     TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    size     BIGINT NOT NULL,
    refcount BIGINT NOT NULL,
    data     BYTEA
);

CREATE TABLE content_chunk (
    hash     TEXT COLLATE "C" NOT NULL REFERENCES content (hash) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    data     BYTEA   NOT NULL,
    PRIMARY KEY (hash, position)
);
