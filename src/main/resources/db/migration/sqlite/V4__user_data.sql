-- Subscriptions are by mailbox name: a user may stay subscribed to a mailbox that was deleted or not yet created.
CREATE TABLE subscription (
    username     TEXT NOT NULL,
    mailbox_name TEXT NOT NULL,
    PRIMARY KEY (username, mailbox_name)
);

-- Mailbox annotations (RFC 5464) by lower-cased key. No foreign key to mailbox: deleting a mailbox deletes its
-- annotations itself.
CREATE TABLE mailbox_annotation (
    mailbox_id       INTEGER NOT NULL,
    annotation_key   TEXT    NOT NULL,
    annotation_value TEXT    NOT NULL,
    PRIMARY KEY (mailbox_id, annotation_key)
);

-- Current usage of each quota root. It may go negative when decreases arrive before the matching increases.
CREATE TABLE quota_usage (
    quota_root    TEXT    NOT NULL PRIMARY KEY,
    message_count INTEGER NOT NULL,
    storage_bytes INTEGER NOT NULL
);

-- Quota limits. scope is 'Global' (scope_key ''), 'Domain' (lower-cased domain) or 'User' (quota root);
-- resource is 'count' or 'size'. A NULL max_value is a limit explicitly set to unlimited, unlike an absent row.
CREATE TABLE quota_limit (
    scope     TEXT NOT NULL,
    scope_key TEXT NOT NULL,
    resource  TEXT NOT NULL,
    max_value INTEGER,
    PRIMARY KEY (scope, scope_key, resource)
);
