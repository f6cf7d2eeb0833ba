-- Mailboxes, with the per-mailbox counters that allocate UIDs and mod-sequences.
-- owner is '' for mailboxes without a user; expunge_floor_modseq is the modseq below which the expunge log was
-- trimmed: a client resyncing from below it gets every UID it may know reported as expunged (RFC 7162 section 5).
CREATE TABLE mailbox (
    id                   INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    namespace            TEXT    NOT NULL,
    owner                TEXT    NOT NULL,
    name                 TEXT    NOT NULL,
    uid_validity         INTEGER NOT NULL,
    last_uid             INTEGER NOT NULL DEFAULT 0,
    highest_modseq       INTEGER NOT NULL DEFAULT 0,
    expunge_floor_modseq INTEGER NOT NULL DEFAULT 0,
    UNIQUE (namespace, owner, name)
);

-- One row per ACL entry, so that "mailboxes shared with user U with right R" is a lookup.
CREATE TABLE mailbox_acl (
    mailbox_id INTEGER NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE,
    entry_key  TEXT    NOT NULL,
    rights     TEXT    NOT NULL,
    PRIMARY KEY (mailbox_id, entry_key)
);
CREATE INDEX mailbox_acl_by_entry ON mailbox_acl (entry_key);
