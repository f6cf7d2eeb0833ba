-- SORT by SUBJECT or by FROM in the order of an index of the mailbox: a copy of the two keys per mailbox entry, kept
-- by triggers so that every path that adds, removes or moves an entry (APPEND, delivery, COPY, MOVE, JMAP, expunge)
-- keeps it right. Ordering the keys of message_sorting (V25) per message cost SQLite a sort of every entry of the
-- mailbox at each SORT (docs/benchmarks.md section 8, twelfth session). An entry has its row once both the entry and
-- its message's message_sorting row exist, whichever is written last; a message stored before V20 gets them when the
-- start-up fill makes its message_sorting row.
CREATE TABLE mailbox_message_sorting (
    mailbox_id   INTEGER NOT NULL,
    uid          INTEGER NOT NULL,
    sort_subject TEXT NOT NULL,
    sort_from    TEXT,
    PRIMARY KEY (mailbox_id, uid)
) WITHOUT ROWID;

INSERT INTO mailbox_message_sorting
SELECT e.mailbox_id, e.uid, m.sort_subject, m.sort_from
FROM mailbox_message e JOIN message_sorting m ON m.message_id = e.message_id;

-- With the primary key in each entry, a SORT reads the UIDs from the index alone.
CREATE INDEX mailbox_message_by_subject ON mailbox_message_sorting (mailbox_id, sort_subject, uid);
CREATE INDEX mailbox_message_by_from ON mailbox_message_sorting (mailbox_id, sort_from, uid);

CREATE TRIGGER mailbox_message_sorting_entered AFTER INSERT ON mailbox_message
BEGIN
    INSERT INTO mailbox_message_sorting
    SELECT NEW.mailbox_id, NEW.uid, sort_subject, sort_from FROM message_sorting WHERE message_id = NEW.message_id;
END;

CREATE TRIGGER mailbox_message_sorting_left AFTER DELETE ON mailbox_message
BEGIN
    DELETE FROM mailbox_message_sorting WHERE mailbox_id = OLD.mailbox_id AND uid = OLD.uid;
END;

CREATE TRIGGER mailbox_message_sorting_moved AFTER UPDATE OF mailbox_id, uid ON mailbox_message
BEGIN
    DELETE FROM mailbox_message_sorting WHERE mailbox_id = OLD.mailbox_id AND uid = OLD.uid;
    INSERT INTO mailbox_message_sorting
    SELECT NEW.mailbox_id, NEW.uid, sort_subject, sort_from FROM message_sorting WHERE message_id = NEW.message_id;
END;

CREATE TRIGGER message_sorting_entered AFTER INSERT ON message_sorting
BEGIN
    INSERT INTO mailbox_message_sorting
    SELECT mailbox_id, uid, NEW.sort_subject, NEW.sort_from FROM mailbox_message WHERE message_id = NEW.message_id;
END;
