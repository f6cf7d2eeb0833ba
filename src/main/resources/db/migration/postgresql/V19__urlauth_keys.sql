-- Mailbox access keys of URLAUTH (RFC 4467 §3), one per user and mailbox (by the serialized mailbox id), as lower-case
-- hexadecimal. A reset deletes the row; the next GENURLAUTH makes a new key. A deleted mailbox's key is never read
-- again (a mailbox created later has another id).
CREATE TABLE urlauth_key (
    username   TEXT NOT NULL,
    mailbox_id TEXT NOT NULL,
    access_key TEXT NOT NULL,
    PRIMARY KEY (username, mailbox_id)
);
