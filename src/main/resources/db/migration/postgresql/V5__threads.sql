-- Thread index: as in the SQLite migration of the same version.
CREATE TABLE thread_key (
    owner           TEXT COLLATE "C" NOT NULL,
    mime_message_id TEXT COLLATE "C" NOT NULL,
    base_subject    TEXT,
    message_id      TEXT COLLATE "C" NOT NULL,
    thread_id       TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (owner, mime_message_id, message_id)
);
CREATE INDEX thread_key_by_message ON thread_key (message_id);

CREATE INDEX message_by_thread ON message (thread_id);
