-- James's EmailQueryView (jmap.properties view.email.query.enabled): the messages of each mailbox with the dates
-- Email/query sorts and filters on (epoch microseconds), so that the common queries read an index, not the search.
-- Messages of the same date come in the order they were saved (seq).
CREATE TABLE jmap_email_query_view (
    seq         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    mailbox_id  TEXT   NOT NULL,
    message_id  TEXT   NOT NULL,
    sent_at     BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    UNIQUE (mailbox_id, message_id)
);
CREATE INDEX jmap_email_query_view_by_sent_at ON jmap_email_query_view (mailbox_id, sent_at);
CREATE INDEX jmap_email_query_view_by_received_at ON jmap_email_query_view (mailbox_id, received_at);
