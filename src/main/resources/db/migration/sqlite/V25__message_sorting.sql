-- A narrow copy, per message, of what SORT and THREAD read (the V20 columns, the arrival and the size): a SORT or
-- THREAD of a mailbox of 100,000 messages read every entry's wide message row (stored header, MIME properties: about
-- 1.3 KB each, 130 MB) to get about 100 bytes of it (docs/benchmarks.md section 8, tenth session). Written in the
-- transaction that stores the message, right after its V20 columns and from them; gone with the message. The rows of
-- the messages stored so far are copied here; a message stored before V20 gets its row when its columns are filled
-- at start-up (io.syncstore.backend.search.SortingColumns).
CREATE TABLE message_sorting (
    message_id        INTEGER NOT NULL PRIMARY KEY REFERENCES message (id) ON DELETE CASCADE,
    internal_date     INTEGER NOT NULL,
    size              INTEGER NOT NULL,
    sort_sent         INTEGER,
    sort_subject      TEXT NOT NULL,
    sort_reply        INTEGER NOT NULL,
    sort_message_id   TEXT,
    sort_references   TEXT,
    sort_from         TEXT,
    sort_to           TEXT,
    sort_cc           TEXT,
    sort_display_from TEXT,
    sort_display_to   TEXT
);
INSERT INTO message_sorting
SELECT id, internal_date, size, sort_sent, sort_subject, sort_reply, sort_message_id, sort_references, sort_from,
       sort_to, sort_cc, sort_display_from, sort_display_to
FROM message WHERE sort_subject IS NOT NULL;
