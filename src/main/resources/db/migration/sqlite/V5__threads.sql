-- Thread index: every Message-ID, In-Reply-To and References value of a user's messages, with the message's base
-- subject and thread. A new message joins the thread of any earlier message sharing one of these ids and its base
-- subject (the rule of James's Cassandra backend), found by one indexed lookup instead of a search of the mailbox.
CREATE TABLE thread_key (
    owner           TEXT NOT NULL,
    mime_message_id TEXT NOT NULL,
    base_subject    TEXT,
    message_id      TEXT NOT NULL,
    thread_id       TEXT NOT NULL,
    PRIMARY KEY (owner, mime_message_id, message_id)
);
CREATE INDEX thread_key_by_message ON thread_key (message_id);

-- The messages of a thread, for getMessageIdsInThread.
CREATE INDEX message_by_thread ON message (thread_id);
