-- Subscriptions, annotations and quotas: the tables of the SQLite migration of the same version, with 64-bit
-- counters and limits.
CREATE TABLE subscription (
    username     TEXT COLLATE "C" NOT NULL,
    mailbox_name TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (username, mailbox_name)
);

CREATE TABLE mailbox_annotation (
    mailbox_id       BIGINT NOT NULL,
    annotation_key   TEXT COLLATE "C" NOT NULL,
    annotation_value TEXT NOT NULL,
    PRIMARY KEY (mailbox_id, annotation_key)
);

CREATE TABLE quota_usage (
    quota_root    TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    message_count BIGINT NOT NULL,
    storage_bytes BIGINT NOT NULL
);

CREATE TABLE quota_limit (
    scope     TEXT COLLATE "C" NOT NULL,
    scope_key TEXT COLLATE "C" NOT NULL,
    resource  TEXT COLLATE "C" NOT NULL,
    max_value BIGINT,
    PRIMARY KEY (scope, scope_key, resource)
);
