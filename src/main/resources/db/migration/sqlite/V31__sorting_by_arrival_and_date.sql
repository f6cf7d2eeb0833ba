-- SORT by ARRIVAL or by DATE in the order of an index of the mailbox, as V26 does for SUBJECT and FROM: the arrival
-- (internal date) and the sent date (DATE's key: the Date: header, else the internal date) copied per mailbox entry
-- by the same triggers. Ordering the entries joined to message_sorting cost SQLite a sort of every entry of the
-- mailbox at each SORT, 85 to 93 ms of CPU for 100,000 (docs/benchmarks.md section 8, thirteenth session).
ALTER TABLE mailbox_message_sorting ADD COLUMN arrival INTEGER;
ALTER TABLE mailbox_message_sorting ADD COLUMN sent INTEGER;

UPDATE mailbox_message_sorting SET (arrival, sent) = (
    SELECT m.internal_date, COALESCE(m.sort_sent, m.internal_date)
    FROM mailbox_message e JOIN message_sorting m ON m.message_id = e.message_id
    WHERE e.mailbox_id = mailbox_message_sorting.mailbox_id AND e.uid = mailbox_message_sorting.uid);

CREATE INDEX mailbox_message_by_arrival ON mailbox_message_sorting (mailbox_id, arrival, uid);
CREATE INDEX mailbox_message_by_sent ON mailbox_message_sorting (mailbox_id, sent, uid);

DROP TRIGGER mailbox_message_sorting_entered;
CREATE TRIGGER mailbox_message_sorting_entered AFTER INSERT ON mailbox_message
BEGIN
    INSERT INTO mailbox_message_sorting (mailbox_id, uid, sort_subject, sort_from, arrival, sent)
    SELECT NEW.mailbox_id, NEW.uid, sort_subject, sort_from, internal_date, COALESCE(sort_sent, internal_date)
    FROM message_sorting WHERE message_id = NEW.message_id;
END;

DROP TRIGGER mailbox_message_sorting_moved;
CREATE TRIGGER mailbox_message_sorting_moved AFTER UPDATE OF mailbox_id, uid ON mailbox_message
BEGIN
    DELETE FROM mailbox_message_sorting WHERE mailbox_id = OLD.mailbox_id AND uid = OLD.uid;
    INSERT INTO mailbox_message_sorting (mailbox_id, uid, sort_subject, sort_from, arrival, sent)
    SELECT NEW.mailbox_id, NEW.uid, sort_subject, sort_from, internal_date, COALESCE(sort_sent, internal_date)
    FROM message_sorting WHERE message_id = NEW.message_id;
END;

DROP TRIGGER message_sorting_entered;
CREATE TRIGGER message_sorting_entered AFTER INSERT ON message_sorting
BEGIN
    INSERT INTO mailbox_message_sorting (mailbox_id, uid, sort_subject, sort_from, arrival, sent)
    SELECT mailbox_id, uid, NEW.sort_subject, NEW.sort_from, NEW.internal_date, COALESCE(NEW.sort_sent, NEW.internal_date)
    FROM mailbox_message WHERE message_id = NEW.message_id;
END;
