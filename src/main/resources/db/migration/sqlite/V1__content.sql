-- Content-addressed storage: one row per distinct message body or attachment, by SHA-256.
-- data holds parts up to the inline threshold; NULL means the bytes live in the content directory.
CREATE TABLE content (
    hash     TEXT    NOT NULL PRIMARY KEY,
    size     INTEGER NOT NULL,
    refcount INTEGER NOT NULL,
    data     BLOB
);
