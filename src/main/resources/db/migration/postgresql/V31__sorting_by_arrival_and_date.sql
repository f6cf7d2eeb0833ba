-- SORT by ARRIVAL or by DATE in the order of an index of the mailbox, as V26 does for SUBJECT and FROM: the arrival
-- (internal date) and the sent date (DATE's key: the Date: header, else the internal date) copied per mailbox entry
-- by the same triggers. Ordering the entries joined to message_sorting cost a sort of every entry of the mailbox at
-- each SORT (docs/benchmarks.md section 8, thirteenth session).
ALTER TABLE mailbox_message_sorting ADD COLUMN arrival BIGINT, ADD COLUMN sent BIGINT;

UPDATE mailbox_message_sorting k SET arrival = m.internal_date, sent = COALESCE(m.sort_sent, m.internal_date)
FROM mailbox_message e JOIN message_sorting m ON m.message_id = e.message_id
WHERE e.mailbox_id = k.mailbox_id AND e.uid = k.uid;

CREATE INDEX mailbox_message_by_arrival ON mailbox_message_sorting (mailbox_id, arrival, uid);
CREATE INDEX mailbox_message_by_sent ON mailbox_message_sorting (mailbox_id, sent, uid);

CREATE OR REPLACE FUNCTION mailbox_message_sorting_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        DELETE FROM mailbox_message_sorting WHERE mailbox_id = OLD.mailbox_id AND uid = OLD.uid;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO mailbox_message_sorting (mailbox_id, uid, sort_subject, sort_from, arrival, sent)
        SELECT NEW.mailbox_id, NEW.uid, sort_subject, sort_from, internal_date, COALESCE(sort_sent, internal_date)
        FROM message_sorting WHERE message_id = NEW.message_id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION message_sorting_entered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO mailbox_message_sorting (mailbox_id, uid, sort_subject, sort_from, arrival, sent)
    SELECT mailbox_id, uid, NEW.sort_subject, NEW.sort_from, NEW.internal_date, COALESCE(NEW.sort_sent, NEW.internal_date)
    FROM mailbox_message WHERE message_id = NEW.message_id;
    RETURN NULL;
END;
$$;
