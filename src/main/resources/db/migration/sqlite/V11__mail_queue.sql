-- Mail that James holds outside mailboxes: accepted and waiting in a mail queue, or kept in a mail repository
-- (errored mail). One spooled_mail row per queued item or repository entry; its MIME content is a reference in
-- the content-addressed store, so a mail moving between queues and repositories is never copied.
CREATE TABLE spooled_mail (
    id                    INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    name                  TEXT    NOT NULL,
    state                 TEXT,
    error_message         TEXT,
    sender                TEXT,              -- NULL for the null sender
    recipients            TEXT    NOT NULL,  -- JSON array of addresses
    remote_host           TEXT,
    remote_addr           TEXT,
    last_updated          INTEGER,           -- epoch milliseconds
    attributes            TEXT    NOT NULL,  -- JSON object, values in James's attribute JSON serialisation
    per_recipient_headers TEXT    NOT NULL,  -- JSON object: recipient -> [{name, value}]
    content_hash          TEXT    NOT NULL REFERENCES content (hash),
    content_size          INTEGER NOT NULL
);

CREATE TABLE mail_queue (
    name TEXT NOT NULL PRIMARY KEY
);

-- id gives the enqueue order. An item is in_flight from its dequeue to its acknowledgement; opening the store
-- puts the items left in flight by a stop back in the queue, so that delivery is at least once.
CREATE TABLE mail_queue_item (
    id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    queue_name    TEXT    NOT NULL REFERENCES mail_queue (name),
    mail_id       INTEGER NOT NULL REFERENCES spooled_mail (id),
    priority      INTEGER NOT NULL,
    next_delivery INTEGER NOT NULL,             -- epoch milliseconds
    in_flight     BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX mail_queue_item_by_queue ON mail_queue_item (queue_name, in_flight, priority, id);

-- Repositories are named by their URL (syncstore://var/mail/error/); mail_key is James's MailKey.
CREATE TABLE mail_repository_url (
    url TEXT NOT NULL PRIMARY KEY
);

CREATE TABLE mail_repository_entry (
    repository TEXT    NOT NULL,
    mail_key   TEXT    NOT NULL,
    mail_id    INTEGER NOT NULL REFERENCES spooled_mail (id),
    PRIMARY KEY (repository, mail_key)
);
