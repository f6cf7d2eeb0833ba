-- Messages, in two layers:
--  * message: what a message id designates and never changes, shared by every mailbox entry with that id. The
--    header is inline; the body is in the content store (table content), so a body delivered to many mailboxes or
--    copied around is stored once. The row goes with its last mailbox entry, releasing body and attachments.
--  * mailbox_message: one entry per (mailbox, uid) with the mutable state: flags, modseq, save date.
-- The mailbox counters (messages, unseen) are kept in mailbox columns by triggers, so that no code path can make
-- them drift from the UID list: counting with an index costs ~4 ms per 100k messages at every STATUS, a column
-- ~0.2 ms.
CREATE TABLE message (
    id                 INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    message_id         TEXT    NOT NULL UNIQUE,
    thread_id          TEXT    NOT NULL,
    internal_date      INTEGER NOT NULL,
    size               INTEGER NOT NULL,
    body_start         INTEGER NOT NULL,
    textual_line_count INTEGER,
    mime_properties    TEXT    NOT NULL,
    header             BLOB    NOT NULL,
    body_hash          TEXT    NOT NULL REFERENCES content (hash)
);
-- Without it, every content deletion would scan this table to check the foreign key.
CREATE INDEX message_by_body ON message (body_hash);

-- System flags are 0/1 columns so that partial indexes answer "unseen", "recent" and "deleted"; user_flags is a
-- JSON array of the keywords, NULL when there are none.
CREATE TABLE mailbox_message (
    mailbox_id INTEGER NOT NULL REFERENCES mailbox (id),
    uid        INTEGER NOT NULL,
    message_id INTEGER NOT NULL REFERENCES message (id),
    modseq     INTEGER NOT NULL,
    answered   INTEGER NOT NULL,
    deleted    INTEGER NOT NULL,
    draft      INTEGER NOT NULL,
    flagged    INTEGER NOT NULL,
    recent     INTEGER NOT NULL,
    seen       INTEGER NOT NULL,
    user_flags TEXT,
    save_date  INTEGER NOT NULL,
    PRIMARY KEY (mailbox_id, uid)
);
CREATE INDEX mailbox_message_by_modseq ON mailbox_message (mailbox_id, modseq);
CREATE INDEX mailbox_message_unseen ON mailbox_message (mailbox_id, uid) WHERE seen = 0;
CREATE INDEX mailbox_message_recent ON mailbox_message (mailbox_id, uid) WHERE recent = 1;
CREATE INDEX mailbox_message_deleted ON mailbox_message (mailbox_id, uid) WHERE deleted = 1;
CREATE INDEX mailbox_message_keywords ON mailbox_message (mailbox_id, user_flags) WHERE user_flags IS NOT NULL;
CREATE INDEX mailbox_message_by_message ON mailbox_message (message_id);

ALTER TABLE mailbox ADD COLUMN message_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mailbox ADD COLUMN unseen_count INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER mailbox_message_inserted AFTER INSERT ON mailbox_message
BEGIN
    UPDATE mailbox SET message_count = message_count + 1, unseen_count = unseen_count + 1 - NEW.seen
    WHERE id = NEW.mailbox_id;
END;

CREATE TRIGGER mailbox_message_deleted AFTER DELETE ON mailbox_message
BEGIN
    UPDATE mailbox SET message_count = message_count - 1, unseen_count = unseen_count - 1 + OLD.seen
    WHERE id = OLD.mailbox_id;
END;

CREATE TRIGGER mailbox_message_recounted AFTER UPDATE OF mailbox_id, seen ON mailbox_message
WHEN NEW.mailbox_id <> OLD.mailbox_id OR NEW.seen <> OLD.seen
BEGIN
    UPDATE mailbox SET message_count = message_count - 1, unseen_count = unseen_count - 1 + OLD.seen
    WHERE id = OLD.mailbox_id;
    UPDATE mailbox SET message_count = message_count + 1, unseen_count = unseen_count + 1 - NEW.seen
    WHERE id = NEW.mailbox_id;
END;

-- The expunge log: every expunge, delete or move out of a mailbox takes a new modseq of that mailbox and records
-- (uid, modseq) here, so that "UIDs expunged since modseq M" (QRESYNC VANISHED) is an index range scan.
-- It keeps at most expungeLogRetention records per mailbox. Trimming raises mailbox.expunge_floor_modseq to the
-- highest trimmed modseq: the log is complete only above the floor, and a client resyncing from below it must be
-- told every UID it may know (up to UIDNEXT) that is not present, which RFC 7162 section 5 allows.
-- mailbox.expunge_log_size, kept by triggers, tells when to trim without counting the log.
CREATE TABLE expunged_message (
    mailbox_id INTEGER NOT NULL REFERENCES mailbox (id),
    uid        INTEGER NOT NULL,
    modseq     INTEGER NOT NULL
);
CREATE INDEX expunged_message_by_modseq ON expunged_message (mailbox_id, modseq);

ALTER TABLE mailbox ADD COLUMN expunge_log_size INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER expunged_message_inserted AFTER INSERT ON expunged_message
BEGIN
    UPDATE mailbox SET expunge_log_size = expunge_log_size + 1 WHERE id = NEW.mailbox_id;
END;

CREATE TRIGGER expunged_message_deleted AFTER DELETE ON expunged_message
BEGIN
    UPDATE mailbox SET expunge_log_size = expunge_log_size - 1 WHERE id = OLD.mailbox_id;
END;

-- Attachments are stored by the attachment mapper before the message that owns them, hence no foreign key to
-- message; their bytes are in the content store.
CREATE TABLE attachment (
    id           TEXT    NOT NULL PRIMARY KEY,
    message_id   TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    content_hash TEXT    NOT NULL REFERENCES content (hash)
);
CREATE INDEX attachment_by_message ON attachment (message_id);
CREATE INDEX attachment_by_content ON attachment (content_hash);

-- The attachments of a message as the message names them, in their order.
CREATE TABLE message_attachment (
    message_id    INTEGER NOT NULL REFERENCES message (id),
    position      INTEGER NOT NULL,
    attachment_id TEXT    NOT NULL REFERENCES attachment (id),
    name          TEXT,
    cid           TEXT,
    is_inline     INTEGER NOT NULL,
    PRIMARY KEY (message_id, position)
);
CREATE INDEX message_attachment_by_attachment ON message_attachment (attachment_id);
