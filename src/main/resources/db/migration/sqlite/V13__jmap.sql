-- State of James's JMAP server (RFC 8620/8621) that must outlive a restart.
-- Dates that are read back as dates are ISO-8601 texts with their zone (java.time.ZonedDateTime#toString), so that
-- they come back equal; dates only compared are epoch microseconds.

-- What changed in an account's emails and mailboxes, one row per change, in order: a client at state S gets the
-- rows after the one of state S. Message and mailbox ids are space-separated serialised ids.
CREATE TABLE jmap_email_change (
    seq        INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    account    TEXT    NOT NULL,
    state      TEXT    NOT NULL,
    changed_at BIGINT  NOT NULL,
    delegated  BOOLEAN NOT NULL,
    delivery   BOOLEAN NOT NULL,
    created    TEXT    NOT NULL,
    updated    TEXT    NOT NULL,
    destroyed  TEXT    NOT NULL,
    UNIQUE (account, state)
);
CREATE INDEX jmap_email_change_in_order ON jmap_email_change (account, changed_at, seq);

CREATE TABLE jmap_mailbox_change (
    seq          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    account      TEXT    NOT NULL,
    state        TEXT    NOT NULL,
    changed_at   BIGINT  NOT NULL,
    delegated    BOOLEAN NOT NULL,
    count_change BOOLEAN NOT NULL,
    created      TEXT    NOT NULL,
    updated      TEXT    NOT NULL,
    destroyed    TEXT    NOT NULL,
    UNIQUE (account, state)
);
CREATE INDEX jmap_mailbox_change_in_order ON jmap_mailbox_change (account, changed_at, seq);

-- RFC 8620 §7.2 push subscriptions; types is a comma-separated list of JMAP type names.
CREATE TABLE jmap_push_subscription (
    owner             TEXT    NOT NULL,
    id                TEXT    NOT NULL,
    device_client_id  TEXT    NOT NULL,
    url               TEXT    NOT NULL,
    key_p256dh        TEXT,
    key_auth          TEXT,
    verification_code TEXT    NOT NULL,
    validated         BOOLEAN NOT NULL,
    expires           TEXT    NOT NULL,
    types             TEXT    NOT NULL,
    PRIMARY KEY (owner, id),
    UNIQUE (owner, device_client_id)
);

-- Uploaded blobs; the bytes are in the content store (table content), referenced once per upload.
CREATE TABLE jmap_upload (
    id           TEXT   NOT NULL PRIMARY KEY,
    owner        TEXT   NOT NULL,
    content_type TEXT   NOT NULL,
    size         BIGINT NOT NULL,
    content_hash TEXT   NOT NULL,
    uploaded_at  BIGINT NOT NULL
);
CREATE INDEX jmap_upload_by_age ON jmap_upload (uploaded_at);

-- Preview and attachment flag of each message, computed once at delivery.
CREATE TABLE jmap_message_fast_view (
    message_id     TEXT    NOT NULL PRIMARY KEY,
    preview        TEXT    NOT NULL,
    has_attachment BOOLEAN NOT NULL
);

-- Identities created or changed by users; reply_to and bcc are JSON arrays of {name, email}, NULL when unset.
CREATE TABLE jmap_identity (
    owner          TEXT    NOT NULL,
    id             TEXT    NOT NULL,
    sort_order     INTEGER NOT NULL,
    name           TEXT    NOT NULL,
    email          TEXT    NOT NULL,
    reply_to       TEXT,
    bcc            TEXT,
    text_signature TEXT    NOT NULL,
    html_signature TEXT    NOT NULL,
    may_delete     BOOLEAN NOT NULL,
    PRIMARY KEY (owner, id)
);

-- Draft JMAP access tokens (RFC 8621 clients authenticate with basic auth or JWT instead).
CREATE TABLE jmap_access_token (
    token      TEXT   NOT NULL PRIMARY KEY,
    username   TEXT   NOT NULL,
    expires_at BIGINT NOT NULL
);

-- Vacation responses and the senders already answered during the current one.
CREATE TABLE vacation (
    account   TEXT    NOT NULL PRIMARY KEY,
    enabled   BOOLEAN NOT NULL,
    from_date TEXT,
    to_date   TEXT,
    subject   TEXT,
    text_body TEXT,
    html_body TEXT
);

CREATE TABLE vacation_notification (
    account    TEXT   NOT NULL,
    recipient  TEXT   NOT NULL,
    expires_at BIGINT,
    PRIMARY KEY (account, recipient)
);

-- Event store of James's event-sourced aggregates (JMAP filtering rules, ...): events as JSON, numbered per
-- aggregate from 0. Reading starts at the latest snapshot event.
CREATE TABLE event_store (
    aggregate_id TEXT    NOT NULL,
    event_id     INTEGER NOT NULL,
    snapshot     BOOLEAN NOT NULL,
    event        TEXT    NOT NULL,
    PRIMARY KEY (aggregate_id, event_id)
);
